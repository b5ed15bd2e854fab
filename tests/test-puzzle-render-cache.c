/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The still picture a VerkPuzzleRenderer keeps on image surfaces: after any
 * change the picture must equal one drawn afresh, a score change must redraw
 * only where that piece reaches, and a change of style, size, transform or
 * names must redraw everything. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "verk-content.h"
#include "verk-puzzle-renderer.h"

#define N 13
#define WIDTH 1000
#define HEIGHT 580
#define MARGIN 20

typedef struct {
  VerkContent      *content;
  VerkPuzzleLayout *layout;
  VerkPuzzlePiece   pieces[N];
  VerkPuzzleStyle   style;
  VerkPuzzleRenderer *renderer; /* kept, like a view's */
  cairo_surface_t  *kept;      /* drawn on frame after frame, like a view */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->renderer = verk_puzzle_renderer_new ();
  f->content = verk_content_new ("sv", NULL);
  g_assert_nonnull (f->content);
  f->layout = verk_puzzle_layout_new (N, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN);
  memset (f->pieces, 0, sizeof f->pieces);
  for (guint i = 0; i < N; i++)
    {
      f->pieces[i].name = verk_content_get_value (f->content, i)->name;
      f->pieces[i].score = (int) (i % 6);   /* 0 (unscored) .. 5 */
      f->pieces[i].rank = i < 3 ? (int) i + 1 : 0;
    }
  f->pieces[8].state = VERK_PIECE_DIMMED;
  f->pieces[4].state = VERK_PIECE_SELECTED;
  f->pieces[10].state = VERK_PIECE_FOCUSED;
  verk_puzzle_style_init_default (&f->style, FALSE);
  f->kept = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cairo_surface_destroy (f->kept);
  verk_puzzle_layout_free (f->layout);
  g_object_unref (f->content);
  g_object_unref (f->renderer);
}

/* Through the cache: the renderer on the kept image surface. */
static void
draw_kept (Fixture *f)
{
  cairo_t *cr = cairo_create (f->kept);

  cairo_set_source_rgb (cr, 0.3, 0.6, 0.9);   /* whatever the last frame left */
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  verk_puzzle_renderer_render (f->renderer, cr, f->layout, f->pieces, N, &f->style);
  cairo_destroy (cr);
  cairo_surface_flush (f->kept);
}

/* Afresh: base and overlay drawn straight onto a new surface, no cache. */
static cairo_surface_t *
draw_fresh (Fixture *f)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.3, 0.6, 0.9);
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  verk_puzzle_render_base (cr, f->layout, f->pieces, N, &f->style);
  verk_puzzle_render_overlay (cr, f->layout, f->pieces, N, &f->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
copy_of (cairo_surface_t *surface)
{
  cairo_surface_t *copy = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (copy);

  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (copy);
  return copy;
}

static int
pixel_diff (cairo_surface_t *a,
            cairo_surface_t *b,
            int              x,
            int              y)
{
  guint32 p = ((guint32 *) cairo_image_surface_get_data (a))[y * cairo_image_surface_get_stride (a) / 4 + x];
  guint32 q = ((guint32 *) cairo_image_surface_get_data (b))[y * cairo_image_surface_get_stride (b) / 4 + x];
  int most = 0;

  for (int shift = 0; shift < 32; shift += 8)
    most = MAX (most, abs ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)));
  return most;
}

/* The kept picture equals a fresh one: no channel off by more than 1 (the
 * rounding of blending twice), but for a few pixels on a clipped edge,
 * where cairo may round coverage a step differently, and those by little. */
static void
assert_same_as_fresh (Fixture    *f,
                      const char *what)
{
  cairo_surface_t *fresh = draw_fresh (f);
  int off = 0, most = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        int d = pixel_diff (fresh, f->kept, x, y);

        most = MAX (most, d);
        off += d > 1;
      }
  if (off > WIDTH * HEIGHT / 10000 || most > 4)
    g_error ("%s: %d pixels differ from a fresh drawing (by up to %d)", what, off, most);
  cairo_surface_destroy (fresh);
}

/* Whether every pixel that differs between @before and @after lies in the
 * box of one of @pieces (its outline with knobs, plus a few pixels), and
 * whether any differs at all. */
