/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-layout"

#include "config.h"

#include <math.h>

#include "verk-puzzle-layout.h"

/* How the pieces are laid out
 *
 * The rectangle is cut into rows of equal height. Rows hold either c or c - 1
 * pieces. A full row splits the width evenly; a row with one piece fewer is
 * laid like bricks: its inner joints sit halfway across the pieces of a full
 * row (the two end pieces are half a piece wider). So 13 pieces at 16:9 make
 * rows of 4, 5 and 4 that interlock like a wall, and every joint lies on a
 * grid of half-piece steps: positions are kept as integers in those steps so
 * that the two sides of a joint use bit-identical coordinates.
 *
 * Every boundary between two pieces is one edge, made once from cubic Bézier
 * curves (a straight run, a classic knob, a straight run) and walked forwards
 * by one piece and backwards by the other, so shared edges are identical from
 * both sides. Outer edges are straight. Each edge is also flattened once into a
 * polyline; the pieces' polygons for hit-testing are built from those same
 * points, so the polygons tile the rectangle exactly and any point lies in one
 * piece only. */

#define KNOB 0.115         /* knob size relative to the knob's window */
#define KNOB_DEPTH (2.5 * KNOB)
#define FLAT_STEPS 16      /* polyline points per cubic */

typedef struct {
  double x, y;
} Point;

typedef struct {
  GArray *points;          /* Point: start, then three per cubic */
  GArray *flat;            /* Point: flattened, start and end included */
  int     sign;            /* the knob: +1 right of travel, -1 left, 0 none */
} Edge;

typedef struct {
  guint     edge;
  gboolean  reversed;
} EdgeRef;

typedef struct {
  guint              row;
  guint              col;
  double             x0, y0, x1, y1;   /* the cell, without knobs */
  GArray            *refs;             /* EdgeRef, clockwise from the top-left corner */
  GArray            *polygon;          /* Point, closed implicitly */
  double             bx0, by0, bx1, by1; /* bounding box of the polygon */
  cairo_rectangle_t  text_box;
} Piece;

struct _VerkPuzzleLayout
{
  guint   n_pieces;
  double  width;
  double  height;
  guint   n_rows;
  guint   max_per_row;         /* c: a full row's piece count */
  guint  *row_first;           /* index of each row's first piece */
  guint  *row_count;
  GArray *edges;               /* Edge */
  Piece  *pieces;
  double  knob_window;         /* along the edge */
  double  knob_depth;          /* across the edge */
};

/* Pieces wider than tall by about this much leave the most room for names. */
#define TARGET_ASPECT 1.3

static void
choose_rows (guint   n,
             double  width,
             double  height,
             guint  *n_rows)
{
  double best = G_MAXDOUBLE;

  *n_rows = 1;
  for (guint rows = 1; rows <= n; rows++)
    {
      double aspect = (width * rows / n) / (height / rows);
      double cost = fabs (log (aspect / TARGET_ASPECT));

      if (cost < best - 1e-9)
        {
          best = cost;
          *n_rows = rows;
        }
    }
}

/* Which rows get the extra piece: spread evenly and symmetrically. */
static void
fill_rows (VerkPuzzleLayout *self)
{
  guint n = self->n_pieces, rows = self->n_rows;
  guint base = n / rows, extra = n % rows;
  guint first = 0;

  self->max_per_row = extra > 0 ? base + 1 : base;
  for (guint r = 0; r < rows; r++)
    self->row_count[r] = base;
  for (guint j = 0; j < extra; j++)
    {
      guint r = (guint) floor ((j + 0.5) * rows / extra);

      self->row_count[MIN (r, rows - 1)] = base + 1;
    }
  for (guint r = 0; r < rows; r++)
    {
      self->row_first[r] = first;
      first += self->row_count[r];
    }
}

/* The joints of row @r in half-piece steps: count + 1 values from 0 to 2c. */
static void
row_breaks (const VerkPuzzleLayout *self,
            guint                   r,
            guint                  *breaks)
{
  guint count = self->row_count[r], c = self->max_per_row;

  breaks[0] = 0;
  breaks[count] = 2 * c;
  for (guint j = 1; j < count; j++)
    breaks[j] = count == c ? 2 * j : 2 * j + 1;
}

