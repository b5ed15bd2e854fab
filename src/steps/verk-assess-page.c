/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-assess-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-application.h"
#include "verk-assess-page.h"
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
  GPtrArray         *items;          /* VerkItem, the "siq" pieces */
  GPtrArray         *participants;   /* VerkParticipant */
  GPtrArray         *scores;         /* VerkScore */
  char              *scale_labels[5];
  char              *scale_descriptions[5];
  /* Text typed for a piece that could not be stored (too long, a control
   * character, or the store refused it), kept while the facilitator looks at
   * other pieces, keyed by draft_key(). Kept on the page, in memory, rather
   * than on the piece: it is not valid, so it cannot be stored, and it is
   * only needed until the facilitator comes back and fixes it. When they do,
   * it goes back into its field (with its message) and out of this table. */
  GHashTable        *drafts;

  gint64             rationale_item_id;  /* the piece the entry's text belongs to */
  gint64             comment_item_id;    /* the piece the rows' comments belong to */
  guint              rationale_timeout;
  gboolean           rationale_dirty;
  gboolean           syncing;
  gboolean           dropped_drafts;  /* flush() dropped unsaved text */
  int                threshold;
};

G_DEFINE_FINAL_TYPE (VerkAssessPage, verk_assess_page, VERK_TYPE_STEP_PAGE)

static void update_piece (VerkAssessPage *self);

/* The key of a draft in self->drafts: the piece and the participant whose
 * comment it is, or participant 0 for the rationale of the agreed score. */
static char *
draft_key (gint64 item_id,
           gint64 participant_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, item_id, participant_id);
}

static VerkItem *
find_item (VerkAssessPage *self,
           gint64          item_id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (self->items, i);
      if (item->id == item_id)
        return item;
    }
  return NULL;
}

static int
score_of (VerkAssessPage *self,
          gint64          item_id,
          gint64          participant_id)
{
  for (guint i = 0; self->scores != NULL && i < self->scores->len; i++)
    {
      VerkScore *score = g_ptr_array_index (self->scores, i);
      if (score->item_id == item_id && score->participant_id == participant_id)
        return score->value;
    }
  return 0;
}

static const char *
comment_of (VerkAssessPage *self,
            gint64          item_id,
            gint64          participant_id)
{
  for (guint i = 0; self->scores != NULL && i < self->scores->len; i++)
    {
      VerkScore *score = g_ptr_array_index (self->scores, i);
      if (score->item_id == item_id && score->participant_id == participant_id)
        return score->comment;
    }
  return NULL;
}

/* Stores what is still being typed in the participants' comments; what
 * cannot be stored is kept as a draft of the piece it was typed for, as the
 * rows are about to show another piece (or be rebuilt). Saving can refresh
 * the page (the store's "changed"), so the piece is read again per row and a
 * draft kept only for the piece the row still shows. */
static void
save_comments (VerkAssessPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VerkParticipantScoreRow *row = VERK_PARTICIPANT_SCORE_ROW (child);
      gint64 item_id = self->comment_item_id;
      g_autofree char *key = draft_key (item_id, verk_participant_score_row_get_participant_id (row));
      char *unsaved;

      if (verk_participant_score_row_save_comment (row))
        g_hash_table_remove (self->drafts, key);
      else if (item_id > 0 && self->comment_item_id == item_id &&
               (unsaved = verk_participant_score_row_dup_unsaved_comment (row)) != NULL)
        g_hash_table_replace (self->drafts, g_steal_pointer (&key), unsaved);
    }
}

/* How many participants gave each score 1..5. */
static void
count_scores (VerkAssessPage *self,
              gint64          item_id,
              int            *counts)
{
  memset (counts, 0, 5 * sizeof (int));
  for (guint i = 0; i < self->scores->len; i++)
    {
      VerkScore *score = g_ptr_array_index (self->scores, i);

      if (score->item_id == item_id && score->participant_id != 0 && score->value >= 1 && score->value <= 5)
        counts[score->value - 1]++;
    }
}

/* The order Previous and Next walk: the puzzle's, or, with Disagreements
 * First, the pieces whose participants disagree (widest spread first), then
 * the rest in the puzzle's order. */
