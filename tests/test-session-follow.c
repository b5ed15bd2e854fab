/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verk-session.h"

/* verk_session_follow_part(): a view's handlers go on signal groups once and
 * follow whichever session the view is given, to its model, store and timer,
 * and let go of the old one. */

static void
count_changed (GObject *object,
               int      kind,
               guint   *n)
{
  (*n)++;
}

static void
count_store_changed (VerkStore *store,
                     int        kind,
                     gint64     workshop_id,
                     guint     *n)
{
  (*n)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

typedef struct {
  VerkStore   *store;
  VerkSession *sessions[2];
  gint64       items[2];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 group;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      gint64 workshop = verk_store_add_workshop (f->store, group, i == 0 ? "2026-01-10" : "2026-06-01", "Åsa",
                                                 &error);

      g_assert_no_error (error);
      f->items[i] = verk_store_add_item (f->store, workshop, "siq", NULL, "Samverkan", "", &error);
      g_assert_no_error (error);
      f->sessions[i] = verk_session_new (f->store);
      verk_session_set_workshop_id (f->sessions[i], workshop);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->sessions[0]);
  g_clear_object (&f->sessions[1]);
  g_clear_object (&f->store);
}

static void
test_follows_session (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GSignalGroup *session_signals = g_signal_group_new (VERK_TYPE_SESSION);
  GSignalGroup *model_signals = verk_session_follow_part (session_signals, VERK_SESSION_PART_MODEL);
  GSignalGroup *store_signals = verk_session_follow_part (session_signals, VERK_SESSION_PART_STORE);
  GSignalGroup *timer_signals = verk_session_follow_part (session_signals, VERK_SESSION_PART_TIMER);
  g_autoptr (GObject) target = NULL;
  guint n_model = 0, n_store = 0, n_timer = 0;

  g_signal_group_connect (model_signals, "changed", G_CALLBACK (count_changed), &n_model);
  g_signal_group_connect (store_signals, "changed", G_CALLBACK (count_store_changed), &n_store);
  g_signal_group_connect (timer_signals, "notify::duration", G_CALLBACK (count_notify), &n_timer);

  /* No session: nothing is followed. */
  target = g_signal_group_dup_target (model_signals);
  g_assert_null (target);

  g_signal_group_set_target (session_signals, f->sessions[0]);
  target = g_signal_group_dup_target (model_signals);
  g_assert_true (target == G_OBJECT (verk_session_get_model (f->sessions[0])));
  g_clear_object (&target);
  target = g_signal_group_dup_target (store_signals);
  g_assert_true (target == G_OBJECT (f->store));
  g_clear_object (&target);

  /* An edit of the session's workshop reaches the model's handler once;
   * one of the other workshop only the store's. */
  g_assert_true (verk_store_set_agreed (f->store, f->items[0], 3, "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_model, ==, 1);
  g_assert_cmpuint (n_store, ==, 1);
  g_assert_true (verk_store_set_agreed (f->store, f->items[1], 3, "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_model, ==, 1);
  g_assert_cmpuint (n_store, ==, 2);
  verk_timer_set_duration (verk_session_get_timer (f->sessions[0]), 120);
  g_assert_cmpuint (n_timer, ==, 1);

  /* Another session: the handlers moved, the old session is no longer heard. */
  g_signal_group_set_target (session_signals, f->sessions[1]);
  g_assert_true (verk_store_set_agreed (f->store, f->items[0], 4, "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_model, ==, 1);
  g_assert_true (verk_store_set_agreed (f->store, f->items[1], 4, "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_model, ==, 2);
  verk_timer_set_duration (verk_session_get_timer (f->sessions[0]), 180);
  g_assert_cmpuint (n_timer, ==, 1);
  verk_timer_set_duration (verk_session_get_timer (f->sessions[1]), 180);
  g_assert_cmpuint (n_timer, ==, 2);

  /* None again: nothing is heard. */
  g_signal_group_set_target (session_signals, NULL);
  target = g_signal_group_dup_target (timer_signals);
  g_assert_null (target);
  g_assert_true (verk_store_set_agreed (f->store, f->items[1], 5, "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_model, ==, 2);
  g_assert_cmpuint (n_store, ==, 4);

  g_object_unref (timer_signals);
  g_object_unref (store_signals);
  g_object_unref (model_signals);
  g_object_unref (session_signals);
}

/* A group made while the session group has its session follows it at once. */
static void
test_made_after_session (Fixture       *f,
                         gconstpointer  data)
{
  GSignalGroup *session_signals = g_signal_group_new (VERK_TYPE_SESSION);
  GSignalGroup *timer_signals;
  g_autoptr (GObject) target = NULL;

  g_signal_group_set_target (session_signals, f->sessions[1]);
  timer_signals = verk_session_follow_part (session_signals, VERK_SESSION_PART_TIMER);
  target = g_signal_group_dup_target (timer_signals);
  g_assert_true (target == G_OBJECT (verk_session_get_timer (f->sessions[1])));

  g_object_unref (timer_signals);
  g_object_unref (session_signals);
}

/* The session going away takes the parts' targets with it. */
static void
test_session_finalized (Fixture       *f,
                        gconstpointer  data)
{
  GSignalGroup *session_signals = g_signal_group_new (VERK_TYPE_SESSION);
  GSignalGroup *model_signals = verk_session_follow_part (session_signals, VERK_SESSION_PART_MODEL);
  g_autoptr (GObject) target = NULL;

  g_signal_group_set_target (session_signals, f->sessions[0]);
  g_clear_object (&f->sessions[0]);
  target = g_signal_group_dup_target (model_signals);
  g_assert_null (target);

  g_object_unref (model_signals);
  g_object_unref (session_signals);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/session/follow-part", Fixture, NULL, fixture_setup, test_follows_session, fixture_teardown);
  g_test_add ("/session/follow-part-made-after", Fixture, NULL, fixture_setup, test_made_after_session,
              fixture_teardown);
  g_test_add ("/session/follow-part-session-finalized", Fixture, NULL, fixture_setup, test_session_finalized,
              fixture_teardown);
  return g_test_run ();
}
