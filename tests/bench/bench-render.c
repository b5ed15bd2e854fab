/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-render W H FRAMES: the puzzle frame figure. Draws 13 scored pieces
 * with their names (the SIQ values) through a real VerkPuzzleRenderer into
 * an ARGB32 image surface of W×H, FRAMES times each way, interleaved:
 *
 *   full   a score changes every frame (a different piece each time) and the
 *          hover moves: the render brings its kept still picture up to date
 *          by drawing again the area the changed piece reaches (fills, text,
 *          outlines of every piece there), copies the whole picture onto the
 *          surface and draws the marks (hover, selection) on top: the cost
 *          of a frame after any change the group makes;
 *   hover  only the hover moves from piece to piece, as under the mouse: the
 *          render copies its still picture and draws the marks on top;
 *   fresh  everything drawn from nothing, no kept picture or marks
 *          (the renderer's render_base + _overlay): what the first frame, a
 *          new size or style, and every frame on a surface the render cannot
 *          keep a picture for (SVG, PDF, recordings) cost;
 *   fill   the baseline, one plain colour painted over the same surface.
 *
 * GTK's draw callbacks only record, so an image surface is where the cost
 * lies. Prints KEY=VALUE lines for bench.py: medians, p95 and the thread's
 * CPU time per frame. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "verk-puzzle-layout.h"
#include "verk-puzzle-renderer.h"

#define N_PIECES 13

enum { FULL, HOVER, FRESH, FILL, N_KINDS };
static const char *kind_names[N_KINDS] = { "full", "hover", "fresh", "fill" };

static const char *names[N_PIECES] = {
  "Kundorientering", "Engagerat ledarskap", "Allas delaktighet",
  "Kompetensutveckling", "Långsiktighet", "Samhällsansvar",
  "Processorientering", "Förebyggande åtgärder", "Ständiga förbättringar",
  "Lära av andra", "Snabbare reaktioner", "Faktabaserade beslut", "Samverkan",
};

/* This thread's CPU time in ms: leaves out time other processes had the core. */
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
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();
  double *wall[N_KINDS], *cpu[N_KINDS];
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
        .state = i == 4 ? VERK_PIECE_SELECTED : 0,
      };
    }

  verk_puzzle_style_init_default (&style, FALSE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);

  t0 = g_get_monotonic_time ();
  layout = verk_puzzle_layout_new (N_PIECES, width, height);
  layout_ms = (g_get_monotonic_time () - t0) / 1000.0;

  for (int k = 0; k < N_KINDS; k++)
    {
      wall[k] = g_new0 (double, frames);
      cpu[k] = g_new0 (double, frames);
    }

  /* Warm-up: fonts, glyph caches, the name size. */
  verk_puzzle_renderer_render (renderer, cr, layout, pieces, N_PIECES, &style);
  cairo_surface_flush (surface);

  for (int f = 0; f < frames; f++)
    for (int k = 0; k < N_KINDS; k++)
      {
        double c0;

        if (k == FULL)
          pieces[f % N_PIECES].score = 1 + (pieces[f % N_PIECES].score % 5);
        for (int i = 0; i < N_PIECES; i++)
          pieces[i].state &= ~VERK_PIECE_HOVER;
        pieces[(f + k) % N_PIECES].state |= VERK_PIECE_HOVER;

        c0 = cpu_ms ();
        t0 = g_get_monotonic_time ();
        if (k == FILL)
          {
            cairo_set_source_rgb (cr, 0.95, 0.95, 0.97);
            cairo_paint (cr);
          }
        else if (k == FRESH)
          {
            cairo_save (cr);
            verk_puzzle_renderer_render_base (renderer, cr, layout, pieces, N_PIECES, &style);
            verk_puzzle_renderer_render_overlay (renderer, cr, layout, pieces, N_PIECES, &style);
            cairo_restore (cr);
          }
        else
          {
            cairo_save (cr);
            verk_puzzle_renderer_render (renderer, cr, layout, pieces, N_PIECES, &style);
            cairo_restore (cr);
          }
        cairo_surface_flush (surface);
        wall[k][f] = (g_get_monotonic_time () - t0) / 1000.0;
        cpu[k][f] = cpu_ms () - c0;
      }

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "cairo: %s\n", cairo_status_to_string (cairo_status (cr)));
      return 1;
    }

  printf ("size=%dx%d\n", width, height);
  printf ("frames=%d\n", frames);
  printf ("layout_ms=%.3f\n", layout_ms);
  for (int k = 0; k < N_KINDS; k++)
    {
      printf ("%s_ms=%.3f\n", kind_names[k], percentile (wall[k], frames, 0.5));
      printf ("%s_p95_ms=%.3f\n", kind_names[k], percentile (wall[k], frames, 0.95));
      printf ("%s_cpu_ms=%.3f\n", kind_names[k], percentile (cpu[k], frames, 0.5));
      g_free (wall[k]);
      g_free (cpu[k]);
    }

  if (g_getenv ("BENCH_RENDER_PNG") != NULL)
    {
      verk_puzzle_renderer_render (renderer, cr, layout, pieces, N_PIECES, &style);
      cairo_surface_write_to_png (surface, g_getenv ("BENCH_RENDER_PNG"));
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
