/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-page-util"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-page-util.h"
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

/** verk_page_list_box_clear: Removes every row. */
void
verk_page_list_box_clear (GtkListBox *list_box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list_box))) != NULL)
    gtk_list_box_remove (list_box, child);
}

