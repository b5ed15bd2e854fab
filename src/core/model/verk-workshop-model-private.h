/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The model's insides, shared by verk-workshop-model.c (loading and following
 * the store) and verk-workshop-model-lookup.c (reading it), and the read
 * counts tests and benchmarks use. */

#include "verk-workshop-model.h"

G_BEGIN_DECLS

typedef enum {
  VERK_MODEL_READ_WORKSHOP,
  VERK_MODEL_READ_ITEMS,        /* every item of the workshop */
  VERK_MODEL_READ_ITEM,         /* one item */
  VERK_MODEL_READ_PARTICIPANTS,
  VERK_MODEL_READ_SCORES,       /* every score of the workshop, of both rounds */
  VERK_MODEL_READ_ITEM_SCORES,  /* one item's scores, of both rounds */
  VERK_MODEL_READ_PRIORITIES,
  VERK_MODEL_READ_ACTIONS,
  VERK_MODEL_READ_REFLECTIONS,
  VERK_MODEL_READ_REMOVED,      /* the removed pieces and participants, once asked for */
  VERK_MODEL_READ_PREVIOUS_ID,  /* which workshop this one is compared with */
  VERK_MODEL_N_READS
} VerkModelRead;

/* How many times the model read the store for @read since it was created
 * or the counts were reset (the scores of both rounds are one read). */
guint  verk_workshop_model_get_read_count    (VerkWorkshopModel *self,
                                              VerkModelRead      read);
void   verk_workshop_model_reset_read_counts (VerkWorkshopModel *self);

/* The item lists, by framework. */
enum {
  LIST_PIECES,          /* "siq" */
  LIST_EXPECTATIONS,    /* "platform" */
  LIST_SCALE,           /* "scale" */
  N_ITEM_LISTS
};

/* Where an item is: its record, its list and position, its run of scores. */
typedef struct {
  gint64      id;             /* the key */
  VerkRecord *record;         /* borrowed from the list */
  guint       list;
  guint       position;
  guint       score_start;    /* in the scores list */
  guint       n_scores;
  guint       round2_start;   /* in the second round's list */
  guint       n_round2;
} ItemEntry;

struct _VerkWorkshopModel
{
  GObject       parent_instance;

  /* owned */
  VerkStore    *store;
  VerkWorkshop *workshop;
  GError       *error;
  GListStore   *items[N_ITEM_LISTS];
  GListStore   *participants;
  GListStore   *scores;
  GListStore   *priorities;
  GListStore   *actions;
  GListStore   *reflections;
  GListStore   *second_round;       /* VerkScore of the second private rounds, by item */
  GListStore   *removed_pieces;       /* VerkItem, read only once asked for */
  GListStore   *removed_participants; /* VerkParticipant, likewise */
  GHashTable   *item_index;         /* gint64 * → ItemEntry (owned) */
  GHashTable   *participant_index;  /* set of VerkParticipant (keyed by its id) */
  GHashTable   *score_index;        /* set of VerkScore (keyed by item and participant) */
  GHashTable   *second_round_index; /* likewise, of the second round's list */
  GHashTable   *action_index;       /* set of VerkAction (keyed by its id) */
  GHashTable   *reflection_index;   /* part → VerkReflection */
  GPtrArray    *stats_items;        /* VerkItem of the pieces, borrowed, for verk-stats */
  GPtrArray    *stats_scores;       /* VerkScore in list order, borrowed */
  VerkWorkshopModel *previous;      /* the workshop compared with, once asked for */

  gint64        workshop_id;
  gulong        changed_handler;
  gulong        row_changed_handler;
  gboolean      rows_seen;          /* ::row-changed named rows of the coming ::changed */
  gboolean      row_missed;         /* … and one of them could not be read alone */
  gboolean      track_removed;      /* someone asked for the removed rows */
  gboolean      snapshot;           /* loaded once; follows no store (store is NULL) */
  guint         reads[VERK_MODEL_N_READS];
};

/* A record of @list, borrowed: the list keeps its own reference, so it is
 * safe until the list changes. */
static inline VerkRecord *
model_record_at (GListStore *list,
                 guint       position)
{
  VerkRecord *record = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_object_unref (record);
  return record;
}

G_END_DECLS
