/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The real VerkPuzzleView on an in-memory workshop with 13 scored pieces. */
GtkWidget *bench_hover_view_new          (void);
/* The piece under (x, y) in the view's coordinates, or -1, as the view's own
 * hit test finds it (same margin and layout). */
int        bench_hover_view_piece_at     (GtkWidget *view,
                                          double     x,
                                          double     y);

G_END_DECLS
