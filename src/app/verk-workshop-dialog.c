/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-workshop-dialog"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "verk-calendar-click.h"
#include "verk-content.h"
#include "verk-format.h"
#include "verk-workshop-dialog.h"

struct _VerkWorkshopDialog
{
  AdwWindow             parent_instance;

  /* template widgets */
  GtkLabel             *intro_label;
  AdwComboRow          *group_row;
  AdwActionRow         *date_row;
  GtkMenuButton        *date_button;
  GtkPopover           *date_popover;
  GtkCalendar          *calendar;
  AdwEntryRow          *facilitator_row;
  AdwPreferencesGroup  *participants_group;
  GtkSpinButton        *count_spin;
  GtkButton            *create_button;
  GtkLabel             *error_label;

  /* owned */
  VerkStore            *store;
  VerkGroupListModel   *groups;
  GArray               *group_ids;          /* gint64, parallel to the combo's model */
  GPtrArray            *participant_rows;   /* AdwEntryRow, borrowed from the group */
  gint64                previous_id;
  GDateTime            *chosen;             /* the date shown and used; the calendar may browse away */
  gboolean              moving_calendar;    /* we move the calendar: not the user's choice */
};

G_DEFINE_FINAL_TYPE (VerkWorkshopDialog, verk_workshop_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
selected_date (VerkWorkshopDialog *self)
{
  return g_date_time_format (self->chosen, "%Y-%m-%d");
}

static void
set_chosen_date (VerkWorkshopDialog *self,
                 GDateTime          *date)
{
  g_autofree char *iso = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;

  g_clear_pointer (&self->chosen, g_date_time_unref);
  self->chosen = g_date_time_ref (date);
  iso = selected_date (self);
  shown = verk_format_date_long (iso);
  label = g_strdup_printf (_("Date: %s"), shown);
  gtk_menu_button_set_label (self->date_button, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The day the calendar shows becomes the date, and the calendar closes. */
static void
accept_calendar_day (VerkWorkshopDialog *self)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (self->calendar);

  set_chosen_date (self, date);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_day_selected (VerkWorkshopDialog *self)
{
  if (!self->moving_calendar)
    accept_calendar_day (self);
}

static void
show_in_calendar (VerkWorkshopDialog *self,
                  GDateTime          *date)
{
  self->moving_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->moving_calendar = FALSE;
}

/* The popover opens on the chosen date, not on a month browsed to and left. */
static void
on_date_popover_show (VerkWorkshopDialog *self)
{
  show_in_calendar (self, self->chosen);
}

static void
on_count_changed (VerkWorkshopDialog *self)
{
  guint wanted = (guint) gtk_spin_button_get_value_as_int (self->count_spin);

  while (self->participant_rows->len < wanted)
    {
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *title = g_strdup_printf (_("Participant %u"), self->participant_rows->len + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      adw_preferences_group_add (self->participants_group, row);
      g_ptr_array_add (self->participant_rows, row);
    }
  while (self->participant_rows->len > wanted)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->participant_rows,
                                                self->participant_rows->len - 1);

      adw_preferences_group_remove (self->participants_group, row);
    }
}

static void
show_error (VerkWorkshopDialog *self,
            const GError       *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* A new workshop with its participants and the content pack. Each store call
 * is its own transaction; if a later one fails the half-made workshop goes to
 * the trash so that nothing half-done shows up in the list. */
static gint64
create_workshop (VerkWorkshopDialog  *self,
                 const char          *date,
                 const char          *facilitator,
                 GError             **error)
{
  guint selected = adw_combo_row_get_selected (self->group_row);
  g_autoptr (VerkContent) content = NULL;
  gint64 group_id, id;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->group_ids->len)
    {
      g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
                           _("Choose the group the workshop is for."));
      return 0;
    }
  group_id = g_array_index (self->group_ids, gint64, selected);

  id = verk_store_add_workshop (self->store, group_id, date, facilitator, error);
  if (id == 0)
    return 0;

  for (guint i = 0; i < self->participant_rows->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->participant_rows->pdata[i])));

      if (verk_store_add_participant (self->store, id, name, error) == 0)
        goto failed;
    }

  /* The content pack in the user's language becomes the workshop's own copy. */
  content = verk_content_new (NULL, error);
  if (content == NULL || !verk_content_seed_workshop (content, self->store, id, error))
    goto failed;

  return id;

failed:
  verk_store_trash_workshop (self->store, id, NULL);
  return 0;
}

static void
on_create_clicked (VerkWorkshopDialog *self)
{
  g_autofree char *date = selected_date (self);
  g_autofree char *facilitator = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->facilitator_row))));
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (self->previous_id != 0)
    id = verk_store_add_followup (self->store, self->previous_id, date, facilitator, &error);
  else
    id = create_workshop (self, date, facilitator, &error);

  if (id == 0)
    {
      show_error (self, error);
      return;
    }

  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[CREATED], 0, id);
  g_object_unref (self);
}

static void
verk_workshop_dialog_dispose (GObject *object)
{
  VerkWorkshopDialog *self = VERK_WORKSHOP_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->groups);
  g_clear_pointer (&self->group_ids, g_array_unref);
  g_clear_pointer (&self->participant_rows, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_WORKSHOP_DIALOG);

  G_OBJECT_CLASS (verk_workshop_dialog_parent_class)->dispose (object);
}