static double
break_x (const VerkPuzzleLayout *self,
         guint                   step)
{
  return self->width * step / (2.0 * self->max_per_row);
}

static double
row_y (const VerkPuzzleLayout *self,
       guint                   r)
{
  return self->height * r / self->n_rows;
}

/* A stable pseudo-random knob direction per edge, the same at any size. */
static int
knob_sign (guint kind,
           guint a,
           guint b)
{
  guint32 h = kind * 0x9E3779B1u ^ (a + 1) * 0x85EBCA77u ^ (b + 1) * 0xC2B2AE3Du;

  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  h ^= h >> 12;
  return (h & 1) ? 1 : -1;
}

static void
add_line (GArray *points,
          Point   to)
{
  Point from = g_array_index (points, Point, points->len - 1);
  Point c1 = { from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3 };
  Point c2 = { from.x + 2 * (to.x - from.x) / 3, from.y + 2 * (to.y - from.y) / 3 };

  g_array_append_val (points, c1);
  g_array_append_val (points, c2);
  g_array_append_val (points, to);
}

static void
flatten (Edge *edge)
{
  GArray *p = edge->points;

  edge->flat = g_array_new (FALSE, FALSE, sizeof (Point));
  g_array_append_val (edge->flat, g_array_index (p, Point, 0));
  for (guint i = 0; i + 3 < p->len; i += 3)
    {
      Point a = g_array_index (p, Point, i);
      Point b = g_array_index (p, Point, i + 1);
      Point c = g_array_index (p, Point, i + 2);
      Point d = g_array_index (p, Point, i + 3);
      gboolean straight = (b.x == a.x + (d.x - a.x) / 3 && b.y == a.y + (d.y - a.y) / 3
                           && c.x == a.x + 2 * (d.x - a.x) / 3 && c.y == a.y + 2 * (d.y - a.y) / 3);
      guint steps = straight ? 1 : FLAT_STEPS;

      for (guint s = 1; s <= steps; s++)
        {
          double t = (double) s / steps, u = 1 - t;
          Point q;

          if (s == steps)
            q = d;
          else
            {
              q.x = u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x;
              q.y = u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y;
            }
          g_array_append_val (edge->flat, q);
        }
    }
}

/* A new edge from @a to @b; @sign 0 makes it straight, ±1 puts a knob in its
 * middle on the right (+1) or left (-1) of the direction of travel. */
static guint
add_edge (VerkPuzzleLayout *self,
          Point             a,
          Point             b,
          int               sign)
{
  Edge edge;

  edge.points = g_array_new (FALSE, FALSE, sizeof (Point));
  edge.sign = sign;
  g_array_append_val (edge.points, a);
  if (sign == 0)
    add_line (edge.points, b);
  else
    {
      double len = hypot (b.x - a.x, b.y - a.y);
      double dx = (b.x - a.x) / len, dy = (b.y - a.y) / len;
      /* Right of travel in y-down screen space. */
      double nx = -dy * sign, ny = dx * sign;
      double w = self->knob_window, start = (len - w) / 2, t = KNOB;
      /* The knob in its window: u along (0..1), v across, in units of w. */
      static const double shape[][2] = {
        { 0.2, 0 }, { 0.5, -1 }, { 0.5 - 1, 1 },
        { 0.5 - 2, 3 }, { 0.5 + 2, 3 }, { 0.5 + 1, 1 },
        { 0.5, -1 }, { 0.8, 0 }, { 1, 0 },
      };
      Point p = { a.x + dx * start, a.y + dy * start };

      add_line (edge.points, p);
      for (guint i = 0; i < G_N_ELEMENTS (shape); i++)
        {
          /* Scale the offsets from the middle by t, except the two fixed shoulders. */
          double u = (i == 0 || i == 7 || i == 8) ? shape[i][0] : 0.5 + (shape[i][0] - 0.5) * t;
          double v = shape[i][1] * t;
          Point q = { a.x + dx * (start + u * w) + nx * v * w,
                      a.y + dy * (start + u * w) + ny * v * w };

          if (i == 8)
            q = (Point) { a.x + dx * (start + w), a.y + dy * (start + w) };
          g_array_append_val (edge.points, q);
        }
      add_line (edge.points, b);
    }
  flatten (&edge);
  g_array_append_val (self->edges, edge);
  return self->edges->len - 1;
}

