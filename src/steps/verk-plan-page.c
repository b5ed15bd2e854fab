/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-action-row.h"
#include "verk-content.h"
#include "verk-page-util.h"
#include "verk-plan-page.h"
#include "verk-step-page.h"

struct _VerkPlanPage
{
  VerkStepPage parent_instance;

  /* template widgets */
  GtkLabel    *method_label;
  GtkStack    *stack;
  GtkBox      *sections_box;

  /* owned */
  GHashTable  *rows;       /* gint64 action id → VerkActionRow (a reference) */
  GPtrArray   *drafts;     /* VerkActionRow not saved yet (references) */
  GHashTable  *sections;   /* gint64 item id (0: other actions) → GtkListBox (borrowed) */
  GStrv        headings;   /* what the sections of the prioritised areas say, in order */
};

G_DEFINE_FINAL_TYPE (VerkPlanPage, verk_plan_page, VERK_TYPE_STEP_PAGE)

static void place_row (VerkPlanPage *self, GtkWidget *row);
static void sync_actions (VerkPlanPage *self);

static void
on_prioritise_clicked (VerkPlanPage *self)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));

  if (session != NULL)
    verk_session_set_step (session, VERK_STEP_PRIORITISE);
}

typedef struct {
  VerkStore  *store;
  VerkAction *action;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_clear_object (&undo->store);
  g_clear_pointer (&undo->action, verk_action_free);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr (GError) error = NULL;

  undo->action->id = 0;
  if (verk_store_add_action (undo->store, undo->action, &error) <= 0)
    g_warning ("Could not restore the action: %s", error->message);
}

static void
on_delete_requested (VerkActionRow *row,
                     VerkPlanPage  *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  const VerkAction *action = verk_action_row_get_action (row);
  UndoData *undo;
  AdwToast *toast;

  if (action->id == 0)
    {
      g_ptr_array_remove (self->drafts, row);
      gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), GTK_WIDGET (row));
      return;
    }
  undo = g_new0 (UndoData, 1);
  undo->store = g_object_ref (store);
  undo->action = verk_action_copy (action);
  if (!verk_store_remove_action (store, action->id, &error))
    {
      undo_data_free (undo);
      verk_page_toast_error (GTK_WIDGET (self), error);
      return;
    }
  toast = verk_page_toast (GTK_WIDGET (self), _("Action deleted"));
  if (toast == NULL)
    {
      undo_data_free (undo);
      return;
    }
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "verk-undo", undo, undo_data_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo);
}

static GtkWidget *
new_row (VerkPlanPage     *self,
         const VerkAction *action)
{
  GtkWidget *row = verk_action_row_new (verk_step_page_get_store (VERK_STEP_PAGE (self)), action);

  g_object_ref_sink (row);
  g_signal_connect_object (row, "delete-requested", G_CALLBACK (on_delete_requested), self, 0);
  g_signal_connect_object (row, "added", G_CALLBACK (sync_actions), self, G_CONNECT_SWAPPED);
  return row;
}

static void
on_add_clicked (GtkButton    *button,
                VerkPlanPage *self)
{
  gint64 item_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "verk-item-id"));
  VerkAction draft = { 0 };
  GtkWidget *row;

  draft.workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));
  draft.item_id = item_id;
  draft.status = VERK_ACTION_OPEN;
  row = new_row (self, &draft);
  g_ptr_array_add (self->drafts, row);
  place_row (self, row);
  verk_action_row_focus_what (VERK_ACTION_ROW (row));
}

static GtkWidget *
new_section (VerkPlanPage   *self,
             gint64          item_id,
             const char     *title,
             const char     *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *add_name = g_strdup_printf (_("Add an action to %s"), title);
  GtkWidget *add = gtk_button_new_with_label (_("Add Action"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (box), heading);
  if (subtitle != NULL)
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (box), sub);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), list);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_name, -1);
  g_object_set_data (G_OBJECT (add), "verk-item-id", GSIZE_TO_POINTER ((gsize) item_id));
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_clicked), self, 0);
  gtk_box_append (GTK_BOX (box), add);
  gtk_box_append (self->sections_box, box);
  g_hash_table_insert (self->sections, g_memdup2 (&item_id, sizeof item_id), list);
  return list;
}

static void
ensure_other_section (VerkPlanPage *self)
{
  gint64 zero = 0;

  if (!g_hash_table_contains (self->sections, &zero))
    new_section (self, 0, _("Other Actions"), _("Actions not tied to an area the group prioritised"));
}

