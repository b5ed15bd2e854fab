/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include "verk-store-private.h"

/* New rows get version 7 UUIDs (RFC 9562): the first 48 bits are the Unix
 * time in milliseconds, the other 74 random. A laptop's new rows are then
 * near each other in the UUID indexes, so an import of many laptops' files
 * inserts into a few pages of each index per workshop instead of anywhere in
 * it (random version 4 keys): the bench's import of 200 files took a fifth
 * less CPU time with the times thirty laptops would give their rows
 * (docs/PERFORMANCE.md, issue 16). Two rows could share one only if made
 * in the same millisecond with the same 74 random bits (the unique index
 * would then refuse the second). They are in the same text form as version
 * 4 UUIDs, so the rows that have those (the migration's, another program's
 * through the schema's triggers) meet them as before. */

void
verk_store_format_uuid_v7 (gint64 unix_ms,
                           char   out[VERK_STORE_UUID_LEN + 1])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *p = out;

  if (unix_ms < 0)
    unix_ms = 0;
  for (int i = 0; i < 6; i++)
    bytes[i] = (guint8) ((guint64) unix_ms >> (8 * (5 - i)));
  /* SQLite's generator: seeded from the system's, and safe in any thread */
  sqlite3_randomness (10, bytes + 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);   /* version 7 */
  bytes[8] = 0x80 | (bytes[8] & 0x3f);   /* variant 10 */
  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0x0f];
    }
  *p = '\0';
}

static void
uuid_v7_sql (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  char text[VERK_STORE_UUID_LEN + 1];

  verk_store_format_uuid_v7 (g_get_real_time () / 1000, text);
  sqlite3_result_text (context, text, VERK_STORE_UUID_LEN, SQLITE_TRANSIENT);
}

int
verk_store_add_uuid_function (sqlite3 *db)
{
  /* DIRECTONLY: only the store's own statements call it; a schema (a
   * trigger, a view) that did would not open in another program. */
  return sqlite3_create_function (db, "verk_uuid_v7", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                  NULL, uuid_v7_sql, NULL, NULL);
}
