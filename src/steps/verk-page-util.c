/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-page-util"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-page-util.h"
#include "verk-application.h"
#include "verk-toast.h"

/** verk_page_toast: Shows @message in the nearest toast overlay. Returns: (transfer none) (nullable): the toast. */
AdwToast *
verk_page_toast (GtkWidget  *widget,
                 const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  return verk_toast_add (widget, toast) ? toast : NULL;
}

/** verk_page_toast_error: Shows a store error to the user. */
void
verk_page_toast_error (GtkWidget    *widget,
                       const GError *error)
{
  g_return_if_fail (error != NULL);
  verk_page_toast (widget, error->message);
}

/** verk_page_participant_title: Returns: (transfer full): the name to show for a participant. */
char *
verk_page_participant_title (const VerkParticipant *participant,
                             guint                  index)
{
  if (participant->name != NULL && participant->name[0] != '\0')
    return g_strdup (participant->name);
  /* Translators: an unnamed participant, numbered from 1 */
  return g_strdup_printf (_("Participant %u"), index);
}

/** verk_page_load_scale: Copies the model's five scale levels. */
void
verk_page_load_scale (VerkWorkshopModel  *model,
                      char              **labels,
                      char              **descriptions)
{
  GListModel *scale;

  for (int i = 0; i < 5; i++)
    labels[i] = descriptions[i] = NULL;
  if (model == NULL || (scale = verk_workshop_model_get_scale_list (model)) == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (scale) && i < 5; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (scale, i);
      const VerkItem *item = verk_record_get_piece (record)->item;

      labels[i] = g_strdup (item->name);
      descriptions[i] = g_strdup (item->description);
    }
}

/** verk_page_scale_clear: Frees what verk_page_load_scale() filled in. */
void
verk_page_scale_clear (char **labels,
                       char **descriptions)
{
  for (int i = 0; i < 5; i++)
    {
      g_clear_pointer (&labels[i], g_free);
      g_clear_pointer (&descriptions[i], g_free);
    }
}

/** verk_page_disagreement_threshold: Returns: the spread at which a group disagrees. */
int
verk_page_disagreement_threshold (void)
{
  GApplication *app = g_application_get_default ();
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchemaSource) prefix_source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  /* The application's one GSettings; a settings object of its own only
   * where there is no application (widget tests). */
  if (VERK_IS_APPLICATION (app) && verk_application_get_settings (VERK_APPLICATION (app)) != NULL)
    return g_settings_get_int (verk_application_get_settings (VERK_APPLICATION (app)), "disagreement-threshold");
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      prefix_source = g_settings_schema_source_new_from_directory (SCHEMADIR, source, FALSE, NULL);
      if (prefix_source != NULL)
        schema = g_settings_schema_source_lookup (prefix_source, APP_ID, TRUE);
    }
  if (schema == NULL)
    return 2;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_int (settings, "disagreement-threshold");
}

/** verk_page_list_box_clear: Removes every row. */
void
verk_page_list_box_clear (GtkListBox *list_box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list_box))) != NULL)
    gtk_list_box_remove (list_box, child);
}

