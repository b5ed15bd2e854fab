/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-step-page.h"

G_BEGIN_DECLS

/* The Plan step: per prioritised area, the actions: what, who, by when, status.
 * Actions not tied to a prioritised area are listed after them, so none is
 * ever out of sight. */
#define VERK_TYPE_PLAN_PAGE (verk_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkPlanPage, verk_plan_page, VERK, PLAN_PAGE, VerkStepPage)

GtkWidget *verk_plan_page_new (void);

G_END_DECLS
