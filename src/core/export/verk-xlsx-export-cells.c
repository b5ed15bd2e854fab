/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cell writer: a thin layer over libxlsxwriter that keeps the first
 * error and fits column widths and row heights to what was written. */
#define G_LOG_DOMAIN "verk-xlsx-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "verk-puzzle-render.h"
#include "verk-text.h"

#include "verk-xlsx-export-private.h"

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


static void
wrapped_free (Wrapped *p)
{
  g_free (p->text);
  g_free (p);
}

void
sheet_free (Sheet *s)
{
  g_free (s->name);
  g_free (s->fit);
  g_free (s->fixed);
  g_hash_table_unref (s->lines);
  g_ptr_array_unref (s->pending);
  g_free (s);
}

void
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
double
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
double
longest_word_width (const char *text)
{
  double widest = 0, word = 0;

  /* Words end at ASCII white space, as a regular expression's \s (each
   * column's header once: no expression compiled for it). */
  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\0' || (c < 0x80 && g_ascii_isspace ((char) c)))
        {
          widest = MAX (widest, word);
          word = 0;
          if (c == '\0')
            break;
          continue;
        }
      word += char_width (c);
    }
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

Sheet *
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
gboolean
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
void
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
void
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

void
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

/* Whether an empty cell in @f looks any different from no cell: a fill, a
 * border or a font shows; alignment and number formats do not. The Scores
 * sheet of every group has hundreds of thousands of empty score cells, and
 * each written one costs XML and compression. */
static gboolean
shows_when_empty (Writer *w, lxw_format *f)
{
  return f != NULL && f != w->f_int && f != w->f_dec && f != w->f_wrap && f != w->f_text;
}

void
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
      if (shows_when_empty (w, f) && s->ws != NULL)
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
void
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

void
put_int (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, int value, lxw_format *f)
{
  if (s->ws == NULL || !in_sheet (s, row, col))
    return;
  if (value <= 0)
    {
      if (shows_when_empty (w, f))
        check (w, worksheet_write_blank (s->ws, row, col, f));
    }
  else
    put_count (w, s, row, col, (guint) value, f);
  s->fit[col] = MAX (s->fit[col], 6);
}

void
put_count (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, guint value, lxw_format *f)
{
  if (s->ws == NULL || !in_sheet (s, row, col))
    return;
  check (w, worksheet_write_number (s->ws, row, col, value, f));
  s->fit[col] = MAX (s->fit[col], 6);
}

void
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
void
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

void
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

void
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
void
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
void
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
