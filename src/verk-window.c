/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-window"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "verk-window.h"

struct _VerkWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;

  /* owned */
  GSettings            *settings;
  gboolean              first_frame_reported;
};

G_DEFINE_FINAL_TYPE (VerkWindow, verk_window, ADW_TYPE_APPLICATION_WINDOW)

/* The schema is found from the environment (GSETTINGS_SCHEMA_DIR when
 * uninstalled), else from the install prefix, which need not be on
 * XDG_DATA_DIRS when installed somewhere private. */
static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchemaSource) prefix_source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      prefix_source = g_settings_schema_source_new_from_directory (SCHEMADIR, source, FALSE, NULL);
      if (prefix_source != NULL)
        schema = g_settings_schema_source_lookup (prefix_source, APP_ID, TRUE);
    }
  if (schema == NULL)
    {
      g_warning ("GSettings schema %s not found; window size will not be remembered", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
fullscreen_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* VERKSTAD_FIRST_FRAME=1 prints a line once the window has painted its first
 * frame, for the smoke test and the start-up benchmark;
 * VERKSTAD_QUIT_AFTER_FIRST_FRAME=1 then quits. */
static void
on_after_paint (GdkFrameClock *clock,
                VerkWindow    *self)
{
  gint64 now;

  if (self->first_frame_reported)
    return;
  self->first_frame_reported = TRUE;
  now = g_get_monotonic_time ();
  g_print ("FIRST_FRAME mono_us=%" G_GINT64_FORMAT " since_main_ms=%.1f\n",
           now, (now - verk_application_get_start_time ()) / 1000.0);
  if (g_getenv ("VERKSTAD_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
verk_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (verk_window_parent_class)->realize (widget);

  if (g_getenv ("VERKSTAD_FIRST_FRAME") != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_after_paint), widget, 0);
}

static gboolean
verk_window_close_request (GtkWindow *window)
{
  VerkWindow *self = VERK_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (verk_window_parent_class)->close_request (window);
}

static void
verk_window_dispose (GObject *object)
{
  VerkWindow *self = VERK_WINDOW (object);

  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_WINDOW);

  G_OBJECT_CLASS (verk_window_parent_class)->dispose (object);
}

static void
verk_window_class_init (VerkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = verk_window_dispose;
  widget_class->realize = verk_window_realize;
  window_class->close_request = verk_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VerkWindow, main_stack);

  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_activated);
}

static void
verk_window_init (VerkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = new_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* Tests and screenshots ask for an exact size, e.g. 1280x720 (a projector). */
  if (g_getenv ("VERKSTAD_WINDOW_SIZE") != NULL)
    {
      int width = 0, height = 0;

      if (sscanf (g_getenv ("VERKSTAD_WINDOW_SIZE"), "%dx%d", &width, &height) == 2)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    }
}

VerkWindow *
verk_window_new (VerkApplication *application)
{
  return g_object_new (VERK_TYPE_WINDOW, "application", application, NULL);
}

void
verk_window_show_toast (VerkWindow *self,
                        const char *message)
{
  g_return_if_fail (VERK_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}
