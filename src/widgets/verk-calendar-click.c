/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-calendar-click"

#include "config.h"

#include "verk-calendar-click.h"

typedef void (*DayClicked) (gpointer data);

/* The calendar selects on press; this runs on release. */
static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             gpointer         data)
{
  GtkWidget *calendar = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (calendar, x, y, GTK_PICK_DEFAULT);
  DayClicked callback = (DayClicked) g_object_get_data (G_OBJECT (gesture), "verk-day-clicked");

  if (picked != NULL && gtk_widget_has_css_class (picked, "day-number") &&
      !gtk_widget_has_css_class (picked, "other-month"))
    callback (data);
}

void
verk_calendar_on_day_clicked (GtkCalendar *calendar,
                              GCallback    callback,
                              gpointer     data)
{
  GtkGesture *click;

  g_return_if_fail (GTK_IS_CALENDAR (calendar));
  g_return_if_fail (callback != NULL);

  click = gtk_gesture_click_new ();
  /* Capture: the day labels' own handling must not hide the release. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_object_set_data (G_OBJECT (click), "verk-day-clicked", (gpointer) callback);
  g_signal_connect (click, "released", G_CALLBACK (on_released), data);
  gtk_widget_add_controller (GTK_WIDGET (calendar), GTK_EVENT_CONTROLLER (click));
}
