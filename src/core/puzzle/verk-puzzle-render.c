/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-render"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "verk-atomic-file.h"
#include "verk-content.h"
#include "verk-png.h"
#include "verk-puzzle-render.h"

/* How a piece is drawn
 *
 * Three passes over the pieces, so that no piece paints over a neighbour's
 * highlight: (1) fill, name, score and rank badge, dimming; (2) the outlines,
 * in the background colour so the pieces read as separate pieces with a thin
 * gap; (3) hover, selection, keyboard focus and the "just scored" glow.
 *
 * Every name is set in one size, the largest at which every name fits its
 * piece with line breaks only between words; finding it takes a few dozen
 * Pango layouts, so the size is cached per layout size and set of names. The
 * score is a large number above the name (colour is never the only cue). */

#define NAME_WEIGHT PANGO_WEIGHT_BOLD
#define SCORE_SHARE 0.40    /* of the text box's height, above the name */
#define MIN_NAME_SIZE 4.0
#define SOFT_HYPHEN 0x00AD

/* viridis at five evenly spaced stops: ordered in lightness, readable by the
 * common colour vision deficiencies and in greyscale. Low scores light. */
static const VerkRgba score_colors[5] = {
  { 0xfd / 255.0, 0xe7 / 255.0, 0x25 / 255.0, 1 },
  { 0x5e / 255.0, 0xc9 / 255.0, 0x62 / 255.0, 1 },
  { 0x21 / 255.0, 0x91 / 255.0, 0x8c / 255.0, 1 },
  { 0x3b / 255.0, 0x52 / 255.0, 0x8b / 255.0, 1 },
  { 0x44 / 255.0, 0x01 / 255.0, 0x54 / 255.0, 1 },
};

/**
 * verk_puzzle_score_color:
 * @score: 1..5
 *
 * Returns: the fill for pieces with that agreed score.
 */
VerkRgba
verk_puzzle_score_color (int score)
{
  g_return_val_if_fail (score >= 1 && score <= 5, score_colors[0]);
  return score_colors[score - 1];
}

static VerkRgba
rgba (guint32 rgb)
{
  return (VerkRgba) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                      (rgb & 0xff) / 255.0, 1 };
}

/**
 * verk_puzzle_style_init_default:
 * @style: (out caller-allocates): the style to fill
 * @dark: whether the surroundings are dark
 *
 * The colours and type for exports, and the widget's starting point.
 */
void
verk_puzzle_style_init_default (VerkPuzzleStyle *style,
                                gboolean         dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->background = dark ? rgba (0x242424) : rgba (0xffffff);
  style->unscored_fill = dark ? rgba (0x454549) : rgba (0xe4e2de);
  style->outline = style->background;
  style->text = dark ? rgba (0xffffff) : rgba (0x1d1d20);
  style->accent = dark ? rgba (0x78aeed) : rgba (0x1c71d8);
  style->font_family = "Cantarell";
  style->scale = 1.0;
}

/* WCAG relative luminance. */
static double
luminance (VerkRgba c)
{
  double v[3] = { c.r, c.g, c.b };

  for (guint i = 0; i < 3; i++)
    v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow ((v[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double
contrast (VerkRgba a,
          VerkRgba b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * verk_puzzle_text_color:
 * @fill: a piece's fill
 *
 * Returns: near-black or white, whichever contrasts more with @fill.
 */
VerkRgba
verk_puzzle_text_color (VerkRgba fill)
{
  VerkRgba dark = rgba (0x1d1d20), light = rgba (0xffffff);

  return contrast (fill, dark) >= contrast (fill, light) ? dark : light;
}

static VerkRgba
mix (VerkRgba a,
     VerkRgba b,
     double   t)
{
  return (VerkRgba) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t,
                      a.a + (b.a - a.a) * t };
}

static void
set_source (cairo_t  *cr,
            VerkRgba  c)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
}

/* One Pango context for measuring and drawing, with hinting off so that text
 * measures the same at every size and on every surface (image, recording,
 * PDF, SVG): then what fits when measured also fits when drawn. */
/* Pango 1.50 has no autoptr for PangoContext. */
typedef PangoContext VerkPangoContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkPangoContext, g_object_unref)

static PangoContext *
create_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

static PangoLayout *
create_text (PangoContext *context,
             const char   *family,
             PangoWeight   weight,
             double        size,
             const char   *text,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family != NULL ? family : "Cantarell");
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* TRUE when every line break falls between words, or at a soft hyphen the
 * content pack's hints put into a long word, never elsewhere inside one. */
static gboolean
breaks_only_between_words (PangoLayout *layout,
                           const char  *text)
{
  GSList *lines = pango_layout_get_lines_readonly (layout);

  for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      const char *start = text + line->start_index;
      gunichar before;

      if (start == text)
        continue;
      before = g_utf8_get_char (g_utf8_prev_char (start));
      if (!g_unichar_isspace (before) && before != '-' && before != 0x2013 && before != '/'
          && before != SOFT_HYPHEN)
        return FALSE;
    }
  return TRUE;
}

/* The area the name may use: below the score number. */
static void
name_area (const cairo_rectangle_t *box,
           cairo_rectangle_t       *area)
{
  double top = box->height * SCORE_SHARE;

  *area = (cairo_rectangle_t) { box->x, box->y + top, box->width, box->height - top };
}

/* The cache of fitted name sizes, keyed by everything the fit depends on. */
G_LOCK_DEFINE_STATIC (fit_cache);
static GHashTable *fit_cache;

static char *
fit_key (const VerkPuzzleLayout *layout,
         const VerkPuzzlePiece  *pieces,
         guint                   n_pieces,
         const char             *family)
{
  GString *key = g_string_new (NULL);
  double w, h;

  verk_puzzle_layout_get_size (layout, &w, &h);
  g_string_append_printf (key, "%s\x1f%.3f\x1f%.3f\x1f%u", family, w, h, n_pieces);
  for (guint i = 0; i < n_pieces; i++)
    g_string_append_printf (key, "\x1f%s", pieces[i].name != NULL ? pieces[i].name : "");
  return g_string_free (key, FALSE);
}

/* Name metrics at a reference size: for every way to break the name into
 * lines between its words (and inside a long word where the content pack
 * hints at a break, "Kompetens-|utveckling"), the widest line and the number
 * of lines. Text is unhinted, so widths scale linearly with the size, and
 * the largest size at which a name fits any box is then arithmetic, not a
 * search: resizing the window stays smooth. Pango wraps greedily, which
 * never needs more lines than the best break found here, so the name also
 * fits when drawn. */
#define REF_SIZE 100.0
#define MAX_FAST_PARTS 8

typedef struct {
  double  line_height;
  guint   n_options;
  double *widest;
  guint  *lines;
  /* Per option, the narrowest a word it breaks with a hyphen may be drawn
   * before it fits whole: the option holds only above that (0: none). */
  double *hyphen_above;
  /* The name's words, each word's hint (or NULL) and whole width. */
  guint   n_words;
  char  **words;
  char  **hints;
  double *word_width;
} NameMetrics;

static void
name_metrics_free (NameMetrics *m)
{
  g_free (m->widest);
  g_free (m->lines);
  g_free (m->hyphen_above);
  g_strfreev (m->words);
  for (guint i = 0; i < m->n_words; i++)
    g_free (m->hints[i]);
  g_free (m->hints);
  g_free (m->word_width);
  g_free (m);
}

G_LOCK_DEFINE_STATIC (metrics_cache);
static GHashTable *metrics_cache;   /* "family\x1fname" → NameMetrics */

static double
text_width (PangoContext *context,
            const char   *family,
            const char   *text,
            double       *height)
{
  g_autoptr (PangoLayout) layout = create_text (context, family, NAME_WEIGHT, REF_SIZE, text, -1);
  PangoRectangle log;

  pango_layout_get_extents (layout, NULL, &log);
  if (height != NULL)
    *height = (double) log.height / PANGO_SCALE;
  return (double) log.width / PANGO_SCALE;
}

static double
cached_width (GHashTable   *seen,
              PangoContext *context,
              const char   *family,
              const char   *text)
{
  double *width = g_hash_table_lookup (seen, text);

  if (width == NULL)
    {
      width = g_new (double, 1);
      *width = text_width (context, family, text, NULL);
      g_hash_table_insert (seen, g_strdup (text), width);
    }
  return *width;
}

static NameMetrics *
measure_name (PangoContext *context,
              const char   *family,
              const char   *name)
{
  g_auto (GStrv) split = g_strsplit (name, " ", -1);
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) part_word = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  NameMetrics *m;
  guint n;

  if (strchr (name, '\n') != NULL || strchr (name, '\t') != NULL)
    return NULL;
  for (guint i = 0; split[i] != NULL; i++)
    {
      const char *hint;
      g_auto (GStrv) pieces = NULL;

      if (*split[i] == '\0')
        continue;
      hint = verk_content_lookup_name_breaks (split[i]);
      pieces = hint != NULL ? g_strsplit (hint, "|", -1) : g_strsplit (split[i], "|", 1);
      for (guint j = 0; pieces[j] != NULL; j++)
        {
          g_ptr_array_add (parts, g_strdup (pieces[j]));
          g_array_append_val (part_word, words->len);
        }
      g_ptr_array_add (words, g_strdup (split[i]));
    }
  n = parts->len;
  if (n == 0 || n > MAX_FAST_PARTS)
    return NULL;

  m = g_new0 (NameMetrics, 1);
  m->n_words = words->len;
  m->hints = g_new0 (char *, words->len);
  m->word_width = g_new0 (double, words->len);
  for (guint w = 0; w < words->len; w++)
    {
      const char *hint = verk_content_lookup_name_breaks (g_ptr_array_index (words, w));

      m->hints[w] = g_strdup (hint);
      m->word_width[w] = cached_width (seen, context, family, g_ptr_array_index (words, w));
    }
  g_ptr_array_add (words, NULL);
  m->words = (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);

  m->n_options = 1u << (n - 1);
  m->widest = g_new0 (double, m->n_options);
  m->lines = g_new0 (guint, m->n_options);
  m->hyphen_above = g_new0 (double, m->n_options);
  text_width (context, family, "Åg", &m->line_height);
  for (guint mask = 0; mask < m->n_options; mask++)
    {
      GString *line = g_string_new (NULL);

      m->lines[mask] = 1;
      for (guint p = 0; p < n; p++)
        {
          guint word = g_array_index (part_word, guint, p);
          gboolean last = p + 1 == n;
          gboolean inside = !last && g_array_index (part_word, guint, p + 1) == word;
          gboolean end = last || (mask & (1u << p)) != 0;

          g_string_append (line, g_ptr_array_index (parts, p));
          if (!end)
            {
              if (!inside)
                g_string_append_c (line, ' ');
              continue;
            }
          if (inside)
            {
              /* Broken with a hyphen, which only happens to a word too
               * wide for its line: the size must be above the one at
               * which the whole word would fit. */
              g_string_append_c (line, '-');
              m->hyphen_above[mask] = MAX (m->hyphen_above[mask], m->word_width[word]);
            }
          m->widest[mask] = MAX (m->widest[mask], cached_width (seen, context, family, line->str));
          if (!last)
            m->lines[mask]++;
          g_string_truncate (line, 0);
        }
      g_string_free (line, TRUE);
    }
  return m;
}

