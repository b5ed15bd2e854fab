/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-workshop-model"

#include "config.h"

#include <string.h>

#include "verk-workshop-model-private.h"

/* One read model per workshop. The store's rows become immutable VerkRecords
 * in GListStores; an edit reads again only the kinds of rows it can have
 * touched, builds fresh records, and each list replaces only the run of
 * records that differ, so items-changed names exactly the rows that changed.
 * The hash tables below index the records the lists hold (their keys point
 * into those records) and are rebuilt whenever the lists change. */

/* The item lists, by framework. */
enum {
  LIST_PIECES,          /* "siq" */
  LIST_EXPECTATIONS,    /* "platform" */
  LIST_SCALE,           /* "scale" */
  N_ITEM_LISTS
};

static const char *const list_frameworks[N_ITEM_LISTS] = { "siq", "platform", "scale" };

/* What an edit makes the model read again. */
typedef enum {
  NEED_WORKSHOP     = 1 << 0,
  NEED_ITEMS        = 1 << 1,
  NEED_PARTICIPANTS = 1 << 2,
  NEED_SCORES       = 1 << 3,
  NEED_PRIORITIES   = 1 << 4,
  NEED_ACTIONS      = 1 << 5,
  NEED_REFLECTIONS  = 1 << 6,
  NEED_ALL          = 0x7f,
} Need;

/* Where an item is: its record, its list and position, its run of scores. */
typedef struct {
  gint64      id;             /* the key */
  VerkRecord *record;         /* borrowed from the list */
  guint       list;
  guint       position;
  guint       score_start;    /* in the scores list */
  guint       n_scores;
} ItemEntry;

struct _VerkWorkshopModel
{
  GObject       parent_instance;

  /* owned */
  VerkStore    *store;
  VerkWorkshop *workshop;
  GError       *error;
  GListStore   *items[N_ITEM_LISTS];
  GListStore   *participants;
  GListStore   *scores;
  GListStore   *priorities;
  GListStore   *actions;
  GListStore   *reflections;
  GHashTable   *item_index;         /* gint64 * → ItemEntry (owned) */
  GHashTable   *participant_index;  /* set of VerkParticipant (keyed by its id) */
  GHashTable   *score_index;        /* set of VerkScore (keyed by item and participant) */
  GHashTable   *action_index;       /* set of VerkAction (keyed by its id) */
  GHashTable   *reflection_index;   /* part → VerkReflection */
  GPtrArray    *stats_items;        /* VerkItem of the pieces, borrowed, for verk-stats */
  GPtrArray    *stats_scores;       /* VerkScore in list order, borrowed */

  gint64        workshop_id;
  gulong        changed_handler;
  gulong        row_changed_handler;
  gboolean      rows_seen;          /* ::row-changed named rows of the coming ::changed */
  gboolean      row_missed;         /* … and one of them could not be read alone */
  guint         reads[VERK_MODEL_N_READS];
};

G_DEFINE_FINAL_TYPE (VerkWorkshopModel, verk_workshop_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_WORKSHOP_ID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Hashing rows by the ids at their start                                   */

static guint
score_hash (gconstpointer key)
{
  const VerkScore *score = key;

  return g_int64_hash (&score->item_id) * 31 + g_int64_hash (&score->participant_id);
}

static gboolean
score_equal (gconstpointer a,
             gconstpointer b)
{
  const VerkScore *x = a, *y = b;

  return x->item_id == y->item_id && x->participant_id == y->participant_id;
}

/* ------------------------------------------------------------------------ */
/* Reading the store (each read counted, for the tests)                     */

static GPtrArray *
read_items (VerkWorkshopModel *self, GError **error)
{
  self->reads[VERK_MODEL_READ_ITEMS]++;
  return verk_store_list_items (self->store, self->workshop_id, NULL, error);
}

static GPtrArray *
read_scores (VerkWorkshopModel *self, GError **error)
{
  self->reads[VERK_MODEL_READ_SCORES]++;
  return verk_store_list_scores (self->store, self->workshop_id, error);
}

static GArray *
read_priorities (VerkWorkshopModel *self, GError **error)
{
  self->reads[VERK_MODEL_READ_PRIORITIES]++;
  return verk_store_list_priorities (self->store, self->workshop_id, error);
}

/* ------------------------------------------------------------------------ */
/* Lists                                                                    */

/* Replaces the records [@start, @start + @n_old) of @list by @fresh, keeping
 * the old records at both ends that equal their fresh counterparts, so the one
 * items-changed names only the rows that changed (none when nothing did). */
static void
splice_changed (GListStore *list,
                guint       start,
                guint       n_old,
                GPtrArray  *fresh)
{
  guint n_new = fresh->len, head = 0, tail = 0;

  while (head < n_old && head < n_new)
    {
      g_autoptr (VerkRecord) old = g_list_model_get_item (G_LIST_MODEL (list), start + head);

      if (!verk_record_equal (old, g_ptr_array_index (fresh, head)))
        break;
      head++;
    }
  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr (VerkRecord) old = g_list_model_get_item (G_LIST_MODEL (list), start + n_old - 1 - tail);

      if (!verk_record_equal (old, g_ptr_array_index (fresh, n_new - 1 - tail)))
        break;
      tail++;
    }
  if (head == n_old && head == n_new)
    return;
  g_list_store_splice (list, start + head, n_old - head - tail,
                       fresh->pdata + head, n_new - head - tail);
}

