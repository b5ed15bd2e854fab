/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session-widget.h"

G_BEGIN_DECLS

/* The facilitator's control for the session's discussion timer, for a header
 * bar: shows the time left; its popover starts, pauses and resets it, sets the
 * duration and whether each piece gets its own time. Uses win.timer-* actions. */
#define VERK_TYPE_TIMER_BUTTON (verk_timer_button_get_type ())
G_DECLARE_FINAL_TYPE (VerkTimerButton, verk_timer_button, VERK, TIMER_BUTTON, VerkSessionWidget)

void         verk_timer_button_set_session (VerkTimerButton *self,
                                            VerkSession     *session);

G_END_DECLS
