/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-toast.h"

#define OVERLAY_KEY "verk-toast-overlay"
#define WATCH_KEY "verk-toast-children"

/* libadwaita 1.2's toast has a close button with an icon and nothing else:
 * a screen reader reads "button" (AT-SPI names it after its image). Its
 * widget is private, made when the toast is shown (a queued toast later),
 * as a child of the overlay; so the overlay's children are watched and each
 * toast's close button is given the name its icon means. */
static void
name_close_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0)
    {
      /* Translators: a toast's close button (its icon shows an ×), read by a screen reader */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_close_button (child);
}

static void
on_overlay_children_changed (GListModel *children,
                             guint       position,
                             guint       removed,
                             guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GtkWidget) child = g_list_model_get_item (children, i);

      /* the overlay's own child is the page: only the toasts' widgets */
      if (g_strcmp0 (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") == 0)
        name_close_button (child);
    }
}

static void
watch_overlay (AdwToastOverlay *overlay)
{
  GListModel *children;

  if (g_object_get_data (G_OBJECT (overlay), WATCH_KEY) != NULL)
    return;
  /* a handful of children at most, so observing them costs nothing */
  children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  g_signal_connect (children, "items-changed", G_CALLBACK (on_overlay_children_changed), NULL);
  g_object_set_data_full (G_OBJECT (overlay), WATCH_KEY, children, g_object_unref);
}

/* The AdwToastOverlay at or below @widget (an AdwPreferencesWindow's own). */
static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Where a toast shown in @window goes; FALSE when the window has no place
 * for one of its own. */
static gboolean
add_to_window (GtkWindow *window,
               AdwToast  *toast)
{
  AdwToastOverlay *overlay = g_object_get_data (G_OBJECT (window), OVERLAY_KEY);

  if (overlay != NULL)
    {
      watch_overlay (overlay);
      adw_toast_overlay_add_toast (overlay, toast);
      return TRUE;
    }
  if (ADW_IS_PREFERENCES_WINDOW (window))
    {
      AdwToastOverlay *own = find_overlay (GTK_WIDGET (window));

      if (own != NULL)
        watch_overlay (own);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
      return TRUE;
    }
  return FALSE;
}

/**
 * verk_toast_set_window_overlay:
 * @window: a window
 * @overlay: (nullable): the overlay toasts for @window and its dialogs go to
 *
 * Names the overlay of a window whose content is not all inside it (the
 * header bar is not), so that a widget outside it, or a dialog transient for
 * @window, finds it. The overlay is a child of @window: it lives as long as the window.
 */
void
verk_toast_set_window_overlay (GtkWindow       *window,
                               AdwToastOverlay *overlay)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  g_object_set_data (G_OBJECT (window), OVERLAY_KEY, overlay);
}

/**
 * verk_toast_add:
 * @widget: the widget the toast is about
 * @toast: (transfer full): the toast, e.g. with an Undo button
 *
 * Shows @toast in the overlay nearest @widget (see verk-toast.h). With no
 * overlay anywhere (a bare widget in a test) the message is logged instead.
 *
 * Returns: %TRUE when @toast is shown.
 */
gboolean
verk_toast_add (GtkWidget *widget,
                AdwToast  *toast)
{
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      watch_overlay (ADW_TOAST_OVERLAY (overlay));
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return TRUE;
    }
  root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
       window != NULL;
       window = gtk_window_get_transient_for (window))
    if (add_to_window (window, toast))
      return TRUE;

  g_message ("%s", adw_toast_get_title (toast) != NULL ? adw_toast_get_title (toast) : "");
  g_object_unref (toast);
  return FALSE;
}

/**
 * verk_toast_show:
 * @widget: the widget the message is about
 * @message: a sentence for the user
 *
 * Shows @message as a plain toast near @widget.
 */
void
verk_toast_show (GtkWidget  *widget,
                 const char *message)
{
  g_return_if_fail (message != NULL);

  verk_toast_add (widget, adw_toast_new (message));
}

/**
 * verk_toast_show_undo:
 * @widget: the widget the removal happened in
 * @title: what was removed, as a sentence
 * @on_undo: (scope notified): called as ::button-clicked (toast, @data)
 * @data: what @on_undo brings back
 * @free_data: (nullable): frees @data when the toast goes
 *
 * The toast after a removal the user can take back: high priority, so the
 * next message does not push it away, and ten seconds to find the button.
 */
void
verk_toast_show_undo (GtkWidget      *widget,
                      const char     *title,
                      GCallback       on_undo,
                      gpointer        data,
                      GClosureNotify  free_data)
{
  AdwToast *toast;

  g_return_if_fail (title != NULL);
  g_return_if_fail (on_undo != NULL);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", on_undo, data, free_data, 0);
  verk_toast_add (widget, toast);
}
