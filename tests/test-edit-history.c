/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "verk-edit-history.h"
#include "verk-store.h"

/* A workshop with two pieces and two participants (Anna, and one without a
 * name), and a history following it. */
typedef struct {
  VerkStore       *store;
  VerkEditHistory *history;
  gint64           workshop, item1, item2, anna, anonymous;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 group;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  f->workshop = verk_store_add_workshop (f->store, group, "2026-03-14", "Eva", &error);
  f->item1 = verk_store_add_item (f->store, f->workshop, "siq", NULL, "Samverkan", "", &error);
  f->item2 = verk_store_add_item (f->store, f->workshop, "siq", NULL, "Lärande", "", &error);
  f->anna = verk_store_add_participant (f->store, f->workshop, "Anna", &error);
  f->anonymous = verk_store_add_participant (f->store, f->workshop, "", &error);
  g_assert_no_error (error);
  f->history = verk_edit_history_new (f->store);
  verk_edit_history_set_workshop (f->history, f->workshop);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->store);
}

/* A participant's score of @item in @scores (its comment in @comment), 0 when none. */
static int
score_in (GPtrArray *scores,
          gint64     item,
          gint64     participant,
          char     **comment)
{
  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);

      if (s->item_id == item && s->participant_id == participant)
        {
          if (comment != NULL)
            *comment = g_strdup (s->comment);
          return s->value;
        }
    }
  return 0;
}

static int
score_of (Fixture *f,
          gint64   item,
          gint64   participant,
          char   **comment)
{
  g_autoptr (GPtrArray) scores = verk_store_list_scores (f->store, f->workshop, NULL);

  return score_in (scores, item, participant, comment);
}

/* Undo or Redo: what it said it would do is what it did, and @expected. */
static void
assert_step (Fixture    *f,
             char     *(*describe) (VerkEditHistory *),
             char     *(*apply) (VerkEditHistory *, GError **),
             const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *next = describe (f->history);
  g_autofree char *done = apply (f->history, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, expected);
  g_assert_cmpstr (done, ==, expected);
}

static void
assert_undo (Fixture    *f,
             const char *expected)
{
  assert_step (f, verk_edit_history_describe_next, verk_edit_history_undo, expected);
}

static void
test_score_set_changed_cleared (Fixture       *f,
                                gconstpointer  data)
{
  g_assert_false (verk_edit_history_can_undo (f->history));
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 3, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 4, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item2, f->anonymous, 2, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item2, f->anonymous, 0, NULL));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 4);

  assert_undo (f, "Participant 2’s score for Lärande");
  g_assert_cmpint (score_of (f, f->item2, f->anonymous, NULL), ==, 2);
  assert_undo (f, "Participant 2’s score for Lärande");
  g_assert_cmpint (score_of (f, f->item2, f->anonymous, NULL), ==, 0);
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 3);
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
  /* Undoing is not itself a step. */
  g_assert_false (verk_edit_history_can_undo (f->history));
  g_assert_null (verk_edit_history_describe_next (f->history));
}

static void
test_agreed_and_desired (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (VerkItem) item = NULL;

  g_assert_true (verk_store_set_agreed (f->store, f->item1, 3, "Vi är överens", NULL));
  g_assert_true (verk_store_set_desired (f->store, f->item1, 5, NULL));
  /* Only the rationale changes: no step. */
  g_assert_true (verk_store_set_agreed (f->store, f->item1, 3, "Vi är nästan överens", NULL));
  g_assert_true (verk_store_set_agreed (f->store, f->item1, 4, "Vi är nästan överens", NULL));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 3);

  assert_undo (f, "the agreed score for Samverkan");
  item = verk_store_get_item (f->store, f->item1, NULL);
  g_assert_cmpint (item->agreed, ==, 3);
  g_assert_cmpint (item->desired, ==, 5);
  g_assert_cmpstr (item->rationale, ==, "Vi är nästan överens");
  g_clear_pointer (&item, verk_item_free);

  assert_undo (f, "the desired level for Samverkan");
  item = verk_store_get_item (f->store, f->item1, NULL);
  g_assert_cmpint (item->desired, ==, 0);
  g_assert_cmpint (item->agreed, ==, 3);
  g_clear_pointer (&item, verk_item_free);

  assert_undo (f, "the agreed score for Samverkan");
  item = verk_store_get_item (f->store, f->item1, NULL);
  g_assert_cmpint (item->agreed, ==, 0);
}

