/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-start-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-format.h"
#include "verk-group-list-model.h"
#include "verk-start-page.h"
#include "verk-toast.h"

struct _VerkStartPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *box;
  GtkWidget          *search_clamp;
  GtkSearchEntry     *search_entry;
  GtkWidget          *empty_new_group_button;
  GtkStack           *content_stack;
  GtkScrolledWindow  *scroller;
  GtkBox             *groups_box;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;

  /* owned */
  VerkGroupListModel *model;
  GtkCustomFilter    *filter;       /* the search */
  GtkFilterListModel *found;        /* the groups the search finds */
  GtkSliceListModel  *shown;        /* the first of them, one section each in groups_box */
  GHashTable         *expanded;     /* ids of groups showing all their workshops */
  char               *needle;       /* the search, case-folded */
  gboolean            rebuilding;   /* the sections are being replaced all at once */
  guint               more_id;      /* idle source adding sections */
};

/* A group shows its newest workshops and a row that shows the rest: with a
 * thousand workshops a row each, the page took seconds to build and a
 * hundred megabytes (docs/PERFORMANCE.md). */
#define ROWS_PER_GROUP 3
/* Sections are built only for the groups in view: these before the first
 * frame (a section is about 65 M instructions, a third of gtk_init(); two
 * fill a 1280×720 window), then more when they do not fill the window, or as
 * the list is scrolled (or the focus moves) near its end. GTK 4.8's GtkListView would build
 * 200 rows whatever the window's size (measured: 205 for a 1280×720 window). */
#define FIRST_GROUPS 2
#define MORE_GROUPS  3

G_DEFINE_FINAL_TYPE (VerkStartPage, verk_start_page, GTK_TYPE_WIDGET)

/* What an Undo button in a toast brings back. */
typedef struct {
  VerkStore *store;
  gint64     id;
  gboolean   is_group;
} Trashed;

static void
trashed_free (gpointer  data,
              GClosure *closure)
{
  Trashed *trashed = data;

  g_clear_object (&trashed->store);
  g_free (trashed);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static VerkStore *
get_store (VerkStartPage *self)
{
  return verk_group_list_model_get_store (self->model);
}

static void
show_error (VerkStartPage *self,
            const GError  *error)
{
  verk_toast_show (GTK_WIDGET (self), error->message);
}

static void
on_undo_clicked (AdwToast *toast,
                 Trashed  *trashed)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (trashed->is_group)
    ok = verk_store_restore_group (trashed->store, trashed->id, &error);
  else
    ok = verk_store_restore_workshop (trashed->store, trashed->id, &error);
  /* NOT_FOUND: deleted for good since (the Trash emptied while the toast
   * was there): nothing to bring back; one restored meanwhile is restored
   * again, which changes nothing */
  if (!ok && !g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not undo the deletion: %s", error->message);
}

static void
offer_undo (VerkStartPage *self,
            const char    *title,
            gint64         id,
            gboolean       is_group)
{
  Trashed *trashed = g_new0 (Trashed, 1);

  trashed->store = g_object_ref (get_store (self));
  trashed->id = id;
  trashed->is_group = is_group;
  verk_toast_show_undo (GTK_WIDGET (self), title, G_CALLBACK (on_undo_clicked), trashed, trashed_free);
}

static void
on_delete_workshop_clicked (GtkButton     *button,
                            VerkStartPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "verk-id"));
  const char *date = g_object_get_data (G_OBJECT (button), "verk-label");
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (!verk_store_trash_workshop (get_store (self), id, &error))
    {
      show_error (self, error);
      return;
    }
  title = g_strdup_printf (_("Workshop of %s deleted"), date);
  offer_undo (self, title, id, FALSE);
  verk_start_page_focus_search (self);
}

static void
on_delete_group_clicked (GtkButton     *button,
                         VerkStartPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "verk-id"));
  const char *name = g_object_get_data (G_OBJECT (button), "verk-label");
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (!verk_store_trash_group (get_store (self), id, &error))
    {
      show_error (self, error);
      return;
    }
  title = g_strdup_printf (_("Group “%s” deleted"), name);
  offer_undo (self, title, id, TRUE);
  verk_start_page_focus_search (self);
}

