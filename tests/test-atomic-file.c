/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VerkAtomicFile, the one way every export writes a file: it never replaces
 * a protected file (compared by inode, not by name), a non-regular file or
 * one nobody may write; it keeps the replaced file's mode and creates new
 * files 0600; it cleans what a killed writer left, never a live writer's
 * file; its temporary name fits whenever the target's does. Tests run as
 * root, so permission bits are the file's, not the kernel's verdict. */
#define _GNU_SOURCE     /* setresuid */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "test-files.h"

#include "verk-atomic-file.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("verk-atomic-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (f->dir);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static guint
count_names (const char *listing)
{
  g_auto (GStrv) names = g_strsplit (listing, " ", -1);

  return g_strv_length (names);
}

static char *
contents_of (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* Writes @text to @target through the helper. */
static gboolean
write_atomically (const char          *target,
                  const char * const  *protected_paths,
                  const char          *text,
                  GError             **error)
{
  VerkAtomicFile *file = verk_atomic_file_begin (target, protected_paths, error);

  if (file == NULL)
    return FALSE;
  if (!verk_atomic_file_write (file, text, strlen (text), error))
    {
      verk_atomic_file_abort (file);
      return FALSE;
    }
  return verk_atomic_file_commit (file, error);
}

static void
test_writes_and_aborts (Fixture *f, gconstpointer data)
{
  g_autofree char *target = path_in (f, "out.xlsx");
  g_autofree char *got = NULL, *listing = NULL;
  g_autoptr (GError) error = NULL;
  VerkAtomicFile *file;

  g_assert_true (write_atomically (target, NULL, "new", &error));
  g_assert_no_error (error);
  got = contents_of (target);
  g_assert_cmpstr (got, ==, "new");

  file = verk_atomic_file_begin (target, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verk_atomic_file_write (file, "half", 4, &error));
  verk_atomic_file_abort (file);
  g_clear_pointer (&got, g_free);
  got = contents_of (target);
  g_assert_cmpstr (got, ==, "new");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "out.xlsx");
}

/* The database, by a hard link, a symbolic link or its own name; its -wal
 * before it exists; every file in a protected folder. */
static void
test_protected (Fixture *f, gconstpointer data)
{
  g_autofree char *db = path_in (f, "v.db");
  g_autofree char *wal = path_in (f, "v.db-wal");
  g_autofree char *hard = path_in (f, "copy.xlsx");
  g_autofree char *soft = path_in (f, "link.xlsx");
  g_autofree char *backups = path_in (f, "backups");
  g_autofree char *backups_dir = g_strconcat (backups, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *in_backups = g_build_filename (backups, "new.xlsx", NULL);
  g_autofree char *other = path_in (f, "other.xlsx");
  const char *protected_paths[] = { db, wal, backups_dir, NULL };
  const char *targets[] = { db, hard, soft, wal, in_backups, NULL };
  g_autofree char *got = NULL;

  g_assert_true (g_file_set_contents (db, "SQLite format 3", -1, NULL));
  g_assert_cmpint (link (db, hard), ==, 0);
  g_assert_cmpint (symlink ("v.db", soft), ==, 0);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);

  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *display = g_filename_display_name (targets[i]);

      g_assert_false (write_atomically (targets[i], protected_paths, "zip", &error));
      g_assert_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_PROTECTED);
      g_test_message ("%s", error->message);
    }
  got = contents_of (db);
  g_assert_cmpstr (got, ==, "SQLite format 3");
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (in_backups, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (soft, G_FILE_TEST_IS_SYMLINK));
  /* Beside them, any other name is fine. */
  g_assert_true (write_atomically (other, protected_paths, "zip", NULL));
}

static void
assert_refused (const char *target, int code, const char *why)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *display = g_filename_display_name (target);

  g_assert_false (write_atomically (target, NULL, "zip", &error));
  g_assert_error (error, VERK_ATOMIC_FILE_ERROR, code);
  g_test_message ("%s", error->message);
  /* It names the file and why, and does not blame the folder. */
  g_assert_nonnull (strstr (error->message, display));
  g_assert_nonnull (strstr (error->message, why));
  g_assert_null (strstr (error->message, "folder “"));
}

