/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-timer"

#include "config.h"

#include "verk-timer.h"

#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)

struct _VerkTimer
{
  GObject         parent_instance;

  VerkTimerClock  clock;
  gpointer        clock_data;

  gint64          duration_us;
  gint64          elapsed_us;     /* before the current run */
  gint64          started_at;     /* clock time the current run began */
  guint           shown;          /* the remaining seconds last notified */
  guint           tick_id;
  gboolean        running;
  gboolean        finished;
};

G_DEFINE_FINAL_TYPE (VerkTimer, verk_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DURATION,
  PROP_REMAINING,
  PROP_RUNNING,
  PROP_FINISHED,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
default_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static gint64
remaining_us (VerkTimer *self)
{
  gint64 left = self->duration_us - self->elapsed_us;

  if (self->running)
    left -= self->clock (self->clock_data) - self->started_at;
  return MAX (left, 0);
}

static guint
to_seconds (gint64 us)
{
  return (guint) ((us + USEC_PER_SEC - 1) / USEC_PER_SEC);
}

static void schedule_tick (VerkTimer *self, gint64 left_us);

static void
set_running (VerkTimer *self,
             gboolean   running)
{
  if (self->running == running)
    return;
  self->running = running;
  if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_finished (VerkTimer *self,
              gboolean   finished)
{
  if (self->finished == finished)
    return;
  self->finished = finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

/* Brings the shown seconds up to date, finishes at zero, and plans the next
 * tick for the moment the shown second will change. */
static void
update (VerkTimer *self)
{
  gint64 left = remaining_us (self);
  guint seconds = to_seconds (left);

  if (seconds != self->shown)
    {
      self->shown = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
    }

  if (!self->running)
    return;

  if (left == 0)
    {
      self->elapsed_us = self->duration_us;
      set_running (self, FALSE);
      set_finished (self, TRUE);
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  schedule_tick (self, left);
}

static gboolean
on_tick (gpointer user_data)
{
  VerkTimer *self = user_data;

  self->tick_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_tick (VerkTimer *self,
               gint64     left_us)
{
  /* Until the shown value drops by one: the part of the second already begun. */
  gint64 until_us = left_us - (gint64) (to_seconds (left_us) - 1) * USEC_PER_SEC;
  guint ms = (guint) CLAMP (until_us / 1000 + 1, 10, 1000);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add (ms, on_tick, self);
}

static void
verk_timer_dispose (GObject *object)
{
  VerkTimer *self = VERK_TIMER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (verk_timer_parent_class)->dispose (object);
}

static void
verk_timer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VerkTimer *self = VERK_TIMER (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      g_value_set_uint (value, verk_timer_get_duration (self));
      break;
    case PROP_REMAINING:
      g_value_set_uint (value, verk_timer_get_remaining (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_timer_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VerkTimer *self = VERK_TIMER (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      verk_timer_set_duration (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_timer_class_init (VerkTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_timer_dispose;
  object_class->get_property = verk_timer_get_property;
  object_class->set_property = verk_timer_set_property;

  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 1, VERK_TIMER_MAX_DURATION,
                       VERK_TIMER_DEFAULT_DURATION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMAINING] =
    g_param_spec_uint ("remaining", NULL, NULL, 0, VERK_TIMER_MAX_DURATION,
                       VERK_TIMER_DEFAULT_DURATION,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VerkTimer::finished:
   *
   * Emitted once when a running timer reaches zero.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
verk_timer_init (VerkTimer *self)
{
  self->clock = default_clock;
  self->duration_us = VERK_TIMER_DEFAULT_DURATION * USEC_PER_SEC;
  self->shown = VERK_TIMER_DEFAULT_DURATION;
}

/** verk_timer_new: Returns: (transfer full): a stopped five-minute timer. */
VerkTimer *
verk_timer_new (void)
{
  return g_object_new (VERK_TYPE_TIMER, NULL);
}

/** verk_timer_get_duration: Returns: the full duration in seconds. */
guint
verk_timer_get_duration (VerkTimer *self)
{
  g_return_val_if_fail (VERK_IS_TIMER (self), 0);
  return (guint) (self->duration_us / USEC_PER_SEC);
}

/** verk_timer_set_duration: Sets the full duration in seconds; stops and resets. */
void
verk_timer_set_duration (VerkTimer *self,
                         guint      seconds)
{
  g_return_if_fail (VERK_IS_TIMER (self));
  g_return_if_fail (seconds >= 1 && seconds <= VERK_TIMER_MAX_DURATION);

  if (self->duration_us != seconds * USEC_PER_SEC)
    {
      self->duration_us = seconds * USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
  verk_timer_reset (self);
}

/** verk_timer_start: Starts or resumes the countdown; after zero, starts over. */
void
verk_timer_start (VerkTimer *self)
{
  g_return_if_fail (VERK_IS_TIMER (self));

  if (self->running)
    return;
  if (self->finished)
    {
      self->elapsed_us = 0;
      set_finished (self, FALSE);
    }
  self->started_at = self->clock (self->clock_data);
  set_running (self, TRUE);
  update (self);
}

/** verk_timer_pause: Stops the countdown where it is. */
void
verk_timer_pause (VerkTimer *self)
{
  g_return_if_fail (VERK_IS_TIMER (self));

  if (!self->running)
    return;
  /* Let update() finish the timer if its time ran out before this call. */
  update (self);
  if (!self->running)
    return;
  self->elapsed_us = self->duration_us - remaining_us (self);
  set_running (self, FALSE);
  update (self);
}

/** verk_timer_reset: Stops the countdown and puts the full duration back. */
void
verk_timer_reset (VerkTimer *self)
{
  g_return_if_fail (VERK_IS_TIMER (self));

  self->elapsed_us = 0;
  set_running (self, FALSE);
  set_finished (self, FALSE);
  update (self);
}

/** verk_timer_get_remaining: Returns: the seconds left, rounded up. */
guint
verk_timer_get_remaining (VerkTimer *self)
{
  g_return_val_if_fail (VERK_IS_TIMER (self), 0);
  return to_seconds (remaining_us (self));
}

/** verk_timer_is_running: Returns: whether the countdown is going. */
gboolean
verk_timer_is_running (VerkTimer *self)
{
  g_return_val_if_fail (VERK_IS_TIMER (self), FALSE);
  return self->running;
}

/** verk_timer_is_finished: Returns: whether the countdown reached zero (until reset). */
gboolean
verk_timer_is_finished (VerkTimer *self)
{
  g_return_val_if_fail (VERK_IS_TIMER (self), FALSE);
  return self->finished;
}

/**
 * verk_timer_set_clock:
 * @clock: (nullable): returns monotonic microseconds; NULL restores the real clock
 *
 * Lets tests move time by hand. Call it while the timer is stopped.
 */
void
verk_timer_set_clock (VerkTimer      *self,
                      VerkTimerClock  clock,
                      gpointer        user_data)
{
  g_return_if_fail (VERK_IS_TIMER (self));
  g_return_if_fail (!self->running);

  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
}

/** verk_timer_format: Returns: (transfer full): @seconds as "m:ss" or "h:mm:ss". */
char *
verk_timer_format (guint seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}
