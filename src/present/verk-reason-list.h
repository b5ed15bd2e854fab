/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The reasons behind a revealed piece's extreme scores, as the room reads
 * them (issue 15): a heading per end ("Why 1?", or "Why everyone gave 3"),
 * each reason a quote, never a name. A quote is one running text (a
 * reason's line breaks are not the slide's) of at most three lines, cut
 * with "…" rather than set smaller; the list shows as many quotes as its
 * height holds, taking one from each end in turn, and says how many more
 * there are ("+ 3 more") beside the end's heading. Where no quote of each
 * end fits at three lines, every quote gets two, then one: both ends are
 * heard. The whole reasons stay on the facilitator's Assess page. Its
 * minimum height is its headings'. Put it in a VerkSlideFit: when
 * everything fits with room to spare, the fit sets it larger. Everything
 * it may show is made when the reasons are set: allocating it only picks
 * which children show. */
#define VERK_TYPE_REASON_LIST (verk_reason_list_get_type ())
G_DECLARE_FINAL_TYPE (VerkReasonList, verk_reason_list, VERK, REASON_LIST, GtkWidget)

GtkWidget *verk_reason_list_new            (void);
/* @ends: (element-type VerkExtremeReasons) (transfer none) (nullable): as
 * verk_extreme_reasons_revealed() gives them; NULL or empty for none. */
void       verk_reason_list_set_ends       (VerkReasonList *self,
                                            GPtrArray      *ends);
/* How many reasons it holds, and how many it showed at its last allocation. */
guint      verk_reason_list_get_n_reasons  (VerkReasonList *self);
guint      verk_reason_list_get_n_shown    (VerkReasonList *self);

G_END_DECLS
