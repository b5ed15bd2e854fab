/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The file: the workbook built in memory (or a temporary file), checked
 * to be a whole zip, then written through a VerkAtomicFile. */
#define G_LOG_DOMAIN "verk-xlsx-export"
#define _GNU_SOURCE     /* memfd_create */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <zlib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-xlsx-export-private.h"

/* The atomic file's errors as the export's codes; the message stays. */
void
propagate_file_error (GError **error, GError *file_error)
{
  int code;

  switch (file_error->domain == VERK_ATOMIC_FILE_ERROR ? file_error->code : -1)
    {
    case VERK_ATOMIC_FILE_ERROR_FOLDER_MISSING:
      code = VERK_XLSX_EXPORT_ERROR_FOLDER_MISSING;
      break;
    case VERK_ATOMIC_FILE_ERROR_READ_ONLY:
      code = VERK_XLSX_EXPORT_ERROR_READ_ONLY;
      break;
    case VERK_ATOMIC_FILE_ERROR_DISK_FULL:
      code = VERK_XLSX_EXPORT_ERROR_DISK_FULL;
      break;
    case VERK_ATOMIC_FILE_ERROR_PROTECTED:
    case VERK_ATOMIC_FILE_ERROR_NOT_REGULAR:
    case VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY:
      code = VERK_XLSX_EXPORT_ERROR_REFUSED;
      break;
    default:
      code = VERK_XLSX_EXPORT_ERROR_FAILED;
      break;
    }
  g_set_error_literal (error, VERK_XLSX_EXPORT_ERROR, code, file_error->message);
  g_error_free (file_error);
}

/* libxlsxwriter opens the workbook by name and prints its own lines on
 * stderr when writing fails (a full disk). So it writes into memory, a file
 * that cannot run out of disk, and the bytes are then copied into the
 * temporary file here, where every failure gets a message of ours. Returns
 * -1 where memory files are not available; libxlsxwriter then writes the
 * temporary file itself. */
int
memory_file (char **path_out)
{
  int fd = memfd_create ("verkstad-workbook", MFD_CLOEXEC);

  if (fd < 0)
    return -1;
  *path_out = g_strdup_printf ("/proc/self/fd/%d", fd);
  if (!g_file_test (*path_out, G_FILE_TEST_EXISTS))
    {
      g_clear_pointer (path_out, g_free);
      close (fd);
      return -1;
    }
  return fd;
}

gboolean
copy_into (int from, VerkAtomicFile *file, GError **error)
{
  g_autoptr (GError) file_error = NULL;
  char buffer[64 * 1024];
  off_t offset = 0;

  for (;;)
    {
      gssize n = pread (from, buffer, sizeof buffer, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED,
                       _("Could not write the workbook: %s."), g_strerror (errno));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      if (!verk_atomic_file_write (file, buffer, (gsize) n, &file_error))
        {
          propagate_file_error (error, g_steal_pointer (&file_error));
          return FALSE;
        }
      offset += n;
    }
}

/* Where libxlsxwriter keeps the parts of a workbook while it builds it
 * (its tmpfileplus looks at these variables in this order). */
static const char *
library_tmp_dir (void)
{
  const char *names[] = { "TMP", "TEMP", "TMPDIR" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *dir = g_getenv (names[i]);

      if (dir != NULL && dir[0] != '\0')
        return dir;
    }
  return "/tmp";
}

/* libxlsxwriter prints its own error when it cannot make a temporary file:
 * a temporary folder that is missing or read-only is found here first. */
gboolean
check_library_tmp_dir (const char *path, GError **error)
{
  g_autofree char *probe = g_build_filename (library_tmp_dir (), "verkstad-XXXXXX", NULL);
  int fd = g_mkstemp_full (probe, O_RDWR | O_CLOEXEC, 0600);

  if (fd >= 0)
    {
      close (fd);
      g_unlink (probe);
      return TRUE;
    }
  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED,
                 _("Could not build the workbook “%s”: the temporary folder (%s) is full or "
                   "cannot be written. Free some space there and export again."),
                 display, library_tmp_dir ());
  }
  return FALSE;
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

/* Whether one XML part of the workbook is whole: it ends with its root
 * element's end tag. A part libxlsxwriter could not finish writing (its
 * temporary files are written unchecked) is cut off before that. */
