/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "verk-puzzle-renderer.h"
#include "verk-puzzle-view.h"

G_BEGIN_DECLS

/* For tests: the renderer that draws the view and keeps its picture. */
VerkPuzzleRenderer *verk_puzzle_view_get_renderer (VerkPuzzleView *self);

G_END_DECLS
