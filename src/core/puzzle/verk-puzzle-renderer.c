/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-render"

#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "verk-puzzle-render-private.h"

G_DEFINE_FINAL_TYPE (VerkPuzzleRenderer, verk_puzzle_renderer, G_TYPE_OBJECT)

/* The still picture on an image surface, kept between frames
 *
 * The base is the costly part of a frame (fills, text, outlines); overlay
 * frames reuse it whole. When a piece's score, rank or dimming changes, only
 * the area that piece reaches is drawn again on the kept base, with every
 * piece that reaches into it: what the room changes (one score at a time)
 * costs one piece, not thirteen. Anything else (size, transform, names,
 * style, the surface's format) draws the base afresh. */


static void
base_cache_clear (BaseCache *cache)
{
  g_clear_pointer (&cache->key, g_free);
  g_clear_pointer (&cache->looks, g_free);
  cache->n_looks = 0;
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
}

static PieceLook
piece_look (const VerkPuzzlePiece *piece)
{
  return (PieceLook) { piece->score, piece->rank, (piece->state & VERK_PIECE_DIMMED) != 0 };
}

static gboolean
looks_equal (const PieceLook *a,
             const PieceLook *b)
{
  return a->score == b->score && a->rank == b->rank && a->dimmed == b->dimmed;
}

static char *
base_frame_key (const cairo_matrix_t   *matrix,
                int                     width,
                int                     height,
                cairo_format_t          format,
                const VerkPuzzleLayout *layout,
                const VerkPuzzlePiece  *pieces,
                guint                   n_pieces,
                const VerkPuzzleStyle  *style)
{
  g_autofree char *fit = verk_puzzle_text_fit_key (layout, pieces, n_pieces, verk_puzzle_style_family (style));
  GString *key = g_string_new (fit);
  const cairo_matrix_t m = *matrix;
  char *digest;

  /* The layout is a function of (n, width, height), which fit_key holds. */
  g_string_append_printf (key, "\x1e%d %d %d\x1e%g %g %g %g %g %g", width, height, (int) format,
                          m.xx, m.yx, m.xy, m.yy, m.x0, m.y0);
  g_string_append_len (key, (const char *) style, offsetof (VerkPuzzleStyle, font_family));
  g_string_append_printf (key, "%g", style->scale);
  /* Raw bytes (the style's doubles) may hold NULs: hash them into text. */
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) key->str, key->len);
  g_string_free (key, TRUE);
  return digest;
}

/* Brings @cache up to date for this frame and returns a new reference to its
 * surface: @width × @height pixels, the layout drawn through @matrix. */
static cairo_surface_t *
base_cache_update (VerkPuzzleRenderer     *self,
                   const cairo_matrix_t   *matrix,
                   int                     width,
                   int                     height,
                   cairo_format_t          format,
                   const VerkPuzzleLayout *layout,
                   const VerkPuzzlePiece  *pieces,
                   guint                   n_pieces,
                   const VerkPuzzleStyle  *style,
                   Metrics                *m)
{
  BaseCache *cache = &self->base;
  g_autofree char *key = base_frame_key (matrix, width, height, format, layout, pieces, n_pieces, style);
  cairo_t *bcr;

  if (cache->surface != NULL && g_str_equal (cache->key, key) && cache->n_looks == n_pieces)
    {
      guint n_dirty = 0;

      for (guint i = 0; i < n_pieces; i++)
        {
          PieceLook look = piece_look (&pieces[i]);

          n_dirty += !looks_equal (&cache->looks[i], &look);
        }
      if (n_dirty == 0)
        return cairo_surface_reference (cache->surface);
      /* A few changed pieces: draw only where they reach. */
      if (n_dirty <= MAX (1, n_pieces / 3))
        {
          bcr = cairo_create (cache->surface);
          cairo_set_matrix (bcr, matrix);
          for (guint i = 0; i < n_pieces; i++)
            {
              PieceLook look = piece_look (&pieces[i]);
              cairo_rectangle_t before, after;
              cairo_rectangle_int_t clip, now;

              if (looks_equal (&cache->looks[i], &look))
                continue;
              verk_puzzle_piece_ink_box (layout, i, cache->looks[i].rank, style, m, &before);
              verk_puzzle_piece_ink_box (layout, i, look.rank, style, m, &after);
              clip = verk_puzzle_device_box (bcr, &before);
              now = verk_puzzle_device_box (bcr, &after);
              verk_puzzle_box_union (&clip, &now);
              verk_puzzle_draw_base_region (bcr, layout, pieces, n_pieces, style, m, &clip);
              self->n_base_partial++;
              self->base_pixels += (guint64) clip.width * (guint64) clip.height;
              cache->looks[i] = look;
            }
          cairo_destroy (bcr);
          cairo_surface_flush (cache->surface);
          return cairo_surface_reference (cache->surface);
        }
    }

  base_cache_clear (cache);
  cache->surface = cairo_image_surface_create (format, width, height);
  bcr = cairo_create (cache->surface);
  cairo_set_matrix (bcr, matrix);
  verk_puzzle_draw_base_region (bcr, layout, pieces, n_pieces, style, m, NULL);
  self->n_base_full++;
  self->base_pixels += (guint64) width * (guint64) height;
  cairo_destroy (bcr);
  cairo_surface_flush (cache->surface);
  cache->key = g_steal_pointer (&key);
  cache->n_looks = n_pieces;
  cache->looks = g_new (PieceLook, n_pieces);
  for (guint i = 0; i < n_pieces; i++)
    cache->looks[i] = piece_look (&pieces[i]);
  return cairo_surface_reference (cache->surface);
}

