/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room under load, the server side: a workshop of 13 pieces and 30
 * participants in a real database, the room on 127.0.0.1, driven by
 * tests/bench/room_load.py (30 phones and 200 idle connections). When every
 * phone has scored the open piece, the next one opens, as the facilitator
 * would. Prints PORT= and CODE= at start; when the driver closes stdin,
 * prints the CPU time and memory of the load phase as KEY=VALUE lines. */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "verk-content.h"
#include "verk-room-server.h"

#define PHONES 30

typedef struct {
  VerkSession *session;
  GPtrArray   *pieces;     /* VerkItem */
  guint        open;
  GMainLoop   *loop;
  gint64       started;
  struct rusage before;
  long         rss_before_kb;
} Bench;

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
  verk_room_server_stop (room);
  g_ptr_array_unref (b.pieces);
  g_object_unref (b.session);
  g_main_loop_unref (b.loop);
  return 0;
}
