/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-store.h"
#include "verk-workshop-model.h"

G_BEGIN_DECLS

/* Small things the workshop step pages share. */

/* Shows @message as a toast in the window around @widget (or a warning when
 * there is none, as in a bare widget test). Returns the toast, or NULL. */
AdwToast *verk_page_toast              (GtkWidget        *widget,
                                        const char       *message);
/* Shows @error's message, which the store words for users, as a toast. */
void      verk_page_toast_error        (GtkWidget        *widget,
                                        const GError     *error);
/* The name to show: the participant's own, else "Participant N" (1-based @index). */
char     *verk_page_participant_title  (const VerkParticipant *participant,
                                        guint             index);
/* The workshop's 1–5 scale (the model's scale list), five labels and five
 * sentences, each NULL when the workshop has none. Free with g_strfreev-like
 * verk_page_scale_clear(). */
void      verk_page_load_scale         (VerkWorkshopModel *model,
                                        char            **labels,
                                        char            **descriptions);
void      verk_page_scale_clear        (char            **labels,
                                        char            **descriptions);
/* Removes every child of @list_box. */
void      verk_page_list_box_clear     (GtkListBox       *list_box);

G_END_DECLS