static gboolean
changes_within (Fixture         *f,
                cairo_surface_t *before,
                cairo_surface_t *after,
                const guint     *pieces,
                guint            n,
                gboolean        *changed)
{
  double pad = 0.006 * MIN (WIDTH, HEIGHT) * 1.5 + 3;

  *changed = FALSE;
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        gboolean inside = FALSE;

        if (pixel_diff (before, after, x, y) == 0)
          continue;
        *changed = TRUE;
        for (guint k = 0; k < n && !inside; k++)
          {
            cairo_rectangle_t b;

            verk_puzzle_layout_get_bounds (f->layout, pieces[k], &b);
            inside = x + 0.5 >= MARGIN + b.x - pad && x + 0.5 <= MARGIN + b.x + b.width + pad
                     && y + 0.5 >= MARGIN + b.y - pad && y + 0.5 <= MARGIN + b.y + b.height + pad;
          }
        if (!inside)
          {
            g_test_message ("pixel %d,%d changed outside the changed pieces", x, y);
            return FALSE;
          }
      }
  return TRUE;
}

/* One piece's score, rank or dimming at a time, as the room changes them:
 * each frame equals a fresh drawing and changes nothing outside that piece. */
static void
test_piece_change (Fixture       *f,
                   gconstpointer  data)
{
  struct { guint piece; int score, rank; gboolean dim; guint also; } steps[] = {
    { 6, 5, 0, FALSE, 6 },      /* a score */
    { 6, 1, 0, FALSE, 6 },      /* the same piece again */
    { 0, 4, 0, FALSE, 0 },      /* the first piece: its badge goes */
    { 12, 3, 4, FALSE, 12 },    /* the last piece gains a badge */
    { 8, 2, 0, FALSE, 8 },      /* undimmed */
    { 9, 0, 0, TRUE, 9 },       /* unscored and dimmed */
    { 4, 5, 0, FALSE, 4 },      /* the selected piece, under its overlay */
  };

  draw_kept (f);
  assert_same_as_fresh (f, "first frame");
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      VerkPuzzlePiece *piece = &f->pieces[steps[s].piece];
      cairo_surface_t *before = copy_of (f->kept);
      g_autofree char *what = g_strdup_printf ("step %u", s);
      guint changed_pieces[] = { steps[s].piece, 4, 10 };
      gboolean changed;

      piece->score = steps[s].score;
      piece->rank = steps[s].rank;
      piece->state = (piece->state & ~VERK_PIECE_DIMMED) | (steps[s].dim ? VERK_PIECE_DIMMED : 0);
      draw_kept (f);
      assert_same_as_fresh (f, what);
      /* The selected and focused pieces' marks are drawn every frame. */
      g_assert_true (changes_within (f, before, f->kept, changed_pieces, 3, &changed));
      g_assert_true (changed);
      cairo_surface_destroy (before);
    }

  /* Several at once, and the hover moving as it does meanwhile. */
  for (guint i = 0; i < N; i += 2)
    f->pieces[i].score = 1 + (f->pieces[i].score % 5);
  f->pieces[3].state |= VERK_PIECE_HOVER;
  draw_kept (f);
  assert_same_as_fresh (f, "many pieces");
  f->pieces[3].state &= ~VERK_PIECE_HOVER;
  f->pieces[5].pulse = 0.5;
  f->pieces[5].score = 2;
  draw_kept (f);
  assert_same_as_fresh (f, "pulse");
}

/* What every piece depends on: each change draws everything again. */
static void
test_frame_change (Fixture       *f,
                   gconstpointer  data)
{
  draw_kept (f);
  assert_same_as_fresh (f, "first frame");

  verk_puzzle_style_init_default (&f->style, TRUE);
  draw_kept (f);
  assert_same_as_fresh (f, "dark style");

  f->style.accent = (VerkRgba) { 0.8, 0.2, 0.1, 1 };
  f->pieces[2].score = 5;
  draw_kept (f);
  assert_same_as_fresh (f, "accent and a score");

  f->style.background.a = 0;   /* leave the background untouched */
  draw_kept (f);
  assert_same_as_fresh (f, "transparent background");
  f->pieces[7].score = 1;
  draw_kept (f);
  assert_same_as_fresh (f, "transparent background, a score");
  verk_puzzle_style_init_default (&f->style, FALSE);

  f->pieces[5].name = "Ett helt nytt namn på en bit";
  draw_kept (f);
  assert_same_as_fresh (f, "a name");

  verk_puzzle_layout_free (f->layout);
  f->layout = verk_puzzle_layout_new (N, WIDTH - 4 * MARGIN, HEIGHT - 4 * MARGIN);
  draw_kept (f);
  assert_same_as_fresh (f, "smaller layout");
  f->pieces[1].score = 3;
  draw_kept (f);
  assert_same_as_fresh (f, "smaller layout, a score");
}

