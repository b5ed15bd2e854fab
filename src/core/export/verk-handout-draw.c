/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-handout"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "verk-format.h"
#include "verk-handout-private.h"
#include "verk-puzzle-render.h"
#include "verk-stats.h"

/* Drawing the handout: text laid out with Pango the same way for measuring
 * and drawing, and each block of a page. verk-handout.c lays them out. */

static const double ink[3] = { 0.11, 0.11, 0.13 };
static const double grey_text[3] = { 0.33, 0.33, 0.36 };

/* ---- Text -------------------------------------------------------------- */

/* A layout whose size does not depend on the surface: no hinting of
 * metrics, unrounded positions, sizes in the cairo_t's units. So the PDF,
 * the printer and the measuring pass all break lines alike. */
static PangoLayout *
make_layout (cairo_t    *cr,
             const Pass *pass,
             double      size,
             double      width,
             TextFlags   flags,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);

  pango_font_description_set_family (font, FONT_FAMILY);
  /* Small print shrinks least: below 6.5 points it is hard to read. */
  pango_font_description_set_absolute_size (font, MAX (size * pass->scale, MIN (size, 6.5)) * PANGO_SCALE);
  if (flags & TEXT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (flags & TEXT_ITALIC)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (flags & TEXT_CENTER)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  else if (flags & TEXT_RIGHT)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  if (!(flags & TEXT_NO_CAP))
    {
      pango_layout_set_height (layout, -pass->max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  if (flags & TEXT_MARKUP)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Sets @text at (@x, @y) in @width when @draw; returns its height either way. */
static double
put_text (cairo_t    *cr,
          const Pass *pass,
          gboolean    draw,
          double      x,
          double      y,
          double      width,
          double      size,
          TextFlags   flags,
          const char *text)
{
  g_autoptr (PangoLayout) layout = NULL;
  int w, h;

  if (text == NULL || *text == '\0')
    return 0;
  layout = make_layout (cr, pass, size, width, flags, text);
  pango_layout_get_size (layout, &w, &h);
  if (draw)
    {
      const double *c = flags & TEXT_GREY ? grey_text : ink;

      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) h / PANGO_SCALE;
}

static void
hline (cairo_t *cr,
       double   x,
       double   y,
       double   width,
       double   line_width,
       double   grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

/* How many participants gave @item_id each level. */
static void
count_levels (VerkHandout *self,
              gint64       item_id,
              int         *counts)
{
  for (guint i = 0; i < self->scores->len; i++)
    {
      const VerkScore *score = g_ptr_array_index (self->scores, i);

      if (score->item_id == item_id && score->value >= 1 && score->value <= VERK_CONTENT_N_LEVELS)
        counts[score->value - 1]++;
    }
}

static char *
score_text (int score)
{
  return score > 0 ? g_strdup_printf ("%d", score) : g_strdup ("–");
}

/* ---- Blocks ------------------------------------------------------------ */

static double
draw_header (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y)
{
  g_autofree char *title = g_strdup_printf (_("Leadership workshop: %s"), self->group->name);
  g_autoptr (GString) line = g_string_new (NULL);
  g_autofree char *date = verk_format_date_long (self->workshop->date);
  double h;

  h = put_text (cr, pass, draw, MARGIN_X, y, CONTENT_WIDTH, SIZE_TITLE, TEXT_BOLD, title);
  g_string_append (line, date);
  if (!is_blank (self->group->unit))
    g_string_append_printf (line, " · %s", self->group->unit);
  if (!is_blank (self->workshop->facilitator))
    {
      g_string_append (line, " · ");
      g_string_append_printf (line, _("Facilitator: %s"), self->workshop->facilitator);
    }
  g_string_append (line, " · ");
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u participant", "%u participants",
                                             self->n_participants),
                          self->n_participants);
  if (self->previous != NULL)
    {
      g_autofree char *previous_date = verk_format_date_long (self->previous->date);

      g_string_append (line, " · ");
      g_string_append_printf (line, _("Follows up the workshop on %s"), previous_date);
    }
  h += 2 + put_text (cr, pass, draw, MARGIN_X, y + h + 2, CONTENT_WIDTH, SIZE_BODY, TEXT_GREY, line->str);
  return h + 8;
}

static double
draw_puzzle (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y)
{
  double height = round (PUZZLE_HEIGHT * pass->scale);
  double cell = CONTENT_WIDTH / VERK_CONTENT_N_LEVELS;
  double legend = 0;

  if (draw)
    {
      double width = MIN (CONTENT_WIDTH, round (height * PUZZLE_MAX_ASPECT));
      g_autoptr (VerkPuzzleLayout) layout = verk_puzzle_layout_new (self->puzzle->n_pieces, width, height);
      VerkPuzzleStyle style;

      /* The one drawing code, as on screen and in the workbook. */
      verk_puzzle_style_init_default (&style, FALSE);
      style.background.a = 0;
      cairo_save (cr);
      cairo_translate (cr, MARGIN_X + (CONTENT_WIDTH - width) / 2, y);
      verk_puzzle_render (cr, layout, self->puzzle->pieces, self->puzzle->n_pieces, &style);
      cairo_restore (cr);
    }
  y += height + 8;

  /* The legend: each level's colour with its number in it, so the scale
   * reads in black and white too. */
  for (int level = 1; level <= VERK_CONTENT_N_LEVELS; level++)
    {
      double x = MARGIN_X + (level - 1) * cell;
      double swatch = 15 * pass->scale;
      double h;

      if (draw)
        {
          VerkRgba fill = verk_puzzle_score_color (level);
          VerkRgba text = verk_puzzle_text_color (fill);
          g_autofree char *number = score_text (level);
          g_autoptr (PangoLayout) layout = make_layout (cr, pass, SIZE_SMALL + 1, swatch, TEXT_BOLD | TEXT_CENTER | TEXT_NO_CAP, number);
          int lw, lh;

          cairo_rectangle (cr, x, y, swatch, swatch);
          cairo_set_source_rgb (cr, fill.r, fill.g, fill.b);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
          cairo_set_line_width (cr, 0.5);
          cairo_stroke (cr);
          pango_layout_get_size (layout, &lw, &lh);
          cairo_set_source_rgb (cr, text.r, text.g, text.b);
          cairo_move_to (cr, x, y + (swatch - (double) lh / PANGO_SCALE) / 2);
          pango_cairo_show_layout (cr, layout);
        }
      h = put_text (cr, pass, draw, x + swatch + 4, y + 1, cell - swatch - 8, SIZE_SMALL, TEXT_PLAIN,
                    self->scale_labels[level - 1]);
      legend = MAX (legend, MAX (h, swatch));
    }
  return height + 8 + legend + 8;
}

static double
draw_heading (cairo_t *cr, const Pass *pass, gboolean draw, double y, const char *text)
{
  double h = put_text (cr, pass, draw, MARGIN_X, y + 7, CONTENT_WIDTH, SIZE_HEADING, TEXT_BOLD, text);

  if (draw)
    hline (cr, MARGIN_X, y + 7 + h + 1, CONTENT_WIDTH, 0.8, 0.2);
  return 7 + h + 5;
}

static double
draw_values_head (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y)
{
  TextFlags f = TEXT_BOLD | TEXT_GREY;
  double h = 0;

  h = MAX (h, put_text (cr, pass, draw, MARGIN_X, y, COL_NUMBERS - 6, SIZE_SMALL, f, _("Value")));
  if (self->comparison != NULL)
    {
      h = MAX (h, put_text (cr, pass, draw, MARGIN_X + COL_NUMBERS, y, 80, SIZE_SMALL, f | TEXT_CENTER,
                            _("Before → after")));
      h = MAX (h, put_text (cr, pass, draw, MARGIN_X + COL_NUMBERS + 80, y, 50, SIZE_SMALL, f | TEXT_CENTER,
                            _("Desired")));
    }
  else
    {
      h = MAX (h, put_text (cr, pass, draw, MARGIN_X + COL_NUMBERS, y, 60, SIZE_SMALL, f | TEXT_CENTER,
                            _("Agreed")));
      h = MAX (h, put_text (cr, pass, draw, MARGIN_X + COL_NUMBERS + 65, y, 60, SIZE_SMALL, f | TEXT_CENTER,
                            _("Desired")));
    }
  /* The levels over the strip's boxes. */
  for (int level = 1; level <= VERK_CONTENT_N_LEVELS; level++)
    {
      g_autofree char *number = score_text (level);

      h = MAX (h, put_text (cr, pass, draw, MARGIN_X + COL_STRIP + (level - 1) * STRIP_CELL, y, STRIP_CELL,
                            SIZE_SMALL, f | TEXT_CENTER | TEXT_NO_CAP, number));
    }
  h = MAX (h, put_text (cr, pass, draw, MARGIN_X + COL_SPREAD, y, CONTENT_WIDTH - COL_SPREAD, SIZE_SMALL,
                        f | TEXT_RIGHT, _("Spread")));
  return h + 3;
}

/* The participants' scores of one value as five boxes, one per level, each
 * with how many gave it; the agreed level framed. Counts only, never names. */
static void
draw_strip (cairo_t             *cr,
            const Pass          *pass,
            double               x,
            double               y,
            double               height,
            const VerkItemStats *stats,
            const int           *counts,
            int                  agreed)
{
  for (int level = 1; level <= VERK_CONTENT_N_LEVELS; level++)
    {
      double cx = x + (level - 1) * STRIP_CELL;
      int n = counts[level - 1];
      double share = stats->count > 0 ? (double) n / stats->count : 0;
      double grey = n > 0 ? 0.88 - 0.58 * share : 1.0;

      cairo_rectangle (cr, cx + 1, y, STRIP_CELL - 2, height);
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
      if (level == agreed)
        {
          cairo_rectangle (cr, cx + 0.25, y - 0.75, STRIP_CELL - 0.5, height + 1.5);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      if (n > 0)
        {
          g_autofree char *text = g_strdup_printf ("%d", n);
          g_autoptr (PangoLayout) layout =
            make_layout (cr, pass, SIZE_SMALL, STRIP_CELL, TEXT_CENTER | TEXT_NO_CAP, text);
          int lw, lh;
          double c = grey < 0.55 ? 1.0 : 0.0;

          pango_layout_get_size (layout, &lw, &lh);
          cairo_set_source_rgb (cr, c, c, c);
          cairo_move_to (cr, cx, y + (height - (double) lh / PANGO_SCALE) / 2);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

static double
draw_value (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y, guint index)
{
  const VerkItem *item = g_ptr_array_index (self->puzzle->items, index);
  const VerkItemStats *stats = &g_array_index (self->stats, VerkItemStats, index);
  g_autofree char *desired = score_text (item->desired);
  g_autofree char *spread = stats->count > 1 ? g_strdup_printf ("%d", stats->spread) : g_strdup ("–");
  double strip_height = 11 * pass->scale;
  double h, row;

  h = put_text (cr, pass, FALSE, MARGIN_X + 2, y + 1.5, COL_NUMBERS - 8, SIZE_BODY, TEXT_PLAIN, item->name);
  row = MAX (h, strip_height) + 3;
  if (!draw)
    return row;

  if (index % 2 == 0)
    {
      cairo_rectangle (cr, MARGIN_X, y, CONTENT_WIDTH, row);
      cairo_set_source_rgb (cr, 0.94, 0.94, 0.94);
      cairo_fill (cr);
    }
  put_text (cr, pass, TRUE, MARGIN_X + 2, y + 1.5, COL_NUMBERS - 8, SIZE_BODY, TEXT_PLAIN, item->name);
  if (self->comparison != NULL)
    {
      const VerkItemComparison *c = &g_array_index (self->comparison, VerkItemComparison, index);
      g_autofree char *before = score_text (c->previous_agreed);
      g_autofree char *after = score_text (c->agreed);
      g_autofree char *change = c->comparable ? g_strdup_printf (c->change != 0 ? " (%+d)" : "", c->change)
                                              : g_strdup ("");
      g_autofree char *text = g_strdup_printf ("%s → <b>%s</b>%s", before, after, change);

      put_text (cr, pass, TRUE, MARGIN_X + COL_NUMBERS, y + 1.5, 80, SIZE_BODY,
                TEXT_CENTER | TEXT_MARKUP | TEXT_NO_CAP, text);
      put_text (cr, pass, TRUE, MARGIN_X + COL_NUMBERS + 80, y + 1.5, 50, SIZE_BODY, TEXT_CENTER | TEXT_NO_CAP,
                desired);
    }
  else
    {
      g_autofree char *agreed = score_text (item->agreed);

      put_text (cr, pass, TRUE, MARGIN_X + COL_NUMBERS, y + 1.5, 60, SIZE_BODY, TEXT_BOLD | TEXT_CENTER | TEXT_NO_CAP,
                agreed);
      put_text (cr, pass, TRUE, MARGIN_X + COL_NUMBERS + 65, y + 1.5, 60, SIZE_BODY, TEXT_CENTER | TEXT_NO_CAP,
                desired);
    }
  if (stats->count > 0)
    {
      int counts[VERK_CONTENT_N_LEVELS] = { 0 };

      count_levels (self, item->id, counts);
      draw_strip (cr, pass, MARGIN_X + COL_STRIP, y + (row - strip_height) / 2, strip_height, stats, counts,
                  item->agreed);
    }
  put_text (cr, pass, TRUE, MARGIN_X + COL_SPREAD, y + 1.5, CONTENT_WIDTH - COL_SPREAD - 2, SIZE_BODY,
            TEXT_RIGHT | TEXT_NO_CAP, spread);
  return row;
}

static double
draw_priority (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y, guint rank)
{
  const VerkItem *item = verk_workshop_model_find_item (self->model, g_array_index (self->priorities, gint64, rank));
  g_autofree char *number = g_strdup_printf ("%u.", rank + 1);
  g_autofree char *agreed = NULL, *desired = NULL, *levels = NULL;
  double indent = 16, h, right = 170;

  if (item == NULL)
    return 0;
  agreed = score_text (item->agreed);
  desired = score_text (item->desired);
  if (item->agreed > 0 && item->desired > item->agreed)
    levels = g_strdup_printf (_("agreed %s, desired %s: a gap of %d"), agreed, desired,
                              item->desired - item->agreed);
  else
    levels = g_strdup_printf (_("agreed %s, desired %s"), agreed, desired);

  put_text (cr, pass, draw, MARGIN_X, y, indent, SIZE_BODY, TEXT_BOLD | TEXT_NO_CAP, number);
  h = put_text (cr, pass, draw, MARGIN_X + indent, y, CONTENT_WIDTH - indent - right, SIZE_BODY, TEXT_BOLD,
                item->name);
  h = MAX (h, put_text (cr, pass, draw, MARGIN_X + CONTENT_WIDTH - right, y, right, SIZE_BODY,
                        TEXT_RIGHT | TEXT_GREY, levels));
  if (!is_blank (item->rationale))
    h += 1 + put_text (cr, pass, draw, MARGIN_X + indent, y + h + 1, CONTENT_WIDTH - indent, SIZE_BODY,
                       TEXT_ITALIC, item->rationale);
  return h + 5;
}

/* Actions, one line each when short: what, for which area, who, by when. */
#define ACTION_AREA  228.0
#define ACTION_WHO   342.0
#define ACTION_WHEN  452.0

static double
draw_actions_head (cairo_t *cr, const Pass *pass, gboolean draw, double y, const char *last)
{
  TextFlags f = TEXT_BOLD | TEXT_GREY;
  double h = put_text (cr, pass, draw, MARGIN_X, y, ACTION_AREA - 6, SIZE_SMALL, f, _("What"));

  h = MAX (h, put_text (cr, pass, draw, MARGIN_X + ACTION_AREA, y, ACTION_WHO - ACTION_AREA - 6, SIZE_SMALL, f,
                        _("Area")));
  h = MAX (h, put_text (cr, pass, draw, MARGIN_X + ACTION_WHO, y, ACTION_WHEN - ACTION_WHO - 6, SIZE_SMALL, f,
                        _("Who")));
  h = MAX (h, put_text (cr, pass, draw, MARGIN_X + ACTION_WHEN, y, CONTENT_WIDTH - ACTION_WHEN, SIZE_SMALL, f,
                        last));
  return h + 3;
}

static const VerkItem *
find_area (VerkHandout      *self,
           const VerkAction *action)
{
  const VerkItem *item = action->item_id != 0 ? verk_workshop_model_find_item (self->model, action->item_id) : NULL;

  /* Last time's actions name last time's items. */
  for (guint i = 0; item == NULL && action->item_id != 0 && self->previous_items != NULL &&
                    i < self->previous_items->len; i++)
    if (((VerkItem *) g_ptr_array_index (self->previous_items, i))->id == action->item_id)
      item = g_ptr_array_index (self->previous_items, i);
  return item;
}

static double
draw_action_row (VerkHandout      *self,
                 cairo_t          *cr,
                 const Pass       *pass,
                 gboolean          draw,
                 double            y,
                 const VerkAction *action,
                 const char       *last,
                 TextFlags         last_flags)
{
  const VerkItem *item = find_area (self, action);
  double h;

  h = put_text (cr, pass, draw, MARGIN_X, y + 2, ACTION_AREA - 8, SIZE_BODY, TEXT_PLAIN, action->what);
  if (item != NULL)
    h = MAX (h, put_text (cr, pass, draw, MARGIN_X + ACTION_AREA, y + 2, ACTION_WHO - ACTION_AREA - 8, SIZE_BODY,
                          TEXT_PLAIN, item->name));
  h = MAX (h, put_text (cr, pass, draw, MARGIN_X + ACTION_WHO, y + 2, ACTION_WHEN - ACTION_WHO - 8, SIZE_BODY,
                        TEXT_PLAIN, action->owner));
  h = MAX (h, put_text (cr, pass, draw, MARGIN_X + ACTION_WHEN, y + 2, CONTENT_WIDTH - ACTION_WHEN, SIZE_BODY,
                        last_flags, last));
  if (draw)
    hline (cr, MARGIN_X, y + h + 3.5, CONTENT_WIDTH, 0.4, 0.7);
  return h + 4;
}

static double
draw_earlier_action (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y, guint index)
{
  const EarlierAction *earlier = g_ptr_array_index (self->earlier_actions, index);
  gboolean done = earlier->shown->status == VERK_ACTION_DONE;
  /* Done actions stand out without colour: a check mark and bold. */
  g_autofree char *status = g_strdup_printf ("%s%s", done ? "✓ " : "",
                                             verk_action_status_to_string (earlier->shown->status));

  return draw_action_row (self, cr, pass, draw, y, earlier->action, status, done ? TEXT_BOLD : TEXT_PLAIN);
}

static double
draw_reflections (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y, guint first)
{
  double width = (CONTENT_WIDTH - (REFLECTION_COLUMNS - 1) * REFLECTION_GAP) / REFLECTION_COLUMNS;
  double row = 0;

  for (guint col = 0; col < REFLECTION_COLUMNS && first + col < self->reflections->len; col++)
    {
      const VerkReflection *r = g_ptr_array_index (self->reflections, first + col);
      const char *labels[] = { _("Strengths"), _("Development areas"), _("Obstacles"), _("Who can remove them") };
      const char *texts[] = { r->strengths, r->development, r->obstacles, r->removers };
      double x = MARGIN_X + col * (width + REFLECTION_GAP);
      double h = put_text (cr, pass, draw, x, y, width, SIZE_BODY, TEXT_BOLD,
                           g_ptr_array_index (self->part_names, first + col));

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autofree char *markup = NULL;

          if (is_blank (texts[i]))
            continue;
          /* Translators: a label and its text in the handout's reflections */
          markup = g_markup_printf_escaped (_("<b>%s:</b> %s"), labels[i], texts[i]);
          h += 2 + put_text (cr, pass, draw, x, y + h + 2, width, SIZE_SMALL + 0.5, TEXT_MARKUP, markup);
        }
      row = MAX (row, h);
    }
  return row + 8;
}

static double
draw_follow_up (VerkHandout *self, cairo_t *cr, const Pass *pass, gboolean draw, double y)
{
  g_autofree char *text = NULL;
  g_autofree char *date = verk_format_date_long (self->follow_up_date);
  double h;

  if (self->follow_up_date == NULL)
    return 0;
  if (self->follow_up_planned)
    text = g_markup_printf_escaped (_("<b>Follow-up:</b> the group meets again on %s to follow up the actions "
                                      "and score the puzzle anew."), date);
  else
    text = g_markup_printf_escaped (_("<b>Follow-up:</b> about half a year later, around %s, the group meets "
                                      "again to follow up the actions and score the puzzle anew."),
                                    date);
  h = put_text (cr, pass, FALSE, MARGIN_X + 8, y + 9, CONTENT_WIDTH - 16, SIZE_BODY, TEXT_MARKUP, text);
  if (draw)
    {
      cairo_rectangle (cr, MARGIN_X, y + 4, CONTENT_WIDTH, h + 10);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      put_text (cr, pass, TRUE, MARGIN_X + 8, y + 9, CONTENT_WIDTH - 16, SIZE_BODY, TEXT_MARKUP, text);
    }
  return h + 16;
}

double
verk_handout_draw_block (VerkHandout *self,
                         cairo_t     *cr,
                         const Pass  *pass,
                         gboolean     draw,
                         double       y,
                         const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADER:
      return draw_header (self, cr, pass, draw, y);
    case BLOCK_PUZZLE:
      return draw_puzzle (self, cr, pass, draw, y);
    case BLOCK_HEADING:
      return draw_heading (cr, pass, draw, y, block->text);
    case BLOCK_NOTE:
    case BLOCK_OMITTED:
      return 4 + put_text (cr, pass, draw, MARGIN_X, y, CONTENT_WIDTH, SIZE_BODY, TEXT_ITALIC | TEXT_GREY,
                           block->text);
    case BLOCK_VALUES_HEAD:
      return draw_values_head (self, cr, pass, draw, y);
    case BLOCK_VALUE:
      return draw_value (self, cr, pass, draw, y, block->index);
    case BLOCK_VALUES_CAPTION:
      return 8 + put_text (cr, pass, draw, MARGIN_X, y + 3, CONTENT_WIDTH, SIZE_SMALL, TEXT_GREY, block->text);
    case BLOCK_PRIORITY:
      return draw_priority (self, cr, pass, draw, y, block->index);
    case BLOCK_ACTIONS_HEAD:
      return draw_actions_head (cr, pass, draw, y, block->text);
    case BLOCK_ACTION:
      {
        const VerkAction *action = g_ptr_array_index (self->actions, block->index);
        /* As the window shows dates ("15 september 2026"), not ISO. */
        g_autofree char *due = action->due != NULL ? verk_format_date_long (action->due) : g_strdup ("–");

        return draw_action_row (self, cr, pass, draw, y, action, due, TEXT_PLAIN);
      }
    case BLOCK_EARLIER_ACTION:
      return draw_earlier_action (self, cr, pass, draw, y, block->index);
    case BLOCK_REFLECTION:
      return draw_reflections (self, cr, pass, draw, y, block->index);
    case BLOCK_FOLLOW_UP:
      return draw_follow_up (self, cr, pass, draw, y);
    default:
      g_assert_not_reached ();
    }
}

void
verk_handout_draw_footer (VerkHandout *self, cairo_t *cr, guint page)
{
  g_autofree char *date = verk_format_date_long (self->workshop->date);
  g_autofree char *left = g_strdup_printf ("Verkstad · %s · %s", self->group->name, date);
  g_autofree char *right = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  Pass pass = { 1.0, 1 };
  double y = VERK_HANDOUT_PAGE_HEIGHT - MARGIN_BOTTOM - SIZE_SMALL - 2;

  hline (cr, MARGIN_X, y - 4, CONTENT_WIDTH, 0.4, 0.6);
  put_text (cr, &pass, TRUE, MARGIN_X, y, CONTENT_WIDTH - 100, SIZE_SMALL, TEXT_GREY, left);
  put_text (cr, &pass, TRUE, MARGIN_X + CONTENT_WIDTH - 100, y, 100, SIZE_SMALL, TEXT_GREY | TEXT_RIGHT, right);
}
