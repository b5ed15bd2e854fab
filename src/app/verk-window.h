/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-application.h"
#include "verk-session.h"

G_BEGIN_DECLS

#define VERK_TYPE_WINDOW (verk_window_get_type ())
G_DECLARE_FINAL_TYPE (VerkWindow, verk_window, VERK, WINDOW, AdwApplicationWindow)

VerkWindow *verk_window_new        (VerkApplication *application);
VerkSession *verk_window_get_session (VerkWindow    *self);
void        verk_window_open_workshop (VerkWindow   *self,
                                       gint64        workshop_id);

G_END_DECLS
