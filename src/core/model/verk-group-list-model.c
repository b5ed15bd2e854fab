/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-group-list-model"

#include "config.h"

#include "verk-group-list-model-private.h"

/* The groups as immutable VerkGroupEntry objects in display order. A change
 * builds the new order of entries, reusing every entry whose group and
 * workshops are unchanged, then turns the old order into the new one step by
 * step (remove, replace in place, move, insert), emitting items-changed at
 * each step, so a view rebuilds only the groups that changed. */

struct _VerkGroupListModel
{
  GObject     parent_instance;

  /* owned */
  VerkStore  *store;
  GPtrArray  *entries;          /* VerkGroupEntry, in display order */
  GHashTable *groups;           /* gint64 * group id → VerkGroupEntry (borrowed from entries) */
  GHashTable *workshops;        /* gint64 * workshop id → VerkWorkshopSummary (borrowed) */
  GError     *error;

  gulong      changed_handler;
  guint       full_reads;
  guint       workshop_reads;
};

static void verk_group_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VerkGroupListModel, verk_group_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      verk_group_list_model_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return VERK_TYPE_GROUP_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  return VERK_GROUP_LIST_MODEL (model)->entries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  VerkGroupListModel *self = VERK_GROUP_LIST_MODEL (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
verk_group_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Groups that have just been created (no workshop yet) first, then by their
 * newest workshop; the newer group first when that is the same. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  VerkGroupEntry *ea = *(VerkGroupEntry * const *) a;
  VerkGroupEntry *eb = *(VerkGroupEntry * const *) b;
  const char *da = verk_group_entry_get_newest_date (ea);
  const char *db = verk_group_entry_get_newest_date (eb);
  gint64 ia = verk_group_entry_get_id (ea), ib = verk_group_entry_get_id (eb);
  int cmp;

  if ((da == NULL) != (db == NULL))
    return da == NULL ? -1 : 1;
  cmp = g_strcmp0 (db, da);
  if (cmp != 0)
    return cmp;
  return ia < ib ? 1 : (ia > ib ? -1 : 0);
}

/* Keeps the look-ups in step with the entries, one entry at a time. */
static void
index_entry (VerkGroupListModel *self,
             VerkGroupEntry     *entry,
             gboolean            add)
{
  const VerkGroup *group = verk_group_entry_get_group (entry);
  guint n = verk_group_entry_get_n_workshops (entry);

  for (guint j = 0; j < n; j++)
    {
      const VerkWorkshopSummary *summary = verk_group_entry_get_workshop (entry, j);

      if (add)
        g_hash_table_insert (self->workshops, (gpointer) &summary->workshop->id, (gpointer) summary);
      else if (g_hash_table_lookup (self->workshops, &summary->workshop->id) == summary)
        g_hash_table_remove (self->workshops, &summary->workshop->id);
    }
  if (add)
    g_hash_table_insert (self->groups, (gpointer) &group->id, entry);
  else if (g_hash_table_lookup (self->groups, &group->id) == entry)
    g_hash_table_remove (self->groups, &group->id);
}

static void
remove_at (VerkGroupListModel *self,
           guint               position)
{
  VerkGroupEntry *entry = g_ptr_array_steal_index (self->entries, position);

  index_entry (self, entry, FALSE);
  g_object_unref (entry);
}

static void
insert_at (VerkGroupListModel *self,
           guint               position,
           VerkGroupEntry     *entry)
{
  g_ptr_array_insert (self->entries, position, g_object_ref (entry));
  index_entry (self, entry, TRUE);
}

static guint
find_id (GPtrArray *entries,
         guint      from,
         gint64     group_id)
{
  for (guint j = from; j < entries->len; j++)
    if (verk_group_entry_get_id (g_ptr_array_index (entries, j)) == group_id)
      return j;
  return G_MAXUINT;
}

/* Turns self->entries into @next (VerkGroupEntry, sorted), emitting
 * items-changed at every step; then ::changed when anything changed. */
