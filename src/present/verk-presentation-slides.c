/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-presentation-slides"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-format.h"
#include "verk-presentation-slides.h"
#include "verk-slide-text.h"

/* Material: the platform, one slide per part, the whole. Follow up: before
 * and after, then last time's actions. A plan that grows goes on over as
 * many slides as it needs, at most this many actions on each, shared out
 * evenly (6 actions: 3 and 3, not 4 and 2). */
enum { FOLLOW_UP_SCORES, FOLLOW_UP_ACTIONS };
#define ACTIONS_PER_SLIDE 4

static const char *const reflection_titles[] = {
  N_("Strengths"), N_("Development areas"), N_("Obstacles"), N_("Who can remove them"),
};

/* Marks a slide's groups that the room reads as one. */
static GQuark
unit_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("verk-presentation-slides-unit");
  return quark;
}

/* Whether @widget is a text or a group of texts a slide keeps together
 * (an action: what, who, by when), shown whole or not at all. */
static gboolean
is_unit (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) || VERK_IS_SLIDE_TEXT (widget)
         || g_object_get_qdata (G_OBJECT (widget), unit_quark ()) != NULL;
}

/* Whether @widget heads the texts after it, and goes where they go: a
 * part's or an area's name, a reflection's title, "You are expected to". */
static gboolean
is_heading (GtkWidget *widget)
{
  if (VERK_IS_SLIDE_TEXT (widget))
    widget = GTK_WIDGET (verk_slide_text_get_label (VERK_SLIDE_TEXT (widget)));
  return GTK_IS_LABEL (widget) && (gtk_widget_has_css_class (widget, "verk-present-part-title")
                                   || gtk_widget_has_css_class (widget, "verk-present-status"));
}

static GtkWidget *
text (const char *string,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (string);

  /* By word: breaking inside words would let a window ask for a column one
   * letter wide, and as tall as that makes it. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One item of a list: the mark hangs in the margin and the text wraps
 * under itself, not under the mark. Shown whole or not at all; a screen
 * reader reads the text alone. */
static GtkWidget *
bullet (const char *string)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *mark = g_object_new (GTK_TYPE_LABEL, "label", "•", "valign", GTK_ALIGN_START,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = text (string, "verk-present-body");

  gtk_widget_add_css_class (mark, "verk-present-body");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), mark);
  gtk_box_append (GTK_BOX (row), label);
  g_object_set_qdata (G_OBJECT (row), unit_quark (), GINT_TO_POINTER (TRUE));
  return row;
}

/* A text larger than the body: drawn no larger than the page title. */
static GtkWidget *
large_text (const char *string,
            const char *css_class)
{
  return verk_slide_text_new (string, css_class);
}

/**
 * verk_presentation_slides_badge:
 * @score: 1..5 for the scale's colour, 0 for none
 *
 * Returns: (transfer floating): @string on a badge: a score in the colour
 *   the puzzle gives it (the number always shown), a rank, a tick.
 */
