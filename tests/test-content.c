/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "verk-content.h"

static const char *swedish_names[] = {
  "Långsiktighet", "Engagerat ledarskap", "Kundorientering", "Processorientering",
  "Samhällsansvar", "Lära av andra", "Samverkan", "Kompetensutveckling",
  "Allas delaktighet", "Förebyggande åtgärder", "Ständiga förbättringar",
  "Faktabaserade beslut", "Snabbare reaktioner",
};

static void
check_complete (VerkContent *content)
{
  const char *title, *text, *motto;

  g_assert_cmpuint (verk_content_get_n_values (content), ==, 13);
  for (guint i = 0; i < 13; i++)
    {
      const VerkContentItem *v = verk_content_get_value (content, i);

      g_assert_true (g_str_has_prefix (v->key, "siq."));
      g_assert_cmpuint (strlen (v->name), >, 3);
      g_assert_cmpuint (g_utf8_strlen (v->description, -1), >, 60);
      g_assert_true (verk_content_lookup_value (content, v->key) == v);
    }
  g_assert_null (verk_content_lookup_value (content, "siq.nothing"));
  g_assert_nonnull (strstr (verk_content_get_values_source (content), "SIQ"));
  g_assert_nonnull (strstr (verk_content_get_values_source (content), "2017"));
  g_assert_nonnull (strstr (verk_content_get_values_source (content), "Örebro"));

  g_assert_cmpuint (verk_content_get_n_parts (content), ==, 3);
  g_assert_cmpuint (verk_content_get_part (content, 0)->n_expectations, ==, 5);
  g_assert_cmpuint (verk_content_get_part (content, 1)->n_expectations, ==, 5);
  g_assert_cmpuint (verk_content_get_part (content, 2)->n_expectations, ==, 6);
  g_assert_cmpstr (verk_content_get_part (content, 2)->expectations[5].key, ==, "platform.clear.6");

  verk_content_get_whole (content, &title, &text, &motto);
  g_assert_nonnull (title);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (motto, " – "));

  g_assert_cmpuint (verk_content_get_n_modules (content), ==, 4);
  {
    double days = 0;

    for (guint i = 0; i < 4; i++)
      days += verk_content_get_module (content, i)->days;
    g_assert_cmpfloat_with_epsilon (days, 6.0, 1e-9);   /* six days in all */
  }
  for (int level = 1; level <= 5; level++)
    {
      const VerkContentLevel *l = verk_content_get_level (content, level);

      g_assert_cmpint (l->level, ==, level);
      g_assert_cmpuint (strlen (l->label), >, 0);
      g_assert_cmpuint (strlen (l->description), >, 10);
    }
}

static void
test_swedish (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new ("sv", &error);
  const char *motto;

  g_assert_no_error (error);
  check_complete (content);
  g_assert_cmpstr (verk_content_get_language (content), ==, "sv");
  for (guint i = 0; i < 13; i++)
    g_assert_cmpstr (verk_content_get_value (content, i)->name, ==, swedish_names[i]);
  /* The descriptions speak of mottagare, as the method defines them. */
  g_assert_nonnull (strstr (verk_content_lookup_value (content, "siq.customer")->description, "mottagare"));
  g_assert_cmpstr (verk_content_get_part (content, 0)->name, ==, "Säker chef");
  g_assert_cmpstr (verk_content_get_part (content, 1)->name, ==, "Initiativrik utvecklare");
  g_assert_cmpstr (verk_content_get_part (content, 2)->name, ==, "Klar ledare");
  g_assert_cmpstr (verk_content_get_part (content, 0)->expectations[1].name, ==, "Företräda arbetsgivaren");
  g_assert_cmpstr (verk_content_get_part (content, 1)->trait, ==, "Du är modig och nyfiken");
  verk_content_get_whole (content, NULL, NULL, &motto);
  g_assert_cmpstr (motto, ==, "Förenkla – Förnya – Förbättra");
  g_assert_cmpstr (verk_content_get_expected_label (content), ==, "Du förväntas");
}

