/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-participant-score-row"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-field-saver.h"
#include "verk-participant-score-row.h"
#include "verk-score-selector.h"
#include "verk-store.h"
#include "verk-text.h"

struct _VerkParticipantScoreRow
{
  GtkListBoxRow      parent_instance;

  /* template widgets */
  GtkLabel          *title_label;
  GtkLabel          *status_label;
  VerkScoreSelector *selector;
  GtkLabel          *earlier_comment_label;
  GtkLabel          *preview_label;
  GtkToggleButton   *comment_button;
  GtkRevealer       *comment_revealer;
  GtkWidget         *comment_box;
  GtkWidget         *comment_frame;
  GtkTextView       *comment_view;
  GtkLabel          *comment_message;

  /* owned */
  VerkFieldSaver    *saver;          /* the comment field; its id: field_id() */
  char              *title;
  char              *comment;        /* as stored, of the round shown */
  char              *earlier_comment; /* round 1's beside round 2's, NULL when not shown */

  gint64             participant_id;
  int                value;
  int                earlier;        /* round 1's score beside round 2's: 0 none, -1 not shown */
  int                round;          /* the round whose comment the field shows: 1 or 2 */
  gboolean           concealed;
};

G_DEFINE_FINAL_TYPE (VerkParticipantScoreRow, verk_participant_score_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SCORED,
  COMMENT_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The comment field's id (VerkFieldSaver) names the piece and the round:
 * the piece's id, negated for its second round. So each round's comment is
 * a text of its own, with its own draft, and what was typed for round 1 is
 * stored in round 1 when the field moves on to round 2. */
static gint64
field_id (gint64 item_id,
          int    round)
{
  return round == 2 ? -item_id : item_id;
}

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

static GtkWidget *
focused_widget (VerkParticipantScoreRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

static gboolean
editing_comment (VerkParticipantScoreRow *self)
{
  GtkWidget *focus = focused_widget (self);

  return focus != NULL && gtk_widget_is_ancestor (focus, self->comment_box);
}

/* The first line of @text with any text on it, or NULL when it is blank. */
static char *
first_line (const char *text)
{
  g_auto (GStrv) lines = NULL;

  if (text == NULL)
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        return g_strdup (lines[i]);
    }
  return NULL;
}

static gboolean
is_open (VerkParticipantScoreRow *self)
{
  return gtk_toggle_button_get_active (self->comment_button);
}

/* Round 1's score against round 2's, once round 2 is revealed: shown (with
 * an arrow) in @shown, said in words in @spoken. FALSE when there is none. */
static gboolean
earlier_texts (VerkParticipantScoreRow  *self,
               char                    **shown,
               char                    **spoken)
{
  if (self->earlier < 0 || self->concealed)
    return FALSE;
  if (self->earlier == 0 && self->value == 0)
    return FALSE;
  if (self->earlier == 0)
    {
      *shown = g_strdup (_("Not scored in round 1"));
      *spoken = g_strdup (*shown);
    }
  else if (self->value == 0)
    {
      /* Translators: under a participant's name once round 2 is revealed */
      *shown = g_strdup_printf (_("Round 1: %d, not scored in round 2"), self->earlier);
      *spoken = g_strdup (*shown);
    }
  else if (self->value == self->earlier)
    {
      /* Translators: under a participant's name once round 2 is revealed: the same score both rounds */
      *shown = g_strdup_printf (_("Round 1: %d, the same now"), self->earlier);
      *spoken = g_strdup (*shown);
    }
  else
    {
      /* Translators: under a participant's name once round 2 is revealed:
       * "Round 1: 3 → now 4", round 1's score, then round 2's */
      *shown = g_strdup_printf (_("Round 1: %d → now %d"), self->earlier, self->value);
      /* Translators: the same, read by a screen reader: "Round 1: 3, now 4" */
      *spoken = g_strdup_printf (_("Round 1: %d, now %d"), self->earlier, self->value);
    }
  return TRUE;
}

/* Round 1's comment, once round 2 is revealed: where round 1's score is
 * shown, so is what the person said with it; read only, and also while
 * round 2's comment is being written. */
static void
update_earlier_comment (VerkParticipantScoreRow *self)
{
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;

  if (self->earlier > 0 && !self->concealed)
    line = first_line (self->earlier_comment);
  if (line != NULL)
    /* Translators: a participant's comment in round 1, shown once round 2 is revealed */
    shown = g_strdup_printf (_("Round 1: “%s”"), line);
  gtk_label_set_label (self->earlier_comment_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->earlier_comment_label), shown != NULL);
}