static void
sync_list (GListStore *list,
           GPtrArray  *fresh)
{
  splice_changed (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), fresh);
}

static VerkRecord *
record_at (GListStore *list,
           guint       position)
{
  /* The list keeps its own reference: borrowed is safe until it changes. */
  VerkRecord *record = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_object_unref (record);
  return record;
}

static int
list_of_framework (const char *framework)
{
  for (guint i = 0; i < N_ITEM_LISTS; i++)
    if (g_strcmp0 (framework, list_frameworks[i]) == 0)
      return (int) i;
  return -1;
}

static GPtrArray *
new_record_array (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Indexes                                                                  */

static void
index_items (VerkWorkshopModel *self)
{
  guint score_at = 0;

  g_hash_table_remove_all (self->item_index);
  g_ptr_array_set_size (self->stats_items, 0);
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items[l]));

      for (guint i = 0; i < n; i++)
        {
          VerkRecord *record = record_at (self->items[l], i);
          const VerkPiece *piece = verk_record_get_piece (record);
          ItemEntry *entry = g_new0 (ItemEntry, 1);

          entry->id = piece->item->id;
          entry->record = record;
          entry->list = l;
          entry->position = i;
          entry->score_start = score_at;
          entry->n_scores = piece->stats.count;
          score_at += piece->stats.count;
          g_hash_table_replace (self->item_index, &entry->id, entry);
          if (l == LIST_PIECES)
            g_ptr_array_add (self->stats_items, piece->item);
        }
    }
}

static void
index_scores (VerkWorkshopModel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scores));

  g_hash_table_remove_all (self->score_index);
  g_ptr_array_set_size (self->stats_scores, 0);
  for (guint i = 0; i < n; i++)
    {
      VerkScore *score = (VerkScore *) verk_record_get_score (record_at (self->scores, i));

      g_hash_table_add (self->score_index, score);
      g_ptr_array_add (self->stats_scores, score);
    }
}

static void
index_list (GListStore *list,
            GHashTable *index,
            gboolean    by_part)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_hash_table_remove_all (index);
  for (guint i = 0; i < n; i++)
    {
      gpointer row = (gpointer) verk_record_get_boxed (record_at (list, i));

      if (by_part)
        g_hash_table_replace (index, ((VerkReflection *) row)->part, row);
      else
        g_hash_table_add (index, row);   /* keyed by the gint64 id it starts with */
    }
}

/* ------------------------------------------------------------------------ */
/* Building records                                                         */

static GHashTable *
ranks_of (GArray *priorities)
{
  GHashTable *ranks = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint r = 0; r < priorities->len; r++)
    g_hash_table_insert (ranks, &g_array_index (priorities, gint64, r), GINT_TO_POINTER (r + 1));
  return ranks;
}

static VerkRecord *
piece_record_new (const VerkItem *item,
                  int             rank,
                  GPtrArray      *item_scores)
{
  VerkPiece *piece = g_new0 (VerkPiece, 1);

  piece->item = verk_item_copy (item);
  piece->rank = rank;
  piece->stats = verk_stats_for_item (item->id, item_scores);
  return verk_record_new_take (VERK_TYPE_PIECE, piece);
}

/* From @items (any order within a framework is kept), @scores and
 * @priorities: the fresh records of the three item lists and of the scores
 * list (grouped by item, in the lists' order) and the priorities list. */
