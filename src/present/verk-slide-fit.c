/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-slide-fit"

#include "config.h"

#include <math.h>

#include "verk-slide-fit.h"
#include "verk-slide-text.h"

/* The scale is searched to this precision (a quarter pixel of 26 px type). */
#define SCALE_PRECISION 0.01

struct _VerkSlideFit
{
  GtkWidget  parent_instance;

  /* owned (child widgets) */
  GtkWidget *child;
  /* The other pages of the child's list: measured, never shown. */
  GPtrArray *other_pages;

  double     scale;          /* as last allocated; 1 before */
  double     max_scale;      /* VERK_SLIDE_FIT_MAX_SCALE unless set lower */
  double     text_limit;     /* px; 0: none */
};

G_DEFINE_FINAL_TYPE (VerkSlideFit, verk_slide_fit, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_SCALE,
  PROP_TEXT_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The child's own size at the style's sizes: what a scrolled window around
 * the slide needs when the slide does not fit at the floor. */
static void
verk_slide_fit_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  VerkSlideFit *self = VERK_SLIDE_FIT (widget);

  *minimum = *natural = 0;
  if (self->child != NULL && gtk_widget_get_visible (self->child))
    gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Whether @page, laid out @width / @scale wide and drawn @scale times
 * larger, fits @width × @height. */
static gboolean
fits (GtkWidget *page,
      double     scale,
      int        width,
      int        height)
{
  int scaled_width = (int) floor (width / scale);
  int minimum, natural;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  if (minimum > scaled_width)
    return FALSE;
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, scaled_width, &minimum, &natural, NULL, NULL);
  return natural * scale <= height;
}

/* The largest scale from 1 to VERK_SLIDE_FIT_MAX_SCALE at which @page
 * fits; 1 when even that does not. Always the same steps of the search,
 * so each page gets the same answer whichever of them is shown. */
