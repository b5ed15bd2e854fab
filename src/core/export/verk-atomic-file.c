/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-atomic-file"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-atomic-file.h"

/* Temporary files are ".verkstad-XXXXXX-NAME": this exact prefix, six random
 * letters or digits, a dash, then as much of the target's name as fits. The
 * next writer in the folder removes the ones a killed writer left. */
#define TEMP_PREFIX      ".verkstad-"
#define TEMP_RANDOM      6
#define TEMP_HEAD_LEN    (sizeof TEMP_PREFIX - 1 + TEMP_RANDOM + 1)

struct _VerkAtomicFile
{
  char        *target;      /* the file to replace or create, links resolved */
  char        *dir;
  char        *base;
  char        *temp_name;   /* in @dir */
  char        *temp_path;
  int          dir_fd;      /* holds a shared lock while the temporary file exists */
  int          fd;
  gboolean     existed;
  struct stat  target_st;   /* when @existed */
  GStrv        protected_paths;
  GError      *write_error; /* the first failure of verk_atomic_file_cairo_write() */
};

G_DEFINE_QUARK (verk-atomic-file-error-quark, verk_atomic_file_error)

/* ------------------------------------------------------------------------ */
/* Messages                                                                 */

static int
code_for_errno (int errsv)
{
  switch (errsv)
    {
    case ENOENT:
    case ENOTDIR:
      return VERK_ATOMIC_FILE_ERROR_FOLDER_MISSING;
    case EACCES:
    case EPERM:
    case EROFS:
      return VERK_ATOMIC_FILE_ERROR_READ_ONLY;
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      return VERK_ATOMIC_FILE_ERROR_DISK_FULL;
    default:
      return VERK_ATOMIC_FILE_ERROR_FAILED;
    }
}

/* A failure in the folder @dir (creating, writing, renaming). */
static void
set_folder_error (GError **error, int errsv, const char *dir)
{
  int code = code_for_errno (errsv);
  g_autofree char *display = g_filename_display_name (dir);
  const char *why = g_strerror (errsv);

  switch (code)
    {
    case VERK_ATOMIC_FILE_ERROR_FOLDER_MISSING:
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, code,
                   _("The folder “%s” does not exist. Choose another folder and export again."), display);
      break;
    case VERK_ATOMIC_FILE_ERROR_READ_ONLY:
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, code,
                   _("Cannot write in the folder “%s”: it is read-only or you lack permission (%s). "
                     "Choose another folder and export again."), display, why);
      break;
    case VERK_ATOMIC_FILE_ERROR_DISK_FULL:
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, code,
                   _("The disk holding “%s” is full (%s). Free some space or choose another "
                     "folder, then export again."), display, why);
      break;
    default:
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, code,
                   _("Could not write in the folder “%s”: %s."), display, why);
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Which files may be replaced                                              */

static gboolean
same_file (const struct stat *a, const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether @target (in the folder @dir_st, named @base; @target_st when it
 * exists) is one of @protected_paths. */
static gboolean
is_protected (const char * const *protected_paths,
              const struct stat  *dir_st,
              const char         *base,
              const struct stat  *target_st)
{
  for (guint i = 0; protected_paths != NULL && protected_paths[i] != NULL; i++)
    {
      const char *p = protected_paths[i];
      g_autofree char *p_dir = NULL;
      g_autofree char *p_base = NULL;
      struct stat st;

      if (g_str_has_suffix (p, G_DIR_SEPARATOR_S))
        {
          /* A folder: every file in it. */
          if (stat (p, &st) == 0 && S_ISDIR (st.st_mode) && same_file (&st, dir_st))
            return TRUE;
          continue;
        }
      if (target_st != NULL && stat (p, &st) == 0 && same_file (&st, target_st))
        return TRUE;
      /* A name that need not exist yet (a -wal appears when it is needed). */
      p_dir = g_path_get_dirname (p);
      p_base = g_path_get_basename (p);
      if (g_str_equal (p_base, base) && stat (p_dir, &st) == 0 && same_file (&st, dir_st))
        return TRUE;
    }
  return FALSE;
}

/* Whether the user may write @st. Root may write anything, so the file's
 * permission bits are asked: a file nobody may write is not replaced. */
static gboolean
could_write (const char *path, const struct stat *st)
{
  if (geteuid () == 0)
    return (st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
  /* A read-only file system is the folder's matter: said when the
   * temporary file cannot be made there. */
  return faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) == 0 || errno == EROFS;
}

/* The attributes `chattr` sets: 0 when the file system has none. */
static unsigned long
file_attributes (const char *path)
{
  unsigned long flags = 0;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, 0);
  int attr = 0;

  if (fd < 0)
    return 0;
  if (ioctl (fd, FS_IOC_GETFLAGS, &attr) == 0)
    flags = (unsigned long) (unsigned int) attr;
  close (fd);
  return flags;
}