static void
test_batch_is_one_step (Fixture       *f,
                        gconstpointer  data)
{
  VerkScore round[] = {
    { f->item1, f->anna, 2, NULL }, { f->item1, f->anonymous, 4, NULL },
    { f->item2, f->anna, 5, NULL },
  };

  g_assert_true (verk_store_set_scores (f->store, round, G_N_ELEMENTS (round), NULL));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 1);
  assert_undo (f, "3 score changes");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
  g_assert_cmpint (score_of (f, f->item1, f->anonymous, NULL), ==, 0);
  g_assert_cmpint (score_of (f, f->item2, f->anna, NULL), ==, 0);
}

static void
test_cleared_comment_comes_back (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *comment = NULL;

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 3, NULL));
  g_assert_true (verk_store_set_score_comment (f->store, f->item1, f->anna, "Mest i teorin", NULL));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 1);   /* a comment is no step */
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 0, NULL));
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, &comment), ==, 3);
  g_assert_cmpstr (comment, ==, "Mest i teorin");
}

static int
second_round_score_of (Fixture *f,
                       gint64   item,
                       gint64   participant,
                       char   **comment)
{
  g_autoptr (GPtrArray) scores = verk_store_list_second_round_scores (f->store, f->workshop, NULL);

  return score_in (scores, item, participant, comment);
}

/* A second round's scores are steps of their own: Undo after a round-2 edit
 * takes back that edit in round 2 (not the round-1 edit before it), and a
 * cleared round-2 score comes back with round 2's comment, while round 1's
 * score and comment stay as they were. */
static void
test_second_round (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *comment = NULL;

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 1, NULL));
  g_assert_true (verk_store_set_score_comment (f->store, f->item1, f->anna, "Vi ses för sällan", NULL));
  g_assert_true (verk_store_start_second_round (f->store, f->item1, &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->item1, f->anna, 3, "från telefonen", &error));
  g_assert_true (verk_store_set_second_round_comment (f->store, f->item1, f->anna, "Efter samtalet", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 2);   /* a comment is no step */

  /* Changed: undone in round 2, with the comment it has now. */
  g_assert_true (verk_store_set_second_round_score (f->store, f->item1, f->anna, 4, "Efter samtalet", &error));
  assert_undo (f, "Anna’s round 2 score for Samverkan");
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, &comment), ==, 3);
  g_assert_cmpstr (comment, ==, "Efter samtalet");
  g_clear_pointer (&comment, g_free);

  /* Cleared (the comment goes with it): back with round 2's comment. */
  g_assert_true (verk_store_set_second_round_score (f->store, f->item1, f->anna, 0, NULL, &error));
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, NULL), ==, 0);
  assert_undo (f, "Anna’s round 2 score for Samverkan");
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, &comment), ==, 3);
  g_assert_cmpstr (comment, ==, "Efter samtalet");
  g_clear_pointer (&comment, g_free);
  g_assert_cmpint (score_of (f, f->item1, f->anna, &comment), ==, 1);
  g_assert_cmpstr (comment, ==, "Vi ses för sällan");
  g_clear_pointer (&comment, g_free);

  /* The first round-2 score undone: none in round 2; round 1 untouched. */
  assert_undo (f, "Anna’s round 2 score for Samverkan");
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, NULL), ==, 0);
  g_assert_cmpint (score_of (f, f->item1, f->anna, &comment), ==, 1);
  g_assert_cmpstr (comment, ==, "Vi ses för sällan");
  g_clear_pointer (&comment, g_free);
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
  g_assert_false (verk_edit_history_can_undo (f->history));
}

