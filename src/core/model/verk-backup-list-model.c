/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-backup-list-model"

#include "config.h"

#include "verk-backup-list-model.h"

struct _VerkBackupListModel
{
  GObject    parent_instance;

  /* owned */
  VerkStore *store;
  GPtrArray *entries;           /* VerkBackupEntry, newest first */
  GError    *error;

  gulong     changed_handler;
};

static void verk_backup_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VerkBackupListModel, verk_backup_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      verk_backup_list_model_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return VERK_TYPE_BACKUP_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  return VERK_BACKUP_LIST_MODEL (model)->entries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  VerkBackupListModel *self = VERK_BACKUP_LIST_MODEL (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
verk_backup_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_store_changed (VerkStore           *store,
                  int                  change,
                  gint64               workshop_id,
                  VerkBackupListModel *self)
{
  g_autoptr (GError) error = NULL;

  if (!verk_backup_list_model_refresh (self, &error))
    g_debug ("Could not list the backups: %s", error->message);
}

static void
verk_backup_list_model_dispose (GObject *object)
{
  VerkBackupListModel *self = VERK_BACKUP_LIST_MODEL (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (verk_backup_list_model_parent_class)->dispose (object);
}

static void
verk_backup_list_model_finalize (GObject *object)
{
  VerkBackupListModel *self = VERK_BACKUP_LIST_MODEL (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (verk_backup_list_model_parent_class)->finalize (object);
}

static void
verk_backup_list_model_class_init (VerkBackupListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_backup_list_model_dispose;
  object_class->finalize = verk_backup_list_model_finalize;
}

static void
verk_backup_list_model_init (VerkBackupListModel *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * verk_backup_list_model_new:
 * @store: whose backups to list
 *
 * Returns: (transfer full): the model, already read (see
 *   verk_backup_list_model_get_error() when the folder could not be).
 */
VerkBackupListModel *
verk_backup_list_model_new (VerkStore *store)
{
  VerkBackupListModel *self;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  self = g_object_new (VERK_TYPE_BACKUP_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  if (!verk_backup_list_model_refresh (self, &error))
    g_debug ("Could not list the backups: %s", error->message);
  return self;
}

/** verk_backup_list_model_get_store: Returns: (transfer none): the store listed. */
VerkStore *
verk_backup_list_model_get_store (VerkBackupListModel *self)
{
  g_return_val_if_fail (VERK_IS_BACKUP_LIST_MODEL (self), NULL);
  return self->store;
}

/**
 * verk_backup_list_model_refresh:
 *
 * Lists the backups again. The entries at the start and the end that are the
 * same copies stay (the same objects); the run between them is replaced in
 * one items-changed.
 *
 * Returns: %TRUE when the model is current.
 */
gboolean
verk_backup_list_model_refresh (VerkBackupListModel  *self,
                                GError              **error)
{
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  GError *local = NULL;
  guint old_len, head = 0, tail = 0;

  g_return_val_if_fail (VERK_IS_BACKUP_LIST_MODEL (self), FALSE);

  backups = verk_store_list_backups (self->store, &local);
  if (backups == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (local);
      g_propagate_error (error, local);
      return FALSE;
    }
  g_clear_error (&self->error);
  /* The entries take the records: the array no longer frees them. */
  g_ptr_array_set_free_func (backups, NULL);
  for (guint i = 0; i < backups->len; i++)
    g_ptr_array_add (fresh, verk_backup_entry_new_take (g_ptr_array_index (backups, i)));

  old_len = self->entries->len;
  while (head < old_len && head < fresh->len
         && verk_backup_entry_equal (self->entries->pdata[head], fresh->pdata[head]))
    head++;
  while (tail < old_len - head && tail < fresh->len - head
         && verk_backup_entry_equal (self->entries->pdata[old_len - 1 - tail],
                                     fresh->pdata[fresh->len - 1 - tail]))
    tail++;
  if (head == old_len && head == fresh->len)
    return TRUE;

  g_ptr_array_remove_range (self->entries, head, old_len - head - tail);
  for (guint i = head; i < fresh->len - tail; i++)
    g_ptr_array_insert (self->entries, (int) i, g_object_ref (fresh->pdata[i]));
  g_list_model_items_changed (G_LIST_MODEL (self), head, old_len - head - tail, fresh->len - head - tail);
  return TRUE;
}

/** verk_backup_list_model_get_error: Returns: (transfer none) (nullable): the last read's error. */
const GError *
verk_backup_list_model_get_error (VerkBackupListModel *self)
{
  g_return_val_if_fail (VERK_IS_BACKUP_LIST_MODEL (self), NULL);
  return self->error;
}
