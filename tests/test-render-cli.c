/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "verk-content.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-render.h"
#include "test-cli.h"
#include "test-files.h"

/* `verkstad --render-puzzle` run as a separate process with no display. */

static gboolean c_locale;

static int
run (const char * const *args,
     char              **err)
{
  return test_cli_run (args, c_locale, NULL, err);
}

/* Empties a scratch folder (its files only). */
static void
remove_files_in (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
}

static void
test_default_content (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-cli-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "sv.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "en.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "p.pdf", NULL);
  g_autofree char *err = NULL;
  cairo_surface_t *surface;

  {
    const char *args[] = { "--render-puzzle", png, "--size", "1280x720", "--lang", "sv", NULL };

    g_assert_cmpint (run (args, &err), ==, 0);
    g_clear_pointer (&err, g_free);
  }
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 720);
  cairo_surface_destroy (surface);
  {
    const char *args[] = { "--render-puzzle", svg, "--lang", "en", NULL };

    g_assert_cmpint (run (args, &err), ==, 0);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  }
  {
    const char *args[] = { "--render-puzzle", pdf, NULL };

    g_assert_cmpint (run (args, &err), ==, 0);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  /* Only the three files: no temporary file left behind. */
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 3);
  }
  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-cli-XXXXXX", &error);
  g_autofree char *gif = g_build_filename (dir, "p.gif", NULL);
  g_autofree char *png = g_build_filename (dir, "p.png", NULL);
  g_autofree char *db = g_build_filename (dir, "none.db", NULL);

  {
    const char *args[] = { "--render-puzzle", gif, "--lang", "sv", NULL };

    g_assert_cmpint (run (args, &err), !=, 0);
    g_assert_nonnull (strstr (err, ".png"));
    g_assert_nonnull (strstr (err, "bild"));   /* in Swedish */
    g_clear_pointer (&err, g_free);
  }
  /* --lang works even when no locale is set at all. */
  c_locale = TRUE;
  {
    const char *args[] = { "--render-puzzle", png, "--size", "big", "--lang", "sv", NULL };

    g_assert_cmpint (run (args, &err), !=, 0);
    g_assert_nonnull (strstr (err, "ingen bildstorlek"));
    g_clear_pointer (&err, g_free);
  }
  c_locale = FALSE;
  {
    const char *args[] = { "--render-puzzle", png, "--size", "big", NULL };

    g_assert_cmpint (run (args, &err), !=, 0);
    g_assert_nonnull (strstr (err, "1920x1080"));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--render-puzzle", png, "--lang", "fi", NULL };

    g_assert_cmpint (run (args, &err), !=, 0);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--render-puzzle", png, "--workshop", "7", "--db", db, NULL };

    g_assert_cmpint (run (args, &err), !=, 0);
    g_assert_cmpuint (strlen (err), >, 10);
    g_clear_pointer (&err, g_free);
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));   /* not created */
  }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* A workshop's agreed scores and names come out in the image. */
static void
test_workshop (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "v.db", NULL);
  g_autofree char *png = g_build_filename (dir, "w.png", NULL);
  g_autofree char *id = NULL;
  g_autofree char *err = NULL;
  g_autoptr (VerkPuzzleLayout) layout = NULL;
  gint64 workshop;

  {
    g_autoptr (VerkStore) store = verk_store_new (db, &error);
    g_autoptr (VerkContent) content = verk_content_new ("sv", NULL);
    g_autoptr (GPtrArray) items = NULL;
    gint64 group;

    g_assert_no_error (error);
    group = verk_store_add_group (store, "Ledningsgruppen", "", &error);
    workshop = verk_store_add_workshop (store, group, "2026-04-01", "", &error);
    g_assert_true (verk_content_seed_workshop (content, store, workshop, &error));
    items = verk_store_list_items (store, workshop, "siq", &error);
    for (guint i = 0; i < items->len; i++)
      if (i % 3 != 0)
        g_assert_true (verk_store_set_agreed (store, ((VerkItem *) items->pdata[i])->id,
                                              1 + (int) (i % 5), "", &error));
    g_assert_no_error (error);
  }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, workshop);
  {
    const char *args[] = { "--render-puzzle", png, "--workshop", id, "--db", db,
                           "--size", "1600x900", NULL };

    g_assert_cmpint (run (args, &err), ==, 0);
  }

  {
    cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
    double margin = verk_puzzle_margin (1600, 900);
    guint32 *data;
    int stride;
    VerkPuzzleStyle style;

    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    verk_puzzle_style_init_default (&style, FALSE);
    layout = verk_puzzle_layout_new (13, 1600 - 2 * margin, 900 - 2 * margin);
    data = (guint32 *) cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface) / 4;
    for (guint i = 0; i < 13; i++)
      {
        cairo_rectangle_t cell;
        double in = MAX (0.5 * verk_puzzle_layout_get_knob_depth (layout), 10);
        VerkRgba want = i % 3 != 0 ? verk_puzzle_score_color (1 + (int) (i % 5)) : style.unscored_fill;
        guint32 p;

        verk_puzzle_layout_get_cell (layout, i, &cell);
        p = data[(int) (margin + cell.y + cell.height - in) * stride + (int) (margin + cell.x + cell.width - in)];
        g_assert_cmpint (abs ((int) ((p >> 16) & 0xff) - (int) round (want.r * 255)), <=, 2);
        g_assert_cmpint (abs ((int) ((p >> 8) & 0xff) - (int) round (want.g * 255)), <=, 2);
        g_assert_cmpint (abs ((int) (p & 0xff) - (int) round (want.b * 255)), <=, 2);
      }
    cairo_surface_destroy (surface);
  }
  g_unlink (png);
  remove_files_in (dir);
  g_rmdir (dir);
}

