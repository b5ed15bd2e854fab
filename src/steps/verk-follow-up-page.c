/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-follow-up-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-follow-up-page.h"
#include "verk-step-page.h"
#include "verk-follow-up-row.h"
#include "verk-format.h"
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
  GtkLabel    *chosen_label;
  GtkGrid     *compare_grid;

  /* owned */
};

/* Where an action of the last workshop belongs: the area it was written for,
 * in the order the group prioritised them, then the other areas in puzzle
 * order, then the actions tied to no area. */
typedef struct {
  int   order;
  char *title;
} ActionArea;

#define AREA_NONE G_MAXINT

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
action_area_free (ActionArea *area)
{
  g_free (area->title);
  g_free (area);
}

/* The last workshop's priorities: item id → rank from 1. */
static GHashTable *
priority_ranks (VerkStore *store,
                gint64     workshop_id)
{
  g_autoptr (GArray) ids = verk_store_list_priorities (store, workshop_id, NULL);
  GHashTable *ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_insert (ranks, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)),
                         GINT_TO_POINTER (i + 1));
  return ranks;
}

static ActionArea *
action_area (const VerkAction *action,
             GPtrArray        *items,
             GHashTable       *ranks)
{
  ActionArea *area = g_new0 (ActionArea, 1);

  area->order = AREA_NONE;
  for (guint i = 0; action->item_id != 0 && items != NULL && i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      int rank;

      if (item->id != action->item_id)
        continue;
      rank = GPOINTER_TO_INT (g_hash_table_lookup (ranks, &item->id));
      area->order = rank > 0 ? rank : 1000 + item->position;
      area->title = rank > 0
        /* Translators: a heading over the actions of one prioritised area: "1. Samverkan" */
        ? g_strdup_printf (_("%d. %s · prioritised"), rank, item->name)
        : g_strdup (item->name);
      return area;
    }
  area->title = g_strdup (_("Not tied to an area"));
  return area;
}

static int
compare_by_area (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  GHashTable *areas = data;
  const VerkAction *x = *(VerkAction * const *) a;
  const VerkAction *y = *(VerkAction * const *) b;
  ActionArea *ax = g_hash_table_lookup (areas, x);
  ActionArea *ay = g_hash_table_lookup (areas, y);

  if (ax->order != ay->order)
    return ax->order < ay->order ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* A heading over the first action of each area. */
static void
area_header (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       data)
{
  const char *title = g_object_get_data (G_OBJECT (row), "verk-area-title");
  const char *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "verk-area-title") : NULL;
  GtkWidget *header;

  if (title == NULL || g_strcmp0 (title, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_list_box_row_get_header (row);
  if (header == NULL || g_strcmp0 (gtk_label_get_label (GTK_LABEL (header)), title) != 0)
    {
      header = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "verk-area-header");
      gtk_list_box_row_set_header (row, header);
    }
}

/* Row by row: the area headers are children of the list too, and go with
 * their rows. */
static void
clear_rows (VerkFollowUpPage *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->actions_list, 0)) != NULL)
    gtk_list_box_remove (self->actions_list, GTK_WIDGET (row));
}

static void
flush_rows (VerkFollowUpPage *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->actions_list, i)) != NULL; i++)
    if (VERK_IS_FOLLOW_UP_ROW (row))
      verk_follow_up_row_flush (VERK_FOLLOW_UP_ROW (row));
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
  g_autoptr (GPtrArray) previous_items = verk_store_list_items (store, previous_id, "siq", NULL);
  g_autoptr (GHashTable) ranks = priority_ranks (store, previous_id);
  g_autoptr (GHashTable) areas = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) action_area_free);
  g_autoptr (VerkWorkshop) workshop = verk_store_get_workshop (store, workshop_id, NULL);
  g_autofree char *summary = NULL;
  guint overdue = 0;
  GtkListBoxRow *child;
  gboolean same = TRUE;
  guint done = 0;

  for (guint i = 0; i < previous->len; i++)
    g_hash_table_insert (areas, g_ptr_array_index (previous, i),
                         action_area (g_ptr_array_index (previous, i), previous_items, ranks));
  g_ptr_array_sort_with_data (previous, compare_by_area, areas);

  /* By row index: the area headers are the list's children too. */
  for (guint i = 0; i < previous->len; i++)
    {
      child = gtk_list_box_get_row_at_index (self->actions_list, (int) i);
      if (child == NULL || !VERK_IS_FOLLOW_UP_ROW (child) ||
          verk_follow_up_row_get_previous_id (VERK_FOLLOW_UP_ROW (child)) !=
          ((VerkAction *) g_ptr_array_index (previous, i))->id)
        same = FALSE;
    }
  if (gtk_list_box_get_row_at_index (self->actions_list, (int) previous->len) != NULL)
    same = FALSE;
  if (!same)
    clear_rows (self);

  for (guint i = 0; i < previous->len; i++)
    {
      VerkAction *action = g_ptr_array_index (previous, i);
      const VerkAction *carried = carried_copy (current, action->id);
      const VerkAction *shown = carried != NULL ? carried : action;

      ActionArea *area = g_hash_table_lookup (areas, action);
      GtkWidget *row;

      if (shown->status == VERK_ACTION_DONE)
        done++;
      if (same)
        row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->actions_list, (int) i));
      else
        {
          row = verk_follow_up_row_new (store, action, carried);
          gtk_list_box_append (self->actions_list, row);
        }
      g_object_set_data_full (G_OBJECT (row), "verk-area-title", g_strdup (area->title), g_free);
      verk_follow_up_row_set_meeting_date (VERK_FOLLOW_UP_ROW (row), workshop != NULL ? workshop->date : NULL);
      verk_follow_up_row_update (VERK_FOLLOW_UP_ROW (row), action, carried);
      if (verk_follow_up_row_get_overdue (VERK_FOLLOW_UP_ROW (row)))
        overdue++;
    }
  gtk_list_box_invalidate_headers (self->actions_list);
  if (previous->len == 0)
    summary = g_strdup (_("The last workshop wrote no actions."));
  else
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u action done", "%u of %u actions done",
                                              previous->len),
                                 done, previous->len);
      if (overdue > 0)
        {
          g_autofree char *late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue",
                                                                overdue), overdue);
          char *both = g_strconcat (summary, " · ", late, NULL);

          g_free (summary);
          summary = both;
        }
    }
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

