/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-exchange-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "verk-exchange-dialog.h"
#include "verk-group-list-model.h"
#include "verk-store-exchange.h"
#include "verk-toast.h"

/* The content pack every workshop file is stamped with (the one the window
 * shows; the command line writes the same). */
#define CONTENT_PACK "siq"

/* ------------------------------------------------------------------------ */
/* Import                                                                   */

/**
 * verk_exchange_import_summary:
 * @report: what an import did
 *
 * Returns: (transfer full): "3 workshops added, 1 updated, 2 unchanged".
 */
char *
verk_exchange_import_summary (const VerkImportReport *report)
{
  g_autofree char *added = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *unchanged = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workshop added", "%u workshops added",
                                        report->workshops_added), report->workshops_added);
  /* Translators: "1 updated" after "3 workshops added, " */
  updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated",
                                          report->workshops_updated), report->workshops_updated);
  /* Translators: "2 unchanged" after "3 workshops added, 1 updated, " */
  unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged",
                                            report->workshops_unchanged), report->workshops_unchanged);
  /* Translators: "3 workshops added, 1 updated, 2 unchanged" */
  return g_strdup_printf (_("%s, %s, %s"), added, updated, unchanged);
}

static void
show_toast (GtkWindow  *parent,
            const char *message)
{
  verk_toast_show (GTK_WIDGET (parent), message);
}

/* Every refusal, each naming its file, and what was imported besides. */
static void
show_refusals (GtkWindow              *parent,
               GPtrArray              *refusals,
               const VerkImportReport *report)
{
  g_autofree char *summary = verk_exchange_import_summary (report);
  g_autofree char *heading = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u File Not Imported", "%u Files Not Imported",
                                          refusals->len), refusals->len);
  for (guint i = 0; i < refusals->len; i++)
    g_string_append_printf (body, "%s\n\n", (const char *) refusals->pdata[i]);
  if (report->files_read > 0)
    /* Translators: %u files, %s is "3 workshops added, 1 updated, 2 unchanged" */
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "From the other %u file: %s.",
                                               "From the other %u files: %s.", report->files_read),
                            report->files_read, summary);
  else
    g_string_append (body, _("Nothing was imported."));

  dialog = adw_message_dialog_new (parent, heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An import runs in a worker thread (verk_store_import_async: its own
 * connection, batches of files), so the window keeps drawing and answering.
 * When it takes longer than a moment, a dialog tells how far it is, with a
 * progress bar and Cancel; at the end the toast or the refusals as before. */

#define IMPORT_RUNNING "verk-exchange-import-running"

/* How long an import may run before its progress is shown: a few files are
 * done before a dialog would be read. */
#define PROGRESS_DELAY_MS 300

typedef struct {
  GtkWindow        *parent;
  VerkStore        *store;
  GCancellable     *cancellable;
  AdwMessageDialog *dialog;        /* the progress, once shown */
  GtkProgressBar   *bar;
  guint             show_id;
  guint             done, total;
  gboolean          over;
} ImportUi;

static void
import_ui_clear (ImportUi *ui)
{
  g_clear_object (&ui->parent);
  g_clear_object (&ui->store);
  g_clear_object (&ui->cancellable);
}

static void
import_ui_unref (ImportUi *ui)
{
  g_rc_box_release_full (ui, (GDestroyNotify) import_ui_clear);
}

static char *
progress_text (guint done,
               guint total)
{
  /* Translators: "Importing 37 of 200 files…" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Importing %u of %u file…", "Importing %u of %u files…",
                                       total), done, total);
}

static void
update_progress (ImportUi *ui)
{
  g_autofree char *text = NULL;

  if (ui->dialog == NULL)
    return;
  text = progress_text (ui->done, ui->total);
  adw_message_dialog_set_body (ui->dialog, text);
  gtk_progress_bar_set_fraction (ui->bar, ui->total > 0 ? (double) ui->done / ui->total : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ui->bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char       *response,
                      ImportUi         *ui)
{
  /* Cancel (or Escape): the files imported so far stay, each whole. */
  g_cancellable_cancel (ui->cancellable);
  ui->dialog = NULL;
  ui->bar = NULL;
}

static gboolean
show_progress (gpointer data)
{
  ImportUi *ui = data;
  GtkWidget *bar;

  ui->show_id = 0;
  if (ui->over)
    return G_SOURCE_REMOVE;
  ui->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (ui->parent, _("Importing Workshop Files"), NULL));
  adw_message_dialog_add_response (ui->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ui->dialog, "cancel");
  bar = gtk_progress_bar_new ();
  ui->bar = GTK_PROGRESS_BAR (bar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import progress"), -1);
  adw_message_dialog_set_extra_child (ui->dialog, bar);
  g_signal_connect (ui->dialog, "response", G_CALLBACK (on_progress_response), ui);
  update_progress (ui);
  gtk_window_present (GTK_WINDOW (ui->dialog));
  return G_SOURCE_REMOVE;
}

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer data)
{
  ImportUi *ui = data;

  ui->done = done;
  ui->total = total;
  update_progress (ui);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ImportUi *ui = data;
  g_autoptr (GPtrArray) refusals = NULL;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  VerkImportReport report = { 0 };

  ui->over = TRUE;
  g_clear_handle_id (&ui->show_id, g_source_remove);
  if (ui->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (ui->dialog, ui);
      gtk_window_destroy (GTK_WINDOW (ui->dialog));
      ui->dialog = NULL;
      ui->bar = NULL;
    }
  g_object_set_data (G_OBJECT (ui->parent), IMPORT_RUNNING, NULL);

  /* Emits the store's ::changed when something came in: the window reads it. */
  verk_store_import_finish (VERK_STORE (source), result, &report, &refusals, &error);
  for (guint i = 0; i < refusals->len; i++)
    g_ptr_array_add (messages, g_strdup (((GError *) refusals->pdata[i])->message));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *summary = verk_exchange_import_summary (&report);
      g_autofree char *message =
        /* Translators: %u of %u files, %s is "3 workshops added, 1 updated, 2 unchanged" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Import stopped after %u of %u file: %s.",
                                      "Import stopped after %u of %u files: %s.", ui->total),
                         report.files_read + report.files_refused, ui->total, summary);

      /* files refused before Cancel are still named */
      if (messages->len > 0)
        {
          g_ptr_array_add (messages, g_steal_pointer (&message));
          show_refusals (ui->parent, messages, &report);
        }
      else
        show_toast (ui->parent, message);
    }
  else
    {
      /* A locked or full database stopped it: said after the refused files. */
      if (error != NULL)
        g_ptr_array_add (messages, g_strdup (error->message));
      if (messages->len > 0)
        show_refusals (ui->parent, messages, &report);
      else
        {
          g_autofree char *summary = verk_exchange_import_summary (&report);
          g_autofree char *message =
            /* Translators: %u files, %s is "3 workshops added, 1 updated, 2 unchanged" */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u workshop file: %s.",
                                          "Imported %u workshop files: %s.", report.files_read),
                             report.files_read, summary);
          show_toast (ui->parent, message);
        }
    }
  import_ui_unref (ui);
}

