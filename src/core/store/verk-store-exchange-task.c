/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "verk-store-exchange.h"
#include "verk-store-exchange-private.h"
#include "verk-store-private.h"

/* Importing workshop files in a worker thread (the window's Import
 * Workshops… and Import a Folder…): docs/STORAGE.md, "Workshop files".
 *
 * Why a second connection, not the store's own in a thread: the store's
 * connection belongs to the main loop (its cached statements are not shared
 * between threads), and an import's transaction on it would take in every
 * edit the window makes meanwhile (one connection has one transaction: a
 * Cancel or a full disk would roll the user's edit back with the files). So
 * the worker opens its own SQLite connection to the same file and writes
 * through it in batches (one transaction each, a quarter of a second at
 * most), while the window reads and edits through its own as usual; SQLite
 * orders the two as it orders two programs (WAL: readers never wait, a
 * writer waits for the other's batch within the busy timeout).
 *
 * The connection is opened bare, not with verk_store_new(): the file is
 * already checked, migrated and backed up by the window's store, and the
 * store's own OFD locks (verk-store-open.c) must stay the window's. This
 * connection opens no descriptor of its own on the database besides
 * SQLite's, and SQLite, which knows the window's connection in this process
 * holds locks on the file, keeps its descriptor open past sqlite3_close()
 * rather than drop those locks with a close(); nor does it checkpoint or
 * delete the WAL on closing while the window's connection is open. It
 * writes no clean-close note (it has no checked day). */

static gboolean
refuse_worker_store (VerkStore  *self,
                     GError    **error,
                     int         rc)
{
  verk_store_set_error_from_rc (self, error, rc, _("Verkstad could not open the database to import into it."));
  return FALSE;
}

/* A second connection to @store's file for this thread only. */
static VerkStore *
open_worker_store (VerkStore  *store,
                   GError    **error)
{
  g_autoptr (VerkStore) self = g_object_new (VERK_TYPE_STORE, NULL);
  sqlite3_stmt *st = NULL;
  gboolean wal = FALSE;
  int rc;

  self->path = g_strdup (store->path);
  self->real_path = g_strdup (store->real_path != NULL ? store->real_path : store->path);
  /* no SQLITE_OPEN_CREATE: the window's store made it */
  rc = sqlite3_open_v2 (self->real_path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      refuse_worker_store (self, error, rc);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, VERK_STORE_BUSY_TIMEOUT_MS);
  /* The window's store put the file in WAL mode (persistent); a file that
   * is not cannot take a second writer beside the window's readers. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &st, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (st, 0), "wal") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (st);
  if (rc == SQLITE_OK && !wal)
    rc = SQLITE_CANTOPEN;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      refuse_worker_store (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&self);
}

typedef struct {
  GStrv               paths;
  VerkStore          *store;          /* the window's: only its path is read in the worker */
  GMainContext       *context;        /* where progress is told */
  VerkImportProgressFunc progress;
  gpointer            progress_data;
  GDestroyNotify      progress_destroy;
  gint                pending;        /* a progress report waiting in @context */
  gint                done, total;    /* the latest, read there */
  guint               file_delay_ms;  /* VERKSTAD_TEST_IMPORT_FILE_DELAY_MS */
  char               *backup_day;     /* the window's store's, when the import began */
} ImportJob;

typedef struct {
  VerkImportReport  report;
  GPtrArray        *refusals;         /* GError */
  GError           *error;            /* the database failed, or cancelled */
  gboolean          changed;          /* something was committed that changes what the window shows */
} ImportOutcome;

static void
import_job_free (ImportJob *job)
{
  g_strfreev (job->paths);
  g_free (job->backup_day);
  g_clear_object (&job->store);
  if (job->progress_destroy != NULL)
    job->progress_destroy (job->progress_data);
  g_main_context_unref (job->context);
  g_free (job);
}

static void
import_outcome_free (ImportOutcome *outcome)
{
  g_clear_pointer (&outcome->refusals, g_ptr_array_unref);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

static gboolean
tell_progress (gpointer data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (data));

  g_atomic_int_set (&job->pending, 0);
  job->progress ((guint) g_atomic_int_get (&job->done), (guint) g_atomic_int_get (&job->total),
                 job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: the newest figures, told in the job's context; reports the
 * main loop has not caught up with are merged into one. */
static void
on_worker_progress (guint    done,
                    guint    total,
                    gpointer data)
{
  GTask *task = data;
  ImportJob *job = g_task_get_task_data (task);

  /* For tests of the window's progress and Cancel (tests/ui/test_import.py):
   * a folder of files that takes long enough on any machine. */
  if (done > 0 && job->file_delay_ms > 0)
    g_usleep ((gulong) job->file_delay_ms * 1000);
  if (job->progress == NULL)
    return;
  g_atomic_int_set (&job->done, (gint) done);
  g_atomic_int_set (&job->total, (gint) total);
  /* Always through a source of the job's context, never
   * g_main_context_invoke(): when nobody owns that context at the moment
   * (the caller has not run its main loop yet) it would call the callback
   * right here, in the worker, in the middle of a batch. */
  if (g_atomic_int_compare_and_exchange (&job->pending, 0, 1))
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, tell_progress, g_object_ref (task), g_object_unref);
      g_source_attach (idle, job->context);
      g_source_unref (idle);
    }
}

