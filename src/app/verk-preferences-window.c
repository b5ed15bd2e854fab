/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-preferences-window"

#include "config.h"

#include "verk-preferences-window.h"

struct _VerkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwActionRow         *threshold_row;
  GtkSpinButton        *threshold_spin;
  AdwActionRow         *min_group_size_row;
  GtkSpinButton        *min_group_size_spin;
};

G_DEFINE_FINAL_TYPE (VerkPreferencesWindow, verk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
verk_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (verk_preferences_window_parent_class)->dispose (object);
}

static void
verk_preferences_window_class_init (VerkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/verk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkPreferencesWindow, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, VerkPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, VerkPreferencesWindow, min_group_size_row);
  gtk_widget_class_bind_template_child (widget_class, VerkPreferencesWindow, min_group_size_spin);
}

static void
verk_preferences_window_init (VerkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * verk_preferences_window_new:
 * @parent: the window to be modal for
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer none): a new window, not yet shown.
 */
VerkPreferencesWindow *
verk_preferences_window_new (GtkWindow *parent,
                             GSettings *settings)
{
  VerkPreferencesWindow *self = g_object_new (VERK_TYPE_PREFERENCES_WINDOW,
                                              "transient-for", parent, NULL);

  if (settings != NULL)
    {
      g_settings_bind (settings, "disagreement-threshold",
                       gtk_spin_button_get_adjustment (self->threshold_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "organisation-min-group-size",
                       gtk_spin_button_get_adjustment (self->min_group_size_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->min_group_size_row), FALSE);
    }
  return self;
}
