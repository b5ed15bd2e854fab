/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-edit-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-edit-history.h"

/* Who a value belongs to: a participant's id, or one of these for the
 * group's own values of an item. */
#define WHO_AGREED  ((gint64) -1)
#define WHO_DESIRED ((gint64) -2)

/* A value of an item: the group's, or a participant's score in round 1 or
 * in the item's second private round (verk-store-rounds.c), which is a
 * value of its own: undoing it puts back round 2's score and comment and
 * never touches round 1's. */
typedef struct {
  gint64  item_id;
  gint64  who;
  int     round;      /* 1, or 2 for a participant's second-round score */
} Key;

typedef struct {
  int     value;      /* 0 = none */
  char   *comment;    /* a participant's comment, to put back with a cleared score */
} Value;

/* One value as it was before a step and after it, each with the comment to
 * put back with it when going there clears nothing but finds no score:
 * before's as it was when the step cleared it, after's as it was when Undo
 * took the step back (comments typed between are kept). */
typedef struct {
  Key     key;
  int     before;
  int     after;
  char   *comment_before;
  char   *comment_after;
} Change;

/* One of the facilitator's edits: what one store call changed. */
typedef struct {
  guint    serial;    /* names the step for as long as it lives (never 0) */
  guint64  tick;      /* when its values were last what the step expects:
                       * made, undone or redone */
  GArray  *changes;   /* of Change */
} Step;

/* A value someone else changed, and when: a step older than that must not
 * overwrite it. */
typedef struct {
  guint64   tick;
  gboolean  phone;    /* a participant's vote (VERK_ORIGIN_ROOM), else an
                       * import or a backup put back */
} Foreign;

struct _VerkEditHistory
{
  GObject     parent_instance;

  /* owned */
  VerkStore  *store;
  gint64      workshop_id;
  GHashTable *values;       /* Key → Value: the workshop's scores as last seen */
  GHashTable *foreign;      /* Key → Foreign: values others changed since we followed */
  GQueue      steps;        /* Step, newest at the head */
  GQueue      redo_steps;   /* steps undone, the last undone at the head */
  gboolean    applying;     /* our own edits (Undo, Redo) are not new steps */
  guint64     tick;         /* counts the workshop's score edits seen */
  guint       last_serial;

  /* what the properties last said, to notify real changes only */
  guint       notified_undo;
  guint       notified_redo;
};

G_DEFINE_FINAL_TYPE (VerkEditHistory, verk_edit_history, G_TYPE_OBJECT)

G_DEFINE_QUARK (verk-edit-history-error-quark, verk_edit_history_error)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_NEXT_UNDO,
  PROP_NEXT_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
key_hash (gconstpointer data)
{
  const Key *key = data;

  return (g_int64_hash (&key->item_id) * 31 + g_int64_hash (&key->who)) * 31 + (guint) key->round;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *ka = a, *kb = b;

  return ka->item_id == kb->item_id && ka->who == kb->who && ka->round == kb->round;
}

static void
value_free (Value *value)
{
  g_free (value->comment);
  g_free (value);
}

static void
put (GHashTable *values,
     gint64      item_id,
     gint64      who,
     int         round,
     int         value,
     const char *comment)
{
  Key *key;
  Value *v;

  if (value == 0)
    return;
  key = g_new (Key, 1);
  key->item_id = item_id;
  key->who = who;
  key->round = round;
  v = g_new0 (Value, 1);
  v->value = value;
  v->comment = g_strdup (comment);
  g_hash_table_insert (values, key, v);
}

/* The workshop's scores now, or NULL when they cannot be read. */
static GHashTable *
read_values (VerkEditHistory *self)
{
  g_autoptr (GHashTable) values = g_hash_table_new_full (key_hash, key_equal, g_free,
                                                         (GDestroyNotify) value_free);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GPtrArray) round2 = NULL;

  if (self->workshop_id == 0)
    return g_steal_pointer (&values);
  items = verk_store_list_items (self->store, self->workshop_id, NULL, NULL);
  scores = verk_store_list_scores (self->store, self->workshop_id, NULL);
  round2 = verk_store_list_second_round_scores (self->store, self->workshop_id, NULL);
  if (items == NULL || scores == NULL || round2 == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);

      put (values, item->id, WHO_AGREED, 1, item->agreed, NULL);
      put (values, item->id, WHO_DESIRED, 1, item->desired, NULL);
    }
  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *score = g_ptr_array_index (scores, i);

      put (values, score->item_id, score->participant_id, 1, score->value, score->comment);
    }
  for (guint i = 0; i < round2->len; i++)
    {
      VerkScore *score = g_ptr_array_index (round2, i);

      put (values, score->item_id, score->participant_id, 2, score->value, score->comment);
    }
  return g_steal_pointer (&values);
}

