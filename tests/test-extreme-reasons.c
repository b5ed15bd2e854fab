/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "verk-extreme-reasons.h"

/* The reasons behind a piece's extreme scores, as the room sees them at the
 * reveal (issue 15): the reasons given with the lowest and the highest score
 * of the shown round, in the order of their text, empty ones left out, and
 * nothing before the facilitator's reveal. Read from a session's model on a
 * real (in-memory) store. */

#define N_PEOPLE 6

typedef struct {
  VerkStore   *store;
  VerkSession *session;
  gint64       items[2];
  gint64       people[N_PEOPLE];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 group, workshop;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  workshop = verk_store_add_workshop (f->store, group, "2026-03-01", "Eva", &error);
  g_assert_no_error (error);
  f->items[0] = verk_store_add_item (f->store, workshop, "siq", NULL, "Samverkan", "", &error);
  f->items[1] = verk_store_add_item (f->store, workshop, "siq", NULL, "Lärande", "", &error);
  g_assert_no_error (error);
  for (guint p = 0; p < N_PEOPLE; p++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", p + 1);

      f->people[p] = verk_store_add_participant (f->store, workshop, name, &error);
      g_assert_no_error (error);
    }
  f->session = verk_session_new (f->store);
  verk_session_set_workshop_id (f->session, workshop);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->store);
}

/* Person @p (0-based) gives @value with @reason (NULL: none) in round 1. */
static void
give (Fixture    *f,
      gint64      item,
      guint       p,
      int         value,
      const char *reason)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (verk_store_set_score (f->store, item, f->people[p], value, &error));
  g_assert_true (verk_store_set_score_comment (f->store, item, f->people[p], reason, &error));
  g_assert_no_error (error);
}

/* The ends as one line: "1: [a][b] | 5: [c]", "everyone 3: [a]", "" for none. */
static char *
describe (GPtrArray *ends)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ends->len; i++)
    {
      VerkExtremeReasons *end = g_ptr_array_index (ends, i);

      g_assert_nonnull (end->reasons);
      g_assert_nonnull (end->reasons[0]);
      g_string_append_printf (text, "%s%s%d:", i > 0 ? " | " : "", end->everyone ? "everyone " : "", end->score);
      for (guint r = 0; end->reasons[r] != NULL; r++)
        g_string_append_printf (text, "[%s]", end->reasons[r]);
    }
  return g_string_free (text, FALSE);
}

static char *
round_text (Fixture *f,
            gint64   item,
            guint    round)
{
  g_autoptr (GPtrArray) ends = verk_extreme_reasons_of_round (verk_session_get_model (f->session), item, round);

  return describe (ends);
}

static char *
revealed_text (Fixture *f,
               gint64   item)
{
  g_autoptr (GPtrArray) ends = verk_extreme_reasons_revealed (f->session, item);

  return describe (ends);
}

/* The lowest and the highest score's reasons, ties with all their reasons,
 * sorted by text whatever the participants' order; the middle's, empty and
 * blank ones left out, and no empty end. */
static void
test_lowest_and_highest (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *both = NULL;
  g_autofree char *high_only = NULL;
  g_autofree char *none = NULL;

  give (f, f->items[0], 0, 2, "svårt att se helheten");
  give (f, f->items[0], 1, 4, "vi står still");          /* the middle: not an extreme */
  give (f, f->items[0], 2, 5, "  alla hjälps åt  ");
  give (f, f->items[0], 3, 2, "Beslut fattas i stuprör");
  give (f, f->items[0], 4, 5, "   ");                     /* blank: left out */
  give (f, f->items[0], 5, 2, NULL);                      /* no reason: left out */
  both = round_text (f, f->items[0], 1);
  /* Sorted by text (the last person's reason before the first's), spaces trimmed. */
  g_assert_cmpstr (both, ==, "2:[Beslut fattas i stuprör][svårt att se helheten] | 5:[alla hjälps åt]");

  /* Only the highest end has a reason: only it is there. */
  give (f, f->items[0], 0, 2, "");
  give (f, f->items[0], 3, 2, NULL);
  high_only = round_text (f, f->items[0], 1);
  g_assert_cmpstr (high_only, ==, "5:[alla hjälps åt]");

  /* No extreme has a reason (the middle's does not count): nothing. */
  give (f, f->items[0], 2, 5, NULL);
  none = round_text (f, f->items[0], 1);
  g_assert_cmpstr (none, ==, "");
}

