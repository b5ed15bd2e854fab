/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-exchange-command"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-command-line.h"
#include "verk-exchange-command.h"
#include "verk-render-command.h"
#include "verk-store.h"

int
verk_exchange_command_export (GVariantDict *options,
                              const char   *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  const char *out = NULL;
  gint64 group_id = 0, workshop_id = 0;
  VerkExchangeFlags flags = VERK_EXCHANGE_DEFAULT;

  g_variant_dict_lookup (options, "export-workshops", "^&ay", &out);
  if (out == NULL || *out == '\0')
    return verk_command_line_fail (_("Say where to save the workshop file, "
                                     "such as --export-workshops group.verkstad."));
  if (!verk_command_line_lookup_id (options, "group", &group_id, &error)
      || !verk_command_line_lookup_id (options, "workshop", &workshop_id, &error))
    return verk_command_line_fail (error->message);
  if ((group_id == 0) == (workshop_id == 0))
    return verk_command_line_fail (_("Say what to save in the workshop file: --group ID or --workshop ID."));
  if (g_variant_dict_contains (options, "aggregates-only"))
    flags |= VERK_EXCHANGE_AGGREGATES_ONLY;

  /* Exporting reads the database and writes nothing beside it. */
  store = verk_command_line_open_store (db_path, VERK_STORE_OPEN_READ_ONLY, NULL, &error);
  if (store == NULL)
    return verk_command_line_fail (error->message);
  path = verk_command_line_get_path (out);
  if (path == NULL)
    return verk_command_line_fail (_("Workshop files can only be saved in a local folder. Choose another place."));
  if (!verk_store_export_workshops (store, path, group_id, workshop_id != 0 ? &workshop_id : NULL,
                                    workshop_id != 0 ? 1 : 0, "siq", flags, &error))
    return verk_command_line_fail (error->message);
  shown = g_filename_display_name (path);
  g_print (_("Saved the workshop file “%s”.\n"), shown);
  return 0;
}

int
verk_exchange_command_import (GVariantDict *options,
                              const char   *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *path = NULL;
  const char *in = NULL;
  VerkImportReport report = { 0 };
  gboolean ok;

  g_variant_dict_lookup (options, "import", "^&ay", &in);
  if (in == NULL || *in == '\0')
    return verk_command_line_fail (_("Say what to import, such as --import group.verkstad or --import FOLDER."));
  path = verk_command_line_get_path (in);
  if (path == NULL)
    return verk_command_line_fail (_("Workshop files can only be imported from a local folder."));

  store = verk_command_line_open_store (db_path, VERK_STORE_OPEN_DEFAULT, NULL, &error);
  if (store == NULL)
    return verk_command_line_fail (error->message);
  ok = verk_store_import (store, path, &report, &error);
  if (report.files_read > 0 || report.files_refused > 0)
    g_print (_("Imported %u of %u files: %u workshops added, %u updated, %u already up to date.\n"),
             report.files_read, report.files_read + report.files_refused,
             report.workshops_added, report.workshops_updated, report.workshops_unchanged);
  if (!ok)
    return verk_command_line_fail (error->message);
  return 0;
}
