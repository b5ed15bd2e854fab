/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-step-page.h"

G_BEGIN_DECLS

/* The Assess step: the puzzle beside a panel for the selected piece, where each
 * participant's score is entered, the spread shown, and the agreed score, its
 * rationale and the desired level set. */
#define VERK_TYPE_ASSESS_PAGE (verk_assess_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkAssessPage, verk_assess_page, VERK, ASSESS_PAGE, VerkStepPage)

GtkWidget *verk_assess_page_new (void);

G_END_DECLS
