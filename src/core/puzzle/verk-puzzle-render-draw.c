/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "verk-puzzle-render-private.h"

/* How a piece is drawn
 *
 * Three passes over the pieces, so that no piece paints over a neighbour's
 * highlight: (1) fill, name, score and rank badge, dimming; (2) the outlines,
 * in the background colour so the pieces read as separate pieces with a thin
 * gap; (3) hover, selection, keyboard focus and the "just scored" glow.
 * The score is a large number above the name (colour is never the only cue). */

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static VerkRgba
piece_fill (const VerkPuzzlePiece *piece,
            const VerkPuzzleStyle *style)
{
  VerkRgba fill = piece->score >= 1 && piece->score <= 5
                  ? verk_puzzle_score_color (piece->score) : style->unscored_fill;

  /* Dimmed pieces fade towards the background; the text colour then follows
   * the faded fill, so it stays readable. */
  if (piece->state & VERK_PIECE_DIMMED)
    fill = verk_puzzle_mix (fill, style->background.a > 0 ? style->background : style->unscored_fill, 0.6);
  fill.a = 1;
  return fill;
}

/* The rank badge "#N": its text and the pill's width for a badge @height tall. */
static PangoLayout *
badge_text (PangoContext          *context,
            const VerkPuzzleStyle *style,
            int                    rank,
            double                 height,
            double                *width)
{
  g_autofree char *text = g_strdup_printf ("#%d", rank);
  PangoLayout *layout = verk_puzzle_text_new (context, verk_puzzle_style_family (style), PANGO_WEIGHT_BOLD,
                                              height * BADGE_TEXT_SHARE, text, -1);
  PangoRectangle log;

  pango_layout_get_extents (layout, NULL, &log);
  *width = MAX (height, (double) log.width / PANGO_SCALE + height * 0.6);
  return layout;
}

double
verk_puzzle_badge_height (double name_size,
                          double score_size)
{
  return MAX (score_size * 0.42, name_size / BADGE_TEXT_SHARE);
}

static void
draw_badge (cairo_t               *cr,
            PangoContext          *context,
            const VerkPuzzleStyle *style,
            int                    rank,
            double                 x,
            double                 y,
            double                 height)
{
  double w, r = height / 2;
  g_autoptr (PangoLayout) layout = badge_text (context, style, rank, height, &w);
  PangoRectangle log;

  pango_layout_get_extents (layout, NULL, &log);
  cairo_new_path (cr);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, x + w - r, y + r, r, 3 * G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  verk_puzzle_set_source (cr, style->accent);
  cairo_fill_preserve (cr);
  verk_puzzle_set_source (cr, style->background.a > 0 ? style->background : verk_puzzle_rgba (0xffffff));
  cairo_set_line_width (cr, MAX (1, height * 0.06));
  cairo_stroke (cr);
  verk_puzzle_set_source (cr, verk_puzzle_text_color (style->accent));
  show_layout_at (cr, layout, x + (w - (double) log.width / PANGO_SCALE) / 2 - (double) log.x / PANGO_SCALE,
                  y + (height - (double) log.height / PANGO_SCALE) / 2);
}

