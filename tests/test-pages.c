/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workshop step pages against a real (in-memory) store: what the user does
 * reaches the store, what the store says reaches the widgets, and a refresh
 * never eats what is being typed. Runs under the display build-aux/dev test
 * provides. */
#include "config.h"

#include <adwaita.h>

#include "verk-action-row.h"
#include "verk-assess-page.h"
#include "verk-follow-up-page.h"
#include "verk-follow-up-row.h"
#include "verk-format.h"
#include "verk-handout-private.h"
#include "verk-participant-score-row.h"
#include "verk-plan-page.h"
#include "verk-prioritise-page.h"
#include "verk-priority-row.h"
#include "verk-score-selector.h"
#include "verk-workshop-model-private.h"
#include "verk-workshop-view.h"
#include "verk-xlsx-export-private.h"

void verk_ui_register_resource (void);

typedef struct {
  VerkStore   *store;
  VerkSession *session;
  gint64       workshop;
  gint64       items[3];
  gint64       people[3];
  GtkWidget   *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *names[] = { "Samverkan", "Helhetssyn", "Lärande" };
  const char *levels[] = { "Inte påbörjat", "Första stegen", "På väg", "Etablerat", "Förebild" };
  gint64 group;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  g_assert_no_error (error);
  f->workshop = verk_store_add_workshop (f->store, group, "2026-03-01", "Åsa", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      f->items[i] = verk_store_add_item (f->store, f->workshop, "siq", NULL, names[i], "Beskrivning", &error);
      g_assert_no_error (error);
      f->people[i] = verk_store_add_participant (f->store, f->workshop, i == 0 ? "Anna" : "", &error);
      g_assert_no_error (error);
    }
  for (int i = 0; i < 5; i++)
    {
      verk_store_add_item (f->store, f->workshop, "scale", NULL, levels[i], "Mening.", &error);
      g_assert_no_error (error);
    }
  f->session = verk_session_new (f->store);
  verk_session_set_workshop_id (f->session, f->workshop);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
  g_clear_object (&f->store);
}

static void
show (Fixture   *f,
      GtkWidget *page)
{
  g_object_set (page, "session", f->session, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gpointer
child (gpointer widget, GType type, const char *name)
{
  gpointer found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);
  g_assert_nonnull (found);
  return found;
}

static int
score_in (GPtrArray *scores, gint64 item, gint64 person)
{
  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == item && s->participant_id == person)
        return s->value;
    }
  return 0;
}

static int
stored_score (Fixture *f, gint64 item, gint64 person)
{
  g_autoptr (GPtrArray) scores = verk_store_list_scores (f->store, f->workshop, NULL);

  return score_in (scores, item, person);
}

static GtkToggleButton *
selector_button (gpointer selector, int value)
{
  g_autofree char *name = g_strdup_printf ("button%d", value);
  return child (selector, VERK_TYPE_SCORE_SELECTOR, name);
}

static void
test_assess (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *page = verk_assess_page_new ();
  GtkListBox *list;
  GtkWidget *row;
  GtkEntry *rationale;
  g_autoptr (VerkItem) item = NULL;
  int n = 0;

  show (f, page);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  list = child (page, VERK_TYPE_ASSESS_PAGE, "participants_list");
  for (row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    n++;
  g_assert_cmpint (n, ==, 3);

  /* Each participant's score reaches the store; hidden until revealed. */
  row = gtk_widget_get_first_child (GTK_WIDGET (list));
  for (int i = 0; i < 3; i++, row = gtk_widget_get_next_sibling (row))
    gtk_toggle_button_set_active (selector_button (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "selector"),
                                                   i == 2 ? 5 : 2), TRUE);
  g_assert_cmpint (stored_score (f, f->items[0], f->people[0]), ==, 2);
  g_assert_cmpint (stored_score (f, f->items[0], f->people[2]), ==, 5);
  row = gtk_widget_get_first_child (GTK_WIDGET (list));
  g_assert_false (gtk_toggle_button_get_active (selector_button (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW,
                                                                        "selector"), 2)));
  g_assert_cmpstr (gtk_label_get_label (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "status_label")), ==, "Scored");
  g_assert_false (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "spread_box")));
  verk_session_set_revealed (f->session, f->items[0], TRUE);
  g_assert_true (gtk_toggle_button_get_active (selector_button (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW,
                                                                       "selector"), 2)));
  g_assert_true (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "spread_box")));
  /* Spread 3 >= the default threshold 2: the callout shows. */
  g_assert_true (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "disagree_box")));
  /* The page reads the session's threshold, and follows it while open. */
  verk_session_set_disagreement_threshold (f->session, 4);
  g_assert_false (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "disagree_box")));
  verk_session_set_disagreement_threshold (f->session, 3);
  g_assert_true (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "disagree_box")));

  /* The agreed score with its rationale, then typing survives a refresh. */
  rationale = child (page, VERK_TYPE_ASSESS_PAGE, "rationale_entry");
  gtk_editable_set_text (GTK_EDITABLE (rationale), "Vi samverkar i delar");
  g_signal_emit_by_name (rationale, "activate");
  gtk_toggle_button_set_active (selector_button (child (page, VERK_TYPE_ASSESS_PAGE, "agreed_selector"), 3), TRUE);
  gtk_toggle_button_set_active (selector_button (child (page, VERK_TYPE_ASSESS_PAGE, "desired_selector"), 5), TRUE);
  item = verk_store_get_item (f->store, f->items[0], NULL);
  g_assert_cmpint (item->agreed, ==, 3);
  g_assert_cmpint (item->desired, ==, 5);
  g_assert_cmpstr (item->rationale, ==, "Vi samverkar i delar");
  g_assert_cmpstr (gtk_label_get_label (child (page, VERK_TYPE_ASSESS_PAGE, "progress_label")), ==, "1 of 3 agreed");

  gtk_editable_set_text (GTK_EDITABLE (rationale), "Vi samverkar i delar av");
  verk_store_set_score (f->store, f->items[0], f->people[1], 3, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rationale)), ==, "Vi samverkar i delar av");
  g_signal_emit_by_name (rationale, "activate");
  g_clear_pointer (&item, verk_item_free);
  item = verk_store_get_item (f->store, f->items[0], NULL);
  g_assert_cmpstr (item->rationale, ==, "Vi samverkar i delar av");

  /* Disagreements first goes to the widest spread. */
  verk_store_set_score (f->store, f->items[1], f->people[0], 1, NULL);
  verk_store_set_score (f->store, f->items[1], f->people[1], 5, NULL);
  verk_session_set_selected_item_id (f->session, f->items[2]);
  gtk_toggle_button_set_active (child (page, VERK_TYPE_ASSESS_PAGE, "disagreements_button"), TRUE);
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, f->items[1]);

  /* With no piece chosen, the hidden panel must not widen the window. */
  verk_session_set_selected_item_id (f->session, 0);
  {
    int min = 0;

    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <, 1000);   /* 1280 px less the steps sidebar */
  }
}