/**
 * verk_exchange_dialog_import_files:
 * @parent: the window to tell the result in
 * @store: the store to import into
 * @paths: (array zero-terminated=1): files or folders
 *
 * Imports every workshop file in @paths in a worker thread, shows how far it
 * is when it takes a while (with Cancel), and tells what happened.
 */
void
verk_exchange_dialog_import_files (GtkWindow          *parent,
                                   VerkStore          *store,
                                   const char * const *paths)
{
  ImportUi *ui;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (VERK_IS_STORE (store));

  if (g_object_get_data (G_OBJECT (parent), IMPORT_RUNNING) != NULL)
    {
      show_toast (parent, _("Workshop files are being imported already. Wait until that import is done."));
      return;
    }
  g_object_set_data (G_OBJECT (parent), IMPORT_RUNNING, GINT_TO_POINTER (1));
  ui = g_rc_box_new0 (ImportUi);
  ui->parent = g_object_ref (parent);
  ui->store = g_object_ref (store);
  ui->cancellable = g_cancellable_new ();
  ui->show_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress, ui);
  verk_store_import_async (store, paths, ui->cancellable, on_import_progress, g_rc_box_acquire (ui),
                           (GDestroyNotify) import_ui_unref, on_import_done, ui);
}

typedef struct {
  GtkWindow *parent;
  VerkStore *store;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->store);
  g_free (data);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    ChooserData     *data)
{
  g_autoptr (GListModel) files = NULL;
  g_autoptr (GStrvBuilder) paths = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;
  gboolean remote = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            g_strv_builder_add (paths, path);
          else
            remote = TRUE;
        }
      list = g_strv_builder_end (paths);
      if (remote)
        show_toast (data->parent, _("Workshop files can only be imported from a local folder."));
      else if (list[0] != NULL)
        verk_exchange_dialog_import_files (data->parent, data->store, (const char * const *) list);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  chooser_data_free (data);
}

