/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GtkCalendar emits ::day-selected only when the date changes. After its
 * month arrows it already holds "the same day" of the new month and
 * highlights it, so a click on that highlighted day said nothing: a date
 * picker stayed open and kept its old date. This calls @callback (@data as
 * its only argument) after any click on a day of the shown month, changed
 * or not; the calendar has selected that day by then. */
void  verk_calendar_on_day_clicked  (GtkCalendar *calendar,
                                     GCallback    callback,
                                     gpointer     data);

G_END_DECLS