GtkWidget *
verk_presentation_slides_badge (const char *string,
                                int         score)
{
  GtkWidget *label = gtk_label_new (string);
  g_autofree char *score_class = g_strdup_printf ("verk-present-score-%d", score);

  gtk_widget_add_css_class (label, "verk-present-badge");
  if (score > 0)
    gtk_widget_add_css_class (label, score_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
score_badge (int score)
{
  g_autofree char *number = score > 0 ? g_strdup_printf ("%d", score) : g_strdup ("–");

  return verk_presentation_slides_badge (number, score);
}

static GtkWidget *
vbox (int spacing)
{
  return gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);
}

static guint
n_pages_for (guint n_actions)
{
  return MAX (1, (n_actions + ACTIONS_PER_SLIDE - 1) / ACTIONS_PER_SLIDE);
}

static guint
n_action_slides (VerkWorkshopModel *model)
{
  return n_pages_for (g_list_model_get_n_items (verk_workshop_model_get_action_list (model)));
}

/* The actions [*first, *end) of @n_actions that page @page shows: the pages
 * differ by one action at most, the first ones taking the extra. */
static void
page_range (guint  n_actions,
            guint  page,
            guint *first,
            guint *end)
{
  guint n_pages = n_pages_for (n_actions);
  guint each = n_actions / n_pages, extra = n_actions % n_pages;

  *first = page * each + MIN (page, extra);
  *end = MIN (n_actions, *first + each + (page < extra ? 1 : 0));
}

guint
verk_presentation_slides_count (VerkContent *content,
                                VerkSession *session,
                                VerkStep     step)
{
  VerkWorkshopModel *model = verk_session_get_model (session);

  switch (step)
    {
    case VERK_STEP_MATERIAL:
      return verk_content_get_n_parts (content) + 2;
    case VERK_STEP_PLAN:
      return n_action_slides (model);
    case VERK_STEP_FOLLOW_UP:
      return FOLLOW_UP_ACTIONS + n_action_slides (verk_workshop_model_get_previous (model));
    case VERK_STEP_ASSESS:
    case VERK_STEP_PRIORITISE:
    default:
      return 1;
    }
}

void
verk_presentation_slides_pages (VerkContent *content,
                                VerkSession *session,
                                VerkStep     step,
                                guint        slide,
                                guint       *first,
                                guint       *n)
{
  guint count;

  g_return_if_fail (VERK_IS_SESSION (session));

  count = verk_presentation_slides_count (content, session, step);
  *first = slide;
  *n = 1;
  if (step == VERK_STEP_PLAN)
    {
      *first = 0;
      *n = count;
    }
  else if (step == VERK_STEP_FOLLOW_UP && slide >= FOLLOW_UP_ACTIONS)
    {
      *first = FOLLOW_UP_ACTIONS;
      *n = count - FOLLOW_UP_ACTIONS;
    }
}

char *
verk_presentation_slides_title (VerkContent *content,
                                VerkStep     step,
                                guint        slide)
{
  guint n_parts = verk_content_get_n_parts (content);
  const char *whole = NULL;

  switch (step)
    {
    case VERK_STEP_MATERIAL:
      if (slide == 0)
        return g_strdup (verk_content_get_platform_title (content));
      if (slide <= n_parts)
        return g_strdup (verk_content_get_part (content, slide - 1)->name);
      verk_content_get_whole (content, &whole, NULL, NULL);
      return g_strdup (whole);
    case VERK_STEP_PRIORITISE:
      return g_strdup (_("Priorities"));
    case VERK_STEP_PLAN:
      return g_strdup (_("Action plan"));
    case VERK_STEP_FOLLOW_UP:
      return g_strdup (slide == FOLLOW_UP_SCORES ? _("Before and after") : _("Actions since last time"));
    case VERK_STEP_ASSESS:
    default:
      return g_strdup (_("Our puzzle"));
    }
}

/* ---- Material ---------------------------------------------------------- */

/* The platform's three parts side by side: name, (trait,) summary. */
static GtkWidget *
parts_row (VerkContent *content,
           gboolean     with_trait)
{
  GtkWidget *parts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 40);

  gtk_box_set_homogeneous (GTK_BOX (parts), TRUE);
  gtk_widget_set_vexpand (parts, TRUE);
  gtk_widget_set_valign (parts, GTK_ALIGN_CENTER);
  for (guint i = 0; i < verk_content_get_n_parts (content); i++)
    {
      const VerkContentPart *part = verk_content_get_part (content, i);
      GtkWidget *column = vbox (16);

      gtk_box_append (GTK_BOX (column), large_text (part->name, "verk-present-part-title"));
      if (with_trait)
        gtk_box_append (GTK_BOX (column), large_text (part->trait, "verk-present-agreed"));
      gtk_box_append (GTK_BOX (column), text (part->summary, "verk-present-body"));
      gtk_box_append (GTK_BOX (parts), column);
    }
  return parts;
}

