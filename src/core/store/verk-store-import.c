/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-atomic-file.h"
#include "verk-store-exchange.h"
#include "verk-store-exchange-private.h"
#include "verk-store-file-checker.h"
#include "verk-store-private.h"

/* Importing workshop files: docs/STORAGE.md, "Workshop files". Each file
 * is checked, its rows staged in memory, and its winning workshops replaced
 * whole, in batches of files per transaction. */

/* ------------------------------------------------------------------------ */
/* Import                                                                   */

/* The staged tables, in the order of staged_tables[] (below). */
enum {
  STAGED_TOMBSTONE, STAGED_GRP, STAGED_WORKSHOP, STAGED_ITEM, STAGED_PARTICIPANT, STAGED_SCORE, STAGED_AGREED,
  STAGED_PRIORITY, STAGED_ACTION, STAGED_REFLECTION, STAGED_SCORE_ROUND, STAGED_ROUND_SCORE, STAGED_EXCHANGE_LINK,
  N_STAGED
};

/* A batch's merge: what it did (the report's counts), and what lets it
 * leave out a step that would find nothing to do. Every step of the merge
 * is one statement, prepared once per batch, but each run of one costs
 * (its cursors, its statement journal, its plan's subqueries), and most of
 * a file's steps have nothing to do: files without tombstones, rounds,
 * reflections or priorities, imports that leave no link waiting. */
typedef struct {
  gboolean      changed;
  guint         added, updated, unchanged;
  const gint64 *staged;               /* rows of each staged table (N_STAGED) */
  gboolean      tombstones_applied;   /* main holds no tombstoned group or workshop */
  gboolean      pending;              /* main.exchange_pending may hold a row */
} Merge;

static gboolean
is_tombstoned (VerkStore   *self,
               const char  *uuid,
               gboolean    *dead,
               GError     **error)
{
  sqlite3_stmt *st = verk_exchange_import_statement (self, "SELECT 1 FROM main.tombstone WHERE uuid = ?1", error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  *dead = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);   /* no statement stays on a row */
  return TRUE;
}

/* Tombstones first: a purge is for good, whatever came before or after.
 * The groups and workshops of main that a tombstone names are deleted at
 * the batch's first file (the window may have written since the last
 * batch) and at each file that brings tombstones; in between, main gets no
 * such row (merge_groups() and merge_workshops() pass them over). */
