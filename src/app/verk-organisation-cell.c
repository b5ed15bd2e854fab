/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-organisation-cell"

#include "config.h"

#include "verk-layout-snapshot.h"
#include "verk-organisation-cell.h"

struct _VerkOrganisationCell
{
  GtkWidget  parent_instance;

  char      *markup;
  int        lines;       /* > 0: wrapped into at most that many lines */
  float      xalign;
  GtkAlign   valign;
  /* a heading's smaller size (in twentieths below its own) as last chosen
   * at this width and font size, so that a redraw lays it out once */
  int        fit_width;
  int        fit_font_size;
  int        fit_steps;
};

G_DEFINE_FINAL_TYPE (VerkOrganisationCell, verk_organisation_cell, GTK_TYPE_WIDGET)

/* The size request is the size: without one (never in the view), the
 * text's. */
static void
verk_organisation_cell_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  VerkOrganisationCell *self = VERK_ORGANISATION_CELL (widget);
  g_autoptr (PangoLayout) layout = NULL;
  int width, height;

  gtk_widget_get_size_request (widget, &width, &height);
  if ((orientation == GTK_ORIENTATION_HORIZONTAL ? width : height) > 0)
    {
      *minimum = *natural = 0;
      return;
    }
  layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_markup (layout, self->markup, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
}

/* Whether a wrapped @layout broke a line inside a word: the character
 * before a line's start is a letter or a digit (Pango draws the hyphen;
 * the text has none there). A break after a space or a "-" is the name's
 * own. */
gboolean
verk_organisation_cell_breaks_inside_a_word (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  gboolean inside = FALSE;

  while (!inside && pango_layout_iter_next_line (iter))
    {
      int start = pango_layout_iter_get_index (iter);

      if (start > 0)
        inside = g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (text + start)));
    }
  pango_layout_iter_free (iter);
  return inside;
}

/* The layout is made when drawn, from the widget's Pango context as it is
 * then (its CSS font, the scale). */
static void
verk_organisation_cell_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  VerkOrganisationCell *self = VERK_ORGANISATION_CELL (widget);
  g_autoptr (PangoLayout) layout = verk_organisation_cell_make_layout (self);

  verk_layout_snapshot (widget, snapshot, layout, self->xalign, self->valign);
}

static void
verk_organisation_cell_finalize (GObject *object)
{
  VerkOrganisationCell *self = VERK_ORGANISATION_CELL (object);

  g_free (self->markup);

  G_OBJECT_CLASS (verk_organisation_cell_parent_class)->finalize (object);
}

static void
verk_organisation_cell_class_init (VerkOrganisationCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = verk_organisation_cell_finalize;
  widget_class->measure = verk_organisation_cell_measure;
  widget_class->snapshot = verk_organisation_cell_snapshot;
  gtk_widget_class_set_css_name (widget_class, "verk-org-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_CELL);
}

static void
verk_organisation_cell_init (VerkOrganisationCell *self)
{
  self->fit_width = -1;
  self->xalign = 0.5f;
  self->valign = GTK_ALIGN_CENTER;
}

/**
 * verk_organisation_cell_new:
 * @markup: the text, in Pango markup
 * @accessible_name: what a screen reader says
 *
 * Returns: (transfer floating): the cell
 */
GtkWidget *
verk_organisation_cell_new (const char *markup,
                            const char *accessible_name)
{
  VerkOrganisationCell *self = g_object_new (VERK_TYPE_ORGANISATION_CELL, "focusable", TRUE, NULL);

  self->markup = g_strdup (markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return GTK_WIDGET (self);
}

/**
 * verk_organisation_cell_new_heading:
 *
 * Returns: (transfer floating): the heading
 */
GtkWidget *
verk_organisation_cell_new_heading (const char        *markup,
                                    const char        *accessible_name,
                                    GtkAccessibleRole  role,
                                    int                lines,
                                    float              xalign,
                                    GtkAlign           valign)
{
  VerkOrganisationCell *self = g_object_new (VERK_TYPE_ORGANISATION_CELL, "accessible-role", role, NULL);

  self->markup = g_strdup (markup);
  self->lines = lines;
  self->xalign = xalign;
  self->valign = valign;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return GTK_WIDGET (self);
}

const char *
verk_organisation_cell_get_markup (VerkOrganisationCell *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_CELL (self), NULL);
  return self->markup;
}

/* How many of the smaller sizes (in twentieths below @layout's own) are
 * sure to break a word too: those whose words @layout broke are, scaled
 * down, still wider than @width by more than the rounding of their glyphs'
 * advances could make up. Found from one line-less copy of @layout at its
 * own size, so that no font is loaded at the sizes passed over (a size
 * tried is a font at that size, loaded, and its glyphs hinted: some 4 M
 * instructions a size, twelve sizes before the bench's first frame). */
static int
steps_sure_to_break (PangoLayout *layout,
                     int          width,
                     int          size)
{
  const char *text = pango_layout_get_text (layout);
  int n_attrs;
  const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  g_autoptr (PangoLayout) line = NULL;
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int widest = 0, n_glyphs = 0, steps = 0;

  while (pango_layout_iter_next_line (iter))
    {
      int start = pango_layout_iter_get_index (iter);
      int at, from, to;
      PangoRectangle first, last;

      if (start == 0 || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (text + start))))
        continue;
      /* the word the line broke: from the break before it to the one after */
      at = (int) g_utf8_pointer_to_offset (text, text + start);
      for (from = at; from > 0 && !attrs[from].is_line_break; from--)
        ;
      for (to = at + 1; to < n_attrs - 1 && !attrs[to].is_line_break; to++)
        ;
      while (to > from && attrs[to - 1].is_white)
        to--;
      if (line == NULL)
        {
          line = pango_layout_copy (layout);
          pango_layout_set_width (line, -1);
          pango_layout_set_height (line, -1);
        }
      pango_layout_index_to_pos (line, (int) (g_utf8_offset_to_pointer (text, from) - text), &first);
      pango_layout_index_to_pos (line, (int) (g_utf8_offset_to_pointer (text, to) - text), &last);
      if (ABS (last.x - first.x) > widest)
        {
          widest = ABS (last.x - first.x);
          n_glyphs = to - from;
        }
    }
  pango_layout_iter_free (iter);
  /* each glyph's advance may round by up to a pixel at another size */
  while (steps < 4
         && (gint64) widest * (size * (20 - (steps + 1)) / 20) / size
              > (gint64) (width + n_glyphs + 2) * PANGO_SCALE)
    steps++;
  return steps;
}