static void
add_verkstad_filter (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Verkstad workshop files"));
  gtk_file_filter_add_suffix (filter, "verkstad");
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * verk_exchange_dialog_import:
 * @parent: the window the chooser belongs to
 * @store: the store to import into
 * @folder: choose a folder rather than files
 *
 * Asks for workshop files (or a folder of them) and imports them.
 */
void
verk_exchange_dialog_import (GtkWindow *parent,
                             VerkStore *store,
                             gboolean   folder)
{
  GtkFileChooserNative *chooser;
  ChooserData *data;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (VERK_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder of Workshop Files")
                                                : _("Import Workshop Files"),
                                         parent,
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      add_verkstad_filter (GTK_FILE_CHOOSER (chooser));
    }
  data = g_new0 (ChooserData, 1);
  data->parent = g_object_ref (parent);
  data->store = g_object_ref (store);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------ */
/* Export                                                                   */

typedef struct {
  GtkWindow      *parent;
  VerkStore      *store;
  GArray         *group_ids;     /* gint64, as the drop-down lists them */
  GtkDropDown    *groups;        /* borrowed from the dialog */
  gint64          group_id;      /* the chosen one */
  char           *group_name;
  gboolean        aggregates_only;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->store);
  g_clear_pointer (&data->group_ids, g_array_unref);
  g_clear_pointer (&data->group_name, g_free);
  g_free (data);
}

/* A file name from a group's name: nothing a file system refuses. */
static char *
file_name_for (const char *group_name)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = group_name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        g_string_append_c (out, '-');
      else
        g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  if (out->str[0] == '\0')
    g_string_assign (out, "Verkstad");
  g_string_append (out, ".verkstad");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  ExportData      *data)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  chosen = file != NULL ? g_file_get_path (file) : NULL;
  if (chosen == NULL)
    {
      show_toast (data->parent, _("Workshop files can only be saved in a local folder. Choose another place."));
      goto out;
    }
  path = g_str_has_suffix (chosen, ".verkstad") ? g_strdup (chosen) : g_strconcat (chosen, ".verkstad", NULL);
  base = g_path_get_basename (path);
  shown = g_filename_display_name (base);
  /* The chooser asked about the name as typed, not about it with .verkstad. */
  if (!g_str_equal (path, chosen) && g_file_test (path, G_FILE_TEST_EXISTS))
    message = g_strdup_printf (_("“%s” already exists, so nothing was saved. Choose another name."), shown);
  else if (verk_store_export_workshops (data->store, path, data->group_id, NULL, 0, CONTENT_PACK,
                                        data->aggregates_only ? VERK_EXCHANGE_AGGREGATES_ONLY
                                                              : VERK_EXCHANGE_DEFAULT, &error))
    message = g_strdup_printf (_("Saved the workshop file “%s”."), shown);
  else
    message = g_strdup (error->message);
  show_toast (data->parent, message);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_data_free (data);
}

static void
ask_where (ExportData *data)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = file_name_for (data->group_name);

  chooser = gtk_file_chooser_native_new (_("Export Group as Workshop File"), data->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_verkstad_filter (GTK_FILE_CHOOSER (chooser));
  {
    const char *folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr (GFile) dir = g_file_new_for_path (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR)
                                                 ? folder : g_get_home_dir ());

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_choice_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportData       *data)
{
  guint chosen = gtk_drop_down_get_selected (data->groups);

  if ((g_strcmp0 (response, "export") != 0 && g_strcmp0 (response, "aggregates") != 0)
      || chosen >= data->group_ids->len)
    {
      export_data_free (data);
      return;
    }
  data->group_id = g_array_index (data->group_ids, gint64, chosen);
  data->group_name = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (data->groups)),
                                                           chosen));
  data->aggregates_only = g_strcmp0 (response, "aggregates") == 0;
  data->groups = NULL;
  ask_where (data);
}

/**
 * verk_exchange_dialog_export_group:
 * @parent: the window the dialog belongs to
 * @store: the store to export from
 * @group_id: the group chosen first, or 0
 *
 * Asks which group, whether only the numbers travel, then where to save.
 */
void
verk_exchange_dialog_export_group (GtkWindow *parent,
                                   VerkStore *store,
                                   gint64     group_id)
{
  g_autoptr (VerkGroupListModel) groups = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  const GError *failed;
  guint n_groups;
  ExportData *data;
  GtkWidget *dialog, *box, *label;
  guint selected = 0;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (VERK_IS_STORE (store));

  /* The groups as the start page lists them (the one worked with last
   * first), read by the model, not by the dialog. */
  groups = verk_group_list_model_new (store);
  failed = verk_group_list_model_get_error (groups);
  if (failed != NULL)
    {
      show_toast (parent, failed->message);
      return;
    }
  n_groups = g_list_model_get_n_items (G_LIST_MODEL (groups));
  if (n_groups == 0)
    {
      show_toast (parent, _("There is no group to export yet."));
      return;
    }
  data = g_new0 (ExportData, 1);
  data->parent = g_object_ref (parent);
  data->store = g_object_ref (store);
  data->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr (VerkGroupEntry) entry = g_list_model_get_item (G_LIST_MODEL (groups), i);
      const VerkGroup *group = verk_group_entry_get_group (entry);

      gtk_string_list_append (names, group->name);
      g_array_append_val (data->group_ids, group->id);
      if (group->id == group_id)
        selected = i;
    }

  dialog = adw_message_dialog_new (parent, _("Export Group as Workshop File"),
                                   _("A workshop file holds all the group’s workshops. Another "
                                     "Verkstad imports it; importing it again changes nothing. "
                                     "Aggregates only leaves out names and comments."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  label = gtk_label_new_with_mnemonic (_("_Group"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  data->groups = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_drop_down_set_selected (data->groups, selected);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (data->groups));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->groups), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Group"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->groups));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  /* Two answers rather than a check box: each says what the file will hold. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "aggregates", _("_Aggregates Only…"),
                                    "export", _("_With Names…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_choice_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
}
