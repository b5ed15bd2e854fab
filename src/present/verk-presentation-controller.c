/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-presentation-controller"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "verk-presentation-controller.h"
#include "verk-presentation-view.h"
#include "verk-presenter-window.h"

struct _VerkPresentationController
{
  GObject               parent_instance;

  /* borrowed */
  AdwApplicationWindow *window;
  VerkPresenterWindow  *presenter;        /* weak */

  /* owned */
  VerkSession          *session;
  GSignalGroup         *session_signals;
  GtkWidget            *saved_content;    /* the window's own content during presentation mode */
  GtkWidget            *view;             /* the presentation shown in the window */
  gboolean              was_fullscreen;
};

G_DEFINE_FINAL_TYPE (VerkPresentationController, verk_presentation_controller, G_TYPE_OBJECT)

static void set_presentation_mode (VerkPresentationController *self, gboolean on);

static GListModel *
monitors (VerkPresentationController *self)
{
  return gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self->window)));
}

/* "DELL U2720Q, 1920 × 1080", for the chooser. */
static char *
describe_monitor (GdkMonitor *monitor)
{
  GdkRectangle geometry;
  const char *model = gdk_monitor_get_model (monitor);
  const char *maker = gdk_monitor_get_manufacturer (monitor);
  const char *connector = gdk_monitor_get_connector (monitor);
  g_autofree char *name = NULL;

  gdk_monitor_get_geometry (monitor, &geometry);
  if (maker != NULL && model != NULL)
    name = g_strdup_printf ("%s %s", maker, model);
  else
    name = g_strdup (model != NULL ? model : connector != NULL ? connector : _("Screen"));
  /* Translators: a screen in the list of screens to present on: its name, width and height */
  return g_strdup_printf (_("%s, %d × %d"), name, geometry.width, geometry.height);
}

static const char *const action_names[] = {
  "presentation-mode", "present", "present-on", "presentation-anonymous",
  "timer-start", "timer-pause", "timer-toggle", "timer-reset",
};

static void
update_actions (VerkPresentationController *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->window), "presentation-mode");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (self->view != NULL));
  action = g_action_map_lookup_action (G_ACTION_MAP (self->window), "presentation-anonymous");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (self->session != NULL
                                                    && verk_session_get_anonymous (self->session)));
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->window),
                                                                              action_names[i])),
                                 self->session != NULL);
}

static void
on_presenter_destroy (VerkPresentationController *self)
{
  /* Closing the presenter window ends the presentation; nothing else to undo. */
  g_clear_weak_pointer (&self->presenter);
}

static void
present_on (VerkPresentationController *self,
            GdkMonitor                 *monitor)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self->window));

  if (self->view != NULL)
    set_presentation_mode (self, FALSE);
  if (self->presenter == NULL)
    {
      g_set_weak_pointer (&self->presenter, verk_presenter_window_new (application, self->session));
      g_signal_connect_object (self->presenter, "destroy",
                               G_CALLBACK (on_presenter_destroy), self, G_CONNECT_SWAPPED);
    }
  verk_presenter_window_show_on (self->presenter, monitor);
}

static void
on_chooser_response (AdwMessageDialog           *dialog,
                     const char                 *response,
                     VerkPresentationController *self)
{
  guint64 index;

  if (g_str_has_prefix (response, "monitor-")
      && g_ascii_string_to_unsigned (response + strlen ("monitor-"), 10, 0, G_MAXUINT, &index, NULL)
      && index < g_list_model_get_n_items (monitors (self)))
    {
      g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors (self), (guint) index);

      present_on (self, monitor);
    }
}

/* More than one other screen: the facilitator says which is the projector. */
static void
choose_monitor (VerkPresentationController *self,
                GdkMonitor                 *own)
{
  GtkWidget *dialog;
  GListModel *list = monitors (self);

  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), _("Present on Which Screen?"),
                                   _("The room sees the presentation full screen there; this "
                                     "window keeps every control."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (GdkMonitor) monitor = g_list_model_get_item (list, i);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;

      if (monitor == own)
        continue;
      id = g_strdup_printf ("monitor-%u", i);
      label = describe_monitor (monitor);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), id,
                                                   ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
