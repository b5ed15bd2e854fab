/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room under load, the server side: a workshop of 13 pieces and 30
 * participants in a real database, the room on 127.0.0.1, driven by
 * tests/bench/room_load.py (30 phones and 200 idle connections). When every
 * phone has scored the open piece, the next one opens, as the facilitator
 * would. Prints PORT= and CODE= at start; when the driver closes stdin,
 * prints the CPU time and memory of the load phase as KEY=VALUE lines.
 *
 * Built as bench-room-view (BENCH_ROOM_VIEW), it also shows the room what the
 * projector shows: a 1280×720 window with the VerkPresentationView of the
 * session, under X11 (Xvfb in the bench). Each time the workshop model
 * changes (a vote written) or the next piece opens, it notes the open piece
 * and how many have scored it; at the window's next after-paint those notes
 * become "painted" samples, printed as paints=T_US:ITEM:COUNT,… so that
 * room_load.py can time vote → model changed → projector redrawn. */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "verk-content.h"
#include "verk-room-server.h"
#ifdef BENCH_ROOM_VIEW
#include <adwaita.h>
#include "verk-presentation-view.h"

/* The widgets' templates and style (glib-compile-resources --manual-register). */
void verk_ui_register_resource (void);
#endif

#define PHONES 30

typedef struct {
  VerkSession *session;
  GPtrArray   *pieces;     /* VerkItem */
  guint        open;
  GMainLoop   *loop;
  gint64       started;
  struct rusage before;
  long         rss_before_kb;
  GArray      *noted;      /* Paint: what the view shows, not painted yet */
  GArray      *painted;    /* Paint: … and the after-paint that showed it */
  gint64       change_started;
  GArray      *update_us;  /* gint64: the view's own handling of one model change */
} Bench;

typedef struct {
  gint64 t_us;
  gint64 item;
  guint  count;
} Paint;

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : 0;
}

static void
on_changed (VerkStore *store,
            int        what,
            gint64     id,
            Bench     *b)
{
  g_autoptr (GPtrArray) scores = NULL;
  VerkItem *piece;
  guint n = 0;

  if (what != VERK_CHANGE_SCORES || b->open >= b->pieces->len)
    return;
  piece = g_ptr_array_index (b->pieces, b->open);
  scores = verk_store_list_scores (store, verk_session_get_workshop_id (b->session), NULL);
  for (guint i = 0; i < scores->len; i++)
    n += ((VerkScore *) g_ptr_array_index (scores, i))->item_id == piece->id;
  if (n < PHONES)
    return;
  /* Everyone has scored: the facilitator moves on. */
  if (++b->open < b->pieces->len)
    verk_session_set_selected_item_id (b->session, ((VerkItem *) g_ptr_array_index (b->pieces, b->open))->id);
}

static gboolean
on_stdin (gint         fd,
          GIOCondition condition,
          gpointer     data)
{
  Bench *b = data;
  char buf[256];
  ssize_t n = read (fd, buf, sizeof buf);

  if (n > 0)
    {
      /* "start": the phones are connected; measure from here. */
      getrusage (RUSAGE_SELF, &b->before);
      b->started = g_get_monotonic_time ();
      b->rss_before_kb = rss_kb ();
      return G_SOURCE_CONTINUE;
    }
  g_main_loop_quit (b->loop);
  return G_SOURCE_REMOVE;
}

static double
cpu_s (const struct rusage *r)
{
  return r->ru_utime.tv_sec + r->ru_utime.tv_usec / 1e6 + r->ru_stime.tv_sec + r->ru_stime.tv_usec / 1e6;
}

#ifdef BENCH_ROOM_VIEW
/* What the presentation shows once it has redrawn: the open piece and how
 * many have scored it (round 1, as the view counts them). */
static void
note_shown (Bench *b)
{
  gint64 item = verk_session_get_selected_item_id (b->session);
  const VerkItemStats *stats = verk_workshop_model_get_item_stats (verk_session_get_model (b->session), item);
  Paint p = { 0, item, stats != NULL ? stats->count : 0 };

  g_array_append_val (b->noted, p);
  if (b->change_started != 0)
    {
      gint64 spent = g_get_monotonic_time () - b->change_started;
      g_array_append_val (b->update_us, spent);
      b->change_started = 0;
    }
}

static void
note_change_start (Bench *b)
{
  b->change_started = g_get_monotonic_time ();
}

static int
cmp_int64 (gconstpointer a,
           gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < b->noted->len; i++)
    {
      Paint p = g_array_index (b->noted, Paint, i);
      p.t_us = now;
      g_array_append_val (b->painted, p);
    }
  g_array_set_size (b->noted, 0);
}