static void
draw_piece_content (cairo_t                *cr,
                    Metrics                *m,
                    const VerkPuzzleLayout *layout,
                    guint                   index,
                    const VerkPuzzlePiece  *piece,
                    const VerkPuzzleStyle  *style,
                    gboolean                edges_hidden)
{
  PangoContext *context = verk_puzzle_renderer_get_context (m->renderer);
  double name_size = m->name_size, score_size = m->score_size;
  cairo_rectangle_t box, area;
  VerkRgba fill = piece_fill (piece, style);
  VerkRgba ink = verk_puzzle_text_color (fill);
  g_autoptr (PangoLayout) name = NULL;
  g_autoptr (PangoLayout) number = NULL;
  double name_h = 0, number_h = 0, block, y;
  PangoRectangle log;

  verk_puzzle_layout_get_text_box (layout, index, &box);
  verk_puzzle_text_name_area (&box, &area);

  cairo_new_path (cr);
  verk_puzzle_layout_append_path (layout, index, cr);
  verk_puzzle_set_source (cr, fill);
  if (edges_hidden)
    {
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_fill (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }
  else
    cairo_fill (cr);

  if (piece->state & VERK_PIECE_DIMMED)
    ink.a = 0.75;
  verk_puzzle_set_source (cr, ink);
  if (piece->name != NULL && *piece->name != '\0')
    {
      gboolean fits;

      name = verk_puzzle_text_new_name (m->renderer, verk_puzzle_style_family (style), piece->name,
                                        name_size, &area, &fits);
      /* A name too long for any legible size (a custom piece, typed in)
       * breaks anywhere and ends in "…" rather than overflow its piece. */
      if (!fits)
        {
          pango_layout_set_wrap (name, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (name, (int) floor (area.height * PANGO_SCALE));
        }
      pango_layout_get_extents (name, NULL, &log);
      name_h = (double) log.height / PANGO_SCALE;
    }
  if (piece->score >= 1 && piece->score <= 5)
    {
      char digits[2] = { (char) ('0' + piece->score), 0 };
      PangoRectangle ink_rect;

      number = verk_puzzle_text_new (context, verk_puzzle_style_family (style), PANGO_WEIGHT_BOLD,
                                     score_size, digits, -1);
      pango_layout_get_extents (number, &ink_rect, &log);
      number_h = (double) ink_rect.height / PANGO_SCALE;
      /* The number and the name as one block, centred in the box. */
      block = number_h + score_size * 0.18 + name_h;
      y = box.y + (box.height - block) / 2;
      show_layout_at (cr, number, box.x + (box.width - (double) log.width / PANGO_SCALE) / 2,
                      y - (double) ink_rect.y / PANGO_SCALE);
      y += number_h + score_size * 0.18;
    }
  else
    y = box.y + (box.height - name_h) / 2;
  if (name != NULL)
    show_layout_at (cr, name, area.x, y);

  if (piece->rank > 0)
    draw_badge (cr, context, style, piece->rank, box.x, box.y, verk_puzzle_badge_height (name_size, score_size));
}

/**
 * verk_puzzle_metrics_init:
 *
 * Sizes the frame: the names' common size (@renderer keeps it), the score's
 * and the outline's width.
 */
void
verk_puzzle_metrics_init (Metrics                *m,
                          VerkPuzzleRenderer     *renderer,
                          const VerkPuzzleLayout *layout,
                          const VerkPuzzlePiece  *pieces,
                          guint                   n_pieces,
                          const VerkPuzzleStyle  *style)
{
  double w, h;

  verk_puzzle_layout_get_size (layout, &w, &h);
  m->renderer = renderer;
  m->line = MAX (1.0 / MAX (style->scale, 0.1), MIN (w, h) * 0.006);
  m->name_size = verk_puzzle_text_name_size (renderer, layout, pieces, n_pieces, verk_puzzle_style_family (style));
  m->score_size = G_MAXDOUBLE;
  for (guint i = 0; i < n_pieces; i++)
    {
      cairo_rectangle_t box;

      verk_puzzle_layout_get_text_box (layout, i, &box);
      m->score_size = MIN (m->score_size, box.height * SCORE_SHARE * 1.25);
    }
  m->score_size = MAX (m->score_size, m->name_size);
}

gboolean
verk_puzzle_is_transient (const VerkPuzzlePiece *piece)
{
  return (piece->state & TRANSIENT_STATES) != 0 || piece->pulse > 0;
}

/* Hover and the pulse change the fill, so such a piece is drawn again. */
static gboolean
fill_changes (const VerkPuzzlePiece *piece)
{
  return (piece->state & VERK_PIECE_HOVER) != 0 || piece->pulse > 0;
}

/* The smallest device-pixel rectangle holding @box (user units) under @cr's matrix. */
cairo_rectangle_int_t
verk_puzzle_device_box (cairo_t                 *cr,
                        const cairo_rectangle_t *box)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint c = 0; c < 4; c++)
    {
      double x = box->x + (c & 1 ? box->width : 0), y = box->y + (c & 2 ? box->height : 0);

      cairo_user_to_device (cr, &x, &y);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  x0 = floor (x0);
  y0 = floor (y0);
  return (cairo_rectangle_int_t) { (int) x0, (int) y0, (int) (ceil (x1) - x0), (int) (ceil (y1) - y0) };
}

/* The device pixels wholly inside the rectangle (0, 0, @w, @h) in user
 * units, for a transform that keeps axes (scale and translation). */
void
verk_puzzle_inner_device_box (cairo_t *cr,
                              double   w,
                              double   h,
                              int     *x0,
                              int     *y0,
                              int     *x1,
                              int     *y1)
{
  double ax = 0, ay = 0, bx = w, by = h;

  cairo_user_to_device (cr, &ax, &ay);
  cairo_user_to_device (cr, &bx, &by);
  *x0 = (int) ceil (MIN (ax, bx) - 1e-6);
  *y0 = (int) ceil (MIN (ay, by) - 1e-6);
  *x1 = (int) floor (MAX (ax, bx) + 1e-6);
  *y1 = (int) floor (MAX (ay, by) + 1e-6);
}

static gboolean
boxes_meet (const cairo_rectangle_int_t *a,
            const cairo_rectangle_int_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

void
verk_puzzle_box_union (cairo_rectangle_int_t       *a,
                       const cairo_rectangle_int_t *b)
{
  int x0 = MIN (a->x, b->x), y0 = MIN (a->y, b->y);
  int x1 = MAX (a->x + a->width, b->x + b->width), y1 = MAX (a->y + a->height, b->y + b->height);

  *a = (cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 };
}

/* Everything piece @index draws in the still picture lies in this box (user
 * units): its outline with knobs, half the shared outline stroke, its badge. */
void
verk_puzzle_piece_ink_box (const VerkPuzzleLayout *layout,
                           guint                   index,
                           int                     rank,
                           const VerkPuzzleStyle  *style,
                           Metrics                *m,
                           cairo_rectangle_t      *ink)
{
  double pad = m->line + 1, x0, y0, x1, y1;

  verk_puzzle_layout_get_bounds (layout, index, ink);
  x0 = ink->x - pad;
  y0 = ink->y - pad;
  x1 = ink->x + ink->width + pad;
  y1 = ink->y + ink->height + pad;
  if (rank > 0)
    {
      double h = verk_puzzle_badge_height (m->name_size, m->score_size), w, edge = MAX (1, h * 0.06) + 1;
      g_autoptr (PangoLayout) text = badge_text (verk_puzzle_renderer_get_context (m->renderer), style, rank, h, &w);
      cairo_rectangle_t box;

      verk_puzzle_layout_get_text_box (layout, index, &box);
      x0 = MIN (x0, box.x - edge);
      y0 = MIN (y0, box.y - edge);
      x1 = MAX (x1, box.x + w + edge);
      y1 = MAX (y1, box.y + h + edge);
    }
  *ink = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
}

/* The outline (1.5 lines wide, centred on every edge, the puzzle's border
 * too) covers fully every pixel within 0.75 lines, less about a pixel, of an
 * edge. Where that leaves at least 2 device pixels, every pixel whose colour
 * an anti-aliased fill of a piece, or the background under it, would decide
 * lies under the opaque outline: the picture is the same with the pieces
 * filled without anti-aliasing (several times faster) and no background
 * painted under them (the pieces tile the rectangle, so the background shows
 * only under the outline). */
static gboolean
outline_hides_edges (cairo_t               *cr,
                     const VerkPuzzleStyle *style,
                     double                 line)
{
  double ax = line * 0.75, ay = 0, bx = 0, by = line * 0.75;

  if (style->outline.a < 1)
    return FALSE;
  cairo_user_to_device_distance (cr, &ax, &ay);
  cairo_user_to_device_distance (cr, &bx, &by);
  return MIN (hypot (ax, ay), hypot (bx, by)) >= 2.0;
}

/* The still picture; with @clip (device pixels), only that part of it, drawn
 * over whatever was there, with exactly the pixels a whole drawing gives:
 * every piece whose ink reaches into @clip is drawn again, in the same order. */
void
verk_puzzle_draw_base_region (cairo_t                     *cr,
                              const VerkPuzzleLayout      *layout,
                              const VerkPuzzlePiece       *pieces,
                              guint                        n_pieces,
                              const VerkPuzzleStyle       *style,
                              Metrics                     *m,
                              const cairo_rectangle_int_t *clip)
{
  gboolean edges_hidden = outline_hides_edges (cr, style, m->line);
  double w, h;

  verk_puzzle_layout_get_size (layout, &w, &h);
  cairo_save (cr);
  if (clip != NULL)
    {
      cairo_matrix_t matrix;

      int x0, y0, x1, y1;

      cairo_get_matrix (cr, &matrix);
      verk_puzzle_inner_device_box (cr, w, h, &x0, &y0, &x1, &y1);
      cairo_identity_matrix (cr);
      cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (cr);
      /* As a fresh surface starts: transparent. The opaque background
       * covers the pixels wholly inside the puzzle anyway: clear only
       * around them (the matrix keeps axes: the base is only cached so). */
      cairo_save (cr);
      if (style->background.a >= 1 && x1 > x0 && y1 > y0 && matrix.xy == 0 && matrix.yx == 0)
        {
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_clip (cr);
        }
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_set_matrix (cr, &matrix);
    }
  /* A quarter pixel is invisible and makes curved strokes about twice as fast. */
  cairo_set_tolerance (cr, 0.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (style->background.a > 0 && !edges_hidden)
    {
      verk_puzzle_set_source (cr, style->background);
      cairo_rectangle (cr, 0, 0, w, h);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n_pieces; i++)
    {
      VerkPuzzlePiece still = pieces[i];

      if (clip != NULL)
        {
          cairo_rectangle_t ink;
          cairo_rectangle_int_t device;

          verk_puzzle_piece_ink_box (layout, i, pieces[i].rank, style, m, &ink);
          device = verk_puzzle_device_box (cr, &ink);
          if (!boxes_meet (&device, clip))
            continue;
        }
      still.state &= ~TRANSIENT_STATES;
      still.pulse = 0;
      draw_piece_content (cr, m, layout, i, &still, style, edges_hidden);
    }
  /* All outlines in one stroke with each shared edge once: the outlines were
   * half the cost of a full frame (docs/PERFORMANCE.md). Clipped, cairo's
   * stroker skips the edges outside the clip. */
  cairo_new_path (cr);
  verk_puzzle_layout_append_edges (layout, cr);
  verk_puzzle_set_source (cr, style->outline);
  cairo_set_line_width (cr, m->line * 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Overlay marks as kept coverage masks
 *
 * On an image surface the overlay's marks (a piece's hover tint, the hover,
 * selection and focus rings) are drawn from masks kept per piece, line width
 * and transform: painting a colour through a mask gives the same pixels as
 * filling or stroking the path, at a fraction of the cost of rasterising a
 * curved outline again each frame. The pulse's ring changes width every
 * frame, so it is always stroked. The masks are few and small (one piece's
 * box each) and bounded in total; the renderer keeps them. */

typedef enum { MARK_FILL, MARK_STROKE, MARK_DASH } MarkKind;

typedef struct {
  char            *key;
  cairo_surface_t *mask;     /* A8, the mark's coverage */
  int              x, y;     /* its place on the target, in device pixels */
  gsize            bytes;
} Mark;

#define MARK_CACHE_BYTES (40 * 1024 * 1024)
#define MARK_CACHE_COUNT 96

static void
mark_free (Mark *mark)
{
  g_free (mark->key);
  g_clear_pointer (&mark->mask, cairo_surface_destroy);
  g_free (mark);
}

void
verk_puzzle_marks_clear (VerkPuzzleRenderer *self)
{
  g_queue_clear_full (&self->marks, (GDestroyNotify) mark_free);
  self->mark_bytes = 0;
}

/* Draws mark @kind of piece @index in the colour already set on @cr: from a
 * mask @keeper keeps, else (@keeper NULL) as the path itself. */
static void
draw_mark (cairo_t                *cr,
           VerkPuzzleRenderer     *keeper,
           const VerkPuzzleLayout *layout,
           guint                   index,
           MarkKind                kind,
           double                  width,
           double                  line)
{
  g_autofree char *key = NULL;
  cairo_surface_t *target;
  cairo_matrix_t matrix;
  cairo_rectangle_t bounds;
  cairo_rectangle_int_t box;
  Mark *mark = NULL;
  double lw, lh, pad;
  int tw, th;

  if (keeper == NULL)
    {
      cairo_new_path (cr);
      verk_puzzle_layout_append_path (layout, index, cr);
      if (kind == MARK_FILL)
        cairo_fill (cr);
      else
        {
          cairo_save (cr);
          if (kind == MARK_DASH)
            cairo_set_dash (cr, (double[]) { line * 4, line * 3 }, 2, 0);
          cairo_set_line_width (cr, width);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      return;
    }

  target = cairo_get_target (cr);
  tw = cairo_image_surface_get_width (target);
  th = cairo_image_surface_get_height (target);
  cairo_get_matrix (cr, &matrix);
  verk_puzzle_layout_get_size (layout, &lw, &lh);
  key = g_strdup_printf ("%d %u %.9g %.9g|%.9g %.9g %.9g %.9g %.9g %.9g|%.9g %.9g %u|%d %d",
                         (int) kind, index, width, line, matrix.xx, matrix.yx, matrix.xy, matrix.yy,
                         matrix.x0, matrix.y0, lw, lh, verk_puzzle_layout_get_n_pieces (layout), tw, th);

  for (GList *l = keeper->marks.head; l != NULL; l = l->next)
    if (g_str_equal (((Mark *) l->data)->key, key))
      {
        mark = l->data;
        g_queue_unlink (&keeper->marks, l);
        g_queue_push_head_link (&keeper->marks, l);
        cairo_surface_reference (mark->mask);
        break;
      }

  if (mark == NULL)
    {
      cairo_matrix_t shifted = matrix;
      cairo_t *mcr;
      int x1, y1;

      /* The mask covers what the mark can touch, on the target only. */
      verk_puzzle_layout_get_bounds (layout, index, &bounds);
      pad = (kind == MARK_FILL ? 0 : width / 2) + 2;
      bounds = (cairo_rectangle_t) { bounds.x - pad, bounds.y - pad, bounds.width + 2 * pad,
                                     bounds.height + 2 * pad };
      box = verk_puzzle_device_box (cr, &bounds);
      x1 = MIN (tw, box.x + box.width);
      y1 = MIN (th, box.y + box.height);
      box.x = MAX (0, box.x);
      box.y = MAX (0, box.y);
      if (x1 <= box.x || y1 <= box.y)
        return;   /* off the surface */

      mark = g_new0 (Mark, 1);
      mark->x = box.x;
      mark->y = box.y;
      mark->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, x1 - box.x, y1 - box.y);
      mark->bytes = (gsize) cairo_image_surface_get_stride (mark->mask) * (gsize) (y1 - box.y);
      mcr = cairo_create (mark->mask);
      shifted.x0 -= box.x;
      shifted.y0 -= box.y;
      cairo_set_matrix (mcr, &shifted);
      cairo_set_tolerance (mcr, cairo_get_tolerance (cr));
      cairo_set_line_join (mcr, cairo_get_line_join (cr));
      cairo_set_line_cap (mcr, cairo_get_line_cap (cr));
      cairo_set_antialias (mcr, cairo_get_antialias (cr));
      draw_mark (mcr, NULL, layout, index, kind, width, line);
      cairo_destroy (mcr);
      cairo_surface_flush (mark->mask);

      if (mark->bytes <= MARK_CACHE_BYTES / 4)
        {
          g_queue_push_head (&keeper->marks, mark);
          keeper->mark_bytes += mark->bytes;
          mark->key = g_steal_pointer (&key);
          cairo_surface_reference (mark->mask);
          while (keeper->mark_bytes > MARK_CACHE_BYTES || keeper->marks.length > MARK_CACHE_COUNT)
            {
              Mark *old = g_queue_pop_tail (&keeper->marks);

              keeper->mark_bytes -= old->bytes;
              mark_free (old);
            }
        }
      else
        {
          /* Too big to keep: drawn once from its mask, then freed. */
          cairo_save (cr);
          cairo_identity_matrix (cr);
          cairo_mask_surface (cr, mark->mask, mark->x, mark->y);
          cairo_restore (cr);
          mark_free (mark);
          return;
        }
    }

  /* The mark stays valid in the cache even if evicted meanwhile: we hold a
   * reference on its mask, and x, y are copied before use. */
  {
    cairo_surface_t *mask = mark->mask;
    int x = mark->x, y = mark->y;

    cairo_save (cr);
    cairo_identity_matrix (cr);
    cairo_mask_surface (cr, mask, x, y);
    cairo_restore (cr);
    cairo_surface_destroy (mask);
  }
}

void
verk_puzzle_draw_overlay (cairo_t                *cr,
                          const VerkPuzzleLayout *layout,
                          const VerkPuzzlePiece  *pieces,
                          guint                   n_pieces,
                          const VerkPuzzleStyle  *style,
                          Metrics                *m,
                          gboolean                cached)
{
  VerkPuzzleRenderer *keeper = cached ? m->renderer : NULL;
  double line = m->line;

  cairo_save (cr);
  cairo_set_tolerance (cr, 0.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Hover and the pulse tint the piece, text and all, in one translucent
   * fill: no text to lay out again, no outline to stroke again. */
  for (guint i = 0; i < n_pieces; i++)
    if (fill_changes (&pieces[i]))
      {
        VerkPuzzlePiece still = pieces[i];
        VerkRgba tint;

        still.state &= ~TRANSIENT_STATES;
        still.pulse = 0;
        if (pieces[i].pulse > 0)
          {
            tint = verk_puzzle_rgba (0xffffff);
            tint.a = 0.45 * CLAMP (pieces[i].pulse, 0, 1);
            verk_puzzle_set_source (cr, tint);
            draw_mark (cr, keeper, layout, i, MARK_FILL, 0, line);
          }
        if (pieces[i].state & VERK_PIECE_HOVER)
          {
            tint = verk_puzzle_rgba (verk_puzzle_luminance (piece_fill (&still, style)) > 0.4 ? 0x000000 : 0xffffff);
            tint.a = 0.10;
            verk_puzzle_set_source (cr, tint);
            draw_mark (cr, keeper, layout, i, MARK_FILL, 0, line);
          }
      }

  for (guint i = 0; i < n_pieces; i++)
    {
      const VerkPuzzlePiece *piece = &pieces[i];

      if (piece->pulse > 0)
        {
          VerkRgba glow = style->accent;

          glow.a = 0.5 * CLAMP (piece->pulse, 0, 1);
          /* A new width each frame: a mask would never be used again. */
          verk_puzzle_set_source (cr, glow);
          draw_mark (cr, NULL, layout, i, MARK_STROKE, line * (2 + 6 * CLAMP (piece->pulse, 0, 1)), line);
        }
      if ((piece->state & VERK_PIECE_HOVER) && !(piece->state & VERK_PIECE_SELECTED))
        {
          VerkRgba hover = style->accent;

          hover.a = 0.7;
          verk_puzzle_set_source (cr, hover);
          draw_mark (cr, keeper, layout, i, MARK_STROKE, line * 2, line);
        }
      if (piece->state & VERK_PIECE_SELECTED)
        {
          /* Thin enough that its outer half stays clear of the neighbours'
           * text; an inner line in the background colour keeps it visible
           * on a fill close to the accent. */
          verk_puzzle_set_source (cr, style->accent);
          draw_mark (cr, keeper, layout, i, MARK_STROKE, line * 3, line);
          verk_puzzle_set_source (cr, style->background.a > 0 ? style->background : verk_puzzle_rgba (0xffffff));
          draw_mark (cr, keeper, layout, i, MARK_STROKE, line * 0.6, line);
        }
      /* The keyboard moves the selection, so focus on the selected piece
       * needs no mark of its own; focus elsewhere is a dashed ring. */
      if ((piece->state & VERK_PIECE_FOCUSED) && !(piece->state & VERK_PIECE_SELECTED))
        {
          verk_puzzle_set_source (cr, style->accent);
          draw_mark (cr, keeper, layout, i, MARK_DASH, line * 2.5, line);
        }
    }
  cairo_restore (cr);
}

