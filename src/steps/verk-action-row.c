/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-action-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "verk-action-row.h"
#include "verk-calendar-click.h"
#include "verk-field-saver.h"
#include "verk-format.h"
#include "verk-page-util.h"
#include "verk-text.h"

struct _VerkActionRow
{
  GtkListBoxRow  parent_instance;

  /* template widgets */
  GtkEntry      *what_entry;
  GtkEntry      *owner_entry;
  GtkEntry      *due_entry;
  GtkMenuButton *calendar_button;
  GtkPopover    *calendar_popover;
  GtkCalendar   *calendar;
  GtkDropDown   *status_dropdown;
  GtkButton     *delete_button;
  GtkLabel      *message_label;

  /* owned */
  VerkStore      *store;
  VerkFieldSaver *what_saver;
  VerkFieldSaver *owner_saver;
  VerkFieldSaver *due_saver;
  VerkAction      saved;          /* as last stored; strings owned */
  char           *confirmed_due;  /* a past date the user chose to keep */
  char           *asking_due;     /* a past date waiting for the user's answer */

  gboolean        adding;         /* inside verk_store_add_action() */
};

/* How save() takes the date: as it was stored, as typed so far (judged once
 * it is a whole date), or as the user's final word (Enter, leaving it). */
typedef enum {
  DUE_UNCHANGED,
  DUE_TYPED,
  DUE_FINAL,
} DueMode;

/* What save() found acceptable and stored (or had no need to). */
typedef enum {
  SAVED_WHAT  = 1 << 0,
  SAVED_OWNER = 1 << 1,
  SAVED_DUE   = 1 << 2,
} SavedFields;

G_DEFINE_FINAL_TYPE (VerkActionRow, verk_action_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  DELETE_REQUESTED,
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SavedFields save (VerkActionRow *self, DueMode due_mode);

static void
clear_saved (VerkActionRow *self)
{
  g_clear_pointer (&self->saved.what, g_free);
  g_clear_pointer (&self->saved.owner, g_free);
  g_clear_pointer (&self->saved.due, g_free);
  g_clear_pointer (&self->saved.followup, g_free);
}

static void
copy_into_saved (VerkActionRow    *self,
                 const VerkAction *action)
{
  VerkAction copy = *action;

  copy.what = g_strdup (action->what);
  copy.owner = g_strdup (action->owner);
  copy.due = g_strdup (action->due);
  copy.followup = g_strdup (action->followup);
  clear_saved (self);
  self->saved = copy;
}

/**
 * verk_action_row_parse_date:
 * @text: a date typed as YYYY-MM-DD
 * @date: (out): the date
 *
 * Returns: whether @text is a real date in that form.
 */
gboolean
verk_action_row_parse_date (const char *text,
                            GDate      *date)
{
  int y, m, d, n = 0;

  g_date_clear (date, 1);
  if (sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || text[n] != '\0' || strlen (text) != 10)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
is_past (const GDate *date)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return g_date_compare (date, &today) < 0;
}

static void
show_messages (VerkActionRow *self,
               GString       *messages)
{
  gboolean any = messages->len > 0;

  gtk_label_set_label (self->message_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), any);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  messages->str, -1);
}

