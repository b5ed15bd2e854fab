/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-prioritise-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-page-util.h"
#include "verk-puzzle-view.h"
#include "verk-prioritise-page.h"
#include "verk-step-page.h"
#include "verk-priority-row.h"

struct _VerkPrioritisePage
{
  VerkStepPage parent_instance;

  /* template widgets */
  GtkLabel    *method_label;
  GtkLabel    *summary_label;
  GtkButton   *reset_button;
  GtkListBox  *list;
  VerkPuzzleView *puzzle_view;

  /* owned */
  GArray      *order;      /* item ids as the group ordered them */
  GHashTable  *marked;     /* set of gint64 item ids to work on */
  GHashTable  *rows;       /* gint64 item id → VerkPriorityRow (borrowed) */
  gboolean     customised; /* the group changed the suggested order */
};

G_DEFINE_FINAL_TYPE (VerkPrioritisePage, verk_prioritise_page, VERK_TYPE_STEP_PAGE)

static void update_rows (VerkPrioritisePage *self);

static VerkWorkshopModel *
get_model (VerkPrioritisePage *self)
{
  return verk_step_page_get_model (VERK_STEP_PAGE (self));
}

/* The pieces shown: none without a session. */
static guint
n_pieces (VerkPrioritisePage *self)
{
  VerkWorkshopModel *model = get_model (self);

  return model != NULL ? verk_workshop_model_get_n_pieces (model) : 0;
}

static const VerkItem *
piece_item (VerkPrioritisePage *self,
            gint64              item_id)
{
  VerkWorkshopModel *model = get_model (self);
  guint position;

  /* Only the puzzle's pieces are prioritised. */
  if (model == NULL || !verk_workshop_model_find_piece_position (model, item_id, &position))
    return NULL;
  return verk_workshop_model_get_piece (model, position)->item;
}

/* The spread of participants' scores, -1 with fewer than two. */
static int
spread_of (VerkPrioritisePage *self,
           gint64              item_id)
{
  const VerkItemStats *stats = verk_workshop_model_get_item_stats (get_model (self), item_id);

  return stats != NULL && stats->count > 1 ? stats->spread : -1;
}

/* The rule is VerkStats': the largest gap to the desired level first, then
 * the lowest agreed score, then those at their level, then the unscored;
 * a wider spread first within each. */
static GArray *
suggested_order (VerkPrioritisePage *self)
{
  VerkWorkshopModel *model = get_model (self);

  return model != NULL ? verk_workshop_model_get_priority_order (model)
                       : g_array_new (FALSE, FALSE, sizeof (gint64));
}

static char *
reason_for (VerkPrioritisePage *self,
            const VerkItem     *item)
{
  if (item->agreed > 0 && item->desired > item->agreed)
    return g_strdup_printf (_("Gap of %d to the desired level: agreed %d, desired %d"),
                            item->desired - item->agreed, item->agreed, item->desired);
  if (item->agreed > 0 && item->desired > 0)
    return g_strdup_printf (_("At or above the desired level: agreed %d, desired %d"),
                            item->agreed, item->desired);
  if (item->agreed > 0)
    return g_strdup_printf (_("Agreed score %d of 5, no desired level set"), item->agreed);
  return g_strdup (_("Not scored yet"));
}

static char *
facts_for (VerkPrioritisePage *self,
           const VerkItem     *item)
{
  int spread = spread_of (self, item->id);

  if (spread < 0)
    return NULL;
  return g_strdup_printf (_("Spread of participants' scores: %d"), spread);
}

static void
save_priorities (VerkPrioritisePage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < self->order->len; i++)
    if (g_hash_table_contains (self->marked, &g_array_index (self->order, gint64, i)))
      g_array_append_val (ids, g_array_index (self->order, gint64, i));
  if (!verk_store_set_priorities (store, workshop_id, (const gint64 *) ids->data, ids->len, &error))
    verk_page_toast_error (GTK_WIDGET (self), error);
}

static int
index_in_order (VerkPrioritisePage *self,
                gint64              item_id)
{
  for (guint i = 0; i < self->order->len; i++)
    if (g_array_index (self->order, gint64, i) == item_id)
      return i;
  return -1;
}

static void
move_item (VerkPrioritisePage *self,
           gint64              item_id,
           int                 new_index)
{
  int old_index = index_in_order (self, item_id);
  GtkWidget *row = g_hash_table_lookup (self->rows, &item_id);

  if (old_index < 0)
    return;
  new_index = CLAMP (new_index, 0, (int) self->order->len - 1);
  if (new_index == old_index)
    return;
  g_array_remove_index (self->order, old_index);
  g_array_insert_val (self->order, new_index, item_id);
  self->customised = TRUE;
  gtk_list_box_invalidate_sort (self->list);
  update_rows (self);
  if (row != NULL && !gtk_widget_has_focus (row) && gtk_widget_get_focus_child (row) == NULL)
    gtk_widget_grab_focus (row);
  save_priorities (self);
}

