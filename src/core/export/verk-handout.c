/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-handout"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#include "verk-atomic-file.h"
#include "verk-content.h"
#include "verk-format.h"
#include "verk-handout.h"
#include "verk-handout-private.h"
#include "verk-puzzle-export.h"
#include "verk-stats.h"

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block);
}

static Block *
add_block (VerkHandout *self,
           BlockKind    kind,
           guint        index,
           const char  *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->index = index;
  block->text = g_strdup (text);
  block->keep_with_next = kind == BLOCK_HEADING || kind == BLOCK_VALUES_HEAD || kind == BLOCK_ACTIONS_HEAD;
  g_ptr_array_add (self->blocks, block);
  return block;
}


/* ---- Reading ----------------------------------------------------------- */

static void
read_scale (VerkHandout *self,
            VerkContent *content)
{
  GListModel *scale = verk_workshop_model_get_scale_list (self->model);

  for (int level = 1; level <= VERK_CONTENT_N_LEVELS; level++)
    {
      const char *label = NULL;

      /* The workshop's own, possibly edited, copy of the scale. */
      if ((guint) level <= g_list_model_get_n_items (scale))
        {
          g_autoptr (VerkRecord) record = g_list_model_get_item (scale, level - 1);

          label = verk_record_get_piece (record)->item->name;
        }
      if (is_blank (label) && content != NULL)
        label = verk_content_get_level (content, level)->label;
      self->scale_labels[level - 1] = g_strdup (label != NULL ? label : "");
    }
}

static void
read_reflections (VerkHandout *self,
                  VerkContent *content)
{
  g_autoptr (GPtrArray) reflections = verk_records_dup_rows (verk_workshop_model_get_reflection_list (self->model));
  guint n_parts = content != NULL ? verk_content_get_n_parts (content) : 0;

  self->reflections = g_ptr_array_new ();
  self->part_names = g_ptr_array_new_with_free_func (g_free);
  /* In the platform's order; the last round takes any part the content no
   * longer knows, under its key. */
  for (guint p = 0; p <= n_parts; p++)
    {
      const VerkContentPart *part = p < n_parts ? verk_content_get_part (content, p) : NULL;

      for (guint i = 0; i < reflections->len; i++)
        {
          VerkReflection *r = g_ptr_array_index (reflections, i);

          if (r == NULL || (part != NULL && g_strcmp0 (part->key, r->part) != 0))
            continue;
          reflections->pdata[i] = NULL;   /* placed */
          if (is_blank (r->strengths) && is_blank (r->development) && is_blank (r->obstacles) &&
              is_blank (r->removers))
            continue;
          g_ptr_array_add (self->reflections, r);
          g_ptr_array_add (self->part_names, g_strdup (part != NULL ? part->name : r->part));
        }
    }
}

static void
read_earlier_actions (VerkHandout *self)
{
  g_autoptr (GPtrArray) previous_actions = NULL;

  self->earlier_actions = g_ptr_array_new_with_free_func (g_free);
  if (self->previous == NULL)
    return;
  previous_actions = verk_records_dup_rows (verk_workshop_model_get_action_list (self->previous_model));
  for (guint i = 0; i < previous_actions->len; i++)
    {
      EarlierAction *earlier = g_new0 (EarlierAction, 1);

      earlier->action = g_ptr_array_index (previous_actions, i);
      earlier->shown = earlier->action;
      /* Its status now is the one of the copy carried into this workshop. */
      for (guint k = 0; k < self->actions->len; k++)
        {
          const VerkAction *a = g_ptr_array_index (self->actions, k);

          if (a->carried_from == earlier->action->id)
            earlier->shown = a;
        }
      g_ptr_array_add (self->earlier_actions, earlier);
    }
}

/* The workshop @workshop_id follows up (verk_store_get_previous_workshop_id()),
 * in @previous_id (0: none). FALSE with @error set when the store cannot say. */
static gboolean
previous_of (VerkStore  *store,
             gint64      workshop_id,
             gint64     *previous_id,
             GError    **error)
{
  g_autoptr (GError) local = NULL;

  *previous_id = verk_store_get_previous_workshop_id (store, workshop_id, &local);
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* The follow-up workshop's date when it is planned (a workshop of the group
 * that follows this one up, by the rule the window shows), else half a year
 * on, which the follow-up dialog proposes too. */