static void
mark (GtkEntry *entry,
      gboolean  bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
on_past_date_response (AdwMessageDialog *dialog,
                       const char       *response,
                       VerkActionRow    *self)
{
  g_autofree char *asked = g_steal_pointer (&self->asking_due);

  if (g_strcmp0 (response, "keep") == 0)
    {
      g_free (self->confirmed_due);
      self->confirmed_due = g_strdup (asked);
      verk_field_saver_flush (self->due_saver);
    }
  else
    {
      /* Back to the stored date, with the focus where the user can fix it. */
      verk_field_saver_discard (self->due_saver);
      verk_field_saver_set_stored (self->due_saver, self->saved.due);
      gtk_widget_grab_focus (GTK_WIDGET (self->due_entry));
    }
}

static void
ask_past_date (VerkActionRow *self,
               const char    *due)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *dialog;

  if (self->asking_due != NULL)
    return;
  self->asking_due = g_strdup (due);
  shown = verk_format_date_long (due);
  body = g_strdup_printf (_("%s has already passed. Keep it as the date the action is due, or change it?"), shown);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Date Has Passed"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "change", _("_Change Date"),
                                    "keep", _("_Keep Date"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "change");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_past_date_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
action_equal (const VerkAction *a,
              const VerkAction *b)
{
  return a->item_id == b->item_id && a->status == b->status &&
         g_strcmp0 (a->what, b->what) == 0 && g_strcmp0 (a->owner, b->owner) == 0 &&
         g_strcmp0 (a->due, b->due) == 0 && g_strcmp0 (a->followup, b->followup) == 0;
}

/* Validates every field, saves the valid ones and explains the rest.
 * Returns: the fields that are stored as shown. */
static SavedFields
save (VerkActionRow *self,
      DueMode        due_mode)
{
  g_autoptr (GString) messages = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *what_stripped = NULL;
  /* Own copies: storing emits ::changed, and the refresh it triggers replaces
   * self->saved and may touch the entries while this runs. */
  g_autofree char *what = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->what_entry)));
  g_autofree char *owner = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->owner_entry)));
  g_autofree char *due = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->due_entry)));
  g_autofree char *old_what = g_strdup (self->saved.what);
  g_autofree char *old_owner = g_strdup (self->saved.owner);
  g_autofree char *old_due = g_strdup (self->saved.due);
  g_autofree char *old_followup = g_strdup (self->saved.followup);
  VerkAction next = self->saved;
  gboolean what_ok = TRUE, owner_ok = TRUE, due_ok = TRUE, due_invalid = FALSE;
  GDate date;
  SavedFields ok;

  next.what = old_what;
  next.owner = old_owner;
  next.due = old_due;
  next.followup = old_followup;

  what_stripped = g_strstrip (g_strdup (what));
  if (what_stripped[0] == '\0')
    {
      what_ok = FALSE;
      g_string_append (messages, self->saved.id == 0
                       ? _("Write what will be done; the action is saved as soon as it has a text.")
                       : _("An action needs a text: write what will be done. The last saved text is kept until then."));
    }
  else if (!verk_text_validate (what, -1, VERK_TEXT_MAX_LONG, _("The action"), &error))
    {
      what_ok = FALSE;
      g_string_append (messages, error->message);
      g_clear_error (&error);
    }
  if (!verk_text_validate (owner, -1, VERK_TEXT_MAX_SHORT, _("The name of who does it"), &error))
    {
      owner_ok = FALSE;
      g_string_append_printf (messages, "%s%s", messages->len ? "\n" : "", error->message);
      g_clear_error (&error);
    }
  if (due_mode != DUE_UNCHANGED)
    {
      gboolean valid = due[0] == '\0' || verk_action_row_parse_date (due, &date);
      /* A whole date (ten characters) is judged after the pause too; a
       * shorter one only on Enter or leaving the field. */
      gboolean done = due_mode == DUE_FINAL || strlen (due) >= 10;

      if (!valid)
        {
          due_ok = FALSE;
          due_invalid = done;
          if (done)
            g_string_append_printf (messages, "%s%s", messages->len ? "\n" : "",
                                    _("Write the date as year-month-day, such as 2027-03-31, or pick it from the calendar."));
        }
      else if (due[0] != '\0' && g_strcmp0 (due, self->saved.due) != 0 &&
               g_strcmp0 (due, self->confirmed_due) != 0 && is_past (&date))
        {
          due_ok = FALSE;
          if (done)
            ask_past_date (self, due);
        }
    }
  mark (self->what_entry, !what_ok && (self->saved.id != 0 || what[0] != '\0'));
  mark (self->owner_entry, !owner_ok);
  mark (self->due_entry, due_invalid);
  /* A draft says nothing until the user has typed something. */
  if (self->saved.id == 0 && what[0] == '\0')
    g_string_truncate (messages, 0);
  show_messages (self, messages);

  if (what_ok)
    next.what = what;
  if (owner_ok)
    next.owner = owner;
  if (due_ok && due_mode != DUE_UNCHANGED)
    next.due = due[0] != '\0' ? due : NULL;
  next.status = gtk_drop_down_get_selected (self->status_dropdown);

  ok = (what_ok ? SAVED_WHAT : 0) | (owner_ok ? SAVED_OWNER : 0) | (due_ok ? SAVED_DUE : 0);
  if (self->saved.id == 0 && !what_ok)
    return ok & ~(SAVED_OWNER | SAVED_DUE);   /* nothing stored yet */
  if (self->saved.id != 0 && action_equal (&next, &self->saved))
    return ok;

  if (self->saved.id == 0)
    {
      /* The store announces the new action before it returns its id:
       * ::added tells the list when this row can claim it. */
      self->adding = TRUE;
      next.id = verk_store_add_action (self->store, &next, &error);
      self->adding = FALSE;
      if (next.id <= 0)
        {
          verk_page_toast_error (GTK_WIDGET (self), error);
          return 0;
        }
      copy_into_saved (self, &next);
      g_signal_emit (self, signals[ADDED], 0);
      return ok;
    }
  else if (!verk_store_update_action (self->store, &next, &error))
    {
      verk_page_toast_error (GTK_WIDGET (self), error);
      return 0;
    }
  copy_into_saved (self, &next);
  return ok;
}

