/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing the handout through GtkPrintOperation (to a PDF file, as "Print
 * to File" does) gives the same pages as the saved PDF: the same number of
 * pages, and the same text in the same places. Needs a display. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <gtk/gtk.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "handout-fixture.h"
#include "verk-handout-dialog.h"
#include "verk-handout.h"

static guint
count_pages (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\f';
  return n;
}

static void
check_printed (Fixture *f, gint64 workshop, guint expected_pages)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkHandout) handout = verk_handout_new (f->store, workshop, &error);
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autofree char *saved = g_build_filename (f->dir, "saved.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *saved_text = NULL;
  g_autofree char *printed_text = NULL;
  GtkPrintOperationResult result;

  g_assert_no_error (error);
  g_assert_true (verk_handout_write_pdf (handout, saved, &error));
  g_assert_no_error (error);

  operation = verk_handout_print_operation_new (verk_handout_new (f->store, workshop, &error));
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, printed);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));

  saved_text = handout_fixture_pdf_text (saved, "-layout");
  printed_text = handout_fixture_pdf_text (printed, "-layout");
  g_assert_cmpuint (count_pages (saved_text), ==, expected_pages);
  g_assert_cmpuint (count_pages (printed_text), ==, expected_pages);
  g_assert_cmpstr (printed_text, ==, saved_text);
  g_unlink (saved);
  g_unlink (printed);
}

static void
test_first (Fixture *f, gconstpointer data)
{
  const Case *c = data;

  check_printed (f, f->first, c->long_texts ? 2 : 1);
}

static void
test_follow_up (Fixture *f, gconstpointer data)
{
  const Case *c = data;

  check_printed (f, f->follow_up, c->long_texts ? 2 : 1);
}

static const Case sv6 = { "sv", 6, FALSE };
static const Case en12 = { "en", 12, TRUE };

int
main (int argc, char *argv[])
{
  handout_fixture_init_translations ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/handout-print/first/sv-6", Fixture, &sv6, fixture_set_up, test_first, fixture_tear_down);
  g_test_add ("/handout-print/first/en-12-long", Fixture, &en12, fixture_set_up, test_first, fixture_tear_down);
  g_test_add ("/handout-print/follow-up/sv-6", Fixture, &sv6, fixture_set_up, test_follow_up, fixture_tear_down);
  g_test_add ("/handout-print/follow-up/en-12-long", Fixture, &en12, fixture_set_up, test_follow_up,
              fixture_tear_down);
  return g_test_run ();
}
