/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-assess-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-assess-page.h"
#include "verk-field-saver.h"
#include "verk-format.h"
#include "verk-step-page.h"
#include "verk-quick-score-entry.h"
#include "verk-content.h"
#include "verk-page-util.h"
#include "verk-puzzle-view.h"
#include "verk-participant-score-row.h"
#include "verk-score-selector.h"
#include "verk-spread-plot.h"
#include "verk-stats.h"
#include "verk-text.h"

struct _VerkAssessPage
{
  VerkStepPage parent_instance;

  /* template widgets */
  GtkLabel          *method_label;
  VerkPuzzleView    *puzzle_view;
  GtkLabel          *progress_label;
  GtkToggleButton   *disagreements_button;
  GtkButton         *previous_button;
  GtkButton         *next_button;
  GtkStack          *panel_stack;
  GtkBox            *piece_box;
  GtkLabel          *name_label;
  GtkLabel          *description_label;
  GtkExpander       *scale_expander;
  GtkGrid           *scale_grid;
  GtkButton         *reveal_button;
  GtkListBox        *participants_list;
  GtkLabel          *no_participants_label;
  GtkLabel          *hidden_label;
  GtkBox            *spread_box;
  VerkSpreadPlot    *spread_plot;
  GtkLabel          *spread_label;
  GtkBox            *disagree_box;
  GtkLabel          *disagree_label;
  VerkScoreSelector *agreed_selector;
  GtkEntry          *rationale_entry;
  GtkLabel          *rationale_message;
  VerkScoreSelector *desired_selector;

  /* owned */
  VerkWorkshopModel *model;          /* the session's */
  VerkFieldSaver    *rationale_saver; /* its id is the piece the entry's text belongs to */
  VerkItem          *rationale_item; /* that piece as last shown, to store its rationale
                                      * when the model has moved on to another workshop */
  char              *scale_labels[5];
  char              *scale_descriptions[5];
  /* Text typed for a piece that could not be stored (too long, a control
   * character, or the store refused it), kept while the facilitator looks at
   * other pieces, by the fields' VerkFieldSavers. Kept on the page, in
   * memory, rather than on the piece: it is not valid, so it cannot be
   * stored, and it is only needed until the facilitator comes back and fixes
   * it. When they do, it goes back into its field (with its message) and out
   * of this table. */
  GHashTable        *drafts;

  GSignalGroup      *model_signals;   /* on the model */
  gint64             comment_item_id;    /* the piece the rows' comments belong to */
  int                comment_round;      /* and its round: 2 once its second round started */
  gboolean           dropped_drafts;  /* flush() dropped unsaved text */
};

G_DEFINE_FINAL_TYPE (VerkAssessPage, verk_assess_page, VERK_TYPE_STEP_PAGE)

static void update_piece (VerkAssessPage *self);

/* The session's threshold, which the application keeps to Preferences'. */
static int
disagreement_threshold (VerkAssessPage *self)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));

  return session != NULL ? verk_session_get_disagreement_threshold (session) : VERK_STATS_DEFAULT_DISAGREEMENT;
}

static const VerkItem *
lookup_item (VerkAssessPage *self,
             gint64          item_id)
{
  return self->model != NULL ? verk_workshop_model_find_item (self->model, item_id) : NULL;
}

static guint
n_participants (VerkAssessPage *self)
{
  return self->model != NULL ? g_list_model_get_n_items (verk_workshop_model_get_participant_list (self->model)) : 0;
}

/* Valid until the model next changes. */
static const VerkParticipant *
participant_at (VerkAssessPage *self,
                guint           position)
{
  g_autoptr (VerkRecord) record =
    g_list_model_get_item (verk_workshop_model_get_participant_list (self->model), position);

  return verk_record_get_participant (record);
}

static guint
n_pieces (VerkAssessPage *self)
{
  return self->model != NULL ? verk_workshop_model_get_n_pieces (self->model) : 0;
}

/* Stores what is still being typed in the participants' comments; what
 * cannot be stored is kept as a draft of the piece it was typed for, as the
 * rows are about to show another piece (or be rebuilt). */
static void
save_comments (VerkAssessPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    verk_participant_score_row_keep_comment (VERK_PARTICIPANT_SCORE_ROW (child));
}

/* A participant's score of @item_id in its second round, 0 when none. */
static int
second_round_score (VerkAssessPage *self,
                    gint64          item_id,
                    gint64          participant_id)
{
  const VerkScore *score = verk_workshop_model_find_second_round_score (self->model, item_id, participant_id);

  return score != NULL ? score->value : 0;
}

