/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-window"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "verk-backups-window.h"
#include "verk-edit-history.h"
#include "verk-export-dialog.h"
#include "verk-format.h"
#include "verk-command-dialog.h"
#include "verk-handout-dialog.h"
#include "verk-group-dialog.h"
#include "verk-preferences-window.h"
#include "verk-room-dialog.h"
#include "verk-start-page.h"
#include "verk-window.h"
#include "verk-presentation-controller.h"
#include "verk-timer-button.h"
#include "verk-toast.h"
#include "verk-workshop-dialog.h"
#include "verk-workshop-editor.h"
#include "verk-workshop-view.h"

struct _VerkWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *no_database_page;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *new_workshop_button;
  VerkStartPage        *start_page;
  VerkTimerButton      *timer_button;
  GtkButton            *details_button;

  /* the "workshop" page of main_stack, built on first use (owned by the stack) */
  VerkWorkshopView     *workshop_view;

  /* owned */
  VerkSession          *session;
  VerkGroupListModel   *groups;     /* every group and workshop, for the start page and dialogs */
  VerkEditHistory      *history;    /* Undo and Redo of the open workshop's score edits */
  AdwToast             *history_toast;  /* the last "Undid …"/"Redid …" (weak) */
  guint                 history_toast_step;  /* the step its button names (next-undo or next-redo), 0: none */
  VerkRoomServer       *room;           /* phones scoring, made on first use */
  gboolean              first_frame_reported;
  gboolean              size_restored;
};

G_DEFINE_FINAL_TYPE (VerkWindow, verk_window, ADW_TYPE_APPLICATION_WINDOW)

/* The application's one GSettings; NULL without a schema or an application. */
static GSettings *
get_settings (VerkWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return VERK_IS_APPLICATION (app) ? verk_application_get_settings (VERK_APPLICATION (app)) : NULL;
}

static VerkStore *
get_store (VerkWindow *self)
{
  return self->session != NULL ? verk_session_get_store (self->session) : NULL;
}

static void
update_actions (VerkWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean have_store = get_store (self) != NULL;
  gboolean on_start = g_strcmp0 (page, "start") == 0;
  gboolean in_workshop = g_strcmp0 (page, "workshop") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-workshop", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-group", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-workshop", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-followup", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backups", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", on_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", in_workshop);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.room", in_workshop);
  /* Export the open workshop or its group; every group once there is one. */
  {
    guint n_groups = self->groups != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->groups)) : 0;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-workshop", have_store && in_workshop);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-group", have_store && in_workshop);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-handout", have_store && in_workshop);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-handout", have_store && in_workshop);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-commands", have_store && in_workshop);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all", have_store && n_groups > 0);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), in_workshop);
  gtk_widget_set_visible (GTK_WIDGET (self->new_workshop_button), have_store && !in_workshop);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_button), in_workshop);
  /* Editing after creation (Workshop Details) and Undo of score edits. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-details", have_store && in_workshop);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-workshop", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-group", have_store);
  {
    gboolean can_undo = in_workshop && self->history != NULL && verk_edit_history_can_undo (self->history);
    gboolean can_redo = in_workshop && self->history != NULL && verk_edit_history_can_redo (self->history);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
    /* The toast's button acts on the step the toast names, and on no other:
     * after a new edit, it is no longer the one to undo. */
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-in-toast",
                                   can_undo && self->history_toast_step != 0
                                   && self->history_toast_step == verk_edit_history_get_next_undo (self->history));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo-in-toast",
                                   can_redo && self->history_toast_step != 0
                                   && self->history_toast_step == verk_edit_history_get_next_redo (self->history));
  }
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), in_workshop);
}

/* The header names the workshop on a projector: group as title, date and
 * facilitator below. */
