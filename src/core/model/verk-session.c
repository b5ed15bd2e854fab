/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-session"

#include "config.h"

#include "verk-session.h"
#include "verk-puzzle-layout.h"
#include "verk-stats.h"

struct _VerkSession
{
  GObject     parent_instance;

  /* owned */
  VerkStore  *store;
  GHashTable *revealed;          /* set of gint64 item ids */
  VerkTimer  *timer;
  VerkWorkshopModel *model;      /* created when first asked for */

  gint64      workshop_id;
  gint64      selected_item_id;
  VerkStep    step;
  gboolean    hide_until_reveal;
  VerkTimerScope timer_scope;
  guint       slide;
  gboolean    anonymous;
  guint       projected_rows;
  int         disagreement_threshold;
};

G_DEFINE_FINAL_TYPE (VerkSession, verk_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_WORKSHOP_ID,
  PROP_SELECTED_ITEM_ID,
  PROP_STEP,
  PROP_HIDE_UNTIL_REVEAL,
  PROP_TIMER,
  PROP_TIMER_SCOPE,
  PROP_SLIDE,
  PROP_ANONYMOUS,
  PROP_PROJECTED_ROWS,
  PROP_DISAGREEMENT_THRESHOLD,
  N_PROPS
};

enum {
  REVEAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
verk_session_finalize (GObject *object)
{
  VerkSession *self = VERK_SESSION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->timer);
  g_clear_object (&self->model);
  g_clear_pointer (&self->revealed, g_hash_table_unref);

  G_OBJECT_CLASS (verk_session_parent_class)->finalize (object);
}