static void
on_worker_changed (VerkStore *worker,
                   int        kind,
                   gint64     workshop_id,
                   gboolean  *changed)
{
  *changed = TRUE;
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportJob *job = task_data;
  ImportOutcome *outcome = g_new0 (ImportOutcome, 1);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (VerkStore) worker = NULL;

  outcome->refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  /* A folder without workshop files, or a path that is gone, is a refusal
   * of its own; the other paths are still imported. */
  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      GError *local = NULL;
      g_autoptr (GPtrArray) found = verk_store_list_import_files (job->paths[i], &local);

      if (found == NULL)
        {
          g_ptr_array_add (outcome->refusals, local);
          continue;
        }
      for (guint f = 0; f < found->len; f++)
        g_ptr_array_add (files, g_strdup (found->pdata[f]));
    }
  if (files->len > 0)
    {
      worker = open_worker_store (job->store, &outcome->error);
      if (worker != NULL)
        {
          /* the day's backup, if the window's store has not taken it yet */
          worker->backup_day = g_steal_pointer (&job->backup_day);
          verk_exchange_yield_after_commit_to (worker, job->store);
          g_signal_connect (worker, "changed", G_CALLBACK (on_worker_changed), &outcome->changed);
          verk_store_import_files (worker, (const char * const *) files->pdata, files->len, cancellable,
                                   on_worker_progress, task, &outcome->report, outcome->refusals,
                                   &outcome->error);
          g_signal_handlers_disconnect_by_data (worker, &outcome->changed);
        }
    }
  /* closed in the thread that used it */
  g_clear_object (&worker);
  g_task_return_pointer (task, outcome, (GDestroyNotify) import_outcome_free);
}

/**
 * verk_store_import_async:
 * @self: the store to import into (the window's)
 * @paths: workshop files and folders of them
 * @cancellable: (nullable): Cancel: stops between two files; the files
 *   imported until then stay, each whole
 * @progress: (nullable): called in the thread-default main context of the
 *   caller, after files were looked at (imported or refused)
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data after the last call
 * @callback: called when the import is over
 * @user_data: for @callback
 *
 * Imports in a worker thread with its own connection (see above), so the
 * main loop keeps running. verk_store_import_finish() then emits @self's
 * ::changed (VERK_CHANGE_GROUPS) in the caller's thread when something was
 * committed, so every view reads the imported rows.
 */
void
verk_store_import_async (VerkStore               *self,
                         const char * const      *paths,
                         GCancellable            *cancellable,
                         VerkImportProgressFunc   progress,
                         gpointer                 progress_data,
                         GDestroyNotify           progress_destroy,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  g_autoptr (GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (VERK_IS_STORE (self));
  g_return_if_fail (paths != NULL);

  job = g_new0 (ImportJob, 1);
  job->paths = g_strdupv ((char **) paths);
  job->store = g_object_ref (self);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;
  job->file_delay_ms = (guint) g_ascii_strtoull (g_getenv ("VERKSTAD_TEST_IMPORT_FILE_DELAY_MS") ?: "0", NULL, 10);
  job->backup_day = g_strdup (self->backup_day);   /* read here: the window's thread writes it */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, verk_store_import_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  /* The result is told even when cancelled: what was imported until then. */
  g_task_set_check_cancellable (task, FALSE);
  if (self->read_only)
    {
      g_task_return_new_error (task, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY,
                               _("The database is open for reading only, so nothing can be imported into it."));
      return;
    }
  if (g_strcmp0 (self->path, ":memory:") == 0)
    {
      /* a private in-memory store has no file a second connection can open */
      g_task_return_new_error (task, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED,
                               _("This database is kept in memory only, so workshop files cannot be "
                                 "imported into it."));
      return;
    }
  g_task_run_in_thread (task, import_in_thread);
}

/**
 * verk_store_import_finish:
 * @self: the store
 * @result: the #GAsyncResult
 * @report: (out caller-allocates) (optional): what was imported and refused
 * @refusals: (out) (transfer full) (optional) (element-type GError): each
 *   refused file's (or empty folder's) error, naming it
 * @error: the database failed (the import stopped; what was committed
 *   before stays), or G_IO_ERROR_CANCELLED
 *
 * Returns: FALSE with @error set when the import stopped; @report and
 *   @refusals are filled either way. Refused files alone do not make it FALSE.
 */
gboolean
verk_store_import_finish (VerkStore          *self,
                          GAsyncResult       *result,
                          VerkImportReport   *report,
                          GPtrArray         **refusals,
                          GError            **error)
{
  ImportOutcome *outcome;
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (report != NULL)
    memset (report, 0, sizeof *report);
  if (refusals != NULL)
    *refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  outcome = g_task_propagate_pointer (G_TASK (result), &local);
  if (outcome == NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (outcome->changed)
    g_signal_emit_by_name (self, "changed", (int) VERK_CHANGE_GROUPS, (gint64) 0);
  if (report != NULL)
    *report = outcome->report;
  if (refusals != NULL)
    {
      g_ptr_array_unref (*refusals);
      *refusals = g_steal_pointer (&outcome->refusals);
    }
  ok = outcome->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&outcome->error));
  import_outcome_free (outcome);
  return ok;
}
