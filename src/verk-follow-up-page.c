/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-follow-up-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-follow-up-page.h"
#include "verk-step-page.h"
#include "verk-follow-up-row.h"
#include "verk-page-util.h"
#include "verk-stats.h"

struct _VerkFollowUpPage
{
  VerkStepPage parent_instance;

  /* template widgets */
  GtkStack    *stack;
  GtkLabel    *title_label;
  GtkLabel    *actions_summary;
  GtkListBox  *actions_list;
  GtkGrid     *compare_grid;

  /* owned */
};

G_DEFINE_FINAL_TYPE (VerkFollowUpPage, verk_follow_up_page, VERK_TYPE_STEP_PAGE)

static VerkWorkshop *
get_workshop (VerkFollowUpPage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));

  if (store == NULL || workshop_id == 0)
    return NULL;
  return verk_store_get_workshop (store, workshop_id, NULL);
}

static GPtrArray *
list_actions (VerkFollowUpPage *self,
              gint64            id)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  GPtrArray *actions = verk_store_list_actions (store, id, &error);

  if (actions == NULL)
    {
      verk_page_toast_error (GTK_WIDGET (self), error);
      actions = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_action_free);
    }
  return actions;
}

static const VerkAction *
carried_copy (GPtrArray *actions,
              gint64     previous_id)
{
  for (guint i = 0; i < actions->len; i++)
    if (((VerkAction *) g_ptr_array_index (actions, i))->carried_from == previous_id)
      return g_ptr_array_index (actions, i);
  return NULL;
}

static void
flush_rows (VerkFollowUpPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (VERK_IS_FOLLOW_UP_ROW (child))
      verk_follow_up_row_flush (VERK_FOLLOW_UP_ROW (child));
}

/* Updates the rows in place when the same actions are shown, so that a note
 * being typed keeps its focus; rebuilds them otherwise. */
static void
sync_actions (VerkFollowUpPage *self,
              gint64            previous_id)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));
  g_autoptr (GPtrArray) previous = list_actions (self, previous_id);
  g_autoptr (GPtrArray) current = list_actions (self, workshop_id);
  g_autofree char *summary = NULL;
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list));
  gboolean same = TRUE;
  guint done = 0;

  for (guint i = 0; i < previous->len; i++, child = child ? gtk_widget_get_next_sibling (child) : NULL)
    if (child == NULL || !VERK_IS_FOLLOW_UP_ROW (child) ||
        verk_follow_up_row_get_previous_id (VERK_FOLLOW_UP_ROW (child)) !=
        ((VerkAction *) g_ptr_array_index (previous, i))->id)
      same = FALSE;
  if (child != NULL)
    same = FALSE;
  if (!same)
    verk_page_list_box_clear (self->actions_list);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list));
  for (guint i = 0; i < previous->len; i++)
    {
      VerkAction *action = g_ptr_array_index (previous, i);
      const VerkAction *carried = carried_copy (current, action->id);
      const VerkAction *shown = carried != NULL ? carried : action;

      if (shown->status == VERK_ACTION_DONE)
        done++;
      if (same)
        {
          verk_follow_up_row_update (VERK_FOLLOW_UP_ROW (child), action, carried);
          child = gtk_widget_get_next_sibling (child);
        }
      else
        gtk_list_box_append (self->actions_list, verk_follow_up_row_new (store, action, carried));
    }
  if (previous->len == 0)
    summary = g_strdup (_("The last workshop wrote no actions."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u action done", "%u of %u actions done",
                                            previous->len),
                               done, previous->len);
  gtk_label_set_label (self->actions_summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_list), previous->len > 0);
}

static GtkWidget *
cell (const char *text,
      const char *css_class,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
score_text (int value)
{
  return value > 0 ? g_strdup_printf ("%d", value) : g_strdup ("–");
}

/* The pieces of each workshop of the group up to this one, oldest first. */
static GPtrArray *
history (VerkFollowUpPage   *self,
         const VerkWorkshop *workshop)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GPtrArray) workshops = verk_store_list_workshops (store, workshop->group_id, NULL);
  GPtrArray *lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = workshops != NULL ? workshops->len : 0; i-- > 0;)
    {
      VerkWorkshop *w = g_ptr_array_index (workshops, i);
      GPtrArray *items;

      if (w->id != workshop->id && g_strcmp0 (w->date, workshop->date) > 0)
        continue;
      items = verk_store_list_items (store, w->id, "siq", NULL);
      if (items != NULL)
        g_ptr_array_add (lists, items);
    }
  return lists;
}