/* `--render-puzzle` writes as every export does (VerkAtomicFile): never over
 * the database (with or without --workshop) or a backup, never over a
 * read-only file; a new image is 0600. Each refused file stays as it was. */
static void
test_render_refuses (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "v.db", NULL);
  g_autofree char *backup = g_strconcat (db, ".2025-01-01.backup", NULL);
  g_autofree char *read_only = g_build_filename (dir, "read-only.png", NULL);
  g_autofree char *png = g_build_filename (dir, "p.png", NULL);
  g_autofree char *db_link = g_build_filename (dir, "database.png", NULL);
  g_autofree char *backup_link = g_build_filename (dir, "backup.pdf", NULL);
  g_autofree char *db_before = NULL, *db_after = NULL, *id = NULL;
  gint64 workshop;
  GStatBuf st;

  {
    g_autoptr (VerkStore) store = verk_store_new (db, &error);
    g_autoptr (VerkContent) content = verk_content_new ("sv", NULL);
    gint64 group;

    g_assert_no_error (error);
    group = verk_store_add_group (store, "Ledningsgruppen", "", &error);
    workshop = verk_store_add_workshop (store, group, "2026-04-01", "", &error);
    g_assert_true (verk_content_seed_workshop (content, store, workshop, &error));
  }
  id = g_strdup_printf ("%" G_GINT64_FORMAT, workshop);
  g_assert_true (g_file_set_contents (backup, "a backup", -1, NULL));
  g_assert_true (g_file_set_contents (read_only, "keep", -1, NULL));
  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  /* Image names for them (the extension picks the format): hard links. */
  g_assert_cmpint (link (db, db_link), ==, 0);
  g_assert_cmpint (link (backup, backup_link), ==, 0);
  g_assert_true (g_file_get_contents (db, &db_before, NULL, NULL));
  {
    const char *with_workshop[] = { "--render-puzzle", db_link, "--workshop", id, "--db", db, NULL };
    const char *without[] = { "--render-puzzle", db_link, "--db", db, NULL };
    const char *onto_backup[] = { "--render-puzzle", backup_link, "--db", db, NULL };
    const char *onto_read_only[] = { "--render-puzzle", read_only, "--db", db, NULL };
    const char *const *cases[] = { with_workshop, without, onto_backup, onto_read_only };
    const char *says[] = { "own database", "own database", "own database", "read-only" };

    for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
      {
        g_autofree char *err = NULL;

        g_assert_cmpint (run (cases[k], &err), ==, 1);
        g_test_message ("%s", err);
        g_assert_nonnull (strstr (err, says[k]));
      }
  }
  g_assert_true (g_file_get_contents (db, &db_after, NULL, NULL));
  g_assert_cmpstr (db_after, ==, db_before);
  assert_file_holds (backup, "a backup");
  assert_file_holds (read_only, "keep");

  {
    const char *args[] = { "--render-puzzle", png, "--workshop", id, "--db", db, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run (args, &err), ==, 0);
  }
  g_assert_cmpint (g_stat (png, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_chmod (read_only, 0600);
  remove_files_in (dir);
  g_rmdir (dir);
}

/* A folder given as the database: the store's own message ("is a folder,
 * not a database file"), not "there is no database", from each command. */
static void
test_folder_as_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-cli-XXXXXX", &error);
  g_autofree char *folder = g_build_filename (dir, "folder.db", NULL);
  g_autofree char *out_xlsx = g_build_filename (dir, "w.xlsx", NULL);
  g_autofree char *out_pdf = g_build_filename (dir, "h.pdf", NULL);
  g_autofree char *out_png = g_build_filename (dir, "p.png", NULL);
  const char *xlsx[] = { "--export-xlsx", out_xlsx, "--all", "--db", folder, NULL };
  const char *pdf[] = { "--export-pdf", out_pdf, "--workshop", "1", "--db", folder, NULL };
  const char *png[] = { "--render-puzzle", out_png, "--workshop", "1", "--db", folder, NULL };
  g_autofree char *out_file = g_build_filename (dir, "g.verkstad", NULL);
  const char *save[] = { "--export-workshops", out_file, "--group", "1", "--db", folder, NULL };
  const char *import[] = { "--import", dir, "--db", folder, NULL };
  const char *const *cases[] = { xlsx, pdf, png, save, import };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run (cases[k], &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, "is a folder, not a database file"));
      g_assert_nonnull (strstr (err, "folder.db"));
      g_assert_null (strstr (err, "There is no database"));
    }
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  remove_files_in (dir);
  g_assert_cmpint (g_rmdir (dir), ==, 0);   /* nothing written */
}