present_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VerkPresentationController *self = user_data;
  GListModel *list = monitors (self);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->window));
  g_autoptr (GdkMonitor) other = NULL;
  GdkMonitor *own = NULL;
  guint n_others = 0;

  /* Asked again while presenting: end the presentation. */
  if (self->presenter != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self->presenter));
      return;
    }

  if (surface != NULL)
    own = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (GdkMonitor) monitor = g_list_model_get_item (list, i);

      if (monitor != own)
        {
          n_others++;
          g_set_object (&other, monitor);
        }
    }

  /* One screen: the window itself becomes the presentation (Esc leaves). */
  if (n_others == 0)
    set_presentation_mode (self, TRUE);
  else if (n_others == 1)
    present_on (self, other);
  else
    choose_monitor (self, own);
}

static void
present_on_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  VerkPresentationController *self = user_data;
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr (GdkMonitor) monitor = NULL;

  if (index >= g_list_model_get_n_items (monitors (self)))
    return;
  monitor = g_list_model_get_item (monitors (self), index);
  present_on (self, monitor);
}

static void
on_view_leave (VerkPresentationController *self)
{
  set_presentation_mode (self, FALSE);
}

static void
set_presentation_mode (VerkPresentationController *self,
                       gboolean                    on)
{
  GtkWindow *window = GTK_WINDOW (self->window);

  if (on == (self->view != NULL))
    return;

  if (on)
    {
      self->view = g_object_ref_sink (verk_presentation_view_new (self->session));
      g_signal_connect_object (self->view, "leave", G_CALLBACK (on_view_leave), self,
                               G_CONNECT_SWAPPED);
      self->saved_content = g_object_ref (adw_application_window_get_content (self->window));
      self->was_fullscreen = gtk_window_is_fullscreen (window);
      adw_application_window_set_content (self->window, self->view);
      gtk_widget_add_css_class (GTK_WIDGET (window), "verk-presenting");
      gtk_window_fullscreen (window);
      gtk_widget_grab_focus (self->view);
    }
  else
    {
      adw_application_window_set_content (self->window, self->saved_content);
      gtk_widget_remove_css_class (GTK_WIDGET (window), "verk-presenting");
      g_clear_object (&self->saved_content);
      g_clear_object (&self->view);
      if (!self->was_fullscreen)
        gtk_window_unfullscreen (window);
    }
  update_actions (self);
}

static void
presentation_mode_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  VerkPresentationController *self = user_data;

  set_presentation_mode (self, self->view == NULL);
}

static void
presentation_mode_changed (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  set_presentation_mode (user_data, g_variant_get_boolean (state));
}

static void
timer_start_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  VerkPresentationController *self = user_data;

  verk_timer_start (verk_session_get_timer (self->session));
}

static void
timer_pause_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  VerkPresentationController *self = user_data;

  verk_timer_pause (verk_session_get_timer (self->session));
}

static void
timer_toggle_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VerkPresentationController *self = user_data;
  VerkTimer *timer = verk_session_get_timer (self->session);

  if (verk_timer_is_running (timer))
    verk_timer_pause (timer);
  else
    verk_timer_start (timer);
}

static void
timer_reset_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  VerkPresentationController *self = user_data;

  verk_timer_reset (verk_session_get_timer (self->session));
}

/* An anonymous reveal: the room sees how many gave each score, not who. */
static void
anonymous_changed (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  VerkPresentationController *self = user_data;

  if (self->session != NULL)
    verk_session_set_anonymous (self->session, g_variant_get_boolean (state));
}

static void
on_session_anonymous (VerkPresentationController *self)
{
  update_actions (self);
}

/* A clicker sends Page Down and Page Up to whichever window has the focus,
 * and while the room sees a presenter window on another screen that is
 * usually the facilitator's: there they move the presentation too, whatever
 * widget has the focus (a list would otherwise scroll). Not presenting, the
 * keys go on to the window as usual. */
static gboolean
on_clicker_key (GtkWidget *window,
                GVariant  *parameter,
                gpointer   user_data)
{
  VerkPresentationController *self = user_data;
  GtkWidget *view;

  if (self->presenter == NULL)
    return FALSE;
  view = adw_window_get_content (ADW_WINDOW (self->presenter));
  return gtk_widget_activate_action (view, g_variant_get_boolean (parameter)
                                           ? "presentation.next" : "presentation.previous", NULL);
}

