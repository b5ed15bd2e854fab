/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-content.h"
#include "verk-session.h"

G_BEGIN_DECLS

/* The slides of the steps without pieces to walk through: Material (the
 * platform, each part, the whole), Prioritise, Plan and Follow up. Each is
 * built from the session's VerkWorkshopModel whenever it changes; used by
 * VerkPresentationView only. */

/* How many slides @step has (Assess's pieces are the view's own). */
guint verk_presentation_slides_count (VerkContent *content,
                                      VerkSession *session,
                                      VerkStep     step);
/* The title of slide @slide of @step. */
char *verk_presentation_slides_title (VerkContent *content,
                                      VerkStep     step,
                                      guint        slide);
/* Empties @box and fills it with slide @slide of @step; sets @status to the
 * line beside the title (or NULL). */
void  verk_presentation_slides_build (GtkBox      *box,
                                      VerkContent *content,
                                      VerkSession *session,
                                      VerkStep     step,
                                      guint        slide,
                                      char       **status);

/* Whether @widget is one of a slide's groups that the room reads as one
 * (an action: what, who, by when), shown whole or not at all when a slide
 * is longer than the screen. */
gboolean verk_presentation_slides_is_unit (GtkWidget *widget);
/* Whether @widget heads the texts after it (a part's or an area's name, a
 * reflection's title), so it goes where they go. */
gboolean verk_presentation_slides_is_heading (GtkWidget *widget);

/* A score on the scale's colour (0: none), a rank or a tick, as a badge. */
GtkWidget *verk_presentation_slides_badge (const char *string,
                                           int         score);

G_END_DECLS
