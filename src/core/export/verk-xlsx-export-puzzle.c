/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Summary's puzzle picture, drawn in a thread of its own while the
 * sheets are written. */
#define G_LOG_DOMAIN "verk-xlsx-export"

#define _GNU_SOURCE  /* pthread_setname_np */
#include "config.h"

#include <pthread.h>

#include <glib/gi18n-lib.h>

#include "verk-puzzle-layout.h"
#include "verk-puzzle-renderer.h"

#include "verk-xlsx-export-private.h"

/* The puzzle image takes longer than the rest of a one-workshop workbook
 * (fonts, drawing, PNG), and depends on nothing but the focus workshop's
 * items: it is drawn in a thread of its own while the sheets are written, and
 * inserted last. The thread owns the renderer it draws with: nothing is
 * shared with other threads.
 *
 * verk_xlsx_export() starts that thread even before it reads the store
 * (puzzle_job_new_warming()): its renderer loads the fonts meanwhile, in the
 * thread that draws with them (Pango's font map is per thread), then waits
 * for the pieces. The job belongs to the export call that started it, which
 * joins its thread before it returns. */
struct _PuzzleJob {
  GMutex           mutex;
  GCond            cond;
  gboolean         given;      /* the pieces are set, or the job is cancelled */
  gboolean         cancelled;
  VerkPuzzlePiece *pieces;     /* names borrowed from the export data */
  guint            n_pieces;
  GThread         *thread;     /* NULL: no thread, or joined */
  GBytes          *png;
  GError          *error;
};

static gpointer
puzzle_job_run (gpointer user_data)
{
  PuzzleJob *job = user_data;
  g_autoptr (VerkPuzzleRenderer) renderer = verk_puzzle_renderer_new ();
  gboolean waiting;

  g_mutex_lock (&job->mutex);
  waiting = !job->given;
  g_mutex_unlock (&job->mutex);
  if (waiting)
    verk_puzzle_renderer_warm_fonts (renderer);

  g_mutex_lock (&job->mutex);
  while (!job->given)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
  if (!job->cancelled)
    job->png = verk_puzzle_renderer_render_png_bytes (renderer, PUZZLE_PNG_WIDTH, PUZZLE_PNG_HEIGHT,
                                                      job->pieces, job->n_pieces, &job->error);
  return NULL;
}

/* The thread's own start: named, so that a debugger, top and the tests can
 * tell it from GLib's threads (GLib 2.74 does not pass g_thread_new()'s name
 * to the kernel; it takes 15 bytes at most). */
static gpointer
puzzle_thread_main (gpointer user_data)
{
  pthread_setname_np (pthread_self (), "verk-puzzle");
  return puzzle_job_run (user_data);
}

static PuzzleJob *
puzzle_job_new (void)
{
  PuzzleJob *job = g_new0 (PuzzleJob, 1);

  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  return job;
}

