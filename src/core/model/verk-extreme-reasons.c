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

/* The end at @score with @texts (sorted here), NULL when @texts is empty. */
static VerkExtremeReasons *
end_of (GPtrArray *texts,
        int        score,
        gboolean   everyone)
{
  VerkExtremeReasons *end;

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
  end->reasons = (char **) g_ptr_array_steal (texts, NULL);
  return end;
}

/* Keeps in @texts the reasons given with @score, the end of the scores seen
 * so far; @beyond: @value lies past it, so the end moves there. */
static void
take (GPtrArray  *texts,
      int        *end,
      int         value,
      gboolean    beyond,
      const char *reason)
{
  if (beyond)
    {
      *end = value;
      g_ptr_array_set_size (texts, 0);
    }
  if (value == *end && reason != NULL && reason[0] != '\0')
    g_ptr_array_add (texts, g_strdup (reason));
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
  g_autoptr (GPtrArray) lowest = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) highest = g_ptr_array_new_with_free_func (g_free);
  GListModel *participants;
  int lo = 6, hi = 0;
  VerkExtremeReasons *end;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (model), ends);
  g_return_val_if_fail (round == 1 || round == 2, ends);

  /* The ends over the same scores the slide counts: the participants'. One
   * walk: the reasons at each end so far, dropped when the end moves. */
  participants = verk_workshop_model_get_participant_list (model);
  for (guint p = 0; p < g_list_model_get_n_items (participants); p++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, p);
      const VerkScore *given = round_score (model, item_id, verk_record_get_participant (record)->id, round);
      g_autofree char *reason = NULL;

      if (given == NULL || given->value <= 0)
        continue;
      if (given->comment != NULL)
        reason = g_strstrip (g_strdup (given->comment));
      take (lowest, &lo, given->value, given->value < lo, reason);
      take (highest, &hi, given->value, given->value > hi, reason);
    }
  if (hi == 0)
    return ends;
  if ((end = end_of (lowest, lo, lo == hi)) != NULL)
    g_ptr_array_add (ends, end);
  if (hi > lo && (end = end_of (highest, hi, FALSE)) != NULL)
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

/* Ends a sentence (or a clause): the next line may follow after a space. */
static gboolean
ends_sentence (gunichar c)
{
  return (c > 0 && c < 0x80 && strchr (".!?:;,", (int) c) != NULL) || c == 0x2026 /* … */;
}

/**
 * verk_extreme_reasons_one_line:
 * @reason: a reason as given: of any length, perhaps of several lines
 * @max_chars: the most characters to keep, 0 for all
 *
 * A reason as one running text, for a quote of a few lines on the
 * projector: each line's spaces collapsed, empty lines left out, a line
 * break after a sentence a space, else " / " (a list typed line by line
 * stays a list: "budget / plan"); longer than @max_chars characters, cut
 * at a word and ended with "…".
 *
 * Returns: (transfer full): the text
 */
char *
verk_extreme_reasons_one_line (const char *reason,
                               guint       max_chars)
{
  GString *line = g_string_new (NULL);
  gboolean space = FALSE, line_break = FALSE;
  gunichar last = 0;
  guint n_chars = 0;

  g_return_val_if_fail (reason != NULL, g_string_free (line, FALSE));

  for (const char *p = reason; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        {
          line_break = TRUE;
          continue;
        }
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = TRUE;
          continue;
        }
      if (line->len > 0 && line_break && !ends_sentence (last))
        {
          g_string_append (line, " / ");
          n_chars += 3;
        }
      else if (line->len > 0 && (space || line_break))
        {
          g_string_append_c (line, ' ');
          n_chars++;
        }
      space = line_break = FALSE;
      if (max_chars > 0 && n_chars >= max_chars)
        {
          /* Cut at the last word within the limit, when one ends there. */
          char *cut = strrchr (line->str, ' ');

          if (cut != NULL && g_utf8_strlen (cut, -1) < 40)
            g_string_truncate (line, (gsize) (cut - line->str));
          while (line->len > 0 && (line->str[line->len - 1] == ' ' || line->str[line->len - 1] == '/'))
            g_string_truncate (line, line->len - 1);
          g_string_append (line, "…");
          break;
        }
      g_string_append_unichar (line, c);
      n_chars++;
      last = c;
    }
  return g_string_free (line, FALSE);
}
