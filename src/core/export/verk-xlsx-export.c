/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook export's entry points and the workbook's plan: which sheets,
 * in which order, with which properties. The rest lives beside it around
 * verk-xlsx-export-private.h: -collect.c (the data from the store), -cells.c
 * (the cell writer), -sheets.c, -puzzle.c (the Summary's picture) and
 * -package.c (the file, checked and written atomically). */
#define G_LOG_DOMAIN "verk-xlsx-export"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "verk-atomic-file.h"
#include "verk-xlsx-export-private.h"

G_DEFINE_QUARK (verk-xlsx-export-error-quark, verk_xlsx_export_error)

/* ------------------------------------------------------------------------ */
/* The workbook and the file.                                               */

static GPtrArray *
sections_newest_first (const VerkExportData *data)
{
  GPtrArray *sections = g_ptr_array_new ();

  if (data->scope == VERK_EXPORT_WORKSHOP)
    {
      g_ptr_array_add (sections, data->focus);
      return sections;
    }
  for (guint g = 0; g < data->groups->len; g++)
    {
      const GroupData *gd = g_ptr_array_index (data->groups, g);

      for (guint i = gd->workshops->len; i > 0; i--)
        g_ptr_array_add (sections, g_ptr_array_index (gd->workshops, i - 1));
    }
  return sections;
}

/* Header and footer text: '&' starts a code there, so it is doubled; Excel
 * allows 255 characters. */
static char *
footer_text (const char *title)
{
  g_autoptr (GString) t = g_string_new (NULL);
  g_auto (GStrv) parts = g_strsplit (title, "&", -1);
  g_autofree char *escaped = g_strjoinv ("&&", parts);
  g_autofree char *cut = NULL;
  g_autofree char *one_line = g_strdelimit (g_strdup (escaped), "\n\t", ' ');

  cut = g_utf8_substring (one_line, 0, MIN (g_utf8_strlen (one_line, -1), 150));
  if (g_str_has_suffix (cut, "&") && !g_str_has_suffix (cut, "&&"))
    cut[strlen (cut) - 1] = '\0';
  /* Translators: page footer; &P is the page number and &N the page count */
  g_string_printf (t, "&L&8%s&R&8%s", cut, _("Page &P of &N"));
  return g_string_free (g_steal_pointer (&t), FALSE);
}

static gboolean
build_workbook (Writer *w, const VerkExportOptions *options, GError **error)
{
  const VerkExportData *data = w->data;
  g_autoptr (GPtrArray) sections = sections_newest_first (data);
  g_autofree char *title = NULL;
  const char *author = NULL, *company = NULL;
  lxw_doc_properties props = { 0 };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDateTime *created = options != NULL && options->created != NULL ? options->created : now;

  if (data->scope == VERK_EXPORT_WORKSHOP)
    title = g_strdup_printf (_("Workshop %s, %s"), data->focus->group->name, data->focus->workshop->date);
  else if (data->scope == VERK_EXPORT_GROUP)
    title = g_strdup_printf (_("Workshops of %s"),
                             ((GroupData *) g_ptr_array_index (data->groups, 0))->group->name);
  else
    title = g_strdup (_("Workshops of all groups"));
  if (data->focus != NULL)
    author = data->focus->workshop->facilitator;
  if (data->scope != VERK_EXPORT_ALL)
    company = ((GroupData *) g_ptr_array_index (data->groups, 0))->group->unit;

  w->footer = footer_text (title);
  make_formats (w);

  if (data->scope == VERK_EXPORT_ALL)
    write_overview (w);
  else
    write_summary (w, data->focus, data->previous, g_ptr_array_index (data->groups, 0));
  write_scores (w, sections);
  write_actions (w, sections);
  write_platform (w, sections);
  write_organisation (w);
  if (data->scope != VERK_EXPORT_WORKSHOP)
    write_history (w);
  insert_puzzle (w);
  for (guint i = 0; i < w->sheets->len; i++)
    set_print_layout (w, g_ptr_array_index (w->sheets, i));
  for (guint i = 0; i < w->sheets->len; i++)
    {
      const Sheet *s = g_ptr_array_index (w->sheets, i);

      if (s->too_big)
        {
          g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_TOO_BIG,
                       _("The workbook would not fit in a spreadsheet: its sheet “%s” needs more "
                         "than %d rows or more than %d columns. No workbook was written. Export "
                         "fewer workshops at a time; a single workshop this large cannot be "
                         "exported as a workbook."), s->name, MAX_ROWS, MAX_COLS);
          return FALSE;
        }
    }

  props.title = title;
  props.subject = (char *) _("Leadership workshop with the SIQ puzzle");
  props.author = (char *) (author != NULL ? author : "");
  props.company = (char *) (company != NULL ? company : "");
  props.keywords = (char *) "SIQ, Verkstad";
  props.comments = (char *) _("Exported from Verkstad");
  props.created = (time_t) g_date_time_to_unix (created);
  check (w, workbook_set_properties (w->wb, &props));
  return TRUE;
}