static void
apply_entries (VerkGroupListModel *self,
               GPtrArray          *next)
{
  g_autoptr (GHashTable) next_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *entries = self->entries;
  gboolean changed = FALSE;

  for (guint i = 0; i < next->len; i++)
    g_hash_table_add (next_ids, (gpointer) &verk_group_entry_get_group (g_ptr_array_index (next, i))->id);

  /* Groups that went (trashed, or gone with a restored backup). */
  for (guint i = entries->len; i-- > 0;)
    {
      gint64 id = verk_group_entry_get_id (g_ptr_array_index (entries, i));

      if (!g_hash_table_contains (next_ids, &id))
        {
          remove_at (self, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          changed = TRUE;
        }
    }

  for (guint i = 0; i < next->len; i++)
    {
      VerkGroupEntry *wanted = g_ptr_array_index (next, i);
      gint64 id = verk_group_entry_get_id (wanted);
      guint j = find_id (entries, i, id);

      if (j == i && g_ptr_array_index (entries, i) == wanted)
        continue;
      changed = TRUE;
      if (j == i)
        {
          remove_at (self, i);
          insert_at (self, i, wanted);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          continue;
        }
      if (j != G_MAXUINT)
        {
          remove_at (self, j);
          g_list_model_items_changed (G_LIST_MODEL (self), j, 1, 0);
        }
      insert_at (self, i, wanted);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 0, 1);
    }
  g_assert (entries->len == next->len);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The entry for @group with @workshops: the current one when it holds the
 * same, so that it stays in place untouched. Takes both. */
static VerkGroupEntry *
make_entry (VerkGroupListModel *self,
            VerkGroup          *group,
            GPtrArray          *workshops)
{
  VerkGroupEntry *entry = verk_group_entry_new_take (group, workshops);
  VerkGroupEntry *current = g_hash_table_lookup (self->groups, &group->id);

  if (current != NULL && verk_group_entry_equal (current, entry))
    {
      g_object_unref (entry);
      return g_object_ref (current);
    }
  return entry;
}

static void
set_error (VerkGroupListModel *self,
           GError             *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

/* Reads every group and workshop (two queries) and applies them. */
static gboolean
load (VerkGroupListModel  *self,
      GError             **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) summaries = NULL;
  g_autoptr (GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) by_group = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
  GError *local_error = NULL;

  self->full_reads++;
  groups = verk_store_list_groups (self->store, &local_error);
  if (groups != NULL)
    summaries = verk_store_list_workshop_summaries (self->store, &local_error);
  if (summaries == NULL)
    {
      if (error != NULL)
        *error = g_error_copy (local_error);
      set_error (self, local_error);
      return FALSE;
    }
  g_clear_error (&self->error);

  /* The summaries come grouped by group id, newest first. */
  for (guint i = 0; i < summaries->len; i++)
    {
      VerkWorkshopSummary *summary = g_ptr_array_index (summaries, i);
      GPtrArray *list = g_hash_table_lookup (by_group, &summary->workshop->group_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_workshop_summary_free);
          g_hash_table_insert (by_group, &summary->workshop->group_id, list);
        }
      g_ptr_array_add (list, summary);
    }
  g_ptr_array_set_free_func (summaries, NULL);   /* the lists own them now */

  g_ptr_array_set_free_func (groups, NULL);
  for (guint i = 0; i < groups->len; i++)
    {
      VerkGroup *group = g_ptr_array_index (groups, i);
      GPtrArray *list = NULL;

      g_hash_table_steal_extended (by_group, &group->id, NULL, (gpointer *) &list);
      if (list == NULL)
        list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_workshop_summary_free);
      g_ptr_array_add (next, make_entry (self, group, list));
    }
  g_ptr_array_sort (next, compare_entries);
  apply_entries (self, next);
  return TRUE;
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  const VerkWorkshop *wa = (*(VerkWorkshopSummary * const *) a)->workshop;
  const VerkWorkshop *wb = (*(VerkWorkshopSummary * const *) b)->workshop;
  int cmp = g_strcmp0 (wb->date, wa->date);

  if (cmp != 0)
    return cmp;
  return wa->id < wb->id ? 1 : (wa->id > wb->id ? -1 : 0);
}

/* One workshop's fields or participants changed: read it alone, and put a new
 * entry for its group in place of the old. */
static void
reload_workshop (VerkGroupListModel *self,
                 gint64              workshop_id)
{
  const VerkWorkshopSummary *old = g_hash_table_lookup (self->workshops, &workshop_id);
  g_autoptr (VerkWorkshopSummary) fresh = NULL;
  g_autoptr (GPtrArray) next = NULL;
  g_autoptr (GError) error = NULL;
  VerkGroupEntry *entry;
  GPtrArray *workshops;
  guint n;

  if (old == NULL)
    return;   /* in the trash, or not listed: nothing shown changes */
  entry = g_hash_table_lookup (self->groups, &old->workshop->group_id);
  self->workshop_reads++;
  fresh = verk_store_get_workshop_summary (self->store, workshop_id, &error);
  if (fresh == NULL || fresh->workshop->group_id != old->workshop->group_id
      || g_strcmp0 (fresh->workshop->date, old->workshop->date) != 0)
    {
      /* Gone or moved meanwhile, or a new date, which can change the
       * workshop the group's others follow up: read everything. */
      load (self, NULL);
      return;
    }

  n = verk_group_entry_get_n_workshops (entry);
  workshops = g_ptr_array_new_full (n, (GDestroyNotify) verk_workshop_summary_free);
  for (guint i = 0; i < n; i++)
    {
      const VerkWorkshopSummary *summary = verk_group_entry_get_workshop (entry, i);

      g_ptr_array_add (workshops, summary->workshop->id == workshop_id
                                  ? g_steal_pointer (&fresh) : verk_workshop_summary_copy (summary));
    }
  g_ptr_array_sort (workshops, compare_summaries);

  next = g_ptr_array_new_full (self->entries->len, g_object_unref);
  for (guint i = 0; i < self->entries->len; i++)
    {
      VerkGroupEntry *current = g_ptr_array_index (self->entries, i);

      if (current == entry)
        {
          VerkGroup *group = g_new0 (VerkGroup, 1);
          const VerkGroup *old_group = verk_group_entry_get_group (entry);

          group->id = old_group->id;
          group->name = g_strdup (old_group->name);
          group->unit = g_strdup (old_group->unit);
          g_ptr_array_add (next, make_entry (self, group, workshops));
        }
      else
        g_ptr_array_add (next, g_object_ref (current));
    }
  g_ptr_array_sort (next, compare_entries);
  apply_entries (self, next);
}