static void
verk_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VerkSession *self = VERK_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_WORKSHOP_ID:
      g_value_set_int64 (value, self->workshop_id);
      break;
    case PROP_SELECTED_ITEM_ID:
      g_value_set_int64 (value, self->selected_item_id);
      break;
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;
    case PROP_HIDE_UNTIL_REVEAL:
      g_value_set_boolean (value, self->hide_until_reveal);
      break;
    case PROP_TIMER:
      g_value_set_object (value, self->timer);
      break;
    case PROP_TIMER_SCOPE:
      g_value_set_int (value, self->timer_scope);
      break;
    case PROP_SLIDE:
      g_value_set_uint (value, self->slide);
      break;
    case PROP_ANONYMOUS:
      g_value_set_boolean (value, self->anonymous);
      break;
    case PROP_PROJECTED_ROWS:
      g_value_set_uint (value, self->projected_rows);
      break;
    case PROP_DISAGREEMENT_THRESHOLD:
      g_value_set_int (value, self->disagreement_threshold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_session_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VerkSession *self = VERK_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_WORKSHOP_ID:
      verk_session_set_workshop_id (self, g_value_get_int64 (value));
      break;
    case PROP_SELECTED_ITEM_ID:
      verk_session_set_selected_item_id (self, g_value_get_int64 (value));
      break;
    case PROP_STEP:
      verk_session_set_step (self, g_value_get_int (value));
      break;
    case PROP_HIDE_UNTIL_REVEAL:
      verk_session_set_hide_until_reveal (self, g_value_get_boolean (value));
      break;
    case PROP_TIMER_SCOPE:
      verk_session_set_timer_scope (self, g_value_get_int (value));
      break;
    case PROP_SLIDE:
      verk_session_set_slide (self, g_value_get_uint (value));
      break;
    case PROP_ANONYMOUS:
      verk_session_set_anonymous (self, g_value_get_boolean (value));
      break;
    case PROP_PROJECTED_ROWS:
      verk_session_set_projected_rows (self, g_value_get_uint (value));
      break;
    case PROP_DISAGREEMENT_THRESHOLD:
      verk_session_set_disagreement_threshold (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_session_class_init (VerkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = verk_session_finalize;
  object_class->get_property = verk_session_get_property;
  object_class->set_property = verk_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VERK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSHOP_ID] =
    g_param_spec_int64 ("workshop-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ITEM_ID] =
    g_param_spec_int64 ("selected-item-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, VERK_STEP_MATERIAL, VERK_STEP_FOLLOW_UP, VERK_STEP_ASSESS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDE_UNTIL_REVEAL] =
    g_param_spec_boolean ("hide-until-reveal", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMER] =
    g_param_spec_object ("timer", NULL, NULL, VERK_TYPE_TIMER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMER_SCOPE] =
    g_param_spec_int ("timer-scope", NULL, NULL, VERK_TIMER_SCOPE_PIECE, VERK_TIMER_SCOPE_STEP,
                      VERK_TIMER_SCOPE_PIECE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLIDE] =
    g_param_spec_uint ("slide", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANONYMOUS] =
    g_param_spec_boolean ("anonymous", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECTED_ROWS] =
    g_param_spec_uint ("projected-rows", NULL, NULL, 0, VERK_PUZZLE_MAX_PIECES, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The range of the settings key the application binds it to: a spread
   * runs from 0 to 4, and 0 would call every piece a disagreement. */
  properties[PROP_DISAGREEMENT_THRESHOLD] =
    g_param_spec_int ("disagreement-threshold", NULL, NULL, VERK_SESSION_MIN_DISAGREEMENT_THRESHOLD,
                      VERK_SESSION_MAX_DISAGREEMENT_THRESHOLD, VERK_STATS_DEFAULT_DISAGREEMENT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VerkSession::reveal-changed:
   * @item_id: the piece whose reveal changed, or 0 when all were cleared
   */
  signals[REVEAL_CHANGED] =
    g_signal_new ("reveal-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
verk_session_init (VerkSession *self)
{
  self->revealed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->step = VERK_STEP_ASSESS;
  self->hide_until_reveal = TRUE;
  self->timer = verk_timer_new ();
  self->timer_scope = VERK_TIMER_SCOPE_PIECE;
  self->disagreement_threshold = VERK_STATS_DEFAULT_DISAGREEMENT;
}

/**
 * verk_session_new:
 * @store: the store the session's workshop lives in
 *
 * Returns: (transfer full): a session with no workshop yet.
 */
VerkSession *
verk_session_new (VerkStore *store)
{
  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  return g_object_new (VERK_TYPE_SESSION, "store", store, NULL);
}

/**
 * verk_session_get_store:
 *
 * Returns: (transfer none): the store.
 */
VerkStore *
verk_session_get_store (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), NULL);
  return self->store;
}

/**
 * verk_session_get_model:
 *
 * The one read model of the session's workshop, which follows the session to
 * another workshop. Created (and the workshop read) when first asked for.
 *
 * Returns: (transfer none): the model.
 */
VerkWorkshopModel *
verk_session_get_model (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), NULL);

  if (self->model == NULL)
    {
      self->model = verk_workshop_model_new (self->store);
      verk_workshop_model_set_workshop_id (self->model, self->workshop_id, NULL);
    }
  return self->model;
}

/** verk_session_get_workshop_id: Returns: the shown workshop, or 0. */
gint64
verk_session_get_workshop_id (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), 0);
  return self->workshop_id;
}

/** verk_session_set_workshop_id: Shows another workshop; clears selection and reveals. */
void
verk_session_set_workshop_id (VerkSession *self,
                              gint64       workshop_id)
{
  g_return_if_fail (VERK_IS_SESSION (self));

  if (self->workshop_id == workshop_id)
    return;

  self->workshop_id = workshop_id;
  /* Loaded before anyone hears of the new workshop; an error stays in the model. */
  if (self->model != NULL)
    verk_workshop_model_set_workshop_id (self->model, workshop_id, NULL);
  g_hash_table_remove_all (self->revealed);
  verk_timer_reset (self->timer);
  verk_session_set_selected_item_id (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSHOP_ID]);
  g_signal_emit (self, signals[REVEAL_CHANGED], 0, (gint64) 0);
}

/** verk_session_get_selected_item_id: Returns: the selected piece, or 0. */
gint64
verk_session_get_selected_item_id (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), 0);
  return self->selected_item_id;
}

/** verk_session_set_selected_item_id: Selects a piece (0: none) in every view. */
void
verk_session_set_selected_item_id (VerkSession *self,
                                   gint64       item_id)
{
  g_return_if_fail (VERK_IS_SESSION (self));

  if (self->selected_item_id == item_id)
    return;

  self->selected_item_id = item_id;
  /* A new piece is a new discussion. */
  if (self->timer_scope == VERK_TIMER_SCOPE_PIECE)
    verk_timer_reset (self->timer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM_ID]);
}

/** verk_session_get_step: Returns: the step the group is on. */
VerkStep
verk_session_get_step (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), VERK_STEP_ASSESS);
  return self->step;
}

/** verk_session_set_step: Moves every view to @step. */
void
verk_session_set_step (VerkSession *self,
                       VerkStep     step)
{
  g_return_if_fail (VERK_IS_SESSION (self));
  g_return_if_fail (step <= VERK_STEP_FOLLOW_UP);

  if (self->step == step)
    return;

  self->step = step;
  verk_timer_reset (self->timer);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  verk_session_set_slide (self, 0);
  g_object_thaw_notify (G_OBJECT (self));
}