/* Without "hide until reveal" the scores show as they come, and the reveal
 * (which closes the round on the phones) is offered until it is done; a
 * second private round is hidden again until its own reveal. */
static void
test_assess_hiding_off (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = verk_assess_page_new ();
  GtkButton *reveal;
  g_autoptr (GError) error = NULL;

  show (f, page);
  verk_session_set_hide_until_reveal (f->session, FALSE);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  verk_store_set_score (f->store, f->items[0], f->people[0], 1, NULL);
  verk_store_set_score (f->store, f->items[0], f->people[1], 4, NULL);
  reveal = child (page, VERK_TYPE_ASSESS_PAGE, "reveal_button");
  g_assert_true (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "spread_box")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reveal)));
  g_assert_cmpstr (gtk_button_get_label (reveal), ==, "Reveal Scores");
  g_signal_emit_by_name (reveal, "clicked");
  g_assert_true (verk_session_is_revealed (f->session, f->items[0]));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reveal)));

  g_assert_true (verk_store_start_second_round (f->store, f->items[0], &error));
  g_assert_no_error (error);
  verk_session_set_revealed (f->session, f->items[0], FALSE);
  g_assert_false (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "spread_box")));
  g_assert_true (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "hidden_label")));
  /* The count is round 2's, as the room sees it. */
  g_assert_cmpstr (gtk_label_get_label (child (page, VERK_TYPE_ASSESS_PAGE, "hidden_label")), ==,
                   "Round 2: 0 of 3 have scored. The scores stay hidden until you reveal them.");
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[2], 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_label (child (page, VERK_TYPE_ASSESS_PAGE, "hidden_label")), ==,
                   "Round 2: 1 of 3 have scored. The scores stay hidden until you reveal them.");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reveal)));
  g_assert_cmpstr (gtk_button_get_label (reveal), ==, "Reveal Scores");
  g_signal_emit_by_name (reveal, "clicked");
  g_assert_true (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "spread_box")));
}

static GtkWidget *
nth_row (GtkWidget *page, int n)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (child (page, VERK_TYPE_ASSESS_PAGE, "participants_list")));

  while (n-- > 0)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  return row;
}

/* The score a row's selector shows, 0 for none (or concealed). */
static int
row_shown_score (GtkWidget *row)
{
  gpointer selector = child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "selector");

  for (int v = 1; v <= 5; v++)
    if (gtk_toggle_button_get_active (selector_button (selector, v)))
      return v;
  return 0;
}

static const char *
row_status (GtkWidget *row)
{
  GtkWidget *label = child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "status_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : "";
}

static int
stored_second_round_score (Fixture *f, gint64 item, gint64 person)
{
  g_autoptr (GPtrArray) scores = verk_store_list_second_round_scores (f->store, f->workshop, NULL);

  return score_in (scores, item, person);
}

/* After a second round's reveal the rows show its scores, round 1's beside
 * them as the earlier value (in words for a screen reader), and the spread
 * is round 2's with round 1's range, as on the projector; before that reveal
 * nothing of round 2 shows but who has scored in it. A choice on a row
 * then goes to round 2. */
