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
  g_clear_pointer (&wd->workshop, verk_workshop_free);
  g_clear_pointer (&wd->items, g_ptr_array_unref);
  g_clear_pointer (&wd->platform, g_ptr_array_unref);
  g_clear_pointer (&wd->scale, g_ptr_array_unref);
  g_clear_pointer (&wd->participants, g_ptr_array_unref);
  g_clear_pointer (&wd->names, g_ptr_array_unref);
  g_clear_pointer (&wd->score_index, g_hash_table_unref);
  g_clear_pointer (&wd->scores, g_ptr_array_unref);
  g_clear_pointer (&wd->round2, g_ptr_array_unref);
  g_clear_pointer (&wd->round2_index, g_hash_table_unref);
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
      !(wd->round2 = verk_store_list_second_round_scores (store, id, &local)) ||
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
  wd->round2_index = g_hash_table_new (score_hash, score_equal);
  for (guint i = 0; i < wd->round2->len; i++)
    {
      VerkScore *s = g_ptr_array_index (wd->round2, i);

      if (!check_text (&s->comment, _("a comment on a score"), where, error))
        goto fail;
      g_hash_table_add (wd->round2_index, s);
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
  if (scope != VERK_EXPORT_WORKSHOP && !collect_organisation (data, store, scope == VERK_EXPORT_GROUP ? id : 0, error))
    return NULL;
  return g_steal_pointer (&data);
}


/* ------------------------------------------------------------------------ */
/* Looking things up in the collected data.                                 */

const VerkScore *
find_score (const WorkshopData *wd, gint64 item_id, gint64 participant_id)
{
  VerkScore key = { .item_id = item_id, .participant_id = participant_id };

  return g_hash_table_lookup (wd->score_index, &key);
}

const VerkItem *
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
  for (guint i = 0; i < wd->priorities->len; i++)
    if (g_array_index (wd->priorities, gint64, i) == item_id)
      return (int) i + 1;
  return 0;
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