/* `--render-puzzle --workshop @value`, `--export-xlsx --workshop @value` and
 * `--export-xlsx --group @value`, each expected to fail with status 1; their
 * messages go to @errs. */
static void
run_each_numbered (const char  *png,
                   const char  *xlsx,
                   const char  *db,
                   const char  *value,
                   char        *errs[3])
{
  const char *render[] = { "--render-puzzle", png, "--workshop", value, "--db", db, NULL };
  const char *export_workshop[] = { "--export-xlsx", xlsx, "--workshop", value, "--db", db, NULL };
  const char *export_group[] = { "--export-xlsx", xlsx, "--group", value, "--db", db, NULL };
  const char *const *cases[] = { render, export_workshop, export_group };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_test_message ("%s %s %s", cases[k][0], cases[k][2], value);
      g_assert_cmpint (run (cases[k], &errs[k]), ==, 1);
      g_test_message ("%s", errs[k]);
    }
}

/* `--workshop` and `--group` take a whole number from 1 up, read as 64 bits:
 * anything else is refused with our own translated sentence that repeats
 * what was given, and nothing is drawn or written (no default puzzle for
 * `--workshop 0`, no number cut to 32 bits). */
static void
test_workshop_numbers (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "v.db", NULL);
  g_autofree char *png = g_build_filename (dir, "p.png", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "w.xlsx", NULL);
  const char *bad[] = { "0", "-1", "-0", "abc", "12abc", " 7", "1.5", "0x10",
                        "99999999999999999999", "-99999999999999999999" };

  {
    g_autoptr (VerkStore) store = verk_store_new (db, &error);
    gint64 group;

    g_assert_no_error (error);
    group = verk_store_add_group (store, "Ledningsgruppen", "", &error);
    verk_store_add_workshop (store, group, "2026-04-01", "", &error);
    g_assert_no_error (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);
      char *errs[3];

      run_each_numbered (png, xlsx, db, bad[i], errs);
      for (guint k = 0; k < G_N_ELEMENTS (errs); k++)
        {
          const char *err = errs[k];

          /* Names the input: quoted, or as "number %s" for 0 and below. */
          g_assert_true (strstr (err, quoted) != NULL || strstr (err, bad[i]) != NULL);
          g_assert_true (g_str_has_prefix (err, "verkstad: "));
          g_assert_null (strstr (err, "exactly one of"));
          g_assert_null (strstr (err, "Cannot parse"));
          g_assert_null (strstr (err, "out of range"));
          g_assert_nonnull (strstr (err, k == 2 ? "group" : "workshop"));
          g_free (errs[k]);
        }
    }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));

  /* In Swedish too. */
  {
    const char *args[] = { "--render-puzzle", png, "--workshop", "0", "--db", db, "--lang", "sv", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run (args, &err), ==, 1);
    g_assert_nonnull (strstr (err, "workshop nummer 0"));
  }
  {
    const char *args[] = { "--export-xlsx", xlsx, "--group", "abc", "--db", db, "--lang", "sv", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run (args, &err), ==, 1);
    g_assert_nonnull (strstr (err, "”abc” är inget gruppnummer"));
  }

  /* A number that fits 64 bits but is no workshop's: said as given, not cut
   * to 32 bits (99999999999 was "number 1215752191"). */
  {
    char *errs[3];

    run_each_numbered (png, xlsx, db, "99999999999", errs);
    for (guint k = 0; k < G_N_ELEMENTS (errs); k++)
      {
        g_assert_nonnull (strstr (errs[k], "number 99999999999 in"));
        g_assert_null (strstr (errs[k], "1215752191"));
        g_free (errs[k]);
      }
  }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));

  remove_files_in (dir);
  g_rmdir (dir);
}

/* `verkstad --export-xlsx` names its files as GIO would (relative to the
 * current folder, `file://` URIs too) without using GIO for plain names. */
