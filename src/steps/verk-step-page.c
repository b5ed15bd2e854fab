/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-step-page"

#include "config.h"

#include "verk-step-page.h"

typedef struct
{
  VerkSession       *session;
  VerkStore         *store;            /* the session's */
  VerkWorkshopModel *model;            /* the session's */
  GSignalGroup      *session_signals;
  GSignalGroup      *store_signals;
  GSignalGroup      *model_signals;
  gint64             shown_workshop_id; /* what the page last showed afresh */
} VerkStepPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VerkStepPage, verk_step_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_store_changed (VerkStore    *store,
                  int           kind,
                  gint64        workshop_id,
                  VerkStepPage *self)
{
  VerkStepPageClass *klass = VERK_STEP_PAGE_GET_CLASS (self);

  if (klass->store_changed != NULL)
    klass->store_changed (self, kind, workshop_id);
}

static void
on_model_changed (VerkWorkshopModel *model,
                  int                kind,
                  VerkStepPage      *self)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);
  VerkStepPageClass *klass = VERK_STEP_PAGE_GET_CLASS (self);

  /* The session loads another workshop before it announces it: the page shows
   * that one afresh on notify::workshop-id, not twice. */
  if (verk_workshop_model_get_workshop_id (model) != priv->shown_workshop_id)
    return;
  if (klass->model_changed != NULL)
    klass->model_changed (self, kind);
}

static void
show_workshop (VerkStepPage *self)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);
  VerkStepPageClass *klass = VERK_STEP_PAGE_GET_CLASS (self);

  priv->shown_workshop_id = verk_step_page_get_workshop_id (self);
  if (klass->workshop_changed != NULL)
    klass->workshop_changed (self);
}

static void
on_workshop_changed (VerkStepPage *self)
{
  VerkStepPageClass *klass = VERK_STEP_PAGE_GET_CLASS (self);

  if (klass->flush != NULL)
    klass->flush (self);
  show_workshop (self);
}

static void
verk_step_page_dispose (GObject *object)
{
  /* A subclass lets go of the session in its own dispose, before it frees
   * what its flush() needs; this only catches one that did not. */
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (VERK_STEP_PAGE (object));

  verk_step_page_set_session (VERK_STEP_PAGE (object), NULL);
  g_clear_object (&priv->session_signals);
  g_clear_object (&priv->store_signals);
  g_clear_object (&priv->model_signals);

  G_OBJECT_CLASS (verk_step_page_parent_class)->dispose (object);
}

static void
verk_step_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VerkStepPage *self = VERK_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, verk_step_page_get_session (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_step_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VerkStepPage *self = VERK_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      verk_step_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_step_page_class_init (VerkStepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_step_page_dispose;
  object_class->get_property = verk_step_page_get_property;
  object_class->set_property = verk_step_page_set_property;

  /**
   * VerkStepPage:session:
   *
   * The shared state of the workshop shown and edited, or NULL.
   */
  properties[PROP_SESSION] = verk_session_param_spec_new ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
verk_step_page_init (VerkStepPage *self)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);

  priv->session_signals = g_signal_group_new (VERK_TYPE_SESSION);
  g_signal_group_connect_swapped (priv->session_signals, "notify::workshop-id",
                                  G_CALLBACK (on_workshop_changed), self);
  priv->store_signals = verk_session_follow_part (priv->session_signals, VERK_SESSION_PART_STORE);
  g_signal_group_connect (priv->store_signals, "changed", G_CALLBACK (on_store_changed), self);
  priv->model_signals = verk_session_follow_part (priv->session_signals, VERK_SESSION_PART_MODEL);
  g_signal_group_connect (priv->model_signals, "changed", G_CALLBACK (on_model_changed), self);
}

/** verk_step_page_get_session: Returns: (transfer none) (nullable): the session shown. */
VerkSession *
verk_step_page_get_session (VerkStepPage *self)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_STEP_PAGE (self), NULL);
  return priv->session;
}

/**
 * verk_step_page_set_session:
 * @session: (nullable): the workshop to show and edit, or NULL for none
 *
 * Flushes what the page holds for the old session, then shows @session's
 * workshop and follows its edits.
 */
void
verk_step_page_set_session (VerkStepPage *self,
                            VerkSession  *session)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);
  VerkStepPageClass *klass;

  g_return_if_fail (VERK_IS_STEP_PAGE (self));
  g_return_if_fail (session == NULL || VERK_IS_SESSION (session));

  if (priv->session == session)
    return;

  klass = VERK_STEP_PAGE_GET_CLASS (self);
  if (priv->session != NULL && klass->flush != NULL)
    klass->flush (self);
  /* The groups first (the store's and the model's follow the session's):
   * what is left with the page as data is the subclass's. */
  g_signal_group_set_target (priv->session_signals, NULL);
  if (priv->session != NULL)
    g_signal_handlers_disconnect_by_data (priv->session, self);
  g_clear_object (&priv->store);
  g_clear_object (&priv->model);
  g_set_object (&priv->session, session);
  if (session != NULL)
    {
      priv->store = g_object_ref (verk_session_get_store (session));
      priv->model = g_object_ref (verk_session_get_model (session));
    }
  g_signal_group_set_target (priv->session_signals, session);
  if (klass->session_set != NULL)
    klass->session_set (self, session);
  show_workshop (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/** verk_step_page_get_store: Returns: (transfer none) (nullable): the session's store. */
VerkStore *
verk_step_page_get_store (VerkStepPage *self)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_STEP_PAGE (self), NULL);
  return priv->store;
}

/** verk_step_page_get_model: Returns: (transfer none) (nullable): the session's workshop model. */
VerkWorkshopModel *
verk_step_page_get_model (VerkStepPage *self)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_STEP_PAGE (self), NULL);
  return priv->model;
}

/** verk_step_page_get_workshop_id: Returns: the session's workshop, or 0. */
gint64
verk_step_page_get_workshop_id (VerkStepPage *self)
{
  VerkStepPagePrivate *priv = verk_step_page_get_instance_private (self);

  g_return_val_if_fail (VERK_IS_STEP_PAGE (self), 0);
  return priv->session != NULL ? verk_session_get_workshop_id (priv->session) : 0;
}
