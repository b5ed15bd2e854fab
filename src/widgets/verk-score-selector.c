/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-score-selector"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-score-selector.h"

struct _VerkScoreSelector
{
  GtkBox           parent_instance;

  /* template widgets */
  GtkToggleButton *buttons[5];

  /* owned */
  char            *subject;
  char            *labels[5];

  int              value;
  gboolean         concealed;
  gboolean         captions;
  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (VerkScoreSelector, verk_score_selector, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_CONCEALED,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sync_buttons (VerkScoreSelector *self)
{
  self->syncing = TRUE;
  for (int i = 0; i < 5; i++)
    gtk_toggle_button_set_active (self->buttons[i], !self->concealed && self->value == i + 1);
  self->syncing = FALSE;
}

static void
update_names (VerkScoreSelector *self)
{
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = NULL;

      if (self->subject != NULL && self->labels[i] != NULL)
        /* Translators: an accessible button name: "Anna, score 3, Under way" */
        name = g_strdup_printf (_("%s, score %d, %s"), self->subject, i + 1, self->labels[i]);
      else if (self->subject != NULL)
        name = g_strdup_printf (_("%s, score %d"), self->subject, i + 1);
      else
        name = g_strdup_printf (_("Score %d"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static void
on_toggled (GtkToggleButton   *button,
            VerkScoreSelector *self)
{
  int index = -1;
  int value;

  if (self->syncing)
    return;

  for (int i = 0; i < 5; i++)
    if (self->buttons[i] == button)
      index = i;
  g_assert (index >= 0);

  /* Pressing the chosen value again clears it; while concealed every button
   * looks released, so a press always chooses. */
  if (!self->concealed && !gtk_toggle_button_get_active (button) && self->value == index + 1)
    value = 0;
  else
    value = index + 1;

  verk_score_selector_set_value (self, value);
  sync_buttons (self);
  g_signal_emit (self, signals[CHOSEN], 0, value);
}

static int
focused_button (VerkScoreSelector *self)
{
  for (int i = 0; i < 5; i++)
    if (gtk_widget_has_focus (GTK_WIDGET (self->buttons[i])))
      return i;
  return -1;
}

/* One tab stop: Tab enters on the chosen score (else 1) and the next Tab
 * leaves; the arrow keys move between the five inside. A row of five
 * selectors was twenty-five tab stops. */
static gboolean
verk_score_selector_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  VerkScoreSelector *self = VERK_SCORE_SELECTOR (widget);
  int current = focused_button (self), next;

  if (!gtk_widget_is_sensitive (widget))
    return FALSE;
  if (current < 0)
    next = !self->concealed && self->value > 0 ? self->value - 1 : 0;
  else if (direction == GTK_DIR_LEFT)
    next = current - 1;
  else if (direction == GTK_DIR_RIGHT)
    next = current + 1;
  else
    return FALSE;
  if (next < 0 || next > 4)
    return TRUE;   /* stay at the end of the row rather than jump elsewhere */
  return gtk_widget_grab_focus (GTK_WIDGET (self->buttons[next]));
}

/* 1-5 on a focused selector choose that score, as a click would. */
static void
choose_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkScoreSelector *self = VERK_SCORE_SELECTOR (widget);
  int value = g_variant_get_int32 (parameter);

  if (!gtk_widget_is_sensitive (widget) || value < 1 || value > 5)
    return;
  verk_score_selector_set_value (self, value);
  sync_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->buttons[value - 1]));
  g_signal_emit (self, signals[CHOSEN], 0, value);
}

static void
verk_score_selector_finalize (GObject *object)
{
  VerkScoreSelector *self = VERK_SCORE_SELECTOR (object);

  g_clear_pointer (&self->subject, g_free);
  for (int i = 0; i < 5; i++)
    g_clear_pointer (&self->labels[i], g_free);

  G_OBJECT_CLASS (verk_score_selector_parent_class)->finalize (object);
}

static void
verk_score_selector_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_SCORE_SELECTOR);
  G_OBJECT_CLASS (verk_score_selector_parent_class)->dispose (object);
}

