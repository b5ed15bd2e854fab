/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook export's guarantees: valid sheet names, cell text within
 * Excel's limits, and atomic writing: a failed export (missing folder,
 * read-only folder, full disk, damaged text) leaves no file and replaces
 * nothing. The values themselves are checked by real readers in
 * tests/xlsx/check_workbooks.py. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "test-files.h"
#include "test-cli.h"
#include "verk-puzzle-render.h"
#include "verk-store.h"
#include "verk-text.h"
#include "verk-xlsx-export.h"
#include "verk-xlsx-export-private.h"

#define OK(expr) G_STMT_START { g_autoptr (GError) e_ = NULL; GError **error = &e_; \
    gboolean r_ = (expr) ? TRUE : FALSE; g_assert_no_error (e_); g_assert_true (r_); } G_STMT_END

typedef struct {
  char      *dir;      /* a fresh temporary folder */
  char      *db;
  VerkStore *store;
  gint64     group;
  gint64     workshop;
} Fixture;

/* A workshop with enough text that cannot be compressed to overflow a 64 KiB
 * file system. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gint64 p1, p2;

  f->dir = g_dir_make_tmp ("verk-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->store = verk_store_new (f->db, &error);
  g_assert_no_error (error);
  f->group = verk_store_add_group (f->store, "Ledningsgruppen Åsa", "Enhet", &error);
  g_assert_no_error (error);
  f->workshop = verk_store_add_workshop (f->store, f->group, "2025-05-01", "Örjan", &error);
  g_assert_no_error (error);
  p1 = verk_store_add_participant (f->store, f->workshop, "Anna", &error);
  p2 = verk_store_add_participant (f->store, f->workshop, "=SUM(A1)", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 13; i++)
    {
      g_autoptr (GString) noise = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("Värde %u", i + 1);
      gint64 item;

      for (guint k = 0; k < 9000; k++)
        g_string_append_c (noise, (char) g_rand_int_range (rand, 'a', 'z' + 1));
      item = verk_store_add_item (f->store, f->workshop, "siq", NULL, name, noise->str, &error);
      g_assert_no_error (error);
      OK (verk_store_set_score (f->store, item, p1, 1 + i % 5, error));
      OK (verk_store_set_score (f->store, item, p2, 1 + (i + 2) % 5, error));
      OK (verk_store_set_agreed (f->store, item, 1 + (i + 1) % 5, "Enig", error));
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (f->db);
  g_free (f->dir);
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static gboolean
run (const char *cmd, char **err_out)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync (cmd, &out, &err, &status, NULL))
    return FALSE;
  if (err_out != NULL)
    *err_out = g_strdup (err);
  return g_spawn_check_wait_status (status, NULL);
}

/* ---- Names and cell text ---------------------------------------------- */

static void
test_sheet_names (void)
{
  const char *taken[] = { "Summary", "Scores", NULL };
  g_autofree char *a = verk_xlsx_sheet_name ("Plan [2025]: a/b\\c*d?e", NULL);
  g_autofree char *b = verk_xlsx_sheet_name ("summary", taken);
  g_autofree char *c = verk_xlsx_sheet_name ("History", NULL);
  g_autofree char *d = verk_xlsx_sheet_name ("'Citat'", NULL);
  g_autofree char *e = verk_xlsx_sheet_name ("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", NULL);
  g_autofree char *f = verk_xlsx_sheet_name ("En mycket lång flikrubrik som inte får plats", NULL);
  g_autofree char *g = verk_xlsx_sheet_name ("", NULL);
  const char *taken2[] = { "En mycket lång flikrubrik som i", NULL };
  g_autofree char *h = verk_xlsx_sheet_name ("En mycket lång flikrubrik som inte får plats", taken2);

  g_assert_cmpstr (a, ==, "Plan -2025-- a-b-c-d-e");
  g_assert_cmpstr (b, ==, "summary (2)");
  g_assert_cmpstr (c, ==, "History (2)");
  g_assert_cmpstr (d, ==, "Citat");
  /* 17 emoji are 34 UTF-16 units: 15 fit in 31. */
  g_assert_cmpuint (verk_text_utf16_length (e), ==, 30);
  g_assert_cmpuint (g_utf8_strlen (f, -1), ==, 31);
  g_assert_cmpstr (f, ==, "En mycket lång flikrubrik som i");
  g_assert_cmpuint (strlen (g), >, 0);
  g_assert_cmpstr (h, ==, "En mycket lång flikrubrik s (2)");
}

static void
test_cell_text (void)
{
  g_autoptr (GString) emoji = g_string_new (NULL);
  g_autofree char *controls = verk_xlsx_cell_text ("a\r\nb\rc\x01\x02\x1b\x7f\vd\te\xc2\x85 f\xef\xbf\xbe");
  g_autofree char *cut = NULL;
  g_autofree char *same = verk_xlsx_cell_text ("=SUM(A1) åäö 😀");
  g_autofree char *head = NULL;
  gsize units;

  g_assert_cmpstr (controls, ==, "a\nb\nc\nd\te f");
  g_assert_cmpstr (same, ==, "=SUM(A1) åäö 😀");

  /* 20,000 emoji are 40,000 UTF-16 units: over the limit although only
   * 20,000 characters. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (emoji, "😀");
  cut = verk_xlsx_cell_text (emoji->str);
  units = verk_text_utf16_length (cut);
  g_assert_cmpuint (units, <=, 32767);
  g_assert_cmpuint (units, >=, 32766);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_true (g_str_has_suffix (cut, "]"));
  g_assert_nonnull (strstr (cut, "…"));
  head = g_utf8_substring (cut, 0, 100);
  g_assert_true (g_str_has_prefix (emoji->str, head));
}

/* ---- Atomic writing ---------------------------------------------------- */

static void
test_writes_and_replaces (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autofree char *before = NULL, *after = NULL, *listing = NULL;

  OK (g_file_set_contents (out, "old", -1, error));
  before = checksum_of (out);
  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, error));
  after = checksum_of (out);
  g_assert_cmpstr (before, !=, after);
  listing = list_dir (f->dir);
  /* No temporary file (".out.xlsx.XXXXXX") left beside it. */
  g_assert_null (strstr (listing, ".out"));
  g_assert_nonnull (strstr (listing, "out.xlsx"));
}

