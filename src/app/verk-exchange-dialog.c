/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-exchange-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "verk-exchange-dialog.h"
#include "verk-window.h"

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
  if (VERK_IS_WINDOW (parent))
    verk_window_show_toast (VERK_WINDOW (parent), message);
  else
    g_message ("%s", message);
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

/* A folder's files are imported one by one too, so that each refusal is
 * named, not only the first. */
static void
collect_paths (const char *path,
               GPtrArray  *files,
               GPtrArray  *refusals)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  names = g_ptr_array_new_with_free_func (g_free);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".verkstad"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  if (names->len == 0)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_ptr_array_add (refusals, g_strdup_printf (_("There are no workshop files (.verkstad) in the "
                                                    "folder “%s”."), shown));
      return;
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_strdup (names->pdata[i]));
}

/**
 * verk_exchange_dialog_import_files:
 * @parent: the window to tell the result in
 * @store: the store to import into
 * @paths: (array zero-terminated=1): files or folders
 *
 * Imports every workshop file in @paths, each in its own transaction, and
 * tells what happened.
 */
void
verk_exchange_dialog_import_files (GtkWindow          *parent,
                                   VerkStore          *store,
                                   const char * const *paths)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) refusals = g_ptr_array_new_with_free_func (g_free);
  VerkImportReport report = { 0 };

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (VERK_IS_STORE (store));

  for (guint i = 0; paths[i] != NULL; i++)
    collect_paths (paths[i], files, refusals);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!verk_store_import (store, files->pdata[i], &report, &error))
        {
          g_ptr_array_add (refusals, g_strdup (error->message));
          /* A locked or full database: the files after it would fail alike. */
          if (!g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW) &&
              !g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_DATABASE) &&
              !g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_VERKSTAD) &&
              !g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_EMPTY))
            break;
        }
    }

  if (refusals->len > 0)
    show_refusals (parent, refusals, &report);
  else
    {
      g_autofree char *summary = verk_exchange_import_summary (&report);
      g_autofree char *message =
        /* Translators: %u files, %s is "3 workshops added, 1 updated, 2 unchanged" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u workshop file: %s.",
                                      "Imported %u workshop files: %s.", report.files_read),
                         report.files_read, summary);

      show_toast (parent, message);
    }
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
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  ExportData *data;
  GtkWidget *dialog, *box, *label;
  guint selected = 0;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (VERK_IS_STORE (store));

  groups = verk_store_list_groups (store, &error);
  if (groups == NULL)
    {
      show_toast (parent, error->message);
      return;
    }
  if (groups->len == 0)
    {
      show_toast (parent, _("There is no group to export yet."));
      return;
    }
  data = g_new0 (ExportData, 1);
  data->parent = g_object_ref (parent);
  data->store = g_object_ref (store);
  data->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < groups->len; i++)
    {
      VerkGroup *group = g_ptr_array_index (groups, i);

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
