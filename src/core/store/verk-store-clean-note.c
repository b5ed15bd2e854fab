/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "verk-store-private.h"

/* ------------------------------------------------------------------------ */
/* The clean-close note                                                     */

/* Reading every page of a big file at each opening (PRAGMA quick_check) is
 * most of the time it takes to open it. A file this app closed cleanly and
 * that nobody has touched since needs no second look the same day, so a
 * clean close leaves a note, in the user's cache folder, of what the file
 * was: device, inode, size, modification and status-change times (ns) and a
 * digest of its first page, and the day it last passed the whole check. The
 * next opening reads the note and deletes it at once (so a crash, which
 * leaves no new note, always means a full check next time); only when the
 * note matches the file exactly, no WAL is waiting and the check ran today
 * is it skipped. Any write through the file system changes the status-change
 * time, which cannot be set back (utimensat() sets it to now), so a copy, an
 * edit by another program, a truncation or a restored modification time all
 * bring the full check back. What the note cannot see: damage that bypasses
 * the file system (a failing disk, a raw device write), or a write of the
 * same size within the file system's timestamp granularity (a few ms) of our
 * close; the first opening of each day checks the whole file regardless, and
 * SQLite still reports a damaged page when it reads one (docs/STORAGE.md). */

#define CLEAN_NOTE_MAGIC "verkstad-clean-close 1"

/* The clock file times are taken from (the kernel stamps them from the
 * coarse real-time clock). */
#ifdef CLOCK_REALTIME_COARSE
#define FILE_TIME_CLOCK CLOCK_REALTIME_COARSE
#else
#define FILE_TIME_CLOCK CLOCK_REALTIME
#endif

static gboolean
timespec_before (const struct timespec *a,
                 const struct timespec *b)
{
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

char *
verk_store_clean_note_path (const char *db_path)
{
  g_autofree char *absolute = g_canonicalize_filename (db_path, NULL);
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);

  return g_build_filename (g_get_user_cache_dir (), "verkstad", "clean-close", name, NULL);
}

/* One line naming the file as it is now, or NULL when it cannot be read.
 * @newest: the later of its modification and status-change times. */
static char *
file_fingerprint (const char      *path,
                  struct timespec *newest)
{
  g_autofree char *digest = NULL;
  guint8 page[4096];
  struct stat st;
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return NULL;
    }
  n = read (fd, page, sizeof page);
  close (fd);
  if (n < 0)
    return NULL;
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, page, (gsize) n);
  if (newest != NULL)
    *newest = timespec_before (&st.st_mtim, &st.st_ctim) ? st.st_ctim : st.st_mtim;
  return g_strdup_printf ("%s dev=%llu ino=%llu size=%lld mtime=%lld.%09ld ctime=%lld.%09ld page1=%s",
                          CLEAN_NOTE_MAGIC,
                          (unsigned long long) st.st_dev, (unsigned long long) st.st_ino,
                          (long long) st.st_size,
                          (long long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (long long) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec,
                          digest);
}

/* Reads the note of @path, and deletes it when @consume (a read-only
 * opening leaves it for the next one). Returns the day the file last passed
 * the whole check when the note describes the file exactly as it is now,
 * else NULL. */
char *
verk_store_read_clean_note (const char *path,
                            gboolean    consume)
{
  g_autofree char *note_path = verk_store_clean_note_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *now = NULL;
  char *newline;

  if (!g_file_get_contents (note_path, &contents, NULL, NULL))
    return NULL;
  /* Used once: from here on only a new clean close vouches for the file. */
  if (consume)
    g_unlink (note_path);
  newline = strchr (contents, '\n');
  if (newline == NULL || !g_str_has_prefix (newline + 1, "checked="))
    return NULL;
  *newline = '\0';
  now = file_fingerprint (path, NULL);
  if (now == NULL || strcmp (now, contents) != 0)
    return NULL;
  return g_strndup (newline + 1 + strlen ("checked="), strcspn (newline + 1 + strlen ("checked="), "\n"));
}

/* After a clean close: the file alone holds everything (no WAL left, so no
 * other connection is still open), so describe it for the next opening. */
void
verk_store_write_clean_note (const char *path,
                             const char *checked_day)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *note_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  if (checked_day == NULL || g_file_test (wal, G_FILE_TEST_EXISTS))
    return;
  /* A write within the same clock tick as the last one would leave the
   * times as they are, so the note describes the file only once the clock
   * has moved past its last change (a few ms after the checkpoint of the
   * close; file systems with coarser times get no note). Any later write
   * then stamps a later time. */
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      struct timespec now, newest;

      clock_gettime (FILE_TIME_CLOCK, &now);
      fingerprint = file_fingerprint (path, &newest);
      if (fingerprint == NULL || timespec_before (&newest, &now))
        break;
      g_clear_pointer (&fingerprint, g_free);
      g_usleep (1000);
    }
  if (fingerprint == NULL)
    return;
  note_path = verk_store_clean_note_path (path);
  dir = g_path_get_dirname (note_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;
  contents = g_strdup_printf ("%s\nchecked=%s\n", fingerprint, checked_day);
  /* No fsync needed: a lost note only means a full check next time. */
  if (!g_file_set_contents_full (note_path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_debug ("could not write %s: %s", note_path, error->message);
}