static void
build_item_records (GPtrArray  *items,
                    GPtrArray  *scores,
                    GArray     *priorities,
                    GPtrArray **item_records,
                    GPtrArray  *score_records,
                    GPtrArray  *priority_records)
{
  g_autoptr (GHashTable) ranks = ranks_of (priorities);
  g_autoptr (GHashTable) by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *score = g_ptr_array_index (scores, i);
      GPtrArray *run = g_hash_table_lookup (by_item, &score->item_id);

      if (run == NULL)
        g_hash_table_insert (by_item, &score->item_id, run = g_ptr_array_new ());
      g_ptr_array_add (run, score);
    }
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    for (guint i = 0; i < items->len; i++)
      {
        VerkItem *item = g_ptr_array_index (items, i);
        GPtrArray *run;

        if (list_of_framework (item->framework) != (int) l)
          continue;
        run = g_hash_table_lookup (by_item, &item->id);
        g_ptr_array_add (item_records[l],
                         piece_record_new (item, GPOINTER_TO_INT (g_hash_table_lookup (ranks, &item->id)), run));
        for (guint s = 0; run != NULL && s < run->len; s++)
          g_ptr_array_add (score_records,
                           verk_record_new_take (VERK_TYPE_SCORE, verk_score_copy (g_ptr_array_index (run, s))));
      }
  for (guint r = 0; r < priorities->len; r++)
    {
      VerkPriority *priority = g_new0 (VerkPriority, 1);

      priority->item_id = g_array_index (priorities, gint64, r);
      priority->rank = (int) r + 1;
      g_ptr_array_add (priority_records, verk_record_new_take (VERK_TYPE_PRIORITY, priority));
    }
}

static GPtrArray *
records_of (GPtrArray *rows,
            GType      type)
{
  GPtrArray *records = new_record_array ();

  /* Take the rows themselves: the store's array gives them up. */
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (records, verk_record_new_take (type, g_ptr_array_index (rows, i)));
  return records;
}

/* The current rows, borrowed from the model, for rebuilding the lists that
 * depend on a kind the edit did not touch. */
static GPtrArray *
current_items (VerkWorkshopModel *self)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint l = 0; l < N_ITEM_LISTS; l++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items[l]));

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, verk_record_get_piece (record_at (self->items[l], i))->item);
    }
  return items;
}

static GArray *
current_priorities (VerkWorkshopModel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->priorities));
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (ids, verk_record_get_priority (record_at (self->priorities, i))->item_id);
  return ids;
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

static void
clear_all (VerkWorkshopModel *self)
{
  g_autoptr (GPtrArray) none = new_record_array ();

  g_clear_pointer (&self->workshop, verk_workshop_free);
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    sync_list (self->items[l], none);
  sync_list (self->participants, none);
  sync_list (self->scores, none);
  sync_list (self->priorities, none);
  sync_list (self->actions, none);
  sync_list (self->reflections, none);
  index_items (self);
  index_scores (self);
  index_list (self->participants, self->participant_index, FALSE);
  index_list (self->actions, self->action_index, FALSE);
  index_list (self->reflections, self->reflection_index, TRUE);
}

/* Reads what @need names, then brings every list up to date; on an error
 * nothing changes. */
