/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One line for a whole piece's scores: "3 2 3 4 3 2" (or "323432") gives the
 * participants in order their scores, "-" skips one. Bad input keeps its
 * text and says what is wrong under the field. */
#define VERK_TYPE_QUICK_SCORE_ENTRY (verk_quick_score_entry_get_type ())
G_DECLARE_FINAL_TYPE (VerkQuickScoreEntry, verk_quick_score_entry, VERK, QUICK_SCORE_ENTRY, GtkBox)

GtkWidget *verk_quick_score_entry_new       (void);
/* For an ::entered handler: FALSE, and a message under the field, when
 * more scores were typed than there are participants. */
gboolean   verk_quick_score_entry_check_count (VerkQuickScoreEntry *self,
                                               guint                n_typed,
                                               guint                n_participants);
/* Parses @text: an array of ints, 1..5 or 0 for "skip"; NULL with a
 * message that names the bad input. */
GArray    *verk_quick_score_parse           (const char          *text,
                                             GError             **error);

G_END_DECLS