static void
test_assess_second_round (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *page = verk_assess_page_new ();
  g_autoptr (GError) error = NULL;
  const int first[3] = { 1, 4, 2 };
  const char *spread;

  show (f, page);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  for (int i = 0; i < 3; i++)
    g_assert_true (verk_store_set_score (f->store, f->items[0], f->people[i], first[i], NULL));
  g_assert_true (verk_store_set_score_comment (f->store, f->items[0], f->people[0], "Vi ses för sällan", NULL));
  verk_session_set_revealed (f->session, f->items[0], TRUE);
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (row_shown_score (nth_row (page, i)), ==, first[i]);

  /* The room starts round 2 and hides the piece again. */
  g_assert_true (verk_store_start_second_round (f->store, f->items[0], &error));
  g_assert_no_error (error);
  verk_session_set_revealed (f->session, f->items[0], FALSE);
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[0], 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[1], 4, NULL, &error));
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (row_shown_score (nth_row (page, i)), ==, 0);
  /* Round 1's comment is not round 2's. */
  g_assert_cmpstr (row_status (nth_row (page, 0)), ==, "Scored");
  g_assert_cmpstr (row_status (nth_row (page, 2)), ==, "Not scored");
  g_assert_false (gtk_widget_get_visible (child (page, VERK_TYPE_ASSESS_PAGE, "spread_box")));

  verk_session_set_revealed (f->session, f->items[0], TRUE);
  g_assert_cmpint (row_shown_score (nth_row (page, 0)), ==, 3);
  g_assert_cmpint (row_shown_score (nth_row (page, 1)), ==, 4);
  g_assert_cmpint (row_shown_score (nth_row (page, 2)), ==, 0);
  g_assert_cmpstr (row_status (nth_row (page, 0)), ==, "Round 1: 1 → now 3");
  g_assert_cmpstr (row_status (nth_row (page, 1)), ==, "Round 1: 4, the same now");
  g_assert_cmpstr (row_status (nth_row (page, 2)), ==, "Round 1: 2, not scored in round 2");
  gtk_test_accessible_assert_property (nth_row (page, 0), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Round 1: 1, now 3");
  gtk_test_accessible_assert_property (child (nth_row (page, 0), VERK_TYPE_PARTICIPANT_SCORE_ROW, "status_label"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Round 1: 1, now 3");
  spread = gtk_label_get_label (child (page, VERK_TYPE_ASSESS_PAGE, "spread_label"));
  g_assert_true (g_str_has_prefix (spread, "Round 2 · Spread 1 (from 3 to 4)"));
  g_assert_true (g_str_has_suffix (spread, "\nRound 1: spread 1 to 4"));

  /* A correction on a row goes to round 2; round 1 stays as it was. */
  gtk_toggle_button_set_active (selector_button (child (nth_row (page, 0), VERK_TYPE_PARTICIPANT_SCORE_ROW,
                                                        "selector"), 5), TRUE);
  g_assert_cmpint (stored_second_round_score (f, f->items[0], f->people[0]), ==, 5);
  g_assert_cmpint (stored_score (f, f->items[0], f->people[0]), ==, 1);
  g_assert_cmpstr (row_status (nth_row (page, 0)), ==, "Round 1: 1 → now 5");

  /* Another piece, with no second round: no earlier value. */
  g_assert_true (verk_store_set_score (f->store, f->items[1], f->people[0], 2, NULL));
  verk_session_set_revealed (f->session, f->items[1], TRUE);
  verk_session_set_selected_item_id (f->session, f->items[1]);
  g_assert_cmpint (row_shown_score (nth_row (page, 0)), ==, 2);
  g_assert_cmpstr (row_status (nth_row (page, 0)), ==, "");
}

static char *
comment_in (GPtrArray *scores, gint64 item, gint64 person)
{
  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == item && s->participant_id == person)
        return g_strdup (s->comment);
    }
  return NULL;
}

static char *
stored_comment (Fixture *f, gint64 item, gint64 person)
{
  g_autoptr (GPtrArray) scores = verk_store_list_scores (f->store, f->workshop, NULL);

  return comment_in (scores, item, person);
}

static char *
comment_text (GtkWidget *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_view"));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_comment (GtkWidget  *row,
              const char *text)
{
  gtk_toggle_button_set_active (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_button"), TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_view")),
                            text, -1);
}

