/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A window with nothing but VerkPuzzleView on a seeded in-memory workshop,
 * for tests/ui/test_puzzle_atspi.py: it checks what a screen reader finds.
 * Prints READY once shown and "ACTIVATED INDEX" for every piece-activated. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-puzzle-view.h"

static void
piece_activated (VerkPuzzleView *view,
                 gint64          item_id,
                 gpointer        user_data)
{
  for (guint i = 0; i < verk_puzzle_view_get_n_pieces (view); i++)
    if (verk_puzzle_view_get_item_id (view, i) == item_id)
      printf ("ACTIVATED %u\n", i);
  fflush (stdout);
}

static gboolean
announce (gpointer data)
{
  VerkPuzzleView *view = data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (view)) || gtk_widget_get_width (GTK_WIDGET (view)) < 100)
    return G_SOURCE_CONTINUE;
  gtk_widget_grab_focus (verk_puzzle_view_get_piece_button (view, 0));
  printf ("READY\n");
  fflush (stdout);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkContent) content = NULL;
  g_autoptr (VerkSession) session = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *localedir = g_getenv ("VERKSTAD_LOCALEDIR");
  GtkWidget *window, *view;
  gint64 group, workshop;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  store = verk_store_new (":memory:", &error);
  content = verk_content_new (NULL, &error);
  g_assert_no_error (error);
  group = verk_store_add_group (store, "Ledningsgruppen", "", &error);
  workshop = verk_store_add_workshop (store, group, "2026-09-01", "", &error);
  verk_content_seed_workshop (content, store, workshop, &error);
  items = verk_store_list_items (store, workshop, "siq", &error);
  verk_store_set_agreed (store, ((VerkItem *) items->pdata[6])->id, 3, "", &error);
  g_assert_no_error (error);

  session = verk_session_new (store);
  verk_session_set_workshop_id (session, workshop);
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Puzzle harness");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  view = verk_puzzle_view_new (session);
  g_signal_connect (view, "piece-activated", G_CALLBACK (piece_activated), NULL);
  gtk_window_set_child (GTK_WINDOW (window), view);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add (20, announce, view);
  g_main_loop_run (loop);
  return 0;
}