static void
piece_add (Piece    *piece,
           guint     edge,
           gboolean  reversed)
{
  EdgeRef ref = { edge, reversed };

  g_array_append_val (piece->refs, ref);
}

static void
build_polygon (VerkPuzzleLayout *self,
               Piece            *piece)
{
  piece->polygon = g_array_new (FALSE, FALSE, sizeof (Point));
  piece->bx0 = piece->by0 = G_MAXDOUBLE;
  piece->bx1 = piece->by1 = -G_MAXDOUBLE;
  for (guint i = 0; i < piece->refs->len; i++)
    {
      EdgeRef *ref = &g_array_index (piece->refs, EdgeRef, i);
      GArray *flat = g_array_index (self->edges, Edge, ref->edge).flat;

      /* Skip each edge's last point: the next edge starts there. */
      for (guint k = 0; k + 1 < flat->len; k++)
        {
          Point q = g_array_index (flat, Point, ref->reversed ? flat->len - 1 - k : k);

          g_array_append_val (piece->polygon, q);
          piece->bx0 = MIN (piece->bx0, q.x);
          piece->by0 = MIN (piece->by0, q.y);
          piece->bx1 = MAX (piece->bx1, q.x);
          piece->by1 = MAX (piece->by1, q.y);
        }
    }
}

static void
build (VerkPuzzleLayout *self)
{
  guint rows = self->n_rows, c = self->max_per_row;
  /* Per row: the vertical edges at its inner joints. */
  g_autofree guint *breaks = g_new0 (guint, c + 1);
  g_autofree guint *above = g_new0 (guint, c + 1);
  g_autofree guint *below = g_new0 (guint, c + 1);
  /* Per horizontal boundary (1..rows-1): edge id per half-step segment start. */
  g_autofree guint *hedge = g_new (guint, (rows + 1) * (2 * c + 1));
  double min_segment = G_MAXDOUBLE;
  double cell_h = self->height / rows, cell_w = self->width / c;

  /* The knobs' window: the same on every edge, as large as the shortest
   * shared segment allows. */
  for (guint r = 0; r < rows; r++)
    {
      row_breaks (self, r, breaks);
      if (self->row_count[r] > 1)
        min_segment = MIN (min_segment, cell_h);
      if (r > 0)
        {
          guint na = self->row_count[r - 1] + 1, nb = self->row_count[r] + 1, ia = 0, ib = 0, prev = 0;

          row_breaks (self, r - 1, above);
          row_breaks (self, r, below);
          while (ia < na && ib < nb)
            {
              guint next = MIN (above[ia], below[ib]);

              if (next > prev)
                min_segment = MIN (min_segment, break_x (self, next) - break_x (self, prev));
              prev = next;
              if (above[ia] == next)
                ia++;
              if (below[ib] == next)
                ib++;
            }
        }
    }
  for (guint i = 0; i < (rows + 1) * (2 * c + 1); i++)
    hedge[i] = G_MAXUINT;
  if (min_segment == G_MAXDOUBLE)
    min_segment = 0;
  self->knob_window = MIN (min_segment, 0.8 * MIN (cell_w, cell_h));
  self->knob_depth = KNOB_DEPTH * self->knob_window;

  /* Horizontal boundaries, as segments between the joints of both rows. */
  for (guint r = 1; r < rows; r++)
    {
      gboolean joint[2 * VERK_PUZZLE_MAX_PIECES + 2] = { FALSE };
      guint prev = 0;
      double y = row_y (self, r);

      row_breaks (self, r - 1, above);
      row_breaks (self, r, below);
      for (guint j = 0; j <= self->row_count[r - 1]; j++)
        joint[above[j]] = TRUE;
      for (guint j = 0; j <= self->row_count[r]; j++)
        joint[below[j]] = TRUE;
      for (guint s = 1; s <= 2 * c; s++)
        {
          if (!joint[s])
            continue;
          hedge[r * (2 * c + 1) + prev] =
            add_edge (self, (Point) { break_x (self, prev), y }, (Point) { break_x (self, s), y },
                      knob_sign (0, r, prev));
          prev = s;
        }
    }

  for (guint r = 0; r < rows; r++)
    {
      double y0 = row_y (self, r), y1 = r + 1 == rows ? self->height : row_y (self, r + 1);
      guint count = self->row_count[r];
      guint left_edge = 0;

      row_breaks (self, r, breaks);
      for (guint j = 0; j < count; j++)
        {
          Piece *piece = &self->pieces[self->row_first[r] + j];
          guint s0 = breaks[j], s1 = breaks[j + 1];
          double x0 = break_x (self, s0), x1 = break_x (self, s1);
          guint right_edge;

          piece->row = r;
          piece->col = j;
          piece->x0 = x0;
          piece->x1 = x1;
          piece->y0 = y0;
          piece->y1 = y1;
          piece->refs = g_array_new (FALSE, FALSE, sizeof (EdgeRef));

          /* Top, left to right. */
          if (r == 0)
            piece_add (piece, add_edge (self, (Point) { x0, y0 }, (Point) { x1, y0 }, 0), FALSE);
          else
            for (guint s = s0; s < s1; s++)
              {
                guint e = hedge[r * (2 * c + 1) + s];

                if (e != G_MAXUINT)
                  piece_add (piece, e, FALSE);
              }
          /* Right, top to bottom. */
          if (j + 1 == count)
            right_edge = add_edge (self, (Point) { x1, y0 }, (Point) { x1, y1 }, 0);
          else
            right_edge = add_edge (self, (Point) { x1, y0 }, (Point) { x1, y1 },
                                   knob_sign (1, r, j));
          piece_add (piece, right_edge, FALSE);
          /* Bottom, right to left. */
          if (r + 1 == rows)
            piece_add (piece, add_edge (self, (Point) { x1, y1 }, (Point) { x0, y1 }, 0), FALSE);
          else
            for (guint s = s1; s-- > s0;)
              {
                guint e = hedge[(r + 1) * (2 * c + 1) + s];

                if (e != G_MAXUINT)
                  piece_add (piece, e, TRUE);
              }
          /* Left, bottom to top: the previous piece's right edge, reversed. */
          if (j == 0)
            piece_add (piece, add_edge (self, (Point) { x0, y1 }, (Point) { x0, y0 }, 0), FALSE);
          else
            piece_add (piece, left_edge, TRUE);
          left_edge = right_edge;

          build_polygon (self, piece);
        }
    }
}