static gboolean
refresh (VerkWorkshopModel *self,
         Need               need,
         GError           **error)
{
  g_autoptr (VerkWorkshop) workshop = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GArray) priorities = NULL;
  g_autoptr (GPtrArray) participants = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GPtrArray) reflections = NULL;
  gboolean rebuild_items = (need & (NEED_ITEMS | NEED_SCORES | NEED_PRIORITIES)) != 0;

  if (need & NEED_WORKSHOP)
    {
      self->reads[VERK_MODEL_READ_WORKSHOP]++;
      if (!(workshop = verk_store_get_workshop (self->store, self->workshop_id, error)))
        return FALSE;
    }
  if ((need & NEED_ITEMS) && !(items = read_items (self, error)))
    return FALSE;
  if ((need & NEED_SCORES) && !(scores = read_scores (self, error)))
    return FALSE;
  if ((need & NEED_PRIORITIES) && !(priorities = read_priorities (self, error)))
    return FALSE;
  if (need & NEED_PARTICIPANTS)
    {
      self->reads[VERK_MODEL_READ_PARTICIPANTS]++;
      if (!(participants = verk_store_list_participants (self->store, self->workshop_id, error)))
        return FALSE;
    }
  if (need & NEED_ACTIONS)
    {
      self->reads[VERK_MODEL_READ_ACTIONS]++;
      if (!(actions = verk_store_list_actions (self->store, self->workshop_id, error)))
        return FALSE;
    }
  if (need & NEED_REFLECTIONS)
    {
      self->reads[VERK_MODEL_READ_REFLECTIONS]++;
      if (!(reflections = verk_store_list_reflections (self->store, self->workshop_id, error)))
        return FALSE;
    }

  /* Everything is read: from here on the model only changes. */
  if (workshop != NULL)
    {
      g_clear_pointer (&self->workshop, verk_workshop_free);
      self->workshop = g_steal_pointer (&workshop);
    }
  if (rebuild_items)
    {
      GPtrArray *fresh_items[N_ITEM_LISTS];
      g_autoptr (GPtrArray) fresh_scores = new_record_array ();
      g_autoptr (GPtrArray) fresh_priorities = new_record_array ();
      g_autoptr (GPtrArray) kept_items = items != NULL ? NULL : current_items (self);
      g_autoptr (GPtrArray) kept_scores = scores != NULL ? NULL : g_ptr_array_copy (self->stats_scores, NULL, NULL);
      g_autoptr (GArray) kept_priorities = priorities != NULL ? NULL : current_priorities (self);

      for (guint l = 0; l < N_ITEM_LISTS; l++)
        fresh_items[l] = new_record_array ();
      build_item_records (items != NULL ? items : kept_items,
                          scores != NULL ? scores : kept_scores,
                          priorities != NULL ? priorities : kept_priorities,
                          fresh_items, fresh_scores, fresh_priorities);
      /* The kept rows belong to the old records: done with them before those go. */
      for (guint l = 0; l < N_ITEM_LISTS; l++)
        {
          sync_list (self->items[l], fresh_items[l]);
          g_ptr_array_unref (fresh_items[l]);
        }
      sync_list (self->scores, fresh_scores);
      sync_list (self->priorities, fresh_priorities);
      index_items (self);
      index_scores (self);
    }
  if (participants != NULL)
    {
      g_autoptr (GPtrArray) fresh = records_of (participants, VERK_TYPE_PARTICIPANT);

      sync_list (self->participants, fresh);
      index_list (self->participants, self->participant_index, FALSE);
    }
  if (actions != NULL)
    {
      g_autoptr (GPtrArray) fresh = records_of (actions, VERK_TYPE_ACTION);

      sync_list (self->actions, fresh);
      index_list (self->actions, self->action_index, FALSE);
    }
  if (reflections != NULL)
    {
      g_autoptr (GPtrArray) fresh = records_of (reflections, VERK_TYPE_REFLECTION);

      sync_list (self->reflections, fresh);
      index_list (self->reflections, self->reflection_index, TRUE);
    }
  return TRUE;
}

static Need
need_for_change (VerkChange kind)
{
  switch (kind)
    {
    case VERK_CHANGE_WORKSHOP:
      return NEED_WORKSHOP;
    case VERK_CHANGE_ITEMS:
      /* Removing a piece hides its scores and its priority. */
      return NEED_ITEMS | NEED_SCORES | NEED_PRIORITIES;
    case VERK_CHANGE_PARTICIPANTS:
      /* Removing a participant hides their scores, and the statistics move. */
      return NEED_PARTICIPANTS | NEED_SCORES;
    case VERK_CHANGE_SCORES:
      return NEED_ITEMS | NEED_SCORES;
    case VERK_CHANGE_PRIORITIES:
      return NEED_PRIORITIES;
    case VERK_CHANGE_ACTIONS:
      return NEED_ACTIONS;
    case VERK_CHANGE_REFLECTIONS:
      return NEED_REFLECTIONS;
    case VERK_CHANGE_GROUPS:
      /* Rare, and it may be a restored backup: "every view must reload". */
      return NEED_ALL;
    default:
      return 0;
    }
}