static gboolean
merge_tombstones (VerkStore  *self,
                  Merge      *merge,
                  GError    **error)
{
  if (merge->staged[STAGED_TOMBSTONE] == 0 && merge->tombstones_applied)
    return TRUE;
  merge->tombstones_applied = TRUE;
  if (!verk_exchange_exec (self,
             "INSERT INTO main.tombstone (uuid, kind, deleted_at)"
             "  SELECT uuid, kind, deleted_at FROM xfile.tombstone WHERE true"
             "  ON CONFLICT (uuid) DO UPDATE SET deleted_at = min (deleted_at, excluded.deleted_at)",
             error)
      || !verk_exchange_exec (self, "DELETE FROM main.grp WHERE uuid IN (SELECT uuid FROM main.tombstone)", error))
    return FALSE;
  merge->changed |= sqlite3_changes (self->db) > 0;
  if (!verk_exchange_exec (self, "DELETE FROM main.workshop WHERE uuid IN (SELECT uuid FROM main.tombstone)", error))
    return FALSE;
  merge->changed |= sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* Each group: the newer version wins (then the one with the larger digest,
 * so that any order of files gives the same result). */
static gboolean
merge_groups (VerkStore  *self,
              Merge      *merge,
              GError    **error)
{
  g_autoptr (sqlite3_stmt) st = verk_exchange_prepare (self, "SELECT uuid, modified_at FROM xfile.grp ORDER BY uuid", error);
  int rc;

  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (st, 0);
      const char *modified = (const char *) sqlite3_column_text (st, 1);
      sqlite3_stmt *local = verk_exchange_import_statement (self, "SELECT modified_at FROM main.grp WHERE uuid = ?1", error);
      gboolean dead = FALSE, found;
      int cmp = 1;

      if (local == NULL || !is_tombstoned (self, uuid, &dead, error))
        return FALSE;
      if (dead)
        continue;
      sqlite3_bind_text (local, 1, uuid, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (local) == SQLITE_ROW;
      if (found)
        cmp = g_strcmp0 (modified, (const char *) sqlite3_column_text (local, 0));
      sqlite3_reset (local);   /* before main.grp is written */
      if (found)
        {
          if (cmp == 0)
            {
              g_autofree char *theirs = verk_exchange_group_digest (self, "xfile", uuid, error);
              g_autofree char *ours = theirs != NULL ? verk_exchange_group_digest (self, "main", uuid, error) : NULL;
              if (ours == NULL)
                return FALSE;
              cmp = strcmp (theirs, ours);
            }
          if (cmp > 0 && !verk_exchange_exec_with (self,
                                     "UPDATE main.grp SET (name, unit, trashed_at, modified_at) ="
                                     "  (SELECT name, unit, trashed_at, modified_at FROM xfile.grp WHERE uuid = ?2)"
                                     "  WHERE uuid = ?2", 0, uuid, error))
            return FALSE;
        }
      else if (!verk_exchange_exec_with (self,
                           "INSERT INTO main.grp (name, unit, trashed_at, modified_at, uuid)"
                           "  SELECT name, unit, trashed_at, modified_at, uuid FROM xfile.grp WHERE uuid = ?2",
                           0, uuid, error))
        return FALSE;
      merge->changed |= cmp > 0;
    }
  if (rc != SQLITE_DONE)
    {
      return verk_exchange_data_error (self, error, rc);
    }
  return TRUE;
}

/* The winners of a file: each workshop of the file (its id there) that
 * replaces its local version (@local_id; @added: made just now, with the
 * file's fields and nothing in it), in xfile.winner. The local workshops
 * become the file's versions, with everything in them, in one statement per
 * kind of row for the whole file. Rows that are in both keep their local
 * ids (upsert by UUID), so links from other workshops to them stay. */
static gboolean
add_winner (VerkStore   *self,
            gint64       local_id,
            const char  *uuid,
            GError     **error)
{
  if (local_id == 0)
    {
      /* with its previous workshop when that is a winner of the file
       * added before it (a follow-up after the workshop before it, by
       * their time-ordered UUIDs, as merge_workshops() adds them; found in
       * xfile.winner: a look-up in main would make SQLite copy the row
       * aside first): replace_winners() sets the others, an update of the
       * row each */
      if (!verk_exchange_exec_with (self,
                      "INSERT INTO main.workshop (uuid, grp_id, date, facilitator, notes, trashed_at, modified_at,"
                      "                           aggregates_only, previous_id)"
                      "  SELECT w.uuid, g.id, w.date, w.facilitator, w.notes, w.trashed_at, w.modified_at,"
                      "         w.aggregates_only,"
                      "         (SELECT t.local_id FROM xfile.exchange_link l CROSS JOIN xfile.winner t"
                      "          ON t.uuid = l.to_uuid WHERE l.from_uuid = w.uuid AND l.kind = 'previous')"
                      "  FROM xfile.workshop w"
                      "  JOIN xfile.grp fg ON fg.id = w.grp_id JOIN main.grp g ON g.uuid = fg.uuid"
                      "  WHERE w.uuid = ?2", 0, uuid, error))
        return FALSE;
      local_id = sqlite3_last_insert_rowid (self->db);
      return verk_exchange_exec_with (self, "INSERT INTO xfile.winner (file_id, local_id, uuid, added)"
                        "  SELECT id, ?1, uuid, 1 FROM xfile.workshop WHERE uuid = ?2", local_id, uuid, error);
    }
  return verk_exchange_exec_with (self, "INSERT INTO xfile.winner (file_id, local_id, uuid, added)"
                    "  SELECT id, ?1, uuid, 0 FROM xfile.workshop WHERE uuid = ?2", local_id, uuid, error);
}

/* @replacing: some winner replaces a local version (not only added ones).
 * The steps that take a replaced version's rows away find nothing in a
 * workshop made just now (add_winner() gave it the file's fields), so they
 * are left out when none is replaced: a file of new workshops, the usual
 * first import. */
static gboolean
replace_winners (VerkStore  *self,
                 Merge      *merge,
                 gboolean    replacing,
                 GError    **error)
{
  /* what a step needs to find something to do: each INSERT a row of its
   * staged table, the links' steps a link of the file, the first DELETE of
   * main.exchange_pending a row there (Merge) */
  enum { ALWAYS = -1, NEEDS_PENDING = N_STAGED };
  /* xfile.winner x: x.file_id the workshop in the file, x.local_id in main */
#define REPLACED "(SELECT local_id FROM xfile.winner WHERE NOT added)"
#define MAP_ITEM(col) "(SELECT mi.id FROM xfile.item fi JOIN main.item mi ON mi.uuid = fi.uuid WHERE fi.id = " col ")"
/* the same for a row joined to its piece as i (the file's item i.id = col) */
#define LOCAL_ITEM "(SELECT mi.id FROM main.item mi WHERE mi.uuid = i.uuid)"
#define MAP_PART(col) "(SELECT mp.id FROM xfile.participant fp JOIN main.participant mp ON mp.uuid = fp.uuid" \
                      " WHERE fp.id = " col ")"
/* a row of a replaced workshop that its new version does not hold */
#define NOT_IN_FILE(table, alias) \
  "NOT EXISTS (SELECT 1 FROM xfile.winner x JOIN xfile." table " f ON f.workshop_id = x.file_id" \
  "            WHERE x.local_id = " alias ".workshop_id AND f.uuid = " alias ".uuid)"
  /* each step, and whether only a replaced version needs it; the rows of a
   * piece are read first, each finding its piece and workshop by their keys
   * (CROSS JOIN keeps that order: without statistics SQLite read every piece
   * of the file for them) */
  static const struct { gboolean replaced_only; int needs; const char *sql; } steps[] = {
    { TRUE, ALWAYS,
    "UPDATE main.workshop SET (grp_id, date, facilitator, notes, previous_id, trashed_at, modified_at,"
    "                          aggregates_only) ="
    "  (SELECT g.id, w.date, w.facilitator, w.notes, NULL, w.trashed_at, w.modified_at, w.aggregates_only"
    "   FROM xfile.winner x JOIN xfile.workshop w ON w.id = x.file_id"
    "   JOIN xfile.grp fg ON fg.id = w.grp_id JOIN main.grp g ON g.uuid = fg.uuid"
    "   WHERE x.local_id = main.workshop.id)"
    "  WHERE id IN " REPLACED },
    /* also for an added workshop: links left from an earlier version of it */
    { FALSE, NEEDS_PENDING,
    "DELETE FROM main.exchange_pending WHERE from_uuid IN (SELECT uuid FROM xfile.winner)"
    "  OR from_uuid IN (SELECT uuid FROM main.action WHERE workshop_id IN " REPLACED ")" },
    { TRUE, ALWAYS, "DELETE FROM main.item AS m WHERE workshop_id IN " REPLACED " AND " NOT_IN_FILE ("item", "m") },
    { FALSE, STAGED_ITEM,
    "INSERT INTO main.item (uuid, workshop_id, framework, key, name, description, position, removed_at)"
    "  SELECT i.uuid, x.local_id, i.framework, i.key, i.name, i.description, i.position, i.removed_at"
    "  FROM xfile.winner x JOIN xfile.item i ON i.workshop_id = x.file_id WHERE true"
    "  ON CONFLICT (uuid) DO UPDATE SET workshop_id = excluded.workshop_id, framework = excluded.framework,"
    "    key = excluded.key, name = excluded.name, description = excluded.description,"
    "    position = excluded.position, removed_at = excluded.removed_at" },
    { TRUE, ALWAYS, "DELETE FROM main.participant AS m WHERE workshop_id IN " REPLACED " AND " NOT_IN_FILE ("participant", "m") },
    { FALSE, STAGED_PARTICIPANT,
    "INSERT INTO main.participant (uuid, workshop_id, name, position, removed_at)"
    "  SELECT p.uuid, x.local_id, p.name, p.position, p.removed_at"
    "  FROM xfile.winner x JOIN xfile.participant p ON p.workshop_id = x.file_id WHERE true"
    "  ON CONFLICT (uuid) DO UPDATE SET workshop_id = excluded.workshop_id, name = excluded.name,"
    "    position = excluded.position, removed_at = excluded.removed_at" },
    { TRUE, ALWAYS, "DELETE FROM main.score WHERE item_id IN (SELECT id FROM main.item WHERE workshop_id IN " REPLACED ")" },
    { FALSE, STAGED_SCORE,
    "INSERT INTO main.score (item_id, participant_id, value, comment, uuid)"
    "  SELECT " LOCAL_ITEM ", " MAP_PART ("s.participant_id") ", s.value, s.comment, s.uuid"
    "  FROM xfile.score s CROSS JOIN xfile.item i ON i.id = s.item_id"
    "  CROSS JOIN xfile.winner x ON x.file_id = i.workshop_id" },
    /* the later rounds: round_score would go with its round (ON DELETE
     * CASCADE); said here so that it does not depend on the pragma */
    { TRUE, ALWAYS, "DELETE FROM main.round_score WHERE item_id IN (SELECT id FROM main.item WHERE workshop_id IN " REPLACED ")" },
    { TRUE, ALWAYS, "DELETE FROM main.score_round WHERE item_id IN (SELECT id FROM main.item WHERE workshop_id IN " REPLACED ")" },
    { FALSE, STAGED_SCORE_ROUND,
    "INSERT INTO main.score_round (item_id, round, started_at)"
    "  SELECT " LOCAL_ITEM ", r.round, r.started_at"
    "  FROM xfile.score_round r CROSS JOIN xfile.item i ON i.id = r.item_id"
    "  CROSS JOIN xfile.winner x ON x.file_id = i.workshop_id" },
    { FALSE, STAGED_ROUND_SCORE,
    "INSERT INTO main.round_score (item_id, round, participant_id, value, comment)"
    "  SELECT " LOCAL_ITEM ", s.round, " MAP_PART ("s.participant_id") ", s.value, s.comment"
    "  FROM xfile.round_score s CROSS JOIN xfile.item i ON i.id = s.item_id"
    "  CROSS JOIN xfile.winner x ON x.file_id = i.workshop_id" },
    { TRUE, ALWAYS, "DELETE FROM main.agreed WHERE item_id IN (SELECT id FROM main.item WHERE workshop_id IN " REPLACED ")" },
    { FALSE, STAGED_AGREED,
    "INSERT INTO main.agreed (item_id, value, rationale, desired)"
    "  SELECT " LOCAL_ITEM ", a.value, a.rationale, a.desired"
    "  FROM xfile.agreed a CROSS JOIN xfile.item i ON i.id = a.item_id"
    "  CROSS JOIN xfile.winner x ON x.file_id = i.workshop_id" },
    { TRUE, ALWAYS, "DELETE FROM main.priority WHERE workshop_id IN " REPLACED },
    { FALSE, STAGED_PRIORITY,
    "INSERT INTO main.priority (workshop_id, item_id, rank)"
    "  SELECT x.local_id, " MAP_ITEM ("r.item_id") ", r.rank"
    "  FROM xfile.winner x JOIN xfile.priority r ON r.workshop_id = x.file_id" },
    { TRUE, ALWAYS, "DELETE FROM main.action AS m WHERE workshop_id IN " REPLACED " AND " NOT_IN_FILE ("action", "m") },
    { FALSE, STAGED_ACTION,
    "INSERT INTO main.action (uuid, workshop_id, item_id, what, owner, due, status, followup, carried_from)"
    "  SELECT a.uuid, x.local_id, " MAP_ITEM ("a.item_id") ", a.what, a.owner, a.due, a.status, a.followup, NULL"
    "  FROM xfile.winner x JOIN xfile.action a ON a.workshop_id = x.file_id WHERE true"
    "  ON CONFLICT (uuid) DO UPDATE SET workshop_id = excluded.workshop_id, item_id = excluded.item_id,"
    "    what = excluded.what, owner = excluded.owner, due = excluded.due, status = excluded.status,"
    "    followup = excluded.followup, carried_from = NULL" },
    { TRUE, ALWAYS, "DELETE FROM main.reflection WHERE workshop_id IN " REPLACED },
    { FALSE, STAGED_REFLECTION,
    "INSERT INTO main.reflection (workshop_id, part, strengths, development, obstacles, removers)"
    "  SELECT x.local_id, r.part, r.strengths, r.development, r.obstacles, r.removers"
    "  FROM xfile.winner x JOIN xfile.reflection r ON r.workshop_id = x.file_id" },
    /* their links: set at once where the target is in main (an earlier
     * file's or this one's, the usual case: a group's follow-ups travel
     * together), each row found by its UUID once; the others wait in
     * exchange_pending until resolve_links() finds their targets */
    { FALSE, STAGED_EXCHANGE_LINK,
    "UPDATE main.workshop AS w SET previous_id = t.id"
    "  FROM xfile.winner x CROSS JOIN xfile.exchange_link l ON l.from_uuid = x.uuid AND l.kind = 'previous'"
    "  CROSS JOIN main.workshop t ON t.uuid = l.to_uuid"
    "  WHERE w.id = x.local_id AND w.previous_id IS NOT t.id" },
    { FALSE, STAGED_EXCHANGE_LINK,
    "UPDATE main.action AS a SET carried_from = t.id"
    "  FROM xfile.exchange_link l CROSS JOIN main.action t ON t.uuid = l.to_uuid"
    "  WHERE l.kind = 'carried_from' AND a.uuid = l.from_uuid"
    "    AND a.workshop_id IN (SELECT local_id FROM xfile.winner)" },
    /* each of the file's links read once, whether its target is in main
     * first (nearly always, and then nothing more is looked up), whether it
     * is a winner's or a winner's action's then (+: not by the links' key,
     * which made SQLite gather both lists and look every entry up) */
    { FALSE, STAGED_EXCHANGE_LINK,
    "INSERT OR REPLACE INTO main.exchange_pending (from_uuid, kind, to_uuid)"
    "  SELECT from_uuid, kind, to_uuid FROM xfile.exchange_link"
    "  WHERE NOT (kind = 'previous' AND EXISTS (SELECT 1 FROM main.workshop t WHERE t.uuid = to_uuid))"
    "    AND NOT (kind = 'carried_from' AND EXISTS (SELECT 1 FROM main.action t WHERE t.uuid = to_uuid))"
    "    AND (+from_uuid IN (SELECT uuid FROM xfile.winner)"
    "         OR +from_uuid IN (SELECT a.uuid FROM xfile.winner x JOIN xfile.action a ON a.workshop_id = x.file_id))" },
  };
#undef REPLACED
#undef MAP_ITEM
#undef LOCAL_ITEM
#undef MAP_PART
#undef NOT_IN_FILE

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if ((!replacing && steps[i].replaced_only)
          || (steps[i].needs == NEEDS_PENDING && !merge->pending)
          || (steps[i].needs >= 0 && steps[i].needs < N_STAGED && merge->staged[steps[i].needs] == 0))
        continue;
      if (!verk_exchange_exec (self, steps[i].sql, error))
        return FALSE;
      if (i == G_N_ELEMENTS (steps) - 1 && sqlite3_changes (self->db) > 0)
        merge->pending = TRUE;   /* the last step left links waiting */
    }
  return TRUE;
}

