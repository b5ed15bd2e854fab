/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Builds workshops through the store API, exports workbooks of every scope,
 * and writes what the store holds to expected.json, so that
 * tests/xlsx/check_workbooks.py can compare real readers' view of the files
 * (openpyxl, LibreOffice) with the stored data.
 *
 *   xlsx-fixture OUTDIR          writes OUTDIR/{fixture.db,*.xlsx,expected.json}
 *   xlsx-fixture --demo OUTDIR   a realistic group in Swedish, seeded from the
 *                                content pack, for docs/screenshots/
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "verk-content.h"
#include "verk-stats.h"
#include "verk-store.h"
#include "verk-xlsx-export.h"

#define OK(expr) G_STMT_START { g_autoptr (GError) e_ = NULL; GError **error = &e_; \
    if (!(expr)) g_error ("%s: %s", #expr, e_ ? e_->message : "failed"); } G_STMT_END
#define ID(var, expr) G_STMT_START { g_autoptr (GError) e_ = NULL; GError **error = &e_; \
    var = (expr); if (var <= 0) g_error ("%s: %s", #expr, e_ ? e_->message : "failed"); } G_STMT_END

static const char *siq_values[13][2] = {
  { "Kundorientering", "Vi utgår från dem vi är till för: invånarna och brukarna." },
  { "Engagerat ledarskap", "Chefer som går före, lyssnar och visar riktning." },
  { "Allas delaktighet", "Alla medarbetare bidrar och har inflytande över sitt arbete." },
  { "Kompetensutveckling", "Vi lär oss hela tiden, planerat och tillsammans." },
  { "Långsiktighet", "Vi tänker i år, inte i veckor." },
  { "Samhällsansvar", "Vi tar ansvar för vår omgivning och miljön." },
  { "Processorientering", "Vi ser flödet av arbete över gränserna mellan enheter." },
  { "Förebyggande åtgärder", "Vi förebygger fel i stället för att rätta dem." },
  { "Ständiga förbättringar", "Små steg varje dag gör stor skillnad." },
  { "Lära av andra", "Vi jämför oss med andra och hämtar goda idéer." },
  { "Snabb reaktionsförmåga", "Vi agerar snabbt när något förändras." },
  { "Faktabaserade beslut", "Beslut vilar på mätningar och analys." },
  { "Samverkan", "Vi samarbetar inom och utanför organisationen." },
};

static const char *scale_levels[5][2] = {
  { "Inte påbörjat", "Vi arbetar inte med detta ännu." },
  { "Första stegen", "Några av oss arbetar med detta, men inte planerat." },
  { "På väg", "Vi arbetar planerat med detta i delar av verksamheten." },
  { "Etablerat", "Vi arbetar med detta i hela verksamheten." },
  { "Förebild", "Andra lär av oss." },
};

static void
add_items (VerkStore *store, gint64 ws, gboolean with_scale_and_platform)
{
  for (guint i = 0; i < 13; i++)
    {
      g_autofree char *key = g_strdup_printf ("siq.%u", i + 1);
      gint64 id;
      ID (id, verk_store_add_item (store, ws, "siq", key, siq_values[i][0], siq_values[i][1], error));
    }
  if (!with_scale_and_platform)
    return;
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("scale.%u", i + 1);
      gint64 id;
      ID (id, verk_store_add_item (store, ws, "scale", key, scale_levels[i][0], scale_levels[i][1], error));
    }
  {
    gint64 id;
    ID (id, verk_store_add_item (store, ws, "platform", "platform.secure.1",
                                 "Företräda arbetsgivaren", "Du förväntas företräda arbetsgivaren.", error));
    ID (id, verk_store_add_item (store, ws, "platform", "platform.clear.1",
                                 "Kommunicera tydligt", "Du förväntas beskriva din upplevelse klart.", error));
  }
}

static char *
repeat (const char *unit, guint n)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* ---- JSON ---------------------------------------------------------------- */

static void
json_str (GString *out, const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

static void
json_workshop (GString *out, VerkStore *store, VerkGroup *group, gint64 ws_id)
{
  g_autoptr (VerkWorkshop) ws = NULL;
  g_autoptr (GPtrArray) parts = NULL, scores = NULL, actions = NULL, refl = NULL;
  g_autoptr (GArray) prio = NULL;
  const char *fw[] = { "siq", "platform", "scale" };

  OK ((ws = verk_store_get_workshop (store, ws_id, error)));
  OK ((parts = verk_store_list_participants (store, ws_id, error)));
  OK ((scores = verk_store_list_scores (store, ws_id, error)));
  OK ((actions = verk_store_list_actions (store, ws_id, error)));
  OK ((refl = verk_store_list_reflections (store, ws_id, error)));
  OK ((prio = verk_store_list_priorities (store, ws_id, error)));

  g_string_append (out, "{\"id\": ");
  g_string_append_printf (out, "%" G_GINT64_FORMAT ", \"group\": ", ws_id);
  json_str (out, group->name);
  g_string_append (out, ", \"unit\": ");
  json_str (out, group->unit);
  g_string_append (out, ", \"date\": ");
  json_str (out, ws->date);
  g_string_append (out, ", \"facilitator\": ");
  json_str (out, ws->facilitator);
  g_string_append (out, ", \"notes\": ");
  json_str (out, ws->notes);
  g_string_append_printf (out, ", \"previous_id\": %" G_GINT64_FORMAT, ws->previous_id);
  g_string_append (out, ",\n  \"participants\": [");
  for (guint i = 0; i < parts->len; i++)
    {
      VerkParticipant *p = g_ptr_array_index (parts, i);
      g_string_append_printf (out, "%s{\"id\": %" G_GINT64_FORMAT ", \"name\": ", i ? ", " : "", p->id);
      json_str (out, p->name);
      g_string_append (out, "}");
    }
  g_string_append (out, "]");
  for (guint f = 0; f < G_N_ELEMENTS (fw); f++)
    {
      g_autoptr (GPtrArray) items = NULL;
      OK ((items = verk_store_list_items (store, ws_id, fw[f], error)));
      g_string_append_printf (out, ",\n  \"%s\": [", fw[f]);
      for (guint i = 0; i < items->len; i++)
        {
          VerkItem *it = g_ptr_array_index (items, i);
          g_string_append_printf (out, "%s\n    {\"id\": %" G_GINT64_FORMAT ", \"key\": ", i ? "," : "", it->id);
          json_str (out, it->key);
          g_string_append (out, ", \"name\": ");
          json_str (out, it->name);
          g_string_append (out, ", \"description\": ");
          json_str (out, it->description);
          g_string_append_printf (out, ", \"agreed\": %d, \"desired\": %d, \"rationale\": ", it->agreed, it->desired);
          json_str (out, it->rationale);
          g_string_append (out, "}");
        }
      g_string_append (out, "]");
    }
  g_string_append (out, ",\n  \"scores\": [");
  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      g_string_append_printf (out, "%s{\"item\": %" G_GINT64_FORMAT ", \"participant\": %" G_GINT64_FORMAT
                              ", \"value\": %d, \"comment\": ", i ? ", " : "", s->item_id, s->participant_id, s->value);
      json_str (out, s->comment);
      g_string_append (out, "}");
    }
  g_string_append (out, "],\n  \"priorities\": [");
  for (guint i = 0; i < prio->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? ", " : "", g_array_index (prio, gint64, i));
  g_string_append (out, "],\n  \"actions\": [");
  for (guint i = 0; i < actions->len; i++)
    {
      VerkAction *a = g_ptr_array_index (actions, i);
      g_string_append_printf (out, "%s\n    {\"item\": %" G_GINT64_FORMAT ", \"what\": ", i ? "," : "", a->item_id);
      json_str (out, a->what);
      g_string_append (out, ", \"owner\": ");
      json_str (out, a->owner);
      g_string_append (out, ", \"due\": ");
      json_str (out, a->due);
      g_string_append (out, ", \"status\": ");
      json_str (out, verk_action_status_to_string (a->status));
      g_string_append (out, ", \"followup\": ");
      json_str (out, a->followup);
      g_string_append (out, "}");
    }
  g_string_append (out, "],\n  \"reflections\": [");
  for (guint i = 0; i < refl->len; i++)
    {
      VerkReflection *r = g_ptr_array_index (refl, i);
      g_string_append (out, i ? ", {\"part\": " : "{\"part\": ");
      json_str (out, r->part);
      g_string_append (out, ", \"strengths\": ");
      json_str (out, r->strengths);
      g_string_append (out, ", \"development\": ");
      json_str (out, r->development);
      g_string_append (out, ", \"obstacles\": ");
      json_str (out, r->obstacles);
      g_string_append (out, ", \"removers\": ");
      json_str (out, r->removers);
      g_string_append (out, "}");
    }
  g_string_append (out, "]}");
}

/* Every group, each with its workshops oldest first, as the store has them. */
static void
json_store (GString *out, VerkStore *store)
{
  g_autoptr (GPtrArray) groups = NULL;

  OK ((groups = verk_store_list_groups (store, error)));
  g_string_append (out, "[");
  for (guint g = 0; g < groups->len; g++)
    {
      VerkGroup *group = g_ptr_array_index (groups, g);
      g_autoptr (GPtrArray) wss = NULL;

      OK ((wss = verk_store_list_workshops (store, group->id, error)));
      g_string_append_printf (out, "%s\n{\"id\": %" G_GINT64_FORMAT ", \"name\": ", g ? "," : "", group->id);
      json_str (out, group->name);
      g_string_append (out, ", \"unit\": ");
      json_str (out, group->unit);
      g_string_append (out, ", \"workshops\": [");
      for (guint i = wss->len; i > 0; i--)
        {
          VerkWorkshop *w = g_ptr_array_index (wss, i - 1);
          g_string_append (out, i < wss->len ? ",\n " : "\n ");
          json_workshop (out, store, group, w->id);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]");
}

/* ---- Scenarios ---------------------------------------------------------- */

static gint64
item_id (VerkStore *store, gint64 ws, const char *fw, guint index)
{
  g_autoptr (GPtrArray) items = NULL;
  OK ((items = verk_store_list_items (store, ws, fw, error)));
  g_assert (index < items->len);
  return ((VerkItem *) g_ptr_array_index (items, index))->id;
}

static void
build_main_group (VerkStore *store, gint64 *group_out, gint64 *ws_out)
{
  const char *names[] = { "Björn Ängström", "=SUM(A1)", "+46 70 123 45 67", "", "Zoë 😀 Åkesson" };
  gint64 group, w1, w2, pids[5];
  g_autoptr (GPtrArray) parts = NULL;
  g_autofree char *emoji = repeat ("😀", 10000);
  g_autofree char *aring = repeat ("å", 10000);

  ID (group, verk_store_add_group (store, "Ledningsgrupp Äldreomsorg & Vård", "Vård och omsorg, Örebro", error));
  ID (w1, verk_store_add_workshop (store, group, "2025-03-12", "Åsa Öberg", error));
  add_items (store, w1, TRUE);
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    ID (pids[p], verk_store_add_participant (store, w1, names[p], error));
  for (guint i = 0; i < 13; i++)
    {
      gint64 it = item_id (store, w1, "siq", i);
      for (guint p = 0; p < 5; p++)
        OK (verk_store_set_score (store, it, pids[p], 1 + (i + p) % 5, error));
      OK (verk_store_set_agreed (store, it, 1 + (i * 2) % 5, "Första gången", error));
    }
  {
    VerkAction a = { .workshop_id = w1, .item_id = item_id (store, w1, "siq", 12),
                     .what = (char *) "Gemensam planeringsdag med hemtjänsten", .owner = (char *) "Åsa",
                     .due = (char *) "2025-06-01", .status = VERK_ACTION_IN_PROGRESS,
                     .followup = (char *) "" };
    gint64 id;
    ID (id, verk_store_add_action (store, &a, error));
  }

  /* The follow-up half a year later: copies items and participants and
   * carries the open action along. */
  ID (w2, verk_store_add_followup (store, w1, "2025-09-30", "Åsa Öberg", error));
  OK (verk_store_update_workshop (store, w2, "2025-09-30", "Åsa Öberg",
                                  "Anteckning: =1+1 ska förbli text.\nAndra raden.", error));
  OK ((parts = verk_store_list_participants (store, w2, error)));
  g_assert_cmpuint (parts->len, ==, 5);
  for (guint i = 0; i < 13; i++)
    {
      gint64 it = item_id (store, w2, "siq", i);
      if (i == 12)
        continue;   /* one value not scored yet */
      for (guint p = 0; p < 5; p++)
        {
          gint64 pid = ((VerkParticipant *) g_ptr_array_index (parts, p))->id;
          if (i == 3 && p == 4)
            continue;  /* one participant did not score this one */
          OK (verk_store_set_score (store, it, pid, 1 + (i * 3 + p * 2) % 5, error));
        }
      OK (verk_store_set_agreed (store, it, 1 + (i + 2) % 5,
                                 i == 0 ? "Rad ett\r\nRad två\x01\x02 slut\x1b" : "Vi enades efter diskussion", error));
      if (i < 4)
        OK (verk_store_set_desired (store, it, 5, error));
    }
  {
    gint64 it0 = item_id (store, w2, "siq", 0);
    gint64 p0 = ((VerkParticipant *) g_ptr_array_index (parts, 0))->id;
    gint64 p1 = ((VerkParticipant *) g_ptr_array_index (parts, 1))->id;
    gint64 p4 = ((VerkParticipant *) g_ptr_array_index (parts, 4))->id;
    gint64 prio[3] = { item_id (store, w2, "siq", 7), item_id (store, w2, "siq", 2), it0 };

    /* Comments together far over Excel's 32,767 UTF-16 unit cell limit:
     * emoji count twice. */
    OK (verk_store_set_score_comment (store, it0, p0, emoji, error));
    OK (verk_store_set_score_comment (store, it0, p1, aring, error));
    OK (verk_store_set_score_comment (store, it0, p4, emoji, error));
    OK (verk_store_set_score_comment (store, item_id (store, w2, "siq", 1), p1,
                                      "=HYPERLINK(\"http://x\")\ttabb\u00e5 <b>&amp;</b>", error));
    OK (verk_store_set_priorities (store, w2, prio, 3, error));
  }
  {
    VerkAction acts[] = {
      { .workshop_id = w2, .item_id = item_id (store, w2, "siq", 7), .what = (char *) "Införa riskanalys före varje förändring 🛠",
        .owner = (char *) "=Ägare", .due = (char *) "2025-12-15", .status = VERK_ACTION_OPEN, .followup = (char *) "Start i oktober" },
      { .workshop_id = w2, .item_id = item_id (store, w2, "siq", 2), .what = (char *) "Arbetsplatsträffar varannan vecka",
        .owner = (char *) "+46 70 123 45 67", .due = (char *) "2026-01-31", .status = VERK_ACTION_DONE, .followup = NULL },
      { .workshop_id = w2, .item_id = 0, .what = (char *) "Utan datum och område",
        .owner = (char *) "Ledningsgruppen", .due = NULL, .status = VERK_ACTION_DROPPED, .followup = (char *) "Ersatt av annan åtgärd" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (acts); i++)
      {
        gint64 id;
        ID (id, verk_store_add_action (store, &acts[i], error));
      }
  }
  {
    VerkReflection refl[] = {
      { .workshop_id = w2, .part = (char *) "platform.secure", .strengths = (char *) "Tydlig budget",
        .development = (char *) "Delegera mer", .obstacles = (char *) "Tidsbrist\nMånga möten",
        .removers = (char *) "Förvaltningschefen" },
      { .workshop_id = w2, .part = (char *) "platform.clear", .strengths = (char *) "Öppna samtal 😀",
        .development = (char *) "Återkoppling", .obstacles = (char *) "", .removers = (char *) "Vi själva" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (refl); i++)
      OK (verk_store_set_reflection (store, &refl[i], error));
  }
  {
    gint64 pl = item_id (store, w2, "platform", 0);
    for (guint p = 0; p < 3; p++)
      OK (verk_store_set_score (store, pl, ((VerkParticipant *) g_ptr_array_index (parts, p))->id, 2 + p, error));
    OK (verk_store_set_agreed (store, pl, 3, "Godkänt", error));
  }
  *group_out = group;
  *ws_out = w2;
}

static gint64
build_empty_workshop (VerkStore *store)
{
  gint64 group, ws, p;

  ID (group, verk_store_add_group (store, "Tom grupp", "", error));
  ID (ws, verk_store_add_workshop (store, group, "2026-01-20", "Per Persson", error));
  add_items (store, ws, FALSE);
  ID (p, verk_store_add_participant (store, ws, "Eva", error));
  return ws;
}

static gint64
build_big_group (VerkStore *store)
{
  gint64 group;

  ID (group, verk_store_add_group (store, "Stor grupp [test]: 50/50?", "Skolförvaltningen", error));
  for (guint w = 0; w < 50; w++)
    {
      g_autofree char *date = g_strdup_printf ("%04u-%02u-15", 2001 + w / 2, w % 2 ? 9 : 3);
      gint64 ws, pids[4];

      ID (ws, verk_store_add_workshop (store, group, date, "Facilitator", error));
      add_items (store, ws, FALSE);
      for (guint p = 0; p < 4; p++)
        {
          g_autofree char *name = g_strdup_printf ("Chef %u", p + 1);
          ID (pids[p], verk_store_add_participant (store, ws, name, error));
        }
      for (guint i = 0; i < 13; i++)
        {
          gint64 it = item_id (store, ws, "siq", i);
          for (guint p = 0; p < 4; p++)
            OK (verk_store_set_score (store, it, pids[p], 1 + (w + i + p) % 5, error));
          OK (verk_store_set_agreed (store, it, 1 + (w + i) % 5, NULL, error));
        }
    }
  return group;
}

static void
export (VerkStore *store, VerkExportScope scope, gint64 id, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GDateTime) created = g_date_time_new_utc (2025, 10, 1, 12, 0, 0);
  VerkExportOptions options = { .created = created };

  OK (verk_xlsx_export (store, scope, id, path, &options, error));
}

/* ---- A realistic workshop for the screenshots -------------------------- */

static void
build_demo (const char *dir)
{
  const char *names[] = { "Anna Lindqvist", "Björn Ek", "Cecilia Ström", "David Öhman",
                          "Elin Karlsson", "Fredrik Åberg" };
  const char *why[] = {
    "Vi följer upp brukarnas synpunkter varje månad.",
    "Chefsgruppen syns ute i verksamheten.",
    "Arbetsplatsträffarna har blivit bättre men inte överallt.",
    "Introduktionen fungerar, utvecklingsplanerna saknas.",
    "Budgeten styr fortfarande mer än målen.",
    "Miljöarbetet är nytt för många av oss.",
    "Vi ser sällan flödet från beställning till insats.",
    "Vi rättar fel i stället för att förebygga dem.",
    "Förbättringsförslag tas om hand, men långsamt.",
    "Vi besöker andra kommuner för sällan.",
    "Vi agerar snabbt när något händer en brukare.",
    "Nyckeltalen finns men används inte i besluten.",
    "Samarbetet med hemsjukvården fungerar bra.",
  };
  g_autoptr (VerkContent) content = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) items = NULL;
  gint64 group, w1, w2;

  g_unlink (db);
  OK ((content = verk_content_new ("sv", error)));
  OK ((store = verk_store_new (db, error)));
  ID (group, verk_store_add_group (store, "Ledningsgrupp Vård och omsorg", "Vård- och omsorgsförvaltningen", error));
  ID (w1, verk_store_add_workshop (store, group, "2025-03-12", "Maria Sandberg", error));
  OK (verk_content_seed_workshop (content, store, w1, error));
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      gint64 id;
      ID (id, verk_store_add_participant (store, w1, names[p], error));
    }
  OK ((items = verk_store_list_items (store, w1, "siq", error)));
  OK ((parts = verk_store_list_participants (store, w1, error)));
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *it = g_ptr_array_index (items, i);
      for (guint p = 0; p < parts->len; p++)
        OK (verk_store_set_score (store, it->id, ((VerkParticipant *) g_ptr_array_index (parts, p))->id,
                                  1 + (i * 7 + p * (i % 3)) % 4, error));
      OK (verk_store_set_agreed (store, it->id, 1 + (i * 7) % 4, NULL, error));
    }
  {
    VerkAction a = { .workshop_id = w1, .item_id = ((VerkItem *) g_ptr_array_index (items, 7))->id,
                     .what = (char *) "Riskanalys inför varje större förändring", .owner = (char *) "Cecilia Ström",
                     .due = (char *) "2025-06-30", .status = VERK_ACTION_IN_PROGRESS,
                     .followup = (char *) "Mall klar, används i två enheter" };
    gint64 id;
    ID (id, verk_store_add_action (store, &a, error));
  }

  ID (w2, verk_store_add_followup (store, w1, "2025-09-30", "Maria Sandberg", error));
  OK (verk_store_update_workshop (store, w2, "2025-09-30", "Maria Sandberg",
                                  "Uppföljning efter ett halvår. Två deltagare nya i gruppen sedan våren.", error));
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&parts, g_ptr_array_unref);
  OK ((items = verk_store_list_items (store, w2, "siq", error)));
  OK ((parts = verk_store_list_participants (store, w2, error)));
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *it = g_ptr_array_index (items, i);
      static const int agreed_scores[] = { 2, 4, 3, 2, 3, 1, 2, 1, 3, 2, 4, 2, 4 };
      int agreed = agreed_scores[i % G_N_ELEMENTS (agreed_scores)];

      for (guint p = 0; p < parts->len; p++)
        {
          int v = CLAMP (agreed + (int) ((i + p) % 3) - 1 + (i == 6 && p % 2 ? 2 : 0), 1, 5);
          OK (verk_store_set_score (store, it->id, ((VerkParticipant *) g_ptr_array_index (parts, p))->id, v, error));
        }
      OK (verk_store_set_agreed (store, it->id, agreed, i < G_N_ELEMENTS (why) ? why[i] : NULL, error));
      if (i % 3 == 0)
        OK (verk_store_set_desired (store, it->id, MIN (agreed + 2, 5), error));
    }
  OK (verk_store_set_score_comment (store, ((VerkItem *) g_ptr_array_index (items, 6))->id,
                                    ((VerkParticipant *) g_ptr_array_index (parts, 1))->id,
                                    "Beställarenheten och utförarna pratar inte med varandra.", error));
  OK (verk_store_set_score_comment (store, ((VerkItem *) g_ptr_array_index (items, 6))->id,
                                    ((VerkParticipant *) g_ptr_array_index (parts, 4))->id,
                                    "I min enhet fungerar det, vi har gemensamma möten.", error));
  {
    g_autoptr (GArray) order = verk_stats_priority_order (items, NULL);
    OK (verk_store_set_priorities (store, w2, (gint64 *) order->data, 3, error));
    for (guint k = 0; k < 3; k++)
      {
        const char *what[] = { "Gemensamma flödeskartor för hemtjänst och hemsjukvård",
                               "Nyckeltal på varje ledningsgruppsmöte",
                               "Studiebesök i två kommuner under våren" };
        const char *owner[] = { "Björn Ek", "Anna Lindqvist", "Elin Karlsson" };
        const char *due[] = { "2025-12-15", "2025-11-01", "2026-04-30" };
        VerkAction a = { .workshop_id = w2, .item_id = g_array_index (order, gint64, k),
                         .what = (char *) what[k], .owner = (char *) owner[k], .due = (char *) due[k],
                         .status = k == 1 ? VERK_ACTION_IN_PROGRESS : VERK_ACTION_OPEN,
                         .followup = (char *) (k == 1 ? "Första mätningen redovisad i oktober" : "") };
        gint64 id;
        ID (id, verk_store_add_action (store, &a, error));
      }
  }
  {
    VerkReflection refl[] = {
      { .workshop_id = w2, .part = (char *) "platform.secure", .strengths = (char *) "God budgetdisciplin",
        .development = (char *) "Fatta beslut närmare verksamheten", .obstacles = (char *) "Otydliga delegationer",
        .removers = (char *) "Förvaltningschefen" },
      { .workshop_id = w2, .part = (char *) "platform.initiative", .strengths = (char *) "Många idéer från medarbetarna",
        .development = (char *) "Prioritera färre utvecklingsprojekt", .obstacles = (char *) "Tidsbrist",
        .removers = (char *) "Ledningsgruppen själv" },
      { .workshop_id = w2, .part = (char *) "platform.clear", .strengths = (char *) "Öppna samtal i gruppen",
        .development = (char *) "Ge återkoppling oftare", .obstacles = (char *) "",
        .removers = (char *) "" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (refl); i++)
      OK (verk_store_set_reflection (store, &refl[i], error));
  }
  export (store, VERK_EXPORT_WORKSHOP, w2, dir, "workbook-workshop.xlsx");
  export (store, VERK_EXPORT_GROUP, group, dir, "workbook-group.xlsx");
}

