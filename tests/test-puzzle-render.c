/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "verk-content.h"
#include "verk-puzzle-export.h"
#include "verk-puzzle-render.h"

static char *
artifact_path (const char *name)
{
  const char *build = g_getenv ("VERKSTAD_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build != NULL ? build : ".", "test-artifacts", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

/* A point in the piece's fill, clear of text, outline and knobs: near the
 * corner of the cell, a fraction of the knob depth in from both sides. */
static void
fill_point (const VerkPuzzleLayout *layout,
            guint                   index,
            double                 *x,
            double                 *y)
{
  cairo_rectangle_t cell;
  double d = verk_puzzle_layout_get_knob_depth (layout);
  double in = MAX (0.5 * d, 0.03 * MIN (cell.width, cell.height));

  verk_puzzle_layout_get_cell (layout, index, &cell);
  in = MAX (0.5 * d, 0.03 * MIN (cell.width, cell.height));
  *x = cell.x + cell.width - in;
  *y = cell.y + cell.height - in;
}

static gboolean
pixel_is (cairo_surface_t *surface,
          double           x,
          double           y,
          VerkRgba         c)
{
  guint32 *data = (guint32 *) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  guint32 p = data[(int) y * stride + (int) x];
  int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return abs (r - (int) round (c.r * 255)) <= 2 && abs (g - (int) round (c.g * 255)) <= 2
         && abs (b - (int) round (c.b * 255)) <= 2;
}

static void
set_pieces (VerkPuzzlePiece *pieces,
            VerkContent     *content)
{
  memset (pieces, 0, sizeof (VerkPuzzlePiece) * 13);
  for (guint i = 0; i < 13; i++)
    {
      pieces[i].name = verk_content_get_value (content, i)->name;
      pieces[i].score = (int) (i % 6);   /* 0 (unscored) .. 5 */
    }
}

/* Each piece is filled with its score's colour, unscored ones neutral, and
 * the image is not blank. */
static void
test_fill_colours (void)
{
  g_autoptr (VerkContent) content = verk_content_new ("sv", NULL);
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, 1280, 720);
  g_autofree char *path = artifact_path ("puzzle-render-1280x720.png");
  VerkPuzzlePiece pieces[13];
  VerkPuzzleStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint32 *data;

  set_pieces (pieces, content);
  verk_puzzle_style_init_default (&style, FALSE);
  verk_puzzle_render (cr, layout, pieces, 13, &style);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);

  for (guint i = 0; i < 13; i++)
    {
      double x, y;
      VerkRgba want = pieces[i].score > 0 ? verk_puzzle_score_color (pieces[i].score) : style.unscored_fill;

      fill_point (layout, i, &x, &y);
      if (!pixel_is (surface, x, y, want))
        g_error ("piece %u (score %d) at %.0f,%.0f has the wrong colour", i, pieces[i].score, x, y);
    }
  data = (guint32 *) cairo_image_surface_get_data (surface);
  for (int i = 0; i < 1280 * 720; i += 97)
    g_hash_table_add (colours, GUINT_TO_POINTER (data[i]));
  g_assert_cmpuint (g_hash_table_size (colours), >, 8);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The five score colours are distinct in lightness (readable in greyscale and
 * by colour-blind viewers), and text on each has good contrast. */
static void
test_colour_scale (void)
{
  double previous = 2;

  for (int s = 1; s <= 5; s++)
    {
      VerkRgba c = verk_puzzle_score_color (s);
      VerkRgba t = verk_puzzle_text_color (c);
      double l = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
      double lt = 0.2126 * t.r + 0.7152 * t.g + 0.0722 * t.b;

      g_assert_cmpfloat (l, <, previous - 0.08);
      previous = l;
      g_assert_cmpfloat (fabs (l - lt), >, 0.35);
    }
}

/* Every Swedish and English name fits its piece, breaking only between
 * words, at projector and 4K sizes, in a size that reads from the back of
 * the room. */
static void
test_names_fit (void)
{
  static const char *langs[] = { "sv", "en" };
  /* 640×640: the puzzle's half of the presenter window. */
  static const int sizes[][2] = { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 }, { 640, 640 } };
  VerkPuzzleStyle style;

  verk_puzzle_style_init_default (&style, FALSE);
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr (VerkContent) content = verk_content_new (langs[l], NULL);
        double w = sizes[s][0], h = sizes[s][1];
        double margin = verk_puzzle_margin (w, h);
        g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, w - 2 * margin, h - 2 * margin);
        VerkPuzzlePiece pieces[13];
        double size;

        set_pieces (pieces, content);
        size = verk_puzzle_render_get_name_size (layout, pieces, 13, &style);
        /* At least 3.5 % of the height at 16:9 (25 px at 720p; long
         * compounds break at the content pack's hints), 2.4 % in the
         * presenter's square. */
        if (size < (w > h ? 0.035 : 0.024) * h)
          g_error ("%s at %gx%g: names only %.1f px", langs[l], w, h, size);
        for (guint i = 0; i < 13; i++)
          {
            cairo_rectangle_t box, ext;

            verk_puzzle_layout_get_text_box (layout, i, &box);
            if (!verk_puzzle_render_check_name (layout, i, pieces[i].name, size, &style, &ext))
              g_error ("%s at %gx%g: “%s” does not fit", langs[l], w, h, pieces[i].name);
            g_assert_cmpfloat (ext.x, >=, box.x - 0.01);
            g_assert_cmpfloat (ext.x + ext.width, <=, box.x + box.width + 0.01);
            g_assert_cmpfloat (ext.y + ext.height, <=, box.y + box.height + 0.01);
          }
      }
}