static void
build_platform (GtkBox      *box,
                VerkContent *content)
{
  const char *motto = NULL;

  gtk_box_append (box, parts_row (content, TRUE));
  verk_content_get_whole (content, NULL, NULL, &motto);
  if (motto != NULL)
    gtk_box_append (box, large_text (motto, "verk-present-agreed"));
}

/* The part's expectations as this workshop has them (they can be edited
 * per organisation), its trait, and the group's reflections as typed. */
static void
build_part (GtkBox                *box,
            VerkContent           *content,
            VerkSession           *session,
            const VerkContentPart *part)
{
  VerkWorkshopModel *model = verk_session_get_model (session);
  GListModel *items = verk_workshop_model_get_expectation_list (model);
  const VerkReflection *reflection = verk_workshop_model_find_reflection (model, part->key);
  g_autofree char *prefix = g_strconcat (part->key, ".", NULL);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);
  GtkWidget *left = vbox (12);
  GtkWidget *right = vbox (12);
  guint n_shown = 0;

  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_widget_set_vexpand (columns, TRUE);
  gtk_box_append (GTK_BOX (left), large_text (part->trait, "verk-present-agreed"));
  gtk_box_append (GTK_BOX (left), text (verk_content_get_expected_label (content), "verk-present-status"));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (items, i);
      const VerkItem *item = verk_record_get_piece (record)->item;

      if (item->key == NULL || !g_str_has_prefix (item->key, prefix))
        continue;
      gtk_box_append (GTK_BOX (left), bullet (item->name));
      n_shown++;
    }
  for (guint i = 0; n_shown == 0 && i < part->n_expectations; i++)
    gtk_box_append (GTK_BOX (left), bullet (part->expectations[i].name));

  if (reflection != NULL)
    {
      const char *fields[] = { reflection->strengths, reflection->development,
                               reflection->obstacles, reflection->removers };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (fields[f] != NULL && fields[f][0] != '\0')
          {
            gtk_box_append (GTK_BOX (right), text (_(reflection_titles[f]), "verk-present-status"));
            gtk_box_append (GTK_BOX (right), text (fields[f], "verk-present-body"));
          }
    }
  gtk_box_append (GTK_BOX (columns), left);
  /* Without reflections yet, the part's summary goes under its trait and
   * the expectations get the whole width (and larger type). */
  if (gtk_widget_get_first_child (right) == NULL)
    {
      gtk_box_insert_child_after (GTK_BOX (left), text (part->summary, "verk-present-body"),
                                  gtk_widget_get_first_child (left));
      g_object_ref_sink (right);
      g_object_unref (right);
    }
  else
    gtk_box_append (GTK_BOX (columns), right);
  gtk_box_append (box, columns);
}

/* "You create value for the citizens by" the three parts together. */
static void
build_whole (GtkBox      *box,
             VerkContent *content)
{
  const char *whole_text = NULL, *motto = NULL;

  verk_content_get_whole (content, NULL, &whole_text, &motto);
  gtk_box_append (box, large_text (whole_text, "verk-present-lead"));
  gtk_box_append (box, parts_row (content, FALSE));
  if (motto != NULL)
    {
      GtkWidget *line = large_text (motto, "verk-present-title");

      gtk_label_set_xalign (verk_slide_text_get_label (VERK_SLIDE_TEXT (line)), 0.5);
      gtk_box_append (box, line);
    }
}

/* ---- Prioritise, Plan -------------------------------------------------- */