static gboolean
read_follow_up (VerkHandout *self,
                VerkStore   *store,
                GError     **error)
{
  g_autoptr (GPtrArray) workshops = verk_store_list_workshops (store, self->group->id, error);
  int y = 0, m = 0, d = 0;

  if (workshops == NULL)
    return FALSE;
  for (guint i = 0; i < workshops->len; i++)
    {
      const VerkWorkshop *w = g_ptr_array_index (workshops, i);
      gint64 previous_id;

      if (w->id == self->workshop->id)
        continue;
      if (!previous_of (store, w->id, &previous_id, error))
        return FALSE;
      if (previous_id == self->workshop->id)
        {
          g_free (self->follow_up_date);
          self->follow_up_date = g_strdup (w->date);
          self->follow_up_planned = TRUE;
        }
    }
  if (self->follow_up_planned)
    return TRUE;
  if (sscanf (self->workshop->date, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_autoptr (GDateTime) date = g_date_time_new_local (y, m, d, 12, 0, 0);
      g_autoptr (GDateTime) later = date != NULL ? g_date_time_add_months (date, 6) : NULL;

      if (later != NULL)
        self->follow_up_date = g_date_time_format (later, "%Y-%m-%d");
    }
  return TRUE;
}

/**
 * verk_handout_new:
 * @store: the store
 * @workshop_id: the workshop
 * @error: the place for a translated error
 *
 * Reads everything the handout shows.
 *
 * Returns: (transfer full) (nullable): the handout, or %NULL with @error set.
 */
VerkHandout *
verk_handout_new (VerkStore  *store,
                  gint64      workshop_id,
                  GError    **error)
{
  g_autoptr (VerkHandout) self = NULL;
  g_autoptr (VerkContent) content = NULL;
  gint64 previous_id;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The workshop (and the one it follows up) through snapshots of their
   * models: read once here, then drawn in any thread without the store. */
  self = g_new0 (VerkHandout, 1);
  self->model = verk_workshop_model_new_snapshot (store, workshop_id, error);
  if (self->model == NULL)
    return NULL;
  self->workshop = verk_workshop_model_get_workshop (self->model);
  self->group = verk_store_get_group (store, self->workshop->group_id, error);
  if (self->group == NULL)
    return NULL;
  /* The one the window's Follow up step shows: the workshop it follows up,
   * else the group's latest before it (verk_store_get_previous_workshop_id()). */
  if (!previous_of (store, workshop_id, &previous_id, error))
    return NULL;
  if (previous_id != 0)
    {
      g_autoptr (GError) local = NULL;

      self->previous_model = verk_workshop_model_new_snapshot (store, previous_id, &local);
      if (self->previous_model != NULL)
        {
          self->previous = verk_workshop_model_get_workshop (self->previous_model);
          self->previous_items = g_ptr_array_new ();
          for (guint i = 0; i < verk_workshop_model_get_n_pieces (self->previous_model); i++)
            g_ptr_array_add (self->previous_items, verk_workshop_model_get_piece (self->previous_model, i)->item);
        }
      /* A workshop it follows up that is gone leaves no "before". */
      else if (!g_error_matches (local, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  self->puzzle = verk_puzzle_model_new_for_model (self->model, error);
  if (self->puzzle == NULL)
    return NULL;
  self->scores = verk_records_dup_rows (verk_workshop_model_get_score_list (self->model));
  self->n_participants = g_list_model_get_n_items (verk_workshop_model_get_participant_list (self->model));
  self->stats = verk_stats_per_item (self->puzzle->items, self->scores);
  if (self->previous_items != NULL)
    self->comparison = verk_stats_compare_previous (self->puzzle->items, self->previous_items);
  self->priorities = verk_workshop_model_get_priority_ids (self->model);
  self->actions = verk_records_dup_rows (verk_workshop_model_get_action_list (self->model));

  /* The platform's parts and the scale's defaults in the handout's language;
   * a damaged content pack is a build error, and the workshop's own copies
   * still carry the names. */
  content = verk_content_new (NULL, NULL);
  read_scale (self, content);
  read_reflections (self, content);
  read_earlier_actions (self);
  if (!read_follow_up (self, store, error))
    return NULL;

  self->db_path = g_strdup (verk_store_get_path (store));
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  return g_steal_pointer (&self);
}

/**
 * verk_handout_free:
 *
 * Frees the handout.
 */
void
verk_handout_free (VerkHandout *self)
{
  if (self == NULL)
    return;
  /* The arrays borrow the models' rows: they go first. */
  g_clear_pointer (&self->group, verk_group_free);
  g_clear_pointer (&self->puzzle, verk_puzzle_model_free);
  g_clear_pointer (&self->stats, g_array_unref);
  g_clear_pointer (&self->scores, g_ptr_array_unref);
  g_clear_pointer (&self->comparison, g_array_unref);
  g_clear_pointer (&self->previous_items, g_ptr_array_unref);
  g_clear_pointer (&self->priorities, g_array_unref);
  g_clear_pointer (&self->earlier_actions, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->reflections, g_ptr_array_unref);
  g_clear_pointer (&self->part_names, g_ptr_array_unref);
  for (guint i = 0; i < VERK_CONTENT_N_LEVELS; i++)
    g_free (self->scale_labels[i]);
  g_free (self->follow_up_date);
  g_free (self->db_path);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->previous_model);
  g_clear_object (&self->model);
  g_free (self);
}

/* ---- Pagination -------------------------------------------------------- */

static void
make_blocks (VerkHandout *self)
{
  g_ptr_array_set_size (self->blocks, 0);
  add_block (self, BLOCK_HEADER, 0, NULL);
  add_block (self, BLOCK_PUZZLE, 0, NULL);

  add_block (self, BLOCK_HEADING, 0, self->comparison != NULL
                                      ? _("Each value: before → after, desired level and spread")
                                      : _("Each value: agreed and desired level and spread"));
  add_block (self, BLOCK_VALUES_HEAD, 0, NULL);
  for (guint i = 0; i < self->puzzle->items->len; i++)
    add_block (self, BLOCK_VALUE, i, NULL);
  {
    gboolean any_rank = FALSE;
    g_autofree char *caption = NULL;

    for (guint i = 0; i < self->puzzle->n_pieces; i++)
      any_rank |= self->puzzle->pieces[i].rank > 0;
    caption = g_strconcat (_("Each box is a level of the scale with how many participants gave it (no names); the "
                             "framed box is the agreed score. Spread: the highest score minus the lowest."),
                           any_rank ? " " : "",
                           any_rank ? _("#1, #2 … on a piece: the area's place among the priorities.") : "",
                           NULL);
    add_block (self, BLOCK_VALUES_CAPTION, 0, caption);
  }

  add_block (self, BLOCK_HEADING, 0, _("Prioritised areas"));
  if (self->priorities->len == 0)
    add_block (self, BLOCK_NOTE, 0, _("No areas prioritised yet."));
  for (guint i = 0; i < self->priorities->len; i++)
    if (verk_workshop_model_find_item (self->model, g_array_index (self->priorities, gint64, i)) != NULL)
      add_block (self, BLOCK_PRIORITY, i, NULL);

  if (self->previous != NULL)
    {
      g_autofree char *previous_date = verk_format_date_long (self->previous->date);
      g_autofree char *title = g_strdup_printf (_("Actions from the workshop on %s"), previous_date);

      add_block (self, BLOCK_HEADING, 0, title);
      if (self->earlier_actions->len == 0)
        add_block (self, BLOCK_NOTE, 0, _("That workshop wrote no actions."));
      else
        add_block (self, BLOCK_ACTIONS_HEAD, 0, _("Status"));
      for (guint i = 0; i < self->earlier_actions->len; i++)
        add_block (self, BLOCK_EARLIER_ACTION, i, NULL);
    }

  add_block (self, BLOCK_HEADING, 0, _("Action plan"));
  {
    guint n_new = 0, n_carried = 0;

    /* Actions carried on from last time are listed above with their status. */
    for (guint i = 0; i < self->actions->len; i++)
      {
        const VerkAction *action = g_ptr_array_index (self->actions, i);

        if (self->previous != NULL && action->carried_from != 0)
          n_carried++;
        else
          n_new++;
      }
    if (n_new == 0 && n_carried == 0)
      add_block (self, BLOCK_NOTE, 0, _("No actions written yet."));
    else if (n_carried > 0)
      add_block (self, BLOCK_NOTE, 0, _("The actions carried on from last time are listed above with their status."))
        ->keep_with_next = n_new > 0;
    if (n_new > 0)
      add_block (self, BLOCK_ACTIONS_HEAD, 0, _("By when"));
    for (guint i = 0; i < self->actions->len; i++)
      if (self->previous == NULL || ((VerkAction *) g_ptr_array_index (self->actions, i))->carried_from == 0)
        add_block (self, BLOCK_ACTION, i, NULL);
  }

  add_block (self, BLOCK_HEADING, 0, _("Reflections on the leadership platform"));
  if (self->reflections->len == 0)
    add_block (self, BLOCK_NOTE, 0, _("No reflections written yet."));
  for (guint i = 0; i < self->reflections->len; i += REFLECTION_COLUMNS)
    add_block (self, BLOCK_REFLECTION, i, NULL);

  add_block (self, BLOCK_FOLLOW_UP, 0, NULL);
}

/* Places the blocks in the pages with @pass; the number of pages it needs. */
static guint
place_blocks (VerkHandout *self,
              cairo_t     *measure,
              const Pass  *pass,
              guint        max_pages)
{
  guint page = 0;
  double y = MARGIN_TOP;
  double *heights = g_new0 (double, self->blocks->len);

  for (guint i = 0; i < self->blocks->len; i++)
    heights[i] = verk_handout_draw_block (self, measure, pass, FALSE, 0, g_ptr_array_index (self->blocks, i));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double needed = heights[i];

      /* A heading and a table's header row move with their first row. */
      for (guint k = i; k + 1 < self->blocks->len && ((Block *) g_ptr_array_index (self->blocks, k))->keep_with_next; k++)
        needed += heights[k + 1];
      if (y + needed > BODY_BOTTOM && y > MARGIN_TOP)
        {
          page++;
          y = MARGIN_TOP;
        }
      block->page = page;
      block->y = y;
      block->shown = page < max_pages;
      y += heights[i];
    }
  g_free (heights);
  return page + 1;
}

/* Fewer pages before larger type: one page when the type may shrink a
 * little for it, else two; crowded handouts shrink further and cut long
 * texts shorter; what still does not fit is named as left out. */
static void
paginate (VerkHandout *self)
{
  static const Pass one_page[] = { { 1.0, 12 }, { 0.93, 10 }, { 0.87, 8 }, { 0.82, 6 } };
  static const Pass two_pages[] = { { 1.0, 12 }, { 0.93, 8 }, { 0.87, 6 }, { 0.8, 4 }, { 0.75, 3 } };
  cairo_surface_t *surface;
  cairo_t *measure;
  guint n = 0;

  if (self->laid_out)
    return;
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  measure = cairo_create (surface);
  make_blocks (self);

  for (guint i = 0; i < G_N_ELEMENTS (one_page) && n != 1; i++)
    {
      self->pass = one_page[i];
      n = place_blocks (self, measure, &self->pass, 1);
    }
  if (n != 1)
    for (guint i = 0; i < G_N_ELEMENTS (two_pages); i++)
      {
        self->pass = two_pages[i];
        n = place_blocks (self, measure, &self->pass, VERK_HANDOUT_MAX_PAGES);
        if (n <= VERK_HANDOUT_MAX_PAGES)
          break;
      }
  if (n > VERK_HANDOUT_MAX_PAGES)
    {
      /* Leave out what does not fit, and say so on the last page. */
      guint left_out = 0;
      Block *note;

      for (guint i = 0; i < self->blocks->len; i++)
        {
          Block *block = g_ptr_array_index (self->blocks, i);

          if (block->kind != BLOCK_HEADING && block->kind != BLOCK_ACTIONS_HEAD && !block->shown)
            left_out++;
        }
      note = add_block (self, BLOCK_OMITTED, 0, NULL);
      note->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u more entry did not fit on two pages; the workbook has everything.",
                                                 "%u more entries did not fit on two pages; the workbook has everything.",
                                                 left_out), left_out);
      note->keep_with_next = FALSE;
      /* Make room for the note on the last page. */
      {
        double note_height = verk_handout_draw_block (self, measure, &self->pass, FALSE, 0, note);
        guint last = self->blocks->len - 2;

        while (last > 0)
          {
            Block *block = g_ptr_array_index (self->blocks, last);

            if (block->shown && block->page == VERK_HANDOUT_MAX_PAGES - 1)
              {
                double end = block->y + verk_handout_draw_block (self, measure, &self->pass, FALSE, 0, block);

                if (end + note_height <= BODY_BOTTOM)
                  {
                    note->y = end;
                    break;
                  }
                block->shown = FALSE;
              }
            last--;
          }
        note->page = VERK_HANDOUT_MAX_PAGES - 1;
        note->shown = TRUE;
      }
      n = VERK_HANDOUT_MAX_PAGES;
    }
  self->n_pages = n;
  self->laid_out = TRUE;
  cairo_destroy (measure);
  cairo_surface_destroy (surface);
}