/* The comment field of @row shows @text; with a message when @invalid. */
static void
assert_comment (GtkWidget  *row,
                const char *text,
                gboolean    invalid)
{
  g_autofree char *shown = comment_text (row);

  g_assert_cmpstr (shown, ==, text);
  g_assert_cmpint (gtk_widget_get_visible (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_message")), ==,
                   invalid);
  if (invalid)
    {
      g_assert_true (gtk_toggle_button_get_active (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_button")));
      g_assert_true (gtk_revealer_get_reveal_child (child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_revealer")));
    }
}

/* Text that cannot be stored (too long, a control character) survives moving
 * to another piece and back, with its message; fixed, it is stored. Drafts
 * go with the workshop. */
static void
test_assess_drafts (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = verk_assess_page_new ();
  GtkListBox *list;
  GtkWidget *row0, *row1;
  GtkEntry *rationale;
  GtkLabel *message;
  GtkButton *next, *previous;
  g_autoptr (VerkItem) item = NULL;
  g_autofree char *long_rationale = g_strnfill (VERK_TEXT_MAX_SHORT + 1, 'x');
  g_autofree char *long_comment = g_strnfill (VERK_TEXT_MAX_LONG + 1, 'y');
  const char *control = "Bra\001 jobbat";
  char *stored;
  gint64 other;

  show (f, page);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  list = child (page, VERK_TYPE_ASSESS_PAGE, "participants_list");
  rationale = child (page, VERK_TYPE_ASSESS_PAGE, "rationale_entry");
  message = child (page, VERK_TYPE_ASSESS_PAGE, "rationale_message");
  next = child (page, VERK_TYPE_ASSESS_PAGE, "next_button");
  previous = child (page, VERK_TYPE_ASSESS_PAGE, "previous_button");
  row0 = gtk_widget_get_first_child (GTK_WIDGET (list));
  row1 = gtk_widget_get_next_sibling (row0);
  /* A comment needs a score. */
  gtk_toggle_button_set_active (selector_button (child (row0, VERK_TYPE_PARTICIPANT_SCORE_ROW, "selector"), 2), TRUE);
  gtk_toggle_button_set_active (selector_button (child (row1, VERK_TYPE_PARTICIPANT_SCORE_ROW, "selector"), 4), TRUE);
  verk_session_set_selected_item_id (f->session, f->items[1]);
  gtk_toggle_button_set_active (selector_button (child (row0, VERK_TYPE_PARTICIPANT_SCORE_ROW, "selector"), 3), TRUE);
  verk_session_set_selected_item_id (f->session, f->items[0]);

  /* Typed on the first piece, then Next. */
  gtk_editable_set_text (GTK_EDITABLE (rationale), long_rationale);
  type_comment (row0, long_comment);
  type_comment (row1, control);
  g_signal_emit_by_name (next, "clicked");
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, f->items[1]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rationale)), ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  assert_comment (row0, "", FALSE);
  assert_comment (row1, "", FALSE);

  /* Nothing invalid was stored... */
  item = verk_store_get_item (f->store, f->items[0], NULL);
  g_assert_cmpstr (item->rationale ? item->rationale : "", ==, "");
  stored = stored_comment (f, f->items[0], f->people[0]);
  g_assert_cmpstr (stored ? stored : "", ==, "");
  g_clear_pointer (&stored, g_free);
  stored = stored_comment (f, f->items[0], f->people[1]);
  g_assert_cmpstr (stored ? stored : "", ==, "");
  g_clear_pointer (&stored, g_free);

  /* ... and nothing was lost: back on the piece, each text is in its field
   * with its message, and still not stored. */
  g_signal_emit_by_name (previous, "clicked");
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, f->items[0]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rationale)), ==, long_rationale);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_cmpstr (gtk_label_get_label (message), !=, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (rationale), "error"));
  assert_comment (row0, long_comment, TRUE);
  assert_comment (row1, control, TRUE);
  g_clear_pointer (&item, verk_item_free);
  item = verk_store_get_item (f->store, f->items[0], NULL);
  g_assert_cmpstr (item->rationale ? item->rationale : "", ==, "");
  stored = stored_comment (f, f->items[0], f->people[0]);
  g_assert_cmpstr (stored ? stored : "", ==, "");
  g_clear_pointer (&stored, g_free);

  /* A refresh of the same piece keeps them too. */
  verk_store_set_score (f->store, f->items[0], f->people[2], 1, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rationale)), ==, long_rationale);
  assert_comment (row0, long_comment, TRUE);

  /* Away and back twice: still there (a draft is kept again on leaving). */
  verk_session_set_selected_item_id (f->session, f->items[2]);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rationale)), ==, long_rationale);
  assert_comment (row0, long_comment, TRUE);
  assert_comment (row1, control, TRUE);

  /* Fixed, the texts are stored as always, and no old draft comes back. */
  gtk_editable_set_text (GTK_EDITABLE (rationale), "Vi samverkar i delar");
  type_comment (row0, "Bra start");
  verk_session_set_selected_item_id (f->session, f->items[1]);
  g_clear_pointer (&item, verk_item_free);
  item = verk_store_get_item (f->store, f->items[0], NULL);
  g_assert_cmpstr (item->rationale, ==, "Vi samverkar i delar");
  stored = stored_comment (f, f->items[0], f->people[0]);
  g_assert_cmpstr (stored, ==, "Bra start");
  g_free (stored);
  stored = stored_comment (f, f->items[0], f->people[1]);
  g_assert_cmpstr (stored ? stored : "", ==, "");
  g_clear_pointer (&stored, g_free);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rationale)), ==, "Vi samverkar i delar");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  assert_comment (row0, "Bra start", FALSE);
  assert_comment (row1, control, TRUE);

  /* Another workshop: its drafts are dropped, the stored text stays. */
  gtk_editable_set_text (GTK_EDITABLE (rationale), long_rationale);
  other = verk_store_add_workshop (f->store, verk_store_add_group (f->store, "Skolledningen", "", NULL),
                                   "2026-04-01", "Åsa", NULL);
  g_assert_cmpint (other, >, 0);
  verk_session_set_workshop_id (f->session, other);
  verk_session_set_workshop_id (f->session, f->workshop);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rationale)), ==, "Vi samverkar i delar");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  row0 = gtk_widget_get_first_child (GTK_WIDGET (list));
  row1 = gtk_widget_get_next_sibling (row0);
  assert_comment (row0, "Bra start", FALSE);
  assert_comment (row1, "", FALSE);
}

static char *
stored_second_round_comment (Fixture *f, gint64 item, gint64 person)
{
  g_autoptr (GPtrArray) scores = verk_store_list_second_round_scores (f->store, f->workshop, NULL);

  return comment_in (scores, item, person);
}