static void
build_priorities (GtkBox      *box,
                  VerkSession *session,
                  char       **status)
{
  VerkWorkshopModel *model = verk_session_get_model (session);
  g_autoptr (GArray) priorities = verk_workshop_model_get_priority_ids (model);
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 20);
  for (guint r = 0; r < priorities->len; r++)
    {
      const VerkItem *item = verk_workshop_model_find_item (model, g_array_index (priorities, gint64, r));
      g_autofree char *rank = g_strdup_printf ("#%u", r + 1);
      g_autofree char *gap = NULL;
      GtkWidget *what = vbox (4);
      GtkWidget *levels = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *rank_label;

      if (item == NULL)
        continue;
      rank_label = verk_presentation_slides_badge (rank, 0);
      gtk_widget_add_css_class (rank_label, "verk-present-rank");
      gtk_widget_set_valign (rank_label, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (what), large_text (item->name, "verk-present-agreed"));
      if (item->rationale != NULL && item->rationale[0] != '\0')
        gtk_box_append (GTK_BOX (what), text (item->rationale, "verk-present-body"));
      gtk_widget_set_hexpand (what, TRUE);

      /* Where the group is → where it needs to be, and the gap between. */
      gtk_widget_set_valign (levels, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (levels), score_badge (item->agreed));
      gtk_box_append (GTK_BOX (levels), large_text ("→", "verk-present-agreed"));
      gtk_box_append (GTK_BOX (levels), score_badge (item->desired));
      if (item->agreed > 0 && item->desired > 0)
        /* Translators: the gap between the desired and the agreed score */
        gap = g_strdup_printf (_("Gap %+d"), item->desired - item->agreed);
      if (gap != NULL)
        gtk_box_append (GTK_BOX (levels), text (gap, "verk-present-status"));
      gtk_grid_attach (GTK_GRID (grid), rank_label, 0, (int) r, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), what, 1, (int) r, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), levels, 2, (int) r, 1, 1);
    }
  if (priorities->len == 0)
    gtk_box_append (box, text (_("No areas are prioritised yet."), "verk-present-body"));
  else
    {
      gtk_box_append (box, grid);
      *status = g_strdup (_("Agreed → desired level"));
    }
}

/* The prioritised areas by rank, then the other pieces in puzzle order,
 * then no area. */
static int
area_key (VerkWorkshopModel *model,
          const VerkAction  *action)
{
  int rank = verk_workshop_model_get_rank (model, action->item_id);
  guint position;

  if (rank > 0)
    return rank;
  if (verk_workshop_model_find_piece_position (model, action->item_id, &position))
    return 1000 + (int) position;
  return G_MAXINT;
}

static int
compare_by_area (gconstpointer a,
                 gconstpointer b,
                 gpointer      model)
{
  int ka = area_key (model, *(VerkAction **) a);
  int kb = area_key (model, *(VerkAction **) b);

  return (ka > kb) - (ka < kb);
}

/* What, on one line; who and by when under it. @statuses: the status
 * column's size group, when the status is shown. */
static GtkWidget *
action_row (const VerkAction *action,
            GtkSizeGroup     *statuses)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);
  GtkWidget *lines = vbox (2);
  g_autofree char *who = NULL;
  g_autofree char *due = verk_format_date_long (action->due);

  if (statuses != NULL)
    {
      /* A mark as well as a word: done and open differ in more than colour. */
      static const char *const marks[] = { "○", "◐", "✓", "✗" };
      g_autofree char *mark = g_strdup_printf ("%s %s", marks[action->status],
                                               verk_action_status_to_string (action->status));
      GtkWidget *status = text (mark, "verk-present-status");

      gtk_widget_add_css_class (status, action->status == VERK_ACTION_DONE ? "verk-present-done"
                                                                           : "verk-present-waiting");
      /* One word and a mark: on one line, the column as wide as the widest. */
      gtk_label_set_wrap (GTK_LABEL (status), FALSE);
      gtk_widget_set_valign (status, GTK_ALIGN_START);
      gtk_size_group_add_widget (statuses, status);
      gtk_box_append (GTK_BOX (row), status);
    }
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (lines), text (action->what, "verk-present-body"));
  if (action->owner != NULL && action->owner[0] != '\0')
    who = action->due != NULL && action->due[0] != '\0'
          /* Translators: who does an action, and by when */
          ? g_strdup_printf (_("%s, by %s"), action->owner, due)
          : g_strdup (action->owner);
  else if (action->due != NULL && action->due[0] != '\0')
    who = g_strdup_printf (_("By %s"), due);
  if (who != NULL)
    gtk_box_append (GTK_BOX (lines), text (who, "verk-present-meta"));
  gtk_box_append (GTK_BOX (row), lines);
  g_object_set_qdata (G_OBJECT (row), unit_quark (), GINT_TO_POINTER (TRUE));
  return row;
}

