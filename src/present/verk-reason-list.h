/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The reasons behind a revealed piece's extreme scores, as the room reads
 * them (issue 15): a heading per end ("Why 1?", or "Why everyone gave 3"),
 * each reason a quote, never a name. The list shows as many whole quotes as
 * its height holds at the slide's type size, taking one from each end in
 * turn, and says how many more there are ("+ 3 more") beside the end's
 * heading instead of shrinking or cutting the text. Its minimum height is
 * its headings'. Put it in a VerkSlideFit: when everything fits with room to
 * spare, the fit sets it larger. */
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
