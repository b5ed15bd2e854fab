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
/* The slides of @step that are pages of one list with slide @slide (and
 * are set at one size): slides @first to @first + @n - 1. The pages of the
 * plan, the pages of last time's actions; any other slide is a page of its
 * own. */
void  verk_presentation_slides_pages (VerkContent *content,
                                      VerkSession *session,
                                      VerkStep     step,
                                      guint        slide,
                                      guint       *first,
                                      guint       *n);
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

/* A slide longer than its area (at the floor size): fades out what the
 * edge at @bottom (of @content) cuts, so the room sees whole texts only; a
 * kept group (an action: what, who, by when) goes whole. */
void  verk_presentation_slides_fade_cut  (GtkBox      *box,
                                          GtkWidget   *content,
                                          double       bottom);
/* Then, to continue it: hides into @hidden what was seen whole between
 * @top and @bottom, and the boxes left empty, keeping a heading over the
 * rest of its texts; the rest moves up. */
void  verk_presentation_slides_hide_seen (GtkBox      *box,
                                          GtkWidget   *content,
                                          double       top,
                                          double       bottom,
                                          GPtrArray   *hidden);

/* A score on the scale's colour (0: none), a rank or a tick, as a badge. */
GtkWidget *verk_presentation_slides_badge (const char *string,
                                           int         score);

G_END_DECLS
