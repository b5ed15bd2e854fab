/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"

/* The schema, one step per version. Never edit a step that has shipped: add a
 * new one. A fresh database runs every step; an older one runs the steps after
 * its PRAGMA user_version, all in one transaction, after a backup copy.
 * docs/STORAGE.md describes the tables. */
/* The text of step 4 is spelled out by these macros; what they expand to is
 * as fixed as any other step's text. */

/* A random version 4 UUID in lower-case 8-4-4-4-12 form, in plain SQL. The
 * store's own INSERTs give version 7 UUIDs (verk-store-uuid.c), so the
 * triggers below act only for rows another program inserts. */
#define VERK_UUID_SQL \
  "(lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'" \
  " || substr (lower (hex (randomblob (2))), 2) || '-'" \
  " || substr ('89ab', 1 + (abs (random ()) % 4), 1)" \
  " || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))))"

/* Now in UTC to the millisecond, sortable as text: 2026-03-01T09:15:02.125Z */
#define VERK_NOW_SQL "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"

#define VERK_NOT_IMPORTING "(SELECT importing FROM exchange_state) = 0"

/* A uuid column for a rowid table, filled for the rows there, unique, and
 * given to every new row that comes without one. */
#define VERK_UUID_COLUMN(table) \
  "ALTER TABLE " table " ADD COLUMN uuid TEXT;" \
  "UPDATE " table " SET uuid = " VERK_UUID_SQL ";" \
  "CREATE UNIQUE INDEX " table "_uuid ON " table " (uuid);" \
  "CREATE TRIGGER " table "_new_uuid AFTER INSERT ON " table " WHEN NEW.uuid IS NULL BEGIN" \
  "  UPDATE " table " SET uuid = " VERK_UUID_SQL " WHERE rowid = NEW.rowid;" \
  "END;"

/* A group's or workshop's own edits move its modification time, unless the
 * edit set the time itself (an import). */
#define VERK_TOUCH_OWN(table) \
  "CREATE TRIGGER " table "_touch_insert AFTER INSERT ON " table \
  "  WHEN NEW.modified_at IS NULL BEGIN" \
  "  UPDATE " table " SET modified_at = " VERK_NOW_SQL " WHERE rowid = NEW.rowid;" \
  "END;" \
  "CREATE TRIGGER " table "_touch_update AFTER UPDATE ON " table \
  "  WHEN NEW.modified_at IS OLD.modified_at AND " VERK_NOT_IMPORTING " BEGIN" \
  "  UPDATE " table " SET modified_at = " VERK_NOW_SQL " WHERE rowid = NEW.rowid;" \
  "END;"

/* Any edit of a row inside a workshop moves the workshop's time. */
#define VERK_TOUCH_WORKSHOP(table, event, workshop_id) \
  "CREATE TRIGGER " table "_touch_" event " AFTER " event " ON " table \
  "  WHEN " VERK_NOT_IMPORTING " BEGIN" \
  "  UPDATE workshop SET modified_at = " VERK_NOW_SQL " WHERE id = " workshop_id ";" \
  "END;"

/* Purging leaves a tombstone, so an older file does not bring it back. */
#define VERK_TOMBSTONE(table, kind) \
  "CREATE TRIGGER " table "_tombstone AFTER DELETE ON " table \
  "  WHEN " VERK_NOT_IMPORTING " AND OLD.uuid IS NOT NULL BEGIN" \
  "  INSERT OR REPLACE INTO tombstone (uuid, kind, deleted_at)" \
  "    VALUES (OLD.uuid, '" kind "', " VERK_NOW_SQL ");" \
  "END;"