static void
place_row (VerkPlanPage *self,
           GtkWidget    *row)
{
  gint64 item_id = verk_action_row_get_action (VERK_ACTION_ROW (row))->item_id;
  GtkListBox *list = g_hash_table_lookup (self->sections, &item_id);
  GtkWidget *parent = gtk_widget_get_parent (row);

  if (list == NULL)
    {
      gint64 zero = 0;

      ensure_other_section (self);
      list = g_hash_table_lookup (self->sections, &zero);
    }
  if (parent == GTK_WIDGET (list))
    return;
  if (parent != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (parent), row);
  gtk_list_box_append (list, row);
}

static void
detach_rows (VerkPlanPage *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (gtk_widget_get_parent (row) != NULL)
      gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
  for (guint i = 0; i < self->drafts->len; i++)
    {
      row = g_ptr_array_index (self->drafts, i);
      if (gtk_widget_get_parent (row) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
    }
}

/* The title and subtitle of each prioritised area's section, in rank order:
 * "id\ntitle\nsubtitle". */
static GStrv
section_headings (VerkPlanPage *self)
{
  VerkWorkshopModel *model = verk_step_page_get_model (VERK_STEP_PAGE (self));
  g_autoptr (GStrvBuilder) headings = g_strv_builder_new ();
  g_autoptr (GArray) priorities = NULL;

  if (model == NULL)
    return g_strv_builder_end (headings);
  priorities = verk_workshop_model_get_priority_ids (model);
  for (guint i = 0; i < priorities->len; i++)
    {
      gint64 item_id = g_array_index (priorities, gint64, i);
      const VerkItem *item = verk_workshop_model_find_item (model, item_id);
      g_autofree char *subtitle = NULL;
      g_autofree char *heading = NULL;

      if (item == NULL)
        continue;
      if (item->agreed > 0 && item->desired > 0)
        subtitle = g_strdup_printf (_("Agreed score %d, desired level %d"), item->agreed, item->desired);
      else if (item->agreed > 0)
        subtitle = g_strdup_printf (_("Agreed score %d"), item->agreed);
      heading = g_strdup_printf ("%" G_GINT64_FORMAT "\n%u. %s\n%s", item_id, i + 1, item->name,
                                 subtitle != NULL ? subtitle : "");
      g_strv_builder_add (headings, heading);
    }
  return g_strv_builder_end (headings);
}

static gboolean
has_plan (VerkPlanPage *self)
{
  return g_strv_length (self->headings) > 0 || g_hash_table_size (self->rows) > 0;
}

/* One section per prioritised area, in rank order; the rows move over. The
 * sections stay as they are while what they say does. */
static void
sync_sections (VerkPlanPage *self)
{
  g_auto (GStrv) headings = section_headings (self);
  GtkWidget *child, *next;

  if (g_strv_equal ((const char * const *) headings, (const char * const *) self->headings))
    return;
  detach_rows (self);
  g_hash_table_remove_all (self->sections);
  /* Keep the page title, the first child. */
  child = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (self->sections_box)));
  for (; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_box_remove (self->sections_box, child);
    }
  g_strfreev (self->headings);
  self->headings = g_steal_pointer (&headings);
  for (guint i = 0; self->headings[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (self->headings[i], "\n", 3);

      new_section (self, g_ascii_strtoll (parts[0], NULL, 10), parts[1], parts[2][0] != '\0' ? parts[2] : NULL);
    }
  for (guint i = 0; i < self->drafts->len; i++)
    place_row (self, g_ptr_array_index (self->drafts, i));
  gtk_stack_set_visible_child_name (self->stack, has_plan (self) ? "plan" : "empty");
}

static gboolean
drafts_adding (VerkPlanPage *self)
{
  for (guint i = 0; i < self->drafts->len; i++)
    if (verk_action_row_is_adding (g_ptr_array_index (self->drafts, i)))
      return TRUE;
  return FALSE;
}