static void
use_language (const char *lang)
{
  g_setenv ("LANGUAGE", lang, TRUE);
  setlocale (LC_ALL, "");
}

int
main (int argc, char **argv)
{
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GString) json = g_string_new (NULL);
  g_autofree char *db = NULL;
  g_autofree char *json_path = NULL;
  const char *localedir = g_getenv ("VERKSTAD_LOCALEDIR");
  gint64 main_group, main_ws, empty_ws, big_group, bare_group;
  const char *statuses[4];

  if (argc != 2 && !(argc == 3 && g_str_equal (argv[1], "--demo")))
    {
      g_printerr ("usage: xlsx-fixture [--demo] OUTDIR\n");
      return 2;
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Swedish first: g_dgettext() decides once per process whether to translate
   * at all, and would not if the first language it saw were English. */
  use_language ("sv");
  if (argc == 3)
    {
      g_mkdir_with_parents (argv[2], 0755);
      build_demo (argv[2]);
      return 0;
    }

  g_mkdir_with_parents (argv[1], 0755);
  db = g_build_filename (argv[1], "fixture.db", NULL);
  g_unlink (db);
  OK ((store = verk_store_new (db, error)));

  build_main_group (store, &main_group, &main_ws);
  empty_ws = build_empty_workshop (store);
  big_group = build_big_group (store);
  ID (bare_group, verk_store_add_group (store, "Ny grupp utan workshoppar", "", error));

  export (store, VERK_EXPORT_GROUP, main_group, argv[1], "group-sv.xlsx");
  for (int s = 0; s < 4; s++)
    statuses[s] = verk_action_status_to_string (s);
  use_language ("en");

  export (store, VERK_EXPORT_WORKSHOP, main_ws, argv[1], "workshop.xlsx");
  export (store, VERK_EXPORT_WORKSHOP, empty_ws, argv[1], "empty.xlsx");
  export (store, VERK_EXPORT_GROUP, main_group, argv[1], "group.xlsx");
  export (store, VERK_EXPORT_GROUP, big_group, argv[1], "big-group.xlsx");
  export (store, VERK_EXPORT_GROUP, bare_group, argv[1], "bare-group.xlsx");
  export (store, VERK_EXPORT_ALL, 0, argv[1], "all.xlsx");
  g_string_append (json, "{\"statuses_sv\": [");
  for (int s = 0; s < 4; s++)
    {
      g_string_append (json, s ? ", " : "");
      json_str (json, statuses[s]);
    }
  g_string_append (json, "], \"statuses_en\": [");
  for (int s = 0; s < 4; s++)
    {
      g_string_append (json, s ? ", " : "");
      json_str (json, verk_action_status_to_string (s));
    }
  g_string_append_printf (json, "],\n\"main_group\": %" G_GINT64_FORMAT ", \"main_workshop\": %" G_GINT64_FORMAT
                          ", \"empty_workshop\": %" G_GINT64_FORMAT ", \"big_group\": %" G_GINT64_FORMAT
                          ", \"bare_group\": %" G_GINT64_FORMAT ",\n\"groups\": ",
                          main_group, main_ws, empty_ws, big_group, bare_group);
  json_store (json, store);
  g_string_append (json, "}\n");
  json_path = g_build_filename (argv[1], "expected.json", NULL);
  OK (g_file_set_contents (json_path, json->str, json->len, error));
  return 0;
}
