/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-workshop-model"

#include "config.h"

#include "verk-store-model-read.h"
#include "verk-workshop-model-private.h"

/* One read model per workshop. The store's rows become immutable VerkRecords
 * in GListStores; an edit reads again only the kinds of rows it can have
 * touched, builds fresh records, and each list replaces only the run of
 * records that differ, so items-changed names exactly the rows that changed.
 * The hash tables below index the records the lists hold (their keys point
 * into those records) and are rebuilt whenever the lists change. */

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
  NEED_REMOVED      = 1 << 7,   /* only while someone follows the removed rows */
  NEED_PREVIOUS     = 1 << 8,   /* only while the previous workshop's model exists */
  NEED_ALL          = 0x1ff,
} Need;

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

/* Both rounds' scores: the first round's, returned, and @round2 with the
 * pieces whose second round was @started. */
static GPtrArray *
read_scores (VerkWorkshopModel *self, GPtrArray **round2, GArray **started, GError **error)
{
  g_autoptr (GPtrArray) scores = NULL;

  self->reads[VERK_MODEL_READ_SCORES]++;
  if (!(scores = verk_store_list_scores (self->store, self->workshop_id, error))
      || !(*round2 = verk_store_list_second_rounds (self->store, self->workshop_id, 0, started, error)))
    return NULL;
  return g_steal_pointer (&scores);
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
  guint score_at = 0, round2_at = 0;
  guint n_round2 = g_list_model_get_n_items (G_LIST_MODEL (self->second_round));

  g_hash_table_remove_all (self->item_index);
  g_ptr_array_set_size (self->stats_items, 0);
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items[l]));

      for (guint i = 0; i < n; i++)
        {
          VerkRecord *record = model_record_at (self->items[l], i);
          const VerkPiece *piece = verk_record_get_piece (record);
          ItemEntry *entry = g_new0 (ItemEntry, 1);

          entry->id = piece->item->id;
          entry->record = record;
          entry->list = l;
          entry->position = i;
          entry->score_start = score_at;
          entry->n_scores = piece->stats.count;
          score_at += piece->stats.count;
          /* The second round's list is grouped by item in the same order. */
          entry->round2_start = round2_at;
          while (round2_at < n_round2
                 && verk_record_get_score (model_record_at (self->second_round, round2_at))->item_id == entry->id)
            round2_at++;
          entry->n_round2 = round2_at - entry->round2_start;
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
  guint n_round2 = g_list_model_get_n_items (G_LIST_MODEL (self->second_round));

  g_hash_table_remove_all (self->score_index);
  g_ptr_array_set_size (self->stats_scores, 0);
  for (guint i = 0; i < n; i++)
    {
      VerkScore *score = (VerkScore *) verk_record_get_score (model_record_at (self->scores, i));

      g_hash_table_add (self->score_index, score);
      g_ptr_array_add (self->stats_scores, score);
    }
  g_hash_table_remove_all (self->second_round_index);
  for (guint i = 0; i < n_round2; i++)
    g_hash_table_add (self->second_round_index,
                      (gpointer) verk_record_get_score (model_record_at (self->second_round, i)));
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
      gpointer row = (gpointer) verk_record_get_boxed (model_record_at (list, i));

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

/* A piece's record, with a copy of @item, or @item itself when @take. */
static VerkRecord *
piece_record_new (const VerkItem *item,
                  gboolean        take,
                  int             rank,
                  gboolean        second_round,
                  GPtrArray      *item_scores)
{
  VerkPiece *piece = g_new0 (VerkPiece, 1);

  piece->item = take ? (VerkItem *) item : verk_item_copy (item);
  piece->rank = rank;
  piece->second_round = second_round;
  piece->stats = verk_stats_for_item (item->id, item_scores);
  return verk_record_new_take (VERK_TYPE_PIECE, piece);
}

/* @scores (VerkScore) grouped by item: item id → GPtrArray of them. */
static GHashTable *
runs_of (GPtrArray *scores)
{
  GHashTable *by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                               (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *score = g_ptr_array_index (scores, i);
      GPtrArray *run = g_hash_table_lookup (by_item, &score->item_id);

      if (run == NULL)
        g_hash_table_insert (by_item, &score->item_id, run = g_ptr_array_new ());
      g_ptr_array_add (run, score);
    }
  return by_item;
}

static void
add_score_records (GPtrArray *records,
                   GPtrArray *run,
                   gboolean   take)
{
  for (guint s = 0; run != NULL && s < run->len; s++)
    {
      VerkScore *score = g_ptr_array_index (run, s);

      g_ptr_array_add (records, verk_record_new_take (VERK_TYPE_SCORE, take ? score : verk_score_copy (score)));
    }
}

/* After build_item_records() took the rows of its runs: the scores no
 * record took (of an item in no list) are freed, and @scores gives up the
 * rest. */
static void
free_untaken_scores (GHashTable *runs,
                     GPtrArray  *scores)
{
  GHashTableIter iter;
  GPtrArray *run;

  g_hash_table_iter_init (&iter, runs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &run))
    g_ptr_array_foreach (run, (GFunc) (void (*) (void)) verk_score_free, NULL);
  g_hash_table_remove_all (runs);
  g_ptr_array_set_free_func (scores, NULL);
}

