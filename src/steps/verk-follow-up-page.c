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

  /* borrowed */
  VerkWorkshopModel *previous;        /* the session's model's previous one: the workshop this one
                                       * follows up (verk_workshop_model_get_previous()) */
  /* owned */
  GSignalGroup      *previous_signals;
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

static VerkWorkshopModel *
get_model (VerkFollowUpPage *self)
{
  return verk_step_page_get_model (VERK_STEP_PAGE (self));
}

/* The workshop shown (NULL when none, or unreadable). */
static const VerkWorkshop *
get_workshop (VerkFollowUpPage *self)
{
  VerkWorkshopModel *model = get_model (self);

  return model != NULL ? verk_workshop_model_get_workshop (model) : NULL;
}

/* The actions of @model, copied: sorted and kept while the rows are built. */
static GPtrArray *
list_actions (VerkFollowUpPage  *self,
              VerkWorkshopModel *model)
{
  GListModel *list = verk_workshop_model_get_action_list (model);
  guint n = g_list_model_get_n_items (list);
  GPtrArray *actions = g_ptr_array_new_full (n, (GDestroyNotify) verk_action_free);

  if (verk_workshop_model_get_error (model) != NULL)
    verk_page_toast_error (GTK_WIDGET (self), verk_workshop_model_get_error (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (list, i);

      g_ptr_array_add (actions, verk_action_copy (verk_record_get_action (record)));
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

static ActionArea *
action_area (const VerkAction  *action,
             VerkWorkshopModel *previous)
{
  ActionArea *area = g_new0 (ActionArea, 1);
  guint position;

  area->order = AREA_NONE;
  if (action->item_id != 0 && verk_workshop_model_find_piece_position (previous, action->item_id, &position))
    {
      const VerkPiece *piece = verk_workshop_model_get_piece (previous, position);
      int rank = piece->rank;

      area->order = rank > 0 ? rank : 1000 + piece->item->position;
      area->title = rank > 0
        /* Translators: a heading over the actions of one prioritised area: "1. Samverkan" */
        ? g_strdup_printf (_("%d. %s · prioritised"), rank, piece->item->name)
        : g_strdup (piece->item->name);
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
sync_actions (VerkFollowUpPage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GPtrArray) previous = list_actions (self, self->previous);
  g_autoptr (GPtrArray) current = list_actions (self, get_model (self));
  g_autoptr (GHashTable) areas = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) action_area_free);
  const VerkWorkshop *workshop = get_workshop (self);
  /* A copy: building rows must not depend on the model staying as it is. */
  g_autofree char *meeting_date = g_strdup (workshop != NULL ? workshop->date : NULL);
  g_autofree char *summary = NULL;
  guint overdue = 0;
  GtkListBoxRow *child;
  gboolean same = TRUE;
  guint done = 0;

  for (guint i = 0; i < previous->len; i++)
    g_hash_table_insert (areas, g_ptr_array_index (previous, i),
                         action_area (g_ptr_array_index (previous, i), self->previous));
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
      verk_follow_up_row_set_meeting_date (VERK_FOLLOW_UP_ROW (row), meeting_date);
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
chosen_summary (GPtrArray         *items,
                GArray            *comparison,
                GPtrArray         *previous,
                VerkWorkshopModel *previous_model)
{
  g_autoptr (GArray) priorities = verk_workshop_model_get_priority_ids (previous_model);
  g_autoptr (GString) up = g_string_new (NULL);
  g_autoptr (GString) same = g_string_new (NULL);
  g_autoptr (GString) down = g_string_new (NULL);
  guint n_chosen = 0, n_up = 0, n_same = 0, n_down = 0, n_open = 0;

  if (priorities->len == 0)
    return g_strdup (_("The last workshop prioritised no areas, so there is no chosen area to follow."));
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      VerkItemComparison *c = &g_array_index (comparison, VerkItemComparison, i);
      VerkItem *then = verk_stats_find_previous_item (item, previous);
      GString *list;

      if (then == NULL || verk_workshop_model_get_rank (previous_model, then->id) == 0)
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
rebuild_comparison (VerkFollowUpPage *self)
{
  VerkWorkshopModel *model = get_model (self);
  g_autoptr (GPtrArray) items = verk_workshop_model_dup_piece_items (model);
  g_autoptr (GPtrArray) previous = verk_workshop_model_dup_piece_items (self->previous);
  g_autoptr (GPtrArray) past = NULL;
  g_autoptr (GArray) comparison = NULL;
  g_autofree char *chosen = NULL;
  const char *headers[] = { N_("Value"), N_("Last time"), N_("Now"), N_("On the scale 1–5"), N_("Change"),
                            N_("Trend") };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))) != NULL)
    gtk_grid_remove (self->compare_grid, child);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    gtk_grid_attach (self->compare_grid, cell (_(headers[c]), "heading", c == 0 ? 0 : 0.5), c, 0, 1, 1);

  past = verk_workshop_model_list_history (model, NULL);
  if (past == NULL)
    past = g_ptr_array_new ();
  comparison = verk_stats_compare_previous (items, previous);
  chosen = chosen_summary (items, comparison, previous, self->previous);
  gtk_label_set_label (self->chosen_label, chosen);
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      VerkItemComparison *c = &g_array_index (comparison, VerkItemComparison, i);
      VerkItem *then_item = verk_stats_find_previous_item (item, previous);
      int rank = then_item != NULL ? verk_workshop_model_get_rank (self->previous, then_item->id) : 0;
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
  const VerkWorkshop *previous = self->previous != NULL ? verk_workshop_model_get_workshop (self->previous) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *previous_date = NULL;

  if (get_workshop (self) == NULL || previous == NULL)
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
    sync_actions (self);
  if (scores)
    rebuild_comparison (self);
}