static int
value_of (GHashTable *values,
          const Key  *key)
{
  Value *v = g_hash_table_lookup (values, key);

  return v != NULL ? v->value : 0;
}

static void
change_clear (Change *change)
{
  g_clear_pointer (&change->comment_before, g_free);
  g_clear_pointer (&change->comment_after, g_free);
}

static GArray *
new_changes (void)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (Change));

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  return changes;
}

static void
step_free (Step *step)
{
  g_array_unref (step->changes);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static void
add_changes (GArray     *step,
             GHashTable *from,
             GHashTable *to,
             gboolean    only_missing)
{
  GHashTableIter iter;
  gpointer key, data;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &data))
    {
      Value *v = data;
      int other = value_of (to, key);
      Change change = { *(Key *) key, 0, 0, NULL, NULL };

      if (only_missing ? other != 0 : other == v->value)
        continue;
      if (only_missing)
        {
          change.before = 0;
          change.after = v->value;
        }
      else
        {
          change.before = v->value;
          change.after = other;
          change.comment_before = g_strdup (v->comment);
        }
      g_array_append_val (step, change);
    }
}

/* What changed between @before and @after (maybe nothing). */
static GArray *
diff (GHashTable *before,
      GHashTable *after)
{
  GArray *changes = new_changes ();

  add_changes (changes, before, after, FALSE);   /* changed or cleared */
  add_changes (changes, after, before, TRUE);    /* newly set */
  return changes;
}

static void
set_values (VerkEditHistory *self,
            GHashTable      *values)
{
  g_clear_pointer (&self->values, g_hash_table_unref);
  self->values = values;
}

static guint
serial_of (GQueue *queue)
{
  Step *head = g_queue_peek_head (queue);

  return head != NULL ? head->serial : 0;
}

/* Notifies what changed of can-undo, can-redo, next-undo and next-redo
 * since they were last notified: called once an operation is done. */