/* The date as typed so far goes along when another field is saved. */
static DueMode
typed_due (VerkActionRow *self)
{
  return verk_field_saver_is_dirty (self->due_saver) ? DUE_TYPED : DUE_UNCHANGED;
}

/* The savers' save functions: each field counts as saved when save() took
 * it; save() shows the messages, under the row. */
static gboolean
save_what (const char  *text,
           gint64       id,
           gpointer     user_data,
           GError     **error)
{
  VerkActionRow *self = user_data;

  return (save (self, typed_due (self)) & SAVED_WHAT) != 0;
}

static gboolean
save_owner (const char  *text,
            gint64       id,
            gpointer     user_data,
            GError     **error)
{
  VerkActionRow *self = user_data;

  return (save (self, typed_due (self)) & SAVED_OWNER) != 0;
}

static gboolean
save_due (const char  *text,
          gint64       id,
          gpointer     user_data,
          GError     **error)
{
  VerkActionRow *self = user_data;

  return (save (self, verk_field_saver_is_flushing (self->due_saver) ? DUE_FINAL : DUE_TYPED) & SAVED_DUE) != 0;
}

static void on_day_selected (VerkActionRow *self);

static void
on_calendar_show (VerkActionRow *self)
{
  const char *due = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));
  GDate date;

  if (verk_action_row_parse_date (due, &date))
    {
      g_autoptr (GDateTime) dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                        g_date_get_day (&date), 12, 0, 0);
      g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
      gtk_calendar_select_day (self->calendar, dt);
      g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
    }
}

static void
on_day_selected (VerkActionRow *self)
{
  g_autoptr (GDateTime) dt = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d");

  /* As if typed, then Enter. */
  gtk_editable_set_text (GTK_EDITABLE (self->due_entry), text);
  gtk_popover_popdown (self->calendar_popover);
  verk_field_saver_flush (self->due_saver);
}

/* A click on the highlighted day after changing month, which ::day-selected
 * misses (verk-calendar-click.h). */
static void
on_day_clicked (VerkActionRow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->calendar_popover)))
    on_day_selected (self);
}

static void
on_status_selected (VerkActionRow *self)
{
  save (self, typed_due (self));
}

static void
on_delete_clicked (VerkActionRow *self)
{
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

static void
verk_action_row_dispose (GObject *object)
{
  VerkActionRow *self = VERK_ACTION_ROW (object);

  g_clear_object (&self->what_saver);
  g_clear_object (&self->owner_saver);
  g_clear_object (&self->due_saver);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_ACTION_ROW);

  G_OBJECT_CLASS (verk_action_row_parent_class)->dispose (object);
}