void
puzzle_job_free (PuzzleJob *job)
{
  if (job == NULL)
    return;
  if (job->thread != NULL)
    {
      g_mutex_lock (&job->mutex);
      if (!job->given)
        job->given = job->cancelled = TRUE;
      g_cond_signal (&job->cond);
      g_mutex_unlock (&job->mutex);
      g_thread_join (job->thread);
    }
  g_clear_pointer (&job->png, g_bytes_unref);
  g_clear_error (&job->error);
  g_free (job->pieces);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

/* Gives @wd's pieces to @warm, the job puzzle_job_new_warming() started,
 * and returns it; without one, returns a new job drawing them, which the
 * caller frees. */
PuzzleJob *
puzzle_job_start (PuzzleJob *warm, const WorkshopData *wd)
{
  guint n_pieces = 0;
  VerkPuzzlePiece *pieces = verk_workshop_model_get_pieces (wd->model, &n_pieces);
  PuzzleJob *job;

  /* The model's pieces, named as the workbook names them (cleaned). */
  if (pieces == NULL)
    pieces = g_new0 (VerkPuzzlePiece, 1);
  g_assert (n_pieces == wd->items->len);
  for (guint i = 0; i < n_pieces; i++)
    pieces[i].name = ((const VerkItem *) g_ptr_array_index (wd->items, i))->name;

  job = warm;
  if (job == NULL)
    {
      job = puzzle_job_new ();
      job->pieces = pieces;
      job->n_pieces = wd->items->len;
      job->given = TRUE;
      /* Without a thread it is drawn when it is needed, as before. */
      job->thread = g_thread_try_new ("verk-xlsx-puzzle", puzzle_thread_main, job, NULL);
      return job;
    }
  g_mutex_lock (&job->mutex);
  job->pieces = pieces;
  job->n_pieces = wd->items->len;
  job->given = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
  return job;
}

/* Waits for the image; the job keeps it. */
static gboolean
puzzle_job_finish (PuzzleJob *job, GError **error)
{
  if (job->thread != NULL)
    g_thread_join (g_steal_pointer (&job->thread));
  else if (job->png == NULL && job->error == NULL)
    puzzle_job_run (job);
  if (job->png == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  return TRUE;
}

/* Starts loading the fonts of the puzzle image in a thread, which then draws
 * the image when puzzle_job_start() gives it the pieces. NULL when no thread
 * can be started. puzzle_job_free() stops it when it was never given work. */
PuzzleJob *
puzzle_job_new_warming (void)
{
  PuzzleJob *job = puzzle_job_new ();

  job->thread = g_thread_try_new ("verk-xlsx-puzzle", puzzle_thread_main, job, NULL);
  if (job->thread == NULL)
    g_clear_pointer (&job, puzzle_job_free);
  return job;
}

/* Whether the puzzle of @wd can be drawn: it has 1 to 60 pieces. */
gboolean
puzzle_drawable (const WorkshopData *wd)
{
  return wd->items->len >= 1 && wd->items->len <= VERK_PUZZLE_MAX_PIECES;
}

/* Puts the puzzle image on the Summary. Images and charts are separate lists
 * in libxlsxwriter, laid out sheet by sheet at close, so inserting it after
 * the other sheets gives the same workbook as inserting it first. Where no
 * picture can be drawn, the workbook says why in its place. */
void
insert_puzzle (Writer *w)
{
  lxw_image_options io = { .x_scale = PUZZLE_SCALE, .y_scale = PUZZLE_SCALE,
                           .x_offset = 10, .y_offset = 4 };
  PuzzleJob *job = w->puzzle;
  const WorkshopData *focus = w->data->focus;
  g_autoptr (GError) local = NULL;
  g_autofree char *note = NULL;

  if (focus == NULL || w->summary == NULL || w->summary->ws == NULL)
    return;
  if (focus->items->len == 0)
    note = g_strdup (_("No puzzle picture: this workshop has no pieces yet."));
  else if (!puzzle_drawable (focus))
    note = g_strdup_printf (_("No puzzle picture: a puzzle is drawn with 1 to %d pieces, and "
                              "this workshop has %u. The tables show every piece."),
                            VERK_PUZZLE_MAX_PIECES, focus->items->len);
  else if (job == NULL)
    return;
  else if (!puzzle_job_finish (job, &local))
    note = g_strdup_printf (_("The puzzle picture could not be drawn: %s"), local->message);
  if (note != NULL)
    {
      put_text (w, w->summary, 1, 6, note, w->f_note);
      /* It runs over the empty cells on its right, which print with it. */
      note_drawing (w->summary, 1, 6, text_width (note, NULL, 0) * 7 * PLAIN_WIDTH, 20);
      return;
    }
  note_drawing (w->summary, 0, 6, PUZZLE_PNG_WIDTH * PUZZLE_SCALE + 10,
                PUZZLE_PNG_HEIGHT * PUZZLE_SCALE + 4);
  io.description = (char *) _("The puzzle with the agreed scores");
  check (w, worksheet_insert_image_buffer_opt (w->summary->ws, 0, 6, g_bytes_get_data (job->png, NULL),
                                               g_bytes_get_size (job->png), &io));
  /* libxlsxwriter copies the buffer at once; keep it anyway until close. */
  g_ptr_array_add (w->keep, g_steal_pointer (&job->png));
}
