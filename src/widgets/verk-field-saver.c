/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-field-saver"

#include "config.h"

#include "verk-field-saver.h"

struct _VerkFieldSaver
{
  GObject             parent_instance;

  /* owned */
  GtkWidget          *field;        /* a GtkEditable or a GtkTextView */
  GtkLabel           *message_label;
  GtkWidget          *marked;       /* gets the "error" style with a message */
  GHashTable         *drafts;       /* draft key → text; shared with the page */
  char               *prefix;       /* of this field's draft keys */
  char               *hint;         /* the field's description without a message */
  char               *message;

  /* borrowed */
  GObject            *text_source;  /* the editable or the text view's buffer */
  VerkFieldSaverFunc  validate;
  VerkFieldSaverFunc  save;
  gpointer            user_data;

  gint64              id;
  gint64              dirty_since;  /* monotonic µs of the first change not yet tried; 0 when none */
  gulong              changed_handler;
  guint               timeout_id;
  guint               delay_ms;
  guint               max_wait_ms;
  gboolean            dirty;        /* the field holds text that is not stored */
  gboolean            flushing;
};

G_DEFINE_FINAL_TYPE (VerkFieldSaver, verk_field_saver, G_TYPE_OBJECT)

static gboolean save_now (VerkFieldSaver *self);

static char *
draft_key (VerkFieldSaver *self,
           gint64          id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, self->prefix != NULL ? self->prefix : "", id);
}

static void
set_text (VerkFieldSaver *self,
          const char     *text)
{
  g_signal_handler_block (self->text_source, self->changed_handler);
  if (GTK_IS_EDITABLE (self->field))
    gtk_editable_set_text (GTK_EDITABLE (self->field), text);
  else
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->text_source), text, -1);
  g_signal_handler_unblock (self->text_source, self->changed_handler);
}

static void
show_message (VerkFieldSaver *self,
              const char     *message)
{
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  if (self->message_label != NULL)
    {
      gtk_label_set_label (self->message_label, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
    }
  if (message != NULL)
    gtk_widget_add_css_class (self->marked, "error");
  else
    gtk_widget_remove_css_class (self->marked, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : self->hint != NULL ? self->hint : "", -1);
}

static gboolean
editing (VerkFieldSaver *self)
{
  GtkRoot *root = gtk_widget_get_root (self->field);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->field || gtk_widget_is_ancestor (focus, self->field));
}

static gboolean
timeout_cb (gpointer data)
{
  VerkFieldSaver *self = data;

  self->timeout_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

/* Restarting the pause on every key would never save while typing goes on:
 * the timer restarts, but never past max_wait after the first change. */
static void
schedule (VerkFieldSaver *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline;
  gint64 wait_ms;

  if (self->dirty_since == 0)
    self->dirty_since = now;
  deadline = self->dirty_since + (gint64) self->max_wait_ms * 1000;
  wait_ms = MIN ((gint64) self->delay_ms, MAX ((gint64) 0, (deadline - now) / 1000));
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add ((guint) wait_ms, timeout_cb, self);
}

static void
on_changed (VerkFieldSaver *self)
{
  self->dirty = TRUE;
  schedule (self);
}

/* Validates and stores what the field holds. Returns: TRUE when nothing is
 * left unsaved. */
static gboolean
save_now (VerkFieldSaver *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->dirty_since = 0;
  if (!self->dirty)
    return TRUE;
  text = verk_field_saver_dup_text (self);
  if (self->validate != NULL && !self->validate (text, self->id, self->user_data, &error))
    {
      show_message (self, error != NULL ? error->message : NULL);
      return FALSE;
    }
  show_message (self, NULL);
  self->dirty = FALSE;
  /* Storing can refresh the page, which may ask this saver to show the
   * stored text: it is not dirty now, and the text is the same. */
  if (!self->save (text, self->id, self->user_data, &error))
    {
      self->dirty = TRUE;
      if (error != NULL)
        show_message (self, error->message);
      return FALSE;
    }
  /* The save function may have called verk_field_saver_show_error(). */
  if (self->dirty)
    return FALSE;
  /* Stored: a draft kept for this id earlier is out of date. */
  if (self->drafts != NULL && self->id != 0)
    {
      g_autofree char *key = draft_key (self, self->id);

      g_hash_table_remove (self->drafts, key);
    }
  return TRUE;
}

static void
on_focus_leave (VerkFieldSaver *self)
{
  verk_field_saver_flush (self);
}

static void
on_activate (VerkFieldSaver *self)
{
  verk_field_saver_flush (self);
}

static void
verk_field_saver_dispose (GObject *object)
{
  VerkFieldSaver *self = VERK_FIELD_SAVER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->text_source != NULL)
    g_clear_signal_handler (&self->changed_handler, self->text_source);
  g_clear_object (&self->text_source);
  g_clear_object (&self->field);
  g_clear_object (&self->message_label);
  g_clear_object (&self->marked);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (verk_field_saver_parent_class)->dispose (object);
}

