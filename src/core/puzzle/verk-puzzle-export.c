/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-content.h"
#include "verk-puzzle-export.h"
#include "verk-puzzle-renderer.h"
#include "verk-workshop-model.h"

/**
 * verk_puzzle_model_new_for_workshop:
 * @store: the store
 * @workshop_id: the workshop
 * @error: the place for a translated error
 *
 * Loads what the workshop's puzzle shows. A workshop without pieces is an
 * error: there would be nothing to draw.
 *
 * Returns: (transfer full): the model, or NULL.
 */
VerkPuzzleModel *
verk_puzzle_model_new_for_workshop (VerkStore  *store,
                                    gint64      workshop_id,
                                    GError    **error)
{
  g_autoptr (VerkWorkshopModel) workshop = NULL;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  workshop = verk_workshop_model_new (store);
  if (!verk_workshop_model_set_workshop_id (workshop, workshop_id, error))
    return NULL;
  return verk_puzzle_model_new_for_model (workshop, error);
}

/**
 * verk_puzzle_model_new_for_model:
 * @workshop: a loaded workshop model
 * @error: the place for a translated error
 *
 * What the puzzle of @workshop shows, as verk_puzzle_model_new_for_workshop().
 *
 * Returns: (transfer full): the model, or NULL.
 */
VerkPuzzleModel *
verk_puzzle_model_new_for_model (VerkWorkshopModel  *workshop,
                                 GError            **error)
{
  VerkPuzzleModel *model;
  guint n;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (workshop), NULL);

  n = verk_workshop_model_get_n_pieces (workshop);
  if (n == 0 || n > VERK_PUZZLE_MAX_PIECES)
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
                   _("The workshop has %u puzzle pieces; a puzzle needs between 1 and %d."),
                   n, VERK_PUZZLE_MAX_PIECES);
      return NULL;
    }

  /* The workshop model's mapping, with names the puzzle model owns. */
  model = g_new0 (VerkPuzzleModel, 1);
  model->pieces = verk_workshop_model_get_pieces (workshop, &model->n_pieces);
  model->items = g_ptr_array_new_full (n, (GDestroyNotify) verk_item_free);
  for (guint i = 0; i < n; i++)
    {
      VerkItem *item = verk_item_copy (verk_workshop_model_get_piece (workshop, i)->item);

      g_ptr_array_add (model->items, item);
      model->pieces[i].name = item->name;
    }
  return model;
}

/**
 * verk_puzzle_model_new_default:
 * @lang: (nullable): "sv", "en", or NULL for the user's language
 * @error: the place for an error
 *
 * The thirteen values of the content pack as unscored pieces.
 *
 * Returns: (transfer full): the model, or NULL.
 */
VerkPuzzleModel *
verk_puzzle_model_new_default (const char  *lang,
                               GError     **error)
{
  g_autoptr (VerkContent) content = verk_content_new (lang, error);
  VerkPuzzleModel *model;

  if (content == NULL)
    return NULL;
  model = g_new0 (VerkPuzzleModel, 1);
  model->items = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  model->n_pieces = verk_content_get_n_values (content);
  model->pieces = g_new0 (VerkPuzzlePiece, model->n_pieces);
  for (guint i = 0; i < model->n_pieces; i++)
    {
      const VerkContentItem *value = verk_content_get_value (content, i);
      VerkItem *item = g_new0 (VerkItem, 1);

      item->framework = g_strdup ("siq");
      item->key = g_strdup (value->key);
      item->name = g_strdup (value->name);
      item->description = g_strdup (value->description);
      item->rationale = g_strdup ("");
      item->position = (int) i;
      g_ptr_array_add (model->items, item);
      model->pieces[i].name = item->name;
    }
  return model;
}

/**
 * verk_puzzle_model_free:
 *
 * Frees the model and the items it holds.
 */
void
verk_puzzle_model_free (VerkPuzzleModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->items, g_ptr_array_unref);
  g_free (model->pieces);
  g_free (model);
}

/**
 * verk_puzzle_export_png_bytes:
 * @store: the store
 * @workshop_id: the workshop
 * @width: pixels
 * @height: pixels
 * @error: the place for a translated error
 *
 * Returns: (transfer full): the workshop's puzzle as PNG data, or NULL.
 */
GBytes *
verk_puzzle_export_png_bytes (VerkStore  *store,
                              gint64      workshop_id,
                              int         width,
                              int         height,
                              GError    **error)
{
  g_autoptr (VerkPuzzleModel) model = verk_puzzle_model_new_for_workshop (store, workshop_id, error);
  g_autoptr (VerkPuzzleRenderer) renderer = NULL;

  if (model == NULL)
    return NULL;
  renderer = verk_puzzle_renderer_new ();
  return verk_puzzle_renderer_render_png_bytes (renderer, width, height, model->pieces, model->n_pieces, error);
}
