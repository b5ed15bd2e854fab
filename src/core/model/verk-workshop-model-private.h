/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For tests and benchmarks only: what the model read from the store. */

#include "verk-workshop-model.h"

G_BEGIN_DECLS

typedef enum {
  VERK_MODEL_READ_WORKSHOP,
  VERK_MODEL_READ_ITEMS,        /* every item of the workshop */
  VERK_MODEL_READ_ITEM,         /* one item */
  VERK_MODEL_READ_PARTICIPANTS,
  VERK_MODEL_READ_SCORES,       /* every score of the workshop */
  VERK_MODEL_READ_ITEM_SCORES,  /* one item's scores */
  VERK_MODEL_READ_PRIORITIES,
  VERK_MODEL_READ_ACTIONS,
  VERK_MODEL_READ_REFLECTIONS,
  VERK_MODEL_N_READS
} VerkModelRead;

/* How many times the model called the store for @read since it was created
 * or the counts were reset. */
guint  verk_workshop_model_get_read_count    (VerkWorkshopModel *self,
                                              VerkModelRead      read);
void   verk_workshop_model_reset_read_counts (VerkWorkshopModel *self);

G_END_DECLS