/* Records what the facilitator chose on a participant's row or typed in the
 * quick entry: in the round the rows show, the second once it was started
 * (keeping that score's comment, from the phone), else the first. */
static gboolean
store_score (VerkAssessPage  *self,
             gint64           item_id,
             gint64           participant_id,
             int              value,
             GError         **error)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  const VerkScore *round2;

  if (self->model == NULL || !verk_workshop_model_has_second_round (self->model, item_id))
    return verk_store_set_score (store, item_id, participant_id, value, error);
  round2 = verk_workshop_model_find_second_round_score (self->model, item_id, participant_id);
  return verk_store_set_second_round_score (store, item_id, participant_id, value,
                                            round2 != NULL ? round2->comment : NULL, error);
}

/* How many participants gave each score 1..5 in the second round, and
 * those scores (@values holds one per participant). Returns: how many. */
static guint
count_second_round_scores (VerkAssessPage *self,
                           gint64          item_id,
                           int            *counts,
                           int            *values)
{
  GListModel *participants = verk_workshop_model_get_participant_list (self->model);
  guint n = 0;

  memset (counts, 0, 5 * sizeof (int));
  for (guint p = 0; p < g_list_model_get_n_items (participants); p++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, p);
      int value = second_round_score (self, item_id, verk_record_get_participant (record)->id);

      if (value < 1 || value > 5)
        continue;
      values[n++] = value;
      counts[value - 1]++;
    }
  return n;
}

/* How many participants gave each score 1..5, and the item's scores
 * (@values holds as many as the model's scores). Returns: how many in @values. */
static guint
count_scores (VerkAssessPage *self,
              gint64          item_id,
              int            *counts,
              int            *values)
{
  GListModel *scores = verk_workshop_model_get_score_list (self->model);
  guint n = 0;

  memset (counts, 0, 5 * sizeof (int));
  for (guint i = 0; i < g_list_model_get_n_items (scores); i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (scores, i);
      const VerkScore *score = verk_record_get_score (record);

      if (score->item_id != item_id || score->value < 1 || score->value > 5)
        continue;
      values[n++] = score->value;
      if (score->participant_id != 0)
        counts[score->value - 1]++;
    }
  return n;
}

/* The order Previous and Next walk: the puzzle's, or, with Disagreements
 * First, the pieces whose participants disagree (widest spread first), then
 * the rest in the puzzle's order. */
static GArray *
navigation_order (VerkAssessPage *self)
{
  GArray *order;

  if (!gtk_toggle_button_get_active (self->disagreements_button) || self->model == NULL)
    order = g_array_new (FALSE, FALSE, sizeof (gint64));
  else
    order = verk_workshop_model_get_disagreements (self->model, disagreement_threshold (self));
  for (guint i = 0; i < n_pieces (self); i++)
    {
      gint64 id = verk_workshop_model_get_piece (self->model, i)->item->id;
      gboolean present = FALSE;

      for (guint k = 0; k < order->len && !present; k++)
        present = g_array_index (order, gint64, k) == id;
      if (!present)
        g_array_append_val (order, id);
    }
  return order;
}

static void
go_to (VerkAssessPage *self,
       int             delta)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  g_autoptr (GArray) order = navigation_order (self);
  gint64 selected = verk_session_get_selected_item_id (session);
  int index = -1;

  if (order->len == 0)
    return;
  for (guint i = 0; i < order->len; i++)
    if (g_array_index (order, gint64, i) == selected)
      index = i;
  if (index < 0)
    index = delta > 0 ? 0 : (int) order->len - 1;
  else
    index = CLAMP (index + delta, 0, (int) order->len - 1);
  verk_session_set_selected_item_id (session, g_array_index (order, gint64, index));
}

/* Enter or a double click on a piece: start entering the group's scores. */
static void
on_piece_activated (VerkAssessPage *self,
                    gint64          item_id)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list));

  verk_session_set_selected_item_id (session, item_id);
  gtk_widget_grab_focus (first != NULL ? first : GTK_WIDGET (self->agreed_selector));
}

static void
on_previous_clicked (VerkAssessPage *self)
{
  go_to (self, -1);
}

static void
on_next_clicked (VerkAssessPage *self)
{
  go_to (self, +1);
}

