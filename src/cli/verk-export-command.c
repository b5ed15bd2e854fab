/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-export-command"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-command-line.h"
#include "verk-export-command.h"
#include "verk-render-command.h"
#include "verk-store.h"
#include "verk-xlsx-export.h"

static gboolean
record_exists (VerkStore        *store,
               VerkExportScope   scope,
               gint64            id,
               GError          **error)
{
  if (scope == VERK_EXPORT_WORKSHOP)
    {
      g_autoptr (VerkWorkshop) workshop = verk_store_get_workshop (store, id, error);
      return workshop != NULL;
    }
  {
    g_autoptr (VerkGroup) group = verk_store_get_group (store, id, error);
    return group != NULL;
  }
}

static int
run (GVariantDict *options,
     const char   *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkXlsxExporter) exporter = NULL;
  g_autofree char *display = NULL;
  const char *out = NULL;
  gint64 workshop_id = 0, group_id = 0;
  gboolean has_workshop, has_group, has_all;
  VerkExportScope scope;
  gint64 id = 0;

  g_variant_dict_lookup (options, "export-xlsx", "^&ay", &out);
  has_workshop = g_variant_dict_contains (options, "workshop");
  has_group = g_variant_dict_contains (options, "group");
  has_all = g_variant_dict_contains (options, "all");

  if (!verk_command_line_use_language (options, NULL, &error))
    return verk_command_line_fail (error->message);
  if (out == NULL || *out == '\0')
    return verk_command_line_fail (_("Say where to save the workbook, such as --export-xlsx "
                                     "workshop.xlsx."));
  if (!verk_command_line_lookup_id (options, "workshop", &workshop_id, &error)
      || !verk_command_line_lookup_id (options, "group", &group_id, &error))
    return verk_command_line_fail (error->message);
  if (has_workshop + has_group + has_all != 1)
    return verk_command_line_fail (_("Say what to export with exactly one of --workshop ID, "
                                     "--group ID or --all."));

  if (has_workshop)
    {
      scope = VERK_EXPORT_WORKSHOP;
      id = workshop_id;
    }
  else if (has_group)
    {
      scope = VERK_EXPORT_GROUP;
      id = group_id;
    }
  else
    scope = VERK_EXPORT_ALL;

  /* A workshop's or group's workbook shows the puzzle, whose fonts load
   * meanwhile. */
  exporter = verk_xlsx_exporter_new (scope);
  store = verk_command_line_open_store (db_path, VERK_STORE_OPEN_READ_ONLY, &display, &error);
  if (store == NULL)
    return verk_command_line_fail (error->message);

  /* Said here with the number as given (the writer's message is its own). */
  if (scope != VERK_EXPORT_ALL && !record_exists (store, scope, id, &error))
    {
      g_autofree char *message = NULL;

      if (!g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
        return verk_command_line_fail (error->message);
      message = verk_command_line_not_found_message (scope == VERK_EXPORT_GROUP, id, display);
      return verk_command_line_fail (message);
    }

  if (!verk_xlsx_exporter_run (exporter, store, id, out, NULL, &error))
    return verk_command_line_fail (error->message);

  {
    g_autofree char *path = verk_command_line_get_path (out);
    g_autofree char *shown = g_filename_display_name (path);

    g_print (_("Saved the workbook “%s”.\n"), shown);
  }
  return 0;
}

int
verk_export_command_run (GVariantDict *options,
                         const char   *db_path)
{
  return run (options, db_path);
}
