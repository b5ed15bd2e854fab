/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Organisation Overview on its own, for its first frame beside
 * bench-minimal-adw-window (same size, same probe): an AdwApplication whose
 * window holds VerkOrganisationView on the database given, opened as the
 * app opens it (the app's store is open before the overview is).
 *
 *   VERKSTAD_FIRST_FRAME=1 bench-organisation-view DB
 *
 * prints FIRST_FRAME at the first frame painted and FILLED_FRAME at the
 * first frame painted after the view filled its heat map (the window is
 * presented as the app presents it, once the worker's read is in or 0.4 s
 * passed: the same frame unless the read was slower), and VIEW_NEW and
 * READ_IN on the way (where the time goes);
 * VERKSTAD_QUIT_AFTER_FIRST_FRAME=1 then closes the
 * window once the worker is done (which closes the store cleanly, as the
 * app does) and quits;
 * VERKSTAD_STOP_AT_FIRST_FRAME=1 closes it at the first frame instead (to
 * count the instructions before it: valgrind --tool=callgrind). */
#include "config.h"

#include <adwaita.h>

#include "verk-organisation-view.h"

void verk_ui_register_resource (void);

static gint64 start_us;
static gboolean first_reported, filled, filled_reported;
static const char *db_path;

static void
report (const char *what)
{
  gint64 now = g_get_monotonic_time ();

  g_print ("%s mono_us=%" G_GINT64_FORMAT " since_main_ms=%.1f\n", what, now, (now - start_us) / 1000.0);
}

static VerkOrganisationModel *model;

/* The view builds the cells in view inside its model's ::changed: a frame
 * laid out with the matrix there shows the heat map. */
static void
on_layout (GdkFrameClock *clock,
           GtkWidget     *window)
{
  if (verk_organisation_model_get_matrix (model) != NULL)
    filled = TRUE;
}

/* The worker counts the actions done at follow-up once the first frame is
 * drawn (the view lets them go), on a read-only connection of its own: the window closes (and with it the
 * store, cleanly, as the app closes it) once that connection is closed.
 * Closed while it was open, the store would leave its WAL and no
 * clean-close note, and the next run would check the whole file before
 * its window (as the app does after a crash). */
static void
on_model_changed (VerkOrganisationModel *changed,
                  GtkWidget             *window)
{
  const VerkOrgMatrix *matrix = verk_organisation_model_get_matrix (changed);

  if (verk_organisation_model_is_reading (changed) || (matrix != NULL && !matrix->actions_read))
    return;
  g_signal_handlers_disconnect_by_func (changed, on_model_changed, window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* READ_IN: the worker's matrix reached the main loop (the view has shown
 * the window and built the map), to tell the read's share of the time from
 * the view's creation (VIEW_NEW) to its first frame from what follows. */
static void
on_first_read (VerkOrganisationModel *changed,
               gpointer               unused)
{
  if (verk_organisation_model_get_matrix (changed) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (changed, on_first_read, unused);
  report ("READ_IN");
}

static void
quit_when_read (GtkWidget *window)
{
  g_signal_connect (model, "changed", G_CALLBACK (on_model_changed), window);
  on_model_changed (model, window);
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  if (!first_reported)
    {
      first_reported = TRUE;
      report ("FIRST_FRAME");
      if (g_getenv ("VERKSTAD_STOP_AT_FIRST_FRAME") != NULL)
        {
          gtk_window_destroy (GTK_WINDOW (window));
          return;
        }
    }
  if (!filled || filled_reported)
    return;
  filled_reported = TRUE;
  report ("FILLED_FRAME");
  if (g_getenv ("VERKSTAD_QUIT_AFTER_FIRST_FRAME") != NULL)
    quit_when_read (window);
}

static void
on_realize (GtkWidget *window)
{
  if (g_getenv ("VERKSTAD_FIRST_FRAME") != NULL)
    {
      g_signal_connect_object (gtk_widget_get_frame_clock (window), "layout",
                               G_CALLBACK (on_layout), window, G_CONNECT_AFTER);
      g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                               G_CALLBACK (on_after_paint), window, 0);
    }
}

static void
on_activate (GApplication *app)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (db_path, &error);
  GtkWidget *window, *view;

  if (store == NULL)
    {
      g_printerr ("bench-organisation-view: %s\n", error->message);
      g_application_quit (app);
      return;
    }
  /* the view first, as verk_organisation_view_present() makes it: it
   * starts the store's read */
  report ("VIEW_NEW");
  view = verk_organisation_view_new (store, NULL);
  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_title (GTK_WINDOW (window), "Organisation");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  model = verk_organisation_view_get_model (VERK_ORGANISATION_VIEW (view));
  g_signal_connect (model, "changed", G_CALLBACK (on_first_read), NULL);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), view);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  verk_organisation_view_present_window (VERK_ORGANISATION_VIEW (view), GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;

  start_us = g_get_monotonic_time ();
  if (argc != 2)
    {
      g_printerr ("usage: bench-organisation-view DB\n");
      return 2;
    }
  db_path = argv[1];
  verk_ui_register_resource ();
  app = adw_application_new ("io.github.verkstad.BenchOrganisationView", G_APPLICATION_NON_UNIQUE);
  /* the app's resources: AdwApplication loads the app's style.css from
   * there, as the app's window has it (the view's title, the cells' classes) */
  g_application_set_resource_base_path (G_APPLICATION (app), RESOURCE_PREFIX);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