static void
verk_field_saver_finalize (GObject *object)
{
  VerkFieldSaver *self = VERK_FIELD_SAVER (object);

  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->hint, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (verk_field_saver_parent_class)->finalize (object);
}

static void
verk_field_saver_class_init (VerkFieldSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_field_saver_dispose;
  object_class->finalize = verk_field_saver_finalize;
}

static void
verk_field_saver_init (VerkFieldSaver *self)
{
  self->delay_ms = VERK_FIELD_SAVER_DELAY_MS;
  self->max_wait_ms = VERK_FIELD_SAVER_MAX_WAIT_MS;
}

/**
 * verk_field_saver_new:
 * @field: a GtkEditable (such as a GtkEntry) or a GtkTextView
 * @validate: (nullable): checks the text before @save; on failure the text
 *   stays, with the error's message under the field
 * @save: stores the text; FALSE with an error keeps the text with the
 *   message, FALSE without one keeps it and leaves the messages to the caller
 * @user_data: for both functions; it must outlive the saver
 *
 * Returns: (transfer full): a saver following @field. Unref it (after
 * verk_field_saver_flush() if the text matters) before @user_data goes.
 */
VerkFieldSaver *
verk_field_saver_new (GtkWidget          *field,
                      VerkFieldSaverFunc  validate,
                      VerkFieldSaverFunc  save,
                      gpointer            user_data)
{
  VerkFieldSaver *self;
  GtkEventController *focus;

  g_return_val_if_fail (GTK_IS_EDITABLE (field) || GTK_IS_TEXT_VIEW (field), NULL);
  g_return_val_if_fail (save != NULL, NULL);

  self = g_object_new (VERK_TYPE_FIELD_SAVER, NULL);
  self->field = g_object_ref (field);
  self->marked = g_object_ref (field);
  self->validate = validate;
  self->save = save;
  self->user_data = user_data;
  if (GTK_IS_EDITABLE (field))
    self->text_source = g_object_ref (G_OBJECT (field));
  else
    self->text_source = g_object_ref (G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field))));
  self->changed_handler = g_signal_connect_swapped (self->text_source, "changed", G_CALLBACK (on_changed), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (field, focus);
  if (GTK_IS_ENTRY (field))
    g_signal_connect_object (field, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  return self;
}

/** verk_field_saver_get_field: Returns: (transfer none): the field. */
GtkWidget *
verk_field_saver_get_field (VerkFieldSaver *self)
{
  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), NULL);
  return self->field;
}

/**
 * verk_field_saver_set_message_label:
 * @label: (nullable): where a message shows, hidden while there is none
 * @marked: (nullable): what gets the "error" style with a message (the
 *   field's frame, say); the field when NULL
 *
 * The message also becomes the field's accessible description.
 */
