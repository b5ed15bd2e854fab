/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "verk-session.h"
#include "verk-workshop-model-private.h"

/* VerkWorkshopModel: what it holds equals what the store says after every
 * kind of edit, and an edit changes only the rows it touched. */

typedef struct {
  VerkStore         *store;
  VerkWorkshopModel *model;
  gint64             workshop;
  gint64             items[13];
  gint64             expectations[2];
  gint64             people[4];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 group;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  f->workshop = verk_store_add_workshop (f->store, group, "2026-03-01", "Eva", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (f->items); i++)
    {
      g_autofree char *name = g_strdup_printf ("Värde %u", i + 1);
      g_autofree char *key = g_strdup_printf ("v%u", i + 1);

      f->items[i] = verk_store_add_item (f->store, f->workshop, "siq", key, name, "", &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (f->expectations); i++)
    {
      g_autofree char *name = g_strdup_printf ("Förväntan %u", i + 1);

      f->expectations[i] = verk_store_add_item (f->store, f->workshop, "platform", NULL, name, "", &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (f->people); i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i + 1);

      f->people[i] = verk_store_add_participant (f->store, f->workshop, name, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 5; i++)
    for (guint p = 0; p < G_N_ELEMENTS (f->people); p++)
      g_assert_true (verk_store_set_score (f->store, f->items[i], f->people[p], 1 + (int) ((i + p) % 5), &error));
  g_assert_true (verk_store_set_score (f->store, f->expectations[0], f->people[0], 4, &error));
  g_assert_true (verk_store_set_agreed (f->store, f->items[0], 3, "Vi är överens", &error));
  g_assert_true (verk_store_set_priorities (f->store, f->workshop, (gint64[]) { f->items[2], f->items[0] }, 2,
                                            &error));
  g_assert_no_error (error);

  f->model = verk_workshop_model_new (f->store);
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, f->workshop, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
}

/* ------------------------------------------------------------------------ */
/* The model equals the store                                               */

static gconstpointer
row_at (GListModel *list,
        guint       position)
{
  g_autoptr (VerkRecord) record = g_list_model_get_item (list, position);

  /* The list holds the record: the row outlives this reference. */
  return verk_record_get_boxed (record);
}

static void
assert_items_match (VerkWorkshopModel *model,
                    GListModel        *list,
                    GPtrArray         *items,
                    GPtrArray         *scores,
                    GArray            *priorities)
{
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      const VerkItem *want = g_ptr_array_index (items, i);
      const VerkPiece *piece = row_at (list, i);
      VerkItemStats stats = verk_stats_for_item (want->id, scores);
      int rank = 0;

      for (guint r = 0; r < priorities->len; r++)
        if (g_array_index (priorities, gint64, r) == want->id)
          rank = (int) r + 1;
      g_assert_cmpint (piece->item->id, ==, want->id);
      g_assert_cmpstr (piece->item->name, ==, want->name);
      g_assert_cmpstr (piece->item->description, ==, want->description);
      g_assert_cmpint (piece->item->position, ==, want->position);
      g_assert_cmpint (piece->item->agreed, ==, want->agreed);
      g_assert_cmpstr (piece->item->rationale, ==, want->rationale);
      g_assert_cmpint (piece->item->desired, ==, want->desired);
      g_assert_cmpint (piece->rank, ==, rank);
      g_assert_cmpint (verk_workshop_model_get_rank (model, want->id), ==, rank);
      g_assert_cmpuint (piece->stats.count, ==, stats.count);
      g_assert_cmpfloat (piece->stats.mean, ==, stats.mean);
      g_assert_cmpfloat (piece->stats.median, ==, stats.median);
      g_assert_cmpint (piece->stats.spread, ==, stats.spread);
      g_assert_true (verk_workshop_model_find_piece (model, want->id) == piece);
    }
}

static void
assert_matches_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkWorkshop) workshop = verk_store_get_workshop (f->store, f->workshop, &error);
  g_autoptr (GPtrArray) pieces = verk_store_list_items (f->store, f->workshop, "siq", &error);
  g_autoptr (GPtrArray) expectations = verk_store_list_items (f->store, f->workshop, "platform", &error);
  g_autoptr (GPtrArray) participants = verk_store_list_participants (f->store, f->workshop, &error);
  g_autoptr (GPtrArray) scores = verk_store_list_scores (f->store, f->workshop, &error);
  g_autoptr (GArray) priorities = verk_store_list_priorities (f->store, f->workshop, &error);
  g_autoptr (GPtrArray) actions = verk_store_list_actions (f->store, f->workshop, &error);
  g_autoptr (GPtrArray) reflections = verk_store_list_reflections (f->store, f->workshop, &error);
  GListModel *list;
  const VerkWorkshop *held = verk_workshop_model_get_workshop (f->model);

  g_assert_no_error (error);
  g_assert_null (verk_workshop_model_get_error (f->model));
  g_assert_nonnull (held);
  g_assert_cmpint (held->id, ==, workshop->id);
  g_assert_cmpstr (held->date, ==, workshop->date);
  g_assert_cmpstr (held->facilitator, ==, workshop->facilitator);
  g_assert_cmpstr (held->notes, ==, workshop->notes);

  assert_items_match (f->model, verk_workshop_model_get_piece_list (f->model), pieces, scores, priorities);
  assert_items_match (f->model, verk_workshop_model_get_expectation_list (f->model), expectations, scores,
                      priorities);

  list = verk_workshop_model_get_participant_list (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, participants->len);
  for (guint i = 0; i < participants->len; i++)
    {
      const VerkParticipant *want = g_ptr_array_index (participants, i);
      const VerkParticipant *have = row_at (list, i);

      g_assert_cmpint (have->id, ==, want->id);
      g_assert_cmpstr (have->name, ==, want->name);
      g_assert_cmpint (have->position, ==, want->position);
      g_assert_true (verk_workshop_model_find_participant (f->model, want->id) == have);
    }

  /* Every score, in the list and by look-up; and no score the store lacks. */
  list = verk_workshop_model_get_score_list (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, scores->len);
  for (guint i = 0; i < scores->len; i++)
    {
      const VerkScore *want = g_ptr_array_index (scores, i);

      g_assert_cmpint (verk_workshop_model_get_score (f->model, want->item_id, want->participant_id), ==,
                       want->value);
      g_assert_cmpstr (verk_workshop_model_get_comment (f->model, want->item_id, want->participant_id), ==,
                       want->comment);
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      const VerkScore *have = row_at (list, i);
      gboolean found = FALSE;

      for (guint k = 0; k < scores->len && !found; k++)
        {
          const VerkScore *want = g_ptr_array_index (scores, k);

          found = want->item_id == have->item_id && want->participant_id == have->participant_id
                  && want->value == have->value;
        }
      g_assert_true (found);
    }

  list = verk_workshop_model_get_priority_list (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, priorities->len);
  for (guint r = 0; r < priorities->len; r++)
    {
      const VerkPriority *have = row_at (list, r);

      g_assert_cmpint (have->item_id, ==, g_array_index (priorities, gint64, r));
      g_assert_cmpint (have->rank, ==, (int) r + 1);
    }

  list = verk_workshop_model_get_action_list (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, actions->len);
  for (guint i = 0; i < actions->len; i++)
    {
      const VerkAction *want = g_ptr_array_index (actions, i);
      const VerkAction *have = row_at (list, i);

      g_assert_cmpint (have->id, ==, want->id);
      g_assert_cmpint (have->item_id, ==, want->item_id);
      g_assert_cmpstr (have->what, ==, want->what);
      g_assert_cmpstr (have->owner, ==, want->owner);
      g_assert_cmpstr (have->due, ==, want->due);
      g_assert_cmpint (have->status, ==, want->status);
      g_assert_cmpstr (have->followup, ==, want->followup);
      g_assert_cmpint (have->carried_from, ==, want->carried_from);
      g_assert_true (verk_workshop_model_find_action (f->model, want->id) == have);
    }

  list = verk_workshop_model_get_reflection_list (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, reflections->len);
  for (guint i = 0; i < reflections->len; i++)
    {
      const VerkReflection *want = g_ptr_array_index (reflections, i);
      const VerkReflection *have = verk_workshop_model_find_reflection (f->model, want->part);

      g_assert_nonnull (have);
      g_assert_cmpstr (have->strengths, ==, want->strengths);
      g_assert_cmpstr (have->development, ==, want->development);
      g_assert_cmpstr (have->obstacles, ==, want->obstacles);
      g_assert_cmpstr (have->removers, ==, want->removers);
    }

  /* The statistics the pages ask for, over the same rows. */
  {
    g_autoptr (GArray) order = verk_stats_priority_order (pieces, scores);
    g_autoptr (GArray) model_order = verk_workshop_model_get_priority_order (f->model);
    g_autoptr (GArray) split = verk_stats_disagreements (pieces, scores, 2);
    g_autoptr (GArray) model_split = verk_workshop_model_get_disagreements (f->model, 2);

    g_assert_cmpmem (order->data, order->len * sizeof (gint64), model_order->data,
                     model_order->len * sizeof (gint64));
    g_assert_cmpmem (split->data, split->len * sizeof (gint64), model_split->data,
                     model_split->len * sizeof (gint64));
  }
}

