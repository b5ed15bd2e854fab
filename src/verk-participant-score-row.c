/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-participant-score-row"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-participant-score-row.h"
#include "verk-score-selector.h"

struct _VerkParticipantScoreRow
{
  GtkListBoxRow      parent_instance;

  /* template widgets */
  GtkLabel          *title_label;
  GtkLabel          *status_label;
  VerkScoreSelector *selector;

  gint64             participant_id;
  int                value;
};

G_DEFINE_FINAL_TYPE (VerkParticipantScoreRow, verk_participant_score_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SCORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choose (VerkParticipantScoreRow *self,
        int                      value,
        gboolean                 move_on)
{
  g_signal_emit (self, signals[SCORED], 0, self->participant_id, value, move_on);
}

static void
on_chosen (VerkScoreSelector       *selector,
           int                      value,
           VerkParticipantScoreRow *self)
{
  choose (self, value, FALSE);
}

static gboolean
on_key_pressed (GtkEventControllerKey   *controller,
                guint                    keyval,
                guint                    keycode,
                GdkModifierType          state,
                VerkParticipantScoreRow *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_5)
    choose (self, keyval - GDK_KEY_0, TRUE);
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_5)
    choose (self, keyval - GDK_KEY_KP_0, TRUE);
  else if (keyval == GDK_KEY_0 || keyval == GDK_KEY_KP_0 || keyval == GDK_KEY_BackSpace)
    choose (self, 0, FALSE);
  else
    return FALSE;
  return TRUE;
}

static void
verk_participant_score_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_PARTICIPANT_SCORE_ROW);
  G_OBJECT_CLASS (verk_participant_score_row_parent_class)->dispose (object);
}

static void
verk_participant_score_row_class_init (VerkParticipantScoreRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_participant_score_row_dispose;

  /**
   * VerkParticipantScoreRow::scored:
   * @participant_id: whose score
   * @value: 1..5, or 0 to clear
   * @move_on: TRUE when typed on the keyboard: focus the next participant
   */
  signals[SCORED] =
    g_signal_new ("scored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT, G_TYPE_BOOLEAN);

  g_type_ensure (VERK_TYPE_SCORE_SELECTOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/verk-participant-score-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, selector);
  gtk_widget_class_bind_template_callback (widget_class, on_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
}

static void
verk_participant_score_row_init (VerkParticipantScoreRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * verk_participant_score_row_new:
 * @participant_id: the participant
 * @title: their name, or "Participant N"
 *
 * Returns: (transfer floating): a row with no score.
 */
GtkWidget *
verk_participant_score_row_new (gint64      participant_id,
                                const char *title)
{
  VerkParticipantScoreRow *self = g_object_new (VERK_TYPE_PARTICIPANT_SCORE_ROW, NULL);

  self->participant_id = participant_id;
  verk_participant_score_row_set_title (self, title);
  verk_participant_score_row_set_value (self, 0, FALSE);
  return GTK_WIDGET (self);
}

/** verk_participant_score_row_get_participant_id: Returns: the participant's id. */
gint64
verk_participant_score_row_get_participant_id (VerkParticipantScoreRow *self)
{
  g_return_val_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self), 0);
  return self->participant_id;
}

/** verk_participant_score_row_set_title: Shows the participant's name. */
void
verk_participant_score_row_set_title (VerkParticipantScoreRow *self,
                                      const char              *title)
{
  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));

  if (g_strcmp0 (gtk_label_get_label (self->title_label), title) == 0)
    return;
  gtk_label_set_label (self->title_label, title);
  verk_score_selector_set_subject (self->selector, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/** verk_participant_score_row_set_value: Shows the score, or only that there is one. */
void
verk_participant_score_row_set_value (VerkParticipantScoreRow *self,
                                      int                      value,
                                      gboolean                 concealed)
{
  const char *status;

  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));

  self->value = value;
  verk_score_selector_set_value (self->selector, value);
  verk_score_selector_set_concealed (self->selector, concealed);
  if (value == 0)
    status = _("Not scored");
  else if (concealed)
    status = _("Scored");
  else
    status = "";
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  status, -1);
}

/** verk_participant_score_row_set_scale: Passes the scale's texts to the buttons. */
void
verk_participant_score_row_set_scale (VerkParticipantScoreRow *self,
                                      const char * const      *labels,
                                      const char * const      *descriptions)
{
  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));
  verk_score_selector_set_scale (self->selector, labels, descriptions);
}