static void
on_disagreements_toggled (VerkAssessPage *self)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  g_autoptr (GArray) order = NULL;

  if (session == NULL || !gtk_toggle_button_get_active (self->disagreements_button))
    {
      update_piece (self);
      return;
    }
  /* Go straight to the widest spread: that is where the conversation is. */
  order = navigation_order (self);
  if (order->len > 0)
    verk_session_set_selected_item_id (session, g_array_index (order, gint64, 0));
  update_piece (self);
}

static void
on_reveal_clicked (VerkAssessPage *self)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  gint64 item_id = verk_session_get_selected_item_id (session);

  if (item_id > 0)
    verk_session_set_revealed (session, item_id, !verk_session_is_revealed (session, item_id));
}

static gboolean
validate_rationale (const char  *text,
                    gint64       item_id,
                    gpointer     user_data,
                    GError     **error)
{
  return verk_text_validate (text, -1, VERK_TEXT_MAX_SHORT, _("The rationale"), error);
}

/* Writes the typed rationale with the agreed score of the piece it was typed for. */
static gboolean
save_rationale (const char  *text,
                gint64       item_id,
                gpointer     user_data,
                GError     **error)
{
  VerkAssessPage *self = user_data;
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  const VerkItem *item = lookup_item (self, item_id);

  if (item == NULL && self->rationale_item != NULL && self->rationale_item->id == item_id)
    item = self->rationale_item;
  if (item == NULL || store == NULL)
    return TRUE;   /* the piece is gone, and its rationale with it */
  if (g_strcmp0 (item->rationale ? item->rationale : "", text) == 0)
    return TRUE;
  return verk_store_set_agreed (store, item->id, item->agreed, text, error);
}

static void
on_agreed_chosen (VerkAssessPage *self,
                  int             value)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  gint64 item_id = verk_session_get_selected_item_id (session);
  const VerkItem *item = lookup_item (self, item_id);
  g_autofree char *text = NULL;

  if (item == NULL)
    return;
  text = g_strdup (item->rationale);
  /* What is typed goes with the score; invalid text waits in the entry with
   * its message, and the score is kept with the stored rationale. */
  if (verk_field_saver_is_dirty (self->rationale_saver) &&
      verk_field_saver_get_id (self->rationale_saver) == item_id)
    {
      g_autofree char *typed = verk_field_saver_dup_text (self->rationale_saver);

      if (validate_rationale (typed, item_id, self, NULL))
        {
          g_free (text);
          text = g_steal_pointer (&typed);
          verk_field_saver_discard (self->rationale_saver);
        }
    }
  if (!verk_store_set_agreed (store, item_id, value, text, &error))
    verk_page_toast_error (GTK_WIDGET (self), error);
}

static void
on_desired_chosen (VerkAssessPage *self,
                   int             value)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  gint64 item_id = verk_session_get_selected_item_id (session);

  if (item_id > 0 && !verk_store_set_desired (store, item_id, value, &error))
    verk_page_toast_error (GTK_WIDGET (self), error);
}

static void
on_row_scored (VerkParticipantScoreRow *row,
               gint64                   participant_id,
               int                      value,
               gboolean                 move_on,
               VerkAssessPage          *self)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  gint64 item_id = verk_session_get_selected_item_id (session);

  if (item_id <= 0)
    return;
  if (!store_score (self, item_id, participant_id, value, &error))
    {
      verk_page_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (move_on)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (row));

      /* After the last participant, the group agrees. */
      gtk_widget_grab_focus (next != NULL ? next : GTK_WIDGET (self->agreed_selector));
    }
}

static void
on_row_comment_edited (VerkParticipantScoreRow *row,
                       gint64                   item_id,
                       int                      round,
                       gint64                   participant_id,
                       const char              *comment,
                       VerkAssessPage          *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  gboolean stored;

  /* The piece and round the text was typed for, even while the selection
   * moves on: a comment in round 2 never replaces round 1's. */
  if (item_id <= 0 || store == NULL)
    return;
  if (round == 2)
    stored = verk_store_set_second_round_comment (store, item_id, participant_id, comment, &error);
  else
    stored = verk_store_set_score_comment (store, item_id, participant_id, comment, &error);
  if (!stored)
    verk_participant_score_row_show_comment_error (row, error->message);
}

/* Tab on a row moves to its comment button, then to the next participant,
 * rather than through the 1–5 buttons; Shift+Tab walks back the same way. */