static void
test_matches_store_after_every_edit (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkAction action = { .workshop_id = f->workshop, .item_id = f->items[2], .what = "Mät kundnöjdhet",
                        .owner = "Eva", .due = "2026-06-01", .status = VERK_ACTION_OPEN, .followup = "" };
  VerkReflection reflection = { .workshop_id = f->workshop, .part = "part1", .strengths = "Tydliga mål",
                                .development = "Återkoppling", .obstacles = "Tid", .removers = "Vi" };
  VerkScore batch[] = { { f->items[7], f->people[0], 5, NULL }, { f->items[7], f->people[1], 1, NULL },
                        { f->items[0], f->people[0], 0, NULL } };
  gint64 extra, person;

  assert_matches_store (f);

#define EDIT(call) G_STMT_START { g_assert_true (call); g_assert_no_error (error); assert_matches_store (f); } G_STMT_END
  EDIT (verk_store_update_workshop (f->store, f->workshop, "2026-03-02", "Karin", "Anteckning", &error));
  EDIT ((extra = verk_store_add_item (f->store, f->workshop, "siq", NULL, "Egen bit", "", &error)) != 0);
  EDIT (verk_store_update_item (f->store, f->items[3], "Nytt namn", "Ny beskrivning", &error));
  EDIT (verk_store_move_item (f->store, extra, 0, &error));
  EDIT (verk_store_set_score (f->store, f->items[6], f->people[2], 4, &error));
  EDIT (verk_store_set_score (f->store, f->items[1], f->people[0], 0, &error));
  EDIT (verk_store_set_score_comment (f->store, f->items[6], f->people[2], "Det beror på", &error));
  EDIT (verk_store_set_scores (f->store, batch, G_N_ELEMENTS (batch), &error));
  EDIT (verk_store_set_agreed (f->store, f->items[6], 2, "Efter diskussion", &error));
  EDIT (verk_store_set_desired (f->store, f->items[6], 4, &error));
  EDIT (verk_store_set_score (f->store, f->expectations[1], f->people[3], 2, &error));
  EDIT (verk_store_set_priorities (f->store, f->workshop, (gint64[]) { f->items[6], extra, f->items[4] }, 3,
                                   &error));
  EDIT ((action.id = verk_store_add_action (f->store, &action, &error)) != 0);
  action.status = VERK_ACTION_IN_PROGRESS;
  action.followup = "Halvvägs";
  EDIT (verk_store_update_action (f->store, &action, &error));
  EDIT (verk_store_set_reflection (f->store, &reflection, &error));
  reflection.strengths = "Tydligare mål";
  EDIT (verk_store_set_reflection (f->store, &reflection, &error));
  EDIT ((person = verk_store_add_participant (f->store, f->workshop, "", &error)) != 0);
  EDIT (verk_store_rename_participant (f->store, person, "Ny person", &error));
  EDIT (verk_store_set_score (f->store, f->items[9], person, 3, &error));
  EDIT (verk_store_remove_participant (f->store, f->people[1], &error));
  EDIT (verk_store_restore_participant (f->store, f->people[1], &error));
  EDIT (verk_store_remove_item (f->store, f->items[6], &error));
  EDIT (verk_store_restore_item (f->store, f->items[6], &error));
  EDIT (verk_store_remove_action (f->store, action.id, &error));
#undef EDIT
}