/* The status under the name and, while the editor is closed, the comment's
 * first line. While scores are hidden the comment stays hidden too: what a
 * person said often gives their score away. */
static void
update_status (VerkParticipantScoreRow *self)
{
  g_autofree char *line = first_line (self->comment);
  g_autofree char *earlier_shown = NULL;
  g_autofree char *earlier_spoken = NULL;
  const char *status;
  const char *spoken;

  if (earlier_texts (self, &earlier_shown, &earlier_spoken))
    status = earlier_shown;
  else if (self->value == 0)
    status = _("Not scored");
  else if (self->concealed)
    /* The comment is the shown round's own, as the score is. */
    status = line != NULL ? _("Scored, with a comment") : _("Scored");
  else
    status = "";
  spoken = earlier_spoken != NULL ? earlier_spoken : status;
  gtk_label_set_label (self->status_label, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  spoken[0] != '\0' ? spoken : line != NULL ? line : "", -1);

  if (self->value == 0 || self->concealed || is_open (self))
    g_clear_pointer (&line, g_free);
  /* Beside round 1's score, each comment says its round. */
  if (line != NULL && self->earlier >= 0)
    {
      /* Translators: a participant's comment in round 2, shown under round 1's */
      g_autofree char *labelled = g_strdup_printf (_("Round 2: “%s”"), line);

      g_free (line);
      line = g_steal_pointer (&labelled);
    }
  gtk_label_set_label (self->preview_label, line != NULL ? line : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), line != NULL);
  update_earlier_comment (self);

  if (self->comment != NULL && self->comment[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->comment_button), "verk-has-comment");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->comment_button), "verk-has-comment");
}

