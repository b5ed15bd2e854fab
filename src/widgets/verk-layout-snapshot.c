/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verk-layout-snapshot.h"

void
verk_layout_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot,
                      PangoLayout *layout,
                      float        xalign,
                      GtkAlign     valign)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int layout_width, layout_height;
  int x;
  GdkRGBA color;

  pango_layout_get_pixel_size (layout, &layout_width, &layout_height);
  x = pango_layout_get_width (layout) >= 0 ? 0 : (int) ((width - layout_width) * xalign);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, valign == GTK_ALIGN_END
                                                              ? height - layout_height
                                                              : (height - layout_height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}