static void
test_bounded_and_per_workshop (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  for (int i = 0; i < VERK_EDIT_HISTORY_MAX_STEPS + 10; i++)
    g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 1 + i % 5, NULL));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, VERK_EDIT_HISTORY_MAX_STEPS);

  /* Another workshop's edits are not this one's steps; switching forgets. */
  verk_edit_history_set_workshop (f->history, 0);
  g_assert_false (verk_edit_history_can_undo (f->history));
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 2, NULL));
  g_assert_false (verk_edit_history_can_undo (f->history));
  done = verk_edit_history_undo (f->history, &error);
  g_assert_null (done);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
}

static void
test_removed_participant_is_no_step (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 3, NULL));
  g_assert_true (verk_store_remove_participant (f->store, f->anna, NULL));
  g_assert_true (verk_store_restore_participant (f->store, f->anna, NULL));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 1);

  /* A step whose participant is gone cannot be undone: an error, then dropped. */
  g_assert_true (verk_store_remove_participant (f->store, f->anna, NULL));
  done = verk_edit_history_undo (f->history, &error);
  g_assert_null (done);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_assert_false (verk_edit_history_can_undo (f->history));
}

static void
assert_redo (Fixture    *f,
             const char *expected)
{
  assert_step (f, verk_edit_history_describe_redo, verk_edit_history_redo, expected);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Undo makes a step redoable; Redo puts back the values after it (a comment
 * typed after the step comes back with a score Undo cleared), makes it
 * undoable again and is not itself a new step. */
static void
test_redo_after_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *done = NULL;
  guint redo_notified = 0;

  g_signal_connect (f->history, "notify::can-redo", G_CALLBACK (on_notify_count), &redo_notified);
  g_assert_false (verk_edit_history_can_redo (f->history));
  g_assert_null (verk_edit_history_describe_redo (f->history));
  done = verk_edit_history_redo (f->history, &error);
  g_assert_null (done);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 2, NULL));
  g_assert_true (verk_store_set_score_comment (f->store, f->item1, f->anna, "Vi pratar sällan", NULL));
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 4, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item2, f->anonymous, 5, NULL));

  assert_undo (f, "Participant 2’s score for Lärande");
  assert_undo (f, "Anna’s score for Samverkan");
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
  g_assert_cmpint (score_of (f, f->item2, f->anonymous, NULL), ==, 0);
  g_assert_false (verk_edit_history_can_undo (f->history));
  g_assert_true (verk_edit_history_can_redo (f->history));
  g_assert_cmpuint (redo_notified, ==, 1);

  /* The last undone first. */
  assert_redo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, &comment), ==, 2);
  g_assert_cmpstr (comment, ==, "Vi pratar sällan");
  g_clear_pointer (&comment, g_free);
  g_assert_true (verk_edit_history_can_undo (f->history));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 1);   /* Redo is no new step */
  assert_redo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, &comment), ==, 4);
  g_assert_cmpstr (comment, ==, "Vi pratar sällan");
  g_clear_pointer (&comment, g_free);
  assert_redo (f, "Participant 2’s score for Lärande");
  g_assert_cmpint (score_of (f, f->item2, f->anonymous, NULL), ==, 5);
  g_assert_false (verk_edit_history_can_redo (f->history));
  g_assert_cmpuint (redo_notified, ==, 2);
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 3);

  /* Redone steps undo again, and redo again. */
  assert_undo (f, "Participant 2’s score for Lärande");
  g_assert_cmpint (score_of (f, f->item2, f->anonymous, NULL), ==, 0);
  assert_redo (f, "Participant 2’s score for Lärande");
  g_assert_cmpint (score_of (f, f->item2, f->anonymous, NULL), ==, 5);
}

/* A new score edit after Undo clears what there was to redo; a comment alone
 * does not. */
