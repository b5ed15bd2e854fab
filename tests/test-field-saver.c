/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VerkFieldSaver on real GTK fields: a text typed without a pause is saved
 * while typing goes on (the maximum wait), leaving the field saves at once,
 * and text that cannot be saved stays, with its message, also as a draft
 * while the field shows another row. Runs under the display build-aux/dev
 * test provides. */
#include "config.h"

#include <adwaita.h>

#include "verk-field-saver.h"

typedef struct {
  GPtrArray  *saved;        /* the texts the save function got */
  GtkWidget  *window;
  gboolean    refuse;       /* the save function fails, as a full disk would */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->saved = g_ptr_array_new_with_free_func (g_free);
  f->window = gtk_window_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_ptr_array_unref (f->saved);
}

static gboolean
validate (const char  *text,
          gint64       id,
          gpointer     user_data,
          GError     **error)
{
  if (strstr (text, "\001") == NULL)
    return TRUE;
  g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE, "No control characters, please.");
  return FALSE;
}

static gboolean
save (const char  *text,
      gint64       id,
      gpointer     user_data,
      GError     **error)
{
  Fixture *f = user_data;

  if (f->refuse)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The disk is full.");
      return FALSE;
    }
  g_ptr_array_add (f->saved, g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, text));
  return TRUE;
}

static const char *
last_saved (Fixture *f)
{
  return f->saved->len > 0 ? g_ptr_array_index (f->saved, f->saved->len - 1) : NULL;
}

