/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SQLite straight on a database file, behind the store's back: for the
 * tests that make a file as another program (or an older or newer
 * Verkstad) would leave it. */
#pragma once

#include <sqlite3.h>
#include <glib.h>

/* @sql run on the database at @path, on a connection of its own. */
static inline void
test_sqlite_exec (const char *path,
                  const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}
