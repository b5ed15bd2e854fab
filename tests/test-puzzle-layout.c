/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "verk-puzzle-layout.h"

static const double sizes[][2] = {
  { 1920, 1080 },   /* 16:9 */
  { 1024, 768 },    /* 4:3 */
  { 900, 900 },     /* 1:1 */
};

typedef struct {
  guint   piece;
  guint   side;
  guint   n;
  double *p;
} Side;

static gboolean
on_border (const VerkPuzzleLayout *layout,
           const Side             *s)
{
  double w, h;
  gboolean left = TRUE, right = TRUE, top = TRUE, bottom = TRUE;

  verk_puzzle_layout_get_size (layout, &w, &h);
  for (guint i = 0; i < s->n; i++)
    {
      left = left && s->p[2 * i] == 0;
      right = right && s->p[2 * i] == w;
      top = top && s->p[2 * i + 1] == 0;
      bottom = bottom && s->p[2 * i + 1] == h;
    }
  return left || right || top || bottom;
}

/* Same points, one walked backwards: bit-identical. */
static gboolean
reverse_equal (const Side *a,
               const Side *b)
{
  if (a->n != b->n)
    return FALSE;
  for (guint i = 0; i < a->n; i++)
    {
      guint j = a->n - 1 - i;

      if (a->p[2 * i] != b->p[2 * j] || a->p[2 * i + 1] != b->p[2 * j + 1])
        return FALSE;
    }
  return TRUE;
}

static void
check_layout (guint  n,
              double w,
              double h)
{
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (n, w, h);
  g_autoptr (GArray) sides = g_array_new (FALSE, FALSE, sizeof (Side));
  guint rows, total = 0, inside = 0;

  g_assert_nonnull (layout);
  g_assert_cmpuint (verk_puzzle_layout_get_n_pieces (layout), ==, n);

  /* Rows hold all pieces, at most one apart in count. */
  rows = verk_puzzle_layout_get_n_rows (layout);
  for (guint r = 0; r < rows; r++)
    {
      guint first, count, first0, count0;

      verk_puzzle_layout_get_row (layout, r, &first, &count);
      verk_puzzle_layout_get_row (layout, 0, &first0, &count0);
      g_assert_cmpuint (first, ==, total);
      g_assert_cmpint (abs ((int) count - (int) count0), <=, 1);
      total += count;
    }
  g_assert_cmpuint (total, ==, n);

  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t cell, box;
      guint n_sides = verk_puzzle_layout_get_n_edges (layout, i);

      verk_puzzle_layout_get_cell (layout, i, &cell);
      verk_puzzle_layout_get_text_box (layout, i, &box);
      g_assert_cmpfloat (box.width, >, 0.3 * cell.width);
      g_assert_cmpfloat (box.height, >, 0.3 * cell.height);
      g_assert_cmpfloat (box.x, >=, cell.x);
      g_assert_cmpfloat (box.y, >=, cell.y);
      g_assert_cmpfloat (box.x + box.width, <=, cell.x + cell.width);
      g_assert_cmpfloat (box.y + box.height, <=, cell.y + cell.height);
      for (guint k = 0; k < n_sides; k++)
        {
          Side s = { i, k, 0, NULL };

          s.p = verk_puzzle_layout_get_edge_points (layout, i, k, &s.n);
          g_array_append_val (sides, s);
        }
    }

  /* Every side is on the border and straight, or shared with exactly one
   * other piece whose side is the same points in reverse. */
  for (guint a = 0; a < sides->len; a++)
    {
      Side *sa = &g_array_index (sides, Side, a);
      guint matches = 0;

      if (on_border (layout, sa))
        {
          g_assert_cmpuint (sa->n, ==, 4);   /* one straight cubic */
          continue;
        }
      for (guint b = 0; b < sides->len; b++)
        {
          Side *sb = &g_array_index (sides, Side, b);

          if (sb->piece != sa->piece && reverse_equal (sa, sb))
            matches++;
        }
      if (matches != 1)
        g_error ("n=%u %gx%g: piece %u side %u matches %u sides", n, w, h, sa->piece, sa->side, matches);
    }
  for (guint a = 0; a < sides->len; a++)
    g_free (g_array_index (sides, Side, a).p);

  /* Sample points fill the rectangle: each in exactly one piece, and
   * hit-testing agrees with that piece. */
  for (guint gy = 0; gy < 41; gy++)
    for (guint gx = 0; gx < 67; gx++)
      {
        double x = (gx + 0.5) * w / 67 + 0.0137, y = (gy + 0.5) * h / 41 + 0.0091;
        int in = -1, count = 0;

        for (guint i = 0; i < n; i++)
          if (verk_puzzle_layout_contains (layout, i, x, y))
            {
              in = (int) i;
              count++;
            }
        if (count != 1)
          g_error ("n=%u %gx%g: (%g, %g) lies in %d pieces", n, w, h, x, y, count);
        g_assert_cmpint (verk_puzzle_layout_hit_test (layout, x, y), ==, in);
        inside++;
      }
  g_assert_cmpuint (inside, ==, 41 * 67);
  g_assert_cmpint (verk_puzzle_layout_hit_test (layout, -1, h / 2), ==, -1);
  g_assert_cmpint (verk_puzzle_layout_hit_test (layout, w / 2, h + 1), ==, -1);
}

