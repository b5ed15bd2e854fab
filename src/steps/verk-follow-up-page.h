/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-step-page.h"

G_BEGIN_DECLS

/* The Follow-up step: the previous workshop's actions with their status and a
 * follow-up note, and this workshop's agreed scores against the previous ones
 * per value, with the trend across the group's workshops. */
#define VERK_TYPE_FOLLOW_UP_PAGE (verk_follow_up_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkFollowUpPage, verk_follow_up_page, VERK, FOLLOW_UP_PAGE, VerkStepPage)

GtkWidget *verk_follow_up_page_new (void);

G_END_DECLS
