/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The export's data: read once from the store, checked for text a
 * workbook cannot hold, then looked up while the sheets are written. */
#define G_LOG_DOMAIN "verk-xlsx-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-stats.h"

#include "verk-xlsx-export-private.h"

static void
workshop_data_free (WorkshopData *wd)
{
  if (wd == NULL)
    return;
  /* The arrays borrow the model's rows and the copies: they go first. */
  g_clear_pointer (&wd->workshop, verk_workshop_free);
  g_clear_pointer (&wd->items, g_ptr_array_unref);
  g_clear_pointer (&wd->platform, g_ptr_array_unref);
  g_clear_pointer (&wd->scale, g_ptr_array_unref);
  g_clear_pointer (&wd->participants, g_ptr_array_unref);
  g_clear_pointer (&wd->names, g_ptr_array_unref);
  g_clear_pointer (&wd->scores, g_ptr_array_unref);
  g_clear_pointer (&wd->round2, g_ptr_array_unref);
  g_clear_pointer (&wd->priorities, g_array_unref);
  g_clear_pointer (&wd->actions, g_ptr_array_unref);
  g_clear_pointer (&wd->reflections, g_ptr_array_unref);
  g_clear_pointer (&wd->cleaned, g_hash_table_unref);
  g_clear_pointer (&wd->copies, g_ptr_array_unref);
  g_clear_object (&wd->model);
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
  g_clear_pointer (&data->organisation, verk_org_matrix_free);
  g_clear_pointer (&data->organisation_own, verk_org_matrix_free);
  g_clear_pointer (&data->organisation_names, g_strfreev);
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
gssize
clean_length (const char *text)
{
  const guchar *p = (const guchar *) text;

  while (*p >= 0x20 ? (*p != 0x7F && *p != 0xC2 && *p != 0xEF) : (*p == '\t' || *p == '\n'))
    p++;
  return *p == '\0' ? (gssize) (p - (const guchar *) text) : -1;
}

char *
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

/* The texts of a row the workbook shows, by their place in the row. */
typedef struct {
  gsize       offset;
  const char *what;     /* N_(): which text, for the message */
} TextField;

static const TextField item_texts[] = {
  { G_STRUCT_OFFSET (VerkItem, name), N_("a piece's name") },
  { G_STRUCT_OFFSET (VerkItem, description), N_("a piece's description") },
  { G_STRUCT_OFFSET (VerkItem, rationale), N_("an agreed score's rationale") },
  { G_STRUCT_OFFSET (VerkItem, key), N_("a piece's key") },
};
static const TextField participant_texts[] = {
  { G_STRUCT_OFFSET (VerkParticipant, name), N_("a participant's name") },
};
static const TextField score_texts[] = {
  { G_STRUCT_OFFSET (VerkScore, comment), N_("a comment on a score") },
};
static const TextField action_texts[] = {
  { G_STRUCT_OFFSET (VerkAction, what), N_("an action") },
  { G_STRUCT_OFFSET (VerkAction, owner), N_("an action's owner") },
  { G_STRUCT_OFFSET (VerkAction, due), N_("an action's due date") },
  { G_STRUCT_OFFSET (VerkAction, followup), N_("an action's follow-up note") },
};
static const TextField reflection_texts[] = {
  { G_STRUCT_OFFSET (VerkReflection, part), N_("a reflection") },
  { G_STRUCT_OFFSET (VerkReflection, strengths), N_("a reflection") },
  { G_STRUCT_OFFSET (VerkReflection, development), N_("a reflection") },
  { G_STRUCT_OFFSET (VerkReflection, obstacles), N_("a reflection") },
  { G_STRUCT_OFFSET (VerkReflection, removers), N_("a reflection") },
};

/* A row of @wd's model checked as check_text() checks one text. The model's
 * rows never change, so a row with control characters in a text is copied,
 * cleaned, kept by @wd and mapped from the row; the usual row is returned
 * as it is. NULL with @error set for a text that is not UTF-8. */
static gpointer
checked_row (WorkshopData    *wd,
             gconstpointer    row,
             GType            type,
             const TextField *fields,
             guint            n_fields,
             const char      *where,
             GError         **error)
{
  gboolean dirty = FALSE;
  gpointer copy;

  for (guint f = 0; f < n_fields; f++)
    {
      const char *text = G_STRUCT_MEMBER (const char *, row, fields[f].offset);

      if (text == NULL)
        continue;
      if (!g_utf8_validate (text, -1, NULL))
        {
          char *check = (char *) text;

          /* check_text() says so, and leaves the text alone. */
          check_text (&check, _(fields[f].what), where, error);
          return NULL;
        }
      dirty |= clean_length (text) < 0;
    }
  if (!dirty)
    return (gpointer) row;
  copy = g_boxed_copy (type, row);
  for (guint f = 0; f < n_fields; f++)
    check_text (&G_STRUCT_MEMBER (char *, copy, fields[f].offset), "", where, NULL);
  if (wd->cleaned == NULL)
    {
      wd->cleaned = g_hash_table_new (NULL, NULL);
      wd->copies = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_ptr_array_add (wd->copies, verk_record_new_take (type, copy));
  g_hash_table_insert (wd->cleaned, (gpointer) row, copy);
  return copy;
}

/* The rows of one of the model's lists (of VerkRecord), checked: @get takes
 * a record's row (VerkPiece: its item). NULL with @error set. */
static GPtrArray *
checked_rows (WorkshopData    *wd,
              GListModel      *list,
              gconstpointer  (*get) (VerkRecord *record),
              GType            type,
              const TextField *fields,
              guint            n_fields,
              const char      *where,
              GError         **error)
{
  guint n = g_list_model_get_n_items (list);
  g_autoptr (GPtrArray) rows = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (list, i);
      gpointer row = checked_row (wd, get (record), type, fields, n_fields, where, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

static gconstpointer
piece_item (VerkRecord *record)
{
  return verk_record_get_piece (record)->item;
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

#define CHECKED(list, get, type, fields) \
  checked_rows (wd, list, (gconstpointer (*) (VerkRecord *)) get, type, fields, G_N_ELEMENTS (fields), where, error)

/* One workshop, read through a snapshot of its VerkWorkshopModel. */
static WorkshopData *
collect_workshop (VerkStore     *store,
                  VerkGroup     *group,
                  gint64         workshop_id,
                  GError       **error)
{
  g_autoptr (GError) local = NULL;
  WorkshopData *wd = g_new0 (WorkshopData, 1);
  g_autofree char *where = NULL;
  const VerkWorkshop *workshop;
  VerkWorkshopModel *model;

  wd->group = group;
  wd->model = model = verk_workshop_model_new_snapshot (store, workshop_id, &local);
  if (model == NULL)
    {
      map_store_error (error, g_steal_pointer (&local));
      workshop_data_free (wd);
      return NULL;
    }
  workshop = verk_workshop_model_get_workshop (model);
  wd->workshop = g_new0 (VerkWorkshop, 1);
  *wd->workshop = *workshop;
  wd->workshop->date = g_strdup (workshop->date);
  wd->workshop->facilitator = g_strdup (workshop->facilitator);
  wd->workshop->notes = g_strdup (workshop->notes);
  wd->names = g_ptr_array_new_with_free_func (g_free);
  wd->priorities = verk_workshop_model_get_priority_ids (model);

  /* Where a damaged text sits, for the message. The group's name is checked
   * before this, the date may itself be damaged. */
  where = g_strdup_printf (_("workshop %s, %s"),
                           g_utf8_validate (workshop->date, -1, NULL) ? workshop->date : "?",
                           group->name);

  if (!check_text (&wd->workshop->date, _("the workshop's date"), where, error) ||
      !check_text (&wd->workshop->facilitator, _("the facilitator's name"), where, error) ||
      !check_text (&wd->workshop->notes, _("the workshop's notes"), where, error) ||
      !(wd->items = CHECKED (verk_workshop_model_get_piece_list (model), piece_item, VERK_TYPE_ITEM,
                             item_texts)) ||
      !(wd->platform = CHECKED (verk_workshop_model_get_expectation_list (model), piece_item, VERK_TYPE_ITEM,
                                item_texts)) ||
      !(wd->scale = CHECKED (verk_workshop_model_get_scale_list (model), piece_item, VERK_TYPE_ITEM,
                             item_texts)) ||
      !(wd->participants = CHECKED (verk_workshop_model_get_participant_list (model), verk_record_get_participant,
                                    VERK_TYPE_PARTICIPANT, participant_texts)) ||
      !(wd->scores = CHECKED (verk_workshop_model_get_score_list (model), verk_record_get_score, VERK_TYPE_SCORE,
                              score_texts)) ||
      !(wd->round2 = CHECKED (verk_workshop_model_get_second_round_list (model), verk_record_get_score,
                              VERK_TYPE_SCORE, score_texts)) ||
      !(wd->actions = CHECKED (verk_workshop_model_get_action_list (model), verk_record_get_action,
                               VERK_TYPE_ACTION, action_texts)) ||
      !(wd->reflections = CHECKED (verk_workshop_model_get_reflection_list (model), verk_record_get_reflection,
                                   VERK_TYPE_REFLECTION, reflection_texts)))
    goto fail;

  for (guint i = 0; i < wd->participants->len; i++)
    {
      VerkParticipant *p = g_ptr_array_index (wd->participants, i);

      g_ptr_array_add (wd->names, p->name != NULL && p->name[0] != '\0'
                                  ? g_strdup (p->name)
                                  : g_strdup_printf (_("Participant %u"), i + 1));
    }
  return wd;

fail:
  workshop_data_free (wd);
  return NULL;
}

#undef CHECKED

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
  /* The store lists newest first; history reads oldest first. */
  for (guint i = list->len; i > 0; i--)
    {
      WorkshopData *wd = collect_workshop (store, group, ((VerkWorkshop *) g_ptr_array_index (list, i - 1))->id,
                                           error);

      if (wd == NULL)
        goto fail;
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

/* Sets data->previous to the workshop the Summary compares @wd with, for
 * the radar chart and "Follows up": the one rule the window's Follow up step
 * and the presentation use (verk_store_get_previous_workshop_id(): the one it
 * follows up, else the group's latest before it). One of @gd's workshops when
 * it is there, else read into data->extra. FALSE with @error set on error. */
static gboolean
find_previous (VerkStore       *store,
               VerkExportData  *data,
               GroupData       *gd,
               WorkshopData    *wd,
               GError         **error)
{
  g_autoptr (GError) local = NULL;
  gint64 previous_id = verk_store_get_previous_workshop_id (store, wd->workshop->id, &local);

  data->previous = NULL;
  if (local != NULL)
    {
      map_store_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (previous_id == 0)
    return TRUE;
  for (guint i = 0; i < gd->workshops->len; i++)
    {
      WorkshopData *o = g_ptr_array_index (gd->workshops, i);

      if (o->workshop->id == previous_id)
        {
          data->previous = o;
          return TRUE;
        }
    }
  data->extra = collect_workshop (store, gd->group, previous_id, error);
  data->previous = data->extra;
  return data->extra != NULL;
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

      wd = collect_workshop (store, group, workshop->id, error);
      if (wd == NULL)
        return NULL;
      g_ptr_array_add (gd->workshops, wd);
      data->focus = wd;
      if (!find_previous (store, data, gd, wd, error))
        return NULL;
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
          if (!find_previous (store, data, gd, data->focus, error))
            return NULL;
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
  if (scope != VERK_EXPORT_WORKSHOP && !collect_organisation (data, store, scope == VERK_EXPORT_GROUP ? id : 0, error))
    return NULL;
  return g_steal_pointer (&data);
}


/* ------------------------------------------------------------------------ */
/* Looking things up in the collected data.                                 */

/* @row, or the cleaned copy of it @wd keeps. */
static gconstpointer
clean_row (const WorkshopData *wd, gconstpointer row)
{
  gconstpointer copy;

  if (wd->cleaned == NULL || row == NULL)
    return row;
  copy = g_hash_table_lookup (wd->cleaned, row);
  return copy != NULL ? copy : row;
}

const VerkScore *
find_score (const WorkshopData *wd, gint64 item_id, gint64 participant_id)
{
  return clean_row (wd, wd->second_round
                        ? verk_workshop_model_find_second_round_score (wd->model, item_id, participant_id)
                        : verk_workshop_model_find_score (wd->model, item_id, participant_id));
}

const VerkItem *
clean_item (const WorkshopData *wd, gint64 item_id)
{
  return clean_row (wd, verk_workshop_model_find_item (wd->model, item_id));
}

/* The same value in another workshop: by content key, custom pieces by name
 * (VerkStats' rule, so the workbook and the app agree). */
const VerkItem *
find_matching_item (const WorkshopData *wd, const VerkItem *item)
{
  if (wd == NULL)
    return NULL;
  return verk_stats_find_previous_item ((VerkItem *) item, wd->items);
}

int
priority_rank (const WorkshopData *wd, gint64 item_id)
{
  return verk_workshop_model_get_rank (wd->model, item_id);
}

double
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

char *
workshop_title (const WorkshopData *wd)
{
  /* Translators: a workshop's heading: group name, then date */
  return g_strdup_printf (_("%s, workshop %s"), wd->group->name, wd->workshop->date);
}
