/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-backups-window"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-backup-list-model.h"
#include "verk-backups-window.h"
#include "verk-format.h"

struct _VerkBackupsWindow
{
  AdwWindow            parent_instance;

  /* template widgets */
  GtkStack            *stack;
  GtkListBox          *backups_list;

  /* owned */
  VerkBackupListModel *backups;
};

G_DEFINE_FINAL_TYPE (VerkBackupsWindow, verk_backups_window, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
destroy_window (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_confirm_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     VerkBackupsWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "verk-path");
  const char *day = g_object_get_data (G_OBJECT (dialog), "verk-day");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  if (!verk_store_restore_backup (verk_backup_list_model_get_store (self->backups), path, &error))
    {
      AdwMessageDialog *failed =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Backup Was Not Restored"),
                                                    error->message));

      adw_message_dialog_add_response (failed, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
      /* The safety copy may have been written before the restore failed,
       * and a failure announces no change. */
      verk_backup_list_model_refresh (self->backups, NULL);
      return;
    }

  g_signal_emit (self, signals[RESTORED], 0, day);
  /* Not now: the confirmation, transient for this window, is still in its
   * response and would be left pointing at a destroyed parent. */
  gtk_widget_hide (GTK_WIDGET (self));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_window, g_object_ref (self), g_object_unref);
}

static void
on_restore_clicked (GtkButton         *button,
                    VerkBackupsWindow *self)
{
  const char *day = g_object_get_data (G_OBJECT (button), "verk-day");
  g_autofree char *heading = g_strdup_printf (_("Restore the Backup of %s?"), day);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Every group and workshop returns to how it was then. "
                                     "Today’s contents are kept as one more backup first, "
                                     "so you can go back to them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "verk-path",
                          g_strdup (g_object_get_data (G_OBJECT (button), "verk-path")), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "verk-day", g_strdup (day), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The day and the time the copy was written ("1 mars 2026 14:05"), as the
 * window shows dates: one day can have several (every restore keeps one), so
 * the day alone does not tell them apart. */
static char *
backup_time (VerkBackupEntry *entry)
{
  g_autofree char *day = verk_format_date_long (verk_backup_entry_get_backup (entry)->day);
  GDateTime *written = verk_backup_entry_get_written (entry);
  g_autofree char *time = NULL;

  if (written == NULL)
    return g_steal_pointer (&day);
  time = g_date_time_format (written, "%H:%M");
  return g_strdup_printf ("%s %s", day, time);
}

/* A row of the list, for gtk_list_box_bind_model(). */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  VerkBackupEntry *entry = item;
  const VerkBackup *backup = verk_backup_entry_get_backup (entry);
  g_autofree char *basename = g_path_get_basename (backup->path);
  g_autofree char *display = g_filename_display_name (basename);
  g_autofree char *when = backup_time (entry);
  g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), when);
  /* Why it was made ("Automatic backup", "Before restoring a backup"), then
   * the file, so it can also be found by hand. */
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", verk_backup_describe (backup), display);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Restore…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Several copies of one minute have the same label: the reason and file
   * tell them apart for a screen reader too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "verk-path", g_strdup (backup->path), g_free);
  g_object_set_data_full (G_OBJECT (button), "verk-day", verk_format_date_long (backup->day), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), user_data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
update_page (VerkBackupsWindow *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->backups)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
}

static void
verk_backups_window_dispose (GObject *object)
{
  VerkBackupsWindow *self = VERK_BACKUPS_WINDOW (object);

  g_clear_object (&self->backups);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_BACKUPS_WINDOW);

  G_OBJECT_CLASS (verk_backups_window_parent_class)->dispose (object);
}

static void
verk_backups_window_class_init (VerkBackupsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_backups_window_dispose;

  /**
   * VerkBackupsWindow::restored:
   * @day: the day of the backup now in use, as the window shows dates
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-backups-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkBackupsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkBackupsWindow, backups_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verk_backups_window_init (VerkBackupsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * verk_backups_window_new:
 * @parent: the window to be modal for
 * @store: whose backups to list
 *
 * Returns: (transfer none): a new window, not yet shown.
 */
VerkBackupsWindow *
verk_backups_window_new (GtkWindow *parent,
                         VerkStore *store)
{
  VerkBackupsWindow *self;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  self = g_object_new (VERK_TYPE_BACKUPS_WINDOW, "transient-for", parent, NULL);
  self->backups = verk_backup_list_model_new (store);
  if (verk_backup_list_model_get_error (self->backups) != NULL)
    g_warning ("Could not list the backups: %s", verk_backup_list_model_get_error (self->backups)->message);
  gtk_list_box_bind_model (self->backups_list, G_LIST_MODEL (self->backups), create_row, self, NULL);
  g_signal_connect_object (self->backups, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  update_page (self);
  return self;
}
