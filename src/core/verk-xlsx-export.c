/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-xlsx-export"
#define _GNU_SOURCE     /* memfd_create */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <zlib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>
#include <pango/pangocairo.h>

#include "verk-atomic-file.h"
#include "verk-content.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-render.h"
#include "verk-stats.h"
#include "verk-text.h"
#include "verk-xlsx-export.h"

/* Excel's limits. */
#define CELL_MAX_UTF16   32767
#define SHEET_NAME_MAX   31
#define MAX_COLS         LXW_COL_MAX    /* 16,384 */
#define MAX_ROWS         LXW_ROW_MAX    /* 1,048,576 */
#define CHART_MAX_SERIES 255
#define ROW_HEIGHT       15.0     /* points per line of 11 pt Calibri */
#define ROW_HEIGHT_MAX   409.0
/* A row grows for at most this many lines of wrapped text; a longer cell
 * shows its beginning and the whole text when selected. */
#define MAX_LINES        12
/* How much wider than text_width() a text may print: bold, or in a wider
 * font than Calibri (LibreOffice without Carlito prints DejaVu Sans). Rows
 * are sized for the wide case, so a header never prints over the row below. */
#define BOLD_WIDTH       1.3
#define PLAIN_WIDTH      1.15
/* Printing: A4 landscape less the margins holds about 146 characters of
 * column width at 100 %; a table is spread over as many pages wide as keep
 * it at 70 % or more (8 pt text), the first column repeated on each. */
#define PRINT_LEGIBLE_WIDTH 205.0
/* libxlsxwriter's default chart, in pixels; a column of width w is
 * 7w + 5 pixels wide, a row of h points 4h/3 pixels high. */
#define CHART_WIDTH_PX   480
#define CHART_HEIGHT_PX  288

/* The puzzle image: rendered at twice the size it is shown, so it stays sharp
 * when zoomed and printed. */
#define PUZZLE_PNG_WIDTH  1200
#define PUZZLE_PNG_HEIGHT 780
#define PUZZLE_SCALE      0.6
/* The Summary's four value columns, merged for long text. */
#define SUMMARY_COL       15

G_DEFINE_QUARK (verk-xlsx-export-error-quark, verk_xlsx_export_error)

/* ------------------------------------------------------------------------ */
/* The data: read once from the store, checked, then written without it.   */

typedef struct {
  VerkGroup    *group;          /* borrowed from the GroupData */
  VerkWorkshop *workshop;
  GPtrArray    *items;          /* VerkItem, framework "siq", by position */
  GPtrArray    *platform;       /* VerkItem, framework "platform" */
  GPtrArray    *scale;          /* VerkItem, framework "scale" */
  GPtrArray    *participants;   /* VerkParticipant */
  GPtrArray    *names;          /* char *: display name per participant */
  GPtrArray    *scores;         /* VerkScore */
  GHashTable   *score_index;    /* VerkScore → itself, by item and participant */
  GArray       *priorities;     /* gint64 item ids in rank order */
  GPtrArray    *actions;        /* VerkAction */
  GPtrArray    *reflections;    /* VerkReflection */
} WorkshopData;

typedef struct {
  VerkGroup *group;
  GPtrArray *workshops;         /* WorkshopData, oldest first */
} GroupData;

struct _VerkExportData
{
  VerkExportScope  scope;
  GPtrArray       *groups;      /* GroupData */
  WorkshopData    *focus;       /* the workshop the Summary shows, or NULL; borrowed */
  WorkshopData    *previous;    /* the one @focus follows up, or NULL; borrowed */
  WorkshopData    *extra;       /* owned storage for @previous in the workshop scope */
  char            *status_names[5];   /* translated action statuses, NULL-terminated */
  GHashTable      *part_names;        /* platform part key → its name in the content pack */
  GPtrArray       *part_keys;         /* the parts' keys in the content pack's order */
  char            *values_source;     /* where the thirteen values come from */
  GStrv            protected_paths;   /* never written over */
};

static void
workshop_data_free (WorkshopData *wd)
{
  if (wd == NULL)
    return;
  g_clear_pointer (&wd->workshop, verk_workshop_free);
  g_clear_pointer (&wd->items, g_ptr_array_unref);
  g_clear_pointer (&wd->platform, g_ptr_array_unref);
  g_clear_pointer (&wd->scale, g_ptr_array_unref);
  g_clear_pointer (&wd->participants, g_ptr_array_unref);
  g_clear_pointer (&wd->names, g_ptr_array_unref);
  g_clear_pointer (&wd->score_index, g_hash_table_unref);
  g_clear_pointer (&wd->scores, g_ptr_array_unref);
  g_clear_pointer (&wd->priorities, g_array_unref);
  g_clear_pointer (&wd->actions, g_ptr_array_unref);
  g_clear_pointer (&wd->reflections, g_ptr_array_unref);
  g_free (wd);
}

static void
group_data_free (GroupData *gd)
{
  if (gd == NULL)
    return;
  g_clear_pointer (&gd->group, verk_group_free);
  g_clear_pointer (&gd->workshops, g_ptr_array_unref);
  g_free (gd);
}

/**
 * verk_export_data_free:
 * @data: (transfer full) (nullable): collected export data
 *
 * Frees what verk_export_data_collect() returned.
 */
void
verk_export_data_free (VerkExportData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->groups, g_ptr_array_unref);
  g_clear_pointer (&data->extra, workshop_data_free);
  g_clear_pointer (&data->part_names, g_hash_table_unref);
  g_clear_pointer (&data->part_keys, g_ptr_array_unref);
  g_free (data->values_source);
  g_clear_pointer (&data->protected_paths, g_strfreev);
  for (guint i = 0; i < G_N_ELEMENTS (data->status_names); i++)
    g_free (data->status_names[i]);
  g_free (data);
}

/* Control characters break the XML of an .xlsx part (XML 1.0 allows only tab,
 * LF and CR below U+0020) or show as boxes, so they go: CR LF and lone CR,
 * vertical tab and form feed become LF, the rest are dropped, as are the
 * non-characters U+FFFE and U+FFFF. */
/* The length of @text when it certainly has nothing for replace_controls()
 * to replace, else -1. Almost every text is so: one pass over the bytes
 * finds out, and the copy (a hundred instructions a character) is spared.
 * Anything that could need replacing starts with one of these bytes: C0
 * controls and DEL, 0xC2 (C1 controls), 0xEF (U+FFFE, U+FFFF). */
static gssize
clean_length (const char *text)
{
  const guchar *p = (const guchar *) text;

  while (*p >= 0x20 ? (*p != 0x7F && *p != 0xC2 && *p != 0xEF) : (*p == '\t' || *p == '\n'))
    p++;
  return *p == '\0' ? (gssize) (p - (const guchar *) text) : -1;
}

static char *
replace_controls (const char *text)
{
  GString *out;

  if (clean_length (text) >= 0)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if (c == '\v' || c == '\f')
        g_string_append_c (out, '\n');
      else if (c == '\t' || c == '\n')
        g_string_append_c (out, (char) c);
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
        continue;
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* Checks one stored text before anything is written: libxlsxwriter would copy
 * invalid UTF-8 into the file as it is and make the XML malformed. */
static gboolean
check_text (char       **text,
            const char  *what,
            const char  *where,
            GError     **error)
{
  char *clean;

  if (*text == NULL)
    return TRUE;
  if (!g_utf8_validate (*text, -1, NULL))
    {
      g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_INVALID_TEXT,
                   /* Translators: the first %s says which text ("a participant's
                    * name"), the second where ("workshop 2024-05-02, Ledningsgruppen") */
                   _("The stored text of %s (%s) is damaged: it is not valid UTF-8. "
                     "No workbook was written. Retype that text in Verkstad and export again."),
                   what, where);
      return FALSE;
    }
  /* Usually there is nothing to replace: the text stays as it is. */
  if (clean_length (*text) >= 0)
    return TRUE;
  clean = replace_controls (*text);
  g_free (*text);
  *text = clean;
  return TRUE;
}

static gboolean
check_item (VerkItem *item, const char *where, GError **error)
{
  return check_text (&item->name, _("a piece's name"), where, error) &&
         check_text (&item->description, _("a piece's description"), where, error) &&
         check_text (&item->rationale, _("an agreed score's rationale"), where, error) &&
         check_text (&item->key, _("a piece's key"), where, error);
}

static gboolean
check_items (GPtrArray *items, const char *where, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    if (!check_item (g_ptr_array_index (items, i), where, error))
      return FALSE;
  return TRUE;
}

