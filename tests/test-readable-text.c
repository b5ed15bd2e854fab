/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text on the facilitator's window that the room reads too (issue 13): the
 * agreed score's level names and the spread plot's numbers are drawn in at
 * least 14 and 16 px with the app's own style sheet. Measured from the fonts
 * GTK gives the widgets (the plot draws with its widget's font). */
#include "config.h"

#include <adwaita.h>

#include "verk-score-selector.h"
#include "verk-spread-plot.h"

void verk_ui_register_resource (void);

/* The widget's font size in pixels, as Pango lays its text out. */
static double
font_px (GtkWidget *widget)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  /* Points at GTK's 96 dpi, unless the size is absolute already. */
  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
load_style (void)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/verkstad/Verkstad/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

static void
test_level_names_and_plot (void)
{
  static const char *labels[] = { "Inte påbörjat", "Första stegen", "På väg", "Etablerat", "Förebild", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *selector = verk_score_selector_new ();
  GtkWidget *plot = verk_spread_plot_new ();
  GtkWidget *caption;

  verk_score_selector_set_scale (VERK_SCORE_SELECTOR (selector), labels, NULL);
  verk_score_selector_set_captions (VERK_SCORE_SELECTOR (selector), TRUE);
  gtk_box_append (GTK_BOX (box), selector);
  gtk_box_append (GTK_BOX (box), plot);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  caption = find_with_class (selector, "verk-caption");
  g_assert_nonnull (caption);
  g_test_message ("level names %.1f px, spread plot %.1f px", font_px (caption), font_px (plot));
  g_assert_cmpfloat (font_px (caption), >=, 14.0);
  g_assert_cmpfloat (font_px (plot), >=, 16.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  verk_ui_register_resource ();
  load_style ();

  g_test_add_func ("/readable-text/level-names-and-plot", test_level_names_and_plot);
  return g_test_run ();
}
