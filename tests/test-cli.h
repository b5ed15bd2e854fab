/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `verkstad` run as a separate process with no display, for the tests of
 * the command line (--export-xlsx, --export-pdf, --render-puzzle). */
#pragma once

#include <sys/wait.h>
#include <glib.h>

/* The verkstad binary of this build. */
static inline char *
test_cli_path (void)
{
  const char *build = g_getenv ("VERKSTAD_BUILD_DIR");

  return g_build_filename (build != NULL ? build : ".", "src", "verkstad", NULL);
}

/* `verkstad ARGS…` without a display, its messages in English (C.UTF-8) or,
 * with @c_locale, with no locale set at all; its exit status, its stdout in
 * @out and its stderr in @err (each nullable: then discarded). */
static inline int
test_cli_run (const char * const  *args,
              gboolean             c_locale,
              char               **out,
              char               **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) envp = g_get_environ ();
  GSpawnFlags flags = G_SPAWN_DEFAULT;
  int status = -1;
  g_autoptr (GError) error = NULL;

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  if (c_locale)
    {
      envp = g_environ_unsetenv (envp, "LANG");
      envp = g_environ_unsetenv (envp, "LC_ALL");
      envp = g_environ_unsetenv (envp, "LC_MESSAGES");
    }
  if (out == NULL)
    flags |= G_SPAWN_STDOUT_TO_DEV_NULL;
  if (err == NULL)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;
  g_ptr_array_add (argv, test_cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, flags, NULL, NULL, out, err,
                               &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}
