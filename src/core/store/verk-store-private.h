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
};

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

/* A cached, reset statement for @sql, or NULL with @error set. */
sqlite3_stmt  *verk_store_prepare             (VerkStore    *self,
                                               const char   *sql,
                                               GError      **error);
/* Sets @error from an sqlite result code: @message is the translated sentence
 * the user reads, the sqlite text becomes the detail after it. */
void           verk_store_set_error_from_rc   (VerkStore    *self,
                                               GError      **error,
                                               int           rc,
                                               const char   *message);

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
