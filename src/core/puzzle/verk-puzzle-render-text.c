/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "verk-content.h"
#include "verk-puzzle-render-private.h"

/* Fitting the names
 *
 * Every name is set in one size, the largest at which every name fits its
 * piece with line breaks only between words; finding it takes a few dozen
 * Pango layouts, so the renderer keeps the size per layout size and set of
 * names, and each name's metrics (below). */

#define NAME_WEIGHT PANGO_WEIGHT_BOLD
#define MIN_NAME_SIZE 4.0
#define SOFT_HYPHEN 0x00AD

/* One Pango context for measuring and drawing, with hinting off so that text
 * measures the same at every size and on every surface (image, recording,
 * PDF, SVG): then what fits when measured also fits when drawn. */
PangoContext *
verk_puzzle_text_context_new (void)
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

PangoLayout *
verk_puzzle_text_new (PangoContext *context,
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
void
verk_puzzle_text_name_area (const cairo_rectangle_t *box,
                            cairo_rectangle_t       *area)
{
  double top = box->height * SCORE_SHARE;

  *area = (cairo_rectangle_t) { box->x, box->y + top, box->width, box->height - top };
}

/* The key of the renderer's fitted name sizes: everything the fit depends on. */
char *
verk_puzzle_text_fit_key (const VerkPuzzleLayout *layout,
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
  if (m == NULL)
    return;
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

static double
text_width (PangoContext *context,
            const char   *family,
            const char   *text,
            double       *height)
{
  g_autoptr (PangoLayout) layout = verk_puzzle_text_new (context, family, NAME_WEIGHT, REF_SIZE, text, -1);
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
name_metrics (VerkPuzzleRenderer *self,
              const char         *family,
              const char         *name)
{
  g_autofree char *key = g_strconcat (family, "\x1f", name, NULL);
  NameMetrics *m;

  if (g_hash_table_lookup_extended (self->metrics, key, NULL, (gpointer *) &m))
    return m;
  m = measure_name (verk_puzzle_renderer_get_context (self), family, name);
  /* Names change rarely; a bound keeps a long session's cache small. */
  if (g_hash_table_size (self->metrics) > 512)
    g_hash_table_remove_all (self->metrics);
  g_hash_table_replace (self->metrics, g_steal_pointer (&key), m);
  return m;
}

GHashTable *
verk_puzzle_text_metrics_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) name_metrics_free);
}

GHashTable *
verk_puzzle_text_fits_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* The text Pango lays out for @name at @size in a line @width wide: the
 * name itself, with soft hyphens (U+00AD, at render time only, never in
 * stored or exported text) in the hinted words too wide for the line, so a
 * word breaks only when it must and only where the hint allows. */
static char *
display_text (VerkPuzzleRenderer *self,
              const char         *family,
              const char         *name,
              double              size,
              double              width)
{
  const NameMetrics *m = name_metrics (self, family, name);
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

/**
 * verk_puzzle_text_new_name:
 * @family: the font family
 * @name: a piece's name, not empty
 * @size: the font size
 * @area: where the name goes
 * @fits: (out): whether it fits @area with line breaks between words only
 *
 * Returns: (transfer full): @name laid out as it is drawn.
 */
PangoLayout *
verk_puzzle_text_new_name (VerkPuzzleRenderer      *self,
                           const char              *family,
                           const char              *name,
                           double                   size,
                           const cairo_rectangle_t *area,
                           gboolean                *fits)
{
  g_autofree char *text = display_text (self, family, name, size, area->width);
  PangoLayout *layout = verk_puzzle_text_new (verk_puzzle_renderer_get_context (self), family,
                                              NAME_WEIGHT, size, text, area->width);
  PangoRectangle log;

  /* The logical extents only: the ink ones make Pango measure every glyph. */
  pango_layout_get_extents (layout, NULL, &log);
  *fits = (double) log.width / PANGO_SCALE <= area->width + 0.01
          && (double) log.height / PANGO_SCALE <= area->height + 0.01
          && breaks_only_between_words (layout, text);
  return layout;
}

static gboolean
name_fits (VerkPuzzleRenderer      *self,
           const char              *family,
           const char              *name,
           double                   size,
           const cairo_rectangle_t *area,
           PangoRectangle          *logical)
{
  g_autoptr (PangoLayout) layout = NULL;
  gboolean fits;

  if (name == NULL || *name == '\0')
    return TRUE;
  layout = verk_puzzle_text_new_name (self, family, name, size, area, &fits);
  if (logical != NULL)
    pango_layout_get_extents (layout, NULL, logical);
  return fits;
}

static gboolean
all_names_fit (VerkPuzzleRenderer     *self,
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
      verk_puzzle_text_name_area (&box, &area);
      if (!name_fits (self, family, pieces[i].name, size, &area, NULL))
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
largest_name_size (VerkPuzzleRenderer     *self,
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

      if (name == NULL || *name == '\0')
        continue;
      verk_puzzle_layout_get_text_box (layout, i, &box);
      verk_puzzle_text_name_area (&box, &area);
      m = name_metrics (self, family, name);
      if (m == NULL)
        {
          /* Measured the slow way; hopeless if it misses even the floor. */
          arithmetic = FALSE;
          skip[i] = !name_fits (self, family, name, lo, &area, NULL);
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
          if (all_names_fit (self, layout, pieces, n_pieces, skip, family, fast))
            return fast;
          fast = MAX (lo, fast * 0.97);
        }
    }

  for (guint step = 0; step < 12 && hi - lo > 0.25; step++)
    {
      double mid = (lo + hi) / 2;

      if (all_names_fit (self, layout, pieces, n_pieces, skip, family, mid))
        lo = mid;
      else
        hi = mid;
    }
  /* hi may have been the cap and fit all along. */
  if (all_names_fit (self, layout, pieces, n_pieces, skip, family, hi))
    lo = hi;
  return lo;
}

/* The common name size, kept by the renderer per layout size and set of names. */
double
verk_puzzle_text_name_size (VerkPuzzleRenderer     *self,
                            const VerkPuzzleLayout *layout,
                            const VerkPuzzlePiece  *pieces,
                            guint                   n_pieces,
                            const char             *family)
{
  g_autofree char *key = verk_puzzle_text_fit_key (layout, pieces, n_pieces, family);
  double *found = g_hash_table_lookup (self->fits, key);
  double size;

  if (found != NULL)
    return *found;
  size = largest_name_size (self, layout, pieces, n_pieces, family);
  /* A window being resized makes a new key per size: keep the cache small. */
  if (g_hash_table_size (self->fits) > 64)
    g_hash_table_remove_all (self->fits);
  g_hash_table_insert (self->fits, g_steal_pointer (&key), g_memdup2 (&size, sizeof size));
  return size;
}

/* Whether @name in @size fits piece @index's text box; where its lines go. */
gboolean
verk_puzzle_text_check_name (VerkPuzzleRenderer     *self,
                             const VerkPuzzleLayout *layout,
                             guint                   index,
                             const char             *name,
                             double                  size,
                             const char             *family,
                             cairo_rectangle_t      *extents)
{
  cairo_rectangle_t box, area;
  PangoRectangle log = { 0 };
  gboolean fits;

  verk_puzzle_layout_get_text_box (layout, index, &box);
  verk_puzzle_text_name_area (&box, &area);
  fits = name_fits (self, family, name, size, &area, &log);
  if (extents != NULL)
    *extents = (cairo_rectangle_t) { area.x + (double) log.x / PANGO_SCALE, area.y,
                                     (double) log.width / PANGO_SCALE,
                                     (double) log.height / PANGO_SCALE };
  return fits;
}
