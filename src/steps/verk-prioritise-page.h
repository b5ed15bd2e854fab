/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-step-page.h"

G_BEGIN_DECLS

/* The Prioritise step: the areas in the suggested order (largest gap to the
 * desired level, else lowest agreed score, wider spread first on ties), each
 * with the reason for its place; the group reorders them and marks the ones
 * to work on, which become the workshop's priorities in that order. */
#define VERK_TYPE_PRIORITISE_PAGE (verk_prioritise_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkPrioritisePage, verk_prioritise_page, VERK, PRIORITISE_PAGE, VerkStepPage)

GtkWidget *verk_prioritise_page_new (void);

G_END_DECLS
