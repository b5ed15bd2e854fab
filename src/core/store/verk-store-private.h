/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared between the verk-store-*.c files only; nothing outside the store sees
 * SQL or sqlite3 handles, so another backend could sit beside this one. */

#include <sqlite3.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* "VERK" in PRAGMA application_id marks a database as Verkstad's. */
#define VERK_STORE_APPLICATION_ID 0x5645524B

/* How long a statement waits for another connection's lock before giving up. */
#define VERK_STORE_BUSY_TIMEOUT_MS 2000

/* How many automatic backups are kept beside the database. */
#define VERK_STORE_KEEP_BACKUPS 7

struct _VerkStore
{
  GObject     parent_instance;

  /* owned */
  sqlite3    *db;
  char       *path;
  GHashTable *statements;      /* SQL text → sqlite3_stmt*, prepared once */
  char       *backup_day;      /* "YYYY-MM-DD" of the last automatic backup, NULL = none yet */
  char       *checked_day;     /* "YYYY-MM-DD" the whole file last passed PRAGMA quick_check,
                                * carried over clean closes by the clean-close note */
  gboolean    checked_on_open; /* this opening ran the whole-file check */
  char       *real_path;       /* @path with symlinks resolved: what SQLite opens */
  gboolean    read_only;       /* VERK_STORE_OPEN_READ_ONLY: an in-memory copy, query_only */
  int         lock_fd;         /* OFD read lock on the database's SHARED range, or -1 */
  int         shm_lock_fd;     /* OFD read lock on the -shm's "someone is here" byte, or -1 */
  int         migrated_from;   /* the schema version this opening migrated from, 0 = none or new */
  VerkOrigin  origin;          /* whose edits are being made: verk_store_set_origin() */
};

/* For tests: whether this opening read the whole file (the clean-close note
 * spared it otherwise). */
gboolean       verk_store_get_checked_on_open (VerkStore    *self);

/* The schema version this build writes (PRAGMA user_version). */
int            verk_store_schema_version      (void);
/* Applies the migrations after @from up to the current version in one
 * transaction. The caller made a backup first when @from > 0. */
gboolean       verk_store_migrate             (VerkStore    *self,
                                               int           from,
                                               GError      **error);

/* Every step at once into the empty database @db (another connection: a
 * workshop file being written). FALSE with @errmsg (sqlite3_free) on failure. */
gboolean       verk_store_create_schema       (sqlite3      *db,
                                               char        **errmsg);

/* A new row's UUID (verk-store-uuid.c): version 7, lower-case 8-4-4-4-12
 * text, its first 48 bits @unix_ms. Each store connection has it as the SQL
 * function verk_uuid_v7() (the current time), which every INSERT of a row
 * with a uuid column names. */
#define VERK_STORE_UUID_LEN 36
void           verk_store_format_uuid_v7      (gint64        unix_ms,
                                               char          out[VERK_STORE_UUID_LEN + 1]);
int            verk_store_add_uuid_function   (sqlite3      *db);

/* A cached, reset statement for @sql, or NULL with @error set. */
sqlite3_stmt  *verk_store_prepare             (VerkStore    *self,
                                               const char   *sql,
                                               GError      **error);
/* verk_store_prepare() with @id bound as ?1 (verk-store-rows.c). */
sqlite3_stmt  *verk_store_prepare_on_id       (VerkStore    *self,
                                               const char   *sql,
                                               gint64        id,
                                               GError      **error);
/* Sets @error from an sqlite result code: @message is the translated sentence
 * the user reads, the sqlite text becomes the detail after it. */
void           verk_store_set_error_from_rc   (VerkStore    *self,
                                               GError      **error,
                                               int           rc,
                                               const char   *message);

/* The sentences of the two errors every file sets, around
 * verk_store_set_error_from_rc(). */
void           verk_store_set_save_error      (VerkStore    *self,
                                               GError      **error,
                                               int           rc);
void           verk_store_set_read_error      (VerkStore    *self,
                                               GError      **error,
                                               int           rc);

/* Binding and reading columns: NULL binds NULL (bind_text) or "" (bind_text0,
 * for the NOT NULL text columns); an id or a score level of 0 binds NULL.
 * column_text returns the text as stored, a NUL in it turned into U+FFFD. */
void           verk_store_bind_text           (sqlite3_stmt *st,
                                               int           index,
                                               const char   *text);
void           verk_store_bind_text0          (sqlite3_stmt *st,
                                               int           index,
                                               const char   *text);