static void
on_store_changed (VerkStore          *store,
                  int                 kind,
                  gint64              workshop_id,
                  VerkGroupListModel *self)
{
  if (kind == VERK_CHANGE_GROUPS)
    load (self, NULL);
  else if ((kind == VERK_CHANGE_WORKSHOP || kind == VERK_CHANGE_PARTICIPANTS) && workshop_id != 0)
    reload_workshop (self, workshop_id);
}

static void
verk_group_list_model_dispose (GObject *object)
{
  VerkGroupListModel *self = VERK_GROUP_LIST_MODEL (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (verk_group_list_model_parent_class)->dispose (object);
}

static void
verk_group_list_model_finalize (GObject *object)
{
  VerkGroupListModel *self = VERK_GROUP_LIST_MODEL (object);

  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->workshops, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (verk_group_list_model_parent_class)->finalize (object);
}

static void
verk_group_list_model_class_init (VerkGroupListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_group_list_model_dispose;
  object_class->finalize = verk_group_list_model_finalize;

  /**
   * VerkGroupListModel::changed:
   *
   * Emitted once after a store change changed the list, after its
   * items-changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
verk_group_list_model_init (VerkGroupListModel *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->groups = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->workshops = g_hash_table_new (g_int64_hash, g_int64_equal);
}

/**
 * verk_group_list_model_new:
 * @store: the store to list
 *
 * Reads the groups and workshops now; a failed read leaves the model empty
 * with verk_group_list_model_get_error() set.
 *
 * Returns: (transfer full): a new model.
 */
VerkGroupListModel *
verk_group_list_model_new (VerkStore *store)
{
  VerkGroupListModel *self;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  self = g_object_new (VERK_TYPE_GROUP_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  load (self, NULL);
  return self;
}

/** verk_group_list_model_get_store: Returns: (transfer none): the store. */
VerkStore *
verk_group_list_model_get_store (VerkGroupListModel *self)
{
  g_return_val_if_fail (VERK_IS_GROUP_LIST_MODEL (self), NULL);
  return self->store;
}

gboolean
verk_group_list_model_reload (VerkGroupListModel  *self,
                              GError             **error)
{
  g_return_val_if_fail (VERK_IS_GROUP_LIST_MODEL (self), FALSE);
  return load (self, error);
}

/** verk_group_list_model_get_error: Returns: (nullable) (transfer none): the last read's error. */
const GError *
verk_group_list_model_get_error (VerkGroupListModel *self)
{
  g_return_val_if_fail (VERK_IS_GROUP_LIST_MODEL (self), NULL);
  return self->error;
}

/** verk_group_list_model_find_group: Returns: (nullable) (transfer none): the group's entry. */
VerkGroupEntry *
verk_group_list_model_find_group (VerkGroupListModel *self,
                                  gint64              group_id)
{
  g_return_val_if_fail (VERK_IS_GROUP_LIST_MODEL (self), NULL);
  return g_hash_table_lookup (self->groups, &group_id);
}

/** verk_group_list_model_find_workshop: Returns: (nullable) (transfer none): the workshop. */
const VerkWorkshopSummary *
verk_group_list_model_find_workshop (VerkGroupListModel *self,
                                     gint64              workshop_id)
{
  g_return_val_if_fail (VERK_IS_GROUP_LIST_MODEL (self), NULL);
  return g_hash_table_lookup (self->workshops, &workshop_id);
}

void
verk_group_list_model_get_reads (VerkGroupListModel *self,
                                 guint              *full_reads,
                                 guint              *workshop_reads)
{
  g_return_if_fail (VERK_IS_GROUP_LIST_MODEL (self));
  *full_reads = self->full_reads;
  *workshop_reads = self->workshop_reads;
}
