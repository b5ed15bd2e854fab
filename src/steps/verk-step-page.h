/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* The base of the workshop's step pages (Assess, Prioritise, Plan, Follow up):
 * it holds the shared VerkSession, its store and its VerkWorkshopModel, follows
 * them through GSignalGroups, and tells the page through its class's virtual
 * functions. Pages read the model and hear of edits through model_changed
 * (after the model took them in); store_changed is for a page that still reads
 * the store. A page's own handlers on the session, connected with itself as
 * data, are disconnected with the base's when the session goes. */
#define VERK_TYPE_STEP_PAGE (verk_step_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (VerkStepPage, verk_step_page, VERK, STEP_PAGE, AdwBin)

struct _VerkStepPageClass
{
  AdwBinClass parent_class;

  /* Before the session goes: save what is being typed. */
  void (*flush)            (VerkStepPage *self);
  /* A new session (or NULL) is in place: connect further session signals. */
  void (*session_set)      (VerkStepPage *self,
                            VerkSession  *session);
  /* The workshop shown is another one (a new session, or its workshop-id
   * changed; 0 when there is none): show it afresh. */
  void (*workshop_changed) (VerkStepPage *self);
  /* The store reports an edit, in any workshop. */
  void (*store_changed)    (VerkStepPage *self,
                            VerkChange    kind,
                            gint64        workshop_id);
  /* The model has taken in an edit of the workshop shown (its lists have
   * emitted items-changed for the rows that changed). */
  void (*model_changed)    (VerkStepPage *self,
                            VerkChange    kind);
};

VerkSession *verk_step_page_get_session     (VerkStepPage *self);
void         verk_step_page_set_session     (VerkStepPage *self,
                                             VerkSession  *session);
VerkStore   *verk_step_page_get_store       (VerkStepPage *self);
/* The session's model of the workshop shown, NULL without a session. */
VerkWorkshopModel *verk_step_page_get_model (VerkStepPage *self);
gint64       verk_step_page_get_workshop_id (VerkStepPage *self);

G_END_DECLS