static const NameMetrics *
name_metrics (PangoContext *context,
              const char   *family,
              const char   *name,
              gboolean     *known)
{
  g_autofree char *key = g_strconcat (family, "\x1f", name, NULL);
  NameMetrics *m;

  G_LOCK (metrics_cache);
  if (metrics_cache == NULL)
    metrics_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) name_metrics_free);
  *known = g_hash_table_lookup_extended (metrics_cache, key, NULL, (gpointer *) &m);
  G_UNLOCK (metrics_cache);
  if (*known)
    return m;

  m = measure_name (context, family, name);
  G_LOCK (metrics_cache);
  /* Names change rarely; a bound keeps a long session's cache small. */
  if (g_hash_table_size (metrics_cache) > 512)
    g_hash_table_remove_all (metrics_cache);
  g_hash_table_replace (metrics_cache, g_steal_pointer (&key), m);
  G_UNLOCK (metrics_cache);
  *known = TRUE;
  return m;
}

/* The text Pango lays out for @name at @size in a line @width wide: the
 * name itself, with soft hyphens (U+00AD, at render time only, never in
 * stored or exported text) in the hinted words too wide for the line, so a
 * word breaks only when it must and only where the hint allows. */
static char *
display_text (PangoContext *context,
              const char   *family,
              const char   *name,
              double        size,
              double        width)
{
  gboolean known;
  const NameMetrics *m = name_metrics (context, family, name, &known);
  GString *text;
  gboolean any = FALSE;

  if (m == NULL)
    return g_strdup (name);
  for (guint w = 0; w < m->n_words && !any; w++)
    any = m->hints[w] != NULL && m->word_width[w] * size / REF_SIZE > width + 0.01;
  if (!any)
    return g_strdup (name);

  text = g_string_new (NULL);
  for (guint w = 0; w < m->n_words; w++)
    {
      if (w > 0)
        g_string_append_c (text, ' ');
      if (m->hints[w] != NULL && m->word_width[w] * size / REF_SIZE > width + 0.01)
        for (const char *c = m->hints[w]; *c != '\0'; c++)
          {
            if (*c == '|')
              g_string_append_unichar (text, SOFT_HYPHEN);
            else
              g_string_append_c (text, *c);
          }
      else
        g_string_append (text, m->words[w]);
    }
  return g_string_free (text, FALSE);
}

static PangoLayout *
create_name (PangoContext *context,
             const char   *family,
             const char   *name,
             double        size,
             double        width,
             char        **text_out)
{
  g_autofree char *text = display_text (context, family, name, size, width);
  PangoLayout *layout = create_text (context, family, NAME_WEIGHT, size, text, width);

  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);
  return layout;
}

