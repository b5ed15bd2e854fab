/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

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

G_END_DECLS
