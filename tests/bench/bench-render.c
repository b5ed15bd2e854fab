/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-render W H FRAMES: the puzzle frame figure. Draws 13 scored pieces
 * with their names (the SIQ values) through the real verk_puzzle_render() into
 * an ARGB32 image surface of W×H, FRAMES times, and as a baseline paints the
 * same surface with one plain colour as many times. GTK's draw callbacks only
 * record, so an image surface is where rendering time is really spent.
 * Prints KEY=VALUE lines for bench.py. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "verk-puzzle-layout.h"
#include "verk-puzzle-render.h"

#define N_PIECES 13

static const char *names[N_PIECES] = {
  "Kundorientering", "Engagerat ledarskap", "Allas delaktighet",
  "Kompetensutveckling", "Långsiktighet", "Samhällsansvar",
  "Processorientering", "Förebyggande åtgärder", "Ständiga förbättringar",
  "Lära av andra", "Snabbare reaktioner", "Faktabaserade beslut", "Samverkan",
};

/* This thread's CPU time in ms: on a shared machine it leaves out the time
 * other processes had the core, which wall time cannot. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (double *v, int n, double p)
{
  qsort (v, n, sizeof *v, cmp_double);
  return v[(int) (p * (n - 1) + 0.5)];
}

int
main (int   argc,
      char *argv[])
{
  int width = argc > 1 ? atoi (argv[1]) : 1920;
  int height = argc > 2 ? atoi (argv[2]) : 1080;
  int frames = argc > 3 ? atoi (argv[3]) : 60;
  VerkPuzzlePiece pieces[N_PIECES];
  VerkPuzzleStyle style;
  g_autoptr (VerkPuzzleLayout) layout = NULL;
  g_autofree double *frame_ms = NULL;
  g_autofree double *fill_ms = NULL;
  g_autofree double *frame_cpu = NULL;
  g_autofree double *fill_cpu = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 t0;
  double layout_ms;

  if (width < 100 || height < 100 || frames < 3)
    {
      fprintf (stderr, "usage: bench-render WIDTH HEIGHT FRAMES\n");
      return 2;
    }

  for (int i = 0; i < N_PIECES; i++)
    {
      pieces[i] = (VerkPuzzlePiece) {
        .name = names[i],
        .score = 1 + (i * 3) % 5,
        .rank = i < 3 ? i + 1 : 0,
        .state = i == 4 ? VERK_PIECE_SELECTED | VERK_PIECE_FOCUSED : 0,
      };
    }

  verk_puzzle_style_init_default (&style, FALSE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);

  t0 = g_get_monotonic_time ();
  layout = verk_puzzle_layout_new (N_PIECES, width, height);
  layout_ms = (g_get_monotonic_time () - t0) / 1000.0;

  frame_ms = g_new0 (double, frames);
  fill_ms = g_new0 (double, frames);
  frame_cpu = g_new0 (double, frames);
  fill_cpu = g_new0 (double, frames);

  /* Warm-up: fonts, glyph caches, any caches the render code keeps. */
  verk_puzzle_render (cr, layout, pieces, N_PIECES, &style);
  cairo_surface_flush (surface);

  for (int f = 0; f < frames; f++)
    {
      /* Hover moves from piece to piece, as it does under the mouse. */
      for (int i = 0; i < N_PIECES; i++)
        pieces[i].state &= ~VERK_PIECE_HOVER;
      pieces[f % N_PIECES].state |= VERK_PIECE_HOVER;

      double c0 = cpu_ms ();

      t0 = g_get_monotonic_time ();
      cairo_save (cr);
      verk_puzzle_render (cr, layout, pieces, N_PIECES, &style);
      cairo_restore (cr);
      cairo_surface_flush (surface);
      frame_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      frame_cpu[f] = cpu_ms () - c0;

      c0 = cpu_ms ();
      t0 = g_get_monotonic_time ();
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.97);
      cairo_paint (cr);
      cairo_surface_flush (surface);
      fill_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      fill_cpu[f] = cpu_ms () - c0;
    }

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "cairo: %s\n", cairo_status_to_string (cairo_status (cr)));
      return 1;
    }

  printf ("size=%dx%d\n", width, height);
  printf ("frames=%d\n", frames);
  printf ("layout_ms=%.3f\n", layout_ms);
  printf ("frame_ms=%.3f\n", percentile (frame_ms, frames, 0.5));
  printf ("frame_p95_ms=%.3f\n", percentile (frame_ms, frames, 0.95));
  printf ("frame_min_ms=%.3f\n", percentile (frame_ms, frames, 0.0));
  printf ("fill_ms=%.3f\n", percentile (fill_ms, frames, 0.5));
  printf ("frame_cpu_ms=%.3f\n", percentile (frame_cpu, frames, 0.5));
  printf ("fill_cpu_ms=%.3f\n", percentile (fill_cpu, frames, 0.5));

  if (g_getenv ("BENCH_RENDER_PNG") != NULL)
    {
      verk_puzzle_render (cr, layout, pieces, N_PIECES, &style);
      cairo_surface_write_to_png (surface, g_getenv ("BENCH_RENDER_PNG"));
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