static gboolean
name_fits (PangoContext            *context,
           const char              *family,
           const char              *name,
           double                   size,
           const cairo_rectangle_t *area,
           PangoRectangle          *logical)
{
  g_autoptr (PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  PangoRectangle ink, log;

  if (name == NULL || *name == '\0')
    return TRUE;
  layout = create_name (context, family, name, size, area->width, &text);
  pango_layout_get_extents (layout, &ink, &log);
  if (logical != NULL)
    *logical = log;
  return (double) log.width / PANGO_SCALE <= area->width + 0.01
         && (double) log.height / PANGO_SCALE <= area->height + 0.01
         && breaks_only_between_words (layout, text);
}

static gboolean
all_names_fit (PangoContext           *context,
               const VerkPuzzleLayout *layout,
               const VerkPuzzlePiece  *pieces,
               guint                   n_pieces,
               const gboolean         *skip,
               const char             *family,
               double                  size)
{
  for (guint i = 0; i < n_pieces; i++)
    {
      cairo_rectangle_t box, area;

      if (skip[i])
        continue;
      verk_puzzle_layout_get_text_box (layout, i, &box);
      name_area (&box, &area);
      if (!name_fits (context, family, pieces[i].name, size, &area, NULL))
        return FALSE;
    }
  return TRUE;
}

/* One absurdly long name must not shrink every name in the room: below this
 * size the others stay legible and that one name is cut with "…". */
static double
legible_floor (const VerkPuzzleLayout *layout,
               guint                   n_pieces)
{
  double floor_size = G_MAXDOUBLE;

  for (guint i = 0; i < n_pieces; i++)
    {
      cairo_rectangle_t cell;

      verk_puzzle_layout_get_cell (layout, i, &cell);
      floor_size = MIN (floor_size, 0.06 * MIN (cell.width, cell.height));
    }
  return MAX (MIN_NAME_SIZE, floor_size);
}

static double
largest_name_size (PangoContext           *context,
                   const VerkPuzzleLayout *layout,
                   const VerkPuzzlePiece  *pieces,
                   guint                   n_pieces,
                   const char             *family)
{
  double lo = legible_floor (layout, n_pieces), hi = G_MAXDOUBLE, fast;
  g_autofree gboolean *skip = g_new0 (gboolean, n_pieces);
  gboolean arithmetic = TRUE;

  /* Never larger than a comfortable share of the smallest piece. */
  for (guint i = 0; i < n_pieces; i++)
    {
      cairo_rectangle_t cell;

      verk_puzzle_layout_get_cell (layout, i, &cell);
      hi = MIN (hi, 0.15 * MIN (cell.width, cell.height));
    }
  hi = MAX (hi, lo);

  fast = hi;
  for (guint i = 0; i < n_pieces; i++)
    {
      const char *name = pieces[i].name;
      cairo_rectangle_t box, area;
      const NameMetrics *m;
      double best = 0;
      gboolean known;

      if (name == NULL || *name == '\0')
        continue;
      verk_puzzle_layout_get_text_box (layout, i, &box);
      name_area (&box, &area);
      m = name_metrics (context, family, name, &known);
      if (m == NULL)
        {
          /* Measured the slow way; hopeless if it misses even the floor. */
          arithmetic = FALSE;
          skip[i] = !name_fits (context, family, name, lo, &area, NULL);
          continue;
        }
      for (guint o = 0; o < m->n_options; o++)
        {
          double by_width = m->widest[o] > 0 ? area.width * REF_SIZE / m->widest[o] : G_MAXDOUBLE;
          double by_height = area.height * REF_SIZE / (m->lines[o] * m->line_height);
          double size = MIN (by_width, by_height);

          /* A hyphen only where the whole word would not fit the line. */
          if (m->hyphen_above[o] > 0 && size <= area.width * REF_SIZE / m->hyphen_above[o])
            continue;
          best = MAX (best, size);
        }
      if (best < lo)
        skip[i] = TRUE;   /* drawn cut, at the common size */
      else
        fast = MIN (fast, best);
    }
  if (arithmetic)
    {
      /* Check with real layouts; rounding may cost a hair. */
      fast = MAX (lo, floor (fast * 4 * 0.995) / 4);
      for (guint tries = 0; tries < 8 && fast > lo; tries++)
        {
          if (all_names_fit (context, layout, pieces, n_pieces, skip, family, fast))
            return fast;
          fast = MAX (lo, fast * 0.97);
        }
    }

  for (guint step = 0; step < 12 && hi - lo > 0.25; step++)
    {
      double mid = (lo + hi) / 2;

      if (all_names_fit (context, layout, pieces, n_pieces, skip, family, mid))
        lo = mid;
      else
        hi = mid;
    }
  /* hi may have been the cap and fit all along. */
  if (all_names_fit (context, layout, pieces, n_pieces, skip, family, hi))
    lo = hi;
  return lo;
}

static double
name_size_cached (PangoContext          **context,
                  const VerkPuzzleLayout *layout,
                  const VerkPuzzlePiece  *pieces,
                  guint                   n_pieces,
                  const char             *family)
{
  g_autofree char *key = fit_key (layout, pieces, n_pieces, family);
  gpointer found;
  double size;

  G_LOCK (fit_cache);
  if (fit_cache == NULL)
    fit_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  found = g_hash_table_lookup (fit_cache, key);
  size = found != NULL ? *(double *) found : -1;
  G_UNLOCK (fit_cache);
  if (size > 0)
    return size;

  if (*context == NULL)
    *context = create_context ();
  size = largest_name_size (*context, layout, pieces, n_pieces, family);

  G_LOCK (fit_cache);
  /* A window being resized makes a new key per size: keep the cache small. */
  if (g_hash_table_size (fit_cache) > 64)
    g_hash_table_remove_all (fit_cache);
  g_hash_table_insert (fit_cache, g_steal_pointer (&key), g_memdup2 (&size, sizeof size));
  G_UNLOCK (fit_cache);
  return size;
}

static const char *
family_of (const VerkPuzzleStyle *style)
{
  return style->font_family != NULL && *style->font_family != '\0' ? style->font_family : "Cantarell";
}

/**
 * verk_puzzle_render_get_name_size:
 * @layout: the layout
 * @pieces: (array length=n_pieces): what the pieces show
 * @n_pieces: as many as the layout has
 * @style: the style (its font family)
 *
 * Returns: the font size, in layout units, in which every name is drawn.
 */
double
verk_puzzle_render_get_name_size (const VerkPuzzleLayout *layout,
                                  const VerkPuzzlePiece  *pieces,
                                  guint                   n_pieces,
                                  const VerkPuzzleStyle  *style)
{
  g_autoptr (VerkPangoContext) context = NULL;

  g_return_val_if_fail (layout != NULL && pieces != NULL && style != NULL, 0);
  g_return_val_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout), 0);
  return name_size_cached (&context, layout, pieces, n_pieces, family_of (style));
}

/**
 * verk_puzzle_render_check_name:
 * @layout: the layout
 * @index: the piece
 * @name: the name to check
 * @size: a font size, as from verk_puzzle_render_get_name_size()
 * @style: the style (its font family)
 * @extents: (out) (optional): where the name's lines would go
 *
 * Whether @name, drawn in @size, fits piece @index's text box without a line
 * break inside a word. For tests and for warning about over-long names.
 *
 * Returns: TRUE when it fits.
 */
gboolean
verk_puzzle_render_check_name (const VerkPuzzleLayout *layout,
                               guint                   index,
                               const char             *name,
                               double                  size,
                               const VerkPuzzleStyle  *style,
                               cairo_rectangle_t      *extents)
{
  g_autoptr (VerkPangoContext) context = NULL;
  cairo_rectangle_t box, area;
  PangoRectangle log = { 0 };
  gboolean fits;

  g_return_val_if_fail (layout != NULL && style != NULL, FALSE);
  context = create_context ();
  verk_puzzle_layout_get_text_box (layout, index, &box);
  name_area (&box, &area);
  fits = name_fits (context, family_of (style), name, size, &area, &log);
  if (extents != NULL)
    *extents = (cairo_rectangle_t) { area.x + (double) log.x / PANGO_SCALE, area.y,
                                     (double) log.width / PANGO_SCALE,
                                     (double) log.height / PANGO_SCALE };
  return fits;
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static VerkRgba
piece_fill (const VerkPuzzlePiece *piece,
            const VerkPuzzleStyle *style)
{
  VerkRgba fill = piece->score >= 1 && piece->score <= 5
                  ? verk_puzzle_score_color (piece->score) : style->unscored_fill;

  /* Dimmed pieces fade towards the background; the text colour then follows
   * the faded fill, so it stays readable. */
  if (piece->state & VERK_PIECE_DIMMED)
    fill = mix (fill, style->background.a > 0 ? style->background : style->unscored_fill, 0.6);
  fill.a = 1;
  return fill;
}

/* The badge's text is never smaller than the names beside it: the room
 * reads the rank as well as the name. */
#define BADGE_TEXT_SHARE 0.62

/* The rank badge "#N": its text and the pill's width for a badge @height tall. */
static PangoLayout *
badge_text (PangoContext          *context,
            const VerkPuzzleStyle *style,
            int                    rank,
            double                 height,
            double                *width)
{
  g_autofree char *text = g_strdup_printf ("#%d", rank);
  PangoLayout *layout = create_text (context, family_of (style), PANGO_WEIGHT_BOLD,
                                     height * BADGE_TEXT_SHARE, text, -1);
  PangoRectangle log;

  pango_layout_get_extents (layout, NULL, &log);
  *width = MAX (height, (double) log.width / PANGO_SCALE + height * 0.6);
  return layout;
}

static double
badge_height (double name_size,
              double score_size)
{
  return MAX (score_size * 0.42, name_size / BADGE_TEXT_SHARE);
}

static void
draw_badge (cairo_t               *cr,
            PangoContext          *context,
            const VerkPuzzleStyle *style,
            int                    rank,
            double                 x,
            double                 y,
            double                 height)
{
  double w, r = height / 2;
  g_autoptr (PangoLayout) layout = badge_text (context, style, rank, height, &w);
  PangoRectangle log;

  pango_layout_get_extents (layout, NULL, &log);
  cairo_new_path (cr);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, x + w - r, y + r, r, 3 * G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  set_source (cr, style->accent);
  cairo_fill_preserve (cr);
  set_source (cr, style->background.a > 0 ? style->background : rgba (0xffffff));
  cairo_set_line_width (cr, MAX (1, height * 0.06));
  cairo_stroke (cr);
  set_source (cr, verk_puzzle_text_color (style->accent));
  show_layout_at (cr, layout, x + (w - (double) log.width / PANGO_SCALE) / 2 - (double) log.x / PANGO_SCALE,
                  y + (height - (double) log.height / PANGO_SCALE) / 2);
}

static void
draw_piece_content (cairo_t                *cr,
                    PangoContext           *context,
                    const VerkPuzzleLayout *layout,
                    guint                   index,
                    const VerkPuzzlePiece  *piece,
                    const VerkPuzzleStyle  *style,
                    double                  name_size,
                    double                  score_size)
{
  cairo_rectangle_t box, area;
  VerkRgba fill = piece_fill (piece, style);
  VerkRgba ink = verk_puzzle_text_color (fill);
  g_autoptr (PangoLayout) name = NULL;
  g_autoptr (PangoLayout) number = NULL;
  double name_h = 0, number_h = 0, block, y;
  PangoRectangle log;

  verk_puzzle_layout_get_text_box (layout, index, &box);
  name_area (&box, &area);

  cairo_new_path (cr);
  verk_puzzle_layout_append_path (layout, index, cr);
  set_source (cr, fill);
  cairo_fill (cr);

  if (piece->state & VERK_PIECE_DIMMED)
    ink.a = 0.75;
  set_source (cr, ink);
  if (piece->name != NULL && *piece->name != '\0')
    {
      name = create_name (context, family_of (style), piece->name, name_size, area.width, NULL);
      /* A name too long for any legible size (a custom piece, typed in)
       * breaks anywhere and ends in "…" rather than overflow its piece. */
      if (!name_fits (context, family_of (style), piece->name, name_size, &area, NULL))
        {
          pango_layout_set_wrap (name, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (name, (int) floor (area.height * PANGO_SCALE));
        }
      pango_layout_get_extents (name, NULL, &log);
      name_h = (double) log.height / PANGO_SCALE;
    }
  if (piece->score >= 1 && piece->score <= 5)
    {
      char digits[2] = { (char) ('0' + piece->score), 0 };
      PangoRectangle ink_rect;

      number = create_text (context, family_of (style), PANGO_WEIGHT_BOLD, score_size, digits, -1);
      pango_layout_get_extents (number, &ink_rect, &log);
      number_h = (double) ink_rect.height / PANGO_SCALE;
      /* The number and the name as one block, centred in the box. */
      block = number_h + score_size * 0.18 + name_h;
      y = box.y + (box.height - block) / 2;
      show_layout_at (cr, number, box.x + (box.width - (double) log.width / PANGO_SCALE) / 2,
                      y - (double) ink_rect.y / PANGO_SCALE);
      y += number_h + score_size * 0.18;
    }
  else
    y = box.y + (box.height - name_h) / 2;
  if (name != NULL)
    show_layout_at (cr, name, area.x, y);

  if (piece->rank > 0)
    draw_badge (cr, context, style, piece->rank, box.x, box.y, badge_height (name_size, score_size));

}

typedef struct {
  PangoContext *context;
  double        name_size;
  double        score_size;
  double        line;
} Metrics;

static void
metrics_init (Metrics                *m,
              const VerkPuzzleLayout *layout,
              const VerkPuzzlePiece  *pieces,
              guint                   n_pieces,
              const VerkPuzzleStyle  *style)
{
  double w, h;

  verk_puzzle_layout_get_size (layout, &w, &h);
  m->line = MAX (1.0 / MAX (style->scale, 0.1), MIN (w, h) * 0.006);
  /* Created only when text is measured or drawn: a frame that reuses the
   * still picture and draws no text needs none. */
  m->context = NULL;
  m->name_size = name_size_cached (&m->context, layout, pieces, n_pieces, family_of (style));
  m->score_size = G_MAXDOUBLE;
  for (guint i = 0; i < n_pieces; i++)
    {
      cairo_rectangle_t box;

      verk_puzzle_layout_get_text_box (layout, i, &box);
      m->score_size = MIN (m->score_size, box.height * SCORE_SHARE * 1.25);
    }
  m->score_size = MAX (m->score_size, m->name_size);
}

static PangoContext *
metrics_context (Metrics *m)
{
  if (m->context == NULL)
    m->context = create_context ();
  return m->context;
}

static void
metrics_clear (Metrics *m)
{
  g_clear_object (&m->context);
}

/**
 * verk_puzzle_render_get_badge_text_size:
 * @layout: the layout
 * @pieces: (array length=n_pieces): what the pieces show
 * @n_pieces: as many as the layout has
 * @style: the style (its font family)
 *
 * Returns: the font size, in layout units, of a rank badge's "#N".
 */
double
verk_puzzle_render_get_badge_text_size (const VerkPuzzleLayout *layout,
                                        const VerkPuzzlePiece  *pieces,
                                        guint                   n_pieces,
                                        const VerkPuzzleStyle  *style)
{
  Metrics m;
  double size;

  g_return_val_if_fail (layout != NULL && pieces != NULL && style != NULL, 0);
  g_return_val_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout), 0);
  metrics_init (&m, layout, pieces, n_pieces, style);
  size = badge_height (m.name_size, m.score_size) * BADGE_TEXT_SHARE;
  metrics_clear (&m);
  return size;
}

