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

/* One end of the scores: its heading, "+ N more" and its quotes. */
typedef struct {
  GtkWidget *heading;
  GtkWidget *more;
  GPtrArray *quotes;     /* GtkLabel, children */
  gboolean  *shown;      /* per quote, as last allocated */
} End;

struct _VerkReasonList
{
  GtkWidget  parent_instance;

  /* owned (children) */
  End        ends[2];
  guint      n_ends;
};

G_DEFINE_FINAL_TYPE (VerkReasonList, verk_reason_list, GTK_TYPE_WIDGET)

static void
clear_ends (VerkReasonList *self)
{
  for (guint e = 0; e < self->n_ends; e++)
    {
      End *end = &self->ends[e];

      g_clear_pointer (&end->heading, gtk_widget_unparent);
      g_clear_pointer (&end->more, gtk_widget_unparent);
      for (guint q = 0; end->quotes != NULL && q < end->quotes->len; q++)
        gtk_widget_unparent (g_ptr_array_index (end->quotes, q));
      g_clear_pointer (&end->quotes, g_ptr_array_unref);
      g_clear_pointer (&end->shown, g_free);
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

/* The widest "+ N" an end may show: measured on a layout of the label's own
 * font, so that measuring never changes the label. */
static int
widest_more (End *end)
{
  int widest = 0;

  for (guint shown = 0; shown <= 1; shown++)
    {
      g_autofree char *text = more_text (end->quotes->len, shown);
      g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (end->more, text);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

/* Whether "+ N more" fits on its heading's line at @width. */
static gboolean
more_beside (End *end,
             int  width)
{
  return natural_width (end->heading) + MORE_GAP + widest_more (end) <= width;
}

/* The height of an end's heading, with or without "+ N more". */
static int
heading_height (End      *end,
                int       width,
                gboolean  with_more)
{
  int heading = height_for_width (end->heading, width);
  int more;

  if (!with_more)
    return heading;
  more = height_for_width (end->more, -1);
  return more_beside (end, width) ? MAX (heading, more) : heading + more;
}

/* Everything, each quote whole: the natural height at @width. */
static int
full_height (VerkReasonList *self,
             int             width)
{
  int height = 0;

  for (guint e = 0; e < self->n_ends; e++)
    {
      End *end = &self->ends[e];

      height += (e > 0 ? END_GAP : 0) + heading_height (end, width, FALSE);
      for (guint q = 0; q < end->quotes->len; q++)
        height += QUOTE_GAP + height_for_width (g_ptr_array_index (end->quotes, q), width);
    }
  return height;
}

/* The least it shows: each end's heading with how many reasons it has. */
static int
headings_height (VerkReasonList *self,
                 int             width)
{
  int height = 0;

  for (guint e = 0; e < self->n_ends; e++)
    height += (e > 0 ? END_GAP : 0) + heading_height (&self->ends[e], width, TRUE);
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
          for (guint q = 0; q < end->quotes->len; q++)
            {
              gtk_widget_measure (g_ptr_array_index (end->quotes, q), orientation, -1, &child_minimum,
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
  *natural = MAX (*minimum, full_height (self, for_size));
}

/* Which quotes fit @height at @width: all when they do; else, with each
 * end's "+ N more", one quote from each end in turn (the first of its
 * order that still fits), so that both ends are heard. */
static void
choose_shown (VerkReasonList *self,
              int             width,
              int             height)
{
  gboolean all = full_height (self, width) <= height;
  int used = headings_height (self, width);
  gboolean progress = TRUE;

  for (guint e = 0; e < self->n_ends; e++)
    for (guint q = 0; q < self->ends[e].quotes->len; q++)
      self->ends[e].shown[q] = all;
  while (!all && progress)
    {
      progress = FALSE;
      for (guint e = 0; e < self->n_ends; e++)
        {
          End *end = &self->ends[e];

          for (guint q = 0; q < end->quotes->len; q++)
            {
              int needed;

              if (end->shown[q])
                continue;
              needed = QUOTE_GAP + height_for_width (g_ptr_array_index (end->quotes, q), width);
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

static void
verk_reason_list_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  VerkReasonList *self = VERK_REASON_LIST (widget);
  int y = 0;

  choose_shown (self, width, height);
  for (guint e = 0; e < self->n_ends; e++)
    {
      End *end = &self->ends[e];
      guint n_shown = 0;
      gboolean with_more;
      int heading_h, more_h = 0, more_w = 0;

      for (guint q = 0; q < end->quotes->len; q++)
        n_shown += end->shown[q] ? 1 : 0;
      with_more = n_shown < end->quotes->len;
      if (with_more)
        {
          g_autofree char *text = more_text (end->quotes->len - n_shown, n_shown);

          /* Only a changed count lays the slide out again. */
          if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (end->more)), text) != 0)
            gtk_label_set_text (GTK_LABEL (end->more), text);
          more_w = natural_width (end->more);
          more_h = height_for_width (end->more, -1);
        }
      set_shown (end->more, with_more);

      y += e > 0 ? END_GAP : 0;
      if (with_more && more_beside (end, width))
        {
          heading_h = height_for_width (end->heading, width - more_w - MORE_GAP);
          gtk_widget_allocate (end->heading, width - more_w - MORE_GAP, heading_h, -1,
                               gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, (float) y)));
          gtk_widget_allocate (end->more, more_w, more_h, -1,
                               gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) (width - more_w),
                                                                                    (float) y)));
          y += MAX (heading_h, more_h);
        }
      else
        {
          heading_h = height_for_width (end->heading, width);
          gtk_widget_allocate (end->heading, width, heading_h, -1,
                               gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, (float) y)));
          y += heading_h;
          if (with_more)
            {
              gtk_widget_allocate (end->more, width, more_h, -1,
                                   gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, (float) y)));
              y += more_h;
            }
        }
      for (guint q = 0; q < end->quotes->len; q++)
        {
          GtkWidget *quote = g_ptr_array_index (end->quotes, q);
          int quote_h;

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
      end->more = new_label (self, NULL, "verk-present-reason-more");
      gtk_widget_set_child_visible (end->more, FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (end->more), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      end->quotes = g_ptr_array_new ();
      for (guint q = 0; reasons->reasons[q] != NULL; q++)
        {
          /* Translators: one participant's reason, quoted on the projector:
           * use your language's quotation marks */
          g_autofree char *text = g_strdup_printf (_("“%s”"), reasons->reasons[q]);
          GtkWidget *quote = new_label (self, text, "verk-present-quote");

          /* A reason typed as one long word still wraps inside the slide. */
          gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
          g_ptr_array_add (end->quotes, quote);
        }
      end->shown = g_new0 (gboolean, end->quotes->len);
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
    n += self->ends[e].quotes->len;
  return n;
}

/** verk_reason_list_get_n_shown: Returns: how many it showed, as last allocated. */
guint
verk_reason_list_get_n_shown (VerkReasonList *self)
{
  guint n = 0;

  g_return_val_if_fail (VERK_IS_REASON_LIST (self), 0);
  for (guint e = 0; e < self->n_ends; e++)
    for (guint q = 0; q < self->ends[e].quotes->len; q++)
      n += self->ends[e].shown[q] && gtk_widget_get_child_visible (g_ptr_array_index (self->ends[e].quotes, q));
  return n;
}