static gboolean
map_store_error (GError **error, GError *store_error)
{
  if (store_error == NULL)
    return TRUE;
  if (g_error_matches (store_error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
    g_set_error_literal (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND,
                         store_error->message);
  else
    g_propagate_prefixed_error (error, g_error_copy (store_error),
                                _("Could not read the database: "));
  g_error_free (store_error);
  return FALSE;
}

/* Scores by item and participant: a table of 500 people and 200 pieces
 * looks up 100,000 of them. */
static guint
score_hash (gconstpointer key)
{
  const VerkScore *s = key;

  return g_int64_hash (&s->item_id) * 31 + g_int64_hash (&s->participant_id);
}

static gboolean
score_equal (gconstpointer a, gconstpointer b)
{
  const VerkScore *x = a, *y = b;

  return x->item_id == y->item_id && x->participant_id == y->participant_id;
}

static WorkshopData *
collect_workshop (VerkStore     *store,
                  VerkGroup     *group,
                  VerkWorkshop  *workshop,   /* transfer full */
                  GError       **error)
{
  g_autoptr (GError) local = NULL;
  WorkshopData *wd = g_new0 (WorkshopData, 1);
  g_autofree char *where = NULL;
  gint64 id = workshop->id;

  wd->group = group;
  wd->workshop = workshop;
  wd->names = g_ptr_array_new_with_free_func (g_free);

  if (!(wd->items = verk_store_list_items (store, id, "siq", &local)) ||
      !(wd->platform = verk_store_list_items (store, id, "platform", &local)) ||
      !(wd->scale = verk_store_list_items (store, id, "scale", &local)) ||
      !(wd->participants = verk_store_list_participants (store, id, &local)) ||
      !(wd->scores = verk_store_list_scores (store, id, &local)) ||
      !(wd->priorities = verk_store_list_priorities (store, id, &local)) ||
      !(wd->actions = verk_store_list_actions (store, id, &local)) ||
      !(wd->reflections = verk_store_list_reflections (store, id, &local)))
    {
      map_store_error (error, g_steal_pointer (&local));
      workshop_data_free (wd);
      return NULL;
    }

  /* Where a damaged text sits, for the message. The group's name is checked
   * before this, the date may itself be damaged. */
  where = g_strdup_printf (_("workshop %s, %s"),
                           g_utf8_validate (workshop->date, -1, NULL) ? workshop->date : "?",
                           group->name);

  if (!check_text (&workshop->date, _("the workshop's date"), where, error) ||
      !check_text (&workshop->facilitator, _("the facilitator's name"), where, error) ||
      !check_text (&workshop->notes, _("the workshop's notes"), where, error) ||
      !check_items (wd->items, where, error) ||
      !check_items (wd->platform, where, error) ||
      !check_items (wd->scale, where, error))
    goto fail;

  for (guint i = 0; i < wd->participants->len; i++)
    {
      VerkParticipant *p = g_ptr_array_index (wd->participants, i);

      if (!check_text (&p->name, _("a participant's name"), where, error))
        goto fail;
      g_ptr_array_add (wd->names, p->name != NULL && p->name[0] != '\0'
                                  ? g_strdup (p->name)
                                  : g_strdup_printf (_("Participant %u"), i + 1));
    }
  wd->score_index = g_hash_table_new (score_hash, score_equal);
  for (guint i = 0; i < wd->scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (wd->scores, i);

      if (!check_text (&s->comment, _("a comment on a score"), where, error))
        goto fail;
      g_hash_table_add (wd->score_index, s);
    }
  for (guint i = 0; i < wd->actions->len; i++)
    {
      VerkAction *a = g_ptr_array_index (wd->actions, i);

      if (!check_text (&a->what, _("an action"), where, error) ||
          !check_text (&a->owner, _("an action's owner"), where, error) ||
          !check_text (&a->due, _("an action's due date"), where, error) ||
          !check_text (&a->followup, _("an action's follow-up note"), where, error))
        goto fail;
    }
  for (guint i = 0; i < wd->reflections->len; i++)
    {
      VerkReflection *r = g_ptr_array_index (wd->reflections, i);

      if (!check_text (&r->part, _("a reflection"), where, error) ||
          !check_text (&r->strengths, _("a reflection"), where, error) ||
          !check_text (&r->development, _("a reflection"), where, error) ||
          !check_text (&r->obstacles, _("a reflection"), where, error) ||
          !check_text (&r->removers, _("a reflection"), where, error))
        goto fail;
    }
  return wd;

fail:
  workshop_data_free (wd);
  return NULL;
}

static GroupData *
collect_group (VerkStore  *store,
               VerkGroup  *group,     /* transfer full */
               GError    **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GroupData *gd = g_new0 (GroupData, 1);

  gd->group = group;
  gd->workshops = g_ptr_array_new_with_free_func ((GDestroyNotify) workshop_data_free);

  if (!check_text (&group->name, _("a group's name"), _("the list of groups"), error) ||
      !check_text (&group->unit, _("a group's organisation unit"), group->name, error))
    goto fail;

  list = verk_store_list_workshops (store, group->id, &local);
  if (list == NULL)
    {
      map_store_error (error, g_steal_pointer (&local));
      goto fail;
    }
  /* The store lists newest first; history reads oldest first. Each record's
   * ownership moves into its WorkshopData; on failure the rest are freed. */
  g_ptr_array_set_free_func (list, NULL);
  for (guint i = list->len; i > 0; i--)
    {
      WorkshopData *wd = collect_workshop (store, group, g_ptr_array_index (list, i - 1), error);

      if (wd == NULL)
        {
          for (guint j = 0; j + 1 < i; j++)
            verk_workshop_free (g_ptr_array_index (list, j));
          goto fail;
        }
      g_ptr_array_add (gd->workshops, wd);
    }
  return gd;

fail:
  group_data_free (gd);
  return NULL;
}

static VerkGroup *
find_group (VerkStore *store, gint64 group_id, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) groups = verk_store_list_groups (store, &local);

  if (groups == NULL)
    {
      map_store_error (error, g_steal_pointer (&local));
      return NULL;
    }
  for (guint i = 0; i < groups->len; i++)
    {
      VerkGroup *g = g_ptr_array_index (groups, i);

      if (g->id == group_id)
        {
          g_ptr_array_set_free_func (groups, NULL);
          for (guint j = 0; j < groups->len; j++)
            if (j != i)
              verk_group_free (g_ptr_array_index (groups, j));
          return g;
        }
    }
  {
    /* All 64 bits of the number (G_GINT64_FORMAT cannot be in a msgid). */
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, group_id);

    g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND,
                 _("There is no group with number %s in this database."), number);
  }
  return NULL;
}

/* The workshop @wd follows up within @gd: its previous_id, else the one before it. */
static WorkshopData *
find_previous (GroupData *gd, WorkshopData *wd)
{
  guint index = 0;

  for (guint i = 0; i < gd->workshops->len; i++)
    {
      WorkshopData *o = g_ptr_array_index (gd->workshops, i);

      if (wd->workshop->previous_id != 0 && o->workshop->id == wd->workshop->previous_id)
        return o;
      if (o == wd)
        index = i;
    }
  return index > 0 ? g_ptr_array_index (gd->workshops, index - 1) : NULL;
}

/**
 * verk_export_data_collect:
 * @store: the store
 * @scope: what to export
 * @id: the workshop or group id; ignored for %VERK_EXPORT_ALL
 * @error: return location for an error
 *
 * Reads everything the workbook shows and checks its text.
 *
 * Returns: (transfer full) (nullable): the data, or %NULL with @error set.
 */
VerkExportData *
verk_export_data_collect (VerkStore        *store,
                          VerkExportScope   scope,
                          gint64            id,
                          GError          **error)
{
  g_autoptr (VerkExportData) data = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_new0 (VerkExportData, 1);
  data->scope = scope;
  data->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_data_free);
  for (int s = VERK_ACTION_OPEN; s <= VERK_ACTION_DROPPED; s++)
    data->status_names[s] = g_strdup (verk_action_status_to_string (s));
  data->part_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->part_keys = g_ptr_array_new_with_free_func (g_free);
  data->protected_paths = verk_store_protected_paths (verk_store_get_path (store));
  {
    /* The parts' names in the workbook's language; a damaged content pack is
     * a build error, and the keys still say which part a reflection is on. */
    g_autoptr (VerkContent) content = verk_content_new (NULL, NULL);

    for (guint i = 0; content != NULL && i < verk_content_get_n_parts (content); i++)
      {
        const VerkContentPart *part = verk_content_get_part (content, i);
        g_hash_table_insert (data->part_names, g_strdup (part->key), g_strdup (part->name));
        g_ptr_array_add (data->part_keys, g_strdup (part->key));
      }
    if (content != NULL)
      data->values_source = g_strdup (verk_content_get_values_source (content));
  }

  if (scope == VERK_EXPORT_WORKSHOP)
    {
      g_autoptr (VerkWorkshop) workshop = verk_store_get_workshop (store, id, &local);
      g_autoptr (GPtrArray) siblings = NULL;
      VerkGroup *group;
      GroupData *gd;
      WorkshopData *wd;

      if (workshop == NULL)
        {
          if (g_error_matches (local, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

              g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_NOT_FOUND,
                           _("There is no workshop with number %s in this database."), number);
              return NULL;
            }
          map_store_error (error, g_steal_pointer (&local));
          return NULL;
        }
      group = find_group (store, workshop->group_id, error);
      if (group == NULL)
        return NULL;
      gd = g_new0 (GroupData, 1);
      gd->group = group;
      gd->workshops = g_ptr_array_new_with_free_func ((GDestroyNotify) workshop_data_free);
      g_ptr_array_add (data->groups, gd);
      if (!check_text (&group->name, _("a group's name"), _("the list of groups"), error) ||
          !check_text (&group->unit, _("a group's organisation unit"), group->name, error))
        return NULL;

      /* The previous workshop, for the radar chart: the one it follows up, or
       * else the group's workshop just before it. */
      siblings = verk_store_list_workshops (store, group->id, &local);
      if (siblings == NULL)
        {
          map_store_error (error, g_steal_pointer (&local));
          return NULL;
        }
      for (guint i = 0; i < siblings->len; i++)
        {
          VerkWorkshop *s = g_ptr_array_index (siblings, i);
          gboolean is_previous;

          if (workshop->previous_id != 0)
            is_previous = s->id == workshop->previous_id;
          else
            is_previous = i > 0 &&
                          ((VerkWorkshop *) g_ptr_array_index (siblings, i - 1))->id == workshop->id;
          if (is_previous)
            {
              data->extra = collect_workshop (store, group, g_ptr_array_steal_index (siblings, i), error);
              if (data->extra == NULL)
                return NULL;
              break;
            }
        }

      wd = collect_workshop (store, group, g_steal_pointer (&workshop), error);
      if (wd == NULL)
        return NULL;
      g_ptr_array_add (gd->workshops, wd);
      data->focus = wd;
      data->previous = data->extra;
    }
  else if (scope == VERK_EXPORT_GROUP)
    {
      VerkGroup *group = find_group (store, id, error);
      GroupData *gd;

      if (group == NULL)
        return NULL;
      gd = collect_group (store, group, error);
      if (gd == NULL)
        return NULL;
      g_ptr_array_add (data->groups, gd);
      if (gd->workshops->len > 0)
        {
          data->focus = g_ptr_array_index (gd->workshops, gd->workshops->len - 1);
          data->previous = find_previous (gd, data->focus);
        }
    }
  else
    {
      g_autoptr (GPtrArray) groups = verk_store_list_groups (store, &local);

      if (groups == NULL)
        {
          map_store_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_ptr_array_set_free_func (groups, NULL);
      for (guint i = 0; i < groups->len; i++)
        {
          GroupData *gd = collect_group (store, g_ptr_array_index (groups, i), error);

          if (gd == NULL)
            {
              for (guint j = i + 1; j < groups->len; j++)
                verk_group_free (g_ptr_array_index (groups, j));
              return NULL;
            }
          g_ptr_array_add (data->groups, gd);
        }
    }
  return g_steal_pointer (&data);
}

/* ------------------------------------------------------------------------ */
/* Text rules shared by every cell and name.                                */

/**
 * verk_xlsx_cell_text:
 * @text: valid UTF-8
 *
 * Returns: (transfer full): the text as it goes into a cell.
 */
