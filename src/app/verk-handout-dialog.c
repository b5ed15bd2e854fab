/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-handout-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-handout-dialog.h"
#include "verk-save-chooser.h"

typedef struct {
  VerkStore            *store;
  gint64                workshop_id;
  VerkHandout          *handout;
  char                 *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->handout, verk_handout_free);
  g_clear_pointer (&job->path, g_free);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (verk_handout_write_pdf (job->handout, job->path, &error))
    g_task_return_pointer (task, g_strdup (job->path), g_free);
  else
    g_task_return_error (task, error);
}

/* Writes the PDF to @path in a worker. */
static void
save_to (GTask *task,
         char  *path)
{
  SaveJob *job = g_task_get_task_data (task);

  job->path = path;
  verk_save_chooser_write_in_thread (task, write_in_thread);
}

/**
 * verk_handout_dialog_save_async:
 * @parent: the window the chooser belongs to
 * @store: the store
 * @workshop_id: the workshop whose handout to save
 * @callback: called when the file is written, failed, or the user cancelled
 * @user_data: data for @callback
 *
 * Asks where to save the handout and writes it.
 */
void
verk_handout_dialog_save_async (GtkWindow           *parent,
                                VerkStore           *store,
                                gint64               workshop_id,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  const VerkSaveChooserKind kind = {
    .title = _("Save the Handout"),
    .accept_label = _("_Save"),
    .filter_name = _("PDF documents"),
    .suffix = "pdf",
    .mime_type = "application/pdf",
    .not_local = _("Handouts can only be saved in a local folder. Choose another place."),
  };
  GTask *task;
  SaveJob *job;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (VERK_IS_STORE (store));

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, verk_handout_dialog_save_async);
  job = g_new0 (SaveJob, 1);
  job->store = g_object_ref (store);
  job->workshop_id = workshop_id;
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);

  /* Read now: what the chooser's file name and the PDF show is the
   * workshop as it is when the user asked. */
  job->handout = verk_handout_new (store, workshop_id, &error);
  if (job->handout == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  name = verk_handout_suggest_name (job->handout);
  verk_save_chooser_show (task, parent, &kind, NULL, name, save_to);
}

/**
 * verk_handout_dialog_save_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the path written, or %NULL.
 */
char *
verk_handout_dialog_save_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == verk_handout_dialog_save_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              VerkHandout       *handout)
{
  verk_handout_draw_page (handout, gtk_print_context_get_cairo_context (context), (guint) page);
}

/**
 * verk_handout_print_operation_new:
 * @handout: (transfer full): the handout to print
 *
 * Returns: (transfer full): the operation, ready to run.
 */
GtkPrintOperation *
verk_handout_print_operation_new (VerkHandout *handout)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *name = verk_handout_suggest_name (handout);

  g_return_val_if_fail (handout != NULL, NULL);

  /* The handout is laid out for the whole A4 sheet in points, with its own
   * margins: the same coordinates as the PDF. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) verk_handout_get_n_pages (handout));
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page), handout,
                         (GClosureNotify) (void (*) (void)) verk_handout_free, 0);
  return operation;
}

/**
 * verk_handout_dialog_print:
 * @parent: the window the print dialog belongs to
 * @store: the store
 * @workshop_id: the workshop whose handout to print
 * @error: the place for a translated error
 *
 * Returns: FALSE with @error set when printing could not start.
 */
gboolean
verk_handout_dialog_print (GtkWindow  *parent,
                           VerkStore  *store,
                           gint64      workshop_id,
                           GError    **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  VerkHandout *handout;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (VERK_IS_STORE (store), FALSE);

  handout = verk_handout_new (store, workshop_id, error);
  if (handout == NULL)
    return FALSE;
  operation = verk_handout_print_operation_new (handout);
  gtk_print_operation_set_allow_async (operation, TRUE);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}