/* Before → after on the 1–5 scale: a ring where the piece was, a dot where
 * it is now, a line between. The numbers stand beside it in the table. */
typedef struct {
  int before;
  int after;
} MoveChart;

static void
draw_move (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  const MoveChart *move = data;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA fg;
  double left = 8, right = width - 8, mid = height / 2.0, r = MIN (6.0, height / 3.0);
  double step = (right - left) / 4;

  gtk_style_context_get_color (style, &fg);
  gdk_cairo_set_source_rgba (cr, &fg);
  /* The scale: a faint line with a tick per level. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  cairo_push_group (cr);
  cairo_move_to (cr, left, mid);
  cairo_line_to (cr, right, mid);
  for (int level = 0; level < 5; level++)
    {
      cairo_move_to (cr, left + level * step, mid - 4);
      cairo_line_to (cr, left + level * step, mid + 4);
    }
  cairo_stroke (cr);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, 0.35);
  cairo_restore (cr);

  gdk_cairo_set_source_rgba (cr, &fg);
  if (move->before > 0 && move->after > 0 && move->before != move->after)
    {
      double from = left + (move->before - 1) * step, to = left + (move->after - 1) * step;

      /* From the ring's edge, so the ring stays empty. */
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, from + (to > from ? r : -r), mid);
      cairo_line_to (cr, to, mid);
      cairo_stroke (cr);
    }
  if (move->before > 0)
    {
      cairo_set_line_width (cr, 2);
      cairo_arc (cr, left + (move->before - 1) * step, mid, r - 1, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  if (move->after > 0)
    {
      cairo_arc (cr, left + (move->after - 1) * step, mid, r, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static GtkWidget *
move_chart (const char *name,
            int         before,
            int         after)
{
  MoveChart *move = g_new (MoveChart, 1);
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                  "content-width", 140, "content-height", 22,
                                  "valign", GTK_ALIGN_CENTER, NULL);
  g_autofree char *label = NULL;

  move->before = before;
  move->after = after;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_move, move, g_free);
  if (before > 0 && after > 0)
    /* Translators: the small chart's accessible name: "Samverkan: from 2 to 3 of 5" */
    label = g_strdup_printf (_("%s: from %d to %d of 5"), name, before, after);
  else
    label = g_strdup_printf (_("%s: not scored both times"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return area;
}

/* The piece's name, and for a prioritised one its rank in words too. */
static GtkWidget *
value_cell (const char *name,
            int         rank)
{
  GtkWidget *box, *badge;
  g_autofree char *text = NULL;

  if (rank == 0)
    return cell (name, "heading", 0);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), cell (name, "heading", 0));
  /* Translators: under a piece's name in the follow-up table */
  text = g_strdup_printf (_("★ Prioritised #%d last time"), rank);
  badge = cell (text, "verk-prioritised-badge", 0);
  gtk_box_append (GTK_BOX (box), badge);
  return box;
}

/* One sentence on the question the follow-up is for: did the areas the
 * group chose to work on move? */
static char *
chosen_summary (GPtrArray  *items,
                GArray     *comparison,
                GPtrArray  *previous,
                GHashTable *ranks)
{
  g_autoptr (GString) up = g_string_new (NULL);
  g_autoptr (GString) same = g_string_new (NULL);
  g_autoptr (GString) down = g_string_new (NULL);
  guint n_chosen = 0, n_up = 0, n_same = 0, n_down = 0, n_open = 0;

  if (g_hash_table_size (ranks) == 0)
    return g_strdup (_("The last workshop prioritised no areas, so there is no chosen area to follow."));
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      VerkItemComparison *c = &g_array_index (comparison, VerkItemComparison, i);
      VerkItem *then = verk_stats_find_previous_item (item, previous);
      GString *list;

      if (then == NULL || g_hash_table_lookup (ranks, &then->id) == NULL)
        continue;
      n_chosen++;
      if (!c->comparable)
        {
          n_open++;
          continue;
        }
      list = c->change > 0 ? up : c->change < 0 ? down : same;
      if (c->change > 0)
        n_up++;
      else if (c->change < 0)
        n_down++;
      else
        n_same++;
      g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", item->name);
    }
  {
    g_autoptr (GString) text = g_string_new (NULL);

    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "The group chose %u area to work on last time.",
                                               "The group chose %u areas to work on last time.", n_chosen),
                            n_chosen);
    if (n_up > 0)
      {
        g_string_append_c (text, ' ');
        g_string_append_printf (text, _("Moved up: %s."), up->str);
      }
    if (n_same > 0)
      {
        g_string_append_c (text, ' ');
        g_string_append_printf (text, _("Unchanged: %s."), same->str);
      }
    if (n_down > 0)
      {
        g_string_append_c (text, ' ');
        g_string_append_printf (text, _("Moved down: %s."), down->str);
      }
    if (n_open > 0)
      {
        g_string_append_c (text, ' ');
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u is not agreed on yet this time.",
                                                   "%u are not agreed on yet this time.", n_open),
                                n_open);
      }
    return g_string_free (g_steal_pointer (&text), FALSE);
  }
}