char *
verk_xlsx_cell_text (const char *text)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  clean = replace_controls (text);
  /* Translators: ends a text cut at Excel's cell limit; keep it short */
  return verk_text_truncate_utf16 (clean, CELL_MAX_UTF16,
                                   _(" […cut: Excel's cell limit reached]"));
}

static gsize
utf16_units (gunichar c)
{
  return c > 0xFFFF ? 2 : 1;
}

/**
 * verk_xlsx_sheet_name:
 * @wanted: the name wished for (valid UTF-8)
 * @taken: (nullable) (array zero-terminated=1): names already used
 *
 * Returns: (transfer full): a valid, unique worksheet name.
 */
char *
verk_xlsx_sheet_name (const char         *wanted,
                      const char * const *taken)
{
  g_autoptr (GString) base = g_string_new (NULL);
  gsize units = 0;

  g_return_val_if_fail (wanted != NULL, NULL);

  for (const char *p = wanted; *p != '\0' && g_utf8_validate (p, -1, NULL); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 0x80)
        c = '-';
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
        c = ' ';
      if (units + utf16_units (c) > SHEET_NAME_MAX)
        break;
      g_string_append_unichar (base, c);
      units += utf16_units (c);
    }
  /* No apostrophe at either end, no blank ends. */
  while (base->len > 0 && (base->str[0] == '\'' || base->str[0] == ' '))
    g_string_erase (base, 0, 1);
  while (base->len > 0 && (base->str[base->len - 1] == '\'' || base->str[base->len - 1] == ' '))
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, _("Sheet"));

  for (guint n = 1; ; n++)
    {
      g_autofree char *suffix = n == 1 ? g_strdup ("") : g_strdup_printf (" (%u)", n);
      g_autofree char *candidate = NULL;
      g_autofree char *folded = NULL;
      gboolean clash;
      gsize room = SHEET_NAME_MAX - strlen (suffix);
      gsize used = 0;
      const char *p;

      for (p = base->str; *p != '\0'; p = g_utf8_next_char (p))
        {
          gsize w = utf16_units (g_utf8_get_char (p));
          if (used + w > room)
            break;
          used += w;
        }
      candidate = g_strdup_printf ("%.*s%s", (int) (p - base->str), base->str, suffix);
      folded = g_utf8_casefold (candidate, -1);
      /* "History" is reserved by Excel for its change tracking. */
      clash = g_strcmp0 (folded, "history") == 0;
      for (guint i = 0; taken != NULL && taken[i] != NULL && !clash; i++)
        {
          g_autofree char *other = g_utf8_casefold (taken[i], -1);
          clash = g_strcmp0 (folded, other) == 0;
        }
      if (!clash)
        return g_steal_pointer (&candidate);
    }
}

/* ------------------------------------------------------------------------ */
/* Writing: a thin layer over libxlsxwriter that keeps the first error,     */
/* fits column widths and row heights to what was written.                  */

typedef struct {
  lxw_worksheet *ws;
  char          *name;
  double        *fit;               /* [MAX_COLS]: widest content so far, in characters */
  double        *fixed;             /* [MAX_COLS]: > 0: a wrapping column of this width */
  lxw_col_t      n_cols;            /* columns used: fit and fixed are 0 beyond */
  lxw_row_t      n_rows;            /* rows used, drawings included */
  double         drawing_right_px;  /* the right edge of the widest drawing */
  gboolean       too_big;           /* something fell beyond Excel's last row or column */
  GHashTable    *lines;             /* row → most lines a cell in it needs */
  GPtrArray     *pending;           /* Wrapped: cells in fitted columns */
} Sheet;

/* A wrapping cell whose column width is only known at the end. */
typedef struct {
  lxw_row_t  row;
  lxw_col_t  col;
  gboolean   bold;
  char      *text;
} Wrapped;

static void
wrapped_free (Wrapped *p)
{
  g_free (p->text);
  g_free (p);
}

typedef struct {
  const VerkExportData *data;
  lxw_workbook         *wb;
  lxw_error             err;         /* the first libxlsxwriter error */
  GPtrArray            *sheets;      /* Sheet */
  GPtrArray            *names;       /* char *, NULL-terminated: sheet names taken */
  GPtrArray            *keep;        /* GBytes the workbook reads at close */
  char                 *footer;
  struct _PuzzleJob    *puzzle;      /* the Summary's image, drawn beside the sheets */
  Sheet                *summary;     /* where that image goes */

  lxw_format *f_title, *f_subtitle, *f_heading, *f_header, *f_header_num, *f_label;
  lxw_format *f_text, *f_wrap, *f_date, *f_int, *f_dec, *f_note, *f_band;
} Writer;

static void
sheet_free (Sheet *s)
{
  g_free (s->name);
  g_free (s->fit);
  g_free (s->fixed);
  g_hash_table_unref (s->lines);
  g_ptr_array_unref (s->pending);
  g_free (s);
}

static void
check (Writer *w, lxw_error e)
{
  if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR)
    w->err = e;
}

static double
char_width (gunichar c)
{
  /* Column widths count the digit "0"; text in a proportional font is
   * narrower on average; wide characters and emoji take two. Nothing below
   * U+1100 is wide, which spares the table search for Latin text. */
  if (c < 0x1100)
    return 0.9;
  return (g_unichar_iswide (c) || c > 0xFFFF) ? 2 : 0.9;
}

/* Display width in characters of the widest line, and in @n_lines_out how
 * many lines the text takes when wrapped between words at @wrap_width (0: only
 * at line breaks), as a spreadsheet wraps it. */
static double
text_width (const char *text, double *n_lines_out, double wrap_width)
{
  double widest = 0, line = 0, word = 0, n_lines = 1;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c == ' ' || c == '\n' || c == '\0')
        {
          /* The word just ended goes on this line, or starts the next. */
          if (wrap_width > 0 && line > 0 && line + word > wrap_width)
            {
              widest = MAX (widest, line);
              n_lines++;
              line = 0;
            }
          line += word;
          word = 0;
          if (wrap_width > 0 && line > wrap_width)
            {
              /* A word longer than the column breaks inside. */
              n_lines += (double) (int) (line / wrap_width);
              line = fmod (line, wrap_width);
            }
          if (c == ' ')
            {
              line += 0.5;
              continue;
            }
          widest = MAX (widest, line);
          if (c == '\0')
            break;
          n_lines++;
          line = 0;
          continue;
        }
      word += char_width (c);
    }
  if (n_lines_out != NULL)
    *n_lines_out = n_lines;
  return widest;
}

/* The widest single word: a header may wrap between words, never inside one. */
static double
longest_word_width (const char *text)
{
  g_auto (GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    widest = MAX (widest, text_width (words[i], NULL, 0));
  return widest;
}

static void
note_lines (Sheet *s, lxw_row_t row, double n_lines)
{
  gpointer key = GUINT_TO_POINTER (row + 1);
  double old = GPOINTER_TO_UINT (g_hash_table_lookup (s->lines, key));

  if (n_lines > old)
    g_hash_table_insert (s->lines, key, GUINT_TO_POINTER ((guint) MIN (n_lines, MAX_LINES)));
}

static Sheet *
add_sheet (Writer *w, const char *wanted)
{
  Sheet *s = g_new0 (Sheet, 1);

  s->name = verk_xlsx_sheet_name (wanted, (const char * const *) w->names->pdata);
  s->fit = g_new0 (double, MAX_COLS);
  s->fixed = g_new0 (double, MAX_COLS);
  g_ptr_array_insert (w->names, w->names->len - 1, g_strdup (s->name));
  s->ws = workbook_add_worksheet (w->wb, s->name);
  s->lines = g_hash_table_new (NULL, NULL);
  s->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) wrapped_free);
  g_ptr_array_add (w->sheets, s);
  if (s->ws == NULL)
    check (w, LXW_ERROR_PARAMETER_VALIDATION);

  /* Printed as someone careful would: A4 landscape, one page wide, page
   * numbers in the footer. */
  if (s->ws != NULL)
    {
      worksheet_set_landscape (s->ws);
      worksheet_set_paper (s->ws, 9);
      worksheet_fit_to_pages (s->ws, 1, 0);
      worksheet_set_margins (s->ws, 0.5, 0.5, 0.6, 0.6);
      check (w, worksheet_set_footer (s->ws, w->footer));
    }
  return s;
}

/* Whether a cell fits in a worksheet; when it does not, the sheet is marked
 * too big (the export then fails with a message) and nothing is written. */
static gboolean
in_sheet (Sheet *s, lxw_row_t row, lxw_col_t col)
{
  if (row >= MAX_ROWS || col >= MAX_COLS)
    {
      s->too_big = TRUE;
      return FALSE;
    }
  s->n_cols = MAX (s->n_cols, col + 1);
  s->n_rows = MAX (s->n_rows, row + 1);
  return TRUE;
}

/* A chart or picture at @row, @col of @width_px × @height_px: the print
 * area must hold it. Rows are counted at their default height (taller rows
 * only make the area generous). */
static void
note_drawing (Sheet *s, lxw_row_t row, lxw_col_t col, double width_px, double height_px)
{
  double left = 0;

  for (lxw_col_t c = 0; c < col && c < MAX_COLS; c++)
    left += s->fit[c] > 0 ? 7 * s->fit[c] + 5 : 64;
  s->drawing_right_px = MAX (s->drawing_right_px, left + width_px);
  s->n_rows = MAX (s->n_rows, MIN (row + (lxw_row_t) ceil (height_px / 20) + 1, MAX_ROWS));
}

/* Print area, pages wide and the repeated first column, once the column
 * widths and every drawing are known. */
static void
set_print_layout (Writer *w, Sheet *s)
{
  double total = 0, px = 0;
  lxw_col_t last = s->n_cols > 0 ? s->n_cols - 1 : 0;
  guint pages;

  if (s->ws == NULL || s->too_big)
    return;
  for (lxw_col_t c = 0; c < s->n_cols; c++)
    {
      double width = s->fit[c] > 0 ? s->fit[c] : 8.43;

      total += width;
      px += 7 * width + 5;
    }
  /* Drawings reach into the empty columns on the right. */
  while (px < s->drawing_right_px && last + 1 < MAX_COLS)
    {
      last++;
      px += 64;
      total += 8.43;
    }
  /* A sheet with a chart stays one page wide, or the chart would be cut. */
  pages = s->drawing_right_px > 0 ? 1 : MAX (1, (guint) ceil (total / PRINT_LEGIBLE_WIDTH));
  check (w, worksheet_print_area (s->ws, 0, 0, MAX (s->n_rows, 1) - 1, last));
  worksheet_fit_to_pages (s->ws, (uint16_t) MIN (pages, 50), 0);
  if (pages > 1)
    {
      /* Each page band across before the next one down, the names on each. */
      worksheet_print_across (s->ws);
      check (w, worksheet_repeat_columns (s->ws, 0, 0));
    }
}

