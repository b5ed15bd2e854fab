/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A text of a list slide larger than its body (a part's or an area's name,
 * a trait, a motto): a label that, however large its VerkSlideFit sets the
 * slide, is drawn no larger than the fit's text limit, so the page title
 * stays the largest text on the screen. It takes the room of its full size
 * and wraps as at it (the rest of the slide keeps its place; only the
 * space around the text grows). */
#define VERK_TYPE_SLIDE_TEXT (verk_slide_text_get_type ())
G_DECLARE_FINAL_TYPE (VerkSlideText, verk_slide_text, VERK, SLIDE_TEXT, GtkWidget)

/* @text in the style @css_class. */
GtkWidget *verk_slide_text_new       (const char       *text,
                                         const char       *css_class);
GtkLabel  *verk_slide_text_get_label (VerkSlideText *self);
/* The size of @widget's type in pixels, as its style sets it. */
double     verk_slide_text_type_px   (GtkWidget        *widget);

G_END_DECLS