void           verk_store_bind_id             (sqlite3_stmt *st,
                                               int           index,
                                               gint64        id);
void           verk_store_bind_level          (sqlite3_stmt *st,
                                               int           index,
                                               int           level);
char          *verk_store_column_text         (sqlite3_stmt *st,
                                               int           col);

/* Runs a statement that returns no rows. */
gboolean       verk_store_run                 (VerkStore    *self,
                                               sqlite3_stmt *st,
                                               GError      **error);

/* Every edit is its own transaction: begin (IMMEDIATE), then
 * commit_and_notify() or commit_and_notify_row() on success, or rollback()
 * (which returns FALSE, so `return verk_store_rollback (self);`). */
gboolean       verk_store_begin               (VerkStore    *self,
                                               GError      **error);
gboolean       verk_store_commit              (VerkStore    *self,
                                               GError      **error);
gboolean       verk_store_rollback            (VerkStore    *self);
/* After a commit: today's automatic backup, unless it was made. */
void           verk_store_maybe_daily_backup  (VerkStore    *self);
/* ::row-changed and ::changed, for an edit that announces more than one. */
void           verk_store_emit_row_changed    (VerkStore    *self,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               gint64        row_id);
void           verk_store_emit_changed        (VerkStore    *self,
                                               VerkChange    change,
                                               gint64        workshop_id);
/* Commits and announces: the one way an edit ends successfully. @row_id
 * names the one row the edit changed (see ::row-changed), or is 0. */
gboolean       verk_store_commit_and_notify_row (VerkStore   *self,
                                                 VerkChange   change,
                                                 gint64       workshop_id,
                                                 gint64       row_id,
                                                 GError     **error);
gboolean       verk_store_commit_and_notify   (VerkStore    *self,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               GError      **error);
/* Runs one UPDATE/DELETE on a row that must exist, as a whole edit (inside
 * begin()); @row_id as in verk_store_commit_and_notify_row(). These two and
 * set_trashed() live in verk-store-rows.c with the other steps of an edit. */
gboolean       verk_store_edit_one_row_of     (VerkStore    *self,
                                               sqlite3_stmt *st,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               gint64        row_id,
                                               GError      **error);
gboolean       verk_store_edit_one_row        (VerkStore    *self,
                                               sqlite3_stmt *st,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               GError      **error);
/* Writes a participant's comment (checked as a comment) with @sql (?1 the
 * comment, ?2 the item, ?3 the participant, both not removed and of one
 * workshop) on a score that must exist, as a whole edit (verk-store-scores.c):
 * round 1's, or a second round's (verk-store-rounds.c). */
gboolean       verk_store_write_score_comment (VerkStore    *self,
                                               const char   *sql,
                                               gint64        item_id,
                                               gint64        participant_id,
                                               const char   *comment,
                                               GError      **error);
/* Sets or clears trashed_at of a group or workshop with @sql, as a whole edit. */
gboolean       verk_store_set_trashed         (VerkStore    *self,
                                               const char   *sql,
                                               gint64        id,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               GError      **error);

/* Reading rows (verk-store-rows.c). A reader makes one object of the current
 * row of a statement (verk_store_item_from_row() and the like). */
typedef gpointer (*VerkStoreRowReader) (sqlite3_stmt *st);
/* Steps the prepared and bound @st to its end: one object a row, read by
 * @read_row, in an array that frees them with @free_row; NULL with @error set
 * when a step fails. @st is reset either way. */
GPtrArray     *verk_store_read_rows           (VerkStore          *self,
                                               sqlite3_stmt       *st,
                                               VerkStoreRowReader  read_row,
                                               GDestroyNotify      free_row,
                                               GError            **error);
/* verk_store_read_rows() of @sql with @id as its one parameter. */
GPtrArray     *verk_store_list_rows_of        (VerkStore          *self,
                                               const char         *sql,
                                               gint64              id,
                                               VerkStoreRowReader  read_row,
                                               GDestroyNotify      free_row,
                                               GError            **error);
/* The integer in the first column of the one row @sql selects for @id (?1),
 * or 0 with @error set as by verk_store_step_one(). */
gint64         verk_store_select_int64        (VerkStore          *self,
                                               const char         *sql,
                                               gint64              id,
                                               GError            **error);
/* Steps @st to the one row it selects: TRUE with the row to read (the caller
 * resets @st after), or FALSE with @error set and @st reset — NOT_FOUND when
 * there is no row. */