/* verk_puzzle_render()'s one base, for whichever image surface it last drew
 * on. Taken out while in use, so that two threads never draw on it at once
 * (the second then draws its own). */

static void
verk_puzzle_renderer_finalize (GObject *object)
{
  VerkPuzzleRenderer *self = VERK_PUZZLE_RENDERER (object);

  base_cache_clear (&self->base);
  verk_puzzle_marks_clear (self);
  g_clear_pointer (&self->fits, g_hash_table_unref);
  g_clear_pointer (&self->metrics, g_hash_table_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (verk_puzzle_renderer_parent_class)->finalize (object);
}

static void
verk_puzzle_renderer_class_init (VerkPuzzleRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = verk_puzzle_renderer_finalize;
}

static void
verk_puzzle_renderer_init (VerkPuzzleRenderer *self)
{
  self->fits = verk_puzzle_text_fits_new ();
  self->metrics = verk_puzzle_text_metrics_new ();
  g_queue_init (&self->marks);
}

/* The Pango context the renderer measures and draws with, made on first use:
 * a frame that reuses the still picture and draws no text needs none. */
PangoContext *
verk_puzzle_renderer_get_context (VerkPuzzleRenderer *self)
{
  if (self->context == NULL)
    self->context = verk_puzzle_text_context_new ();
  return self->context;
}

static gboolean
can_cache_base (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double dx, dy, sx, sy;

  /* Inside a pushed group the drawing goes elsewhere. */
  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE || cairo_get_group_target (cr) != target)
    return FALSE;
  cairo_surface_get_device_offset (target, &dx, &dy);
  cairo_surface_get_device_scale (target, &sx, &sy);
  return dx == 0 && dy == 0 && sx == 1 && sy == 1;
}

/* Copies rows @y0..@y1, columns @x0..@x1 of @base onto @cr's target as
 * CAIRO_OPERATOR_SOURCE would, with memcpy: when the rows are whole, one
 * call for the whole block, which moves a 4K picture faster than pixman's
 * row by row copy. FALSE, touching nothing, when a clip or a format stands
 * in the way (cairo then copies). */
