/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-reason-list"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-extreme-reasons.h"
#include "verk-reason-list.h"

/* Room between a heading and its quotes, between quotes, between the ends,
 * and between a heading and "+ 3 more" on its line. */
#define QUOTE_GAP   6
#define END_GAP     12
#define MORE_GAP    24
/* A quote is clamped to at most this many lines, ended with "…", never set
 * smaller: the whole reason stays on the facilitator's Assess page. Where
 * a quote of each end does not fit at that, every quote is clamped to one
 * line fewer, down to one: each end is heard, at a readable size; what room
 * is left gives the quotes shown their lines back, one at a time. */
#define QUOTE_LINES 3
/* The most characters of a reason given to a quote: more than QUOTE_LINES
 * lines hold at any projector's width, so that a reason of 10,000
 * characters is never laid out whole only to be cut. */
#define QUOTE_CHARS 400

/* One end of the scores: its heading, "+ N more" and its quotes. */
typedef struct {
  GtkWidget *heading;
  /* "+ N more" for each N an allocation may leave out, 1 to all the
   * quotes, made with the data: which one shows follows the height, and a
   * label's text set in size_allocate would lay the slide out again. */
  GPtrArray *mores;      /* GtkLabel, children; [n - 1] says "+ n" */
  /* Each quote clamped to QUOTE_LINES - v lines in quotes[v], all made
   * with the data (a label's lines set in size_allocate would lay the
   * slide out again); the allocation shows one of them. */
  GPtrArray *quotes[QUOTE_LINES];   /* GtkLabel, children */
  guint      n_quotes;
  gboolean  *shown;      /* per quote, as last allocated */
  guint     *lines;      /* per quote: which of quotes[] it shows, as last allocated */
} End;

struct _VerkReasonList
{
  GtkWidget  parent_instance;

  /* owned (children) */
  End        ends[2];
  guint      n_ends;
  guint      variant;    /* the lines every quote has at least, as last allocated (quotes[variant]) */
};

G_DEFINE_FINAL_TYPE (VerkReasonList, verk_reason_list, GTK_TYPE_WIDGET)

static void
clear_ends (VerkReasonList *self)
{
  for (guint e = 0; e < self->n_ends; e++)
    {
      End *end = &self->ends[e];

      g_clear_pointer (&end->heading, gtk_widget_unparent);
      for (guint m = 0; end->mores != NULL && m < end->mores->len; m++)
        gtk_widget_unparent (g_ptr_array_index (end->mores, m));
      g_clear_pointer (&end->mores, g_ptr_array_unref);
      for (guint v = 0; v < QUOTE_LINES; v++)
        {
          for (guint q = 0; end->quotes[v] != NULL && q < end->quotes[v]->len; q++)
            gtk_widget_unparent (g_ptr_array_index (end->quotes[v], q));
          g_clear_pointer (&end->quotes[v], g_ptr_array_unref);
        }
      g_clear_pointer (&end->shown, g_free);
      g_clear_pointer (&end->lines, g_free);
      end->n_quotes = 0;
    }
  self->n_ends = 0;
}

/* "+ 3 more" under quotes shown, "+ 3 reasons" when none of the end's is. */
static char *
more_text (guint hidden,
           guint shown)
{
  if (shown > 0)
    /* Translators: on the projector, beside the heading of the reasons given
     * with one score: how many more reasons there are than the screen shows */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u more", "+ %u more", hidden), hidden);
  /* Translators: as "+ %u more", when the screen has room for none of them */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u reason", "+ %u reasons", hidden), hidden);
}

static int
height_for_width (GtkWidget *widget,
                  int        width)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  return natural;
}

static int
natural_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return natural;
}

/* The widest "+ N" an end may show: the labels' own measures, which GTK
 * keeps until their style changes, so measuring the list again lays out
 * nothing and changes no label. */
static int
widest_more (End *end)
{
  int widest = 0;

  for (guint m = 0; m < end->mores->len; m++)
    widest = MAX (widest, natural_width (g_ptr_array_index (end->mores, m)));
  return widest;
}

/* The "+ N" label that says @hidden. */
static GtkWidget *
more_label (End   *end,
            guint  hidden)
{
  return g_ptr_array_index (end->mores, hidden - 1);
}

/* Whether "+ N more" fits on its heading's line at @width. */
static gboolean
more_beside (End *end,
             int  width)
{
  return natural_width (end->heading) + MORE_GAP + widest_more (end) <= width;
}

/* The quote @q of @end clamped as @variant says. */
static GtkWidget *
quote_label (End   *end,
             guint  variant,
             guint  q)
{
  return g_ptr_array_index (end->quotes[variant], q);
}

