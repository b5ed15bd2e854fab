/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A one-line label that shows the longest of several forms of a text that
 * fits its width, and never cuts one: "Örjan Bäckström-Åkesson",
 * "Örjan B.", "Örjan", "ÖB". Its minimum width is the shortest form's, so a
 * row of them shrinks by shortening names instead of ellipsizing them. The
 * form shown is its accessible name. */
#define VERK_TYPE_FIT_LABEL (verk_fit_label_get_type ())
G_DECLARE_FINAL_TYPE (VerkFitLabel, verk_fit_label, VERK, FIT_LABEL, GtkWidget)

GtkWidget  *verk_fit_label_new           (const char * const *forms);
/* A person's name and its shorter forms, longest first. Free with g_strfreev. */
char      **verk_fit_label_name_forms    (const char         *name);
/* The form on screen after the last allocation (the first before one). */
const char *verk_fit_label_get_shown     (VerkFitLabel       *self);
guint       verk_fit_label_get_fit       (VerkFitLabel       *self);
void        verk_fit_label_set_floor     (VerkFitLabel       *self,
                                          guint               floor);

G_END_DECLS