static void
test_missing_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "no-such-folder", "out.xlsx", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FOLDER_MISSING);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_not_found (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, 424242, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_GROUP, 424242, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Tests run as root, for whom permission bits mean nothing: a read-only bind
 * mount refuses writes to root too. */
static void
test_read_only_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *src = g_build_filename (f->dir, "src", NULL);
  g_autofree char *mnt = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *out = g_build_filename (mnt, "out.xlsx", NULL);
  g_autofree char *cmd = NULL, *err = NULL, *before = NULL, *after = NULL;
  g_autofree char *list_before = NULL, *list_after = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_mkdir (src, 0755);
  g_mkdir (mnt, 0755);
  {
    g_autofree char *old = g_build_filename (src, "out.xlsx", NULL);
    OK (g_file_set_contents (old, "the old workbook", -1, error));
  }
  cmd = g_strdup_printf ("mount --bind '%s' '%s'", src, mnt);
  if (!run (cmd, &err))
    {
      g_autofree char *why = g_strdup_printf ("cannot bind-mount here (%s)", g_strstrip (err));
      g_test_skip (why);
      return;
    }
  g_free (cmd);
  cmd = g_strdup_printf ("mount -o remount,bind,ro '%s'", mnt);
  if (!run (cmd, NULL))
    {
      g_free (cmd);
      cmd = g_strdup_printf ("umount -l '%s'", mnt);
      run (cmd, NULL);
      g_test_skip ("cannot remount read-only here");
      return;
    }
  before = checksum_of (out);
  list_before = list_dir (mnt);
  ok = verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, &error);
  after = checksum_of (out);
  list_after = list_dir (mnt);
  g_free (cmd);
  cmd = g_strdup_printf ("umount -l '%s'", mnt);
  run (cmd, NULL);

  g_assert_false (ok);
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (list_before, ==, list_after);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autofree char *mnt = g_build_filename (f->dir, "tiny", NULL);
  g_autofree char *out = g_build_filename (mnt, "out.xlsx", NULL);
  g_autofree char *cmd = NULL, *err = NULL, *before = NULL, *after = NULL, *listing = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_mkdir (mnt, 0755);
  cmd = g_strdup_printf ("mount -t tmpfs -o size=64k tmpfs '%s'", mnt);
  if (!run (cmd, &err))
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs here (%s)", g_strstrip (err));
      g_test_skip (why);
      return;
    }
  OK (g_file_set_contents (out, "the old workbook", -1, error));
  before = checksum_of (out);
  ok = verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, &error);
  after = checksum_of (out);
  listing = list_dir (mnt);
  g_free (cmd);
  cmd = g_strdup_printf ("umount -l '%s'", mnt);
  run (cmd, NULL);

  g_assert_false (ok);
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing, ==, "out.xlsx");
}

/* libxlsxwriter builds each part in a temporary file and does not check
 * those writes: with its temporary folder full, it "finished" a workbook
 * whose sheets were cut off, and the export replaced a good file with it. */
static void
test_temp_folder_full (Fixture *f, gconstpointer data)
{
  g_autofree char *mnt = g_build_filename (f->dir, "tinytmp", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autofree char *cmd = NULL, *err = NULL, *before = NULL, *after = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("TMPDIR"));
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_mkdir (mnt, 0755);
  cmd = g_strdup_printf ("mount -t tmpfs -o size=64k tmpfs '%s'", mnt);
  if (!run (cmd, &err))
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs here (%s)", g_strstrip (err));
      g_test_skip (why);
      return;
    }
  OK (g_file_set_contents (out, "the old workbook", -1, error));
  before = checksum_of (out);
  g_unsetenv ("TMP");
  g_unsetenv ("TEMP");
  g_setenv ("TMPDIR", mnt, TRUE);
  /* Every group: no picture, so every part is one libxlsxwriter could
   * start, and the sheets are what gets cut off. */
  ok = verk_xlsx_export (f->store, VERK_EXPORT_ALL, 0, out, NULL, &error);
  if (saved != NULL)
    g_setenv ("TMPDIR", saved, TRUE);
  else
    g_unsetenv ("TMPDIR");
  g_free (cmd);
  cmd = g_strdup_printf ("umount -l '%s'", mnt);
  run (cmd, NULL);

  g_assert_false (ok);
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, mnt));
  after = checksum_of (out);
  g_assert_cmpstr (before, ==, after);
}

/* Text damaged outside Verkstad (the store refuses invalid UTF-8, another
 * program may not): libxlsxwriter would write it into the XML as it is. */
static void
test_invalid_utf8 (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  char *msg = NULL;

  OK (g_file_set_contents (out, "the old workbook", -1, error));
  before = checksum_of (out);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE participant SET name = CAST(X'416EFF6E61' AS TEXT)"
                                     " WHERE name = 'Anna'", NULL, NULL, &msg), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_INVALID_TEXT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "2025-05-01"));
  after = checksum_of (out);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_ALL, 0, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_INVALID_TEXT);
}

/* Workshop and group numbers past 32 bits (made with SQL): exported, and
 * named in full when there is none (they were cut to 32 bits: "number 10"). */