/* ------------------------------------------------------------------------ */
/* Only what changed                                                        */

typedef struct {
  guint position, removed, added;
} Splice;

static void
record_splice (GListModel *list,
               guint       position,
               guint       removed,
               guint       added,
               GArray     *splices)
{
  Splice splice = { position, removed, added };

  g_array_append_val (splices, splice);
}

static GArray *
watch (GListModel *list)
{
  GArray *splices = g_array_new (FALSE, FALSE, sizeof (Splice));

  g_signal_connect (list, "items-changed", G_CALLBACK (record_splice), splices);
  return splices;
}

static void
unwatch (GListModel *list,
         GArray     *splices)
{
  g_signal_handlers_disconnect_by_data (list, splices);
  g_array_unref (splices);
}

static void
assert_one_splice (GArray *splices,
                   guint   position)
{
  g_assert_cmpuint (splices->len, ==, 1);
  g_assert_cmpuint (g_array_index (splices, Splice, 0).position, ==, position);
  g_assert_cmpuint (g_array_index (splices, Splice, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (splices, Splice, 0).added, ==, 1);
}

static void
count_changed (VerkWorkshopModel *model,
               int                kind,
               guint             *count)
{
  (*count)++;
}

static void
test_score_change_touches_one_piece (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GListModel *pieces = verk_workshop_model_get_piece_list (f->model);
  GListModel *scores = verk_workshop_model_get_score_list (f->model);
  GListModel *others[] = {
    verk_workshop_model_get_expectation_list (f->model), verk_workshop_model_get_participant_list (f->model),
    verk_workshop_model_get_priority_list (f->model), verk_workshop_model_get_action_list (f->model),
    verk_workshop_model_get_reflection_list (f->model),
  };
  GArray *piece_splices = watch (pieces);
  GArray *score_splices = watch (scores);
  GArray *other_splices[G_N_ELEMENTS (others)];
  g_autoptr (VerkRecord) before = g_list_model_get_item (pieces, 4);
  g_autoptr (VerkRecord) neighbour = g_list_model_get_item (pieces, 3);
  g_autoptr (VerkRecord) after = NULL;
  g_autoptr (VerkRecord) still = NULL;
  guint changed = 0;
  guint score_position = G_MAXUINT;

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    other_splices[i] = watch (others[i]);
  g_signal_connect (f->model, "changed", G_CALLBACK (count_changed), &changed);
  /* Where the changed score sits: piece 4's scores, participant 2 (the third). */
  for (guint i = 0; i < g_list_model_get_n_items (scores); i++)
    {
      const VerkScore *s = row_at (scores, i);

      if (s->item_id == f->items[4] && s->participant_id == f->people[2])
        score_position = i;
    }
  g_assert_cmpuint (score_position, !=, G_MAXUINT);
  verk_workshop_model_reset_read_counts (f->model);

  /* Person 3 changes their score of the fifth piece from 2 to 5. */
  g_assert_cmpint (verk_workshop_model_get_score (f->model, f->items[4], f->people[2]), ==, 2);
  g_assert_true (verk_store_set_score (f->store, f->items[4], f->people[2], 5, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (changed, ==, 1);
  assert_one_splice (piece_splices, 4);
  assert_one_splice (score_splices, score_position);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_cmpuint (other_splices[i]->len, ==, 0);
  /* A new record for the piece, its neighbours' records untouched. */
  after = g_list_model_get_item (pieces, 4);
  still = g_list_model_get_item (pieces, 3);
  g_assert_true (after != before);
  g_assert_true (still == neighbour);
  g_assert_cmpfloat (verk_record_get_piece (before)->stats.mean, ==, 2.75);
  g_assert_cmpfloat (verk_record_get_piece (after)->stats.mean, ==, 3.5);
  g_assert_cmpint (verk_workshop_model_get_score (f->model, f->items[4], f->people[2]), ==, 5);

  /* That piece and its scores were read again, nothing else. */
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEM), ==, 1);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEM_SCORES), ==, 1);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEMS), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_SCORES), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_PARTICIPANTS), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ACTIONS), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_REFLECTIONS), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_PRIORITIES), ==, 0);

  /* The same value again changes nothing a view shows. */
  g_array_set_size (piece_splices, 0);
  g_array_set_size (score_splices, 0);
  g_assert_true (verk_store_set_score (f->store, f->items[4], f->people[2], 5, &error));
  g_assert_cmpuint (piece_splices->len, ==, 0);
  g_assert_cmpuint (score_splices->len, ==, 0);

  /* An agreed score moves the piece and not its scores. */
  g_assert_true (verk_store_set_agreed (f->store, f->items[9], 4, "", &error));
  assert_one_splice (piece_splices, 9);
  g_assert_cmpuint (score_splices->len, ==, 0);

  /* A comment is the score's row alone. */
  g_array_set_size (piece_splices, 0);
  g_assert_true (verk_store_set_score_comment (f->store, f->items[4], f->people[2], "Varför?", &error));
  g_assert_cmpuint (piece_splices->len, ==, 0);
  assert_one_splice (score_splices, score_position);
  g_assert_cmpstr (verk_workshop_model_get_comment (f->model, f->items[4], f->people[2]), ==, "Varför?");

  /* A new score of a piece without any grows its run in the scores list, and
   * the runs after it move along. */
  g_array_set_size (piece_splices, 0);
  g_array_set_size (score_splices, 0);
  g_assert_true (verk_store_set_score (f->store, f->items[8], f->people[1], 2, &error));
  assert_one_splice (piece_splices, 8);
  g_assert_cmpuint (score_splices->len, ==, 1);
  g_assert_cmpuint (g_array_index (score_splices, Splice, 0).position, ==, 20);
  g_assert_cmpuint (g_array_index (score_splices, Splice, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (score_splices, Splice, 0).added, ==, 1);
  g_assert_cmpint (verk_workshop_model_get_score (f->model, f->expectations[0], f->people[0]), ==, 4);

  /* A round of votes on two pieces: those two read again, each its own splice. */
  {
    VerkScore round[] = { { f->items[10], f->people[0], 3, NULL }, { f->items[12], f->people[0], 4, NULL },
                          { f->items[10], f->people[1], 5, NULL } };

    g_array_set_size (piece_splices, 0);
    verk_workshop_model_reset_read_counts (f->model);
    g_assert_true (verk_store_set_scores (f->store, round, G_N_ELEMENTS (round), &error));
    g_assert_cmpuint (piece_splices->len, ==, 2);
    g_assert_cmpuint (g_array_index (piece_splices, Splice, 0).position, ==, 10);
    g_assert_cmpuint (g_array_index (piece_splices, Splice, 1).position, ==, 12);
    g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEM), ==, 2);
    g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEM_SCORES), ==, 2);
    g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_SCORES), ==, 0);
    g_assert_cmpuint (verk_workshop_model_find_piece (f->model, f->items[10])->stats.count, ==, 2);
    assert_matches_store (f);
  }

  /* A renamed piece is read alone, its scores not at all. */
  g_array_set_size (piece_splices, 0);
  g_array_set_size (score_splices, 0);
  verk_workshop_model_reset_read_counts (f->model);
  g_assert_true (verk_store_update_item (f->store, f->items[11], "Omdöpt", "", &error));
  assert_one_splice (piece_splices, 11);
  g_assert_cmpuint (score_splices->len, ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEM), ==, 1);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEM_SCORES), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEMS), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_SCORES), ==, 0);
  g_assert_cmpstr (verk_workshop_model_find_item (f->model, f->items[11])->name, ==, "Omdöpt");
  g_assert_no_error (error);
  assert_matches_store (f);

  unwatch (pieces, piece_splices);
  unwatch (scores, score_splices);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    unwatch (others[i], other_splices[i]);
}

