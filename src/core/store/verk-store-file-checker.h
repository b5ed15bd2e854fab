/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workshop files of an import checked on a thread of their own, ahead
 * of the merge (verk-store-file-checker.c). Not installed. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

typedef struct _VerkFileChecker VerkFileChecker;

/* What the checker found about one file. */
typedef struct {
  gboolean usable;   /* read in place: attach it with verk_file_checker_attach_uri() */
  gboolean exact;    /* its tables are this version's, as a new file has them */
  GStatBuf seen;     /* the file's, when it was checked */
} VerkCheckedFile;

G_GNUC_INTERNAL VerkFileChecker *verk_file_checker_new (const char * const *files,
                                                        guint               n_files,
                                                        const char * const *table_names,
                                                        const char * const *table_sql,
                                                        guint               n_tables,
                                                        guint               ahead);
G_GNUC_INTERNAL void verk_file_checker_take (VerkFileChecker *self,
                                             guint            index,
                                             VerkCheckedFile *checked);
G_GNUC_INTERNAL void verk_file_checker_release (VerkFileChecker *self,
                                                guint            index);
G_GNUC_INTERNAL void verk_file_checker_free (VerkFileChecker *self);
G_GNUC_INTERNAL char *verk_file_checker_attach_uri (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkFileChecker, verk_file_checker_free)

G_END_DECLS
