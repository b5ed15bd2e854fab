/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "verk-store.h"

G_BEGIN_DECLS

/* What VerkWorkshopModel reads of the second private rounds
 * (verk-store-model-read.c): the pieces with a round started and its scores,
 * of a whole workshop or of the one piece VerkStore::row-changed named. */

/* The second rounds of @workshop_id's pieces, or of @item_id's alone when it
 * is not 0 (then @workshop_id is not looked at): @started gets the item ids
 * whose round was started (not removed), the result their scores as
 * verk_store_list_second_round_scores() orders them (none of removed
 * participants).
 * Returns: (transfer full) (element-type VerkScore): NULL with @error set. */
GPtrArray *verk_store_list_second_rounds (VerkStore  *self,
                                          gint64      workshop_id,
                                          gint64      item_id,
                                          GArray    **started,
                                          GError    **error);

G_END_DECLS
