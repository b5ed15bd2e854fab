/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "verk-puzzle-render.h"
#include "verk-puzzle-renderer.h"

G_BEGIN_DECLS

/* The puzzle's drawing, split by concern:
 *   verk-puzzle-render.c        colours, the style, the stateless entry points
 *   verk-puzzle-render-text.c   fitting the names: sizes, line breaks, soft hyphens
 *   verk-puzzle-render-draw.c   drawing: pieces, badges, outlines, the overlay's marks
 *   verk-puzzle-render-file.c   PNG, SVG and PDF output
 *   verk-puzzle-renderer.c      VerkPuzzleRenderer: the caches and the kept picture */

#define SCORE_SHARE 0.40    /* of the text box's height, above the name */
/* The badge's text is never smaller than the names beside it: the room
 * reads the rank as well as the name. */
#define BADGE_TEXT_SHARE 0.62
/* States that come and go with the pointer, the keyboard and the clock; the
 * rest of the picture stays put while they change. */
#define TRANSIENT_STATES (VERK_PIECE_SELECTED | VERK_PIECE_FOCUSED | VERK_PIECE_HOVER)

/* The still picture on an image surface, kept between frames. */
typedef struct {
  int      score;
  int      rank;
  gboolean dimmed;
} PieceLook;

typedef struct {
  char            *key;      /* the frame: all but each piece's look */
  PieceLook       *looks;
  guint            n_looks;
  cairo_surface_t *surface;
} BaseCache;

struct _VerkPuzzleRenderer
{
  GObject       parent_instance;

  /* owned */
  PangoContext *context;        /* made on first use, in the thread that draws */
  GHashTable   *fits;           /* fit key → double, the common name size */
  GHashTable   *metrics;        /* "family\x1fname" → NameMetrics (NULL: measured the slow way) */
  GQueue        marks;          /* Mark *, most recently used first */
  gsize         mark_bytes;
  BaseCache     base;

  /* What the kept picture cost, for tests (verk_puzzle_renderer_get_redraws). */
  guint         n_base_full;    /* drawn whole */
  guint         n_base_partial; /* drawn again where pieces changed */
  guint64       base_pixels;    /* device pixels drawn again in all */
};

/* What a frame's drawing shares: sizes and the renderer's text set-up. */
typedef struct {
  VerkPuzzleRenderer *renderer;
  double              name_size;
  double              score_size;
  double              line;
} Metrics;

/* verk-puzzle-render.c */
VerkRgba      verk_puzzle_rgba               (guint32                  rgb);
double        verk_puzzle_luminance          (VerkRgba                 c);
VerkRgba      verk_puzzle_mix                (VerkRgba                 a,
                                              VerkRgba                 b,
                                              double                   t);
void          verk_puzzle_set_source         (cairo_t                 *cr,
                                              VerkRgba                 c);
const char   *verk_puzzle_style_family       (const VerkPuzzleStyle   *style);

/* verk-puzzle-render-text.c */
PangoContext *verk_puzzle_text_context_new   (void);
PangoLayout  *verk_puzzle_text_new           (PangoContext            *context,
                                              const char              *family,
                                              PangoWeight              weight,
                                              double                   size,
                                              const char              *text,
                                              double                   width);
/* @name laid out for @area; @fits: whether it fits without a break inside a word. */
PangoLayout  *verk_puzzle_text_new_name      (VerkPuzzleRenderer      *self,
                                              const char              *family,
                                              const char              *name,
                                              double                   size,
                                              const cairo_rectangle_t *area,
                                              gboolean                *fits);
void          verk_puzzle_text_name_area     (const cairo_rectangle_t *box,
                                              cairo_rectangle_t       *area);
char         *verk_puzzle_text_fit_key       (const VerkPuzzleLayout  *layout,
                                              const VerkPuzzlePiece   *pieces,
                                              guint                    n_pieces,
                                              const char              *family);
double        verk_puzzle_text_name_size     (VerkPuzzleRenderer      *self,
                                              const VerkPuzzleLayout  *layout,
                                              const VerkPuzzlePiece   *pieces,
                                              guint                    n_pieces,
                                              const char              *family);
gboolean      verk_puzzle_text_check_name    (VerkPuzzleRenderer      *self,
                                              const VerkPuzzleLayout  *layout,
                                              guint                    index,
                                              const char              *name,
                                              double                   size,
                                              const char              *family,
                                              cairo_rectangle_t       *extents);
GHashTable   *verk_puzzle_text_metrics_new   (void);
GHashTable   *verk_puzzle_text_fits_new      (void);

/* verk-puzzle-render-draw.c */
void          verk_puzzle_metrics_init       (Metrics                 *m,
                                              VerkPuzzleRenderer      *renderer,
                                              const VerkPuzzleLayout  *layout,
                                              const VerkPuzzlePiece   *pieces,
                                              guint                    n_pieces,
                                              const VerkPuzzleStyle   *style);
double        verk_puzzle_badge_height       (double                   name_size,
                                              double                   score_size);
gboolean      verk_puzzle_is_transient       (const VerkPuzzlePiece   *piece);
cairo_rectangle_int_t
              verk_puzzle_device_box         (cairo_t                 *cr,
                                              const cairo_rectangle_t *box);
void          verk_puzzle_inner_device_box   (cairo_t                 *cr,
                                              double                   w,
                                              double                   h,
                                              int                     *x0,
                                              int                     *y0,
                                              int                     *x1,
                                              int                     *y1);
void          verk_puzzle_box_union          (cairo_rectangle_int_t       *a,
                                              const cairo_rectangle_int_t *b);
void          verk_puzzle_piece_ink_box      (const VerkPuzzleLayout  *layout,
                                              guint                    index,
                                              int                      rank,
                                              const VerkPuzzleStyle   *style,
                                              Metrics                 *m,
                                              cairo_rectangle_t       *ink);
void          verk_puzzle_draw_base_region   (cairo_t                     *cr,
                                              const VerkPuzzleLayout      *layout,
                                              const VerkPuzzlePiece       *pieces,
                                              guint                        n_pieces,
                                              const VerkPuzzleStyle       *style,
                                              Metrics                     *m,
                                              const cairo_rectangle_int_t *clip);
/* With @cached, on an image surface, marks come from @m's renderer's masks. */
void          verk_puzzle_draw_overlay       (cairo_t                 *cr,
                                              const VerkPuzzleLayout  *layout,
                                              const VerkPuzzlePiece   *pieces,
                                              guint                    n_pieces,
                                              const VerkPuzzleStyle   *style,
                                              Metrics                 *m,
                                              gboolean                 cached);
void          verk_puzzle_marks_clear        (VerkPuzzleRenderer      *self);

/* verk-puzzle-renderer.c */
PangoContext *verk_puzzle_renderer_get_context (VerkPuzzleRenderer    *self);
/* For tests: how often the kept picture was drawn whole and drawn again in
 * part, and how many device pixels those drawings covered in all. */
void          verk_puzzle_renderer_get_redraws (VerkPuzzleRenderer    *self,
                                                guint                 *n_full,
                                                guint                 *n_partial,
                                                guint64               *pixels);

G_END_DECLS
