/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long typing may pause before a field is saved, and the longest a change
 * waits while typing goes on without such a pause: one delay for every field. */
#define VERK_FIELD_SAVER_DELAY_MS    400
#define VERK_FIELD_SAVER_MAX_WAIT_MS 1000

/* Checks the text of a field (validate), or stores it (save). On failure
 * @error, when set, is the message shown under the field.
 * @id: what the text belongs to (verk_field_saver_show()), 0 if never set. */
typedef gboolean (*VerkFieldSaverFunc) (const char  *text,
                                        gint64       id,
                                        gpointer     user_data,
                                        GError     **error);

/* VerkFieldSaver: saves a text field as it is typed, for every autosaving
 * field. It binds one GtkEditable (a GtkEntry) or GtkTextView to a
 * validate/save pair: a change is saved once typing pauses for
 * VERK_FIELD_SAVER_DELAY_MS, and never later than VERK_FIELD_SAVER_MAX_WAIT_MS
 * after it while typing goes on; at once on Enter (an entry) and when the
 * focus leaves the field. Text that cannot be saved stays in the field,
 * marked unsaved (dirty), with the message under it; stored text shown later
 * never replaces it. When the field moves on to show another row (another
 * id), such text is kept as that row's draft and comes back, with its
 * message, when the field shows that row again. The saver sets the field's
 * text itself, so the page needs no guard against its own changes. */
#define VERK_TYPE_FIELD_SAVER (verk_field_saver_get_type ())
G_DECLARE_FINAL_TYPE (VerkFieldSaver, verk_field_saver, VERK, FIELD_SAVER, GObject)

VerkFieldSaver *verk_field_saver_new             (GtkWidget          *field,
                                                  VerkFieldSaverFunc  validate,
                                                  VerkFieldSaverFunc  save,
                                                  gpointer            user_data);
GtkWidget      *verk_field_saver_get_field       (VerkFieldSaver     *self);
void            verk_field_saver_set_message_label (VerkFieldSaver   *self,
                                                  GtkLabel           *label,
                                                  GtkWidget          *marked);
void            verk_field_saver_set_hint        (VerkFieldSaver     *self,
                                                  const char         *hint);
void            verk_field_saver_set_drafts      (VerkFieldSaver     *self,
                                                  GHashTable         *drafts,
                                                  const char         *prefix);
void            verk_field_saver_set_delays      (VerkFieldSaver     *self,
                                                  guint               delay_ms,
                                                  guint               max_wait_ms);

gint64          verk_field_saver_get_id          (VerkFieldSaver     *self);
void            verk_field_saver_show            (VerkFieldSaver     *self,
                                                  gint64              id,
                                                  const char         *stored,
                                                  gboolean            with_draft);
gboolean        verk_field_saver_set_stored      (VerkFieldSaver     *self,
                                                  const char         *stored);
void            verk_field_saver_discard         (VerkFieldSaver     *self);
gboolean        verk_field_saver_flush           (VerkFieldSaver     *self);
gboolean        verk_field_saver_keep            (VerkFieldSaver     *self);
gboolean        verk_field_saver_is_dirty        (VerkFieldSaver     *self);
gboolean        verk_field_saver_is_flushing     (VerkFieldSaver     *self);
char           *verk_field_saver_dup_text        (VerkFieldSaver     *self);
const char     *verk_field_saver_get_message     (VerkFieldSaver     *self);
void            verk_field_saver_show_error      (VerkFieldSaver     *self,
                                                  const char         *message);
void            verk_field_saver_set_draft       (VerkFieldSaver     *self,
                                                  const char         *text);

G_END_DECLS
