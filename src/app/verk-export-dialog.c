/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-export-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include <adwaita.h>

#include "verk-export-dialog.h"
#include "verk-save-chooser.h"
#include "verk-toast.h"

#define FOLDER_KEY "export-folder"

typedef struct {
  GSettings            *settings;    /* the application's; NULL without a schema */
  VerkStore            *store;
  VerkExportScope       scope;
  gint64                id;
  char                 *path;
  VerkExportData       *data;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->settings);
  g_clear_object (&job->store);
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->data, verk_export_data_free);
  g_free (job);
}

/* A file name from a group name or a date: no characters that file systems
 * or Windows refuse, so the workbook can travel. */
static char *
file_name_part (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        g_string_append_c (out, c < 0x80 ? '-' : ' ');
      else
        g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The group's name from the window's group model: a file name needs no
 * read of its own. */
static const char *
group_name (VerkGroupListModel *groups,
            gint64              group_id)
{
  VerkGroupEntry *entry = verk_group_list_model_find_group (groups, group_id);

  return entry != NULL ? verk_group_entry_get_group (entry)->name : "";
}

static char *
suggested_name (ExportJob          *job,
                VerkGroupListModel *groups)
{
  g_autofree char *name = NULL;
  g_autofree char *raw = NULL;

  if (job->scope == VERK_EXPORT_WORKSHOP)
    {
      const VerkWorkshopSummary *summary = verk_group_list_model_find_workshop (groups, job->id);
      const VerkWorkshop *w = summary != NULL ? summary->workshop : NULL;

      /* Translators: the suggested file name of a workshop's workbook: group, date */
      raw = g_strdup_printf (_("%s %s"), w != NULL ? group_name (groups, w->group_id) : "",
                             w != NULL ? w->date : "");
    }
  else if (job->scope == VERK_EXPORT_GROUP)
    {
      /* Translators: the suggested file name of a group's workbook */
      raw = g_strdup_printf (_("%s, all workshops"), group_name (groups, job->id));
    }
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      /* Translators: the suggested file name of the workbook of every group */
      raw = g_strdup_printf (_("Verkstad, all groups %s"), today);
    }
  name = file_name_part (raw);
  return g_strconcat (name[0] != '\0' ? name : "Verkstad", ".xlsx", NULL);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (verk_xlsx_export_write (job->data, job->path, NULL, &error))
    g_task_return_pointer (task, g_strdup (job->path), g_free);
  else
    g_task_return_error (task, error);
}

/* Remembers the folder, reads the data and writes the workbook to @path in
 * a worker. Ends the task (or hands it to the worker). */
static void
start_export (GTask *task,
              char  *path)
{
  ExportJob *job = g_task_get_task_data (task);
  g_autofree char *folder_path = NULL;
  GError *error = NULL;

  job->path = path;
  folder_path = g_path_get_dirname (job->path);

  if (job->settings != NULL)
    g_settings_set_string (job->settings, FOLDER_KEY, folder_path);

  /* Reading is SQL on the store's thread and takes milliseconds; writing
   * (zip compression, the puzzle image) goes to a worker with its own copy. */
  job->data = verk_export_data_collect (job->store, job->scope, job->id, &error);
  if (job->data == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  verk_save_chooser_write_in_thread (task, write_in_thread);
}

/**
 * verk_export_dialog_run_async:
 * @parent: the window the chooser belongs to
 * @settings: (nullable): the application's settings, where the folder of
 *   the last export is kept
 * @groups: the window's groups and workshops (for the file name) and,
 *   through it, the store to export from
 * @scope: one workshop, its group, or every group
 * @id: the workshop or group id
 * @cancellable: (nullable): a cancellable
 * @callback: called when the workbook is written, failed, or the user cancelled
 * @user_data: data for @callback
 *
 * Asks where to save the workbook and writes it.
 */
void
verk_export_dialog_run_async (GtkWindow           *parent,
                              GSettings           *settings,
                              VerkGroupListModel  *groups,
                              VerkExportScope      scope,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  ExportJob *job;
  g_autofree char *folder = settings != NULL ? g_settings_get_string (settings, FOLDER_KEY) : NULL;
  g_autofree char *name = NULL;
  const char *titles[] = {
    N_("Export the Workshop"), N_("Export All Workshops of the Group"), N_("Export All Groups"),
  };
  const VerkSaveChooserKind kind = {
    .title = _(titles[CLAMP (scope, 0, 2)]),
    .accept_label = _("_Export"),
    .filter_name = _("Excel workbooks"),
    .suffix = "xlsx",
    .mime_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    .not_local = _("Workbooks can only be saved in a local folder. Choose another place."),
  };

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (VERK_IS_GROUP_LIST_MODEL (groups));

  job = g_new0 (ExportJob, 1);
  job->settings = settings != NULL ? g_object_ref (settings) : NULL;
  job->store = g_object_ref (verk_group_list_model_get_store (groups));
  job->scope = scope;
  job->id = id;
  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, verk_export_dialog_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  name = suggested_name (job, groups);
  verk_save_chooser_show (task, parent, &kind, folder, name, start_export);
}

/**
 * verk_export_dialog_run_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the path written, or %NULL.
 */
char *
verk_export_dialog_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == verk_export_dialog_run_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * verk_export_dialog_result_message:
 * @path: (nullable): what verk_export_dialog_run_finish() returned
 * @error: (nullable): the error it set
 *
 * Returns: (transfer full) (nullable): the message for a toast.
 */
char *
verk_export_dialog_result_message (const char   *path,
                                   const GError *error)
{
  if (error != NULL)
    return g_strdup (error->message);
  if (path == NULL)
    return NULL;
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *shown = g_filename_display_name (base);

    return g_strdup_printf (_("Saved the workbook “%s”."), shown);
  }
}

