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
#include "verk-store-private.h"

/* Workshop files (".verkstad"): docs/STORAGE.md, "Workshop files".
 *
 * A file is a Verkstad database of this schema version holding just the
 * exported rows, written by ATTACHing a new file and INSERTing those rows
 * (not with the backup API: a copy of the whole database with the other
 * groups deleted would keep their names and comments in its free pages).
 * Rows meet by UUID; ids are local to each file. The unit of "newest wins"
 * is the workshop with everything in it: a group agrees its scores,
 * priorities and actions together, so two versions are never mixed. */

/* @sql with "@." replaced by "@schema." ("main" or "xfile"). */
static char *
in_schema (const char *sql,
           const char *schema)
{
  g_auto (GStrv) parts = g_strsplit (sql, "@.", -1);
  g_autofree char *dot = g_strconcat (schema, ".", NULL);

  return g_strjoinv (dot, parts);
}

/* The error of a statement that failed: the database's own words after ours. */
gboolean
verk_exchange_data_error (VerkStore  *self,
            GError    **error,
            int         rc)
{
  verk_store_set_error_from_rc (self, error, rc, _("Verkstad could not read or write the workshop data."));
  return FALSE;
}

sqlite3_stmt *
verk_exchange_prepare (VerkStore   *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL);

  if (rc != SQLITE_OK)
    {
      verk_exchange_data_error (self, error, rc);
      return NULL;
    }
  return st;
}

/* While files are imported, the statements of the merge are prepared once
 * (sql → statement; they read the staging schema xfile, the same for every
 * file, and are finalized before it is detached, which a prepared statement
 * on it would refuse). */
#define IMPORT_STATEMENTS "verk-exchange-import-statements"

void
verk_exchange_begin_import_statements (VerkStore *self)
{
  g_object_set_data_full (G_OBJECT (self), IMPORT_STATEMENTS,
                          g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) verk_exchange_finalize_stmt),
                          (GDestroyNotify) g_hash_table_unref);
}

void
verk_exchange_end_import_statements (VerkStore *self)
{
  g_object_set_data (G_OBJECT (self), IMPORT_STATEMENTS, NULL);
}

/* @sql prepared once per import (see above), reset and unbound, owned by
 * the cache: the look-ups run for every workshop and group of every file. */
sqlite3_stmt *
verk_exchange_import_statement (VerkStore   *self,
                  const char  *sql,
                  GError     **error)
{
  GHashTable *statements = g_object_get_data (G_OBJECT (self), IMPORT_STATEMENTS);
  sqlite3_stmt *st = g_hash_table_lookup (statements, sql);

  if (st != NULL)
    {
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
      return st;
    }
  st = verk_exchange_prepare (self, sql, error);
  if (st != NULL)
    g_hash_table_insert (statements, (gpointer) sql, st);
  return st;
}

/* Runs @sql (no rows) with ?1 = @id when @id is not 0 and ?2 = @text when given. */
gboolean
verk_exchange_exec_with (VerkStore   *self,
           const char  *sql,
           gint64       id,
           const char  *text,
           GError     **error)
{
  GHashTable *statements = g_object_get_data (G_OBJECT (self), IMPORT_STATEMENTS);
  sqlite3_stmt *st = statements != NULL ? g_hash_table_lookup (statements, sql) : NULL;
  int rc;

  if (st == NULL)
    {
      st = verk_exchange_prepare (self, sql, error);
      if (st == NULL)
        return FALSE;
      if (statements != NULL)
        g_hash_table_insert (statements, (gpointer) sql, st);
    }
  if (id != 0)
    sqlite3_bind_int64 (st, 1, id);
  if (text != NULL)
    sqlite3_bind_text (st, 2, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  if (statements != NULL)
    {
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
    }
  else
    sqlite3_finalize (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      return verk_exchange_data_error (self, error, rc);
    }
  return TRUE;
}

gboolean
verk_exchange_exec (VerkStore   *self,
      const char  *sql,
      GError     **error)
{
  return verk_exchange_exec_with (self, sql, 0, NULL, error);
}

/* Every column of every row of @st, unambiguously: NULL and "" differ, and
 * no text can pass for a column boundary. */
static gboolean
digest_rows (VerkStore     *self,
             GChecksum     *sum,
             sqlite3_stmt  *st,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (st); c++)
        {
          if (sqlite3_column_type (st, c) == SQLITE_NULL)
            g_checksum_update (sum, (const guchar *) "N;", 2);
          else
            {
              const guchar *text = sqlite3_column_text (st, c);
              int len = sqlite3_column_bytes (st, c);
              g_autofree char *head = g_strdup_printf ("T%d:", len);

              g_checksum_update (sum, (const guchar *) head, -1);
              g_checksum_update (sum, text, len);
            }
        }
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  if (rc != SQLITE_DONE)
    {
      return verk_exchange_data_error (self, error, rc);
    }
  return TRUE;
}

