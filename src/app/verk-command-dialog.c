/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-command-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "verk-command-dialog.h"

/**
 * verk_command_dialog_get_commands:
 * @store: the store the window shows
 * @workshop: the open workshop, as the window's model holds it
 *
 * Returns: (transfer full): one command a line; `--db` only when the window
 *   shows another database than the default one.
 */
char *
verk_command_dialog_get_commands (VerkStore          *store,
                                  const VerkWorkshop *workshop)
{
  gint64 workshop_id;
  g_autofree char *default_path = verk_store_default_path ();
  g_autofree char *db = NULL;
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (workshop != NULL, NULL);

  workshop_id = workshop->id;
  if (g_strcmp0 (verk_store_get_path (store), default_path) != 0)
    {
      g_autofree char *quoted = g_shell_quote (verk_store_get_path (store));

      db = g_strconcat (" --db ", quoted, NULL);
    }
  /* Translators: file names in the example commands; keep the endings */
  g_string_append_printf (out, "verkstad --export-pdf %s --workshop %" G_GINT64_FORMAT "%s\n",
                          _("handout.pdf"), workshop_id, db != NULL ? db : "");
  g_string_append_printf (out, "verkstad --export-xlsx %s --workshop %" G_GINT64_FORMAT "%s",
                          _("workshop.xlsx"), workshop_id, db != NULL ? db : "");
  g_string_append_printf (out, "\nverkstad --export-xlsx %s --group %" G_GINT64_FORMAT "%s",
                          _("group.xlsx"), workshop->group_id, db != NULL ? db : "");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             const char       *commands)
{
  if (g_str_equal (response, "copy"))
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), commands);
}

/**
 * verk_command_dialog_show:
 * @parent: the window
 * @store: the store it shows
 * @workshop: the open workshop, as the window's model holds it
 *
 * Shows the commands for the open workshop.
 */
void
verk_command_dialog_show (GtkWindow          *parent,
                          VerkStore          *store,
                          const VerkWorkshop *workshop)
{
  char *commands = verk_command_dialog_get_commands (store, workshop);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, workshop->id);
  /* Translators: the heading of the dialog with the command-line commands */
  g_autofree char *heading = g_strdup_printf (_("Workshop Number %s"), number);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading,
                                              _("These commands save this workshop’s handout and workbook "
                                                "without opening the window, for example on a schedule. "
                                                "Run them in a terminal; README describes every option."));
  GtkWidget *label = gtk_label_new (commands);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Commands for this workshop"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "copy", _("_Copy Commands"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), commands,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
