/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-start-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-format.h"
#include "verk-start-page.h"
#include "verk-window.h"

struct _VerkStartPage
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *box;
  GtkWidget      *search_clamp;
  GtkSearchEntry *search_entry;
  GtkWidget      *empty_new_group_button;
  GtkStack       *content_stack;
  GtkBox         *groups_box;
  AdwStatusPage  *empty_page;
  AdwStatusPage  *no_results_page;

  /* owned */
  VerkStore      *store;
  gulong          changed_id;
  GHashTable     *expanded;     /* ids of groups showing all their workshops */
  GPtrArray      *pending;      /* GroupEntry still to add, newest groups first */
  guint           pending_id;   /* idle source adding them */
  char           *needle;       /* the search the pending entries are filtered by */
  gboolean        dirty;        /* the store changed while the page was hidden */
};

/* A group shows its newest workshops and a row that shows the rest: with a
 * thousand workshops a row each, the page took seconds to build and a
 * hundred megabytes (docs/PERFORMANCE.md). */
#define ROWS_PER_GROUP 3
/* Groups built before the first frame (about 65 M instructions each, a
 * third of gtk_init()); two fill a 1280×720 window, the rest follow when
 * idle. */
#define FIRST_GROUPS 2

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

static void
show_toast (VerkStartPage *self,
            AdwToast      *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (VERK_IS_WINDOW (root))
    verk_window_add_toast (VERK_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

static void
show_error (VerkStartPage *self,
            const GError  *error)
{
  show_toast (self, adw_toast_new (error->message));
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
  if (!ok)
    g_warning ("Could not undo the deletion: %s", error->message);
}

static void
offer_undo (VerkStartPage *self,
            const char    *title,
            gint64         id,
            gboolean       is_group)
{
  AdwToast *toast = adw_toast_new (title);
  Trashed *trashed = g_new0 (Trashed, 1);

  trashed->store = g_object_ref (self->store);
  trashed->id = id;
  trashed->is_group = is_group;
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         trashed, trashed_free, 0);
  show_toast (self, toast);
}

static void
on_delete_workshop_clicked (GtkButton     *button,
                            VerkStartPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "verk-id"));
  const char *date = g_object_get_data (G_OBJECT (button), "verk-label");
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (!verk_store_trash_workshop (self->store, id, &error))
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

  if (!verk_store_trash_group (self->store, id, &error))
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
workshop_row (VerkStartPage *self,
              VerkWorkshop  *workshop)
{
  g_autoptr (GPtrArray) participants = verk_store_list_participants (self->store, workshop->id, NULL);
  guint n = participants != NULL ? participants->len : 0;
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
  if (workshop->previous_id != 0)
    {
      g_autoptr (VerkWorkshop) previous = verk_store_get_workshop (self->store, workshop->previous_id,
                                                                   NULL);
      if (previous != NULL)
        {
          g_autofree char *previous_date = verk_format_date_long (previous->date);

          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, _("follows up %s"), previous_date);
        }
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
group_header (VerkStartPage *self,
              VerkGroup     *group)
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

typedef struct {
  VerkGroup *group;
  GPtrArray *workshops;
} GroupEntry;

static void
group_entry_free (GroupEntry *entry)
{
  g_clear_pointer (&entry->group, verk_group_free);
  g_clear_pointer (&entry->workshops, g_ptr_array_unref);
  g_free (entry);
}

/* Groups that have just been created (no workshop yet) first, then by their
 * newest workshop: the group you are working with is at the top. */
static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const GroupEntry *ga = *(GroupEntry * const *) a;
  const GroupEntry *gb = *(GroupEntry * const *) b;
  const char *da = ga->workshops->len > 0 ? ((VerkWorkshop *) ga->workshops->pdata[0])->date : NULL;
  const char *db = gb->workshops->len > 0 ? ((VerkWorkshop *) gb->workshops->pdata[0])->date : NULL;
  int cmp;

  if ((da == NULL) != (db == NULL))
    return da == NULL ? -1 : 1;
  cmp = g_strcmp0 (db, da);
  if (cmp != 0)
    return cmp;
  return ga->group->id < gb->group->id ? 1 : (ga->group->id > gb->group->id ? -1 : 0);
}

static void rebuild (VerkStartPage *self);

static void
on_show_all_activated (AdwActionRow  *row,
                       VerkStartPage *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "verk-group-id"));

  g_hash_table_add (self->expanded, g_memdup2 (&group_id, sizeof group_id));
  rebuild (self);
}