/* States that come and go with the pointer, the keyboard and the clock; the
 * rest of the picture stays put while they change. */
#define TRANSIENT_STATES (VERK_PIECE_SELECTED | VERK_PIECE_FOCUSED | VERK_PIECE_HOVER)

static gboolean
is_transient (const VerkPuzzlePiece *piece)
{
  return (piece->state & TRANSIENT_STATES) != 0 || piece->pulse > 0;
}

/* Hover and the pulse change the fill, so such a piece is drawn again. */
static gboolean
fill_changes (const VerkPuzzlePiece *piece)
{
  return (piece->state & VERK_PIECE_HOVER) != 0 || piece->pulse > 0;
}

/* The smallest device-pixel rectangle holding @box (user units) under @cr's matrix. */
static cairo_rectangle_int_t
device_box (cairo_t                 *cr,
            const cairo_rectangle_t *box)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint c = 0; c < 4; c++)
    {
      double x = box->x + (c & 1 ? box->width : 0), y = box->y + (c & 2 ? box->height : 0);

      cairo_user_to_device (cr, &x, &y);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  x0 = floor (x0);
  y0 = floor (y0);
  return (cairo_rectangle_int_t) { (int) x0, (int) y0, (int) (ceil (x1) - x0), (int) (ceil (y1) - y0) };
}

/* The device pixels wholly inside the rectangle (0, 0, @w, @h) in user
 * units, for a transform that keeps axes (scale and translation). */
static void
inner_device_box (cairo_t *cr,
                  double   w,
                  double   h,
                  int     *x0,
                  int     *y0,
                  int     *x1,
                  int     *y1)
{
  double ax = 0, ay = 0, bx = w, by = h;

  cairo_user_to_device (cr, &ax, &ay);
  cairo_user_to_device (cr, &bx, &by);
  *x0 = (int) ceil (MIN (ax, bx) - 1e-6);
  *y0 = (int) ceil (MIN (ay, by) - 1e-6);
  *x1 = (int) floor (MAX (ax, bx) + 1e-6);
  *y1 = (int) floor (MAX (ay, by) + 1e-6);
}