static gboolean
copy_rows (cairo_t         *cr,
           cairo_surface_t *base,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  cairo_surface_t *target = cairo_get_target (cr);
  int width = cairo_image_surface_get_width (target), height = cairo_image_surface_get_height (target);
  int stride = cairo_image_surface_get_stride (target);
  cairo_rectangle_list_t *clip;
  gboolean whole;
  guchar *to, *from;

  if (cairo_image_surface_get_format (target) != cairo_image_surface_get_format (base)
      || cairo_image_surface_get_format (base) != CAIRO_FORMAT_ARGB32
      || cairo_image_surface_get_width (base) != width || cairo_image_surface_get_height (base) != height
      || cairo_image_surface_get_stride (base) != stride
      || x0 < 0 || y0 < 0 || x1 > width || y1 > height)
    return FALSE;
  /* Only when nothing clips the target (device space; @cr has the identity). */
  clip = cairo_copy_clip_rectangle_list (cr);
  whole = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1
          && clip->rectangles[0].x <= 0 && clip->rectangles[0].y <= 0
          && clip->rectangles[0].x + clip->rectangles[0].width >= width
          && clip->rectangles[0].y + clip->rectangles[0].height >= height;
  cairo_rectangle_list_destroy (clip);
  if (!whole)
    return FALSE;

  cairo_surface_flush (target);
  to = cairo_image_surface_get_data (target);
  from = cairo_image_surface_get_data (base);
  if (to == NULL || from == NULL)
    return FALSE;
  if (x0 == 0 && x1 == width)
    memcpy (to + (gsize) y0 * stride, from + (gsize) y0 * stride, (gsize) (y1 - y0) * stride);
  else
    for (int y = y0; y < y1; y++)
      memcpy (to + (gsize) y * stride + 4 * x0, from + (gsize) y * stride + 4 * x0, (gsize) 4 * (x1 - x0));
  cairo_surface_mark_dirty_rectangle (target, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

/* Paints @base (device pixels, as big as @cr's target) under the puzzle on @cr. */
static void
paint_base (cairo_t                *cr,
            cairo_surface_t        *base,
            const VerkPuzzleLayout *layout,
            const VerkPuzzleStyle  *style)
{
  cairo_matrix_t matrix;
  double w, h;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  cairo_save (cr);
  cairo_get_matrix (cr, &matrix);
  verk_puzzle_layout_get_size (layout, &w, &h);
  /* The base is opaque over the puzzle's rectangle: copy the pixels wholly
   * inside it instead of blending, which is several times faster; blend
   * only the rest (the rim the outlines reach past it). */
  if (style->background.a >= 1 && matrix.xy == 0 && matrix.yx == 0)
    verk_puzzle_inner_device_box (cr, w, h, &x0, &y0, &x1, &y1);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, base, 0, 0);
  if (x1 > x0 && y1 > y0)
    {
      if (!copy_rows (cr, base, x0, y0, x1, y1))
        {
          cairo_save (cr);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_clip (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_rectangle (cr, 0, 0, cairo_image_surface_get_width (base), cairo_image_surface_get_height (base));
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_clip (cr);
    }
  cairo_paint (cr);
  cairo_restore (cr);
}

void
verk_puzzle_renderer_get_redraws (VerkPuzzleRenderer *self,
                                  guint              *n_full,
                                  guint              *n_partial,
                                  guint64            *pixels)
{
  g_return_if_fail (VERK_IS_PUZZLE_RENDERER (self));
  *n_full = self->n_base_full;
  *n_partial = self->n_base_partial;
  *pixels = self->base_pixels;
}

/**
 * verk_puzzle_renderer_new:
 *
 * Returns: (transfer full): a renderer with nothing kept yet.
 */
VerkPuzzleRenderer *
verk_puzzle_renderer_new (void)
{
  return g_object_new (VERK_TYPE_PUZZLE_RENDERER, NULL);
}

#define CHECK_DRAW_ARGS(self, cr, layout, pieces, n_pieces, style) \
  g_return_if_fail (VERK_IS_PUZZLE_RENDERER (self)); \
  g_return_if_fail (cr != NULL && layout != NULL && pieces != NULL && style != NULL); \
  g_return_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout))

/**
 * verk_puzzle_renderer_render:
 * @cr: where to draw, in layout units (the caller sets any transform)
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 *
 * Draws the whole puzzle, as verk_puzzle_render() does. On an image surface
 * the renderer keeps the still picture: reused while only selection, focus,
 * hover or the pulse change, and drawn again only where a piece's score,
 * rank or dimming changed; the overlay's marks come from kept masks. Other
 * surfaces (SVG, PDF, recordings) get the paths and text as always.
 */
void
verk_puzzle_renderer_render (VerkPuzzleRenderer     *self,
                             cairo_t                *cr,
                             const VerkPuzzleLayout *layout,
                             const VerkPuzzlePiece  *pieces,
                             guint                   n_pieces,
                             const VerkPuzzleStyle  *style)
{
  gboolean cached;
  Metrics m;

  CHECK_DRAW_ARGS (self, cr, layout, pieces, n_pieces, style);

  verk_puzzle_metrics_init (&m, self, layout, pieces, n_pieces, style);
  cached = can_cache_base (cr);
  if (cached)
    {
      cairo_surface_t *target = cairo_get_target (cr);
      cairo_surface_t *base;
      cairo_matrix_t matrix;

      cairo_get_matrix (cr, &matrix);
      base = base_cache_update (self, &matrix, cairo_image_surface_get_width (target),
                                cairo_image_surface_get_height (target),
                                cairo_image_surface_get_format (target),
                                layout, pieces, n_pieces, style, &m);
      paint_base (cr, base, layout, style);
      cairo_surface_destroy (base);
    }
  else
    verk_puzzle_draw_base_region (cr, layout, pieces, n_pieces, style, &m, NULL);
  verk_puzzle_draw_overlay (cr, layout, pieces, n_pieces, style, &m, cached);
}

/**
 * verk_puzzle_renderer_render_base:
 * @cr: where to draw, in layout units
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 *
 * Draws the puzzle, afresh, as if no piece were selected, focused, hovered
 * or pulsing. With verk_puzzle_renderer_render_overlay() on top it gives
 * exactly what verk_puzzle_renderer_render() draws.
 */
void
verk_puzzle_renderer_render_base (VerkPuzzleRenderer     *self,
                                  cairo_t                *cr,
                                  const VerkPuzzleLayout *layout,
                                  const VerkPuzzlePiece  *pieces,
                                  guint                   n_pieces,
                                  const VerkPuzzleStyle  *style)
{
  Metrics m;

  CHECK_DRAW_ARGS (self, cr, layout, pieces, n_pieces, style);
  verk_puzzle_metrics_init (&m, self, layout, pieces, n_pieces, style);
  verk_puzzle_draw_base_region (cr, layout, pieces, n_pieces, style, &m, NULL);
}

/**
 * verk_puzzle_renderer_render_overlay:
 * @cr: where to draw, over what verk_puzzle_renderer_render_base() drew
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 *
 * Draws, afresh, what selection, focus, hover and the pulse add to the base.
 */
void
verk_puzzle_renderer_render_overlay (VerkPuzzleRenderer     *self,
                                     cairo_t                *cr,
                                     const VerkPuzzleLayout *layout,
                                     const VerkPuzzlePiece  *pieces,
                                     guint                   n_pieces,
                                     const VerkPuzzleStyle  *style)
{
  gboolean any = FALSE;
  Metrics m;

  CHECK_DRAW_ARGS (self, cr, layout, pieces, n_pieces, style);
  for (guint i = 0; i < n_pieces && !any; i++)
    any = verk_puzzle_is_transient (&pieces[i]);
  if (!any)
    return;
  verk_puzzle_metrics_init (&m, self, layout, pieces, n_pieces, style);
  verk_puzzle_draw_overlay (cr, layout, pieces, n_pieces, style, &m, FALSE);
}

/**
 * verk_puzzle_renderer_get_base:
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 * @x: where the layout's origin lies in the picture, in units
 * @y: likewise
 * @width: the picture's width in units
 * @height: its height
 * @scale: device pixels per unit (the widget's scale factor)
 *
 * What verk_puzzle_renderer_render_base() draws, as an ARGB32 image of
 * @width × @scale by @height × @scale pixels, device scale 1: paint it under
 * a scale of 1 / @scale. Kept and reused; when only some pieces' scores,
 * ranks or dimming changed since the last call, only where those pieces
 * reach is drawn again. The image is changed in place by later calls (a
 * cairo snapshot taken of it keeps the old pixels).
 *
 * Returns: (transfer full): the picture.
 */
cairo_surface_t *
verk_puzzle_renderer_get_base (VerkPuzzleRenderer     *self,
                               const VerkPuzzleLayout *layout,
                               const VerkPuzzlePiece  *pieces,
                               guint                   n_pieces,
                               const VerkPuzzleStyle  *style,
                               double                  x,
                               double                  y,
                               int                     width,
                               int                     height,
                               int                     scale)
{
  cairo_matrix_t matrix;
  Metrics m;

  g_return_val_if_fail (VERK_IS_PUZZLE_RENDERER (self), NULL);
  g_return_val_if_fail (layout != NULL && pieces != NULL && style != NULL, NULL);
  g_return_val_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout), NULL);
  g_return_val_if_fail (width > 0 && height > 0 && scale >= 1, NULL);

  cairo_matrix_init_scale (&matrix, scale, scale);
  cairo_matrix_translate (&matrix, x, y);
  verk_puzzle_metrics_init (&m, self, layout, pieces, n_pieces, style);
  return base_cache_update (self, &matrix, width * scale, height * scale, CAIRO_FORMAT_ARGB32,
                            layout, pieces, n_pieces, style, &m);
}