/* Open and Show Folder in the toast: the desktop's default application for
 * the file or its folder (GIO; no GtkFileLauncher before GTK 4.10). A
 * failure is told in a toast of its own. */
static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GtkWindow) window = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The workbook could not be opened: %s"), error->message);

      verk_toast_show (GTK_WIDGET (window), message);
    }
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = user_data;
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (window)));
  g_autofree char *uri = NULL;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "open-folder"))
    folder = g_file_get_parent (file);
  uri = g_file_get_uri (folder != NULL ? folder : file);
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, on_launched,
                                           g_object_ref (window));
}

/* "export.open" and "export.open-folder" on @window, once. */
static void
add_open_actions (GtkWindow *window)
{
  static const GActionEntry entries[] = {
    { "open", open_activated, "s", NULL, NULL, { 0 } },
    { "open-folder", open_activated, "s", NULL, NULL, { 0 } },
  };
  g_autoptr (GSimpleActionGroup) group = NULL;

  if (g_object_get_data (G_OBJECT (window), "verk-export-actions") != NULL)
    return;
  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), window);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "export", G_ACTION_GROUP (group));
  g_object_set_data (G_OBJECT (window), "verk-export-actions", GINT_TO_POINTER (TRUE));
}

/**
 * verk_export_dialog_result_toast:
 * @window: the window the toast is shown in
 * @path: (nullable): what verk_export_dialog_run_finish() returned
 * @error: (nullable): the error it set
 *
 * The toast for the end of an export: the saved file's name with Open (the
 * workbook in the default spreadsheet application) and Show Folder, or the
 * error's message.
 *
 * Returns: (transfer full) (nullable): the toast; %NULL when the user cancelled.
 */
AdwToast *
verk_export_dialog_result_toast (GtkWindow    *window,
                                 const char   *path,
                                 const GError *error)
{
  g_autofree char *message = verk_export_dialog_result_message (path, error);
  AdwToast *toast;
  GtkWidget *title, *label, *folder;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  if (message == NULL)
    return NULL;
  toast = adw_toast_new (message);
  if (error != NULL || path == NULL)
    return toast;

  add_open_actions (window);
  adw_toast_set_timeout (toast, 10);
  /* No mnemonic: GTK 4.8 would read "_Open Open" to a screen reader. */
  adw_toast_set_button_label (toast, _("Open"));
  adw_toast_set_detailed_action_name (toast, "export.open");
  adw_toast_set_action_target_value (toast, g_variant_new_string (path));

  /* The folder as a second, quieter button beside the message. */
  title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (message);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  folder = gtk_button_new_with_label (_("Show Folder"));
  gtk_widget_add_css_class (folder, "flat");
  gtk_widget_set_valign (folder, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "export.open-folder");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (folder), g_variant_new_string (path));
  gtk_box_append (GTK_BOX (title), label);
  gtk_box_append (GTK_BOX (title), folder);
  adw_toast_set_custom_title (toast, title);
  return toast;
}
