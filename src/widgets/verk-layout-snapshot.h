/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Draws @layout in @widget's text colour within the widget's size: at
 * @xalign across (0 left, 0.5 centred, 1 right; a layout given a width
 * aligns its lines within it itself, and is drawn at the left) and at
 * @valign down (GTK_ALIGN_END at the bottom, anything else in the middle).
 * What a widget that draws its own text (VerkFitLabel, the Organisation
 * Overview's cells) does in its snapshot. */
void verk_layout_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot,
                           PangoLayout *layout,
                           float        xalign,
                           GtkAlign     valign);

G_END_DECLS
