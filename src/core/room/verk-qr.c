/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-qr"

#include "config.h"

#include "verk-qr.h"

#include <math.h>
#include <qrencode.h>

/* Scanners need a light border of four modules around the code. */
#define QUIET_ZONE 4

static QRcode *
encode (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  return QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

int
verk_qr_get_size (const char *text)
{
  QRcode *qr = encode (text);
  int size;

  if (qr == NULL)
    return 0;
  size = qr->width + 2 * QUIET_ZONE;
  QRcode_free (qr);
  return size;
}

gboolean
verk_qr_draw (cairo_t    *cr,
              const char *text,
              double      x,
              double      y,
              double      size)
{
  QRcode *qr = encode (text);
  double module;
  int modules;

  if (qr == NULL)
    return FALSE;
  modules = qr->width + 2 * QUIET_ZONE;
  /* Whole-pixel modules keep the code crisp (a blurred edge confuses
   * scanners); fall back to fractional ones only when too small. */
  module = size / modules >= 1 ? floor (size / modules) : size / modules;
  x += (size - module * modules) / 2;
  y += (size - module * modules) / 2;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, module * modules, module * modules);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr, x + (col + QUIET_ZONE) * module, y + (row + QUIET_ZONE) * module,
                         module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (qr);
  return TRUE;
}
