/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What verk-store-exchange.c (export, the canonical dump) and
 * verk-store-import.c share: the statements, errors and digests of workshop
 * files. Not installed. */
#pragma once

#include "verk-store-private.h"

G_BEGIN_DECLS

#define EXCHANGE_FORMAT "verkstad-workshops"

/* The tables a workshop file has beside the schema's (the import compares
 * a file's tables with these, verk-store-import.c: staging_columns()). */
#define EXCHANGE_FILE_TABLES \
  "CREATE TABLE exchange_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;" \
  "CREATE TABLE exchange_link (from_uuid TEXT NOT NULL, kind TEXT NOT NULL," \
  "  to_uuid TEXT NOT NULL, PRIMARY KEY (from_uuid, kind)) WITHOUT ROWID;"

static inline void
verk_exchange_finalize_stmt (sqlite3_stmt *st)
{
  sqlite3_finalize (st);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, verk_exchange_finalize_stmt)

G_GNUC_INTERNAL gboolean verk_exchange_data_error (VerkStore *self, GError **error, int rc);
G_GNUC_INTERNAL sqlite3_stmt * verk_exchange_prepare (VerkStore *self, const char *sql, GError **error);
G_GNUC_INTERNAL void verk_exchange_begin_import_statements (VerkStore *self);
G_GNUC_INTERNAL void verk_exchange_end_import_statements (VerkStore *self);
G_GNUC_INTERNAL sqlite3_stmt * verk_exchange_import_statement (VerkStore *self, const char *sql, GError **error);
G_GNUC_INTERNAL gboolean verk_exchange_exec_with (VerkStore *self, const char *sql, gint64 id, const char *text, GError **error);
G_GNUC_INTERNAL gboolean verk_exchange_exec (VerkStore *self, const char *sql, GError **error);
G_GNUC_INTERNAL char * verk_exchange_workshop_digest (VerkStore *self, const char *schema, gint64 workshop_id, GError **error);
G_GNUC_INTERNAL void verk_exchange_yield_after_commit_to (VerkStore *worker, VerkStore *window);
G_GNUC_INTERNAL char * verk_exchange_group_digest (VerkStore *self, const char *schema, const char *uuid, GError **error);
G_GNUC_INTERNAL extern void (*verk_exchange_after_read_in_place) (const char *path);

G_END_DECLS
