/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-record"

#include "config.h"

#include "verk-record.h"

/* ------------------------------------------------------------------------ */
/* Boxed types                                                              */

/**
 * verk_item_copy:
 *
 * Returns: (transfer full): a deep copy of @item.
 */
VerkItem *
verk_item_copy (const VerkItem *item)
{
  VerkItem *copy = g_memdup2 (item, sizeof *item);

  copy->framework = g_strdup (item->framework);
  copy->key = g_strdup (item->key);
  copy->name = g_strdup (item->name);
  copy->description = g_strdup (item->description);
  copy->rationale = g_strdup (item->rationale);
  return copy;
}

/** verk_participant_copy: Returns: (transfer full): a deep copy. */
VerkParticipant *
verk_participant_copy (const VerkParticipant *participant)
{
  VerkParticipant *copy = g_memdup2 (participant, sizeof *participant);

  copy->name = g_strdup (participant->name);
  return copy;
}

/** verk_score_copy: Returns: (transfer full): a deep copy. */
VerkScore *
verk_score_copy (const VerkScore *score)
{
  VerkScore *copy = g_memdup2 (score, sizeof *score);

  copy->comment = g_strdup (score->comment);
  return copy;
}

/** verk_action_copy: Returns: (transfer full): a deep copy. */
VerkAction *
verk_action_copy (const VerkAction *action)
{
  VerkAction *copy = g_memdup2 (action, sizeof *action);

  copy->what = g_strdup (action->what);
  copy->owner = g_strdup (action->owner);
  copy->due = g_strdup (action->due);
  copy->followup = g_strdup (action->followup);
  return copy;
}

/** verk_reflection_copy: Returns: (transfer full): a deep copy. */
VerkReflection *
verk_reflection_copy (const VerkReflection *reflection)
{
  VerkReflection *copy = g_memdup2 (reflection, sizeof *reflection);

  copy->part = g_strdup (reflection->part);
  copy->strengths = g_strdup (reflection->strengths);
  copy->development = g_strdup (reflection->development);
  copy->obstacles = g_strdup (reflection->obstacles);
  copy->removers = g_strdup (reflection->removers);
  return copy;
}

/** verk_piece_copy: Returns: (transfer full): a deep copy. */
VerkPiece *
verk_piece_copy (const VerkPiece *piece)
{
  VerkPiece *copy = g_memdup2 (piece, sizeof *piece);

  copy->item = verk_item_copy (piece->item);
  return copy;
}

/** verk_piece_free: Frees the piece and its item. */
void
verk_piece_free (VerkPiece *piece)
{
  if (piece == NULL)
    return;
  g_clear_pointer (&piece->item, verk_item_free);
  g_free (piece);
}

static VerkPriority *
verk_priority_copy (const VerkPriority *priority)
{
  return g_memdup2 (priority, sizeof *priority);
}

G_DEFINE_BOXED_TYPE (VerkPiece, verk_piece, verk_piece_copy, verk_piece_free)
G_DEFINE_BOXED_TYPE (VerkPriority, verk_priority, verk_priority_copy, g_free)
G_DEFINE_BOXED_TYPE (VerkItem, verk_item, verk_item_copy, verk_item_free)
G_DEFINE_BOXED_TYPE (VerkParticipant, verk_participant, verk_participant_copy, verk_participant_free)
G_DEFINE_BOXED_TYPE (VerkScore, verk_score, verk_score_copy, verk_score_free)
G_DEFINE_BOXED_TYPE (VerkAction, verk_action, verk_action_copy, verk_action_free)
G_DEFINE_BOXED_TYPE (VerkReflection, verk_reflection, verk_reflection_copy, verk_reflection_free)

/* ------------------------------------------------------------------------ */
/* Equality: what decides whether a row's record is replaced                */

static gboolean
item_equal (const VerkItem *a,
            const VerkItem *b)
{
  return a->id == b->id && a->workshop_id == b->workshop_id && a->position == b->position
         && a->custom == b->custom && a->agreed == b->agreed && a->desired == b->desired
         && g_strcmp0 (a->framework, b->framework) == 0 && g_strcmp0 (a->key, b->key) == 0
         && g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->description, b->description) == 0
         && g_strcmp0 (a->rationale, b->rationale) == 0;
}

