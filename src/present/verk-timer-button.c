/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-timer-button"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-timer-button.h"

struct _VerkTimerButton
{
  VerkSessionWidget parent_instance;

  /* template widgets */
  GtkButton      *menu_button;
  GtkPopover     *popover;
  GtkLabel       *time_label;
  GtkLabel       *big_label;
  GtkButton      *toggle_button;
  GtkSpinButton  *minutes_spin;
  GtkCheckButton *per_piece_check;
};

G_DEFINE_FINAL_TYPE (VerkTimerButton, verk_timer_button, VERK_TYPE_SESSION_WIDGET)

static VerkSession *
session_of (VerkTimerButton *self)
{
  return verk_session_widget_get_session (VERK_SESSION_WIDGET (self));
}

static void
update (VerkTimerButton *self)
{
  VerkTimer *timer;
  g_autofree char *time = NULL;
  g_autofree char *accessible = NULL;
  VerkSession *session = session_of (self);

  if (session == NULL)
    return;
  timer = verk_session_get_timer (session);
  time = verk_timer_format (verk_timer_get_remaining (timer));
  gtk_label_set_text (self->time_label, time);
  gtk_label_set_text (self->big_label, verk_timer_is_finished (timer) ? _("Time is up") : time);
  gtk_button_set_label (self->toggle_button,
                        verk_timer_is_running (timer) ? _("_Pause") : _("_Start"));
  /* Translators: the accessible name of the timer button, e.g. "Discussion timer, 4:59 left" */
  accessible = g_strdup_printf (_("Discussion timer, %s left"), time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (verk_timer_is_finished (timer))
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "warning");

  gtk_spin_button_set_value (self->minutes_spin, (verk_timer_get_duration (timer) + 59) / 60);
  gtk_check_button_set_active (self->per_piece_check,
                               verk_session_get_timer_scope (session) == VERK_TIMER_SCOPE_PIECE);
}

static void
verk_timer_button_session_changed (VerkSessionWidget *widget)
{
  update (VERK_TIMER_BUTTON (widget));
}

static void
on_minutes_changed (VerkTimerButton *self)
{
  VerkTimer *timer;
  guint seconds = (guint) gtk_spin_button_get_value_as_int (self->minutes_spin) * 60;

  if (session_of (self) == NULL)
    return;
  timer = verk_session_get_timer (session_of (self));
  /* Only a real change resets the timer (update() sets the same value back). */
  if (seconds != verk_timer_get_duration (timer))
    verk_timer_set_duration (timer, seconds);
}

static void
on_per_piece_toggled (VerkTimerButton *self)
{
  if (session_of (self) == NULL)
    return;
  verk_session_set_timer_scope (session_of (self),
                                gtk_check_button_get_active (self->per_piece_check)
                                ? VERK_TIMER_SCOPE_PIECE : VERK_TIMER_SCOPE_STEP);
}

static void
verk_timer_button_dispose (GObject *object)
{
  VerkTimerButton *self = VERK_TIMER_BUTTON (object);

  verk_timer_button_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERK_TYPE_TIMER_BUTTON);

  G_OBJECT_CLASS (verk_timer_button_parent_class)->dispose (object);
}

static void
on_button_clicked (VerkTimerButton *self)
{
  gtk_popover_popup (self->popover);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE, -1);
}

static void
on_popover_closed (VerkTimerButton *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
}

static void
verk_timer_button_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  VerkTimerButton *self = VERK_TIMER_BUTTON (widget);

  gtk_widget_measure (GTK_WIDGET (self->menu_button), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
verk_timer_button_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  VerkTimerButton *self = VERK_TIMER_BUTTON (widget);

  gtk_widget_allocate (GTK_WIDGET (self->menu_button), width, height, baseline, NULL);
  gtk_popover_present (self->popover);
}

static void
verk_timer_button_class_init (VerkTimerButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_timer_button_dispose;
  VERK_SESSION_WIDGET_CLASS (klass)->session_changed = verk_timer_button_session_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-timer-button.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkTimerButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, VerkTimerButton, popover);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_closed);
  gtk_widget_class_bind_template_child (widget_class, VerkTimerButton, time_label);
  gtk_widget_class_bind_template_child (widget_class, VerkTimerButton, big_label);
  gtk_widget_class_bind_template_child (widget_class, VerkTimerButton, toggle_button);
  gtk_widget_class_bind_template_child (widget_class, VerkTimerButton, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, VerkTimerButton, per_piece_check);
  gtk_widget_class_bind_template_callback (widget_class, on_minutes_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_per_piece_toggled);
  widget_class->measure = verk_timer_button_measure;
  widget_class->size_allocate = verk_timer_button_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
verk_timer_button_init (VerkTimerButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_group_connect_swapped (verk_session_widget_get_timer_signals (VERK_SESSION_WIDGET (self)), "notify",
                                  G_CALLBACK (update), self);
  g_signal_group_connect_swapped (verk_session_widget_get_session_signals (VERK_SESSION_WIDGET (self)),
                                  "notify::timer-scope", G_CALLBACK (update), self);
}

/** verk_timer_button_set_session: Controls @session's timer. */
void
verk_timer_button_set_session (VerkTimerButton *self,
                               VerkSession     *session)
{
  g_return_if_fail (VERK_IS_TIMER_BUTTON (self));
  verk_session_widget_set_session (VERK_SESSION_WIDGET (self), session);
}