static void
test_numbers_past_32_bits (Fixture *f, gconstpointer data)
{
  const gint64 big = G_GINT64_CONSTANT (4294967296);
  g_autofree char *out = g_build_filename (f->dir, "big.xlsx", NULL);
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  sql = g_strdup_printf ("INSERT INTO grp (id, name, unit) VALUES (%" G_GINT64_FORMAT ", 'Stor', '');"
                         "INSERT INTO workshop (id, grp_id, date, facilitator, notes)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '2026-01-01', '', '');",
                         big + 7, big + 9, big + 7);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, big + 9, out, NULL, error));
  OK (verk_xlsx_export (f->store, VERK_EXPORT_GROUP, big + 7, out, NULL, error));

  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, big + 10, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "number 4294967306 in"));
  g_clear_error (&error);
  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_GROUP, big + 8, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "number 4294967304 in"));
}

/* ---- The puzzle image, drawn beside the sheets ------------------------- */

/* One part of the workbook, read with Python's zipfile (no unzip needed). */
static GBytes *
workbook_part (const char *xlsx, const char *part)
{
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
    xlsx, part, NULL
  };
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (p));
  return g_steal_pointer (&out);
}

/* What the fixture's workshop should show: its thirteen agreed scores, no
 * priorities, drawn directly at the workbook image's size. */
static GBytes *
expected_puzzle (Fixture *f)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  VerkPuzzlePiece pieces[13] = { { 0 } };
  GBytes *png;

  items = verk_store_list_items (f->store, f->workshop, "siq", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 13);
  for (guint i = 0; i < items->len; i++)
    {
      const VerkItem *it = g_ptr_array_index (items, i);

      pieces[i].name = it->name;
      pieces[i].score = it->agreed;
    }
  png = verk_puzzle_render_png_bytes (1200, 780, pieces, 13, &error);
  g_assert_no_error (error);
  return png;
}

static void
assert_workbook_shows_puzzle (Fixture *f, const char *out)
{
  g_autoptr (GBytes) image = workbook_part (out, "xl/media/image1.png");
  g_autoptr (GBytes) want = expected_puzzle (f);
  g_autoptr (GBytes) drawing = workbook_part (out, "xl/drawings/drawing1.xml");
  g_autofree char *xml = g_strndup (g_bytes_get_data (drawing, NULL), g_bytes_get_size (drawing));

  /* The same PNG, byte for byte, as drawing it in this thread. */
  g_assert_true (g_bytes_equal (image, want));
  /* Still anchored at G1 and before the radar chart in the drawing. */
  g_assert_nonnull (strstr (xml, "<xdr:pic>"));
  g_assert_nonnull (strstr (xml, "<xdr:graphicFrame"));
  g_assert_true (strstr (xml, "<xdr:pic>") < strstr (xml, "<xdr:graphicFrame"));
  g_assert_nonnull (strstr (xml, "<xdr:from><xdr:col>6</xdr:col>"));
}

/* The level names are Verkstad's own words, and the Summary says so (issue 14). */
static void
assert_workbook_owns_the_level_names (const char *out)
{
  g_autoptr (GBytes) strings = workbook_part (out, "xl/sharedStrings.xml");
  g_autofree char *xml = g_strndup (g_bytes_get_data (strings, NULL), g_bytes_get_size (strings));

  g_assert_nonnull (strstr (xml, "The names of the five levels are Verkstad’s own"));
}

static void
test_puzzle_image (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autoptr (GError) scale_error = NULL;

  /* A scale to show, as a workshop seeded from the content pack has. */
  for (int level = 1; level <= 5; level++)
    {
      g_autofree char *name = g_strdup_printf ("Level %d", level);

      g_assert_cmpint (verk_store_add_item (f->store, f->workshop, "scale", NULL, name, "", &scale_error), >, 0);
      g_assert_no_error (scale_error);
    }
  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, error));
  assert_workbook_shows_puzzle (f, out);
  assert_workbook_owns_the_level_names (out);
  OK (verk_xlsx_export (f->store, VERK_EXPORT_GROUP, f->group, out, NULL, error));
  assert_workbook_shows_puzzle (f, out);
}

/* How many of this process's threads are an export's puzzle thread (named
 * "verk-puzzle" by verk-xlsx-export-puzzle.c). Counting
 * every thread was flaky: GLib's own pools start and end threads on their own
 * time. */
static guint
count_puzzle_threads_now (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_equal (comm, "verk-puzzle\n"))
        n++;
    }
  return n;
}

/* The puzzle threads still running. A thread joined a moment ago can stay
 * listed until the kernel has reaped it, so wait (bounded) for the count to
 * fall to @expected; a thread that really outlives its export never does. */
static guint
count_threads_settled (guint expected)
{
  guint n = count_puzzle_threads_now ();

  for (int i = 0; i < 5000 && n != expected; i++)
    {
      g_usleep (1000);
      n = count_puzzle_threads_now ();
    }
  return n;
}

/* The command line's early start (an exporter made before the store is
 * opened): the thread that loaded the fonts draws the image; unused, it is
 * stopped; every export after it starts its own. No thread outlives the
 * run, or the free of an exporter never run. */
