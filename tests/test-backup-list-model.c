/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VerkBackupListModel: the backups window's list, without a display. It
 * lists what the store lists, follows a restore (which keeps one more copy)
 * through VerkStore::changed, and names only the entries that changed. */
#include "config.h"

#include <glib/gstdio.h>

#include "verk-backup-list-model.h"

typedef struct {
  guint position, removed, added;
  guint count;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static VerkBackupEntry *
entry_at (VerkBackupListModel *model,
          guint                position)
{
  g_autoptr (VerkBackupEntry) entry = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (entry);
  return entry;   /* the model still holds it */
}

/* A database with one group, closed, then opened again: its first opening
 * of the day writes the day's backup. */
static VerkStore *
open_with_backup (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "v.db", NULL);
  g_autoptr (GError) error = NULL;
  VerkStore *store = verk_store_new (path, &error);

  g_assert_no_error (error);
  verk_store_add_group (store, "Ledningsgruppen", "", &error);
  g_assert_no_error (error);
  g_object_unref (store);
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_lists_and_follows (void)
{
  g_autofree char *dir = g_dir_make_tmp ("verk-backup-model-XXXXXX", NULL);
  g_autoptr (VerkStore) store = open_with_backup (dir);
  g_autoptr (VerkBackupListModel) model = verk_backup_list_model_new (store);
  g_autoptr (GError) error = NULL;
  g_autofree char *daily = NULL;
  g_autofree char *old = g_build_filename (dir, "v.db.2020-01-01.backup", NULL);
  g_autofree char *contents = NULL;
  VerkBackupEntry *daily_entry;
  Change change = { 0 };
  gsize length;

  /* It lists: the day's automatic backup. */
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == VERK_TYPE_BACKUP_ENTRY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_null (verk_backup_list_model_get_error (model));
  daily_entry = entry_at (model, 0);
  daily = g_strdup (verk_backup_entry_get_backup (daily_entry)->path);
  g_assert_null (verk_backup_entry_get_backup (daily_entry)->reason);
  g_assert_nonnull (verk_backup_entry_get_written (daily_entry));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &change);

  /* An edit that writes no backup changes nothing in the list. */
  verk_store_add_group (store, "Ledningsgruppen Väst", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (change.count, ==, 0);

  /* A restore keeps today's contents as one more copy, listed first: one
   * insertion, the daily backup's entry kept as it was. */
  g_assert_true (verk_store_restore_backup (store, daily, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpstr (verk_backup_entry_get_backup (entry_at (model, 0))->reason, ==, "before-restore");
  g_assert_true (entry_at (model, 1) == daily_entry);

  /* A copy put there by hand (an older day) is listed last once the model
   * is refreshed, and goes when it is deleted. */
  g_assert_true (g_file_get_contents (daily, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (old, contents, (gssize) length, NULL));
  g_assert_true (verk_backup_list_model_refresh (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpstr (verk_backup_entry_get_backup (entry_at (model, 2))->day, ==, "2020-01-01");
  g_assert_cmpint (g_unlink (old), ==, 0);
  g_assert_true (verk_backup_list_model_refresh (model, &error));
  g_assert_cmpuint (change.count, ==, 3);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  g_clear_object (&model);
  g_clear_object (&store);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

/* A store in memory has no backups. */
static void
test_in_memory (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkBackupListModel) model = NULL;

  g_assert_no_error (error);
  model = verk_backup_list_model_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (verk_backup_list_model_get_store (model) == store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/backup-list-model/lists-and-follows", test_lists_and_follows);
  g_test_add_func ("/backup-list-model/in-memory", test_in_memory);
  return g_test_run ();
}