/* Drawing on another surface between two frames on the kept one (the
 * workbook image, say) costs the cache its picture but never a wrong one. */
static void
test_other_surface (Fixture       *f,
                    gconstpointer  data)
{
  cairo_surface_t *other = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 360);
  g_autoptr (VerkPuzzleLayout) small = verk_puzzle_layout_new (N, 640, 360);
  cairo_t *cr;

  draw_kept (f);
  cr = cairo_create (other);
  f->pieces[0].score = 5;
  verk_puzzle_renderer_render (f->renderer, cr, small, f->pieces, N, &f->style);
  cairo_destroy (cr);
  f->pieces[1].score = 5;
  draw_kept (f);
  assert_same_as_fresh (f, "after another surface");
  cairo_surface_destroy (other);
}

/* Draws through the cache (the renderer on @surface) or afresh, with
 * the layout filling the surface and @clip (or none) set by the caller. */
static void
draw_whole (Fixture                 *f,
            cairo_surface_t         *surface,
            const VerkPuzzleLayout  *layout,
            const cairo_rectangle_t *clip,
            gboolean                 fresh)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.3, 0.6, 0.9);
  cairo_paint (cr);
  if (clip != NULL)
    {
      cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (cr);
    }
  if (fresh)
    {
      verk_puzzle_render_base (cr, layout, f->pieces, N, &f->style);
      verk_puzzle_render_overlay (cr, layout, f->pieces, N, &f->style);
    }
  else
    verk_puzzle_renderer_render (f->renderer, cr, layout, f->pieces, N, &f->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

/* The puzzle filling the whole surface (the picture copied in one block),
 * and a caller's clip, which the copy must respect. */
static void
test_whole_and_clipped (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (N, WIDTH, HEIGHT);
  cairo_rectangle_t clips[] = { { 100, 50, 300, 200 }, { 0.5, 10.25, 700, 333.3 } };
  cairo_surface_t *fresh = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *kept = f->kept;

  for (guint round = 0; round < 1 + G_N_ELEMENTS (clips); round++)
    for (guint frame = 0; frame < 3; frame++)
      {
        const cairo_rectangle_t *clip = round > 0 ? &clips[round - 1] : NULL;
        int off = 0;

        f->pieces[frame * 5].score = 1 + (f->pieces[frame * 5].score % 5);
        f->pieces[frame].state ^= VERK_PIECE_HOVER;
        draw_whole (f, kept, layout, clip, FALSE);
        draw_whole (f, fresh, layout, clip, TRUE);
        for (int y = 0; y < HEIGHT; y++)
          for (int x = 0; x < WIDTH; x++)
            {
              /* Through a clip's partly covered edge, one picture painted
               * blends differently from its layers drawn one by one. */
              if (clip != NULL && ((fabs (x - clip->x) < 1.5 || fabs (x - clip->x - clip->width) < 1.5)
                                   || (fabs (y - clip->y) < 1.5 || fabs (y - clip->y - clip->height) < 1.5)))
                continue;
              off += pixel_diff (fresh, kept, x, y) > 1;
            }
        if (off > WIDTH * HEIGHT / 10000)
          g_error ("round %u, frame %u: %d pixels differ from a fresh drawing", round, frame, off);
      }
  cairo_surface_destroy (fresh);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/puzzle-render-cache/piece-change", Fixture, NULL,
              fixture_set_up, test_piece_change, fixture_tear_down);
  g_test_add ("/puzzle-render-cache/frame-change", Fixture, NULL,
              fixture_set_up, test_frame_change, fixture_tear_down);
  g_test_add ("/puzzle-render-cache/other-surface", Fixture, NULL,
              fixture_set_up, test_other_surface, fixture_tear_down);
  g_test_add ("/puzzle-render-cache/whole-and-clipped", Fixture, NULL,
              fixture_set_up, test_whole_and_clipped, fixture_tear_down);
  return g_test_run ();
}
