/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-render"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "verk-atomic-file.h"
#include "verk-png.h"
#include "verk-puzzle-render-private.h"

/* The puzzle as a file (PNG, SVG, PDF) or as PNG bytes, in the default
 * style, drawn afresh with the caller's renderer. */

typedef enum { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } Format;

static void
draw_default (VerkPuzzleRenderer    *renderer,
              cairo_t               *cr,
              int                    width,
              int                    height,
              const VerkPuzzlePiece *pieces,
              guint                  n_pieces)
{
  double margin = verk_puzzle_margin (width, height);
  g_autoptr (VerkPuzzleLayout) layout =
    verk_puzzle_layout_new (n_pieces, width - 2 * margin, height - 2 * margin);
  VerkPuzzleStyle style;

  verk_puzzle_style_init_default (&style, FALSE);
  cairo_set_source_rgb (cr, style.background.r, style.background.g, style.background.b);
  cairo_paint (cr);
  cairo_translate (cr, margin, margin);
  verk_puzzle_renderer_render_base (renderer, cr, layout, pieces, n_pieces, &style);
  verk_puzzle_renderer_render_overlay (renderer, cr, layout, pieces, n_pieces, &style);
}

/* Draws into @file; a failed write is @file's to report (at commit). */
static gboolean
render_to_file (VerkPuzzleRenderer     *renderer,
                Format                  format,
                VerkAtomicFile         *file,
                int                     width,
                int                     height,
                const VerkPuzzlePiece  *pieces,
                guint                   n_pieces,
                GError                **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (verk_atomic_file_cairo_write, file, width, height);
  else if (format == FORMAT_PDF)
    surface = cairo_pdf_surface_create_for_stream (verk_atomic_file_cairo_write, file, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cr = cairo_create (surface);
  draw_default (renderer, cr, width, height, pieces, n_pieces);
  cairo_destroy (cr);
  if (format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, verk_atomic_file_cairo_write, file);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  /* WRITE_ERROR comes only from verk_atomic_file_cairo_write(), which kept
   * the reason for verk_atomic_file_commit(). */
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the puzzle: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_request (int       width,
               int       height,
               guint     n_pieces,
               GError  **error)
{
  if (width < 16 || height < 16 || width > 16384 || height > 16384)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The image size %d×%d is not possible. Choose a width and height between 16 and 16384."),
                   width, height);
      return FALSE;
    }
  if (n_pieces < 1 || n_pieces > VERK_PUZZLE_MAX_PIECES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A puzzle has between 1 and %d pieces; this one has %u."),
                   VERK_PUZZLE_MAX_PIECES, n_pieces);
      return FALSE;
    }
  return TRUE;
}

/**
 * verk_puzzle_renderer_render_to_file:
 * @path: where to write; the extension (.png, .svg, .pdf) picks the format
 * @protected_paths: (nullable) (array zero-terminated=1): files never to
 *   replace, as for verk_atomic_file_begin() (verk_store_protected_paths())
 * @width: width in pixels (PNG) or points (SVG, PDF)
 * @height: height likewise
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: 1 .. VERK_PUZZLE_MAX_PIECES
 * @error: the place for a translated error
 *
 * Draws the puzzle in the default (light) style through a #VerkAtomicFile:
 * a failure never leaves a broken file behind, and only a regular file the
 * user may write is replaced.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_puzzle_renderer_render_to_file (VerkPuzzleRenderer     *self,
                                     const char             *path,
                                     const char * const     *protected_paths,
                                     int                     width,
                                     int                     height,
                                     const VerkPuzzlePiece  *pieces,
                                     guint                   n_pieces,
                                     GError                **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *display = NULL;
  g_autoptr (VerkAtomicFile) file = NULL;
  Format format;

  g_return_val_if_fail (VERK_IS_PUZZLE_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = FORMAT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Cannot tell which kind of image “%s” should be. Give the file name the ending .png, .svg or .pdf."),
                   display);
      return FALSE;
    }
  if (!check_request (width, height, n_pieces, error))
    return FALSE;

  file = verk_atomic_file_begin (path, protected_paths, error);
  if (file == NULL || !render_to_file (self, format, file, width, height, pieces, n_pieces, error))
    return FALSE;
  return verk_atomic_file_commit (g_steal_pointer (&file), error);
}

/**
 * verk_puzzle_renderer_render_png_bytes:
 * @width: width in pixels
 * @height: height in pixels
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: 1 .. VERK_PUZZLE_MAX_PIECES
 * @error: the place for a translated error
 *
 * The puzzle as PNG data in the default style, for embedding (the workbook).
 *
 * Returns: (transfer full): the PNG bytes, or NULL on error.
 */
GBytes *
verk_puzzle_renderer_render_png_bytes (VerkPuzzleRenderer     *self,
                                       int                     width,
                                       int                     height,
                                       const VerkPuzzlePiece  *pieces,
                                       guint                   n_pieces,
                                       GError                **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  GBytes *png = NULL;

  g_return_val_if_fail (VERK_IS_PUZZLE_RENDERER (self), NULL);
  if (!check_request (width, height, n_pieces, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  draw_default (self, cr, width, height, pieces, n_pieces);
  status = cairo_status (cr);
  cairo_destroy (cr);
  /* Every exported workbook embeds this: verk_png_encode() is about ten
   * times faster than cairo's PNG writer (see docs/PERFORMANCE.md). */
  if (status == CAIRO_STATUS_SUCCESS)
    png = verk_png_encode (surface, error);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not draw the puzzle: %s"), cairo_status_to_string (status));
  cairo_surface_destroy (surface);
  return png;
}

/**
 * verk_puzzle_render_to_file:
 *
 * verk_puzzle_renderer_render_to_file() with a renderer for the one call.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_puzzle_render_to_file (const char             *path,
                            const char * const     *protected_paths,
                            int                     width,
                            int                     height,
                            const VerkPuzzlePiece  *pieces,
                            guint                   n_pieces,
                            GError                **error)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  return verk_puzzle_renderer_render_to_file (renderer, path, protected_paths, width, height,
                                              pieces, n_pieces, error);
}

/**
 * verk_puzzle_render_png_bytes:
 *
 * verk_puzzle_renderer_render_png_bytes() with a renderer for the one call.
 *
 * Returns: (transfer full): the PNG bytes, or NULL on error.
 */
GBytes *
verk_puzzle_render_png_bytes (int                    width,
                              int                    height,
                              const VerkPuzzlePiece *pieces,
                              guint                  n_pieces,
                              GError               **error)
{
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();

  return verk_puzzle_renderer_render_png_bytes (renderer, width, height, pieces, n_pieces, error);
}