static void
test_layouts_1_to_60 (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint n = 1; n <= VERK_PUZZLE_MAX_PIECES; n++)
      check_layout (n, sizes[s][0], sizes[s][1]);
}

/* The facilitator's puzzle in the projected puzzle's rows: every piece in
 * the same row, at the same place in it, at the same share of the width and
 * height, however different the two rectangles are. */
static void
test_same_arrangement (void)
{
  const double projected[][2] = { { 1200, 515 }, { 1200, 491 }, { 1840, 800 } };
  const double facilitator[][2] = { { 450, 620 }, { 1150, 1000 }, { 600, 300 } };

  for (guint n = 1; n <= 30; n++)
    for (guint p = 0; p < G_N_ELEMENTS (projected); p++)
      for (guint f = 0; f < G_N_ELEMENTS (facilitator); f++)
        {
          guint rows = verk_puzzle_layout_choose_rows (n, projected[p][0], projected[p][1]);
          g_autoptr (VerkPuzzleLayout) room = verk_puzzle_layout_new (n, projected[p][0], projected[p][1]);
          g_autoptr (VerkPuzzleLayout) own = verk_puzzle_layout_new_in_rows (n, facilitator[f][0],
                                                                             facilitator[f][1], rows);

          g_assert_cmpuint (verk_puzzle_layout_get_n_rows (room), ==, rows);
          g_assert_cmpuint (verk_puzzle_layout_get_n_rows (own), ==, rows);
          for (guint r = 0; r < rows; r++)
            {
              guint first_a, count_a, first_b, count_b;

              verk_puzzle_layout_get_row (room, r, &first_a, &count_a);
              verk_puzzle_layout_get_row (own, r, &first_b, &count_b);
              g_assert_cmpuint (first_a, ==, first_b);
              g_assert_cmpuint (count_a, ==, count_b);
            }
          for (guint i = 0; i < n; i++)
            {
              cairo_rectangle_t a, b;

              verk_puzzle_layout_get_cell (room, i, &a);
              verk_puzzle_layout_get_cell (own, i, &b);
              g_assert_cmpfloat_with_epsilon (a.x / projected[p][0], b.x / facilitator[f][0], 1e-9);
              g_assert_cmpfloat_with_epsilon (a.y / projected[p][1], b.y / facilitator[f][1], 1e-9);
              g_assert_cmpfloat_with_epsilon (a.width / projected[p][0], b.width / facilitator[f][0], 1e-9);
            }
        }
  /* Left to itself, a tall rectangle takes more rows than the projector's. */
  g_assert_cmpuint (verk_puzzle_layout_choose_rows (13, 450, 620), >, verk_puzzle_layout_choose_rows (13, 1200, 515));
}