/* The workshop's actions (borrowed from @model) with the prioritised areas
 * first (in rank order), then the other areas in puzzle order, then those
 * tied to no area. */
static GPtrArray *
actions_by_area (VerkWorkshopModel *model)
{
  GListModel *list = verk_workshop_model_get_action_list (model);
  guint n = g_list_model_get_n_items (list);
  GPtrArray *actions = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (list, i);

      g_ptr_array_add (actions, (gpointer) verk_record_get_action (record));
    }
  /* Stable: within an area the actions keep the order they were written in. */
  g_ptr_array_sort_with_data (actions, compare_by_area, model);
  return actions;
}

/* The actions under their areas, the prioritised areas first; slide
 * @page of as many as the plan needs. */
static void
build_plan (GtkBox      *box,
            VerkSession *session,
            guint        page,
            char       **status)
{
  VerkWorkshopModel *model = verk_session_get_model (session);
  g_autoptr (GPtrArray) actions = actions_by_area (model);
  GtkWidget *list = vbox (14);
  guint first, end;

  page_range (actions->len, page, &first, &end);
  for (guint a = first; a < end; a++)
    {
      const VerkAction *action = g_ptr_array_index (actions, a);

      /* The area's name over its first action on each slide. */
      if (a == first || ((VerkAction *) g_ptr_array_index (actions, a - 1))->item_id != action->item_id)
        {
          guint position;
          const VerkItem *item = verk_workshop_model_find_piece_position (model, action->item_id, &position)
                                 ? verk_workshop_model_get_piece (model, position)->item : NULL;
          GtkWidget *title = large_text (item != NULL ? item->name : _("Other actions"), "verk-present-part-title");

          if (a > first)
            gtk_widget_set_margin_top (title, 8);
          gtk_box_append (GTK_BOX (list), title);
        }
      gtk_box_append (GTK_BOX (list), action_row (action, NULL));
    }
  if (actions->len == 0)
    gtk_box_append (box, text (_("No actions yet: what will we do, who, and by when?"), "verk-present-body"));
  else
    {
      gtk_box_append (box, list);
      *status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", actions->len),
                                 actions->len);
    }
}

/* ---- Follow up --------------------------------------------------------- */

static void
build_before_after (GtkBox            *box,
                    VerkWorkshopModel *model,
                    VerkWorkshopModel *previous_model,
                    char             **status)
{
  g_autoptr (GPtrArray) items = verk_workshop_model_dup_piece_items (model);
  g_autoptr (GPtrArray) before = verk_workshop_model_dup_piece_items (previous_model);
  const VerkWorkshop *previous = verk_workshop_model_get_workshop (previous_model);
  GtkWidget *grid = gtk_grid_new ();
  guint rows;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  rows = (items->len + 1) / 2;
  for (guint i = 0; i < items->len; i++)
    {
      const VerkItem *item = g_ptr_array_index (items, i);
      const VerkItem *old = NULL;
      int rank = 0;
      int column = (int) (i / rows) * 5, row = (int) (i % rows);
      GtkWidget *name = text (item->name, "verk-present-body");

      for (guint k = 0; k < before->len && old == NULL; k++)
        {
          const VerkItem *b = g_ptr_array_index (before, k);

          if ((item->key != NULL && g_strcmp0 (b->key, item->key) == 0)
              || (item->key == NULL && g_strcmp0 (b->name, item->name) == 0))
            old = b;
        }
      if (old != NULL)
        rank = verk_workshop_model_get_rank (previous_model, old->id);
      /* Last time's priorities stand out by weight and a rank, not by colour alone. */
      if (rank > 0)
        {
          g_autofree char *label = g_strdup_printf ("#%d", rank);
          GtkWidget *rank_badge = verk_presentation_slides_badge (label, 0);

          gtk_widget_add_css_class (rank_badge, "verk-present-rank");
          gtk_widget_add_css_class (name, "verk-present-emphasis");
          gtk_grid_attach (GTK_GRID (grid), rank_badge, column, row, 1, 1);
        }
      gtk_widget_set_hexpand (name, TRUE);
      gtk_grid_attach (GTK_GRID (grid), name, column + 1, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), score_badge (old != NULL ? old->agreed : 0), column + 2, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), text ("→", "verk-present-body"), column + 3, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), score_badge (item->agreed), column + 4, row, 1, 1);
    }
  gtk_box_append (box, grid);
  if (previous != NULL)
    {
      g_autofree char *previous_date = verk_format_date_long (previous->date);

      *status = g_strdup_printf (_("Compared with %s"), previous_date);
    }
}