static const char * const migrations[] = {
  /* 1: groups, workshops, their items, participants and scores */
  "CREATE TABLE grp ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL,"
  "  unit       TEXT NOT NULL DEFAULT '',"
  "  trashed_at TEXT"
  ");"
  "CREATE TABLE workshop ("
  "  id          INTEGER PRIMARY KEY,"
  "  grp_id      INTEGER NOT NULL REFERENCES grp (id) ON DELETE CASCADE,"
  "  date        TEXT NOT NULL,"
  "  facilitator TEXT NOT NULL DEFAULT '',"
  "  notes       TEXT NOT NULL DEFAULT '',"
  "  previous_id INTEGER REFERENCES workshop (id) ON DELETE SET NULL,"
  "  trashed_at  TEXT"
  ");"
  "CREATE INDEX workshop_grp ON workshop (grp_id, date);"
  "CREATE TABLE item ("
  "  id          INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  framework   TEXT NOT NULL,"
  "  key         TEXT,"
  "  name        TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position    INTEGER NOT NULL"
  ");"
  "CREATE INDEX item_workshop ON item (workshop_id, framework, position);"
  "CREATE TABLE participant ("
  "  id          INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  name        TEXT NOT NULL DEFAULT '',"
  "  position    INTEGER NOT NULL"
  ");"
  "CREATE INDEX participant_workshop ON participant (workshop_id, position);"
  "CREATE TABLE score ("
  "  item_id        INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,"
  "  value          INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),"
  "  comment        TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (item_id, participant_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX score_participant ON score (participant_id);"
  /* The group's agreed score: one row per item, any field may be unset. */
  "CREATE TABLE agreed ("
  "  item_id   INTEGER PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE,"
  "  value     INTEGER CHECK (value IS NULL OR value BETWEEN 1 AND 5),"
  "  rationale TEXT NOT NULL DEFAULT '',"
  "  desired   INTEGER CHECK (desired IS NULL OR desired BETWEEN 1 AND 5)"
  ");",

  /* 2: what the group does with the scores */
  "CREATE TABLE priority ("
  "  workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  item_id     INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  rank        INTEGER NOT NULL CHECK (rank >= 1),"
  "  PRIMARY KEY (workshop_id, item_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE action ("
  "  id           INTEGER PRIMARY KEY,"
  "  workshop_id  INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  item_id      INTEGER REFERENCES item (id) ON DELETE SET NULL,"
  "  what         TEXT NOT NULL,"
  "  owner        TEXT NOT NULL DEFAULT '',"
  "  due          TEXT,"
  "  status       INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  followup     TEXT NOT NULL DEFAULT '',"
  "  carried_from INTEGER REFERENCES action (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX action_workshop ON action (workshop_id);"
  "CREATE INDEX action_item ON action (item_id);"
  "CREATE INDEX action_carried ON action (carried_from);"
  "CREATE TABLE reflection ("
  "  workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  part        TEXT NOT NULL,"
  "  strengths   TEXT NOT NULL DEFAULT '',"
  "  development TEXT NOT NULL DEFAULT '',"
  "  obstacles   TEXT NOT NULL DEFAULT '',"
  "  removers    TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (workshop_id, part)"
  ") WITHOUT ROWID;"
  "CREATE INDEX workshop_previous ON workshop (previous_id);"
  "CREATE INDEX priority_item ON priority (item_id);",

  /* 3: removing a piece or a participant can be undone: the row stays, with
   * its scores, until the trash is purged. */
  "ALTER TABLE item ADD COLUMN removed_at TEXT;"
  "ALTER TABLE participant ADD COLUMN removed_at TEXT;",

  /* 4: stable identities and what workshop files need (docs/STORAGE.md,
   * "Workshop files"). Every group, workshop, piece, participant, score and
   * action gets a random (version 4) UUID, the same on every laptop it
   * travels to; a trigger gives each new row its own, so a follow-up's
   * copies get new ones. Groups and workshops get a modification time in
   * UTC that every edit inside them moves (the last writer wins on import),
   * and purging one leaves a tombstone. While an import runs
   * (exchange_state.importing = 1, inside its own transaction) the triggers
   * leave times and tombstones as the file has them. The SQL is plain
   * SQLite, so another program's edits get UUIDs and times too. */
  VERK_UUID_COLUMN ("grp")
  VERK_UUID_COLUMN ("workshop")
  VERK_UUID_COLUMN ("item")
  VERK_UUID_COLUMN ("participant")
  VERK_UUID_COLUMN ("action")
  "ALTER TABLE score ADD COLUMN uuid TEXT;"
  "UPDATE score SET uuid = " VERK_UUID_SQL ";"
  "CREATE UNIQUE INDEX score_uuid ON score (uuid);"
  "CREATE TRIGGER score_new_uuid AFTER INSERT ON score WHEN NEW.uuid IS NULL BEGIN"
  "  UPDATE score SET uuid = " VERK_UUID_SQL
  "    WHERE item_id = NEW.item_id AND participant_id = NEW.participant_id;"
  "END;"
  "CREATE TABLE exchange_state (importing INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO exchange_state (importing) VALUES (0);"
  "CREATE TABLE tombstone ("
  "  uuid       TEXT PRIMARY KEY,"
  "  kind       TEXT NOT NULL,"
  "  deleted_at TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* A cross-workshop link (a follow-up's previous workshop, a carried
   * action's origin) whose target has not been imported yet. */
  "CREATE TABLE exchange_pending ("
  "  from_uuid TEXT NOT NULL,"
  "  kind      TEXT NOT NULL,"
  "  to_uuid   TEXT NOT NULL,"
  "  PRIMARY KEY (from_uuid, kind)"
  ") WITHOUT ROWID;"
  "ALTER TABLE grp ADD COLUMN modified_at TEXT;"
  "ALTER TABLE workshop ADD COLUMN modified_at TEXT;"
  /* 1 = came from an "aggregates only" file: names and comments left out */
  "ALTER TABLE workshop ADD COLUMN aggregates_only INTEGER NOT NULL DEFAULT 0;"
  "UPDATE grp SET modified_at = " VERK_NOW_SQL ";"
  "UPDATE workshop SET modified_at = " VERK_NOW_SQL ";"
  VERK_TOUCH_OWN ("grp")
  VERK_TOUCH_OWN ("workshop")
  VERK_TOUCH_WORKSHOP ("item", "INSERT", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("item", "UPDATE", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("item", "DELETE", "OLD.workshop_id")
  VERK_TOUCH_WORKSHOP ("participant", "INSERT", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("participant", "UPDATE", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("participant", "DELETE", "OLD.workshop_id")
  VERK_TOUCH_WORKSHOP ("action", "INSERT", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("action", "UPDATE", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("action", "DELETE", "OLD.workshop_id")
  VERK_TOUCH_WORKSHOP ("priority", "INSERT", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("priority", "UPDATE", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("priority", "DELETE", "OLD.workshop_id")
  VERK_TOUCH_WORKSHOP ("reflection", "INSERT", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("reflection", "UPDATE", "NEW.workshop_id")
  VERK_TOUCH_WORKSHOP ("reflection", "DELETE", "OLD.workshop_id")
  VERK_TOUCH_WORKSHOP ("score", "INSERT", "(SELECT workshop_id FROM item WHERE id = NEW.item_id)")
  VERK_TOUCH_WORKSHOP ("score", "UPDATE", "(SELECT workshop_id FROM item WHERE id = NEW.item_id)")
  VERK_TOUCH_WORKSHOP ("score", "DELETE", "(SELECT workshop_id FROM item WHERE id = OLD.item_id)")
  VERK_TOUCH_WORKSHOP ("agreed", "INSERT", "(SELECT workshop_id FROM item WHERE id = NEW.item_id)")
  VERK_TOUCH_WORKSHOP ("agreed", "UPDATE", "(SELECT workshop_id FROM item WHERE id = NEW.item_id)")
  VERK_TOUCH_WORKSHOP ("agreed", "DELETE", "(SELECT workshop_id FROM item WHERE id = OLD.item_id)")
  VERK_TOMBSTONE ("grp", "group")
  VERK_TOMBSTONE ("workshop", "workshop"),

  /* 5: a second private round of scoring for a piece the group disagreed on
   * (issue 15). `score` stays the first round; `score_round` says an item
   * has a later round, `round_score` holds its scores (verk-store-rounds.c). */
  "CREATE TABLE score_round ("
  "  item_id    INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  round      INTEGER NOT NULL CHECK (round >= 2),"
  "  started_at TEXT NOT NULL,"
  "  PRIMARY KEY (item_id, round)"
  ") WITHOUT ROWID;"
  "CREATE TABLE round_score ("
  "  item_id        INTEGER NOT NULL,"
  "  round          INTEGER NOT NULL,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,"
  "  value          INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),"
  "  comment        TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (item_id, round, participant_id),"
  "  FOREIGN KEY (item_id, round) REFERENCES score_round (item_id, round) ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  "CREATE INDEX round_score_participant ON round_score (participant_id);"
  VERK_TOUCH_WORKSHOP ("score_round", "INSERT", "(SELECT workshop_id FROM item WHERE id = NEW.item_id)")
  VERK_TOUCH_WORKSHOP ("round_score", "INSERT", "(SELECT workshop_id FROM item WHERE id = NEW.item_id)")
  VERK_TOUCH_WORKSHOP ("round_score", "UPDATE", "(SELECT workshop_id FROM item WHERE id = NEW.item_id)")
  VERK_TOUCH_WORKSHOP ("round_score", "DELETE", "(SELECT workshop_id FROM item WHERE id = OLD.item_id)"),
};

int
verk_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
verk_store_migrate (VerkStore  *self,
                    int         from,
                    GError    **error)
{
  int rc;
  char *errmsg = NULL;
  g_autofree char *set_version = NULL;

  g_assert (from >= 0 && from <= verk_store_schema_version ());
  self->migrated_from = from;

  if (from == verk_store_schema_version ())
    return TRUE;

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  for (int v = from; v < verk_store_schema_version (); v++)
    {
      g_debug ("migrating %s to schema version %d", self->path, v + 1);
      rc = sqlite3_exec (self->db, migrations[v], NULL, NULL, &errmsg);
      if (rc != SQLITE_OK)
        goto fail;
    }

  /* PRAGMAs take no bound parameters; these are numbers from this file. */
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 VERK_STORE_APPLICATION_ID, verk_store_schema_version ());
  rc = sqlite3_exec (self->db, set_version, NULL, NULL, &errmsg);
  if (rc != SQLITE_OK)
    goto fail;

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  return TRUE;

fail:
  g_clear_pointer (&errmsg, sqlite3_free);
  verk_store_set_error_from_rc (self, error, rc,
                                _("Verkstad could not update the database to this version; "
                                  "it was left as it was."));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* The whole schema into a new, empty file of another connection: a
 * workshop file is a Verkstad database of this version with just the
 * exported rows (verk-store-exchange.c). */
gboolean
verk_store_create_schema (sqlite3  *db,
                          char    **errmsg)
{
  g_autofree char *set_version = NULL;
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, errmsg);

  for (guint v = 0; rc == SQLITE_OK && v < G_N_ELEMENTS (migrations); v++)
    rc = sqlite3_exec (db, migrations[v], NULL, NULL, errmsg);
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 VERK_STORE_APPLICATION_ID, verk_store_schema_version ());
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, set_version, NULL, NULL, errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, errmsg);
  if (rc != SQLITE_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return rc == SQLITE_OK;
}
