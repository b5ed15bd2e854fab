/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* The base of a widget that shows a VerkSession (the puzzle, the presentation,
 * the timer button, the workshop view): it holds the session as the "session"
 * property and follows the session, its model and its timer through
 * GSignalGroups. A subclass connects its handlers to the groups once, in its
 * init, and hears of a new session through session_changed; nothing is
 * connected or disconnected by hand. */
#define VERK_TYPE_SESSION_WIDGET (verk_session_widget_get_type ())
G_DECLARE_DERIVABLE_TYPE (VerkSessionWidget, verk_session_widget, VERK, SESSION_WIDGET, GtkWidget)

struct _VerkSessionWidgetClass
{
  GtkWidgetClass parent_class;

  /* Another session (or NULL) is in place and the groups follow it: show it
   * afresh. A subclass whose handler needs its template lets go of the
   * session (set_session NULL) in its own dispose, before the template goes. */
  void (*session_changed) (VerkSessionWidget *self);
};

VerkSession       *verk_session_widget_get_session         (VerkSessionWidget *self);
void               verk_session_widget_set_session         (VerkSessionWidget *self,
                                                            VerkSession       *session);
/* The session's model, NULL without a session. */
VerkWorkshopModel *verk_session_widget_get_model           (VerkSessionWidget *self);
/* The groups that follow the session, its model and its timer. */
GSignalGroup      *verk_session_widget_get_session_signals (VerkSessionWidget *self);
GSignalGroup      *verk_session_widget_get_model_signals   (VerkSessionWidget *self);
GSignalGroup      *verk_session_widget_get_timer_signals   (VerkSessionWidget *self);

G_END_DECLS