/* Whether a side of the piece has a blank cut into it: a knob on the right
 * of the piece's clockwise walk points inwards (y grows downwards). Tabs
 * stick out into the neighbour and take nothing from the piece. */
static void
find_blanks (const VerkPuzzleLayout *self,
             const Piece            *p,
             gboolean               *top,
             gboolean               *right,
             gboolean               *bottom,
             gboolean               *left)
{
  *top = *right = *bottom = *left = FALSE;
  for (guint i = 0; i < p->refs->len; i++)
    {
      const EdgeRef *ref = &g_array_index (p->refs, EdgeRef, i);
      const Edge *edge = &g_array_index (self->edges, Edge, ref->edge);
      Point a = g_array_index (edge->points, Point, 0);
      Point b = g_array_index (edge->points, Point, edge->points->len - 1);
      int inward = ref->reversed ? -edge->sign : edge->sign;

      if (inward <= 0)
        continue;
      if (a.y == b.y)
        *(a.y == p->y0 ? top : bottom) = TRUE;
      else
        *(a.x == p->x0 ? left : right) = TRUE;
    }
}

static void
place_text_boxes (VerkPuzzleLayout *self)
{
  for (guint i = 0; i < self->n_pieces; i++)
    {
      Piece *p = &self->pieces[i];
      /* Names need the width more than the height: less air at the sides. */
      double pad_x = 0.05 * MIN (p->x1 - p->x0, p->y1 - p->y0);
      double pad_y = 0.05 * MIN (p->x1 - p->x0, p->y1 - p->y0);
      double depth = self->knob_depth;
      gboolean top, bottom, left, right;
      double x0, x1, y0, y1;

      /* Only blanks take room from the text; a side with a tab keeps its
       * whole width, which gives long names up to two knobs' depth more. */
      find_blanks (self, p, &top, &right, &bottom, &left);
      /* A blank is air already: the text may come up to its deepest point,
       * which is a single point of the curve, not a wall. */
      x0 = p->x0 + (left ? depth : pad_x);
      x1 = p->x1 - (right ? depth : pad_x);
      y0 = p->y0 + pad_y + (top ? depth : 0);
      y1 = p->y1 - pad_y - (bottom ? depth : 0);

      p->text_box.x = x0;
      p->text_box.y = y0;
      p->text_box.width = MAX (0, x1 - x0);
      p->text_box.height = MAX (0, y1 - y0);
    }
}

