/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERK_TYPE_PREFERENCES_WINDOW (verk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (VerkPreferencesWindow, verk_preferences_window, VERK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The facilitator's settings (the disagreement threshold), bound to
 * @settings; without settings the controls are insensitive. */
VerkPreferencesWindow *verk_preferences_window_new (GtkWindow *parent,
                                                    GSettings *settings);

G_END_DECLS