/* The comment control's name and, until there is a score, why it is off. */
static void
update_comment_names (VerkParticipantScoreRow *self)
{
  const char *title = self->title != NULL ? self->title : "";
  /* Translators: the name of the button and field for a participant's comment */
  g_autofree char *name = self->round == 2 ? g_strdup_printf (_("Round 2 comment by %s"), title)
                                           : g_strdup_printf (_("Comment by %s"), title);
  g_autofree char *why = NULL;

  if (self->value == 0)
    /* Translators: tooltip of the comment button before the participant has a score */
    why = g_strdup_printf (_("Give %s a score first, then you can add a comment"), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->comment_button), why != NULL ? why : name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why != NULL ? why : "",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* verk_text_validate() plus what a pasted text may bring: control characters
 * other than line breaks and tabs, which no one can see or fix by eye. */
static gboolean
validate (const char  *text,
          gint64       item_id,
          gpointer     user_data,
          GError     **error)
{
  if (!verk_text_validate (text, -1, VERK_TEXT_MAX_LONG, _("the comment"), error))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && c != '\t' && c != '\r' && g_unichar_iscntrl (c))
        {
          g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                               _("The comment contains an invisible control character, probably from "
                                 "pasted text. Retype the pasted part and it will be saved."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Hands what was typed to ::comment-edited, with the piece and round it was
 * typed for (@id, see field_id()); a handler that cannot store it calls
 * show_comment_error(), which keeps it unsaved with the message. */
static gboolean
save_comment (const char  *text,
              gint64       id,
              gpointer     user_data,
              GError     **error)
{
  VerkParticipantScoreRow *self = user_data;

  if (g_strcmp0 (self->comment != NULL ? self->comment : "", text) != 0)
    g_signal_emit (self, signals[COMMENT_EDITED], 0, ABS (id), id < 0 ? 2 : 1, self->participant_id, text);
  return TRUE;
}

static void on_comment_toggled (VerkParticipantScoreRow *self);

/* Opens or closes the editor without the toggle's own handling. */
static void
set_open (VerkParticipantScoreRow *self,
          gboolean                 open)
{
  g_signal_handlers_block_by_func (self->comment_button, on_comment_toggled, self);
  gtk_toggle_button_set_active (self->comment_button, open);
  g_signal_handlers_unblock_by_func (self->comment_button, on_comment_toggled, self);
  gtk_revealer_set_reveal_child (self->comment_revealer, open);
}

/* Closes the editor and gives the focus back to the row, unless what was
 * typed cannot be saved: then it stays open with its message. */
static void
close_comment (VerkParticipantScoreRow *self)
{
  if (!verk_field_saver_flush (self->saver))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
      return;
    }
  if (is_open (self))
    gtk_toggle_button_set_active (self->comment_button, FALSE);
}

static void
on_comment_toggled (VerkParticipantScoreRow *self)
{
  if (is_open (self))
    {
      gtk_revealer_set_reveal_child (self->comment_revealer, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
    }
  else if (!verk_field_saver_flush (self->saver))
    {
      set_open (self, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
    }
  else
    {
      gboolean had_focus = editing_comment (self) || focused_widget (self) == GTK_WIDGET (self->comment_button);

      gtk_revealer_set_reveal_child (self->comment_revealer, FALSE);
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  update_status (self);
}

/* Enter (without Shift) and Escape close the editor; Shift+Enter is a new line. */
static gboolean
on_comment_key_pressed (GtkEventControllerKey   *controller,
                        guint                    keyval,
                        guint                    keycode,
                        GdkModifierType          state,
                        VerkParticipantScoreRow *self)
{
  gboolean enter = keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;

  if (keyval == GDK_KEY_Escape || (enter && !(state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK))))
    {
      close_comment (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_key_pressed (GtkEventControllerKey   *controller,
                guint                    keyval,
                guint                    keycode,
                GdkModifierType          state,
                VerkParticipantScoreRow *self)
{
  GtkWidget *focus = focused_widget (self);

  /* Digits and Backspace typed into the comment are text, not scores. */
  if (editing_comment (self))
    return FALSE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_5)
    choose (self, keyval - GDK_KEY_0, TRUE);
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_5)
    choose (self, keyval - GDK_KEY_KP_0, TRUE);
  else if (keyval == GDK_KEY_0 || keyval == GDK_KEY_KP_0 || keyval == GDK_KEY_BackSpace)
    choose (self, 0, FALSE);
  else if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && focus == GTK_WIDGET (self)
           && self->value > 0)
    gtk_toggle_button_set_active (self->comment_button, TRUE);   /* Enter on the row: comment */
  else if (keyval == GDK_KEY_Escape && is_open (self))
    close_comment (self);
  else if (keyval == GDK_KEY_ISO_Left_Tab && focus == GTK_WIDGET (self->comment_button))
    gtk_widget_grab_focus (GTK_WIDGET (self));   /* back to the row, not through the 1–5 buttons */
  else
    return FALSE;
  return TRUE;
}

static void
verk_participant_score_row_finalize (GObject *object)
{
  VerkParticipantScoreRow *self = VERK_PARTICIPANT_SCORE_ROW (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->comment, g_free);
  g_clear_pointer (&self->earlier_comment, g_free);
  G_OBJECT_CLASS (verk_participant_score_row_parent_class)->finalize (object);
}

static void
verk_participant_score_row_dispose (GObject *object)
{
  VerkParticipantScoreRow *self = VERK_PARTICIPANT_SCORE_ROW (object);

  g_clear_object (&self->saver);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_PARTICIPANT_SCORE_ROW);
  G_OBJECT_CLASS (verk_participant_score_row_parent_class)->dispose (object);
}

static void
verk_participant_score_row_class_init (VerkParticipantScoreRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_participant_score_row_dispose;
  object_class->finalize = verk_participant_score_row_finalize;

  /**
   * VerkParticipantScoreRow::scored:
   * @participant_id: whose score
   * @value: 1..5, or 0 to clear
   * @move_on: TRUE when typed on the keyboard: focus the next participant
   */
  signals[SCORED] =
    g_signal_new ("scored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT, G_TYPE_BOOLEAN);

  /**
   * VerkParticipantScoreRow::comment-edited:
   * @item_id: the piece the comment was typed for
   * @round: the round it was typed for, 1 or 2 (verk_participant_score_row_set_comment())
   * @participant_id: whose comment
   * @comment: the valid text typed, "" to remove it
   *
   * Asks to store the comment on the participant's score of that round. A
   * handler that cannot calls verk_participant_score_row_show_comment_error().
   */
  signals[COMMENT_EDITED] =
    g_signal_new ("comment-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_INT64, G_TYPE_INT, G_TYPE_INT64, G_TYPE_STRING);

  g_type_ensure (VERK_TYPE_SCORE_SELECTOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/verk-participant-score-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, selector);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, earlier_comment_label);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, comment_button);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, comment_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, comment_box);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, comment_frame);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, comment_view);
  gtk_widget_class_bind_template_child (widget_class, VerkParticipantScoreRow, comment_message);
  gtk_widget_class_bind_template_callback (widget_class, on_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_toggled);
}

