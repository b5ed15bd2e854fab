/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "verk-puzzle-render-private.h"

/* The puzzle's colours and style, and the stateless entry points: each
 * draws with a renderer of its own that lives for the one call, so nothing
 * is kept between calls. Whoever draws again and again (a view, an export
 * with many pictures) holds a VerkPuzzleRenderer instead. */

/* viridis at five evenly spaced stops: ordered in lightness, readable by the
 * common colour vision deficiencies and in greyscale. Low scores light. */
static const VerkRgba score_colors[5] = {
  { 0xfd / 255.0, 0xe7 / 255.0, 0x25 / 255.0, 1 },
  { 0x5e / 255.0, 0xc9 / 255.0, 0x62 / 255.0, 1 },
  { 0x21 / 255.0, 0x91 / 255.0, 0x8c / 255.0, 1 },
  { 0x3b / 255.0, 0x52 / 255.0, 0x8b / 255.0, 1 },
  { 0x44 / 255.0, 0x01 / 255.0, 0x54 / 255.0, 1 },
};

/**
 * verk_puzzle_score_color:
 * @score: 1..5
 *
 * Returns: the fill for pieces with that agreed score.
 */
VerkRgba
verk_puzzle_score_color (int score)
{
  g_return_val_if_fail (score >= 1 && score <= 5, score_colors[0]);
  return score_colors[score - 1];
}

VerkRgba
verk_puzzle_rgba (guint32 rgb)
{
  return (VerkRgba) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                      (rgb & 0xff) / 255.0, 1 };
}

/**
 * verk_puzzle_style_init_default:
 * @style: (out caller-allocates): the style to fill
 * @dark: whether the surroundings are dark
 *
 * The colours and type for exports, and the widget's starting point.
 */
void
verk_puzzle_style_init_default (VerkPuzzleStyle *style,
                                gboolean         dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->background = dark ? verk_puzzle_rgba (0x242424) : verk_puzzle_rgba (0xffffff);
  style->unscored_fill = dark ? verk_puzzle_rgba (0x454549) : verk_puzzle_rgba (0xe4e2de);
  style->outline = style->background;
  style->text = dark ? verk_puzzle_rgba (0xffffff) : verk_puzzle_rgba (0x1d1d20);
  style->accent = dark ? verk_puzzle_rgba (0x78aeed) : verk_puzzle_rgba (0x1c71d8);
  style->font_family = "Cantarell";
  style->scale = 1.0;
}