/**
 * verk_handout_get_n_pages:
 *
 * Returns: 1 or 2.
 */
guint
verk_handout_get_n_pages (VerkHandout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  paginate (self);
  return self->n_pages;
}

/**
 * verk_handout_draw_page:
 * @cr: where to draw, in points, the paper's top-left corner at the origin
 * @page: 0 .. verk_handout_get_n_pages() − 1
 *
 * Draws one page. Leaves the background as it is (paper is white).
 */
void
verk_handout_draw_page (VerkHandout *self,
                        cairo_t     *cr,
                        guint        page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  paginate (self);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);

      if (block->page == page && block->shown)
        verk_handout_draw_block (self, cr, &self->pass, TRUE, block->y, block);
    }
  verk_handout_draw_footer (self, cr, page);
  cairo_restore (cr);
}

/* ---- The PDF file ------------------------------------------------------ */

/* Draws every page into @file; a failed write is @file's to report. */
static gboolean
render_pdf (VerkHandout     *self,
            VerkAtomicFile  *file,
            GError         **error)
{
  cairo_surface_t *surface =
    cairo_pdf_surface_create_for_stream (verk_atomic_file_cairo_write, file,
                                         VERK_HANDOUT_PAGE_WIDTH, VERK_HANDOUT_PAGE_HEIGHT);
  g_autofree char *title = g_strdup_printf (_("Leadership workshop: %s"), self->group->name);
  cairo_status_t status;
  cairo_t *cr;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Verkstad");
  cr = cairo_create (surface);
  for (guint page = 0; page < verk_handout_get_n_pages (self); page++)
    {
      verk_handout_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* WRITE_ERROR comes only from verk_atomic_file_cairo_write(), which kept
   * the reason for verk_atomic_file_commit(). */
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the handout: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * verk_handout_write_pdf:
 * @path: the file to write
 * @error: the place for a translated error
 *
 * Returns: TRUE when the whole file is written.
 */
gboolean
verk_handout_write_pdf (VerkHandout  *self,
                        const char   *path,
                        GError      **error)
{
  g_auto (GStrv) protected_paths = NULL;
  g_autoptr (VerkAtomicFile) file = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Never over the database or a backup; only over a file the user may write. */
  protected_paths = verk_store_protected_paths (self->db_path);
  file = verk_atomic_file_begin (path, (const char * const *) protected_paths, error);
  if (file == NULL || !render_pdf (self, file, error))
    return FALSE;
  return verk_atomic_file_commit (g_steal_pointer (&file), error);
}

/**
 * verk_handout_suggest_name:
 *
 * Returns: (transfer full): a file name without characters that file
 *   systems refuse, ending in .pdf.
 */
char *
verk_handout_suggest_name (VerkHandout *self)
{
  /* Translators: the suggested file name of a handout: group, date */
  g_autofree char *raw = g_strdup_printf (_("%s %s, handout"), self->group->name, self->workshop->date);
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = raw; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        g_string_append_c (out, '-');
      else
        g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  g_string_append (out, ".pdf");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
