/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session-widget.h"

G_BEGIN_DECLS

/* What the room sees: the puzzle, the selected piece's name and description
 * in large type, participants' scores only once revealed, the discussion
 * timer, and the platform material on the Material step. No controls; it
 * follows the session it is given, so the facilitator's window and the
 * presenter window show the same state. Esc emits VerkPresentationView::leave. */
#define VERK_TYPE_PRESENTATION_VIEW (verk_presentation_view_get_type ())
G_DECLARE_FINAL_TYPE (VerkPresentationView, verk_presentation_view, VERK, PRESENTATION_VIEW, VerkSessionWidget)

GtkWidget   *verk_presentation_view_new         (VerkSession          *session);

G_END_DECLS
