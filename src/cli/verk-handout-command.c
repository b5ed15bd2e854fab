/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-handout-command"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-command-line.h"
#include "verk-handout-command.h"
#include "verk-handout.h"
#include "verk-render-command.h"
#include "verk-store.h"

int
verk_handout_command_run (GVariantDict *options,
                          const char   *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkHandout) handout = NULL;
  g_autofree char *display = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  const char *out = NULL;
  gint64 workshop_id = 0;
  gboolean has_workshop;

  g_variant_dict_lookup (options, "export-pdf", "^&ay", &out);
  has_workshop = g_variant_dict_contains (options, "workshop");

  if (!verk_command_line_use_language (options, NULL, &error))
    return verk_command_line_fail (error->message);
  if (out == NULL || *out == '\0')
    return verk_command_line_fail (_("Say where to save the handout, such as --export-pdf "
                                     "handout.pdf."));
  if (!verk_command_line_lookup_id (options, "workshop", &workshop_id, &error))
    return verk_command_line_fail (error->message);
  if (!has_workshop || g_variant_dict_contains (options, "group") || g_variant_dict_contains (options, "all"))
    return verk_command_line_fail (_("A handout is of one workshop: say which with "
                                     "--workshop ID."));

  store = verk_command_line_open_store (db_path, VERK_STORE_OPEN_READ_ONLY, &display, &error);
  if (store == NULL)
    return verk_command_line_fail (error->message);

  handout = verk_handout_new (store, workshop_id, &error);
  if (handout == NULL && g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
    {
      g_autofree char *message = verk_command_line_not_found_message (FALSE, workshop_id, display);

      return verk_command_line_fail (message);
    }
  if (handout == NULL)
    return verk_command_line_fail (error->message);

  path = verk_command_line_get_path (out);
  if (path == NULL)
    return verk_command_line_fail (_("Handouts can only be saved in a local folder. Choose "
                                     "another place."));
  if (!verk_handout_write_pdf (handout, path, &error))
    return verk_command_line_fail (error->message);

  shown = g_filename_display_name (path);
  g_print (_("Saved the handout “%s”.\n"), shown);
  return 0;
}