static void
test_export_paths (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "v.db", NULL);
  g_autofree char *db_uri = g_filename_to_uri (db, NULL, NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *id = NULL;
  struct {
    const char *db, *out, *saved;
  } cases[] = {
    { "v.db", "out.xlsx", "out.xlsx" },
    { db_uri, "./sub/../sub/./out2.xlsx", "sub/out2.xlsx" },
    { db, "sub//out3.xlsx", "sub/out3.xlsx" },
  };
  gint64 workshop;

  g_assert_no_error (error);
  g_mkdir (sub, 0755);
  {
    g_autoptr (VerkStore) store = verk_store_new (db, &error);
    g_autoptr (VerkContent) content = verk_content_new ("en", NULL);
    gint64 group;

    g_assert_no_error (error);
    group = verk_store_add_group (store, "Team", "", &error);
    workshop = verk_store_add_workshop (store, group, "2026-04-01", "", &error);
    g_assert_true (verk_content_seed_workshop (content, store, workshop, &error));
  }
  id = g_strdup_printf ("%" G_GINT64_FORMAT, workshop);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *app = test_cli_path ();
      g_autofree char *abs_app = g_canonicalize_filename (app, NULL);
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *saved = g_build_filename (dir, cases[i].saved, NULL);
      g_autofree char *line = g_strdup_printf ("Saved the workbook “%s”.\n", saved);
      const char *argv[] = { abs_app, "--db", cases[i].db, "--export-xlsx", cases[i].out,
                             "--workshop", id, "--lang", "en", NULL };
      g_auto (GStrv) envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
      int status = -1;

      envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
      g_assert_true (g_spawn_sync (dir, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      g_test_message ("%s %s: %s%s", cases[i].db, cases[i].out, out, err);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_assert_cmpstr (out, ==, line);
      g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
      g_unlink (saved);
    }

  remove_files_in (dir);
  g_rmdir (sub);
  g_rmdir (dir);
}

/* Runs build/src/@program with @args; its exit status, stdout and stderr. */
static int
run_program (const char  *program,
             const char  *const *args,
             const char  *ld_debug,
             char       **out,
             char       **err)
{
  const char *build = g_getenv ("VERKSTAD_BUILD_DIR");
  g_autofree char *path = g_build_filename (build != NULL ? build : ".", "src", program, NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  g_autoptr (GError) error = NULL;
  int status = -1;

  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  if (ld_debug != NULL)
    envp = g_environ_setenv (envp, "LD_DEBUG", ld_debug, TRUE);
  /* Called "verkstad" whichever program it is, as the launcher calls them. */
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, "verkstad");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_FILE_AND_ARGV_ZERO,
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The `verkstad` launcher: the command line runs in verkstad-cli, which
 * loads no GTK yet parses, helps and fails exactly as the window program. */
static void
test_launcher (void)
{
  const char *help[] = { "--help-all", NULL };
  const char *bad[] = { "--export-xlsx", "x.xlsx", "--workshop", "abc", NULL };
  const char *unknown[] = { "--render-puzzle", "x.png", "--no-such-option", NULL };
  const char *missing[] = { "--export-xlsx", "x.xlsx", "--workshop", "1", "--db", "/nonexistent/v.db", NULL };
  const char *const *same[] = { help, bad, unknown, missing };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *gui_out = NULL, *gui_err = NULL, *cli_out = NULL, *cli_err = NULL;
      int gui = run_program ("verkstad-gui", same[i], NULL, &gui_out, &gui_err);
      int cli = run_program ("verkstad-cli", same[i], NULL, &cli_out, &cli_err);

      g_test_message ("%s: %d %s%s", same[i][0], cli, cli_out, cli_err);
      g_assert_cmpint (gui, ==, cli);
      g_assert_cmpstr (gui_out, ==, cli_out);
      g_assert_cmpstr (gui_err, ==, cli_err);
    }

  /* Through the launcher: the export's process never maps GTK; the window's
   * (here only asked for its version) does. */
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *version[] = { "--version", NULL };

    g_assert_cmpint (run_program ("verkstad", missing, "files", &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "There is no database at"));
    g_assert_nonnull (strstr (err, "libxlsxwriter"));
    g_assert_null (strstr (err, "libgtk-4"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_program ("verkstad", version, "files", &out, &err), ==, 0);
    g_assert_cmpstr (out, ==, "verkstad " PACKAGE_VERSION "\n");
    g_assert_nonnull (strstr (err, "libgtk-4"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-cli/default-content", test_default_content);
  g_test_add_func ("/render-cli/errors", test_errors);
  g_test_add_func ("/render-cli/workshop", test_workshop);
  g_test_add_func ("/render-cli/workshop-numbers", test_workshop_numbers);
  g_test_add_func ("/render-cli/render-refuses", test_render_refuses);
  g_test_add_func ("/render-cli/folder-as-database", test_folder_as_database);
  g_test_add_func ("/render-cli/export-paths", test_export_paths);
  g_test_add_func ("/render-cli/launcher", test_launcher);
  return g_test_run ();
}