static void
notify_heads (VerkEditHistory *self)
{
  guint undo = serial_of (&self->steps);
  guint redo = serial_of (&self->redo_steps);
  guint old_undo = self->notified_undo;
  guint old_redo = self->notified_redo;

  if (undo == old_undo && redo == old_redo)
    return;
  self->notified_undo = undo;
  self->notified_redo = redo;
  g_object_freeze_notify (G_OBJECT (self));
  if ((undo != 0) != (old_undo != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if ((redo != 0) != (old_redo != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (undo != old_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_UNDO]);
  if (redo != old_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_REDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Takes @step; the oldest beyond VERK_EDIT_HISTORY_MAX_STEPS go. */
static void
push_step (GQueue *queue,
           Step   *step)
{
  g_queue_push_head (queue, step);
  while (g_queue_get_length (queue) > VERK_EDIT_HISTORY_MAX_STEPS)
    step_free (g_queue_pop_tail (queue));
}

/* Someone else's edit (a phone's vote, an import) is no step: it is
 * remembered per value, so that no older step overwrites it. */
static void
mark_foreign (VerkEditHistory *self,
              GArray          *changes,
              gboolean         phone)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);
      Foreign *foreign = g_new (Foreign, 1);

      foreign->tick = self->tick;
      foreign->phone = phone;
      g_hash_table_insert (self->foreign, g_memdup2 (&change->key, sizeof (Key)), foreign);
    }
}

static void
on_store_changed (VerkStore       *store,
                  int              kind,
                  gint64           workshop_id,
                  VerkEditHistory *self)
{
  GHashTable *now;
  VerkOrigin origin = verk_store_get_origin (store);
  /* A workshop file imported or a backup put back: every view reads
   * everything again (VERK_CHANGE_GROUPS of no workshop). */
  gboolean reload = kind == VERK_CHANGE_GROUPS && workshop_id == 0;

  if (self->workshop_id == 0 || (workshop_id != self->workshop_id && !reload))
    return;
  /* Removing or restoring a piece or a person takes their scores along:
   * that is not a score edit, only what is there now. */
  if (!reload && kind != VERK_CHANGE_SCORES && kind != VERK_CHANGE_ITEMS && kind != VERK_CHANGE_PARTICIPANTS)
    return;
  now = read_values (self);
  if (now == NULL)
    return;
  if ((kind == VERK_CHANGE_SCORES || reload) && !self->applying && self->values != NULL)
    {
      g_autoptr (GArray) changes = diff (self->values, now);

      self->tick++;
      /* A comment alone changes no value: no step, and Redo stays. Someone
       * else's edit is no step either, and keeps Redo: the facilitator
       * made no new edit. */
      if (changes->len > 0 && (reload || origin != VERK_ORIGIN_LOCAL))
        mark_foreign (self, changes, !reload && origin == VERK_ORIGIN_ROOM);
      else if (changes->len > 0)
        {
          /* A new edit: what was undone before it is no longer there to redo. */
          Step *step = g_new0 (Step, 1);

          step->serial = ++self->last_serial;
          step->tick = self->tick;
          step->changes = g_steal_pointer (&changes);
          g_queue_clear_full (&self->redo_steps, (GDestroyNotify) step_free);
          push_step (&self->steps, step);
        }
    }
  set_values (self, now);
  /* Undo's and Redo's own writes: move_step() notifies once it is done. */
  if (!self->applying)
    notify_heads (self);
}

static void
verk_edit_history_dispose (GObject *object)
{
  VerkEditHistory *self = VERK_EDIT_HISTORY (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->foreign, g_hash_table_unref);
  g_queue_clear_full (&self->steps, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo_steps, (GDestroyNotify) step_free);

  G_OBJECT_CLASS (verk_edit_history_parent_class)->dispose (object);
}

static void
verk_edit_history_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VerkEditHistory *self = VERK_EDIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, verk_edit_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, verk_edit_history_can_redo (self));
      break;
    case PROP_NEXT_UNDO:
      g_value_set_uint (value, verk_edit_history_get_next_undo (self));
      break;
    case PROP_NEXT_REDO:
      g_value_set_uint (value, verk_edit_history_get_next_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_edit_history_class_init (VerkEditHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_edit_history_dispose;
  object_class->get_property = verk_edit_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_UNDO] =
    g_param_spec_uint ("next-undo", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_REDO] =
    g_param_spec_uint ("next-redo", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
verk_edit_history_init (VerkEditHistory *self)
{
  g_queue_init (&self->steps);
  g_queue_init (&self->redo_steps);
  self->foreign = g_hash_table_new_full (key_hash, key_equal, g_free, g_free);
}

/**
 * verk_edit_history_new:
 * @store: the store whose score edits are recorded
 *
 * Returns: (transfer full): a history following no workshop yet.
 */
VerkEditHistory *
verk_edit_history_new (VerkStore *store)
{
  VerkEditHistory *self;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  self = g_object_new (VERK_TYPE_EDIT_HISTORY, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

/**
 * verk_edit_history_set_workshop:
 * @workshop_id: the workshop whose score edits are recorded, or 0
 *
 * Starts following @workshop_id with an empty history: nothing to undo or
 * redo.
 */
void
verk_edit_history_set_workshop (VerkEditHistory *self,
                                gint64           workshop_id)
{
  g_return_if_fail (VERK_IS_EDIT_HISTORY (self));

  if (self->workshop_id == workshop_id)
    return;
  self->workshop_id = workshop_id;
  g_queue_clear_full (&self->steps, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo_steps, (GDestroyNotify) step_free);
  g_hash_table_remove_all (self->foreign);
  set_values (self, read_values (self));
  notify_heads (self);
}

gint64
verk_edit_history_get_workshop (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), 0);
  return self->workshop_id;
}

gboolean
verk_edit_history_can_undo (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), FALSE);
  return !g_queue_is_empty (&self->steps);
}

gboolean
verk_edit_history_can_redo (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), FALSE);
  return !g_queue_is_empty (&self->redo_steps);
}