/* An edit of this workshop or of the one it follows up. */
static void
show_change (VerkFollowUpPage *self,
             VerkChange        kind)
{
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
    case VERK_CHANGE_PRIORITIES:   /* last time's ranks head the areas */
      reload (self, TRUE, TRUE);
      break;
    default:
      break;
    }
}

static void
verk_follow_up_page_model_changed (VerkStepPage *page,
                                   VerkChange    kind)
{
  /* The previous workshop's model has moved along already (its own
   * ::changed said so). */
  show_change (VERK_FOLLOW_UP_PAGE (page), kind);
}

static void
on_previous_changed (VerkWorkshopModel *previous,
                     int                kind,
                     VerkFollowUpPage  *self)
{
  show_change (self, kind);
}

static void
verk_follow_up_page_session_set (VerkStepPage *page,
                                 VerkSession  *session)
{
  VerkFollowUpPage *self = VERK_FOLLOW_UP_PAGE (page);

  /* The one the presentation's Follow-up slides compare with too: the
   * workshop it follows up, else the group's latest before it
   * (verk_store_get_previous_workshop_id()), moved along as that changes;
   * unreadable counts as none. */
  self->previous = session != NULL ? verk_workshop_model_get_previous (verk_session_get_model (session)) : NULL;
  g_signal_group_set_target (self->previous_signals, self->previous);
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
  g_clear_object (&self->previous_signals);
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
  page_class->session_set = verk_follow_up_page_session_set;
  page_class->model_changed = verk_follow_up_page_model_changed;

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
  self->previous_signals = g_signal_group_new (VERK_TYPE_WORKSHOP_MODEL);
  g_signal_group_connect (self->previous_signals, "changed", G_CALLBACK (on_previous_changed), self);
}

/** verk_follow_up_page_new: Returns: (transfer floating): a page with no session. */
GtkWidget *
verk_follow_up_page_new (void)
{
  return g_object_new (VERK_TYPE_FOLLOW_UP_PAGE, NULL);
}
