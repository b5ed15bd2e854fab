/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-toast.h"

#define OVERLAY_KEY "verk-toast-overlay"

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

/* An undo toast's removals, newest last: its Undo takes back every one. */
typedef struct {
  GCallback      on_undo;
  gpointer       data;
  GClosureNotify free_data;
} UndoStep;

#define UNDO_KEY "verk-toast-undo"

static void
undo_step_clear (UndoStep *step)
{
  if (step->free_data != NULL)
    step->free_data (step->data, NULL);
}

static GArray *
get_undo_steps (AdwToast *toast)
{
  return g_object_get_data (G_OBJECT (toast), UNDO_KEY);
}

/* The toasts an overlay has from here and has not dismissed, oldest first:
 * the one shown, then those waiting. libadwaita 1.2 aborts when a toast put
 * back in the queue by a high-priority one is shown again before it has
 * finished sliding out (show_toast's assertion in adw-toast-overlay.c, fixed
 * upstream in 2025): removing three participants and pressing Escape three
 * times did it on a busy machine. So every toast here has normal priority
 * and waits its turn; and a removal while an undo toast is there joins it
 * rather than waiting behind it. (Dismissing the message shown instead, to
 * show an undo toast at once, runs into a second bug of 1.2: a toast closed
 * while it is still sliding in is freed twice.) */
typedef struct {
  GPtrArray  *live;         /* AdwToast, owned */
  GListModel *children;     /* the overlay's, watched for the close buttons */
} Shelf;

#define SHELF_KEY "verk-toast-shelf"

static void on_dismissed (AdwToast *toast, Shelf *shelf);

static void
shelf_free (Shelf *shelf)
{
  for (guint i = 0; i < shelf->live->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (shelf->live, i), on_dismissed, shelf);
  g_ptr_array_unref (shelf->live);
  g_object_unref (shelf->children);
  g_free (shelf);
}

static Shelf *
get_shelf (AdwToastOverlay *overlay)
{
  Shelf *shelf = g_object_get_data (G_OBJECT (overlay), SHELF_KEY);

  if (shelf != NULL)
    return shelf;
  shelf = g_new0 (Shelf, 1);
  shelf->live = g_ptr_array_new_with_free_func (g_object_unref);
  /* a handful of children at most, so observing them costs nothing */
  shelf->children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  g_signal_connect (shelf->children, "items-changed", G_CALLBACK (on_overlay_children_changed), NULL);
  g_object_set_data_full (G_OBJECT (overlay), SHELF_KEY, shelf, (GDestroyNotify) shelf_free);
  return shelf;
}

static void
on_dismissed (AdwToast *toast,
              Shelf    *shelf)
{
  g_signal_handlers_disconnect_by_func (toast, on_dismissed, shelf);
  g_ptr_array_remove (shelf->live, toast);
}

static AdwToast *
find_live_undo (Shelf *shelf)
{
  for (guint i = 0; i < shelf->live->len; i++)
    if (get_undo_steps (g_ptr_array_index (shelf->live, i)) != NULL)
      return g_ptr_array_index (shelf->live, i);
  return NULL;
}

/* The AdwToastOverlay at or below @widget (an AdwPreferencesWindow's own). */
static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay_below (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Where a toast about @widget goes (see verk-toast.h), or NULL. */
static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *around = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (around != NULL)
    return ADW_TOAST_OVERLAY (around);
  root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
       window != NULL;
       window = gtk_window_get_transient_for (window))
    {
      AdwToastOverlay *named = g_object_get_data (G_OBJECT (window), OVERLAY_KEY);

      if (named != NULL)
        return named;
      /* adw_preferences_window_add_toast() adds to this one */
      if (ADW_IS_PREFERENCES_WINDOW (window))
        return find_overlay_below (GTK_WIDGET (window));
    }
  return NULL;
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
 * Shows @toast in the overlay nearest @widget (see verk-toast.h), after the
 * toasts already there (see Shelf). With no overlay anywhere (a bare
 * widget in a test) the message is logged instead.
 *
 * Returns: %TRUE when @toast is shown.
 */
gboolean
verk_toast_add (GtkWidget *widget,
                AdwToast  *toast)
{
  AdwToastOverlay *overlay;
  Shelf *shelf;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast) != NULL ? adw_toast_get_title (toast) : "");
      g_object_unref (toast);
      return FALSE;
    }
  shelf = get_shelf (overlay);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_NORMAL);
  if (g_ptr_array_find (shelf->live, toast, NULL))
    {
      /* added again (the history toast, changed): its time starts again */
      adw_toast_overlay_add_toast (overlay, toast);
      return TRUE;
    }
  g_ptr_array_add (shelf->live, g_object_ref (toast));
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), shelf);
  adw_toast_overlay_add_toast (overlay, toast);
  return TRUE;
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

static void
on_undo_clicked (AdwToast *toast,
                 GArray   *steps)
{
  typedef void (*UndoFunc) (AdwToast *toast, gpointer data);

  for (guint i = steps->len; i > 0; i--)
    {
      UndoStep *step = &g_array_index (steps, UndoStep, i - 1);

      ((UndoFunc) step->on_undo) (toast, step->data);
    }
}

/**
 * verk_toast_show_undo:
 * @widget: the widget the removal happened in
 * @title: what was removed, as a sentence
 * @on_undo: (scope notified): called as ::button-clicked (toast, @data)
 * @data: what @on_undo brings back
 * @free_data: (nullable): frees @data when the toast goes
 *
 * The toast after a removal the user can take back: ten seconds to find
 * the button, once the message before it (if any) has gone. A removal
 * while the toast of one before is still there joins it ("Removed Anna,
 * and 1 more"), its time starts again, and its Undo takes back both, the
 * newest first.
 */
void
verk_toast_show_undo (GtkWidget      *widget,
                      const char     *title,
                      GCallback       on_undo,
                      gpointer        data,
                      GClosureNotify  free_data)
{
  UndoStep step = { on_undo, data, free_data };
  AdwToastOverlay *overlay;
  AdwToast *toast = NULL;
  GArray *steps;

  g_return_if_fail (title != NULL);
  g_return_if_fail (on_undo != NULL);

  overlay = find_overlay (widget);
  if (overlay != NULL)
    toast = find_live_undo (get_shelf (overlay));
  if (toast != NULL)
    {
      g_autofree char *joined = NULL;

      steps = get_undo_steps (toast);
      g_array_append_val (steps, step);
      /* Translators: a removal's toast when more were removed meanwhile,
       * e.g. "Removed Anna Ek, and 2 more"; %s is the newest removal's
       * sentence without its full stop, %u how many before it */
      joined = g_strdup_printf (ngettext ("%s, and %u more", "%s, and %u more", steps->len - 1),
                                title, steps->len - 1);
      adw_toast_set_title (toast, joined);
      verk_toast_add (widget, g_object_ref (toast));
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_timeout (toast, 10);
  steps = g_array_new (FALSE, FALSE, sizeof (UndoStep));
  g_array_set_clear_func (steps, (GDestroyNotify) undo_step_clear);
  g_array_append_val (steps, step);
  g_object_set_data_full (G_OBJECT (toast), UNDO_KEY, steps, (GDestroyNotify) g_array_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked), steps);
  verk_toast_add (widget, toast);
}