static gboolean
boxes_meet (const cairo_rectangle_int_t *a,
            const cairo_rectangle_int_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
box_union (cairo_rectangle_int_t       *a,
           const cairo_rectangle_int_t *b)
{
  int x0 = MIN (a->x, b->x), y0 = MIN (a->y, b->y);
  int x1 = MAX (a->x + a->width, b->x + b->width), y1 = MAX (a->y + a->height, b->y + b->height);

  *a = (cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 };
}

/* Everything piece @index draws in the still picture lies in this box (user
 * units): its outline with knobs, half the shared outline stroke, its badge. */
static void
piece_ink_box (const VerkPuzzleLayout *layout,
               guint                   index,
               int                     rank,
               const VerkPuzzleStyle  *style,
               Metrics                *m,
               cairo_rectangle_t      *ink)
{
  double pad = m->line + 1, x0, y0, x1, y1;

  verk_puzzle_layout_get_bounds (layout, index, ink);
  x0 = ink->x - pad;
  y0 = ink->y - pad;
  x1 = ink->x + ink->width + pad;
  y1 = ink->y + ink->height + pad;
  if (rank > 0)
    {
      double h = badge_height (m->name_size, m->score_size), w, edge = MAX (1, h * 0.06) + 1;
      g_autoptr (PangoLayout) text = badge_text (metrics_context (m), style, rank, h, &w);
      cairo_rectangle_t box;

      verk_puzzle_layout_get_text_box (layout, index, &box);
      x0 = MIN (x0, box.x - edge);
      y0 = MIN (y0, box.y - edge);
      x1 = MAX (x1, box.x + w + edge);
      y1 = MAX (y1, box.y + h + edge);
    }
  *ink = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
}

/* The still picture; with @clip (device pixels), only that part of it, drawn
 * over whatever was there, with exactly the pixels a whole drawing gives:
 * every piece whose ink reaches into @clip is drawn again, in the same order. */
static void
draw_base_region (cairo_t                     *cr,
                  const VerkPuzzleLayout      *layout,
                  const VerkPuzzlePiece       *pieces,
                  guint                        n_pieces,
                  const VerkPuzzleStyle       *style,
                  Metrics                     *m,
                  const cairo_rectangle_int_t *clip)
{
  double w, h;

  verk_puzzle_layout_get_size (layout, &w, &h);
  cairo_save (cr);
  if (clip != NULL)
    {
      cairo_matrix_t matrix;

      int x0, y0, x1, y1;

      cairo_get_matrix (cr, &matrix);
      inner_device_box (cr, w, h, &x0, &y0, &x1, &y1);
      cairo_identity_matrix (cr);
      cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (cr);
      /* As a fresh surface starts: transparent. The opaque background
       * covers the pixels wholly inside the puzzle anyway: clear only
       * around them (the matrix keeps axes: the base is only cached so). */
      cairo_save (cr);
      if (style->background.a >= 1 && x1 > x0 && y1 > y0 && matrix.xy == 0 && matrix.yx == 0)
        {
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_clip (cr);
        }
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_set_matrix (cr, &matrix);
    }
  /* A quarter pixel is invisible and makes curved strokes about twice as fast. */
  cairo_set_tolerance (cr, 0.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (style->background.a > 0)
    {
      set_source (cr, style->background);
      cairo_rectangle (cr, 0, 0, w, h);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n_pieces; i++)
    {
      VerkPuzzlePiece still = pieces[i];

      if (clip != NULL)
        {
          cairo_rectangle_t ink;
          cairo_rectangle_int_t device;

          piece_ink_box (layout, i, pieces[i].rank, style, m, &ink);
          device = device_box (cr, &ink);
          if (!boxes_meet (&device, clip))
            continue;
        }
      still.state &= ~TRANSIENT_STATES;
      still.pulse = 0;
      draw_piece_content (cr, metrics_context (m), layout, i, &still, style, m->name_size, m->score_size);
    }
  /* All outlines in one stroke with each shared edge once: the outlines were
   * half the cost of a full frame (docs/PERFORMANCE.md). Clipped, cairo's
   * stroker skips the edges outside the clip. */
  cairo_new_path (cr);
  verk_puzzle_layout_append_edges (layout, cr);
  set_source (cr, style->outline);
  cairo_set_line_width (cr, m->line * 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_base (cairo_t                *cr,
           const VerkPuzzleLayout *layout,
           const VerkPuzzlePiece  *pieces,
           guint                   n_pieces,
           const VerkPuzzleStyle  *style,
           Metrics                *m)
{
  draw_base_region (cr, layout, pieces, n_pieces, style, m, NULL);
}

/* Overlay marks as kept coverage masks
 *
 * On an image surface the overlay's marks (a piece's hover tint, the hover,
 * selection and focus rings) are drawn from masks kept per piece, line width
 * and transform: painting a colour through a mask gives the same pixels as
 * filling or stroking the path, at a fraction of the cost of rasterising a
 * curved outline again each frame. The pulse's ring changes width every
 * frame, so it is always stroked. The masks are few and small (one piece's
 * box each) and bounded in total; verk_puzzle_render_clear_caches() frees
 * them. */

typedef enum { MARK_FILL, MARK_STROKE, MARK_DASH } MarkKind;

typedef struct {
  char            *key;
  cairo_surface_t *mask;     /* A8, the mark's coverage */
  int              x, y;     /* its place on the target, in device pixels */
  gsize            bytes;
} Mark;

#define MARK_CACHE_BYTES (40 * 1024 * 1024)
#define MARK_CACHE_COUNT 96

G_LOCK_DEFINE_STATIC (mark_cache);
static GQueue mark_cache = G_QUEUE_INIT;   /* Mark *, most recently used first */
static gsize mark_cache_bytes;

static void
mark_free (Mark *mark)
{
  g_free (mark->key);
  g_clear_pointer (&mark->mask, cairo_surface_destroy);
  g_free (mark);
}

static void
mark_cache_clear (void)
{
  G_LOCK (mark_cache);
  g_queue_clear_full (&mark_cache, (GDestroyNotify) mark_free);
  mark_cache_bytes = 0;
  G_UNLOCK (mark_cache);
}

/* Draws mark @kind of piece @index in the colour already set on @cr: from a
 * kept mask when @cached, else as the path itself. */
static void
draw_mark (cairo_t                *cr,
           gboolean                cached,
           const VerkPuzzleLayout *layout,
           guint                   index,
           MarkKind                kind,
           double                  width,
           double                  line)
{
  g_autofree char *key = NULL;
  cairo_surface_t *target;
  cairo_matrix_t matrix;
  cairo_rectangle_t bounds;
  cairo_rectangle_int_t box;
  Mark *mark = NULL;
  double lw, lh, pad;
  int tw, th;

  if (!cached)
    {
      cairo_new_path (cr);
      verk_puzzle_layout_append_path (layout, index, cr);
      if (kind == MARK_FILL)
        cairo_fill (cr);
      else
        {
          cairo_save (cr);
          if (kind == MARK_DASH)
            cairo_set_dash (cr, (double[]) { line * 4, line * 3 }, 2, 0);
          cairo_set_line_width (cr, width);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      return;
    }

  target = cairo_get_target (cr);
  tw = cairo_image_surface_get_width (target);
  th = cairo_image_surface_get_height (target);
  cairo_get_matrix (cr, &matrix);
  verk_puzzle_layout_get_size (layout, &lw, &lh);
  key = g_strdup_printf ("%d %u %.9g %.9g|%.9g %.9g %.9g %.9g %.9g %.9g|%.9g %.9g %u|%d %d",
                         (int) kind, index, width, line, matrix.xx, matrix.yx, matrix.xy, matrix.yy,
                         matrix.x0, matrix.y0, lw, lh, verk_puzzle_layout_get_n_pieces (layout), tw, th);

  G_LOCK (mark_cache);
  for (GList *l = mark_cache.head; l != NULL; l = l->next)
    if (g_str_equal (((Mark *) l->data)->key, key))
      {
        mark = l->data;
        g_queue_unlink (&mark_cache, l);
        g_queue_push_head_link (&mark_cache, l);
        cairo_surface_reference (mark->mask);
        break;
      }
  G_UNLOCK (mark_cache);

  if (mark == NULL)
    {
      cairo_matrix_t shifted = matrix;
      cairo_t *mcr;
      int x1, y1;

      /* The mask covers what the mark can touch, on the target only. */
      verk_puzzle_layout_get_bounds (layout, index, &bounds);
      pad = (kind == MARK_FILL ? 0 : width / 2) + 2;
      bounds = (cairo_rectangle_t) { bounds.x - pad, bounds.y - pad, bounds.width + 2 * pad,
                                     bounds.height + 2 * pad };
      box = device_box (cr, &bounds);
      x1 = MIN (tw, box.x + box.width);
      y1 = MIN (th, box.y + box.height);
      box.x = MAX (0, box.x);
      box.y = MAX (0, box.y);
      if (x1 <= box.x || y1 <= box.y)
        return;   /* off the surface */

      mark = g_new0 (Mark, 1);
      mark->x = box.x;
      mark->y = box.y;
      mark->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, x1 - box.x, y1 - box.y);
      mark->bytes = (gsize) cairo_image_surface_get_stride (mark->mask) * (gsize) (y1 - box.y);
      mcr = cairo_create (mark->mask);
      shifted.x0 -= box.x;
      shifted.y0 -= box.y;
      cairo_set_matrix (mcr, &shifted);
      cairo_set_tolerance (mcr, cairo_get_tolerance (cr));
      cairo_set_line_join (mcr, cairo_get_line_join (cr));
      cairo_set_line_cap (mcr, cairo_get_line_cap (cr));
      cairo_set_antialias (mcr, cairo_get_antialias (cr));
      draw_mark (mcr, FALSE, layout, index, kind, width, line);
      cairo_destroy (mcr);
      cairo_surface_flush (mark->mask);

      if (mark->bytes <= MARK_CACHE_BYTES / 4)
        {
          G_LOCK (mark_cache);
          g_queue_push_head (&mark_cache, mark);
          mark_cache_bytes += mark->bytes;
          mark->key = g_steal_pointer (&key);
          cairo_surface_reference (mark->mask);
          while (mark_cache_bytes > MARK_CACHE_BYTES || mark_cache.length > MARK_CACHE_COUNT)
            {
              Mark *old = g_queue_pop_tail (&mark_cache);

              mark_cache_bytes -= old->bytes;
              mark_free (old);
            }
          G_UNLOCK (mark_cache);
        }
      else
        {
          /* Too big to keep: drawn once from its mask, then freed. */
          cairo_save (cr);
          cairo_identity_matrix (cr);
          cairo_mask_surface (cr, mark->mask, mark->x, mark->y);
          cairo_restore (cr);
          mark_free (mark);
          return;
        }
    }

  /* The mark stays valid in the cache even if evicted meanwhile: we hold a
   * reference on its mask, and x, y are copied before use. */
  {
    cairo_surface_t *mask = mark->mask;
    int x = mark->x, y = mark->y;

    cairo_save (cr);
    cairo_identity_matrix (cr);
    cairo_mask_surface (cr, mask, x, y);
    cairo_restore (cr);
    cairo_surface_destroy (mask);
  }
}

static void
draw_overlay (cairo_t                *cr,
              const VerkPuzzleLayout *layout,
              const VerkPuzzlePiece  *pieces,
              guint                   n_pieces,
              const VerkPuzzleStyle  *style,
              Metrics                *m,
              gboolean                cached)
{
  double line = m->line;

  cairo_save (cr);
  cairo_set_tolerance (cr, 0.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Hover and the pulse tint the piece, text and all, in one translucent
   * fill: no text to lay out again, no outline to stroke again. */
  for (guint i = 0; i < n_pieces; i++)
    if (fill_changes (&pieces[i]))
      {
        VerkPuzzlePiece still = pieces[i];
        VerkRgba tint;

        still.state &= ~TRANSIENT_STATES;
        still.pulse = 0;
        if (pieces[i].pulse > 0)
          {
            tint = rgba (0xffffff);
            tint.a = 0.45 * CLAMP (pieces[i].pulse, 0, 1);
            set_source (cr, tint);
            draw_mark (cr, cached, layout, i, MARK_FILL, 0, line);
          }
        if (pieces[i].state & VERK_PIECE_HOVER)
          {
            tint = luminance (piece_fill (&still, style)) > 0.4 ? rgba (0x000000) : rgba (0xffffff);
            tint.a = 0.10;
            set_source (cr, tint);
            draw_mark (cr, cached, layout, i, MARK_FILL, 0, line);
          }
      }

  for (guint i = 0; i < n_pieces; i++)
    {
      const VerkPuzzlePiece *piece = &pieces[i];

      if (piece->pulse > 0)
        {
          VerkRgba glow = style->accent;

          glow.a = 0.5 * CLAMP (piece->pulse, 0, 1);
          /* A new width each frame: a mask would never be used again. */
          set_source (cr, glow);
          draw_mark (cr, FALSE, layout, i, MARK_STROKE, line * (2 + 6 * CLAMP (piece->pulse, 0, 1)), line);
        }
      if ((piece->state & VERK_PIECE_HOVER) && !(piece->state & VERK_PIECE_SELECTED))
        {
          VerkRgba hover = style->accent;

          hover.a = 0.7;
          set_source (cr, hover);
          draw_mark (cr, cached, layout, i, MARK_STROKE, line * 2, line);
        }
      if (piece->state & VERK_PIECE_SELECTED)
        {
          /* Thin enough that its outer half stays clear of the neighbours'
           * text; an inner line in the background colour keeps it visible
           * on a fill close to the accent. */
          set_source (cr, style->accent);
          draw_mark (cr, cached, layout, i, MARK_STROKE, line * 3, line);
          set_source (cr, style->background.a > 0 ? style->background : rgba (0xffffff));
          draw_mark (cr, cached, layout, i, MARK_STROKE, line * 0.6, line);
        }
      /* The keyboard moves the selection, so focus on the selected piece
       * needs no mark of its own; focus elsewhere is a dashed ring. */
      if ((piece->state & VERK_PIECE_FOCUSED) && !(piece->state & VERK_PIECE_SELECTED))
        {
          set_source (cr, style->accent);
          draw_mark (cr, cached, layout, i, MARK_DASH, line * 2.5, line);
        }
    }
  cairo_restore (cr);
}

/**
 * verk_puzzle_render_base:
 * @cr: where to draw, in layout units
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 *
 * Draws the puzzle as if no piece were selected, focused, hovered or
 * pulsing. With verk_puzzle_render_overlay() on top it gives exactly what
 * verk_puzzle_render() draws; a view keeps the base and redraws only the
 * overlay while the pointer moves.
 */
void
verk_puzzle_render_base (cairo_t                *cr,
                         const VerkPuzzleLayout *layout,
                         const VerkPuzzlePiece  *pieces,
                         guint                   n_pieces,
                         const VerkPuzzleStyle  *style)
{
  Metrics m;

  g_return_if_fail (cr != NULL && layout != NULL && pieces != NULL && style != NULL);
  g_return_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout));
  metrics_init (&m, layout, pieces, n_pieces, style);
  draw_base (cr, layout, pieces, n_pieces, style, &m);
  metrics_clear (&m);
}

/**
 * verk_puzzle_render_overlay:
 * @cr: where to draw, over what verk_puzzle_render_base() drew
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 *
 * Draws what selection, focus, hover and the pulse add to the base.
 */
void
verk_puzzle_render_overlay (cairo_t                *cr,
                            const VerkPuzzleLayout *layout,
                            const VerkPuzzlePiece  *pieces,
                            guint                   n_pieces,
                            const VerkPuzzleStyle  *style)
{
  Metrics m;
  gboolean any = FALSE;

  g_return_if_fail (cr != NULL && layout != NULL && pieces != NULL && style != NULL);
  g_return_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout));
  for (guint i = 0; i < n_pieces && !any; i++)
    any = is_transient (&pieces[i]);
  if (!any)
    return;
  metrics_init (&m, layout, pieces, n_pieces, style);
  draw_overlay (cr, layout, pieces, n_pieces, style, &m, FALSE);
  metrics_clear (&m);
}

/**
 * verk_puzzle_render_get_overlay_bounds:
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @bounds: (out): the area the overlay may touch, in layout units
 *
 * Returns: FALSE when there is no overlay to draw.
 */
gboolean
verk_puzzle_render_get_overlay_bounds (const VerkPuzzleLayout *layout,
                                       const VerkPuzzlePiece  *pieces,
                                       guint                   n_pieces,
                                       cairo_rectangle_t      *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE, w, h, pad;

  g_return_val_if_fail (layout != NULL && pieces != NULL && bounds != NULL, FALSE);
  verk_puzzle_layout_get_size (layout, &w, &h);
  /* The widest stroke (the pulse, 8 lines) reaches 4 lines out. */
  pad = 5 * MAX (1, MIN (w, h) * 0.006) + 2;
  for (guint i = 0; i < n_pieces; i++)
    {
      cairo_rectangle_t b;

      if (!is_transient (&pieces[i]))
        continue;
      verk_puzzle_layout_get_bounds (layout, i, &b);
      x0 = MIN (x0, b.x - pad);
      y0 = MIN (y0, b.y - pad);
      x1 = MAX (x1, b.x + b.width + pad);
      y1 = MAX (y1, b.y + b.height + pad);
    }
  if (x0 > x1)
    return FALSE;
  *bounds = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

/* The still picture on an image surface, kept between frames
 *
 * The base is the costly part of a frame (fills, text, outlines); overlay
 * frames reuse it whole. When a piece's score, rank or dimming changes, only
 * the area that piece reaches is drawn again on the kept base, with every
 * piece that reaches into it: what the room changes (one score at a time)
 * costs one piece, not thirteen. Anything else (size, transform, names,
 * style, the surface's format) draws the base afresh. */

/* What a piece shows in the base besides the shared frame. */
typedef struct {
  int      score;
  int      rank;
  gboolean dimmed;
} PieceLook;

typedef struct {
  char            *key;      /* the frame: all but each piece's look */
  PieceLook       *looks;
  guint            n_looks;
  cairo_surface_t *surface;
} BaseCache;

static void
base_cache_clear (BaseCache *cache)
{
  g_clear_pointer (&cache->key, g_free);
  g_clear_pointer (&cache->looks, g_free);
  cache->n_looks = 0;
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
}

static PieceLook
piece_look (const VerkPuzzlePiece *piece)
{
  return (PieceLook) { piece->score, piece->rank, (piece->state & VERK_PIECE_DIMMED) != 0 };
}

static gboolean
looks_equal (const PieceLook *a,
             const PieceLook *b)
{
  return a->score == b->score && a->rank == b->rank && a->dimmed == b->dimmed;
}

static char *
base_frame_key (const cairo_matrix_t   *matrix,
                int                     width,
                int                     height,
                cairo_format_t          format,
                const VerkPuzzleLayout *layout,
                const VerkPuzzlePiece  *pieces,
                guint                   n_pieces,
                const VerkPuzzleStyle  *style)
{
  g_autofree char *fit = fit_key (layout, pieces, n_pieces, family_of (style));
  GString *key = g_string_new (fit);
  const cairo_matrix_t m = *matrix;
  char *digest;

  /* The layout is a function of (n, width, height), which fit_key holds. */
  g_string_append_printf (key, "\x1e%d %d %d\x1e%g %g %g %g %g %g", width, height, (int) format,
                          m.xx, m.yx, m.xy, m.yy, m.x0, m.y0);
  g_string_append_len (key, (const char *) style, offsetof (VerkPuzzleStyle, font_family));
  g_string_append_printf (key, "%g", style->scale);
  /* Raw bytes (the style's doubles) may hold NULs: hash them into text. */
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) key->str, key->len);
  g_string_free (key, TRUE);
  return digest;
}