static void
test_english (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new ("en", &error);

  g_assert_no_error (error);
  check_complete (content);
  g_assert_cmpstr (verk_content_get_language (content), ==, "en");
  g_assert_cmpstr (verk_content_lookup_value (content, "siq.cooperation")->name, ==, "Cooperation");
  /* Every English text differs from the Swedish one: nothing left untranslated. */
  {
    g_autoptr (VerkContent) sv = verk_content_new ("sv", NULL);

    for (guint i = 0; i < 13; i++)
      g_assert_cmpstr (verk_content_get_value (content, i)->description, !=,
                       verk_content_get_value (sv, i)->description);
  }
}

static void
test_language_from_environment (void)
{
  g_autoptr (VerkContent) content = NULL;

  g_setenv ("LANGUAGE", "sv", TRUE);
  content = verk_content_new (NULL, NULL);
  g_assert_cmpstr (verk_content_get_language (content), ==, "sv");
  g_clear_object (&content);
  g_setenv ("LANGUAGE", "en", TRUE);
  content = verk_content_new (NULL, NULL);
  g_assert_cmpstr (verk_content_get_language (content), ==, "en");
  g_unsetenv ("LANGUAGE");
}

static void
test_seed_workshop (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new ("sv", &error);
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) values = NULL;
  g_autoptr (GPtrArray) expectations = NULL;
  g_autoptr (GPtrArray) levels = NULL;
  gint64 group, workshop;

  g_assert_no_error (error);
  group = verk_store_add_group (store, "Ledningsgruppen", "", &error);
  g_assert_no_error (error);
  workshop = verk_store_add_workshop (store, group, "2026-03-01", "Åsa", &error);
  g_assert_no_error (error);
  g_assert_true (verk_content_seed_workshop (content, store, workshop, &error));
  g_assert_no_error (error);

  values = verk_store_list_items (store, workshop, "siq", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 13);
  for (guint i = 0; i < 13; i++)
    {
      VerkItem *item = g_ptr_array_index (values, i);

      g_assert_cmpstr (item->name, ==, swedish_names[i]);
      g_assert_cmpstr (item->key, ==, verk_content_get_value (content, i)->key);
      g_assert_cmpstr (item->description, ==, verk_content_get_value (content, i)->description);
      g_assert_cmpint (item->agreed, ==, 0);
      g_assert_false (item->custom);
    }

  expectations = verk_store_list_items (store, workshop, "platform", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expectations->len, ==, 16);
  g_assert_cmpstr (((VerkItem *) g_ptr_array_index (expectations, 0))->key, ==, "platform.secure.1");
  g_assert_cmpstr (((VerkItem *) g_ptr_array_index (expectations, 0))->name, ==, "Styra och påverka");

  levels = verk_store_list_items (store, workshop, "scale", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      VerkItem *item = g_ptr_array_index (levels, i);
      g_autofree char *key = g_strdup_printf ("scale.%u", i + 1);

      g_assert_cmpstr (item->key, ==, key);
      g_assert_cmpstr (item->name, ==, verk_content_get_level (content, (int) i + 1)->label);
      g_assert_cmpstr (item->description, ==, verk_content_get_level (content, (int) i + 1)->description);
    }
}

/* Seeding is all or nothing: a workshop that does not exist gets an error
 * and no stray items appear anywhere. */