static GArray *
navigation_order (VerkAssessPage *self)
{
  GArray *order;

  if (!gtk_toggle_button_get_active (self->disagreements_button))
    order = g_array_new (FALSE, FALSE, sizeof (gint64));
  else
    order = verk_stats_disagreements (self->items, self->scores, self->threshold);
  for (guint i = 0; i < self->items->len; i++)
    {
      gint64 id = ((VerkItem *) g_ptr_array_index (self->items, i))->id;
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

static void
show_rationale_message (VerkAssessPage *self,
                        const char     *message)
{
  gtk_label_set_label (self->rationale_message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->rationale_message), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->rationale_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rationale_entry), "error");
}

/* Writes the typed rationale with the agreed score. Invalid or premature text
 * stays in the entry, with a message, until it can be saved. */
static void
save_rationale (VerkAssessPage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rationale_entry)));
  VerkItem *item;

  g_clear_handle_id (&self->rationale_timeout, g_source_remove);
  if (!self->rationale_dirty || store == NULL)
    return;

  item = find_item (self, self->rationale_item_id);
  if (item == NULL)
    {
      self->rationale_dirty = FALSE;
      return;
    }
  if (!verk_text_validate (text, -1, VERK_TEXT_MAX_SHORT, _("The rationale"), &error))
    {
      show_rationale_message (self, error->message);
      return;
    }
  show_rationale_message (self, NULL);
  self->rationale_dirty = FALSE;
  if (g_strcmp0 (item->rationale ? item->rationale : "", text) != 0 &&
      !verk_store_set_agreed (store, item->id, item->agreed, text, &error))
    {
      self->rationale_dirty = TRUE;
      show_rationale_message (self, error->message);
    }
}

/* Before the entry shows another piece: stores the rationale typed for the
 * one before, or keeps it as that piece's draft when it cannot be stored. */
static void
keep_rationale (VerkAssessPage *self)
{
  gint64 item_id = self->rationale_item_id;
  g_autofree char *key = draft_key (item_id, 0);

  save_rationale (self);
  if (self->rationale_dirty && item_id > 0 && self->rationale_item_id == item_id)
    g_hash_table_replace (self->drafts, g_steal_pointer (&key),
                          g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rationale_entry))));
  else
    g_hash_table_remove (self->drafts, key);
}

static gboolean
rationale_timeout_cb (gpointer data)
{
  VerkAssessPage *self = data;

  self->rationale_timeout = 0;
  save_rationale (self);
  return G_SOURCE_REMOVE;
}

static void
on_rationale_changed (VerkAssessPage *self)
{
  if (self->syncing)
    return;
  self->rationale_dirty = TRUE;
  g_clear_handle_id (&self->rationale_timeout, g_source_remove);
  self->rationale_timeout = g_timeout_add (400, rationale_timeout_cb, self);
}

static void
on_rationale_activate (VerkAssessPage *self)
{
  save_rationale (self);
}

static void
on_agreed_chosen (VerkAssessPage *self,
                  int             value)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  gint64 item_id = verk_session_get_selected_item_id (session);
  VerkItem *item = find_item (self, item_id);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rationale_entry)));

  if (item == NULL)
    return;
  if (!verk_text_validate (text, -1, VERK_TEXT_MAX_SHORT, _("The rationale"), &error))
    {
      /* Keep the score; the text waits in the entry with its message. */
      g_clear_error (&error);
      g_free (text);
      text = g_strdup (item->rationale);
    }
  else
    self->rationale_dirty = FALSE;
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
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;
  gint64 item_id = verk_session_get_selected_item_id (session);

  if (item_id <= 0)
    return;
  if (!verk_store_set_score (store, item_id, participant_id, value, &error))
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
                       gint64                   participant_id,
                       const char              *comment,
                       VerkAssessPage          *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;

  /* The piece the text was typed for, even while the selection moves on. */
  if (self->comment_item_id <= 0)
    return;
  if (!verk_store_set_score_comment (store, self->comment_item_id, participant_id, comment, &error))
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

  for (guint i = 0; i < self->participants->len; i++, child = gtk_widget_get_next_sibling (child))
    {
      VerkParticipant *p = g_ptr_array_index (self->participants, i);

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
  for (guint i = 0; i < self->participants->len; i++)
    {
      VerkParticipant *p = g_ptr_array_index (self->participants, i);
      g_autofree char *title = verk_page_participant_title (p, i + 1);

      if (same)
        {
          verk_participant_score_row_set_title (VERK_PARTICIPANT_SCORE_ROW (child), title);
          child = gtk_widget_get_next_sibling (child);
          continue;
        }
      child = verk_participant_score_row_new (p->id, title);
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
  gtk_widget_set_visible (GTK_WIDGET (self->participants_list), self->participants->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_participants_label), self->participants->len == 0);
}