/* Checks that @self->target may be written; fills @self->existed and
 * @self->target_st. */
static gboolean
check_target (VerkAtomicFile *self, const struct stat *dir_st, GError **error)
{
  g_autofree char *display = g_filename_display_name (self->target);
  struct stat st;
  unsigned long attributes;

  if (lstat (self->target, &st) != 0)
    {
      int errsv = errno;

      if (errsv != ENOENT)
        {
          g_set_error (error, VERK_ATOMIC_FILE_ERROR, code_for_errno (errsv),
                       _("Could not write “%s”: %s."), display, g_strerror (errsv));
          return FALSE;
        }
      self->existed = FALSE;
      if (is_protected ((const char * const *) self->protected_paths, dir_st, self->base, NULL))
        goto protected;
      return TRUE;
    }

  self->existed = TRUE;
  self->target_st = st;
  if (is_protected ((const char * const *) self->protected_paths, dir_st, self->base, &st))
    goto protected;
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR,
                   _("“%s” is a folder, not a file. Nothing was written. Choose a file name."),
                   display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR,
                   _("“%s” is not an ordinary file (it is a device, a pipe or a socket), so "
                     "Verkstad does not replace it. Nothing was written. Choose another file name."),
                   display);
      return FALSE;
    }
  attributes = file_attributes (self->target);
  if (attributes & FS_IMMUTABLE_FL)
    {
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY,
                   _("“%s” is marked as unchangeable (immutable), so it cannot be replaced. "
                     "Nothing was written. Choose another name, or remove the mark "
                     "(chattr -i) and export again."), display);
      return FALSE;
    }
  if (attributes & FS_APPEND_FL)
    {
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY,
                   _("“%s” is marked as append-only, so it cannot be replaced. Nothing was "
                     "written. Choose another name, or remove the mark (chattr -a) and export "
                     "again."), display);
      return FALSE;
    }
  if (!could_write (self->target, &st))
    {
      g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY,
                   _("“%s” is read-only, so Verkstad does not replace it. Nothing was written. "
                     "Choose another name, or make the file writable and export again."), display);
      return FALSE;
    }
  return TRUE;

protected:
  g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_PROTECTED,
               _("“%s” is Verkstad’s own database or one of its backups: saving there would "
                 "destroy it. Nothing was written. Choose another file name."), display);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Temporary files                                                          */

static gboolean
is_temp_name (const char *name)
{
  if (strlen (name) < TEMP_HEAD_LEN || !g_str_has_prefix (name, TEMP_PREFIX))
    return FALSE;
  for (guint i = 0; i < TEMP_RANDOM; i++)
    if (!g_ascii_isalnum (name[sizeof TEMP_PREFIX - 1 + i]))
      return FALSE;
  return name[TEMP_HEAD_LEN - 1] == '-';
}

/* Removes the temporary files of writers that died. Called with the folder
 * locked exclusively: every live writer holds a shared lock on the folder
 * for as long as its temporary file exists, so none is running here. */
static void
remove_stale_temp_files (int dir_fd)
{
  int fd = dup (dir_fd);
  DIR *d;
  struct dirent *e;

  if (fd < 0)
    return;
  d = fdopendir (fd);
  if (d == NULL)
    {
      close (fd);
      return;
    }
  rewinddir (d);
  while ((e = readdir (d)) != NULL)
    {
      struct stat st;

      if (!is_temp_name (e->d_name))
        continue;
      if (fstatat (dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG (st.st_mode) ||
          st.st_uid != geteuid ())
        continue;
      if (unlinkat (dir_fd, e->d_name, 0) == 0)
        g_debug ("removed a stale temporary file %s", e->d_name);
    }
  closedir (d);
}

/* Locks the folder for writing, first removing what dead writers left when
 * no other writer is at work in it. */
static void
lock_folder (int dir_fd)
{
  if (flock (dir_fd, LOCK_EX | LOCK_NB) == 0)
    remove_stale_temp_files (dir_fd);
  /* Shared from here on (a file system without locks: unlocked). */
  while (flock (dir_fd, LOCK_SH) != 0 && errno == EINTR)
    ;
}

/* @base cut to at most @max bytes, never inside a character. */
static char *
cut_name (const char *base, gsize max)
{
  const char *end = base;

  if (strlen (base) <= max)
    return g_strdup (base);
  if (!g_utf8_validate (base, -1, NULL))
    return g_strndup (base, max);
  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((gsize) (g_utf8_next_char (p) - base) > max)
        break;
      end = g_utf8_next_char (p);
    }
  return g_strndup (base, end - base);
}

