/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* A4 in points: the handout is laid out and drawn in these units. */
#define VERK_HANDOUT_PAGE_WIDTH   595.2756
#define VERK_HANDOUT_PAGE_HEIGHT  841.8898
/* A handout is one page when it fits and never more than this. */
#define VERK_HANDOUT_MAX_PAGES    2

/* The handout of one workshop: what the group takes home on paper or as PDF
 * (the puzzle with the agreed scores, agreed vs desired level with the spread,
 * priorities, actions, reflections, the follow-up). Everything is read from
 * the store when it is made; drawing touches no store, so a worker thread may
 * draw it. The same drawing serves the PDF file, printing and the tests. */
typedef struct _VerkHandout VerkHandout;

/* Reads the workshop @workshop_id. Texts come out in the current language
 * (LANGUAGE / --lang). NULL with VERK_STORE_ERROR_NOT_FOUND when there is no
 * such workshop. */
VerkHandout *verk_handout_new            (VerkStore    *store,
                                          gint64        workshop_id,
                                          GError      **error);
void         verk_handout_free           (VerkHandout  *self);

/* How many pages (1 or 2): measured with Pango, decided once. */
guint        verk_handout_get_n_pages    (VerkHandout  *self);

/* Draws page @page (0-based) in points with the origin at the paper's
 * top-left corner, on any cairo_t: a PDF surface, a print context, an image. */
void         verk_handout_draw_page      (VerkHandout  *self,
                                          cairo_t      *cr,
                                          guint         page);

/* Writes the handout as an A4 PDF (fonts embedded, text selectable) to @path
 * through a VerkAtomicFile: never over the database, its journal or a backup,
 * only over a regular file the user may write; mode 0600 (a replaced file
 * keeps its own). On failure nothing is left behind and @path is untouched. */
gboolean     verk_handout_write_pdf      (VerkHandout  *self,
                                          const char   *path,
                                          GError      **error);

/* The file name the window suggests: "Group 2026-04-01, handout.pdf". */
char        *verk_handout_suggest_name   (VerkHandout  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkHandout, verk_handout_free)

G_END_DECLS