static void
test_redo_cleared_by_new_edit (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 3, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anonymous, 1, NULL));
  assert_undo (f, "Participant 2’s score for Samverkan");
  g_assert_true (verk_store_set_score_comment (f->store, f->item1, f->anna, "Bara en kommentar", NULL));
  g_assert_true (verk_edit_history_can_redo (f->history));

  g_assert_true (verk_store_set_desired (f->store, f->item2, 4, NULL));
  g_assert_false (verk_edit_history_can_redo (f->history));
  g_assert_null (verk_edit_history_describe_redo (f->history));
  done = verk_edit_history_redo (f->history, &error);
  g_assert_null (done);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (score_of (f, f->item1, f->anonymous, NULL), ==, 0);
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 2);
  assert_undo (f, "the desired level for Lärande");
  assert_undo (f, "Anna’s score for Samverkan");
}

/* The agreed score and the desired level redo; the rationale stays. */
static void
test_redo_agreed_and_desired (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (VerkItem) item = NULL;

  g_assert_true (verk_store_set_agreed (f->store, f->item1, 3, "Vi är överens", NULL));
  g_assert_true (verk_store_set_agreed (f->store, f->item1, 4, "Vi är överens", NULL));
  g_assert_true (verk_store_set_desired (f->store, f->item1, 5, NULL));
  assert_undo (f, "the desired level for Samverkan");
  assert_undo (f, "the agreed score for Samverkan");
  assert_undo (f, "the agreed score for Samverkan");
  item = verk_store_get_item (f->store, f->item1, NULL);
  g_assert_cmpint (item->agreed, ==, 0);
  g_assert_cmpint (item->desired, ==, 0);
  g_clear_pointer (&item, verk_item_free);

  assert_redo (f, "the agreed score for Samverkan");
  assert_redo (f, "the agreed score for Samverkan");
  item = verk_store_get_item (f->store, f->item1, NULL);
  g_assert_cmpint (item->agreed, ==, 4);
  g_assert_cmpint (item->desired, ==, 0);
  g_assert_cmpstr (item->rationale, ==, "Vi är överens");
  g_clear_pointer (&item, verk_item_free);
  assert_redo (f, "the desired level for Samverkan");
  item = verk_store_get_item (f->store, f->item1, NULL);
  g_assert_cmpint (item->agreed, ==, 4);
  g_assert_cmpint (item->desired, ==, 5);
  g_assert_false (verk_edit_history_can_redo (f->history));
}

/* Anna's score of the first piece and its comment in round 2, then in round 1. */
static void
assert_anna_rounds (Fixture    *f,
                    int         round2,
                    const char *comment2,
                    int         round1,
                    const char *comment1)
{
  g_autofree char *comment = NULL;

  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, &comment), ==, round2);
  g_assert_cmpstr (comment, ==, comment2);
  g_clear_pointer (&comment, g_free);
  g_assert_cmpint (score_of (f, f->item1, f->anna, &comment), ==, round1);
  g_assert_cmpstr (comment, ==, comment1);
}

/* Round 2's scores redo in round 2, with round 2's comment; round 1 untouched. */
static void
test_redo_second_round (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 1, NULL));
  g_assert_true (verk_store_set_score_comment (f->store, f->item1, f->anna, "Vi ses för sällan", NULL));
  g_assert_true (verk_store_start_second_round (f->store, f->item1, &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->item1, f->anna, 3, "från telefonen", &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->item1, f->anna, 0, NULL, &error));
  g_assert_no_error (error);

  assert_undo (f, "Anna’s round 2 score for Samverkan");   /* the clearing */
  assert_undo (f, "Anna’s round 2 score for Samverkan");   /* the first */
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, NULL), ==, 0);

  assert_redo (f, "Anna’s round 2 score for Samverkan");
  assert_anna_rounds (f, 3, "från telefonen", 1, "Vi ses för sällan");
  assert_redo (f, "Anna’s round 2 score for Samverkan");
  assert_anna_rounds (f, 0, NULL, 1, "Vi ses för sällan");
  g_assert_false (verk_edit_history_can_redo (f->history));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 3);
}

