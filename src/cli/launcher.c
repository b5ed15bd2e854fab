/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `verkstad`: starts the window (verkstad-gui) or, for --export-xlsx and
 * --render-puzzle, the command line (verkstad-cli), with the same arguments.
 *
 * Why a separate program: loading and relocating GTK, libadwaita and the
 * seventy libraries they pull in takes ~12 ms of CPU before main() runs,
 * more than half of what a whole one-workshop export needs once started,
 * and the command line uses none of them. Only the program started first can
 * avoid that cost, so this one links nothing but the C library and replaces
 * itself (execv, same process) with the right one; the window pays one exec,
 * well under a millisecond. */
#include "config.h"

#include <errno.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define _(text) dgettext (GETTEXT_PACKAGE, text)

/* Whether @arg is the option @name, alone or as --name=VALUE. */
static int
is_option (const char *arg,
           const char *name)
{
  size_t n = strlen (name);

  return strncmp (arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* @dir/@name into @buf when it is an executable file. */
static int
try_path (char       *buf,
          size_t      size,
          const char *dir,
          const char *name)
{
  int n = snprintf (buf, size, "%s/%s", dir, name);

  return n > 0 && (size_t) n < size && access (buf, X_OK) == 0;
}

int
main (int    argc,
      char **argv)
{
  const char *name = "verkstad-gui";
  char self[PATH_MAX];
  char dir[PATH_MAX];
  char path[PATH_MAX];
  ssize_t len;
  int found = 0;

  /* The same test as the window's handle-local-options, which sends these
   * two to the command line. verkstad-cli parses the arguments with the same
   * GApplication options, so anything else it finds there goes on to the
   * window after all. */
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (is_option (argv[i], "--export-xlsx") || is_option (argv[i], "--render-puzzle") ||
          is_option (argv[i], "--export-pdf") || is_option (argv[i], "--export-workshops") ||
          is_option (argv[i], "--import"))
        {
          name = "verkstad-cli";
          break;
        }
    }

  /* Beside this program in the build tree; installed, in libexecdir found
   * from here (so a relocated or DESTDIR install works), then as configured. */
  len = readlink ("/proc/self/exe", self, sizeof self - 1);
  if (len > 0)
    {
      char *slash;

      self[len] = '\0';
      slash = strrchr (self, '/');
      if (slash != NULL)
        {
          *slash = '\0';
          found = try_path (path, sizeof path, self, name);
          if (!found && snprintf (dir, sizeof dir, "%s/%s", self, BINDIR_TO_PKGLIBEXECDIR) < (int) sizeof dir)
            found = try_path (path, sizeof path, dir, name);
        }
    }
  if (!found)
    found = try_path (path, sizeof path, PKGLIBEXECDIR, name);

  if (found)
    execv (path, argv);

  {
    int saved = errno;

    setlocale (LC_ALL, "");
    bindtextdomain (GETTEXT_PACKAGE, getenv ("VERKSTAD_LOCALEDIR") != NULL ? getenv ("VERKSTAD_LOCALEDIR") : LOCALEDIR);
    bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    /* Translators: a broken installation; %s is a program such as verkstad-gui */
    fprintf (stderr, _("verkstad: could not start %s (%s). Reinstall Verkstad.\n"),
             found ? path : name, strerror (found ? saved : ENOENT));
  }
  return 127;
}
