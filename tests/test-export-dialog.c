/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export workbook…: the file chooser the dialog opens, answered as a user
 * would (a name without .xlsx, Cancel, a folder that is gone), and what comes
 * back for the toast. Runs under the display build-aux/dev test provides;
 * without a portal GtkFileChooserNative shows a GtkFileChooserDialog. */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "verk-export-dialog.h"
#include "verk-save-chooser.h"

typedef struct {
  char         *dir;
  VerkStore    *store;
  gint64        group;
  gint64        workshop;
  GtkWidget    *window;
  GSettings    *settings;     /* as the application's */
  VerkGroupListModel *groups; /* as the window's */
  gboolean      done;
  char         *path;
  GError       *error;
  GTask        *task;         /* a save's, handed over */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 item, person;

  f->dir = g_dir_make_tmp ("verk-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  f->group = verk_store_add_group (f->store, "Ledningsgruppen: Öst/Väst", "", &error);
  f->workshop = verk_store_add_workshop (f->store, f->group, "2026-03-01", "Åsa", &error);
  item = verk_store_add_item (f->store, f->workshop, "siq", NULL, "Samverkan", "", &error);
  person = verk_store_add_participant (f->store, f->workshop, "=SUM(A1)", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_score (f->store, item, person, 4, &error));
  f->window = gtk_window_new ();
  f->settings = g_settings_new (APP_ID);
  f->groups = verk_group_list_model_new (f->store);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_clear_object (&f->settings);
  g_clear_object (&f->groups);
  g_clear_pointer (&f->path, g_free);
  g_clear_error (&f->error);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (f->dir);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->path = verk_export_dialog_run_finish (result, &f->error);
  f->done = TRUE;
}

/* The file chooser dialog the native dialog put on screen. */
static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < 100; i++)
    {
      for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
        {
          g_autoptr (GObject) w = g_list_model_get_item (toplevels, k);
          if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
            return GTK_FILE_CHOOSER (w);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_not_reached ();
}

static void
wait_done (Fixture *f)
{
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

/* Types @name (when given) and presses the button for @response, after
 * letting the chooser load its folder as it would while a user looks. */
static void
answer (Fixture *f, const char *name, int response)
{
  GtkFileChooser *chooser = find_chooser ();

  for (guint i = 0; i < 30; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  if (name != NULL)
    gtk_file_chooser_set_current_name (chooser, name);
  gtk_dialog_response (GTK_DIALOG (chooser), response);
  wait_done (f);
}

/* The chooser opens in the folder of the last export. */
static void
remember_folder (const char *folder)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "export-folder", folder);
}

static void
test_saves_with_suffix (Fixture *f, gconstpointer data)
{
  GtkFileChooser *chooser;
  g_autofree char *suggested = NULL;
  g_autofree char *expected = g_build_filename (f->dir, "Protokoll.xlsx", NULL);
  g_autofree char *message = NULL;

  remember_folder (f->dir);
  verk_export_dialog_run_async (GTK_WINDOW (f->window), f->settings, f->groups, VERK_EXPORT_WORKSHOP,
                                f->workshop, NULL, on_done, f);
  chooser = find_chooser ();
  /* The suggested name says what it is and is a valid file name anywhere. */
  suggested = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (suggested, ==, "Ledningsgruppen- Öst-Väst 2026-03-01.xlsx");
  answer (f, "Protokoll", GTK_RESPONSE_ACCEPT);

  g_assert_no_error (f->error);
  g_assert_cmpstr (f->path, ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  message = verk_export_dialog_result_message (f->path, f->error);
  g_assert_cmpstr (message, ==, "Saved the workbook “Protokoll.xlsx”.");
}

/* The confirmation Verkstad shows on screen, when it does within a while. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < 200; i++)
    {
      for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
        {
          g_autoptr (GObject) w = g_list_model_get_item (toplevels, k);
          if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
            return ADW_MESSAGE_DIALOG (w);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return NULL;
}

/* Types @name and presses Export, without waiting for the export. */
static void
type_and_accept (const char *name)
{
  GtkFileChooser *chooser = find_chooser ();

  for (guint i = 0; i < 30; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

/* What a click on the response's button does: the response, then the
 * dialog goes away. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, expected);
}

/* A name typed without .xlsx is asked about again when NAME.xlsx exists
 * (the file chooser asked only about NAME): Cancel goes back to the chooser
 * and keeps the file; Replace writes the workbook over it. */
static void
test_existing_name_asks (Fixture *f, gconstpointer data)
{
  g_autofree char *existing = g_build_filename (f->dir, "Protokoll.xlsx", NULL);
  AdwMessageDialog *question;

  remember_folder (f->dir);
  g_assert_true (g_file_set_contents (existing, "keep me", -1, NULL));

  verk_export_dialog_run_async (GTK_WINDOW (f->window), f->settings, f->groups, VERK_EXPORT_WORKSHOP,
                                f->workshop, NULL, on_done, f);
  type_and_accept ("Protokoll");
  question = find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_false (f->done);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), "Protokoll.xlsx"));
  assert_contents (existing, "keep me");

  /* Cancel: the chooser again, at the full name, and the file as it was. */
  respond (question, "cancel");
  {
    GtkFileChooser *chooser = find_chooser ();
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (name, ==, "Protokoll.xlsx");
  }
  g_assert_false (f->done);
  answer (f, NULL, GTK_RESPONSE_CANCEL);
  g_assert_no_error (f->error);
  g_assert_null (f->path);
  assert_contents (existing, "keep me");

  /* Replace: written over, as agreed. */
  f->done = FALSE;
  verk_export_dialog_run_async (GTK_WINDOW (f->window), f->settings, f->groups, VERK_EXPORT_WORKSHOP,
                                f->workshop, NULL, on_done, f);
  type_and_accept ("Protokoll");
  question = find_message_dialog ();
  g_assert_nonnull (question);
  respond (question, "replace");
  wait_done (f);
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->path, ==, existing);
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (existing, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 4);
    g_assert_true (memcmp (contents, "PK", 2) == 0);   /* a workbook (a zip) now */
  }
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  verk_export_dialog_run_async (GTK_WINDOW (f->window), f->settings, f->groups, VERK_EXPORT_GROUP,
                                f->group, NULL, on_done, f);
  answer (f, NULL, GTK_RESPONSE_CANCEL);
  g_assert_no_error (f->error);
  g_assert_null (f->path);
  g_assert_null (verk_export_dialog_result_message (f->path, f->error));
}