static gboolean
on_list_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     VerkAssessPage        *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *target;

  if (focus == NULL || !VERK_IS_PARTICIPANT_SCORE_ROW (focus) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  if (keyval == GDK_KEY_Tab && !(state & GDK_SHIFT_MASK))
    {
      if (verk_participant_score_row_focus_comment (VERK_PARTICIPANT_SCORE_ROW (focus), FALSE))
        return TRUE;
      target = gtk_widget_get_next_sibling (focus);
    }
  else if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK)))
    {
      target = gtk_widget_get_prev_sibling (focus);
      if (target != NULL && verk_participant_score_row_focus_comment (VERK_PARTICIPANT_SCORE_ROW (target), TRUE))
        return TRUE;
    }
  else
    return FALSE;
  if (target == NULL)
    return FALSE;
  gtk_widget_grab_focus (target);
  return TRUE;
}

static void
rebuild_scale (VerkAssessPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scale_grid))) != NULL)
    gtk_grid_remove (self->scale_grid, child);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i + 1);
      GtkWidget *n = gtk_label_new (number);
      GtkWidget *label = gtk_label_new (self->scale_labels[i] ? self->scale_labels[i] : "");
      GtkWidget *text = gtk_label_new (self->scale_descriptions[i] ? self->scale_descriptions[i] : "");

      gtk_widget_add_css_class (n, "heading");
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (n), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_grid_attach (self->scale_grid, n, 0, i, 1, 1);
      gtk_grid_attach (self->scale_grid, label, 1, i, 1, 1);
      gtk_grid_attach (self->scale_grid, text, 2, i, 1, 1);
    }
  {
    /* SIQ asks for a defined 1–5 scale; the names are ours, and we say so. */
    GtkWidget *note = gtk_label_new (_("The names of the five levels are Verkstad’s own: SIQ’s method asks for a "
                                       "defined scale from 1 to 5 and leaves the words to you."));

    gtk_label_set_xalign (GTK_LABEL (note), 0);
    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_widget_add_css_class (note, "dim-label");
    gtk_widget_set_margin_top (note, 6);
    gtk_grid_attach (self->scale_grid, note, 0, 5, 3, 1);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->scale_expander), self->scale_labels[0] != NULL);
  verk_score_selector_set_subject (self->agreed_selector, _("Agreed"));
  verk_score_selector_set_captions (self->agreed_selector, TRUE);
  verk_score_selector_set_scale (self->agreed_selector, (const char * const *) self->scale_labels,
                                 (const char * const *) self->scale_descriptions);
  verk_score_selector_set_subject (self->desired_selector, _("Desired level"));
  verk_score_selector_set_scale (self->desired_selector, (const char * const *) self->scale_labels,
                                 (const char * const *) self->scale_descriptions);
}

static gboolean
same_participants (VerkAssessPage *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list));

  for (guint i = 0; i < n_participants (self); i++, child = gtk_widget_get_next_sibling (child))
    {
      const VerkParticipant *p = participant_at (self, i);

      if (child == NULL || verk_participant_score_row_get_participant_id (VERK_PARTICIPANT_SCORE_ROW (child)) != p->id)
        return FALSE;
    }
  return child == NULL;
}

/* Keeps the rows (and so the focus) when only names changed. */
static void
sync_participant_rows (VerkAssessPage *self)
{
  gboolean same = same_participants (self);
  GtkWidget *child;

  if (!same)
    {
      save_comments (self);
      verk_page_list_box_clear (self->participants_list);
      self->comment_item_id = 0;   /* new rows: fill their comments */
    }
  child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list));
  for (guint i = 0; i < n_participants (self); i++)
    {
      const VerkParticipant *p = participant_at (self, i);
      g_autofree char *title = verk_page_participant_title (p, i + 1);

      if (same)
        {
          verk_participant_score_row_set_title (VERK_PARTICIPANT_SCORE_ROW (child), title);
          child = gtk_widget_get_next_sibling (child);
          continue;
        }
      child = verk_participant_score_row_new (p->id, title);
      verk_participant_score_row_set_drafts (VERK_PARTICIPANT_SCORE_ROW (child), self->drafts);
      g_signal_connect_object (child, "scored", G_CALLBACK (on_row_scored), self, 0);
      g_signal_connect_object (child, "comment-edited", G_CALLBACK (on_row_comment_edited), self, 0);
      gtk_list_box_append (self->participants_list, child);
      child = NULL;
    }
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    verk_participant_score_row_set_scale (VERK_PARTICIPANT_SCORE_ROW (child),
                                          (const char * const *) self->scale_labels,
                                          (const char * const *) self->scale_descriptions);
  gtk_widget_set_visible (GTK_WIDGET (self->participants_list), n_participants (self) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_participants_label), n_participants (self) == 0);
}

