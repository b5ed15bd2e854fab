/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"

/* The schema, one step per version. Never edit a step that has shipped: add a
 * new one. A fresh database runs every step; an older one runs the steps after
 * its PRAGMA user_version, all in one transaction, after a backup copy.
 * docs/STORAGE.md describes the tables. */
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