static double
largest_fitting_scale (GtkWidget *page,
                       double     max_scale,
                       int        width,
                       int        height)
{
  double lo = 1.0, hi = max_scale;

  if (fits (page, hi, width, height))
    return hi;
  if (!fits (page, lo, width, height))
    return lo;
  /* Taller text wraps into more lines: the height grows with the scale. */
  while (hi - lo > SCALE_PRECISION)
    {
      double mid = (lo + hi) / 2;

      if (fits (page, mid, width, height))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Has every VerkSlideText of @widget laid out again: how large it is
 * drawn follows the scale and the text limit. */
static void
reallocate_large_texts (GtkWidget *widget)
{
  if (VERK_IS_SLIDE_TEXT (widget))
    gtk_widget_queue_allocate (widget);
  else
    for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
      reallocate_large_texts (c);
}

static void
verk_slide_fit_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  VerkSlideFit *self = VERK_SLIDE_FIT (widget);
  double scale;

  if (self->child == NULL || !gtk_widget_get_visible (self->child) || width <= 0 || height <= 0)
    return;
  /* The largest scale at which the child fits (1 when even that does not:
   * it then gets its whole height), and every other page of its list. */
  scale = largest_fitting_scale (self->child, self->max_scale, width, height);
  for (guint i = 0; self->other_pages != NULL && i < self->other_pages->len; i++)
    scale = MIN (scale, largest_fitting_scale (g_ptr_array_index (self->other_pages, i), self->max_scale,
                                               width, height));
  /* Set before the child is allocated: its larger texts read it. */
  if (scale != self->scale)
    {
      self->scale = scale;
      reallocate_large_texts (self->child);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
    }
  gtk_widget_allocate (self->child, (int) floor (width / scale), (int) floor (height / scale), -1,
                       gsk_transform_scale (NULL, (float) scale, (float) scale));
}

static GtkSizeRequestMode
verk_slide_fit_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
verk_slide_fit_dispose (GObject *object)
{
  VerkSlideFit *self = VERK_SLIDE_FIT (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  g_clear_pointer (&self->other_pages, g_ptr_array_unref);
  G_OBJECT_CLASS (verk_slide_fit_parent_class)->dispose (object);
}

static void
verk_slide_fit_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VerkSlideFit *self = VERK_SLIDE_FIT (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    case PROP_TEXT_LIMIT:
      g_value_set_double (value, self->text_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_slide_fit_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VerkSlideFit *self = VERK_SLIDE_FIT (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      verk_slide_fit_set_child (self, g_value_get_object (value));
      break;
    case PROP_TEXT_LIMIT:
      verk_slide_fit_set_text_limit (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_slide_fit_class_init (VerkSlideFitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_slide_fit_dispose;
  object_class->get_property = verk_slide_fit_get_property;
  object_class->set_property = verk_slide_fit_set_property;
  widget_class->measure = verk_slide_fit_measure;
  widget_class->size_allocate = verk_slide_fit_size_allocate;
  widget_class->get_request_mode = verk_slide_fit_get_request_mode;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * VerkSlideFit:scale:
   *
   * How many times its style's sizes the slide is drawn, from 1 (the
   * floor) to VERK_SLIDE_FIT_MAX_SCALE, as last allocated.
   */
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 1.0, VERK_SLIDE_FIT_MAX_SCALE, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * VerkSlideFit:text-limit:
   *
   * The largest size in pixels, as drawn, of the slide's larger texts
   * (VerkSlideText), whatever the scale; 0 for no limit.
   */
  properties[PROP_TEXT_LIMIT] =
    g_param_spec_double ("text-limit", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "verk-slide-fit");
}

static void
verk_slide_fit_init (VerkSlideFit *self)
{
  self->scale = 1.0;
  self->max_scale = VERK_SLIDE_FIT_MAX_SCALE;
}

/**
 * verk_slide_fit_new:
 *
 * Returns: (transfer floating): an empty fit; give it a slide with
 *   verk_slide_fit_set_child().
 */
GtkWidget *
verk_slide_fit_new (void)
{
  return g_object_new (VERK_TYPE_SLIDE_FIT, NULL);
}

/**
 * verk_slide_fit_set_child:
 * @child: (nullable): the slide
 */
void
verk_slide_fit_set_child (VerkSlideFit *self,
                          GtkWidget    *child)
{
  g_return_if_fail (VERK_IS_SLIDE_FIT (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (child == self->child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * verk_slide_fit_get_child:
 *
 * Returns: (transfer none) (nullable): the slide
 */
GtkWidget *
verk_slide_fit_get_child (VerkSlideFit *self)
{
  g_return_val_if_fail (VERK_IS_SLIDE_FIT (self), NULL);
  return self->child;
}

/**
 * verk_slide_fit_get_scale:
 *
 * Returns: how many times its style's sizes the slide is drawn, as last
 *   allocated: 1 (the floor) to VERK_SLIDE_FIT_MAX_SCALE.
 */
double
verk_slide_fit_get_scale (VerkSlideFit *self)
{
  g_return_val_if_fail (VERK_IS_SLIDE_FIT (self), 1.0);
  return self->scale;
}

/**
 * verk_slide_fit_set_other_pages:
 * @pages: (nullable) (element-type GtkWidget) (transfer none): the other
 *   pages of the child's list (floating widgets are sunk)
 *
 * The child is one page of a list of slides: the room reads them at one
 * size. The child is set at the largest scale at which it and every one of
 * @pages fits; @pages are measured as if shown (they take the child's
 * style) but never drawn, allocated or presented to assistive technology.
 */
void
verk_slide_fit_set_other_pages (VerkSlideFit *self,
                                GPtrArray    *pages)
{
  g_return_if_fail (VERK_IS_SLIDE_FIT (self));

  g_clear_pointer (&self->other_pages, g_ptr_array_unref);
  if (pages != NULL && pages->len > 0)
    {
      self->other_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_widget_unparent);
      for (guint i = 0; i < pages->len; i++)
        {
          GtkWidget *page = g_ptr_array_index (pages, i);

          gtk_widget_set_child_visible (page, FALSE);
          gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          gtk_widget_set_parent (page, GTK_WIDGET (self));
          g_ptr_array_add (self->other_pages, page);
        }
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * verk_slide_fit_set_text_limit:
 * @limit: pixels, or 0 for no limit
 *
 * The larger texts of the slide (VerkSlideText: headings, traits, a
 * motto) are drawn no larger than @limit pixels, however large the slide is
 * set: the page title above it stays the largest text.
 */
void
verk_slide_fit_set_text_limit (VerkSlideFit *self,
                                  double        limit)
{
  g_return_if_fail (VERK_IS_SLIDE_FIT (self));

  if (limit == self->text_limit)
    return;
  self->text_limit = limit;
  if (self->child != NULL)
    reallocate_large_texts (self->child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_LIMIT]);
}

double
verk_slide_fit_get_text_limit (VerkSlideFit *self)
{
  g_return_val_if_fail (VERK_IS_SLIDE_FIT (self), 0);
  return self->text_limit;
}

/**
 * verk_slide_fit_set_max_scale:
 * @max_scale: from 1 to VERK_SLIDE_FIT_MAX_SCALE
 *
 * A part of a slide beside others (the reasons beside a piece's spread)
 * grows less than a slide of its own: no more than @max_scale times its
 * style's sizes, so it does not outshout the texts around it.
 */
void
verk_slide_fit_set_max_scale (VerkSlideFit *self,
                              double        max_scale)
{
  g_return_if_fail (VERK_IS_SLIDE_FIT (self));
  g_return_if_fail (max_scale >= 1.0 && max_scale <= VERK_SLIDE_FIT_MAX_SCALE);

  self->max_scale = max_scale;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