static void
update_title (VerkWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  const VerkWorkshopSummary *summary = NULL;
  const VerkWorkshop *workshop;
  VerkGroupEntry *group;
  const char *group_name = NULL;
  g_autofree char *date = NULL;

  if (self->groups == NULL || g_strcmp0 (page, "workshop") != 0)
    {
      adw_window_title_set_title (self->window_title, _("Verkstad"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  summary = verk_group_list_model_find_workshop (self->groups, verk_session_get_workshop_id (self->session));
  if (summary == NULL)
    return;
  workshop = summary->workshop;
  group = verk_group_list_model_find_group (self->groups, workshop->group_id);
  if (group != NULL)
    group_name = verk_group_entry_get_group (group)->name;

  adw_window_title_set_title (self->window_title, group_name != NULL ? group_name : _("Verkstad"));
  date = verk_format_date_long (workshop->date);
  if (workshop->facilitator != NULL && workshop->facilitator[0] != '\0')
    {
      /* Translators: the workshop's date and who leads it, under the group's name. */
      g_autofree char *subtitle = g_strdup_printf (_("%s · led by %s"), date,
                                                   workshop->facilitator);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->window_title, date);
}

static void
on_visible_page_changed (VerkWindow *self)
{
  update_actions (self);
  update_title (self);
}

/* A group or workshop renamed, added or deleted. */
static void
on_groups_changed (VerkWindow *self)
{
  update_title (self);
  update_actions (self);
}

/* Undo follows the workshop shown: another workshop's steps are forgotten. */
static void
on_session_workshop_changed (VerkWindow *self)
{
  if (self->history != NULL)
    verk_edit_history_set_workshop (self->history, verk_session_get_workshop_id (self->session));
  update_actions (self);
}

static void
on_application_store_changed (VerkWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  VerkStore *store = app != NULL ? verk_application_get_store (VERK_APPLICATION (app)) : NULL;

  if (store == get_store (self))
    return;

  g_clear_object (&self->room);   /* stops it: its session goes */
  g_clear_object (&self->session);
  g_clear_object (&self->history);
  if (self->groups != NULL)
    g_signal_handlers_disconnect_by_data (self->groups, self);
  g_clear_object (&self->groups);
  if (store != NULL)
    {
      self->session = verk_application_new_session (VERK_APPLICATION (app), store);
      self->groups = verk_group_list_model_new (store);
      g_signal_connect_swapped (self->groups, "changed", G_CALLBACK (on_groups_changed), self);
      self->history = verk_edit_history_new (store);
      g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::next-undo", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::next-redo", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::workshop-id",
                               G_CALLBACK (on_session_workshop_changed), self, G_CONNECT_SWAPPED);
    }
  verk_start_page_set_model (self->start_page, self->groups);
  if (self->workshop_view != NULL)
    verk_workshop_view_set_session (self->workshop_view, self->session);
  /* Projector mode and its timer follow the window's session. */
  verk_presentation_controller_set_session (verk_presentation_controller_get (ADW_APPLICATION_WINDOW (self)),
                                            self->session);
  verk_timer_button_set_session (self->timer_button, self->session);
  if (store == NULL)
    adw_status_page_set_icon_name (self->no_database_page, APP_ID);
  gtk_stack_set_visible_child_name (self->main_stack, store != NULL ? "start" : "no-database");
  if (store != NULL)
    verk_start_page_focus_search (self->start_page);
  update_actions (self);
}

/* The workshop view and its step pages, built the first time a workshop is
 * opened rather than before the first frame of the start page. */
static VerkWorkshopView *
ensure_workshop_view (VerkWindow *self)
{
  if (self->workshop_view == NULL)
    {
      self->workshop_view = g_object_new (VERK_TYPE_WORKSHOP_VIEW, NULL);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->workshop_view), "workshop");
      verk_workshop_view_set_session (self->workshop_view, self->session);
    }
  return self->workshop_view;
}

/**
 * verk_window_open_workshop:
 * @workshop_id: the workshop to show
 *
 * Shows the workshop's steps, starting with the platform material (with
 * Follow up for a follow-up workshop).
 */
void
verk_window_open_workshop (VerkWindow *self,
                           gint64      workshop_id)
{
  g_return_if_fail (VERK_IS_WINDOW (self));
  g_return_if_fail (self->session != NULL);

  ensure_workshop_view (self);
  verk_session_set_workshop_id (self->session, workshop_id);
  verk_session_set_step (self->session, verk_workshop_view_opening_step (self->workshop_view, workshop_id));
  gtk_stack_set_visible_child_name (self->main_stack, "workshop");
  verk_workshop_view_focus_steps (self->workshop_view);
}

static void
on_workshop_created (VerkWindow *self,
                     gint64      workshop_id)
{
  verk_window_open_workshop (self, workshop_id);
}

