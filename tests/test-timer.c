/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verk-timer.h"

/* Time is moved by hand, so no assertion depends on how fast the machine is. */
typedef struct {
  gint64 now;
} FakeClock;

static gint64
fake_clock (gpointer user_data)
{
  return ((FakeClock *) user_data)->now;
}

static void
count_cb (gpointer  instance,
          gpointer  pspec_or_nothing,
          guint    *count)
{
  (*count)++;
}

static void
count_signal_cb (gpointer  instance,
                 guint    *count)
{
  (*count)++;
}

static void
test_counts_down_pauses_and_resets (void)
{
  g_autoptr (VerkTimer) timer = verk_timer_new ();
  FakeClock clock = { 1000000000 };

  verk_timer_set_clock (timer, fake_clock, &clock);
  verk_timer_set_duration (timer, 90);
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 90);
  g_assert_false (verk_timer_is_running (timer));

  /* Stopped: time passing changes nothing. */
  clock.now += 10 * G_USEC_PER_SEC;
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 90);

  verk_timer_start (timer);
  g_assert_true (verk_timer_is_running (timer));
  clock.now += 30 * G_USEC_PER_SEC;
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 60);
  /* Part of a second begun still shows the whole second. */
  clock.now += G_USEC_PER_SEC / 2;
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 60);

  verk_timer_pause (timer);
  g_assert_false (verk_timer_is_running (timer));
  clock.now += 100 * G_USEC_PER_SEC;
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 60);

  verk_timer_start (timer);
  clock.now += 20 * G_USEC_PER_SEC;
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 40);
  /* Starting twice does not restart. */
  verk_timer_start (timer);
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 40);

  verk_timer_reset (timer);
  g_assert_false (verk_timer_is_running (timer));
  g_assert_false (verk_timer_is_finished (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 90);
  g_assert_cmpuint (verk_timer_get_duration (timer), ==, 90);
}

static void
test_notifies_only_on_change (void)
{
  g_autoptr (VerkTimer) timer = verk_timer_new ();
  FakeClock clock = { 0 };
  guint remaining_notifies = 0, running_notifies = 0;

  verk_timer_set_clock (timer, fake_clock, &clock);
  verk_timer_set_duration (timer, 10);
  g_signal_connect (timer, "notify::remaining", G_CALLBACK (count_cb), &remaining_notifies);
  g_signal_connect (timer, "notify::running", G_CALLBACK (count_cb), &running_notifies);

  verk_timer_pause (timer);     /* not running: nothing happens */
  verk_timer_reset (timer);     /* already full: nothing changes */
  g_assert_cmpuint (remaining_notifies, ==, 0);
  g_assert_cmpuint (running_notifies, ==, 0);

  verk_timer_start (timer);
  g_assert_cmpuint (running_notifies, ==, 1);
  clock.now += 3 * G_USEC_PER_SEC;
  verk_timer_pause (timer);
  g_assert_cmpuint (running_notifies, ==, 2);
  g_assert_cmpuint (remaining_notifies, ==, 1);
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 7);

  verk_timer_reset (timer);
  g_assert_cmpuint (remaining_notifies, ==, 2);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