static void
verk_workshop_dialog_class_init (VerkWorkshopDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_workshop_dialog_dispose;

  /**
   * VerkWorkshopDialog::created:
   * @workshop_id: the new workshop
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/verk-workshop-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, date_popover);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, facilitator_row);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, participants_group);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_count_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verk_workshop_dialog_init (VerkWorkshopDialog *self)
{
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->participant_rows = g_ptr_array_new ();
  /* Also the highlighted day after changing month, which ::day-selected misses. */
  verk_calendar_on_day_clicked (self->calendar, G_CALLBACK (accept_calendar_day), self);
  set_chosen_date (self, today);
  show_in_calendar (self, today);
  on_count_changed (self);
}

static void
setup_name_label (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_list_item_set_child (item, label);
}

static void
bind_name_label (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (name));
}

/* The groups' names in the drop-down, whole and wrapped. */
static GtkListItemFactory *
wrapping_name_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_label), NULL);
  return factory;
}

/* By name in the user's language, as a list to pick from. */
static int
compare_group_names (gconstpointer a,
                     gconstpointer b)
{
  const VerkGroup *ga = *(const VerkGroup * const *) a;
  const VerkGroup *gb = *(const VerkGroup * const *) b;
  int cmp = g_utf8_collate (ga->name, gb->name);

  return cmp != 0 ? cmp : (ga->id < gb->id ? -1 : ga->id > gb->id);
}

static void
fill_groups (VerkWorkshopDialog *self,
             gint64              group_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  g_autoptr (GPtrArray) groups = g_ptr_array_new_full (n, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GtkListItemFactory) factory = wrapping_name_factory ();
  guint selected = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (VerkGroupEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      g_ptr_array_add (groups, (gpointer) verk_group_entry_get_group (entry));   /* the model keeps it */
    }
  g_ptr_array_sort (groups, compare_group_names);
  for (guint i = 0; i < groups->len; i++)
    {
      const VerkGroup *group = g_ptr_array_index (groups, i);

      gtk_string_list_append (names, group->name);
      g_array_append_val (self->group_ids, group->id);
      if (group->id == group_id)
        selected = i;
    }
  adw_combo_row_set_factory (self->group_row, factory);
  /* The chosen group as the row's subtitle, which wraps: a long name is
   * shown whole instead of cut after twenty characters. */
  adw_combo_row_set_use_subtitle (self->group_row, TRUE);
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->group_row, selected);
}

/* The SIQ way is to meet again about half a year later: propose that day,
 * not today (a follow-up is usually planned at the end of the last one). */
static void
propose_half_a_year_after (VerkWorkshopDialog *self,
                           const char         *previous_date)
{
  unsigned year, month, day;
  g_autoptr (GDateTime) previous = NULL;
  g_autoptr (GDateTime) proposed = NULL;

  if (previous_date == NULL || sscanf (previous_date, "%4u-%2u-%2u", &year, &month, &day) != 3)
    return;
  previous = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (previous == NULL)
    return;
  proposed = g_date_time_add_months (previous, 6);
  set_chosen_date (self, proposed);
  show_in_calendar (self, proposed);
}

/* A follow-up keeps the group, pieces and participants of @previous_id: only
 * when and who leads are asked. */
static void
setup_followup (VerkWorkshopDialog *self)
{
  const VerkWorkshopSummary *summary = verk_group_list_model_find_workshop (self->groups, self->previous_id);
  const VerkWorkshop *previous = summary != NULL ? summary->workshop : NULL;
  g_autofree char *intro = NULL;
  g_autofree char *previous_shown = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("New Follow-Up Workshop"));
  gtk_widget_set_visible (GTK_WIDGET (self->group_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->participants_group), FALSE);
  if (previous == NULL)
    return;
  previous_shown = verk_format_date_long (previous->date);
  intro = g_strdup_printf (_("Follows up the workshop of %s. Its pieces and participants are "
                             "copied, and its open actions come along to be followed up."),
                           previous_shown);
  gtk_label_set_label (self->intro_label, intro);
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), TRUE);
  propose_half_a_year_after (self, previous->date);
  gtk_editable_set_text (GTK_EDITABLE (self->facilitator_row),
                         previous->facilitator != NULL ? previous->facilitator : "");
}

/**
 * verk_workshop_dialog_new:
 * @parent: the window to be modal for
 * @groups: the groups to choose from, and their store, where the workshop is created
 * @group_id: the group to preselect, or 0
 * @previous_id: the workshop to follow up, or 0 for a new one
 *
 * Returns: (transfer none): a new dialog, not yet shown.
 */
VerkWorkshopDialog *
verk_workshop_dialog_new (GtkWindow          *parent,
                          VerkGroupListModel *groups,
                          gint64              group_id,
                          gint64              previous_id)
{
  VerkWorkshopDialog *self;

  g_return_val_if_fail (VERK_IS_GROUP_LIST_MODEL (groups), NULL);

  self = g_object_new (VERK_TYPE_WORKSHOP_DIALOG, "transient-for", parent, NULL);
  self->groups = g_object_ref (groups);
  self->store = g_object_ref (verk_group_list_model_get_store (groups));
  self->previous_id = previous_id;
  if (previous_id != 0)
    setup_followup (self);
  else
    fill_groups (self, group_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->facilitator_row));
  return self;
}