static void
update_progress (VerkAssessPage *self)
{
  g_autofree char *text = NULL;
  guint scored = 0, total = self->items ? self->items->len : 0;

  for (guint i = 0; i < total; i++)
    if (((VerkItem *) g_ptr_array_index (self->items, i))->agreed > 0)
      scored++;
  /* Translators: progress of the assessment, "9 of 13 scored" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u scored", "%u of %u scored", total),
                          scored, total);
  gtk_label_set_label (self->progress_label, text);
}

static void
update_stats (VerkAssessPage *self,
              VerkItem       *item,
              gboolean        visible)
{
  g_autofree char *hidden = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *median = NULL;
  VerkItemStats stats = verk_stats_for_item (item->id, self->scores);
  guint n = self->participants->len;
  int counts[5];
  gtk_widget_set_visible (GTK_WIDGET (self->hidden_label), !visible && n > 0);
  if (!visible)
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

  count_scores (self, item->id, counts);
  verk_spread_plot_set_counts (self->spread_plot, counts);
  mean = verk_format_decimal (stats.mean, 1);
  median = verk_format_decimal (stats.median, -1);
  /* Translators: spread of the scores: "Spread 2 (from 2 to 4) · mean 3.0 · median 3";
   * the numbers come with the language's decimal mark ("medel 2,8"). */
  summary = g_strdup_printf (_("Spread %d (from %d to %d) · mean %s · median %s"),
                             stats.spread, stats.min, stats.max, mean, median);
  /* Low agreement (r_wg): a mean would speak for a view nobody holds. */
  if (!verk_stats_is_shared_view (verk_stats_agreement_for_item (item->id, self->scores)))
    {
      g_autofree char *agreement = verk_format_decimal (verk_stats_agreement_for_item (item->id, self->scores), 2);

      g_free (summary);
      /* Translators: r_wg is the within-group agreement index, 0 (none) to 1 (full) */
      summary = g_strdup_printf (_("Spread %d (from %d to %d) · no shared view (agreement r_wg %s)"),
                                 stats.spread, stats.min, stats.max, agreement);
    }
  gtk_label_set_label (self->spread_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->disagree_box), stats.spread >= self->threshold);
  if (stats.spread >= self->threshold)
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
  VerkItem *item;
  gboolean visible, focused, replace;
  GtkWidget *child, *focus;
  GtkRoot *root;
  g_autoptr (GArray) order = NULL;

  /* Another piece: what is still typed belongs to the one before. Store it
   * before looking anything up, as storing reloads the items and scores. */
  if (self->comment_item_id != item_id)
    save_comments (self);
  if (self->rationale_item_id != item_id && self->rationale_dirty)
    keep_rationale (self);
  item = find_item (self, item_id);

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
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button),
                          verk_session_get_hide_until_reveal (session) && self->participants->len > 0);
  /* No mnemonic: GTK 4.8 names a relabelled mnemonic button "_Label Label". */
  gtk_button_set_label (self->reveal_button, visible ? _("Hide Scores") : _("Reveal Scores"));

  replace = self->comment_item_id != item_id;
  self->comment_item_id = item_id;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VerkParticipantScoreRow *row = VERK_PARTICIPANT_SCORE_ROW (child);
      gint64 pid = verk_participant_score_row_get_participant_id (row);

      int value = score_of (self, item_id, pid);

      verk_participant_score_row_set_value (row, value, !visible);
      verk_participant_score_row_set_comment (row, comment_of (self, item_id, pid), replace);
      /* Back on a piece with a comment that could not be stored: show it
       * again, open, with its message. A comment needs a score; without one
       * (cleared meanwhile) the draft waits until there is one again. */
      if (replace && value > 0)
        {
          g_autofree char *key = draft_key (item_id, pid);
          char *draft = NULL;

          if (g_hash_table_steal_extended (self->drafts, key, NULL, (gpointer *) &draft))
            {
              verk_participant_score_row_set_comment_draft (row, draft);
              g_free (draft);
            }
        }
    }
  update_stats (self, item, visible);

  verk_score_selector_set_value (self->agreed_selector, item->agreed);
  verk_score_selector_set_value (self->desired_selector, item->desired);

  /* Never overwrite what the facilitator is typing. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  focused = focus != NULL && (focus == GTK_WIDGET (self->rationale_entry) ||
                              gtk_widget_is_ancestor (focus, GTK_WIDGET (self->rationale_entry)));
  if (self->rationale_item_id != item_id || (!focused && !self->rationale_dirty))
    {
      g_autofree char *key = draft_key (item_id, 0);
      g_autofree char *draft = NULL;

      /* Back on a piece whose rationale could not be stored: show that text
       * again, with its message, rather than the stored one. */
      if (self->rationale_item_id != item_id)
        g_hash_table_steal_extended (self->drafts, key, NULL, (gpointer *) &draft);
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->rationale_entry),
                             draft != NULL ? draft : item->rationale ? item->rationale : "");
      self->syncing = FALSE;
      self->rationale_item_id = item_id;
      self->rationale_dirty = draft != NULL;
      show_rationale_message (self, NULL);
      if (draft != NULL)
        {
          g_autoptr (GError) error = NULL;

          if (!verk_text_validate (draft, -1, VERK_TEXT_MAX_SHORT, _("The rationale"), &error))
            show_rationale_message (self, error->message);
        }
    }

}

