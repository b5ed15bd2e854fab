/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-session-widget.h"

G_BEGIN_DECLS

/* The SIQ puzzle of the session's workshop: click or keys select and score
 * (arrows follow the layout, Home/End, 1-5 score, 0/Backspace clear, Enter opens the
 * piece through ::piece-activated). Reads the session's VerkWorkshopModel and
 * draws with a VerkPuzzleRenderer of its own; each piece is also a small
 * invisible button for screen readers. */
#define VERK_TYPE_PUZZLE_VIEW (verk_puzzle_view_get_type ())
G_DECLARE_FINAL_TYPE (VerkPuzzleView, verk_puzzle_view, VERK, PUZZLE_VIEW, VerkSessionWidget)

GtkWidget   *verk_puzzle_view_new               (VerkSession    *session);
void         verk_puzzle_view_set_session       (VerkPuzzleView *self,
                                                 VerkSession    *session);
/* Presentation: for the projector; no hover, no keyboard focus marks. */
gboolean     verk_puzzle_view_get_presentation  (VerkPuzzleView *self);
void         verk_puzzle_view_set_presentation  (VerkPuzzleView *self,
                                                 gboolean        presentation);
guint        verk_puzzle_view_get_n_pieces      (VerkPuzzleView *self);
/* The rows the pieces are in now (the projected puzzle's while one is shown). */
guint        verk_puzzle_view_get_n_rows        (VerkPuzzleView *self);
/* The item shown by piece @index, or 0. */
gint64       verk_puzzle_view_get_item_id       (VerkPuzzleView *self,
                                                 guint           index);
/* The accessible button of piece @index, and its label ("Samverkan, 3 av 5"). */
GtkWidget   *verk_puzzle_view_get_piece_button  (VerkPuzzleView *self,
                                                 guint           index);
const char  *verk_puzzle_view_get_piece_label   (VerkPuzzleView *self,
                                                 guint           index);
/* Whether the "just scored" pulse is running (tests wait for it to end). */
gboolean     verk_puzzle_view_get_animating     (VerkPuzzleView *self);

G_END_DECLS
