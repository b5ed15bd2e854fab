/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The handout PDF, read back with poppler's tools: every value, score,
 * priority and action is in the text, every font is embedded, the file is
 * well-formed A4 of one or two pages, it is written atomically with mode
 * 0600, and `verkstad --export-pdf` fails like --export-xlsx does.
 *
 * VERKSTAD_HANDOUT_KEEP=DIR keeps the PDFs written, to look at them. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "verk-atomic-file.h"
#include "verk-content.h"
#include "verk-format.h"
#include "verk-handout.h"
#include "verk-handout-private.h"
#include "verk-store.h"
#include "handout-fixture.h"
#include "test-cli.h"
#include "test-files.h"

/* Runs a poppler tool and returns what it printed. */
static char *
tool (const char *program, const char *arg1, const char *arg2)
{
  const char *argv[] = { program, arg1, arg2, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (arg2 == NULL)
    argv[2] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", program, arg1, err);
  g_assert_cmpstr (err, ==, "");   /* no syntax warnings either */
  return out;
}

/* The text as laid out on the page: a table's row stays on one line. */
/* Text with line breaks as spaces, so a wrapped name still matches. */
static char *
flat (const char *text)
{
  g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = tool ("pdfinfo", pdf, NULL);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
assert_fonts_embedded (const char *pdf)
{
  g_autofree char *fonts = tool ("pdffonts", pdf, NULL);
  g_auto (GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n = 0;

  /* name, type, encoding, emb, sub, uni, object ID: "emb" is the 4th column
   * from the end. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cols = NULL;
      guint len;

      if (*lines[i] == '\0')
        continue;
      cols = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      len = g_strv_length (cols);
      g_assert_cmpuint (len, >=, 6);
      if (g_strcmp0 (cols[len - 5], "yes") != 0)
        g_error ("font not embedded: %s", lines[i]);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
keep (const char *pdf, const char *name)
{
  const char *dir = g_getenv ("VERKSTAD_HANDOUT_KEEP");
  g_autofree char *contents = NULL;
  gsize len;

  if (dir == NULL)
    return;
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  {
    g_autofree char *file = g_strdup_printf ("%s-%s", g_getenv ("LANGUAGE"), name);
    g_autofree char *path = g_build_filename (dir, file, NULL);
    g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  }
}

static char *
write_handout (Fixture *f, gint64 workshop, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkHandout) handout = verk_handout_new (f->store, workshop, &error);
  char *pdf = g_build_filename (f->dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (verk_handout_write_pdf (handout, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (verk_handout_get_n_pages (handout), ==, pdf_pages (pdf));
  return pdf;
}

static void
test_first_workshop (Fixture *f, gconstpointer data)
{
  const Case *c = data;
  g_autofree char *pdf = write_handout (f, f->first, "first.pdf");
  g_autofree char *raw = handout_fixture_pdf_text (pdf, "-layout");
  g_autofree char *text = flat (raw);
  g_autoptr (GPtrArray) items = verk_store_list_items (f->store, f->first, "siq", NULL);
  g_autoptr (GArray) priorities = verk_store_list_priorities (f->store, f->first, NULL);
  g_autoptr (GPtrArray) actions = verk_store_list_actions (f->store, f->first, NULL);
  g_autofree char *stream = NULL;
  g_autofree char *raw_text = NULL;
  const char *plan;
  guint pages = pdf_pages (pdf);

  g_assert_cmpuint (pages, >=, 1);
  g_assert_cmpuint (pages, <=, 2);
  assert_fonts_embedded (pdf);

  /* Every value with its agreed and desired level, on one line of the table. */
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      g_autofree char *row = g_strdup_printf ("%s %d %d", item->name, item->agreed, item->desired);

      if (strstr (text, row) == NULL)
        g_error ("“%s” is not in the handout:\n%s", row, text);
    }
  /* The priorities in their order, after their heading. */
  {
    const char *at = strstr (text, c->lang[0] == 's' ? "Prioriterade områden" : "Prioritised areas");

    g_assert_nonnull (at);
    for (guint r = 0; r < priorities->len; r++)
      {
        g_autofree char *rank = NULL;
        VerkItem *item = NULL;

        for (guint i = 0; i < items->len; i++)
          if (((VerkItem *) items->pdata[i])->id == g_array_index (priorities, gint64, r))
            item = items->pdata[i];
        rank = g_strdup_printf ("%u. %s", r + 1, item->name);
        at = strstr (at, rank);
        if (at == NULL)
          g_error ("priority “%s” is missing or out of order:\n%s", rank, text);
      }
  }
  /* Every action: what (its start when long), who, by when; in the text's
   * own order, where a wrapped cell stays together. */
  stream = handout_fixture_pdf_text (pdf, "-raw");
  raw_text = flat (stream);
  plan = strstr (raw_text, c->lang[0] == 's' ? "Åtgärdsplan" : "Action plan");
  g_assert_nonnull (plan);
  for (guint a = 0; a < actions->len; a++)
    {
      VerkAction *action = g_ptr_array_index (actions, a);
      g_autofree char *start = g_strndup (action->what, 30);

      g_assert_nonnull (strstr (plan, start));
      g_assert_nonnull (strstr (plan, action->owner));
      /* "By when" as the window shows dates, never ISO. */
      {
        g_autofree char *due = verk_format_date_long (action->due);

        g_assert_nonnull (strstr (plan, due));
        g_assert_null (strstr (plan, action->due));
      }
    }
  /* The follow-up's date, long and in the handout's language. */
  g_assert_nonnull (strstr (text, c->lang[0] == 's' ? "20 september 2026" : "20 September 2026"));
  /* The spread is counts only: never a participant's name. */
  for (guint p = 0; p < HANDOUT_FIXTURE_N_PEOPLE; p++)
    if (strstr (raw_text, handout_fixture_people[p]) != NULL)
      g_error ("a participant's name is in the handout: %s", handout_fixture_people[p]);
  keep (pdf, c->long_texts ? "first-long.pdf" : "first.pdf");
}

static void
test_follow_up (Fixture *f, gconstpointer data)
{
  const Case *c = data;
  g_autofree char *pdf = write_handout (f, f->follow_up, "follow-up.pdf");
  g_autofree char *raw = handout_fixture_pdf_text (pdf, "-layout");
  g_autofree char *text = flat (raw);
  g_autoptr (GPtrArray) items = verk_store_list_items (f->store, f->follow_up, "siq", NULL);
  g_autoptr (GPtrArray) before = verk_store_list_items (f->store, f->first, "siq", NULL);
  g_autoptr (GPtrArray) earlier = verk_store_list_actions (f->store, f->first, NULL);
  const char *done = c->lang[0] == 's' ? "✓ Klar" : "✓ Done";

  g_assert_cmpuint (pdf_pages (pdf), <=, 2);
  assert_fonts_embedded (pdf);
  /* Before → after for each piece. */
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      VerkItem *then = g_ptr_array_index (before, i);
      int change = item->agreed - then->agreed;
      g_autofree char *name = g_regex_escape_string (item->name, -1);
      /* pdftotext leaves out the spaces around a short, centred "4 → 4". */
      g_autofree char *row = change != 0
        ? g_strdup_printf ("%s %d ?→ ?%d \\(\\%+d\\)", name, then->agreed, item->agreed, change)
        : g_strdup_printf ("%s %d ?→ ?%d ", name, then->agreed, item->agreed);

      if (!g_regex_match_simple (row, text, 0, 0))
        g_error ("“%s” is not in the handout:\n%s", row, text);
    }
  /* Which of last time's actions were done. */
  g_assert_nonnull (strstr (text, c->lang[0] == 's' ? "12 mars 2026" : "12 March 2026"));
  g_assert_nonnull (strstr (text, done));
  for (guint a = 0; a < earlier->len; a++)
    {
      g_autofree char *start = g_strndup (((VerkAction *) earlier->pdata[a])->what, 30);
      g_assert_nonnull (strstr (text, start));
    }
  /* The new plan. */
  {
    g_autofree char *stream = handout_fixture_pdf_text (pdf, "-raw");
    g_autofree char *raw_text = flat (stream);
    g_autoptr (GPtrArray) actions = verk_store_list_actions (f->store, f->follow_up, NULL);
    guint n_new = 0;

    for (guint a = 0; a < actions->len; a++)
      {
        VerkAction *action = g_ptr_array_index (actions, a);

        if (action->carried_from != 0)
          continue;
        n_new++;
        g_assert_nonnull (strstr (raw_text, action->what));
        g_assert_nonnull (strstr (raw_text, action->owner));
        {
          g_autofree char *due = verk_format_date_long (action->due);

          g_assert_nonnull (strstr (raw_text, due));
        }
      }
    g_assert_cmpuint (n_new, ==, 1);
  }
  keep (pdf, c->long_texts ? "follow-up-long.pdf" : "follow-up.pdf");
}

/* Short texts fit on one page; the longest still on two. */
static void
test_pages (Fixture *f, gconstpointer data)
{
  const Case *c = data;
  g_autofree char *pdf = write_handout (f, f->first, "pages.pdf");

  if (c->long_texts)
    g_assert_cmpuint (pdf_pages (pdf), ==, 2);
  else
    g_assert_cmpuint (pdf_pages (pdf), ==, 1);
}

/* Text that could never fit on two pages: the handout stays at two and says
 * what it left out. */
static void
test_overflow (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = handout_fixture_repeat ("Ett långt stycke text om hur vi arbetar tillsammans. ", 60);
  g_autofree char *pdf = NULL;
  g_autofree char *raw = NULL;

  for (guint a = 0; a < 40; a++)
    {
      VerkAction action = { .workshop_id = f->first, .what = text, .owner = (char *) "Alla",
                            .status = VERK_ACTION_OPEN, .followup = (char *) "" };
      g_assert_cmpint (verk_store_add_action (f->store, &action, &error), >, 0);
    }
  pdf = write_handout (f, f->first, "overflow.pdf");
  g_assert_cmpuint (pdf_pages (pdf), ==, 2);
  raw = handout_fixture_pdf_text (pdf, "-layout");
  g_assert_nonnull (strstr (raw, "arbetsboken"));   /* "…the workbook has everything." */
}

/* The handout is written as every export is (VerkAtomicFile): never over a
 * backup, a read-only file or a device, and the temporary files of a killed
 * writer are cleaned up. Each refused file stays as it was. */
static void
test_refuses (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkHandout) handout = verk_handout_new (f->store, f->first, &error);
  g_autofree char *backup = g_strconcat (f->db, ".2025-01-01.backup", NULL);
  g_autofree char *read_only = g_build_filename (f->dir, "read-only.pdf", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "fifo.pdf", NULL);
  g_autofree char *stale = g_build_filename (f->dir, ".verkstad-AbC123-h.pdf", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "h.pdf", NULL);
  const struct { const char *path; int code; } cases[] = {
    { f->db, VERK_ATOMIC_FILE_ERROR_PROTECTED },
    { backup, VERK_ATOMIC_FILE_ERROR_PROTECTED },
    { read_only, VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY },
    { fifo, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR },
  };
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (backup, "a backup", -1, NULL));
  g_assert_true (g_file_set_contents (read_only, "keep", -1, NULL));
  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_get_contents (f->db, &db_before, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *base = g_path_get_basename (cases[i].path);

      g_assert_false (verk_handout_write_pdf (handout, cases[i].path, &error));
      g_assert_error (error, VERK_ATOMIC_FILE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, base));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }
  g_assert_true (g_file_get_contents (f->db, &db_after, NULL, NULL));
  g_assert_cmpstr (db_after, ==, db_before);
  assert_file_holds (backup, "a backup");
  assert_file_holds (read_only, "keep");
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* What a killed writer left goes with the next handout in the folder. */
  g_assert_true (g_file_set_contents (stale, "half a handout", -1, NULL));
  g_assert_true (verk_handout_write_pdf (handout, pdf, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_unlink (backup);
  g_chmod (read_only, 0600);
  g_unlink (read_only);
  g_unlink (fifo);
  g_unlink (pdf);
}

static void
test_atomic (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkHandout) handout = verk_handout_new (f->store, f->first, &error);
  g_autofree char *pdf = g_build_filename (f->dir, "h.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "h.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.pdf", NULL);
  GStatBuf st;

  g_assert_no_error (error);
  /* A new file is 0600 whatever the umask; a replaced one keeps its mode. */
  g_assert_true (verk_handout_write_pdf (handout, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 1000);
  g_assert_true (g_file_set_contents (pdf, "old", -1, NULL));
  g_assert_cmpint (g_chmod (pdf, 0640), ==, 0);
  g_assert_true (verk_handout_write_pdf (handout, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_cmpint (st.st_size, >, 1000);

  g_assert_false (verk_handout_write_pdf (handout, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* Never over the database, by any name. */
  {
    g_autofree char *other_name = g_build_filename (f->dir, "link.pdf", NULL);
    g_autofree char *before = NULL, *after = NULL;
    gsize before_len, after_len;

    g_assert_true (g_file_get_contents (f->db, &before, &before_len, NULL));
    g_assert_cmpint (link (f->db, other_name), ==, 0);
    g_assert_false (verk_handout_write_pdf (handout, f->db, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (verk_handout_write_pdf (handout, other_name, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (f->db, &after, &after_len, NULL));
    g_assert_cmpmem (before, before_len, after, after_len);
    g_unlink (other_name);
  }

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (verk_handout_write_pdf (handout, folder, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_rmdir (folder);

  /* Only the database, its journal files and the one handout. */
  {
    g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (!g_str_has_prefix (name, "v.db") && !g_str_equal (name, "h.pdf"))
        g_error ("left behind: %s", name);
  }
}

static void
test_not_found (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkHandout) handout = verk_handout_new (f->store, 9999, &error);

  g_assert_null (handout);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
}

/* ---- verkstad --export-pdf ---------------------------------------------- */

static guint
count_files (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->follow_up);
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "handout.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "missing", "handout.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_clear_object (&f->store);   /* the command line opens the database itself */

  {
    const char *args[] = { "--export-pdf", pdf, "--workshop", id, "--db", f->db, "--lang", "sv", NULL };

    g_assert_cmpint (test_cli_run (args, FALSE, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "handout.pdf"));
    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    {
      g_autofree char *text = handout_fixture_pdf_text (pdf, "-layout");
      g_assert_nonnull (strstr (text, "Åtgärdsplan"));
    }
    g_unlink (pdf);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* Bad arguments: a clear message in the language asked for, no file. */
  {
    const char *no_workshop[] = { "--export-pdf", pdf, "--db", f->db, "--lang", "en", NULL };
    const char *group[] = { "--export-pdf", pdf, "--group", "1", "--db", f->db, "--lang", "en", NULL };
    const char *bad_lang[] = { "--export-pdf", pdf, "--workshop", id, "--lang", "fi", NULL };
    const char *missing[] = { "--export-pdf", pdf, "--workshop", "9999", "--db", f->db, "--lang", "en", NULL };
    const char *no_db[] = { "--export-pdf", pdf, "--workshop", id, "--db", nowhere, "--lang", "en", NULL };
    const char *unwritable[] = { "--export-pdf", nowhere, "--workshop", id, "--db", f->db, "--lang", "sv", NULL };
    const char *not_number[] = { "--export-pdf", pdf, "--workshop", "12abc", "--db", f->db, "--lang", "en", NULL };
    const char * const *cases[] = { no_workshop, group, bad_lang, missing, no_db, unwritable, not_number };
    const char *expected[] = { "--workshop ID", "--workshop ID", "--lang sv", "9999", "--db PATH", "missing",
                               "12abc" };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_assert_cmpint (test_cli_run (cases[i], FALSE, &out, &err), ==, 1);
        if (strstr (err, expected[i]) == NULL || !g_str_has_prefix (err, "verkstad: "))
          g_error ("case %u: unexpected message: %s", i, err);
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
      }
    g_assert_cmpuint (count_files (out_dir), ==, 0);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }
  /* Swedish for the unwritable target. */
  {
    const char *args[] = { "--export-pdf", nowhere, "--workshop", id, "--db", f->db, "--lang", "sv", NULL };

    g_assert_cmpint (test_cli_run (args, FALSE, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "finns inte"));   /* the folder "does not exist" */
  }
  g_rmdir (out_dir);
}

static const Case sv6 = { "sv", 6, FALSE };
static const Case en6 = { "en", 6, FALSE };
static const Case sv12 = { "sv", 12, TRUE };
static const Case en12 = { "en", 12, TRUE };

/* The handout reads the workshop and the one it follows up through snapshots
 * of their VerkWorkshopModels: its rows are the snapshots' own (the very
 * pointers, so a row read from the store beside them fails here), and
 * they stay as read when the store changes after. */
static void
test_reads_through_model (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkHandout) handout = verk_handout_new (f->store, f->follow_up, &error);
  GListModel *scores, *actions, *previous_actions;
  const VerkScore *first;
  int value;

  g_assert_no_error (error);
  g_assert_null (verk_workshop_model_get_store (handout->model));
  g_assert_cmpint (verk_workshop_model_get_workshop_id (handout->model), ==, f->follow_up);
  g_assert_true (handout->workshop == verk_workshop_model_get_workshop (handout->model));
  g_assert_nonnull (handout->previous_model);
  g_assert_cmpint (verk_workshop_model_get_workshop_id (handout->previous_model), ==, f->first);
  g_assert_true (handout->previous == verk_workshop_model_get_workshop (handout->previous_model));

  scores = verk_workshop_model_get_score_list (handout->model);
  g_assert_cmpuint (handout->scores->len, ==, g_list_model_get_n_items (scores));
  g_assert_cmpuint (handout->scores->len, >, 0);
  for (guint i = 0; i < handout->scores->len; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (scores, i);

      g_assert_true (g_ptr_array_index (handout->scores, i) == verk_record_get_score (record));
    }
  actions = verk_workshop_model_get_action_list (handout->model);
  g_assert_cmpuint (handout->actions->len, ==, g_list_model_get_n_items (actions));
  for (guint i = 0; i < handout->actions->len; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (actions, i);

      g_assert_true (g_ptr_array_index (handout->actions, i) == verk_record_get_action (record));
    }
  previous_actions = verk_workshop_model_get_action_list (handout->previous_model);
  g_assert_cmpuint (handout->earlier_actions->len, ==, g_list_model_get_n_items (previous_actions));
  for (guint i = 0; i < handout->earlier_actions->len; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (previous_actions, i);
      const EarlierAction *earlier = g_ptr_array_index (handout->earlier_actions, i);

      g_assert_true (earlier->action == verk_record_get_action (record));
    }
  for (guint i = 0; i < handout->previous_items->len; i++)
    g_assert_true (g_ptr_array_index (handout->previous_items, i)
                   == verk_workshop_model_get_piece (handout->previous_model, i)->item);

  /* An edit after it was made changes nothing it draws. */
  first = g_ptr_array_index (handout->scores, 0);
  value = first->value;
  g_assert_true (verk_store_set_score (f->store, first->item_id, first->participant_id, value % 5 + 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_index (handout->scores, 0) == first);
  g_assert_cmpint (first->value, ==, value);
}

int
main (int argc, char *argv[])
{
  handout_fixture_init_translations ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, c, fn) g_test_add (path, Fixture, c, fixture_set_up, fn, fixture_tear_down)
  ADD ("/handout/first/sv-6", &sv6, test_first_workshop);
  ADD ("/handout/first/en-6", &en6, test_first_workshop);
  ADD ("/handout/first/sv-12-long", &sv12, test_first_workshop);
  ADD ("/handout/first/en-12-long", &en12, test_first_workshop);
  ADD ("/handout/follow-up/sv-6", &sv6, test_follow_up);
  ADD ("/handout/follow-up/en-6", &en6, test_follow_up);
  ADD ("/handout/follow-up/en-12-long", &en12, test_follow_up);
  ADD ("/handout/pages/one", &sv6, test_pages);
  ADD ("/handout/pages/two", &en12, test_pages);
  ADD ("/handout/overflow", &sv12, test_overflow);
  ADD ("/handout/atomic", &sv6, test_atomic);
  ADD ("/handout/refuses", &sv6, test_refuses);
  ADD ("/handout/not-found", &sv6, test_not_found);
  ADD ("/handout/cli", &sv6, test_cli);
  ADD ("/handout/reads-through-model", &sv6, test_reads_through_model);
#undef ADD
  return g_test_run ();
}
