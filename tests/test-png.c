/* SPDX-License-Identifier: GPL-3.0-or-later */
/* verk_png_encode(): what it writes reads back through libpng (cairo's PNG
 * reader) as the same pixels, opaque or translucent, ARGB32 or RGB24, and it
 * refuses what it cannot encode. */
#include "config.h"

#include <string.h>

#include "verk-png.h"

typedef struct {
  const guint8 *data;
  gsize         left;
} Reader;

static cairo_status_t
read_cb (void          *closure,
         unsigned char *data,
         unsigned int   length)
{
  Reader *r = closure;

  if (length > r->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data, length);
  r->data += length;
  r->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode (GBytes *png)
{
  gsize size;
  Reader r;

  r.data = g_bytes_get_data (png, &size);
  r.left = size;
  return cairo_image_surface_create_from_png_stream (read_cb, &r);
}

/* Straight (un-premultiplied) RGBA of pixel (x, y). */
static void
pixel (cairo_surface_t *s,
       int              x,
       int              y,
       int              rgba[4])
{
  const guint8 *row = cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s);
  guint32 p = ((const guint32 *) row)[x];
  int a = cairo_image_surface_get_format (s) == CAIRO_FORMAT_RGB24 ? 255 : (int) (p >> 24);

  rgba[3] = a;
  for (int c = 0; c < 3; c++)
    {
      int v = (p >> (16 - 8 * c)) & 0xFF;
      rgba[c] = a == 0 ? 0 : (v * 255 + a / 2) / a;
    }
}

/* A picture with flat areas, a gradient, an antialiased circle and, unless
 * @opaque, a translucent and a transparent corner. */
static cairo_surface_t *
picture (cairo_format_t format,
         gboolean       opaque)
{
  cairo_surface_t *s = cairo_image_surface_create (format, 97, 61);
  cairo_t *cr = cairo_create (s);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 97, 0);

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.6);
  cairo_paint (cr);
  cairo_pattern_add_color_stop_rgb (gradient, 0, 1, 0.9, 0.1);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.1, 0.2, 0.9);
  cairo_set_source (cr, gradient);
  cairo_rectangle (cr, 0, 30, 97, 10);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.95, 0.3, 0.1);
  cairo_arc (cr, 48, 20, 14.3, 0, 2 * G_PI);
  cairo_fill (cr);
  if (!opaque)
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_rgba (cr, 0.1, 0.8, 0.3, 0.5);
      cairo_rectangle (cr, 0, 0, 20, 20);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0);
      cairo_rectangle (cr, 77, 41, 20, 20);
      cairo_fill (cr);
    }
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
  return s;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      {
        int pa[4], pb[4];

        pixel (a, x, y, pa);
        pixel (b, x, y, pb);
        g_assert_cmpint (pa[3], ==, pb[3]);
        /* Premultiplied storage loses precision at low alpha: allow 1 step
         * at full alpha, more where the colour was divided by a small alpha. */
        for (int c = 0; c < 3; c++)
          g_assert_cmpint (ABS (pa[c] - pb[c]), <=, (pa[3] == 255 ? 1 : 2 + 255 / MAX (pa[3], 1)));
      }
}

static void
check_round_trip (cairo_format_t format,
                  gboolean       opaque,
                  guint8         colour_type)
{
  g_autoptr (GError) error = NULL;
  cairo_surface_t *original = picture (format, opaque);
  g_autoptr (GBytes) png = verk_png_encode (original, &error);
  cairo_surface_t *back;
  const guint8 *bytes;
  gsize size;

  g_assert_no_error (error);
  g_assert_nonnull (png);
  bytes = g_bytes_get_data (png, &size);
  g_assert_cmpuint (size, >, 8 + 25 + 12);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (bytes + 12, 4, "IHDR", 4);
  g_assert_cmpint (bytes[8 + 8 + 9], ==, colour_type);

  back = decode (png);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  assert_same_pixels (original, back);
  cairo_surface_destroy (back);
  cairo_surface_destroy (original);
}

static void
test_opaque_is_rgb (void)
{
  check_round_trip (CAIRO_FORMAT_ARGB32, TRUE, 2);
  check_round_trip (CAIRO_FORMAT_RGB24, TRUE, 2);
}

static void
test_translucent_is_rgba (void)
{
  check_round_trip (CAIRO_FORMAT_ARGB32, FALSE, 6);
}

/* Every byte value and every difference between neighbours, exactly: noise
 * in an RGB24 surface whose unused top byte holds noise too (cairo leaves it
 * undefined), and in an opaque ARGB32 one. */
static void
test_opaque_noise_exact (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  for (guint f = 0; f < 2; f++)
    {
      cairo_format_t format = f == 0 ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32;
      cairo_surface_t *original = cairo_image_surface_create (format, 131, 37);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) png = NULL;
      cairo_surface_t *back;
      guint8 *data = cairo_image_surface_get_data (original);
      int stride = cairo_image_surface_get_stride (original);

      for (int y = 0; y < 37; y++)
        for (int x = 0; x < 131; x++)
          {
            guint32 v = g_rand_int (rand);

            ((guint32 *) (data + y * stride))[x] = format == CAIRO_FORMAT_ARGB32 ? (v | 0xFF000000u) : v;
          }
      cairo_surface_mark_dirty (original);
      png = verk_png_encode (original, &error);
      g_assert_no_error (error);
      g_assert_cmpint (((const guint8 *) g_bytes_get_data (png, NULL))[8 + 8 + 9], ==, 2);
      back = decode (png);
      g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
      for (int y = 0; y < 37; y++)
        for (int x = 0; x < 131; x++)
          {
            guint32 a = ((const guint32 *) (data + y * stride))[x];
            guint32 b = ((const guint32 *) (cairo_image_surface_get_data (back)
                                           + y * cairo_image_surface_get_stride (back)))[x];

            g_assert_cmphex (a & 0xFFFFFF, ==, b & 0xFFFFFF);
          }
      cairo_surface_destroy (back);
      cairo_surface_destroy (original);
    }
}

static void
test_refuses_other_formats (void)
{
  g_autoptr (GError) error = NULL;
  cairo_surface_t *a8 = cairo_image_surface_create (CAIRO_FORMAT_A8, 10, 10);
  GBytes *png = verk_png_encode (a8, &error);

  g_assert_null (png);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  cairo_surface_destroy (a8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png/opaque-is-rgb", test_opaque_is_rgb);
  g_test_add_func ("/png/translucent-is-rgba", test_translucent_is_rgba);
  g_test_add_func ("/png/opaque-noise-exact", test_opaque_noise_exact);
  g_test_add_func ("/png/refuses-other-formats", test_refuses_other_formats);
  return g_test_run ();
}