/* What a workshop holds, by UUID (local ids and links left out: those
 * differ between laptops), as a SHA-256. */
char *
verk_exchange_workshop_digest (VerkStore   *self,
                 const char  *schema,
                 gint64       workshop_id,
                 GError     **error)
{
  static const char * const parts[] = {
    "SELECT g.uuid, w.date, w.facilitator, w.notes, w.trashed_at, w.aggregates_only"
    "  FROM @.workshop w JOIN @.grp g ON g.id = w.grp_id WHERE w.id = ?1",
    "SELECT uuid, framework, key, name, description, position, removed_at"
    "  FROM @.item WHERE workshop_id = ?1 ORDER BY uuid",
    "SELECT uuid, name, position, removed_at FROM @.participant WHERE workshop_id = ?1 ORDER BY uuid",
    "SELECT s.uuid, i.uuid, p.uuid, s.value, s.comment FROM @.score s"
    "  JOIN @.item i ON i.id = s.item_id JOIN @.participant p ON p.id = s.participant_id"
    "  WHERE i.workshop_id = ?1 ORDER BY s.uuid",
    "SELECT i.uuid, a.value, a.rationale, a.desired FROM @.agreed a JOIN @.item i ON i.id = a.item_id"
    "  WHERE i.workshop_id = ?1 ORDER BY i.uuid",
    "SELECT i.uuid, r.rank FROM @.priority r JOIN @.item i ON i.id = r.item_id"
    "  WHERE r.workshop_id = ?1 ORDER BY i.uuid",
    "SELECT a.uuid, i.uuid, a.what, a.owner, a.due, a.status, a.followup FROM @.action a"
    "  LEFT JOIN @.item i ON i.id = a.item_id WHERE a.workshop_id = ?1 ORDER BY a.uuid",
    "SELECT part, strengths, development, obstacles, removers FROM @.reflection"
    "  WHERE workshop_id = ?1 ORDER BY part",
    /* the later private rounds (schema 5) */
    "SELECT i.uuid, r.round, r.started_at FROM @.score_round r JOIN @.item i ON i.id = r.item_id"
    "  WHERE i.workshop_id = ?1 ORDER BY i.uuid, r.round",
    "SELECT i.uuid, s.round, p.uuid, s.value, s.comment FROM @.round_score s"
    "  JOIN @.item i ON i.id = s.item_id JOIN @.participant p ON p.id = s.participant_id"
    "  WHERE i.workshop_id = ?1 ORDER BY i.uuid, s.round, p.uuid",
  };
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *sql = in_schema (parts[i], schema);
      g_autoptr (sqlite3_stmt) st = verk_exchange_prepare (self, sql, error);

      if (st == NULL)
        return NULL;
      sqlite3_bind_int64 (st, 1, workshop_id);
      g_checksum_update (sum, (const guchar *) "|", 1);
      if (!digest_rows (self, sum, st, error))
        return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
}

