/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-slide-fit"

#include "config.h"

#include <math.h>

#include "verk-slide-fit.h"

/* The scale is searched to this precision (a quarter pixel of 26 px type). */
#define SCALE_PRECISION 0.01

struct _VerkSlideFit
{
  GtkWidget  parent_instance;

  /* owned (a child widget) */
  GtkWidget *child;

  double     scale;        /* as last allocated; 1 before */
};

G_DEFINE_FINAL_TYPE (VerkSlideFit, verk_slide_fit, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_SCALE,
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

/* Whether the child, laid out @width / @scale wide and drawn @scale times
 * larger, fits @width × @height. */
static gboolean
fits (VerkSlideFit *self,
      double        scale,
      int           width,
      int           height)
{
  int scaled_width = (int) floor (width / scale);
  int minimum, natural;

  gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  if (minimum > scaled_width)
    return FALSE;
  gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, scaled_width, &minimum, &natural, NULL, NULL);
  return natural * scale <= height;
}

/* The largest scale from 1 to VERK_SLIDE_FIT_MAX_SCALE at which the child
 * fits; 1 when even that does not (it then gets its whole height). */
static double
largest_fitting_scale (VerkSlideFit *self,
                       int           width,
                       int           height)
{
  double lo = 1.0, hi = VERK_SLIDE_FIT_MAX_SCALE;

  if (fits (self, hi, width, height))
    return hi;
  if (!fits (self, lo, width, height))
    return lo;
  /* Taller text wraps into more lines: the height grows with the scale. */
  while (hi - lo > SCALE_PRECISION)
    {
      double mid = (lo + hi) / 2;

      if (fits (self, mid, width, height))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
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
  scale = largest_fitting_scale (self, width, height);
  gtk_widget_allocate (self->child, (int) floor (width / scale), (int) floor (height / scale), -1,
                       gsk_transform_scale (NULL, (float) scale, (float) scale));
  if (scale != self->scale)
    {
      self->scale = scale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
    }
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
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "verk-slide-fit");
}

static void
verk_slide_fit_init (VerkSlideFit *self)
{
  self->scale = 1.0;
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
