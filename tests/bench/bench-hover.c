/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-hover [--baseline]: the puzzle widget's frame times while the pointer
 * moves across every piece, under X11 (Xvfb in the bench).
 *
 * An undecorated 1600×900 window at the screen's origin holds a VerkPuzzleView
 * showing a workshop with 13 scored pieces (an in-memory store). After the
 * first frame it runs xdotool to move the real pointer over a serpentine grid
 * of points covering the window, one move every 25 ms, and records each frame
 * through GdkFrameClock: paint = before-paint → after-paint (update, layout,
 * snapshot, cairo render), interval = after-paint → next after-paint.
 *
 * --baseline shows a GtkDrawingArea that fills itself with one colour and
 * redraws on every motion instead: the same window, pointer path and number
 * of frames with nothing to draw, i.e. GTK's own cost per frame.
 * Prints KEY=VALUE lines for bench.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <adwaita.h>

#include "bench-hover-view.h"

#define WIDTH 1600
#define HEIGHT 900
#define GRID_X 20
#define GRID_Y 11
#define MOVE_S "0.025"

typedef struct {
  GtkWidget *window;
  GtkWidget *child;
  gboolean   baseline;
  gboolean   moving;
  gboolean   done;
  gint64     frame_start;
  gint64     last_after;
  GArray    *paint_ms;
  GArray    *interval_ms;
  guint      first_frames;
  GHashTable *hovered;
} Bench;

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *values, double p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, (guint) (p * (values->len - 1) + 0.5));
}

static void
fill_draw (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.97);
  cairo_paint (cr);
}

static void
baseline_motion (GtkEventControllerMotion *controller,
                 double                    x,
                 double                    y,
                 Bench                    *bench)
{
  gtk_widget_queue_draw (bench->child);
}

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
}

static void
xdotool_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_printerr ("bench-hover: xdotool: %s\n", error->message);
  bench->moving = FALSE;
  bench->done = TRUE;
}

/* One xdotool process moves the pointer over the whole path, so no process
 * start-up falls between two moves. */
static void
start_moving (Bench *bench)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) proc = NULL;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  for (int j = 0; j < GRID_Y; j++)
    for (int i = 0; i < GRID_X; i++)
      {
        int col = j % 2 == 0 ? i : GRID_X - 1 - i;
        int x = (int) ((col + 0.5) * WIDTH / GRID_X);
        int y = (int) ((j + 0.5) * HEIGHT / GRID_Y);

        if (!bench->baseline)
          {
            int piece = bench_hover_view_piece_at (bench->child, x, y);
            if (piece >= 0)
              g_hash_table_add (bench->hovered, GINT_TO_POINTER (piece + 1));
          }
        g_ptr_array_add (argv, g_strdup ("mousemove"));
        g_ptr_array_add (argv, g_strdup_printf ("%d", x));
        g_ptr_array_add (argv, g_strdup_printf ("%d", y));
        g_ptr_array_add (argv, g_strdup ("sleep"));
        g_ptr_array_add (argv, g_strdup (MOVE_S));
      }
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  if (proc == NULL)
    {
      g_printerr ("bench-hover: cannot run xdotool: %s\n", error->message);
      exit (1);
    }
  bench->moving = TRUE;
  bench->last_after = 0;
  g_subprocess_wait_check_async (proc, NULL, xdotool_done, bench);
}

static gboolean
settle_then_move (gpointer user_data)
{
  start_moving (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  double paint = (now - bench->frame_start) / 1000.0;

  if (bench->first_frames++ == 0)
    {
      /* Park the pointer outside the puzzle, let start-up work settle, go. */
      g_spawn_command_line_sync ("xdotool mousemove 1900 1060", NULL, NULL, NULL, NULL);
      g_timeout_add (500, settle_then_move, bench);
      return;
    }
  if (!bench->moving)
    return;
  g_array_append_val (bench->paint_ms, paint);
  if (bench->last_after != 0)
    {
      double interval = (now - bench->last_after) / 1000.0;
      g_array_append_val (bench->interval_ms, interval);
    }
  bench->last_after = now;
}

static void
on_realize (GtkWidget *window,
            Bench     *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), bench);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  gint64 deadline;

  bench.baseline = argc > 1 && strcmp (argv[1], "--baseline") == 0;
  bench.paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.hovered = g_hash_table_new (NULL, NULL);

  adw_init ();   /* the view reads libadwaita's style manager */
  if (bench.baseline)
    {
      GtkEventController *motion = gtk_event_controller_motion_new ();

      bench.child = gtk_drawing_area_new ();
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bench.child), fill_draw, NULL, NULL);
      g_signal_connect (motion, "motion", G_CALLBACK (baseline_motion), &bench);
      gtk_widget_add_controller (bench.child, motion);
    }
  else
    {
      bench.child = bench_hover_view_new ();
    }

  bench.window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (bench.window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (bench.window), bench.child);
  g_signal_connect (bench.window, "realize", G_CALLBACK (on_realize), &bench);
  gtk_window_present (GTK_WINDOW (bench.window));

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!bench.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!bench.done)
    {
      g_printerr ("bench-hover: the pointer path did not finish within 60 s\n");
      return 1;
    }

  printf ("size=%dx%d\n", WIDTH, HEIGHT);
  printf ("moves=%d\n", GRID_X * GRID_Y);
  printf ("frames=%u\n", bench.paint_ms->len);
  printf ("pieces_hovered=%u\n", g_hash_table_size (bench.hovered));
  printf ("paint_ms=%.3f\n", percentile (bench.paint_ms, 0.5));
  printf ("paint_p95_ms=%.3f\n", percentile (bench.paint_ms, 0.95));
  printf ("paint_max_ms=%.3f\n", percentile (bench.paint_ms, 1.0));
  printf ("interval_ms=%.3f\n", percentile (bench.interval_ms, 0.5));
  printf ("interval_p95_ms=%.3f\n", percentile (bench.interval_ms, 0.95));

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_array_unref (bench.paint_ms);
  g_array_unref (bench.interval_ms);
  g_hash_table_unref (bench.hovered);
  return 0;
}