/* Long compounds may break where the content pack hints, only when drawn:
 * the names themselves (stored, exported, read out) never carry a soft
 * hyphen. */
static void
test_name_breaks (void)
{
  static const char *langs[] = { "sv", "en" };

  g_assert_cmpstr (verk_content_lookup_name_breaks ("Kompetensutveckling"), ==, "Kompetens|utveckling");
  g_assert_cmpstr (verk_content_lookup_name_breaks ("participation"), ==, "partici|pation");
  g_assert_null (verk_content_lookup_name_breaks ("Samverkan"));
  g_assert_null (verk_content_lookup_name_breaks ("Kompetens"));
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr (VerkContent) content = verk_content_new (langs[l], NULL);

      for (guint i = 0; i < verk_content_get_n_values (content); i++)
        {
          const char *name = verk_content_get_value (content, i)->name;

          g_assert_null (strstr (name, "\xc2\xad"));
          g_assert_null (strchr (name, '|'));
        }
    }
}

/* A custom piece with an absurd name keeps the others legible and is cut
 * with an ellipsis instead of spilling out of its piece. */
static void
test_long_name (void)
{
  g_autoptr (VerkContent) content = verk_content_new ("sv", NULL);
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, 1280, 720);
  g_autoptr (GString) long_name = g_string_new (NULL);
  VerkPuzzlePiece pieces[13];
  VerkPuzzleStyle style;
  double normal, with_long;
  cairo_surface_t *surface;
  cairo_t *cr;

  verk_puzzle_style_init_default (&style, FALSE);
  set_pieces (pieces, content);
  normal = verk_puzzle_render_get_name_size (layout, pieces, 13, &style);
  for (guint i = 0; i < 30; i++)
    g_string_append (long_name, "Verksamhetsutvecklingsprojektledningsgrupp");
  pieces[4].name = long_name->str;
  with_long = verk_puzzle_render_get_name_size (layout, pieces, 13, &style);
  g_assert_cmpfloat (with_long, >=, normal - 0.01);
  for (guint i = 0; i < 13; i++)
    if (i != 4)
      g_assert_true (verk_puzzle_render_check_name (layout, i, pieces[i].name, with_long, &style, NULL));

  /* Drawn, the long name stays inside its piece: the other pieces' fill
   * points keep their colours. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cr = cairo_create (surface);
  verk_puzzle_render (cr, layout, pieces, 13, &style);
  cairo_surface_flush (surface);
  for (guint i = 0; i < 13; i++)
    {
      double x, y;
      VerkRgba want = pieces[i].score > 0 ? verk_puzzle_score_color (pieces[i].score) : style.unscored_fill;

      /* The long name fills its own text box, which may reach that
       * piece's own sample point; the neighbours' must stay clear. */
      if (i == 4)
        continue;
      fill_point (layout, i, &x, &y);
      g_assert_true (pixel_is (surface, x, y, want));
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_states_change_pixels (void)
{
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, 640, 360);
  VerkPuzzlePiece pieces[13] = { { 0 } };
  VerkPuzzleStyle style;
  VerkPieceState states[] = { VERK_PIECE_SELECTED, VERK_PIECE_FOCUSED, VERK_PIECE_HOVER, VERK_PIECE_DIMMED };
  g_autoptr (GBytes) plain = NULL;

  verk_puzzle_style_init_default (&style, TRUE);
  for (guint i = 0; i < 13; i++)
    {
      pieces[i].name = "Samverkan";
      pieces[i].score = 3;
    }
  for (guint s = 0; s <= G_N_ELEMENTS (states) + 2; s++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
      cairo_t *cr = cairo_create (surface);
      g_autoptr (GBytes) bytes = NULL;

      pieces[6].state = s >= 1 && s <= G_N_ELEMENTS (states) ? states[s - 1] : 0;
      pieces[6].rank = s == G_N_ELEMENTS (states) + 1 ? 1 : 0;
      pieces[6].pulse = s == G_N_ELEMENTS (states) + 2 ? 0.5 : 0;
      verk_puzzle_render (cr, layout, pieces, 13, &style);
      cairo_surface_flush (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface), 640 * 4 * 360);
      if (s == 0)
        plain = g_bytes_ref (bytes);
      else
        g_assert_false (g_bytes_equal (plain, bytes));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* The cached still picture plus the overlay gives the same pixels as drawing
 * everything afresh (through a recording surface, which is never cached). */
