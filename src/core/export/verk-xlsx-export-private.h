/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the workbook export share: the collected data, the
 * cell writer and the pieces each file gives the others. Not installed;
 * core code outside verk-xlsx-export*.c uses verk-xlsx-export.h. */
#pragma once

#include <xlsxwriter.h>

#include "verk-atomic-file.h"
#include "verk-content.h"
#include "verk-workshop-model.h"
#include "verk-xlsx-export.h"

G_BEGIN_DECLS

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

/* ------------------------------------------------------------------------ */
/* The data: read once from the store, checked, then written without it.   */

/* One workshop: a snapshot of its VerkWorkshopModel, which owns the rows the
 * arrays below borrow. A row with a text the workbook cannot hold as it is
 * (control characters) is replaced there by a cleaned copy @cleaned maps it
 * to; look-ups go through the model and then @cleaned (clean_row()). */
typedef struct {
  VerkGroup         *group;          /* borrowed from the GroupData */
  VerkWorkshopModel *model;          /* a snapshot (verk_workshop_model_new_snapshot()) */
  VerkWorkshop      *workshop;       /* owned copy, its texts checked */
  GPtrArray         *items;          /* VerkItem, framework "siq", by position */
  GPtrArray         *platform;       /* VerkItem, framework "platform" */
  GPtrArray         *scale;          /* VerkItem, framework "scale" */
  GPtrArray         *participants;   /* VerkParticipant */
  GPtrArray         *names;          /* char *: display name per participant */
  GPtrArray         *scores;         /* VerkScore */
  GPtrArray         *round2;         /* VerkScore of the second private rounds */
  GArray            *priorities;     /* gint64 item ids in rank order */
  GPtrArray         *actions;        /* VerkAction */
  GPtrArray         *reflections;    /* VerkReflection */
  GHashTable        *cleaned;        /* a model's row → its cleaned copy; NULL when none */
  GPtrArray         *copies;         /* VerkRecord holding those copies */
  gboolean           second_round;   /* find_score() looks in round 2 (a view for the Scores sheet) */
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
  WorkshopData    *extra;       /* owned storage for @previous when it is not in @groups */
  char            *status_names[5];   /* translated action statuses, NULL-terminated */
  GHashTable      *part_names;        /* platform part key → its name in the content pack */
  GPtrArray       *part_keys;         /* the parts' keys in the content pack's order */
  char            *values_source;     /* where the thirteen values come from */
  GStrv            protected_paths;   /* never written over */
  /* The Organisation sheet (verk-xlsx-export-organisation.c): the matrix at
   * the threshold, for a group's workbook also without it when the threshold
   * hides the group (its own row; else NULL). */
  VerkOrgMatrix   *organisation;
  VerkOrgMatrix   *organisation_own;
  GStrv            organisation_names;  /* the values' names, as organisation->keys */
  gint64           organisation_group;  /* the group whose workbook it is, or 0 */
  guint            min_group_size;
};

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

/* The Summary's puzzle picture being drawn (verk-xlsx-export-puzzle.c). */
typedef struct _PuzzleJob PuzzleJob;

typedef struct {
  const VerkExportData *data;
  lxw_workbook         *wb;
  lxw_error             err;         /* the first libxlsxwriter error */
  GPtrArray            *sheets;      /* Sheet */
  GPtrArray            *names;       /* char *, NULL-terminated: sheet names taken */
  GPtrArray            *keep;        /* GBytes the workbook reads at close */
  char                 *footer;
  PuzzleJob            *puzzle;      /* the Summary's image, drawn beside the sheets */
  Sheet                *summary;     /* where that image goes */

  lxw_format *f_title, *f_subtitle, *f_heading, *f_header, *f_header_num, *f_label;
  lxw_format *f_text, *f_wrap, *f_date, *f_int, *f_dec, *f_note, *f_band;
} Writer;

/* ------------------------------------------------------------------------ */
/* What each file gives the others; internal to the export.               */

/* verk-xlsx-export-collect.c */
G_GNUC_INTERNAL gssize clean_length (const char *text);
G_GNUC_INTERNAL char *replace_controls (const char *text);
G_GNUC_INTERNAL const VerkScore *find_score (const WorkshopData *wd, gint64 item_id,
                                             gint64 participant_id);