static void
verk_score_selector_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VerkScoreSelector *self = VERK_SCORE_SELECTOR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    case PROP_CONCEALED:
      g_value_set_boolean (value, self->concealed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_score_selector_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VerkScoreSelector *self = VERK_SCORE_SELECTOR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      verk_score_selector_set_value (self, g_value_get_int (value));
      break;
    case PROP_CONCEALED:
      verk_score_selector_set_concealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_score_selector_class_init (VerkScoreSelectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_score_selector_dispose;
  object_class->finalize = verk_score_selector_finalize;
  object_class->get_property = verk_score_selector_get_property;
  object_class->set_property = verk_score_selector_set_property;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, 0, 5, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONCEALED] =
    g_param_spec_boolean ("concealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VerkScoreSelector::chosen:
   * @value: the value the user picked, 1..5, or 0 to clear
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  widget_class->focus = verk_score_selector_focus;
  gtk_widget_class_install_action (widget_class, "score.choose", "i", choose_activated);
  for (int i = 0; i < 5; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "score.choose", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "score.choose", "i", i + 1);
    }

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-score-selector.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "button1", FALSE,
                                             G_STRUCT_OFFSET (VerkScoreSelector, buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "button2", FALSE,
                                             G_STRUCT_OFFSET (VerkScoreSelector, buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "button3", FALSE,
                                             G_STRUCT_OFFSET (VerkScoreSelector, buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "button4", FALSE,
                                             G_STRUCT_OFFSET (VerkScoreSelector, buttons[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "button5", FALSE,
                                             G_STRUCT_OFFSET (VerkScoreSelector, buttons[4]));
}

static void
verk_score_selector_init (VerkScoreSelector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < 5; i++)
    g_signal_connect (self->buttons[i], "toggled", G_CALLBACK (on_toggled), self);
  update_names (self);
}

/** verk_score_selector_new: Returns: (transfer floating): a selector with no value. */
GtkWidget *
verk_score_selector_new (void)
{
  return g_object_new (VERK_TYPE_SCORE_SELECTOR, NULL);
}

/** verk_score_selector_get_value: Returns: the value 1..5, or 0 when unset. */
int
verk_score_selector_get_value (VerkScoreSelector *self)
{
  g_return_val_if_fail (VERK_IS_SCORE_SELECTOR (self), 0);
  return self->value;
}

/** verk_score_selector_set_value: Shows @value (0: none) without emitting ::chosen. */
void
verk_score_selector_set_value (VerkScoreSelector *self,
                               int                value)
{
  g_return_if_fail (VERK_IS_SCORE_SELECTOR (self));
  g_return_if_fail (value >= 0 && value <= 5);

  if (self->value == value)
    return;
  self->value = value;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/** verk_score_selector_set_concealed: Hides the value (the buttons stay usable). */
void
verk_score_selector_set_concealed (VerkScoreSelector *self,
                                   gboolean           concealed)
{
  g_return_if_fail (VERK_IS_SCORE_SELECTOR (self));

  concealed = !!concealed;
  if (self->concealed == concealed)
    return;
  self->concealed = concealed;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONCEALED]);
}

/** verk_score_selector_set_subject: Sets whose score the buttons set, for their names. */
void
verk_score_selector_set_subject (VerkScoreSelector *self,
                                 const char        *subject)
{
  g_return_if_fail (VERK_IS_SCORE_SELECTOR (self));

  if (g_strcmp0 (self->subject, subject) == 0)
    return;
  g_free (self->subject);
  self->subject = g_strdup (subject);
  update_names (self);
}

static void
update_captions (VerkScoreSelector *self)
{
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i + 1);
      GtkWidget *box, *caption, *label;

      if (!self->captions || self->labels[i] == NULL)
        {
          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (self->buttons[i])), number) != 0)
            gtk_button_set_label (GTK_BUTTON (self->buttons[i]), number);
          continue;
        }
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      label = gtk_label_new (number);
      caption = gtk_label_new (self->labels[i]);
      gtk_widget_add_css_class (caption, "verk-caption");
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (caption), 9);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_button_set_child (GTK_BUTTON (self->buttons[i]), box);
    }
}

/** verk_score_selector_set_captions: Shows the scale's label under each number. */
void
verk_score_selector_set_captions (VerkScoreSelector *self,
                                  gboolean           captions)
{
  g_return_if_fail (VERK_IS_SCORE_SELECTOR (self));

  self->captions = !!captions;
  update_captions (self);
  update_names (self);
}

/** verk_score_selector_set_scale: Sets the five levels' labels and sentences (either may be NULL). */
void
verk_score_selector_set_scale (VerkScoreSelector  *self,
                               const char * const *labels,
                               const char * const *descriptions)
{
  g_return_if_fail (VERK_IS_SCORE_SELECTOR (self));

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *tip = NULL;

      g_free (self->labels[i]);
      self->labels[i] = labels != NULL ? g_strdup (labels[i]) : NULL;
      if (labels != NULL && descriptions != NULL && labels[i] != NULL && descriptions[i] != NULL)
        tip = g_strdup_printf ("%d – %s: %s", i + 1, labels[i], descriptions[i]);
      else if (labels != NULL && labels[i] != NULL)
        tip = g_strdup_printf ("%d – %s", i + 1, labels[i]);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->buttons[i]), tip);
    }
  /* Relabelling a button resets its accessible name: captions first. */
  update_captions (self);
  update_names (self);
}
