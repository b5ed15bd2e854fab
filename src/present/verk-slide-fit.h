/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A slide's text set as large as its area allows: the child (a slide built
 * by verk-presentation-slides.c) is laid out at the largest scale, up to
 * VERK_SLIDE_FIT_MAX_SCALE of its style's sizes, at which its natural height
 * for the narrower width fits the area, and drawn scaled by it. It never
 * goes below the style's own sizes (the legible floor): a slide that does
 * not fit at them asks for its whole height, so the scrolled window around
 * it scrolls instead of cutting text. A slide that is one page of a list
 * (verk_slide_fit_set_other_pages()) is set at the scale at which every
 * page fits, so the pages read at one size; its larger texts
 * (VerkSlideText) stay below a limit (verk_slide_fit_set_text_limit()). */
#define VERK_SLIDE_FIT_MAX_SCALE 1.55

#define VERK_TYPE_SLIDE_FIT (verk_slide_fit_get_type ())
G_DECLARE_FINAL_TYPE (VerkSlideFit, verk_slide_fit, VERK, SLIDE_FIT, GtkWidget)

GtkWidget *verk_slide_fit_new       (void);
void       verk_slide_fit_set_child (VerkSlideFit *self,
                                     GtkWidget    *child);
GtkWidget *verk_slide_fit_get_child (VerkSlideFit *self);
double     verk_slide_fit_get_scale (VerkSlideFit *self);
void       verk_slide_fit_set_other_pages   (VerkSlideFit *self,
                                             GPtrArray    *pages);
void       verk_slide_fit_set_text_limit (VerkSlideFit *self,
                                             double        limit);
double     verk_slide_fit_get_text_limit (VerkSlideFit *self);
void       verk_slide_fit_set_max_scale  (VerkSlideFit *self,
                                          double        max_scale);

G_END_DECLS