static void
test_deterministic (void)
{
  g_autoptr (VerkPuzzleLayout) a = verk_puzzle_layout_new (13, 1280, 720);
  g_autoptr (VerkPuzzleLayout) b = verk_puzzle_layout_new (13, 1280, 720);

  for (guint i = 0; i < 13; i++)
    for (guint k = 0; k < verk_puzzle_layout_get_n_edges (a, i); k++)
      {
        guint na, nb;
        g_autofree double *pa = verk_puzzle_layout_get_edge_points (a, i, k, &na);
        g_autofree double *pb = verk_puzzle_layout_get_edge_points (b, i, k, &nb);

        g_assert_cmpuint (na, ==, nb);
        g_assert_cmpmem (pa, na * sizeof (double) * 2, pb, nb * sizeof (double) * 2);
      }
}

/* 13 pieces at 16:9 make one whole of rows 4, 5, 4 laid like bricks. */
static void
test_thirteen_is_a_wall (void)
{
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, 1920, 1080);
  guint counts[3];
  cairo_rectangle_t a, b;

  g_assert_cmpuint (verk_puzzle_layout_get_n_rows (layout), ==, 3);
  for (guint r = 0; r < 3; r++)
    verk_puzzle_layout_get_row (layout, r, NULL, &counts[r]);
  g_assert_cmpuint (counts[0], ==, 4);
  g_assert_cmpuint (counts[1], ==, 5);
  g_assert_cmpuint (counts[2], ==, 4);
  /* The joint between pieces 0 and 1 sits in the middle of piece 5. */
  verk_puzzle_layout_get_cell (layout, 1, &a);
  verk_puzzle_layout_get_cell (layout, 5, &b);
  g_assert_cmpfloat_with_epsilon (a.x, b.x + b.width / 2, 1e-9);
}

/* A point inside a knob that reaches into a neighbour's cell belongs to the
 * knob's piece, not to the neighbour whose rectangle it is in. */
static void
test_hit_test_in_knob (void)
{
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, 1280, 720);
  guint knobs = 0;

  for (guint i = 0; i < 13; i++)
    {
      cairo_rectangle_t cell;

      verk_puzzle_layout_get_cell (layout, i, &cell);
      for (guint k = 0; k < verk_puzzle_layout_get_n_edges (layout, i); k++)
        {
          guint np;
          g_autofree double *p = verk_puzzle_layout_get_edge_points (layout, i, k, &np);
          double ax = p[0], ay = p[1], bx = p[2 * (np - 1)], by = p[2 * (np - 1) + 1];
          double len = hypot (bx - ax, by - ay), best = 0, tx = 0, ty = 0;
          double mx, my, x, y;
          int other;

          /* The Bézier points furthest from the straight side are the two
           * controls of the knob's round top: their middle is on its axis. */
          for (guint q = 0; q < np; q++)
            best = MAX (best, fabs ((bx - ax) * (ay - p[2 * q + 1]) - (ax - p[2 * q]) * (by - ay)) / len);
          for (guint q = 0, found = 0; q < np && best > 0; q++)
            if (fabs ((bx - ax) * (ay - p[2 * q + 1]) - (ax - p[2 * q]) * (by - ay)) / len > best - 1e-9)
              {
                tx = (tx * found + p[2 * q]) / (found + 1);
                ty = (ty * found + p[2 * q + 1]) / (found + 1);
                found++;
              }
          if (best == 0)
            continue;
          /* Halfway between the side and the knob's top, inside the knob. */
          mx = ax + ((tx - ax) * (bx - ax) + (ty - ay) * (by - ay)) / (len * len) * (bx - ax);
          my = ay + ((tx - ax) * (bx - ax) + (ty - ay) * (by - ay)) / (len * len) * (by - ay);
          x = mx + 0.55 * (tx - mx);
          y = my + 0.55 * (ty - my);
          if (x > cell.x && x < cell.x + cell.width && y > cell.y && y < cell.y + cell.height)
            continue;   /* a blank: the neighbour's knob */
          other = -1;
          for (guint j = 0; j < 13; j++)
            {
              cairo_rectangle_t c;

              verk_puzzle_layout_get_cell (layout, j, &c);
              if (x > c.x && x < c.x + c.width && y > c.y && y < c.y + c.height)
                other = (int) j;
            }
          g_assert_cmpint (other, >=, 0);
          g_assert_cmpint (other, !=, (int) i);
          g_assert_cmpint (verk_puzzle_layout_hit_test (layout, x, y), ==, (int) i);
          knobs++;
        }
    }
  g_assert_cmpuint (knobs, >=, 10);
}