char *
verk_exchange_group_digest (VerkStore   *self,
              const char  *schema,
              const char  *uuid,
              GError     **error)
{
  g_autofree char *sql = in_schema ("SELECT name, unit, trashed_at FROM @.grp WHERE uuid = ?1", schema);
  g_autoptr (sqlite3_stmt) st = verk_exchange_prepare (self, sql, error);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!digest_rows (self, sum, st, error))
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

/* ------------------------------------------------------------------------ */
/* Export                                                                   */

/* The rows, from the store's connection into the file attached as xfile. */
static const char * const export_sql[] = {
  "INSERT INTO xfile.grp (id, name, unit, trashed_at, uuid, modified_at)"
  "  SELECT id, name, unit, trashed_at, uuid, modified_at FROM main.grp"
  "  WHERE id = ?1 OR id IN (SELECT grp_id FROM main.workshop WHERE id IN temp.verk_export)",
  "INSERT INTO xfile.workshop (id, grp_id, date, facilitator, notes, previous_id, trashed_at, uuid,"
  "                            modified_at, aggregates_only)"
  "  SELECT id, grp_id, date, CASE WHEN ?1 THEN '' ELSE facilitator END,"
  "         CASE WHEN ?1 THEN '' ELSE notes END,"
  "         CASE WHEN previous_id IN temp.verk_export THEN previous_id END,"
  "         trashed_at, uuid, modified_at, max (aggregates_only, ?1)"
  "  FROM main.workshop WHERE id IN temp.verk_export",
  "INSERT INTO xfile.item (id, workshop_id, framework, key, name, description, position, removed_at, uuid)"
  "  SELECT id, workshop_id, framework, key, name, description, position, removed_at, uuid"
  "  FROM main.item WHERE workshop_id IN temp.verk_export",
  "INSERT INTO xfile.participant (id, workshop_id, name, position, removed_at, uuid)"
  "  SELECT id, workshop_id, CASE WHEN ?1 THEN '' ELSE name END, position, removed_at, uuid"
  "  FROM main.participant WHERE workshop_id IN temp.verk_export",
  "INSERT INTO xfile.score (item_id, participant_id, value, comment, uuid)"
  "  SELECT s.item_id, s.participant_id, s.value, CASE WHEN ?1 THEN '' ELSE s.comment END, s.uuid"
  "  FROM main.score s JOIN main.item i ON i.id = s.item_id WHERE i.workshop_id IN temp.verk_export",
  /* a later private round: its scores as the first round's (no comments
   * in an "aggregates only" file); rows meet by the item's and the
   * participant's UUIDs */
  "INSERT INTO xfile.score_round (item_id, round, started_at)"
  "  SELECT r.item_id, r.round, r.started_at"
  "  FROM main.score_round r JOIN main.item i ON i.id = r.item_id WHERE i.workshop_id IN temp.verk_export",
  "INSERT INTO xfile.round_score (item_id, round, participant_id, value, comment)"
  "  SELECT s.item_id, s.round, s.participant_id, s.value, CASE WHEN ?1 THEN '' ELSE s.comment END"
  "  FROM main.round_score s JOIN main.item i ON i.id = s.item_id WHERE i.workshop_id IN temp.verk_export",
  "INSERT INTO xfile.agreed (item_id, value, rationale, desired)"
  "  SELECT a.item_id, a.value, CASE WHEN ?1 THEN '' ELSE a.rationale END, a.desired"
  "  FROM main.agreed a JOIN main.item i ON i.id = a.item_id WHERE i.workshop_id IN temp.verk_export",
  "INSERT INTO xfile.priority (workshop_id, item_id, rank)"
  "  SELECT workshop_id, item_id, rank FROM main.priority WHERE workshop_id IN temp.verk_export",
  "INSERT INTO xfile.action (id, workshop_id, item_id, what, owner, due, status, followup,"
  "                          carried_from, uuid)"
  "  SELECT id, workshop_id, item_id, what, CASE WHEN ?1 THEN '' ELSE owner END, due, status,"
  "         CASE WHEN ?1 THEN '' ELSE followup END,"
  "         CASE WHEN carried_from IN (SELECT id FROM main.action WHERE workshop_id IN temp.verk_export)"
  "              THEN carried_from END, uuid"
  "  FROM main.action WHERE workshop_id IN temp.verk_export",
  "INSERT INTO xfile.reflection (workshop_id, part, strengths, development, obstacles, removers)"
  "  SELECT workshop_id, part, strengths, development, obstacles, removers"
  "  FROM main.reflection WHERE workshop_id IN temp.verk_export AND NOT ?1",
  /* links across workshops, by UUID, whether or not the target travels too */
  "INSERT OR IGNORE INTO xfile.exchange_link (from_uuid, kind, to_uuid)"
  "  SELECT w.uuid, 'previous', p.uuid FROM main.workshop w JOIN main.workshop p ON p.id = w.previous_id"
  "  WHERE w.id IN temp.verk_export",
  "INSERT OR IGNORE INTO xfile.exchange_link (from_uuid, kind, to_uuid)"
  "  SELECT a.uuid, 'carried_from', c.uuid FROM main.action a JOIN main.action c ON c.id = a.carried_from"
  "  WHERE a.workshop_id IN temp.verk_export",
  "INSERT OR IGNORE INTO xfile.exchange_link (from_uuid, kind, to_uuid)"
  "  SELECT from_uuid, kind, to_uuid FROM main.exchange_pending"
  "  WHERE from_uuid IN (SELECT uuid FROM main.workshop WHERE id IN temp.verk_export"
  "                      UNION SELECT uuid FROM main.action WHERE workshop_id IN temp.verk_export)",
  "INSERT INTO xfile.tombstone (uuid, kind, deleted_at) SELECT uuid, kind, deleted_at FROM main.tombstone",
};