/** verk_session_get_hide_until_reveal: Returns: whether scores wait for a reveal. */
gboolean
verk_session_get_hide_until_reveal (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), TRUE);
  return self->hide_until_reveal;
}

/** verk_session_set_hide_until_reveal: Turns hidden-until-revealed scores on or off. */
void
verk_session_set_hide_until_reveal (VerkSession *self,
                                    gboolean     hide)
{
  g_return_if_fail (VERK_IS_SESSION (self));

  hide = !!hide;
  if (self->hide_until_reveal == hide)
    return;

  self->hide_until_reveal = hide;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_UNTIL_REVEAL]);
  g_signal_emit (self, signals[REVEAL_CHANGED], 0, (gint64) 0);
}

/** verk_session_is_revealed: Returns: whether the facilitator revealed @item_id. */
gboolean
verk_session_is_revealed (VerkSession *self,
                          gint64       item_id)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), FALSE);
  return g_hash_table_contains (self->revealed, &item_id);
}

/** verk_session_set_revealed: Reveals or hides participants' scores of @item_id. */
void
verk_session_set_revealed (VerkSession *self,
                           gint64       item_id,
                           gboolean     revealed)
{
  g_return_if_fail (VERK_IS_SESSION (self));
  g_return_if_fail (item_id > 0);

  if (!!revealed == verk_session_is_revealed (self, item_id))
    return;

  if (revealed)
    g_hash_table_add (self->revealed, g_memdup2 (&item_id, sizeof item_id));
  else
    g_hash_table_remove (self->revealed, &item_id);
  g_signal_emit (self, signals[REVEAL_CHANGED], 0, item_id);
}

/**
 * verk_session_scores_visible:
 *
 * A revealed piece's scores are visible. Without "hide until reveal", a
 * piece's scores are visible as they come, except in its second private
 * round: that round stays hidden on every screen until its own reveal, as
 * it does on the phones (docs/ROOM.md).
 *
 * Returns: whether participants' scores of @item_id may be shown.
 */
gboolean
verk_session_scores_visible (VerkSession *self,
                             gint64       item_id)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), FALSE);

  if (verk_session_is_revealed (self, item_id))
    return TRUE;
  return !self->hide_until_reveal
         && !verk_workshop_model_has_second_round (verk_session_get_model (self), item_id);
}

/**
 * verk_session_get_timer:
 *
 * Returns: (transfer none): the discussion timer every view shows.
 */
VerkTimer *
verk_session_get_timer (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), NULL);
  return self->timer;
}

/** verk_session_get_timer_scope: Returns: what resets the timer. */
VerkTimerScope
verk_session_get_timer_scope (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), VERK_TIMER_SCOPE_PIECE);
  return self->timer_scope;
}

/** verk_session_set_timer_scope: Times each piece's discussion, or the whole step. */
void
verk_session_set_timer_scope (VerkSession   *self,
                              VerkTimerScope scope)
{
  g_return_if_fail (VERK_IS_SESSION (self));
  g_return_if_fail (scope <= VERK_TIMER_SCOPE_STEP);

  if (self->timer_scope == scope)
    return;
  self->timer_scope = scope;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_SCOPE]);
}

/** verk_session_get_slide: Returns: the slide shown within the step (0 = its first). */
guint
verk_session_get_slide (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), 0);
  return self->slide;
}

/**
 * verk_session_set_slide:
 *
 * Shows slide @slide of the current step in the presentation: the steps
 * without pieces to walk through (Material, Prioritise, Plan, Follow up)
 * have several slides. Changing the step goes back to its first slide.
 */
void
verk_session_set_slide (VerkSession *self,
                        guint        slide)
{
  g_return_if_fail (VERK_IS_SESSION (self));

  if (self->slide == slide)
    return;
  self->slide = slide;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

/** verk_session_get_anonymous: Returns: whether a reveal shows the scores without names. */
gboolean
verk_session_get_anonymous (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), FALSE);
  return self->anonymous;
}

/**
 * verk_session_set_anonymous:
 *
 * An anonymous reveal shows the room how many gave each score, never who:
 * for groups where a named score would weigh on someone.
 */
void
verk_session_set_anonymous (VerkSession *self,
                            gboolean     anonymous)
{
  g_return_if_fail (VERK_IS_SESSION (self));

  anonymous = !!anonymous;
  if (self->anonymous == anonymous)
    return;
  self->anonymous = anonymous;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANONYMOUS]);
}

/** verk_session_get_projected_rows: Returns: the rows of the puzzle the room sees, or 0. */
guint
verk_session_get_projected_rows (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), 0);
  return self->projected_rows;
}

