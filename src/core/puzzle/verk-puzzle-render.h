/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <cairo.h>
#include "verk-puzzle-layout.h"

G_BEGIN_DECLS

typedef enum {
  VERK_PIECE_SELECTED = 1 << 0,
  VERK_PIECE_FOCUSED  = 1 << 1,   /* keyboard focus ring */
  VERK_PIECE_HOVER    = 1 << 2,
  VERK_PIECE_DIMMED   = 1 << 3,
} VerkPieceState;

/* What one piece shows. */
typedef struct {
  const char     *name;
  int             score;      /* agreed score 1..5, 0 = unscored (neutral) */
  int             rank;       /* priority rank 1.., 0 = none */
  VerkPieceState  state;
  double          pulse;      /* 0..1, the "just scored" animation; 0 when still */
} VerkPuzzlePiece;

typedef struct { double r, g, b, a; } VerkRgba;

/* Colours and type; the widget fills it from the theme, exports use the default. */
typedef struct {
  VerkRgba    background;     /* a == 0: leave the background untouched */
  VerkRgba    unscored_fill;
  VerkRgba    outline;
  VerkRgba    text;
  VerkRgba    accent;         /* selection, focus ring, rank badges */
  const char *font_family;
  double      scale;          /* device pixels per unit, for line widths */
} VerkPuzzleStyle;

void     verk_puzzle_style_init_default (VerkPuzzleStyle *style, gboolean dark);
/* The colour-blind-safe fill for score 1..5. */
VerkRgba verk_puzzle_score_color        (int score);

/* The one drawing code: the widget, PNG/SVG/PDF and the workbook image call it.
 * These functions keep nothing between calls; VerkPuzzleRenderer
 * (verk-puzzle-renderer.h) draws the same and keeps what it measured and drew. */
void     verk_puzzle_render             (cairo_t                *cr,
                                         const VerkPuzzleLayout *layout,
                                         const VerkPuzzlePiece  *pieces,
                                         guint                   n_pieces,
                                         const VerkPuzzleStyle  *style);

/* Renders to PNG, SVG or PDF by the file's extension, through a
 * VerkAtomicFile that never replaces @protected_paths (nullable). */
gboolean verk_puzzle_render_to_file     (const char             *path,
                                         const char * const     *protected_paths,
                                         int                     width,
                                         int                     height,
                                         const VerkPuzzlePiece  *pieces,
                                         guint                   n_pieces,
                                         GError                **error);
/* PNG bytes for embedding (the workbook image). */
GBytes  *verk_puzzle_render_png_bytes   (int                     width,
                                         int                     height,
                                         const VerkPuzzlePiece  *pieces,
                                         guint                   n_pieces,
                                         GError                **error);

/* Added by the puzzle. render = base + overlay: a view keeps the base and
 * redraws only the overlay (selection, focus, hover, pulse) as they change. */
void     verk_puzzle_render_base        (cairo_t                *cr,
                                         const VerkPuzzleLayout *layout,
                                         const VerkPuzzlePiece  *pieces,
                                         guint                   n_pieces,
                                         const VerkPuzzleStyle  *style);
void     verk_puzzle_render_overlay     (cairo_t                *cr,
                                         const VerkPuzzleLayout *layout,
                                         const VerkPuzzlePiece  *pieces,
                                         guint                   n_pieces,
                                         const VerkPuzzleStyle  *style);
/* The area the overlay touches; FALSE when nothing is transient. */
gboolean verk_puzzle_render_get_overlay_bounds (const VerkPuzzleLayout *layout,
                                                const VerkPuzzlePiece  *pieces,
                                                guint                   n_pieces,
                                                cairo_rectangle_t      *bounds);
/* Near-black or white, whichever reads better on @fill. */
VerkRgba verk_puzzle_text_color         (VerkRgba                fill);
/* The one font size, in layout units, in which every name is drawn: the
 * largest at which each name fits its piece, breaking lines between words only. */
double   verk_puzzle_render_get_name_size (const VerkPuzzleLayout *layout,
                                           const VerkPuzzlePiece  *pieces,
                                           guint                   n_pieces,
                                           const VerkPuzzleStyle  *style);
double   verk_puzzle_render_get_badge_text_size (const VerkPuzzleLayout *layout,
                                                 const VerkPuzzlePiece  *pieces,
                                                 guint                   n_pieces,
                                                 const VerkPuzzleStyle  *style);
/* The air the image exports leave around the puzzle; the widget uses it too. */
double   verk_puzzle_margin             (double                  width,
                                         double                  height);
/* Whether @name in @size fits piece @index without breaking a word; where it goes. */
gboolean verk_puzzle_render_check_name  (const VerkPuzzleLayout *layout,
                                         guint                   index,
                                         const char             *name,
                                         double                  size,
                                         const VerkPuzzleStyle  *style,
                                         cairo_rectangle_t      *extents);

G_END_DECLS
