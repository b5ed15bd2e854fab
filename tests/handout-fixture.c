/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A group's workshop and its follow-up, built through the store API, for the
 * handout's tests (tests/test-handout.c, tests/test-handout-print.c). */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "handout-fixture.h"
#include "verk-content.h"

const char *handout_fixture_people[] = {
  "Anna-Karin Johansson-Lindqvist", "Bertil Öberg", "Cecilia Åkesson Wahlström",
  "David Nordström", "Eva Lundqvist-Bergman", "Fredrik Håkansson",
  "Gunilla Sjöberg", "Hassan Al-Rashid Karlsson", "Ingrid Mårtensson",
  "Johan Ekström", "Karin Zetterlund", "Lars-Erik Pettersson",
};

/* Realistic texts for the short case, in the fixture's language. */
typedef struct {
  const char *rationale;
  const char *actions[3][2];   /* what, who */
  const char *reflection[3];   /* strengths, development areas, who can remove obstacles */
  const char *obstacle;
  const char *follow_up[3];    /* a new action, its owner, a reflection */
} Texts;

static const Texts texts_sv = {
  "Vi mäter mycket men följer sällan upp.",
  { { "Inför en månatlig genomgång av verksamhetens nyckeltal i ledningsgruppen", "Förvaltningschefen" },
    { "Ta fram en gemensam plan för chefernas kompetensutveckling", "HR-strateg Mats Berg" },
    { "Bjud in brukarrådet till två av ledningsgruppens möten", "Hela ledningsgruppen" } },
  { "Vi tar ansvar för ekonomin och följer fattade beslut.", "Återkoppling till medarbetarna.",
    "Förvaltningschefen" },
  "Tidsbrist och många parallella uppdrag.",
  { "Låt varje enhet redovisa ett förbättringsarbete på ledningsgruppens möte", "Utvecklingsledaren",
    "Vi ger varandra mer återkoppling än förra året." },
};

static const Texts texts_en = {
  "We measure a lot but rarely follow up.",
  { { "Introduce a monthly review of the key figures in the management group", "Head of department" },
    { "Draw up a shared plan for the managers' competence development", "HR strategist Mats Berg" },
    { "Invite the users' council to two of the management group's meetings", "The whole group" } },
  { "We take responsibility for the budget and follow the decisions made.", "Feedback to the staff.",
    "Head of department" },
  "Lack of time and many tasks at once.",
  { "Let every unit present one improvement at the management group's meeting", "The development lead",
    "We give each other more feedback than last year." },
};

char *
handout_fixture_repeat (const char *unit, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

#define OK(expr) G_STMT_START { g_autoptr (GError) e_ = NULL; GError **error = &e_; \
    gboolean ok_ = (expr); g_assert_no_error (e_); g_assert_true (ok_); } G_STMT_END

/* A group's first workshop seeded from the content pack in @c->lang, scored
 * by @c->n_participants people, and a follow-up of it. */