/* Where an end's heading and its "+ N more" go at @width when @n_shown of
 * its quotes show: the more (NULL when all show) beside the heading when
 * they fit side by side, else under it. */
typedef struct
{
  GtkWidget *more;
  int        heading_width, heading_height;
  int        more_x, more_y, more_width, more_height;
  int        height;   /* of both */
} HeadingPlace;

static HeadingPlace
place_heading (End   *end,
               int    width,
               guint  n_shown)
{
  HeadingPlace place = { NULL, width, 0, 0, 0, 0, 0, 0 };

  if (n_shown < end->n_quotes)
    {
      place.more = more_label (end, end->n_quotes - n_shown);
      place.more_width = natural_width (place.more);
      place.more_height = height_for_width (place.more, -1);
    }
  if (place.more != NULL && more_beside (end, width))
    {
      place.heading_width = width - place.more_width - MORE_GAP;
      place.heading_height = height_for_width (end->heading, place.heading_width);
      place.more_x = width - place.more_width;
      place.height = MAX (place.heading_height, place.more_height);
    }
  else
    {
      place.heading_height = height_for_width (end->heading, width);
      place.more_y = place.heading_height;
      place.more_width = width;
      place.height = place.heading_height + place.more_height;
    }
  return place;
}

static guint
count_shown (End *end)
{
  guint n_shown = 0;

  for (guint q = 0; q < end->n_quotes; q++)
    n_shown += end->shown[q] ? 1 : 0;
  return n_shown;
}

/* The height at @width of every end and quote, each quote at @variant's
 * lines (@as_shown FALSE: what the list would need for all of them), or of
 * the ends as last chosen to show, each quote at its own lines (end->shown,
 * end->lines). */
static int
layout_height (VerkReasonList *self,
               int             width,
               gboolean        as_shown,
               guint           variant)
{
  int height = 0;

  for (guint e = 0; e < self->n_ends; e++)
    {
      End *end = &self->ends[e];

      height += (e > 0 ? END_GAP : 0)
                + place_heading (end, width, as_shown ? count_shown (end) : end->n_quotes).height;
      for (guint q = 0; q < end->n_quotes; q++)
        if (!as_shown || end->shown[q])
          height += QUOTE_GAP + height_for_width (quote_label (end, as_shown ? end->lines[q] : variant, q), width);
    }
  return height;
}

/* Everything, each quote at @variant's lines: the height at @width. */
static int
full_height (VerkReasonList *self,
             int             width,
             guint           variant)
{
  return layout_height (self, width, FALSE, variant);
}

/* The least it shows: each end's heading with how many reasons it has. */
static int
headings_height (VerkReasonList *self,
                 int             width)
{
  int height = 0;

  for (guint e = 0; e < self->n_ends; e++)
    height += (e > 0 ? END_GAP : 0) + place_heading (&self->ends[e], width, 0).height;
  return height;
}

static void
verk_reason_list_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  VerkReasonList *self = VERK_REASON_LIST (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      for (guint e = 0; e < self->n_ends; e++)
        {
          End *end = &self->ends[e];
          int child_minimum, child_natural;

          gtk_widget_measure (end->heading, orientation, -1, &child_minimum, &child_natural, NULL, NULL);
          *minimum = MAX (*minimum, MAX (child_minimum, widest_more (end)));
          *natural = MAX (*natural, child_natural + MORE_GAP + widest_more (end));
          for (guint q = 0; q < end->n_quotes; q++)
            {
              gtk_widget_measure (quote_label (end, 0, q), orientation, -1, &child_minimum,
                                  &child_natural, NULL, NULL);
              *minimum = MAX (*minimum, child_minimum);
              *natural = MAX (*natural, child_natural);
            }
        }
      return;
    }
  if (for_size < 0)
    verk_reason_list_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, minimum, &for_size, NULL, NULL);
  *minimum = headings_height (self, for_size);
  *natural = MAX (*minimum, full_height (self, for_size, 0));
}

/* Which quotes at @variant's lines fit @height at @width: all when they
 * do; else, with each end's "+ N more", one quote from each end in turn
 * (the first of its order that still fits), so that both ends are heard.
 * Returns whether each end shows a quote. */