static void
on_workshop_row_activated (AdwActionRow *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "verk-id"));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.open-workshop", "x", id);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  set_accessible_label (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
set_id (gpointer    object,
        gint64      id,
        const char *label)
{
  g_object_set_data (G_OBJECT (object), "verk-id", GSIZE_TO_POINTER ((gsize) id));
  if (label != NULL)
    g_object_set_data_full (G_OBJECT (object), "verk-label", g_strdup (label), g_free);
}

/* A row's title takes one line and its subtitle at most two, then they end
 * in "…". Unlimited wrapping labels are measured by laying the text out one
 * word per line, reshaping the rest of it at every break: most of the start
 * page's first frame (docs/PERFORMANCE.md). The full text stays the labels'
 * accessible name. */
static void
limit_lines (GtkWidget *row)
{
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
}

static GtkWidget *
workshop_row (VerkStartPage             *self,
              const VerkWorkshopSummary *summary)
{
  const VerkWorkshop *workshop = summary->workshop;
  guint n = summary->n_participants;
  g_autoptr (GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *followup, *details, *delete;
  g_autofree char *followup_label = NULL, *details_label = NULL, *delete_label = NULL;
  g_autofree char *date = verk_format_date_long (workshop->date);

  if (workshop->facilitator != NULL && workshop->facilitator[0] != '\0')
    g_string_append_printf (subtitle, _("Led by %s"), workshop->facilitator);
  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u participant",
                                                 "%u participants", n), n);
  if (summary->previous_date != NULL)
    {
      g_autofree char *previous_date = verk_format_date_long (summary->previous_date);

      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("follows up %s"), previous_date);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  limit_lines (row);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "verk-workshop-row");
  set_id (row, workshop->id, NULL);
  g_signal_connect (row, "activated", G_CALLBACK (on_workshop_row_activated), NULL);

  followup_label = g_strdup_printf (_("New follow-up workshop after %s"), date);
  followup = gtk_button_new_with_label (_("Follow Up…"));
  gtk_widget_set_tooltip_text (followup, followup_label);
  set_accessible_label (followup, followup_label);
  gtk_widget_set_valign (followup, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (followup), "win.new-followup");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (followup), "x", workshop->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), followup);

  /* Translators: the accessible name of the edit button of a workshop row; %s is its date. */
  details_label = g_strdup_printf (_("Workshop Details of %s"), date);
  details = icon_button ("document-edit-symbolic", details_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (details), "win.edit-workshop");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (details), "x", workshop->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), details);

  delete_label = g_strdup_printf (_("Delete the workshop of %s"), date);
  delete = icon_button ("user-trash-symbolic", delete_label);
  set_id (delete, workshop->id, date);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_workshop_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static GtkWidget *
group_header (VerkStartPage   *self,
              const VerkGroup *group)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (group->name);
  GtkWidget *add, *edit, *delete;
  g_autofree char *add_label = NULL, *edit_label = NULL, *delete_label = NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (titles), title);
  if (group->unit != NULL && group->unit[0] != '\0')
    {
      GtkWidget *unit = gtk_label_new (group->unit);

      gtk_label_set_xalign (GTK_LABEL (unit), 0);
      gtk_widget_add_css_class (unit, "dim-label");
      gtk_widget_add_css_class (unit, "title-4");
      gtk_box_append (GTK_BOX (titles), unit);
    }
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);

  add_label = g_strdup_printf (_("New workshop for %s"), group->name);
  add = gtk_button_new_with_label (_("New Workshop…"));
  gtk_widget_set_tooltip_text (add, add_label);
  set_accessible_label (add, add_label);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.new-workshop-in-group");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "x", group->id);
  gtk_box_append (GTK_BOX (header), add);

  /* Translators: the accessible name of the edit button beside a group's name. */
  edit_label = g_strdup_printf (_("Edit the group %s"), group->name);
  edit = icon_button ("document-edit-symbolic", edit_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "win.edit-group");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "x", group->id);
  gtk_box_append (GTK_BOX (header), edit);

  delete_label = g_strdup_printf (_("Delete the group %s"), group->name);
  delete = icon_button ("user-trash-symbolic", delete_label);
  set_id (delete, group->id, group->name);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_group_clicked), self);
  gtk_box_append (GTK_BOX (header), delete);

  return header;
}