/* The scores a workshop holds: both rounds, and the pieces whose second
 * round was started (gint64 item ids). */
typedef struct {
  GPtrArray *scores;
  GPtrArray *round2;
  GArray    *started;
} Scores;

/* From @items (any order within a framework is kept), @scores and
 * @priorities: the fresh records of the three item lists, of the two
 * rounds' score lists (grouped by item, in the lists' order) and of the
 * priorities list. With @take_items or @take_scores the records take the
 * rows of the store's fresh arrays instead of copies, and those arrays give
 * them up; otherwise the rows are borrowed and copied. */
static void
build_item_records (GPtrArray    *items,
                    gboolean      take_items,
                    const Scores *scores,
                    gboolean      take_scores,
                    GArray       *priorities,
                    GPtrArray   **item_records,
                    GPtrArray    *score_records,
                    GPtrArray    *round2_records,
                    GPtrArray    *priority_records)
{
  g_autoptr (GHashTable) ranks = ranks_of (priorities);
  g_autoptr (GHashTable) by_item = runs_of (scores->scores);
  g_autoptr (GHashTable) round2_by_item = runs_of (scores->round2);
  g_autoptr (GHashTable) started = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < scores->started->len; i++)
    g_hash_table_add (started, &g_array_index (scores->started, gint64, i));
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    for (guint i = 0; i < items->len; i++)
      {
        VerkItem *item = g_ptr_array_index (items, i);
        GPtrArray *run;

        if (list_of_framework (item->framework) != (int) l)
          continue;
        run = g_hash_table_lookup (by_item, &item->id);
        g_ptr_array_add (item_records[l],
                         piece_record_new (item, take_items, GPOINTER_TO_INT (g_hash_table_lookup (ranks, &item->id)),
                                           g_hash_table_contains (started, &item->id), run));
        add_score_records (score_records, run, take_scores);
        add_score_records (round2_records, g_hash_table_lookup (round2_by_item, &item->id), take_scores);
        if (take_scores)
          {
            g_hash_table_remove (by_item, &item->id);
            g_hash_table_remove (round2_by_item, &item->id);
          }
      }
  if (take_scores)
    {
      free_untaken_scores (by_item, scores->scores);
      free_untaken_scores (round2_by_item, scores->round2);
    }
  if (take_items)
    {
      for (guint i = 0; i < items->len; i++)
        if (list_of_framework (((VerkItem *) g_ptr_array_index (items, i))->framework) < 0)
          verk_item_free (g_ptr_array_index (items, i));
      g_ptr_array_set_free_func (items, NULL);
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

/* The current scores of both rounds, borrowed from the model, as Scores. */
static void
current_scores (VerkWorkshopModel *self,
                Scores            *out)
{
  guint n_round2 = g_list_model_get_n_items (G_LIST_MODEL (self->second_round));
  GHashTableIter iter;
  ItemEntry *entry;

  out->scores = g_ptr_array_copy (self->stats_scores, NULL, NULL);
  out->round2 = g_ptr_array_sized_new (n_round2);
  for (guint i = 0; i < n_round2; i++)
    g_ptr_array_add (out->round2, (gpointer) verk_record_get_score (model_record_at (self->second_round, i)));
  out->started = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, self->item_index);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (verk_record_get_piece (entry->record)->second_round)
      g_array_append_val (out->started, entry->id);
}