static void
set_wrap_column (Sheet *s, lxw_col_t col, double width)
{
  if (in_sheet (s, 0, col))
    s->fixed[col] = width;
}

/* verk_xlsx_cell_text() without the copies for the usual text, which has
 * nothing to replace and is far below the cell limit: then it is @text
 * itself (UTF-16 units never outnumber UTF-8 bytes). Else the cleaned copy,
 * left in @copy for the caller to free. @text is valid UTF-8. */
static const char *
cell_text (const char *text, char **copy)
{
  gssize length = clean_length (text);

  if (length >= 0 && length <= CELL_MAX_UTF16)
    return text;
  *copy = verk_xlsx_cell_text (text);
  return *copy;
}

static void
put_text (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
  g_autofree char *copy = NULL;
  const char *cell;
  double n_lines;
  double width;
  gboolean is_bold;

  if (!in_sheet (s, row, col))
    return;
  if (text == NULL || text[0] == '\0' || s->ws == NULL)
    {
      if (f != NULL && s->ws != NULL)
        check (w, worksheet_write_blank (s->ws, row, col, f));
      return;
    }
  cell = cell_text (text, &copy);
  /* write_string never makes a formula: "=SUM(A1)" and "+46…" stay text. */
  check (w, worksheet_write_string (s->ws, row, col, cell, f));

  /* Bold text is wider; a cell keeps some padding. */
  is_bold = f == w->f_header || f == w->f_header_num || f == w->f_label;
  width = text_width (cell, &n_lines, s->fixed[col] > 0 ? (s->fixed[col] - 1) / (is_bold ? BOLD_WIDTH : 1) : 0);
  if (s->fixed[col] > 0)
    note_lines (s, row, n_lines);
  else if (f != w->f_title && f != w->f_subtitle && f != w->f_heading && f != w->f_note)
    {
      /* Titles and notes may run over into the empty cells on their right. */
      if (is_bold)
        width *= BOLD_WIDTH;
      s->fit[col] = MAX (s->fit[col], MIN (width, 60));
      if (f == w->f_header || f == w->f_header_num || f == w->f_wrap)
        {
          Wrapped *p = g_new0 (Wrapped, 1);
          *p = (Wrapped) { .row = row, .col = col, .bold = is_bold, .text = g_strdup (cell) };
          g_ptr_array_add (s->pending, p);
        }
    }
}

/* A text over the columns @col..@last, wrapping within them. */
static void
put_merged (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, lxw_col_t last,
            double width, const char *text, lxw_format *f)
{
  g_autofree char *copy = NULL;
  const char *cell;
  double n_lines;

  if (s->ws == NULL || !in_sheet (s, row, last))
    return;
  cell = cell_text (text != NULL ? text : "", &copy);
  check (w, worksheet_merge_range (s->ws, row, col, row, last, cell, f));
  text_width (cell, &n_lines, width);
  note_lines (s, row, n_lines);
}

static void
put_int (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, int value, lxw_format *f)
{
  if (s->ws == NULL || !in_sheet (s, row, col))
    return;
  if (value <= 0)
    check (w, worksheet_write_blank (s->ws, row, col, f));
  else
    check (w, worksheet_write_number (s->ws, row, col, value, f));
  s->fit[col] = MAX (s->fit[col], 6);
}

static void
put_number (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, double value, lxw_format *f)
{
  if (s->ws == NULL || !in_sheet (s, row, col))
    return;
  check (w, worksheet_write_number (s->ws, row, col, value, f));
  s->fit[col] = MAX (s->fit[col], 7);
}

static gboolean
parse_date (const char *text, lxw_datetime *dt)
{
  unsigned y, m, d;
  char rest;

  if (text == NULL)
    return FALSE;
  /* The stored form, YYYY-MM-DD, read without sscanf (a tenth of the action
   * plan's time); anything else as before. */
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-'
      && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2])
      && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6])
      && g_ascii_isdigit (text[8]) && g_ascii_isdigit (text[9]))
    {
      y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
      m = (text[5] - '0') * 10 + (text[6] - '0');
      d = (text[8] - '0') * 10 + (text[9] - '0');
    }
  else if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &rest) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  *dt = (lxw_datetime) { .year = (int) y, .month = (int) m, .day = (int) d };
  return TRUE;
}

/* A real Excel date when the text is one, else the text as it is. */
static void
put_date (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, const char *text)
{
  lxw_datetime dt;

  if (s->ws == NULL || !in_sheet (s, row, col))
    return;
  /* Excel's dates start in 1900: an earlier one stays text. */
  if (parse_date (text, &dt) && dt.year >= 1900)
    {
      check (w, worksheet_write_datetime (s->ws, row, col, &dt, w->f_date));
      s->fit[col] = MAX (s->fit[col], 11);
    }
  else
    put_text (w, s, row, col, text, w->f_date);
}

static void
finish_sheet (Writer *w, Sheet *s)
{
  GHashTableIter iter;
  gpointer key, value;

  if (s->ws == NULL)
    return;
  for (lxw_col_t c = 0; c < s->n_cols; c++)
    {
      double width = s->fixed[c] > 0 ? s->fixed[c] : s->fit[c] > 0 ? MAX (s->fit[c] + 2, 8) : 0;

      if (width > 0)
        check (w, worksheet_set_column (s->ws, c, c, width, NULL));
      s->fit[c] = width;
    }
  /* Headers and wrapped text in fitted columns, now that the widths are known. */
  for (guint i = 0; i < s->pending->len; i++)
    {
      Wrapped *p = g_ptr_array_index (s->pending, i);
      double n_lines;

      if (s->fit[p->col] > 0)
        {
          text_width (p->text, &n_lines, (s->fit[p->col] - 1) / (p->bold ? BOLD_WIDTH : PLAIN_WIDTH));
          note_lines (s, p->row, n_lines);
        }
    }
  g_hash_table_iter_init (&iter, s->lines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);

      if (n > 1)
        check (w, worksheet_set_row (s->ws, GPOINTER_TO_UINT (key) - 1,
                                     MIN (n * ROW_HEIGHT, ROW_HEIGHT_MAX), NULL));
    }
}

static void
make_formats (Writer *w)
{
  lxw_workbook *wb = w->wb;

  w->f_title = workbook_add_format (wb);
  format_set_bold (w->f_title);
  format_set_font_size (w->f_title, 16);
  format_set_font_color (w->f_title, 0x1F3864);

  w->f_subtitle = workbook_add_format (wb);
  format_set_italic (w->f_subtitle);
  format_set_font_color (w->f_subtitle, 0x595959);

  w->f_heading = workbook_add_format (wb);
  format_set_bold (w->f_heading);
  format_set_font_size (w->f_heading, 12);
  format_set_font_color (w->f_heading, 0x1F3864);
  format_set_bottom (w->f_heading, LXW_BORDER_THIN);
  format_set_bottom_color (w->f_heading, 0x8EA9DB);

  w->f_header = workbook_add_format (wb);
  format_set_bold (w->f_header);
  format_set_bg_color (w->f_header, 0xDDEBF7);
  format_set_bottom (w->f_header, LXW_BORDER_THIN);
  format_set_bottom_color (w->f_header, 0x8EA9DB);
  format_set_text_wrap (w->f_header);
  format_set_align (w->f_header, LXW_ALIGN_VERTICAL_TOP);

  w->f_header_num = workbook_add_format (wb);
  format_set_bold (w->f_header_num);
  format_set_bg_color (w->f_header_num, 0xDDEBF7);
  format_set_bottom (w->f_header_num, LXW_BORDER_THIN);
  format_set_bottom_color (w->f_header_num, 0x8EA9DB);
  format_set_text_wrap (w->f_header_num);
  format_set_align (w->f_header_num, LXW_ALIGN_CENTER);
  format_set_align (w->f_header_num, LXW_ALIGN_VERTICAL_TOP);

  w->f_label = workbook_add_format (wb);
  format_set_bold (w->f_label);
  format_set_align (w->f_label, LXW_ALIGN_VERTICAL_TOP);

  w->f_text = workbook_add_format (wb);
  format_set_align (w->f_text, LXW_ALIGN_VERTICAL_TOP);

  w->f_wrap = workbook_add_format (wb);
  format_set_text_wrap (w->f_wrap);
  format_set_align (w->f_wrap, LXW_ALIGN_VERTICAL_TOP);

  w->f_date = workbook_add_format (wb);
  format_set_num_format (w->f_date, "yyyy-mm-dd");
  format_set_align (w->f_date, LXW_ALIGN_LEFT);
  format_set_align (w->f_date, LXW_ALIGN_VERTICAL_TOP);

  w->f_int = workbook_add_format (wb);
  format_set_num_format (w->f_int, "0");
  format_set_align (w->f_int, LXW_ALIGN_CENTER);
  format_set_align (w->f_int, LXW_ALIGN_VERTICAL_TOP);

  w->f_dec = workbook_add_format (wb);
  format_set_num_format (w->f_dec, "0.00");
  format_set_align (w->f_dec, LXW_ALIGN_CENTER);
  format_set_align (w->f_dec, LXW_ALIGN_VERTICAL_TOP);

  w->f_band = workbook_add_format (wb);
  format_set_bg_color (w->f_band, 0xEEF4FB);

  w->f_note = workbook_add_format (wb);
  format_set_italic (w->f_note);
  format_set_font_color (w->f_note, 0x595959);
  format_set_align (w->f_note, LXW_ALIGN_VERTICAL_TOP);
}

/* The puzzle's colour for @score, lightened so black digits stay legible on
 * every fill (the puzzle itself switches its text colour instead). */
static lxw_color_t
score_color (int score)
{
  VerkRgba c = verk_puzzle_score_color (score);
  const double keep = 0.55;
  double r = 1 - keep + keep * CLAMP (c.r, 0, 1);
  double g = 1 - keep + keep * CLAMP (c.g, 0, 1);
  double b = 1 - keep + keep * CLAMP (c.b, 0, 1);

  return ((lxw_color_t) (r * 255 + 0.5) << 16) | ((lxw_color_t) (g * 255 + 0.5) << 8) |
         (lxw_color_t) (b * 255 + 0.5);
}

/* The same colours as the puzzle, fixed to the 1–5 scale so a 3 always looks
 * like a 3. */
