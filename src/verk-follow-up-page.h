/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* The Follow-up step: the previous workshop's actions with their status and a
 * follow-up note, and this workshop's agreed scores against the previous ones
 * per value, with the trend across the group's workshops. */
#define VERK_TYPE_FOLLOW_UP_PAGE (verk_follow_up_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkFollowUpPage, verk_follow_up_page, VERK, FOLLOW_UP_PAGE, AdwBin)

GtkWidget   *verk_follow_up_page_new         (void);
VerkSession *verk_follow_up_page_get_session (VerkFollowUpPage *self);
void         verk_follow_up_page_set_session (VerkFollowUpPage *self,
                                              VerkSession      *session);

G_END_DECLS