static void
clear_scores (Scores *scores)
{
  g_clear_pointer (&scores->scores, g_ptr_array_unref);
  g_clear_pointer (&scores->round2, g_ptr_array_unref);
  g_clear_pointer (&scores->started, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scores, clear_scores)

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
        g_ptr_array_add (items, verk_record_get_piece (model_record_at (self->items[l], i))->item);
    }
  return items;
}

/* The removed pieces (of the puzzle only) and participants, from the store's
 * arrays, which give up their rows. */
static void
sync_removed (VerkWorkshopModel *self,
              GPtrArray         *items,
              GPtrArray         *participants)
{
  g_autoptr (GPtrArray) fresh_items = new_record_array ();
  g_autoptr (GPtrArray) fresh_participants = records_of (participants, VERK_TYPE_PARTICIPANT);

  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);

      if (list_of_framework (item->framework) == LIST_PIECES)
        g_ptr_array_add (fresh_items, verk_record_new_take (VERK_TYPE_ITEM, verk_item_copy (item)));
    }
  sync_list (self->removed_pieces, fresh_items);
  sync_list (self->removed_participants, fresh_participants);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

static void
clear_all (VerkWorkshopModel *self)
{
  g_autoptr (GPtrArray) none = new_record_array ();

  sync_list (self->removed_pieces, none);
  sync_list (self->removed_participants, none);
  if (self->previous != NULL)
    verk_workshop_model_set_workshop_id (self->previous, 0, NULL);

  g_clear_pointer (&self->workshop, verk_workshop_free);
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    sync_list (self->items[l], none);
  sync_list (self->participants, none);
  sync_list (self->scores, none);
  sync_list (self->second_round, none);
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
  g_auto (Scores) scores = { NULL, NULL, NULL };
  g_autoptr (GArray) priorities = NULL;
  g_autoptr (GPtrArray) participants = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GPtrArray) reflections = NULL;
  g_autoptr (GPtrArray) removed_items = NULL;
  g_autoptr (GPtrArray) removed_participants = NULL;
  gint64 previous_id = -1;
  gboolean rebuild_items = (need & (NEED_ITEMS | NEED_SCORES | NEED_PRIORITIES)) != 0;

  if (need & NEED_WORKSHOP)
    {
      self->reads[VERK_MODEL_READ_WORKSHOP]++;
      if (!(workshop = verk_store_get_workshop (self->store, self->workshop_id, error)))
        return FALSE;
    }
  if ((need & NEED_ITEMS) && !(items = read_items (self, error)))
    return FALSE;
  if ((need & NEED_SCORES) && !(scores.scores = read_scores (self, &scores.round2, &scores.started, error)))
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
  if ((need & NEED_REMOVED) && self->track_removed)
    {
      self->reads[VERK_MODEL_READ_REMOVED]++;
      if (!(removed_items = verk_store_list_removed_items (self->store, self->workshop_id, error))
          || !(removed_participants = verk_store_list_removed_participants (self->store, self->workshop_id,
                                                                              error)))
        return FALSE;
    }
  if ((need & NEED_PREVIOUS) && self->previous != NULL)
    {
      GError *local = NULL;

      self->reads[VERK_MODEL_READ_PREVIOUS_ID]++;
      previous_id = verk_store_get_previous_workshop_id (self->store, self->workshop_id, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
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
      g_autoptr (GPtrArray) fresh_round2 = new_record_array ();
      g_autoptr (GPtrArray) fresh_priorities = new_record_array ();
      g_autoptr (GPtrArray) kept_items = items != NULL ? NULL : current_items (self);
      g_auto (Scores) kept_scores = { NULL, NULL, NULL };
      g_autoptr (GArray) kept_priorities = priorities != NULL ? NULL : verk_workshop_model_get_priority_ids (self);

      if (scores.scores == NULL)
        current_scores (self, &kept_scores);
      for (guint l = 0; l < N_ITEM_LISTS; l++)
        fresh_items[l] = new_record_array ();
      build_item_records (items != NULL ? items : kept_items, items != NULL,
                          scores.scores != NULL ? &scores : &kept_scores, scores.scores != NULL,
                          priorities != NULL ? priorities : kept_priorities,
                          fresh_items, fresh_scores, fresh_round2, fresh_priorities);
      /* The kept rows belong to the old records: done with them before those go. */
      for (guint l = 0; l < N_ITEM_LISTS; l++)
        {
          sync_list (self->items[l], fresh_items[l]);
          g_ptr_array_unref (fresh_items[l]);
        }
      sync_list (self->scores, fresh_scores);
      sync_list (self->second_round, fresh_round2);
      sync_list (self->priorities, fresh_priorities);
      clear_scores (&kept_scores);
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
  if (removed_items != NULL)
    sync_removed (self, removed_items, removed_participants);
  if (previous_id >= 0)
    verk_workshop_model_set_workshop_id (self->previous, previous_id, NULL);
  return TRUE;
}

static Need
need_for_change (VerkChange kind)
{
  switch (kind)
    {
    case VERK_CHANGE_WORKSHOP:
      /* Its date or predecessor may have changed: the one compared with too. */
      return NEED_WORKSHOP | NEED_PREVIOUS;
    case VERK_CHANGE_ITEMS:
      /* Removing a piece hides its scores and its priority. */
      return NEED_ITEMS | NEED_SCORES | NEED_PRIORITIES | NEED_REMOVED;
    case VERK_CHANGE_PARTICIPANTS:
      /* Removing a participant hides their scores, and the statistics move. */
      return NEED_PARTICIPANTS | NEED_SCORES | NEED_REMOVED;
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
  g_autoptr (GPtrArray) round2 = NULL;
  g_autoptr (GArray) started = NULL;
  g_autoptr (GPtrArray) fresh_scores = new_record_array ();
  g_autoptr (GPtrArray) fresh_round2 = NULL;
  g_autoptr (GPtrArray) fresh_piece = new_record_array ();
  ItemEntry *entry = g_hash_table_lookup (self->item_index, &item_id);
  GHashTableIter iter;
  ItemEntry *other;
  gboolean second_round;
  guint n_old, n_old_round2;

  if (entry == NULL)
    return FALSE;
  self->reads[VERK_MODEL_READ_ITEM]++;
  item = verk_store_get_item (self->store, item_id, &error);
  if (item == NULL || list_of_framework (item->framework) != (int) entry->list)
    return FALSE;
  if (with_scores)
    {
      self->reads[VERK_MODEL_READ_ITEM_SCORES]++;
      if (!(scores = verk_store_list_item_scores (self->store, item_id, &error))
          || !(round2 = verk_store_list_second_rounds (self->store, 0, item_id, &started, &error)))
        return FALSE;
      second_round = started->len > 0;
      fresh_round2 = records_of (round2, VERK_TYPE_SCORE);
    }
  else
    {
      /* The same scores, borrowed: copied into fresh records below. */
      scores = g_ptr_array_sized_new (entry->n_scores);
      for (guint i = 0; i < entry->n_scores; i++)
        g_ptr_array_add (scores, g_ptr_array_index (self->stats_scores, entry->score_start + i));
      second_round = verk_record_get_piece (entry->record)->second_round;
    }
  g_ptr_array_add (fresh_piece,
                   piece_record_new (item, FALSE, verk_record_get_piece (entry->record)->rank, second_round, scores));

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
      VerkScore *score = (VerkScore *) verk_record_get_score (model_record_at (self->scores, entry->score_start + i));

      g_ptr_array_insert (self->stats_scores, (int) (entry->score_start + i), score);
      g_hash_table_add (self->score_index, score);
    }
  /* Its run in the second round's list, likewise. */
  n_old_round2 = entry->n_round2;
  if (fresh_round2 != NULL)
    {
      for (guint i = 0; i < n_old_round2; i++)
        g_hash_table_remove (self->second_round_index,
                             verk_record_get_score (model_record_at (self->second_round, entry->round2_start + i)));
      splice_changed (self->second_round, entry->round2_start, n_old_round2, fresh_round2);
      for (guint i = 0; i < fresh_round2->len; i++)
        g_hash_table_add (self->second_round_index,
                          (gpointer) verk_record_get_score (model_record_at (self->second_round,
                                                                              entry->round2_start + i)));
    }
  if (fresh_scores->len != n_old || (fresh_round2 != NULL && fresh_round2->len != n_old_round2))
    {
      guint n_round2 = fresh_round2 != NULL ? fresh_round2->len : n_old_round2;

      g_hash_table_iter_init (&iter, self->item_index);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
        /* Runs after this item's, by list and position: an empty run starts
         * where the next one does, so score_start alone cannot tell. */
        if (other->list > entry->list || (other->list == entry->list && other->position > entry->position))
          {
            other->score_start = other->score_start + fresh_scores->len - n_old;
            other->round2_start = other->round2_start + n_round2 - n_old_round2;
          }
      entry->n_scores = fresh_scores->len;
      entry->n_round2 = n_round2;
    }

  splice_changed (self->items[entry->list], entry->position, 1, fresh_piece);
  entry->record = model_record_at (self->items[entry->list], entry->position);
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

  /* Another workshop's date can make it the one this one is compared with. */
  if (self->previous != NULL && self->workshop_id != 0 && self->error == NULL
      && kind == VERK_CHANGE_WORKSHOP && workshop_id != self->workshop_id)
    {
      if (!refresh (self, NEED_PREVIOUS, &error))
        set_error (self, error);
      return;
    }
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
  g_clear_pointer (&self->second_round_index, g_hash_table_unref);
  g_clear_pointer (&self->action_index, g_hash_table_unref);
  g_clear_pointer (&self->reflection_index, g_hash_table_unref);
  g_clear_pointer (&self->stats_items, g_ptr_array_unref);
  g_clear_pointer (&self->stats_scores, g_ptr_array_unref);
  for (guint l = 0; l < N_ITEM_LISTS; l++)
    g_clear_object (&self->items[l]);
  g_clear_object (&self->participants);
  g_clear_object (&self->scores);
  g_clear_object (&self->second_round);
  g_clear_object (&self->priorities);
  g_clear_object (&self->actions);
  g_clear_object (&self->reflections);
  g_clear_object (&self->removed_pieces);
  g_clear_object (&self->removed_participants);
  g_clear_object (&self->previous);
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
  self->second_round = g_list_store_new (VERK_TYPE_RECORD);
  self->priorities = g_list_store_new (VERK_TYPE_RECORD);
  self->actions = g_list_store_new (VERK_TYPE_RECORD);
  self->reflections = g_list_store_new (VERK_TYPE_RECORD);
  self->removed_pieces = g_list_store_new (VERK_TYPE_RECORD);
  self->removed_participants = g_list_store_new (VERK_TYPE_RECORD);
  self->item_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->participant_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->score_index = g_hash_table_new (score_hash, score_equal);
  self->second_round_index = g_hash_table_new (score_hash, score_equal);
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

/**
 * verk_workshop_model_new_snapshot:
 * @store: the store to read
 * @workshop_id: the workshop to load
 * @error: the place for the store's error
 *
 * The workshop as the store holds it now, read once: a snapshot follows no
 * store and never changes, so once made it may be read from any thread
 * (one at a time or read-only), and it holds no reference to @store. It
 * cannot load another workshop, reload, or give the previous workshop's
 * model or the history (those read the store); its removed lists stay empty.
 *
 * Returns: (transfer full): the loaded snapshot, or NULL with @error set.
 */
VerkWorkshopModel *
verk_workshop_model_new_snapshot (VerkStore  *store,
                                  gint64      workshop_id,
                                  GError    **error)
{
  g_autoptr (VerkWorkshopModel) self = NULL;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (workshop_id > 0, NULL);

  self = verk_workshop_model_new (store);
  /* Nothing is followed: the store's signals are let go before the load. */
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_signal_handler (&self->row_changed_handler, self->store);
  if (!verk_workshop_model_set_workshop_id (self, workshop_id, error))
    return NULL;
  self->snapshot = TRUE;
  g_clear_object (&self->store);
  return g_steal_pointer (&self);
}

/** verk_workshop_model_get_store: Returns: (transfer none) (nullable): the store, NULL for a snapshot. */
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
  g_return_val_if_fail (!self->snapshot, FALSE);

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
  g_return_val_if_fail (!self->snapshot, FALSE);

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

/* Starts following the removed rows: read now, then after every edit that
 * can remove or restore one. */
static void
track_removed (VerkWorkshopModel *self)
{
  g_autoptr (GError) error = NULL;

  if (self->track_removed || self->snapshot)
    return;
  self->track_removed = TRUE;
  if (self->workshop_id != 0 && self->error == NULL && !refresh (self, NEED_REMOVED, &error))
    g_debug ("Could not read the removed rows of workshop %" G_GINT64_FORMAT ": %s", self->workshop_id,
             error->message);
}

/**
 * verk_workshop_model_get_removed_piece_list:
 *
 * The puzzle's removed pieces that can still be restored, most recently
 * removed first. The model reads them from the first call on.
 *
 * Returns: (transfer none): a list of VerkRecord holding a VerkItem.
 */
GListModel *
verk_workshop_model_get_removed_piece_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  track_removed (self);
  return G_LIST_MODEL (self->removed_pieces);
}

/**
 * verk_workshop_model_get_removed_participant_list:
 *
 * The removed participants that can still be restored, most recently removed
 * first. The model reads them from the first call on.
 *
 * Returns: (transfer none): a list of VerkRecord holding a VerkParticipant.
 */
GListModel *
verk_workshop_model_get_removed_participant_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  track_removed (self);
  return G_LIST_MODEL (self->removed_participants);
}