static void
color_scale (Writer *w, Sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
  lxw_conditional_format cf = {
    .type = LXW_CONDITIONAL_3_COLOR_SCALE,
    .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = 1,
    .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .mid_value = 3,
    .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 5,
  };

  if (s->ws == NULL || r2 < r1 || c2 < c1 || !in_sheet (s, r2, c2))
    return;
  cf.min_color = score_color (1);
  cf.mid_color = score_color (3);
  cf.max_color = score_color (5);
  check (w, worksheet_conditional_format_range (s->ws, r1, c1, r2, c2, &cf));
}

/* Banded rows that every reader shows: LibreOffice 7.4 ignores Excel's table
 * styles, so the bands are a conditional format too (Excel shows the same). */
static void
band_rows (Writer *w, Sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
  lxw_conditional_format cf = {
    .type = LXW_CONDITIONAL_TYPE_FORMULA,
    .value_string = (char *) "=MOD(ROW(),2)=1",
    .format = w->f_band,
  };

  if (!in_sheet (s, r2, c2))
    return;
  check (w, worksheet_conditional_format_range (s->ws, r1, c1, r2, c2, &cf));
}

/* ------------------------------------------------------------------------ */
/* Looking things up in the collected data.                                 */

static const VerkScore *
find_score (const WorkshopData *wd, gint64 item_id, gint64 participant_id)
{
  VerkScore key = { .item_id = item_id, .participant_id = participant_id };

  return g_hash_table_lookup (wd->score_index, &key);
}

static const VerkItem *
find_item (const WorkshopData *wd, gint64 item_id)
{
  GPtrArray *lists[] = { wd->items, wd->platform };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const VerkItem *it = g_ptr_array_index (lists[l], i);
        if (it->id == item_id)
          return it;
      }
  return NULL;
}

/* The same value in another workshop: by content key, custom pieces by name
 * (VerkStats' rule, so the workbook and the app agree). */
static const VerkItem *
find_matching_item (const WorkshopData *wd, const VerkItem *item)
{
  if (wd == NULL)
    return NULL;
  return verk_stats_find_previous_item ((VerkItem *) item, wd->items);
}

static int
priority_rank (const WorkshopData *wd, gint64 item_id)
{
  for (guint i = 0; i < wd->priorities->len; i++)
    if (g_array_index (wd->priorities, gint64, i) == item_id)
      return (int) i + 1;
  return 0;
}

static double
mean_agreed (const WorkshopData *wd, guint *n_out)
{
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < wd->items->len; i++)
    {
      const VerkItem *it = g_ptr_array_index (wd->items, i);
      if (it->agreed > 0)
        {
          sum += it->agreed;
          n++;
        }
    }
  *n_out = n;
  return n > 0 ? sum / n : 0;
}

static char *
workshop_title (const WorkshopData *wd)
{
  /* Translators: a workshop's heading: group name, then date */
  return g_strdup_printf (_("%s, workshop %s"), wd->group->name, wd->workshop->date);
}

/* ------------------------------------------------------------------------ */
/* Summary                                                                  */

static void
put_label_value (Writer *w, Sheet *s, lxw_row_t row, const char *label, const char *value)
{
  put_text (w, s, row, 0, label, w->f_label);
  put_merged (w, s, row, 1, 4, 4 * SUMMARY_COL, value, w->f_wrap);
}

/* The puzzle image takes longer than the rest of a one-workshop workbook
 * (fonts, drawing, PNG), and depends on nothing but the focus workshop's
 * items: it is drawn in a thread of its own while the sheets are written, and
 * inserted last. The drawing code is thread-safe (its caches are locked).
 *
 * The command line starts that thread even before it opens the database
 * (verk_xlsx_export_warm_up()): it loads the fonts meanwhile, in the thread
 * that draws with them (Pango's font map is per thread), then waits for the
 * pieces. */
typedef struct _PuzzleJob {
  GMutex           mutex;
  GCond            cond;
  gboolean         given;      /* the pieces are set, or the job is cancelled */
  gboolean         cancelled;
  VerkPuzzlePiece *pieces;     /* names borrowed from the export data */
  guint            n_pieces;
  GThread         *thread;     /* NULL: no thread, or joined */
  GBytes          *png;
  GError          *error;
} PuzzleJob;

G_LOCK_DEFINE_STATIC (warm_job);
static PuzzleJob *warm_job;    /* started by verk_xlsx_export_warm_up(), not yet given work */

/* What drawing the puzzle's names and numbers needs first: the font map,
 * fontconfig's configuration and the bold face, set up as the drawing code
 * sets up its context. */
static void
warm_fonts (void)
{
  VerkPuzzleStyle style;
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *desc = pango_font_description_new ();
  PangoLayout *layout;

  verk_puzzle_style_init_default (&style, FALSE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_font_description_set_family (desc, style.font_family != NULL ? style.font_family : "Cantarell");
  pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (desc, 20 * PANGO_SCALE);
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, "Åä Öx 12345", -1);
  pango_layout_get_extents (layout, NULL, NULL);
  g_object_unref (layout);
  pango_font_description_free (desc);
  cairo_font_options_destroy (options);
  g_object_unref (context);
}

static gpointer
puzzle_job_run (gpointer user_data)
{
  PuzzleJob *job = user_data;
  gboolean waiting;

  g_mutex_lock (&job->mutex);
  waiting = !job->given;
  g_mutex_unlock (&job->mutex);
  if (waiting)
    warm_fonts ();

  g_mutex_lock (&job->mutex);
  while (!job->given)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
  if (!job->cancelled)
    job->png = verk_puzzle_render_png_bytes (PUZZLE_PNG_WIDTH, PUZZLE_PNG_HEIGHT,
                                             job->pieces, job->n_pieces, &job->error);
  return NULL;
}

static PuzzleJob *
puzzle_job_new (void)
{
  PuzzleJob *job = g_new0 (PuzzleJob, 1);

  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  return job;
}

static void
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

