/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* Projector mode for one facilitator window. Adds these window actions:
 *   win.presentation-mode  (F5) the window itself shows the presentation,
 *                          full screen; Esc or F5 again leaves it
 *   win.present            (Shift+F5) a presenter window full screen on
 *                          another monitor (asks which when there are more
 *                          than two; falls back to presentation mode with one);
 *                          again, or Esc in the presenter, ends it
 *   win.present-on(u)      the presenter window on monitor number u
 *   win.timer-start, win.timer-pause, win.timer-toggle, win.timer-reset
 * Both views follow the window's session, so they show the same state. */
#define VERK_TYPE_PRESENTATION_CONTROLLER (verk_presentation_controller_get_type ())
G_DECLARE_FINAL_TYPE (VerkPresentationController, verk_presentation_controller,
                      VERK, PRESENTATION_CONTROLLER, GObject)

/* Adds the actions to @window; the controller lives as long as the window.
 * @session may be NULL until the window has one: the actions stay disabled. */
VerkPresentationController *verk_presentation_controller_install      (AdwApplicationWindow       *window,
                                                                       VerkSession                *session);
/* The controller of @window, or NULL when none was installed. */
VerkPresentationController *verk_presentation_controller_get          (AdwApplicationWindow       *window);
/* When the window replaces its session (another database): ends any
 * presentation and shows @session from now on. */
void                        verk_presentation_controller_set_session  (VerkPresentationController *self,
                                                                       VerkSession                *session);
gboolean                    verk_presentation_controller_is_presenting (VerkPresentationController *self);

G_END_DECLS