static void
update_progress (VerkAssessPage *self)
{
  g_autofree char *text = NULL;
  guint scored = 0, total = n_pieces (self);

  for (guint i = 0; i < total; i++)
    if (verk_workshop_model_get_piece (self->model, i)->item->agreed > 0)
      scored++;
  /* Translators: progress of the assessment: how many of the pieces have
   * the group's agreed score, "9 of 13 agreed" (not the participants'
   * scores, which the rows show) */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u agreed", "%u of %u agreed", total),
                          scored, total);
  gtk_label_set_label (self->progress_label, text);
}

/* How many have scored @item_id in its second private round (from phones). */
static guint
n_second_round_scored (VerkAssessPage *self,
                       gint64          item_id)
{
  GListModel *participants = verk_workshop_model_get_participant_list (self->model);
  guint scored = 0;

  for (guint p = 0; p < g_list_model_get_n_items (participants); p++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, p);
      const VerkScore *score = verk_workshop_model_find_second_round_score (self->model, item_id,
                                                                           verk_record_get_participant (record)->id);

      scored += score != NULL && score->value > 0;
    }
  return scored;
}

static void
update_stats (VerkAssessPage *self,
              const VerkItem *item,
              gboolean        visible)
{
  g_autofree char *hidden = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *median = NULL;
  const VerkItemStats *item_stats = verk_workshop_model_get_item_stats (self->model, item->id);
  VerkItemStats stats = item_stats != NULL ? *item_stats : (VerkItemStats) { .item_id = item->id };
  guint n = n_participants (self);
  g_autofree int *values = g_new0 (int, MAX (g_list_model_get_n_items (verk_workshop_model_get_score_list (self->model)),
                                             n) + 1);
  gboolean second = verk_workshop_model_has_second_round (self->model, item->id);
  guint n_values = 0;
  double agreement;
  int counts[5];
  gtk_widget_set_visible (GTK_WIDGET (self->hidden_label), !visible && n > 0);
  /* Revealed, a second round shows its own scores, as the room sees them,
   * with round 1's range beside them. */
  if (visible && second)
    {
      n_values = count_second_round_scores (self, item->id, counts, values);
      verk_stats_compute (values, n_values, &stats);
      stats.item_id = item->id;
    }
  /* In a second private round the count is that round's, as the room sees it. */
  if (!visible && second)
    {
      /* Translators: shown while a second round's scores are hidden, "Round 2: 2 of 3 have scored" */
      hidden = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Round 2: %u of %u has scored. The scores stay hidden until you reveal them.",
                                             "Round 2: %u of %u have scored. The scores stay hidden until you reveal them.",
                                             n),
                                n_second_round_scored (self, item->id), n);
      gtk_label_set_label (self->hidden_label, hidden);
    }
  else if (!visible)
    {
      /* Translators: shown while scores are hidden, "2 of 3 have scored" */
      hidden = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%d of %u has scored. The scores stay hidden until you reveal them.",
                                             "%d of %u have scored. The scores stay hidden until you reveal them.",
                                             n),
                                (int) stats.count, n);
      gtk_label_set_label (self->hidden_label, hidden);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spread_box), visible && stats.count > 0);
  if (!visible || stats.count == 0)
    return;

  if (!second)
    n_values = count_scores (self, item->id, counts, values);
  agreement = verk_stats_agreement (values, n_values);
  verk_spread_plot_set_counts (self->spread_plot, counts);
  mean = verk_format_decimal (stats.mean, 1);
  median = verk_format_decimal (stats.median, -1);
  /* Translators: spread of the scores: "Spread 2 (from 2 to 4) · mean 3.0 · median 3";
   * the numbers come with the language's decimal mark ("medel 2,8"). */
  summary = g_strdup_printf (_("Spread %d (from %d to %d) · mean %s · median %s"),
                             stats.spread, stats.min, stats.max, mean, median);
  /* Low agreement (r_wg): a mean would speak for a view nobody holds. */
  if (!verk_stats_is_shared_view (agreement))
    {
      g_autofree char *shown = verk_format_decimal (agreement, 2);

      g_free (summary);
      /* Translators: r_wg is the within-group agreement index, 0 (none) to 1 (full) */
      summary = g_strdup_printf (_("Spread %d (from %d to %d) · no shared view (agreement r_wg %s)"),
                                 stats.spread, stats.min, stats.max, shown);
    }
  if (second)
    {
      /* Translators: before the revealed second round's spread: "Round 2 · Spread 1 (from 3 to 4) · …" */
      g_autofree char *round2 = g_strdup_printf (_("Round 2 · %s"), summary);

      g_free (summary);
      summary = item_stats != NULL && item_stats->count > 0
                ? g_strdup_printf (_("%s\nRound 1: spread %d to %d"), round2, item_stats->min, item_stats->max)
                : g_steal_pointer (&round2);
    }
  gtk_label_set_label (self->spread_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->disagree_box), stats.spread >= disagreement_threshold (self));
  if (stats.spread >= disagreement_threshold (self))
    {
      g_autofree char *callout =
        g_strdup_printf (_("The group disagrees: scores range from %d to %d. Let those furthest apart explain "
                           "their view before you agree on a score."), stats.min, stats.max);
      gtk_label_set_label (self->disagree_label, callout);
    }
}