/* Brings @cache up to date for this frame and returns a new reference to its
 * surface: @width × @height pixels, the layout drawn through @matrix. */
static cairo_surface_t *
base_cache_update (BaseCache              *cache,
                   const cairo_matrix_t   *matrix,
                   int                     width,
                   int                     height,
                   cairo_format_t          format,
                   const VerkPuzzleLayout *layout,
                   const VerkPuzzlePiece  *pieces,
                   guint                   n_pieces,
                   const VerkPuzzleStyle  *style,
                   Metrics                *m)
{
  g_autofree char *key = base_frame_key (matrix, width, height, format, layout, pieces, n_pieces, style);
  cairo_t *bcr;

  if (cache->surface != NULL && g_str_equal (cache->key, key) && cache->n_looks == n_pieces)
    {
      guint n_dirty = 0;

      for (guint i = 0; i < n_pieces; i++)
        {
          PieceLook look = piece_look (&pieces[i]);

          n_dirty += !looks_equal (&cache->looks[i], &look);
        }
      if (n_dirty == 0)
        return cairo_surface_reference (cache->surface);
      /* A few changed pieces: draw only where they reach. */
      if (n_dirty <= MAX (1, n_pieces / 3))
        {
          bcr = cairo_create (cache->surface);
          cairo_set_matrix (bcr, matrix);
          for (guint i = 0; i < n_pieces; i++)
            {
              PieceLook look = piece_look (&pieces[i]);
              cairo_rectangle_t before, after;
              cairo_rectangle_int_t clip, now;

              if (looks_equal (&cache->looks[i], &look))
                continue;
              piece_ink_box (layout, i, cache->looks[i].rank, style, m, &before);
              piece_ink_box (layout, i, look.rank, style, m, &after);
              clip = device_box (bcr, &before);
              now = device_box (bcr, &after);
              box_union (&clip, &now);
              draw_base_region (bcr, layout, pieces, n_pieces, style, m, &clip);
              cache->looks[i] = look;
            }
          cairo_destroy (bcr);
          cairo_surface_flush (cache->surface);
          return cairo_surface_reference (cache->surface);
        }
    }

  base_cache_clear (cache);
  cache->surface = cairo_image_surface_create (format, width, height);
  bcr = cairo_create (cache->surface);
  cairo_set_matrix (bcr, matrix);
  draw_base (bcr, layout, pieces, n_pieces, style, m);
  cairo_destroy (bcr);
  cairo_surface_flush (cache->surface);
  cache->key = g_steal_pointer (&key);
  cache->n_looks = n_pieces;
  cache->looks = g_new (PieceLook, n_pieces);
  for (guint i = 0; i < n_pieces; i++)
    cache->looks[i] = piece_look (&pieces[i]);
  return cairo_surface_reference (cache->surface);
}

