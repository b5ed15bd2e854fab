/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-spread-plot"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-spread-plot.h"

struct _VerkSpreadPlot
{
  GtkWidget  parent_instance;

  int        counts[5];
};

G_DEFINE_FINAL_TYPE (VerkSpreadPlot, verk_spread_plot, GTK_TYPE_WIDGET)

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      cx,
           double      y,
           gboolean    bold)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  /* The widget's own font (style.css sizes it for the room), bold or not. */
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  int w, h;

  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, cx - w / 2.0, y);
  pango_cairo_show_layout (cr, layout);
}

/* One line of the plot's text: the numbers under it, the counts above. */
static int
text_height (GtkWidget *widget)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, "×0");
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static void
verk_spread_plot_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  VerkSpreadPlot *self = VERK_SPREAD_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int min = 0, max = 0, most = 1;
  double col, radius, base;
  GdkRGBA fg, accent;
  cairo_t *cr;

  for (int i = 0; i < 5; i++)
    if (self->counts[i] > 0)
      {
        if (min == 0)
          min = i + 1;
        max = i + 1;
        most = MAX (most, self->counts[i]);
      }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup_color (widget, "accent_bg_color", &accent, "#3584e4");

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  col = width / 5.0;
  base = height - text_height (widget) - 8;
  radius = MIN (col / 4.0, (base - text_height (widget) - 6) / (2.0 * most + 1));
  radius = MAX (radius, 2.0);

  /* The range from the lowest to the highest score, behind the dots. */
  if (min > 0)
    {
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.18);
      cairo_rectangle (cr, (min - 1) * col + 4, 0, (max - min + 1) * col - 8, base);
      cairo_fill (cr);
    }

  for (int i = 0; i < 5; i++)
    {
      double cx = col * (i + 0.5);
      g_autofree char *level = g_strdup_printf ("%d", i + 1);
      g_autofree char *count = g_strdup_printf ("×%d", self->counts[i]);

      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, level, cx, base + 4, TRUE);
      for (int k = 0; k < self->counts[i]; k++)
        {
          cairo_arc (cr, cx, base - radius * (2 * k + 1.2), radius * 0.85, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      if (self->counts[i] > 0)
        draw_text (cr, widget, count, cx, 2, FALSE);
    }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, base + 0.5);
  cairo_line_to (cr, width, base + 0.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
verk_spread_plot_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 400;
    }
  else
    {
      /* Two lines of text and room for a few dots between them. */
      *minimum = 2 * text_height (widget) + 70;
      *natural = *minimum + 20;
    }
}

static void
verk_spread_plot_class_init (VerkSpreadPlotClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = verk_spread_plot_snapshot;
  widget_class->measure = verk_spread_plot_measure;
  gtk_widget_class_set_css_name (widget_class, "verk-spread-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
verk_spread_plot_init (VerkSpreadPlot *self)
{
  verk_spread_plot_set_counts (self, (const int[5]) { 0 });
}

/** verk_spread_plot_new: Returns: (transfer floating): an empty plot. */
GtkWidget *
verk_spread_plot_new (void)
{
  return g_object_new (VERK_TYPE_SPREAD_PLOT, NULL);
}

/** verk_spread_plot_set_counts: Shows how many gave each score; names the plot to match. */
void
verk_spread_plot_set_counts (VerkSpreadPlot *self,
                             const int      *counts)
{
  g_autofree char *name = NULL;

  g_return_if_fail (VERK_IS_SPREAD_PLOT (self));

  memcpy (self->counts, counts, sizeof self->counts);
  /* Translators: the accessible name of the dot plot of participants' scores */
  name = g_strdup_printf (_("Scores given: 1 by %d, 2 by %d, 3 by %d, 4 by %d, 5 by %d"),
                          counts[0], counts[1], counts[2], counts[3], counts[4]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