/* The one value of the import's statement @sql (a count, or SELECT
 * EXISTS …), with ?1 = @id when it has a parameter, in @value. */
static gboolean
import_value (VerkStore   *self,
              const char  *sql,
              gint64       id,
              gint64      *value,
              GError     **error)
{
  sqlite3_stmt *st = verk_exchange_import_statement (self, sql, error);
  int rc;

  if (st == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (st) > 0)
    sqlite3_bind_int64 (st, 1, id);
  rc = sqlite3_step (st);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
  sqlite3_reset (st);   /* before main is written */
  if (rc != SQLITE_ROW)
    return verk_exchange_data_error (self, error, rc);
  return TRUE;
}

/* How many rows of later rounds a workshop holds (COUNT_ROUND_ROWS of main
 * or of xfile, with ?1 = its id there). */
#define COUNT_ROUND_ROWS(schema) \
  "SELECT (SELECT count(*) FROM " schema ".score_round r JOIN " schema ".item i ON i.id = r.item_id" \
  "        WHERE i.workshop_id = ?1)" \
  "     + (SELECT count(*) FROM " schema ".round_score s JOIN " schema ".item i ON i.id = s.item_id" \
  "        WHERE i.workshop_id = ?1)"

/* Two versions of a workshop of the same time and kind: the one with its
 * later rounds beats one without (a file of a Verkstad that did not carry
 * them yet, made from the same edit), then the larger digest, so that the
 * order of the files does not matter. */
static gboolean
compare_same_time (VerkStore   *self,
                   gint64       file_id,
                   gint64       local_id,
                   int         *cmp,
                   GError     **error)
{
  gint64 theirs_rounds = 0, ours_rounds = 0;
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;

  if (!import_value (self, COUNT_ROUND_ROWS ("xfile"), file_id, &theirs_rounds, error)
      || !import_value (self, COUNT_ROUND_ROWS ("main"), local_id, &ours_rounds, error))
    return FALSE;
  if ((theirs_rounds > 0) != (ours_rounds > 0))
    {
      *cmp = theirs_rounds > 0 ? 1 : -1;
      return TRUE;
    }
  theirs = verk_exchange_workshop_digest (self, "xfile", file_id, error);
  ours = theirs != NULL ? verk_exchange_workshop_digest (self, "main", local_id, error) : NULL;
  if (ours == NULL)
    return FALSE;
  *cmp = strcmp (theirs, ours);
  return TRUE;
}
#undef COUNT_ROUND_ROWS

static gboolean
merge_workshops (VerkStore  *self,
                 Merge      *merge,
                 GError    **error)
{
  g_autoptr (sqlite3_stmt) st = verk_exchange_prepare (self,
                                         "SELECT w.id, w.uuid, w.modified_at, w.aggregates_only, g.uuid"
                                         "  FROM xfile.workshop w JOIN xfile.grp g ON g.id = w.grp_id"
                                         "  ORDER BY w.uuid", error);
  gboolean any = FALSE, replacing = FALSE;
  int rc;

  if (st == NULL || !verk_exchange_exec (self, "DELETE FROM xfile.winner", error))
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 file_id = sqlite3_column_int64 (st, 0);
      const char *uuid = (const char *) sqlite3_column_text (st, 1);
      const char *modified = (const char *) sqlite3_column_text (st, 2);
      int aggregates = sqlite3_column_int (st, 3);
      const char *group_uuid = (const char *) sqlite3_column_text (st, 4);
      sqlite3_stmt *local = verk_exchange_import_statement (self,
                                              "SELECT w.id, w.modified_at, w.aggregates_only FROM main.workshop w"
                                              "  WHERE w.uuid = ?1", error);
      gboolean dead = FALSE, group_dead = FALSE;
      gint64 local_id = 0;
      int cmp = 1;

      if (local == NULL || !is_tombstoned (self, uuid, &dead, error)
          || !is_tombstoned (self, group_uuid, &group_dead, error))
        return FALSE;
      if (dead || group_dead)
        continue;
      sqlite3_bind_text (local, 1, uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (local) == SQLITE_ROW)
        {
          local_id = sqlite3_column_int64 (local, 0);
          /* newer first; at the same time a full version beats one without
           * names; then compare_same_time() */
          cmp = g_strcmp0 (modified, (const char *) sqlite3_column_text (local, 1));
          if (cmp == 0)
            cmp = sqlite3_column_int (local, 2) - aggregates;
        }
      sqlite3_reset (local);   /* before main is written */
      if (local_id != 0 && cmp == 0 && !compare_same_time (self, file_id, local_id, &cmp, error))
        return FALSE;
      if (cmp <= 0)
        {
          merge->unchanged++;
          continue;
        }
      if (!add_winner (self, local_id, uuid, error))
        return FALSE;
      any = TRUE;
      merge->changed = TRUE;
      if (local_id == 0)
        merge->added++;
      else
        {
          merge->updated++;
          replacing = TRUE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      return verk_exchange_data_error (self, error, rc);
    }
  return !any || replace_winners (self, merge, replacing, error);
}

/* Whether the import's statement @sql (SELECT EXISTS …) is true, in @yes. */
static gboolean
import_exists (VerkStore   *self,
               const char  *sql,
               gboolean    *yes,
               GError     **error)
{
  gint64 value = 0;

  if (!import_value (self, sql, 0, &value, error))
    return FALSE;
  *yes = value != 0;
  return TRUE;
}

/* Whether main.exchange_pending holds a link (left by an earlier file, or
 * an earlier import), in @pending. */
static gboolean
main_has_pending (VerkStore  *self,
                  gboolean   *pending,
                  GError    **error)
{
  return import_exists (self, "SELECT EXISTS (SELECT 1 FROM main.exchange_pending)", pending, error);
}

/* A follow-up's previous workshop and a carried action's origin that were
 * waiting in exchange_pending, wherever their targets have arrived (in this
 * file or an earlier one). A file's own links whose targets are there are
 * set by replace_winners() and never wait. */