static void
build_followed_actions (GtkBox            *box,
                        VerkWorkshopModel *previous_model,
                        guint              page,
                        char             **status)
{
  g_autoptr (GPtrArray) actions = actions_by_area (previous_model);
  GtkWidget *list = vbox (18);
  g_autoptr (GtkSizeGroup) statuses = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  guint n_done = 0, first, end;

  page_range (actions->len, page, &first, &end);
  for (guint a = 0; a < actions->len; a++)
    {
      const VerkAction *action = g_ptr_array_index (actions, a);

      if (a >= first && a < end)
        gtk_box_append (GTK_BOX (list), action_row (action, statuses));
      if (action->status == VERK_ACTION_DONE)
        n_done++;
    }
  if (actions->len == 0)
    gtk_box_append (box, text (_("No actions were planned last time."), "verk-present-body"));
  else
    {
      gtk_box_append (box, list);
      *status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", actions->len),
                                 n_done, actions->len);
    }
}

static void
build_follow_up (GtkBox      *box,
                 VerkSession *session,
                 guint        slide,
                 char       **status)
{
  VerkWorkshopModel *model = verk_session_get_model (session);
  VerkWorkshopModel *previous = verk_workshop_model_get_previous (model);

  if (verk_workshop_model_get_workshop_id (previous) == 0)
    gtk_box_append (box, text (_("This is the group's first workshop: there is nothing to follow up yet."),
                               "verk-present-body"));
  else if (slide == FOLLOW_UP_SCORES)
    build_before_after (box, model, previous, status);
  else
    build_followed_actions (box, previous, slide - FOLLOW_UP_ACTIONS, status);
}

/* ---- A slide longer than its area ------------------------------------- */

/* Whether @unit (a text, or a group kept together) lies between @top and
 * @bottom of @content. */
static gboolean
unit_within (GtkWidget *unit,
             GtkWidget *content,
             double     top,
             double     bottom)
{
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (unit, content, &bounds)
         && bounds.origin.y >= top - 1 && bounds.origin.y + bounds.size.height <= bottom + 1;
}

/* The first text or group of @widget, in reading order; NULL when none shows. */
static GtkWidget *
first_unit (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (is_unit (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *unit = first_unit (c);

      if (unit != NULL)
        return unit;
    }
  return NULL;
}

/* Fades out every text or group of @widget that the bottom edge cuts (at
 * @bottom of @content), and a heading whose first text it cuts: the room
 * sees whole texts only, the rest on the next key press. */
static void
fade_cut (GtkWidget *widget,
          GtkWidget *content,
          double     bottom)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (is_unit (widget))
    {
      gtk_widget_set_opacity (widget, unit_within (widget, content, -G_MAXDOUBLE, bottom) ? 1 : 0);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    fade_cut (c, content, bottom);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *next = gtk_widget_get_next_sibling (c);
      GtkWidget *under = next != NULL ? first_unit (next) : NULL;

      if (is_heading (c) && under != NULL && gtk_widget_get_opacity (under) == 0)
        gtk_widget_set_opacity (c, 0);
    }
}

