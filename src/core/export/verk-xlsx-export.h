/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-store.h"

G_BEGIN_DECLS

#define VERK_XLSX_EXPORT_ERROR (verk_xlsx_export_error_quark ())

typedef enum {
  VERK_XLSX_EXPORT_ERROR_FAILED,
  VERK_XLSX_EXPORT_ERROR_FOLDER_MISSING,  /* the target folder does not exist */
  VERK_XLSX_EXPORT_ERROR_READ_ONLY,       /* no permission, or a read-only file system */
  VERK_XLSX_EXPORT_ERROR_DISK_FULL,
  VERK_XLSX_EXPORT_ERROR_INVALID_TEXT,    /* stored text that is not UTF-8 */
  VERK_XLSX_EXPORT_ERROR_NOT_FOUND,       /* no such workshop or group */
  VERK_XLSX_EXPORT_ERROR_REFUSED,         /* the target is the database, a backup, not a
                                           * regular file, or a file that may not be written */
  VERK_XLSX_EXPORT_ERROR_TOO_BIG,         /* more rows or columns than a worksheet holds */
} VerkXlsxExportError;

typedef enum {
  VERK_EXPORT_WORKSHOP,   /* one workshop (id = workshop id) */
  VERK_EXPORT_GROUP,      /* every workshop of a group, with history (id = group id) */
  VERK_EXPORT_ALL,        /* every group in the database (id ignored) */
} VerkExportScope;

typedef struct {
  /* The workbook's creation date (document properties); NULL = now. */
  GDateTime *created;
} VerkExportOptions;

/* Everything one export needs, read from the store: plain data, safe to hand
 * to another thread. */
typedef struct _VerkExportData VerkExportData;

GQuark          verk_xlsx_export_error_quark (void);

/* Reads and checks everything @scope covers. Text that is not valid UTF-8 fails
 * here (VERK_XLSX_EXPORT_ERROR_INVALID_TEXT), before any file is touched;
 * control characters are replaced. Also notes the store's database, journal
 * and backup files, which the export then never replaces. Fast: SQL only;
 * call it on the store's thread. */
VerkExportData *verk_export_data_collect     (VerkStore               *store,
                                              VerkExportScope          scope,
                                              gint64                   id,
                                              GError                 **error);
void            verk_export_data_free        (VerkExportData          *data);

/* Writes @data as an .xlsx workbook to @path through a VerkAtomicFile: into a
 * temporary file in the same folder, fsynced, then renamed over @path. On
 * failure no file is left and an existing @path is untouched. Any number of
 * participants and pieces; a workshop whose puzzle cannot be drawn (none, or
 * more than 60 pieces) says so where the picture would be. Touches no store:
 * may run in a worker thread. */
gboolean        verk_xlsx_export_write       (const VerkExportData    *data,
                                              const char              *path,
                                              const VerkExportOptions *options,
                                              GError                 **error);

/* verk_export_data_collect() then verk_xlsx_export_write(). @options may be NULL.
 * The puzzle image's fonts load in a thread of this call while the store is
 * read; the call joins it before it returns. */
gboolean        verk_xlsx_export             (VerkStore               *store,
                                              VerkExportScope          scope,
                                              gint64                   id,
                                              const char              *path,
                                              const VerkExportOptions *options,
                                              GError                 **error);

/* One export, made before the store is opened: for a workshop or a group it
 * starts loading the puzzle picture's fonts in a thread at once, which then
 * draws the picture in verk_xlsx_exporter_run(). No thread outlives _run()
 * or _free(). verk_xlsx_export() is _new(), _run(), _free(). */
typedef struct _VerkXlsxExporter VerkXlsxExporter;

VerkXlsxExporter *verk_xlsx_exporter_new   (VerkExportScope          scope);
gboolean          verk_xlsx_exporter_run   (VerkXlsxExporter        *self,
                                            VerkStore               *store,
                                            gint64                   id,
                                            const char              *path,
                                            const VerkExportOptions *options,
                                            GError                 **error);
void              verk_xlsx_exporter_free  (VerkXlsxExporter        *self);

/* A worksheet name Excel accepts: []:*?/\ replaced, no leading or trailing
 * apostrophe, at most 31 UTF-16 units, not "History" (reserved by Excel), and
 * not equal (ignoring case) to any name in @taken. */
char           *verk_xlsx_sheet_name         (const char              *wanted,
                                              const char * const      *taken);

/* Text as it goes into a cell: control characters other than tab and line feed
 * replaced (CR LF becomes LF), cut to Excel's 32,767 UTF-16 units with a
 * visible marker. @text must be valid UTF-8. */
char           *verk_xlsx_cell_text          (const char              *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkExportData, verk_export_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkXlsxExporter, verk_xlsx_exporter_free)

G_END_DECLS
