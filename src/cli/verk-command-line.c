/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-command-line"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "verk-command-line.h"
#include "verk-exchange-command.h"
#include "verk-export-command.h"
#include "verk-handout-command.h"
#include "verk-render-command.h"

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database at PATH instead of the default one"), N_("PATH") },
  { "export-xlsx", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export a workbook to OUT.xlsx and exit (no display needed)"), N_("OUT.xlsx") },
  { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save a workshop's handout to OUT.pdf and exit (no display needed)"), N_("OUT.pdf") },
  { "export-workshops", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save a group's (--group) or a workshop's (--workshop) workshop file to OUT.verkstad and exit"),
    N_("OUT.verkstad") },
  { "aggregates-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave names and comments out of the workshop file"), NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a workshop file, or every .verkstad file in a folder, and exit"), N_("PATH") },
  { "render-puzzle", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw the puzzle to OUT.png, .svg or .pdf and exit (no display needed)"), N_("OUT") },
  /* Strings, checked by verk_command_line_lookup_id(): GOption's own
   * messages are not ours (nor in our language). */
  { "workshop", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The workshop to export or draw"), N_("ID") },
  { "group", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export every workshop of this group"), N_("ID") },
  { "all", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Export every group in the database"), NULL },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Image size for --render-puzzle, such as 1920x1080"), N_("WxH") },
  { "lang", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Language of the exported texts: sv or en"), N_("LANG") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

/**
 * verk_command_line_add_options:
 * @app: the application, before g_application_run()
 *
 * Gives @app Verkstad's command-line options and their summary. The window
 * (VerkApplication) and the command line (verkstad-cli) share them, so both
 * parse every command line alike.
 */
void
verk_command_line_add_options (GApplication *app)
{
  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_add_main_option_entries (app, option_entries);
  g_application_set_option_context_summary (app, _("Run leadership workshops with the SIQ puzzle."));
}

/**
 * verk_command_line_handle_local_options:
 * @options: the parsed options (GApplication::handle-local-options)
 * @db_path: (inout) (nullable): where the absolute `--db` path goes
 *
 * What the command line asks for before any window: `--version`,
 * `--render-puzzle`, `--export-xlsx`.
 *
 * Returns: the exit status when the command line is done, or -1 when the
 *   window should start (with *@db_path, when set, as its database).
 */
int
verk_command_line_handle_local_options (GVariantDict  *options,
                                        char         **db_path)
{
  const char *arg = NULL;

  g_return_val_if_fail (options != NULL, 1);
  g_return_val_if_fail (db_path != NULL, 1);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("verkstad %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &arg))
    {
      g_free (*db_path);
      *db_path = verk_command_line_get_path (arg);
    }

  if (g_variant_dict_contains (options, "render-puzzle"))
    return verk_render_command_run (options, *db_path);
  if (g_variant_dict_contains (options, "export-xlsx"))
    return verk_export_command_run (options, *db_path);
  if (g_variant_dict_contains (options, "export-pdf"))
    return verk_handout_command_run (options, *db_path);
  if (g_variant_dict_contains (options, "export-workshops"))
    return verk_exchange_command_export (options, *db_path);
  if (g_variant_dict_contains (options, "import"))
    return verk_exchange_command_import (options, *db_path);
  return -1;
}

/**
 * verk_command_line_wants_window:
 * @options: the parsed options
 *
 * Returns: whether verk_command_line_handle_local_options() would start the window.
 */
gboolean
verk_command_line_wants_window (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return !g_variant_dict_contains (options, "version") &&
         !g_variant_dict_contains (options, "render-puzzle") &&
         !g_variant_dict_contains (options, "export-xlsx") &&
         !g_variant_dict_contains (options, "export-pdf") &&
         !g_variant_dict_contains (options, "export-workshops") &&
         !g_variant_dict_contains (options, "import");
}

/**
 * verk_command_line_lookup_id:
 * @options: the parsed options
 * @option: "workshop" or "group"
 * @id: (out): the number given, or 0 when the option was not given
 * @error: the message naming what was given, when it is not a number from 1 up
 *
 * Reads `--workshop ID` or `--group ID` as a whole 64-bit number. Nothing
 * is rounded, wrapped or taken halfway: "12abc", "0", "-3" and a number too
 * large for any record are refused with a sentence that repeats them.
 *
 * Returns: %TRUE when the option is absent or valid.
 */
gboolean
verk_command_line_lookup_id (GVariantDict  *options,
                             const char    *option,
                             gint64        *id,
                             GError       **error)
{
  const char *text = NULL;
  gboolean is_group;
  gint64 value = 0;
  g_autoptr (GError) parse_error = NULL;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  *id = 0;
  if (!g_variant_dict_lookup (options, option, "&s", &text))
    return TRUE;
  is_group = g_str_equal (option, "group");

  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &value, &parse_error))
    {
      *id = value;
      return TRUE;
    }
  if (g_error_matches (parse_error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_INVALID))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 is_group ? _("“%s” is not a group number. Give the number of the group, such as --group 2.")
                          : _("“%s” is not a workshop number. Give the number of the workshop, "
                              "such as --workshop 3."),
                 text);
  else if (text[0] == '-' || g_ascii_strtoll (text, NULL, 10) < 1)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 is_group ? _("There is no group number %s: group numbers start at 1.")
                          : _("There is no workshop number %s: workshop numbers start at 1."),
                 text);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 is_group ? _("“%s” is too large to be a group number.")
                          : _("“%s” is too large to be a workshop number."),
                 text);
  return FALSE;
}

/**
 * verk_command_line_fail:
 * @message: a translated sentence
 *
 * Returns: 1, the exit status of a command that failed.
 */
int
verk_command_line_fail (const char *message)
{
  g_return_val_if_fail (message != NULL, 1);

  /* Translators: the start of an error message on the command line. */
  g_printerr (_("verkstad: %s\n"), message);
  return 1;
}

/**
 * verk_command_line_use_language:
 * @options: the parsed options
 * @lang: (out) (optional) (transfer none): the language given, or NULL
 * @error: the message naming what was given, when it is no language Verkstad knows
 *
 * Returns: %TRUE when `--lang` is absent, "sv" or "en" (then in use).
 */
gboolean
verk_command_line_use_language (GVariantDict  *options,
                                const char   **lang,
                                GError       **error)
{
  const char *given = NULL;

  g_return_val_if_fail (options != NULL, FALSE);

  g_variant_dict_lookup (options, "lang", "&s", &given);
  if (lang != NULL)
    *lang = given;
  if (given == NULL)
    return TRUE;
  if (!g_str_equal (given, "sv") && !g_str_equal (given, "en"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a language Verkstad knows. Use --lang sv or --lang en."), given);
      return FALSE;
    }
  verk_command_line_set_language (given);
  return TRUE;
}

/**
 * verk_command_line_set_language:
 * @lang: "sv" or "en"
 *
 * Switches the messages (gettext) to @lang for the rest of the process.
 * gettext ignores LANGUAGE under the C locale, so that becomes C.UTF-8.
 * Safe to call again: something during start-up may reset the locale.
 */
void
verk_command_line_set_language (const char *lang)
{
  const char *current;

  g_return_if_fail (lang != NULL);
  g_setenv ("LANGUAGE", lang, TRUE);
  current = setlocale (LC_MESSAGES, NULL);
  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
}

/**
 * verk_command_line_apply_language:
 * @argc: main()'s argc
 * @argv: main()'s argv
 *
 * Honours `--lang sv|en` before anything is translated: GLib decides once, at
 * the first translated string, whether to translate at all, so switching
 * later would leave some messages in the wrong language. Call it in main()
 * right after setlocale().
 */
void
verk_command_line_apply_language (int    argc,
                                  char **argv)
{
  const char *lang = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        lang = argv[i + 1];
      else if (g_str_has_prefix (argv[i], "--lang="))
        lang = argv[i] + strlen ("--lang=");
    }
  if (lang != NULL && (g_str_equal (lang, "sv") || g_str_equal (lang, "en")))
    verk_command_line_set_language (lang);
}

/* As GIO's has_valid_scheme(): "scheme:" starts a URI. */
static gboolean
has_uri_scheme (const char *arg)
{
  const char *p = arg;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  do
    p++;
  while (g_ascii_isalnum (*p) || *p == '.' || *p == '+' || *p == '-');
  return *p == ':';
}

/**
 * verk_command_line_get_path:
 * @arg: a file name or URI given on the command line
 *
 * The absolute path of @arg, the same as g_file_new_for_commandline_arg()
 * then g_file_get_path() give. A plain file name is joined to the current
 * folder without a GFile: the first GFile loads GIO's modules (gvfs among
 * them, with its session bus), which the command-line export and drawing
 * need for nothing else.
 *
 * Returns: (transfer full) (nullable): the path; NULL for a URI that has none.
 */
char *
verk_command_line_get_path (const char *arg)
{
  g_return_val_if_fail (arg != NULL, NULL);

  if (g_path_is_absolute (arg) || !has_uri_scheme (arg))
    return g_canonicalize_filename (arg, NULL);
  {
    g_autoptr (GFile) file = g_file_new_for_commandline_arg (arg);

    return g_file_get_path (file);
  }
}

VerkStore *
verk_command_line_open_store (const char          *db_path,
                              VerkStoreOpenFlags   flags,
                              char               **display,
                              GError             **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *shown = NULL;
  VerkStore *store = NULL;

  if (db_path == NULL)
    db_path = default_path = verk_store_default_path ();
  shown = g_filename_display_name (db_path);
  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("There is no database at “%s”. Give the right file with --db PATH."), shown);
  else
    store = verk_store_new_full (db_path, flags, error);
  if (display != NULL)
    *display = g_steal_pointer (&shown);
  return store;
}

char *
verk_command_line_not_found_message (gboolean    is_group,
                                     gint64      id,
                                     const char *display)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return is_group
         ? g_strdup_printf (_("There is no group with number %s in “%s”. "
                              "Check the number with the group list in Verkstad."),
                            number, display)
         : g_strdup_printf (_("There is no workshop with number %s in “%s”. "
                              "Check the number with the workshop list in Verkstad."),
                            number, display);
}