static gboolean
choose_shown (VerkReasonList *self,
              int             width,
              int             height,
              guint           variant)
{
  gboolean all = full_height (self, width, variant) <= height;
  int used = headings_height (self, width);
  gboolean progress = TRUE, each = TRUE;

  for (guint e = 0; e < self->n_ends; e++)
    for (guint q = 0; q < self->ends[e].n_quotes; q++)
      self->ends[e].shown[q] = all;
  while (!all && progress)
    {
      progress = FALSE;
      for (guint e = 0; e < self->n_ends; e++)
        {
          End *end = &self->ends[e];

          for (guint q = 0; q < end->n_quotes; q++)
            {
              int needed;

              if (end->shown[q])
                continue;
              needed = QUOTE_GAP + height_for_width (quote_label (end, variant, q), width);
              if (used + needed <= height)
                {
                  end->shown[q] = TRUE;
                  used += needed;
                  progress = TRUE;
                  break;
                }
            }
        }
    }
  for (guint e = 0; e < self->n_ends; e++)
    {
      gboolean any = FALSE;

      for (guint q = 0; q < self->ends[e].n_quotes; q++)
        any = any || self->ends[e].shown[q];
      each = each && any;
    }
  return each;
}

/* A quote the screen has no room for is neither drawn nor read out. */
static void
set_shown (GtkWidget *child,
           gboolean   shown)
{
  if (gtk_widget_get_child_visible (child) == shown)
    return;
  gtk_widget_set_child_visible (child, shown);
  gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, !shown, -1);
}

/* What room the quotes at @variant's lines leave goes to more lines for
 * the quotes shown, one quote of each end in turn (the first of its order
 * that is cut short and fits another line), so that a slide too tight for
 * two lines each still shows two for those it has room for. */
static void
give_spare_lines (VerkReasonList *self,
                  int             width,
                  int             height)
{
  gboolean progress = TRUE;

  for (guint e = 0; e < self->n_ends; e++)
    for (guint q = 0; q < self->ends[e].n_quotes; q++)
      self->ends[e].lines[q] = self->variant;
  while (progress)
    {
      progress = FALSE;
      for (guint e = 0; e < self->n_ends; e++)
        {
          End *end = &self->ends[e];

          for (guint q = 0; q < end->n_quotes; q++)
            {
              int now, more;

              if (!end->shown[q] || end->lines[q] == 0)
                continue;
              now = height_for_width (quote_label (end, end->lines[q], q), width);
              more = height_for_width (quote_label (end, end->lines[q] - 1, q), width);
              if (more == now)
                continue;   /* the whole quote shows already */
              end->lines[q]--;
              if (layout_height (self, width, TRUE, 0) <= height)
                {
                  progress = TRUE;
                  break;
                }
              end->lines[q]++;
            }
        }
    }
}

static void
verk_reason_list_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  VerkReasonList *self = VERK_REASON_LIST (widget);
  int y = 0;

  /* The most lines at which each end shows a quote; one when none does. */
  for (self->variant = 0; self->variant + 1 < QUOTE_LINES; self->variant++)
    if (choose_shown (self, width, height, self->variant))
      break;
  if (self->variant == QUOTE_LINES - 1)
    choose_shown (self, width, height, self->variant);
  give_spare_lines (self, width, height);
  for (guint e = 0; e < self->n_ends; e++)
    {
      End *end = &self->ends[e];
      HeadingPlace place = place_heading (end, width, count_shown (end));

      for (guint m = 0; m < end->mores->len; m++)
        set_shown (g_ptr_array_index (end->mores, m), g_ptr_array_index (end->mores, m) == place.more);
      y += e > 0 ? END_GAP : 0;
      gtk_widget_allocate (end->heading, place.heading_width, place.heading_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, (float) y)));
      if (place.more != NULL)
        gtk_widget_allocate (place.more, place.more_width, place.more_height, -1,
                             gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) place.more_x,
                                                                                  (float) (y + place.more_y))));
      y += place.height;
      for (guint q = 0; q < end->n_quotes; q++)
        {
          GtkWidget *quote = quote_label (end, end->lines[q], q);
          int quote_h;

          for (guint v = 0; v < QUOTE_LINES; v++)
            if (v != end->lines[q])
              set_shown (quote_label (end, v, q), FALSE);
          set_shown (quote, end->shown[q]);
          if (!end->shown[q])
            continue;
          y += QUOTE_GAP;
          quote_h = height_for_width (quote, width);
          gtk_widget_allocate (quote, width, quote_h, -1,
                               gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, (float) y)));
          y += quote_h;
        }
    }
}

static GtkSizeRequestMode
verk_reason_list_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
verk_reason_list_dispose (GObject *object)
{
  clear_ends (VERK_REASON_LIST (object));
  G_OBJECT_CLASS (verk_reason_list_parent_class)->dispose (object);
}

static void
verk_reason_list_class_init (VerkReasonListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_reason_list_dispose;
  widget_class->measure = verk_reason_list_measure;
  widget_class->size_allocate = verk_reason_list_size_allocate;
  widget_class->get_request_mode = verk_reason_list_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "verk-reason-list");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