static void
test_warm_up (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  guint threads = 0;  /* no export runs yet */

  {
    g_autoptr (VerkXlsxExporter) exporter = verk_xlsx_exporter_new (VERK_EXPORT_WORKSHOP);

    /* Its thread waits for the pieces (and so can be counted, once it has
     * named itself). */
    g_assert_cmpuint (count_threads_settled (1), ==, 1);
    OK (verk_xlsx_exporter_run (exporter, f->store, f->workshop, out, NULL, error));
    assert_workbook_shows_puzzle (f, out);
    g_assert_cmpuint (count_threads_settled (threads), ==, threads);
  }

  /* Unused: an export that fails before it writes, then none at all. */
  {
    g_autoptr (VerkXlsxExporter) exporter = verk_xlsx_exporter_new (VERK_EXPORT_WORKSHOP);

    g_assert_false (verk_xlsx_exporter_run (exporter, f->store, 424242, out, NULL, &error));
    g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND);
    g_assert_cmpuint (count_threads_settled (threads), ==, threads);
  }
  verk_xlsx_exporter_free (verk_xlsx_exporter_new (VERK_EXPORT_GROUP));
  g_assert_cmpuint (count_threads_settled (threads), ==, threads);

  /* Used by an export that fails after the image was drawn: the target is
   * a folder, so the finished workbook cannot take its name. */
  {
    g_autofree char *folder = g_build_filename (f->dir, "folder.xlsx", NULL);
    g_autofree char *inside = g_build_filename (folder, "keep", NULL);
    g_autofree char *listing = NULL;
    g_autoptr (VerkXlsxExporter) exporter = NULL;

    g_mkdir (folder, 0755);
    OK (g_file_set_contents (inside, "kept", -1, error));
    g_clear_error (&error);
    exporter = verk_xlsx_exporter_new (VERK_EXPORT_WORKSHOP);
    g_assert_false (verk_xlsx_exporter_run (exporter, f->store, f->workshop, folder, NULL, &error));
    g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_REFUSED);
    g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
    listing = list_dir (f->dir);
    g_assert_null (strstr (listing, ".folder"));
  }
  g_assert_cmpuint (count_threads_settled (threads), ==, threads);

  OK (verk_xlsx_export (f->store, VERK_EXPORT_GROUP, f->group, out, NULL, error));
  assert_workbook_shows_puzzle (f, out);
  g_assert_cmpuint (count_threads_settled (threads), ==, threads);
}

/* Not an assertion on time (machines differ): the numbers go to the log so a
 * slow export is seen. The UI runs the write in a worker thread regardless. */
static void
test_timing (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autoptr (VerkExportData) collected = NULL;
  g_autoptr (GError) error = NULL;
  gint64 t0, t1, t2;

  t0 = g_get_monotonic_time ();
  collected = verk_export_data_collect (f->store, VERK_EXPORT_GROUP, f->group, &error);
  g_assert_no_error (error);
  t1 = g_get_monotonic_time ();
  OK (verk_xlsx_export_write (collected, out, NULL, error));
  t2 = g_get_monotonic_time ();
  g_test_message ("collect %.1f ms (main thread), write %.1f ms (worker thread)",
                  (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
}


/* ---- Any size the store accepts --------------------------------------- */

/* Reads @xlsx with openpyxl and runs @expr on the workbook `b`, returning
 * what it prints. */
static char *
openpyxl_eval (const char *xlsx, const char *expr)
{
  g_autofree char *script = g_strdup_printf ("import sys, openpyxl\n"
                                             "b = openpyxl.load_workbook(sys.argv[1])\n"
                                             "print(%s)\n", expr);
  const char *argv[] = { "/usr/bin/python3", "-c", script, xlsx, NULL };
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GBytes) err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (p, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (p))
    g_error ("openpyxl: %.*s", (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));
  return g_strstrip (g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out)));
}

/* Pieces named PREFIX 1..@n in @ws, every one agreed. */
static GPtrArray *
add_pieces (VerkStore *store, gint64 ws, const char *prefix, guint n)
{
  g_autoptr (GArray) items = g_array_sized_new (FALSE, TRUE, sizeof (VerkItem), n);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *stored;

  for (guint i = 0; i < n; i++)
    {
      VerkItem it = { .framework = (char *) "siq" };

      it.name = g_strdup_printf ("%s %u", prefix, i + 1);
      g_ptr_array_add (names, it.name);
      g_array_append_val (items, it);
    }
  OK (verk_store_add_items (store, ws, (VerkItem *) items->data, n, error));
  {
    g_autoptr (GError) e = NULL;
    stored = verk_store_list_items (store, ws, "siq", &e);
    g_assert_no_error (e);
  }
  g_assert_cmpuint (stored->len, ==, n);
  for (guint i = 0; i < n; i++)
    OK (verk_store_set_agreed (store, ((VerkItem *) g_ptr_array_index (stored, i))->id,
                               1 + i % 5, NULL, error));
  return stored;
}

/* 500 participants and 200 pieces: the score table is 512 columns wide (256
 * columns were once indexed without a bound); a group whose history has 300
 * values; both exported and read back. */
