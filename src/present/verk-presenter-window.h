/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* The window the room sees on a second screen (the projector): only a
 * VerkPresentationView, full screen on the monitor it is given, showing the
 * facilitator window's session live. Esc or closing it ends the presentation. */
#define VERK_TYPE_PRESENTER_WINDOW (verk_presenter_window_get_type ())
G_DECLARE_FINAL_TYPE (VerkPresenterWindow, verk_presenter_window, VERK, PRESENTER_WINDOW, AdwWindow)

VerkPresenterWindow *verk_presenter_window_new         (GtkApplication      *application,
                                                        VerkSession         *session);
/* Presents the window full screen on @monitor. */
void                 verk_presenter_window_show_on     (VerkPresenterWindow *self,
                                                        GdkMonitor          *monitor);
GdkMonitor          *verk_presenter_window_get_monitor (VerkPresenterWindow *self);

G_END_DECLS