static void
load_items (VerkAssessPage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = verk_store_list_items (store, workshop_id, "siq", &error);
  if (self->items == NULL)
    {
      verk_page_toast_error (GTK_WIDGET (self), error);
      self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
    }
}

static void
load_scores (VerkAssessPage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->scores, g_ptr_array_unref);
  self->scores = verk_store_list_scores (store, workshop_id, &error);
  if (self->scores == NULL)
    {
      verk_page_toast_error (GTK_WIDGET (self), error);
      self->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
    }
}

static void
load_participants (VerkAssessPage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->participants, g_ptr_array_unref);
  self->participants = verk_store_list_participants (store, workshop_id, &error);
  if (self->participants == NULL)
    {
      verk_page_toast_error (GTK_WIDGET (self), error);
      self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_participant_free);
    }
}

static void
reload (VerkAssessPage *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));

  if (store == NULL || workshop_id == 0)
    {
      g_clear_pointer (&self->items, g_ptr_array_unref);
      g_clear_pointer (&self->scores, g_ptr_array_unref);
      g_clear_pointer (&self->participants, g_ptr_array_unref);
      self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
      self->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
      self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_participant_free);
    }
  else
    {
      load_items (self);
      load_scores (self);
      load_participants (self);
    }
  verk_page_scale_clear (self->scale_labels, self->scale_descriptions);
  if (store != NULL && workshop_id != 0)
    verk_page_load_scale (store, workshop_id, self->scale_labels, self->scale_descriptions);
  rebuild_scale (self);
  sync_participant_rows (self);
  update_piece (self);
}