static gboolean
matches (const char *haystack,
         const char *needle)
{
  g_autofree char *folded = NULL;

  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/* A search finds a workshop by its date as typed in either form: "2026-03-12"
 * as stored, or "12 mars 2026" as the row shows it. */
static gboolean
matches_long_date (const char *iso_date,
                   const char *needle)
{
  g_autofree char *shown = verk_format_date_long (iso_date);

  return matches (shown, needle);
}


static gboolean
workshop_matches (const VerkWorkshopSummary *summary,
                  const char                *needle)
{
  return matches (summary->workshop->date, needle) || matches_long_date (summary->workshop->date, needle)
         || matches (summary->workshop->facilitator, needle);
}

static gboolean
group_matches (VerkGroupEntry *entry,
               const char     *needle)
{
  const VerkGroup *group = verk_group_entry_get_group (entry);

  return matches (group->name, needle) || matches (group->unit, needle);
}

/* The search: a group by its name or unit, or by any of its workshops. */
static gboolean
search_finds (gpointer item,
              gpointer user_data)
{
  VerkStartPage *self = user_data;
  VerkGroupEntry *entry = item;
  guint n = verk_group_entry_get_n_workshops (entry);

  if (self->needle == NULL || self->needle[0] == '\0' || group_matches (entry, self->needle))
    return TRUE;
  for (guint i = 0; i < n; i++)
    if (workshop_matches (verk_group_entry_get_workshop (entry, i), self->needle))
      return TRUE;
  return FALSE;
}

static GtkWidget *group_section (VerkStartPage  *self,
                                 VerkGroupEntry *entry);

static GtkWidget *
find_section (VerkStartPage *self,
              gint64         group_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "verk-group-id")) == (gsize) group_id)
      return child;
  return NULL;
}

/* "Show N Older Workshops": the group's section again with every workshop,
 * the focus on the first of those it did not show. */
static void
on_show_all_activated (AdwActionRow  *row,
                       VerkStartPage *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "verk-group-id"));
  VerkGroupEntry *entry = verk_group_list_model_find_group (self->model, group_id);
  GtkWidget *old = find_section (self, group_id);
  GtkWidget *section;
  GtkListBoxRow *first_new;

  if (entry == NULL || old == NULL)
    return;
  g_hash_table_add (self->expanded, g_memdup2 (&group_id, sizeof group_id));
  section = group_section (self, entry);
  gtk_box_insert_child_after (self->groups_box, section, old);
  gtk_box_remove (self->groups_box, old);
  first_new = gtk_list_box_get_row_at_index (GTK_LIST_BOX (gtk_widget_get_last_child (section)),
                                             ROWS_PER_GROUP);
  if (first_new != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first_new));
}

/* The keyboard reached the last section built: the next one is built now,
 * so that Tab goes on to it rather than out of the list. */
static void
on_section_focus_enter (GtkEventControllerFocus *controller,
                        VerkStartPage           *self)
{
  GtkWidget *section = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint size = gtk_slice_list_model_get_size (self->shown);

  if (gtk_widget_get_next_sibling (section) == NULL
      && size < g_list_model_get_n_items (G_LIST_MODEL (self->found)))
    gtk_slice_list_model_set_size (self->shown, size + MORE_GROUPS);
}

/* One group's section: its header and its newest workshops (every workshop
 * the search finds, or all once asked for). */
