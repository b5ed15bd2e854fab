/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The puzzle side of bench-hover: a VerkPuzzleView showing a workshop whose
 * 13 SIQ pieces all have an agreed score, three of them ranked, made through
 * the store and the content pack the way the app makes them. */
#include "bench-hover-view.h"

#include "verk-content.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-render.h"
#include "verk-puzzle-view.h"
#include "verk-session.h"
#include "verk-store.h"

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-hover: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

GtkWidget *
bench_hover_view_new (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkContent) content = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (VerkSession) session = NULL;
  gint64 group, workshop, ranked[3];
  GtkWidget *view;

  if (store == NULL)
    die ("open store", error);
  verk_content_register_once ();
  content = verk_content_new ("sv", &error);
  if (content == NULL)
    die ("content pack", error);
  group = verk_store_add_group (store, "Ledningsgruppen", "Vård och omsorg", &error);
  workshop = group != 0 ? verk_store_add_workshop (store, group, "2026-03-12", "Karin", &error) : 0;
  if (workshop == 0 || !verk_content_seed_workshop (content, store, workshop, &error))
    die ("make the workshop", error);
  items = verk_store_list_items (store, workshop, "siq", &error);
  if (items == NULL || items->len == 0)
    die ("list items", error);
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);

      if (!verk_store_set_agreed (store, item->id, 1 + (int) (i * 3) % 5, "", &error))
        die ("set agreed", error);
    }
  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    ranked[r] = ((VerkItem *) g_ptr_array_index (items, r * 4))->id;
  if (!verk_store_set_priorities (store, workshop, ranked, G_N_ELEMENTS (ranked), &error))
    die ("set priorities", error);

  session = verk_session_new (store);
  verk_session_set_workshop_id (session, workshop);
  verk_session_set_selected_item_id (session, ((VerkItem *) g_ptr_array_index (items, 4))->id);
  view = verk_puzzle_view_new (session);
  return view;
}

int
bench_hover_view_piece_at (GtkWidget *view,
                           double     x,
                           double     y)
{
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  double margin = verk_puzzle_margin (width, height);
  guint n = verk_puzzle_view_get_n_pieces (VERK_PUZZLE_VIEW (view));
  g_autoptr (VerkPuzzleLayout) layout = NULL;

  if (n == 0)
    return -1;
  layout = verk_puzzle_layout_new (n, MAX (16, width - 2 * margin), MAX (16, height - 2 * margin));
  return verk_puzzle_layout_hit_test (layout, x - margin, y - margin);
}