/**
 * verk_puzzle_renderer_get_name_size:
 * @layout: the layout
 * @pieces: (array length=n_pieces): what the pieces show
 * @n_pieces: as many as the layout has
 * @style: the style (its font family)
 *
 * Returns: the font size, in layout units, in which every name is drawn: the
 *   largest at which each name fits its piece, breaking lines between words.
 */
double
verk_puzzle_renderer_get_name_size (VerkPuzzleRenderer     *self,
                                    const VerkPuzzleLayout *layout,
                                    const VerkPuzzlePiece  *pieces,
                                    guint                   n_pieces,
                                    const VerkPuzzleStyle  *style)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_RENDERER (self), 0);
  g_return_val_if_fail (layout != NULL && pieces != NULL && style != NULL, 0);
  g_return_val_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout), 0);
  return verk_puzzle_text_name_size (self, layout, pieces, n_pieces, verk_puzzle_style_family (style));
}

/**
 * verk_puzzle_renderer_get_badge_text_size:
 * @layout: the layout
 * @pieces: (array length=n_pieces): what the pieces show
 * @n_pieces: as many as the layout has
 * @style: the style (its font family)
 *
 * Returns: the font size, in layout units, of a rank badge's "#N".
 */
double
verk_puzzle_renderer_get_badge_text_size (VerkPuzzleRenderer     *self,
                                          const VerkPuzzleLayout *layout,
                                          const VerkPuzzlePiece  *pieces,
                                          guint                   n_pieces,
                                          const VerkPuzzleStyle  *style)
{
  Metrics m;

  g_return_val_if_fail (VERK_IS_PUZZLE_RENDERER (self), 0);
  g_return_val_if_fail (layout != NULL && pieces != NULL && style != NULL, 0);
  g_return_val_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout), 0);
  verk_puzzle_metrics_init (&m, self, layout, pieces, n_pieces, style);
  return verk_puzzle_badge_height (m.name_size, m.score_size) * BADGE_TEXT_SHARE;
}

