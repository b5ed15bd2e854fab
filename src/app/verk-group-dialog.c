/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-group-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-group-dialog.h"

struct _VerkGroupDialog
{
  AdwWindow    parent_instance;

  /* template widgets */
  AdwEntryRow *name_row;
  AdwEntryRow *unit_row;
  GtkButton   *create_button;
  GtkLabel    *error_label;

  /* owned */
  VerkStore   *store;
  gint64       group_id;     /* the group edited, 0 when creating one */
};

G_DEFINE_FINAL_TYPE (VerkGroupDialog, verk_group_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_changed (VerkGroupDialog *self)
{
  g_autofree char *name = stripped_text (self->name_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), name[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_create_clicked (VerkGroupDialog *self)
{
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *unit = stripped_text (self->unit_row);
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (name[0] == '\0')
    return;

  if (self->group_id != 0)
    id = verk_store_update_group (self->store, self->group_id, name, unit, &error) ? self->group_id : 0;
  else
    id = verk_store_add_group (self->store, name, unit, &error);
  if (id == 0)
    {
      /* Keep what was typed; say what to change. */
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  /* Close first so that a dialog opened from ::created is not under this one. */
  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[CREATED], 0, id);
  g_object_unref (self);
}

static void
verk_group_dialog_dispose (GObject *object)
{
  VerkGroupDialog *self = VERK_GROUP_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_GROUP_DIALOG);

  G_OBJECT_CLASS (verk_group_dialog_parent_class)->dispose (object);
}

static void
verk_group_dialog_class_init (VerkGroupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_group_dialog_dispose;

  /**
   * VerkGroupDialog::created:
   * @group_id: the new group (or, in edit mode, the group saved)
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-group-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkGroupDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, VerkGroupDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, VerkGroupDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, VerkGroupDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verk_group_dialog_init (VerkGroupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * verk_group_dialog_new:
 * @parent: the window to be modal for
 * @store: where the group is added
 *
 * Returns: (transfer none): a new dialog, not yet shown.
 */
VerkGroupDialog *
verk_group_dialog_new (GtkWindow *parent,
                       VerkStore *store)
{
  VerkGroupDialog *self;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  self = g_object_new (VERK_TYPE_GROUP_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/**
 * verk_group_dialog_new_edit:
 * @parent: the window to be modal for
 * @store: where the group is
 * @group_id: the group to rename or move to another unit
 *
 * The same dialog for an existing group: its name and unit filled in, and
 * Save instead of Create.
 *
 * Returns: (transfer none) (nullable): a new dialog, not yet shown, or NULL
 *   with @error set when the group cannot be read.
 */
VerkGroupDialog *
verk_group_dialog_new_edit (GtkWindow  *parent,
                            VerkStore  *store,
                            gint64      group_id,
                            GError    **error)
{
  g_autoptr (VerkGroup) group = NULL;
  VerkGroupDialog *self;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  group = verk_store_get_group (store, group_id, error);
  if (group == NULL)
    return NULL;
  self = verk_group_dialog_new (parent, store);
  self->group_id = group_id;
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Group"));
  gtk_button_set_label (self->create_button, _("Save"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), group->name);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), group->unit != NULL ? group->unit : "");
  return self;
}