/**
 * verk_puzzle_layout_new:
 * @n_pieces: 1 .. VERK_PUZZLE_MAX_PIECES
 * @width: the rectangle's width, > 0
 * @height: the rectangle's height, > 0
 *
 * Cuts the rectangle into @n_pieces interlocking jigsaw pieces. The same
 * arguments always give the same layout.
 *
 * Returns: (transfer full): the layout; free with verk_puzzle_layout_free().
 */
VerkPuzzleLayout *
verk_puzzle_layout_new (guint  n_pieces,
                        double width,
                        double height)
{
  return verk_puzzle_layout_new_in_rows (n_pieces, width, height, 0);
}

/**
 * verk_puzzle_layout_choose_rows:
 *
 * Returns: how many rows verk_puzzle_layout_new() gives @n_pieces in a
 *   @width × @height rectangle.
 */
guint
verk_puzzle_layout_choose_rows (guint  n_pieces,
                                double width,
                                double height)
{
  guint rows;

  g_return_val_if_fail (n_pieces >= 1 && width > 0 && height > 0, 1);
  choose_rows (n_pieces, width, height, &rows);
  return rows;
}

/**
 * verk_puzzle_layout_new_in_rows:
 * @n_rows: the rows, or 0 to choose them for the rectangle
 *
 * The layout with a given arrangement: the same @n_pieces in the same
 * @n_rows put every piece in the same row and place in its row, whatever the
 * rectangle (the facilitator's puzzle follows the projected one this way).
 *
 * Returns: (transfer full): the layout; free with verk_puzzle_layout_free().
 */
VerkPuzzleLayout *
verk_puzzle_layout_new_in_rows (guint  n_pieces,
                                double width,
                                double height,
                                guint  n_rows)
{
  VerkPuzzleLayout *self;

  g_return_val_if_fail (n_pieces >= 1 && n_pieces <= VERK_PUZZLE_MAX_PIECES, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_new0 (VerkPuzzleLayout, 1);
  self->n_pieces = n_pieces;
  self->width = width;
  self->height = height;
  if (n_rows >= 1 && n_rows <= n_pieces)
    self->n_rows = n_rows;
  else
    choose_rows (n_pieces, width, height, &self->n_rows);
  self->row_first = g_new0 (guint, self->n_rows);
  self->row_count = g_new0 (guint, self->n_rows);
  fill_rows (self);
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  self->pieces = g_new0 (Piece, n_pieces);
  build (self);
  place_text_boxes (self);
  return self;
}

/**
 * verk_puzzle_layout_free:
 *
 * Frees the layout.
 */
void
verk_puzzle_layout_free (VerkPuzzleLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->edges->len; i++)
    {
      Edge *edge = &g_array_index (layout->edges, Edge, i);

      g_array_unref (edge->points);
      g_array_unref (edge->flat);
    }
  g_array_unref (layout->edges);
  for (guint i = 0; i < layout->n_pieces; i++)
    {
      g_clear_pointer (&layout->pieces[i].refs, g_array_unref);
      g_clear_pointer (&layout->pieces[i].polygon, g_array_unref);
    }
  g_free (layout->pieces);
  g_free (layout->row_first);
  g_free (layout->row_count);
  g_free (layout);
}

/**
 * verk_puzzle_layout_get_n_pieces:
 *
 * Returns: how many pieces the layout has.
 */