/* Adds one group's section; returns whether anything of it matched. */
static gboolean
add_group_section (VerkStartPage *self,
                   GroupEntry    *entry,
                   const char    *needle)
{
  gboolean group_matches = matches (entry->group->name, needle) || matches (entry->group->unit, needle);
  gboolean searching = needle != NULL && needle[0] != '\0';
  gboolean all = searching || g_hash_table_contains (self->expanded, &entry->group->id);
  GtkWidget *section, *list;
  guint rows = 0, hidden = 0;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry->group->name, -1);

  for (guint j = 0; j < entry->workshops->len; j++)
    {
      VerkWorkshop *workshop = g_ptr_array_index (entry->workshops, j);

      if (!group_matches && !matches (workshop->date, needle) &&
          !matches_long_date (workshop->date, needle) && !matches (workshop->facilitator, needle))
        continue;
      if (!all && rows == ROWS_PER_GROUP)
        {
          hidden = entry->workshops->len - j;
          break;
        }
      gtk_list_box_append (GTK_LIST_BOX (list), workshop_row (self, workshop));
      rows++;
    }

  if (!group_matches && rows == 0)
    {
      g_object_unref (g_object_ref_sink (list));
      return FALSE;
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
      g_object_set_data (G_OBJECT (row), "verk-group-id", GSIZE_TO_POINTER ((gsize) entry->group->id));
      g_signal_connect (row, "activated", G_CALLBACK (on_show_all_activated), self);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (section), group_header (self, entry->group));
  gtk_box_append (GTK_BOX (section), list);
  gtk_box_append (self->groups_box, section);
  return TRUE;
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

static void
show_content (VerkStartPage *self)
{
  set_page (self, gtk_widget_get_first_child (GTK_WIDGET (self->groups_box)) != NULL
                  ? "list" : "no-results");
}

/* Adds the groups left after the first screenful, one per idle turn. */
static gboolean
add_pending (gpointer user_data)
{
  VerkStartPage *self = user_data;

  if (self->pending != NULL && self->pending->len > 0)
    {
      GroupEntry *entry = g_ptr_array_steal_index (self->pending, 0);

      add_group_section (self, entry, self->needle);
      group_entry_free (entry);
    }
  if (self->pending == NULL || self->pending->len == 0)
    {
      self->pending_id = 0;
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      show_content (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
rebuild (VerkStartPage *self)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) group_entry_free);
  g_autoptr (GError) error = NULL;
  GtkWidget *child;
  guint i;

  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->dirty = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  if (self->store == NULL)
    return;

  groups = verk_store_list_groups (self->store, &error);
  if (groups == NULL)
    {
      show_error (self, error);
      return;
    }
  /* Nothing to search yet: the page is one big "New Group" button. */
  gtk_widget_set_visible (self->search_clamp, groups->len > 0);
  if (groups->len == 0)
    {
      set_page (self, "empty");
      return;
    }

  for (i = 0; i < groups->len; i++)
    {
      GroupEntry *entry = g_new0 (GroupEntry, 1);

      entry->group = g_ptr_array_index (groups, i);
      entry->workshops = verk_store_list_workshops (self->store, entry->group->id, NULL);
      if (entry->workshops == NULL)
        entry->workshops = g_ptr_array_new ();
      g_ptr_array_add (entries, entry);
    }
  /* The entries own the groups now: some outlive this call in self->pending. */
  g_ptr_array_set_free_func (groups, NULL);
  g_ptr_array_sort (entries, compare_groups);

  g_free (self->needle);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_strstrip (self->needle);

  /* The first screenful now, the rest when idle, so that a big database
   * does not hold up the window. */
  for (i = 0; i < entries->len && i < FIRST_GROUPS; i++)
    add_group_section (self, g_ptr_array_index (entries, i), self->needle);
  if (entries->len > FIRST_GROUPS)
    {
      self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) group_entry_free);
      while (entries->len > FIRST_GROUPS)
        g_ptr_array_add (self->pending, g_ptr_array_steal_index (entries, FIRST_GROUPS));
      self->pending_id = g_idle_add_full (G_PRIORITY_LOW, add_pending, self, NULL);
    }
  show_content (self);
}

static void
on_store_changed (VerkStore     *store,
                  int            kind,
                  gint64         workshop_id,
                  VerkStartPage *self)
{
  if (kind != VERK_CHANGE_GROUPS && kind != VERK_CHANGE_WORKSHOP &&
      kind != VERK_CHANGE_PARTICIPANTS)
    return;
  /* Edits during a workshop do not rebuild a page nobody sees. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  else
    self->dirty = TRUE;
}

static void
on_search_changed (VerkStartPage *self)
{
  rebuild (self);
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
verk_start_page_dispose (GObject *object)
{
  VerkStartPage *self = VERK_START_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_START_PAGE);

  G_OBJECT_CLASS (verk_start_page_parent_class)->dispose (object);
}

static void
verk_start_page_map (GtkWidget *widget)
{
  VerkStartPage *self = VERK_START_PAGE (widget);

  GTK_WIDGET_CLASS (verk_start_page_parent_class)->map (widget);
  if (self->dirty)
    rebuild (self);
}

static void
verk_start_page_class_init (VerkStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_start_page_dispose;
  widget_class->map = verk_start_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, box);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, search_clamp);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, empty_new_group_button);
  gtk_widget_class_bind_template_child (widget_class, VerkStartPage, content_stack);
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
  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * verk_start_page_set_store:
 * @store: (nullable): the store to list
 */
void
verk_start_page_set_store (VerkStartPage *self,
                           VerkStore     *store)
{
  g_return_if_fail (VERK_IS_START_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  rebuild (self);
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