/* Everyone gave the same score: one end, marked everyone, with all the
 * reasons; a piece nobody scored has none. */
static void
test_all_equal (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *equal = NULL;
  g_autofree char *unscored = NULL;

  for (guint p = 0; p < N_PEOPLE; p++)
    give (f, f->items[0], p, 3, p % 2 == 0 ? NULL : p == 1 ? "b: mitt emellan" : p == 3 ? "a: på väg" : "c: ojämnt");
  equal = round_text (f, f->items[0], 1);
  g_assert_cmpstr (equal, ==, "everyone 3:[a: på väg][b: mitt emellan][c: ojämnt]");
  unscored = round_text (f, f->items[1], 1);
  g_assert_cmpstr (unscored, ==, "");
}

/* Round 2's ends and reasons come from round 2's scores and comments;
 * round 1's stay as they were. */
static void
test_second_round (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_after = NULL;

  give (f, f->items[0], 0, 1, "inget händer");
  give (f, f->items[0], 1, 5, "det fungerar");
  give (f, f->items[0], 2, 3, "lagom");
  g_assert_true (verk_store_start_second_round (f->store, f->items[0], &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[0], 2, "lite händer", &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[1], 4, NULL, &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[2], 4, "bättre än jag trodde",
                                                    &error));
  g_assert_no_error (error);
  first = round_text (f, f->items[0], 1);
  g_assert_cmpstr (first, ==, "1:[inget händer] | 5:[det fungerar]");
  second = round_text (f, f->items[0], 2);
  g_assert_cmpstr (second, ==, "2:[lite händer] | 4:[bättre än jag trodde]");

  /* A reason changed in round 2 is round 2's only. */
  g_assert_true (verk_store_set_second_round_comment (f->store, f->items[0], f->people[1], "nu ser jag det", &error));
  g_assert_no_error (error);
  g_free (second);
  second = round_text (f, f->items[0], 2);
  g_assert_cmpstr (second, ==, "2:[lite händer] | 4:[bättre än jag trodde][nu ser jag det]");
  first_after = round_text (f, f->items[0], 1);
  g_assert_cmpstr (first_after, ==, first);
}

/* Silent first: nothing of a reason before the facilitator's reveal, also
 * with "hide until reveal" off (the scores then show as they come); round
 * 1's at its reveal; nothing while round 2 is silent; round 2's at its own
 * reveal. */
static void
test_nothing_before_reveal (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *open_scores = NULL;
  g_autofree char *revealed = NULL;
  g_autofree char *other_piece = NULL;
  g_autofree char *silent_round = NULL;
  g_autofree char *round_two = NULL;
  g_autofree char *other_workshop = NULL;

  give (f, f->items[0], 0, 1, "inget händer");
  give (f, f->items[0], 1, 5, "det fungerar");
  give (f, f->items[1], 0, 2, "annan bit");
  give (f, f->items[1], 1, 3, "annan bit igen");
  hidden = revealed_text (f, f->items[0]);
  g_assert_cmpstr (hidden, ==, "");

  verk_session_set_hide_until_reveal (f->session, FALSE);
  g_assert_true (verk_session_scores_visible (f->session, f->items[0]));
  open_scores = revealed_text (f, f->items[0]);
  g_assert_cmpstr (open_scores, ==, "");
  verk_session_set_hide_until_reveal (f->session, TRUE);

  verk_session_set_revealed (f->session, f->items[0], TRUE);
  revealed = revealed_text (f, f->items[0]);
  g_assert_cmpstr (revealed, ==, "1:[inget händer] | 5:[det fungerar]");
  other_piece = revealed_text (f, f->items[1]);
  g_assert_cmpstr (other_piece, ==, "");

  /* The second round hides the piece again (as the room server does). */
  g_assert_true (verk_store_start_second_round (f->store, f->items[0], &error));
  g_assert_no_error (error);
  verk_session_set_revealed (f->session, f->items[0], FALSE);
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[0], 3, "vi pratade", &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[0], f->people[1], 4, "fortfarande bra",
                                                    &error));
  g_assert_no_error (error);
  silent_round = revealed_text (f, f->items[0]);
  g_assert_cmpstr (silent_round, ==, "");
  verk_session_set_revealed (f->session, f->items[0], TRUE);
  round_two = revealed_text (f, f->items[0]);
  g_assert_cmpstr (round_two, ==, "3:[vi pratade] | 4:[fortfarande bra]");

  /* Another workshop clears every reveal. */
  verk_session_set_workshop_id (f->session, 0);
  other_workshop = revealed_text (f, f->items[0]);
  g_assert_cmpstr (other_workshop, ==, "");
}