/* A failure comes back as the error whose message the window shows. */
static void
test_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *message = NULL;
  g_autofree char *target = g_build_filename (f->dir, "x.xlsx", NULL);

  remember_folder (f->dir);
  verk_export_dialog_run_async (GTK_WINDOW (f->window), f->settings, f->groups, VERK_EXPORT_WORKSHOP, 424242,
                                NULL, on_done, f);
  answer (f, "x.xlsx", GTK_RESPONSE_ACCEPT);
  g_assert_error (f->error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND);
  g_assert_null (f->path);
  message = verk_export_dialog_result_message (f->path, f->error);
  g_assert_cmpstr (message, ==, f->error->message);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* Is a file chooser dialog still among the windows (shown or not)? */
static gboolean
chooser_alive (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, k);
      if (GTK_IS_FILE_CHOOSER_DIALOG (w))
        return TRUE;
    }
  return FALSE;
}

static gpointer
drop_last_reference (gpointer task)
{
  g_object_unref (task);
  return NULL;
}

/* A VerkSaveChosenFunc that keeps the task, as a caller that writes the
 * file in a worker thread does. */
static void
chosen_keep_task (GTask *task,
                  char  *path)
{
  Fixture *f = g_task_get_task_data (task);

  f->path = path;
  f->task = task;
  f->done = TRUE;
}

/* The worker lets go of the task last, after the main thread did. */
static void
drop_task_in_worker (Fixture *f)
{
  GThread *worker = g_thread_new ("writer", drop_last_reference, g_steal_pointer (&f->task));

  g_thread_join (worker);
}

/* The task of a save ends in whichever thread lets go of it last (GTask),
 * the worker that writes the file included, so the chooser must be gone from
 * it once the path is handed over, closed on the main thread. It was not:
 * now and then the app crashed after saving a handout, the file written, the
 * toast never shown. */
static void
test_chooser_closed_before_the_worker (Fixture *f, gconstpointer data)
{
  const VerkSaveChooserKind kind = {
    .title = "Save the Handout", .accept_label = "_Save", .filter_name = "PDF documents",
    .suffix = "pdf", .mime_type = "application/pdf", .not_local = "Not a local folder.",
  };
  g_autofree char *expected = g_build_filename (f->dir, "Handout.pdf", NULL);
  g_autofree char *existing = g_build_filename (f->dir, "Again.pdf", NULL);
  GTask *task = g_task_new (f->window, NULL, NULL, NULL);
  AdwMessageDialog *question;

  g_task_set_task_data (task, f, NULL);
  verk_save_chooser_show (task, GTK_WINDOW (f->window), &kind, f->dir, "Handout.pdf", chosen_keep_task);
  answer (f, "Handout", GTK_RESPONSE_ACCEPT);
  g_assert_cmpstr (f->path, ==, expected);
  g_assert_false (chooser_alive ());
  drop_task_in_worker (f);

  /* The same after Replace. */
  g_clear_pointer (&f->path, g_free);
  f->done = FALSE;
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  task = g_task_new (f->window, NULL, NULL, NULL);
  g_task_set_task_data (task, f, NULL);
  verk_save_chooser_show (task, GTK_WINDOW (f->window), &kind, f->dir, "Handout.pdf", chosen_keep_task);
  type_and_accept ("Again");
  question = find_message_dialog ();
  g_assert_nonnull (question);
  respond (question, "replace");
  wait_done (f);
  g_assert_cmpstr (f->path, ==, existing);
  g_assert_false (chooser_alive ());
  drop_task_in_worker (f);
}