guint
verk_puzzle_layout_get_n_pieces (const VerkPuzzleLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->n_pieces;
}

/**
 * verk_puzzle_layout_get_size:
 * @width: (out) (optional): the rectangle's width
 * @height: (out) (optional): the rectangle's height
 *
 * The size the layout was made for.
 */
void
verk_puzzle_layout_get_size (const VerkPuzzleLayout *layout,
                             double                 *width,
                             double                 *height)
{
  g_return_if_fail (layout != NULL);
  if (width != NULL)
    *width = layout->width;
  if (height != NULL)
    *height = layout->height;
}

/**
 * verk_puzzle_layout_get_n_rows:
 *
 * Returns: how many rows of pieces the layout has.
 */
guint
verk_puzzle_layout_get_n_rows (const VerkPuzzleLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->n_rows;
}

/**
 * verk_puzzle_layout_get_row:
 * @row: 0 .. n_rows - 1
 * @first: (out) (optional): the index of the row's first piece
 * @count: (out) (optional): how many pieces the row has
 *
 * Where a row's pieces are.
 */
void
verk_puzzle_layout_get_row (const VerkPuzzleLayout *layout,
                            guint                   row,
                            guint                  *first,
                            guint                  *count)
{
  g_return_if_fail (layout != NULL && row < layout->n_rows);
  if (first != NULL)
    *first = layout->row_first[row];
  if (count != NULL)
    *count = layout->row_count[row];
}

static void
append_edge (const VerkPuzzleLayout *layout,
             const EdgeRef          *ref,
             cairo_t                *cr,
             gboolean                first)
{
  GArray *p = g_array_index (layout->edges, Edge, ref->edge).points;
  guint n = p->len;

  if (!ref->reversed)
    {
      Point a = g_array_index (p, Point, 0);

      if (first)
        cairo_move_to (cr, a.x, a.y);
      for (guint i = 1; i + 2 < n; i += 3)
        {
          Point b = g_array_index (p, Point, i);
          Point c = g_array_index (p, Point, i + 1);
          Point d = g_array_index (p, Point, i + 2);

          cairo_curve_to (cr, b.x, b.y, c.x, c.y, d.x, d.y);
        }
    }
  else
    {
      Point a = g_array_index (p, Point, n - 1);

      if (first)
        cairo_move_to (cr, a.x, a.y);
      for (guint i = n - 1; i >= 3; i -= 3)
        {
          Point b = g_array_index (p, Point, i - 1);
          Point c = g_array_index (p, Point, i - 2);
          Point d = g_array_index (p, Point, i - 3);

          cairo_curve_to (cr, b.x, b.y, c.x, c.y, d.x, d.y);
        }
    }
}

/**
 * verk_puzzle_layout_append_path:
 * @index: the piece
 * @cr: where to add the outline
 *
 * Appends piece @index's closed outline to @cr's current path.
 */
void
verk_puzzle_layout_append_path (const VerkPuzzleLayout *layout,
                                guint                   index,
                                cairo_t                *cr)
{
  const Piece *piece;

  g_return_if_fail (layout != NULL && index < layout->n_pieces);
  piece = &layout->pieces[index];
  for (guint i = 0; i < piece->refs->len; i++)
    append_edge (layout, &g_array_index (piece->refs, EdgeRef, i), cr, i == 0);
  cairo_close_path (cr);
}

/**
 * verk_puzzle_layout_append_edges:
 * @cr: where to add the edges
 *
 * Appends every edge of the puzzle once, each as an open subpath: the lines
 * between the pieces and around the puzzle. Stroked with round caps it draws
 * what stroking every piece's closed outline with round joins draws, with
 * each shared edge done once instead of twice, in one call.
 */
void
verk_puzzle_layout_append_edges (const VerkPuzzleLayout *layout,
                                 cairo_t                *cr)
{
  g_return_if_fail (layout != NULL);

  for (guint e = 0; e < layout->edges->len; e++)
    {
      EdgeRef ref = { .edge = e, .reversed = FALSE };

      append_edge (layout, &ref, cr, TRUE);
    }
}