static void
test_cache_matches_direct (void)
{
  g_autoptr (VerkContent) content = verk_content_new ("sv", NULL);
  g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (13, 800, 450);
  VerkPuzzlePiece pieces[13];
  VerkPuzzleStyle style;

  set_pieces (pieces, content);
  pieces[2].rank = 1;
  verk_puzzle_style_init_default (&style, FALSE);
  for (guint frame = 0; frame < 6; frame++)
    {
      cairo_surface_t *direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 450);
      cairo_surface_t *cached = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 450);
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr;
      guint32 *a, *b;
      int differ = 0;

      for (guint i = 0; i < 13; i++)
        pieces[i].state = 0, pieces[i].pulse = 0;
      pieces[frame].state = VERK_PIECE_HOVER;
      pieces[(frame + 5) % 13].state = VERK_PIECE_SELECTED | VERK_PIECE_FOCUSED;
      pieces[(frame + 9) % 13].pulse = 0.5;
      if (frame == 4)
        pieces[7].score = 5;   /* content change: the cache must follow */

      cr = cairo_create (cached);
      verk_puzzle_render (cr, layout, pieces, 13, &style);
      cairo_destroy (cr);
      cr = cairo_create (recording);
      verk_puzzle_render (cr, layout, pieces, 13, &style);
      cairo_destroy (cr);
      cr = cairo_create (direct);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_flush (direct);
      cairo_surface_flush (cached);

      a = (guint32 *) cairo_image_surface_get_data (direct);
      b = (guint32 *) cairo_image_surface_get_data (cached);
      for (int i = 0; i < 800 * 450; i++)
        for (int shift = 0; shift < 32; shift += 8)
          if (abs ((int) ((a[i] >> shift) & 0xff) - (int) ((b[i] >> shift) & 0xff)) > 24)
            {
              differ++;
              break;
            }
      /* Antialiased edges drawn twice may round differently; nothing else. */
      if (differ > 800 * 450 / 500)
        g_error ("frame %u: %d pixels differ", frame, differ);
      cairo_surface_destroy (recording);
      cairo_surface_destroy (direct);
      cairo_surface_destroy (cached);
    }
}

