/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's QR code decodes back to the address it was drawn from:
 * rendered with Cairo, written to PNG, read by zbarimg (zbar-tools). */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "verk-qr.h"

static char *
decode (const char *text,
        double      size,
        double      offset)
{
  g_autofree char *dir = g_dir_make_tmp ("verk-qr-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "qr.png", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *argv[] = { "zbarimg", "--raw", "-q", png, NULL };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (size + 2 * offset),
                                                         (int) (size + 2 * offset));
  cairo_t *cr = cairo_create (surface);

  /* A grey page around it: the code brings its own white quiet zone. */
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  g_assert_true (verk_qr_draw (cr, text, offset, offset, size));
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_unlink (png);
  g_rmdir (dir);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (g_steal_pointer (&out));
}

static void
test_decodes_back (void)
{
  const char *urls[] = {
    "http://192.168.1.20:41234/?c=K7QZ9W",
    "http://[fd00:1234:5678::20]:41234/?c=ABCDEF",
    "http://10.0.0.2:8080/?c=23456H",
  };

  if (g_find_program_in_path ("zbarimg") == NULL)
    {
      g_test_skip ("zbarimg (zbar-tools) is not installed; build-aux/dev test installs it");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      /* The projector's size and a small one in the dialog. */
      g_autofree char *big = decode (urls[i], 600, 20);
      g_autofree char *small = decode (urls[i], 160, 3.5);
      g_assert_cmpstr (big, ==, urls[i]);
      g_assert_cmpstr (small, ==, urls[i]);
    }
}

static void
test_size_and_bad_input (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *too_long = g_strnfill (8000, 'a');

  /* Version 2 (25 modules) + 2 × 4 quiet zone for a short address. */
  g_assert_cmpint (verk_qr_get_size ("http://10.0.0.2:8080/?c=23456H"), >=, 25 + 8);
  g_assert_cmpint (verk_qr_get_size (too_long), ==, 0);
  g_assert_false (verk_qr_draw (cr, too_long, 0, 0, 10));
  g_assert_false (verk_qr_draw (cr, "\xff\xfe", 0, 0, 10));
  g_assert_false (verk_qr_draw (cr, NULL, 0, 0, 10));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qr/decodes-back", test_decodes_back);
  g_test_add_func ("/qr/size-and-bad-input", test_size_and_bad_input);
  return g_test_run ();
}
