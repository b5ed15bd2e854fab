/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "verk-stats.h"
#include "verk-store.h"

G_BEGIN_DECLS

/* The rows of a VerkWorkshopModel's lists as boxed types, and VerkRecord, the
 * GObject a GListModel hands out for one row. A record never changes: when its
 * row changes the model puts a new record in its place (items-changed at that
 * position), so a view may keep a record as a snapshot. */

/* One item of the workshop as every view shows it: the item with its agreed
 * score, rationale and desired level, its priority rank and the statistics of
 * the participants' scores. */
typedef struct {
  VerkItem      *item;    /* owned */
  int            rank;    /* 1.., 0 = not prioritised */
  VerkItemStats  stats;   /* the participants' scores (count 0 when none) */
  gboolean       second_round;  /* a second private round was started */
} VerkPiece;

/* One entry of the priority list. */
typedef struct {
  gint64  item_id;
  int     rank;           /* 1 = highest */
} VerkPriority;

#define VERK_TYPE_PIECE       (verk_piece_get_type ())
#define VERK_TYPE_PRIORITY    (verk_priority_get_type ())
#define VERK_TYPE_ITEM        (verk_item_get_type ())
#define VERK_TYPE_PARTICIPANT (verk_participant_get_type ())
#define VERK_TYPE_SCORE       (verk_score_get_type ())
#define VERK_TYPE_ACTION      (verk_action_get_type ())
#define VERK_TYPE_REFLECTION  (verk_reflection_get_type ())

GType            verk_piece_get_type       (void) G_GNUC_CONST;
GType            verk_priority_get_type    (void) G_GNUC_CONST;
GType            verk_item_get_type        (void) G_GNUC_CONST;
GType            verk_participant_get_type (void) G_GNUC_CONST;
GType            verk_score_get_type       (void) G_GNUC_CONST;
GType            verk_action_get_type      (void) G_GNUC_CONST;
GType            verk_reflection_get_type  (void) G_GNUC_CONST;

/* Deep copies (the boxed types' copy functions). */
VerkPiece       *verk_piece_copy           (const VerkPiece       *piece);
void             verk_piece_free           (VerkPiece             *piece);
VerkItem        *verk_item_copy            (const VerkItem        *item);
VerkParticipant *verk_participant_copy     (const VerkParticipant *participant);
VerkScore       *verk_score_copy           (const VerkScore       *score);
VerkAction      *verk_action_copy          (const VerkAction      *action);
VerkReflection  *verk_reflection_copy      (const VerkReflection  *reflection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkPiece, verk_piece_free)

#define VERK_TYPE_RECORD (verk_record_get_type ())
G_DECLARE_FINAL_TYPE (VerkRecord, verk_record, VERK, RECORD, GObject)

/* Takes @boxed, a value of @boxed_type (one of the types above). */
VerkRecord      *verk_record_new_take      (GType                  boxed_type,
                                            gpointer               boxed);
GType            verk_record_get_boxed_type (VerkRecord           *self);
/* The row (transfer none), e.g. a VerkPiece in the pieces list. */
gconstpointer    verk_record_get_boxed     (VerkRecord            *self);
/* Whether two records hold the same type and equal values. */
gboolean         verk_record_equal         (VerkRecord            *a,
                                            VerkRecord            *b);

/* Typed shorthands; each checks the record's type. */
const VerkPiece       *verk_record_get_piece       (VerkRecord *self);
const VerkItem        *verk_record_get_item        (VerkRecord *self);
const VerkParticipant *verk_record_get_participant (VerkRecord *self);
const VerkScore       *verk_record_get_score       (VerkRecord *self);
const VerkPriority    *verk_record_get_priority    (VerkRecord *self);
const VerkAction      *verk_record_get_action      (VerkRecord *self);
const VerkReflection  *verk_record_get_reflection  (VerkRecord *self);

/* The rows of a list of VerkRecord, borrowed: the list keeps its records, so
 * the rows live as long as the list holds them. For code that wants a
 * GPtrArray (the handout, the room's phone states). */
GPtrArray             *verk_records_dup_rows  (GListModel *records);
/* The same for a list of VerkPiece records: their items. */
GPtrArray             *verk_records_dup_items (GListModel *records);

G_END_DECLS