static gboolean
xml_part_complete (const char *xml, gsize len)
{
  const char *p = xml, *end = xml + len;
  const char *name, *name_end;
  g_autofree char *end_tag = NULL;

  /* The root: the first element after the declaration. */
  while (p < end && (p = memchr (p, '<', end - p)) != NULL && p + 1 < end &&
         (p[1] == '?' || p[1] == '!'))
    p++;
  if (p == NULL || p + 1 >= end)
    return FALSE;
  name = p + 1;
  for (name_end = name; name_end < end && !g_ascii_isspace (*name_end) && *name_end != '>' &&
                        *name_end != '/'; name_end++)
    ;
  while (end > xml && g_ascii_isspace (end[-1]))
    end--;
  end_tag = g_strdup_printf ("</%.*s>", (int) (name_end - name), name);
  if ((gsize) (end - xml) >= strlen (end_tag) &&
      memcmp (end - strlen (end_tag), end_tag, strlen (end_tag)) == 0)
    return TRUE;
  /* A root without content: <name …/>, and nothing after it. */
  return end - xml >= 2 && end[-2] == '/' && end[-1] == '>' && memchr (name, '>', end - name) == end - 1;
}

/* Reads the finished workbook (a zip) and checks every XML part is whole. */
static gboolean
workbook_complete (const guint8 *zip, gsize len)
{
  const guint8 *eocd = NULL;
  guint32 n_entries, offset;

  for (gsize i = len >= 22 ? len - 22 : 0; len >= 22 && i + 65557 >= len; i--)
    {
      if (le32 (zip + i) == 0x06054b50)
        {
          eocd = zip + i;
          break;
        }
      if (i == 0)
        break;
    }
  if (eocd == NULL)
    return FALSE;
  n_entries = le16 (eocd + 10);
  offset = le32 (eocd + 16);
  for (guint32 e = 0; e < n_entries; e++)
    {
      const guint8 *cd = zip + offset;
      guint16 method, name_len;
      guint32 packed, size, local;
      const guint8 *data;

      if (offset + 46 > len || le32 (cd) != 0x02014b50)
        return FALSE;
      method = le16 (cd + 10);
      packed = le32 (cd + 20);
      size = le32 (cd + 24);
      name_len = le16 (cd + 28);
      local = le32 (cd + 42);
      if (offset + 46 + name_len > len || local + 30 > len || le32 (zip + local) != 0x04034b50)
        return FALSE;
      data = zip + local + 30 + le16 (zip + local + 26) + le16 (zip + local + 28);
      if (data + packed > zip + len)
        return FALSE;
      if ((name_len > 4 && memcmp (cd + 46 + name_len - 4, ".xml", 4) == 0) ||
          (name_len > 5 && memcmp (cd + 46 + name_len - 5, ".rels", 5) == 0))
        {
          g_autofree char *xml = g_malloc (MAX (size, 1));
          gboolean whole;

          if (method == 0 && packed == size)
            memcpy (xml, data, size);
          else if (method == 8)
            {
              z_stream z = { 0 };
              int rc;

              if (inflateInit2 (&z, -MAX_WBITS) != Z_OK)
                return FALSE;
              z.next_in = (Bytef *) data;
              z.avail_in = packed;
              z.next_out = (Bytef *) xml;
              z.avail_out = size;
              rc = inflate (&z, Z_FINISH);
              inflateEnd (&z);
              if (rc != Z_STREAM_END || z.total_out != size)
                return FALSE;
            }
          else
            return FALSE;
          whole = xml_part_complete (xml, size);
          if (!whole)
            {
              g_debug ("workbook part %.*s is cut off", (int) name_len, (const char *) cd + 46);
              return FALSE;
            }
        }
      offset += 46 + name_len + le16 (cd + 30) + le16 (cd + 32);
    }
  return TRUE;
}

gboolean
check_workbook_file (int fd, const char *path, GError **error)
{
  struct stat st;
  void *map;
  gboolean whole;

  if (fstat (fd, &st) != 0 || st.st_size <= 0)
    whole = FALSE;
  else if ((map = mmap (NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
    whole = FALSE;
  else
    {
      whole = workbook_complete (map, st.st_size);
      munmap (map, st.st_size);
    }
  if (!whole)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED,
                   _("Could not build the workbook “%s”: the temporary folder (%s) is full or "
                     "cannot be written. Free some space there and export again."),
                   display, library_tmp_dir ());
    }
  return whole;
}

/* libxlsxwriter's own failures, in our words. */
void
set_library_error (GError **error, lxw_error e, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (e)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED,
                   _("There was not enough memory to build the workbook “%s”. Close other "
                     "programs and export again."), display);
      break;
    case LXW_ERROR_CREATING_TMPFILE:
      g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED,
                   _("Could not build the workbook “%s”: the temporary folder (%s) is full or "
                     "cannot be written. Free some space there and export again."),
                   display, library_tmp_dir ());
      break;
    default:
      g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED,
                   _("Could not build the workbook “%s”: %s."), display, lxw_strerror (e));
      break;
    }
}
