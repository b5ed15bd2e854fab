/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"

G_BEGIN_DECLS

#define VERK_TYPE_MATERIAL_PAGE (verk_material_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkMaterialPage, verk_material_page, VERK, MATERIAL_PAGE, GtkWidget)

/* The leadership platform for discussion: its three parts (role, expectations,
 * trait) and the whole, the group's reflections per part (autosaved), an
 * optional 1–5 score per expectation, and the programme's modules. Shows the
 * workshop of its "session" property. */
VerkMaterialPage *verk_material_page_new (void);

G_END_DECLS
