/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A follow-up workshop with every step filled in, for the presentation's UI
 * tests and screenshots (tests/ui/test_present_slides.py):
 *
 *   present-fixture OUT.db N [A [R]]  N participants (1..12) whose names are
 *                                20+ characters with å, ä and ö; A actions
 *                                (1..8, 4 if not given) in each workshop's
 *                                plan; reasons of R characters (200..10000)
 *
 * In the follow-up, every participant gave the first piece a reason of close
 * to 200 characters (tests/present-reasons.h); with R, one of exactly R
 * characters on many lines (present_multi_line_reason()). The content pack's language
 * follows LANGUAGE, as in the app. Prints the follow-up workshop's id. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "present-reasons.h"
#include "verk-content.h"
#include "verk-stats.h"
#include "verk-store.h"

#define OK(expr) G_STMT_START { g_autoptr (GError) e_ = NULL; GError **error = &e_; \
    if (!(expr)) g_error ("%s: %s", #expr, e_ ? e_->message : "failed"); } G_STMT_END

static const char *long_names[12] = {
  "Örjan Bäckström-Åkesson", "Maria Åkesson Lindgren", "Åsa-Britt Lövgren Näslund",
  "Björn Ödmark Sjöström", "Cecilia Ångström Hägg", "Göran Söderbäck Ärlemalm",
  "Märta Öberg-Kjellström", "Sören Åhlén Västerås", "Ingegärd Möller Blomqvist",
  "Pär-Olof Hörnqvist Ek", "Kristina Ärlebäck Åström", "Håkan Lindström-Rönnbäck",
};

static void
score_workshop (VerkStore *store, gint64 ws, int shift, gboolean rationale, gboolean reasons, guint reason_length)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  static const char *why[] = {
    "Vi följer upp brukarnas synpunkter varje månad.",
    "Chefsgruppen syns ute i verksamheten.",
    "Arbetsplatsträffarna har blivit bättre men inte överallt.",
  };

  OK ((items = verk_store_list_items (store, ws, "siq", error)));
  OK ((parts = verk_store_list_participants (store, ws, error)));
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *it = g_ptr_array_index (items, i);
      int agreed = CLAMP (1 + (int) (i * 7 + shift) % 4, 1, 5);

      for (guint p = 0; p < parts->len; p++)
        {
          gint64 who = ((VerkParticipant *) g_ptr_array_index (parts, p))->id;

          OK (verk_store_set_score (store, it->id, who, CLAMP (agreed + (int) ((i + p) % 3) - 1, 1, 5), error));
          if (reasons && i == 0)
            {
              g_autofree char *reason = reason_length > 0
                                        ? present_multi_line_reason (present_long_reasons[p], reason_length)
                                        : g_strdup (present_long_reasons[p]);

              OK (verk_store_set_score_comment (store, it->id, who, reason, error));
            }
        }
      OK (verk_store_set_agreed (store, it->id, agreed,
                                 rationale ? why[i % G_N_ELEMENTS (why)] : NULL, error));
      if (i % 2 == 0)
        OK (verk_store_set_desired (store, it->id, MIN (agreed + 2, 5), error));
    }
}

static void
plan (VerkStore *store, gint64 ws, gboolean later, guint n_actions)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GArray) order = NULL;
  static const char *what[] = { "Gemensamma flödeskartor för hemtjänst och hemsjukvård",
                                "Nyckeltal på varje ledningsgruppsmöte",
                                "Studiebesök i två kommuner under våren",
                                "Återkoppling på förbättringsförslag inom två veckor",
                                "Introduktion för nya enhetschefer med en erfaren kollega som mentor",
                                "Tydlig delegationsordning som alla enhetschefer har gått igenom",
                                "Gemensam planeringsdag för vård och omsorg varje höst",
                                "Brukarråd två gånger per år i varje verksamhetsområde" };

  OK ((items = verk_store_list_items (store, ws, "siq", error)));
  order = verk_stats_priority_order (items, NULL);
  OK (verk_store_set_priorities (store, ws, (gint64 *) order->data, 3, error));
  for (guint k = 0; k < n_actions; k++)
    {
      VerkAction a = { .workshop_id = ws, .item_id = g_array_index (order, gint64, k % 3),
                       .what = (char *) what[k], .owner = (char *) long_names[k],
                       .due = (char *) (later ? "2026-05-31" : "2025-11-30"),
                       .status = later ? VERK_ACTION_OPEN : (k % 2 ? VERK_ACTION_DONE : VERK_ACTION_IN_PROGRESS),
                       .followup = (char *) "" };
      OK (verk_store_add_action (store, &a, error) > 0);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (VerkContent) content = NULL;
  g_autoptr (VerkStore) store = NULL;
  gint64 group, w1, w2;
  int n, n_actions = 4, reason_length = 0;

  setlocale (LC_ALL, "");
  if ((argc < 3 || argc > 5) || (n = atoi (argv[2])) < 1 || n > 12
      || (argc >= 4 && ((n_actions = atoi (argv[3])) < 1 || n_actions > 8))
      || (argc == 5 && ((reason_length = atoi (argv[4])) < 200 || reason_length > 10000)))
    {
      g_printerr ("usage: present-fixture OUT.db N (1..12) [ACTIONS (1..8) [REASON LENGTH (200..10000)]]\n");
      return 2;
    }
  g_unlink (argv[1]);
  OK ((content = verk_content_new (NULL, error)));
  OK ((store = verk_store_new (argv[1], error)));
  OK ((group = verk_store_add_group (store, "Ledningsgruppen Norråker", "Vård och omsorg", error)) > 0);
  OK ((w1 = verk_store_add_workshop (store, group, "2025-03-12", "Åsa Lind", error)) > 0);
  OK (verk_content_seed_workshop (content, store, w1, error));
  for (int p = 0; p < n; p++)
    OK (verk_store_add_participant (store, w1, long_names[p], error) > 0);
  score_workshop (store, w1, 0, FALSE, FALSE, 0);
  plan (store, w1, FALSE, (guint) n_actions);

  OK ((w2 = verk_store_add_followup (store, w1, "2025-09-30", "Åsa Lind", error)) > 0);
  score_workshop (store, w2, 1, TRUE, TRUE, (guint) reason_length);
  plan (store, w2, TRUE, (guint) n_actions);
  {
    VerkReflection r = { .workshop_id = w2, .part = (char *) "platform.secure",
                         .strengths = (char *) "God budgetdisciplin",
                         .development = (char *) "Fatta beslut närmare verksamheten",
                         .obstacles = (char *) "Otydliga delegationer",
                         .removers = (char *) "Förvaltningschefen" };
    OK (verk_store_set_reflection (store, &r, error));
  }
  g_print ("%" G_GINT64_FORMAT "\n", w2);
  return 0;
}