/* Hides, into @hidden, every text or group of @widget the room saw whole
 * between @top and @bottom of @content, and the boxes left with nothing
 * shown; a heading stays over the rest of its texts. Returns whether
 * anything of @widget is still shown. */
static gboolean
hide_seen (GtkWidget *widget,
           GtkWidget *content,
           double     top,
           double     bottom,
           GPtrArray *hidden)
{
  GtkWidget *heading = NULL;
  gboolean any_shown = FALSE;

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (is_unit (widget))
    {
      if (gtk_widget_get_opacity (widget) > 0 && unit_within (widget, content, top, bottom))
        {
          gtk_widget_set_visible (widget, FALSE);
          g_ptr_array_add (hidden, widget);
          return FALSE;
        }
      return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    any_shown |= hide_seen (c, content, top, bottom, hidden);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (is_heading (c))
      heading = c;
    else if (heading != NULL && gtk_widget_get_visible (c) && !gtk_widget_get_visible (heading))
      {
        gtk_widget_set_visible (heading, TRUE);
        g_ptr_array_remove (hidden, heading);
      }
  if (!any_shown)
    {
      gtk_widget_set_visible (widget, FALSE);
      g_ptr_array_add (hidden, widget);
    }
  return any_shown;
}

/**
 * verk_presentation_slides_fade_cut:
 * @box: a slide built by verk_presentation_slides_build()
 * @content: the widget whose coordinates @bottom is in
 * @bottom: where the slide's visible area ends
 *
 * Fades out every text or kept group that the edge at @bottom cuts, and a
 * heading whose first text it cuts: the room sees whole texts only.
 */
void
verk_presentation_slides_fade_cut (GtkBox    *box,
                                   GtkWidget *content,
                                   double     bottom)
{
  g_return_if_fail (GTK_IS_BOX (box));
  fade_cut (GTK_WIDGET (box), content, bottom);
}

/**
 * verk_presentation_slides_hide_seen:
 * @box: a slide built by verk_presentation_slides_build(), faded by
 *   verk_presentation_slides_fade_cut()
 * @content: the widget whose coordinates @top and @bottom are in
 * @hidden: (element-type GtkWidget): collects what is hidden, to show again
 *
 * Hides what the room has seen whole between @top and @bottom, and the
 * boxes left empty; a heading stays over the rest of its texts. The rest of
 * the slide moves up.
 */
void
verk_presentation_slides_hide_seen (GtkBox    *box,
                                    GtkWidget *content,
                                    double     top,
                                    double     bottom,
                                    GPtrArray *hidden)
{
  g_return_if_fail (GTK_IS_BOX (box));
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (box)); c != NULL; c = gtk_widget_get_next_sibling (c))
    hide_seen (c, content, top, bottom, hidden);
}

void
verk_presentation_slides_build (GtkBox      *box,
                                VerkContent *content,
                                VerkSession *session,
                                VerkStep     step,
                                guint        slide,
                                char       **status)
{
  GtkWidget *child;
  guint n_parts = verk_content_get_n_parts (content);

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (VERK_IS_SESSION (session));

  *status = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  gtk_box_set_spacing (box, 24);

  switch (step)
    {
    case VERK_STEP_MATERIAL:
      if (slide == 0)
        build_platform (box, content);
      else if (slide <= n_parts)
        build_part (box, content, session, verk_content_get_part (content, slide - 1));
      else
        build_whole (box, content);
      break;
    case VERK_STEP_PRIORITISE:
      build_priorities (box, session, status);
      break;
    case VERK_STEP_PLAN:
      build_plan (box, session, slide, status);
      break;
    case VERK_STEP_FOLLOW_UP:
      build_follow_up (box, session, slide, status);
      break;
    case VERK_STEP_ASSESS:
    default:
      break;
    }
}
