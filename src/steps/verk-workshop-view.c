/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-workshop-view"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-assess-page.h"
#include "verk-follow-up-page.h"
#include "verk-material-page.h"
#include "verk-plan-page.h"
#include "verk-prioritise-page.h"
#include "verk-workshop-view.h"

struct _VerkWorkshopView
{
  VerkSessionWidget parent_instance;

  /* template widgets */
  GtkWidget   *sidebar;
  GtkListBox  *steps_list;
  GtkStack    *stack;
};

G_DEFINE_FINAL_TYPE (VerkWorkshopView, verk_workshop_view, VERK_TYPE_SESSION_WIDGET)

/* Stack page names, in VerkStep order. */
static const char * const step_names[] = {
  [VERK_STEP_MATERIAL] = "material",
  [VERK_STEP_ASSESS] = "assess",
  [VERK_STEP_PRIORITISE] = "prioritise",
  [VERK_STEP_PLAN] = "plan",
  [VERK_STEP_FOLLOW_UP] = "followup",
};

static VerkSession *
session_of (VerkWorkshopView *self)
{
  return verk_session_widget_get_session (VERK_SESSION_WIDGET (self));
}

static void
show_step (VerkWorkshopView *self,
           VerkStep          step)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->steps_list, (int) step);

  g_assert (step < G_N_ELEMENTS (step_names));

  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  if (row != NULL && gtk_list_box_get_selected_row (self->steps_list) != row)
    gtk_list_box_select_row (self->steps_list, row);
}

static void
on_session_step_changed (VerkWorkshopView *self,
                         GParamSpec       *pspec,
                         VerkSession      *session)
{
  show_step (self, verk_session_get_step (session));
}

/* The template binds every page's session to VerkSessionWidget:session. */
static void
verk_workshop_view_session_changed (VerkSessionWidget *widget)
{
  VerkSession *session = verk_session_widget_get_session (widget);

  if (session != NULL)
    show_step (VERK_WORKSHOP_VIEW (widget), verk_session_get_step (session));
}

static void
on_row_selected (VerkWorkshopView *self,
                 GtkListBoxRow    *row)
{
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index < 0 || index >= (int) G_N_ELEMENTS (step_names))
    return;
  if (session_of (self) != NULL)
    verk_session_set_step (session_of (self), (VerkStep) index);
  else
    show_step (self, (VerkStep) index);
}

static void
go_to_step (VerkWorkshopView *self,
            int               step)
{
  if (step < 0 || step >= (int) G_N_ELEMENTS (step_names))
    return;
  if (session_of (self) != NULL)
    verk_session_set_step (session_of (self), (VerkStep) step);
  else
    show_step (self, (VerkStep) step);
}

static int
current_step (VerkWorkshopView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->steps_list);

  return row != NULL ? gtk_list_box_row_get_index (row) : 0;
}

static void
next_step_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VerkWorkshopView *self = VERK_WORKSHOP_VIEW (widget);

  go_to_step (self, current_step (self) + 1);
}

static void
previous_step_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VerkWorkshopView *self = VERK_WORKSHOP_VIEW (widget);

  go_to_step (self, current_step (self) - 1);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  go_to_step (VERK_WORKSHOP_VIEW (widget), g_variant_get_int32 (parameter));
}

static void
verk_workshop_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_WORKSHOP_VIEW);
  /* The separator is not a template child, so it is not disposed above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (verk_workshop_view_parent_class)->dispose (object);
}

static void
verk_workshop_view_class_init (VerkWorkshopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_workshop_view_dispose;
  VERK_SESSION_WIDGET_CLASS (klass)->session_changed = verk_workshop_view_session_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-workshop-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopView, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_install_action (widget_class, "workshop.next-step", NULL, next_step_activated);
  gtk_widget_class_install_action (widget_class, "workshop.previous-step", NULL,
                                   previous_step_activated);
  gtk_widget_class_install_action (widget_class, "workshop.step", "i", step_activated);
  for (int i = 0; i < (int) G_N_ELEMENTS (step_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "workshop.step", "i", i);

  g_type_ensure (VERK_TYPE_MATERIAL_PAGE);
  g_type_ensure (VERK_TYPE_ASSESS_PAGE);
  g_type_ensure (VERK_TYPE_PRIORITISE_PAGE);
  g_type_ensure (VERK_TYPE_PLAN_PAGE);
  g_type_ensure (VERK_TYPE_FOLLOW_UP_PAGE);
}

/* GtkListBox walks its rows on Tab, and a step row takes the selection with
 * the focus, so Tab never left the step list for the step's page: from the
 * list, Tab goes into the page (for Assess, to the puzzle). */
static gboolean
on_steps_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      VerkWorkshopView      *self)
{
  if (keyval != GDK_KEY_Tab || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
verk_workshop_view_init (VerkWorkshopView *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Page Down/Up move between steps from anywhere in the workshop, also
   * from the step list, which would otherwise take them for itself. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("workshop.next-step")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("workshop.previous-step")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_steps_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->steps_list), keys);
  g_signal_group_connect_object (verk_session_widget_get_session_signals (VERK_SESSION_WIDGET (self)),
                                 "notify::step", G_CALLBACK (on_session_step_changed), self, G_CONNECT_SWAPPED);
  show_step (self, VERK_STEP_MATERIAL);
}

/**
 * verk_workshop_view_set_session:
 * @session: (nullable): the window's session
 */
void
verk_workshop_view_set_session (VerkWorkshopView *self,
                                VerkSession      *session)
{
  g_return_if_fail (VERK_IS_WORKSHOP_VIEW (self));
  verk_session_widget_set_session (VERK_SESSION_WIDGET (self), session);
}

/**
 * verk_workshop_view_focus_steps:
 *
 * Puts the keyboard focus on the selected step, so arrows move between steps.
 */
void
verk_workshop_view_focus_steps (VerkWorkshopView *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (VERK_IS_WORKSHOP_VIEW (self));

  row = gtk_list_box_get_selected_row (self->steps_list);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/**
 * verk_workshop_view_opening_step:
 * @workshop_id: the workshop about to be opened
 *
 * A workshop that follows up another begins where the SIQ loop closes: with
 * last time's actions and how the scores moved, so it opens on Follow up; the
 * group's first workshop opens on the material. "Follows up" is the one rule
 * of verk_store_get_previous_workshop_id(), as the Follow up step shows it.
 *
 * Returns: the step to open @workshop_id on.
 */
VerkStep
verk_workshop_view_opening_step (VerkWorkshopView *self,
                                 gint64            workshop_id)
{
  VerkStore *store;

  g_return_val_if_fail (VERK_IS_WORKSHOP_VIEW (self), VERK_STEP_MATERIAL);

  store = session_of (self) != NULL
          ? verk_session_get_store (session_of (self)) : NULL;
  return store != NULL && verk_store_get_previous_workshop_id (store, workshop_id, NULL) != 0
         ? VERK_STEP_FOLLOW_UP : VERK_STEP_MATERIAL;
}