static void
sync_actions (VerkPlanPage *self)
{
  VerkWorkshopModel *model = verk_step_page_get_model (VERK_STEP_PAGE (self));
  GListModel *actions = model != NULL ? verk_workshop_model_get_action_list (model) : NULL;
  guint n_actions = actions != NULL ? g_list_model_get_n_items (actions) : 0;
  g_autoptr (GHashTable) present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, row;

  for (guint i = 0; i < n_actions; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (actions, i);
      const VerkAction *action = verk_record_get_action (record);

      g_hash_table_add (present, g_memdup2 (&action->id, sizeof action->id));
      row = g_hash_table_lookup (self->rows, &action->id);
      if (row == NULL && drafts_adding (self))
        continue;   /* the draft claims it on ::added */
      if (row == NULL)
        {
          /* A draft that has just been saved becomes a row like the others. */
          for (guint k = 0; k < self->drafts->len && row == NULL; k++)
            if (verk_action_row_get_action (g_ptr_array_index (self->drafts, k))->id == action->id)
              row = g_ptr_array_steal_index (self->drafts, k);
          if (row == NULL)
            row = new_row (self, action);
          g_hash_table_insert (self->rows, g_memdup2 (&action->id, sizeof action->id), row);
        }
      verk_action_row_set_action (row, action);
      place_row (self, row);
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    if (!g_hash_table_contains (present, key))
      {
        if (gtk_widget_get_parent (row) != NULL)
          gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
        g_hash_table_iter_remove (&iter);
      }
  gtk_stack_set_visible_child_name (self->stack, has_plan (self) ? "plan" : "empty");
}

static void
flush_rows (VerkPlanPage *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    verk_action_row_flush (row);
}

static void
reload (VerkPlanPage *self)
{
  VerkWorkshopModel *model = verk_step_page_get_model (VERK_STEP_PAGE (self));

  flush_rows (self);
  detach_rows (self);
  g_hash_table_remove_all (self->rows);
  g_ptr_array_set_size (self->drafts, 0);
  if (model != NULL && verk_workshop_model_get_error (model) != NULL)
    verk_page_toast_error (GTK_WIDGET (self), verk_workshop_model_get_error (model));
  sync_sections (self);
  sync_actions (self);
}

static void
verk_plan_page_model_changed (VerkStepPage *page,
                              VerkChange    kind)
{
  VerkPlanPage *self = VERK_PLAN_PAGE (page);

  switch (kind)
    {
    case VERK_CHANGE_PRIORITIES:
    case VERK_CHANGE_ITEMS:
    case VERK_CHANGE_SCORES:
    case VERK_CHANGE_GROUPS:   /* perhaps a restored backup */
      sync_sections (self);
      sync_actions (self);
      break;
    case VERK_CHANGE_ACTIONS:
      sync_actions (self);
      break;
    default:
      break;
    }
}

static void
verk_plan_page_flush (VerkStepPage *page)
{
  flush_rows (VERK_PLAN_PAGE (page));
}

static void
verk_plan_page_workshop_changed (VerkStepPage *page)
{
  reload (VERK_PLAN_PAGE (page));
}

static void
verk_plan_page_dispose (GObject *object)
{
  VerkPlanPage *self = VERK_PLAN_PAGE (object);

  verk_step_page_set_session (VERK_STEP_PAGE (self), NULL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_pointer (&self->headings, g_strfreev);

  /* The bin's child may be a bound template child: release it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_PLAN_PAGE);

  G_OBJECT_CLASS (verk_plan_page_parent_class)->dispose (object);
}

static void
verk_plan_page_class_init (VerkPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VerkStepPageClass *page_class = VERK_STEP_PAGE_CLASS (klass);

  object_class->dispose = verk_plan_page_dispose;
  page_class->flush = verk_plan_page_flush;
  page_class->workshop_changed = verk_plan_page_workshop_changed;
  page_class->model_changed = verk_plan_page_model_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkPlanPage, method_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPlanPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkPlanPage, sections_box);
  gtk_widget_class_bind_template_callback (widget_class, on_prioritise_clicked);
}

static void
verk_plan_page_init (VerkPlanPage *self)
{
  g_autofree char *intro = NULL;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* SIQ's own step opens the page, in the content pack's words. */
  intro = verk_content_method_intro (VERK_METHOD_PLAN, VERK_METHOD_OPERATIONAL_PLAN);
  gtk_label_set_label (self->method_label, intro);

  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->drafts = g_ptr_array_new_with_free_func (g_object_unref);
  self->sections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->headings = g_new0 (char *, 1);
}

/** verk_plan_page_new: Returns: (transfer floating): a page with no session. */
GtkWidget *
verk_plan_page_new (void)
{
  return g_object_new (VERK_TYPE_PLAN_PAGE, NULL);
}