/**
 * verk_puzzle_renderer_check_name:
 * @layout: the layout
 * @index: the piece
 * @name: the name to check
 * @size: a font size, as from verk_puzzle_renderer_get_name_size()
 * @style: the style (its font family)
 * @extents: (out) (optional): where the name's lines would go
 *
 * Whether @name, drawn in @size, fits piece @index's text box without a line
 * break inside a word. For tests and for warning about over-long names.
 *
 * Returns: TRUE when it fits.
 */
gboolean
verk_puzzle_renderer_check_name (VerkPuzzleRenderer     *self,
                                 const VerkPuzzleLayout *layout,
                                 guint                   index,
                                 const char             *name,
                                 double                  size,
                                 const VerkPuzzleStyle  *style,
                                 cairo_rectangle_t      *extents)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_RENDERER (self), FALSE);
  g_return_val_if_fail (layout != NULL && style != NULL, FALSE);
  g_return_val_if_fail (index < verk_puzzle_layout_get_n_pieces (layout), FALSE);
  return verk_puzzle_text_check_name (self, layout, index, name, size, verk_puzzle_style_family (style),
                                      extents);
}

/**
 * verk_puzzle_renderer_warm_fonts:
 *
 * Sets up what drawing the names and numbers needs first — the renderer's
 * Pango context, the font map, fontconfig's configuration, the bold face
 * and the content pack's break hints — by laying out a name as the drawing
 * does, in the calling thread.
 */
void
verk_puzzle_renderer_warm_fonts (VerkPuzzleRenderer *self)
{
  const cairo_rectangle_t area = { 0, 0, 400, 200 };
  g_autoptr (PangoLayout) text = NULL;
  gboolean fits;

  g_return_if_fail (VERK_IS_PUZZLE_RENDERER (self));
  /* As a piece's name is laid out: the content pack's break hints too. */
  text = verk_puzzle_text_new_name (self, "Cantarell", "Åä Öx 12345", 20, &area, &fits);
}
