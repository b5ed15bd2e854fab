/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text on the facilitator's window that the room reads too (issue 13): the
 * agreed score's level names and the spread plot's numbers are drawn in at
 * least 14 and 16 px with the app's own style sheet. Measured from the fonts
 * GTK gives the widgets (the plot draws with its widget's font).
 *
 * Selected states by more than colour, with AA contrast in the light and dark
 * styles (meson runs this again with --high-contrast): a chosen
 * score (the score selector, the Material page's score buttons) and the
 * Disagreements First toggle, rendered and sampled. */
#include "config.h"

#include <math.h>
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

static double
luminance (const GdkRGBA *c)
{
  double v[3] = { c->red, c->green, c->blue };

  for (int i = 0; i < 3; i++)
    v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow ((v[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
wait_allocated (GtkWidget *widget)
{
  while (gtk_widget_get_width (widget) == 0 || !gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

/* The widget as drawn (cairo renderer), on the window's background. */
static GdkRGBA
pixel_at (GtkWidget *widget,
          int        x,
          int        y)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderer) renderer = gsk_cairo_renderer_new ();
  GskRenderNode *node;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *data = g_malloc ((gsize) w * h * 4);
  guchar *p;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  gsk_renderer_unrealize (renderer);
  gdk_texture_download (texture, data, (gsize) w * 4);
  p = data + ((gsize) y * w + x) * 4;   /* premultiplied BGRA; opaque here */
  return (GdkRGBA) { p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, p[3] / 255.0 };
}

/* A checked button: its text reads on its fill (4.5:1), and a ring of
 * another colour runs inside its edge (what is not colour alone). */
static void
check_selected (GtkWidget  *button,
                const char *what)
{
  int h = gtk_widget_get_height (button);
  GdkRGBA fg, edge, fill;

  gtk_style_context_get_color (gtk_widget_get_style_context (button), &fg);
  fill = pixel_at (button, 6, h / 2);
  /* The ring's sharpest pixel of the first three (the edge is antialiased). */
  edge = fill;
  for (int x = 0; x < 3; x++)
    {
      GdkRGBA px = pixel_at (button, x, h / 2);

      if (contrast (&px, &fill) > contrast (&edge, &fill))
        edge = px;
    }
  g_test_message ("%s: text %s on %s (%.1f:1), ring %s", what, gdk_rgba_to_string (&fg),
                  gdk_rgba_to_string (&fill), contrast (&fg, &fill), gdk_rgba_to_string (&edge));
  g_assert_cmpfloat (fill.alpha, >, 0.99);
  g_assert_cmpfloat (contrast (&fg, &fill), >=, 4.5);
  g_assert_cmpfloat (contrast (&edge, &fill), >=, 3.0);
}

static double
label_weight (GtkWidget *widget)
{
  GtkWidget *label = GTK_IS_LABEL (widget) ? widget : gtk_widget_get_first_child (widget);

  while (label != NULL && !GTK_IS_LABEL (label))
    label = gtk_widget_get_first_child (label);
  g_assert_nonnull (label);
  return pango_font_description_get_weight (pango_context_get_font_description (gtk_widget_get_pango_context (label)));
}

static void
test_selected_states (void)
{
  for (int dark = 0; dark < 2; dark++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *selector = verk_score_selector_new ();
      GtkWidget *material = gtk_toggle_button_new_with_label ("3");
      GtkWidget *material_off = gtk_toggle_button_new_with_label ("4");
      GtkWidget *disagreements = gtk_toggle_button_new_with_label ("Disagreements First");
      GtkWidget *disagreements_off = gtk_toggle_button_new_with_label ("Disagreements First");
      GtkWidget *chosen = NULL;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      /* As the Material page and the Assess page make them. */
      gtk_widget_add_css_class (material, "verk-score-button");
      gtk_widget_add_css_class (material_off, "verk-score-button");
      gtk_widget_add_css_class (disagreements, "verk-disagreements-toggle");
      gtk_widget_add_css_class (disagreements_off, "verk-disagreements-toggle");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (material), TRUE);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (disagreements), TRUE);
      verk_score_selector_set_value (VERK_SCORE_SELECTOR (selector), 3);
      for (GtkWidget *w = gtk_widget_get_first_child (selector); w != NULL; w = gtk_widget_get_next_sibling (w))
        if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (w)))
          chosen = w;
      gtk_box_append (GTK_BOX (box), selector);
      gtk_box_append (GTK_BOX (box), material);
      gtk_box_append (GTK_BOX (box), material_off);
      gtk_box_append (GTK_BOX (box), disagreements);
      gtk_box_append (GTK_BOX (box), disagreements_off);
      gtk_window_set_child (GTK_WINDOW (window), box);
      gtk_window_present (GTK_WINDOW (window));
      wait_allocated (disagreements_off);

      g_test_message ("%s, high contrast %d", dark ? "dark" : "light",
                      adw_style_manager_get_high_contrast (adw_style_manager_get_default ()));
      check_selected (chosen, "the chosen score");
      check_selected (material, "the Material page's agreed score");
      check_selected (disagreements, "Disagreements First, on");
      /* Heavier type as well as the ring, where the text is not bold anyway. */
      g_assert_cmpfloat (label_weight (disagreements), >, label_weight (disagreements_off));

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int argc, char **argv)
{
  /* --high-contrast: libadwaita's high-contrast style, as its debug switch sets it. */
  if (argc > 1 && g_strcmp0 (argv[argc - 1], "--high-contrast") == 0)
    {
      g_setenv ("ADW_DEBUG_HIGH_CONTRAST", "1", TRUE);
      argv[--argc] = NULL;
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  verk_ui_register_resource ();
  load_style ();

  g_test_add_func ("/readable-text/level-names-and-plot", test_level_names_and_plot);
  g_test_add_func ("/readable-text/selected-states", test_selected_states);
  return g_test_run ();
}
