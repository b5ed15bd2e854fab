/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-puzzle-render.h"
#include "verk-store.h"
#include "verk-workshop-model.h"

G_BEGIN_DECLS

/* A workshop's puzzle as the renderer wants it: its "siq" items in position
 * order, each with its agreed score and priority rank, as
 * verk_workshop_model_get_pieces() maps them, with names of its own. */
typedef struct {
  GPtrArray       *items;    /* VerkItem, owned; the pieces' names point into them */
  VerkPuzzlePiece *pieces;   /* one per item */
  guint            n_pieces;
} VerkPuzzleModel;

VerkPuzzleModel *verk_puzzle_model_new_for_workshop (VerkStore        *store,
                                                     gint64            workshop_id,
                                                     GError          **error);
/* The same from a loaded model (a snapshot, or a view's). */
VerkPuzzleModel *verk_puzzle_model_new_for_model    (VerkWorkshopModel *workshop,
                                                     GError           **error);
/* The built-in pieces of the content pack (@lang "sv", "en" or NULL), unscored. */
VerkPuzzleModel *verk_puzzle_model_new_default      (const char       *lang,
                                                     GError          **error);
void             verk_puzzle_model_free             (VerkPuzzleModel  *model);

/* The workshop's puzzle as PNG bytes in the default style (the workbook image). */
GBytes          *verk_puzzle_export_png_bytes       (VerkStore        *store,
                                                     gint64            workshop_id,
                                                     int               width,
                                                     int               height,
                                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkPuzzleModel, verk_puzzle_model_free)

G_END_DECLS