static const char *
row_label (GtkWidget *row, const char *name)
{
  GtkWidget *label = child (row, VERK_TYPE_PARTICIPANT_SCORE_ROW, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : "";
}

/* Asserts the stored comment of round 1 (@round 1) or round 2 of a score. */
static void
assert_stored_comment (Fixture *f, int round, gint64 item, gint64 person, const char *expected)
{
  g_autofree char *stored = round == 2 ? stored_second_round_comment (f, item, person)
                                       : stored_comment (f, item, person);

  g_assert_cmpstr (stored != NULL ? stored : "", ==, expected);
}

/* Once a piece has a second round, a comment typed on a row is round 2's:
 * round 1's stays as the person gave it. Text typed in round 1 when the
 * round starts is stored in round 1. Before round 2's reveal a row says
 * only that there is a comment; after it, each round's comment is shown
 * with its round, and the workbook's collection finds each in its round. */
static void
test_assess_second_round_comment (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *page = verk_assess_page_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkExportData) collected = NULL;
  GtkWidget *anna, *second;
  const int first[3] = { 1, 4, 2 };

  show (f, page);
  verk_session_set_selected_item_id (f->session, f->items[0]);
  anna = nth_row (page, 0);
  second = nth_row (page, 1);
  for (int i = 0; i < 3; i++)
    g_assert_true (verk_store_set_score (f->store, f->items[0], f->people[i], first[i], NULL));
  type_comment (anna, "Vi ses för sällan");
  g_assert_true (verk_participant_score_row_keep_comment (VERK_PARTICIPANT_SCORE_ROW (anna)));
  assert_stored_comment (f, 1, f->items[0], f->people[0], "Vi ses för sällan");
  verk_session_set_revealed (f->session, f->items[0], TRUE);
  /* Still being typed for round 1 when round 2 starts. */
  type_comment (second, "Osäker");

  g_assert_true (verk_store_start_second_round (f->store, f->items[0], &error));
  g_assert_no_error (error);
  verk_session_set_revealed (f->session, f->items[0], FALSE);
  assert_stored_comment (f, 1, f->items[0], f->people[1], "Osäker");
  g_assert_null (stored_second_round_comment (f, f->items[0], f->people[1]));
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[0], 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[1], 4, NULL, &error));
  /* The field is round 2's, empty: round 1's comment is not round 2's. */
  {
    g_autofree char *shown = comment_text (anna);

    g_assert_cmpstr (shown, ==, "");
  }
  g_assert_cmpstr (row_status (anna), ==, "Scored");
  gtk_test_accessible_assert_property (child (anna, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Round 2 comment by Anna");

  /* A comment in round 2 goes to round 2; round 1's stays. */
  type_comment (anna, "Efter samtalet\nmer att säga");
  g_assert_true (verk_participant_score_row_keep_comment (VERK_PARTICIPANT_SCORE_ROW (anna)));
  assert_stored_comment (f, 2, f->items[0], f->people[0], "Efter samtalet\nmer att säga");
  assert_stored_comment (f, 1, f->items[0], f->people[0], "Vi ses för sällan");
  gtk_toggle_button_set_active (child (anna, VERK_TYPE_PARTICIPANT_SCORE_ROW, "comment_button"), FALSE);
  /* Hidden, the row says there is one, as in round 1, not what it says. */
  g_assert_cmpstr (row_status (anna), ==, "Scored, with a comment");
  g_assert_cmpstr (row_label (anna, "preview_label"), ==, "");
  g_assert_cmpstr (row_label (anna, "earlier_comment_label"), ==, "");

  /* Revealed: each round's comment under the row, with its round. */
  verk_session_set_revealed (f->session, f->items[0], TRUE);
  g_assert_cmpstr (row_status (anna), ==, "Round 1: 1 → now 3");
  g_assert_cmpstr (row_label (anna, "earlier_comment_label"), ==, "Round 1: “Vi ses för sällan”");
  g_assert_cmpstr (row_label (anna, "preview_label"), ==, "Round 2: “Efter samtalet”");
  g_assert_cmpstr (row_label (second, "earlier_comment_label"), ==, "Round 1: “Osäker”");
  g_assert_cmpstr (row_label (second, "preview_label"), ==, "");

  /* A correction of the score keeps round 2's comment; removing the
   * comment removes round 2's only. */
  gtk_toggle_button_set_active (selector_button (child (anna, VERK_TYPE_PARTICIPANT_SCORE_ROW, "selector"), 5), TRUE);
  g_assert_cmpint (stored_second_round_score (f, f->items[0], f->people[0]), ==, 5);
  assert_stored_comment (f, 2, f->items[0], f->people[0], "Efter samtalet\nmer att säga");
  assert_stored_comment (f, 1, f->items[0], f->people[0], "Vi ses för sällan");
  type_comment (second, "Nu tydligare");
  g_assert_true (verk_participant_score_row_keep_comment (VERK_PARTICIPANT_SCORE_ROW (second)));
  assert_stored_comment (f, 2, f->items[0], f->people[1], "Nu tydligare");
  assert_stored_comment (f, 1, f->items[0], f->people[1], "Osäker");

  /* What the workbook and the handout read: each comment in its round. */
  collected = verk_export_data_collect (f->store, VERK_EXPORT_WORKSHOP, f->workshop, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_score (collected->focus, f->items[0], f->people[0])->comment, ==, "Vi ses för sällan");
  g_assert_cmpstr (find_score (&(WorkshopData) { .model = collected->focus->model, .second_round = TRUE },
                               f->items[0], f->people[1])->comment, ==, "Nu tydligare");
}

static void
test_prioritise (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *page = verk_prioritise_page_new ();
  GtkWidget *first;
  g_autoptr (GArray) priorities = NULL;

  verk_store_set_agreed (f->store, f->items[0], 4, NULL, NULL);
  verk_store_set_agreed (f->store, f->items[1], 2, NULL, NULL);
  verk_store_set_agreed (f->store, f->items[2], 3, NULL, NULL);
  verk_store_set_desired (f->store, f->items[2], 5, NULL);
  show (f, page);

  /* The gap (3 → 5) comes first, then the lowest score. */
  first = gtk_widget_get_first_child (child (page, VERK_TYPE_PRIORITISE_PAGE, "list"));
  g_assert_cmpint (verk_priority_row_get_item_id (VERK_PRIORITY_ROW (first)), ==, f->items[2]);
  first = gtk_widget_get_next_sibling (first);
  g_assert_cmpint (verk_priority_row_get_item_id (VERK_PRIORITY_ROW (first)), ==, f->items[1]);

  /* Tick both, then move the second above the first: the ranks follow. */
  for (GtkWidget *row = gtk_widget_get_first_child (child (page, VERK_TYPE_PRIORITISE_PAGE, "list"));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (verk_priority_row_get_item_id (VERK_PRIORITY_ROW (row)) != f->items[0])
      gtk_toggle_button_set_active (child (row, VERK_TYPE_PRIORITY_ROW, "marked_check"), TRUE);
  priorities = verk_store_list_priorities (f->store, f->workshop, NULL);
  g_assert_cmpuint (priorities->len, ==, 2);
  g_assert_cmpint (g_array_index (priorities, gint64, 0), ==, f->items[2]);
  g_signal_emit_by_name (first, "move", -1);
  g_clear_pointer (&priorities, g_array_unref);
  priorities = verk_store_list_priorities (f->store, f->workshop, NULL);
  g_assert_cmpint (g_array_index (priorities, gint64, 0), ==, f->items[1]);
  g_assert_cmpint (g_array_index (priorities, gint64, 1), ==, f->items[2]);
}

static GtkWidget *
find_row (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *widget, GType type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_rows (c, type);
  return n;
}

static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *page = verk_plan_page_new ();
  GtkWidget *row;
  GtkEntry *what, *due;
  g_autoptr (GPtrArray) actions = NULL;
  VerkAction *action;

  show (f, page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, VERK_TYPE_PLAN_PAGE, "stack")), ==, "empty");
  verk_store_set_priorities (f->store, f->workshop, &f->items[1], 1, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, VERK_TYPE_PLAN_PAGE, "stack")), ==, "plan");

  g_signal_emit_by_name (find_button (page, "Add Action"), "clicked");
  row = find_row (page, VERK_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  what = child (row, VERK_TYPE_ACTION_ROW, "what_entry");
  due = child (row, VERK_TYPE_ACTION_ROW, "due_entry");

  /* Empty text: nothing stored, a message; then a real action. */
  gtk_editable_set_text (GTK_EDITABLE (what), "   ");
  g_signal_emit_by_name (what, "activate");
  actions = verk_store_list_actions (f->store, f->workshop, NULL);
  g_assert_cmpuint (actions->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (child (row, VERK_TYPE_ACTION_ROW, "message_label")));
  gtk_editable_set_text (GTK_EDITABLE (what), "Gemensam planeringsdag");
  gtk_editable_set_text (GTK_EDITABLE (child (row, VERK_TYPE_ACTION_ROW, "owner_entry")), "Örjan");
  g_signal_emit_by_name (what, "activate");
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = verk_store_list_actions (f->store, f->workshop, NULL);
  g_assert_cmpuint (actions->len, ==, 1);
  action = g_ptr_array_index (actions, 0);
  g_assert_cmpstr (action->what, ==, "Gemensam planeringsdag");
  /* One row for it: the draft itself, not a second row. */
  g_assert_cmpuint (count_rows (page, VERK_TYPE_ACTION_ROW), ==, 1);
  g_assert_cmpstr (action->owner, ==, "Örjan");
  g_assert_cmpint (action->item_id, ==, f->items[1]);

  /* An invalid date is explained and kept in the field; a valid one saved. */
  gtk_editable_set_text (GTK_EDITABLE (due), "2030-02-30");
  g_signal_emit_by_name (due, "activate");
  g_assert_true (gtk_widget_get_visible (child (row, VERK_TYPE_ACTION_ROW, "message_label")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "2030-02-30");
  gtk_editable_set_text (GTK_EDITABLE (due), "2030-02-28");
  g_signal_emit_by_name (due, "activate");
  g_assert_false (gtk_widget_get_visible (child (row, VERK_TYPE_ACTION_ROW, "message_label")));
  gtk_drop_down_set_selected (child (row, VERK_TYPE_ACTION_ROW, "status_dropdown"), VERK_ACTION_IN_PROGRESS);
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = verk_store_list_actions (f->store, f->workshop, NULL);
  action = g_ptr_array_index (actions, 0);
  g_assert_cmpstr (action->due, ==, "2030-02-28");
  g_assert_cmpint (action->status, ==, VERK_ACTION_IN_PROGRESS);

  /* A complete future date typed into the field saves after the pause. */
  gtk_editable_set_text (GTK_EDITABLE (due), "2031-05-17");
  {
    gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
    gboolean saved = FALSE;

    while (!saved && g_get_monotonic_time () < until)
      {
        g_autoptr (GPtrArray) now = NULL;

        g_main_context_iteration (NULL, FALSE);
        now = verk_store_list_actions (f->store, f->workshop, NULL);
        saved = g_strcmp0 (((VerkAction *) g_ptr_array_index (now, 0))->due, "2031-05-17") == 0;
      }
    g_assert_true (saved);
  }

  /* The same row stays (and keeps its focus) when the store reports the edit. */
  g_assert_true (find_row (page, VERK_TYPE_ACTION_ROW) == row);
}

static GtkWidget *
priority_row_of (GtkWidget *page, gint64 item)
{
  for (GtkWidget *row = gtk_widget_get_first_child (child (page, VERK_TYPE_PRIORITISE_PAGE, "list"));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (verk_priority_row_get_item_id (VERK_PRIORITY_ROW (row)) == item)
      return row;
  return NULL;
}

/* The page follows the workshop's model: an edit that leaves the pieces as
 * they are updates the rows in place (the focus stays where it is), and only
 * a new or removed piece builds them again. */
static void
test_prioritise_keeps_rows (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *page = verk_prioritise_page_new ();
  GtkWidget *row;
  gint64 extra;

  show (f, page);
  row = priority_row_of (page, f->items[0]);
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);

  /* A renamed piece, a participant's score, an agreed score: the same rows. */
  g_assert_true (verk_store_update_item (f->store, f->items[0], "Samverkan över gränser", "Beskrivning", NULL));
  g_assert_true (priority_row_of (page, f->items[0]) == row);
  g_assert_cmpstr (gtk_label_get_label (child (row, VERK_TYPE_PRIORITY_ROW, "name_label")), ==,
                   "Samverkan över gränser");
  g_assert_true (verk_store_set_score (f->store, f->items[1], f->people[0], 2, NULL));
  /* One score: the model reads that piece and its scores, the page reads nothing. */
  verk_workshop_model_reset_read_counts (verk_session_get_model (f->session));
  g_assert_true (verk_store_set_score (f->store, f->items[1], f->people[1], 5, NULL));
  for (VerkModelRead r = 0; r < VERK_MODEL_N_READS; r++)
    g_assert_cmpuint (verk_workshop_model_get_read_count (verk_session_get_model (f->session), r), ==,
                      r == VERK_MODEL_READ_ITEM || r == VERK_MODEL_READ_ITEM_SCORES ? 1 : 0);
  g_assert_cmpstr (gtk_label_get_label (child (priority_row_of (page, f->items[1]), VERK_TYPE_PRIORITY_ROW,
                                               "facts_label")), ==, "Spread of participants' scores: 3");
  g_assert_true (verk_store_set_agreed (f->store, f->items[2], 1, NULL, NULL));
  g_assert_true (priority_row_of (page, f->items[0]) == row);
  g_assert_true (gtk_widget_has_focus (row));

  /* A new piece: a row for it too. */
  extra = verk_store_add_item (f->store, f->workshop, "siq", NULL, "Mod", "", NULL);
  g_assert_cmpint (extra, >, 0);
  g_assert_nonnull (priority_row_of (page, extra));
  g_assert_cmpuint (count_rows (page, VERK_TYPE_PRIORITY_ROW), ==, 4);
}

/* The Plan page's sections say each prioritised area's name and scores: an
 * edit that changes neither (a participant's score) leaves them, and the
 * rows in them, as they are. */
static void
test_plan_keeps_sections (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *page = verk_plan_page_new ();
  GtkWidget *sections, *section;

  show (f, page);
  verk_store_set_priorities (f->store, f->workshop, &f->items[1], 1, NULL);
  sections = child (page, VERK_TYPE_PLAN_PAGE, "sections_box");
  /* After the page title: the area's section, then "Other Actions". */
  section = gtk_widget_get_next_sibling (gtk_widget_get_first_child (sections));
  g_assert_nonnull (section);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (section))), ==, "1. Helhetssyn");

  g_assert_true (verk_store_set_score (f->store, f->items[1], f->people[0], 4, NULL));
  g_assert_true (verk_store_set_score (f->store, f->items[0], f->people[2], 1, NULL));
  g_assert_true (gtk_widget_get_next_sibling (gtk_widget_get_first_child (sections)) == section);

  /* Its agreed score is on the section: that one is built again. */
  g_assert_true (verk_store_set_agreed (f->store, f->items[1], 3, NULL, NULL));
  section = gtk_widget_get_next_sibling (gtk_widget_get_first_child (sections));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (gtk_widget_get_first_child (section)))),
                   ==, "Agreed score 3");
}

