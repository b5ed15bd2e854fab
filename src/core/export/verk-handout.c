/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-handout"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "verk-atomic-file.h"
#include "verk-content.h"
#include "verk-format.h"
#include "verk-handout.h"
#include "verk-puzzle-export.h"
#include "verk-puzzle-render.h"
#include "verk-stats.h"

/* The page, in points. */
#define MARGIN_X       42.0
#define MARGIN_TOP     40.0
#define MARGIN_BOTTOM  36.0
#define CONTENT_WIDTH  (VERK_HANDOUT_PAGE_WIDTH - 2 * MARGIN_X)
#define FOOTER_HEIGHT  16.0
#define BODY_BOTTOM    (VERK_HANDOUT_PAGE_HEIGHT - MARGIN_BOTTOM - FOOTER_HEIGHT)

/* Type sizes in points at scale 1; a crowded handout shrinks them a little. */
#define SIZE_TITLE     17.0
#define SIZE_HEADING   11.5
#define SIZE_BODY       9.5
#define SIZE_SMALL      7.5
#define PUZZLE_HEIGHT 205.0
/* Wider than this, thirteen pieces fall into two rows and their names break. */
#define PUZZLE_MAX_ASPECT 2.5

/* The table of values: where each column starts. */
#define COL_NUMBERS    212.0
#define COL_STRIP      350.0
#define STRIP_CELL      17.0
#define COL_SPREAD     (COL_STRIP + 5 * STRIP_CELL + 8.0)

#define FONT_FAMILY    "Cantarell"

typedef enum {
  BLOCK_HEADER,
  BLOCK_PUZZLE,
  BLOCK_HEADING,
  BLOCK_NOTE,
  BLOCK_VALUES_HEAD,
  BLOCK_VALUE,
  BLOCK_VALUES_CAPTION,
  BLOCK_PRIORITY,
  BLOCK_ACTIONS_HEAD,
  BLOCK_ACTION,
  BLOCK_EARLIER_ACTION,
  BLOCK_REFLECTION,
  BLOCK_FOLLOW_UP,
  BLOCK_OMITTED,
} BlockKind;

typedef struct {
  BlockKind   kind;
  guint       index;          /* which item, priority, action, part */
  char       *text;           /* headings and notes */
  gboolean    keep_with_next; /* a heading stays with what follows it */
  guint       page;           /* where pagination put it */
  double      y;
  gboolean    shown;          /* FALSE when it did not fit on the last page */
} Block;

/* One pass of laying out: how large the type is, how many lines a long text
 * may take. Measuring and drawing run the same code with the same pass. */
typedef struct {
  double  scale;
  int     max_lines;
} Pass;

typedef struct {
  VerkAction *action;          /* in the earlier workshop */
  const VerkAction *shown;     /* its copy carried into this one, or itself */
} EarlierAction;

struct _VerkHandout
{
  VerkGroup        *group;
  VerkWorkshop     *workshop;
  VerkWorkshop     *previous;        /* the workshop this one follows up, or NULL */
  VerkPuzzleModel  *puzzle;          /* the "siq" items and what each piece shows */
  GPtrArray        *scores;          /* VerkScore, each participant's */
  GArray           *stats;           /* VerkItemStats per puzzle item */
  GArray           *comparison;      /* VerkItemComparison per item, with a previous workshop */
  GPtrArray        *previous_items;
  GArray           *priorities;      /* item ids in rank order */
  GPtrArray        *actions;
  GPtrArray        *earlier_actions; /* EarlierAction, a follow-up's actions from last time */
  GPtrArray        *previous_actions_owner;
  GPtrArray        *reflections;     /* VerkReflection with any text, in the platform's order */
  GPtrArray        *part_names;      /* char *, parallel to reflections */
  char             *scale_labels[VERK_CONTENT_N_LEVELS];
  guint             n_participants;
  char             *follow_up_date;  /* the follow-up workshop's date, or a suggestion */
  gboolean          follow_up_planned;

  char             *db_path;         /* never written over */
  GPtrArray        *blocks;          /* Block, laid out by paginate() */
  Pass              pass;
  guint             n_pages;
  gboolean          laid_out;
};

static const double ink[3] = { 0.11, 0.11, 0.13 };
static const double grey_text[3] = { 0.33, 0.33, 0.36 };

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

static const VerkItem *
find_item (VerkHandout *self,
           gint64       item_id)
{
  for (guint i = 0; i < self->puzzle->items->len; i++)
    {
      const VerkItem *item = g_ptr_array_index (self->puzzle->items, i);

      if (item->id == item_id)
        return item;
    }
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* ---- Reading ----------------------------------------------------------- */

static gboolean
read_scale (VerkHandout *self,
            VerkStore   *store,
            VerkContent *content,
            GError     **error)
{
  g_autoptr (GPtrArray) scale = verk_store_list_items (store, self->workshop->id, "scale", error);

  if (scale == NULL)
    return FALSE;
  for (int level = 1; level <= VERK_CONTENT_N_LEVELS; level++)
    {
      const char *label = NULL;

      /* The workshop's own, possibly edited, copy of the scale. */
      if ((guint) level <= scale->len)
        label = ((VerkItem *) g_ptr_array_index (scale, level - 1))->name;
      if (is_blank (label) && content != NULL)
        label = verk_content_get_level (content, level)->label;
      self->scale_labels[level - 1] = g_strdup (label != NULL ? label : "");
    }
  return TRUE;
}

static gboolean
read_reflections (VerkHandout *self,
                  VerkStore   *store,
                  VerkContent *content,
                  GError     **error)
{
  g_autoptr (GPtrArray) reflections = verk_store_list_reflections (store, self->workshop->id, error);
  guint n_parts = content != NULL ? verk_content_get_n_parts (content) : 0;

  if (reflections == NULL)
    return FALSE;
  self->reflections = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_reflection_free);
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
          reflections->pdata[i] = NULL;   /* taken */
          if (is_blank (r->strengths) && is_blank (r->development) && is_blank (r->obstacles) &&
              is_blank (r->removers))
            {
              verk_reflection_free (r);
              continue;
            }
          g_ptr_array_add (self->reflections, r);
          g_ptr_array_add (self->part_names, g_strdup (part != NULL ? part->name : r->part));
        }
    }
  return TRUE;
}

