/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verk-session.h"

/* The session's one timer: every view shows it, and a new discussion (a new
 * piece, or a new step) starts from the full duration. */

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
test_session_owns_one_timer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkSession) session = NULL;
  VerkTimer *timer = NULL;

  g_assert_no_error (error);
  session = verk_session_new (store);
  g_assert_true (VERK_IS_TIMER (verk_session_get_timer (session)));
  g_assert_true (verk_session_get_timer (session) == verk_session_get_timer (session));
  g_object_get (session, "timer", &timer, NULL);
  g_assert_true (timer == verk_session_get_timer (session));
  g_object_unref (timer);
}

static void
test_new_piece_resets_timer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkSession) session = NULL;
  VerkTimer *timer;
  gint64 now = 0;

  g_assert_no_error (error);
  session = verk_session_new (store);
  timer = verk_session_get_timer (session);
  verk_timer_set_clock (timer, fake_clock, &now);
  verk_timer_set_duration (timer, 120);

  verk_session_set_selected_item_id (session, 1);
  verk_timer_start (timer);
  now += 30 * G_USEC_PER_SEC;
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 90);

  /* Revealing, or the same piece again, is the same discussion. */
  verk_session_set_revealed (session, 1, TRUE);
  verk_session_set_selected_item_id (session, 1);
  g_assert_true (verk_timer_is_running (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 90);

  verk_session_set_selected_item_id (session, 2);
  g_assert_false (verk_timer_is_running (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 120);
  g_assert_cmpuint (verk_timer_get_duration (timer), ==, 120);
}

static void
test_step_scope_keeps_timer_across_pieces (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkSession) session = NULL;
  VerkTimer *timer;
  gint64 now = 0;

  g_assert_no_error (error);
  session = verk_session_new (store);
  timer = verk_session_get_timer (session);
  verk_timer_set_clock (timer, fake_clock, &now);
  g_assert_cmpint (verk_session_get_timer_scope (session), ==, VERK_TIMER_SCOPE_PIECE);
  verk_session_set_timer_scope (session, VERK_TIMER_SCOPE_STEP);

  verk_timer_start (timer);
  now += 60 * G_USEC_PER_SEC;
  verk_session_set_selected_item_id (session, 5);
  g_assert_true (verk_timer_is_running (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, VERK_TIMER_DEFAULT_DURATION - 60);

  verk_session_set_step (session, VERK_STEP_PRIORITISE);
  g_assert_false (verk_timer_is_running (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, VERK_TIMER_DEFAULT_DURATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-timer/one-timer", test_session_owns_one_timer);
  g_test_add_func ("/session-timer/new-piece-resets", test_new_piece_resets_timer);
  g_test_add_func ("/session-timer/step-scope", test_step_scope_keeps_timer_across_pieces);

  return g_test_run ();
}
