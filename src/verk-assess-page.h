/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* The Assess step: the puzzle beside a panel for the selected piece, where each
 * participant's score is entered, the spread shown, and the agreed score, its
 * rationale and the desired level set. */
#define VERK_TYPE_ASSESS_PAGE (verk_assess_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkAssessPage, verk_assess_page, VERK, ASSESS_PAGE, AdwBin)

GtkWidget   *verk_assess_page_new         (void);
VerkSession *verk_assess_page_get_session (VerkAssessPage *self);
void         verk_assess_page_set_session (VerkAssessPage *self,
                                           VerkSession    *session);

G_END_DECLS
