/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates and numbers in the UI's language, which gettext decides (LANGUAGE),
 * also when the C locale is C.UTF-8 as in the UI tests. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "verk-format.h"

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* setlocale makes gettext forget what it looked up in the last language. */
  setlocale (LC_ALL, "");
}

static void
test_date_english (void)
{
  g_autofree char *date = NULL;
  g_autofree char *first = NULL;

  use_language ("en");
  date = verk_format_date_long ("2026-12-02");
  first = verk_format_date_long ("2027-01-31");
  g_assert_cmpstr (date, ==, "2 December 2026");
  g_assert_cmpstr (first, ==, "31 January 2027");
}

static void
test_date_swedish (void)
{
  g_autofree char *date = NULL;
  g_autofree char *may = NULL;

  use_language ("sv");
  date = verk_format_date_long ("2026-12-02");
  may = verk_format_date_long ("2027-05-01");
  g_assert_cmpstr (date, ==, "2 december 2026");
  g_assert_cmpstr (may, ==, "1 maj 2027");
}

static void
test_date_not_iso (void)
{
  g_autofree char *odd = NULL;
  g_autofree char *bad_day = NULL;
  g_autofree char *longer = NULL;

  use_language ("en");
  odd = verk_format_date_long ("next spring");
  bad_day = verk_format_date_long ("2026-02-30");
  longer = verk_format_date_long ("2026-12-02T10:00");
  g_assert_cmpstr (odd, ==, "next spring");
  g_assert_cmpstr (bad_day, ==, "2026-02-30");
  g_assert_cmpstr (longer, ==, "2026-12-02T10:00");
  g_assert_null (verk_format_date_long (NULL));
}

static void
check_decimal (double value, int decimals, const char *expected)
{
  g_autofree char *text = verk_format_decimal (value, decimals);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_decimal_english (void)
{
  use_language ("en");
  g_assert_cmpstr (verk_format_decimal_separator (), ==, ".");
  check_decimal (1.5, -1, "1.5");
  check_decimal (2.0, -1, "2");
  check_decimal (2.75, -1, "2.75");
  check_decimal (2.8333, 1, "2.8");
  check_decimal (3.0, 1, "3.0");
  check_decimal (-0.04, 1, "0.0");
}

static void
test_decimal_swedish (void)
{
  use_language ("sv");
  g_assert_cmpstr (verk_format_decimal_separator (), ==, ",");
  check_decimal (1.5, -1, "1,5");
  check_decimal (6.0, -1, "6");
  check_decimal (2.8333, 1, "2,8");
  check_decimal (-1.25, 2, "-1,25");
}

/* The C library's own number formatting is not used: under a Swedish
 * LC_NUMERIC printf would already say "1,5", under C.UTF-8 it says "1.5";
 * the UI language decides either way. */
static void
test_c_locale_numbers_ignored (void)
{
  use_language ("sv");
  setlocale (LC_NUMERIC, "C");
  check_decimal (1.5, 1, "1,5");
  use_language ("en");
  check_decimal (1.5, 1, "1.5");
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("VERKSTAD_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/date/english", test_date_english);
  g_test_add_func ("/format/date/swedish", test_date_swedish);
  g_test_add_func ("/format/date/not-iso", test_date_not_iso);
  g_test_add_func ("/format/decimal/english", test_decimal_english);
  g_test_add_func ("/format/decimal/swedish", test_decimal_swedish);
  g_test_add_func ("/format/decimal/c-locale", test_c_locale_numbers_ignored);
  return g_test_run ();
}