static void
set_error (VerkWorkshopModel *self,
           GError            *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

/* Replaces the item's record (and, @with_scores, its run in the scores
 * list) by what the store now holds, reading that item alone. FALSE when it
 * cannot, and the model is as it was: then ::changed reads the kind again. */
static gboolean
update_item (VerkWorkshopModel *self,
             gint64             item_id,
             gboolean           with_scores)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkItem) item = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GPtrArray) fresh_scores = new_record_array ();
  g_autoptr (GPtrArray) fresh_piece = new_record_array ();
  ItemEntry *entry = g_hash_table_lookup (self->item_index, &item_id);
  GHashTableIter iter;
  ItemEntry *other;
  guint n_old;

  if (entry == NULL)
    return FALSE;
  self->reads[VERK_MODEL_READ_ITEM]++;
  item = verk_store_get_item (self->store, item_id, &error);
  if (item == NULL || list_of_framework (item->framework) != (int) entry->list)
    return FALSE;
  if (with_scores)
    {
      self->reads[VERK_MODEL_READ_ITEM_SCORES]++;
      if (!(scores = verk_store_list_item_scores (self->store, item_id, &error)))
        return FALSE;
    }
  else
    {
      /* The same scores, borrowed: copied into fresh records below. */
      scores = g_ptr_array_sized_new (entry->n_scores);
      for (guint i = 0; i < entry->n_scores; i++)
        g_ptr_array_add (scores, g_ptr_array_index (self->stats_scores, entry->score_start + i));
    }
  g_ptr_array_add (fresh_piece,
                   piece_record_new (item, verk_record_get_piece (entry->record)->rank, scores));

  /* The item's run of scores: out of the indexes, spliced, back in. */
  n_old = entry->n_scores;
  for (guint i = 0; i < scores->len; i++)
    g_ptr_array_add (fresh_scores,
                     verk_record_new_take (VERK_TYPE_SCORE, verk_score_copy (g_ptr_array_index (scores, i))));
  g_clear_pointer (&scores, g_ptr_array_unref);
  for (guint i = 0; i < n_old; i++)
    g_hash_table_remove (self->score_index, g_ptr_array_index (self->stats_scores, entry->score_start + i));
  g_ptr_array_remove_range (self->stats_scores, entry->score_start, n_old);
  splice_changed (self->scores, entry->score_start, n_old, fresh_scores);
  for (guint i = 0; i < fresh_scores->len; i++)
    {
      VerkScore *score = (VerkScore *) verk_record_get_score (record_at (self->scores, entry->score_start + i));

      g_ptr_array_insert (self->stats_scores, (int) (entry->score_start + i), score);
      g_hash_table_add (self->score_index, score);
    }
  if (fresh_scores->len != n_old)
    {
      g_hash_table_iter_init (&iter, self->item_index);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
        /* Runs after this item's, by list and position: an empty run starts
         * where the next one does, so score_start alone cannot tell. */
        if (other->list > entry->list || (other->list == entry->list && other->position > entry->position))
          other->score_start = other->score_start + fresh_scores->len - n_old;
      entry->n_scores = fresh_scores->len;
    }

  splice_changed (self->items[entry->list], entry->position, 1, fresh_piece);
  entry->record = record_at (self->items[entry->list], entry->position);
  if (entry->list == LIST_PIECES)
    g_ptr_array_index (self->stats_items, entry->position) = verk_record_get_piece (entry->record)->item;
  return TRUE;
}

static void
store_row_changed (VerkStore         *store,
                   int                kind,
                   gint64             workshop_id,
                   gint64             row_id,
                   VerkWorkshopModel *self)
{
  gboolean done = FALSE;

  if (self->workshop_id == 0 || workshop_id != self->workshop_id)
    return;
  if (self->error == NULL && !self->row_missed)
    {
      if (kind == VERK_CHANGE_SCORES)
        done = update_item (self, row_id, TRUE);
      else if (kind == VERK_CHANGE_ITEMS)
        done = update_item (self, row_id, FALSE);
    }
  self->rows_seen = TRUE;
  self->row_missed |= !done;
}