static gboolean
read_earlier_actions (VerkHandout *self,
                      VerkStore   *store,
                      GError     **error)
{
  self->earlier_actions = g_ptr_array_new_with_free_func (g_free);
  if (self->previous == NULL)
    return TRUE;
  self->previous_actions_owner = verk_store_list_actions (store, self->previous->id, error);
  if (self->previous_actions_owner == NULL)
    return FALSE;
  for (guint i = 0; i < self->previous_actions_owner->len; i++)
    {
      EarlierAction *earlier = g_new0 (EarlierAction, 1);

      earlier->action = g_ptr_array_index (self->previous_actions_owner, i);
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
  return TRUE;
}

/* The follow-up workshop's date when it is planned, else half a year on,
 * which the follow-up dialog proposes too. */
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

      if (w->previous_id == self->workshop->id)
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
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GPtrArray) participants = NULL;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (VerkHandout, 1);
  self->workshop = verk_store_get_workshop (store, workshop_id, error);
  if (self->workshop == NULL)
    return NULL;
  self->group = verk_store_get_group (store, self->workshop->group_id, error);
  if (self->group == NULL)
    return NULL;
  if (self->workshop->previous_id != 0)
    {
      self->previous = verk_store_get_workshop (store, self->workshop->previous_id, NULL);
      if (self->previous != NULL)
        {
          self->previous_items = verk_store_list_items (store, self->previous->id, "siq", error);
          if (self->previous_items == NULL)
            return NULL;
        }
    }
  self->puzzle = verk_puzzle_model_new_for_workshop (store, workshop_id, error);
  if (self->puzzle == NULL)
    return NULL;
  scores = verk_store_list_scores (store, workshop_id, error);
  participants = scores != NULL ? verk_store_list_participants (store, workshop_id, error) : NULL;
  if (participants == NULL)
    return NULL;
  self->n_participants = participants->len;
  self->stats = verk_stats_per_item (self->puzzle->items, scores);
  self->scores = g_steal_pointer (&scores);
  if (self->previous_items != NULL)
    self->comparison = verk_stats_compare_previous (self->puzzle->items, self->previous_items);
  self->priorities = verk_store_list_priorities (store, workshop_id, error);
  if (self->priorities == NULL)
    return NULL;
  self->actions = verk_store_list_actions (store, workshop_id, error);
  if (self->actions == NULL)
    return NULL;

  /* The platform's parts and the scale's defaults in the handout's language;
   * a damaged content pack is a build error, and the workshop's own copies
   * still carry the names. */
  content = verk_content_new (NULL, NULL);
  if (!read_scale (self, store, content, error) ||
      !read_reflections (self, store, content, error) ||
      !read_earlier_actions (self, store, error) ||
      !read_follow_up (self, store, error))
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
  g_clear_pointer (&self->group, verk_group_free);
  g_clear_pointer (&self->workshop, verk_workshop_free);
  g_clear_pointer (&self->previous, verk_workshop_free);
  g_clear_pointer (&self->puzzle, verk_puzzle_model_free);
  g_clear_pointer (&self->stats, g_array_unref);
  g_clear_pointer (&self->scores, g_ptr_array_unref);
  g_clear_pointer (&self->comparison, g_array_unref);
  g_clear_pointer (&self->previous_items, g_ptr_array_unref);
  g_clear_pointer (&self->priorities, g_array_unref);
  g_clear_pointer (&self->earlier_actions, g_ptr_array_unref);
  g_clear_pointer (&self->previous_actions_owner, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->reflections, g_ptr_array_unref);
  g_clear_pointer (&self->part_names, g_ptr_array_unref);
  for (guint i = 0; i < VERK_CONTENT_N_LEVELS; i++)
    g_free (self->scale_labels[i]);
  g_free (self->follow_up_date);
  g_free (self->db_path);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_free (self);
}

/* ---- Text -------------------------------------------------------------- */

typedef enum {
  TEXT_PLAIN   = 0,
  TEXT_BOLD    = 1 << 0,
  TEXT_ITALIC  = 1 << 1,
  TEXT_GREY    = 1 << 2,
  TEXT_CENTER  = 1 << 3,
  TEXT_RIGHT   = 1 << 4,
  TEXT_MARKUP  = 1 << 5,
  TEXT_NO_CAP  = 1 << 6,   /* never cut short (titles, numbers) */
} TextFlags;

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
  const VerkItem *item = find_item (self, g_array_index (self->priorities, gint64, rank));
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
  const VerkItem *item = action->item_id != 0 ? find_item (self, action->item_id) : NULL;

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

/* The platform's parts side by side, three to a row. */
#define REFLECTION_COLUMNS 3
#define REFLECTION_GAP     12.0

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

        return draw_action_row (self, cr, pass, draw, y, action, action->due != NULL ? action->due : "–",
                                TEXT_PLAIN);
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
    if (find_item (self, g_array_index (self->priorities, gint64, i)) != NULL)
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
