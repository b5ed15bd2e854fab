/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-save-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "verk-save-chooser.h"

typedef struct {
  GtkFileChooserNative      *chooser;
  char                      *suffix;    /* ".xlsx" */
  char                      *not_local;
  VerkSaveChosenFunc         chosen;
  char                      *path;      /* the name with its suffix added, while asked about */
} SaveChooser;

#define CHOOSER_KEY "verk-save-chooser"

static void
close_chooser (SaveChooser *self)
{
  if (self->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
save_chooser_free (SaveChooser *self)
{
  close_chooser (self);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->not_local, g_free);
  g_clear_pointer (&self->path, g_free);
  g_free (self);
}

static SaveChooser *
get_chooser (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), CHOOSER_KEY);
}

/* The name is chosen: @path goes to the caller, which may write the file in
 * a worker thread. GTask lets go of its last reference in whichever thread
 * is last, the worker's included, and this struct goes with the task; so
 * the chooser, a GTK object, is closed here, on the main thread. (Left to
 * the task, the window's dialog was now and then destroyed in the worker
 * that wrote the handout, and the app crashed.) */
static void
hand_over (GTask *task,
           char  *path)
{
  SaveChooser *self = get_chooser (task);

  close_chooser (self);
  self->chosen (task, path);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     GTask            *task)
{
  SaveChooser *self = get_chooser (task);
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *folder_path = g_path_get_dirname (self->path);
  g_autoptr (GFile) folder = g_file_new_for_path (folder_path);

  if (g_strcmp0 (response, "replace") == 0)
    {
      hand_over (task, g_steal_pointer (&self->path));
      return;
    }
  /* Back to the file chooser, at the same place and name, to choose another. */
  g_clear_pointer (&self->path, g_free);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The chooser asked about the name as typed; the suffix added to it may name
 * another file that exists, which nobody has agreed to replace yet. */
static void
ask_to_replace (GTask *task)
{
  SaveChooser *self = get_chooser (task);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *name = g_filename_display_name (base);
  g_autofree char *folder_path = g_path_get_dirname (self->path);
  g_autofree char *folder = g_filename_display_basename (folder_path);
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
  g_autofree char *body = g_strdup_printf (_("A file with this name already exists in “%s”. "
                                             "Replacing it overwrites what it holds."), folder);
  GtkWindow *parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (self->chooser));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             GTask           *task)
{
  SaveChooser *self = get_chooser (task);
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *upper = NULL;
  gboolean has_suffix;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", self->not_local);
      g_object_unref (task);
      return;
    }
  upper = g_ascii_strup (self->suffix, -1);
  has_suffix = g_str_has_suffix (path, self->suffix) || g_str_has_suffix (path, upper);
  if (has_suffix)
    {
      hand_over (task, g_steal_pointer (&path));
      return;
    }
  self->path = g_strconcat (path, self->suffix, NULL);
  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    ask_to_replace (task);
  else
    hand_over (task, g_steal_pointer (&self->path));
}

/**
 * verk_save_chooser_show:
 * @task: (transfer full): the task the answer belongs to
 * @parent: the window the chooser belongs to
 * @kind: the kind of file
 * @folder: (nullable): where to start
 * @name: the suggested name, with its suffix
 * @chosen: what to do with the path
 *
 * See verk-save-chooser.h.
 */
void
verk_save_chooser_show (GTask                     *task,
                        GtkWindow                 *parent,
                        const VerkSaveChooserKind *kind,
                        const char                *folder,
                        const char                *name,
                        VerkSaveChosenFunc         chosen)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GFile) dir = NULL;
  SaveChooser *self;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (kind != NULL && chosen != NULL);

  self = g_new0 (SaveChooser, 1);
  self->suffix = g_strconcat (".", kind->suffix, NULL);
  self->not_local = g_strdup (kind->not_local);
  self->chosen = chosen;
  self->chooser = gtk_file_chooser_native_new (kind->title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                               kind->accept_label, _("_Cancel"));
  g_object_set_data_full (G_OBJECT (task), CHOOSER_KEY, self, (GDestroyNotify) save_chooser_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, kind->filter_name);
  gtk_file_filter_add_suffix (filter, kind->suffix);
  gtk_file_filter_add_mime_type (filter, kind->mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (folder == NULL || folder[0] == '\0' || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    folder = g_get_home_dir ();
  dir = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), dir, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The file is written in a worker by a task of its own (WriteJob), which
 * holds no widget: GTask lets go of its source object with its last
 * reference, in whichever thread is last, and the caller's task has the
 * window as its source. Were the window closed while the file was written,
 * the worker could be the one to drop its last reference, and a window
 * finalized off the main thread crashes GTK. The caller's task waits on the
 * main thread and is completed there. */
typedef struct {
  GTask        *task;          /* the caller's */
  GApplication *application;   /* held while the file is written */
} WriteJob;

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WriteJob *job = user_data;
  GError *error = NULL;
  char *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    g_task_return_error (job->task, error);
  else
    g_task_return_pointer (job->task, path, g_free);
  g_object_unref (job->task);
  if (job->application != NULL)
    {
      g_application_release (job->application);
      g_object_unref (job->application);
    }
  g_free (job);
}

/**
 * verk_save_chooser_write_in_thread:
 * @task: (transfer full): the task whose chooser handed over the path
 * @write: writes the file; given a task of its own, with @task's task data,
 *   and returns the path written (a string freed with g_free()) or an error
 *   from that task
 *
 * Runs @write in a worker and returns its result from @task on the main
 * thread. The worker holds nothing of GTK, and the application is held
 * until the file is written, so that closing the window (the last one
 * included) while it is written neither crashes nor loses the file.
 */
void
verk_save_chooser_write_in_thread (GTask           *task,
                                   GTaskThreadFunc  write)
{
  WriteJob *job;
  g_autoptr (GTask) worker = NULL;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (write != NULL);

  job = g_new0 (WriteJob, 1);
  job->task = task;
  job->application = g_application_get_default ();
  if (job->application != NULL)
    {
      g_object_ref (job->application);
      g_application_hold (job->application);
    }
  /* The task data stays @task's, which outlives the worker's use of it:
   * @task is completed only once @write has returned its result. */
  worker = g_task_new (NULL, g_task_get_cancellable (task), on_written, job);
  g_task_set_source_tag (worker, verk_save_chooser_write_in_thread);
  g_task_set_task_data (worker, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (worker, write);
}