static void
on_window_realized (GtkWidget *window,
                    Bench     *b)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), b);
}

static void
show_projector (Bench *b)
{
  GtkWidget *window;

  adw_init ();
  verk_ui_register_resource ();
  b->update_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Before the view's handler, to time it. */
  g_signal_connect_swapped (verk_session_get_model (b->session), "changed", G_CALLBACK (note_change_start), b);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_child (GTK_WINDOW (window), verk_presentation_view_new (b->session));
  b->noted = g_array_new (FALSE, FALSE, sizeof (Paint));
  b->painted = g_array_new (FALSE, FALSE, sizeof (Paint));
  /* After the view's own handlers: by then it shows the change. */
  g_signal_connect_swapped (verk_session_get_model (b->session), "changed", G_CALLBACK (note_shown), b);
  g_signal_connect_swapped (b->session, "notify::selected-item-id", G_CALLBACK (note_shown), b);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realized), b);
  gtk_window_present (GTK_WINDOW (window));
}

static void
print_paints (Bench *b)
{
  printf ("paints=");
  for (guint i = 0; i < b->painted->len; i++)
    {
      const Paint *p = &g_array_index (b->painted, Paint, i);
      printf ("%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%u", i > 0 ? "," : "", p->t_us, p->item, p->count);
    }
  printf ("\n");
  g_array_sort (b->update_us, cmp_int64);
  if (b->update_us->len > 0)
    printf ("view_update_p50_ms=%.2f\nview_update_p95_ms=%.2f\n",
            g_array_index (b->update_us, gint64, b->update_us->len / 2) / 1000.0,
            g_array_index (b->update_us, gint64, (b->update_us->len - 1) * 95 / 100) / 1000.0);
}
#endif

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkContent) content = NULL;
  g_autoptr (VerkRoomServer) room = NULL;
  long rss_idle_kb;
  struct rusage after;
  gint64 group, workshop;
  Bench b = { 0 };

  if (argc != 2)
    {
      g_printerr ("usage: bench-room DATABASE\n");
      return 2;
    }
  store = verk_store_new (argv[1], &error);
  content = store != NULL ? verk_content_new ("en", &error) : NULL;
  if (content == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  group = verk_store_add_group (store, "Load", "", &error);
  workshop = verk_store_add_workshop (store, group, "2026-12-02", "Bench", &error);
  if (error == NULL)
    verk_content_seed_workshop (content, store, workshop, &error);
  for (guint i = 0; error == NULL && i < PHONES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Phone %u", i + 1);
      verk_store_add_participant (store, workshop, name, &error);
    }
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  b.pieces = verk_store_list_items (store, workshop, "siq", NULL);
  b.session = verk_session_new (store);
  b.loop = g_main_loop_new (NULL, FALSE);
  verk_session_set_workshop_id (b.session, workshop);
  verk_session_set_selected_item_id (b.session, ((VerkItem *) g_ptr_array_index (b.pieces, 0))->id);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &b);
#ifdef BENCH_ROOM_VIEW
  show_projector (&b);
#endif

  rss_idle_kb = rss_kb ();
  room = verk_room_server_new (b.session);
  verk_room_server_set_anonymous (room, TRUE);
  if (!verk_room_server_start (room, VERK_ROOM_LISTEN_LOOPBACK, 0, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("PORT=%u\nCODE=%s\nPIECES=%u\n", verk_room_server_get_port (room),
          verk_room_server_get_join_code (room), b.pieces->len);
  fflush (stdout);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP, on_stdin, &b);
  g_main_loop_run (b.loop);

  getrusage (RUSAGE_SELF, &after);
  printf ("wall_s=%.3f\ncpu_s=%.3f\nrss_idle_kb=%ld\nrss_connected_kb=%ld\nrss_end_kb=%ld\nmaxrss_kb=%ld\n"
          "pieces_done=%u\nconnections=%u\n",
          (g_get_monotonic_time () - b.started) / 1e6, cpu_s (&after) - cpu_s (&b.before),
          rss_idle_kb, b.rss_before_kb, rss_kb (), after.ru_maxrss, b.open,
          verk_room_server_get_n_connections (room));
#ifdef BENCH_ROOM_VIEW
  print_paints (&b);
#endif
  verk_room_server_stop (room);
  g_ptr_array_unref (b.pieces);
  g_object_unref (b.session);
  g_main_loop_unref (b.loop);
  return 0;
}