static void
present_workshop_dialog (VerkWindow *self,
                         gint64      group_id,
                         gint64      previous_id)
{
  VerkWorkshopDialog *dialog = verk_workshop_dialog_new (GTK_WINDOW (self), self->groups,
                                                         group_id, previous_id);

  g_signal_connect_object (dialog, "created", G_CALLBACK (on_workshop_created), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A new group goes straight on to its first workshop when that was what the
 * user asked for (Ctrl+N with no groups yet). */
static void
on_group_created_then_workshop (VerkWindow *self,
                                gint64      group_id)
{
  present_workshop_dialog (self, group_id, 0);
}

static void
present_group_dialog (VerkWindow *self,
                      gboolean    then_workshop)
{
  VerkGroupDialog *dialog = verk_group_dialog_new (GTK_WINDOW (self), get_store (self));

  if (then_workshop)
    g_signal_connect_object (dialog, "created", G_CALLBACK (on_group_created_then_workshop),
                             self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_workshop_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  gint64 group_id = 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->groups)) == 0)
    {
      present_group_dialog (self, TRUE);
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workshop") == 0)
    {
      const VerkWorkshopSummary *current =
        verk_group_list_model_find_workshop (self->groups, verk_session_get_workshop_id (self->session));

      if (current != NULL)
        group_id = current->workshop->group_id;
    }
  present_workshop_dialog (self, group_id, 0);
}

static void
new_workshop_in_group_activated (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  present_workshop_dialog (VERK_WINDOW (widget), g_variant_get_int64 (parameter), 0);
}

static void
new_followup_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  present_workshop_dialog (VERK_WINDOW (widget), 0, g_variant_get_int64 (parameter));
}

static void
new_group_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  present_group_dialog (VERK_WINDOW (widget), FALSE);
}

static void
open_workshop_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  verk_window_open_workshop (VERK_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  gint64 workshop_id = verk_session_get_workshop_id (self->session);
  gboolean decided = FALSE;

  /* The room belongs to the workshop: leaving it closes the room. */
  if (self->room != NULL)
    verk_room_server_stop (self->room);
  /* After the meeting: once the group has agreed on something, offer the
   * handout it takes home. */
  if (get_store (self) != NULL && workshop_id != 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                                                   "workshop") == 0)
    {
      VerkWorkshopModel *model = verk_session_get_model (self->session);
      guint n_pieces = verk_workshop_model_get_n_pieces (model);

      decided = g_list_model_get_n_items (verk_workshop_model_get_action_list (model)) > 0;
      for (guint i = 0; !decided && i < n_pieces; i++)
        decided = verk_workshop_model_get_piece (model, i)->item->agreed > 0;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  verk_start_page_focus_search (self->start_page);
  if (decided)
    {
      AdwToast *toast = adw_toast_new (_("Give the group its results on paper or as a PDF."));

      adw_toast_set_button_label (toast, _("Save _Handout…"));
      adw_toast_set_action_name (toast, "win.save-handout-of");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (workshop_id));
      adw_toast_set_timeout (toast, 10);
      verk_toast_add (GTK_WIDGET (self), toast);
    }
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  verk_start_page_focus_search (VERK_WINDOW (widget)->start_page);
}

/* Every view reloads from the store's change signal; the workshop shown may
 * not exist in the backup, so go back to the list. */
static void
on_backup_restored (VerkWindow *self,
                    const char *day)
{
  g_autofree char *message = g_strdup_printf (_("Restored the backup of %s."), day);

  gtk_stack_set_visible_child_name (self->main_stack, "start");
  verk_toast_show (GTK_WIDGET (self), message);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = verk_export_dialog_run_finish (result, &error);
  AdwToast *toast = verk_export_dialog_result_toast (GTK_WINDOW (source), path, error);

  if (toast != NULL)
    verk_toast_add (GTK_WIDGET (source), toast);
}

/* win.export-workshop, win.export-group and win.export-all: the workbook of
 * the open workshop, of its group, or of every group (for HR). */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  VerkStore *store = get_store (self);
  const VerkWorkshopSummary *summary;
  VerkExportScope scope = VERK_EXPORT_ALL;
  gint64 id = 0;

  if (store == NULL)
    return;
  if (!g_str_equal (action_name, "win.export-all"))
    {
      summary = verk_group_list_model_find_workshop (self->groups, verk_session_get_workshop_id (self->session));
      if (summary == NULL)
        return;
      scope = g_str_equal (action_name, "win.export-group") ? VERK_EXPORT_GROUP : VERK_EXPORT_WORKSHOP;
      id = scope == VERK_EXPORT_GROUP ? summary->workshop->group_id : summary->workshop->id;
    }
  verk_export_dialog_run_async (GTK_WINDOW (self), get_settings (self), self->groups, scope, id, NULL,
                                on_export_done, NULL);
}

