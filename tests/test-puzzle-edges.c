/* SPDX-License-Identifier: GPL-3.0-or-later */
/* verk_puzzle_layout_append_edges(): every edge once, and stroking them draws
 * what stroking every piece's closed outline draws. */
#include "config.h"

#include "verk-puzzle-layout.h"

static guint
count_subpaths (cairo_t *cr)
{
  cairo_path_t *path = cairo_copy_path (cr);
  guint n = 0;

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    if (path->data[i].header.type == CAIRO_PATH_MOVE_TO)
      n++;
  cairo_path_destroy (path);
  return n;
}

static cairo_surface_t *
outlines (const VerkPuzzleLayout *layout,
          int                     width,
          int                     height,
          gboolean                edges)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  cairo_t *cr = cairo_create (s);

  cairo_set_line_width (cr, 7);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (edges)
    {
      verk_puzzle_layout_append_edges (layout, cr);
      cairo_stroke (cr);
    }
  else
    for (guint i = 0; i < verk_puzzle_layout_get_n_pieces (layout); i++)
      {
        verk_puzzle_layout_append_path (layout, i, cr);
        cairo_stroke (cr);
      }
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
test_each_edge_once (void)
{
  static const guint counts[] = { 1, 2, 7, 13, 14, 20, VERK_PUZZLE_MAX_PIECES };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (counts[c], 800, 500);
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *cr = cairo_create (s);
      guint sides = 0, n_edges;

      for (guint i = 0; i < counts[c]; i++)
        sides += verk_puzzle_layout_get_n_edges (layout, i);
      verk_puzzle_layout_append_edges (layout, cr);
      n_edges = count_subpaths (cr);
      /* Shared sides count twice in @sides, once in the edges; the outer
       * ones once in both. */
      g_assert_cmpuint (n_edges, <=, sides);
      g_assert_cmpuint (2 * n_edges, >=, sides);
      if (counts[c] > 1)
        g_assert_cmpuint (n_edges, <, sides);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
}

static void
test_same_picture (void)
{
  static const guint counts[] = { 1, 5, 13, 20 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      const int width = 640, height = 400;
      g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (counts[c], width, height);
      cairo_surface_t *a = outlines (layout, width, height, FALSE);
      cairo_surface_t *b = outlines (layout, width, height, TRUE);
      const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
      int stride = cairo_image_surface_get_stride (a);
      guint covered = 0, differ = 0;

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            int va = pa[y * stride + x], vb = pb[y * stride + x];

            covered += va > 0;
            /* Antialiased rims differ where two strokes overlapped before. */
            differ += ABS (va - vb) > 64;
          }
      /* At least the frame (half of each outer stroke falls outside). */
      g_assert_cmpuint (covered, >, (guint) (width + height) * 2 * 3);
      g_assert_cmpuint (differ, <=, covered / 200);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/puzzle-layout/edges/each-once", test_each_edge_once);
  g_test_add_func ("/puzzle-layout/edges/same-picture", test_same_picture);
  return g_test_run ();
}