static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = verk_follow_up_page_new ();
  VerkAction action = { 0 };
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *row;
  gint64 next;

  show (f, page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, VERK_TYPE_FOLLOW_UP_PAGE, "stack")), ==, "first");

  action.workshop_id = f->workshop;
  action.item_id = f->items[0];
  action.what = "Gemensam planeringsdag";
  action.owner = "Anna";
  action.status = VERK_ACTION_OPEN;
  verk_store_add_action (f->store, &action, &error);
  g_assert_no_error (error);
  verk_store_set_agreed (f->store, f->items[0], 2, NULL, NULL);
  next = verk_store_add_followup (f->store, f->workshop, "2026-09-01", "Åsa", &error);
  g_assert_no_error (error);
  verk_session_set_workshop_id (f->session, next);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, VERK_TYPE_FOLLOW_UP_PAGE, "stack")), ==,
                   "follow-up");

  row = find_row (page, VERK_TYPE_FOLLOW_UP_ROW);
  g_assert_nonnull (row);
  gtk_toggle_button_set_active (child (row, VERK_TYPE_FOLLOW_UP_ROW, "status_done"), TRUE);
  actions = verk_store_list_actions (f->store, next, NULL);
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_cmpint (((VerkAction *) g_ptr_array_index (actions, 0))->status, ==, VERK_ACTION_DONE);
  g_assert_true (find_row (page, VERK_TYPE_FOLLOW_UP_ROW) == row);
  g_assert_cmpstr (gtk_label_get_label (child (page, VERK_TYPE_FOLLOW_UP_PAGE, "actions_summary")), ==,
                   "1 of 1 action done");

  /* This workshop's score against the last: an arrow and words, and the trend. */
  {
    g_autoptr (GPtrArray) items = verk_store_list_items (f->store, next, "siq", NULL);
    GtkGrid *grid = child (page, VERK_TYPE_FOLLOW_UP_PAGE, "compare_grid");

    verk_store_set_agreed (f->store, ((VerkItem *) g_ptr_array_index (items, 0))->id, 4, NULL, NULL);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 1))), ==, "Samverkan");
    /* Column 3 is the small before → after chart. */
    g_assert_true (GTK_IS_DRAWING_AREA (gtk_grid_get_child_at (grid, 3, 1)));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 4, 1))), ==, "↑ up 2");
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 5, 1))), ==, "2 → 4");
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 4, 2))), ==, "–");
  }
}