static void
add_clicker_keys (VerkPresentationController *self)
{
  static const struct { guint key; gboolean next; } keys[] = {
    { GDK_KEY_Page_Down, TRUE }, { GDK_KEY_KP_Page_Down, TRUE },
    { GDK_KEY_Page_Up, FALSE }, { GDK_KEY_KP_Page_Up, FALSE },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Before the focused widget sees them. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                gtk_callback_action_new (on_clicker_key, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (keys[i].next));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->window), controller);
}

static const GActionEntry action_entries[] = {
  { "presentation-mode", presentation_mode_activated, NULL, "false", presentation_mode_changed },
  { "present", present_activated },
  { "present-on", present_on_activated, "u" },
  { "timer-start", timer_start_activated },
  { "timer-pause", timer_pause_activated },
  { "timer-toggle", timer_toggle_activated },
  { "timer-reset", timer_reset_activated },
  { "presentation-anonymous", NULL, NULL, "false", anonymous_changed },
};

static void
verk_presentation_controller_dispose (GObject *object)
{
  VerkPresentationController *self = VERK_PRESENTATION_CONTROLLER (object);

  /* The room's window goes with the facilitator's. */
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  g_clear_weak_pointer (&self->presenter);
  g_clear_object (&self->saved_content);
  g_clear_object (&self->view);
  g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (verk_presentation_controller_parent_class)->dispose (object);
}

static void
verk_presentation_controller_finalize (GObject *object)
{
  VerkPresentationController *self = VERK_PRESENTATION_CONTROLLER (object);

  g_clear_object (&self->session_signals);

  G_OBJECT_CLASS (verk_presentation_controller_parent_class)->finalize (object);
}

static void
verk_presentation_controller_class_init (VerkPresentationControllerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = verk_presentation_controller_dispose;
  G_OBJECT_CLASS (klass)->finalize = verk_presentation_controller_finalize;
}

static void
verk_presentation_controller_init (VerkPresentationController *self)
{
  self->session_signals = g_signal_group_new (VERK_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::anonymous", G_CALLBACK (on_session_anonymous),
                                  self);
}

static void
on_window_destroy (VerkPresentationController *self)
{
  g_object_run_dispose (G_OBJECT (self));
}

/**
 * verk_presentation_controller_install:
 * @window: the facilitator's window
 * @session: the window's session
 *
 * Returns: (transfer none): the controller, owned by @window.
 */
VerkPresentationController *
verk_presentation_controller_install (AdwApplicationWindow *window,
                                      VerkSession          *session)
{
  VerkPresentationController *self;

  g_return_val_if_fail (ADW_IS_APPLICATION_WINDOW (window), NULL);
  g_return_val_if_fail (session == NULL || VERK_IS_SESSION (session), NULL);
  g_return_val_if_fail (verk_presentation_controller_get (window) == NULL, NULL);

  self = g_object_new (VERK_TYPE_PRESENTATION_CONTROLLER, NULL);
  self->window = window;
  self->session = session != NULL ? g_object_ref (session) : NULL;
  g_signal_group_set_target (self->session_signals, session);
  g_action_map_add_action_entries (G_ACTION_MAP (window), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  add_clicker_keys (self);
  update_actions (self);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroy), self,
                           G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (window), "verk-presentation-controller", self, g_object_unref);
  return self;
}

/** verk_presentation_controller_get: Returns: (transfer none) (nullable): @window's controller. */
VerkPresentationController *
verk_presentation_controller_get (AdwApplicationWindow *window)
{
  g_return_val_if_fail (ADW_IS_APPLICATION_WINDOW (window), NULL);
  return g_object_get_data (G_OBJECT (window), "verk-presentation-controller");
}

/** verk_presentation_controller_set_session: Shows @session (nullable) from now on. */
void
verk_presentation_controller_set_session (VerkPresentationController *self,
                                          VerkSession                *session)
{
  g_return_if_fail (VERK_IS_PRESENTATION_CONTROLLER (self));
  g_return_if_fail (session == NULL || VERK_IS_SESSION (session));

  if (self->session == session)
    return;
  set_presentation_mode (self, FALSE);
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  update_actions (self);
}

/** verk_presentation_controller_is_presenting: Returns: whether the room sees a presentation. */
gboolean
verk_presentation_controller_is_presenting (VerkPresentationController *self)
{
  g_return_val_if_fail (VERK_IS_PRESENTATION_CONTROLLER (self), FALSE);
  return self->view != NULL || self->presenter != NULL;
}