verk_reason_list_init (VerkReasonList *self)
{
}

/**
 * verk_reason_list_new:
 *
 * Returns: (transfer floating): an empty list of reasons
 */
GtkWidget *
verk_reason_list_new (void)
{
  return g_object_new (VERK_TYPE_REASON_LIST, NULL);
}

static GtkWidget *
new_label (VerkReasonList *self,
           const char     *text,
           const char     *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

/**
 * verk_reason_list_set_ends:
 * @ends: (element-type VerkExtremeReasons) (transfer none) (nullable): the
 *   ends of the scores with their reasons, lowest first
 */
void
verk_reason_list_set_ends (VerkReasonList *self,
                           GPtrArray      *ends)
{
  gboolean everyone = FALSE;

  g_return_if_fail (VERK_IS_REASON_LIST (self));
  g_return_if_fail (ends == NULL || ends->len <= G_N_ELEMENTS (self->ends));

  clear_ends (self);
  for (guint e = 0; ends != NULL && e < ends->len; e++)
    {
      const VerkExtremeReasons *reasons = g_ptr_array_index (ends, e);
      End *end = &self->ends[self->n_ends++];
      g_autofree char *heading = NULL;
      g_auto (GStrv) texts = NULL;
      guint n_quotes;

      everyone = reasons->everyone;
      heading = reasons->everyone
                /* Translators: on the projector, over the reasons given when
                 * every participant gave the same score */
                ? g_strdup_printf (_("Why everyone gave %d"), reasons->score)
                /* Translators: on the projector, over the reasons given with
                 * the lowest (or the highest) score of a piece, without names */
                : g_strdup_printf (_("Why %d?"), reasons->score);
      end->heading = new_label (self, heading, "verk-present-reason-heading");
      gtk_label_set_wrap (GTK_LABEL (end->heading), TRUE);
      n_quotes = end->n_quotes = g_strv_length (reasons->reasons);
      end->mores = g_ptr_array_new ();
      for (guint hidden = 1; hidden <= n_quotes; hidden++)
        {
          g_autofree char *text = more_text (hidden, n_quotes - hidden);
          GtkWidget *more = new_label (self, text, "verk-present-reason-more");

          gtk_widget_set_child_visible (more, FALSE);
          gtk_accessible_update_state (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          g_ptr_array_add (end->mores, more);
        }
      texts = g_new0 (char *, n_quotes + 1);
      for (guint q = 0; q < n_quotes; q++)
        {
          g_autofree char *line = verk_extreme_reasons_one_line (reasons->reasons[q], QUOTE_CHARS);

          /* Translators: one participant's reason, quoted on the projector:
           * use your language's quotation marks */
          texts[q] = g_strdup_printf (_("“%s”"), line);
        }
      for (guint v = 0; v < QUOTE_LINES; v++)
        {
          end->quotes[v] = g_ptr_array_new ();
          for (guint q = 0; q < n_quotes; q++)
            {
              GtkWidget *quote = new_label (self, texts[q], "verk-present-quote");

              /* A reason typed as one long word still wraps inside the
               * slide; a long one ends in "…" after its lines. */
              gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
              gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
              gtk_label_set_lines (GTK_LABEL (quote), (int) (QUOTE_LINES - v));
              gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
              gtk_widget_set_child_visible (quote, FALSE);
              gtk_accessible_update_state (GTK_ACCESSIBLE (quote), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
              g_ptr_array_add (end->quotes[v], quote);
            }
        }
      end->shown = g_new0 (gboolean, n_quotes);
      end->lines = g_new0 (guint, n_quotes);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  everyone ? _("The reasons behind the scores")
                                           : _("The reasons behind the lowest and the highest scores"),
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/** verk_reason_list_get_n_reasons: Returns: how many reasons it holds. */
guint
verk_reason_list_get_n_reasons (VerkReasonList *self)
{
  guint n = 0;

  g_return_val_if_fail (VERK_IS_REASON_LIST (self), 0);
  for (guint e = 0; e < self->n_ends; e++)
    n += self->ends[e].n_quotes;
  return n;
}

/** verk_reason_list_get_n_shown: Returns: how many it showed, as last allocated. */
guint
verk_reason_list_get_n_shown (VerkReasonList *self)
{
  guint n = 0;

  g_return_val_if_fail (VERK_IS_REASON_LIST (self), 0);
  for (guint e = 0; e < self->n_ends; e++)
    for (guint q = 0; q < self->ends[e].n_quotes; q++)
      n += self->ends[e].shown[q] && gtk_widget_get_child_visible (quote_label (&self->ends[e], self->ends[e].lines[q], q));
  return n;
}
