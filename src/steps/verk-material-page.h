/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-step-page.h"

G_BEGIN_DECLS

#define VERK_TYPE_MATERIAL_PAGE (verk_material_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkMaterialPage, verk_material_page, VERK, MATERIAL_PAGE, VerkStepPage)

/* The leadership platform for discussion: its three parts (role, expectations,
 * trait) and the whole, the group's reflections per part (autosaved), an
 * optional 1–5 score per expectation, and the programme's modules. A
 * VerkStepPage: shows the workshop of its "session" property, read from the
 * session's VerkWorkshopModel. */
VerkMaterialPage *verk_material_page_new (void);

G_END_DECLS