static void
show (Fixture   *f,
      GtkWidget *child)
{
  gtk_window_set_child (GTK_WINDOW (f->window), child);
  gtk_window_present (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct {
  GtkEditable *entry;
  guint        keys_left;
  GString     *typed;
} Typist;

/* One key every 20 ms: far below the pause that saves. */
static gboolean
type_key (gpointer data)
{
  Typist *typist = data;
  int position;

  g_string_append_c (typist->typed, "abcdefghij"[typist->keys_left % 10]);
  position = (int) g_utf8_strlen (gtk_editable_get_text (typist->entry), -1);   /* at the end */
  gtk_editable_insert_text (typist->entry, typist->typed->str + typist->typed->len - 1, 1, &position);
  return --typist->keys_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Typing that never pauses long enough is saved anyway, every max wait:
 * with a pause of a minute, only the maximum wait can save it, and each save
 * holds what was typed by then. */
static void
test_max_wait (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autoptr (VerkFieldSaver) saver = verk_field_saver_new (entry, validate, save, f);
  g_autoptr (GString) typed = g_string_new (NULL);
  Typist typist = { GTK_EDITABLE (entry), 40, typed };

  show (f, entry);
  verk_field_saver_show (saver, 7, "", FALSE);
  verk_field_saver_set_delays (saver, 60000, 150);
  g_timeout_add (20, type_key, &typist);
  while (typist.keys_left > 0)
    g_main_context_iteration (NULL, TRUE);

  /* Typing has just stopped: a minute's pause has not passed, yet it was saved. */
  g_assert_cmpuint (f->saved->len, >=, 1);
  for (guint i = 0; i < f->saved->len; i++)
    {
      const char *text = g_ptr_array_index (f->saved, i);

      g_assert_true (g_str_has_prefix (text, "7:"));
      g_assert_true (g_str_has_prefix (typed->str, text + 2));
      g_assert_cmpuint (strlen (text + 2), >, 0);
    }
  /* The rest goes at the next maximum wait, the field still being typed in. */
  while (g_strcmp0 (last_saved (f) + 2, typed->str) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (verk_field_saver_is_dirty (saver));
}

/* Leaving the field saves what was typed at once, with no pause. */
static void
test_focus_out (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *other = gtk_entry_new ();
  g_autoptr (VerkFieldSaver) saver = verk_field_saver_new (view, validate, save, f);

  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), other);
  show (f, box);
  verk_field_saver_set_delays (saver, 60000, 60000);
  verk_field_saver_show (saver, 3, "Förr", FALSE);
  g_assert_true (gtk_widget_grab_focus (view));
  while (!gtk_widget_has_focus (view))
    g_main_context_iteration (NULL, TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Vi lär av varandra", -1);
  g_assert_true (verk_field_saver_is_dirty (saver));
  g_assert_cmpuint (f->saved->len, ==, 0);

  gtk_widget_grab_focus (other);
  while (f->saved->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (last_saved (f), ==, "3:Vi lär av varandra");
  g_assert_false (verk_field_saver_is_dirty (saver));
}

static gboolean
visible_message (GtkLabel   *label,
                 const char *text)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) && g_strcmp0 (gtk_label_get_label (label), text) == 0;
}

/* Text that cannot be saved stays in the field, unsaved, with its message;
 * the stored text never replaces it; on another row it is that row's draft
 * and comes back with its message; fixed, it is saved and the message goes. */
static void
test_invalid_kept (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *message = gtk_label_new (NULL);
  g_autoptr (VerkFieldSaver) saver = verk_field_saver_new (entry, validate, save, f);
  g_autoptr (GHashTable) drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *bad = "Se bilaga\001";

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  show (f, box);
  verk_field_saver_set_message_label (saver, GTK_LABEL (message), NULL);
  verk_field_saver_set_drafts (saver, drafts, "rationale");
  g_assert_false (gtk_widget_get_visible (message));
  verk_field_saver_show (saver, 1, "Bra", FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Bra");
  g_assert_false (verk_field_saver_is_dirty (saver));   /* shown, not typed */

  gtk_editable_set_text (GTK_EDITABLE (entry), bad);
  g_assert_false (verk_field_saver_flush (saver));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, bad);
  g_assert_true (verk_field_saver_is_dirty (saver));
  g_assert_true (visible_message (GTK_LABEL (message), "No control characters, please."));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (f->saved->len, ==, 0);

  /* A refresh from the store does not replace it. */
  g_assert_false (verk_field_saver_set_stored (saver, "Bra"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, bad);

  /* Another row: the text is its row's draft; the field shows the other row. */
  verk_field_saver_show (saver, 2, "Annat", TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Annat");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (g_hash_table_size (drafts), ==, 1);
  g_assert_cmpuint (f->saved->len, ==, 0);

  /* Back: the draft, with its message, still unsaved. */
  verk_field_saver_show (saver, 1, "Bra", TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, bad);
  g_assert_true (verk_field_saver_is_dirty (saver));
  g_assert_true (visible_message (GTK_LABEL (message), "No control characters, please."));
  g_assert_cmpuint (g_hash_table_size (drafts), ==, 0);

  /* Fixed: saved for its row, the message gone. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Se bilagan");
  g_assert_true (verk_field_saver_flush (saver));
  g_assert_cmpstr (last_saved (f), ==, "1:Se bilagan");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  /* A save that fails keeps the text, with the failure's message. */
  f->refuse = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), "Se bilagan, sidan 2");
  g_assert_false (verk_field_saver_flush (saver));
  g_assert_true (verk_field_saver_is_dirty (saver));
  g_assert_true (visible_message (GTK_LABEL (message), "The disk is full."));
  f->refuse = FALSE;
  g_assert_true (verk_field_saver_flush (saver));
  g_assert_cmpstr (last_saved (f), ==, "1:Se bilagan, sidan 2");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/field-saver/max-wait", Fixture, NULL, fixture_setup, test_max_wait, fixture_teardown);
  g_test_add ("/field-saver/focus-out", Fixture, NULL, fixture_setup, test_focus_out, fixture_teardown);
  g_test_add ("/field-saver/invalid-kept", Fixture, NULL, fixture_setup, test_invalid_kept, fixture_teardown);
  return g_test_run ();
}