static void
update_piece (VerkAssessPage *self)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  gint64 item_id = session ? verk_session_get_selected_item_id (session) : 0;
  const VerkItem *item;
  gboolean visible, revealed;
  gboolean second = self->model != NULL && item_id > 0 && verk_workshop_model_has_second_round (self->model, item_id);
  GtkWidget *child;
  g_autoptr (GArray) order = NULL;

  /* Another piece, or its second round started: what is still typed belongs
   * to the one before. Store it (or keep it as that one's draft) before
   * looking anything up, as storing changes the model. */
  if (self->comment_item_id != item_id || self->comment_round != (second ? 2 : 1))
    save_comments (self);
  if (verk_field_saver_get_id (self->rationale_saver) != item_id)
    verk_field_saver_keep (self->rationale_saver);
  item = lookup_item (self, item_id);

  update_progress (self);
  order = navigation_order (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button),
                            order->len > 0 && (item == NULL || g_array_index (order, gint64, 0) != item_id));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            order->len > 0 && (item == NULL || g_array_index (order, gint64, order->len - 1) != item_id));

  if (item == NULL)
    {
      self->comment_item_id = 0;
      gtk_stack_set_visible_child_name (self->panel_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->panel_stack, "piece");
  gtk_label_set_label (self->name_label, item->name);
  /* Screen readers (and the UI tests) learn which piece the panel is about. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->piece_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->name, -1);
  gtk_label_set_label (self->description_label, item->description ? item->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          item->description != NULL && item->description[0] != '\0');

  visible = verk_session_scores_visible (session, item_id);
  revealed = verk_session_is_revealed (session, item_id);
  /* The reveal also closes the round on the phones and lets a second round
   * start, so that without "hide until reveal" (the scores already show)
   * it is offered until it is done; there is nothing to hide after it. */
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button),
                          n_participants (self) > 0 && (verk_session_get_hide_until_reveal (session) || !revealed));
  /* No mnemonic: GTK 4.8 names a relabelled mnemonic button "_Label Label". */
  gtk_button_set_label (self->reveal_button, revealed ? _("Hide Scores") : _("Reveal Scores"));

  /* Back on a piece with a comment that could not be stored, each row shows
   * it again, open, with its message (verk_participant_score_row_set_comment()). */
  self->comment_item_id = item_id;
  self->comment_round = second ? 2 : 1;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VerkParticipantScoreRow *row = VERK_PARTICIPANT_SCORE_ROW (child);
      gint64 pid = verk_participant_score_row_get_participant_id (row);
      int first = verk_workshop_model_get_score (self->model, item_id, pid);
      const char *first_comment = verk_workshop_model_get_comment (self->model, item_id, pid);
      const VerkScore *round2 = second ? verk_workshop_model_find_second_round_score (self->model, item_id, pid)
                                       : NULL;

      /* In a second round the rows show (and edit) that round's scores and
       * comments, hidden until its own reveal; then round 1's are the
       * earlier ones. */
      verk_participant_score_row_set_earlier_value (row, second ? first : -1, second ? first_comment : NULL);
      verk_participant_score_row_set_value (row, second ? second_round_score (self, item_id, pid) : first, !visible);
      verk_participant_score_row_set_comment (row, item_id, second ? 2 : 1,
                                              second ? (round2 != NULL ? round2->comment : NULL) : first_comment);
    }
  update_stats (self, item, visible);

  verk_score_selector_set_value (self->agreed_selector, item->agreed);
  verk_score_selector_set_value (self->desired_selector, item->desired);

  /* Never overwrites what the facilitator is typing; back on a piece whose
   * rationale could not be stored, shows that text again with its message. */
  if (self->rationale_item == NULL || self->rationale_item->id != item->id ||
      g_strcmp0 (self->rationale_item->rationale, item->rationale) != 0 || self->rationale_item->agreed != item->agreed)
    {
      g_clear_pointer (&self->rationale_item, verk_item_free);
      self->rationale_item = verk_item_copy (item);
    }
  verk_field_saver_show (self->rationale_saver, item_id, item->rationale, TRUE);
}