guint
verk_edit_history_get_n_steps (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), 0);
  return g_queue_get_length (&self->steps);
}

guint
verk_edit_history_get_next_undo (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), 0);
  return serial_of (&self->steps);
}

guint
verk_edit_history_get_next_redo (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), 0);
  return serial_of (&self->redo_steps);
}

static char *
item_name (VerkEditHistory *self,
           gint64           item_id)
{
  g_autoptr (VerkItem) item = verk_store_get_item (self->store, item_id, NULL);

  return g_strdup (item != NULL ? item->name : "?");
}

/* The name the pages show: the participant's own, else "Participant N". */
static char *
participant_name (VerkEditHistory *self,
                  gint64           participant_id)
{
  g_autoptr (GPtrArray) participants = verk_store_list_participants (self->store, self->workshop_id, NULL);

  for (guint i = 0; participants != NULL && i < participants->len; i++)
    {
      VerkParticipant *p = g_ptr_array_index (participants, i);

      if (p->id != participant_id)
        continue;
      if (p->name != NULL && p->name[0] != '\0')
        return g_strdup (p->name);
      return g_strdup_printf (_("Participant %u"), i + 1);
    }
  return g_strdup ("?");
}

static char *
describe_change (VerkEditHistory *self,
                 const Change    *change)
{
  g_autofree char *item = NULL;
  g_autofree char *who = NULL;

  item = item_name (self, change->key.item_id);
  if (change->key.who == WHO_AGREED)
    /* Translators: what Undo takes back (or Redo puts back); %s is a piece of the puzzle. */
    return g_strdup_printf (_("the agreed score for %s"), item);
  if (change->key.who == WHO_DESIRED)
    /* Translators: what Undo takes back (or Redo puts back); %s is a piece of the puzzle. */
    return g_strdup_printf (_("the desired level for %s"), item);
  who = participant_name (self, change->key.who);
  if (change->key.round == 2)
    /* Translators: what Undo takes back: a participant's score in a piece's second round. */
    return g_strdup_printf (_("%s’s round 2 score for %s"), who, item);
  /* Translators: what Undo takes back: a participant's score for a piece. */
  return g_strdup_printf (_("%s’s score for %s"), who, item);
}

static char *
describe (VerkEditHistory *self,
          Step            *step)
{
  GArray *changes = step->changes;

  if (changes->len > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u score change", "%u score changes", changes->len),
                            changes->len);
  return describe_change (self, &g_array_index (changes, Change, 0));
}

/**
 * verk_edit_history_describe_next:
 *
 * Returns: (transfer full) (nullable): what Undo would take back, or NULL.
 */
char *
verk_edit_history_describe_next (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), NULL);

  if (g_queue_is_empty (&self->steps))
    return NULL;
  return describe (self, g_queue_peek_head (&self->steps));
}

/**
 * verk_edit_history_describe_redo:
 *
 * Returns: (transfer full) (nullable): what Redo would put back, or NULL.
 */
char *
verk_edit_history_describe_redo (VerkEditHistory *self)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), NULL);

  if (g_queue_is_empty (&self->redo_steps))
    return NULL;
  return describe (self, g_queue_peek_head (&self->redo_steps));
}

/* Which way a step is applied: Undo goes to its values before, Redo to
 * those after. */
typedef enum {
  TO_BEFORE,
  TO_AFTER
} Direction;

static int
target_of (const Change *change,
           Direction     direction)
{
  return direction == TO_BEFORE ? change->before : change->after;
}

/* The comment to put back with a score that is not there now. */
static const char *
saved_comment_of (const Change *change,
                  Direction     direction)
{
  return direction == TO_BEFORE ? change->comment_before : change->comment_after;
}

/* Before applying: the comment each value has now becomes the one the other
 * direction puts back, so that Undo then Redo (or Redo then Undo) loses no
 * comment typed in between. */
