/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "verk-group-list-model.h"

G_BEGIN_DECLS

/* For tests: how often the model read all groups and workshops, and how
 * often one workshop alone. */
void verk_group_list_model_get_reads (VerkGroupListModel *self,
                                      guint              *full_reads,
                                      guint              *workshop_reads);

G_END_DECLS
