/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

#define VERK_PUZZLE_MAX_PIECES 60

typedef enum {
  VERK_DIRECTION_LEFT,
  VERK_DIRECTION_RIGHT,
  VERK_DIRECTION_UP,
  VERK_DIRECTION_DOWN,
} VerkDirection;

/* The jigsaw geometry for n pieces filling a width × height rectangle:
 * deterministic, shared edges identical from both sides, outer edges straight.
 * Immutable once made; cheap to keep and reuse until the size or count changes. */
typedef struct _VerkPuzzleLayout VerkPuzzleLayout;

VerkPuzzleLayout *verk_puzzle_layout_new          (guint                   n_pieces,
                                                   double                  width,
                                                   double                  height);
/* The same with @n_rows rows (0: chosen for the rectangle, as above). */
VerkPuzzleLayout *verk_puzzle_layout_new_in_rows  (guint                   n_pieces,
                                                   double                  width,
                                                   double                  height,
                                                   guint                   n_rows);
guint             verk_puzzle_layout_choose_rows  (guint                   n_pieces,
                                                   double                  width,
                                                   double                  height);
void              verk_puzzle_layout_free         (VerkPuzzleLayout       *layout);
guint             verk_puzzle_layout_get_n_pieces (const VerkPuzzleLayout *layout);
/* Appends piece @index's closed outline to @cr's current path. */
void              verk_puzzle_layout_append_path  (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   cairo_t                *cr);
/* Every edge once, as open subpaths: all outlines in one stroke (round caps). */
void              verk_puzzle_layout_append_edges (const VerkPuzzleLayout *layout,
                                                   cairo_t                *cr);
/* The index of the piece whose outline contains (x, y), or -1. */
int               verk_puzzle_layout_hit_test     (const VerkPuzzleLayout *layout,
                                                   double                  x,
                                                   double                  y);
/* The rectangle inside the piece (away from tabs and blanks) that text may use. */
void              verk_puzzle_layout_get_text_box (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   cairo_rectangle_t      *box);
void              verk_puzzle_layout_get_center   (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   double                 *x,
                                                   double                 *y);
/* The piece reached from @index by an arrow key, or @index when none lies that way. */
guint             verk_puzzle_layout_neighbour    (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   VerkDirection           direction);

/* Added by the puzzle: the layout's shape, for the widget, exports and tests. */
void              verk_puzzle_layout_get_size     (const VerkPuzzleLayout *layout,
                                                   double                 *width,
                                                   double                 *height);
guint             verk_puzzle_layout_get_n_rows   (const VerkPuzzleLayout *layout);
void              verk_puzzle_layout_get_row      (const VerkPuzzleLayout *layout,
                                                   guint                   row,
                                                   guint                  *first,
                                                   guint                  *count);
/* The piece's rectangle without knobs. */
void              verk_puzzle_layout_get_cell     (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   cairo_rectangle_t      *box);
/* The smallest rectangle holding the outline, knobs included. */
void              verk_puzzle_layout_get_bounds   (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   cairo_rectangle_t      *box);
/* Whether piece @index's outline contains (x, y); each point lies in one piece. */
gboolean          verk_puzzle_layout_contains     (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   double                  x,
                                                   double                  y);
double            verk_puzzle_layout_get_knob_depth (const VerkPuzzleLayout *layout);
/* The sides of a piece's outline, clockwise from its top-left corner, as the
 * piece walks them: Bézier points (start, then 3 per cubic) as x, y pairs. */
guint             verk_puzzle_layout_get_n_edges  (const VerkPuzzleLayout *layout,
                                                   guint                   index);
double           *verk_puzzle_layout_get_edge_points (const VerkPuzzleLayout *layout,
                                                   guint                   index,
                                                   guint                   edge,
                                                   guint                  *n_points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkPuzzleLayout, verk_puzzle_layout_free)

G_END_DECLS