static void
record_row (VerkStore *store,
            int        kind,
            gint64     workshop_id,
            gint64     row_id,
            GArray    *rows)
{
  g_array_append_val (rows, row_id);
}

/* The store names the row of the edits that change one, right before
 * ::changed; the others name none. */
static void
test_store_row_changed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) scores = NULL;
  VerkScore batch[] = { { f->items[7], f->people[0], 5, NULL } };

  g_signal_connect (f->store, "row-changed", G_CALLBACK (record_row), rows);
#define ROW(call, want) G_STMT_START { \
    g_array_set_size (rows, 0); \
    g_assert_true (call); \
    g_assert_no_error (error); \
    g_assert_cmpuint (rows->len, ==, (want) != 0 ? 1 : 0); \
    if ((want) != 0) g_assert_cmpint (g_array_index (rows, gint64, 0), ==, (want)); \
  } G_STMT_END
  ROW (verk_store_set_score (f->store, f->items[1], f->people[1], 5, &error), f->items[1]);
  ROW (verk_store_set_score_comment (f->store, f->items[1], f->people[1], "Ja", &error), f->items[1]);
  ROW (verk_store_set_agreed (f->store, f->items[2], 2, "", &error), f->items[2]);
  ROW (verk_store_set_desired (f->store, f->items[3], 4, &error), f->items[3]);
  ROW (verk_store_update_item (f->store, f->items[4], "Namn", "", &error), f->items[4]);
  ROW (verk_store_set_scores (f->store, batch, 1, &error), f->items[7]);
  ROW (verk_store_move_item (f->store, f->items[4], 0, &error), 0);
  ROW (verk_store_add_participant (f->store, f->workshop, "", &error) != 0, 0);
#undef ROW
  g_signal_handlers_disconnect_by_data (f->store, rows);

  scores = verk_store_list_item_scores (f->store, f->items[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, 4);
  g_assert_cmpint (((VerkScore *) g_ptr_array_index (scores, 1))->participant_id, ==, f->people[1]);
  g_assert_cmpint (((VerkScore *) g_ptr_array_index (scores, 1))->value, ==, 5);
  g_assert_cmpstr (((VerkScore *) g_ptr_array_index (scores, 1))->comment, ==, "Ja");
  g_assert_true (verk_store_remove_participant (f->store, f->people[1], &error));
  g_clear_pointer (&scores, g_ptr_array_unref);
  scores = verk_store_list_item_scores (f->store, f->items[1], &error);
  g_assert_cmpuint (scores->len, ==, 3);
}

/* Another workshop's edits are not this model's business. */
/* ------------------------------------------------------------------------ */
/* The second private round                                                 */

/* The model's second-round list equals the store's, row by row. */
static void
assert_second_round_matches_store (Fixture           *f,
                                   VerkWorkshopModel *model)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) want = verk_store_list_second_round_scores (f->store, f->workshop, &error);
  GListModel *list = verk_workshop_model_get_second_round_list (model);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, want->len);
  for (guint i = 0; i < want->len; i++)
    {
      const VerkScore *w = g_ptr_array_index (want, i);
      const VerkScore *held = row_at (list, i);

      g_assert_cmpint (held->item_id, ==, w->item_id);
      g_assert_cmpint (held->participant_id, ==, w->participant_id);
      g_assert_cmpint (held->value, ==, w->value);
      g_assert_cmpstr (held->comment, ==, w->comment);
      g_assert_true (verk_workshop_model_find_second_round_score (model, w->item_id, w->participant_id) == held);
    }
}