G_GNUC_INTERNAL const VerkItem *clean_item (const WorkshopData *wd, gint64 item_id);
G_GNUC_INTERNAL const VerkItem *find_matching_item (const WorkshopData *wd, const VerkItem *item);
G_GNUC_INTERNAL int priority_rank (const WorkshopData *wd, gint64 item_id);
G_GNUC_INTERNAL double mean_agreed (const WorkshopData *wd, guint *n_out);
G_GNUC_INTERNAL char *workshop_title (const WorkshopData *wd);

/* verk-xlsx-export-cells.c */
G_GNUC_INTERNAL void sheet_free (Sheet *s);
G_GNUC_INTERNAL void check (Writer *w, lxw_error e);
G_GNUC_INTERNAL double text_width (const char *text, double *n_lines_out, double wrap_width);
G_GNUC_INTERNAL double longest_word_width (const char *text);
G_GNUC_INTERNAL Sheet *add_sheet (Writer *w, const char *wanted);
G_GNUC_INTERNAL gboolean in_sheet (Sheet *s, lxw_row_t row, lxw_col_t col);
G_GNUC_INTERNAL void note_drawing (Sheet *s, lxw_row_t row, lxw_col_t col, double width_px,
                                   double height_px);
G_GNUC_INTERNAL void set_print_layout (Writer *w, Sheet *s);
G_GNUC_INTERNAL void set_wrap_column (Sheet *s, lxw_col_t col, double width);
G_GNUC_INTERNAL void put_text (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, const char *text,
                               lxw_format *f);
G_GNUC_INTERNAL void put_merged (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, lxw_col_t last,
                                 double width, const char *text, lxw_format *f);
G_GNUC_INTERNAL void put_int (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, int value,
                              lxw_format *f);
/* A count, where 0 is a value to show (put_int leaves it empty: an unset score) */
G_GNUC_INTERNAL void put_count (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, guint value,
                                lxw_format *f);
G_GNUC_INTERNAL void put_number (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, double value,
                                 lxw_format *f);
G_GNUC_INTERNAL void put_date (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col, const char *text);
G_GNUC_INTERNAL void finish_sheet (Writer *w, Sheet *s);
G_GNUC_INTERNAL void make_formats (Writer *w);
G_GNUC_INTERNAL void color_scale (Writer *w, Sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                                  lxw_col_t c2);
G_GNUC_INTERNAL void band_rows (Writer *w, Sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                                lxw_col_t c2);

/* verk-xlsx-export-puzzle.c */
G_GNUC_INTERNAL PuzzleJob *puzzle_job_new_warming (void);
G_GNUC_INTERNAL void puzzle_job_free (PuzzleJob *job);
G_GNUC_INTERNAL PuzzleJob *puzzle_job_start (PuzzleJob *warm, const WorkshopData *wd);
G_GNUC_INTERNAL gboolean puzzle_drawable (const WorkshopData *wd);
G_GNUC_INTERNAL void insert_puzzle (Writer *w);

/* verk-xlsx-export-sheets.c */
G_GNUC_INTERNAL void write_summary (Writer *w, const WorkshopData *wd, const WorkshopData *prev,
                                    const GroupData *gd);
G_GNUC_INTERNAL void write_scores (Writer *w, GPtrArray *sections);
G_GNUC_INTERNAL void write_actions (Writer *w, GPtrArray *sections);
G_GNUC_INTERNAL void write_platform (Writer *w, GPtrArray *sections);
G_GNUC_INTERNAL void write_history (Writer *w);
G_GNUC_INTERNAL void write_overview (Writer *w);

/* verk-xlsx-export-organisation.c */
G_GNUC_INTERNAL guint verk_xlsx_export_min_group_size (void);
G_GNUC_INTERNAL gboolean collect_organisation (VerkExportData *data, VerkStore *store, gint64 group_id,
                                               GError **error);
G_GNUC_INTERNAL void write_organisation (Writer *w);

/* verk-xlsx-export-package.c */
G_GNUC_INTERNAL void propagate_file_error (GError **error, GError *file_error);
G_GNUC_INTERNAL int memory_file (char **path_out);
G_GNUC_INTERNAL gboolean copy_into (int from, VerkAtomicFile *file, GError **error);
G_GNUC_INTERNAL gboolean check_library_tmp_dir (const char *path, GError **error);
G_GNUC_INTERNAL gboolean check_workbook_file (int fd, const char *path, GError **error);
G_GNUC_INTERNAL void set_library_error (GError **error, lxw_error e, const char *path);

G_END_DECLS
