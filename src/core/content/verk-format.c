/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-format"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "verk-format.h"

/* Our own month names, so that they follow the UI language (see the header). */
static const char *const month_names[] = {
  NC_("month name in a date", "January"),
  NC_("month name in a date", "February"),
  NC_("month name in a date", "March"),
  NC_("month name in a date", "April"),
  NC_("month name in a date", "May"),
  NC_("month name in a date", "June"),
  NC_("month name in a date", "July"),
  NC_("month name in a date", "August"),
  NC_("month name in a date", "September"),
  NC_("month name in a date", "October"),
  NC_("month name in a date", "November"),
  NC_("month name in a date", "December"),
};

char *
verk_format_gdate_long (const GDate *date)
{
  const char *month;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (g_date_valid (date), NULL);

  month = g_dpgettext2 (GETTEXT_PACKAGE, "month name in a date", month_names[g_date_get_month (date) - 1]);
  /* Translators: a long date: %1$d the day, %2$s the month's name, %3$d the
   * year, as in "2 December 2026". Reorder with the numbered forms. */
  return g_strdup_printf (_("%1$d %2$s %3$d"), g_date_get_day (date), month, g_date_get_year (date));
}

char *
verk_format_date_long (const char *iso_date)
{
  unsigned year, month, day;
  char rest;
  g_autoptr (GDate) date = NULL;

  if (iso_date == NULL)
    return NULL;
  if (strlen (iso_date) != 10 ||
      sscanf (iso_date, "%4u-%2u-%2u%c", &year, &month, &day, &rest) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return g_strdup (iso_date);
  date = g_date_new_dmy (day, month, year);
  return verk_format_gdate_long (date);
}

const char *
verk_format_decimal_separator (void)
{
  /* Translators: the decimal mark in numbers such as "1.5 days" or
   * "mean 2.8": "," in Swedish. */
  return C_("decimal separator", ".");
}

char *
verk_format_decimal (double value,
                     int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr (GString) text = NULL;
  char *point;

  if (decimals < 0)
    {
      g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
      /* "1.50" → "1.5", "1.00" → "1" */
      if (strchr (buffer, '.') != NULL)
        {
          char *end = buffer + strlen (buffer);

          while (end > buffer && end[-1] == '0')
            *--end = '\0';
          if (end > buffer && end[-1] == '.')
            *--end = '\0';
        }
    }
  else
    {
      g_autofree char *format = g_strdup_printf ("%%.%df", MIN (decimals, 9));

      g_ascii_formatd (buffer, sizeof buffer, format, value);
    }
  /* -0.04 rounds to "-0.0": a minus before a zero reads as a mistake. */
  if (buffer[0] == '-' && strspn (buffer + 1, "0.") == strlen (buffer + 1))
    memmove (buffer, buffer + 1, strlen (buffer));
  text = g_string_new (buffer);
  point = strchr (text->str, '.');
  if (point != NULL)
    {
      gssize at = point - text->str;

      g_string_erase (text, at, 1);
      g_string_insert (text, at, verk_format_decimal_separator ());
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