/* WCAG relative luminance. */
double
verk_puzzle_luminance (VerkRgba c)
{
  double v[3] = { c.r, c.g, c.b };

  for (guint i = 0; i < 3; i++)
    v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow ((v[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double
contrast (VerkRgba a,
          VerkRgba b)
{
  double la = verk_puzzle_luminance (a), lb = verk_puzzle_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * verk_puzzle_text_color:
 * @fill: a piece's fill
 *
 * Returns: near-black or white, whichever contrasts more with @fill.
 */
VerkRgba
verk_puzzle_text_color (VerkRgba fill)
{
  VerkRgba dark = verk_puzzle_rgba (0x1d1d20), light = verk_puzzle_rgba (0xffffff);

  return contrast (fill, dark) >= contrast (fill, light) ? dark : light;
}

VerkRgba
verk_puzzle_mix (VerkRgba a,
                 VerkRgba b,
                 double   t)
{
  return (VerkRgba) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t,
                      a.a + (b.a - a.a) * t };
}

void
verk_puzzle_set_source (cairo_t  *cr,
                        VerkRgba  c)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
}


const char *
verk_puzzle_style_family (const VerkPuzzleStyle *style)
{
  return style->font_family != NULL && *style->font_family != '\0' ? style->font_family : "Cantarell";
}

/**
 * verk_puzzle_margin:
 * @width: the whole image's width
 * @height: the whole image's height
 *
 * Returns: the air to leave around the puzzle on each side.
 */
double
verk_puzzle_margin (double width,
                    double height)
{
  return round (0.02 * MIN (width, height));
}

/**
 * verk_puzzle_render_get_overlay_bounds:
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @bounds: (out): the area the overlay may touch, in layout units
 *
 * Returns: FALSE when there is no overlay to draw.
 */
gboolean
verk_puzzle_render_get_overlay_bounds (const VerkPuzzleLayout *layout,
                                       const VerkPuzzlePiece  *pieces,
                                       guint                   n_pieces,
                                       cairo_rectangle_t      *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE, w, h, pad;

  g_return_val_if_fail (layout != NULL && pieces != NULL && bounds != NULL, FALSE);
  verk_puzzle_layout_get_size (layout, &w, &h);
  /* The widest stroke (the pulse, 8 lines) reaches 4 lines out. */
  pad = 5 * MAX (1, MIN (w, h) * 0.006) + 2;
  for (guint i = 0; i < n_pieces; i++)
    {
      cairo_rectangle_t b;

      if (!verk_puzzle_is_transient (&pieces[i]))
        continue;
      verk_puzzle_layout_get_bounds (layout, i, &b);
      x0 = MIN (x0, b.x - pad);
      y0 = MIN (y0, b.y - pad);
      x1 = MAX (x1, b.x + b.width + pad);
      y1 = MAX (y1, b.y + b.height + pad);
    }
  if (x0 > x1)
    return FALSE;
  *bounds = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

/**
 * verk_puzzle_render:
 * @cr: where to draw, in layout units (the caller sets any transform)
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 *
 * Draws the whole puzzle, afresh: the one drawing code for the widget, the
 * image files and the workbook. Keeps nothing; to draw the same puzzle
 * again and again, hold a #VerkPuzzleRenderer.
 */
void
verk_puzzle_render (cairo_t                *cr,
                    const VerkPuzzleLayout *layout,
                    const VerkPuzzlePiece  *pieces,
                    guint                   n_pieces,
                    const VerkPuzzleStyle  *style)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  verk_puzzle_renderer_render_base (renderer, cr, layout, pieces, n_pieces, style);
  verk_puzzle_renderer_render_overlay (renderer, cr, layout, pieces, n_pieces, style);
}

/**
 * verk_puzzle_render_base:
 *
 * The still picture, afresh; see verk_puzzle_renderer_render_base().
 */
void
verk_puzzle_render_base (cairo_t                *cr,
                         const VerkPuzzleLayout *layout,
                         const VerkPuzzlePiece  *pieces,
                         guint                   n_pieces,
                         const VerkPuzzleStyle  *style)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  verk_puzzle_renderer_render_base (renderer, cr, layout, pieces, n_pieces, style);
}

/**
 * verk_puzzle_render_overlay:
 *
 * What selection, focus, hover and the pulse add, afresh; see
 * verk_puzzle_renderer_render_overlay().
 */
void
verk_puzzle_render_overlay (cairo_t                *cr,
                            const VerkPuzzleLayout *layout,
                            const VerkPuzzlePiece  *pieces,
                            guint                   n_pieces,
                            const VerkPuzzleStyle  *style)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  verk_puzzle_renderer_render_overlay (renderer, cr, layout, pieces, n_pieces, style);
}

/**
 * verk_puzzle_render_get_name_size:
 *
 * See verk_puzzle_renderer_get_name_size(); measures afresh.
 */
double
verk_puzzle_render_get_name_size (const VerkPuzzleLayout *layout,
                                  const VerkPuzzlePiece  *pieces,
                                  guint                   n_pieces,
                                  const VerkPuzzleStyle  *style)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  return verk_puzzle_renderer_get_name_size (renderer, layout, pieces, n_pieces, style);
}

/**
 * verk_puzzle_render_get_badge_text_size:
 *
 * See verk_puzzle_renderer_get_badge_text_size(); measures afresh.
 */
double
verk_puzzle_render_get_badge_text_size (const VerkPuzzleLayout *layout,
                                        const VerkPuzzlePiece  *pieces,
                                        guint                   n_pieces,
                                        const VerkPuzzleStyle  *style)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  return verk_puzzle_renderer_get_badge_text_size (renderer, layout, pieces, n_pieces, style);
}

/**
 * verk_puzzle_render_check_name:
 *
 * See verk_puzzle_renderer_check_name(); measures afresh.
 */
gboolean
verk_puzzle_render_check_name (const VerkPuzzleLayout *layout,
                               guint                   index,
                               const char             *name,
                               double                  size,
                               const VerkPuzzleStyle  *style,
                               cairo_rectangle_t      *extents)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  return verk_puzzle_renderer_check_name (renderer, layout, index, name, size, style, extents);
}