static void
verk_assess_page_store_changed (VerkStepPage *page,
                                VerkChange    kind,
                                gint64        changed_workshop_id)
{
  VerkAssessPage *self = VERK_ASSESS_PAGE (page);
  VerkStore *store = verk_step_page_get_store (page);
  gint64 workshop_id = verk_step_page_get_workshop_id (page);

  if (changed_workshop_id != workshop_id)
    return;

  switch (kind)
    {
    case VERK_CHANGE_ITEMS:
      load_items (self);
      verk_page_scale_clear (self->scale_labels, self->scale_descriptions);
      verk_page_load_scale (store, workshop_id, self->scale_labels, self->scale_descriptions);
      rebuild_scale (self);
      sync_participant_rows (self);
      break;
    case VERK_CHANGE_SCORES:
      load_items (self);   /* the agreed score, rationale and desired level live there */
      load_scores (self);
      break;
    case VERK_CHANGE_PARTICIPANTS:
      load_participants (self);
      load_scores (self);
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

  keep_rationale (self);
  save_comments (self);
  self->dropped_drafts = g_hash_table_size (self->drafts) > 0;
  g_hash_table_remove_all (self->drafts);
}

static void
verk_assess_page_workshop_changed (VerkStepPage *page)
{
  VerkAssessPage *self = VERK_ASSESS_PAGE (page);

  self->comment_item_id = 0;
  self->rationale_item_id = 0;
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
  if (session == NULL)
    return;
  g_signal_connect_object (session, "notify::selected-item-id", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::hide-until-reveal", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "reveal-changed", G_CALLBACK (on_reveal_changed), self, 0);
}

static void
verk_assess_page_dispose (GObject *object)
{
  VerkAssessPage *self = VERK_ASSESS_PAGE (object);

  verk_step_page_set_session (VERK_STEP_PAGE (self), NULL);
  g_clear_handle_id (&self->rationale_timeout, g_source_remove);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->scores, g_ptr_array_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
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
  page_class->store_changed = verk_assess_page_store_changed;

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
  gtk_widget_class_bind_template_callback (widget_class, on_rationale_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_rationale_activate);
}

static void
on_rationale_focus_leave (VerkAssessPage *self)
{
  save_rationale (self);
}

/* ---- Quick entry: a whole piece's scores typed in one line -------------- */

static void
on_quick_scores_entered (VerkQuickScoreEntry *entry,
                         GArray              *values,
                         VerkAssessPage      *self)
{
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (self));
  VerkSession *session = verk_step_page_get_session (VERK_STEP_PAGE (self));
  gint64 item_id = session != NULL ? verk_session_get_selected_item_id (session) : 0;

  if (item_id <= 0 || !verk_quick_score_entry_check_count (entry, values->len, self->participants->len))
    return;
  for (guint i = 0; i < values->len; i++)
    {
      const VerkParticipant *participant = g_ptr_array_index (self->participants, i);
      g_autoptr (GError) error = NULL;
      int value = g_array_index (values, int, i);

      if (value > 0 && !verk_store_set_score (store, item_id, participant->id, value, &error))
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

/* The disagreement threshold, kept live: a change in Preferences reaches an
 * Assess page that is already open (the callout and Disagreements First). */
static void
on_threshold_changed (VerkAssessPage *self,
                      const char     *key,
                      GSettings      *settings)
{
  self->threshold = g_settings_get_int (settings, key);
  if (verk_step_page_get_session (VERK_STEP_PAGE (self)) != NULL)
    update_piece (self);
}

static void
follow_threshold (VerkAssessPage *self)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = VERK_IS_APPLICATION (app) ? verk_application_get_settings (VERK_APPLICATION (app)) : NULL;

  if (settings == NULL)
    {
      self->threshold = verk_page_disagreement_threshold ();
      return;
    }
  self->threshold = g_settings_get_int (settings, "disagreement-threshold");
  g_signal_connect_object (settings, "changed::disagreement-threshold", G_CALLBACK (on_threshold_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
verk_assess_page_init (VerkAssessPage *self)
{
  g_autofree char *intro = NULL;
  GtkEventController *keys;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* SIQ's own step opens the page, in the content pack's words. */
  intro = verk_content_method_intro (VERK_METHOD_SCORE, VERK_METHOD_SCORE);
  gtk_label_set_label (self->method_label, intro);

  follow_threshold (self);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  self->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_participant_free);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->participants_list), keys);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_rationale_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->rationale_entry), focus);
  add_quick_entry (self);

  update_piece (self);
}

/** verk_assess_page_new: Returns: (transfer floating): a page with no session. */
GtkWidget *
verk_assess_page_new (void)
{
  return g_object_new (VERK_TYPE_ASSESS_PAGE, NULL);
}