static gboolean
piece_equal (const VerkPiece *a,
             const VerkPiece *b)
{
  const VerkItemStats *x = &a->stats, *y = &b->stats;

  /* Computed from the same integers in the same order, so == on the means is exact. */
  return a->rank == b->rank && a->second_round == b->second_round && x->count == y->count
         && x->mean == y->mean && x->median == y->median
         && x->min == y->min && x->max == y->max && x->spread == y->spread
         && item_equal (a->item, b->item);
}

static gboolean
participant_equal (const VerkParticipant *a,
                   const VerkParticipant *b)
{
  return a->id == b->id && a->position == b->position && g_strcmp0 (a->name, b->name) == 0;
}

static gboolean
score_equal (const VerkScore *a,
             const VerkScore *b)
{
  return a->item_id == b->item_id && a->participant_id == b->participant_id && a->value == b->value
         && g_strcmp0 (a->comment, b->comment) == 0;
}

static gboolean
action_equal (const VerkAction *a,
              const VerkAction *b)
{
  return a->id == b->id && a->item_id == b->item_id && a->status == b->status
         && a->carried_from == b->carried_from && g_strcmp0 (a->what, b->what) == 0
         && g_strcmp0 (a->owner, b->owner) == 0 && g_strcmp0 (a->due, b->due) == 0
         && g_strcmp0 (a->followup, b->followup) == 0;
}

static gboolean
reflection_equal (const VerkReflection *a,
                  const VerkReflection *b)
{
  return g_strcmp0 (a->part, b->part) == 0 && g_strcmp0 (a->strengths, b->strengths) == 0
         && g_strcmp0 (a->development, b->development) == 0
         && g_strcmp0 (a->obstacles, b->obstacles) == 0 && g_strcmp0 (a->removers, b->removers) == 0;
}

static gboolean
priority_equal (const VerkPriority *a,
                const VerkPriority *b)
{
  return a->item_id == b->item_id && a->rank == b->rank;
}

/* ------------------------------------------------------------------------ */
/* VerkRecord                                                               */

struct _VerkRecord
{
  GObject   parent_instance;

  /* owned */
  GType           boxed_type;
  gpointer        boxed;
  GDestroyNotify  free_boxed;   /* the type's free function, looked up once */
};

/* The free function of one of the row types above: g_boxed_free() finds it
 * under GType's lock on every call, and an export frees hundreds of
 * thousands of rows. NULL for another boxed type. */
static GDestroyNotify
free_func_of (GType type)
{
  if (type == VERK_TYPE_SCORE)
    return (GDestroyNotify) verk_score_free;
  if (type == VERK_TYPE_PIECE)
    return (GDestroyNotify) verk_piece_free;
  if (type == VERK_TYPE_PARTICIPANT)
    return (GDestroyNotify) verk_participant_free;
  if (type == VERK_TYPE_ACTION)
    return (GDestroyNotify) verk_action_free;
  if (type == VERK_TYPE_REFLECTION)
    return (GDestroyNotify) verk_reflection_free;
  if (type == VERK_TYPE_ITEM)
    return (GDestroyNotify) verk_item_free;
  if (type == VERK_TYPE_PRIORITY)
    return g_free;
  return NULL;
}

G_DEFINE_FINAL_TYPE (VerkRecord, verk_record, G_TYPE_OBJECT)

static void
verk_record_finalize (GObject *object)
{
  VerkRecord *self = VERK_RECORD (object);

  if (self->boxed != NULL && self->free_boxed != NULL)
    self->free_boxed (g_steal_pointer (&self->boxed));
  else if (self->boxed != NULL)
    g_boxed_free (self->boxed_type, g_steal_pointer (&self->boxed));

  G_OBJECT_CLASS (verk_record_parent_class)->finalize (object);
}

static void
verk_record_class_init (VerkRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = verk_record_finalize;
}

static void
verk_record_init (VerkRecord *self)
{
}

/**
 * verk_record_new_take:
 * @boxed_type: VERK_TYPE_PIECE, VERK_TYPE_PARTICIPANT, …
 * @boxed: (transfer full): the row
 *
 * Returns: (transfer full): a record holding @boxed.
 */
VerkRecord *
verk_record_new_take (GType    boxed_type,
                      gpointer boxed)
{
  VerkRecord *self;

  g_return_val_if_fail (G_TYPE_IS_BOXED (boxed_type), NULL);
  g_return_val_if_fail (boxed != NULL, NULL);

  self = g_object_new (VERK_TYPE_RECORD, NULL);
  self->boxed_type = boxed_type;
  self->boxed = boxed;
  self->free_boxed = free_func_of (boxed_type);
  return self;
}