gboolean       verk_store_step_one            (VerkStore          *self,
                                               sqlite3_stmt       *st,
                                               GError            **error);
/* The one row @st selects, read by @read_row, or NULL with @error set as by
 * verk_store_step_one(). */
gpointer       verk_store_read_one            (VerkStore          *self,
                                               sqlite3_stmt       *st,
                                               VerkStoreRowReader  read_row,
                                               GError            **error);
/* verk_store_read_one() of @sql with @id as its one parameter. */
gpointer       verk_store_get_row_of          (VerkStore          *self,
                                               const char         *sql,
                                               gint64              id,
                                               VerkStoreRowReader  read_row,
                                               GError            **error);

/* Editing rows (verk-store-rows.c), around begin() and commit_and_notify().
 * begin_edit_of() begins an edit of the row @id and returns the workshop it
 * belongs to, found by @owner_sql (one of the *_WORKSHOP_SQL below): 0 with
 * @error set and the transaction rolled back when the row is not there. */
gint64         verk_store_begin_edit_of       (VerkStore    *self,
                                               const char   *owner_sql,
                                               gint64        id,
                                               GError      **error);
/* Inside begin(): prepares @sql, binds @id as its one parameter and runs it
 * (no row needs to change); FALSE with @error set. The caller rolls back. */
gboolean       verk_store_run_on_id           (VerkStore    *self,
                                               const char   *sql,
                                               gint64        id,
                                               GError      **error);
/* Inside begin(): runs the bound INSERT @st; the new row's id, or 0 with
 * @error set. The caller rolls back. */
gint64         verk_store_insert              (VerkStore    *self,
                                               sqlite3_stmt *st,
                                               GError      **error);
/* Ends an edit that added the row @id: rolls back when @id is 0 (the insert
 * failed, @error set), else commits and announces @change. Returns @id, or 0. */
gint64         verk_store_commit_new_row      (VerkStore    *self,
                                               gint64        id,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               GError      **error);
/* Runs @st, the last statement of an edit, then commits and announces as
 * verk_store_commit_and_notify_row(); rolls back when it fails. */
gboolean       verk_store_finish_edit         (VerkStore    *self,
                                               sqlite3_stmt *st,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               gint64        row_id,
                                               GError      **error);
/* verk_store_edit_one_row() of @sql with @id as its one parameter (inside
 * begin()). */
gboolean       verk_store_edit_row_by_id      (VerkStore    *self,
                                               const char   *sql,
                                               gint64        id,
                                               VerkChange    change,
                                               gint64        workshop_id,
                                               GError      **error);
/* A whole edit of the row @id: begin_edit_of (@owner_sql), then
 * edit_row_by_id (@sql), announced for the row's workshop. */
gboolean       verk_store_edit_owned_row      (VerkStore    *self,
                                               const char   *owner_sql,
                                               const char   *sql,
                                               gint64        id,
                                               VerkChange    change,
                                               GError      **error);

/* Checks of what the user typed, with a message that names @what. */
gboolean       verk_store_check_text          (const char   *text,
                                               guint         max_chars,
                                               const char   *what,
                                               GError      **error);
gboolean       verk_store_check_required      (const char   *text,
                                               guint         max_chars,
                                               const char   *what,
                                               GError      **error);
gboolean       verk_store_check_score         (int           value,
                                               gboolean      allow_unset,
                                               GError      **error);
gboolean       verk_store_check_date          (const char   *date,
                                               gboolean      required,
                                               GError      **error);
/* Sets VERK_STORE_ERROR_NOT_FOUND; returns FALSE. */
gboolean       verk_store_not_found           (GError      **error);
/* The workshop an item / participant / action belongs to, or 0 (error set). */
gint64         verk_store_owner_workshop      (VerkStore    *self,
                                               const char   *sql,
                                               gint64        id,
                                               GError      **error);
/* The @sql for verk_store_owner_workshop(), and for checking that a row is
 * there. Removed items and participants (waiting for Undo) count as gone. */
#define ITEM_WORKSHOP_SQL "SELECT workshop_id FROM item WHERE id = ? AND removed_at IS NULL"
#define PARTICIPANT_WORKSHOP_SQL "SELECT workshop_id FROM participant WHERE id = ? AND removed_at IS NULL"
#define REMOVED_PARTICIPANT_WORKSHOP_SQL \
  "SELECT workshop_id FROM participant WHERE id = ? AND removed_at IS NOT NULL"
