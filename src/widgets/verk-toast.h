/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The one way to show a toast: from any widget, in the toast overlay nearest
 * to it. That is the AdwToastOverlay around the widget, else its window's own
 * (an AdwPreferencesWindow, or the overlay the window named with
 * verk_toast_set_window_overlay()), else that of the window it is transient
 * for, and so on: a dialog shows its message in the window it came from
 * without knowing that window's type. */
void      verk_toast_set_window_overlay (GtkWindow       *window,
                                         AdwToastOverlay *overlay);
gboolean  verk_toast_add                (GtkWidget       *widget,
                                         AdwToast        *toast);
void      verk_toast_show               (GtkWidget       *widget,
                                         const char      *message);
/* @title with an Undo button for ten seconds; @on_undo is called as the
 * toast's ::button-clicked with @data, freed by @free_data with the toast
 * (which may outlive @widget's window: @data should not point at it). A
 * removal while the toast of an earlier one is shown joins it: "@title,
 * and 1 more", and its Undo takes back both, the newest first. */
void      verk_toast_show_undo          (GtkWidget       *widget,
                                         const char      *title,
                                         GCallback        on_undo,
                                         gpointer         data,
                                         GClosureNotify   free_data);

G_END_DECLS
