/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-render-command"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "verk-command-line.h"
#include "verk-puzzle-export.h"
#include "verk-puzzle-renderer.h"
#include "verk-render-command.h"

#define DEFAULT_WIDTH 1920
#define DEFAULT_HEIGHT 1080

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  g_auto (GStrv) parts = NULL;
  char *end;
  gint64 w, h;

  if (text == NULL)
    return FALSE;
  parts = g_regex_split_simple ("[x×X]", text, 0, 0);
  if (g_strv_length (parts) != 2)
    return FALSE;
  w = g_ascii_strtoll (parts[0], &end, 10);
  if (*parts[0] == '\0' || *end != '\0')
    return FALSE;
  h = g_ascii_strtoll (parts[1], &end, 10);
  if (*parts[1] == '\0' || *end != '\0')
    return FALSE;
  if (w < 16 || h < 16 || w > 16384 || h > 16384)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

int
verk_render_command_run (GVariantDict *options,
                         const char   *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkPuzzleModel) model = NULL;
  g_autoptr (VerkPuzzleRenderer) renderer = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *display = NULL;
  g_auto (GStrv) protected_paths = NULL;
  const char *out = NULL, *size = NULL, *lang = NULL;
  gint64 workshop_id = 0;
  int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;

  g_variant_dict_lookup (options, "render-puzzle", "^&ay", &out);
  g_variant_dict_lookup (options, "size", "&s", &size);

  if (!verk_command_line_use_language (options, &lang, &error))
    return verk_command_line_fail (error->message);
  if (out == NULL || *out == '\0')
    return verk_command_line_fail (_("Say where to save the puzzle, such as --render-puzzle "
                                     "puzzle.png."));
  /* A number that is not a workshop's is refused, never read as "no
   * workshop" (which draws the default puzzle). */
  if (!verk_command_line_lookup_id (options, "workshop", &workshop_id, &error))
    return verk_command_line_fail (error->message);
  if (size != NULL && !parse_size (size, &width, &height))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an image size. Write it as width x height in pixels, "
                           "each between 16 and 16384, such as 1920x1080."), size);
      return verk_command_line_fail (message);
    }

  if (workshop_id != 0)
    {
      store = verk_command_line_open_store (db_path, VERK_STORE_OPEN_READ_ONLY, &display, &error);
      if (store == NULL)
        return verk_command_line_fail (error->message);
      model = verk_puzzle_model_new_for_workshop (store, workshop_id, &error);
      if (model == NULL && g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
        {
          g_autofree char *message = verk_command_line_not_found_message (FALSE, workshop_id, display);

          return verk_command_line_fail (message);
        }
    }
  else
    model = verk_puzzle_model_new_default (lang, &error);
  if (model == NULL)
    return verk_command_line_fail (error->message);

  /* Never over the database or a backup, whether it was read or not. */
  if (db_path == NULL)
    db_path = default_path = verk_store_default_path ();
  protected_paths = verk_store_protected_paths (db_path);
  renderer = verk_puzzle_renderer_new ();
  if (!verk_puzzle_renderer_render_to_file (renderer, out, (const char * const *) protected_paths,
                                            width, height, model->pieces, model->n_pieces, &error))
    return verk_command_line_fail (error->message);
  return 0;
}