/* Crossing-number test with the half-open rule, so that polygons that share
 * their boundary points give every point to exactly one of them. */
static gboolean
polygon_contains (GArray *polygon,
                  double  x,
                  double  y)
{
  gboolean inside = FALSE;
  guint n = polygon->len;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      Point a = g_array_index (polygon, Point, i);
      Point b = g_array_index (polygon, Point, j);

      if ((a.y > y) != (b.y > y)
          && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
        inside = !inside;
    }
  return inside;
}

/**
 * verk_puzzle_layout_contains:
 * @index: the piece
 * @x: x in layout coordinates
 * @y: y in layout coordinates
 *
 * Returns: whether piece @index's outline contains (x, y). Every point of
 *   the rectangle lies in exactly one piece.
 */
gboolean
verk_puzzle_layout_contains (const VerkPuzzleLayout *layout,
                             guint                   index,
                             double                  x,
                             double                  y)
{
  const Piece *p;

  g_return_val_if_fail (layout != NULL && index < layout->n_pieces, FALSE);
  p = &layout->pieces[index];
  if (x < p->bx0 || x > p->bx1 || y < p->by0 || y > p->by1)
    return FALSE;
  return polygon_contains (p->polygon, x, y);
}

/**
 * verk_puzzle_layout_hit_test:
 * @x: x in layout coordinates
 * @y: y in layout coordinates
 *
 * Finds the piece under a point by its outline, so a point in a knob belongs
 * to the piece the knob belongs to.
 *
 * Returns: the index of the piece whose outline contains (x, y), or -1.
 */
int
verk_puzzle_layout_hit_test (const VerkPuzzleLayout *layout,
                             double                  x,
                             double                  y)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint i = 0; i < layout->n_pieces; i++)
    {
      if (verk_puzzle_layout_contains (layout, i, x, y))
        return (int) i;
    }
  return -1;
}

/**
 * verk_puzzle_layout_get_text_box:
 * @index: the piece
 * @box: (out): the rectangle
 *
 * The rectangle inside the piece, clear of knobs and blanks, that text may use.
 */
void
verk_puzzle_layout_get_text_box (const VerkPuzzleLayout *layout,
                                 guint                   index,
                                 cairo_rectangle_t      *box)
{
  g_return_if_fail (layout != NULL && index < layout->n_pieces && box != NULL);
  *box = layout->pieces[index].text_box;
}

/**
 * verk_puzzle_layout_get_cell:
 * @index: the piece
 * @box: (out): the rectangle
 *
 * The piece's cell: its rectangle without knobs (blanks cut into it).
 */
void
verk_puzzle_layout_get_cell (const VerkPuzzleLayout *layout,
                             guint                   index,
                             cairo_rectangle_t      *box)
{
  const Piece *p;

  g_return_if_fail (layout != NULL && index < layout->n_pieces && box != NULL);
  p = &layout->pieces[index];
  *box = (cairo_rectangle_t) { p->x0, p->y0, p->x1 - p->x0, p->y1 - p->y0 };
}

/**
 * verk_puzzle_layout_get_bounds:
 * @index: the piece
 * @box: (out): the rectangle
 *
 * The smallest rectangle holding the piece's outline, knobs included.
 */
void
verk_puzzle_layout_get_bounds (const VerkPuzzleLayout *layout,
                               guint                   index,
                               cairo_rectangle_t      *box)
{
  const Piece *p;

  g_return_if_fail (layout != NULL && index < layout->n_pieces && box != NULL);
  p = &layout->pieces[index];
  *box = (cairo_rectangle_t) { p->bx0, p->by0, p->bx1 - p->bx0, p->by1 - p->by0 };
}

/**
 * verk_puzzle_layout_get_knob_depth:
 *
 * Returns: how far knobs reach across an edge, in layout units.
 */
double
verk_puzzle_layout_get_knob_depth (const VerkPuzzleLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->knob_depth;
}

/**
 * verk_puzzle_layout_get_center:
 * @index: the piece
 * @x: (out): x of the centre of the piece's cell
 * @y: (out): y of the centre
 *
 * The centre of the piece.
 */