static void
store_changed (VerkStore         *store,
               int                kind,
               gint64             workshop_id,
               VerkWorkshopModel *self)
{
  GError *error = NULL;
  Need need = need_for_change ((VerkChange) kind);

  if (self->workshop_id == 0 || need == 0
      || (kind != VERK_CHANGE_GROUPS && workshop_id != self->workshop_id))
    return;
  /* The store named the rows, and they are read already. */
  if (self->rows_seen && !self->row_missed)
    {
      self->rows_seen = FALSE;
      g_signal_emit (self, signals[CHANGED], 0, kind);
      return;
    }
  self->rows_seen = self->row_missed = FALSE;
  /* After a failed read everything is read again, so nothing stays stale. */
  if (self->error != NULL)
    need = NEED_ALL;
  if (!refresh (self, need, &error))
    g_debug ("Could not read workshop %" G_GINT64_FORMAT ": %s", self->workshop_id, error->message);
  set_error (self, error);
  g_signal_emit (self, signals[CHANGED], 0, kind);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
verk_workshop_model_dispose (GObject *object)
{
  VerkWorkshopModel *self = VERK_WORKSHOP_MODEL (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_signal_handler (&self->row_changed_handler, self->store);

  G_OBJECT_CLASS (verk_workshop_model_parent_class)->dispose (object);
}

static void
verk_workshop_model_finalize (GObject *object)
{
  VerkWorkshopModel *self = VERK_WORKSHOP_MODEL (object);

  /* The indexes point into the lists' records: they go first. */
  g_clear_pointer (&self->item_index, g_hash_table_unref);
  g_clear_pointer (&self->participant_index, g_hash_table_unref);
  g_clear_pointer (&self->score_index, g_hash_table_unref);
  g_clear_pointer (&self->action_index, g_hash_table_unref);
  g_clear_pointer (&self->reflection_index, g_hash_table_unref);
  g_clear_pointer (&self->stats_items, g_ptr_array_unref);
  g_clear_pointer (&self->stats_scores, g_ptr_array_unref);
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    g_clear_object (&self->items[l]);
  g_clear_object (&self->participants);
  g_clear_object (&self->scores);
  g_clear_object (&self->priorities);
  g_clear_object (&self->actions);
  g_clear_object (&self->reflections);
  g_clear_pointer (&self->workshop, verk_workshop_free);
  g_clear_error (&self->error);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (verk_workshop_model_parent_class)->finalize (object);
}

static void
verk_workshop_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VerkWorkshopModel *self = VERK_WORKSHOP_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_WORKSHOP_ID:
      g_value_set_int64 (value, self->workshop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_workshop_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VerkWorkshopModel *self = VERK_WORKSHOP_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_WORKSHOP_ID:
      verk_workshop_model_set_workshop_id (self, g_value_get_int64 (value), NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_workshop_model_constructed (GObject *object)
{
  VerkWorkshopModel *self = VERK_WORKSHOP_MODEL (object);

  G_OBJECT_CLASS (verk_workshop_model_parent_class)->constructed (object);

  g_assert (VERK_IS_STORE (self->store));
  self->changed_handler = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed), self);
  self->row_changed_handler = g_signal_connect (self->store, "row-changed", G_CALLBACK (store_row_changed),
                                                self);
}

static void
verk_workshop_model_class_init (VerkWorkshopModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = verk_workshop_model_constructed;
  object_class->dispose = verk_workshop_model_dispose;
  object_class->finalize = verk_workshop_model_finalize;
  object_class->get_property = verk_workshop_model_get_property;
  object_class->set_property = verk_workshop_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VERK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSHOP_ID] =
    g_param_spec_int64 ("workshop-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VerkWorkshopModel::changed:
   * @kind: the #VerkChange the model has taken in (VERK_CHANGE_WORKSHOP
   *   after a whole load)
   *
   * Emitted once per edit of the model's workshop, after every list has
   * emitted its items-changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
verk_workshop_model_init (VerkWorkshopModel *self)
{
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    self->items[l] = g_list_store_new (VERK_TYPE_RECORD);
  self->participants = g_list_store_new (VERK_TYPE_RECORD);
  self->scores = g_list_store_new (VERK_TYPE_RECORD);
  self->priorities = g_list_store_new (VERK_TYPE_RECORD);
  self->actions = g_list_store_new (VERK_TYPE_RECORD);
  self->reflections = g_list_store_new (VERK_TYPE_RECORD);
  self->item_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->participant_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->score_index = g_hash_table_new (score_hash, score_equal);
  self->action_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->reflection_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->stats_items = g_ptr_array_new ();
  self->stats_scores = g_ptr_array_new ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

/**
 * verk_workshop_model_new:
 * @store: the store to read and follow
 *
 * Returns: (transfer full): a model with no workshop loaded.
 */
VerkWorkshopModel *
verk_workshop_model_new (VerkStore *store)
{
  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  return g_object_new (VERK_TYPE_WORKSHOP_MODEL, "store", store, NULL);
}

/** verk_workshop_model_get_store: Returns: (transfer none): the store. */
VerkStore *
verk_workshop_model_get_store (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return self->store;
}

/** verk_workshop_model_get_workshop_id: Returns: the loaded workshop, or 0. */
gint64
verk_workshop_model_get_workshop_id (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), 0);
  return self->workshop_id;
}

/**
 * verk_workshop_model_reload:
 *
 * Reads the whole workshop again; the lists change only where rows differ.
 *
 * Returns: TRUE on success; FALSE with @error set and the model emptied.
 */
gboolean
verk_workshop_model_reload (VerkWorkshopModel *self,
                            GError           **error)
{
  GError *local = NULL;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), FALSE);

  if (self->workshop_id == 0)
    clear_all (self);
  else if (!refresh (self, NEED_ALL, &local))
    {
      /* A model that cannot say what the workshop holds shows nothing of it. */
      clear_all (self);
      if (error != NULL)
        *error = g_error_copy (local);
    }
  set_error (self, local);
  g_signal_emit (self, signals[CHANGED], 0, (int) VERK_CHANGE_WORKSHOP);
  return local == NULL;
}