/* @layout in @font at @steps twentieths below @size. */
static void
set_smaller (PangoLayout          *layout,
             PangoFontDescription *font,
             int                   size,
             int                   steps)
{
  int smaller = size * (20 - steps) / 20;

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, smaller);
  else
    pango_font_description_set_size (font, smaller);
  pango_layout_set_font_description (layout, font);
}

/**
 * verk_organisation_cell_make_layout:
 *
 * The layout the cell draws, at its width now.
 *
 * Returns: (transfer full): the layout
 */
PangoLayout *
verk_organisation_cell_make_layout (VerkOrganisationCell *self)
{
  PangoLayout *layout;

  g_return_val_if_fail (VERK_IS_ORGANISATION_CELL (self), NULL);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_markup (layout, self->markup, -1);
  pango_layout_set_alignment (layout, self->xalign > 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  if (self->lines > 0)
    {
      /* the layout aligns its lines within the widget's width itself */
      pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
      pango_layout_set_height (layout, -self->lines);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      /* A word a little wider than the column ("Rektorsgruppen" in bold)
       * is set a size smaller, down to 80 %, rather than broken as
       * "Rektorsgruppe-n". A longer word, broken at 80 % too, is
       * hyphenated at the head's own size, which reads better from the
       * back of a room; only when the name then does not fit in its lines
       * is it set at 80 %, which shows more of it. */
      {
        int width = gtk_widget_get_width (GTK_WIDGET (self));
        PangoContext *context = pango_layout_get_context (layout);
        PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));
        int size = pango_font_description_get_size (font);

        if (width != self->fit_width || size != self->fit_font_size)
          {
            self->fit_steps = 0;
            if (verk_organisation_cell_breaks_inside_a_word (layout))
              {
                gboolean cut_short = pango_layout_is_ellipsized (layout);
                gboolean whole = FALSE;
                /* the sizes sure to break a word too are not tried */
                int steps = steps_sure_to_break (layout, width, size);

                while (steps < 4 && !whole)
                  {
                    set_smaller (layout, font, size, ++steps);
                    whole = !verk_organisation_cell_breaks_inside_a_word (layout);
                  }
                if (whole)
                  self->fit_steps = steps;
                else if (cut_short)
                  {
                    self->fit_steps = 4;
                    set_smaller (layout, font, size, self->fit_steps);
                  }
                else
                  pango_layout_set_font_description (layout, NULL);
              }
            self->fit_width = width;
            self->fit_font_size = size;
          }
        else if (self->fit_steps > 0)
          set_smaller (layout, font, size, self->fit_steps);
        pango_font_description_free (font);
      }
    }
  return layout;
}