void
verk_puzzle_layout_get_center (const VerkPuzzleLayout *layout,
                               guint                   index,
                               double                 *x,
                               double                 *y)
{
  const Piece *p;

  g_return_if_fail (layout != NULL && index < layout->n_pieces);
  p = &layout->pieces[index];
  if (x != NULL)
    *x = (p->x0 + p->x1) / 2;
  if (y != NULL)
    *y = (p->y0 + p->y1) / 2;
}

/**
 * verk_puzzle_layout_get_n_edges:
 *
 * Returns: how many edges the piece's outline is made of (for tests).
 */
guint
verk_puzzle_layout_get_n_edges (const VerkPuzzleLayout *layout,
                                guint                   index)
{
  g_return_val_if_fail (layout != NULL && index < layout->n_pieces, 0);
  return layout->pieces[index].refs->len;
}

/**
 * verk_puzzle_layout_get_edge_points:
 * @index: the piece
 * @edge: 0 .. n_edges - 1, clockwise from the top-left corner
 * @n_points: (out): how many points are returned
 *
 * The Bézier points of one side of the piece as that piece walks it: a
 * start point, then three points (two controls and an end) per cubic.
 * For tests that compare shared edges from both sides.
 *
 * Returns: (transfer full) (array length=n_points): x, y pairs.
 */
double *
verk_puzzle_layout_get_edge_points (const VerkPuzzleLayout *layout,
                                    guint                   index,
                                    guint                   edge,
                                    guint                  *n_points)
{
  const EdgeRef *ref;
  GArray *p;
  double *out;

  g_return_val_if_fail (layout != NULL && index < layout->n_pieces, NULL);
  g_return_val_if_fail (edge < layout->pieces[index].refs->len, NULL);
  ref = &g_array_index (layout->pieces[index].refs, EdgeRef, edge);
  p = g_array_index (layout->edges, Edge, ref->edge).points;
  out = g_new (double, 2 * p->len);
  for (guint i = 0; i < p->len; i++)
    {
      Point q = g_array_index (p, Point, ref->reversed ? p->len - 1 - i : i);

      out[2 * i] = q.x;
      out[2 * i + 1] = q.y;
    }
  *n_points = p->len;
  return out;
}

/**
 * verk_puzzle_layout_neighbour:
 * @index: the piece
 * @direction: the arrow key
 *
 * Left and right move within a row; up and down move to the piece in the next
 * row that overlaps this one most (the nearer centre, then the left one, when
 * two overlap equally).
 *
 * Returns: the piece reached from @index by an arrow key, or @index when none
 *   lies that way.
 */
guint
verk_puzzle_layout_neighbour (const VerkPuzzleLayout *layout,
                              guint                   index,
                              VerkDirection           direction)
{
  const Piece *p;
  guint row, first, count, best;
  double best_overlap = -1, best_distance = G_MAXDOUBLE, cx;

  g_return_val_if_fail (layout != NULL && index < layout->n_pieces, index);
  p = &layout->pieces[index];

  switch (direction)
    {
    case VERK_DIRECTION_LEFT:
      return p->col > 0 ? index - 1 : index;
    case VERK_DIRECTION_RIGHT:
      return p->col + 1 < layout->row_count[p->row] ? index + 1 : index;
    case VERK_DIRECTION_UP:
      if (p->row == 0)
        return index;
      row = p->row - 1;
      break;
    case VERK_DIRECTION_DOWN:
      if (p->row + 1 == layout->n_rows)
        return index;
      row = p->row + 1;
      break;
    default:
      g_return_val_if_reached (index);
    }

  first = layout->row_first[row];
  count = layout->row_count[row];
  best = first;
  cx = (p->x0 + p->x1) / 2;
  for (guint i = first; i < first + count; i++)
    {
      const Piece *q = &layout->pieces[i];
      double overlap = MIN (p->x1, q->x1) - MAX (p->x0, q->x0);
      double distance = fabs ((q->x0 + q->x1) / 2 - cx);

      if (overlap > best_overlap + 1e-9
          || (fabs (overlap - best_overlap) <= 1e-9 && distance < best_distance - 1e-9))
        {
          best = i;
          best_overlap = overlap;
          best_distance = distance;
        }
    }
  return best;
}