static void
test_many_participants_and_pieces (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autofree char *dir = g_dir_make_tmp ("verk-xlsx-big-XXXXXX", &error);
  g_autofree char *one = g_build_filename (dir, "workshop.xlsx", NULL);
  g_autofree char *all = g_build_filename (dir, "all.xlsx", NULL);
  g_autofree char *big = g_build_filename (dir, "big.xlsx", NULL);
  g_autofree char *got = NULL, *cmd = NULL, *want = NULL;
  g_autoptr (GPtrArray) pieces = NULL, many = NULL;
  g_autoptr (GArray) scores = g_array_new (FALSE, TRUE, sizeof (VerkScore));
  g_autoptr (GArray) people = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64 group, ws, group2, ws2;

  g_assert_no_error (error);
  group = verk_store_add_group (store, "Stora gruppen", NULL, &error);
  ws = verk_store_add_workshop (store, group, "2025-06-01", "Örjan", &error);
  g_assert_no_error (error);
  for (guint p = 0; p < 500; p++)
    {
      g_autofree char *name = g_strdup_printf ("Deltagare %u", p + 1);
      gint64 id = verk_store_add_participant (store, ws, name, &error);

      g_assert_no_error (error);
      g_array_append_val (people, id);
    }
  pieces = add_pieces (store, ws, "Bit", 200);
  for (guint i = 0; i < pieces->len; i++)
    for (guint p = 0; p < people->len; p++)
      {
        VerkScore sc = { .item_id = ((VerkItem *) g_ptr_array_index (pieces, i))->id,
                         .participant_id = g_array_index (people, gint64, p),
                         .value = 1 + (i + p) % 5 };
        g_array_append_val (scores, sc);
      }
  OK (verk_store_set_scores (store, (VerkScore *) scores->data, scores->len, error));

  group2 = verk_store_add_group (store, "Många värden", NULL, &error);
  ws2 = verk_store_add_workshop (store, group2, "2025-07-01", "Anna", &error);
  g_assert_no_error (error);
  many = add_pieces (store, ws2, "Värde", 300);

  OK (verk_xlsx_export (store, VERK_EXPORT_WORKSHOP, ws, one, NULL, error));
  OK (verk_xlsx_export (store, VERK_EXPORT_ALL, 0, all, NULL, error));
  OK (verk_xlsx_export (store, VERK_EXPORT_GROUP, group2, big, NULL, error));

  /* The last participant's score of the last piece, found by the header. */
  got = openpyxl_eval (one, "(lambda s: (lambda h: (len([v for v in h if v and v.startswith('Deltagare')]),"
                            " [r for r in s.iter_rows(values_only=True) if r[0] == 'Bit 200'][0]"
                            "[h.index('Deltagare 500')]))"
                            "([c.value for c in s[2]]))(b['Scores'])");
  want = g_strdup_printf ("(500, %u)", 1 + (199 + 499) % 5);
  g_assert_cmpstr (got, ==, want);
  g_clear_pointer (&got, g_free);
  got = openpyxl_eval (all, "(lambda s: (len({c.value for r in s.iter_rows() for c in r"
                            " if isinstance(c.value, str) and c.value.startswith('Värde ')}),"
                            " s.max_column))(b['Score history'])");
  g_test_message ("all.xlsx: %s", got);
  /* Every value a column of its own: 300 of them after the date, then the mean. */
  g_assert_cmpstr (got, ==, "(300, 302)");
  g_clear_pointer (&got, g_free);
  /* A chart holds at most 255 lines, and the sheet says which it shows. */
  got = openpyxl_eval (all, "(max(len(c.series) for c in b['Score history']._charts),"
                            " [c.value for r in b['Score history'].iter_rows() for c in r"
                            " if isinstance(c.value, str) and c.value.startswith('The chart shows')])");
  g_assert_cmpstr (got, ==, "(255, ['The chart shows the first 255 of the 300 values: a chart holds "
                            "no more than 255 lines.'])");
  g_clear_pointer (&got, g_free);
  got = openpyxl_eval (big, "[r[0] for r in b['Summary'].iter_rows(values_only=True)"
                            " if r[0] == 'Värde 300'] + [c.value for c in b['Summary']['G'][:3] if c.value]");
  g_test_message ("big.xlsx: %s", got);
  g_assert_nonnull (strstr (got, "'Värde 300'"));
  g_assert_nonnull (strstr (got, "this workshop has 300"));

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

/* More participants than a worksheet has columns: a clear message, no file. */
static void
test_too_wide (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autofree char *dir = g_dir_make_tmp ("verk-xlsx-wide-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "wide.xlsx", NULL);
  g_autoptr (GPtrArray) pieces = NULL;
  gint64 group, ws;

  g_assert_no_error (error);
  group = verk_store_add_group (store, "Hela kommunen", NULL, &error);
  ws = verk_store_add_workshop (store, group, "2025-06-01", "Örjan", &error);
  g_assert_no_error (error);
  pieces = add_pieces (store, ws, "Bit", 13);
  for (guint p = 0; p < 16384; p++)
    {
      verk_store_add_participant (store, ws, "", &error);
      g_assert_no_error (error);
    }
  g_assert_false (verk_xlsx_export (store, VERK_EXPORT_WORKSHOP, ws, out, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_TOO_BIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“Scores”"));
  g_assert_nonnull (strstr (error->message, "16384 columns"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* More than the 60 pieces a puzzle can draw, or none: the workbook is
 * written all the same, and says where the picture would be why there is
 * none. */
static void
test_puzzle_limits (Fixture *f, gconstpointer data)
{
  g_autofree char *none = g_build_filename (f->dir, "none.xlsx", NULL);
  g_autofree char *many = g_build_filename (f->dir, "many.xlsx", NULL);
  g_autofree char *got = NULL;
  g_autoptr (GPtrArray) pieces = NULL;
  g_autoptr (GError) error = NULL;
  gint64 empty, big;

  empty = verk_store_add_workshop (f->store, f->group, "2025-08-01", "Örjan", &error);
  big = verk_store_add_workshop (f->store, f->group, "2025-09-01", "Örjan", &error);
  g_assert_no_error (error);
  pieces = add_pieces (f->store, big, "Bit", 213);

  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, empty, none, NULL, error));
  got = openpyxl_eval (none, "[b['Summary']['G2'].value, len(b['Summary']._charts)]");
  g_assert_cmpstr (got, ==, "['No puzzle picture: this workshop has no pieces yet.', 0]");
  g_clear_pointer (&got, g_free);

  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, big, many, NULL, error));
  got = openpyxl_eval (many, "[b['Summary']['G2'].value, len(b['Summary']._charts),"
                             " b['Scores']['A215'].value]");
  g_assert_cmpstr (got, ==, "['No puzzle picture: a puzzle is drawn with 1 to 60 pieces, and this "
                            "workshop has 213. The tables show every piece.', 1, 'Bit 213']");
  g_clear_pointer (&got, g_free);

  /* The group's workbook shows its newest workshop, the big one. */
  OK (verk_xlsx_export (f->store, VERK_EXPORT_GROUP, f->group, many, NULL, error));
  got = openpyxl_eval (many, "b['Summary']['G2'].value");
  g_assert_nonnull (strstr (got, "has 213"));
}

/* ---- Never over the database ------------------------------------------ */

/* The database, its -wal, a backup and a hard link to the database are never
 * replaced by a workbook. */
static void
test_refuses_database (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *backup = g_strconcat (f->db, ".2025-01-01.backup", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "copy.xlsx", NULL);
  g_autofree char *db_sum = NULL, *backup_sum = NULL, *after = NULL, *err = NULL;
  const char *targets[] = { f->db, wal, backup, hard, NULL };

  OK (g_file_set_contents (backup, "a backup", -1, error));
  g_assert_cmpint (link (f->db, hard), ==, 0);
  db_sum = checksum_of (f->db);
  backup_sum = checksum_of (backup);
  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_ALL, 0, targets[i], NULL, &error));
      g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_REFUSED);
      g_test_message ("%s", error->message);
    }
  after = checksum_of (f->db);
  g_assert_cmpstr (after, ==, db_sum);
  g_clear_pointer (&after, g_free);
  after = checksum_of (backup);
  g_assert_cmpstr (after, ==, backup_sum);

  /* The command line, on a closed database. */
  g_clear_object (&f->store);
  g_clear_pointer (&db_sum, g_free);
  db_sum = checksum_of (f->db);
  {
    const char *args[] = { "--db", f->db, "--export-xlsx", f->db, "--all", NULL };

    g_assert_cmpint (test_cli_run (args, FALSE, NULL, &err), !=, 0);
  }
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "own database"));
  g_clear_pointer (&after, g_free);
  after = checksum_of (f->db);
  g_assert_cmpstr (after, ==, db_sum);
}