/* A step whose participant was removed after Undo cannot be redone: a clear
 * error, the step dropped, the next one still redoes. */
static void
test_redo_after_participant_removed (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  g_assert_true (verk_store_set_score (f->store, f->item2, f->anonymous, 4, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 3, NULL));
  assert_undo (f, "Anna’s score for Samverkan");
  assert_undo (f, "Participant 2’s score for Lärande");
  g_assert_true (verk_store_remove_participant (f->store, f->anonymous, NULL));
  g_assert_true (verk_edit_history_can_redo (f->history));   /* removing is no score edit */

  done = verk_edit_history_redo (f->history, &error);
  g_assert_null (done);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "The score change cannot be redone: its piece, participant or round has been removed since.");
  g_assert_false (verk_edit_history_can_undo (f->history));
  assert_redo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 3);
  g_assert_false (verk_edit_history_can_redo (f->history));
}

/* Following another workshop forgets what there was to redo. */
static void
test_redo_forgotten_on_workshop_switch (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;
  guint redo_notified = 0;

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 3, NULL));
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_true (verk_edit_history_can_redo (f->history));
  g_signal_connect (f->history, "notify::can-redo", G_CALLBACK (on_notify_count), &redo_notified);

  verk_edit_history_set_workshop (f->history, 0);
  g_assert_cmpuint (redo_notified, ==, 1);
  verk_edit_history_set_workshop (f->history, f->workshop);
  g_assert_false (verk_edit_history_can_redo (f->history));
  done = verk_edit_history_redo (f->history, &error);
  g_assert_null (done);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
}

/* The store's additions for the Workshop Details editor. */
static void
test_store_move_and_list_removed (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) removed = NULL;
  gint64 bo = verk_store_add_participant (f->store, f->workshop, "Bo", &error);

  g_assert_no_error (error);
  g_assert_true (verk_store_move_participant (f->store, bo, 0, &error));
  g_assert_true (verk_store_move_participant (f->store, f->anna, 99, &error));
  g_assert_no_error (error);
  list = verk_store_list_participants (f->store, f->workshop, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((VerkParticipant *) list->pdata[0])->id, ==, bo);
  g_assert_cmpint (((VerkParticipant *) list->pdata[1])->id, ==, f->anonymous);
  g_assert_cmpint (((VerkParticipant *) list->pdata[2])->id, ==, f->anna);

  g_assert_true (verk_store_remove_participant (f->store, f->anonymous, NULL));
  g_assert_true (verk_store_remove_item (f->store, f->item2, NULL));
  removed = verk_store_list_removed_participants (f->store, f->workshop, &error);
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_cmpint (((VerkParticipant *) removed->pdata[0])->id, ==, f->anonymous);
  g_clear_pointer (&removed, g_ptr_array_unref);
  removed = verk_store_list_removed_items (f->store, f->workshop, &error);
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_cmpstr (((VerkItem *) removed->pdata[0])->name, ==, "Lärande");
  g_clear_pointer (&removed, g_ptr_array_unref);

  g_assert_true (verk_store_restore_item (f->store, f->item2, NULL));
  removed = verk_store_list_removed_items (f->store, f->workshop, &error);
  g_assert_cmpuint (removed->len, ==, 0);
  /* A removed participant cannot be moved. */
  g_assert_false (verk_store_move_participant (f->store, f->anonymous, 0, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
}

/* A participant's vote from a phone, as the room server writes it. */
static void
phone_vote (Fixture *f,
            gint64   item,
            gint64   participant,
            int      value)
{
  VerkOrigin before = verk_store_set_origin (f->store, VERK_ORIGIN_ROOM);

  g_assert_true (verk_store_set_score (f->store, item, participant, value, NULL));
  verk_store_set_origin (f->store, before);
}

static void
phone_vote_second_round (Fixture *f,
                         gint64   item,
                         gint64   participant,
                         int      value)
{
  VerkOrigin before = verk_store_set_origin (f->store, VERK_ORIGIN_ROOM);

  g_assert_true (verk_store_set_second_round_score (f->store, item, participant, value, "från telefonen", NULL));
  verk_store_set_origin (f->store, before);
}

/* Undo or Redo fails with CHANGED_SINCE and @expected, and writes nothing. */
static void
assert_changed_since (Fixture    *f,
                      char     *(*apply) (VerkEditHistory *, GError **),
                      const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = apply (f->history, &error);

  g_assert_null (done);
  g_assert_error (error, VERK_EDIT_HISTORY_ERROR, VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A phone's vote is no step: Undo takes back the facilitator's edit before
 * it and leaves the vote; nor does a vote take away Redo. */
static void
test_phone_vote_is_no_step (Fixture       *f,
                            gconstpointer  data)
{
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 3, NULL));
  phone_vote (f, f->item1, f->anonymous, 4);
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 1);

  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
  g_assert_cmpint (score_of (f, f->item1, f->anonymous, NULL), ==, 4);
  g_assert_false (verk_edit_history_can_undo (f->history));

  phone_vote (f, f->item2, f->anonymous, 5);
  g_assert_true (verk_edit_history_can_redo (f->history));
  assert_redo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 3);
  g_assert_cmpint (score_of (f, f->item1, f->anonymous, NULL), ==, 4);
  g_assert_cmpint (score_of (f, f->item2, f->anonymous, NULL), ==, 5);

  /* A vote before the facilitator's edit is what Undo puts back. */
  phone_vote (f, f->item2, f->anna, 2);
  g_assert_true (verk_store_set_score (f->store, f->item2, f->anna, 4, NULL));
  assert_undo (f, "Anna’s score for Lärande");
  g_assert_cmpint (score_of (f, f->item2, f->anna, NULL), ==, 2);
}

