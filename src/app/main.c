/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "verk-application.h"
#include "verk-command-line.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (VerkApplication) app = NULL;
  const char *localedir;

  verk_application_mark_start ();

  setlocale (LC_ALL, "");
  verk_command_line_apply_language (argc, argv);
  /* Uninstalled runs and tests point this at build/po. */
  localedir = g_getenv ("VERKSTAD_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = verk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
