/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-slide-text"

#include "config.h"

#include "verk-slide-fit.h"
#include "verk-slide-text.h"

struct _VerkSlideText
{
  GtkWidget  parent_instance;

  /* owned (a child widget) */
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (VerkSlideText, verk_slide_text, GTK_TYPE_WIDGET)

/* How much smaller than its style's size the text is drawn: 1 unless the
 * fit around it would draw it above its text limit. */
static double
shrink (VerkSlideText *self)
{
  GtkWidget *fit = gtk_widget_get_ancestor (GTK_WIDGET (self), VERK_TYPE_SLIDE_FIT);
  double limit, drawn;

  if (fit == NULL || (limit = verk_slide_fit_get_text_limit (VERK_SLIDE_FIT (fit))) <= 0)
    return 1;
  drawn = verk_slide_text_type_px (self->label) * verk_slide_fit_get_scale (VERK_SLIDE_FIT (fit));
  return drawn > limit ? limit / drawn : 1;
}

/* Its full size: what it needs does not depend on the fit's scale, so
 * the fit's search and GTK's caches see one size. */
static void
verk_slide_text_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  gtk_widget_measure (VERK_SLIDE_TEXT (widget)->label, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Drawn @shrink times its size in the room it asked for, aligned in it as
 * the label aligns its lines. It wraps as at its full size: laid out any
 * wider, it would tell assistive technology (which GTK 4.8 gives the
 * allocation, not the drawn size) of more width than the slide has. */
static void
verk_slide_text_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  VerkSlideText *self = VERK_SLIDE_TEXT (widget);
  double factor = shrink (self);
  GskTransform *transform = NULL;

  if (factor < 1)
    {
      double x = (1 - factor) * width * gtk_label_get_xalign (GTK_LABEL (self->label));

      transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) x, 0));
      transform = gsk_transform_scale (transform, (float) factor, (float) factor);
    }
  gtk_widget_allocate (self->label, width, height, -1, transform);
}

static GtkSizeRequestMode
verk_slide_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
verk_slide_text_dispose (GObject *object)
{
  VerkSlideText *self = VERK_SLIDE_TEXT (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  G_OBJECT_CLASS (verk_slide_text_parent_class)->dispose (object);
}

static void
verk_slide_text_class_init (VerkSlideTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_slide_text_dispose;
  widget_class->measure = verk_slide_text_measure;
  widget_class->size_allocate = verk_slide_text_size_allocate;
  widget_class->get_request_mode = verk_slide_text_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "verk-slide-text");
}

static void
verk_slide_text_init (VerkSlideText *self)
{
  self->label = gtk_label_new (NULL);
  /* By word, as every text of a slide. */
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/**
 * verk_slide_text_new:
 * @text: the text
 * @css_class: its style
 *
 * Returns: (transfer floating): the text
 */
GtkWidget *
verk_slide_text_new (const char *text,
                        const char *css_class)
{
  VerkSlideText *self = g_object_new (VERK_TYPE_SLIDE_TEXT, NULL);

  gtk_label_set_text (GTK_LABEL (self->label), text);
  gtk_widget_add_css_class (self->label, css_class);
  return GTK_WIDGET (self);
}

/**
 * verk_slide_text_get_label:
 *
 * Returns: (transfer none): the label that shows the text
 */
GtkLabel *
verk_slide_text_get_label (VerkSlideText *self)
{
  g_return_val_if_fail (VERK_IS_SLIDE_TEXT (self), NULL);
  return GTK_LABEL (self->label);
}

/**
 * verk_slide_text_type_px:
 * @widget: a label, say
 *
 * Returns: the size of @widget's type in pixels, as its style sets it
 *   (before any scale it is drawn at)
 */
double
verk_slide_text_type_px (GtkWidget *widget)
{
  const PangoFontDescription *font;
  double size;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}
