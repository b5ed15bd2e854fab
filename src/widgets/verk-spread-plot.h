/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A dot plot of how many participants gave each score 1..5, with the range
 * from the lowest to the highest score highlighted: where the group disagrees
 * is where the conversation is. */
#define VERK_TYPE_SPREAD_PLOT (verk_spread_plot_get_type ())
G_DECLARE_FINAL_TYPE (VerkSpreadPlot, verk_spread_plot, VERK, SPREAD_PLOT, GtkWidget)

GtkWidget *verk_spread_plot_new        (void);
/* @counts: five counts, of scores 1..5. */
void       verk_spread_plot_set_counts (VerkSpreadPlot *self,
                                        const int      *counts);

G_END_DECLS
