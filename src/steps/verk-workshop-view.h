/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session-widget.h"

G_BEGIN_DECLS

#define VERK_TYPE_WORKSHOP_VIEW (verk_workshop_view_get_type ())
G_DECLARE_FINAL_TYPE (VerkWorkshopView, verk_workshop_view, VERK, WORKSHOP_VIEW, VerkSessionWidget)

/* One workshop's steps — Material, Assess, Prioritise, Plan, Follow up — as a
 * step list beside a stack with one page per step. The view follows and sets
 * the session's step, and hands the session to every page that has a
 * "session" property. */
void         verk_workshop_view_set_session (VerkWorkshopView *self,
                                             VerkSession      *session);
/* Puts the keyboard focus on the step list. */
void         verk_workshop_view_focus_steps (VerkWorkshopView *self);
/* Follow up for a workshop that follows up another (verk_store_get_previous_workshop_id()),
 * Material for the group's first. */
VerkStep     verk_workshop_view_opening_step (VerkWorkshopView *self,
                                              gint64            workshop_id);

G_END_DECLS
