/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sheets: Summary, Scores, Actions, Platform, History and Overview. */
#define G_LOG_DOMAIN "verk-xlsx-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "verk-stats.h"
#include "verk-text.h"

#include "verk-xlsx-export-private.h"

/* ------------------------------------------------------------------------ */
/* Summary                                                                  */

static void
put_label_value (Writer *w, Sheet *s, lxw_row_t row, const char *label, const char *value)
{
  put_text (w, s, row, 0, label, w->f_label);
  put_merged (w, s, row, 1, 4, 4 * SUMMARY_COL, value, w->f_wrap);
}

void
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
          const VerkItem *it = clean_item (wd, g_array_index (wd->priorities, gint64, i));

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
      /* The words are ours, not the method's: say so where they are shown. */
      put_text (w, s, row++, 0,
                _("The names of the five levels are Verkstad’s own: SIQ’s method asks for a "
                  "defined scale from 1 to 5 and leaves the words to you."), w->f_note);
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
/* The statistics' columns after the participants'. */
enum { SC_AGREEMENT = 6, SC_SHARED_VIEW, SC_COMMENTS, SC_RATIONALE };

/* The per-piece table of one workshop from @row; returns the row after it. */
static lxw_row_t
write_score_table (Writer *w, Sheet *s, lxw_row_t row, const WorkshopData *wd,
                   GPtrArray *items, const char *area_header)
{
  guint np = wd->participants->len;
  lxw_col_t c_count = SC_FIRST_PARTICIPANT + np;
  const char *stat_headers[] = {
    _("Count"), _("Mean"), _("Median"), _("Min"), _("Max"), _("Spread"), _("Agreement (r_wg)"), _("Shared view"),
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
              h == SC_COMMENTS || h == SC_RATIONALE ? w->f_header : w->f_header_num);
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
      /* r_wg beside the spread; where it is low the group has no shared
       * view, and the sheet says so before a mean is read as one. */
      if (st.count >= 2)
        {
          double rwg = verk_stats_agreement_for_item (it->id, wd->scores);

          put_number (w, s, row, c_count + SC_AGREEMENT, rwg, w->f_dec);
          if (!verk_stats_is_shared_view (rwg))
            put_text (w, s, row, c_count + SC_SHARED_VIEW, _("no shared view"), w->f_label);
        }
      put_text (w, s, row, c_count + SC_COMMENTS, comments->str, w->f_wrap);
      put_text (w, s, row, c_count + SC_RATIONALE, it->rationale, w->f_wrap);
      put_int (w, s, row, c_count + SC_RATIONALE + 1, it->desired, w->f_int);
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
  set_wrap_column (s, c_count + SC_COMMENTS, 34);
  set_wrap_column (s, c_count + SC_RATIONALE, 28);
}

void
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
      if (wd->round2->len > 0)
        {
          /* The second private rounds: the same table over round 2's
           * scores, for the pieces that had one; round 1 stays above. */
          WorkshopData second = *wd;
          g_autoptr (GPtrArray) pieces = g_ptr_array_new ();

          second.scores = wd->round2;
          second.second_round = TRUE;
          for (guint k = 0; k < wd->items->len; k++)
            {
              const VerkItem *it = g_ptr_array_index (wd->items, k);
              gboolean has = FALSE;

              for (guint r = 0; r < wd->round2->len && !has; r++)
                has = ((VerkScore *) g_ptr_array_index (wd->round2, r))->item_id == it->id;
              if (has)
                g_ptr_array_add (pieces, (gpointer) it);
            }
          row++;
          put_text (w, s, row++, SC_AREA, _("Second round"), w->f_heading);
          row = write_score_table (w, s, row, &second, pieces, _("Area"));
        }
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

void
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
          const VerkItem *it = act->item_id != 0 ? clean_item (wd, act->item_id) : NULL;
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

void
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

void
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

void
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
