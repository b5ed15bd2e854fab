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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/content/swedish", test_swedish);
  g_test_add_func ("/content/english", test_english);
  g_test_add_func ("/content/language-from-environment", test_language_from_environment);
  g_test_add_func ("/content/seed-workshop", test_seed_workshop);
  g_test_add_func ("/content/seed-missing-workshop", test_seed_missing_workshop);
  return g_test_run ();
}