static void
test_second_round (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkWorkshopModel) snapshot = NULL;
  GListModel *pieces = verk_workshop_model_get_piece_list (f->model);
  GListModel *round2 = verk_workshop_model_get_second_round_list (f->model);
  GArray *piece_splices = watch (pieces);
  GArray *round2_splices = watch (round2);
  GArray *score_splices = watch (verk_workshop_model_get_score_list (f->model));
  const VerkScore *held;
  guint changed = 0;

  g_signal_connect (f->model, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_false (verk_workshop_model_has_second_round (f->model, f->items[4]));
  g_assert_cmpuint (g_list_model_get_n_items (round2), ==, 0);

  /* Starting a round changes that piece alone, read alone. */
  verk_workshop_model_reset_read_counts (f->model);
  g_assert_true (verk_store_start_second_round (f->store, f->items[4], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  assert_one_splice (piece_splices, 4);
  g_assert_cmpuint (round2_splices->len, ==, 0);
  g_assert_true (verk_workshop_model_has_second_round (f->model, f->items[4]));
  g_assert_true (verk_workshop_model_find_piece (f->model, f->items[4])->second_round);
  g_assert_false (verk_workshop_model_has_second_round (f->model, f->items[3]));
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEM_SCORES), ==, 1);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_SCORES), ==, 0);

  /* A second-round score: the model notifies and holds it beside the first
   * round's, which stays as it was. */
  g_array_set_size (piece_splices, 0);
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[4], f->people[1], 2, "efter samtalet",
                                                    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (round2_splices->len, ==, 1);
  g_assert_cmpuint (g_array_index (round2_splices, Splice, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (round2_splices, Splice, 0).added, ==, 1);
  g_assert_cmpuint (score_splices->len, ==, 0);
  held = verk_workshop_model_find_second_round_score (f->model, f->items[4], f->people[1]);
  g_assert_nonnull (held);
  g_assert_cmpint (held->value, ==, 2);
  g_assert_cmpstr (held->comment, ==, "efter samtalet");
  g_assert_cmpint (verk_workshop_model_get_score (f->model, f->items[4], f->people[1]), ==, 1);
  g_assert_null (verk_workshop_model_find_second_round_score (f->model, f->items[4], f->people[0]));
  assert_second_round_matches_store (f, f->model);

  /* An earlier piece's round goes before it in the list. */
  g_array_set_size (round2_splices, 0);
  g_assert_true (verk_store_start_second_round (f->store, f->items[1], &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[1], f->people[3], 5, NULL, &error));
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[4], f->people[0], 4, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (round2_splices->len, ==, 2);
  g_assert_cmpuint (g_array_index (round2_splices, Splice, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (round2_splices, Splice, 1).position, ==, 1);
  g_assert_cmpint (verk_workshop_model_find_second_round_score (f->model, f->items[4], f->people[0])->value, ==, 4);
  assert_second_round_matches_store (f, f->model);

  /* A snapshot holds the same, and keeps it when the store changes. */
  snapshot = verk_workshop_model_new_snapshot (f->store, f->workshop, &error);
  g_assert_no_error (error);
  g_assert_null (verk_workshop_model_get_store (snapshot));
  assert_second_round_matches_store (f, snapshot);
  g_assert_true (verk_workshop_model_has_second_round (snapshot, f->items[1]));

  /* Cleared, and hidden with its participant: gone from the list. */
  g_assert_true (verk_store_set_second_round_score (f->store, f->items[4], f->people[0], 0, NULL, &error));
  g_assert_null (verk_workshop_model_find_second_round_score (f->model, f->items[4], f->people[0]));
  g_assert_true (verk_store_remove_participant (f->store, f->people[1], &error));
  g_assert_no_error (error);
  g_assert_null (verk_workshop_model_find_second_round_score (f->model, f->items[4], f->people[1]));
  g_assert_cmpuint (g_list_model_get_n_items (round2), ==, 1);
  assert_second_round_matches_store (f, f->model);
  g_assert_true (verk_workshop_model_has_second_round (f->model, f->items[4]));
  /* The priorities rebuild the pieces from what the model holds: the rounds stay. */
  g_assert_true (verk_store_set_priorities (f->store, f->workshop, (gint64[]) { f->items[4] }, 1, &error));
  g_assert_true (verk_workshop_model_has_second_round (f->model, f->items[4]));
  g_assert_true (verk_workshop_model_has_second_round (f->model, f->items[1]));
  assert_second_round_matches_store (f, f->model);

  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_second_round_list (snapshot)), ==, 3);
  g_assert_nonnull (verk_workshop_model_find_second_round_score (snapshot, f->items[4], f->people[1]));

  unwatch (pieces, piece_splices);
  unwatch (round2, round2_splices);
  unwatch (verk_workshop_model_get_score_list (f->model), score_splices);
}

static void
test_other_workshop_ignored (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GArray *piece_splices = watch (verk_workshop_model_get_piece_list (f->model));
  gint64 followup = verk_store_add_followup (f->store, f->workshop, "2026-09-01", "Eva", &error);
  g_autoptr (GPtrArray) copied = verk_store_list_items (f->store, followup, "siq", &error);
  guint changed = 0;

  g_assert_no_error (error);
  g_signal_connect (f->model, "changed", G_CALLBACK (count_changed), &changed);
  verk_workshop_model_reset_read_counts (f->model);
  for (guint i = 0; i < copied->len; i++)
    g_assert_true (verk_store_set_agreed (f->store, ((VerkItem *) g_ptr_array_index (copied, i))->id, 5, "",
                                          &error));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (piece_splices->len, ==, 0);
  for (guint r = 0; r < VERK_MODEL_N_READS; r++)
    g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, r), ==, 0);
  unwatch (verk_workshop_model_get_piece_list (f->model), piece_splices);
}

