/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-presenter-window"

#include "config.h"

#include "verk-presentation-view.h"
#include "verk-presenter-window.h"

struct _VerkPresenterWindow
{
  AdwWindow             parent_instance;

  /* template widgets */
  VerkPresentationView *view;

  /* owned */
  GdkMonitor           *monitor;
};

G_DEFINE_FINAL_TYPE (VerkPresenterWindow, verk_presenter_window, ADW_TYPE_WINDOW)

/* On X11 the window manager places a new window itself and may ignore where
 * it was asked to go full screen; asking again once the window is mapped
 * moves it to the chosen monitor (seen with xfwm4 and under Xvfb/Xorg). */
static void
on_map (VerkPresenterWindow *self)
{
  if (self->monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), self->monitor);
}

static void
verk_presenter_window_dispose (GObject *object)
{
  VerkPresenterWindow *self = VERK_PRESENTER_WINDOW (object);

  g_clear_object (&self->monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERK_TYPE_PRESENTER_WINDOW);

  G_OBJECT_CLASS (verk_presenter_window_parent_class)->dispose (object);
}

static void
verk_presenter_window_class_init (VerkPresenterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_presenter_window_dispose;

  g_type_ensure (VERK_TYPE_PRESENTATION_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-presenter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkPresenterWindow, view);
}

static void
verk_presenter_window_init (VerkPresenterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

/**
 * verk_presenter_window_new:
 * @session: the facilitator window's session, shown live
 *
 * Returns: (transfer none): a hidden presenter window owned by GTK.
 */
VerkPresenterWindow *
verk_presenter_window_new (GtkApplication *application,
                           VerkSession    *session)
{
  VerkPresenterWindow *self;

  g_return_val_if_fail (VERK_IS_SESSION (session), NULL);

  self = g_object_new (VERK_TYPE_PRESENTER_WINDOW, "application", application, NULL);
  verk_session_widget_set_session (VERK_SESSION_WIDGET (self->view), session);
  return self;
}

/** verk_presenter_window_show_on: Presents the window full screen on @monitor. */
void
verk_presenter_window_show_on (VerkPresenterWindow *self,
                               GdkMonitor          *monitor)
{
  g_return_if_fail (VERK_IS_PRESENTER_WINDOW (self));
  g_return_if_fail (GDK_IS_MONITOR (monitor));

  g_set_object (&self->monitor, monitor);
  /* Before the window is mapped, on_map() asks: asking earlier too makes the
   * X11 window manager go full screen wherever it first placed the window. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/** verk_presenter_window_get_monitor: Returns: (transfer none) (nullable): the chosen monitor. */
GdkMonitor *
verk_presenter_window_get_monitor (VerkPresenterWindow *self)
{
  g_return_val_if_fail (VERK_IS_PRESENTER_WINDOW (self), NULL);
  return self->monitor;
}