/* The facilitator's edit, then the same person's vote for the same piece:
 * Undo keeps the vote, says so, drops the step and goes on with the one
 * before at the next press. */
static void
test_phone_changed_since_undo (Fixture       *f,
                               gconstpointer  data)
{
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 2, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item2, f->anna, 5, NULL));
  phone_vote (f, f->item2, f->anna, 3);

  assert_changed_since (f, verk_edit_history_undo,
                        "Anna changed their score for Lärande on their phone since; nothing was undone.");
  g_assert_cmpint (score_of (f, f->item2, f->anna, NULL), ==, 3);
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 2);
  g_assert_false (verk_edit_history_can_redo (f->history));
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
  g_assert_cmpint (score_of (f, f->item2, f->anna, NULL), ==, 3);
  g_assert_false (verk_edit_history_can_undo (f->history));

  /* A phone that passes (clears its vote) overtakes the edit too. */
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anonymous, 1, NULL));
  phone_vote (f, f->item1, f->anonymous, 0);
  assert_changed_since (f, verk_edit_history_undo,
                        "Participant 2 changed their score for Samverkan on their phone since; nothing was undone.");
  g_assert_cmpint (score_of (f, f->item1, f->anonymous, NULL), ==, 0);
}

/* Undone, then changed on the phone: Redo keeps the vote and says so. */
static void
test_phone_changed_since_redo (Fixture       *f,
                               gconstpointer  data)
{
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 2, NULL));
  g_assert_true (verk_store_set_score (f->store, f->item2, f->anna, 5, NULL));
  assert_undo (f, "Anna’s score for Lärande");
  assert_undo (f, "Anna’s score for Samverkan");
  phone_vote (f, f->item2, f->anna, 1);

  assert_redo (f, "Anna’s score for Samverkan");
  assert_changed_since (f, verk_edit_history_redo,
                        "Anna changed their score for Lärande on their phone since; nothing was redone.");
  g_assert_cmpint (score_of (f, f->item2, f->anna, NULL), ==, 1);
  g_assert_false (verk_edit_history_can_redo (f->history));
  /* Undo goes on with what was redone. */
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item2, f->anna, NULL), ==, 1);

  /* A vote on the phone after a Redo overtakes the step again. */
  assert_redo (f, "Anna’s score for Samverkan");
  phone_vote (f, f->item1, f->anna, 4);
  assert_changed_since (f, verk_edit_history_undo,
                        "Anna changed their score for Samverkan on their phone since; nothing was undone.");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 4);
}

