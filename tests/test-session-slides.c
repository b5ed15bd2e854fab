/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verk-session.h"

/* Where the presentation is within a step, and the anonymous reveal: both
 * live on the session, so a presenter window and the facilitator's window
 * show the same. */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

static void
test_slide_resets_with_step (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkSession) session = NULL;
  guint n = 0;

  g_assert_no_error (error);
  session = verk_session_new (store);
  g_signal_connect (session, "notify::slide", G_CALLBACK (count_notify), &n);
  g_assert_cmpuint (verk_session_get_slide (session), ==, 0);

  verk_session_set_slide (session, 3);
  verk_session_set_slide (session, 3);   /* no change, no notify */
  g_assert_cmpuint (verk_session_get_slide (session), ==, 3);
  g_assert_cmpuint (n, ==, 1);

  /* A new step starts at its first slide. */
  verk_session_set_step (session, VERK_STEP_PLAN);
  g_assert_cmpuint (verk_session_get_slide (session), ==, 0);
  g_assert_cmpuint (n, ==, 2);
}

static void
test_anonymous (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkSession) session = NULL;
  gboolean anonymous = TRUE;
  guint n = 0;

  g_assert_no_error (error);
  session = verk_session_new (store);
  g_signal_connect (session, "notify::anonymous", G_CALLBACK (count_notify), &n);
  g_assert_false (verk_session_get_anonymous (session));
  verk_session_set_anonymous (session, 2);   /* any true value */
  verk_session_set_anonymous (session, TRUE);
  g_assert_true (verk_session_get_anonymous (session));
  g_assert_cmpuint (n, ==, 1);
  g_object_set (session, "anonymous", FALSE, NULL);
  g_object_get (session, "anonymous", &anonymous, NULL);
  g_assert_false (anonymous);
  g_assert_cmpuint (n, ==, 2);
}

/* The disagreement threshold every view reads lives on the session: 2 by
 * default, notified on a change, kept to the settings key's range. */
static void
test_disagreement_threshold (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkSession) session = NULL;
  int threshold = 0;
  guint n = 0;

  g_assert_no_error (error);
  session = verk_session_new (store);
  g_signal_connect (session, "notify::disagreement-threshold", G_CALLBACK (count_notify), &n);
  g_assert_cmpint (verk_session_get_disagreement_threshold (session), ==, 2);
  verk_session_set_disagreement_threshold (session, 3);
  verk_session_set_disagreement_threshold (session, 3);   /* no change, no notify */
  g_assert_cmpint (verk_session_get_disagreement_threshold (session), ==, 3);
  g_assert_cmpuint (n, ==, 1);
  g_object_set (session, "disagreement-threshold", 4, NULL);
  g_object_get (session, "disagreement-threshold", &threshold, NULL);
  g_assert_cmpint (threshold, ==, 4);
  g_assert_cmpuint (n, ==, 2);

  /* A spread of 0 is no disagreement; none is larger than 4. */
  g_test_expect_message ("verk-session", G_LOG_LEVEL_CRITICAL, "*threshold*");
  verk_session_set_disagreement_threshold (session, 0);
  g_test_assert_expected_messages ();
  g_assert_cmpint (verk_session_get_disagreement_threshold (session), ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/slide-resets-with-step", test_slide_resets_with_step);
  g_test_add_func ("/session/anonymous", test_anonymous);
  g_test_add_func ("/session/disagreement-threshold", test_disagreement_threshold);
  return g_test_run ();
}
