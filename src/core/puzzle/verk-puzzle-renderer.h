/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-puzzle-render.h"

G_BEGIN_DECLS

/* VerkPuzzleRenderer: the puzzle's drawing with everything it keeps between
 * frames — the fitted name size, each name's metrics, the Pango set-up, the
 * overlay's masks and the still picture — owned by whoever draws (a view, an
 * export), never shared behind a lock. Use one from one thread at a time: it
 * sets up its fonts in the thread that first draws with it. What it draws is
 * what the stateless verk_puzzle_render() draws. */
#define VERK_TYPE_PUZZLE_RENDERER (verk_puzzle_renderer_get_type ())
G_DECLARE_FINAL_TYPE (VerkPuzzleRenderer, verk_puzzle_renderer, VERK, PUZZLE_RENDERER, GObject)

VerkPuzzleRenderer *verk_puzzle_renderer_new        (void);

/* Draws the whole puzzle; on an image surface it keeps the still picture and
 * the overlay's masks, and draws again only what changed. */
void             verk_puzzle_renderer_render         (VerkPuzzleRenderer     *self,
                                                      cairo_t                *cr,
                                                      const VerkPuzzleLayout *layout,
                                                      const VerkPuzzlePiece  *pieces,
                                                      guint                   n_pieces,
                                                      const VerkPuzzleStyle  *style);
/* render = base + overlay, each drawn afresh (the text measurements kept). */
void             verk_puzzle_renderer_render_base    (VerkPuzzleRenderer     *self,
                                                      cairo_t                *cr,
                                                      const VerkPuzzleLayout *layout,
                                                      const VerkPuzzlePiece  *pieces,
                                                      guint                   n_pieces,
                                                      const VerkPuzzleStyle  *style);
void             verk_puzzle_renderer_render_overlay (VerkPuzzleRenderer     *self,
                                                      cairo_t                *cr,
                                                      const VerkPuzzleLayout *layout,
                                                      const VerkPuzzlePiece  *pieces,
                                                      guint                   n_pieces,
                                                      const VerkPuzzleStyle  *style);
/* The base as pixels, kept: drawn again only where pieces' scores, ranks or
 * dimming changed since the last call. */
cairo_surface_t *verk_puzzle_renderer_get_base       (VerkPuzzleRenderer     *self,
                                                      const VerkPuzzleLayout *layout,
                                                      const VerkPuzzlePiece  *pieces,
                                                      guint                   n_pieces,
                                                      const VerkPuzzleStyle  *style,
                                                      double                  x,
                                                      double                  y,
                                                      int                     width,
                                                      int                     height,
                                                      int                     scale);

double           verk_puzzle_renderer_get_name_size  (VerkPuzzleRenderer     *self,
                                                      const VerkPuzzleLayout *layout,
                                                      const VerkPuzzlePiece  *pieces,
                                                      guint                   n_pieces,
                                                      const VerkPuzzleStyle  *style);
double           verk_puzzle_renderer_get_badge_text_size (VerkPuzzleRenderer     *self,
                                                           const VerkPuzzleLayout *layout,
                                                           const VerkPuzzlePiece  *pieces,
                                                           guint                   n_pieces,
                                                           const VerkPuzzleStyle  *style);
gboolean         verk_puzzle_renderer_check_name     (VerkPuzzleRenderer     *self,
                                                      const VerkPuzzleLayout *layout,
                                                      guint                   index,
                                                      const char             *name,
                                                      double                  size,
                                                      const VerkPuzzleStyle  *style,
                                                      cairo_rectangle_t      *extents);
/* Loads what drawing text needs first (the font map, fontconfig, the bold
 * face), in the calling thread: a thread can do it while it waits for work. */
void             verk_puzzle_renderer_warm_fonts     (VerkPuzzleRenderer     *self);

/* Files in the default (light) style; see verk_puzzle_render_to_file(). */
gboolean         verk_puzzle_renderer_render_to_file (VerkPuzzleRenderer     *self,
                                                      const char             *path,
                                                      const char * const     *protected_paths,
                                                      int                     width,
                                                      int                     height,
                                                      const VerkPuzzlePiece  *pieces,
                                                      guint                   n_pieces,
                                                      GError                **error);
GBytes          *verk_puzzle_renderer_render_png_bytes (VerkPuzzleRenderer     *self,
                                                        int                     width,
                                                        int                     height,
                                                        const VerkPuzzlePiece  *pieces,
                                                        guint                   n_pieces,
                                                        GError                **error);

G_END_DECLS
