/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One participant's score of the selected piece: their name, 1–5 buttons and,
 * while scores are hidden, only whether they have scored. In a second round the
 * page shows that round's score and comment, and once revealed round 1's score
 * under the name as the earlier value ("Round 1: 3 → now 4") and each round's
 * comment under the row, named by its round. Keys 1–5 on the row
 * choose a score and ::scored asks the list to move to the next participant;
 * Backspace or 0 clears. Once scored, a flat button (or Enter on the row)
 * opens a field under the row for the participant's comment in the round
 * shown, saved through ::comment-edited (with that round) as it is typed (a
 * VerkFieldSaver); Enter or Escape closes it. */
#define VERK_TYPE_PARTICIPANT_SCORE_ROW (verk_participant_score_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkParticipantScoreRow, verk_participant_score_row, VERK,
                      PARTICIPANT_SCORE_ROW, GtkListBoxRow)

GtkWidget *verk_participant_score_row_new            (gint64                   participant_id,
                                                      const char              *title);
gint64     verk_participant_score_row_get_participant_id (VerkParticipantScoreRow *self);
void       verk_participant_score_row_set_title      (VerkParticipantScoreRow *self,
                                                      const char              *title);
/* Shows @value (0: not scored); while @concealed only whether there is one. */
void       verk_participant_score_row_set_value      (VerkParticipantScoreRow *self,
                                                      int                      value,
                                                      gboolean                 concealed);
/* Round 1's score (0: none) and comment beside round 2's shown ones once
 * revealed; -1: no second round. */
void       verk_participant_score_row_set_earlier_value (VerkParticipantScoreRow *self,
                                                      int                      earlier,
                                                      const char              *comment);
void       verk_participant_score_row_set_drafts     (VerkParticipantScoreRow *self,
                                                      GHashTable              *drafts);
void       verk_participant_score_row_set_comment    (VerkParticipantScoreRow *self,
                                                      gint64                   item_id,
                                                      int                      round,
                                                      const char              *comment);
gboolean   verk_participant_score_row_keep_comment   (VerkParticipantScoreRow *self);
void       verk_participant_score_row_show_comment_error (VerkParticipantScoreRow *self,
                                                      const char              *message);
gboolean   verk_participant_score_row_focus_comment  (VerkParticipantScoreRow *self,
                                                      gboolean                 last);
void       verk_participant_score_row_set_scale      (VerkParticipantScoreRow *self,
                                                      const char * const      *labels,
                                                      const char * const      *descriptions);

G_END_DECLS
