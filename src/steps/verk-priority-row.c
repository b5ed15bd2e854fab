/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-priority-row"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-priority-row.h"

struct _VerkPriorityRow
{
  GtkListBoxRow   parent_instance;

  /* template widgets */
  GtkLabel       *rank_label;
  GtkToggleButton *marked_check;
  GtkLabel       *name_label;
  GtkLabel       *reason_label;
  GtkLabel       *facts_label;
  GtkButton      *up_button;
  GtkButton      *down_button;

  gint64          item_id;
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (VerkPriorityRow, verk_priority_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  MARKED,
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_marked_toggled (VerkPriorityRow *self)
{
  if (!self->syncing)
    g_signal_emit (self, signals[MARKED], 0, gtk_toggle_button_get_active (self->marked_check));
}

static void
on_up_clicked (VerkPriorityRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_down_clicked (VerkPriorityRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, +1);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VerkPriorityRow       *self)
{
  if (!(state & GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    g_signal_emit (self, signals[MOVE], 0, -1);
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    g_signal_emit (self, signals[MOVE], 0, +1);
  else
    return FALSE;
  return TRUE;
}

static void
verk_priority_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_PRIORITY_ROW);
  G_OBJECT_CLASS (verk_priority_row_parent_class)->dispose (object);
}

static void
verk_priority_row_class_init (VerkPriorityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_priority_row_dispose;

  /** VerkPriorityRow::marked: @marked: whether the group works on this area */
  signals[MARKED] =
    g_signal_new ("marked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /** VerkPriorityRow::move: @delta: -1 up, +1 down */
  signals[MOVE] =
    g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-priority-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkPriorityRow, rank_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPriorityRow, marked_check);
  gtk_widget_class_bind_template_child (widget_class, VerkPriorityRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPriorityRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPriorityRow, facts_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPriorityRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, VerkPriorityRow, down_button);
  gtk_widget_class_bind_template_callback (widget_class, on_marked_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
}

static void
verk_priority_row_init (VerkPriorityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/** verk_priority_row_new: Returns: (transfer floating): a row for one area. */
GtkWidget *
verk_priority_row_new (gint64      item_id,
                       const char *name)
{
  VerkPriorityRow *self = g_object_new (VERK_TYPE_PRIORITY_ROW, NULL);

  self->item_id = item_id;
  verk_priority_row_set_name (self, name);
  return GTK_WIDGET (self);
}

/** verk_priority_row_get_item_id: Returns: the area's item id. */
gint64
verk_priority_row_get_item_id (VerkPriorityRow *self)
{
  g_return_val_if_fail (VERK_IS_PRIORITY_ROW (self), 0);
  return self->item_id;
}

/** verk_priority_row_set_name: Shows the area's name, and names the controls after it. */
void
verk_priority_row_set_name (VerkPriorityRow *self,
                            const char      *name)
{
  g_autofree char *work = NULL;
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;

  g_return_if_fail (VERK_IS_PRIORITY_ROW (self));

  gtk_label_set_label (self->name_label, name);
  work = g_strdup_printf (_("Work on %s"), name);
  up = g_strdup_printf (_("Move %s up"), name);
  down = g_strdup_printf (_("Move %s down"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->marked_check), GTK_ACCESSIBLE_PROPERTY_LABEL, work, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->up_button), GTK_ACCESSIBLE_PROPERTY_LABEL, up, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->down_button), GTK_ACCESSIBLE_PROPERTY_LABEL, down, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/** verk_priority_row_set_state: Shows the rank, the mark, the reason and the figures. */
void
verk_priority_row_set_state (VerkPriorityRow *self,
                             gboolean         marked,
                             int              rank,
                             const char      *reason,
                             const char      *facts)
{
  g_autofree char *rank_text = rank > 0 ? g_strdup_printf ("%d", rank) : g_strdup ("");

  g_return_if_fail (VERK_IS_PRIORITY_ROW (self));

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->marked_check, marked);
  self->syncing = FALSE;
  gtk_label_set_label (self->rank_label, rank_text);
  gtk_label_set_label (self->reason_label, reason ? reason : "");
  gtk_label_set_label (self->facts_label, facts ? facts : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  reason ? reason : "", -1);
  if (marked)
    gtk_widget_add_css_class (GTK_WIDGET (self), "verk-marked");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "verk-marked");
}

/** verk_priority_row_set_movable: Enables the move buttons that make sense here. */
void
verk_priority_row_set_movable (VerkPriorityRow *self,
                               gboolean         up,
                               gboolean         down)
{
  g_return_if_fail (VERK_IS_PRIORITY_ROW (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), up);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), down);
}
