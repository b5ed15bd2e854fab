/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* How many score changes Undo can go back (and Redo forward). */
#define VERK_EDIT_HISTORY_MAX_STEPS 50

#define VERK_TYPE_EDIT_HISTORY (verk_edit_history_get_type ())
G_DECLARE_FINAL_TYPE (VerkEditHistory, verk_edit_history, VERK, EDIT_HISTORY, GObject)

/* VerkEditHistory: a bounded Undo stack of the facilitator's own score
 * edits of one workshop (each person's score set or cleared, in round 1 or
 * in a piece's second round, each undone in its own round; the agreed
 * score, the desired level). It watches the store, so every page that scores
 * is covered without telling it: each VERK_CHANGE_SCORES edit of the
 * workshop is compared with what was there before, and what changed becomes
 * one step. Comments and rationales are not steps. A step undone can be
 * redone until the next score edit (Undo's and Redo's own writes are none)
 * or until another workshop is followed.
 *
 * Only this program's own editing makes steps. A participant's vote from a
 * phone is written by the room server inside verk_store_set_origin
 * (VERK_ORIGIN_ROOM), which the history reads while ::changed runs: such an
 * edit is no step, never becomes the one Undo takes back, and clears no
 * Redo. The origin is a scope that the one writer for someone else sets,
 * rather than an argument of ::changed (every handler of the store would
 * change) or a call each page makes (a page that forgot it would lose its
 * Undo): the pages, local by default, still tell nothing. What a workshop
 * file imported or a backup put back changed (the store's
 * VERK_CHANGE_GROUPS of no workshop) is someone else's too.
 *
 * Someone else's edit is remembered per value: a step that would overwrite
 * a value changed since the step was made (or undone) fails with
 * VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE, writes nothing and is dropped. It
 * is dropped rather than skipped within the same press, so that one press
 * never does anything but what it names or says why not; the next press
 * goes on to the step before it. A step is one edit, done or undone whole,
 * never in part (a batch with one vote changed since stays as it is).
 *
 * Properties "can-undo" and "can-redo" (boolean); "next-undo" and
 * "next-redo" (uint): the step each would act on, as a number that names it
 * for as long as it lives (0: none), so that a button can act on the step it
 * names and on no other. */
#define VERK_EDIT_HISTORY_ERROR (verk_edit_history_error_quark ())

typedef enum {
  /* someone else (a phone) changed the step's value since */
  VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE,
} VerkEditHistoryError;

GQuark           verk_edit_history_error_quark   (void);
VerkEditHistory *verk_edit_history_new           (VerkStore       *store);
/* Follows @workshop_id (0: none) and forgets the steps of the one before,
 * those to undo and those to redo. */
void             verk_edit_history_set_workshop  (VerkEditHistory *self,
                                                  gint64           workshop_id);
gint64           verk_edit_history_get_workshop  (VerkEditHistory *self);
gboolean         verk_edit_history_can_undo      (VerkEditHistory *self);
gboolean         verk_edit_history_can_redo      (VerkEditHistory *self);
guint            verk_edit_history_get_n_steps   (VerkEditHistory *self);
/* The step Undo would take back, and the one Redo would put back: numbers
 * that name a step for as long as it lives, 0 when there is none. */
guint            verk_edit_history_get_next_undo (VerkEditHistory *self);
guint            verk_edit_history_get_next_redo (VerkEditHistory *self);
/* What Undo would undo, a translated phrase such as "Anna’s score for
 * Samverkan", or NULL when there is nothing. */
char            *verk_edit_history_describe_next (VerkEditHistory *self);
/* Puts back the values before the last step, in one transaction, and makes
 * the step the next to redo. Returns the step's description (as
 * describe_next), or NULL with @error set; a step that cannot be undone is
 * dropped: its piece or participant was removed since
 * (VERK_STORE_ERROR_NOT_FOUND), or a phone changed one of its values since
 * (VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE, a message naming whose). */
char            *verk_edit_history_undo          (VerkEditHistory *self,
                                                  GError         **error);
/* What Redo would put back (the step undone last), as describe_next, or
 * NULL when there is nothing. */
char            *verk_edit_history_describe_redo (VerkEditHistory *self);
/* Puts back the values after the step undone last, in one transaction, and
 * makes it the next to undo again. Returns its description, or NULL with
 * @error set; a step that cannot be redone is dropped: its piece,
 * participant or round was removed since (VERK_STORE_ERROR_NOT_FOUND), or a
 * phone changed one of its values since (VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE). */
char            *verk_edit_history_redo          (VerkEditHistory *self,
                                                  GError         **error);

G_END_DECLS