static gboolean
create_temp (VerkAtomicFile *self, GError **error)
{
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  long name_max = fpathconf (self->dir_fd, _PC_NAME_MAX);
  g_autofree char *short_base = NULL;
  mode_t mode = self->existed ? (self->target_st.st_mode & 0777) : 0600;

  if (name_max <= 0)
    name_max = NAME_MAX;
  /* Fits whenever the target's name fits. */
  short_base = cut_name (self->base, MAX ((gsize) name_max - TEMP_HEAD_LEN, 1));

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      char random[TEMP_RANDOM + 1];

      for (guint i = 0; i < TEMP_RANDOM; i++)
        random[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      random[TEMP_RANDOM] = '\0';
      g_free (self->temp_name);
      self->temp_name = g_strconcat (TEMP_PREFIX, random, "-", short_base, NULL);
      self->fd = openat (self->dir_fd, self->temp_name,
                         O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (self->fd >= 0 || errno != EEXIST)
        break;
    }
  if (self->fd < 0)
    {
      set_folder_error (error, errno, self->dir);
      return FALSE;
    }
  self->temp_path = g_build_filename (self->dir, self->temp_name, NULL);

  /* The replaced file's owner (root replacing a user's file) and mode:
   * a workbook of people's names and scores stays as private as it was. */
  if (self->existed && geteuid () == 0 &&
      (self->target_st.st_uid != geteuid () || self->target_st.st_gid != getegid ()) &&
      fchown (self->fd, self->target_st.st_uid, self->target_st.st_gid) != 0)
    {
      set_folder_error (error, errno, self->dir);
      return FALSE;
    }
  if (fchmod (self->fd, mode) != 0)
    {
      set_folder_error (error, errno, self->dir);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

static void
atomic_file_free (VerkAtomicFile *self)
{
  if (self->fd >= 0)
    close (self->fd);
  if (self->dir_fd >= 0)
    close (self->dir_fd);   /* releases the lock */
  g_free (self->target);
  g_free (self->dir);
  g_free (self->base);
  g_free (self->temp_name);
  g_free (self->temp_path);
  g_strfreev (self->protected_paths);
  g_clear_error (&self->write_error);
  g_free (self);
}

/**
 * verk_atomic_file_begin:
 * @target: the file to write
 * @protected_paths: (nullable) (array zero-terminated=1): files never to replace
 * @error: return location for a translated error
 *
 * Checks that @target may be written and creates the temporary file.
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL with @error set
 *   and nothing changed on disk.
 */
VerkAtomicFile *
verk_atomic_file_begin (const char          *target,
                        const char * const  *protected_paths,
                        GError             **error)
{
  VerkAtomicFile *self;
  struct stat st, dir_st;

  g_return_val_if_fail (target != NULL && target[0] != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (VerkAtomicFile, 1);
  self->fd = self->dir_fd = -1;
  self->protected_paths = g_strdupv ((char **) protected_paths);
  self->target = g_strdup (target);

  /* Through a link, the file it points to is replaced, not the link. */
  if (lstat (target, &st) == 0 && S_ISLNK (st.st_mode))
    {
      char *real = realpath (target, NULL);

      if (real == NULL)
        {
          g_autofree char *display = g_filename_display_name (target);

          g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR,
                       _("“%s” is a link to a file that does not exist. Nothing was written. "
                         "Choose another file name."), display);
          atomic_file_free (self);
          return NULL;
        }
      g_free (self->target);
      self->target = g_strdup (real);
      free (real);
    }
  self->dir = g_path_get_dirname (self->target);
  self->base = g_path_get_basename (self->target);

  if (g_str_has_suffix (self->target, G_DIR_SEPARATOR_S) || g_str_equal (self->base, ".") ||
      g_str_equal (self->base, ".."))
    {
      g_autofree char *display = g_filename_display_name (self->target);

      g_set_error (error, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_NOT_REGULAR,
                   _("“%s” is a folder, not a file. Nothing was written. Choose a file name."),
                   display);
      atomic_file_free (self);
      return NULL;
    }

  self->dir_fd = g_open (self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (self->dir_fd < 0 || fstat (self->dir_fd, &dir_st) != 0)
    {
      set_folder_error (error, errno == ENOTDIR ? ENOENT : errno, self->dir);
      atomic_file_free (self);
      return NULL;
    }
  if (!check_target (self, &dir_st, error))
    {
      atomic_file_free (self);
      return NULL;
    }
  lock_folder (self->dir_fd);
  if (!create_temp (self, error))
    {
      verk_atomic_file_abort (self);
      return NULL;
    }
  return self;
}

/**
 * verk_atomic_file_get_fd:
 *
 * Returns: the temporary file's descriptor; owned by @self.
 */
int
verk_atomic_file_get_fd (VerkAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->fd;
}

/**
 * verk_atomic_file_get_temp_path:
 *
 * Returns: the temporary file's path, for a library that opens files by name.
 */
const char *
verk_atomic_file_get_temp_path (VerkAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temp_path;
}

/**
 * verk_atomic_file_write:
 * @self: the writer
 * @data: (array length=len): bytes
 * @len: how many
 * @error: return location for a translated error (a full disk names the folder)
 *
 * Returns: %TRUE when all of @data was written.
 */
gboolean
verk_atomic_file_write (VerkAtomicFile *self,
                        const void     *data,
                        gsize           len,
                        GError        **error)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  while (len > 0)
    {
      gssize n = write (self->fd, p, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_folder_error (error, n < 0 ? errno : EIO, self->dir);
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/**
 * verk_atomic_file_cairo_write:
 * @closure: the #VerkAtomicFile
 * @data: (array length=length): bytes
 * @length: how many
 *
 * Returns: %CAIRO_STATUS_WRITE_ERROR once a write failed (kept for
 *   verk_atomic_file_commit()), else %CAIRO_STATUS_SUCCESS.
 */
cairo_status_t
verk_atomic_file_cairo_write (void                *closure,
                              const unsigned char *data,
                              unsigned int         length)
{
  VerkAtomicFile *self = closure;

  g_return_val_if_fail (self != NULL, CAIRO_STATUS_WRITE_ERROR);

  if (self->write_error != NULL || !verk_atomic_file_write (self, data, length, &self->write_error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * verk_atomic_file_commit:
 * @self: (transfer full): the writer
 * @error: return location for a translated error
 *
 * Flushes the temporary file to disk, renames it over the target and flushes
 * the folder. A failed verk_atomic_file_cairo_write() fails it. On failure
 * before the rename the target is untouched and the temporary file removed.
 *
 * Returns: %TRUE when the target is the new file, on disk.
 */
gboolean
verk_atomic_file_commit (VerkAtomicFile  *self,
                         GError         **error)
{
  struct stat dir_st;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->write_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->write_error));
      verk_atomic_file_abort (self);
      return FALSE;
    }
  fd = self->fd;
  self->fd = -1;
  if (fsync (fd) != 0)
    {
      set_folder_error (error, errno, self->dir);
      close (fd);
      verk_atomic_file_abort (self);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_folder_error (error, errno, self->dir);
      verk_atomic_file_abort (self);
      return FALSE;
    }
  /* The target may have changed while the file was written. */
  if (fstat (self->dir_fd, &dir_st) != 0)
    {
      set_folder_error (error, errno, self->dir);
      verk_atomic_file_abort (self);
      return FALSE;
    }
  if (!check_target (self, &dir_st, error))
    {
      verk_atomic_file_abort (self);
      return FALSE;
    }
  if (renameat (self->dir_fd, self->temp_name, self->dir_fd, self->base) != 0)
    {
      set_folder_error (error, errno, self->dir);
      verk_atomic_file_abort (self);
      return FALSE;
    }
  g_clear_pointer (&self->temp_name, g_free);
  if (fsync (self->dir_fd) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (self->target);

      g_set_error (error, VERK_ATOMIC_FILE_ERROR, code_for_errno (errsv),
                   _("“%s” was written, but its folder could not be flushed to disk (%s): "
                     "after a power cut the file may be missing. Export again to be sure."),
                   display, g_strerror (errsv));
      atomic_file_free (self);
      return FALSE;
    }
  atomic_file_free (self);
  return TRUE;
}

/**
 * verk_atomic_file_abort:
 * @self: (transfer full) (nullable): the writer
 *
 * Removes the temporary file; the target stays as it was.
 */
void
verk_atomic_file_abort (VerkAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->temp_name != NULL && self->dir_fd >= 0)
    unlinkat (self->dir_fd, self->temp_name, 0);
  atomic_file_free (self);
}
