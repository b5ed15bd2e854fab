/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Five toggle buttons, 1 to 5, for one score: a participant's, the agreed one or
 * the desired level. Emits ::chosen when the user picks a value (0 when the
 * chosen button is pressed again, which clears). While concealed it shows no
 * value, so that the room does not see a score before the reveal. */
#define VERK_TYPE_SCORE_SELECTOR (verk_score_selector_get_type ())
G_DECLARE_FINAL_TYPE (VerkScoreSelector, verk_score_selector, VERK, SCORE_SELECTOR, GtkBox)

GtkWidget *verk_score_selector_new           (void);
int        verk_score_selector_get_value     (VerkScoreSelector  *self);
void       verk_score_selector_set_value     (VerkScoreSelector  *self,
                                              int                 value);
void       verk_score_selector_set_concealed (VerkScoreSelector  *self,
                                              gboolean            concealed);
/* Names the buttons for assistive technology, such as "Anna, score 3, Under way". */
void       verk_score_selector_set_subject   (VerkScoreSelector  *self,
                                              const char         *subject);
/* Shows the scale's label under each number (for the agreed score, where
 * the group decides). */
void       verk_score_selector_set_captions  (VerkScoreSelector  *self,
                                              gboolean            captions);
/* The scale's five labels and sentences, shown as the buttons' tooltips. */
void       verk_score_selector_set_scale     (VerkScoreSelector  *self,
                                              const char * const *labels,
                                              const char * const *descriptions);

G_END_DECLS