static PuzzleJob *
puzzle_job_start (const WorkshopData *wd)
{
  VerkPuzzlePiece *pieces = g_new0 (VerkPuzzlePiece, MAX (wd->items->len, 1));
  PuzzleJob *job;

  for (guint i = 0; i < wd->items->len; i++)
    {
      const VerkItem *it = g_ptr_array_index (wd->items, i);

      pieces[i].name = it->name;
      pieces[i].score = it->agreed;
      pieces[i].rank = priority_rank (wd, it->id);
    }

  G_LOCK (warm_job);
  job = g_steal_pointer (&warm_job);
  G_UNLOCK (warm_job);
  if (job == NULL)
    {
      job = puzzle_job_new ();
      job->pieces = pieces;
      job->n_pieces = wd->items->len;
      job->given = TRUE;
      /* Without a thread it is drawn when it is needed, as before. */
      job->thread = g_thread_try_new ("verk-xlsx-puzzle", puzzle_job_run, job, NULL);
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

/**
 * verk_xlsx_export_warm_up:
 *
 * Starts loading the fonts of the workbook's puzzle image in a thread, which
 * then draws the image for the next verk_xlsx_export_write() of this process.
 * For the command line, which calls it before it opens the database, and
 * must call verk_xlsx_export_warm_up_end() before it exits.
 */
void
verk_xlsx_export_warm_up (void)
{
  PuzzleJob *job;

  G_LOCK (warm_job);
  if (warm_job == NULL)
    {
      job = puzzle_job_new ();
      job->thread = g_thread_try_new ("verk-xlsx-puzzle", puzzle_job_run, job, NULL);
      if (job->thread != NULL)
        warm_job = job;
      else
        puzzle_job_free (job);
    }
  G_UNLOCK (warm_job);
}

/**
 * verk_xlsx_export_warm_up_end:
 *
 * Stops the thread verk_xlsx_export_warm_up() started when no export used it
 * (the export failed before it wrote anything), waiting for it to finish.
 */
void
verk_xlsx_export_warm_up_end (void)
{
  PuzzleJob *job;

  G_LOCK (warm_job);
  job = g_steal_pointer (&warm_job);
  G_UNLOCK (warm_job);
  puzzle_job_free (job);
}

/* Whether the puzzle of @wd can be drawn: it has 1 to 60 pieces. */
static gboolean
puzzle_drawable (const WorkshopData *wd)
{
  return wd->items->len >= 1 && wd->items->len <= VERK_PUZZLE_MAX_PIECES;
}

/* Puts the puzzle image on the Summary. Images and charts are separate lists
 * in libxlsxwriter, laid out sheet by sheet at close, so inserting it after
 * the other sheets gives the same workbook as inserting it first. Where no
 * picture can be drawn, the workbook says why in its place. */
static void
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

static void
write_summary (Writer *w, const WorkshopData *wd, const WorkshopData *prev,
               const GroupData *gd)
{
  Sheet *s = add_sheet (w, _("Summary"));
  g_autofree char *title = NULL;
  g_autoptr (GString) people = g_string_new (NULL);
  lxw_row_t row = 0, table_row;
  guint n = 0;

  title = g_strdup_printf (_("Leadership workshop: %s"), gd->group->name);
  put_text (w, s, row++, 0, title, w->f_title);
  put_text (w, s, row++, 0, _("Self-assessment with the SIQ puzzle: thirteen fundamental values"),
            w->f_subtitle);
  row++;

  put_label_value (w, s, row++, _("Group"), gd->group->name);
  if (gd->group->unit != NULL && gd->group->unit[0] != '\0')
    put_label_value (w, s, row++, _("Organisation unit"), gd->group->unit);

  if (wd == NULL)
    {
      put_text (w, s, row + 1, 0, _("This group has no workshops yet."), w->f_note);
      s->fit[0] = MAX (s->fit[0], 24);
      finish_sheet (w, s);
      return;
    }

  put_text (w, s, row, 0, _("Date"), w->f_label);
  put_date (w, s, row++, 1, wd->workshop->date);
  put_label_value (w, s, row++, _("Facilitator"), wd->workshop->facilitator);
  for (guint i = 0; i < wd->names->len; i++)
    g_string_append_printf (people, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (wd->names, i));
  put_label_value (w, s, row, _("Participants"), people->str);
  put_text (w, s, row++, 5, NULL, NULL);
  if (prev != NULL)
    {
      put_text (w, s, row, 0, _("Follows up"), w->f_label);
      put_date (w, s, row++, 1, prev->workshop->date);
    }
  if (wd->workshop->notes != NULL && wd->workshop->notes[0] != '\0')
    put_label_value (w, s, row++, _("Notes"), wd->workshop->notes);

  /* Priorities, in rank order. */
  row++;
  put_text (w, s, row++, 0, _("Priorities"), w->f_heading);
  if (wd->priorities->len == 0)
    put_text (w, s, row++, 0, _("No priorities chosen yet."), w->f_note);
  else
    {
      put_text (w, s, row, 0, _("Area"), w->f_header);
      put_text (w, s, row, 1, _("Rank"), w->f_header_num);
      put_text (w, s, row, 2, _("Agreed score"), w->f_header_num);
      put_text (w, s, row, 3, _("Desired level"), w->f_header_num);
      put_text (w, s, row++, 4, _("Gap"), w->f_header_num);
      for (guint i = 0; i < wd->priorities->len; i++, row++)
        {
          const VerkItem *it = find_item (wd, g_array_index (wd->priorities, gint64, i));

          if (it == NULL)
            continue;
          put_text (w, s, row, 0, it->name, w->f_text);
          put_int (w, s, row, 1, (int) i + 1, w->f_int);
          put_int (w, s, row, 2, it->agreed, w->f_int);
          put_int (w, s, row, 3, it->desired, w->f_int);
          if (it->agreed > 0 && it->desired > 0)
            put_number (w, s, row, 4, it->desired - it->agreed, w->f_int);
          else
            put_int (w, s, row, 4, 0, w->f_int);
        }
    }

  /* Agreed scores this time and last time: the radar chart reads these cells. */
  row++;
  put_text (w, s, row++, 0, _("Agreed scores"), w->f_heading);
  table_row = row;
  put_text (w, s, row, 0, _("Area"), w->f_header);
  put_text (w, s, row, 1, _("This workshop"), w->f_header_num);
  put_text (w, s, row, 2, _("Previous workshop"), w->f_header_num);
  put_text (w, s, row, 3, _("Change"), w->f_header_num);
  put_text (w, s, row++, 4, NULL, w->f_header);
  for (guint i = 0; i < wd->items->len; i++, row++)
    {
      const VerkItem *it = g_ptr_array_index (wd->items, i);
      const VerkItem *old = find_matching_item (prev, it);

      put_text (w, s, row, 0, it->name, w->f_text);
      put_int (w, s, row, 1, it->agreed, w->f_int);
      put_int (w, s, row, 2, old != NULL ? old->agreed : 0, w->f_int);
      if (old != NULL && old->agreed > 0 && it->agreed > 0)
        put_number (w, s, row, 3, it->agreed - old->agreed, w->f_int);
    }
  if (wd->items->len > 0)
    color_scale (w, s, table_row + 1, 1, row - 1, 2);
  mean_agreed (wd, &n);
  if (n == 0)
    put_text (w, s, row++, 0, _("No agreed scores yet."), w->f_note);

  /* The scale the group scored against. */
  if (wd->scale->len > 0)
    {
      row++;
      put_text (w, s, row++, 0, _("The scale"), w->f_heading);
      for (guint i = 0; i < wd->scale->len; i++, row++)
        {
          const VerkItem *it = g_ptr_array_index (wd->scale, i);
          g_autofree char *label = g_strdup_printf ("%u  %s", i + 1, it->name);

          put_text (w, s, row, 0, label, w->f_label);
          put_merged (w, s, row, 1, 4, 4 * SUMMARY_COL, it->description, w->f_wrap);
        }
    }
  if (w->data->values_source != NULL)
    {
      row++;
      put_text (w, s, row++, 0, w->data->values_source, w->f_note);
    }

  for (lxw_col_t c = 1; c <= 4; c++)
    s->fixed[c] = SUMMARY_COL;
  s->fit[0] = MIN (s->fit[0], 34);
  /* The long note and the title run over into the empty columns on their right. */
  finish_sheet (w, s);
  check (w, worksheet_set_column (s->ws, 0, 0, MAX (s->fit[0] + 2, 22), NULL));

  /* The image (drawn meanwhile) goes in last: see insert_puzzle(). */
  w->summary = s;
  /* A chart needs a series: none without pieces. */
  if (s->ws != NULL && wd->items->len > 0 && !s->too_big)
    {
      lxw_chart *chart;
      lxw_chart_series *series;
      lxw_chart_options co = { .x_scale = 1.5, .y_scale = 1.45, .x_offset = 10 };
      lxw_chart_line line_this = { .color = 0x2E75B6, .width = 2.25 };
      lxw_chart_line line_prev = { .color = 0xA5A5A5, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH };

      chart = workbook_add_chart (w->wb, LXW_CHART_RADAR_WITH_MARKERS);
      series = chart_add_series (chart, NULL, NULL);
      chart_series_set_categories (series, s->name, table_row + 1, 0, table_row + wd->items->len, 0);
      chart_series_set_values (series, s->name, table_row + 1, 1, table_row + wd->items->len, 1);
      chart_series_set_name_range (series, s->name, table_row, 1);
      chart_series_set_line (series, &line_this);
      if (prev != NULL)
        {
          series = chart_add_series (chart, NULL, NULL);
          chart_series_set_categories (series, s->name, table_row + 1, 0, table_row + wd->items->len, 0);
          chart_series_set_values (series, s->name, table_row + 1, 2, table_row + wd->items->len, 2);
          chart_series_set_name_range (series, s->name, table_row, 2);
          chart_series_set_line (series, &line_prev);
        }
      chart_title_set_name (chart, _("Agreed scores"));
      chart_axis_set_min (chart->y_axis, 0);
      chart_axis_set_max (chart->y_axis, 5);
      chart_axis_set_major_unit (chart->y_axis, 1);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
      co.description = (char *) _("Radar chart of the agreed scores, this and the previous workshop");
      check (w, worksheet_insert_chart_opt (s->ws, 25, 6, chart, &co));
      note_drawing (s, 25, 6, co.x_scale * CHART_WIDTH_PX + co.x_offset, co.y_scale * CHART_HEIGHT_PX);
    }
}

/* ------------------------------------------------------------------------ */
/* Scores                                                                   */

enum { SC_AREA, SC_DESCRIPTION, SC_AGREED, SC_FIRST_PARTICIPANT };

/* The per-piece table of one workshop from @row; returns the row after it. */
static lxw_row_t
write_score_table (Writer *w, Sheet *s, lxw_row_t row, const WorkshopData *wd,
                   GPtrArray *items, const char *area_header)
{
  guint np = wd->participants->len;
  lxw_col_t c_count = SC_FIRST_PARTICIPANT + np;
  const char *stat_headers[] = {
    _("Count"), _("Mean"), _("Median"), _("Min"), _("Max"), _("Spread"),
    _("Comments"), _("Rationale"), _("Desired level"),
  };
  lxw_row_t first;

  put_text (w, s, row, SC_AREA, area_header, w->f_header);
  put_text (w, s, row, SC_DESCRIPTION, _("Description"), w->f_header);
  put_text (w, s, row, SC_AGREED, _("Agreed"), w->f_header_num);
  for (guint p = 0; p < np; p++)
    put_text (w, s, row, SC_FIRST_PARTICIPANT + p, g_ptr_array_index (wd->names, p), w->f_header_num);
  for (guint h = 0; h < G_N_ELEMENTS (stat_headers); h++)
    put_text (w, s, row, c_count + h, stat_headers[h],
              h == 6 || h == 7 ? w->f_header : w->f_header_num);
  row++;
  first = row;

  for (guint i = 0; i < items->len; i++, row++)
    {
      const VerkItem *it = g_ptr_array_index (items, i);
      g_autoptr (GString) comments = g_string_new (NULL);
      VerkItemStats st = verk_stats_for_item (it->id, wd->scores);

      put_text (w, s, row, SC_AREA, it->name, w->f_label);
      put_text (w, s, row, SC_DESCRIPTION, it->description, w->f_wrap);
      put_int (w, s, row, SC_AGREED, it->agreed, w->f_int);
      for (guint p = 0; p < np; p++)
        {
          const VerkParticipant *part = g_ptr_array_index (wd->participants, p);
          const VerkScore *sc = find_score (wd, it->id, part->id);

          put_int (w, s, row, SC_FIRST_PARTICIPANT + p, sc != NULL ? sc->value : 0, w->f_int);
          if (sc != NULL && sc->comment != NULL && sc->comment[0] != '\0')
            g_string_append_printf (comments, "%s%s: %s", comments->len > 0 ? "\n" : "",
                                    (char *) g_ptr_array_index (wd->names, p), sc->comment);
        }
      if (st.count > 0)
        {
          put_number (w, s, row, c_count, st.count, w->f_int);
          put_number (w, s, row, c_count + 1, st.mean, w->f_dec);
          put_number (w, s, row, c_count + 2, st.median, w->f_dec);
          put_number (w, s, row, c_count + 3, st.min, w->f_int);
          put_number (w, s, row, c_count + 4, st.max, w->f_int);
          put_number (w, s, row, c_count + 5, st.spread, w->f_int);
        }
      else
        put_number (w, s, row, c_count, 0, w->f_int);
      put_text (w, s, row, c_count + 6, comments->str, w->f_wrap);
      put_text (w, s, row, c_count + 7, it->rationale, w->f_wrap);
      put_int (w, s, row, c_count + 8, it->desired, w->f_int);
    }
  if (items->len > 0)
    color_scale (w, s, first, SC_AGREED, row - 1, SC_AGREED + np);
  return row;
}

static void
score_sheet_columns (Sheet *s, guint max_participants)
{
  lxw_col_t c_count = SC_FIRST_PARTICIPANT + max_participants;

  set_wrap_column (s, SC_DESCRIPTION, 36);
  set_wrap_column (s, c_count + 6, 34);
  set_wrap_column (s, c_count + 7, 28);
}

static void
write_scores (Writer *w, GPtrArray *sections)
{
  Sheet *s = add_sheet (w, _("Scores"));
  guint max_np = 0;
  lxw_row_t row = 0;

  for (guint i = 0; i < sections->len; i++)
    max_np = MAX (max_np, ((WorkshopData *) g_ptr_array_index (sections, i))->participants->len);
  /* Only when every section has the same participants do the wrapped
   * columns line up; the widest set decides. */
  score_sheet_columns (s, max_np);

  for (guint i = 0; i < sections->len; i++)
    {
      const WorkshopData *wd = g_ptr_array_index (sections, i);
      g_autofree char *title = workshop_title (wd);

      put_text (w, s, row++, SC_AREA, title, w->f_heading);
      if (sections->len == 1)
        {
          check (w, worksheet_repeat_rows (s->ws, row, row));
          worksheet_freeze_panes (s->ws, row + 1, 1);
        }
      row = write_score_table (w, s, row, wd, wd->items, _("Area"));
      if (wd->scores->len == 0)
        put_text (w, s, row++, SC_AREA, _("No scores recorded yet."), w->f_note);
      row++;
    }
  if (sections->len == 0)
    put_text (w, s, row, 0, _("No workshops yet."), w->f_note);
  s->fit[SC_AREA] = MIN (s->fit[SC_AREA], 40);
  /* Scores are one digit: participants' names wrap in the header instead
   * of widening the table past what prints on one page. */
  for (lxw_col_t c = SC_AGREED; c < MIN (SC_FIRST_PARTICIPANT + max_np + 6, MAX_COLS); c++)
    s->fit[c] = MIN (s->fit[c], 10);
  finish_sheet (w, s);
}

/* ------------------------------------------------------------------------ */
/* Action plan: one Excel table over every exported workshop.               */

static void
write_actions (Writer *w, GPtrArray *sections)
{
  const VerkExportData *data = w->data;
  Sheet *s = add_sheet (w, _("Action plan"));
  gboolean with_group = data->scope == VERK_EXPORT_ALL;
  gboolean with_workshop = data->scope != VERK_EXPORT_WORKSHOP;
  lxw_table_column cols[8] = { { 0 } };
  lxw_table_column *colp[9] = { NULL };
  lxw_col_t c = 0, c_area, c_what, c_owner, c_due, c_status, c_followup;
  lxw_row_t row = 1;
  guint n_actions = 0;

  for (guint i = 0; i < sections->len; i++)
    n_actions += ((WorkshopData *) g_ptr_array_index (sections, i))->actions->len;

  if (with_group)
    cols[c++].header = (char *) _("Group");
  if (with_workshop)
    {
      cols[c].header = (char *) _("Workshop");
      cols[c++].format = w->f_date;
    }
  c_area = c;
  cols[c++].header = (char *) _("Area");
  c_what = c;
  cols[c++].header = (char *) _("Action");
  c_owner = c;
  cols[c++].header = (char *) _("Owner");
  c_due = c;
  cols[c].header = (char *) _("Due date");
  cols[c++].format = w->f_date;
  c_status = c;
  cols[c++].header = (char *) _("Status");
  c_followup = c;
  cols[c++].header = (char *) _("Follow-up note");
  for (lxw_col_t i = 0; i < c; i++)
    {
      colp[i] = &cols[i];
      cols[i].header_format = w->f_header;
      put_text (w, s, 0, i, cols[i].header, w->f_header);
    }

  set_wrap_column (s, c_what, 50);
  set_wrap_column (s, c_followup, 40);

  if (s->ws != NULL && in_sheet (s, MAX (n_actions, 1), c - 1))
    {
      /* An Excel table needs one data row even when there are no actions. */
      lxw_table_options topt = {
        .name = (char *) "ActionPlan",
        .style_type = LXW_TABLE_STYLE_TYPE_MEDIUM, .style_type_number = 2,
        .columns = colp,
      };
      check (w, worksheet_add_table (s->ws, 0, 0, MAX (n_actions, 1), c - 1, &topt));
      band_rows (w, s, 1, 0, MAX (n_actions, 1), c - 1);
      worksheet_freeze_panes (s->ws, 1, 0);
      check (w, worksheet_repeat_rows (s->ws, 0, 0));
    }

  for (guint i = 0; i < sections->len; i++)
    {
      const WorkshopData *wd = g_ptr_array_index (sections, i);

      for (guint a = 0; a < wd->actions->len; a++, row++)
        {
          const VerkAction *act = g_ptr_array_index (wd->actions, a);
          const VerkItem *it = act->item_id != 0 ? find_item (wd, act->item_id) : NULL;
          guint status = MIN ((guint) act->status, VERK_ACTION_DROPPED);

          if (with_group)
            put_text (w, s, row, 0, wd->group->name, w->f_text);
          if (with_workshop)
            put_date (w, s, row, with_group ? 1 : 0, wd->workshop->date);
          put_text (w, s, row, c_area, it != NULL ? it->name : NULL, w->f_text);
          put_text (w, s, row, c_what, act->what, w->f_wrap);
          put_text (w, s, row, c_owner, act->owner, w->f_text);
          if (act->due != NULL && act->due[0] != '\0')
            put_date (w, s, row, c_due, act->due);
          put_text (w, s, row, c_status, data->status_names[status], w->f_text);
          put_text (w, s, row, c_followup, act->followup, w->f_wrap);
        }
    }

  /* The status as a drop-down list of the four statuses. Excel allows 255
   * characters for the whole list and no commas inside an entry. */
  if (s->ws != NULL && !s->too_big)
    {
      g_autofree char *joined = g_strjoinv (",", (char **) data->status_names);
      gboolean ok = strlen (joined) <= 255;

      for (guint i = 0; data->status_names[i] != NULL; i++)
        ok = ok && strchr (data->status_names[i], ',') == NULL;
      if (ok)
        {
          lxw_data_validation dv = {
            .validate = LXW_VALIDATION_TYPE_LIST,
            .value_list = (char **) data->status_names,
            .input_title = (char *) _("Status"),
            .input_message = (char *) _("Choose the action's status from the list."),
            .error_title = (char *) _("Unknown status"),
            .error_message = (char *) _("Choose one of the statuses in the list."),
          };
          check (w, worksheet_data_validation_range (s->ws, 1, c_status, MAX (n_actions, 1), c_status, &dv));
        }
    }
  for (guint i = 0; data->status_names[i] != NULL; i++)
    s->fit[c_status] = MAX (s->fit[c_status], text_width (data->status_names[i], NULL, 0) + 3);
  s->fit[c_due] = MAX (s->fit[c_due], 12);
  finish_sheet (w, s);
}

/* ------------------------------------------------------------------------ */
/* Leadership platform                                                      */

static const char *
part_name (const VerkExportData *data, const char *key)
{
  const char *name = g_hash_table_lookup (data->part_names, key);

  return name != NULL ? name : key;
}

/* The platform's order (secure, initiative, clear), not the store's. */
static GPtrArray *
reflections_in_part_order (const VerkExportData *data, GPtrArray *reflections)
{
  GPtrArray *ordered = g_ptr_array_new ();

  for (guint k = 0; k < data->part_keys->len; k++)
    for (guint r = 0; r < reflections->len; r++)
      {
        VerkReflection *ref = g_ptr_array_index (reflections, r);
        if (g_strcmp0 (ref->part, g_ptr_array_index (data->part_keys, k)) == 0)
          g_ptr_array_add (ordered, ref);
      }
  for (guint r = 0; r < reflections->len; r++)
    {
      VerkReflection *ref = g_ptr_array_index (reflections, r);
      if (!g_hash_table_contains (data->part_names, ref->part))
        g_ptr_array_add (ordered, ref);
    }
  return ordered;
}

static gboolean
any_scored (const WorkshopData *wd, GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const VerkItem *it = g_ptr_array_index (items, i);

      if (it->agreed > 0)
        return TRUE;
      for (guint p = 0; p < wd->scores->len; p++)
        if (((VerkScore *) g_ptr_array_index (wd->scores, p))->item_id == it->id)
          return TRUE;
    }
  return FALSE;
}

static void
write_platform (Writer *w, GPtrArray *sections)
{
  Sheet *s = add_sheet (w, _("Leadership platform"));
  const char *headers[] = {
    _("Part"), _("Strengths"), _("Development areas"), _("Obstacles"), _("Who can remove them"),
  };
  lxw_row_t row = 0;

  for (lxw_col_t c = 1; c < G_N_ELEMENTS (headers); c++)
    set_wrap_column (s, c, 36);

  for (guint i = 0; i < sections->len; i++)
    {
      const WorkshopData *wd = g_ptr_array_index (sections, i);
      g_autofree char *title = workshop_title (wd);

      put_text (w, s, row++, 0, title, w->f_heading);
      if (sections->len == 1)
        {
          check (w, worksheet_repeat_rows (s->ws, row, row));
          worksheet_freeze_panes (s->ws, row + 1, 1);
        }
      for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
        put_text (w, s, row, h, headers[h], w->f_header);
      row++;
      g_autoptr (GPtrArray) ordered = reflections_in_part_order (w->data, wd->reflections);

      for (guint r = 0; r < ordered->len; r++, row++)
        {
          const VerkReflection *ref = g_ptr_array_index (ordered, r);

          put_text (w, s, row, 0, part_name (w->data, ref->part), w->f_label);
          put_text (w, s, row, 1, ref->strengths, w->f_wrap);
          put_text (w, s, row, 2, ref->development, w->f_wrap);
          put_text (w, s, row, 3, ref->obstacles, w->f_wrap);
          put_text (w, s, row, 4, ref->removers, w->f_wrap);
        }
      if (wd->reflections->len == 0)
        put_text (w, s, row++, 0, _("No reflections written yet."), w->f_note);

      if (wd->platform->len > 0 && any_scored (wd, wd->platform))
        {
          row++;
          put_text (w, s, row++, 0, _("Expectations scored"), w->f_heading);
          row = write_score_table (w, s, row, wd, wd->platform, _("Expectation"));
        }
      row++;
    }
  if (sections->len == 0)
    put_text (w, s, row, 0, _("No workshops yet."), w->f_note);
  s->fit[0] = MIN (s->fit[0], 36);
  finish_sheet (w, s);
}

/* ------------------------------------------------------------------------ */
/* History: the agreed score of every value at every workshop of a group.   */

typedef struct {
  char           *key;
  const VerkItem *newest;   /* names the column */
} HistoryColumn;

static void
history_column_free (HistoryColumn *hc)
{
  g_free (hc->key);
  g_free (hc);
}

/* One column per value: by content key, custom pieces by name as VerkStats
 * matches them. */
static char *
item_match_key (const VerkItem *item)
{
  g_autofree char *stripped = g_strstrip (g_strdup (item->name));
  g_autofree char *folded = g_utf8_casefold (stripped, -1);

  return item->key != NULL ? g_strconcat ("k:", item->key, NULL)
                           : g_strconcat ("n:", folded, NULL);
}

static GPtrArray *
history_columns (const GroupData *gd)
{
  GPtrArray *cols = g_ptr_array_new_with_free_func ((GDestroyNotify) history_column_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Newest first, so the columns follow today's order and names. */
  for (guint i = gd->workshops->len; i > 0; i--)
    {
      const WorkshopData *wd = g_ptr_array_index (gd->workshops, i - 1);

      for (guint j = 0; j < wd->items->len; j++)
        {
          const VerkItem *it = g_ptr_array_index (wd->items, j);
          HistoryColumn *hc;
          char *key = item_match_key (it);

          if (g_hash_table_contains (seen, key))
            {
              g_free (key);
              continue;
            }
          hc = g_new0 (HistoryColumn, 1);
          hc->key = key;
          hc->newest = it;
          g_hash_table_add (seen, key);
          g_ptr_array_add (cols, hc);
        }
    }
  return cols;
}

static lxw_row_t
write_history_section (Writer *w, Sheet *s, lxw_row_t row, const GroupData *gd, GArray *breaks)
{
  g_autoptr (GPtrArray) cols = history_columns (gd);
  lxw_col_t c_mean = cols->len + 1;
  lxw_row_t title_row = row, header_row, first;
  guint n = gd->workshops->len;

  put_text (w, s, row++, 0, gd->group->name, w->f_heading);
  header_row = row;
  /* One group: its value names head every printed page. */
  if (w->data->groups->len == 1 && s->ws != NULL)
    check (w, worksheet_repeat_rows (s->ws, header_row, header_row));
  put_text (w, s, row, 0, _("Workshop"), w->f_header);
  for (guint c = 0; c <= cols->len; c++)
    {
      const char *name = c < cols->len ? ((HistoryColumn *) g_ptr_array_index (cols, c))->newest->name
                                       : _("Mean of agreed scores");

      /* Narrow columns of one-digit scores, the value names wrapping
       * between words in the header. */
      if (in_sheet (s, row, c + 1))
        s->fixed[c + 1] = MAX (s->fixed[c + 1], MAX (longest_word_width (name) * 1.25 + 2, 9));
      put_text (w, s, row, c + 1, name, w->f_header_num);
    }
  row++;
  first = row;

  for (guint i = 0; i < n; i++, row++)
    {
      const WorkshopData *wd = g_ptr_array_index (gd->workshops, i);
      guint n_agreed;
      double mean = mean_agreed (wd, &n_agreed);

      /* The workshop's date as text: the chart's categories, so its axis
       * names each workshop instead of a date axis's month starts. */
      put_text (w, s, row, 0, wd->workshop->date, w->f_text);
      for (guint c = 0; c < cols->len; c++)
        {
          HistoryColumn *hc = g_ptr_array_index (cols, c);
          const VerkItem *it = find_matching_item (wd, hc->newest);

          put_int (w, s, row, c + 1, it != NULL ? it->agreed : 0, w->f_int);
        }
      if (n_agreed > 0)
        put_number (w, s, row, c_mean, mean, w->f_dec);
      else
        put_int (w, s, row, c_mean, 0, w->f_dec);
    }
  if (n == 0)
    {
      put_text (w, s, row++, 0, _("No workshops yet."), w->f_note);
      return row + 1;
    }
  color_scale (w, s, first, 1, row - 1, cols->len);

  if (s->ws != NULL && cols->len > 0 && !s->too_big)
    {
      lxw_chart *chart = workbook_add_chart (w->wb, LXW_CHART_LINE);
      lxw_chart_options co = { .x_scale = 2.6, .y_scale = 1.8, .y_offset = 10 };
      lxw_chart_font axis_font = { .rotation = -45 };
      guint n_series = MIN (cols->len, CHART_MAX_SERIES);

      /* Printed, a long table's chart starts a page of its own rather
       * than being cut by a page break. */
      if (n > 12)
        g_array_append_val (breaks, row);

      if (n_series < cols->len)
        {
          g_autofree char *note =
            g_strdup_printf (_("The chart shows the first %u of the %u values: a chart holds "
                               "no more than %u lines."), n_series, cols->len, CHART_MAX_SERIES);

          put_text (w, s, row++, 0, note, w->f_note);
        }
      for (guint c = 0; c < n_series; c++)
        {
          lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

          chart_series_set_categories (series, s->name, first, 0, row - 1, 0);
          chart_series_set_values (series, s->name, first, c + 1, row - 1, c + 1);
          /* A reference to the header cell, never a literal: a value named
           * "=…" must not become a formula. */
          chart_series_set_name_range (series, s->name, header_row, c + 1);
          chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
          chart_series_set_marker_size (series, 5);
        }
      chart_title_set_name_range (chart, s->name, title_row, 0);
      chart_axis_set_min (chart->y_axis, 1);
      chart_axis_set_max (chart->y_axis, 5);
      chart_axis_set_major_unit (chart->y_axis, 1);
      chart_axis_set_name (chart->y_axis, _("Agreed score"));
      /* One label per workshop, slanted; with many workshops every n-th,
       * so no two labels print over each other. */
      chart_axis_set_num_font (chart->x_axis, &axis_font);
      chart_axis_set_interval_unit (chart->x_axis, (uint16_t) MAX (1, (n + 19) / 20));
      chart_legend_set_position (chart, LXW_CHART_LEGEND_RIGHT);
      co.description = (char *) _("Line chart of the agreed score per value over the workshops");
      check (w, worksheet_insert_chart_opt (s->ws, row, 0, chart, &co));
      note_drawing (s, row, 0, co.x_scale * CHART_WIDTH_PX, co.y_scale * CHART_HEIGHT_PX + co.y_offset);
    }
  /* Below the table, room for the chart (about 27 rows) before the next group. */
  return row + 30;
}

static void
write_history (Writer *w)
{
  Sheet *s = add_sheet (w, _("Score history"));
  g_autoptr (GArray) breaks = g_array_new (TRUE, TRUE, sizeof (lxw_row_t));
  lxw_row_t row = 0;

  for (guint i = 0; i < w->data->groups->len; i++)
    {
      /* Each group starts a printed page. */
      if (i > 0)
        g_array_append_val (breaks, row);
      row = write_history_section (w, s, row, g_ptr_array_index (w->data->groups, i), breaks);
    }
  /* Excel keeps at most 1,023 page breaks; the array ends with a 0. */
  if (breaks->len > 1023)
    g_array_set_size (breaks, 1023);
  if (breaks->len > 0 && s->ws != NULL && !s->too_big)
    check (w, worksheet_set_h_pagebreaks (s->ws, (lxw_row_t *) breaks->data));
  if (w->data->groups->len == 0)
    put_text (w, s, row, 0, _("No groups yet."), w->f_note);
  s->fit[0] = MAX (MIN (s->fit[0], 24), 12);
  finish_sheet (w, s);
}

/* ------------------------------------------------------------------------ */
/* Overview (all groups)                                                    */

static void
write_overview (Writer *w)
{
  Sheet *s = add_sheet (w, _("Overview"));
  const char *headers[] = {
    _("Group"), _("Organisation unit"), _("Workshops"), _("First workshop"), _("Latest workshop"),
    _("Facilitator"), _("Mean agreed score"), _("Open actions"),
  };
  lxw_table_column cols[G_N_ELEMENTS (headers)] = { { 0 } };
  lxw_table_column *colp[G_N_ELEMENTS (headers) + 1] = { NULL };
  guint n = w->data->groups->len;
  lxw_row_t row = 1;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      gboolean numeric = i == 2 || i == 6 || i == 7;

      cols[i].header = (char *) headers[i];
      cols[i].header_format = numeric ? w->f_header_num : w->f_header;
      colp[i] = &cols[i];
      put_text (w, s, 0, i, headers[i], cols[i].header_format);
    }
  cols[3].format = cols[4].format = w->f_date;
  if (s->ws != NULL && in_sheet (s, MAX (n, 1), G_N_ELEMENTS (headers) - 1))
    {
      lxw_table_options topt = {
        .name = (char *) "Groups",
        .style_type = LXW_TABLE_STYLE_TYPE_MEDIUM, .style_type_number = 2,
        .columns = colp,
      };
      check (w, worksheet_add_table (s->ws, 0, 0, MAX (n, 1), G_N_ELEMENTS (headers) - 1, &topt));
      band_rows (w, s, 1, 0, MAX (n, 1), G_N_ELEMENTS (headers) - 1);
      worksheet_freeze_panes (s->ws, 1, 1);
      check (w, worksheet_repeat_rows (s->ws, 0, 0));
    }
  for (guint i = 0; i < n; i++, row++)
    {
      const GroupData *gd = g_ptr_array_index (w->data->groups, i);
      guint nw = gd->workshops->len;
      const WorkshopData *latest = nw > 0 ? g_ptr_array_index (gd->workshops, nw - 1) : NULL;

      put_text (w, s, row, 0, gd->group->name, w->f_label);
      put_text (w, s, row, 1, gd->group->unit, w->f_text);
      put_number (w, s, row, 2, nw, w->f_int);
      if (latest != NULL)
        {
          guint n_agreed, open = 0;
          double mean = mean_agreed (latest, &n_agreed);

          put_date (w, s, row, 3, ((WorkshopData *) g_ptr_array_index (gd->workshops, 0))->workshop->date);
          put_date (w, s, row, 4, latest->workshop->date);
          put_text (w, s, row, 5, latest->workshop->facilitator, w->f_text);
          if (n_agreed > 0)
            put_number (w, s, row, 6, mean, w->f_dec);
          for (guint a = 0; a < latest->actions->len; a++)
            {
              const VerkAction *act = g_ptr_array_index (latest->actions, a);
              open += act->status == VERK_ACTION_OPEN || act->status == VERK_ACTION_IN_PROGRESS;
            }
          put_number (w, s, row, 7, open, w->f_int);
        }
    }
  finish_sheet (w, s);
}

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

/* The atomic file's errors as the export's codes; the message stays. */
static void
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
static int
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

static gboolean
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
static gboolean
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

static gboolean
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
static void
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
  g_autoptr (GPtrArray) sheets = NULL;
  g_autoptr (GError) file_error = NULL;
  g_autofree char *memory_path = NULL;
  VerkAtomicFile *file;
  Writer w = { 0 };
  lxw_error close_err;
  int memory_fd;
  gboolean built;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

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
    w.puzzle = puzzle_job_start (data->focus);
  w.wb = workbook_new (memory_fd >= 0 ? memory_path : verk_atomic_file_get_temp_path (file));
  if (w.wb == NULL)
    {
      puzzle_job_free (w.puzzle);
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
  puzzle_job_free (w.puzzle);
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
  g_autoptr (VerkExportData) data = verk_export_data_collect (store, scope, id, error);

  if (data == NULL)
    return FALSE;
  return verk_xlsx_export_write (data, path, options, error);
}