/* The mode of a new workbook and of a replaced one; a read-only or
 * non-regular target is refused and left as it was. */
static void
test_modes_and_refusals (Fixture *f, gconstpointer data)
{
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.xlsx", NULL);
  g_autofree char *private = g_build_filename (f->dir, "private.xlsx", NULL);
  g_autofree char *read_only = g_build_filename (f->dir, "read-only.xlsx", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.xlsx", NULL);
  g_autofree char *got = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, fresh, NULL, error));
  g_assert_cmpint (stat (fresh, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  OK (g_file_set_contents (private, "old", -1, error));
  g_assert_cmpint (g_chmod (private, 0600), ==, 0);
  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, private, NULL, error));
  g_assert_cmpint (stat (private, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  OK (g_file_set_contents (read_only, "old", -1, error));
  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, read_only, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "read-only.xlsx"));
  g_clear_error (&error);
  OK (g_file_get_contents (read_only, &got, NULL, error));
  g_assert_cmpstr (got, ==, "old");

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, fifo, NULL, &error));
  g_assert_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_REFUSED);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* A name of 249 and of 255 bytes: the temporary name must fit too. */
static void
test_long_name (Fixture *f, gconstpointer data)
{
  guint lengths[] = { 249, 255 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *base = g_strnfill (lengths[i] - 5, 'n');
      g_autofree char *name = g_strconcat (base, ".xlsx", NULL);
      g_autofree char *out = g_build_filename (f->dir, name, NULL);

      OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, error));
      g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    }
}

/* `verkstad --export-xlsx` killed while it writes leaves its temporary file;
 * the next export to that folder removes it. */
static void
test_killed_export (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->dir, "out", NULL);
  g_autofree char *out = g_build_filename (folder, "killed.xlsx", NULL);
  g_autofree char *cli = test_cli_path ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->workshop);
  g_autofree char *listing = NULL;
  const char *argv[] = { cli, "--db", f->db, "--export-xlsx", out, "--workshop", id, NULL };
  g_auto (GStrv) envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  gboolean caught = FALSE;

  g_mkdir (folder, 0755);
  for (guint attempt = 0; attempt < 20 && !caught; attempt++)
    {
      g_autoptr (GError) error = NULL;
      GPid pid;
      int status;

      g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD |
                                    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      /* Waits for the temporary file to appear, then kills the writer. */
      while (waitpid (pid, &status, WNOHANG) == 0)
        {
          g_autofree char *names = list_dir (folder);

          if (names[0] == '.')
            {
              kill (pid, SIGKILL);
              waitpid (pid, &status, 0);
              caught = WIFSIGNALED (status);
              break;
            }
          g_usleep (200);
        }
      g_spawn_close_pid (pid);
    }
  g_assert_true (caught);
  listing = list_dir (folder);
  g_test_message ("after the kill: %s", listing);
  g_assert_true (listing[0] == '.');

  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, error));
  g_clear_pointer (&listing, g_free);
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "killed.xlsx");
}

/* libxlsxwriter prints "[WARNING]…" and "[ERROR]…" lines of its own: an
 * empty workshop's chart had no series, a full disk failed inside the zip
 * writer. Only Verkstad's own messages may reach the user. */