/* A step is one edit: a phone vote for one person of a batch keeps the
 * whole batch as it is. */
static void
test_phone_changed_part_of_batch (Fixture       *f,
                                  gconstpointer  data)
{
  VerkScore row[] = {
    { f->item1, f->anna, 2, NULL },
    { f->item1, f->anonymous, 3, NULL },
  };

  g_assert_true (verk_store_set_scores (f->store, row, G_N_ELEMENTS (row), NULL));
  phone_vote (f, f->item1, f->anonymous, 5);
  assert_changed_since (f, verk_edit_history_undo,
                        "Participant 2 changed their score for Samverkan on their phone since; nothing was undone.");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 2);
  g_assert_cmpint (score_of (f, f->item1, f->anonymous, NULL), ==, 5);
}

/* Round 2: a phone's vote is no step there either, and one that changed a
 * round-2 score since is kept, while round 1's own steps go on. */
static void
test_phone_second_round (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 1, NULL));
  g_assert_true (verk_store_start_second_round (f->store, f->item1, &error));
  g_assert_no_error (error);
  g_assert_true (verk_store_set_second_round_score (f->store, f->item1, f->anonymous, 2, NULL, &error));
  phone_vote_second_round (f, f->item1, f->anna, 3);
  assert_undo (f, "Participant 2’s round 2 score for Samverkan");
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anonymous, NULL), ==, 0);
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, NULL), ==, 3);

  g_assert_true (verk_store_set_second_round_score (f->store, f->item1, f->anna, 5, NULL, &error));
  phone_vote_second_round (f, f->item1, f->anna, 4);
  assert_changed_since (f, verk_edit_history_undo,
                        "Anna changed their round 2 score for Samverkan on their phone since; nothing was undone.");
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, NULL), ==, 4);
  /* Round 1's score is a value of its own: its step is undone. */
  assert_undo (f, "Anna’s score for Samverkan");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 0);
  g_assert_cmpint (second_round_score_of (f, f->item1, f->anna, NULL), ==, 4);
  g_assert_false (verk_edit_history_can_undo (f->history));
}

/* next-undo and next-redo name a step for as long as it lives and change
 * only when the step Undo or Redo would act on does: not with a phone vote. */
static void
test_next_step_names (Fixture       *f,
                      gconstpointer  data)
{
  guint notified = 0, first, second;

  g_signal_connect (f->history, "notify::next-undo", G_CALLBACK (on_notify_count), &notified);
  g_assert_cmpuint (verk_edit_history_get_next_undo (f->history), ==, 0);
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 2, NULL));
  first = verk_edit_history_get_next_undo (f->history);
  g_assert_cmpuint (first, !=, 0);
  g_assert_cmpuint (notified, ==, 1);
  phone_vote (f, f->item2, f->anna, 4);
  g_assert_cmpuint (verk_edit_history_get_next_undo (f->history), ==, first);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anonymous, 3, NULL));
  second = verk_edit_history_get_next_undo (f->history);
  g_assert_cmpuint (second, !=, first);
  g_assert_cmpuint (notified, ==, 2);

  assert_undo (f, "Participant 2’s score for Samverkan");
  g_assert_cmpuint (verk_edit_history_get_next_redo (f->history), ==, second);
  g_assert_cmpuint (verk_edit_history_get_next_undo (f->history), ==, first);
  assert_redo (f, "Participant 2’s score for Samverkan");
  g_assert_cmpuint (verk_edit_history_get_next_undo (f->history), ==, second);
  g_assert_cmpuint (verk_edit_history_get_next_redo (f->history), ==, 0);
}