#define ACTION_WORKSHOP_SQL "SELECT workshop_id FROM action WHERE id = ?"
#define WORKSHOP_WORKSHOP_SQL "SELECT id FROM workshop WHERE id = ?"
#define GROUP_GROUP_SQL "SELECT id FROM grp WHERE id = ?"

/* The one rule for the workshop a workshop (the alias @w) follows up, which
 * the Follow up step, the presentation, the workbook, the handout and the
 * start page all show: the workshop it links to (previous_id) when that is
 * not in the trash, else the group's latest workshop before it by date (by id
 * on the same date), trash skipped; NULL when there is none. The start
 * page's list of summaries takes its second half from its order. */
#define PREVIOUS_WORKSHOP_SQL(w) \
  "coalesce ((SELECT pl.id FROM workshop pl WHERE pl.id = " w ".previous_id AND pl.trashed_at IS NULL)," \
  " (SELECT pe.id FROM workshop pe WHERE pe.grp_id = " w ".grp_id AND pe.date <= " w ".date" \
  "  AND pe.trashed_at IS NULL AND (pe.date < " w ".date OR pe.id < " w ".id)" \
  "  ORDER BY pe.date DESC, pe.id DESC LIMIT 1))"

/* An item with its agreed score: ITEM_SELECT "WHERE …", read by
 * verk_store_item_from_row(). */
#define ITEM_SELECT \
  "SELECT i.id, i.workshop_id, i.framework, i.key, i.name, i.description, i.position," \
  " a.value, a.rationale, a.desired FROM item i LEFT JOIN agreed a ON a.item_id = i.id "
VerkItem      *verk_store_item_from_row       (sqlite3_stmt *st);
/* A participant: PARTICIPANT_SELECT "WHERE …", read by
 * verk_store_participant_from_row(). */
#define PARTICIPANT_SELECT "SELECT id, workshop_id, name, position FROM participant "
VerkParticipant *verk_store_participant_from_row (sqlite3_stmt *st);

/* Opening (verk-store-open.c), for verk_store_new_full() and finalize. */
gboolean       verk_store_open_memory         (VerkStore    *self,
                                               GError      **error);
gboolean       verk_store_precheck_file       (const char   *path,
                                               const char   *shown,
                                               gboolean      read_only,
                                               gboolean     *created,
                                               gboolean     *hot_wal,
                                               GError      **error);
gboolean       verk_store_open_file           (VerkStore    *self,
                                               gboolean      created,
                                               gboolean      hot_wal,
                                               char         *checked_day,
                                               gboolean      accept_empty,
                                               GError      **error);
gboolean       verk_store_open_read_only      (VerkStore    *self,
                                               GError      **error);
/* Closing the descriptors that hold our place among SQLite's locks: the
 * database's before sqlite3_close(), the -shm's after it. */
void           verk_store_release_database_lock (VerkStore   *self);
void           verk_store_release_shm_lock    (VerkStore    *self);
/* @path with @suffix ("-wal", "-shm") appended. */
char          *verk_store_sibling             (const char   *path,
                                               const char   *suffix);
gboolean       verk_store_is_non_empty_file   (const char   *path);

/* The clean-close note (verk-store-clean-note.c): read_clean_note() returns the
 * day the file last passed the whole check when the note describes it exactly
 * as it is now, else NULL; it deletes the note when @consume. */
char          *verk_store_read_clean_note     (const char   *path,
                                               gboolean      consume);
void           verk_store_write_clean_note    (const char   *path,
                                               const char   *checked_day);

/* Copies the live database @db into a new file @dest (mode 0600) with the
 * sqlite3 backup API, through a temporary file and a rename. */
gboolean       verk_store_backup_db_to        (sqlite3      *db,
                                               const char   *dest,
                                               GError      **error);
/* The path of a backup of @db_path made on @day, with an optional @reason
 * ("before-v2"), beside the database. */
char          *verk_store_backup_path         (const char   *db_path,
                                               const char   *day,
                                               const char   *reason);
/* Makes today's automatic backup unless one exists, and prunes old ones. */
gboolean       verk_store_daily_backup        (VerkStore    *self,
                                               GError      **error);
/* Today's date as "YYYY-MM-DD" in local time. */
char          *verk_store_today               (void);
/* Where the clean-close note of the database at @db_path lives (in the
 * user's cache folder, named after the absolute path). */
char          *verk_store_clean_note_path     (const char   *db_path);

G_END_DECLS