static void
test_no_library_lines (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "empty.xlsx", NULL);
  g_autofree char *mnt = g_build_filename (f->dir, "tiny", NULL);
  g_autofree char *full = g_build_filename (mnt, "full.xlsx", NULL);
  g_autofree char *id = NULL, *err = NULL, *cmd = NULL, *mount_err = NULL;
  g_autoptr (GError) error = NULL;
  gint64 empty;

  empty = verk_store_add_workshop (f->store, f->group, "2025-08-01", "Örjan", &error);
  g_assert_no_error (error);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, empty);
  {
    const char *args[] = { "--db", f->db, "--export-xlsx", out, "--workshop", id, NULL };

    g_assert_cmpint (test_cli_run (args, FALSE, NULL, &err), ==, 0);
  }
  g_test_message ("empty workshop: %s", err);
  g_assert_null (strstr (err, "[WARNING]"));
  g_assert_null (strstr (err, "[ERROR]"));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&err, g_free);

  /* A temporary folder that does not exist. */
  {
    g_autofree char *saved = g_strdup (g_getenv ("TMPDIR"));
    g_autofree char *nowhere = g_build_filename (f->dir, "no-tmp", NULL);
    const char *args[] = { "--db", f->db, "--export-xlsx", out, "--workshop", id, NULL };
    int status;

    g_unsetenv ("TMP");
    g_unsetenv ("TEMP");
    g_setenv ("TMPDIR", nowhere, TRUE);
    status = test_cli_run (args, FALSE, NULL, &err);
    if (saved != NULL)
      g_setenv ("TMPDIR", saved, TRUE);
    else
      g_unsetenv ("TMPDIR");
    g_assert_cmpint (status, !=, 0);
    g_test_message ("no temporary folder: %s", err);
    g_assert_nonnull (strstr (err, "no-tmp"));
    g_assert_null (strstr (err, "[ERROR]"));
    g_clear_pointer (&err, g_free);
  }

  g_mkdir (mnt, 0755);
  cmd = g_strdup_printf ("mount -t tmpfs -o size=64k tmpfs '%s'", mnt);
  if (!run (cmd, &mount_err))
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs here (%s)", g_strstrip (mount_err));
      g_test_skip (why);
      return;
    }
  g_free (id);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, f->workshop);
  {
    const char *args[] = { "--db", f->db, "--export-xlsx", full, "--workshop", id, NULL };
    int status = test_cli_run (args, FALSE, NULL, &err);

    g_free (cmd);
    cmd = g_strdup_printf ("umount -l '%s'", mnt);
    run (cmd, NULL);
    g_assert_cmpint (status, !=, 0);
  }
  g_test_message ("full disk: %s", err);
  g_assert_nonnull (strstr (err, "is full"));
  g_assert_null (strstr (err, "[WARNING]"));
  g_assert_null (strstr (err, "[ERROR]"));
}

/* r_wg beside the spread, "no shared view" where it is low, and a second
 * private round's scores in their own table on the Scores sheet, found by
 * their headers. */
static void
test_agreement_and_second_round (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "rounds.xlsx", NULL);
  g_autofree char *got = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = verk_store_list_items (f->store, f->workshop, "siq", &error);
  g_autoptr (GPtrArray) people = verk_store_list_participants (f->store, f->workshop, &error);
  gint64 first = ((VerkItem *) g_ptr_array_index (items, 0))->id;
  gint64 anna = ((VerkParticipant *) g_ptr_array_index (people, 0))->id;
  gint64 other = ((VerkParticipant *) g_ptr_array_index (people, 1))->id;

  /* Värde 1: 1 and 3, s² = 2, r_wg 0; its second round: 2 and 2. */
  /* Each round's comment in its own table. */
  OK (verk_store_set_score_comment (f->store, first, anna, "före samtalet", error));
  OK (verk_store_start_second_round (f->store, first, error));
  OK (verk_store_set_second_round_score (f->store, first, anna, 2, "efter samtalet", error));
  OK (verk_store_set_second_round_score (f->store, first, other, 2, NULL, error));
  OK (verk_xlsx_export (f->store, VERK_EXPORT_WORKSHOP, f->workshop, out, NULL, error));
  got = openpyxl_eval (out, "(lambda rows: (lambda h: (lambda r1, r2: (r1[h.index('Agreement (r_wg)')],"
                            " r1[h.index('Agreement (r_wg)') - 1], r1[h.index('Shared view')],"
                            " r2[h.index('Anna')], r2[h.index('Spread')], r2[h.index('Agreement (r_wg)')],"
                            " r1[h.index('Comments')], r2[h.index('Comments')]))"
                            "([r for r in rows if r[0] == 'Värde 1'][0],"
                            " [r for r in rows[rows.index([r for r in rows if r[0] == 'Second round'][0]):]"
                            " if r[0] == 'Värde 1'][0]))(list(rows[1])))"
                            "(list(b['Scores'].iter_rows(values_only=True)))");
  g_assert_cmpstr (got, ==, "(0, 2, 'no shared view', 2, 0, 1, 'Anna: före samtalet', 'Anna: efter samtalet')");
}

/* The row at @i of one of a model's lists: VerkPiece records give their item. */
static gconstpointer
model_row (GListModel *list, guint i)
{
  g_autoptr (VerkRecord) record = g_list_model_get_item (list, i);

  if (verk_record_get_boxed_type (record) == VERK_TYPE_PIECE)
    return verk_record_get_piece (record)->item;
  return verk_record_get_boxed (record);
}

/* The collection reads a workshop through a snapshot of its
 * VerkWorkshopModel: every row it writes is the model's own row (the very
 * pointer, so a row read from the store beside the model fails here), but
 * a row with a control character, which is a cleaned copy; and the
 * snapshot keeps what was collected when the store changes after. */
