/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"
#include "verk-store.h"

G_BEGIN_DECLS

#define VERK_TYPE_APPLICATION (verk_application_get_type ())
G_DECLARE_FINAL_TYPE (VerkApplication, verk_application, VERK, APPLICATION, AdwApplication)

VerkApplication *verk_application_new        (void);
/* The store the windows show; NULL until one opened (see the open-failed dialog). */
VerkStore       *verk_application_get_store  (VerkApplication *self);
gboolean         verk_application_open_store (VerkApplication  *self,
                                              const char       *path,
                                              GError          **error);
/* Records process start for the first-frame probe (VERKSTAD_FIRST_FRAME=1). */
void             verk_application_mark_start (void);
gint64           verk_application_get_start_time (void);
GSettings       *verk_application_get_settings (VerkApplication *self);
/* A new session of @store whose preferences (the disagreement threshold)
 * follow the application's settings for as long as it lives. */
VerkSession     *verk_application_new_session  (VerkApplication *self,
                                                VerkStore       *store);

G_END_DECLS