/* verk_xlsx_export_write() with the puzzle image drawn by @warm, a job
 * puzzle_job_new_warming() started, when not NULL; the caller frees it. */
static gboolean
write_workbook (const VerkExportData    *data,
                const char              *path,
                const VerkExportOptions *options,
                PuzzleJob               *warm,
                GError                 **error)
{
  g_autoptr (GPtrArray) sheets = NULL;
  g_autoptr (GError) file_error = NULL;
  g_autofree char *memory_path = NULL;
  VerkAtomicFile *file;
  Writer w = { 0 };
  PuzzleJob *own = NULL;
  lxw_error close_err;
  int memory_fd;
  gboolean built;

  if (!check_library_tmp_dir (path, error))
    return FALSE;
  file = verk_atomic_file_begin (path, (const char * const *) data->protected_paths,
                                 &file_error);
  if (file == NULL)
    {
      propagate_file_error (error, g_steal_pointer (&file_error));
      return FALSE;
    }
  memory_fd = memory_file (&memory_path);

  w.data = data;
  /* Started first: it runs beside everything below. */
  if (data->scope != VERK_EXPORT_ALL && data->focus != NULL && puzzle_drawable (data->focus))
    {
      w.puzzle = puzzle_job_start (warm, data->focus);
      if (w.puzzle != warm)
        own = w.puzzle;
    }
  w.wb = workbook_new (memory_fd >= 0 ? memory_path : verk_atomic_file_get_temp_path (file));
  if (w.wb == NULL)
    {
      puzzle_job_free (own);
      verk_atomic_file_abort (file);
      if (memory_fd >= 0)
        close (memory_fd);
      set_library_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, path);
      return FALSE;
    }
  w.sheets = sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  w.names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (w.names, NULL);
  w.keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  built = build_workbook (&w, options, error);
  if (built && w.err != LXW_NO_ERROR)
    {
      set_library_error (error, w.err, path);
      built = FALSE;
    }

  /* workbook_close frees the workbook even when it fails. */
  close_err = workbook_close (w.wb);
  puzzle_job_free (own);
  g_ptr_array_unref (w.keep);
  g_ptr_array_unref (w.names);
  g_free (w.footer);

  if (built && close_err != LXW_NO_ERROR)
    {
      set_library_error (error, close_err, path);
      built = FALSE;
    }
  /* libxlsxwriter writes its temporary files unchecked: a full temporary
   * folder gives a "finished" workbook with parts cut off. */
  if (built)
    built = check_workbook_file (memory_fd >= 0 ? memory_fd : verk_atomic_file_get_fd (file),
                                 path, error);
  if (built && memory_fd >= 0)
    built = copy_into (memory_fd, file, error);
  if (memory_fd >= 0)
    close (memory_fd);
  if (!built)
    {
      verk_atomic_file_abort (file);
      return FALSE;
    }
  if (!verk_atomic_file_commit (file, &file_error))
    {
      propagate_file_error (error, g_steal_pointer (&file_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * verk_xlsx_export_write:
 * @data: what verk_export_data_collect() returned
 * @path: the .xlsx file to write (replaced when it exists)
 * @options: (nullable): options
 * @error: return location for an error
 *
 * Writes through a #VerkAtomicFile: never over the database, its journal or
 * a backup (%VERK_XLSX_EXPORT_ERROR_REFUSED), nor over anything but a
 * regular file the user may write.
 *
 * Returns: %TRUE when @path holds the new workbook.
 */
gboolean
verk_xlsx_export_write (const VerkExportData    *data,
                        const char              *path,
                        const VerkExportOptions *options,
                        GError                 **error)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_workbook (data, path, options, NULL, error);
}

/* ------------------------------------------------------------------------ */
/* The exporter: what one export owns from before the store is opened.      */

struct _VerkXlsxExporter
{
  VerkExportScope  scope;
  PuzzleJob       *puzzle;    /* loading the fonts, then drawing the picture; NULL: none */
};

/**
 * verk_xlsx_exporter_new:
 * @scope: one workshop, one group or all groups
 *
 * Makes an export of @scope. For a workshop or a group, whose workbook shows
 * the puzzle, it starts loading the picture's fonts in a thread at once, so
 * they load while the caller opens and reads the store (the command line
 * makes it before it opens the database). The thread ends in
 * verk_xlsx_exporter_run(), or in verk_xlsx_exporter_free() when it was
 * never run.
 *
 * Returns: (transfer full): the exporter
 */
VerkXlsxExporter *
verk_xlsx_exporter_new (VerkExportScope scope)
{
  VerkXlsxExporter *self = g_new0 (VerkXlsxExporter, 1);

  self->scope = scope;
  if (scope != VERK_EXPORT_ALL)
    self->puzzle = puzzle_job_new_warming ();
  return self;
}

/**
 * verk_xlsx_exporter_free:
 * @self: (transfer full) (nullable): an exporter
 *
 * Frees @self, stopping and joining its thread when it was never run.
 */
void
verk_xlsx_exporter_free (VerkXlsxExporter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->puzzle, puzzle_job_free);
  g_free (self);
}

/**
 * verk_xlsx_exporter_run:
 * @self: an exporter
 * @store: the store
 * @id: the workshop or group id (ignored for %VERK_EXPORT_ALL)
 * @path: the .xlsx file to write
 * @options: (nullable): options
 * @error: return location for an error
 *
 * Collects and writes the workbook, as verk_xlsx_export() does, with the
 * picture drawn in the thread verk_xlsx_exporter_new() started. That thread
 * has ended when this returns; a second run draws in a thread of its own.
 *
 * Returns: %TRUE on success.
 */
gboolean
verk_xlsx_exporter_run (VerkXlsxExporter        *self,
                        VerkStore               *store,
                        gint64                   id,
                        const char              *path,
                        const VerkExportOptions *options,
                        GError                 **error)
{
  g_autoptr (VerkExportData) data = NULL;
  gboolean written;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = verk_export_data_collect (store, self->scope, id, error);
  written = data != NULL && write_workbook (data, path, options, self->puzzle, error);
  /* Joins its thread; stops it first when the export failed before the
   * picture was drawn. */
  g_clear_pointer (&self->puzzle, puzzle_job_free);
  return written;
}

/**
 * verk_xlsx_export:
 * @store: the store
 * @scope: one workshop, one group or all groups
 * @id: the workshop or group id (ignored for %VERK_EXPORT_ALL)
 * @path: the .xlsx file to write
 * @options: (nullable): options
 * @error: return location for an error
 *
 * Exports a workbook; see verk_export_data_collect() and verk_xlsx_export_write().
 *
 * Returns: %TRUE on success.
 */
gboolean
verk_xlsx_export (VerkStore               *store,
                  VerkExportScope          scope,
                  gint64                   id,
                  const char              *path,
                  const VerkExportOptions *options,
                  GError                 **error)
{
  g_autoptr (VerkXlsxExporter) exporter = verk_xlsx_exporter_new (scope);

  return verk_xlsx_exporter_run (exporter, store, id, path, options, error);
}