static GtkWidget *
group_section (VerkStartPage  *self,
               VerkGroupEntry *entry)
{
  const VerkGroup *group = verk_group_entry_get_group (entry);
  const char *needle = self->needle;
  gboolean whole_group = group_matches (entry, needle);
  gboolean searching = needle != NULL && needle[0] != '\0';
  gboolean all = searching || g_hash_table_contains (self->expanded, &group->id);
  guint n = verk_group_entry_get_n_workshops (entry);
  GtkWidget *section, *list;
  GtkEventController *focus;
  guint rows = 0, hidden = 0;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, group->name, -1);

  for (guint j = 0; j < n; j++)
    {
      const VerkWorkshopSummary *summary = verk_group_entry_get_workshop (entry, j);

      if (!whole_group && !workshop_matches (summary, needle))
        continue;
      if (!all && rows == ROWS_PER_GROUP)
        {
          hidden = n - j;
          break;
        }
      gtk_list_box_append (GTK_LIST_BOX (list), workshop_row (self, summary));
      rows++;
    }

  if (rows == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No workshops yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Create the group’s first workshop with New Workshop."));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (hidden > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u Older Workshop", "Show %u Older Workshops",
                                      hidden), hidden);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      limit_lines (row);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "verk-workshop-row");   /* as legible as the rows above */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-down-symbolic"));
      g_object_set_data (G_OBJECT (row), "verk-group-id", GSIZE_TO_POINTER ((gsize) group->id));
      g_signal_connect (row, "activated", G_CALLBACK (on_show_all_activated), self);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_object_set_data (G_OBJECT (section), "verk-group-id", GSIZE_TO_POINTER ((gsize) group->id));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_section_focus_enter), self);
  gtk_widget_add_controller (section, focus);
  gtk_box_append (GTK_BOX (section), group_header (self, group));
  gtk_box_append (GTK_BOX (section), list);
  return section;
}

/* Shows one of the content pages; a status page gets its icon only now (see
 * the template). */
static void
set_page (VerkStartPage *self,
          const char    *name)
{
  if (g_str_equal (name, "empty"))
    adw_status_page_set_icon_name (self->empty_page, APP_ID);
  else if (g_str_equal (name, "no-results"))
    adw_status_page_set_icon_name (self->no_results_page, "edit-find-symbolic");
  gtk_stack_set_visible_child_name (self->content_stack, name);
}

/* Nothing to search yet: the page is one big "New Group" button. */
static void
update_page (VerkStartPage *self)
{
  guint groups = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_widget_set_visible (self->search_clamp, groups > 0);
  if (self->model == NULL)
    return;
  if (groups == 0)
    set_page (self, "empty");
  else
    set_page (self, g_list_model_get_n_items (G_LIST_MODEL (self->found)) > 0 ? "list" : "no-results");
}

/* groups_box follows the shown groups, section for section. */
static void
on_shown_items_changed (GListModel    *shown,
                        guint          position,
                        guint          removed,
                        guint          added,
                        VerkStartPage *self)
{
  GtkWidget *before = NULL, *child;

  if (self->rebuilding)
    return;
  child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
  for (guint i = 0; i < position && child != NULL; i++)
    {
      before = child;
      child = gtk_widget_get_next_sibling (child);
    }
  for (guint i = 0; i < removed && child != NULL; i++)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (self->groups_box, child);
      child = next;
    }
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (VerkGroupEntry) entry = g_list_model_get_item (shown, position + i);
      GtkWidget *section = group_section (self, entry);

      gtk_box_insert_child_after (self->groups_box, section, before);
      before = section;
    }
}

static void
rebuild_sections (VerkStartPage *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  if (self->shown == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  on_shown_items_changed (G_LIST_MODEL (self->shown), 0, 0, n, self);
}

static gboolean
show_more (gpointer user_data)
{
  VerkStartPage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown);

  self->more_id = 0;
  gtk_slice_list_model_set_size (self->shown, size + MORE_GROUPS);
  return G_SOURCE_REMOVE;
}

