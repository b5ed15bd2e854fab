/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-follow-up-row"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "verk-field-saver.h"
#include "verk-follow-up-row.h"
#include "verk-format.h"
#include "verk-page-util.h"
#include "verk-text.h"

struct _VerkFollowUpRow
{
  GtkListBoxRow  parent_instance;

  /* template widgets */
  GtkLabel      *what_label;
  GtkLabel      *details_label;
  GtkBox        *overdue_box;
  GtkLabel      *overdue_label;
  GtkBox        *status_box;
  GtkToggleButton *status_buttons[4];   /* in VerkActionStatus order */
  GtkLabel      *status_label;
  GtkEntry      *note_entry;
  GtkLabel      *message_label;

  /* owned */
  VerkStore      *store;
  VerkFieldSaver *note_saver;
  VerkAction     *edited;        /* the action the row edits: the carried copy */
  gint64          previous_id;
  char           *meeting_date;  /* the follow-up workshop's date: "overdue" is judged on it */
};

G_DEFINE_FINAL_TYPE (VerkFollowUpRow, verk_follow_up_row, GTK_TYPE_LIST_BOX_ROW)

static VerkAction *
action_copy (const VerkAction *action)
{
  VerkAction *copy = g_new0 (VerkAction, 1);

  *copy = *action;
  copy->what = g_strdup (action->what);
  copy->owner = g_strdup (action->owner);
  copy->due = g_strdup (action->due);
  copy->followup = g_strdup (action->followup);
  return copy;
}

static VerkActionStatus
selected_status (VerkFollowUpRow *self)
{
  for (int i = 0; i < 4; i++)
    if (gtk_toggle_button_get_active (self->status_buttons[i]))
      return i;
  return self->edited != NULL ? self->edited->status : VERK_ACTION_OPEN;
}

/* Stores the status chosen and, unless NULL, the note. */
static gboolean
store_action (VerkFollowUpRow  *self,
              const char       *note,
              GError          **error)
{
  g_autoptr (VerkAction) next = NULL;

  if (self->edited == NULL)
    return TRUE;
  /* A copy of our own: storing emits ::changed, and the refresh replaces
   * self->edited while this runs. */
  next = action_copy (self->edited);
  if (note != NULL)
    {
      g_free (next->followup);
      next->followup = note[0] != '\0' ? g_strdup (note) : NULL;
    }
  next->status = selected_status (self);
  if (next->status == self->edited->status && g_strcmp0 (next->followup, self->edited->followup) == 0)
    return TRUE;
  if (!verk_store_update_action (self->store, next, error))
    return FALSE;
  verk_action_free (self->edited);
  self->edited = g_steal_pointer (&next);
  return TRUE;
}

static gboolean
validate_note (const char  *text,
               gint64       id,
               gpointer     user_data,
               GError     **error)
{
  return verk_text_validate (text, -1, VERK_TEXT_MAX_LONG, _("The follow-up note"), error);
}

static gboolean
save_note (const char  *text,
           gint64       id,
           gpointer     user_data,
           GError     **error)
{
  return store_action (user_data, text, error);
}

static void
on_status_toggled (GtkToggleButton *button,
                   VerkFollowUpRow *self)
{
  g_autoptr (GError) error = NULL;

  /* Each change toggles two buttons; save once, on the one turned on. */
  if (!gtk_toggle_button_get_active (button))
    return;
  /* The note typed so far goes first, when it can; what cannot stays with its message. */
  verk_field_saver_flush (self->note_saver);
  if (!store_action (self, NULL, &error))
    verk_page_toast_error (GTK_WIDGET (self), error);
}

static void
verk_follow_up_row_dispose (GObject *object)
{
  VerkFollowUpRow *self = VERK_FOLLOW_UP_ROW (object);

  g_clear_object (&self->note_saver);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_FOLLOW_UP_ROW);
  G_OBJECT_CLASS (verk_follow_up_row_parent_class)->dispose (object);
}

static void
verk_follow_up_row_finalize (GObject *object)
{
  VerkFollowUpRow *self = VERK_FOLLOW_UP_ROW (object);

  g_clear_pointer (&self->edited, verk_action_free);
  g_clear_pointer (&self->meeting_date, g_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (verk_follow_up_row_parent_class)->finalize (object);
}

static void
verk_follow_up_row_class_init (VerkFollowUpRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_follow_up_row_dispose;
  object_class->finalize = verk_follow_up_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-follow-up-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, what_label);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, overdue_box);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, status_box);
  gtk_widget_class_bind_template_child_full (widget_class, "status_open", FALSE,
                                             G_STRUCT_OFFSET (VerkFollowUpRow, status_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_in_progress", FALSE,
                                             G_STRUCT_OFFSET (VerkFollowUpRow, status_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_done", FALSE,
                                             G_STRUCT_OFFSET (VerkFollowUpRow, status_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_dropped", FALSE,
                                             G_STRUCT_OFFSET (VerkFollowUpRow, status_buttons[3]));
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpRow, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_status_toggled);
}

static void
verk_follow_up_row_init (VerkFollowUpRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->note_saver = verk_field_saver_new (GTK_WIDGET (self->note_entry), validate_note, save_note, self);
  verk_field_saver_set_message_label (self->note_saver, self->message_label, NULL);
}

/* Overdue: due before the follow-up met, and neither done nor dropped. Said
 * in words with an alarm icon, not by colour alone. */
static gboolean
is_overdue (VerkFollowUpRow  *self,
            const VerkAction *shown)
{
  return shown->due != NULL && self->meeting_date != NULL &&
         strcmp (shown->due, self->meeting_date) < 0 &&
         shown->status != VERK_ACTION_DONE && shown->status != VERK_ACTION_DROPPED;
}

static void
show_overdue (VerkFollowUpRow  *self,
              const VerkAction *shown)
{
  gboolean overdue = is_overdue (self, shown);

  if (overdue)
    {
      g_autofree char *due = verk_format_date_long (shown->due);
      g_autofree char *text = g_strdup_printf (_("Overdue: it was due by %s"), due);

      gtk_label_set_label (self->overdue_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_box), overdue);
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self), "verk-overdue-row");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "verk-overdue-row");
}