/**
 * verk_session_set_projected_rows:
 * @rows: the rows of the presentation's puzzle, or 0 when none is shown
 *
 * The presentation says how it arranges the puzzle; the facilitator's puzzle
 * takes the same rows meanwhile, so no piece moves between the two screens.
 */
void
verk_session_set_projected_rows (VerkSession *self,
                                 guint        rows)
{
  g_return_if_fail (VERK_IS_SESSION (self));

  if (self->projected_rows == rows)
    return;
  self->projected_rows = rows;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTED_ROWS]);
}

/** verk_session_get_disagreement_threshold: Returns: the spread at which the group disagrees. */
int
verk_session_get_disagreement_threshold (VerkSession *self)
{
  g_return_val_if_fail (VERK_IS_SESSION (self), VERK_STATS_DEFAULT_DISAGREEMENT);
  return self->disagreement_threshold;
}

/**
 * verk_session_set_disagreement_threshold:
 * @threshold: the smallest spread of a piece's scores that counts as
 *   disagreement, VERK_SESSION_MIN_DISAGREEMENT_THRESHOLD to
 *   VERK_SESSION_MAX_DISAGREEMENT_THRESHOLD
 *
 * The one threshold every view of the session reads (the Assess page's
 * callout and Disagreements First, the second round of the room). The
 * application binds it to its settings (Preferences); nothing else needs to
 * know where it comes from.
 */
void
verk_session_set_disagreement_threshold (VerkSession *self,
                                         int          threshold)
{
  g_return_if_fail (VERK_IS_SESSION (self));
  g_return_if_fail (threshold >= VERK_SESSION_MIN_DISAGREEMENT_THRESHOLD
                    && threshold <= VERK_SESSION_MAX_DISAGREEMENT_THRESHOLD);

  if (self->disagreement_threshold == threshold)
    return;
  self->disagreement_threshold = threshold;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISAGREEMENT_THRESHOLD]);
}

/**
 * verk_session_param_spec_new:
 *
 * Returns: (transfer floating): the "session" property a view of a session installs.
 */
GParamSpec *
verk_session_param_spec_new (void)
{
  return g_param_spec_object ("session", NULL, NULL, VERK_TYPE_SESSION,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GQuark
session_part_quark (void)
{
  return g_quark_from_static_string ("verk-session-part");
}

static void
on_session_bound (GSignalGroup *session_signals,
                  VerkSession  *session,
                  GSignalGroup *part_signals)
{
  VerkSessionPart part = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (part_signals), session_part_quark ()));
  gpointer target = NULL;

  switch (part)
    {
    case VERK_SESSION_PART_STORE:
      target = verk_session_get_store (session);
      break;
    case VERK_SESSION_PART_MODEL:
      target = verk_session_get_model (session);
      break;
    case VERK_SESSION_PART_TIMER:
      target = verk_session_get_timer (session);
      break;
    default:
      g_assert_not_reached ();
    }
  g_signal_group_set_target (part_signals, target);
}

static void
on_session_unbound (GSignalGroup *session_signals,
                    GSignalGroup *part_signals)
{
  g_signal_group_set_target (part_signals, NULL);
}

/**
 * verk_session_follow_part:
 * @session_signals: a #GSignalGroup for #VerkSession
 * @part: what of the session the new group follows
 *
 * Returns: (transfer full): a #GSignalGroup whose target is @part of
 *   @session_signals' session, moved along whenever that group's target is.
 */
GSignalGroup *
verk_session_follow_part (GSignalGroup    *session_signals,
                          VerkSessionPart  part)
{
  GType type;
  GSignalGroup *part_signals;
  g_autoptr (GObject) session = NULL;

  g_return_val_if_fail (G_IS_SIGNAL_GROUP (session_signals), NULL);
  g_return_val_if_fail (part <= VERK_SESSION_PART_TIMER, NULL);

  type = part == VERK_SESSION_PART_STORE ? VERK_TYPE_STORE
         : part == VERK_SESSION_PART_MODEL ? VERK_TYPE_WORKSHOP_MODEL : VERK_TYPE_TIMER;
  part_signals = g_signal_group_new (type);
  g_object_set_qdata (G_OBJECT (part_signals), session_part_quark (), GUINT_TO_POINTER (part));
  g_signal_connect_object (session_signals, "bind", G_CALLBACK (on_session_bound), part_signals, 0);
  g_signal_connect_object (session_signals, "unbind", G_CALLBACK (on_session_unbound), part_signals, 0);
  session = g_signal_group_dup_target (session_signals);
  if (session != NULL)
    on_session_bound (session_signals, VERK_SESSION (session), part_signals);
  return part_signals;
}