/**
 * verk_workshop_model_set_workshop_id:
 * @workshop_id: the workshop to load, or 0 for none
 *
 * Returns: TRUE when it is loaded; FALSE with @error set and the model empty.
 */
gboolean
verk_workshop_model_set_workshop_id (VerkWorkshopModel *self,
                                     gint64             workshop_id,
                                     GError           **error)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), FALSE);
  g_return_val_if_fail (workshop_id >= 0, FALSE);

  if (self->workshop_id == workshop_id && self->error == NULL && (workshop_id == 0 || self->workshop != NULL))
    return TRUE;
  self->workshop_id = workshop_id;
  /* Another workshop shares no rows with this one: start from empty lists. */
  clear_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSHOP_ID]);
  return verk_workshop_model_reload (self, error);
}

/** verk_workshop_model_get_error: Returns: (nullable): the last read's error. */
const GError *
verk_workshop_model_get_error (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return self->error;
}

/** verk_workshop_model_get_workshop: Returns: (nullable): the workshop's own fields. */
const VerkWorkshop *
verk_workshop_model_get_workshop (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return self->workshop;
}

/** verk_workshop_model_get_piece_list: Returns: (transfer none): the puzzle's pieces. */
GListModel *
verk_workshop_model_get_piece_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->items[LIST_PIECES]);
}

/** verk_workshop_model_get_expectation_list: Returns: (transfer none): the platform's items. */
GListModel *
verk_workshop_model_get_expectation_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->items[LIST_EXPECTATIONS]);
}

/** verk_workshop_model_get_scale_list: Returns: (transfer none): the scale's five levels (VerkPiece). */
GListModel *
verk_workshop_model_get_scale_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->items[LIST_SCALE]);
}

/** verk_workshop_model_get_participant_list: Returns: (transfer none): the participants. */
GListModel *
verk_workshop_model_get_participant_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->participants);
}

/** verk_workshop_model_get_score_list: Returns: (transfer none): every participant's score. */
GListModel *
verk_workshop_model_get_score_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->scores);
}

/** verk_workshop_model_get_priority_list: Returns: (transfer none): the priorities. */
GListModel *
verk_workshop_model_get_priority_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->priorities);
}

/** verk_workshop_model_get_action_list: Returns: (transfer none): the actions. */
GListModel *
verk_workshop_model_get_action_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->actions);
}

/** verk_workshop_model_get_reflection_list: Returns: (transfer none): the reflections. */
GListModel *
verk_workshop_model_get_reflection_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->reflections);
}

/** verk_workshop_model_get_n_pieces: Returns: how many puzzle pieces. */
guint
verk_workshop_model_get_n_pieces (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items[LIST_PIECES]));
}

/** verk_workshop_model_get_piece: Returns: (transfer none): the piece at @position. */
const VerkPiece *
verk_workshop_model_get_piece (VerkWorkshopModel *self,
                               guint              position)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (position < verk_workshop_model_get_n_pieces (self), NULL);
  return verk_record_get_piece (record_at (self->items[LIST_PIECES], position));
}

/** verk_workshop_model_find_piece: Returns: (nullable): the item's piece, any framework. */
const VerkPiece *
verk_workshop_model_find_piece (VerkWorkshopModel *self,
                                gint64             item_id)
{
  ItemEntry *entry;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  entry = g_hash_table_lookup (self->item_index, &item_id);
  return entry != NULL ? verk_record_get_piece (entry->record) : NULL;
}

/** verk_workshop_model_find_item: Returns: (nullable): the item, with its agreed score. */
const VerkItem *
verk_workshop_model_find_item (VerkWorkshopModel *self,
                               gint64             item_id)
{
  const VerkPiece *piece = verk_workshop_model_find_piece (self, item_id);

  return piece != NULL ? piece->item : NULL;
}

/** verk_workshop_model_find_piece_position: Returns: whether @item_id is a puzzle piece. */
gboolean
verk_workshop_model_find_piece_position (VerkWorkshopModel *self,
                                         gint64             item_id,
                                         guint             *position)
{
  ItemEntry *entry;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), FALSE);
  entry = g_hash_table_lookup (self->item_index, &item_id);
  if (entry == NULL || entry->list != LIST_PIECES)
    return FALSE;
  if (position != NULL)
    *position = entry->position;
  return TRUE;
}

/** verk_workshop_model_find_participant: Returns: (nullable): the participant. */
const VerkParticipant *
verk_workshop_model_find_participant (VerkWorkshopModel *self,
                                      gint64             participant_id)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return g_hash_table_lookup (self->participant_index, &participant_id);
}

