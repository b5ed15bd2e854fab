/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An organisation of management groups, built through the store API, for
 * the organisation view's UI tests, screenshots and benchmarks.
 *
 *   org-fixture DB [N_GROUPS [N_WORKSHOPS [FILES_DIR]]]
 *
 * writes DB with N_GROUPS groups (default 6) in three units, each with
 * N_WORKSHOPS workshops (default 2) half a year apart, each following up
 * the last: the thirteen values agreed (deterministic scores), participants
 * (every fifth group three people, the others 4–11), actions of which some
 * are done at the follow-up. In every third group (the second, fifth, …)
 * the group disagreed on one value in each workshop: everyone scored it,
 * and scored it again in a second private round (score_round and
 * round_score, which workshop files carry). With FILES_DIR, also one
 * .verkstad file per group there. Prints nothing; exits 1 with a message on
 * failure. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "verk-content.h"
#include "verk-store.h"

static const char *units[] = { "Socialtjänsten", "Skola", "Samhällsbyggnad" };
static const char *group_names[][2] = {
  { "Socialtjänstens ledningsgrupp", "Socialtjänsten" }, { "Äldreomsorgens chefer", "Socialtjänsten" },
  { "Rektorsgruppen", "Skola" }, { "Förskolechefer", "Skola" },
  { "Plan och bygg", "Samhällsbyggnad" }, { "Gatu- och parkchefer", "Samhällsbyggnad" },
  { "IFO ledning", "Socialtjänsten" }, { "Gymnasiets ledning", "Skola" },
  /* long names, as real groups have them (the overview's screenshots) */
  { "Kultur- och fritidsförvaltningens ledningsgrupp", "Samhällsbyggnad" },
  { "Grundskolans rektorer och biträdande rektorer", "Skola" },
  { "Funktionsstödsförvaltningens ledningsgrupp", "Socialtjänsten" },
  { "Miljö- och hälsoskyddsenhetens chefer", "Samhällsbyggnad" },
  { "Elevhälsans ledningsgrupp", "Skola" },
  { "Hemtjänstens enhetschefer", "Socialtjänsten" },
  { "Vatten- och avloppsverksamhetens chefer", "Samhällsbyggnad" },
  { "Barn- och utbildningsförvaltningens stab", "Skola" },
};

static void
check (gboolean ok, GError *error, const char *what)
{
  if (!ok)
    {
      g_printerr ("org-fixture: %s: %s\n", what, error != NULL ? error->message : "failed");
      exit (1);
    }
}

/* The piece the group disagreed on: everyone's first score spread from 1
 * to 5, then a second private round closer together. */
static void
add_second_round (VerkStore *store,
                  gint64     ws,
                  gint64     item,
                  guint      g,
                  guint      w)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = verk_store_list_participants (store, ws, &error);

  check (people != NULL, error, "the participants");
  for (guint p = 0; p < people->len; p++)
    {
      gint64 person = ((VerkParticipant *) people->pdata[p])->id;

      check (verk_store_set_score (store, item, person, 1 + (int) ((g + w + p * 2) % 5), &error), error,
             "a first-round score");
    }
  check (verk_store_start_second_round (store, item, &error), error, "a second round");
  for (guint p = 0; p < people->len; p++)
    {
      gint64 person = ((VerkParticipant *) people->pdata[p])->id;

      check (verk_store_set_second_round_score (store, item, person, 3 + (int) ((g + w + p) % 2),
                                                p == 0 ? "Efter samtalet" : "", &error),
             error, "a second-round score");
    }
}

static void
add_workshop (VerkStore   *store,
              VerkContent *content,
              gint64       group,
              guint        g,
              guint        w,
              gint64      *previous)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *date = g_strdup_printf ("%04u-%02u-15", 2024 + w / 2, w % 2 == 0 ? 3 : 9);
  guint people = g % 5 == 4 ? 3 : 4 + (g * 7 + w) % 8;
  gint64 ws;

  if (*previous == 0)
    {
      ws = verk_store_add_workshop (store, group, date, "", &error);
      check (ws > 0, error, "a workshop");
      check (verk_content_seed_workshop (content, store, ws, &error), error, "seeding");
      for (guint p = 0; p < people; p++)
        check (verk_store_add_participant (store, ws, "", &error) > 0, error, "a participant");
    }
  else
    {
      g_autoptr (GPtrArray) carried = NULL;

      ws = verk_store_add_followup (store, *previous, date, "", &error);
      check (ws > 0, error, "a follow-up");
      /* at the follow-up, some carried actions were done */
      carried = verk_store_list_actions (store, ws, &error);
      check (carried != NULL, error, "the actions");
      for (guint i = 0; i < carried->len; i++)
        {
          VerkAction *action = g_ptr_array_index (carried, i);

          action->status = (g + i + w) % 3 == 0 ? VERK_ACTION_IN_PROGRESS : VERK_ACTION_DONE;
          check (verk_store_update_action (store, action, &error), error, "an action's status");
        }
    }
  items = verk_store_list_items (store, ws, "siq", &error);
  check (items != NULL, error, "the items");
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      int score = 1 + (int) ((g * 3 + i * 2 + w + (i * g) / 3) % 5);

      check (verk_store_set_agreed (store, item->id, score, "", &error), error, "an agreed score");
    }
  if (g % 3 == 1 && items->len > 0)
    add_second_round (store, ws, ((VerkItem *) g_ptr_array_index (items, (g + w) % items->len))->id, g, w);
  for (guint a = 0; a < 3; a++)
    {
      VerkAction action = { .workshop_id = ws, .what = (char *) "Gemensam uppföljning",
                            .owner = (char *) "", .followup = (char *) "",
                            .status = VERK_ACTION_OPEN };
      check (verk_store_add_action (store, &action, &error) > 0, error, "an action");
    }
  *previous = ws;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkContent) content = NULL;
  guint n_groups, n_workshops;
  const char *files_dir;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: org-fixture DB [N_GROUPS [N_WORKSHOPS [FILES_DIR]]]\n");
      return 2;
    }
  n_groups = argc > 2 ? (guint) atoi (argv[2]) : 6;
  n_workshops = argc > 3 ? (guint) atoi (argv[3]) : 2;
  files_dir = argc > 4 ? argv[4] : NULL;

  g_unlink (argv[1]);
  store = verk_store_new (argv[1], &error);
  check (store != NULL, error, argv[1]);
  content = verk_content_new ("sv", &error);
  check (content != NULL, error, "the content pack");

  for (guint g = 0; g < n_groups; g++)
    {
      g_autofree char *name = g < G_N_ELEMENTS (group_names)
                              ? g_strdup (group_names[g][0])
                              : g_strdup_printf ("Ledningsgrupp %u", g + 1);
      const char *unit = g < G_N_ELEMENTS (group_names) ? group_names[g][1] : units[g % G_N_ELEMENTS (units)];
      gint64 group = verk_store_add_group (store, name, unit, &error);
      gint64 previous = 0;

      check (group > 0, error, "a group");
      for (guint w = 0; w < n_workshops; w++)
        add_workshop (store, content, group, g, w, &previous);
      if (files_dir != NULL)
        {
          g_autofree char *base = g_strdup_printf ("group-%03u.verkstad", g + 1);
          g_autofree char *path = g_build_filename (files_dir, base, NULL);

          check (verk_store_export_workshops (store, path, group, NULL, 0, "siq", VERK_EXCHANGE_DEFAULT, &error),
                 error, path);
        }
    }
  return 0;
}
