/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "verk-store.h"
#include "verk-timer.h"
#include "verk-workshop-model.h"

G_BEGIN_DECLS

/* The live state of one running workshop that every view shares: the main
 * window, the presenter window and (later) a voting server drive and watch the
 * same object. Data lives in the VerkStore and is read through the session's
 * VerkWorkshopModel (watch its ::changed, which comes after the model took an
 * edit in, not VerkStore::changed); this holds what is on screen: which
 * workshop, which piece is selected, which pieces' participant scores are
 * revealed, which step the group is on.
 * Notifies through GObject::notify and the reveal-changed signal. */
#define VERK_TYPE_SESSION (verk_session_get_type ())
G_DECLARE_FINAL_TYPE (VerkSession, verk_session, VERK, SESSION, GObject)

typedef enum {
  VERK_STEP_MATERIAL,
  VERK_STEP_ASSESS,
  VERK_STEP_PRIORITISE,
  VERK_STEP_PLAN,
  VERK_STEP_FOLLOW_UP,
} VerkStep;

/* What a discussion timer belongs to: it is reset (stopped, full duration)
 * when the selected piece changes (PIECE) or only when the step changes (STEP). */
typedef enum {
  VERK_TIMER_SCOPE_PIECE,
  VERK_TIMER_SCOPE_STEP,
} VerkTimerScope;

VerkSession *verk_session_new                  (VerkStore   *store);
VerkStore   *verk_session_get_store            (VerkSession *self);
/* The workshop's one read model (VerkWorkshopModel), shared by every view. */
VerkWorkshopModel *verk_session_get_model      (VerkSession *self);
gint64       verk_session_get_workshop_id      (VerkSession *self);
/* Switching workshop clears the selection and every reveal. */
void         verk_session_set_workshop_id      (VerkSession *self,
                                                gint64       workshop_id);
gint64       verk_session_get_selected_item_id (VerkSession *self);
void         verk_session_set_selected_item_id (VerkSession *self,
                                                gint64       item_id);
VerkStep     verk_session_get_step             (VerkSession *self);
void         verk_session_set_step             (VerkSession *self,
                                                VerkStep     step);
/* When TRUE (the default), participants' scores of a piece stay hidden in
 * shared views until the facilitator reveals that piece, so that nobody
 * anchors on the first voice. */
gboolean     verk_session_get_hide_until_reveal (VerkSession *self);
void         verk_session_set_hide_until_reveal (VerkSession *self,
                                                 gboolean     hide);
gboolean     verk_session_is_revealed          (VerkSession *self,
                                                gint64       item_id);
void         verk_session_set_revealed         (VerkSession *self,
                                                gint64       item_id,
                                                gboolean     revealed);
/* TRUE when participants' scores of @item_id may be shown to the room:
 * revealed, or hiding is off and the piece is not in an unrevealed second
 * private round (that round is silent on every screen until its reveal). */
gboolean     verk_session_scores_visible       (VerkSession *self,
                                                gint64       item_id);
/* The discussion timer every view of this session shows. */
VerkTimer   *verk_session_get_timer            (VerkSession *self);
VerkTimerScope verk_session_get_timer_scope    (VerkSession *self);
void         verk_session_set_timer_scope      (VerkSession   *self,
                                                VerkTimerScope scope);

/* The slide within the step the presentation shows (Material's parts, the
 * Follow-up's two slides); 0 again whenever the step changes. */
guint        verk_session_get_slide            (VerkSession *self);
void         verk_session_set_slide            (VerkSession *self,
                                                guint        slide);
/* An anonymous reveal shows the distribution of scores without names. */
gboolean     verk_session_get_anonymous        (VerkSession *self);
void         verk_session_set_anonymous        (VerkSession *self,
                                                gboolean     anonymous);
/* How many rows the presentation's puzzle has while one is shown, else 0:
 * the facilitator's puzzle uses the same arrangement meanwhile. */
guint        verk_session_get_projected_rows   (VerkSession *self);
void         verk_session_set_projected_rows   (VerkSession *self,
                                                guint        rows);

/* The spread of a piece's scores at which the group disagrees: the Assess
 * page's callout and Disagreements First, and the pieces a second private
 * round is offered for. The application binds it to its settings key
 * disagreement-threshold (Preferences); notified when it changes. */
#define VERK_SESSION_MIN_DISAGREEMENT_THRESHOLD 1
#define VERK_SESSION_MAX_DISAGREEMENT_THRESHOLD 4
int          verk_session_get_disagreement_threshold (VerkSession *self);
void         verk_session_set_disagreement_threshold (VerkSession *self,
                                                      int          threshold);

/* The "session" property of every view of a session (VerkSessionWidget,
 * VerkStepPage): a VerkSession or NULL, notified only when it changes. */
GParamSpec   *verk_session_param_spec_new      (void);

/* What a view of a session follows besides the session itself. */
typedef enum {
  VERK_SESSION_PART_STORE,
  VERK_SESSION_PART_MODEL,
  VERK_SESSION_PART_TIMER,
} VerkSessionPart;

/* The one way a view follows a session: its handlers go on GSignalGroups once,
 * before the first session is set (a GSignalGroup takes none after), and
 * setting @session_signals' target to a session moves every handler along. The group returned follows that session's @part:
 * its target is the session's store, model or timer, NULL while the session
 * group has none. Returns: (transfer full): a GSignalGroup. */
GSignalGroup *verk_session_follow_part         (GSignalGroup    *session_signals,
                                                VerkSessionPart  part);

G_END_DECLS