static void
on_row_move (VerkPriorityRow    *row,
             int                 delta,
             VerkPrioritisePage *self)
{
  gint64 item_id = verk_priority_row_get_item_id (row);

  move_item (self, item_id, index_in_order (self, item_id) + delta);
}

static void
on_row_marked (VerkPriorityRow    *row,
               gboolean            marked,
               VerkPrioritisePage *self)
{
  gint64 item_id = verk_priority_row_get_item_id (row);

  if (marked)
    g_hash_table_add (self->marked, g_memdup2 (&item_id, sizeof item_id));
  else
    g_hash_table_remove (self->marked, &item_id);
  update_rows (self);
  save_priorities (self);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource   *source,
                 double           x,
                 double           y,
                 VerkPriorityRow *row)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, verk_priority_row_get_item_id (row));

  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static void
on_drag_begin (GtkDragSource   *source,
               GdkDrag         *drag,
               VerkPriorityRow *row)
{
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (row));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         VerkPriorityRow *row)
{
  VerkPrioritisePage *self = g_object_get_data (G_OBJECT (row), "verk-page");
  gint64 dragged;

  if (self == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;
  dragged = g_ascii_strtoll (g_value_get_string (value), NULL, 10);
  move_item (self, dragged, index_in_order (self, verk_priority_row_get_item_id (row)));
  return TRUE;
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       data)
{
  VerkPrioritisePage *self = data;

  return index_in_order (self, verk_priority_row_get_item_id (VERK_PRIORITY_ROW (a))) -
         index_in_order (self, verk_priority_row_get_item_id (VERK_PRIORITY_ROW (b)));
}

static void
update_rows (VerkPrioritisePage *self)
{
  g_autofree char *summary = NULL;
  int rank = 0;

  for (guint i = 0; i < self->order->len; i++)
    {
      gint64 item_id = g_array_index (self->order, gint64, i);
      VerkPriorityRow *row = g_hash_table_lookup (self->rows, &item_id);
      const VerkItem *item = piece_item (self, item_id);
      gboolean marked = g_hash_table_contains (self->marked, &item_id);
      g_autofree char *reason = NULL;
      g_autofree char *facts = NULL;

      if (row == NULL || item == NULL)
        continue;
      reason = reason_for (self, item);
      facts = facts_for (self, item);
      verk_priority_row_set_name (row, item->name);
      verk_priority_row_set_state (row, marked, marked ? ++rank : 0, reason, facts);
      verk_priority_row_set_movable (row, i > 0, i + 1 < self->order->len);
    }
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d area to work on", "%d areas to work on", rank),
                             rank);
  gtk_label_set_label (self->summary_label, summary);
}

/* Whether the rows are those of the pieces, whatever their names. */
static gboolean
rows_match_pieces (VerkPrioritisePage *self)
{
  guint n = n_pieces (self);

  if (g_hash_table_size (self->rows) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (self->rows, &verk_workshop_model_get_piece (get_model (self), i)->item->id))
      return FALSE;
  return TRUE;
}

/* A row per piece; the rows stay (and keep the focus) while the pieces do. */
static void
sync_rows (VerkPrioritisePage *self)
{
  if (rows_match_pieces (self))
    return;
  verk_page_list_box_clear (self->list);
  g_hash_table_remove_all (self->rows);
  for (guint i = 0; i < n_pieces (self); i++)
    {
      const VerkItem *item = verk_workshop_model_get_piece (get_model (self), i)->item;
      GtkWidget *row = verk_priority_row_new (item->id, item->name);
      GtkDragSource *source = gtk_drag_source_new ();
      GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

      g_object_set_data (G_OBJECT (row), "verk-page", self);
      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
      g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
      g_signal_connect (target, "drop", G_CALLBACK (on_drop), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
      g_signal_connect_object (row, "move", G_CALLBACK (on_row_move), self, 0);
      g_signal_connect_object (row, "marked", G_CALLBACK (on_row_marked), self, 0);
      g_hash_table_insert (self->rows, g_memdup2 (&item->id, sizeof item->id), row);
      gtk_list_box_append (self->list, row);
    }
}

/* Keeps the group's order when it still agrees with the stored priorities,
 * otherwise puts the stored priorities first, then the suggestion. */
static void
reconcile (VerkPrioritisePage *self)
{
  VerkWorkshopModel *model = get_model (self);
  g_autoptr (GArray) stored = model != NULL ? verk_workshop_model_get_priority_ids (model)
                                            : g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) suggestion = suggested_order (self);
  gboolean keep = self->order->len == n_pieces (self);
  guint k = 0;

  for (guint i = 0; keep && i < self->order->len; i++)
    {
      gint64 id = g_array_index (self->order, gint64, i);

      if (piece_item (self, id) == NULL)
        keep = FALSE;
      else if (g_hash_table_contains (self->marked, &id))
        keep = k < stored->len && g_array_index (stored, gint64, k++) == id;
    }
  keep = keep && k == stored->len;

  if (!keep)
    {
      g_hash_table_remove_all (self->marked);
      g_array_set_size (self->order, 0);
      for (guint i = 0; i < stored->len; i++)
        {
          gint64 id = g_array_index (stored, gint64, i);

          if (piece_item (self, id) == NULL)
            continue;
          g_array_append_val (self->order, id);
          g_hash_table_add (self->marked, g_memdup2 (&id, sizeof id));
        }
      for (guint i = 0; i < suggestion->len; i++)
        if (!g_hash_table_contains (self->marked, &g_array_index (suggestion, gint64, i)))
          g_array_append_val (self->order, g_array_index (suggestion, gint64, i));
      self->customised = stored->len > 0;
    }
  else if (!self->customised && stored->len == 0)
    {
      /* Nothing chosen yet: follow the suggestion as scores come in. */
      g_array_set_size (self->order, 0);
      g_array_append_vals (self->order, suggestion->data, suggestion->len);
    }
  gtk_list_box_invalidate_sort (self->list);
  update_rows (self);
}

