/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "presentation-fixture.h"
#include "verk-presentation-view.h"

void verk_ui_register_resource (void);

void
presentation_fixture_init (int    *argc,
                           char ***argv)
{
  const char *localedir = g_getenv ("VERKSTAD_LOCALEDIR");
  g_autoptr (GtkCssProvider) provider = NULL;

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  verk_ui_register_resource ();
  /* The application's style, which sets the presentation's type sizes. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/verkstad/Verkstad/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
presentation_fixture_open_store (PresentationFixture *f)
{
  g_autoptr (GError) error = NULL;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
}

void
presentation_fixture_present (PresentationFixture *f,
                              gint64               workshop,
                              int                  width,
                              int                  height)
{
  f->session = verk_session_new (f->store);
  verk_session_set_workshop_id (f->session, workshop);
  f->window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  f->view = verk_presentation_view_new (f->session);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
presentation_fixture_close (PresentationFixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
  g_clear_object (&f->store);
}

gpointer
presentation_fixture_child (PresentationFixture *f,
                            const char          *name)
{
  gpointer found = gtk_widget_get_template_child (f->view, VERK_TYPE_PRESENTATION_VIEW, name);

  g_assert_nonnull (found);
  return found;
}

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

void
presentation_fixture_wait_frames (GtkWidget *widget,
                                  guint      n)
{
  GdkFrameClock *clock;
  guint frames = 0;
  gulong handler;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &frames);
  while (frames < n)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, handler);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

char *
presentation_fixture_save_png (PresentationFixture *f,
                               const char          *name)
{
  const char *build = g_getenv ("VERKSTAD_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build != NULL ? build : ".", "test-artifacts", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (f->window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (f->window), height = gtk_widget_get_height (f->window);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  /* The theme's background under the presentation, as on the screen. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}