/* verk_puzzle_render()'s one base, for whichever image surface it last drew
 * on. Taken out while in use, so that two threads never draw on it at once
 * (the second then draws its own). */
G_LOCK_DEFINE_STATIC (base_cache);
static BaseCache shared_base;

static gboolean
can_cache_base (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double dx, dy, sx, sy;

  /* Inside a pushed group the drawing goes elsewhere. */
  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE || cairo_get_group_target (cr) != target)
    return FALSE;
  cairo_surface_get_device_offset (target, &dx, &dy);
  cairo_surface_get_device_scale (target, &sx, &sy);
  return dx == 0 && dy == 0 && sx == 1 && sy == 1;
}

/* Copies rows @y0..@y1, columns @x0..@x1 of @base onto @cr's target as
 * CAIRO_OPERATOR_SOURCE would, with memcpy: when the rows are whole, one
 * call for the whole block, which moves a 4K picture faster than pixman's
 * row by row copy. FALSE, touching nothing, when a clip or a format stands
 * in the way (cairo then copies). */
static gboolean
copy_rows (cairo_t         *cr,
           cairo_surface_t *base,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  cairo_surface_t *target = cairo_get_target (cr);
  int width = cairo_image_surface_get_width (target), height = cairo_image_surface_get_height (target);
  int stride = cairo_image_surface_get_stride (target);
  cairo_rectangle_list_t *clip;
  gboolean whole;
  guchar *to, *from;

  if (cairo_image_surface_get_format (target) != cairo_image_surface_get_format (base)
      || cairo_image_surface_get_format (base) != CAIRO_FORMAT_ARGB32
      || cairo_image_surface_get_width (base) != width || cairo_image_surface_get_height (base) != height
      || cairo_image_surface_get_stride (base) != stride
      || x0 < 0 || y0 < 0 || x1 > width || y1 > height)
    return FALSE;
  /* Only when nothing clips the target (device space; @cr has the identity). */
  clip = cairo_copy_clip_rectangle_list (cr);
  whole = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1
          && clip->rectangles[0].x <= 0 && clip->rectangles[0].y <= 0
          && clip->rectangles[0].x + clip->rectangles[0].width >= width
          && clip->rectangles[0].y + clip->rectangles[0].height >= height;
  cairo_rectangle_list_destroy (clip);
  if (!whole)
    return FALSE;

  cairo_surface_flush (target);
  to = cairo_image_surface_get_data (target);
  from = cairo_image_surface_get_data (base);
  if (to == NULL || from == NULL)
    return FALSE;
  if (x0 == 0 && x1 == width)
    memcpy (to + (gsize) y0 * stride, from + (gsize) y0 * stride, (gsize) (y1 - y0) * stride);
  else
    for (int y = y0; y < y1; y++)
      memcpy (to + (gsize) y * stride + 4 * x0, from + (gsize) y * stride + 4 * x0, (gsize) 4 * (x1 - x0));
  cairo_surface_mark_dirty_rectangle (target, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

/* Paints @base (device pixels, as big as @cr's target) under the puzzle on @cr. */
static void
paint_base (cairo_t                *cr,
            cairo_surface_t        *base,
            const VerkPuzzleLayout *layout,
            const VerkPuzzleStyle  *style)
{
  cairo_matrix_t matrix;
  double w, h;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  cairo_save (cr);
  cairo_get_matrix (cr, &matrix);
  verk_puzzle_layout_get_size (layout, &w, &h);
  /* The base is opaque over the puzzle's rectangle: copy the pixels wholly
   * inside it instead of blending, which is several times faster; blend
   * only the rest (the rim the outlines reach past it). */
  if (style->background.a >= 1 && matrix.xy == 0 && matrix.yx == 0)
    inner_device_box (cr, w, h, &x0, &y0, &x1, &y1);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, base, 0, 0);
  if (x1 > x0 && y1 > y0)
    {
      if (!copy_rows (cr, base, x0, y0, x1, y1))
        {
          cairo_save (cr);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_clip (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_rectangle (cr, 0, 0, cairo_image_surface_get_width (base), cairo_image_surface_get_height (base));
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_clip (cr);
    }
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * verk_puzzle_render:
 * @cr: where to draw, in layout units (the caller sets any transform)
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 *
 * Draws the whole puzzle. The one drawing code for the widget, the image
 * files and the workbook. On an image surface the still picture is kept:
 * reused while only selection, focus, hover or the pulse change, and drawn
 * again only where a piece's score, rank or dimming changed. Other surfaces
 * (SVG, PDF, recordings) get the paths and text as always.
 */
void
verk_puzzle_render (cairo_t                *cr,
                    const VerkPuzzleLayout *layout,
                    const VerkPuzzlePiece  *pieces,
                    guint                   n_pieces,
                    const VerkPuzzleStyle  *style)
{
  Metrics m;
  gboolean cached;

  g_return_if_fail (cr != NULL && layout != NULL && style != NULL);
  g_return_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout));
  g_return_if_fail (pieces != NULL);

  metrics_init (&m, layout, pieces, n_pieces, style);
  cached = can_cache_base (cr);
  if (cached)
    {
      cairo_surface_t *target = cairo_get_target (cr);
      BaseCache cache;
      cairo_surface_t *base;
      cairo_matrix_t matrix;

      G_LOCK (base_cache);
      cache = shared_base;
      shared_base = (BaseCache) { 0 };
      G_UNLOCK (base_cache);

      cairo_get_matrix (cr, &matrix);
      base = base_cache_update (&cache, &matrix, cairo_image_surface_get_width (target),
                                cairo_image_surface_get_height (target),
                                cairo_image_surface_get_format (target),
                                layout, pieces, n_pieces, style, &m);
      paint_base (cr, base, layout, style);
      cairo_surface_destroy (base);

      G_LOCK (base_cache);
      base_cache_clear (&shared_base);
      shared_base = cache;
      G_UNLOCK (base_cache);
    }
  else
    draw_base (cr, layout, pieces, n_pieces, style, &m);

  draw_overlay (cr, layout, pieces, n_pieces, style, &m, cached);
  metrics_clear (&m);
}

struct _VerkPuzzleRenderCache
{
  BaseCache base;
};

/**
 * verk_puzzle_render_cache_new:
 *
 * A still picture kept by its owner (a view), apart from the one
 * verk_puzzle_render() keeps for itself.
 *
 * Returns: (transfer full): a new, empty cache; free it with
 *   verk_puzzle_render_cache_free().
 */
VerkPuzzleRenderCache *
verk_puzzle_render_cache_new (void)
{
  return g_new0 (VerkPuzzleRenderCache, 1);
}

/**
 * verk_puzzle_render_cache_free:
 * @cache: (nullable): the cache
 *
 * Frees the cache and its picture.
 */
void
verk_puzzle_render_cache_free (VerkPuzzleRenderCache *cache)
{
  if (cache == NULL)
    return;
  base_cache_clear (&cache->base);
  g_free (cache);
}

/**
 * verk_puzzle_render_cache_get_base:
 * @cache: the cache
 * @layout: the geometry
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: as many as the layout has
 * @style: colours and type
 * @x: where the layout's origin lies in the picture, in units
 * @y: likewise
 * @width: the picture's width in units
 * @height: its height
 * @scale: device pixels per unit (the widget's scale factor)
 *
 * What verk_puzzle_render_base() draws, as an ARGB32 image of
 * @width × @scale by @height × @scale pixels, device scale 1: paint it under
 * a scale of 1 / @scale. Kept in @cache and reused; when only some pieces'
 * scores, ranks or dimming changed since the last call, only where those
 * pieces reach is drawn again. The image is changed in place by later calls
 * (a cairo snapshot taken of it keeps the old pixels).
 *
 * Returns: (transfer full): the picture.
 */
cairo_surface_t *
verk_puzzle_render_cache_get_base (VerkPuzzleRenderCache  *cache,
                                   const VerkPuzzleLayout *layout,
                                   const VerkPuzzlePiece  *pieces,
                                   guint                   n_pieces,
                                   const VerkPuzzleStyle  *style,
                                   double                  x,
                                   double                  y,
                                   int                     width,
                                   int                     height,
                                   int                     scale)
{
  cairo_matrix_t matrix;
  cairo_surface_t *base;
  Metrics m;

  g_return_val_if_fail (cache != NULL && layout != NULL && pieces != NULL && style != NULL, NULL);
  g_return_val_if_fail (n_pieces == verk_puzzle_layout_get_n_pieces (layout), NULL);
  g_return_val_if_fail (width > 0 && height > 0 && scale >= 1, NULL);

  cairo_matrix_init_scale (&matrix, scale, scale);
  cairo_matrix_translate (&matrix, x, y);
  metrics_init (&m, layout, pieces, n_pieces, style);
  base = base_cache_update (&cache->base, &matrix, width * scale, height * scale, CAIRO_FORMAT_ARGB32,
                            layout, pieces, n_pieces, style, &m);
  metrics_clear (&m);
  return base;
}

/**
 * verk_puzzle_render_clear_caches:
 *
 * Frees the still picture and overlay masks verk_puzzle_render() keeps and
 * the cached name sizes and metrics: for tests, and for leak checkers at exit.
 */
void
verk_puzzle_render_clear_caches (void)
{
  G_LOCK (base_cache);
  base_cache_clear (&shared_base);
  G_UNLOCK (base_cache);
  mark_cache_clear ();
  G_LOCK (fit_cache);
  g_clear_pointer (&fit_cache, g_hash_table_unref);
  G_UNLOCK (fit_cache);
  G_LOCK (metrics_cache);
  g_clear_pointer (&metrics_cache, g_hash_table_unref);
  G_UNLOCK (metrics_cache);
}

/**
 * verk_puzzle_margin:
 * @width: the whole image's width
 * @height: the whole image's height
 *
 * Returns: the air to leave around the puzzle on each side.
 */
double
verk_puzzle_margin (double width,
                    double height)
{
  return round (0.02 * MIN (width, height));
}

typedef enum { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } Format;

static void
draw_default (cairo_t               *cr,
              int                    width,
              int                    height,
              const VerkPuzzlePiece *pieces,
              guint                  n_pieces)
{
  double margin = verk_puzzle_margin (width, height);
  g_autoptr (VerkPuzzleLayout) layout =
    verk_puzzle_layout_new (n_pieces, width - 2 * margin, height - 2 * margin);
  VerkPuzzleStyle style;

  verk_puzzle_style_init_default (&style, FALSE);
  cairo_set_source_rgb (cr, style.background.r, style.background.g, style.background.b);
  cairo_paint (cr);
  cairo_translate (cr, margin, margin);
  verk_puzzle_render (cr, layout, pieces, n_pieces, &style);
}

/* Draws into @file; a failed write is @file's to report (at commit). */
static gboolean
render_to_file (Format                  format,
                VerkAtomicFile         *file,
                int                     width,
                int                     height,
                const VerkPuzzlePiece  *pieces,
                guint                   n_pieces,
                GError                **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (verk_atomic_file_cairo_write, file, width, height);
  else if (format == FORMAT_PDF)
    surface = cairo_pdf_surface_create_for_stream (verk_atomic_file_cairo_write, file, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cr = cairo_create (surface);
  draw_default (cr, width, height, pieces, n_pieces);
  cairo_destroy (cr);
  if (format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, verk_atomic_file_cairo_write, file);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  /* WRITE_ERROR comes only from verk_atomic_file_cairo_write(), which kept
   * the reason for verk_atomic_file_commit(). */
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the puzzle: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_request (int       width,
               int       height,
               guint     n_pieces,
               GError  **error)
{
  if (width < 16 || height < 16 || width > 16384 || height > 16384)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The image size %d×%d is not possible. Choose a width and height between 16 and 16384."),
                   width, height);
      return FALSE;
    }
  if (n_pieces < 1 || n_pieces > VERK_PUZZLE_MAX_PIECES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A puzzle has between 1 and %d pieces; this one has %u."),
                   VERK_PUZZLE_MAX_PIECES, n_pieces);
      return FALSE;
    }
  return TRUE;
}

/**
 * verk_puzzle_render_to_file:
 * @path: where to write; the extension (.png, .svg, .pdf) picks the format
 * @protected_paths: (nullable) (array zero-terminated=1): files never to
 *   replace, as for verk_atomic_file_begin() (verk_store_protected_paths())
 * @width: width in pixels (PNG) or points (SVG, PDF)
 * @height: height likewise
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: 1 .. VERK_PUZZLE_MAX_PIECES
 * @error: the place for a translated error
 *
 * Draws the puzzle in the default (light) style through a #VerkAtomicFile:
 * a failure never leaves a broken file behind, and only a regular file the
 * user may write is replaced.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_puzzle_render_to_file (const char             *path,
                            const char * const     *protected_paths,
                            int                     width,
                            int                     height,
                            const VerkPuzzlePiece  *pieces,
                            guint                   n_pieces,
                            GError                **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *display = NULL;
  g_autoptr (VerkAtomicFile) file = NULL;
  Format format;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = FORMAT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Cannot tell which kind of image “%s” should be. Give the file name the ending .png, .svg or .pdf."),
                   display);
      return FALSE;
    }
  if (!check_request (width, height, n_pieces, error))
    return FALSE;

  file = verk_atomic_file_begin (path, protected_paths, error);
  if (file == NULL || !render_to_file (format, file, width, height, pieces, n_pieces, error))
    return FALSE;
  return verk_atomic_file_commit (g_steal_pointer (&file), error);
}

/**
 * verk_puzzle_render_png_bytes:
 * @width: width in pixels
 * @height: height in pixels
 * @pieces: (array length=n_pieces): what each piece shows
 * @n_pieces: 1 .. VERK_PUZZLE_MAX_PIECES
 * @error: the place for a translated error
 *
 * The puzzle as PNG data in the default style, for embedding (the workbook).
 *
 * Returns: (transfer full): the PNG bytes, or NULL on error.
 */
GBytes *
verk_puzzle_render_png_bytes (int                    width,
                              int                    height,
                              const VerkPuzzlePiece *pieces,
                              guint                  n_pieces,
                              GError               **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  GBytes *png = NULL;

  if (!check_request (width, height, n_pieces, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  draw_default (cr, width, height, pieces, n_pieces);
  status = cairo_status (cr);
  cairo_destroy (cr);
  /* Every exported workbook embeds this: verk_png_encode() is about ten
   * times faster than cairo's PNG writer (see docs/PERFORMANCE.md). */
  if (status == CAIRO_STATUS_SUCCESS)
    png = verk_png_encode (surface, error);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not draw the puzzle: %s"), cairo_status_to_string (status));
  cairo_surface_destroy (surface);
  return png;
}