static gboolean
resolve_links (VerkStore  *self,
               Merge      *merge,
               GError    **error)
{
  if (!merge->pending)
    return TRUE;
  return verk_exchange_exec (self,
               "UPDATE main.workshop SET previous_id ="
               "  (SELECT t.id FROM main.exchange_pending p JOIN main.workshop t ON t.uuid = p.to_uuid"
               "   WHERE p.from_uuid = workshop.uuid AND p.kind = 'previous')"
               "  WHERE uuid IN (SELECT p.from_uuid FROM main.exchange_pending p"
               "                 JOIN main.workshop t ON t.uuid = p.to_uuid WHERE p.kind = 'previous')",
               error)
      && verk_exchange_exec (self,
               "UPDATE main.action SET carried_from ="
               "  (SELECT t.id FROM main.exchange_pending p JOIN main.action t ON t.uuid = p.to_uuid"
               "   WHERE p.from_uuid = action.uuid AND p.kind = 'carried_from')"
               "  WHERE uuid IN (SELECT p.from_uuid FROM main.exchange_pending p"
               "                 JOIN main.action t ON t.uuid = p.to_uuid WHERE p.kind = 'carried_from')",
               error)
      && verk_exchange_exec (self,
               "DELETE FROM main.exchange_pending"
               "  WHERE (kind = 'previous' AND to_uuid IN (SELECT uuid FROM main.workshop))"
               "     OR (kind = 'carried_from' AND to_uuid IN (SELECT uuid FROM main.action))"
               "     OR (NOT EXISTS (SELECT 1 FROM main.workshop w WHERE w.uuid = from_uuid)"
               "         AND NOT EXISTS (SELECT 1 FROM main.action a WHERE a.uuid = from_uuid))",
               error);
}

/* The refusal the user reads: what is wrong with @path, and that nothing
 * was imported from it. */
static void
refuse_file (GError     **error,
             const char  *path,
             GError      *cause)
{
  int code = cause != NULL ? cause->code : VERK_STORE_ERROR_NOT_VERKSTAD;

  switch (code)
    {
    case VERK_STORE_ERROR_TOO_NEW:
      g_set_error (error, VERK_STORE_ERROR, code,
                   _("“%s” was written by a newer version of Verkstad. Update Verkstad to import it; "
                     "nothing was imported from it and it was left unchanged."), path);
      break;
    case VERK_STORE_ERROR_NOT_DATABASE:
    case VERK_STORE_ERROR_NOT_VERKSTAD:
    case VERK_STORE_ERROR_EMPTY:
      g_set_error (error, VERK_STORE_ERROR, code,
                   _("“%s” is not a Verkstad workshop file, or it is damaged. Nothing was imported "
                     "from it and it was left unchanged."), path);
      break;
    default:
      g_set_error (error, VERK_STORE_ERROR, code,
                   _("Verkstad could not import “%s”; nothing was imported from it. %s"), path,
                   cause != NULL ? cause->message : "");
      break;
    }
}

/* The file as a read-only store: every check of opening (header, SQLite,
 * application id, version, integrity) without writing a byte beside it. */
static VerkStore *
open_exchange_file (const char  *path,
                    GError     **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (VerkStore) file = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &local);
  int is_exchange = 0;

  if (file == NULL)
    {
      refuse_file (error, path, local);
      return NULL;
    }
  {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2 (file->db, "SELECT 1 FROM exchange_meta WHERE key = 'format' AND value = ?1",
                            -1, &st, NULL) == SQLITE_OK)
      {
        sqlite3_bind_text (st, 1, EXCHANGE_FORMAT, -1, SQLITE_STATIC);
        is_exchange = sqlite3_step (st) == SQLITE_ROW;
      }
    sqlite3_finalize (st);
  }
  if (!is_exchange)
    {
      refuse_file (error, path, NULL);
      return NULL;
    }
  return g_steal_pointer (&file);
}

/* A checked file the rows are read from: a file of this version that needs
 * nothing recovered is read where it is (checked on the checker's thread,
 * verk-store-file-checker.c; attached by attach_window()), any other
 * through open_exchange_file(). */
typedef struct {
  const char *attached;  /* the schema it is attached as, read in place (immutable) */
  gboolean    exact;     /* its tables are this version's, as a new file has them (staging_copy) */
  GStatBuf    seen;      /* the file's, when it was attached */
  VerkStore  *store;     /* a read-only store's copy in memory */
} Source;

static void
source_clear (Source *source)
{
  source->attached = NULL;   /* detached with its batch (detach_files) */
  g_clear_object (&source->store);
}

static gboolean
same_stat (const GStatBuf *a,
           const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size
         && a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec
         && a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The files read in place are attached to the importing connection, each
 * as a schema of its own, so that their rows are copied into the staging
 * schema by SQLite itself (staging_copy). A file attached in a transaction
 * can only be detached after it, and at most ten can be attached (xfile is
 * one): a batch takes at most MAX_ATTACHED_FILES files read in place. */
#define MAX_ATTACHED_FILES 9

static const char * const attached_names[MAX_ATTACHED_FILES] = {
  "verk_in0", "verk_in1", "verk_in2", "verk_in3", "verk_in4", "verk_in5", "verk_in6", "verk_in7", "verk_in8",
};

/* Whether @sql with ?1 = @text steps to @expected. */
static gboolean
step_with_text (VerkStore  *self,
                const char *sql,
                const char *text,
                int         expected)
{
  sqlite3_stmt *st = NULL;
  gboolean ok = sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL) == SQLITE_OK;

  if (ok)
    sqlite3_bind_text (st, 1, text, -1, SQLITE_STATIC);
  ok = ok && sqlite3_step (st) == expected;
  sqlite3_finalize (st);
  return ok;
}

/* Every attached file detached (outside a transaction). Each DETACH makes
 * the connection prepare its statements again, once per batch. */