/* A new file at @tmp with the schema, the file's own tables, and the
 * triggers told to keep times and tombstones as they come. */
static gboolean
create_exchange_file (const char  *tmp,
                      GError     **error)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  int rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL);
  gboolean ok = rc == SQLITE_OK && verk_store_create_schema (db, &errmsg);

  if (ok)
    rc = sqlite3_exec (db,
                       EXCHANGE_FILE_TABLES
                       "UPDATE exchange_state SET importing = 1;",
                       NULL, NULL, &errmsg);
  ok = ok && rc == SQLITE_OK;
  if (!ok)
    g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED, "%s",
                 errmsg != NULL ? errmsg : sqlite3_errstr (rc));
  sqlite3_free (errmsg);
  sqlite3_close (db);
  return ok;
}

/* The rows into the attached file, in one transaction of the store's
 * connection (a consistent snapshot of the database; nothing in main is
 * written). */
static gboolean
copy_rows (VerkStore          *self,
           const char         *tmp,
           gint64              group_id,
           const gint64       *workshop_ids,
           guint               n_workshop_ids,
           const char         *content_pack,
           VerkExchangeFlags   flags,
           GError            **error)
{
  gboolean aggregates = (flags & VERK_EXCHANGE_AGGREGATES_ONLY) != 0;
  gboolean ok = FALSE;
  g_autoptr (sqlite3_stmt) attach = NULL;
  g_autofree char *version = g_strdup_printf ("%d", verk_store_schema_version ());
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  const char *meta[][2] = {
    { "format", EXCHANGE_FORMAT },
    { "schema_version", version },
    { "content_pack", content_pack != NULL ? content_pack : "" },
    { "aggregates_only", aggregates ? "1" : "0" },
    { "exported_at", stamp },
    { "verkstad_version", PACKAGE_VERSION },
  };

  /* A read-only store's copy stays unwritten: only the attached file and
   * the temporary list of workshops are. */
  if (self->read_only && !verk_exchange_exec (self, "PRAGMA query_only = 0", error))
    return FALSE;
  attach = verk_exchange_prepare (self, "ATTACH DATABASE ?1 AS xfile", error);
  if (attach == NULL)
    goto out;
  sqlite3_bind_text (attach, 1, tmp, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (attach) != SQLITE_DONE || sqlite3_reset (attach) != SQLITE_OK)
    {
      verk_exchange_data_error (self, error, sqlite3_errcode (self->db));
      goto out;
    }
  if (!verk_exchange_exec (self, "BEGIN", error)
      || !verk_exchange_exec (self, "PRAGMA defer_foreign_keys = ON", error)
      || !verk_exchange_exec (self, "CREATE TEMP TABLE IF NOT EXISTS verk_export (id INTEGER PRIMARY KEY)", error)
      || !verk_exchange_exec (self, "DELETE FROM temp.verk_export", error)
      || (group_id != 0
          && !verk_exchange_exec_with (self, "INSERT OR IGNORE INTO temp.verk_export SELECT id FROM main.workshop"
                         " WHERE grp_id = ?1", group_id, NULL, error)))
    goto rollback;
  for (guint i = 0; i < n_workshop_ids; i++)
    if (!verk_exchange_exec_with (self, "INSERT OR IGNORE INTO temp.verk_export SELECT id FROM main.workshop WHERE id = ?1",
                    workshop_ids[i], NULL, error))
      goto rollback;
  for (guint i = 0; i < G_N_ELEMENTS (export_sql); i++)
    {
      g_autoptr (sqlite3_stmt) st = verk_exchange_prepare (self, export_sql[i], error);
      int rc;

      if (st == NULL)
        goto rollback;
      for (int p = 1; p <= sqlite3_bind_parameter_count (st); p++)
        sqlite3_bind_int64 (st, p, i == 0 ? group_id : aggregates);
      rc = sqlite3_step (st);
      if (rc != SQLITE_DONE)
        {
          verk_exchange_data_error (self, error, rc);
          goto rollback;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
    {
      g_autoptr (sqlite3_stmt) st = verk_exchange_prepare (self, "INSERT INTO xfile.exchange_meta (key, value) VALUES (?1, ?2)",
                                             error);
      if (st == NULL)
        goto rollback;
      sqlite3_bind_text (st, 1, meta[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, meta[i][1], -1, SQLITE_STATIC);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          verk_exchange_data_error (self, error, sqlite3_errcode (self->db));
          goto rollback;
        }
    }
  if (!verk_exchange_exec (self, "UPDATE xfile.exchange_state SET importing = 0", error)
      || !verk_exchange_exec (self, "COMMIT", error))
    goto rollback;
  ok = TRUE;
  goto detach;

rollback:
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
detach:
  sqlite3_exec (self->db, "DETACH DATABASE xfile", NULL, NULL, NULL);
out:
  if (self->read_only)
    sqlite3_exec (self->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
  return ok;
}

gboolean
verk_store_export_workshops (VerkStore          *self,
                             const char         *path,
                             gint64              group_id,
                             const gint64       *workshop_ids,
                             guint               n_workshop_ids,
                             const char         *content_pack,
                             VerkExchangeFlags   flags,
                             GError            **error)
{
  g_auto (GStrv) protected_paths = NULL;
  g_autoptr (VerkAtomicFile) file = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (group_id == 0 && n_workshop_ids == 0)
    {
      g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
                           _("Choose a group or at least one workshop to export."));
      return FALSE;
    }
  if (group_id != 0)
    {
      g_autoptr (VerkGroup) group = verk_store_get_group (self, group_id, NULL);
      if (group == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, group_id);
          g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND,
                       _("There is no group with number %s to export."), number);
          return FALSE;
        }
    }
  for (guint i = 0; i < n_workshop_ids; i++)
    {
      g_autoptr (VerkWorkshop) workshop = verk_store_get_workshop (self, workshop_ids[i], NULL);
      if (workshop == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, workshop_ids[i]);
          g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND,
                       _("There is no workshop with number %s to export."), number);
          return FALSE;
        }
    }
  /* A read-only copy of a file older than version 4 got its UUIDs in
   * memory, new ones each time: two exports of it would not meet. */
  if (self->read_only && self->migrated_from > 0 && self->migrated_from < 4)
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY,
                   _("“%s” was saved by an older version of Verkstad. Open it in Verkstad once, so that it "
                     "is updated (after a backup), then save the workshop file again."), self->path);
      return FALSE;
    }
  /* Through a temporary file beside the target, renamed over it: a file
   * that is there is replaced whole or not at all, never the database or a
   * backup. */
  protected_paths = verk_store_protected_paths (self->path);
  file = verk_atomic_file_begin (path, (const char * const *) protected_paths, error);
  if (file == NULL)
    return FALSE;
  if (!create_exchange_file (verk_atomic_file_get_temp_path (file), &local)
      || !copy_rows (self, verk_atomic_file_get_temp_path (file), group_id, workshop_ids, n_workshop_ids,
                     content_pack, flags, &local))
    {
      g_set_error (error, VERK_STORE_ERROR, local->code,
                   _("Verkstad could not write the workshop file “%s”: %s"), path, local->message);
      return FALSE;
    }
  return verk_atomic_file_commit (g_steal_pointer (&file), error);
}