/* ------------------------------------------------------------------------ */
/* Removed rows, follow-ups, switching                                      */

static void
test_removed_rows_hidden (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GListModel *pieces = verk_workshop_model_get_piece_list (f->model);
  GListModel *people = verk_workshop_model_get_participant_list (f->model);

  g_assert_true (verk_store_remove_item (f->store, f->items[2], &error));
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 12);
  g_assert_null (verk_workshop_model_find_item (f->model, f->items[2]));
  g_assert_false (verk_workshop_model_find_piece_position (f->model, f->items[2], NULL));
  g_assert_cmpint (verk_workshop_model_get_score (f->model, f->items[2], f->people[0]), ==, 0);
  /* Its priority goes with it; the other keeps its place. */
  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_priority_list (f->model)), ==, 1);
  g_assert_cmpint (verk_workshop_model_get_rank (f->model, f->items[0]), ==, 1);

  g_assert_true (verk_store_remove_participant (f->store, f->people[0], &error));
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  g_assert_null (verk_workshop_model_find_participant (f->model, f->people[0]));
  g_assert_cmpint (verk_workshop_model_get_score (f->model, f->items[0], f->people[0]), ==, 0);
  g_assert_cmpuint (verk_workshop_model_find_piece (f->model, f->items[0])->stats.count, ==, 3);

  g_assert_true (verk_store_restore_participant (f->store, f->people[0], &error));
  g_assert_true (verk_store_restore_item (f->store, f->items[2], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 13);
  g_assert_cmpuint (verk_workshop_model_find_piece (f->model, f->items[0])->stats.count, ==, 4);
  g_assert_cmpint (verk_workshop_model_get_score (f->model, f->items[2], f->people[0]), ==, 3);
  assert_matches_store (f);
}

static void
test_followup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkAction action = { .workshop_id = f->workshop, .item_id = f->items[2], .what = "Mät",
                        .owner = "Eva", .status = VERK_ACTION_OPEN, .followup = "" };
  gint64 first = f->workshop, followup;

  g_assert_true (verk_store_add_action (f->store, &action, &error) != 0);
  followup = verk_store_add_followup (f->store, first, "2026-09-01", "Eva", &error);
  g_assert_no_error (error);

  g_assert_true (verk_workshop_model_set_workshop_id (f->model, followup, &error));
  f->workshop = followup;
  assert_matches_store (f);
  g_assert_cmpint (verk_workshop_model_get_workshop (f->model)->previous_id, ==, first);
  /* The pieces and people come along, no scores; the open action is carried. */
  g_assert_cmpuint (verk_workshop_model_get_n_pieces (f->model), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_score_list (f->model)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_participant_list (f->model)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_action_list (f->model)), ==, 1);
  g_assert_null (verk_workshop_model_find_item (f->model, f->items[0]));

  /* Back to the first, then to none. */
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, first, &error));
  f->workshop = first;
  assert_matches_store (f);
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, 0, &error));
  g_assert_null (verk_workshop_model_get_workshop (f->model));
  g_assert_cmpuint (verk_workshop_model_get_n_pieces (f->model), ==, 0);
  g_assert_null (verk_workshop_model_find_item (f->model, f->items[0]));
}

/* The removed pieces and participants, for the Workshop Details editor: read
 * only once asked for, then kept as the store has them. */
static void
test_removed_lists (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GListModel *pieces, *people;
  g_autoptr (VerkRecord) record = NULL;

  /* Nobody asked yet: a removal does not read them. */
  verk_workshop_model_reset_read_counts (f->model);
  g_assert_true (verk_store_remove_item (f->store, f->items[2], &error));
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_REMOVED), ==, 0);

  pieces = verk_workshop_model_get_removed_piece_list (f->model);
  people = verk_workshop_model_get_removed_participant_list (f->model);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_REMOVED), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 0);
  record = g_list_model_get_item (pieces, 0);
  g_assert_cmpint (verk_record_get_item (record)->id, ==, f->items[2]);
  g_assert_cmpstr (verk_record_get_item (record)->name, ==, "Värde 3");

  /* The puzzle's pieces only: a removed expectation is not one. */
  g_assert_true (verk_store_remove_item (f->store, f->expectations[1], &error));
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 1);
  g_assert_true (verk_store_remove_item (f->store, f->items[5], &error));
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 2);
  g_clear_object (&record);
  record = g_list_model_get_item (pieces, 0);
  g_assert_cmpint (verk_record_get_item (record)->id, ==, f->items[5]);   /* the latest first */

  g_assert_true (verk_store_remove_participant (f->store, f->people[1], &error));
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  g_clear_object (&record);
  record = g_list_model_get_item (people, 0);
  g_assert_cmpint (verk_record_get_participant (record)->id, ==, f->people[1]);

  /* A score is not a removal: not read again. */
  verk_workshop_model_reset_read_counts (f->model);
  g_assert_true (verk_store_set_score (f->store, f->items[0], f->people[0], 5, &error));
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_REMOVED), ==, 0);

  g_assert_true (verk_store_restore_item (f->store, f->items[2], &error));
  g_assert_true (verk_store_restore_item (f->store, f->items[5], &error));
  g_assert_true (verk_store_restore_participant (f->store, f->people[1], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 0);
  /* Another workshop has its own. */
  g_assert_true (verk_store_remove_item (f->store, f->items[7], &error));
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, 0, &error));
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 0);
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, f->workshop, &error));
  g_assert_cmpuint (g_list_model_get_n_items (pieces), ==, 1);
}