void
verk_field_saver_set_message_label (VerkFieldSaver *self,
                                    GtkLabel       *label,
                                    GtkWidget      *marked)
{
  g_return_if_fail (VERK_IS_FIELD_SAVER (self));

  if (label != NULL)
    g_object_ref (label);
  g_clear_object (&self->message_label);
  self->message_label = label;
  g_object_ref (marked != NULL ? marked : self->field);
  g_clear_object (&self->marked);
  self->marked = marked != NULL ? marked : self->field;
  show_message (self, self->message);
}

/** verk_field_saver_set_hint: @hint: (nullable): the field's description while there is no message. */
void
verk_field_saver_set_hint (VerkFieldSaver *self,
                           const char     *hint)
{
  g_return_if_fail (VERK_IS_FIELD_SAVER (self));

  g_free (self->hint);
  self->hint = g_strdup (hint);
  show_message (self, self->message);
}

/**
 * verk_field_saver_set_drafts:
 * @drafts: (nullable): a table of strings to strings, may be shared by
 *   several savers; the page empties it when its drafts no longer matter
 * @prefix: what sets this field's keys apart from the other savers' in it
 *
 * Where text that cannot be saved is kept while the field shows another id.
 */
void
verk_field_saver_set_drafts (VerkFieldSaver *self,
                             GHashTable     *drafts,
                             const char     *prefix)
{
  g_return_if_fail (VERK_IS_FIELD_SAVER (self));

  if (drafts != NULL)
    g_hash_table_ref (drafts);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  self->drafts = drafts;
  g_free (self->prefix);
  self->prefix = g_strdup (prefix);
}

/**
 * verk_field_saver_set_delays:
 *
 * Other delays than VERK_FIELD_SAVER_DELAY_MS and
 * VERK_FIELD_SAVER_MAX_WAIT_MS: for tests only, the app uses one everywhere.
 */
void
verk_field_saver_set_delays (VerkFieldSaver *self,
                             guint           delay_ms,
                             guint           max_wait_ms)
{
  g_return_if_fail (VERK_IS_FIELD_SAVER (self));

  self->delay_ms = delay_ms;
  self->max_wait_ms = max_wait_ms;
}

/** verk_field_saver_get_id: Returns: what the field's text belongs to, 0 if nothing was shown. */
gint64
verk_field_saver_get_id (VerkFieldSaver *self)
{
  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), 0);
  return self->id;
}

/**
 * verk_field_saver_show:
 * @id: what the text belongs to (a piece, say)
 * @stored: (nullable): its stored text
 * @with_draft: whether a draft kept for @id comes back now; when FALSE it
 *   stays kept
 *
 * Shows @id's text. Another id than before: what is unsaved for the old one
 * is saved or, when it cannot be, kept as its draft; then the field shows
 * @id's draft (as unsaved text, with its message) or @stored, even while the
 * user is in it. The same id: as verk_field_saver_set_stored().
 */
void
verk_field_saver_show (VerkFieldSaver *self,
                       gint64          id,
                       const char     *stored,
                       gboolean        with_draft)
{
  g_autofree char *key = NULL;
  g_autofree char *draft = NULL;

  g_return_if_fail (VERK_IS_FIELD_SAVER (self));

  if (id == self->id)
    {
      verk_field_saver_set_stored (self, stored);
      return;
    }
  verk_field_saver_keep (self);
  self->id = id;
  verk_field_saver_discard (self);
  key = draft_key (self, id);
  if (with_draft && self->drafts != NULL)
    g_hash_table_steal_extended (self->drafts, key, NULL, (gpointer *) &draft);
  if (draft != NULL)
    verk_field_saver_set_draft (self, draft);
  else
    set_text (self, stored != NULL ? stored : "");
}

/**
 * verk_field_saver_set_stored:
 * @stored: (nullable): the stored text of the id shown
 *
 * Shows @stored unless the user is in the field or it holds unsaved text.
 * Returns: whether the field's text changed.
 */