/* A write the history does not see as a score edit, then the store's
 * "read everything again" (VERK_CHANGE_GROUPS of no workshop), as a
 * workshop file imported or a backup put back announce theirs. */
static void
write_unseen_then_reload (Fixture *f,
                          gint64   item,
                          gint64   participant,
                          int      value)
{
  g_signal_handlers_block_matched (f->store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, f->history);
  g_assert_true (verk_store_set_score (f->store, item, participant, value, NULL));
  g_signal_handlers_unblock_matched (f->store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, f->history);
  g_signal_emit_by_name (f->store, "changed", (int) VERK_CHANGE_GROUPS, (gint64) 0);
}

/* An import's or a restored backup's scores are no step, are not folded
 * into the facilitator's next one, and no older step overwrites them. */
static void
test_reload_is_no_step (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_true (verk_store_set_score (f->store, f->item1, f->anna, 2, NULL));
  write_unseen_then_reload (f, f->item1, f->anonymous, 3);
  g_assert_true (verk_store_set_score (f->store, f->item2, f->anna, 1, NULL));
  g_assert_cmpuint (verk_edit_history_get_n_steps (f->history), ==, 2);
  assert_undo (f, "Anna’s score for Lärande");
  g_assert_cmpint (score_of (f, f->item1, f->anonymous, NULL), ==, 3);

  write_unseen_then_reload (f, f->item1, f->anna, 4);
  assert_changed_since (f, verk_edit_history_undo,
                        "Since then, Anna’s score for Samverkan was changed elsewhere; nothing was undone.");
  g_assert_cmpint (score_of (f, f->item1, f->anna, NULL), ==, 4);
  g_assert_false (verk_edit_history_can_undo (f->history));
  /* Redo was kept by the reload, and refused the same way. */
  write_unseen_then_reload (f, f->item2, f->anna, 5);
  assert_changed_since (f, verk_edit_history_redo,
                        "Since then, Anna’s score for Lärande was changed elsewhere; nothing was redone.");
  g_assert_cmpint (score_of (f, f->item2, f->anna, NULL), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/edit-history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("score-set-changed-cleared", test_score_set_changed_cleared);
  ADD ("agreed-and-desired", test_agreed_and_desired);
  ADD ("batch-is-one-step", test_batch_is_one_step);
  ADD ("cleared-comment-comes-back", test_cleared_comment_comes_back);
  ADD ("second-round", test_second_round);
  ADD ("bounded-and-per-workshop", test_bounded_and_per_workshop);
  ADD ("removed-participant-is-no-step", test_removed_participant_is_no_step);
  ADD ("store-move-and-list-removed", test_store_move_and_list_removed);
  ADD ("redo-after-undo", test_redo_after_undo);
  ADD ("redo-cleared-by-new-edit", test_redo_cleared_by_new_edit);
  ADD ("redo-agreed-and-desired", test_redo_agreed_and_desired);
  ADD ("redo-second-round", test_redo_second_round);
  ADD ("redo-after-participant-removed", test_redo_after_participant_removed);
  ADD ("redo-forgotten-on-workshop-switch", test_redo_forgotten_on_workshop_switch);
  ADD ("phone-vote-is-no-step", test_phone_vote_is_no_step);
  ADD ("phone-changed-since-undo", test_phone_changed_since_undo);
  ADD ("phone-changed-since-redo", test_phone_changed_since_redo);
  ADD ("phone-changed-part-of-batch", test_phone_changed_part_of_batch);
  ADD ("phone-second-round", test_phone_second_round);
  ADD ("next-step-names", test_next_step_names);
  ADD ("reload-is-no-step", test_reload_is_no_step);
#undef ADD
  return g_test_run ();
}