static void
verk_action_row_finalize (GObject *object)
{
  VerkActionRow *self = VERK_ACTION_ROW (object);

  clear_saved (self);
  g_clear_pointer (&self->confirmed_due, g_free);
  g_clear_pointer (&self->asking_due, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (verk_action_row_parent_class)->finalize (object);
}

static void
verk_action_row_class_init (VerkActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_action_row_dispose;
  object_class->finalize = verk_action_row_finalize;

  /** VerkActionRow::delete-requested: the user asked to delete this action. */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /** VerkActionRow::added: a draft has just been stored and has its id. */
  signals[ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-action-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, what_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, owner_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, due_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, VerkActionRow, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_show);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

/* A text longer than its field shows its beginning when the field is not
 * being edited: GtkText keeps the cursor where typing stopped, at the end,
 * and scrolls to it, so a row read "…for all units" and hid what it was. */
static void
show_start (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_editable_set_position (GTK_EDITABLE (entry), 0);
  /* The whole text on hover, where the field cuts it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), text[0] != '\0' ? text : NULL);
}

static void
on_text_focus_leave (GtkEventControllerFocus *focus)
{
  show_start (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

static void
add_show_start (GtkEntry *entry)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_text_focus_leave), NULL);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
}

static void
verk_action_row_init (VerkActionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->what_saver = verk_field_saver_new (GTK_WIDGET (self->what_entry), NULL, save_what, self);
  self->owner_saver = verk_field_saver_new (GTK_WIDGET (self->owner_entry), NULL, save_owner, self);
  self->due_saver = verk_field_saver_new (GTK_WIDGET (self->due_entry), NULL, save_due, self);
  verk_calendar_on_day_clicked (self->calendar, G_CALLBACK (on_day_clicked), self);
  add_show_start (self->what_entry);
  add_show_start (self->owner_entry);
}

/** verk_action_row_new: Returns: (transfer floating): a row showing @action. */
GtkWidget *
verk_action_row_new (VerkStore        *store,
                     const VerkAction *action)
{
  VerkActionRow *self;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (action != NULL, NULL);

  self = g_object_new (VERK_TYPE_ACTION_ROW, NULL);
  self->store = g_object_ref (store);
  verk_action_row_set_action (self, action);
  return GTK_WIDGET (self);
}

/** verk_action_row_get_action: Returns: (transfer none): the action as last saved. */
const VerkAction *
verk_action_row_get_action (VerkActionRow *self)
{
  g_return_val_if_fail (VERK_IS_ACTION_ROW (self), NULL);
  return &self->saved;
}

/** verk_action_row_set_action: Shows @action, keeping fields the user is editing. */
void
verk_action_row_set_action (VerkActionRow    *self,
                            const VerkAction *action)
{
  g_return_if_fail (VERK_IS_ACTION_ROW (self));

  copy_into_saved (self, action);
  if (verk_field_saver_set_stored (self->what_saver, action->what))
    show_start (self->what_entry);
  if (verk_field_saver_set_stored (self->owner_saver, action->owner))
    show_start (self->owner_entry);
  if (self->asking_due == NULL)
    verk_field_saver_set_stored (self->due_saver, action->due);
  if (gtk_drop_down_get_selected (self->status_dropdown) != (guint) action->status)
    {
      g_signal_handlers_block_by_func (self->status_dropdown, on_status_selected, self);
      gtk_drop_down_set_selected (self->status_dropdown, action->status);
      g_signal_handlers_unblock_by_func (self->status_dropdown, on_status_selected, self);
    }
}

/** verk_action_row_is_adding: Returns: whether the row is storing a new action right now. */
gboolean
verk_action_row_is_adding (VerkActionRow *self)
{
  g_return_val_if_fail (VERK_IS_ACTION_ROW (self), FALSE);
  return self->adding;
}

/** verk_action_row_flush: Saves pending edits now. */
void
verk_action_row_flush (VerkActionRow *self)
{
  g_return_if_fail (VERK_IS_ACTION_ROW (self));

  verk_field_saver_flush (self->what_saver);
  verk_field_saver_flush (self->owner_saver);
  verk_field_saver_flush (self->due_saver);
}

/** verk_action_row_focus_what: Puts the cursor in the "what" field. */
void
verk_action_row_focus_what (VerkActionRow *self)
{
  g_return_if_fail (VERK_IS_ACTION_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->what_entry));
}