/**
 * verk_workshop_model_get_previous:
 *
 * The model of the workshop this one is compared with
 * (verk_store_get_previous_workshop_id()): created when first asked for, then
 * moved along whenever that changes; its workshop id is 0 when there is none.
 * Listen to its own ::changed for its edits.
 *
 * Returns: (transfer none): the previous workshop's model.
 */
VerkWorkshopModel *
verk_workshop_model_get_previous (VerkWorkshopModel *self)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (!self->snapshot, NULL);

  if (self->previous == NULL)
    {
      self->previous = verk_workshop_model_new (self->store);
      if (self->workshop_id != 0 && self->error == NULL && !refresh (self, NEED_PREVIOUS, &error))
        g_debug ("Could not find the workshop before %" G_GINT64_FORMAT ": %s", self->workshop_id,
                 error->message);
    }
  return self->previous;
}

/**
 * verk_workshop_model_list_history:
 *
 * The puzzle's pieces in each of the group's workshops up to this one (by
 * date; this one last), oldest first, for a trend over time. Read from the
 * store on every call: the other workshops are not followed.
 *
 * Returns: (transfer full) (element-type GPtrArray): arrays of VerkItem, or
 *   NULL with @error set.
 */
GPtrArray *
verk_workshop_model_list_history (VerkWorkshopModel *self,
                                  GError           **error)
{
  g_autoptr (GPtrArray) workshops = NULL;
  g_autoptr (GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (!self->snapshot, NULL);

  if (self->workshop == NULL)
    return g_steal_pointer (&lists);
  if (!(workshops = verk_store_list_workshops (self->store, self->workshop->group_id, error)))
    return NULL;
  /* Newest first from the store: walk them backwards. */
  for (guint i = workshops->len; i-- > 0;)
    {
      VerkWorkshop *w = g_ptr_array_index (workshops, i);
      GPtrArray *items;

      if (w->id != self->workshop->id && g_strcmp0 (w->date, self->workshop->date) > 0)
        continue;
      if (!(items = verk_store_list_items (self->store, w->id, list_frameworks[LIST_PIECES], error)))
        return NULL;
      g_ptr_array_add (lists, items);
    }
  return g_steal_pointer (&lists);
}