static void
detach_files (VerkStore *self,
              guint     *attached)
{
  for (guint k = 0; k < *attached; k++)
    {
      g_autofree char *sql = g_strdup_printf ("DETACH DATABASE %s", attached_names[k]);

      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  *attached = 0;
}

/* The staging area: the rows of one file at a time, in schema xfile, where
 * the merge reads them (docs/STORAGE.md, "Workshop files"): copied there by
 * SQLite from a file read in place (staging_copy), else row by row from a
 * read-only store's copy (staging_fill).
 *
 * Every statement of the merge reads xfile. Were xfile the file itself
 * (attached or deserialized), every statement would be prepared again for
 * each file (a file attached in a transaction can only be detached after
 * it, and each DETACH expires the connection's statements). So xfile is one
 * in-memory database for the whole import, with the files' tables (their
 * columns by name and their primary keys, so that a file's rows, read in the
 * order of its keys, are appended; no other constraint, no trigger; the
 * indexes the merge looks rows up by); the rows of each file are copied
 * into it from the checked file, and the merge's statements are prepared
 * once per batch of files (attach_window()). */
static const char * const staged_tables[] = {
  "tombstone", "grp", "workshop", "item", "participant", "score", "agreed", "priority", "action",
  "reflection", "score_round", "round_score", "exchange_link",
};
G_STATIC_ASSERT (G_N_ELEMENTS (staged_tables) == N_STAGED);

/* Beside the primary keys (ids; score, agreed, priority, reflection,
 * score_round, round_score by their item or workshop first; exchange_link
 * by from_uuid): groups and workshops by UUID. A file's other rows are few
 * (a few hundred); the merge reads them whole, or SQLite makes itself an
 * index for the statement, which is cheaper than keeping one up to date
 * for every row staged. */
static const char staging_indexes[] =
  "CREATE INDEX xfile.grp_uuid ON grp (uuid);"
  "CREATE INDEX xfile.workshop_uuid ON workshop (uuid);"

  /* the workshops of the file that replace their local versions */
  "CREATE TABLE xfile.winner (file_id INTEGER PRIMARY KEY, local_id INTEGER NOT NULL, uuid TEXT NOT NULL,"
  "                           added INTEGER NOT NULL);"
  "CREATE INDEX xfile.winner_local ON winner (local_id);"
  "CREATE INDEX xfile.winner_uuid ON winner (uuid);";

typedef struct {
  const char   *columns[G_N_ELEMENTS (staged_tables)];   /* "id, name, …" (staging_columns) */
  const char   *tables[G_N_ELEMENTS (staged_tables)];    /* "(id INTEGER PRIMARY KEY, name TEXT, …)" */
  const char   *file_tables[G_N_ELEMENTS (staged_tables)];   /* "CREATE TABLE item (…)" as in a file */
  sqlite3_stmt *insert[G_N_ELEMENTS (staged_tables)];    /* into xfile, on the store's connection */
  sqlite3_stmt *clear[G_N_ELEMENTS (staged_tables)];
  gint64        rows[G_N_ELEMENTS (staged_tables)];      /* the staged file's (Merge) */
} Staging;

static void
staging_free (Staging *staging)
{
  for (guint t = 0; t < G_N_ELEMENTS (staged_tables); t++)
    {
      sqlite3_finalize (staging->insert[t]);
      sqlite3_finalize (staging->clear[t]);
    }
  memset (staging, 0, sizeof *staging);
}

/* The columns of each table as a new file of this version has them (an
 * older file is migrated to them when it is checked), each staged table's
 * definition, and the file's own definition of it, read once per process
 * from a new schema in memory (the schema and a file's own tables,
 * EXCHANGE_FILE_TABLES): @columns[t] the names, @columns[N + t] the staged
 * table's definition, @columns[2N + t] the file's CREATE TABLE.
 *
 * A staged table has the file's columns in the file's order, each with its
 * declared type and default, and the file's primary key; not its other
 * constraints (NOT NULL, CHECK, foreign keys: what the file holds is checked
 * where it is merged into main). So a file whose tables are this version's
 * (staging_copy()) is copied by SQLite's transfer of whole records
 * (INSERT INTO … SELECT * of a table of the same columns, types, defaults
 * and key, into an empty table without foreign keys), not column by
 * column. */
static char **
read_staging_columns (void)
{
  const guint n = G_N_ELEMENTS (staged_tables);
  char **columns = g_new0 (char *, 3 * n + 1);
  sqlite3 *model = NULL;
  char *errmsg = NULL;
  gboolean ok = sqlite3_open (":memory:", &model) == SQLITE_OK && verk_store_create_schema (model, &errmsg)
                && sqlite3_exec (model, EXCHANGE_FILE_TABLES, NULL, NULL, &errmsg) == SQLITE_OK;

  for (guint t = 0; ok && t < n; t++)
    {
      g_autoptr (GString) names = g_string_new (NULL);
      g_autoptr (GString) table = g_string_new ("(");
      g_autoptr (GPtrArray) key = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sql = g_strdup_printf ("SELECT name, upper (type) = 'INTEGER', pk,"
                                              " (SELECT sql LIKE '%%WITHOUT ROWID' FROM sqlite_schema"
                                              "  WHERE type = 'table' AND name = '%s'),"
                                              " (SELECT count(*) FROM pragma_table_info ('%s') WHERE pk > 0),"
                                              " type, dflt_value, (SELECT sql FROM sqlite_schema"
                                              "  WHERE type = 'table' AND name = '%s')"
                                              " FROM pragma_table_info ('%s') ORDER BY cid",
                                              staged_tables[t], staged_tables[t], staged_tables[t],
                                              staged_tables[t]);
      sqlite3_stmt *st = NULL;
      gboolean without_rowid = FALSE;

      if (sqlite3_prepare_v2 (model, sql, -1, &st, NULL) == SQLITE_OK)
        {
          while (sqlite3_step (st) == SQLITE_ROW)
            {
              const char *name = (const char *) sqlite3_column_text (st, 0);
              const char *type = (const char *) sqlite3_column_text (st, 5);
              const char *dflt = (const char *) sqlite3_column_text (st, 6);
              int pk = sqlite3_column_int (st, 2);

              without_rowid = sqlite3_column_int (st, 3) != 0;
              if (columns[2 * n + t] == NULL)
                columns[2 * n + t] = g_strdup ((const char *) sqlite3_column_text (st, 7));
              g_string_append_printf (names, "%s\"%s\"", names->len > 0 ? ", " : "", name);
              g_string_append_printf (table, "%s\"%s\"", table->len > 1 ? ", " : "", name);
              /* a rowid table's INTEGER PRIMARY KEY is its rowid */
              if (pk == 1 && !without_rowid && sqlite3_column_int (st, 4) == 1 && sqlite3_column_int (st, 1))
                g_string_append (table, " INTEGER PRIMARY KEY");
              else
                {
                  if (type != NULL && *type != '\0')
                    g_string_append_printf (table, " %s", type);
                  if (dflt != NULL)
                    g_string_append_printf (table, " DEFAULT %s", dflt);
                }
              if (pk > 0)
                {
                  if (key->len < (guint) pk)
                    g_ptr_array_set_size (key, pk);
                  key->pdata[pk - 1] = g_strdup_printf ("\"%s\"", name);
                }
            }
          /* a table without rowid: its key orders its rows */
          if (without_rowid && key->len > 0)
            {
              g_autofree char *list = NULL;

              g_ptr_array_add (key, NULL);
              list = g_strjoinv (", ", (char **) key->pdata);
              g_string_append_printf (table, ", PRIMARY KEY (%s)) WITHOUT ROWID", list);
            }
          else
            g_string_append_c (table, ')');
        }
      sqlite3_finalize (st);
      ok = names->len > 0 && columns[2 * n + t] != NULL;
      columns[t] = g_string_free (g_steal_pointer (&names), FALSE);
      columns[n + t] = g_string_free (g_steal_pointer (&table), FALSE);
    }
  if (!ok)
    g_warning ("the tables of a workshop file: %s", errmsg != NULL ? errmsg : sqlite3_errmsg (model));
  sqlite3_free (errmsg);
  sqlite3_close (model);
  /* never NULL (g_once_init_leave): no columns at all when they could not be read */
  for (guint t = 0; !ok && t < 3 * n; t++)
    g_clear_pointer (&columns[t], g_free);
  return columns;
}

static gboolean
staging_columns (Staging  *staging,
                 GError  **error)
{
  static char **columns;   /* the same for every import; kept for the process */
  const guint n = G_N_ELEMENTS (staged_tables);

  if (g_once_init_enter (&columns))
    g_once_init_leave (&columns, read_staging_columns ());
  if (columns[3 * n - 1] == NULL)
    {
      g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED,
                           _("Verkstad could not read or write the workshop data."));
      return FALSE;
    }
  for (guint t = 0; t < n; t++)
    {
      staging->columns[t] = columns[t];
      staging->tables[t] = columns[n + t];
      staging->file_tables[t] = columns[2 * n + t];
    }
  return TRUE;
}