/* The whole workshop afresh: the scale, the rows, the piece. */
static void
reload (VerkAssessPage *self)
{
  verk_page_scale_clear (self->scale_labels, self->scale_descriptions);
  if (verk_step_page_get_workshop_id (VERK_STEP_PAGE (self)) != 0)
    verk_page_load_scale (verk_step_page_get_model (VERK_STEP_PAGE (self)), self->scale_labels,
                          self->scale_descriptions);
  rebuild_scale (self);
  sync_participant_rows (self);
  update_piece (self);
}

static void
on_model_changed (VerkWorkshopModel *model,
                  int                kind,
                  VerkAssessPage    *self)
{
  switch (kind)
    {
    case VERK_CHANGE_GROUPS:
    case VERK_CHANGE_WORKSHOP:
      /* Loaded for another workshop: the session tells the page next
       * (workshop_changed), after the page saved what was typed. */
      if (verk_workshop_model_get_workshop_id (model) != verk_step_page_get_workshop_id (VERK_STEP_PAGE (self)))
        return;
      reload (self);
      return;
    case VERK_CHANGE_ITEMS:
      verk_page_scale_clear (self->scale_labels, self->scale_descriptions);
      verk_page_load_scale (model, self->scale_labels, self->scale_descriptions);
      rebuild_scale (self);
      sync_participant_rows (self);
      break;
    case VERK_CHANGE_SCORES:
      break;
    case VERK_CHANGE_PARTICIPANTS:
      sync_participant_rows (self);
      break;
    default:
      return;
    }
  update_piece (self);
}

static void
on_selection_changed (VerkAssessPage *self)
{
  update_piece (self);
}

static void
on_reveal_changed (VerkSession    *session,
                   gint64          item_id,
                   VerkAssessPage *self)
{
  update_piece (self);
}

/* What is typed in the rationale and comment fields is saved before the
 * workshop or session changes under it. Text that cannot be stored, and the
 * drafts kept for other pieces, belong to this workshop and go with it: the
 * facilitator has moved on to another meeting, and they are told. */
static void
verk_assess_page_flush (VerkStepPage *page)
{
  VerkAssessPage *self = VERK_ASSESS_PAGE (page);

  verk_field_saver_keep (self->rationale_saver);
  save_comments (self);
  self->dropped_drafts = g_hash_table_size (self->drafts) > 0;
  g_hash_table_remove_all (self->drafts);
  /* What is left in the fields is the draft just dropped. */
  verk_field_saver_discard (self->rationale_saver);
  verk_field_saver_show (self->rationale_saver, 0, NULL, FALSE);
  self->comment_item_id = 0;
  verk_page_list_box_clear (self->participants_list);
}

