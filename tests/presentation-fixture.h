/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-session.h"
#include "verk-store.h"

G_BEGIN_DECLS

/* The presentation (the real VerkPresentationView) of one workshop of an
 * in-memory store, alone in a window: what the presentation's widget tests
 * (tests/test-presentation-*.c) share. Runs under the display build-aux/dev
 * test provides. */
typedef struct {
  VerkStore   *store;
  VerkSession *session;
  GtkWidget   *window;
  GtkWidget   *view;
} PresentationFixture;

/* GTK, libadwaita, the application's resources, style and translations. */
void     presentation_fixture_init        (int                 *argc,
                                           char              ***argv);
/* An empty store, for the test to fill. */
void     presentation_fixture_open_store  (PresentationFixture  *f);
/* A session on @workshop, and its presentation in a window of @width ×
 * @height without a frame, shown. */
void     presentation_fixture_present     (PresentationFixture  *f,
                                           gint64                workshop,
                                           int                   width,
                                           int                   height);
void     presentation_fixture_close       (PresentationFixture  *f);
/* The view's template child @name. */
gpointer presentation_fixture_child       (PresentationFixture  *f,
                                           const char           *name);
/* Lets @widget's window lay out and paint @n frames once @widget is
 * mapped (style classes and the footer follow a layout from idle
 * callbacks). */
void     presentation_fixture_wait_frames (GtkWidget            *widget,
                                           guint                 n);
/* The window as last painted, to build/test-artifacts/@name.png, for a
 * person to look at; returns the path. */
char    *presentation_fixture_save_png    (PresentationFixture  *f,
                                           const char           *name);

G_END_DECLS
