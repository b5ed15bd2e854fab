/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "verk-session.h"
#include "verk-workshop-model.h"

G_BEGIN_DECLS

/* The reasons behind the extreme scores of a piece, as the room sees them at
 * the reveal (issue 15): the one-line reasons (a score's comment) given with
 * the lowest and with the highest score of a round, without who gave them.
 * Read from the workshop's model; nothing here touches the store. */

/* One end of a round's scores and the reasons given with it. */
typedef struct {
  int       score;      /* the score given at this end, 1..5 */
  /* Everyone who scored gave it: there are no two ends, and these are the
   * reasons of all of them. */
  gboolean  everyone;
  /* The reasons given with it, without surrounding spaces, empty ones left
   * out, sorted by text: never in the participants' order, which would tell
   * the room whose reason is whose (NULL-terminated, never empty). */
  char    **reasons;
} VerkExtremeReasons;

void                verk_extreme_reasons_free      (VerkExtremeReasons *reasons);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkExtremeReasons, verk_extreme_reasons_free)

/* The reasons given with the lowest and with the highest score of @item_id
 * in @round (1, or 2: its second private round), over @model's
 * participants: the lowest end first, then the highest; an end only when a
 * reason was given with it; one end (everyone TRUE) when everyone who scored
 * gave the same score. Empty when no reason was given at an end.
 * Returns: (transfer full) (element-type VerkExtremeReasons) */
GPtrArray          *verk_extreme_reasons_of_round  (VerkWorkshopModel  *model,
                                                    gint64              item_id,
                                                    guint               round);

/* What the room may see of them now: the round the piece shows (its second
 * round once that started), and nothing until the facilitator revealed it
 * (verk_session_is_revealed(): with "hide until reveal" off the scores show
 * as they come, but a reason still waits for the reveal, as the phones'
 * round is open until then). Empty for a piece the session's model does
 * not hold.
 * Returns: (transfer full) (element-type VerkExtremeReasons) */
GPtrArray          *verk_extreme_reasons_revealed  (VerkSession        *session,
                                                    gint64              item_id);

/* @reason as one running text of at most @max_chars characters (0: all),
 * for a quote of a few lines on the projector: spaces collapsed, empty
 * lines left out, a line break after a sentence a space, else " / "; cut
 * at a word with "…" when longer.
 * Returns: (transfer full) */
char               *verk_extreme_reasons_one_line  (const char         *reason,
                                                    guint               max_chars);

G_END_DECLS
