/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"

/* ------------------------------------------------------------------------ */
/* Records                                                                  */

/**
 * verk_action_status_to_string:
 *
 * Returns: the translated name of @status, for lists and the workbook.
 */
const char *
verk_action_status_to_string (VerkActionStatus status)
{
  switch (status)
    {
    case VERK_ACTION_OPEN:
      return C_("action status", "Open");
    case VERK_ACTION_IN_PROGRESS:
      return C_("action status", "In progress");
    case VERK_ACTION_DONE:
      return C_("action status", "Done");
    case VERK_ACTION_DROPPED:
      return C_("action status", "Dropped");
    default:
      return "";
    }
}

void
verk_group_free (VerkGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->name);
  g_free (group->unit);
  g_free (group);
}

void
verk_workshop_free (VerkWorkshop *workshop)
{
  if (workshop == NULL)
    return;
  g_free (workshop->date);
  g_free (workshop->facilitator);
  g_free (workshop->notes);
  g_free (workshop);
}

void
verk_item_free (VerkItem *item)
{
  if (item == NULL)
    return;
  g_free (item->framework);
  g_free (item->key);
  g_free (item->name);
  g_free (item->description);
  g_free (item->rationale);
  g_free (item);
}

void
verk_participant_free (VerkParticipant *participant)
{
  if (participant == NULL)
    return;
  g_free (participant->name);
  g_free (participant);
}

void
verk_score_free (VerkScore *score)
{
  if (score == NULL)
    return;
  g_free (score->comment);
  g_free (score);
}

void
verk_action_free (VerkAction *action)
{
  if (action == NULL)
    return;
  g_free (action->what);
  g_free (action->owner);
  g_free (action->due);
  g_free (action->followup);
  g_free (action);
}

void
verk_reflection_free (VerkReflection *reflection)
{
  if (reflection == NULL)
    return;
  g_free (reflection->part);
  g_free (reflection->strengths);
  g_free (reflection->development);
  g_free (reflection->obstacles);
  g_free (reflection->removers);
  g_free (reflection);
}

void
verk_backup_free (VerkBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->day);
  g_free (backup->reason);
  g_free (backup);
}
