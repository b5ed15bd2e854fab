/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-extreme-reasons"

#include "config.h"

#include <string.h>

#include "verk-extreme-reasons.h"
#include "verk-record.h"

void
verk_extreme_reasons_free (VerkExtremeReasons *reasons)
{
  if (reasons == NULL)
    return;
  g_strfreev (reasons->reasons);
  g_free (reasons);
}

/* A participant's score of @item_id in @round, NULL when none. */
static const VerkScore *
round_score (VerkWorkshopModel *model,
             gint64             item_id,
             gint64             participant_id,
             guint              round)
{
  return round == 2 ? verk_workshop_model_find_second_round_score (model, item_id, participant_id)
                    : verk_workshop_model_find_score (model, item_id, participant_id);
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  int by_collation = g_utf8_collate (x, y);

  /* Byte order between texts the locale collates alike: one order always. */
  return by_collation != 0 ? by_collation : strcmp (x, y);
}

/* The end at @score with its non-empty reasons, NULL when it has none. */
static VerkExtremeReasons *
end_at (VerkWorkshopModel *model,
        gint64             item_id,
        guint              round,
        int                score,
        gboolean           everyone)
{
  GListModel *participants = verk_workshop_model_get_participant_list (model);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  VerkExtremeReasons *end;

  for (guint p = 0; p < g_list_model_get_n_items (participants); p++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, p);
      const VerkScore *given = round_score (model, item_id, verk_record_get_participant (record)->id, round);
      g_autofree char *text = NULL;

      if (given == NULL || given->value != score || given->comment == NULL)
        continue;
      text = g_strstrip (g_strdup (given->comment));
      if (text[0] != '\0')
        g_ptr_array_add (texts, g_steal_pointer (&text));
    }
  if (texts->len == 0)
    return NULL;
  /* The participants' order is the order the facilitator typed their names
   * in, which the room may know (and, after a named reveal, sees on the
   * chips): the room reads the reasons in the order of their text, which
   * tells nothing of who gave which. */
  g_ptr_array_sort (texts, compare_reasons);
  g_ptr_array_add (texts, NULL);
  end = g_new0 (VerkExtremeReasons, 1);
  end->score = score;
  end->everyone = everyone;
  end->reasons = (char **) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
  return end;
}

/**
 * verk_extreme_reasons_of_round:
 * @model: the workshop's model
 * @item_id: a piece
 * @round: 1, or 2 for the piece's second private round
 *
 * Returns: (transfer full) (element-type VerkExtremeReasons): the lowest
 *   end's reasons, then the highest's; each end only when a reason was given
 *   with it, one end when everyone gave the same score.
 */
GPtrArray *
verk_extreme_reasons_of_round (VerkWorkshopModel *model,
                               gint64             item_id,
                               guint              round)
{
  GPtrArray *ends = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_extreme_reasons_free);
  GListModel *participants;
  int lo = 6, hi = 0;
  VerkExtremeReasons *end;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (model), ends);
  g_return_val_if_fail (round == 1 || round == 2, ends);

  /* The ends over the same scores the slide counts: the participants'. */
  participants = verk_workshop_model_get_participant_list (model);
  for (guint p = 0; p < g_list_model_get_n_items (participants); p++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, p);
      const VerkScore *given = round_score (model, item_id, verk_record_get_participant (record)->id, round);

      if (given != NULL && given->value > 0)
        {
          lo = MIN (lo, given->value);
          hi = MAX (hi, given->value);
        }
    }
  if (hi == 0)
    return ends;
  if ((end = end_at (model, item_id, round, lo, lo == hi)) != NULL)
    g_ptr_array_add (ends, end);
  if (hi > lo && (end = end_at (model, item_id, round, hi, FALSE)) != NULL)
    g_ptr_array_add (ends, end);
  return ends;
}

/**
 * verk_extreme_reasons_revealed:
 * @session: the session the room sees
 * @item_id: a piece
 *
 * Returns: (transfer full) (element-type VerkExtremeReasons): the reasons of
 *   the round @item_id shows, once the facilitator revealed it; else empty.
 */
GPtrArray *
verk_extreme_reasons_revealed (VerkSession *session,
                               gint64       item_id)
{
  VerkWorkshopModel *model;

  g_return_val_if_fail (VERK_IS_SESSION (session), NULL);

  model = verk_session_get_model (session);
  if (!verk_session_is_revealed (session, item_id) || verk_workshop_model_find_piece (model, item_id) == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) verk_extreme_reasons_free);
  return verk_extreme_reasons_of_round (model, item_id,
                                        verk_workshop_model_has_second_round (model, item_id) ? 2 : 1);
}