static void
remember_comments (VerkEditHistory *self,
                   GArray          *changes,
                   Direction        direction)
{
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);
      Value *now = g_hash_table_lookup (self->values, &change->key);
      char **saved = direction == TO_BEFORE ? &change->comment_after : &change->comment_before;

      if (now == NULL)
        continue;
      g_free (*saved);
      *saved = g_strdup (now->comment);
    }
}

/* Puts back a participant's round-2 score, with the comment it had when it
 * was cleared, else with the comment it has now: as round 1's, a comment
 * edit is not a step of its own. */
static gboolean
put_back_second_round (VerkEditHistory  *self,
                       const Change     *change,
                       Direction         direction,
                       GError          **error)
{
  Value *now = g_hash_table_lookup (self->values, &change->key);
  /* A copy: the store's signal replaces the snapshot @now is in. */
  g_autofree char *comment = g_strdup (now == NULL ? saved_comment_of (change, direction) : now->comment);

  return verk_store_set_second_round_score (self->store, change->key.item_id, change->key.who,
                                            target_of (change, direction), comment, error);
}

/* Puts back one step's values before it or after it: a step is what one
 * store call changed, so it holds participants' scores (of round 1, or of a
 * second round), or one agreed score, or one desired level. */
static gboolean
apply_step (VerkEditHistory *self,
            GArray          *changes,
            Direction        direction,
            GError         **error)
{
  g_autoptr (GArray) scores = g_array_new (FALSE, TRUE, sizeof (VerkScore));
  /* Scores not there now: each comes back with its comment. */
  g_autoptr (GArray) absent = g_array_new (FALSE, FALSE, sizeof (const Change *));

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);
      int target = target_of (change, direction);

      if (change->key.round == 2)
        {
          if (!put_back_second_round (self, change, direction, error))
            return FALSE;
        }
      else if (change->key.who == WHO_AGREED)
        {
          g_autoptr (VerkItem) item = verk_store_get_item (self->store, change->key.item_id, error);

          if (item == NULL
              || !verk_store_set_agreed (self->store, item->id, target, item->rationale, error))
            return FALSE;
        }
      else if (change->key.who == WHO_DESIRED)
        {
          if (!verk_store_set_desired (self->store, change->key.item_id, target, error))
            return FALSE;
        }
      else
        {
          VerkScore score = { change->key.item_id, change->key.who, target, NULL };
          const char *comment = saved_comment_of (change, direction);

          g_array_append_val (scores, score);
          if (target != 0 && value_of (self->values, &change->key) == 0 && comment != NULL && comment[0] != '\0')
            g_array_append_val (absent, change);
        }
    }
  if (scores->len > 0
      && !verk_store_set_scores (self->store, (VerkScore *) scores->data, scores->len, error))
    return FALSE;
  /* Clearing a score took its comment along; bring it back with the score.
   * (@absent points into @step, not into the snapshot the signal replaced.) */
  for (guint i = 0; i < absent->len; i++)
    {
      const Change *change = g_array_index (absent, const Change *, i);

      if (!verk_store_set_score_comment (self->store, change->key.item_id, change->key.who,
                                         saved_comment_of (change, direction), error))
        return FALSE;
    }
  return TRUE;
}

/* The first value of @step that someone else (a phone) changed after the
 * step was made, undone or redone, with who; NULL when none. */
static const Change *
find_overtaken (VerkEditHistory  *self,
                Step             *step,
                const Foreign   **foreign_out)
{
  for (guint i = 0; i < step->changes->len; i++)
    {
      const Change *change = &g_array_index (step->changes, Change, i);
      const Foreign *foreign = g_hash_table_lookup (self->foreign, &change->key);

      if (foreign != NULL && foreign->tick > step->tick)
        {
          *foreign_out = foreign;
          return change;
        }
    }
  return NULL;
}

/* VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE for @change, which @foreign's
 * edit overtook. */
