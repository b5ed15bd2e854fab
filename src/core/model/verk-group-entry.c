/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-group-entry"

#include "config.h"

#include "verk-group-entry.h"
#include "verk-record.h"

struct _VerkGroupEntry
{
  GObject     parent_instance;

  /* owned */
  VerkGroup  *group;
  GPtrArray  *workshops;   /* VerkWorkshopSummary */
  GListStore *records;     /* VerkRecord of copies of them, NULL until asked for */
};

G_DEFINE_FINAL_TYPE (VerkGroupEntry, verk_group_entry, G_TYPE_OBJECT)

static void
verk_group_entry_finalize (GObject *object)
{
  VerkGroupEntry *self = VERK_GROUP_ENTRY (object);

  g_clear_pointer (&self->group, verk_group_free);
  g_clear_pointer (&self->workshops, g_ptr_array_unref);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (verk_group_entry_parent_class)->finalize (object);
}

static void
verk_group_entry_class_init (VerkGroupEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = verk_group_entry_finalize;
}

static void
verk_group_entry_init (VerkGroupEntry *self)
{
}

/**
 * verk_group_entry_new_take:
 * @group: (transfer full): the group
 * @workshops: (transfer full) (element-type VerkWorkshopSummary): its workshops, newest first
 *
 * Returns: (transfer full): a new entry.
 */
VerkGroupEntry *
verk_group_entry_new_take (VerkGroup *group,
                           GPtrArray *workshops)
{
  VerkGroupEntry *self;

  g_return_val_if_fail (group != NULL && workshops != NULL, NULL);

  self = g_object_new (VERK_TYPE_GROUP_ENTRY, NULL);
  self->group = group;
  self->workshops = workshops;
  return self;
}

/** verk_group_entry_get_group: Returns: (transfer none): the group. */
const VerkGroup *
verk_group_entry_get_group (VerkGroupEntry *self)
{
  g_return_val_if_fail (VERK_IS_GROUP_ENTRY (self), NULL);
  return self->group;
}

gint64
verk_group_entry_get_id (VerkGroupEntry *self)
{
  g_return_val_if_fail (VERK_IS_GROUP_ENTRY (self), 0);
  return self->group->id;
}

guint
verk_group_entry_get_n_workshops (VerkGroupEntry *self)
{
  g_return_val_if_fail (VERK_IS_GROUP_ENTRY (self), 0);
  return self->workshops->len;
}

/** verk_group_entry_get_workshop: Returns: (transfer none): the workshop at @position. */
const VerkWorkshopSummary *
verk_group_entry_get_workshop (VerkGroupEntry *self,
                               guint           position)
{
  g_return_val_if_fail (VERK_IS_GROUP_ENTRY (self), NULL);
  g_return_val_if_fail (position < self->workshops->len, NULL);
  return g_ptr_array_index (self->workshops, position);
}

/** verk_group_entry_get_newest_date: Returns: (nullable): "YYYY-MM-DD". */
const char *
verk_group_entry_get_newest_date (VerkGroupEntry *self)
{
  g_return_val_if_fail (VERK_IS_GROUP_ENTRY (self), NULL);
  if (self->workshops->len == 0)
    return NULL;
  return ((VerkWorkshopSummary *) g_ptr_array_index (self->workshops, 0))->workshop->date;
}

/** verk_group_entry_get_workshops: Returns: (transfer none): the workshops. */
GListModel *
verk_group_entry_get_workshops (VerkGroupEntry *self)
{
  g_return_val_if_fail (VERK_IS_GROUP_ENTRY (self), NULL);

  if (self->records == NULL)
    {
      g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < self->workshops->len; i++)
        g_ptr_array_add (records,
                         verk_record_new_take (VERK_TYPE_WORKSHOP_SUMMARY,
                                               verk_workshop_summary_copy (g_ptr_array_index (self->workshops, i))));
      self->records = g_list_store_new (VERK_TYPE_RECORD);
      g_list_store_splice (self->records, 0, 0, records->pdata, records->len);
    }
  return G_LIST_MODEL (self->records);
}

/** verk_group_entry_equal: Returns: whether @a and @b hold the same. */
gboolean
verk_group_entry_equal (VerkGroupEntry *a,
                        VerkGroupEntry *b)
{
  g_return_val_if_fail (VERK_IS_GROUP_ENTRY (a) && VERK_IS_GROUP_ENTRY (b), FALSE);

  if (a == b)
    return TRUE;
  if (a->group->id != b->group->id || g_strcmp0 (a->group->name, b->group->name) != 0
      || g_strcmp0 (a->group->unit, b->group->unit) != 0 || a->workshops->len != b->workshops->len)
    return FALSE;
  for (guint i = 0; i < a->workshops->len; i++)
    if (!verk_workshop_summary_equal (g_ptr_array_index (a->workshops, i),
                                      g_ptr_array_index (b->workshops, i)))
      return FALSE;
  return TRUE;
}