/* More sections once the list is scrolled to within a quarter of a screen of
 * its end (they add several screens), or when those built do not fill the
 * window; added when idle, as the adjustment changes while the list is being
 * laid out. */
static void
maybe_show_more (VerkStartPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double below = gtk_adjustment_get_upper (adjustment) - (gtk_adjustment_get_value (adjustment) + page);

  if (self->shown == NULL || self->more_id != 0 || page <= 0 || below >= page / 4
      || gtk_slice_list_model_get_size (self->shown) >= g_list_model_get_n_items (G_LIST_MODEL (self->found)))
    return;
  self->more_id = g_idle_add (show_more, self);
}

static void
on_model_changed (VerkStartPage *self)
{
  const GError *error = verk_group_list_model_get_error (self->model);

  if (error != NULL)
    show_error (self, error);
  /* An edit can make a group match the search, or no longer. */
  if (self->needle != NULL && self->needle[0] != '\0')
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
on_search_changed (VerkStartPage *self)
{
  g_free (self->needle);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_strstrip (self->needle);
  if (self->model == NULL)
    return;
  /* Every section shows other workshops now: build the first few anew. */
  self->rebuilding = TRUE;
  gtk_slice_list_model_set_size (self->shown, FIRST_GROUPS);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->rebuilding = FALSE;
  rebuild_sections (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_page (self);
}

/* Enter in the search opens the first workshop shown. */
static void
on_search_activate (VerkStartPage *self)
{
  GtkWidget *section = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
  GtkWidget *list, *row;

  if (section == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "list") != 0)
    return;
  list = gtk_widget_get_last_child (section);
  row = GTK_IS_LIST_BOX (list) ? GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0)) : NULL;
  if (row != NULL && g_object_get_data (G_OBJECT (row), "verk-id") != NULL)
    on_workshop_row_activated (ADW_ACTION_ROW (row));
}

static void
on_stop_search (VerkStartPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
unbind_model (VerkStartPage *self)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_handle_id (&self->more_id, g_source_remove);
  g_clear_object (&self->shown);
  g_clear_object (&self->found);
  g_clear_object (&self->model);
}

static void
verk_start_page_dispose (GObject *object)
{
  VerkStartPage *self = VERK_START_PAGE (object);

  unbind_model (self);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_START_PAGE);

  G_OBJECT_CLASS (verk_start_page_parent_class)->dispose (object);
}

static void
verk_start_page_class_init (VerkStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_start_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, box);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, search_clamp);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, empty_new_group_button);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
verk_start_page_init (VerkStartPage *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->filter = gtk_custom_filter_new (search_finds, self, NULL);
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (maybe_show_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (maybe_show_more), self, G_CONNECT_SWAPPED);
}

/**
 * verk_start_page_set_model:
 * @model: (nullable): the groups to list
 *
 * Lists @model's groups, building a section only for those in view.
 */
void
verk_start_page_set_model (VerkStartPage      *self,
                           VerkGroupListModel *model)
{
  g_return_if_fail (VERK_IS_START_PAGE (self));

  if (self->model == model)
    return;
  unbind_model (self);
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      self->found = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (model)),
                                               g_object_ref (GTK_FILTER (self->filter)));
      self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->found)), 0, FIRST_GROUPS);
      g_signal_connect (self->shown, "items-changed", G_CALLBACK (on_shown_items_changed), self);
      g_signal_connect_swapped (model, "changed", G_CALLBACK (on_model_changed), self);
      if (verk_group_list_model_get_error (model) != NULL)
        show_error (self, verk_group_list_model_get_error (model));
    }
  rebuild_sections (self);
  update_page (self);
}

/**
 * verk_start_page_focus_search:
 *
 * Puts the keyboard focus in the search field (or on New Group when there
 * is nothing to search).
 */
void
verk_start_page_focus_search (VerkStartPage *self)
{
  g_return_if_fail (VERK_IS_START_PAGE (self));

  if (gtk_widget_get_visible (self->search_clamp))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    gtk_widget_grab_focus (self->empty_new_group_button);
}