gboolean
verk_field_saver_set_stored (VerkFieldSaver *self,
                             const char     *stored)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), FALSE);

  if (self->dirty || editing (self))
    return FALSE;
  text = verk_field_saver_dup_text (self);
  if (g_strcmp0 (text, stored != NULL ? stored : "") == 0)
    return FALSE;
  set_text (self, stored != NULL ? stored : "");
  return TRUE;
}

/** verk_field_saver_discard: Forgets that the text is unsaved, and its message (the row it was for went). */
void
verk_field_saver_discard (VerkFieldSaver *self)
{
  g_return_if_fail (VERK_IS_FIELD_SAVER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->dirty_since = 0;
  self->dirty = FALSE;
  show_message (self, NULL);
}

/**
 * verk_field_saver_flush:
 *
 * Saves unsaved text now rather than after the pause.
 * Returns: TRUE when nothing is left unsaved.
 */
gboolean
verk_field_saver_flush (VerkFieldSaver *self)
{
  gboolean saved;

  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), TRUE);

  self->flushing = TRUE;
  saved = save_now (self);
  self->flushing = FALSE;
  return saved;
}

/**
 * verk_field_saver_keep:
 *
 * Flushes, and keeps what cannot be saved as the draft of the id shown
 * (when there are drafts), before the field shows something else.
 * Returns: TRUE when nothing is left unsaved.
 */
gboolean
verk_field_saver_keep (VerkFieldSaver *self)
{
  gint64 id = self->id;
  g_autofree char *key = NULL;
  gboolean saved;

  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), TRUE);

  saved = verk_field_saver_flush (self);
  if (saved || self->drafts == NULL || id == 0 || self->id != id)
    return saved;
  key = draft_key (self, id);
  g_hash_table_replace (self->drafts, g_steal_pointer (&key), verk_field_saver_dup_text (self));
  return saved;
}

/** verk_field_saver_is_dirty: Returns: whether the field holds text that is not stored. */
gboolean
verk_field_saver_is_dirty (VerkFieldSaver *self)
{
  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), FALSE);
  return self->dirty;
}

/**
 * verk_field_saver_is_flushing:
 *
 * Returns: TRUE inside the save function when the user finished (Enter,
 * leaving the field, verk_field_saver_flush()), FALSE after a pause in typing.
 */
gboolean
verk_field_saver_is_flushing (VerkFieldSaver *self)
{
  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), FALSE);
  return self->flushing;
}

/** verk_field_saver_dup_text: Returns: (transfer full): the field's text. */
char *
verk_field_saver_dup_text (VerkFieldSaver *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), NULL);

  if (GTK_IS_EDITABLE (self->field))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->field)));
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->text_source), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->text_source), &start, &end, FALSE);
}

/** verk_field_saver_get_message: Returns: (nullable): the message under the field. */
const char *
verk_field_saver_get_message (VerkFieldSaver *self)
{
  g_return_val_if_fail (VERK_IS_FIELD_SAVER (self), NULL);
  return self->message;
}

/**
 * verk_field_saver_show_error:
 * @message: why the text could not be stored, for the user
 *
 * For a save function that learns late that the text was not stored: it
 * stays in the field, unsaved, with @message.
 */
void
verk_field_saver_show_error (VerkFieldSaver *self,
                             const char     *message)
{
  g_return_if_fail (VERK_IS_FIELD_SAVER (self));
  g_return_if_fail (message != NULL);

  self->dirty = TRUE;
  show_message (self, message);
}

/**
 * verk_field_saver_set_draft:
 * @text: text typed earlier that could not be stored
 *
 * Puts @text in the field as unsaved typing, with the message saying why it
 * cannot be stored; it is saved as typing is once it can be.
 */
void
verk_field_saver_set_draft (VerkFieldSaver *self,
                            const char     *text)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (VERK_IS_FIELD_SAVER (self));
  g_return_if_fail (text != NULL);

  set_text (self, text);
  show_message (self, self->validate == NULL || self->validate (text, self->id, self->user_data, &error)
                      ? NULL : error->message);
  on_changed (self);
}
