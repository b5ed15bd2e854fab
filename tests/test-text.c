/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "verk-text.h"

static void
test_validate_accepts_swedish_emoji_rtl (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (verk_text_validate ("Åsa Öberg 😀 مرحبا", -1, 200, "the name", &error));
  g_assert_no_error (error);
  g_assert_true (verk_text_validate (NULL, -1, 10, "the name", &error));
}

static void
test_validate_rejects_bad_utf8_nul_and_length (void)
{
  g_autoptr (GError) error = NULL;
  const char with_nul[] = "ab\0cd";

  g_assert_false (verk_text_validate ("ab\xff", -1, 200, "the name", &error));
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_clear_error (&error);

  g_assert_false (verk_text_validate (with_nul, sizeof with_nul - 1, 200, "the name", &error));
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_clear_error (&error);

  g_assert_true (verk_text_validate ("åäö", -1, 3, "the name", &error));
  g_assert_false (verk_text_validate ("åäöx", -1, 3, "the name", &error));
  g_assert_nonnull (strstr (error->message, "3"));
}

static void
test_utf16_counts_emoji_twice (void)
{
  g_autofree char *cut = NULL;

  g_assert_cmpuint (verk_text_utf16_length ("abc"), ==, 3);
  g_assert_cmpuint (verk_text_utf16_length ("å😀"), ==, 3);

  cut = verk_text_truncate_utf16 ("ab😀😀", 5, "…");
  /* "ab" (2) + one emoji (2) + marker (1) = 5 */
  g_assert_cmpstr (cut, ==, "ab😀…");
  g_clear_pointer (&cut, g_free);
  cut = verk_text_truncate_utf16 ("ab😀😀", 4, "…");
  /* the second emoji would split: never half a surrogate pair */
  g_assert_cmpstr (cut, ==, "ab…");
  g_clear_pointer (&cut, g_free);
  cut = verk_text_truncate_utf16 ("short", 10, "…");
  g_assert_cmpstr (cut, ==, "short");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/validate/accepts", test_validate_accepts_swedish_emoji_rtl);
  g_test_add_func ("/text/validate/rejects", test_validate_rejects_bad_utf8_nul_and_length);
  g_test_add_func ("/text/utf16", test_utf16_counts_emoji_twice);
  return g_test_run ();
}