/** verk_follow_up_row_new: Returns: (transfer floating): a row for one earlier action. */
GtkWidget *
verk_follow_up_row_new (VerkStore        *store,
                        const VerkAction *previous,
                        const VerkAction *carried)
{
  VerkFollowUpRow *self;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (previous != NULL, NULL);

  self = g_object_new (VERK_TYPE_FOLLOW_UP_ROW, NULL);
  self->store = g_object_ref (store);
  self->previous_id = previous->id;
  verk_follow_up_row_update (self, previous, carried);
  return GTK_WIDGET (self);
}

/** verk_follow_up_row_get_previous_id: Returns: the earlier action's id. */
gint64
verk_follow_up_row_get_previous_id (VerkFollowUpRow *self)
{
  g_return_val_if_fail (VERK_IS_FOLLOW_UP_ROW (self), 0);
  return self->previous_id;
}

/** verk_follow_up_row_update: Shows the stored state without disturbing typing. */
void
verk_follow_up_row_update (VerkFollowUpRow  *self,
                           const VerkAction *previous,
                           const VerkAction *carried)
{
  const VerkAction *shown = carried != NULL ? carried : previous;
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree char *status_name = NULL;
  g_autofree char *note_name = NULL;

  g_return_if_fail (VERK_IS_FOLLOW_UP_ROW (self));

  g_clear_pointer (&self->edited, verk_action_free);
  if (carried != NULL)
    self->edited = action_copy (carried);

  gtk_label_set_label (self->what_label, shown->what);
  if (shown->owner != NULL && shown->owner[0] != '\0')
    g_string_append_printf (details, _("Who: %s"), shown->owner);
  if (shown->due != NULL)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_autofree char *due = verk_format_date_long (shown->due);

      g_string_append_printf (details, _("By: %s"), due);
    }
  if (carried == NULL)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append (details, _("settled at the last workshop"));
    }
  gtk_label_set_label (self->details_label, details->str);
  show_overdue (self, shown);

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *button_name =
        /* Translators: a status button's accessible name: "Planning day: Done" */
        g_strdup_printf (_("%s: %s"), shown->what, verk_action_status_to_string (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      button_name, -1);
    }
  status_name = g_strdup_printf (_("Status of “%s”"), shown->what);
  note_name = g_strdup_printf (_("Follow-up note on “%s”"), shown->what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  note_name, -1);
  if (verk_follow_up_row_get_overdue (self))
    {
      /* Translators: a follow-up row's accessible name for an overdue action */
      g_autofree char *row_name = g_strdup_printf (_("%s (overdue)"), shown->what);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, row_name, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, shown->what, -1);

  gtk_widget_set_visible (GTK_WIDGET (self->status_box), carried != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), carried == NULL);
  gtk_label_set_label (self->status_label, verk_action_status_to_string (shown->status));
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_entry), carried != NULL);

  for (int i = 0; i < 4; i++)
    g_signal_handlers_block_by_func (self->status_buttons[i], on_status_toggled, self);
  gtk_toggle_button_set_active (self->status_buttons[shown->status], TRUE);
  for (int i = 0; i < 4; i++)
    g_signal_handlers_unblock_by_func (self->status_buttons[i], on_status_toggled, self);
  verk_field_saver_set_stored (self->note_saver, shown->followup);
}

/**
 * verk_follow_up_row_set_meeting_date:
 * @date: (nullable): the follow-up workshop's date, "YYYY-MM-DD"
 *
 * Open actions due before @date are flagged as overdue. Call before
 * verk_follow_up_row_update().
 */
void
verk_follow_up_row_set_meeting_date (VerkFollowUpRow *self,
                                     const char      *date)
{
  g_return_if_fail (VERK_IS_FOLLOW_UP_ROW (self));
  g_free (self->meeting_date);
  self->meeting_date = g_strdup (date);
}

/** verk_follow_up_row_get_overdue: Returns: whether the row flags its action as overdue. */
gboolean
verk_follow_up_row_get_overdue (VerkFollowUpRow *self)
{
  g_return_val_if_fail (VERK_IS_FOLLOW_UP_ROW (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->overdue_box));
}

/** verk_follow_up_row_flush: Saves a pending note now. */
void
verk_follow_up_row_flush (VerkFollowUpRow *self)
{
  g_return_if_fail (VERK_IS_FOLLOW_UP_ROW (self));
  verk_field_saver_flush (self->note_saver);
}