/* The workshop @workshop follows up, as each place shows it, is @expected,
 * whose Samverkan was agreed at @agreed: the Follow up page (its title and
 * "Last time"), the model the presentation compares with, the workbook's
 * Summary (a workshop's, and the group's for its newest), the handout and
 * the start page's "follows up". */
static void
assert_previous (Fixture   *f,
                 GtkWidget *page,
                 gint64     workshop,
                 gint64     expected,
                 int        agreed,
                 gboolean   newest)
{
  g_autoptr (VerkWorkshop) previous = verk_store_get_workshop (f->store, expected, NULL);
  g_autofree char *date = verk_format_date_long (previous->date);
  g_autofree char *title = g_strdup_printf ("Follow-up of the Workshop on %s", date);
  g_autofree char *last_time = g_strdup_printf ("%d", agreed);
  g_autoptr (VerkExportData) data = NULL;
  g_autoptr (VerkHandout) handout = NULL;
  g_autoptr (VerkWorkshopSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  GtkGrid *grid = child (page, VERK_TYPE_FOLLOW_UP_PAGE, "compare_grid");

  verk_session_set_workshop_id (f->session, workshop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, VERK_TYPE_FOLLOW_UP_PAGE, "stack")), ==,
                   "follow-up");
  g_assert_cmpstr (gtk_label_get_label (child (page, VERK_TYPE_FOLLOW_UP_PAGE, "title_label")), ==, title);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 1))), ==, "Samverkan");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 1))), ==, last_time);

  g_assert_cmpint (verk_store_get_previous_workshop_id (f->store, workshop, NULL), ==, expected);
  g_assert_cmpint (verk_workshop_model_get_workshop_id (verk_workshop_model_get_previous (verk_session_get_model (
                     f->session))), ==, expected);

  data = verk_export_data_collect (f->store, VERK_EXPORT_WORKSHOP, workshop, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data->previous);
  g_assert_cmpint (data->previous->workshop->id, ==, expected);
  if (newest)
    {
      g_clear_pointer (&data, verk_export_data_free);
      data = verk_export_data_collect (f->store, VERK_EXPORT_GROUP, previous->group_id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (data->focus->workshop->id, ==, workshop);
      g_assert_nonnull (data->previous);
      g_assert_cmpint (data->previous->workshop->id, ==, expected);
    }

  handout = verk_handout_new (f->store, workshop, &error);
  g_assert_no_error (error);
  g_assert_nonnull (handout->previous);
  g_assert_cmpint (handout->previous->id, ==, expected);

  summary = verk_store_get_workshop_summary (f->store, workshop, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->previous_date, ==, previous->date);
}