static void
test_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkPuzzleModel) model = verk_puzzle_model_new_default ("sv", &error);
  g_autoptr (GMarkupParseContext) parser = NULL;
  static const GMarkupParser no_callbacks = { 0 };
  g_autofree char *png = artifact_path ("puzzle.png");
  g_autofree char *svg = artifact_path ("puzzle.svg");
  g_autofree char *pdf = artifact_path ("puzzle.pdf");
  g_autofree char *bad = artifact_path ("puzzle.gif");
  g_autofree char *data = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_cmpuint (model->n_pieces, ==, 13);
  for (guint i = 0; i < 13; i++)
    model->pieces[i].score = 1 + (int) (i % 5);

  g_assert_true (verk_puzzle_render_to_file (png, NULL, 800, 450, model->pieces, 13, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &data, &len, NULL));
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&data, g_free);

  g_assert_true (verk_puzzle_render_to_file (pdf, NULL, 800, 450, model->pieces, 13, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_nonnull (g_strstr_len (data + len - 8, 8, "%%EOF"));
  g_clear_pointer (&data, g_free);

  g_assert_true (verk_puzzle_render_to_file (svg, NULL, 800, 450, model->pieces, 13, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &data, &len, NULL));
  g_assert_nonnull (strstr (data, "<svg"));
  parser = g_markup_parse_context_new (&no_callbacks, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, data, (gssize) len, &error));
  g_assert_true (g_markup_parse_context_end_parse (parser, &error));
  g_assert_no_error (error);

  bytes = verk_puzzle_render_png_bytes (400, 225, model->pieces, 13, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

  /* Refusals leave nothing behind. */
  g_assert_false (verk_puzzle_render_to_file (bad, NULL, 800, 450, model->pieces, 13, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_false (verk_puzzle_render_to_file ("/nonexistent-dir/p.png", NULL, 800, 450, model->pieces, 13, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (verk_puzzle_render_to_file (png, NULL, 8, 450, model->pieces, 13, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The same layout object can be drawn many times; the name size is cached. */
static void
test_workshop_model (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkContent) content = verk_content_new ("en", NULL);
  g_autoptr (VerkPuzzleModel) model = NULL;
  g_autoptr (GPtrArray) items = NULL;
  gint64 group, workshop, ids[2];

  group = verk_store_add_group (store, "Group", "", &error);
  workshop = verk_store_add_workshop (store, group, "2026-05-04", "", &error);
  g_assert_true (verk_content_seed_workshop (content, store, workshop, &error));
  items = verk_store_list_items (store, workshop, "siq", &error);
  g_assert_true (verk_store_set_agreed (store, ((VerkItem *) items->pdata[2])->id, 4, "", &error));
  ids[0] = ((VerkItem *) items->pdata[5])->id;
  ids[1] = ((VerkItem *) items->pdata[2])->id;
  g_assert_true (verk_store_set_priorities (store, workshop, ids, 2, &error));
  g_assert_no_error (error);

  model = verk_puzzle_model_new_for_workshop (store, workshop, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (model->n_pieces, ==, 13);
  g_assert_cmpstr (model->pieces[2].name, ==, "Customer orientation");
  g_assert_cmpint (model->pieces[2].score, ==, 4);
  g_assert_cmpint (model->pieces[2].rank, ==, 2);
  g_assert_cmpint (model->pieces[5].rank, ==, 1);
  g_assert_cmpint (model->pieces[0].score, ==, 0);
  g_assert_cmpint (model->pieces[0].rank, ==, 0);
  g_clear_pointer (&model, verk_puzzle_model_free);

  model = verk_puzzle_model_new_for_workshop (store, workshop + 100, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/puzzle-render/fill-colours", test_fill_colours);
  g_test_add_func ("/puzzle-render/colour-scale", test_colour_scale);
  g_test_add_func ("/puzzle-render/names-fit", test_names_fit);
  g_test_add_func ("/puzzle-render/name-breaks", test_name_breaks);
  g_test_add_func ("/puzzle-render/long-name", test_long_name);
  g_test_add_func ("/puzzle-render/states-change-pixels", test_states_change_pixels);
  g_test_add_func ("/puzzle-render/cache-matches-direct", test_cache_matches_direct);
  g_test_add_func ("/puzzle-render/files", test_files);
  g_test_add_func ("/puzzle-render/workshop-model", test_workshop_model);
  return g_test_run ();
}