static void
verk_assess_page_workshop_changed (VerkStepPage *page)
{
  VerkAssessPage *self = VERK_ASSESS_PAGE (page);

  g_hash_table_remove_all (self->drafts);
  reload (self);
  /* Not when the page loses its session (the window closes). */
  if (self->dropped_drafts && verk_step_page_get_workshop_id (page) != 0 &&
      gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    verk_page_toast (GTK_WIDGET (self), _("Text that could not be saved (too long, or with an invisible "
                                          "character) was dropped when the workshop changed."));
  self->dropped_drafts = FALSE;
}

static void
verk_assess_page_session_set (VerkStepPage *page,
                              VerkSession  *session)
{
  VerkAssessPage *self = VERK_ASSESS_PAGE (page);

  verk_puzzle_view_set_session (self->puzzle_view, session);
  g_set_object (&self->model, session != NULL ? (gpointer) verk_session_get_model (session) : NULL);
  g_signal_group_set_target (self->model_signals, self->model);
  if (session == NULL)
    return;
  g_signal_connect_object (session, "notify::selected-item-id", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::hide-until-reveal", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  /* A change in Preferences reaches an open page (the callout and
   * Disagreements First). */
  g_signal_connect_object (session, "notify::disagreement-threshold", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "reveal-changed", G_CALLBACK (on_reveal_changed), self, 0);
}

static void
verk_assess_page_dispose (GObject *object)
{
  VerkAssessPage *self = VERK_ASSESS_PAGE (object);

  verk_step_page_set_session (VERK_STEP_PAGE (self), NULL);
  g_clear_object (&self->rationale_saver);
  g_clear_object (&self->model_signals);
  g_clear_pointer (&self->rationale_item, verk_item_free);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  verk_page_scale_clear (self->scale_labels, self->scale_descriptions);

  /* The bin's child may be a bound template child: release it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_ASSESS_PAGE);

  G_OBJECT_CLASS (verk_assess_page_parent_class)->dispose (object);
}

static void
verk_assess_page_class_init (VerkAssessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VerkStepPageClass *page_class = VERK_STEP_PAGE_CLASS (klass);

  object_class->dispose = verk_assess_page_dispose;
  page_class->flush = verk_assess_page_flush;
  page_class->session_set = verk_assess_page_session_set;
  page_class->workshop_changed = verk_assess_page_workshop_changed;

  g_type_ensure (VERK_TYPE_SCORE_SELECTOR);
  g_type_ensure (VERK_TYPE_SPREAD_PLOT);
  g_type_ensure (VERK_TYPE_PUZZLE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-assess-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, method_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, puzzle_view);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, disagreements_button);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, piece_box);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, scale_expander);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, scale_grid);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, participants_list);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, no_participants_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, hidden_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, spread_box);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, spread_plot);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, spread_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, disagree_box);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, disagree_label);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, agreed_selector);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, rationale_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, rationale_message);
  gtk_widget_class_bind_template_child (widget_class, VerkAssessPage, desired_selector);
  gtk_widget_class_bind_template_callback (widget_class, on_piece_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_disagreements_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_agreed_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_desired_chosen);
}

/* ---- Quick entry: a whole piece's scores typed in one line -------------- */

static void
on_quick_scores_entered (VerkQuickScoreEntry *entry,
                         GArray              *values,
                         VerkAssessPage      *self)
{
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  gint64 item_id = session != NULL ? verk_session_get_selected_item_id (session) : 0;

  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (item_id <= 0 || !verk_quick_score_entry_check_count (entry, values->len, n_participants (self)))
    return;
  /* Each score changes the model: take the participants first. */
  for (guint i = 0; i < values->len; i++)
    g_array_append_val (ids, participant_at (self, i)->id);
  for (guint i = 0; i < values->len; i++)
    {
      g_autoptr (GError) error = NULL;
      int value = g_array_index (values, int, i);

      if (value > 0 && !store_score (self, item_id, g_array_index (ids, gint64, i), value, &error))
        {
          verk_page_toast_error (GTK_WIDGET (self), error);
          return;
        }
    }
}

/* Above the participants' rows, and shown with them. */
static void
add_quick_entry (VerkAssessPage *self)
{
  GtkWidget *list = GTK_WIDGET (self->participants_list);
  GtkWidget *entry = verk_quick_score_entry_new ();

  g_return_if_fail (GTK_IS_BOX (gtk_widget_get_parent (list)));
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (list)), entry, gtk_widget_get_prev_sibling (list));
  g_object_bind_property (list, "visible", entry, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (entry, "entered", G_CALLBACK (on_quick_scores_entered), self, 0);
}

static void
verk_assess_page_init (VerkAssessPage *self)
{
  g_autofree char *intro = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* SIQ's own step opens the page, in the content pack's words. */
  intro = verk_content_method_intro (VERK_METHOD_SCORE, VERK_METHOD_SCORE);
  gtk_label_set_label (self->method_label, intro);

  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->model_signals = g_signal_group_new (VERK_TYPE_WORKSHOP_MODEL);
  g_signal_group_connect (self->model_signals, "changed", G_CALLBACK (on_model_changed), self);
  self->rationale_saver = verk_field_saver_new (GTK_WIDGET (self->rationale_entry), validate_rationale,
                                                save_rationale, self);
  verk_field_saver_set_message_label (self->rationale_saver, self->rationale_message, NULL);
  verk_field_saver_set_drafts (self->rationale_saver, self->drafts, "rationale");

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->participants_list), keys);

  add_quick_entry (self);

  update_piece (self);
}

/** verk_assess_page_new: Returns: (transfer floating): a page with no session. */
GtkWidget *
verk_assess_page_new (void)
{
  return g_object_new (VERK_TYPE_ASSESS_PAGE, NULL);
}