/** verk_record_get_boxed_type: Returns: the type of the row. */
GType
verk_record_get_boxed_type (VerkRecord *self)
{
  g_return_val_if_fail (VERK_IS_RECORD (self), G_TYPE_INVALID);
  return self->boxed_type;
}

/** verk_record_get_boxed: Returns: (transfer none): the row. */
gconstpointer
verk_record_get_boxed (VerkRecord *self)
{
  g_return_val_if_fail (VERK_IS_RECORD (self), NULL);
  return self->boxed;
}

/** verk_record_equal: Returns: whether @a and @b hold equal rows of one type. */
gboolean
verk_record_equal (VerkRecord *a,
                   VerkRecord *b)
{
  g_return_val_if_fail (VERK_IS_RECORD (a) && VERK_IS_RECORD (b), FALSE);

  if (a == b)
    return TRUE;
  if (a->boxed_type != b->boxed_type)
    return FALSE;
  if (a->boxed_type == VERK_TYPE_PIECE)
    return piece_equal (a->boxed, b->boxed);
  if (a->boxed_type == VERK_TYPE_PARTICIPANT)
    return participant_equal (a->boxed, b->boxed);
  if (a->boxed_type == VERK_TYPE_SCORE)
    return score_equal (a->boxed, b->boxed);
  if (a->boxed_type == VERK_TYPE_PRIORITY)
    return priority_equal (a->boxed, b->boxed);
  if (a->boxed_type == VERK_TYPE_ACTION)
    return action_equal (a->boxed, b->boxed);
  if (a->boxed_type == VERK_TYPE_REFLECTION)
    return reflection_equal (a->boxed, b->boxed);
  if (a->boxed_type == VERK_TYPE_ITEM)
    return item_equal (a->boxed, b->boxed);
  return FALSE;
}

static gconstpointer
get_typed (VerkRecord *self,
           GType       type)
{
  g_return_val_if_fail (VERK_IS_RECORD (self), NULL);
  g_return_val_if_fail (self->boxed_type == type, NULL);
  return self->boxed;
}

/** verk_record_get_piece: Returns: (transfer none): the piece of a pieces-list record. */
const VerkPiece *
verk_record_get_piece (VerkRecord *self)
{
  return get_typed (self, VERK_TYPE_PIECE);
}

/** verk_record_get_item: Returns: (transfer none): the item of a removed-pieces record. */
const VerkItem *
verk_record_get_item (VerkRecord *self)
{
  return get_typed (self, VERK_TYPE_ITEM);
}

/** verk_record_get_participant: Returns: (transfer none): the participant. */
const VerkParticipant *
verk_record_get_participant (VerkRecord *self)
{
  return get_typed (self, VERK_TYPE_PARTICIPANT);
}

/** verk_record_get_score: Returns: (transfer none): the score. */
const VerkScore *
verk_record_get_score (VerkRecord *self)
{
  return get_typed (self, VERK_TYPE_SCORE);
}

/** verk_record_get_priority: Returns: (transfer none): the priority. */
const VerkPriority *
verk_record_get_priority (VerkRecord *self)
{
  return get_typed (self, VERK_TYPE_PRIORITY);
}

/** verk_record_get_action: Returns: (transfer none): the action. */
const VerkAction *
verk_record_get_action (VerkRecord *self)
{
  return get_typed (self, VERK_TYPE_ACTION);
}

/** verk_record_get_reflection: Returns: (transfer none): the reflection. */
const VerkReflection *
verk_record_get_reflection (VerkRecord *self)
{
  return get_typed (self, VERK_TYPE_REFLECTION);
}

/**
 * verk_records_dup_rows:
 *
 * Returns: (transfer container): the rows of @records, borrowed from them.
 */
GPtrArray *
verk_records_dup_rows (GListModel *records)
{
  guint n = g_list_model_get_n_items (records);
  GPtrArray *rows = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (records, i);

      g_ptr_array_add (rows, (gpointer) verk_record_get_boxed (record));
    }
  return rows;
}

/**
 * verk_records_dup_items:
 *
 * Returns: (transfer container): the items of @records, a list of VerkPiece
 *   records, borrowed from them.
 */
GPtrArray *
verk_records_dup_items (GListModel *records)
{
  guint n = g_list_model_get_n_items (records);
  GPtrArray *items = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (records, i);

      g_ptr_array_add (items, verk_record_get_piece (record)->item);
    }
  return items;
}