/* One rule for "the workshop this one follows up" everywhere: the one it
 * links to, unless that is in the trash, else the group's latest before it.
 * Checked on a follow-up of a workshop that is not the latest before it, on
 * a workshop with no link, and on a follow-up whose linked workshop is in
 * the trash. */
static void
test_follow_up_previous (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *page = verk_follow_up_page_new ();
  /* Which step a workshop opens on: Follow up for one that follows up another. */
  g_autoptr (VerkWorkshopView) view = g_object_ref_sink (g_object_new (VERK_TYPE_WORKSHOP_VIEW, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkWorkshop) first = verk_store_get_workshop (f->store, f->workshop, NULL);
  g_autoptr (GPtrArray) items = NULL;
  gint64 between, linked, unlinked, item;

  g_assert_true (verk_store_set_agreed (f->store, f->items[0], 1, NULL, NULL));
  between = verk_store_add_followup (f->store, f->workshop, "2026-06-01", "Åsa", &error);
  g_assert_no_error (error);
  items = verk_store_list_items (f->store, between, "siq", NULL);
  g_assert_true (verk_store_set_agreed (f->store, ((VerkItem *) g_ptr_array_index (items, 0))->id, 2, NULL, NULL));
  g_clear_pointer (&items, g_ptr_array_unref);
  /* Follows up the first workshop, not the one just before it. */
  linked = verk_store_add_followup (f->store, f->workshop, "2026-09-01", "Åsa", &error);
  g_assert_no_error (error);
  items = verk_store_list_items (f->store, linked, "siq", NULL);
  g_assert_true (verk_store_set_agreed (f->store, ((VerkItem *) g_ptr_array_index (items, 0))->id, 3, NULL, NULL));
  /* A new workshop, not started as a follow-up. */
  unlinked = verk_store_add_workshop (f->store, first->group_id, "2027-03-01", "Bo", &error);
  g_assert_no_error (error);
  item = verk_store_add_item (f->store, unlinked, "siq", NULL, "Samverkan", "", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_agreed (f->store, item, 4, NULL, NULL));

  show (f, page);
  verk_workshop_view_set_session (view, f->session);
  g_assert_cmpint (verk_workshop_view_opening_step (view, f->workshop), ==, VERK_STEP_MATERIAL);
  g_assert_cmpint (verk_workshop_view_opening_step (view, unlinked), ==, VERK_STEP_FOLLOW_UP);
  assert_previous (f, page, linked, f->workshop, 1, FALSE);
  assert_previous (f, page, unlinked, linked, 3, TRUE);
  /* The workshop it links to in the trash: the latest before it. */
  g_assert_true (verk_store_trash_workshop (f->store, f->workshop, &error));
  assert_previous (f, page, linked, between, 2, FALSE);
  verk_session_set_workshop_id (f->session, between);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, VERK_TYPE_FOLLOW_UP_PAGE, "stack")), ==, "first");
  g_assert_cmpint (verk_workshop_view_opening_step (view, between), ==, VERK_STEP_MATERIAL);
  verk_workshop_view_set_session (view, NULL);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  verk_ui_register_resource ();

  g_test_add ("/pages/assess", Fixture, NULL, fixture_setup, test_assess, fixture_teardown);
  g_test_add ("/pages/assess-hiding-off", Fixture, NULL, fixture_setup, test_assess_hiding_off, fixture_teardown);
  g_test_add ("/pages/assess-second-round", Fixture, NULL, fixture_setup, test_assess_second_round,
              fixture_teardown);
  g_test_add ("/pages/assess-drafts", Fixture, NULL, fixture_setup, test_assess_drafts, fixture_teardown);
  g_test_add ("/pages/assess-second-round-comment", Fixture, NULL, fixture_setup, test_assess_second_round_comment,
              fixture_teardown);
  g_test_add ("/pages/prioritise", Fixture, NULL, fixture_setup, test_prioritise, fixture_teardown);
  g_test_add ("/pages/plan", Fixture, NULL, fixture_setup, test_plan, fixture_teardown);
  g_test_add ("/pages/follow-up", Fixture, NULL, fixture_setup, test_follow_up, fixture_teardown);
  g_test_add ("/pages/follow-up-previous", Fixture, NULL, fixture_setup, test_follow_up_previous, fixture_teardown);
  g_test_add ("/pages/prioritise-keeps-rows", Fixture, NULL, fixture_setup, test_prioritise_keeps_rows,
              fixture_teardown);
  g_test_add ("/pages/plan-keeps-sections", Fixture, NULL, fixture_setup, test_plan_keeps_sections,
              fixture_teardown);
  return g_test_run ();
}