static void
rebuild_comparison (VerkFollowUpPage   *self,
                    const VerkWorkshop *workshop)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GPtrArray) items = verk_store_list_items (store, workshop->id, "siq", NULL);
  g_autoptr (GPtrArray) previous = verk_store_list_items (store, workshop->previous_id, "siq", NULL);
  g_autoptr (GPtrArray) past = NULL;
  g_autoptr (GArray) comparison = NULL;
  const char *headers[] = { N_("Value"), N_("Last time"), N_("Now"), N_("Change"), N_("Trend") };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))) != NULL)
    gtk_grid_remove (self->compare_grid, child);
  if (items == NULL)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    gtk_grid_attach (self->compare_grid, cell (_(headers[c]), "heading", c == 0 ? 0 : 0.5), c, 0, 1, 1);

  past = history (self, workshop);
  comparison = verk_stats_compare_previous (items, previous);
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      VerkItemComparison *c = &g_array_index (comparison, VerkItemComparison, i);
      g_autofree char *was_text = score_text (c->previous_agreed);
      g_autofree char *now_text = score_text (c->agreed);
      g_autofree char *change = NULL;
      g_autoptr (GString) trend = g_string_new (NULL);

      /* Never colour alone: an arrow and words. */
      if (!c->comparable)
        change = g_strdup ("–");
      else if (c->change > 0)
        change = g_strdup_printf (_("↑ up %d"), c->change);
      else if (c->change < 0)
        change = g_strdup_printf (_("↓ down %d"), -c->change);
      else
        change = g_strdup (_("→ same"));
      for (guint k = 0; k < past->len; k++)
        {
          VerkItem *then = verk_stats_find_previous_item (item, g_ptr_array_index (past, k));
          g_autofree char *t = score_text (then != NULL ? then->agreed : 0);

          g_string_append_printf (trend, "%s%s", k > 0 ? " → " : "", t);
        }
      gtk_grid_attach (self->compare_grid, cell (item->name, "heading", 0), 0, i + 1, 1, 1);
      gtk_grid_attach (self->compare_grid, cell (was_text, NULL, 0.5), 1, i + 1, 1, 1);
      gtk_grid_attach (self->compare_grid, cell (now_text, NULL, 0.5), 2, i + 1, 1, 1);
      gtk_grid_attach (self->compare_grid, cell (change, "heading", 0.5), 3, i + 1, 1, 1);
      gtk_grid_attach (self->compare_grid, cell (trend->str, "dim-label", 0.5), 4, i + 1, 1, 1);
    }
}

static void
reload (VerkFollowUpPage *self,
        gboolean          actions,
        gboolean          scores)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (VerkWorkshop) workshop = get_workshop (self);
  g_autoptr (VerkWorkshop) previous = NULL;
  g_autofree char *title = NULL;

  if (workshop != NULL && workshop->previous_id != 0)
    previous = verk_store_get_workshop (store, workshop->previous_id, NULL);
  if (previous == NULL)
    {
      verk_page_list_box_clear (self->actions_list);
      gtk_stack_set_visible_child_name (self->stack, "first");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "follow-up");
  title = g_strdup_printf (_("Follow-up of the Workshop on %s"), previous->date);
  gtk_label_set_label (self->title_label, title);
  if (actions)
    sync_actions (self, previous->id);
  if (scores)
    rebuild_comparison (self, workshop);
}

static void
verk_follow_up_page_store_changed (VerkStepPage *page,
                                   VerkChange    kind,
                                   gint64        changed_workshop_id)
{
  VerkFollowUpPage *self = VERK_FOLLOW_UP_PAGE (page);
  gint64 workshop_id = verk_step_page_get_workshop_id (page);
  g_autoptr (VerkWorkshop) workshop = NULL;

  if (workshop_id == 0)
    return;
  /* The previous workshop's edits matter here too. */
  workshop = get_workshop (self);
  if (workshop == NULL ||
      (changed_workshop_id != workshop->id && changed_workshop_id != workshop->previous_id &&
       kind != VERK_CHANGE_GROUPS))
    return;

  switch (kind)
    {
    case VERK_CHANGE_ACTIONS:
      reload (self, TRUE, FALSE);
      break;
    case VERK_CHANGE_SCORES:
    case VERK_CHANGE_ITEMS:
      reload (self, FALSE, TRUE);
      break;
    case VERK_CHANGE_WORKSHOP:
    case VERK_CHANGE_GROUPS:
      reload (self, TRUE, TRUE);
      break;
    default:
      break;
    }
}

static void
verk_follow_up_page_flush (VerkStepPage *page)
{
  flush_rows (VERK_FOLLOW_UP_PAGE (page));
}

static void
verk_follow_up_page_workshop_changed (VerkStepPage *page)
{
  VerkFollowUpPage *self = VERK_FOLLOW_UP_PAGE (page);

  verk_page_list_box_clear (self->actions_list);
  reload (self, TRUE, TRUE);
}

static void
verk_follow_up_page_dispose (GObject *object)
{
  VerkFollowUpPage *self = VERK_FOLLOW_UP_PAGE (object);

  verk_step_page_set_session (VERK_STEP_PAGE (self), NULL);
  /* The bin's child may be a bound template child: release it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_FOLLOW_UP_PAGE);

  G_OBJECT_CLASS (verk_follow_up_page_parent_class)->dispose (object);
}

static void
verk_follow_up_page_class_init (VerkFollowUpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VerkStepPageClass *page_class = VERK_STEP_PAGE_CLASS (klass);

  object_class->dispose = verk_follow_up_page_dispose;
  page_class->flush = verk_follow_up_page_flush;
  page_class->workshop_changed = verk_follow_up_page_workshop_changed;
  page_class->store_changed = verk_follow_up_page_store_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-follow-up-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpPage, actions_summary);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpPage, actions_list);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpPage, compare_grid);
}

static void
verk_follow_up_page_init (VerkFollowUpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/** verk_follow_up_page_new: Returns: (transfer floating): a page with no session. */
GtkWidget *
verk_follow_up_page_new (void)
{
  return g_object_new (VERK_TYPE_FOLLOW_UP_PAGE, NULL);
}