static void
set_overtaken_error (VerkEditHistory  *self,
                     const Change     *change,
                     const Foreign    *foreign,
                     Direction         direction,
                     GError          **error)
{
  g_autofree char *what = NULL;
  g_autofree char *who = NULL;
  g_autofree char *item = NULL;
  gboolean undo = direction == TO_BEFORE;

  if (foreign->phone && change->key.who > 0)
    {
      who = participant_name (self, change->key.who);
      item = item_name (self, change->key.item_id);
      if (change->key.round == 2)
        g_set_error (error, VERK_EDIT_HISTORY_ERROR, VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE,
                     undo
                     /* Translators: Undo refused: %s is a participant, then a piece of the puzzle. */
                     ? _("%s changed their round 2 score for %s on their phone since; nothing was undone.")
                     /* Translators: Redo refused: %s is a participant, then a piece of the puzzle. */
                     : _("%s changed their round 2 score for %s on their phone since; nothing was redone."),
                     who, item);
      else
        g_set_error (error, VERK_EDIT_HISTORY_ERROR, VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE,
                     undo
                     /* Translators: Undo refused: %s is a participant, then a piece of the puzzle. */
                     ? _("%s changed their score for %s on their phone since; nothing was undone.")
                     /* Translators: Redo refused: %s is a participant, then a piece of the puzzle. */
                     : _("%s changed their score for %s on their phone since; nothing was redone."),
                     who, item);
      return;
    }
  what = describe_change (self, change);
  g_set_error (error, VERK_EDIT_HISTORY_ERROR, VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE,
               undo
               /* Translators: Undo refused; %s says what, e.g. "the agreed score for Samverkan". */
               ? _("Since then, %s was changed elsewhere; nothing was undone.")
               /* Translators: Redo refused; %s says what, e.g. "the agreed score for Samverkan". */
               : _("Since then, %s was changed elsewhere; nothing was redone."),
               what);
}

/* Takes the newest step of @from, applies it @direction and, done, makes it
 * the newest of @to. A step that cannot be applied is dropped, and so is one
 * whose value someone else changed since, untouched: a step is one edit,
 * done or undone whole, and the next press goes on to the step before it.
 * @none is the error when @from is empty. */
static char *
move_step (VerkEditHistory  *self,
           GQueue           *from,
           GQueue           *to,
           Direction         direction,
           const char       *none,
           GError          **error)
{
  g_autoptr (Step) step = NULL;
  g_autofree char *description = NULL;
  g_autoptr (GError) local = NULL;
  const Change *overtaken;
  const Foreign *foreign = NULL;
  gboolean ok;

  if (g_queue_is_empty (from))
    {
      g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND, none);
      return NULL;
    }
  step = g_queue_pop_head (from);
  overtaken = find_overtaken (self, step, &foreign);
  if (overtaken != NULL)
    {
      set_overtaken_error (self, overtaken, foreign, direction, error);
      notify_heads (self);
      return NULL;
    }
  description = describe (self, step);
  remember_comments (self, step->changes, direction);
  self->applying = TRUE;
  ok = apply_step (self, step->changes, direction, &local);
  self->applying = FALSE;
  /* Whatever happened, the snapshot must be what the store holds now. */
  set_values (self, read_values (self));
  if (!ok)
    {
      if (g_error_matches (local, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND,
                             direction == TO_BEFORE
                             ? _("The score change cannot be undone: its piece, participant or round "
                                 "has been removed since.")
                             : _("The score change cannot be redone: its piece, participant or round "
                                 "has been removed since."));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      notify_heads (self);
      return NULL;
    }
  /* Its values are the step's own again from here on. */
  step->tick = ++self->tick;
  push_step (to, g_steal_pointer (&step));
  notify_heads (self);
  return g_steal_pointer (&description);
}

/**
 * verk_edit_history_undo:
 *
 * Returns: (transfer full): what was undone, or NULL with @error set.
 */
char *
verk_edit_history_undo (VerkEditHistory  *self,
                        GError          **error)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), NULL);

  return move_step (self, &self->steps, &self->redo_steps, TO_BEFORE,
                    _("There is no score change to undo."), error);
}

/**
 * verk_edit_history_redo:
 *
 * Returns: (transfer full): what was redone, or NULL with @error set.
 */
char *
verk_edit_history_redo (VerkEditHistory  *self,
                        GError          **error)
{
  g_return_val_if_fail (VERK_IS_EDIT_HISTORY (self), NULL);

  return move_step (self, &self->redo_steps, &self->steps, TO_AFTER,
                    _("There is no score change to redo."), error);
}
