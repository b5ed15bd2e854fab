/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

#define VERK_ATOMIC_FILE_ERROR (verk_atomic_file_error_quark ())

typedef enum {
  VERK_ATOMIC_FILE_ERROR_FAILED,
  VERK_ATOMIC_FILE_ERROR_FOLDER_MISSING,  /* the target's folder does not exist */
  VERK_ATOMIC_FILE_ERROR_READ_ONLY,       /* the folder: read-only, or no permission */
  VERK_ATOMIC_FILE_ERROR_DISK_FULL,
  VERK_ATOMIC_FILE_ERROR_PROTECTED,       /* the target is one of the protected files */
  VERK_ATOMIC_FILE_ERROR_NOT_REGULAR,     /* the target is a folder, a device, a pipe… */
  VERK_ATOMIC_FILE_ERROR_FILE_READ_ONLY,  /* the target file may not be written */
} VerkAtomicFileError;

/* Writing a file so that it is either the complete new file or untouched:
 * the data goes into a temporary file beside the target, which is fsynced,
 * renamed over the target, and the folder fsynced. Every export uses it.
 *
 *   file = verk_atomic_file_begin (target, protected, &error);
 *   …write to verk_atomic_file_get_fd (file) or verk_atomic_file_write ()…
 *   verk_atomic_file_commit (file, &error);   or   verk_atomic_file_abort (file);
 *
 * The target may only be a regular file the user could write (or a new
 * name); it keeps its mode, and a new file is created 0600. Temporary files
 * of killed writers are removed by the next writer in that folder. Error
 * messages are translated and name the file or folder. */
typedef struct _VerkAtomicFile VerkAtomicFile;

GQuark          verk_atomic_file_error_quark   (void);

/* Starts writing @target. @protected_paths (nullable, NULL-terminated): files
 * that must never be replaced, compared by device and inode (and, for a name
 * that does not exist yet, by folder and name); an entry ending in "/" is a
 * folder, and every file in it is protected. */
VerkAtomicFile *verk_atomic_file_begin         (const char          *target,
                                                const char * const  *protected_paths,
                                                GError             **error);
/* The temporary file, open for reading and writing. */
int             verk_atomic_file_get_fd        (VerkAtomicFile      *self);
const char     *verk_atomic_file_get_temp_path (VerkAtomicFile      *self);
/* Writes all of @data at the current offset. */
gboolean        verk_atomic_file_write         (VerkAtomicFile      *self,
                                                const void          *data,
                                                gsize                len,
                                                GError             **error);
/* A cairo_write_func_t with @closure the VerkAtomicFile, for cairo's
 * *_create_for_stream () and cairo_surface_write_to_png_stream (): the
 * first failure is kept and verk_atomic_file_commit() reports it. */
cairo_status_t  verk_atomic_file_cairo_write   (void                *closure,
                                                const unsigned char *data,
                                                unsigned int         length);
/* Makes the temporary file the target; frees @self either way. */
gboolean        verk_atomic_file_commit        (VerkAtomicFile      *self,
                                                GError             **error);
/* Removes the temporary file and frees @self (nullable). */
void            verk_atomic_file_abort         (VerkAtomicFile      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkAtomicFile, verk_atomic_file_abort)

G_END_DECLS