/* The workshop a follow-up is compared with has a model of its own, which
 * moves along when that changes. */
static void
test_previous (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkAction action = { .workshop_id = f->workshop, .item_id = f->items[2], .what = "Mät",
                        .owner = "Eva", .status = VERK_ACTION_DONE, .followup = "" };
  gint64 first = f->workshop, group = verk_workshop_model_get_workshop (f->model)->group_id;
  gint64 followup, later;
  VerkWorkshopModel *previous;
  guint changed = 0;

  g_assert_true (verk_store_add_action (f->store, &action, &error) != 0);
  previous = verk_workshop_model_get_previous (f->model);
  g_assert_cmpint (verk_workshop_model_get_workshop_id (previous), ==, 0);   /* the group's first */

  followup = verk_store_add_followup (f->store, first, "2026-09-01", "Eva", &error);
  g_assert_no_error (error);
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, followup, &error));
  g_assert_true (verk_workshop_model_get_previous (f->model) == previous);
  g_assert_cmpint (verk_workshop_model_get_workshop_id (previous), ==, first);
  g_assert_cmpint (verk_workshop_model_get_rank (previous, f->items[2]), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_action_list (previous)), ==, 1);
  g_assert_cmpint (verk_workshop_model_find_item (previous, f->items[0])->agreed, ==, 3);

  /* Its edits reach it (and its ::changed), not the follow-up's model. */
  g_signal_connect (previous, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_true (verk_store_set_priorities (f->store, first, &f->items[4], 1, &error));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (verk_workshop_model_get_rank (previous, f->items[4]), ==, 1);
  g_assert_cmpint (verk_workshop_model_get_rank (previous, f->items[2]), ==, 0);

  /* A workshop that follows up nothing is compared with the group's latest before it… */
  later = verk_store_add_workshop (f->store, group, "2026-12-01", "Eva", &error);
  g_assert_no_error (error);
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, later, &error));
  g_assert_cmpint (verk_workshop_model_get_workshop_id (previous), ==, followup);
  /* … which another workshop's new date can change. */
  verk_workshop_model_reset_read_counts (f->model);
  g_assert_true (verk_store_update_workshop (f->store, followup, "2027-01-01", "Eva", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verk_workshop_model_get_workshop_id (previous), ==, first);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_PREVIOUS_ID), ==, 1);
  g_assert_cmpuint (verk_workshop_model_get_read_count (f->model, VERK_MODEL_READ_ITEMS), ==, 0);

  g_assert_true (verk_workshop_model_set_workshop_id (f->model, 0, &error));
  g_assert_cmpint (verk_workshop_model_get_workshop_id (previous), ==, 0);
  g_signal_handlers_disconnect_by_data (previous, &changed);
}

/* The trend over the group's workshops, oldest first, up to this one. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 first = f->workshop, group = verk_workshop_model_get_workshop (f->model)->group_id;
  gint64 followup = verk_store_add_followup (f->store, first, "2026-09-01", "Eva", &error);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) later_history = NULL;
  GPtrArray *first_items, *followup_items;
  VerkItem *then;

  g_assert_no_error (error);
  verk_store_add_workshop (f->store, group, "2027-03-01", "Eva", &error);   /* after: not in it */
  g_assert_no_error (error);
  history = verk_workshop_model_list_history (f->model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_true (verk_workshop_model_set_workshop_id (f->model, followup, &error));
  later_history = verk_workshop_model_list_history (f->model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later_history->len, ==, 2);
  first_items = g_ptr_array_index (later_history, 0);
  followup_items = g_ptr_array_index (later_history, 1);
  then = g_ptr_array_index (first_items, 0);
  g_assert_cmpint (then->id, ==, f->items[0]);
  g_assert_cmpint (then->agreed, ==, 3);
  g_assert_cmpuint (followup_items->len, ==, 13);
  g_assert_cmpint (((VerkItem *) g_ptr_array_index (followup_items, 0))->agreed, ==, 0);
}

/* What the views take from the model in one call. */
static void
test_view_helpers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GArray) ids = verk_workshop_model_get_priority_ids (f->model);
  g_autoptr (GPtrArray) items = verk_workshop_model_dup_piece_items (f->model);

  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, f->items[2]);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, f->items[0]);
  g_assert_cmpuint (items->len, ==, 13);
  for (guint i = 0; i < items->len; i++)
    g_assert_true (g_ptr_array_index (items, i) == verk_workshop_model_get_piece (f->model, i)->item);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* A restored backup replaces every workshop underneath the model (the store
 * says VERK_CHANGE_GROUPS for the whole file): the model reads it again. */
