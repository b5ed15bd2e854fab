/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* The command-line options shared by the window and verkstad-cli. */
void     verk_command_line_add_options          (GApplication  *app);
int      verk_command_line_handle_local_options (GVariantDict  *options,
                                                 char         **db_path);
gboolean verk_command_line_wants_window         (GVariantDict  *options);
/* `--workshop ID` / `--group ID` (@option without the dashes): FALSE with
 * a translated message naming the input when it is not a number from 1 up. */
gboolean verk_command_line_lookup_id            (GVariantDict  *options,
                                                 const char    *option,
                                                 gint64        *id,
                                                 GError       **error);

/* What every command (--export-xlsx, --export-pdf, --render-puzzle) does
 * alike. */
/* Prints the translated "verkstad: @message" on stderr; returns 1, the
 * command's exit status. */
int      verk_command_line_fail                 (const char    *message);
/* `--lang` from @options: switches the messages to it (again: start-up may
 * have reset the locale) and sets *@lang (nullable: absent); FALSE with a
 * translated message naming it when it is not "sv" or "en". */
gboolean verk_command_line_use_language         (GVariantDict  *options,
                                                 const char   **lang,
                                                 GError       **error);

/* The database named with --db (@db_path), or the default one when NULL,
 * opened with @flags. A command never creates a database: where nothing is
 * there, a translated message says so; anything else there (a folder, a
 * damaged file) the store names. *@display (optional) gets the name to show
 * in the command's later messages. */
VerkStore *verk_command_line_open_store         (const char          *db_path,
                                                 VerkStoreOpenFlags   flags,
                                                 char               **display,
                                                 GError             **error);
/* The translated message for a --workshop (or, with @is_group, --group)
 * number that is not in the database @display. */
char      *verk_command_line_not_found_message  (gboolean             is_group,
                                                 gint64               id,
                                                 const char          *display);

/* Switches the messages to @lang ("sv", "en"); safe to call again. */
void  verk_command_line_set_language   (const char *lang);
/* Applies `--lang sv|en` from the command line to the messages (gettext) and
 * the content; call it in main() right after setlocale(). */
void  verk_command_line_apply_language (int         argc,
                                        char      **argv);
/* The absolute path of a file named on the command line (a name or URI). */
char *verk_command_line_get_path       (const char *arg);

G_END_DECLS
