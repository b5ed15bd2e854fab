/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A discussion timer: counts a duration down in whole seconds on the GLib main
 * loop. The session owns one, so the facilitator's window and the presenter
 * window show the same time. The remaining time is always computed from a
 * monotonic clock (never by counting ticks), so a late tick cannot make it
 * drift. GObject::notify for "remaining" is the once-a-second tick; "running"
 * and "finished" notify too, and the finished signal fires once on reaching
 * zero. */
#define VERK_TYPE_TIMER (verk_timer_get_type ())
G_DECLARE_FINAL_TYPE (VerkTimer, verk_timer, VERK, TIMER, GObject)

#define VERK_TIMER_DEFAULT_DURATION (5 * 60)
#define VERK_TIMER_MAX_DURATION     (24 * 60 * 60)

/* Returns monotonic microseconds; tests inject their own. */
typedef gint64 (*VerkTimerClock) (gpointer user_data);

VerkTimer *verk_timer_new           (void);
guint      verk_timer_get_duration  (VerkTimer      *self);
/* Sets the duration in seconds (1..VERK_TIMER_MAX_DURATION) and resets. */
void       verk_timer_set_duration  (VerkTimer      *self,
                                     guint           seconds);
/* Starts or resumes; after finishing, starts over from the full duration. */
void       verk_timer_start         (VerkTimer      *self);
void       verk_timer_pause         (VerkTimer      *self);
/* Stops and puts the full duration back. */
void       verk_timer_reset         (VerkTimer      *self);
/* Whole seconds left, rounded up: 0 only once the time is over. */
guint      verk_timer_get_remaining (VerkTimer      *self);
gboolean   verk_timer_is_running    (VerkTimer      *self);
gboolean   verk_timer_is_finished   (VerkTimer      *self);
/* For tests: replaces g_get_monotonic_time(). */
void       verk_timer_set_clock     (VerkTimer      *self,
                                     VerkTimerClock  clock,
                                     gpointer        user_data);
/* "4:05", or "1:02:03" from an hour up. */
char      *verk_timer_format        (guint           seconds);

G_END_DECLS
