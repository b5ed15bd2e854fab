/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* The Plan step: per prioritised area, the actions: what, who, by when, status.
 * Actions not tied to a prioritised area are listed after them, so none is
 * ever out of sight. */
#define VERK_TYPE_PLAN_PAGE (verk_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkPlanPage, verk_plan_page, VERK, PLAN_PAGE, AdwBin)

GtkWidget   *verk_plan_page_new         (void);
VerkSession *verk_plan_page_get_session (VerkPlanPage *self);
void         verk_plan_page_set_session (VerkPlanPage *self,
                                         VerkSession  *session);

G_END_DECLS