void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new (c->lang, &error);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) participants = NULL;
  g_autofree char *long_text = handout_fixture_repeat (c->lang[0] == 's' ? "Vi behöver bli bättre på att lyssna. "
                                                         : "We need to listen better to each other. ", 30);
  g_autofree char *rationale = g_utf8_substring (long_text, 0, VERK_TEXT_MAX_SHORT);
  const Texts *t = c->lang[0] == 's' ? &texts_sv : &texts_en;
  gint64 priorities[3];

  g_assert_no_error (error);
  g_setenv ("LANGUAGE", c->lang, TRUE);   /* the handout's headings */
  setlocale (LC_ALL, "");                  /* makes gettext forget its cached translations */
  f->dir = g_dir_make_tmp ("verkstad-handout-XXXXXX", &error);
  f->db = g_build_filename (f->dir, "v.db", NULL);
  f->store = verk_store_new (f->db, &error);
  g_assert_no_error (error);
  f->group = verk_store_add_group (f->store, "Ledningsgruppen Vård och omsorg", "Socialförvaltningen", &error);
  f->first = verk_store_add_workshop (f->store, f->group, "2026-03-12", "Maria Facilitator", &error);
  g_assert_no_error (error);
  OK (verk_content_seed_workshop (content, f->store, f->first, error));
  for (guint p = 0; p < c->n_participants; p++)
    g_assert_cmpint (verk_store_add_participant (f->store, f->first, handout_fixture_people[p % HANDOUT_FIXTURE_N_PEOPLE], &error), >, 0);
  items = verk_store_list_items (f->store, f->first, "siq", &error);
  participants = verk_store_list_participants (f->store, f->first, &error);
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      /* Scores around the one agreed on; a few values where all agree. */
      static const int offsets[] = { 0, 1, -1, 0, 1, 0, 2, -1, 0, 1, 0, -1 };
      int agreed = 1 + (int) (i * 7 % 4);

      for (guint p = 0; p < participants->len; p++)
        OK (verk_store_set_score (f->store, item->id, ((VerkParticipant *) participants->pdata[p])->id,
                                  CLAMP (agreed + (i % 3 != 0 ? offsets[p % G_N_ELEMENTS (offsets)] : 0), 1, 5),
                                  error));
      OK (verk_store_set_agreed (f->store, item->id, agreed,
                                 i < 3 ? (c->long_texts ? rationale : t->rationale) : "", error));
      OK (verk_store_set_desired (f->store, item->id, MIN (5, agreed + 1 + (int) (i % 2)), error));
    }
  for (guint i = 0; i < 3; i++)
    priorities[i] = ((VerkItem *) items->pdata[i * 4])->id;
  OK (verk_store_set_priorities (f->store, f->first, priorities, 3, error));
  for (guint a = 0; a < (c->long_texts ? 8u : 3u); a++)
    {
      g_autofree char *what = c->long_texts ? g_strdup_printf ("Åtgärd nummer %u: %s", a + 1, long_text)
                                            : g_strdup (t->actions[a][0]);
      g_autofree char *owner = c->long_texts ? g_strdup_printf ("Ansvarig %u", a + 1) : g_strdup (t->actions[a][1]);
      g_autofree char *due = g_strdup_printf ("2026-%02u-15", 4 + a);
      VerkAction action = { .workshop_id = f->first, .item_id = priorities[a % 3], .what = what,
                            .owner = owner, .due = due, .status = VERK_ACTION_OPEN, .followup = (char *) "" };

      g_assert_cmpint (verk_store_add_action (f->store, &action, &error), >, 0);
    }
  for (guint p = 0; p < verk_content_get_n_parts (content); p++)
    {
      const char *text = c->long_texts ? long_text : t->reflection[0];
      VerkReflection r = { .workshop_id = f->first, .part = (char *) verk_content_get_part (content, p)->key,
                           .strengths = (char *) text, .development = (char *) t->reflection[1],
                           .obstacles = (char *) (c->long_texts ? text : p == 1 ? t->obstacle : ""),
                           .removers = (char *) t->reflection[2] };

      OK (verk_store_set_reflection (f->store, &r, error));
    }

  /* The follow-up: new agreed scores, the first action done. */
  f->follow_up = verk_store_add_followup (f->store, f->first, "2026-09-20", "Maria Facilitator", &error);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) later = verk_store_list_items (f->store, f->follow_up, "siq", &error);
    g_autoptr (GPtrArray) actions = verk_store_list_actions (f->store, f->follow_up, &error);

    g_autoptr (GPtrArray) present = verk_store_list_participants (f->store, f->follow_up, &error);
    gint64 now_first[2];

    /* Most values a step up, a few the same or a step down. */
    for (guint i = 0; i < later->len; i++)
      {
        VerkItem *item = g_ptr_array_index (later, i);
        static const int offsets[] = { 0, -1, 0, 1, 0, 0, 1, -1, 0, 0, 1, 0 };
        static const int changes[] = { 1, 0, 1, -1, 2 };
        int agreed = CLAMP (1 + (int) (i * 7 % 4) + changes[i % G_N_ELEMENTS (changes)], 1, 5);

        for (guint p = 0; p < present->len; p++)
          OK (verk_store_set_score (f->store, item->id, ((VerkParticipant *) present->pdata[p])->id,
                                    CLAMP (agreed + offsets[(p + i) % G_N_ELEMENTS (offsets)], 1, 5), error));
        OK (verk_store_set_agreed (f->store, item->id, agreed, "", error));
        OK (verk_store_set_desired (f->store, item->id, MIN (5, agreed + 1), error));
      }
    now_first[0] = ((VerkItem *) later->pdata[3])->id;
    now_first[1] = ((VerkItem *) later->pdata[1])->id;
    OK (verk_store_set_priorities (f->store, f->follow_up, now_first, 2, error));
    {
      VerkAction fresh = { .workshop_id = f->follow_up, .item_id = now_first[0], .what = (char *) t->follow_up[0],
                           .owner = (char *) t->follow_up[1], .due = (char *) "2027-01-31",
                           .status = VERK_ACTION_OPEN, .followup = (char *) "" };
      VerkReflection r = { .workshop_id = f->follow_up, .part = (char *) verk_content_get_part (content, 2)->key,
                           .strengths = (char *) t->follow_up[2], .development = (char *) "",
                           .obstacles = (char *) "", .removers = (char *) "" };

      g_assert_cmpint (verk_store_add_action (f->store, &fresh, &error), >, 0);
      OK (verk_store_set_reflection (f->store, &r, error));
    }
    g_assert_cmpuint (actions->len, >, 0);
    {
      VerkAction *first = g_ptr_array_index (actions, 0);

      first->status = VERK_ACTION_DONE;
      OK (verk_store_update_action (f->store, first, error));
    }
  }
}

void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}


char *
handout_fixture_pdf_text (const char *pdf,
                          const char *mode)
{
  const char *argv[] = { "pdftotext", mode, pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}


/* GLib decides at the first translated string whether to translate at all:
 * start in Swedish; each test then picks its language (fixture_set_up). */
void
handout_fixture_init_translations (void)
{
  const char *localedir = g_getenv ("VERKSTAD_LOCALEDIR");

  g_setenv ("LANGUAGE", "sv", TRUE);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
