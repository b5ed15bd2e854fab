/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-session-widget"

#include "config.h"

#include "verk-session-widget.h"

typedef struct
{
  /* owned */
  VerkSession  *session;
  GSignalGroup *session_signals;
  GSignalGroup *model_signals;     /* follow session_signals' target */
  GSignalGroup *timer_signals;
} VerkSessionWidgetPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VerkSessionWidget, verk_session_widget, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
verk_session_widget_dispose (GObject *object)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (VERK_SESSION_WIDGET (object));

  /* Quietly: the subclass's template may be gone already. */
  g_signal_group_set_target (priv->session_signals, NULL);
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (verk_session_widget_parent_class)->dispose (object);
}

static void
verk_session_widget_finalize (GObject *object)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (VERK_SESSION_WIDGET (object));

  g_clear_object (&priv->model_signals);
  g_clear_object (&priv->timer_signals);
  g_clear_object (&priv->session_signals);

  G_OBJECT_CLASS (verk_session_widget_parent_class)->finalize (object);
}

static void
verk_session_widget_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, verk_session_widget_get_session (VERK_SESSION_WIDGET (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_session_widget_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      verk_session_widget_set_session (VERK_SESSION_WIDGET (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_session_widget_class_init (VerkSessionWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_session_widget_dispose;
  object_class->finalize = verk_session_widget_finalize;
  object_class->get_property = verk_session_widget_get_property;
  object_class->set_property = verk_session_widget_set_property;

  /**
   * VerkSessionWidget:session:
   *
   * The shared state of the workshop shown, or NULL.
   */
  properties[PROP_SESSION] = verk_session_param_spec_new ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
verk_session_widget_init (VerkSessionWidget *self)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (self);

  priv->session_signals = g_signal_group_new (VERK_TYPE_SESSION);
  priv->model_signals = verk_session_follow_part (priv->session_signals, VERK_SESSION_PART_MODEL);
  priv->timer_signals = verk_session_follow_part (priv->session_signals, VERK_SESSION_PART_TIMER);
}

/** verk_session_widget_get_session: Returns: (transfer none) (nullable): the session shown. */
VerkSession *
verk_session_widget_get_session (VerkSessionWidget *self)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_SESSION_WIDGET (self), NULL);
  return priv->session;
}

/**
 * verk_session_widget_set_session:
 * @session: (nullable): the session to show, or NULL for none
 *
 * Moves every handler on the widget's groups to @session, then lets the
 * subclass show it.
 */
void
verk_session_widget_set_session (VerkSessionWidget *self,
                                 VerkSession       *session)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (self);
  VerkSessionWidgetClass *klass;

  g_return_if_fail (VERK_IS_SESSION_WIDGET (self));
  g_return_if_fail (session == NULL || VERK_IS_SESSION (session));

  if (!g_set_object (&priv->session, session))
    return;
  g_signal_group_set_target (priv->session_signals, session);
  klass = VERK_SESSION_WIDGET_GET_CLASS (self);
  if (klass->session_changed != NULL)
    klass->session_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/** verk_session_widget_get_model: Returns: (transfer none) (nullable): the session's model. */
VerkWorkshopModel *
verk_session_widget_get_model (VerkSessionWidget *self)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_SESSION_WIDGET (self), NULL);
  return priv->session != NULL ? verk_session_get_model (priv->session) : NULL;
}

/** verk_session_widget_get_session_signals: Returns: (transfer none): the session's group. */
GSignalGroup *
verk_session_widget_get_session_signals (VerkSessionWidget *self)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_SESSION_WIDGET (self), NULL);
  return priv->session_signals;
}

/** verk_session_widget_get_model_signals: Returns: (transfer none): the group on the session's model. */
GSignalGroup *
verk_session_widget_get_model_signals (VerkSessionWidget *self)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_SESSION_WIDGET (self), NULL);
  return priv->model_signals;
}

/** verk_session_widget_get_timer_signals: Returns: (transfer none): the group on the session's timer. */
GSignalGroup *
verk_session_widget_get_timer_signals (VerkSessionWidget *self)
{
  VerkSessionWidgetPrivate *priv = verk_session_widget_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_SESSION_WIDGET (self), NULL);
  return priv->timer_signals;
}