/* ------------------------------------------------------------------------ */
/* The canonical dump                                                       */

static gboolean
dump_lines (VerkStore    *self,
            GString      *out,
            const char   *sql,
            GError      **error)
{
  g_autoptr (sqlite3_stmt) st = verk_exchange_prepare (self, sql, error);
  int rc;

  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (st); c++)
        {
          const char *text = (const char *) sqlite3_column_text (st, c);
          g_string_append (out, c == 0 ? "" : " ");
          g_string_append (out, text != NULL ? text : "-");
        }
      g_string_append_c (out, '\n');
    }
  if (rc != SQLITE_DONE)
    {
      return verk_exchange_data_error (self, error, rc);
    }
  return TRUE;
}

char *
verk_store_exchange_dump (VerkStore  *self,
                          GError    **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) groups = NULL;
  g_autoptr (sqlite3_stmt) workshops = NULL;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  groups = verk_exchange_prepare (self, "SELECT uuid, modified_at FROM main.grp ORDER BY uuid", error);
  if (groups == NULL)
    return NULL;
  while ((rc = sqlite3_step (groups)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (groups, 0);
      g_autofree char *digest = verk_exchange_group_digest (self, "main", uuid, error);

      if (digest == NULL)
        return NULL;
      g_string_append_printf (out, "G %s %s %s\n", uuid, (const char *) sqlite3_column_text (groups, 1), digest);
    }
  workshops = verk_exchange_prepare (self, "SELECT id, uuid, modified_at, aggregates_only FROM main.workshop ORDER BY uuid",
                       error);
  if (workshops == NULL)
    return NULL;
  while ((rc = sqlite3_step (workshops)) == SQLITE_ROW)
    {
      g_autofree char *digest = verk_exchange_workshop_digest (self, "main", sqlite3_column_int64 (workshops, 0), error);

      if (digest == NULL)
        return NULL;
      g_string_append_printf (out, "W %s %s %d %s\n", (const char *) sqlite3_column_text (workshops, 1),
                              (const char *) sqlite3_column_text (workshops, 2),
                              sqlite3_column_int (workshops, 3), digest);
    }
  if (!dump_lines (self, out,
                   "SELECT 'L', w.uuid, 'previous', p.uuid FROM main.workshop w"
                   "  JOIN main.workshop p ON p.id = w.previous_id"
                   " UNION ALL SELECT 'L', a.uuid, 'carried_from', c.uuid FROM main.action a"
                   "  JOIN main.action c ON c.id = a.carried_from ORDER BY 2, 3", error)
      || !dump_lines (self, out, "SELECT 'X', uuid, kind, deleted_at FROM main.tombstone ORDER BY uuid", error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
