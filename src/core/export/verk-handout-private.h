/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by verk-handout.c (reading, laying out, pagination, the PDF file)
 * and verk-handout-draw.c (the text and the blocks drawn on a page). */

#include "verk-content.h"
#include "verk-handout.h"
#include "verk-puzzle-export.h"

G_BEGIN_DECLS

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
  const VerkAction *action;    /* in the earlier workshop */
  const VerkAction *shown;     /* its copy carried into this one, or itself */
} EarlierAction;

/* The rows below belong to the two snapshots (VerkWorkshopModel) unless
 * said otherwise: the arrays borrow them. */
struct _VerkHandout
{
  VerkWorkshopModel *model;          /* the workshop's snapshot */
  VerkWorkshopModel *previous_model; /* the one it follows up, or NULL */
  VerkGroup        *group;           /* owned */
  const VerkWorkshop *workshop;
  const VerkWorkshop *previous;      /* the workshop this one follows up, or NULL */
  VerkPuzzleModel  *puzzle;          /* owned: the "siq" items and what each piece shows */
  GPtrArray        *scores;          /* VerkScore, each participant's */
  GArray           *stats;           /* VerkItemStats per puzzle item */
  GArray           *comparison;      /* VerkItemComparison per item, with a previous workshop */
  GPtrArray        *previous_items;  /* VerkItem of the previous workshop's pieces */
  GArray           *priorities;      /* item ids in rank order */
  GPtrArray        *actions;
  GPtrArray        *earlier_actions; /* EarlierAction, a follow-up's actions from last time */
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

/* The platform's parts side by side, three to a row. */
#define REFLECTION_COLUMNS 3
#define REFLECTION_GAP     12.0


static inline gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Measures (@draw FALSE) or draws @block at @y; returns its height. */
double   verk_handout_draw_block  (VerkHandout *self,
                                  cairo_t     *cr,
                                  const Pass  *pass,
                                  gboolean     draw,
                                  double       y,
                                  const Block *block);
/* The line at the foot of page @page: group, date, "Page 1 of 2". */
void     verk_handout_draw_footer (VerkHandout *self,
                                  cairo_t     *cr,
                                  guint        page);

G_END_DECLS
