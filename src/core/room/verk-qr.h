/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A QR code (libqrencode, error correction M) drawn with Cairo, for the
 * room's join address: in the Room dialog and on the projector. */

/* The number of modules per side of @text's code, including the quiet zone
 * of 4 modules on each side; 0 when @text cannot be encoded. */
int      verk_qr_get_size  (const char *text);

/* Draws @text's code, quiet zone included, as a black-on-white square of
 * @size user units with its top-left corner at (@x, @y). Modules snap to
 * whole device pixels when the scale allows. FALSE when @text cannot be
 * encoded (too long, or not UTF-8); nothing is drawn then. */
gboolean verk_qr_draw      (cairo_t    *cr,
                            const char *text,
                            double      x,
                            double      y,
                            double      size);

G_END_DECLS
