/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The start-up baseline: the smallest GTK4 application that opens a window of
 * the same size as Verkstad's (1280×720) with one label in it, with the same
 * first-frame probe as src/app/verk-window.c. The start-up benchmark runs it
 * alternately with Verkstad and reports their ratio. */
#include <gtk/gtk.h>

static gint64 start_us;
static gboolean reported;

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  gint64 now;

  if (reported)
    return;
  reported = TRUE;
  now = g_get_monotonic_time ();
  g_print ("FIRST_FRAME mono_us=%" G_GINT64_FORMAT " since_main_ms=%.1f\n",
           now, (now - start_us) / 1000.0);
  if (g_getenv ("VERKSTAD_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_realize (GtkWidget *window)
{
  if (g_getenv ("VERKSTAD_FIRST_FRAME") != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                             G_CALLBACK (on_after_paint), window, 0);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GtkApplication) app = NULL;

  start_us = g_get_monotonic_time ();
  app = gtk_application_new ("io.github.verkstad.BenchMinimal", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