/* Runs a statement of the store's connection to its end. */
static int
run_to_end (sqlite3_stmt *st)
{
  int rc = sqlite3_step (st);

  sqlite3_reset (st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* xfile, attached to the store's connection outside any transaction. */
static gboolean
staging_create (VerkStore  *self,
                Staging    *staging,
                GError    **error)
{
  if (!staging_columns (staging, error)
      || !verk_exchange_exec (self, "ATTACH DATABASE ':memory:' AS xfile", error)
      || !verk_exchange_exec (self, "PRAGMA xfile.journal_mode = OFF", error)
      || !verk_exchange_exec (self, "PRAGMA xfile.secure_delete = OFF", error))
    return FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (staged_tables); t++)
    {
      g_autofree char *create = g_strdup_printf ("CREATE TABLE xfile.%s %s", staged_tables[t],
                                                 staging->tables[t]);
      g_autofree char *insert = NULL;
      g_autofree char *clear = g_strdup_printf ("DELETE FROM xfile.%s", staged_tables[t]);
      g_autoptr (GString) marks = g_string_new ("?");

      for (const char *c = staging->columns[t]; *c != '\0'; c++)
        if (*c == ',')
          g_string_append (marks, ", ?");
      insert = g_strdup_printf ("INSERT INTO xfile.%s (%s) VALUES (%s)", staged_tables[t], staging->columns[t],
                                marks->str);
      if (sqlite3_exec (self->db, create, NULL, NULL, NULL) != SQLITE_OK)
        return verk_exchange_data_error (self, error, sqlite3_errcode (self->db));
      if ((staging->insert[t] = verk_exchange_prepare (self, insert, error)) == NULL
          || (staging->clear[t] = verk_exchange_prepare (self, clear, error)) == NULL)
        return FALSE;
    }
  if (sqlite3_exec (self->db, staging_indexes, NULL, NULL, NULL) != SQLITE_OK)
    return verk_exchange_data_error (self, error, sqlite3_errcode (self->db));
  return TRUE;
}

/* The last file's rows taken out of xfile, from the tables that hold some
 * (rows[] is -1 while a table is filled: one that failed half-way is
 * cleared whole). */
static int
staging_clear (Staging *staging)
{
  for (guint t = 0; t < G_N_ELEMENTS (staged_tables); t++)
    {
      int rc;

      if (staging->rows[t] == 0)
        continue;
      if ((rc = run_to_end (staging->clear[t])) != SQLITE_OK)
        return rc;
      staging->rows[t] = 0;
    }
  return SQLITE_OK;
}

/* The rows of @source (a checked file, see Source) into xfile, instead of
 * the last file's. FALSE with @refused set when the file lacks a table or
 * column of a workshop file. */
static gboolean
staging_fill (VerkStore   *self,
              Staging     *staging,
              sqlite3     *source,
              const char  *path,
              gboolean    *refused,
              GError     **error)
{
  int rc;

  *refused = FALSE;
  if ((rc = staging_clear (staging)) != SQLITE_OK)
    return verk_exchange_data_error (self, error, rc);
  for (guint t = 0; t < G_N_ELEMENTS (staged_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM main.%s", staging->columns[t], staged_tables[t]);
      g_autoptr (sqlite3_stmt) rows = NULL;
      sqlite3_stmt *insert = staging->insert[t];
      gint64 n_rows = 0;
      int n;

      staging->rows[t] = -1;
      if (sqlite3_prepare_v2 (source, sql, -1, &rows, NULL) != SQLITE_OK)
        {
          *refused = TRUE;
          refuse_file (error, path, NULL);
          return FALSE;
        }
      n = sqlite3_column_count (rows);
      while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
        {
          /* The row's texts are bound without a copy: they stay valid
           * until @rows steps again, after the insert. Each column is read
           * through its sqlite3_value (one call that takes the connection's
           * mutex, not three): this loop runs for every column of every row
           * of every file. */
          for (int c = 0; c < n; c++)
            {
              sqlite3_value *value = sqlite3_column_value (rows, c);

              switch (sqlite3_value_type (value))
                {
                case SQLITE_INTEGER:
                  sqlite3_bind_int64 (insert, c + 1, sqlite3_value_int64 (value));
                  break;
                case SQLITE_FLOAT:
                  sqlite3_bind_double (insert, c + 1, sqlite3_value_double (value));
                  break;
                case SQLITE_TEXT:
                  sqlite3_bind_text (insert, c + 1, (const char *) sqlite3_value_text (value),
                                     sqlite3_value_bytes (value), SQLITE_STATIC);
                  break;
                case SQLITE_BLOB:
                  sqlite3_bind_blob (insert, c + 1, sqlite3_value_blob (value), sqlite3_value_bytes (value),
                                     SQLITE_STATIC);
                  break;
                default:
                  sqlite3_bind_null (insert, c + 1);
                  break;
                }
            }
          /* two rows of one key: a file that is not what its schema says */
          if ((rc = run_to_end (insert)) != SQLITE_OK && (rc & 0xff) == SQLITE_CONSTRAINT)
            {
              *refused = TRUE;
              refuse_file (error, path, NULL);
              return FALSE;
            }
          if (rc != SQLITE_OK)
            return verk_exchange_data_error (self, error, rc);
          n_rows++;
        }
      if (rc != SQLITE_DONE)
        {
          *refused = TRUE;
          refuse_file (error, path, NULL);
          return FALSE;
        }
      staging->rows[t] = n_rows;
    }
  return TRUE;
}

/* The rows of the file attached as @schema (attach_window()) into xfile,
 * instead of the last file's, each table read whole (NOT INDEXED: never
 * through an index of the file, which quick_check does not vouch for,
 * verk-store-file-checker.c). FALSE with @refused set when the file lacks a
 * table or column of a workshop file or could not be read to its end:
 * source_stage() then checks it the other way. */
static gboolean
staging_copy (VerkStore   *self,
              Staging     *staging,
              const char  *schema,
              gboolean     exact,
              const char  *path,
              gboolean    *refused,
              GError     **error)
{
  gboolean in_transaction = !sqlite3_get_autocommit (self->db);
  int rc;

  *refused = FALSE;
  if ((rc = staging_clear (staging)) != SQLITE_OK)
    return verk_exchange_data_error (self, error, rc);
  for (guint t = 0; t < G_N_ELEMENTS (staged_tables); t++)
    {
      /* A file whose tables are this version's (@exact: their CREATE TABLE
       * as a new file has it, verk-store-file-checker.c) is copied whole
       * records at a time (read_staging_columns()), but into a staged table
       * with no index but its key: SQLite would fill another index from the
       * file's like one, which the import never reads. */
      gboolean whole = exact && t != STAGED_GRP && t != STAGED_WORKSHOP;
      g_autofree char *sql = whole
        ? g_strdup_printf ("INSERT INTO xfile.%s SELECT * FROM %s.%s NOT INDEXED",
                           staged_tables[t], schema, staged_tables[t])
        : g_strdup_printf ("INSERT INTO xfile.%s (%s) SELECT %s FROM %s.%s NOT INDEXED",
                           staged_tables[t], staging->columns[t], staging->columns[t], schema, staged_tables[t]);
      g_autoptr (sqlite3_stmt) copy = NULL;

      staging->rows[t] = -1;
      if (sqlite3_prepare_v2 (self->db, sql, -1, &copy, NULL) != SQLITE_OK)
        {
          *refused = TRUE;
          refuse_file (error, path, NULL);
          return FALSE;
        }
      rc = sqlite3_step (copy);
      if (rc == SQLITE_DONE)
        staging->rows[t] = sqlite3_changes64 (self->db);
      /* An I/O error (the file cut short by another program since it was
       * checked) makes SQLite roll the whole batch back: the import stops
       * there, with the batches before it committed. */
      if (rc == SQLITE_NOMEM || (rc != SQLITE_DONE && in_transaction && sqlite3_get_autocommit (self->db)))
        return verk_exchange_data_error (self, error, rc);
      /* two rows of one key, a page that cannot be read: not the file its
       * schema says */
      if (rc != SQLITE_DONE)
        {
          *refused = TRUE;
          refuse_file (error, path, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* The schema's triggers (verk-store-migrations.c) during an import.
 *
 * Every trigger of the schema does nothing to an imported row: the ones that
 * move a workshop's time, a group's or workshop's time on an update, and
 * leave tombstones test exchange_state.importing (1 in the import's
 * transaction); the ones that give a new row a UUID or a new group or
 * workshop its time act only when the row comes without, and a file with
 * such a row is refused (staged_rows_lack_identity()). Yet each of them runs
 * for every row written (a test per row, most of them with a query of
 * exchange_state). So the importing connection runs with triggers off
 * (SQLITE_DBCONFIG_ENABLE_TRIGGER: the connection's own setting, nothing in
 * the file changes; foreign keys' cascades still act) and turns them on
 * again at the end. Either makes the connection prepare its statements
 * again, so it is done once each. */
static gboolean
set_triggers (VerkStore *self,
              gboolean   on)
{
  int now = -1;

  return sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, &now) == SQLITE_OK
         && now == (on ? 1 : 0);
}

static gboolean
triggers_on (VerkStore *self)
{
  int now = 1;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &now);
  return now != 0;
}

/* Whether the staged file has a row without its UUID, or a group or
 * workshop without its time: rows meet by UUID and versions by time, so
 * such a file (not one Verkstad wrote) cannot be merged; it is refused. */
static gboolean
staged_rows_lack_identity (VerkStore  *self,
                           gboolean   *lack,
                           GError    **error)
{
  return import_exists (self,
                        "SELECT EXISTS (SELECT 1 FROM xfile.grp WHERE uuid IS NULL OR modified_at IS NULL)"
                        "    OR EXISTS (SELECT 1 FROM xfile.workshop WHERE uuid IS NULL OR modified_at IS NULL)"
                        "    OR EXISTS (SELECT 1 FROM xfile.item WHERE uuid IS NULL)"
                        "    OR EXISTS (SELECT 1 FROM xfile.participant WHERE uuid IS NULL)"
                        "    OR EXISTS (SELECT 1 FROM xfile.action WHERE uuid IS NULL)"
                        "    OR EXISTS (SELECT 1 FROM xfile.score WHERE uuid IS NULL)", lack, error);
}

/* The next files of an import, @n of them from @first on (at most
 * MAX_ATTACHED_FILES), attached before the batch that reads them begins,
 * each as the checker found it (verk-store-file-checker.c): SQLite rolls
 * back a transaction in which a statement meets an I/O error (a file
 * shorter than it says), and cannot detach a file inside the transaction
 * that read it. A file the checker found not usable, or that cannot be
 * attached, is released at once and takes the other way (source_open())
 * when its turn comes. */
static void
attach_window (VerkStore          *self,
               VerkFileChecker    *checker,
               const char * const *files,
               guint               first,
               guint               n,
               Source             *window,
               guint              *attached)
{
  for (guint k = 0; k < n; k++)
    {
      const char *schema = attached_names[*attached];
      VerkCheckedFile checked;
      gboolean read_in_place = FALSE;

      memset (&window[k], 0, sizeof window[k]);
      verk_file_checker_take (checker, first + k, &checked);
      if (checked.usable)
        {
          g_autofree char *uri = verk_file_checker_attach_uri (files[first + k]);
          g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE ?1 AS %s", schema);

          read_in_place = step_with_text (self, attach, uri, SQLITE_DONE);
        }
      if (!read_in_place)
        {
          verk_file_checker_release (checker, first + k);
          continue;
        }
      window[k].attached = schema;
      window[k].exact = checked.exact;
      window[k].seen = checked.seen;
      (*attached)++;
    }
}

/* The files of the window from @first on are done with (detached): the
 * checker closes its connections to them, off the merge's thread. */
static void
release_window (VerkFileChecker *checker,
                guint            first,
                guint            n)
{
  for (guint k = 0; k < n; k++)
    verk_file_checker_release (checker, first + k);
}

/* @path checked (attached by attach_window(), else open_exchange_file()):
 * FALSE with @error set when it is refused. */
static gboolean
source_open (Source      *source,
             const char  *path,
             GError     **error)
{
  if (source->attached != NULL)
    return TRUE;
  source->store = open_exchange_file (path, error);
  return source->store != NULL;
}

/* Tests only (/store-exchange/file-changed-while-read): called with the
 * path of a file read in place once its rows are staged, before its stat is
 * compared with the one it was opened with, so that a test can change the
 * file there. */
void (*verk_exchange_after_read_in_place) (const char *path);

/* The rows of the checked @source into xfile. A file read in place that
 * could not be read to its end or changed meanwhile is checked and read
 * again as a read-only store's copy, which refuses it if it must. */
static gboolean
source_stage (VerkStore   *self,
              Staging     *staging,
              Source      *source,
              const char  *path,
              gboolean    *refused,
              GError     **error)
{
  g_autoptr (GError) local = NULL;
  GStatBuf after;

  if (source->attached != NULL)
    {
      if (!staging_copy (self, staging, source->attached, source->exact, path, refused, &local) && !*refused)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!*refused && verk_exchange_after_read_in_place != NULL)
        verk_exchange_after_read_in_place (path);
      if (!*refused && g_stat (path, &after) == 0 && same_stat (&source->seen, &after))
        return TRUE;
      g_clear_error (&local);
      source->attached = NULL;
      source->store = open_exchange_file (path, error);
      if (source->store == NULL)
        {
          *refused = TRUE;
          return FALSE;
        }
    }
  return staging_fill (self, staging, source->store->db, path, refused, error);
}

/* source_stage(), and the staged rows checked (staged_rows_lack_identity()). */
static gboolean
stage_file (VerkStore   *self,
            Staging     *staging,
            Source      *source,
            const char  *path,
            gboolean    *refused,
            GError     **error)
{
  gboolean lack = FALSE;

  if (!source_stage (self, staging, source, path, refused, error)
      || !staged_rows_lack_identity (self, &lack, error))
    return FALSE;
  if (lack)
    {
      *refused = TRUE;
      refuse_file (error, path, NULL);
      return FALSE;
    }
  return TRUE;
}

/* A batch of files merged in one transaction (see verk_store_import_files). */
typedef struct {
  gboolean  open;        /* BEGIN IMMEDIATE done */
  gint64    started;     /* monotonic µs */
  guint     files;
  Merge     merge;
} Batch;

/* How long one transaction may take its files before it is committed: the
 * window's own edits wait for the write lock meanwhile (busy timeout 2 s),
 * and every commit is a sync. */
#define IMPORT_BATCH_US (250 * G_TIME_SPAN_MILLISECOND)

static gboolean
begin_batch (VerkStore  *self,
             Batch      *batch,
             GError    **error)
{
  memset (batch, 0, sizeof *batch);
  if (!verk_exchange_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!verk_exchange_exec (self, "UPDATE main.exchange_state SET importing = 1", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  batch->open = TRUE;
  batch->started = g_get_monotonic_time ();
  return TRUE;
}

static void
rollback_batch (VerkStore *self,
                Batch     *batch)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  batch->open = FALSE;
}

/* The window's edits between two batches of its import.
 *
 * The window's store waits for the import's write lock in SQLite's busy
 * handler, which tries again after longer and longer sleeps (up to 0.1 s
 * each, 2 s in all); the worker begins its next batch a moment after the
 * last one's COMMIT, so a waiting edit could miss every gap and fail. SQLite
 * holds a connection's mutex for the whole of a call, its busy waits
 * included: a window connection whose mutex is taken right after a COMMIT
 * is in a call, perhaps waiting for that lock, and the worker lets it end
 * (the edit's first statement gets the lock) before it goes on; the worker's
 * own busy timeout then waits for the rest of the edit. An idle window costs
 * one try of its mutex. */
#define YIELD_TO "verk-exchange-yield-to"

void
verk_exchange_yield_after_commit_to (VerkStore *worker,
                                     VerkStore *window)
{
  g_object_set_data_full (G_OBJECT (worker), YIELD_TO, g_object_ref (window), g_object_unref);
}

static void
let_the_window_write (VerkStore *self)
{
  VerkStore *window = g_object_get_data (G_OBJECT (self), YIELD_TO);
  sqlite3_mutex *mutex = window != NULL && window->db != NULL ? sqlite3_db_mutex (window->db) : NULL;

  if (mutex == NULL)
    return;
  if (sqlite3_mutex_try (mutex) != SQLITE_OK)
    sqlite3_mutex_enter (mutex);
  sqlite3_mutex_leave (mutex);
}

static gboolean
commit_batch (VerkStore         *self,
              Batch             *batch,
              VerkImportReport  *report,
              GError           **error)
{
  if (!batch->open)
    return TRUE;
  if (!verk_exchange_exec (self, "UPDATE main.exchange_state SET importing = 0", error)
      || !verk_exchange_exec (self, "COMMIT", error))
    {
      rollback_batch (self, batch);
      return FALSE;
    }
  batch->open = FALSE;
  report->files_read += batch->files;
  report->workshops_added += batch->merge.added;
  report->workshops_updated += batch->merge.updated;
  report->workshops_unchanged += batch->merge.unchanged;
  if (batch->merge.changed)
    g_signal_emit_by_name (self, "changed", (int) VERK_CHANGE_GROUPS, (gint64) 0);
  let_the_window_write (self);
  return TRUE;
}

/* The staged file merged into main inside the open batch. */
static gboolean
merge_file (VerkStore      *self,
            const Staging  *staging,
            Batch          *batch,
            GError        **error)
{
  batch->merge.staged = staging->rows;
  if (!main_has_pending (self, &batch->merge.pending, error)
      || !merge_tombstones (self, &batch->merge, error)
      || !merge_groups (self, &batch->merge, error)
      || !merge_workshops (self, &batch->merge, error)
      || !resolve_links (self, &batch->merge, error))
    return FALSE;
  batch->files++;
  return TRUE;
}

static gboolean
refuse_read_only (GError **error)
{
  g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY,
               _("The database is open for reading only, so nothing can be imported into it."));
  return FALSE;
}

/* An import is the largest write a user makes: the day's automatic backup
 * (verk-store-backup.c) is taken before its first write, when the store has
 * not taken it yet today (opened yesterday and left open). A store in
 * memory has none. When it cannot be written, nothing is imported. */
static gboolean
backup_before_import (VerkStore  *self,
                      GError    **error)
{
  g_autofree char *today = NULL;
  g_autoptr (GError) local = NULL;

  if (self->backup_day == NULL)
    return TRUE;
  today = verk_store_today ();
  if (strcmp (today, self->backup_day) == 0)
    return TRUE;
  if (!verk_store_daily_backup (self, &local))
    {
      g_set_error (error, VERK_STORE_ERROR, local->code,
                   _("Verkstad could not make today’s backup of the database, so nothing was imported: %s"),
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/* A setting of the importing connection (@pragma, such as "main.cache_size")
 * read, or @fallback, and set: the import changes three for its duration and
 * puts the connection's own back afterwards. */
static int
query_setting (VerkStore  *self,
               const char *pragma,
               int         fallback)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *st = NULL;
  int value = fallback;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    value = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return value;
}

static void
set_setting (VerkStore  *self,
             const char *pragma,
             int         value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %d", pragma, value);

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/* PRAGMA cache_size of main: pages when positive, KiB when negative
 * (SQLite's default -2000). */
#define IMPORT_CACHE_KIB 65536

/* PRAGMA temp_store of the connection (0 default, 1 file, 2 memory). Each
 * statement of the merge that writes many rows keeps a statement journal of
 * the pages it changes, to undo itself should it fail half-way; past 64 KiB
 * SQLite writes it to a temporary file unless temp_store is MEMORY (two
 * thirds of the import's writes were such). A change drops the connection's
 * temporary tables: the store keeps none between two calls (the export
 * makes its own). */
#define TEMP_STORE_MEMORY 2

/* PRAGMA wal_autocheckpoint (pages; SQLite's default 1000, 4 MB). A batch
 * dirties pages all over main's UUID indexes, several megabytes, so with
 * the default every commit was followed by a checkpoint that wrote them into
 * the database once more: a third of the import's writes to the disk. During
 * the import the write-ahead log may grow to 32 MB; at the end one
 * checkpoint writes what is left, so that the window's next edit does not,
 * and truncates the log (import_checkpoint()). */
#define IMPORT_CHECKPOINT_PAGES 8192

/* The end of an import: what is left in the write-ahead log written into
 * the database, and the log truncated to nothing. SQLite keeps a log at the
 * largest size it reached, reused, until the last connection closes: up to
 * IMPORT_CHECKPOINT_PAGES (32 MB) beside the database for as long as the
 * window stays open. TRUNCATE waits, within the busy timeout, for the write
 * lock and for readers of an older snapshot (another connection's read
 * lasts milliseconds); should one read on past it, the checkpoint writes
 * what it can (as PASSIVE) and the log is truncated by a later checkpoint. */
static void
import_checkpoint (VerkStore *self)
{
  int rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  if (rc != SQLITE_OK)
    g_debug ("the checkpoint after an import: %s", sqlite3_errstr (rc));
}

/**
 * verk_store_import_files:
 * @self: the store to import into (written; see docs/STORAGE.md)
 * @files: (array length=n_files): workshop files, in any order
 * @n_files: how many
 * @cancellable: (nullable): stops between two files
 * @progress: (nullable): called after each file, in this thread
 * @user_data: for @progress
 * @report: (out caller-allocates): what was imported (committed) and refused
 * @refusals: (element-type GError) (nullable): gets each refusal (a #GError
 *   naming the file; the array frees them with g_error_free())
 * @error: a database error or G_IO_ERROR_CANCELLED
 *
 * Imports @files in batches, each batch one transaction: a file is imported
 * whole or not at all, and what was committed stays when a later batch fails
 * or the import is cancelled (@report counts only that).
 *
 * Returns: FALSE when the database failed or the import was cancelled;
 *   refused files do not make it fail.
 */
gboolean
verk_store_import_files (VerkStore               *self,
                         const char * const      *files,
                         guint                    n_files,
                         GCancellable            *cancellable,
                         VerkImportProgressFunc   progress,
                         gpointer                 user_data,
                         VerkImportReport        *report,
                         GPtrArray               *refusals,
                         GError                 **error)
{
  Batch batch = { 0 };
  Staging staging = { 0 };
  gboolean ok = TRUE, backed_up = FALSE, triggers_off;
  Source window[MAX_ATTACHED_FILES];
  VerkFileChecker *checker = NULL;
  guint attached = 0, window_start = 0, window_len = 0;
  int old_cache, old_temp_store, old_checkpoint;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (self->read_only)
    return refuse_read_only (error);
  /* Attached once, outside the transaction (see staging_create): each file's
   * rows replace the last one's there, so one transaction can take many
   * files, and the pages of main's UUID indexes a batch touches are written
   * and synced once per batch, not once per file. */
  if (!staging_create (self, &staging, error))
    {
      staging_free (&staging);
      sqlite3_exec (self->db, "DETACH DATABASE xfile", NULL, NULL, NULL);
      return FALSE;
    }
  /* the files checked ahead of the merge, on a thread of their own; a batch
   * of MAX_ATTACHED_FILES is merged while the next one is checked */
  checker = verk_file_checker_new (files, n_files, staged_tables, staging.file_tables, N_STAGED,
                                   2 * MAX_ATTACHED_FILES);
  verk_exchange_begin_import_statements (self);
  /* A batch touches pages all over main's UUID indexes (random keys): with
   * SQLite's default 2 MB of cache they are spilled and read back for every
   * file. The connection's own size comes back afterwards. */
  old_cache = query_setting (self, "main.cache_size", -2000);
  set_setting (self, "main.cache_size", -IMPORT_CACHE_KIB);
  old_temp_store = query_setting (self, "temp_store", 0);
  set_setting (self, "temp_store", TEMP_STORE_MEMORY);
  old_checkpoint = query_setting (self, "wal_autocheckpoint", 1000);
  set_setting (self, "wal_autocheckpoint", IMPORT_CHECKPOINT_PAGES);
  /* see set_triggers(); a connection with triggers off already stays so */
  triggers_off = triggers_on (self) && set_triggers (self, FALSE);
  if (progress != NULL)
    progress (0, n_files, user_data);
  for (guint i = 0; i < n_files && ok; i++)
    {
      g_autoptr (GError) local = NULL;
      Source file = { 0 };
      gboolean accepted, refused = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      /* the next files attached outside a transaction (attach_window): a
       * batch holds at most MAX_ATTACHED_FILES files */
      if (i == window_start + window_len)
        {
          if (batch.open && !commit_batch (self, &batch, report, error))
            {
              ok = FALSE;
              break;
            }
          detach_files (self, &attached);
          release_window (checker, window_start, window_len);
          window_start = i;
          window_len = MIN (MAX_ATTACHED_FILES, n_files - i);
          attach_window (self, checker, files, window_start, window_len, window, &attached);
        }
      file = window[i - window_start];
      /* checked before anything is written: a refused file is left as it is */
      accepted = source_open (&file, files[i], &local);
      if (accepted && !backed_up && !(backed_up = backup_before_import (self, error)))
        ok = FALSE;
      else if (accepted && !batch.open && !begin_batch (self, &batch, error))
        ok = FALSE;
      else if (accepted && !stage_file (self, &staging, &file, files[i], &refused, &local) && !refused)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          rollback_batch (self, &batch);
          ok = FALSE;
        }
      else if (!accepted || refused)
        {
          report->files_refused++;
          if (refusals != NULL)
            g_ptr_array_add (refusals, g_steal_pointer (&local));
        }
      else if (!merge_file (self, &staging, &batch, error))
        {
          /* A locked or full database stops the import; nothing of the
           * batch stays. */
          rollback_batch (self, &batch);
          ok = FALSE;
        }
      else if (g_get_monotonic_time () - batch.started >= IMPORT_BATCH_US
               && !commit_batch (self, &batch, report, error))
        ok = FALSE;
      source_clear (&file);
      if (ok && progress != NULL)
        progress (i + 1, n_files, user_data);
    }
  /* Cancelled: the files merged so far are whole, so they are committed. */
  if (batch.open && !commit_batch (self, &batch, report, ok ? error : NULL))
    ok = FALSE;
  detach_files (self, &attached);
  g_clear_pointer (&checker, verk_file_checker_free);
  verk_exchange_end_import_statements (self);
  staging_free (&staging);
  sqlite3_exec (self->db, "DETACH DATABASE xfile", NULL, NULL, NULL);
  set_setting (self, "main.cache_size", old_cache);
  set_setting (self, "temp_store", old_temp_store);
  set_setting (self, "wal_autocheckpoint", old_checkpoint);
  import_checkpoint (self);
  if (triggers_off)
    set_triggers (self, TRUE);
  return ok;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * verk_store_list_import_files:
 * @path: a workshop file or a folder of them
 * @error: a folder without workshop files, or nothing at @path
 *
 * Returns: (transfer full) (element-type filename): @path, or every
 *   `*.verkstad` in the folder @path sorted by name; NULL with @error set.
 */
GPtrArray *
verk_store_list_import_files (const char  *path,
                              GError     **error)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (GDir) dir = g_dir_open (path, 0, &local);
      const char *name;

      if (dir == NULL)
        {
          g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED,
                       _("Verkstad could not read the folder “%s”: %s"), path, local->message);
          return NULL;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".verkstad"))
          g_ptr_array_add (files, g_build_filename (path, name, NULL));
      if (files->len == 0)
        {
          g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND,
                       _("There are no workshop files (.verkstad) in the folder “%s”."), path);
          return NULL;
        }
      g_ptr_array_sort (files, compare_names);
    }
  else if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_ptr_array_add (files, g_strdup (path));
  else
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND,
                   _("There is no file or folder “%s” to import."), path);
      return NULL;
    }
  return g_steal_pointer (&files);
}

gboolean
verk_store_import (VerkStore         *self,
                   const char        *path,
                   VerkImportReport  *report,
                   GError           **error)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  VerkImportReport mine = { 0 };

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->read_only)
    return refuse_read_only (error);
  files = verk_store_list_import_files (path, error);
  if (files == NULL)
    return FALSE;
  if (report == NULL)
    report = &mine;
  if (!verk_store_import_files (self, (const char * const *) files->pdata, files->len, NULL, NULL, NULL,
                                report, refusals, error))
    return FALSE;
  if (refusals->len > 0)
    {
      /* The first refusal; the refused file is named in it. */
      g_propagate_error (error, g_ptr_array_steal_index (refusals, 0));
      return FALSE;
    }
  return TRUE;
}