static void
verk_participant_score_row_init (VerkParticipantScoreRow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before the text view's own handling, so Enter closes instead of breaking the line. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_comment_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->comment_view), keys);

  self->saver = verk_field_saver_new (GTK_WIDGET (self->comment_view), validate, save_comment, self);
  verk_field_saver_set_message_label (self->saver, self->comment_message, self->comment_frame);
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
  self->earlier = -1;
  self->round = 1;
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

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_label (self->title_label, title);
  verk_score_selector_set_subject (self->selector, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  update_comment_names (self);
}

/** verk_participant_score_row_set_value: Shows the score, or only that there is one. */
void
verk_participant_score_row_set_value (VerkParticipantScoreRow *self,
                                      int                      value,
                                      gboolean                 concealed)
{
  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));

  self->value = value;
  self->concealed = concealed;
  verk_score_selector_set_value (self->selector, value);
  verk_score_selector_set_concealed (self->selector, concealed);

  /* A comment belongs to a score: clearing the score cleared it in the store. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_button), value > 0);
  if (value == 0)
    {
      gboolean had_focus = editing_comment (self);

      verk_field_saver_discard (self->saver);
      set_open (self, FALSE);
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  update_comment_names (self);
  update_status (self);
}

/**
 * verk_participant_score_row_set_earlier_value:
 * @earlier: round 1's score (0: none) while the row shows round 2's, or -1
 *   when there is no second round
 * @comment: (nullable): round 1's comment on that score
 *
 * Shows round 1's score as the earlier value beside round 2's ("Round 1:
 * 3 → now 4") and its comment under them, never while the scores are
 * concealed.
 */
void
verk_participant_score_row_set_earlier_value (VerkParticipantScoreRow *self,
                                              int                      earlier,
                                              const char              *comment)
{
  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));
  g_return_if_fail (earlier >= -1 && earlier <= 5);

  if (self->earlier == earlier && g_strcmp0 (self->earlier_comment, comment) == 0)
    return;
  self->earlier = earlier;
  g_free (self->earlier_comment);
  self->earlier_comment = g_strdup (comment);
  update_status (self);
}

