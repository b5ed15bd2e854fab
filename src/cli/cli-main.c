/* SPDX-License-Identifier: GPL-3.0-or-later */
/* verkstad-cli: `verkstad --export-xlsx …`, `--export-pdf …` and `verkstad --render-puzzle …`,
 * which the `verkstad` launcher starts without loading GTK (see
 * launcher.c). A plain GApplication with the window's own options parses the
 * command line exactly as the window would, and gives the same help, errors
 * and exit codes. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "verk-command-line.h"
#include "verk-render-command.h"

static char **saved_argv;

static int
on_handle_local_options (GApplication *app,
                         GVariantDict *options,
                         gpointer      user_data)
{
  char **db_path = user_data;
  int status;

  /* The launcher saw --export-xlsx or --render-puzzle as a word of the
   * command line; when the parser read it as something else (the value of
   * another option), the window takes over, as `verkstad` alone would. */
  if (verk_command_line_wants_window (options))
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : g_strdup (PKGLIBEXECDIR);
      g_autofree char *gui = g_build_filename (dir, "verkstad-gui", NULL);

      execv (gui, saved_argv);
      g_printerr (_("verkstad: could not start %s (%s). Reinstall Verkstad.\n"), gui, g_strerror (errno));
      return 127;
    }
  status = verk_command_line_handle_local_options (options, db_path);
  return status >= 0 ? status : 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GApplication) app = NULL;
  g_autofree char *db_path = NULL;
  const char *localedir;

  saved_argv = argv;
  setlocale (LC_ALL, "");
  verk_command_line_apply_language (argc, argv);
  localedir = g_getenv ("VERKSTAD_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Never registered: every path returns from handle-local-options. */
  app = g_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  verk_command_line_add_options (app);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options), &db_path);
  return g_application_run (app, argc, argv);
}