/* The ends move as the participants are read (one walk over them): the
 * reasons gathered at an end the next score goes past are dropped. */
static void
test_ends_move (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *moved = NULL;

  give (f, f->items[0], 0, 3, "tre");          /* both ends at first */
  give (f, f->items[0], 1, 2, "två");
  give (f, f->items[0], 2, 4, "fyra");
  give (f, f->items[0], 3, 1, "ett");
  give (f, f->items[0], 4, 5, "fem");
  give (f, f->items[0], 5, 1, "också ett");
  moved = round_text (f, f->items[0], 1);
  g_assert_cmpstr (moved, ==, "1:[ett][också ett] | 5:[fem]");
}

/* A reason as one running text for a quote of a few lines on the
 * projector: a line break after a sentence is a space, inside a list " / ";
 * blank lines and runs of spaces collapse; a reason of 10,000 characters is
 * cut at a word, with "…". */
static void
test_one_line (void)
{
  static const struct { const char *given, *shown; } cases[] = {
    { "Budgeten styr allt", "Budgeten styr allt" },
    { "Vi har en plan.\nMen ingen följer den.", "Vi har en plan. Men ingen följer den." },
    { "budget\nplan\r\n\n\n  uppföljning  ", "budget / plan / uppföljning" },
    { "Inget följs upp:\n\n- budget\n- plan", "Inget följs upp: - budget / - plan" },
    { "flikar\toch   mellanslag", "flikar och mellanslag" },
    { "\n\n  \n", "" },
  };
  g_autoptr (GString) long_reason = g_string_new (NULL);
  g_autofree char *cut = NULL;
  g_autofree char *whole = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = verk_extreme_reasons_one_line (cases[i].given, 0);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  while (long_reason->len < 10000)
    g_string_append (long_reason, "Vi pratar om långsiktighet men styrs av årets budget\n\n");
  g_string_truncate (long_reason, 10000);
  cut = verk_extreme_reasons_one_line (long_reason->str, 400);
  g_assert_cmpuint (g_utf8_strlen (cut, -1), <=, 401);
  g_assert_cmpuint (g_utf8_strlen (cut, -1), >, 350);
  g_assert_true (g_str_has_prefix (cut, "Vi pratar om långsiktighet men styrs av årets budget / Vi pratar"));
  g_assert_true (g_str_has_suffix (cut, "…"));
  /* At a word: the letter before "…" ends a word of the text. */
  g_assert_false (g_str_has_suffix (cut, " …"));
  g_assert_null (strchr (cut, '\n'));
  whole = verk_extreme_reasons_one_line (long_reason->str, 0);
  g_assert_cmpuint (g_utf8_strlen (whole, -1), >, 9000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/extreme-reasons/lowest-and-highest", test_lowest_and_highest);
  ADD ("/extreme-reasons/all-equal", test_all_equal);
  ADD ("/extreme-reasons/second-round", test_second_round);
  ADD ("/extreme-reasons/nothing-before-reveal", test_nothing_before_reveal);
  ADD ("/extreme-reasons/ends-move", test_ends_move);
#undef ADD
  g_test_add_func ("/extreme-reasons/one-line", test_one_line);
  return g_test_run ();
}