/**
 * verk_participant_score_row_set_drafts:
 * @drafts: the page's table of text that could not be stored
 *
 * Where the comment typed for a piece is kept, when it cannot be stored,
 * while the row shows other pieces.
 */
void
verk_participant_score_row_set_drafts (VerkParticipantScoreRow *self,
                                       GHashTable              *drafts)
{
  g_autofree char *prefix = NULL;

  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));

  prefix = g_strdup_printf ("comment %" G_GINT64_FORMAT, self->participant_id);
  verk_field_saver_set_drafts (self->saver, drafts, prefix);
}

/**
 * verk_participant_score_row_set_comment:
 * @item_id: the piece shown
 * @round: the round whose score the row shows and edits, 1 or 2
 * @comment: (nullable): the stored comment on that round's score
 *
 * Shows the stored comment. On the same piece and round, text being typed is
 * kept. Another piece or round: what was typed for the one before is stored
 * (in its own round) or kept as its draft, and the field shows this one's
 * draft (open, with its message) or its comment. A comment needs a score:
 * without one a draft waits.
 */
void
verk_participant_score_row_set_comment (VerkParticipantScoreRow *self,
                                        gint64                   item_id,
                                        int                      round,
                                        const char              *comment)
{
  gint64 id = field_id (item_id, round);

  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));
  g_return_if_fail (round == 1 || round == 2);

  if (id != verk_field_saver_get_id (self->saver))
    {
      /* What was typed goes to the piece and round it was typed for (the
       * saver's id), compared with that round's stored comment. */
      verk_field_saver_keep (self->saver);
      if (g_strcmp0 (self->comment, comment) != 0)
        {
          g_free (self->comment);
          self->comment = g_strdup (comment);
        }
      if (self->round != round)
        {
          self->round = round;
          update_comment_names (self);
        }
      verk_field_saver_show (self->saver, id, comment, self->value > 0);
      if (verk_field_saver_is_dirty (self->saver))
        set_open (self, TRUE);
      else if (!editing_comment (self))
        set_open (self, FALSE);
    }
  else
    {
      if (g_strcmp0 (self->comment, comment) != 0)
        {
          g_free (self->comment);
          self->comment = g_strdup (comment);
        }
      verk_field_saver_set_stored (self->saver, comment);
    }
  update_status (self);
}

/**
 * verk_participant_score_row_keep_comment:
 *
 * Stores what was typed now rather than after the pause, or keeps it as the
 * piece's draft when it cannot be stored.
 *
 * Returns: TRUE when nothing is left unsaved.
 */
gboolean
verk_participant_score_row_keep_comment (VerkParticipantScoreRow *self)
{
  g_return_val_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self), TRUE);
  return verk_field_saver_keep (self->saver);
}

/**
 * verk_participant_score_row_show_comment_error:
 * @message: what went wrong, for the user
 *
 * Called by a ::comment-edited handler that could not store the comment: the
 * text stays in the open field, with @message under it, to be saved again.
 */
void
verk_participant_score_row_show_comment_error (VerkParticipantScoreRow *self,
                                               const char              *message)
{
  g_return_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self));
  g_return_if_fail (message != NULL);

  verk_field_saver_show_error (self->saver, message);
  if (!is_open (self))
    {
      set_open (self, TRUE);
      update_status (self);
    }
}

/**
 * verk_participant_score_row_focus_comment:
 * @last: TRUE to focus the open field rather than the button (Shift+Tab)
 *
 * Moves the focus to the comment control. Returns: FALSE when it is off
 * (no score yet).
 */
gboolean
verk_participant_score_row_focus_comment (VerkParticipantScoreRow *self,
                                          gboolean                 last)
{
  g_return_val_if_fail (VERK_IS_PARTICIPANT_SCORE_ROW (self), FALSE);

  if (self->value == 0)
    return FALSE;
  if (last && is_open (self))
    return gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
  return gtk_widget_grab_focus (GTK_WIDGET (self->comment_button));
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