test_ticks_and_finishes_on_main_loop (void)
{
  g_autoptr (VerkTimer) timer = verk_timer_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  FakeClock clock = { 0 };
  guint finished = 0, ticks = 0;
  guint guard;

  verk_timer_set_clock (timer, fake_clock, &clock);
  verk_timer_set_duration (timer, 5);
  g_signal_connect (timer, "finished", G_CALLBACK (count_signal_cb), &finished);
  g_signal_connect (timer, "notify::remaining", G_CALLBACK (count_cb), &ticks);
  g_signal_connect_swapped (timer, "finished", G_CALLBACK (g_main_loop_quit), loop);

  verk_timer_start (timer);
  /* The time runs out while nobody looks: the next tick must notice by
   * itself, from the clock, and finish. */
  clock.now += 6 * G_USEC_PER_SEC;
  /* A guard against a hang, not a timing assertion: a tick is due in ≤ 1 s. */
  guard = g_timeout_add_seconds (30, quit_loop, loop);
  g_main_loop_run (loop);
  g_source_remove (guard);

  g_assert_cmpuint (finished, ==, 1);
  g_assert_cmpuint (ticks, ==, 1);
  g_assert_true (verk_timer_is_finished (timer));
  g_assert_false (verk_timer_is_running (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 0);

  /* Pausing or time passing after the end changes nothing. */
  clock.now += 6 * G_USEC_PER_SEC;
  verk_timer_pause (timer);
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 0);
  g_assert_cmpuint (finished, ==, 1);

  /* Starting after the end starts over from the full duration. */
  verk_timer_start (timer);
  g_assert_false (verk_timer_is_finished (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 5);
  verk_timer_reset (timer);
}

static void
test_real_clock_ticks_every_second (void)
{
  g_autoptr (VerkTimer) timer = verk_timer_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint guard;

  verk_timer_set_duration (timer, 2);
  g_signal_connect_swapped (timer, "finished", G_CALLBACK (g_main_loop_quit), loop);
  verk_timer_start (timer);
  guard = g_timeout_add_seconds (30, quit_loop, loop);
  g_main_loop_run (loop);
  g_source_remove (guard);

  g_assert_true (verk_timer_is_finished (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 0);
}

static void
test_pause_after_time_ran_out_finishes (void)
{
  g_autoptr (VerkTimer) timer = verk_timer_new ();
  FakeClock clock = { 0 };
  guint finished = 0;

  verk_timer_set_clock (timer, fake_clock, &clock);
  verk_timer_set_duration (timer, 5);
  g_signal_connect (timer, "finished", G_CALLBACK (count_signal_cb), &finished);
  verk_timer_start (timer);
  clock.now += 7 * G_USEC_PER_SEC;
  verk_timer_pause (timer);
  g_assert_cmpuint (finished, ==, 1);
  g_assert_true (verk_timer_is_finished (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 0);
}

static void
test_duration_change_resets (void)
{
  g_autoptr (VerkTimer) timer = verk_timer_new ();
  FakeClock clock = { 0 };

  g_assert_cmpuint (verk_timer_get_duration (timer), ==, VERK_TIMER_DEFAULT_DURATION);
  verk_timer_set_clock (timer, fake_clock, &clock);
  verk_timer_start (timer);
  clock.now += 61 * G_USEC_PER_SEC;
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, VERK_TIMER_DEFAULT_DURATION - 61);
  g_object_set (timer, "duration", 120u, NULL);
  g_assert_false (verk_timer_is_running (timer));
  g_assert_cmpuint (verk_timer_get_remaining (timer), ==, 120);
}

static void
test_format (void)
{
  g_autofree char *a = verk_timer_format (0);
  g_autofree char *b = verk_timer_format (65);
  g_autofree char *c = verk_timer_format (600);
  g_autofree char *d = verk_timer_format (3723);

  g_assert_cmpstr (a, ==, "0:00");
  g_assert_cmpstr (b, ==, "1:05");
  g_assert_cmpstr (c, ==, "10:00");
  g_assert_cmpstr (d, ==, "1:02:03");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timer/counts-down-pauses-and-resets", test_counts_down_pauses_and_resets);
  g_test_add_func ("/timer/notifies-only-on-change", test_notifies_only_on_change);
  g_test_add_func ("/timer/ticks-and-finishes-on-main-loop", test_ticks_and_finishes_on_main_loop);
  g_test_add_func ("/timer/real-clock-ticks-every-second", test_real_clock_ticks_every_second);
  g_test_add_func ("/timer/pause-after-time-ran-out-finishes", test_pause_after_time_ran_out_finishes);
  g_test_add_func ("/timer/duration-change-resets", test_duration_change_resets);
  g_test_add_func ("/timer/format", test_format);

  return g_test_run ();
}