static void
on_handout_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = verk_handout_dialog_save_finish (result, &error);

  if (error != NULL)
    verk_toast_show (GTK_WIDGET (source), error->message);
  else if (path != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *shown = g_filename_display_name (base);
      g_autofree char *message = g_strdup_printf (_("Saved the handout “%s”."), shown);

      verk_toast_show (GTK_WIDGET (source), message);
    }
}

/* win.save-handout, win.print-handout and win.show-commands: the open
 * workshop's handout as PDF or on paper, and its commands. */
static void
handout_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  VerkStore *store = get_store (self);
  gint64 workshop_id = verk_session_get_workshop_id (self->session);
  g_autoptr (GError) error = NULL;

  if (parameter != NULL)
    workshop_id = g_variant_get_int64 (parameter);   /* win.save-handout-of, from the toast */
  if (store == NULL || workshop_id == 0)
    return;
  if (g_str_equal (action_name, "win.save-handout") || parameter != NULL)
    verk_handout_dialog_save_async (GTK_WINDOW (self), store, workshop_id, on_handout_saved, NULL);
  else if (g_str_equal (action_name, "win.show-commands"))
    {
      const VerkWorkshopSummary *summary = verk_group_list_model_find_workshop (self->groups, workshop_id);

      if (summary != NULL)
        verk_command_dialog_show (GTK_WINDOW (self), store, summary->workshop);
    }
  else if (!verk_handout_dialog_print (GTK_WINDOW (self), store, workshop_id, &error))
    verk_toast_show (GTK_WIDGET (self), error->message);
}

static void
present_workshop_editor (VerkWindow *self,
                         gint64      workshop_id)
{
  g_autoptr (GError) error = NULL;
  VerkWorkshopEditor *editor = verk_workshop_editor_new (GTK_WINDOW (self), self->groups, workshop_id,
                                                         &error);

  if (editor == NULL)
    {
      verk_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (editor));
}

/* win.workshop-details (Alt+Return, the header and the menu): the open
 * workshop's details; win.edit-workshop: a workshop listed on the start page. */
static void
workshop_details_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);

  if (get_store (self) == NULL)
    return;
  if (parameter != NULL)
    present_workshop_editor (self, g_variant_get_int64 (parameter));
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workshop") == 0)
    present_workshop_editor (self, verk_session_get_workshop_id (self->session));
}

static void
edit_group_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  VerkGroupDialog *dialog = verk_group_dialog_new_edit (GTK_WINDOW (self), get_store (self),
                                                        g_variant_get_int64 (parameter), &error);

  if (dialog == NULL)
    {
      verk_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Gone by its timeout or its close button: the next says anew. */
static void
on_history_toast_dismissed (VerkWindow *self,
                            AdwToast   *toast)
{
  if (self->history_toast == toast)
    g_clear_weak_pointer (&self->history_toast);
}

/* Says what Undo or Redo did, with a button to go the other way that acts
 * on @step (the one the toast names; 0 without a button). Pressed again and
 * again, the toast still shown says the newest (libadwaita's way to change a
 * toast, and its timeout starts again) rather than queueing one toast per
 * press: its button is always for the newest. */
static void
show_history_toast (VerkWindow *self,
                    const char *message,
                    const char *button_label,
                    const char *action_name,
                    guint       step)
{
  AdwToast *toast = self->history_toast;

  self->history_toast_step = step;
  update_actions (self);

  if (toast == NULL)
    {
      toast = adw_toast_new (message);
      g_set_weak_pointer (&self->history_toast, toast);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_history_toast_dismissed), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      adw_toast_set_title (toast, message);
      g_object_ref (toast);   /* adding it again takes a reference it gives back */
    }
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  /* With a button: time to reach it, as the other toasts with Undo give. */
  adw_toast_set_timeout (toast, button_label != NULL ? 10 : 5);
  verk_toast_add (GTK_WIDGET (self), toast);
}

/* The buttons of that toast: libadwaita dismisses a toast once its button
 * is clicked, so what follows says it in a new one. */
static void
forget_clicked_history_toast (VerkWindow *self,
                              const char *action_name)
{
  if (g_str_has_suffix (action_name, "-in-toast"))
    g_clear_weak_pointer (&self->history_toast);
}

