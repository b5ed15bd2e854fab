/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-handout-command"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-command-line.h"
#include "verk-handout-command.h"
#include "verk-handout.h"
#include "verk-render-command.h"
#include "verk-store.h"

static int
fail (const char *message)
{
  /* Translators: the start of an error message on the command line. */
  g_printerr (_("verkstad: %s\n"), message);
  return 1;
}

int
verk_handout_command_run (GVariantDict *options,
                          const char   *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkHandout) handout = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  const char *out = NULL, *lang = NULL;
  gint64 workshop_id = 0;
  gboolean has_workshop;
  g_autofree char *number = NULL;

  g_variant_dict_lookup (options, "export-pdf", "^&ay", &out);
  g_variant_dict_lookup (options, "lang", "&s", &lang);
  has_workshop = g_variant_dict_contains (options, "workshop");

  if (lang != NULL && (g_str_equal (lang, "sv") || g_str_equal (lang, "en")))
    verk_command_line_set_language (lang);  /* again: start-up may have reset the locale */
  else if (lang != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a language Verkstad knows. Use --lang sv or --lang en."), lang);
      return fail (message);
    }
  if (out == NULL || *out == '\0')
    return fail (_("Say where to save the handout, such as --export-pdf handout.pdf."));
  if (!verk_command_line_lookup_id (options, "workshop", &workshop_id, &error))
    return fail (error->message);
  if (!has_workshop || g_variant_dict_contains (options, "group") || g_variant_dict_contains (options, "all"))
    return fail (_("A handout is of one workshop: say which with --workshop ID."));

  if (db_path == NULL)
    db_path = default_path = verk_store_default_path ();
  display = g_filename_display_name (db_path);
  /* Exporting never creates a database. */
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message =
        g_strdup_printf (_("There is no database at “%s”. Give the right file with --db PATH."), display);
      return fail (message);
    }
  store = verk_store_new (db_path, &error);
  if (store == NULL)
    return fail (error->message);

  handout = verk_handout_new (store, workshop_id, &error);
  if (handout == NULL && g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
    {
      g_autofree char *message = NULL;

      number = g_strdup_printf ("%" G_GINT64_FORMAT, workshop_id);
      message = g_strdup_printf (_("There is no workshop with number %s in “%s”. "
                                   "Check the number with the workshop list in Verkstad."),
                                 number, display);
      return fail (message);
    }
  if (handout == NULL)
    return fail (error->message);

  path = verk_command_line_get_path (out);
  if (path == NULL)
    return fail (_("Handouts can only be saved in a local folder. Choose another place."));
  if (!verk_handout_write_pdf (handout, path, &error))
    return fail (error->message);

  shown = g_filename_display_name (path);
  g_print (_("Saved the handout “%s”.\n"), shown);
  return 0;
}