static const VerkScore *
find_score (VerkWorkshopModel *self,
            gint64             item_id,
            gint64             participant_id)
{
  VerkScore key = { .item_id = item_id, .participant_id = participant_id };

  return g_hash_table_lookup (self->score_index, &key);
}

/** verk_workshop_model_get_score: Returns: the participant's score 1..5, or 0. */
int
verk_workshop_model_get_score (VerkWorkshopModel *self,
                               gint64             item_id,
                               gint64             participant_id)
{
  const VerkScore *score;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), 0);
  score = find_score (self, item_id, participant_id);
  return score != NULL ? score->value : 0;
}

/** verk_workshop_model_get_comment: Returns: (nullable): the comment on that score. */
const char *
verk_workshop_model_get_comment (VerkWorkshopModel *self,
                                 gint64             item_id,
                                 gint64             participant_id)
{
  const VerkScore *score;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  score = find_score (self, item_id, participant_id);
  return score != NULL ? score->comment : NULL;
}

/** verk_workshop_model_get_rank: Returns: the item's priority rank, or 0. */
int
verk_workshop_model_get_rank (VerkWorkshopModel *self,
                              gint64             item_id)
{
  const VerkPiece *piece = verk_workshop_model_find_piece (self, item_id);

  return piece != NULL ? piece->rank : 0;
}

/** verk_workshop_model_find_action: Returns: (nullable): the action. */
const VerkAction *
verk_workshop_model_find_action (VerkWorkshopModel *self,
                                 gint64             action_id)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return g_hash_table_lookup (self->action_index, &action_id);
}

/** verk_workshop_model_find_reflection: Returns: (nullable): the reflection on @part. */
const VerkReflection *
verk_workshop_model_find_reflection (VerkWorkshopModel *self,
                                     const char        *part)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);
  return g_hash_table_lookup (self->reflection_index, part);
}

/** verk_workshop_model_get_item_stats: Returns: (nullable): the item's statistics. */
const VerkItemStats *
verk_workshop_model_get_item_stats (VerkWorkshopModel *self,
                                    gint64             item_id)
{
  const VerkPiece *piece = verk_workshop_model_find_piece (self, item_id);

  return piece != NULL ? &piece->stats : NULL;
}

/**
 * verk_workshop_model_get_priority_order:
 *
 * Returns: (transfer full) (element-type gint64): the suggested order of the
 *   pieces (verk_stats_priority_order()).
 */
GArray *
verk_workshop_model_get_priority_order (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return verk_stats_priority_order (self->stats_items, self->stats_scores);
}

/**
 * verk_workshop_model_get_disagreements:
 *
 * Returns: (transfer full) (element-type gint64): the pieces whose spread is at
 *   least @threshold (verk_stats_disagreements()).
 */
GArray *
verk_workshop_model_get_disagreements (VerkWorkshopModel *self,
                                       int                threshold)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return verk_stats_disagreements (self->stats_items, self->stats_scores, threshold);
}

/**
 * verk_workshop_model_get_pieces:
 * @n_pieces: (out): how many
 *
 * The one mapping from a workshop to what the puzzle draws: each piece's name,
 * agreed score and priority rank, in position order.
 *
 * Returns: (transfer full) (array length=n_pieces) (nullable): the pieces.
 */
VerkPuzzlePiece *
verk_workshop_model_get_pieces (VerkWorkshopModel *self,
                                guint             *n_pieces)
{
  VerkPuzzlePiece *pieces;
  guint n;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (n_pieces != NULL, NULL);

  n = *n_pieces = verk_workshop_model_get_n_pieces (self);
  if (n == 0)
    return NULL;
  pieces = g_new0 (VerkPuzzlePiece, n);
  for (guint i = 0; i < n; i++)
    {
      const VerkPiece *piece = verk_workshop_model_get_piece (self, i);

      pieces[i].name = piece->item->name;
      pieces[i].score = piece->item->agreed;
      pieces[i].rank = piece->rank;
    }
  return pieces;
}

/* ------------------------------------------------------------------------ */
/* Test hooks (verk-workshop-model-private.h)                               */

guint
verk_workshop_model_get_read_count (VerkWorkshopModel *self,
                                    VerkModelRead      read)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), 0);
  g_return_val_if_fail (read < VERK_MODEL_N_READS, 0);
  return self->reads[read];
}

void
verk_workshop_model_reset_read_counts (VerkWorkshopModel *self)
{
  g_return_if_fail (VERK_IS_WORKSHOP_MODEL (self));
  memset (self->reads, 0, sizeof self->reads);
}