static void
rebuild_comparison (VerkFollowUpPage   *self,
                    const VerkWorkshop *workshop)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GPtrArray) items = verk_store_list_items (store, workshop->id, "siq", NULL);
  g_autoptr (GPtrArray) previous = verk_store_list_items (store, workshop->previous_id, "siq", NULL);
  g_autoptr (GHashTable) ranks = priority_ranks (store, workshop->previous_id);
  g_autoptr (GPtrArray) past = NULL;
  g_autoptr (GArray) comparison = NULL;
  g_autofree char *chosen = NULL;
  const char *headers[] = { N_("Value"), N_("Last time"), N_("Now"), N_("On the scale 1–5"), N_("Change"),
                            N_("Trend") };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))) != NULL)
    gtk_grid_remove (self->compare_grid, child);
  if (items == NULL)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    gtk_grid_attach (self->compare_grid, cell (_(headers[c]), "heading", c == 0 ? 0 : 0.5), c, 0, 1, 1);

  past = history (self, workshop);
  comparison = verk_stats_compare_previous (items, previous);
  chosen = chosen_summary (items, comparison, previous, ranks);
  gtk_label_set_label (self->chosen_label, chosen);
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      VerkItemComparison *c = &g_array_index (comparison, VerkItemComparison, i);
      VerkItem *then_item = verk_stats_find_previous_item (item, previous);
      int rank = then_item != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (ranks, &then_item->id)) : 0;
      g_autofree char *was_text = score_text (c->previous_agreed);
      g_autofree char *now_text = score_text (c->agreed);
      g_autofree char *change = NULL;
      g_autoptr (GString) trend = g_string_new (NULL);
      GtkWidget *cells[6];

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
      cells[0] = value_cell (item->name, rank);
      cells[1] = cell (was_text, NULL, 0.5);
      cells[2] = cell (now_text, NULL, 0.5);
      cells[3] = move_chart (item->name, c->previous_agreed, c->agreed);
      cells[4] = cell (change, "heading", 0.5);
      cells[5] = cell (trend->str, "dim-label", 0.5);
      for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
        {
          if (rank > 0)
            gtk_widget_add_css_class (cells[k], "verk-prioritised");
          gtk_grid_attach (self->compare_grid, cells[k], k, i + 1, 1, 1);
        }
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
  g_autofree char *previous_date = NULL;

  if (workshop != NULL && workshop->previous_id != 0)
    previous = verk_store_get_workshop (store, workshop->previous_id, NULL);
  if (previous == NULL)
    {
      clear_rows (self);
      gtk_stack_set_visible_child_name (self->stack, "first");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "follow-up");
  previous_date = verk_format_date_long (previous->date);
  title = g_strdup_printf (_("Follow-up of the Workshop on %s"), previous_date);
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

  clear_rows (self);
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
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpPage, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, VerkFollowUpPage, compare_grid);
}

static void
verk_follow_up_page_init (VerkFollowUpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->actions_list, area_header, NULL, NULL);
}

/** verk_follow_up_page_new: Returns: (transfer floating): a page with no session. */
GtkWidget *
verk_follow_up_page_new (void)
{
  return g_object_new (VERK_TYPE_FOLLOW_UP_PAGE, NULL);
}