static void
test_collects_through_model (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = verk_store_list_items (f->store, f->workshop, "siq", &error);
  g_autoptr (GPtrArray) people = verk_store_list_participants (f->store, f->workshop, &error);
  g_autoptr (VerkExportData) collected = NULL;
  gint64 first = ((VerkItem *) g_ptr_array_index (items, 0))->id;
  gint64 second = ((VerkItem *) g_ptr_array_index (items, 1))->id;
  gint64 anna = ((VerkParticipant *) g_ptr_array_index (people, 0))->id;
  gint64 other = ((VerkParticipant *) g_ptr_array_index (people, 1))->id;
  WorkshopData *wd;
  const VerkScore *dirty;
  sqlite3 *db = NULL;
  guint n_copies = 0;

  OK (verk_store_set_score (f->store, second, other, 3, error));
  /* A control character written by another program (the store refuses it). */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE score SET comment = 'ett' || char(1) || 'två'"
                                            " WHERE item_id = %" G_GINT64_FORMAT " AND participant_id = %"
                                            G_GINT64_FORMAT, second, other);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_changes (db), ==, 1);
  }
  sqlite3_close (db);
  OK (verk_store_start_second_round (f->store, first, error));
  OK (verk_store_set_second_round_score (f->store, first, anna, 2, "efter samtalet", error));
  OK (verk_store_set_second_round_score (f->store, first, other, 4, NULL, error));

  collected = verk_export_data_collect (f->store, VERK_EXPORT_WORKSHOP, f->workshop, &error);
  g_assert_no_error (error);
  wd = collected->focus;
  g_assert_true (VERK_IS_WORKSHOP_MODEL (wd->model));
  /* A snapshot: it follows no store, so the writer's thread may read it. */
  g_assert_null (verk_workshop_model_get_store (wd->model));
  g_assert_cmpint (verk_workshop_model_get_workshop_id (wd->model), ==, f->workshop);

  {
    struct { GPtrArray *rows; GListModel *list; } lists[] = {
      { wd->items, verk_workshop_model_get_piece_list (wd->model) },
      { wd->platform, verk_workshop_model_get_expectation_list (wd->model) },
      { wd->participants, verk_workshop_model_get_participant_list (wd->model) },
      { wd->scores, verk_workshop_model_get_score_list (wd->model) },
      { wd->round2, verk_workshop_model_get_second_round_list (wd->model) },
      { wd->actions, verk_workshop_model_get_action_list (wd->model) },
      { wd->reflections, verk_workshop_model_get_reflection_list (wd->model) },
    };

    for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
      {
        g_assert_cmpuint (lists[l].rows->len, ==, g_list_model_get_n_items (lists[l].list));
        for (guint i = 0; i < lists[l].rows->len; i++)
          {
            gconstpointer row = model_row (lists[l].list, i);

            if (g_ptr_array_index (lists[l].rows, i) == row)
              continue;
            /* Not the model's row: only as the cleaned copy of it. */
            g_assert_nonnull (wd->cleaned);
            g_assert_true (g_hash_table_lookup (wd->cleaned, row) == g_ptr_array_index (lists[l].rows, i));
            n_copies++;
          }
      }
  }
  g_assert_cmpuint (n_copies, ==, 1);
  g_assert_cmpuint (wd->round2->len, ==, 2);
  g_assert_true (find_score (wd, first, anna) == verk_workshop_model_find_score (wd->model, first, anna));
  dirty = find_score (wd, second, other);
  g_assert_cmpstr (dirty->comment, ==, "etttvå");
  g_assert_cmpstr (verk_workshop_model_find_score (wd->model, second, other)->comment, ==, "ett\001två");

  /* The Scores sheet's second table looks up round 2, in the model. */
  {
    WorkshopData round2 = *wd;

    round2.second_round = TRUE;
    g_assert_true (find_score (&round2, first, anna)
                   == verk_workshop_model_find_second_round_score (wd->model, first, anna));
    g_assert_cmpint (find_score (&round2, first, other)->value, ==, 4);
  }

  /* What was collected stays as it was. */
  OK (verk_store_set_second_round_score (f->store, first, other, 1, NULL, error));
  g_assert_cmpint (find_score (&(WorkshopData) { .model = wd->model, .second_round = TRUE }, first, other)->value,
                   ==, 4);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx/sheet-names", test_sheet_names);
  g_test_add_func ("/xlsx/cell-text", test_cell_text);
  g_test_add ("/xlsx/writes-and-replaces", Fixture, NULL, fixture_set_up, test_writes_and_replaces, fixture_tear_down);
  g_test_add ("/xlsx/missing-folder", Fixture, NULL, fixture_set_up, test_missing_folder, fixture_tear_down);
  g_test_add ("/xlsx/not-found", Fixture, NULL, fixture_set_up, test_not_found, fixture_tear_down);
  g_test_add ("/xlsx/numbers-past-32-bits", Fixture, NULL, fixture_set_up, test_numbers_past_32_bits, fixture_tear_down);
  g_test_add ("/xlsx/read-only-folder", Fixture, NULL, fixture_set_up, test_read_only_folder, fixture_tear_down);
  g_test_add ("/xlsx/disk-full", Fixture, NULL, fixture_set_up, test_disk_full, fixture_tear_down);
  g_test_add ("/xlsx/temp-folder-full", Fixture, NULL, fixture_set_up, test_temp_folder_full, fixture_tear_down);
  g_test_add ("/xlsx/invalid-utf8", Fixture, NULL, fixture_set_up, test_invalid_utf8, fixture_tear_down);
  g_test_add ("/xlsx/puzzle-image", Fixture, NULL, fixture_set_up, test_puzzle_image, fixture_tear_down);
  g_test_add ("/xlsx/warm-up", Fixture, NULL, fixture_set_up, test_warm_up, fixture_tear_down);
  g_test_add ("/xlsx/timing", Fixture, NULL, fixture_set_up, test_timing, fixture_tear_down);
  g_test_add_func ("/xlsx/many-participants-and-pieces", test_many_participants_and_pieces);
  g_test_add_func ("/xlsx/too-wide", test_too_wide);
  g_test_add ("/xlsx/puzzle-limits", Fixture, NULL, fixture_set_up, test_puzzle_limits, fixture_tear_down);
  g_test_add ("/xlsx/refuses-database", Fixture, NULL, fixture_set_up, test_refuses_database, fixture_tear_down);
  g_test_add ("/xlsx/modes-and-refusals", Fixture, NULL, fixture_set_up, test_modes_and_refusals, fixture_tear_down);
  g_test_add ("/xlsx/long-name", Fixture, NULL, fixture_set_up, test_long_name, fixture_tear_down);
  g_test_add ("/xlsx/killed-export", Fixture, NULL, fixture_set_up, test_killed_export, fixture_tear_down);
  g_test_add ("/xlsx/no-library-lines", Fixture, NULL, fixture_set_up, test_no_library_lines, fixture_tear_down);
  g_test_add ("/xlsx/agreement-and-second-round", Fixture, NULL, fixture_set_up, test_agreement_and_second_round,
              fixture_tear_down);
  g_test_add ("/xlsx/collects-through-model", Fixture, NULL, fixture_set_up, test_collects_through_model,
              fixture_tear_down);
  return g_test_run ();
}