/* A device node, a pipe, a folder: never replaced by a regular file. */
static void
test_not_regular (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = path_in (f, "pipe.xlsx");
  g_autofree char *device = path_in (f, "null.xlsx");
  g_autofree char *folder = path_in (f, "folder.xlsx");
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (fifo, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR, "not an ordinary file");
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_refused (folder, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR, "is a folder");
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* /dev/null itself is not risked: a node like it in the test's folder. */
  if (mknod (device, S_IFCHR | 0666, makedev (1, 3)) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot make a device node here (%s)", g_strerror (errno));
      g_test_message ("%s", why);
      return;
    }
  assert_refused (device, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR, "not an ordinary file");
  g_assert_cmpint (lstat (device, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

/* 0444 is refused, also for root (who could write it). */
static void
test_read_only_file (Fixture *f, gconstpointer data)
{
  g_autofree char *target = path_in (f, "kept.xlsx");
  g_autofree char *got = NULL;

  g_assert_true (g_file_set_contents (target, "the old workbook", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0444), ==, 0);
  assert_refused (target, VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY, "read-only");
  got = contents_of (target);
  g_assert_cmpstr (got, ==, "the old workbook");
}

/* chattr +i: refused with a message about the file, not the folder. */
static void
test_immutable_file (Fixture *f, gconstpointer data)
{
  g_autofree char *target = path_in (f, "fixed.xlsx");
  g_autofree char *cmd = NULL, *err = NULL, *got = NULL;
  int status = 0;

  g_assert_true (g_file_set_contents (target, "the old workbook", -1, NULL));
  cmd = g_strdup_printf ("chattr +i '%s'", target);
  if (!g_spawn_command_line_sync (cmd, NULL, &err, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *why = g_strdup_printf ("chattr +i does not work here (%s)",
                                              err != NULL ? g_strstrip (err) : "not installed");
      g_test_skip (why);
      return;
    }
  assert_refused (target, VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY, "immutable");
  g_free (cmd);
  cmd = g_strdup_printf ("chattr -i '%s'", target);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  got = contents_of (target);
  g_assert_cmpstr (got, ==, "the old workbook");
}

static guint
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* New files 0600 whatever the umask; a replaced file keeps its mode. */
static void
test_modes (Fixture *f, gconstpointer data)
{
  g_autofree char *fresh = path_in (f, "new.xlsx");
  g_autofree char *private = path_in (f, "private.xlsx");
  g_autofree char *shared = path_in (f, "shared.xlsx");
  mode_t old_umask = umask (0);

  g_assert_true (write_atomically (fresh, NULL, "a", NULL));
  umask (old_umask);
  g_assert_cmpuint (mode_of (fresh), ==, 0600);

  g_assert_true (g_file_set_contents (private, "old", -1, NULL));
  g_assert_cmpint (g_chmod (private, 0600), ==, 0);
  g_assert_true (write_atomically (private, NULL, "new", NULL));
  g_assert_cmpuint (mode_of (private), ==, 0600);

  g_assert_true (g_file_set_contents (shared, "old", -1, NULL));
  g_assert_cmpint (g_chmod (shared, 0640), ==, 0);
  g_assert_true (write_atomically (shared, NULL, "new", NULL));
  g_assert_cmpuint (mode_of (shared), ==, 0640);
}

/* Through a link: the file it points to gets the new content, the link stays. */
static void
test_symlink_followed (Fixture *f, gconstpointer data)
{
  g_autofree char *real = path_in (f, "real.xlsx");
  g_autofree char *link_path = path_in (f, "link.xlsx");
  g_autofree char *got = NULL;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.xlsx", link_path), ==, 0);
  g_assert_true (write_atomically (link_path, NULL, "new", NULL));
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  got = contents_of (real);
  g_assert_cmpstr (got, ==, "new");
}

/* A writer killed mid-way leaves its temporary file; the next writer in the
 * folder removes it, but never the file of a writer still at work, nor a
 * file that only looks a little like one. */
static void
test_stale_temp_files (Fixture *f, gconstpointer data)
{
  g_autofree char *target = path_in (f, "out.xlsx");
  g_autofree char *other = path_in (f, "other.xlsx");
  g_autofree char *lookalike = path_in (f, ".verkstad-abc-out.xlsx");
  g_autofree char *listing = NULL;
  g_autoptr (GError) error = NULL;
  VerkAtomicFile *live;
  int status;
  pid_t pid;

  g_assert_true (g_file_set_contents (lookalike, "mine", -1, NULL));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      VerkAtomicFile *file = verk_atomic_file_begin (target, NULL, NULL);

      if (file == NULL || !verk_atomic_file_write (file, "half", 4, NULL))
        _exit (3);
      raise (SIGKILL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  listing = list_dir (f->dir);
  g_test_message ("after the kill: %s", listing);
  g_assert_nonnull (strstr (listing, ".verkstad-"));
  g_assert_cmpuint (count_names (listing), ==, 2);

  /* A live writer: its file survives the next writer's clean-up. */
  live = verk_atomic_file_begin (target, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&listing, g_free);
  listing = list_dir (f->dir);
  g_test_message ("one live writer: %s", listing);
  /* The dead writer's file is gone; the lookalike and the live one stay. */
  g_assert_cmpuint (count_names (listing), ==, 2);
  g_assert_true (g_file_test (verk_atomic_file_get_temp_path (live), G_FILE_TEST_EXISTS));

  g_assert_true (write_atomically (other, NULL, "other", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (verk_atomic_file_get_temp_path (live), G_FILE_TEST_EXISTS));
  g_assert_true (verk_atomic_file_write (live, "live", 4, &error));
  g_assert_true (verk_atomic_file_commit (live, &error));
  g_assert_no_error (error);

  g_clear_pointer (&listing, g_free);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, ".verkstad-abc-out.xlsx other.xlsx out.xlsx");
}

/* A target whose name has the longest length the file system allows. */
static void
test_long_names (Fixture *f, gconstpointer data)
{
  guint lengths[] = { 249, 255 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr (GString) name = g_string_new (NULL);
      g_autofree char *target = NULL, *got = NULL;
      g_autoptr (GError) error = NULL;

      /* Multibyte characters, so the cut must not split one. */
      while (name->len + 5 + 2 <= lengths[i])
        g_string_append (name, "å");
      while (name->len + 5 < lengths[i])
        g_string_append_c (name, 'x');
      g_string_append (name, ".xlsx");
      g_assert_cmpuint (name->len, ==, lengths[i]);
      target = path_in (f, name->str);
      g_assert_true (write_atomically (target, NULL, "long", &error));
      g_assert_no_error (error);
      got = contents_of (target);
      g_assert_cmpstr (got, ==, "long");
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *too_long_name = g_strnfill (256, 'y');
    g_autofree char *too_long = path_in (f, too_long_name);

    g_assert_false (write_atomically (too_long, NULL, "x", &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
  }
}

/* As an ordinary user (the tests run as root: a child drops to nobody): a
 * file the user may not write is refused by the kernel's own verdict, a
 * writable one in a writable folder is replaced. */
static void
test_as_ordinary_user (Fixture *f, gconstpointer data)
{
  g_autofree char *mine = path_in (f, "mine.xlsx");
  g_autofree char *theirs = path_in (f, "theirs.xlsx");
  int status;
  pid_t pid;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root to become another user");
      return;
    }
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
  g_assert_true (g_file_set_contents (mine, "old", -1, NULL));
  g_assert_cmpint (chown (mine, 65534, 65534), ==, 0);
  g_assert_true (g_file_set_contents (theirs, "old", -1, NULL));
  g_assert_cmpint (g_chmod (theirs, 0644), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr (GError) error = NULL;

      if (setgroups (0, NULL) != 0 || setresgid (65534, 65534, 65534) != 0 ||
          setresuid (65534, 65534, 65534) != 0)
        _exit (77);
      if (write_atomically (theirs, NULL, "new", &error) ||
          !g_error_matches (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY))
        _exit (1);
      g_clear_error (&error);
      if (!write_atomically (mine, NULL, "new", &error))
        _exit (2);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 77)
    {
      g_test_skip ("cannot become nobody here");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  {
    g_autofree char *got_theirs = contents_of (theirs);
    g_autofree char *got_mine = contents_of (mine);
    struct stat st;

    g_assert_cmpstr (got_theirs, ==, "old");
    g_assert_cmpstr (got_mine, ==, "new");
    g_assert_cmpint (stat (mine, &st), ==, 0);
    g_assert_cmpuint (st.st_uid, ==, 65534);
  }
}

static void
test_missing_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_build_filename (f->dir, "nowhere", "out.xlsx", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (write_atomically (target, NULL, "x", &error));
  g_assert_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_FOLDER_MISSING);
  g_assert_nonnull (strstr (error->message, "nowhere"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/atomic-file/writes-and-aborts", Fixture, NULL, fixture_set_up, test_writes_and_aborts, fixture_tear_down);
  g_test_add ("/atomic-file/protected", Fixture, NULL, fixture_set_up, test_protected, fixture_tear_down);
  g_test_add ("/atomic-file/not-regular", Fixture, NULL, fixture_set_up, test_not_regular, fixture_tear_down);
  g_test_add ("/atomic-file/read-only-file", Fixture, NULL, fixture_set_up, test_read_only_file, fixture_tear_down);
  g_test_add ("/atomic-file/immutable-file", Fixture, NULL, fixture_set_up, test_immutable_file, fixture_tear_down);
  g_test_add ("/atomic-file/modes", Fixture, NULL, fixture_set_up, test_modes, fixture_tear_down);
  g_test_add ("/atomic-file/symlink-followed", Fixture, NULL, fixture_set_up, test_symlink_followed, fixture_tear_down);
  g_test_add ("/atomic-file/stale-temp-files", Fixture, NULL, fixture_set_up, test_stale_temp_files, fixture_tear_down);
  g_test_add ("/atomic-file/long-names", Fixture, NULL, fixture_set_up, test_long_names, fixture_tear_down);
  g_test_add ("/atomic-file/as-ordinary-user", Fixture, NULL, fixture_set_up, test_as_ordinary_user, fixture_tear_down);
  g_test_add ("/atomic-file/missing-folder", Fixture, NULL, fixture_set_up, test_missing_folder, fixture_tear_down);
  return g_test_run ();
}