/* win.undo (Ctrl+Z, the Undo button of the "Redid …" toast): takes back the
 * last score change of the open workshop and says which, with a Redo button.
 * win.redo (Ctrl+Shift+Z, Ctrl+Y, the Redo button of the "Undid …" toast):
 * puts back the score change undone last and says which, with an Undo
 * button. A text field's own Ctrl+Z and Ctrl+Shift+Z come first. */
static void
history_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  gboolean redo = g_str_has_prefix (action_name, "win.redo");
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *message = NULL;

  if (self->history == NULL
      || !(redo ? verk_edit_history_can_redo (self->history) : verk_edit_history_can_undo (self->history)))
    return;
  /* The toast's button: only for the step it names (update_actions()). */
  if (g_str_has_suffix (action_name, "-in-toast")
      && self->history_toast_step != (redo ? verk_edit_history_get_next_redo (self->history)
                                           : verk_edit_history_get_next_undo (self->history)))
    return;
  forget_clicked_history_toast (self, action_name);
  done = redo ? verk_edit_history_redo (self->history, &error) : verk_edit_history_undo (self->history, &error);
  if (done == NULL)
    {
      /* A phone changed the score since, or its piece or person is gone. */
      show_history_toast (self, error->message, NULL, NULL, 0);
      return;
    }
  if (redo)
    /* Translators: a toast after Ctrl+Shift+Z; %s says what, e.g. "Anna’s score for Samverkan". */
    message = g_strdup_printf (_("Redid %s"), done);
  else
    /* Translators: a toast after Ctrl+Z; %s says what, e.g. "Anna’s score for Samverkan". */
    message = g_strdup_printf (_("Undid %s"), done);
  /* Translators: the buttons of the "Redid …" and the "Undid …" toast. No
   * mnemonic: GTK 4.8 would read "_Redo Redo" to a screen reader. */
  show_history_toast (self, message, redo ? _("Undo") : _("Redo"),
                      redo ? "win.undo-in-toast" : "win.redo-in-toast",
                      redo ? verk_edit_history_get_next_undo (self->history)
                           : verk_edit_history_get_next_redo (self->history));
}

static void
backups_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  VerkBackupsWindow *backups = verk_backups_window_new (GTK_WINDOW (self), get_store (self));

  g_signal_connect_object (backups, "restored", G_CALLBACK (on_backup_restored), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (backups));
}

/* win.room: phones score the open workshop (docs/ROOM.md). */
static void
room_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);

  g_return_if_fail (self->session != NULL);
  if (self->room == NULL)
    self->room = verk_room_server_new (self->session);
  gtk_window_present (GTK_WINDOW (verk_room_dialog_new (GTK_WINDOW (self), self->room)));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VerkWindow *self = VERK_WINDOW (widget);
  VerkPreferencesWindow *preferences = verk_preferences_window_new (GTK_WINDOW (self),
                                                                    get_settings (self));

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
fullscreen_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* win.show-help-overlay: the keyboard shortcuts window, built the first
 * time it is asked for (GtkApplication would build it with every window,
 * before the first frame). */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* VERKSTAD_FIRST_FRAME=1 prints a line once the window has painted its first
 * frame, for the smoke test and the start-up benchmark;
 * VERKSTAD_QUIT_AFTER_FIRST_FRAME=1 then quits. */
static void
on_after_paint (GdkFrameClock *clock,
                VerkWindow    *self)
{
  gint64 now;

  if (self->first_frame_reported)
    return;
  self->first_frame_reported = TRUE;
  now = g_get_monotonic_time ();
  g_print ("FIRST_FRAME mono_us=%" G_GINT64_FORMAT " since_main_ms=%.1f\n",
           now, (now - verk_application_get_start_time ()) / 1000.0);
  if (g_getenv ("VERKSTAD_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
verk_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (verk_window_parent_class)->realize (widget);

  if (g_getenv ("VERKSTAD_FIRST_FRAME") != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_after_paint), widget, 0);
}

static gboolean
verk_window_close_request (GtkWindow *window)
{
  GSettings *settings = get_settings (VERK_WINDOW (window));

  /* Written once here rather than bound: a binding of default-width would
   * write the setting at every step of a resize, and write back the size
   * tests ask for with VERKSTAD_WINDOW_SIZE. */
  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (verk_window_parent_class)->close_request (window);
}

static void
verk_window_dispose (GObject *object)
{
  VerkWindow *self = VERK_WINDOW (object);

  g_clear_object (&self->room);
  g_clear_object (&self->history);
  g_clear_weak_pointer (&self->history_toast);
  g_clear_object (&self->session);
  if (self->groups != NULL)
    g_signal_handlers_disconnect_by_data (self->groups, self);
  g_clear_object (&self->groups);

  verk_toast_set_window_overlay (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_WINDOW);
  self->workshop_view = NULL;   /* went with main_stack */

  G_OBJECT_CLASS (verk_window_parent_class)->dispose (object);
}

/* The size the window had when last closed, from the application's
 * settings; tests and screenshots ask for an exact one, e.g. 1280x720 (a
 * projector). Before the first frame: "application" is set by
 * verk_window_new(), before the window is shown. */
static void
restore_size (VerkWindow *self)
{
  GSettings *settings = get_settings (self);
  const char *size = g_getenv ("VERKSTAD_WINDOW_SIZE");
  int width = 0, height = 0;

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) == 2)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