/* The path cairo draws and the outline hit-testing uses agree: every pixel
 * but those on an outline goes to the piece drawn there. */
static void
test_path_matches_hit_test (void)
{
  const int w = 640, h = 360;
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, w, h);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  guint32 *data;
  int stride, wrong = 0;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  for (guint i = 0; i < 13; i++)
    {
      cairo_new_path (cr);
      verk_puzzle_layout_append_path (layout, i, cr);
      cairo_set_source_rgb (cr, (i + 1) / 255.0, 0, 0);
      cairo_fill (cr);
    }
  cairo_surface_flush (surface);
  data = (guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int drawn = (int) ((data[y * stride + x] >> 16) & 0xff) - 1;

        if (drawn != verk_puzzle_layout_hit_test (layout, x + 0.5, y + 0.5))
          wrong++;
      }
  /* Outline pixels may round either way; they are well under 1 %. */
  g_assert_cmpint (wrong, <, w * h / 100);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_neighbours (void)
{
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, 1920, 1080);

  /* Rows 0-3, 4-8, 9-12. */
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 0, VERK_DIRECTION_LEFT), ==, 0);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 0, VERK_DIRECTION_RIGHT), ==, 1);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 3, VERK_DIRECTION_RIGHT), ==, 3);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 0, VERK_DIRECTION_UP), ==, 0);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 0, VERK_DIRECTION_DOWN), ==, 4);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 3, VERK_DIRECTION_DOWN), ==, 8);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 6, VERK_DIRECTION_UP), ==, 1);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 6, VERK_DIRECTION_DOWN), ==, 10);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 8, VERK_DIRECTION_RIGHT), ==, 8);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 12, VERK_DIRECTION_DOWN), ==, 12);
  g_assert_cmpuint (verk_puzzle_layout_neighbour (layout, 9, VERK_DIRECTION_UP), ==, 4);

  /* In every layout, arrows stay in range and up/down change row. */
  for (guint n = 1; n <= VERK_PUZZLE_MAX_PIECES; n++)
    {
      g_autoptr (VerkPuzzleLayout) l = verk_puzzle_layout_new (n, 1280, 720);

      for (guint i = 0; i < n; i++)
        for (VerkDirection d = VERK_DIRECTION_LEFT; d <= VERK_DIRECTION_DOWN; d++)
          {
            guint j = verk_puzzle_layout_neighbour (l, i, d);
            double cy_i, cy_j, cx_i, cx_j;

            g_assert_cmpuint (j, <, n);
            verk_puzzle_layout_get_center (l, i, &cx_i, &cy_i);
            verk_puzzle_layout_get_center (l, j, &cx_j, &cy_j);
            if (j == i)
              continue;
            if (d == VERK_DIRECTION_UP)
              g_assert_cmpfloat (cy_j, <, cy_i);
            else if (d == VERK_DIRECTION_DOWN)
              g_assert_cmpfloat (cy_j, >, cy_i);
            else if (d == VERK_DIRECTION_LEFT)
              g_assert_cmpfloat (cx_j, <, cx_i);
            else
              g_assert_cmpfloat (cx_j, >, cx_i);
          }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/puzzle-layout/1-to-60-pieces", test_layouts_1_to_60);
  g_test_add_func ("/puzzle-layout/deterministic", test_deterministic);
  g_test_add_func ("/puzzle-layout/thirteen-is-a-wall", test_thirteen_is_a_wall);
  g_test_add_func ("/puzzle-layout/hit-test-in-knob", test_hit_test_in_knob);
  g_test_add_func ("/puzzle-layout/path-matches-hit-test", test_path_matches_hit_test);
  g_test_add_func ("/puzzle-layout/neighbours", test_neighbours);
  g_test_add_func ("/puzzle-layout/same-arrangement", test_same_arrangement);
  return g_test_run ();
}
