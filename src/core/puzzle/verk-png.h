/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>   /* G_IO_ERROR */
#include <cairo.h>

G_BEGIN_DECLS

/* A cairo image surface (ARGB32 or RGB24) as PNG bytes, encoded for speed:
 * zlib's fastest level and the Sub filter, RGB when every pixel is opaque. */
GBytes *verk_png_encode (cairo_surface_t  *surface,
                         GError          **error);

G_END_DECLS