/* A file written while its window is closed. */
typedef struct {
  gboolean  source_seen;       /* the worker's task had a source object */
  gboolean  result_taken;      /* the caller's callback ran */
  gboolean  window_gone;
  GThread  *window_gone_in;
  char     *path;
} Writer;

static void
write_in_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Writer *w = task_data;

  w->source_seen = source_object != NULL;
  g_task_return_pointer (task, g_strdup ("/written.pdf"), g_free);
}

static void
on_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Writer *w = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (GTK_IS_WINDOW (source));
  w->path = g_task_propagate_pointer (G_TASK (result), &error);
  g_assert_no_error (error);
  w->result_taken = TRUE;
}

static void
on_written_without_window (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Writer *w = user_data;

  w->path = g_task_propagate_pointer (G_TASK (result), NULL);
  w->result_taken = TRUE;
}

static void
on_window_gone (gpointer data, GObject *where_the_object_was)
{
  Writer *w = data;

  w->window_gone_in = g_thread_self ();
  g_atomic_int_set (&w->window_gone, TRUE);
  g_main_context_wakeup (NULL);   /* were it in the worker */
}

/* The window a handout or workbook is saved from may be closed while the
 * file is written. A threaded GTask lets go of its source object with its
 * last reference, which is the worker's whenever the main thread has run
 * the callback before the worker's thread function has quite returned, and
 * GTK crashes when a window is finalized off the main thread. So the task
 * the worker holds has no source object (it had the window: this fails on
 * the old code), and the window, closed meanwhile, goes on the main thread
 * once the caller has its result. */
static void
test_worker_holds_no_window (Fixture *f, gconstpointer data)
{
  Writer w = { 0 };
  GtkWidget *window = gtk_window_new ();
  GTask *task = g_task_new (window, NULL, on_written, &w);

  g_task_set_task_data (task, &w, NULL);
  g_object_weak_ref (G_OBJECT (window), on_window_gone, &w);
  gtk_window_present (GTK_WINDOW (window));
  verk_save_chooser_write_in_thread (task, write_in_worker);
  gtk_window_destroy (GTK_WINDOW (window));   /* the task's reference is its last */

  while (!w.result_taken || !g_atomic_int_get (&w.window_gone))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (w.source_seen);
  g_assert_true (w.window_gone_in == g_thread_self ());
  g_assert_cmpstr (w.path, ==, "/written.pdf");
  g_free (w.path);
}

/* Closing the last window while a file is written: the application is
 * held until the file is written and the caller has its result, and then
 * let go. GApplication has no getter for its use count; releasing it warns
 * (fatal here) when nothing holds it, so a release and hold again tells
 * that something does. */
static void
test_application_held_while_writing (Fixture *f, gconstpointer data)
{
  Writer w = { 0 };
  g_autoptr (GApplication) application = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  GTask *task = g_task_new (NULL, NULL, on_written_without_window, &w);

  g_assert_true (g_application_get_default () == application);
  g_task_set_task_data (task, &w, NULL);
  verk_save_chooser_write_in_thread (task, write_in_worker);
  g_application_release (application);   /* fails on the old code: nothing held */
  g_application_hold (application);
  while (!w.result_taken)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (w.path, ==, "/written.pdf");
  g_free (w.path);

  /* let go once the caller had its result */
  g_test_expect_message ("GLib-GIO", G_LOG_LEVEL_CRITICAL, "*use_count > 0*");
  g_application_release (application);
  g_test_assert_expected_messages ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/export-dialog/saves-with-suffix", Fixture, NULL, fixture_setup, test_saves_with_suffix, fixture_teardown);
  g_test_add ("/export-dialog/existing-name-asks", Fixture, NULL, fixture_setup, test_existing_name_asks, fixture_teardown);
  g_test_add ("/export-dialog/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/export-dialog/failure", Fixture, NULL, fixture_setup, test_failure, fixture_teardown);
  g_test_add ("/save-chooser/closed-before-the-worker", Fixture, NULL, fixture_setup,
              test_chooser_closed_before_the_worker, fixture_teardown);
  g_test_add ("/save-chooser/worker-holds-no-window", Fixture, NULL, fixture_setup,
              test_worker_holds_no_window, fixture_teardown);
  g_test_add ("/save-chooser/application-held-while-writing", Fixture, NULL, fixture_setup,
              test_application_held_while_writing, fixture_teardown);
  return g_test_run ();
}
