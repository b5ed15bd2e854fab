/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The command-line options shared by the window and verkstad-cli. */
void     verk_command_line_add_options          (GApplication  *app);
int      verk_command_line_handle_local_options (GVariantDict  *options,
                                                 char         **db_path);
gboolean verk_command_line_wants_window         (GVariantDict  *options);

G_END_DECLS