static void
on_reset_clicked (VerkPrioritisePage *self)
{
  g_autoptr (GArray) suggestion = suggested_order (self);

  g_array_set_size (self->order, 0);
  g_array_append_vals (self->order, suggestion->data, suggestion->len);
  self->customised = FALSE;
  gtk_list_box_invalidate_sort (self->list);
  update_rows (self);
  save_priorities (self);
}

static void
reload (VerkPrioritisePage *self)
{
  VerkWorkshopModel *model = get_model (self);

  g_array_set_size (self->order, 0);
  g_hash_table_remove_all (self->marked);
  self->customised = FALSE;
  if (model != NULL && verk_workshop_model_get_error (model) != NULL)
    verk_page_toast_error (GTK_WIDGET (self), verk_workshop_model_get_error (model));
  sync_rows (self);
  reconcile (self);
}

static void
verk_prioritise_page_model_changed (VerkStepPage *page,
                                    VerkChange    kind)
{
  VerkPrioritisePage *self = VERK_PRIORITISE_PAGE (page);

  switch (kind)
    {
    case VERK_CHANGE_ITEMS:
    case VERK_CHANGE_SCORES:
    case VERK_CHANGE_PRIORITIES:
    case VERK_CHANGE_PARTICIPANTS:   /* a participant's scores go with them */
    case VERK_CHANGE_GROUPS:         /* perhaps a restored backup */
      sync_rows (self);
      reconcile (self);
      break;
    default:
      break;
    }
}

static void
verk_prioritise_page_workshop_changed (VerkStepPage *page)
{
  reload (VERK_PRIORITISE_PAGE (page));
}

static void
verk_prioritise_page_session_set (VerkStepPage *page,
                                  VerkSession  *session)
{
  verk_puzzle_view_set_session (VERK_PRIORITISE_PAGE (page)->puzzle_view, session);
}

static void
verk_prioritise_page_dispose (GObject *object)
{
  VerkPrioritisePage *self = VERK_PRIORITISE_PAGE (object);

  verk_step_page_set_session (VERK_STEP_PAGE (self), NULL);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->marked, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  /* The bin's child may be a bound template child: release it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_PRIORITISE_PAGE);

  G_OBJECT_CLASS (verk_prioritise_page_parent_class)->dispose (object);
}

static void
verk_prioritise_page_class_init (VerkPrioritisePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VerkStepPageClass *page_class = VERK_STEP_PAGE_CLASS (klass);

  object_class->dispose = verk_prioritise_page_dispose;
  page_class->session_set = verk_prioritise_page_session_set;
  page_class->workshop_changed = verk_prioritise_page_workshop_changed;
  page_class->model_changed = verk_prioritise_page_model_changed;

  g_type_ensure (VERK_TYPE_PUZZLE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-prioritise-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkPrioritisePage, method_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPrioritisePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPrioritisePage, reset_button);
  gtk_widget_class_bind_template_child (widget_class, VerkPrioritisePage, list);
  gtk_widget_class_bind_template_child (widget_class, VerkPrioritisePage, puzzle_view);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

static void
verk_prioritise_page_init (VerkPrioritisePage *self)
{
  g_autofree char *intro = NULL;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* SIQ's own step opens the page, in the content pack's words. */
  intro = verk_content_method_intro (VERK_METHOD_PRIORITISE, VERK_METHOD_PRIORITISE);
  gtk_label_set_label (self->method_label, intro);

  self->order = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->marked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_list_box_set_sort_func (self->list, sort_rows, self, NULL);
  update_rows (self);
}

/** verk_prioritise_page_new: Returns: (transfer floating): a page with no session. */
GtkWidget *
verk_prioritise_page_new (void)
{
  return g_object_new (VERK_TYPE_PRIORITISE_PAGE, NULL);
}