static void
test_restored_backup (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verk-model-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "verkstad.db", NULL);
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkWorkshopModel) model = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  gint64 group, workshop, item, person;

  g_assert_no_error (error);
  store = verk_store_new (path, &error);
  group = verk_store_add_group (store, "G", "", &error);
  workshop = verk_store_add_workshop (store, group, "2026-01-01", NULL, &error);
  item = verk_store_add_item (store, workshop, "siq", NULL, "Bit", "", &error);
  person = verk_store_add_participant (store, workshop, "", &error);
  g_assert_true (verk_store_set_score (store, item, person, 1, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Opened again: its backup of the day holds the score 1. */
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  backups = verk_store_list_backups (store, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  model = verk_workshop_model_new (store);
  g_assert_true (verk_workshop_model_set_workshop_id (model, workshop, &error));
  g_assert_true (verk_store_set_score (store, item, person, 5, &error));
  g_assert_true (verk_store_add_participant (store, workshop, "Ny", &error) != 0);
  g_assert_cmpint (verk_workshop_model_get_score (model, item, person), ==, 5);

  g_assert_true (verk_store_restore_backup (store, ((VerkBackup *) backups->pdata[0])->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verk_workshop_model_get_score (model, item, person), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_participant_list (model)), ==, 1);
  g_assert_null (verk_workshop_model_get_error (model));

  g_clear_object (&model);
  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_missing_workshop (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (verk_workshop_model_set_workshop_id (f->model, f->workshop + 1000, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (verk_workshop_model_get_error (f->model));
  g_assert_cmpuint (verk_workshop_model_get_n_pieces (f->model), ==, 0);
  g_assert_null (verk_workshop_model_get_workshop (f->model));
}

/* ------------------------------------------------------------------------ */
/* Look-ups and the puzzle's pieces                                         */

static void
test_pieces_for_drawing (Fixture       *f,
                         gconstpointer  data)
{
  guint n = 0;
  g_autofree VerkPuzzlePiece *pieces = verk_workshop_model_get_pieces (f->model, &n);

  g_assert_cmpuint (n, ==, 13);
  g_assert_cmpstr (pieces[0].name, ==, "Värde 1");
  g_assert_cmpint (pieces[0].score, ==, 3);
  g_assert_cmpint (pieces[0].rank, ==, 2);
  g_assert_cmpint (pieces[2].rank, ==, 1);
  g_assert_cmpint (pieces[2].score, ==, 0);
  for (guint i = 3; i < n; i++)
    {
      g_assert_cmpint (pieces[i].rank, ==, 0);
      g_assert_cmpint (pieces[i].state, ==, 0);
    }
}

/* Every (piece, participant) of a large workshop is found, through the hash
 * tables (a look-up costs the same at any size: tests/bench). */
static void
test_lookups_large (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkWorkshopModel) model = verk_workshop_model_new (store);
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) scores = g_array_new (FALSE, FALSE, sizeof (VerkScore));
  gint64 group = verk_store_add_group (store, "G", "", &error);
  gint64 workshop = verk_store_add_workshop (store, group, "2026-01-01", NULL, &error);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bit %u", i);
      gint64 id = verk_store_add_item (store, workshop, "siq", NULL, name, "", &error);

      g_array_append_val (items, id);
    }
  for (guint p = 0; p < 30; p++)
    {
      gint64 id = verk_store_add_participant (store, workshop, "", &error);

      g_array_append_val (people, id);
    }
  for (guint i = 0; i < items->len; i++)
    for (guint p = 0; p < people->len; p++)
      {
        VerkScore s = { g_array_index (items, gint64, i), g_array_index (people, gint64, p),
                        1 + (int) ((i * 7 + p) % 5), NULL };

        g_array_append_val (scores, s);
      }
  g_assert_true (verk_store_set_scores (store, (VerkScore *) scores->data, scores->len, &error));
  g_assert_no_error (error);
  g_assert_true (verk_workshop_model_set_workshop_id (model, workshop, &error));

  g_assert_cmpuint (g_list_model_get_n_items (verk_workshop_model_get_score_list (model)), ==, 1200);
  for (guint k = 0; k < scores->len; k++)
    {
      const VerkScore *s = &g_array_index (scores, VerkScore, k);

      g_assert_cmpint (verk_workshop_model_get_score (model, s->item_id, s->participant_id), ==, s->value);
    }
  for (guint i = 0; i < items->len; i++)
    {
      guint position = G_MAXUINT;

      g_assert_true (verk_workshop_model_find_piece_position (model, g_array_index (items, gint64, i),
                                                              &position));
      g_assert_cmpuint (position, ==, i);
    }
  g_assert_cmpint (verk_workshop_model_get_score (model, g_array_index (items, gint64, 0), 999999), ==, 0);
  g_assert_null (verk_workshop_model_find_participant (model, 999999));
}

/* The session's one model follows the session to another workshop. */
static void
test_session_model (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkSession) session = verk_session_new (f->store);
  gint64 followup = verk_store_add_followup (f->store, f->workshop, "2026-09-01", "Eva", &error);
  VerkWorkshopModel *model;

  g_assert_no_error (error);
  verk_session_set_workshop_id (session, f->workshop);
  model = verk_session_get_model (session);
  g_assert_true (verk_session_get_model (session) == model);
  g_assert_cmpint (verk_workshop_model_get_workshop_id (model), ==, f->workshop);
  g_assert_cmpint (verk_workshop_model_get_score (model, f->items[0], f->people[0]), ==, 1);

  verk_session_set_workshop_id (session, followup);
  g_assert_cmpint (verk_workshop_model_get_workshop_id (model), ==, followup);
  g_assert_cmpint (verk_workshop_model_get_score (model, f->items[0], f->people[0]), ==, 0);
  g_assert_cmpuint (verk_workshop_model_get_n_pieces (model), ==, 13);
  verk_session_set_workshop_id (session, 0);
  g_assert_cmpuint (verk_workshop_model_get_n_pieces (model), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/workshop-model/matches-store-after-every-edit", test_matches_store_after_every_edit);
  ADD ("/workshop-model/score-change-touches-one-piece", test_score_change_touches_one_piece);
  ADD ("/workshop-model/second-round", test_second_round);
  ADD ("/workshop-model/other-workshop-ignored", test_other_workshop_ignored);
  ADD ("/workshop-model/store-row-changed", test_store_row_changed);
  ADD ("/workshop-model/removed-rows-hidden", test_removed_rows_hidden);
  ADD ("/workshop-model/followup", test_followup);
  ADD ("/workshop-model/removed-lists", test_removed_lists);
  ADD ("/workshop-model/previous", test_previous);
  ADD ("/workshop-model/history", test_history);
  ADD ("/workshop-model/view-helpers", test_view_helpers);
  ADD ("/workshop-model/missing-workshop", test_missing_workshop);
  ADD ("/workshop-model/pieces-for-drawing", test_pieces_for_drawing);
  ADD ("/workshop-model/session-model", test_session_model);
#undef ADD
  g_test_add_func ("/workshop-model/lookups-large", test_lookups_large);
  g_test_add_func ("/workshop-model/restored-backup", test_restored_backup);

  return g_test_run ();
}