/* "application" is set after construction: follow its store from then on. */
static void
on_application_changed (VerkWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && !self->size_restored)
    {
      self->size_restored = TRUE;
      restore_size (self);
    }
  if (app != NULL)
    g_signal_connect_object (app, "notify::store", G_CALLBACK (on_application_store_changed),
                             self, G_CONNECT_SWAPPED);
  on_application_store_changed (self);
}

static void
verk_window_class_init (VerkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = verk_window_dispose;
  widget_class->realize = verk_window_realize;
  window_class->close_request = verk_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, no_database_page);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, new_workshop_button);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, timer_button);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, details_button);
  
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_activated);
  gtk_widget_class_install_action (widget_class, "win.new-workshop", NULL, new_workshop_activated);
  gtk_widget_class_install_action (widget_class, "win.new-workshop-in-group", "x",
                                   new_workshop_in_group_activated);
  gtk_widget_class_install_action (widget_class, "win.new-followup", "x", new_followup_activated);
  gtk_widget_class_install_action (widget_class, "win.new-group", NULL, new_group_activated);
  gtk_widget_class_install_action (widget_class, "win.open-workshop", "x", open_workshop_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_activated);
  gtk_widget_class_install_action (widget_class, "win.room", NULL, room_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.room", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-workshop", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-group", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.save-handout", NULL, handout_activated);
  gtk_widget_class_install_action (widget_class, "win.save-handout-of", "x", handout_activated);
  gtk_widget_class_install_action (widget_class, "win.print-handout", NULL, handout_activated);
  gtk_widget_class_install_action (widget_class, "win.show-commands", NULL, handout_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.workshop-details", NULL, workshop_details_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-workshop", "x", workshop_details_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-group", "x", edit_group_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-in-toast", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.redo-in-toast", NULL, history_activated);
  /* Bindings of the window, not application accelerators: those would take
   * Ctrl+Z (and a text field's Ctrl+Shift+Z, Ctrl+Y) from a text field before
   * its own undo and redo. Ctrl+Y is Redo where many laptops came from. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.workshop-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK,
                                       "win.workshop-details", NULL);

  g_type_ensure (VERK_TYPE_START_PAGE);
  g_type_ensure (VERK_TYPE_TIMER_BUTTON);
}


static void
verk_window_init (VerkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The header is outside the overlay: toasts from it and from dialogs go here. */
  verk_toast_set_window_overlay (GTK_WINDOW (self), self->toast_overlay);
  {
    g_autoptr (GSimpleAction) help = g_simple_action_new ("show-help-overlay", NULL);

    g_signal_connect (help, "activate", G_CALLBACK (show_help_overlay_activated), self);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help));
  }
  /* F5, Shift+F5 and the timer actions (docs/PROJECTOR.md). */
  verk_presentation_controller_install (ADW_APPLICATION_WINDOW (self), NULL);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  update_actions (self);
  g_signal_connect_object (self->main_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
}

VerkWindow *
verk_window_new (VerkApplication *application)
{
  return g_object_new (VERK_TYPE_WINDOW, "application", application, NULL);
}

/**
 * verk_window_get_session:
 *
 * Returns: (transfer none) (nullable): the window's live workshop state,
 *   %NULL while no database is open.
 */
VerkSession *
verk_window_get_session (VerkWindow *self)
{
  g_return_val_if_fail (VERK_IS_WINDOW (self), NULL);
  return self->session;
}