static void
test_seed_missing_workshop (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new ("en", NULL);
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) items = NULL;
  gint64 group, workshop;

  group = verk_store_add_group (store, "Group", "", &error);
  workshop = verk_store_add_workshop (store, group, "2026-03-01", "", &error);
  g_assert_no_error (error);
  g_assert_false (verk_content_seed_workshop (content, store, workshop + 50, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  items = verk_store_list_items (store, workshop, "siq", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
}

/* Every idea of the seed's definition (shared/seeds, "Definitioner av de
 * tretton grundläggande värderingarna") is in our own wording: the key terms
 * of each, in both languages, and the words that must not come back. */
typedef struct {
  const char *key;
  const char *sv[6];
  const char *en[6];
  const char *not_sv;
  const char *not_en;
} KeyTerms;

static const KeyTerms key_terms[] = {
  { "siq.long-term",
    { "konkurrenskraft", "uthålligt förbättringsarbete", "produktivitet och effektivitet", "miljö",
      "nöjdare mottagare", "lång sikt" },
    { "competitive", "persistent improvement", "productivity and efficiency", "environment",
      "more satisfied recipients", "long term" },
    "medarbet", "employee" },
  { "siq.leadership",
    { "personligt, aktivt och synligt", "riktningen", "olika erfarenheter",
      "skapa förutsättningar för medarbetarna", "i dialog med dem", "följa upp målen" },
    { "personal, active and visible", "direction", "different experiences",
      "create the conditions for the employees", "in dialogue with them", "follow up the goals" } },
  { "siq.customer",
    { "lång sikt", "värde", "mottagarna av vår service och våra tjänster", "externa och interna",
      "uttalade och outtalade", "förväntningar" },
    { "long run", "value", "recipients of our service and our services", "external and internal",
      "spoken and unspoken", "expectations" } },
  { "siq.process",
    { "effektivitet", "värde mottagaren behöver och får", "kvalitet", "arbetsflödena",
      "organiserat", "effektivare" },
    { "efficiency", "value the recipient needs and receives", "quality", "workflows", "organised",
      "more efficient" } },
  { "siq.society",
    { "lagar och förordningar", "processer och tjänster", "större helhet", "samhället och miljön" },
    { "laws and regulations", "processes and services", "larger whole", "society and the environment" } },
  { "siq.learning",
    { "alla områden", "vad som går att uppnå och hur", "bäst på en viss process",
      "oavsett bransch, organisation eller sektor" },
    { "every area", "what can be achieved and how", "best at a particular process",
      "line of business, organisation or sector" } },
  { "siq.cooperation",
    { "framgångsrik", "flera plan", "medarbetare", "mottagare", "leverantörer", "ägare och huvudmän" },
    { "successful", "several levels", "employees", "recipients", "suppliers", "owners and principals" },
    "uppdragsgivare", "commission" },
  { "siq.competence",
    { "samlade kompetensen", "konkurrenskraftig", "verksamhetens", "den enskildes",
      "individen och organisationen" },
    { "combined competence", "competitive", "organisation's point of view", "each person's",
      "the individual and the organisation" } },
  { "siq.participation",
    { "förtroende", "utföra och utveckla", "roll i helheten", "tydliga mål", "medel", "resultat" },
    { "trusted", "carry out and develop", "role in the whole", "clear goals", "means", "results" } },
  { "siq.prevention",
    { "förebygga fel", "risker", "processer och tjänster", "framsynthet, förutseende och planering",
      "mottagare och leverantörer" },
    { "preventing errors", "risks", "processes and services", "foresight, anticipation and planning",
      "recipients and suppliers" } },
  { "siq.improvement",
    { "konkurrenskraftiga", "förbättrar och förnyar", "alla delar", "metodiskt förbättringsarbete",
      "genomsyrar", "lärande, kreativitet och nya idéer" },
    { "competitive", "improving and renewing", "every part", "methodical improvement",
      "throughout the organisation", "learning, creativity and new ideas" } },
  { "siq.facts",
    { "dokumenterade och tillförlitliga fakta", "varje medarbetare", "mäta och analysera", "målen",
      "mottagarna" },
    { "documented, reliable facts", "every employee", "measure and analyse", "goals", "recipients" } },
  { "siq.response",
    { "kortare svarstider", "ledtider", "mottagarnas behov", "utvecklar, producerar och levererar",
      "administrativa processerna" },
    { "shorter response times", "lead times", "recipients' needs", "develop, produce and deliver",
      "administrative processes" } },
};

static void
check_terms (VerkContent       *content,
             const char        *key,
             const char *const *terms,
             const char        *forbidden)
{
  const VerkContentItem *value = verk_content_lookup_value (content, key);
  g_autofree char *text = NULL;

  g_assert_nonnull (value);
  text = g_utf8_strdown (value->description, -1);
  for (guint t = 0; t < 6 && terms[t] != NULL; t++)
    if (strstr (text, terms[t]) == NULL)
      g_error ("%s (%s) lacks “%s”: %s", key, verk_content_get_language (content), terms[t],
               value->description);
  if (forbidden != NULL && strstr (text, forbidden) != NULL)
    g_error ("%s (%s) says “%s”, which the seed does not: %s", key, verk_content_get_language (content),
             forbidden, value->description);
}

static void
test_definitions_hold_the_seed (void)
{
  g_autoptr (VerkContent) sv = verk_content_new ("sv", NULL);
  g_autoptr (VerkContent) en = verk_content_new ("en", NULL);

  g_assert_cmpuint (G_N_ELEMENTS (key_terms), ==, verk_content_get_n_values (sv));
  for (guint i = 0; i < G_N_ELEMENTS (key_terms); i++)
    {
      check_terms (sv, key_terms[i].key, key_terms[i].sv, key_terms[i].not_sv);
      check_terms (en, key_terms[i].key, key_terms[i].en, key_terms[i].not_en);
    }
}

/* The platform's promise and place, "mottagare", and SIQ's four steps. */
static void
test_platform_and_method (void)
{
  g_autoptr (VerkContent) sv = verk_content_new ("sv", NULL);
  g_autoptr (VerkContent) en = verk_content_new ("en", NULL);

  g_assert_nonnull (strstr (verk_content_get_platform_promise (sv), "höga krav"));
  g_assert_nonnull (strstr (verk_content_get_platform_promise (sv), "litar"));
  g_assert_nonnull (strstr (verk_content_get_platform_promise (sv), "rätt förutsättningar"));
  g_assert_nonnull (strstr (verk_content_get_platform_promise (sv), "står i vägen"));
  g_assert_nonnull (strstr (verk_content_get_platform_promise (en), "the right conditions"));
  g_assert_nonnull (strstr (verk_content_get_platform_context (sv), "Sveriges viktigaste chefsjobb"));
  g_assert_nonnull (strstr (verk_content_get_platform_context (en), "Sveriges viktigaste chefsjobb"));
  g_assert_nonnull (strstr (verk_content_get_recipients_note (sv), "mottagare"));
  g_assert_nonnull (strstr (verk_content_get_recipients_note (en), "recipients"));
  g_assert_nonnull (strstr (verk_content_get_method_step (sv, VERK_METHOD_SCORE), "tillsammans"));
  g_assert_nonnull (strstr (verk_content_get_method_step (sv, VERK_METHOD_SCORE), "1 till 5"));
  g_assert_nonnull (strstr (verk_content_get_method_step (sv, VERK_METHOD_PRIORITISE), "störst"));
  g_assert_nonnull (strstr (verk_content_get_method_step (sv, VERK_METHOD_PLAN), "åtgärdsplan"));
  g_assert_nonnull (strstr (verk_content_get_method_step (sv, VERK_METHOD_OPERATIONAL_PLAN), "verksamhetsplanen"));
  g_assert_nonnull (strstr (verk_content_get_method_step (en, VERK_METHOD_OPERATIONAL_PLAN), "operational plan"));
  g_assert_nonnull (strstr (verk_content_get_method_step (en, VERK_METHOD_PLAN), "action plan"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/content/swedish", test_swedish);
  g_test_add_func ("/content/english", test_english);
  g_test_add_func ("/content/language-from-environment", test_language_from_environment);
  g_test_add_func ("/content/seed-workshop", test_seed_workshop);
  g_test_add_func ("/content/definitions-hold-the-seed", test_definitions_hold_the_seed);
  g_test_add_func ("/content/platform-and-method", test_platform_and_method);
  g_test_add_func ("/content/seed-missing-workshop", test_seed_missing_workshop);
  return g_test_run ();
}
