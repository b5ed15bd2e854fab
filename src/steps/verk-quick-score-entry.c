/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-quick-score-entry"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "verk-quick-score-entry.h"

struct _VerkQuickScoreEntry
{
  GtkBox     parent_instance;

  /* children */
  GtkEntry  *entry;
  GtkLabel  *message;
};

G_DEFINE_FINAL_TYPE (VerkQuickScoreEntry, verk_quick_score_entry, GTK_TYPE_BOX)

enum {
  ENTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (VerkQuickScoreEntry *self,
              const char          *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : "", -1);
}

static void
on_activate (VerkQuickScoreEntry *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) values = verk_quick_score_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                                      &error);

  if (values == NULL)
    {
      show_message (self, error->message);   /* the text stays, to be fixed */
      return;
    }
  show_message (self, NULL);
  if (values->len == 0)
    return;
  g_signal_emit (self, signals[ENTERED], 0, values);
  /* A handler that refused the scores said why; the text stays to be fixed. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message)))
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
on_changed (VerkQuickScoreEntry *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->message)))
    show_message (self, NULL);
}

static void
verk_quick_score_entry_class_init (VerkQuickScoreEntryClass *klass)
{
  /**
   * VerkQuickScoreEntry::entered:
   * @values: (element-type int): a score 1..5 per participant in order, 0 to skip one
   */
  signals[ENTERED] =
    g_signal_new ("entered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
}

static void
verk_quick_score_entry_init (VerkQuickScoreEntry *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  self->entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: the placeholder of the quick entry of a piece's scores */
  gtk_entry_set_placeholder_text (self->entry, _("Quick entry: 3 2 3 4 3 2"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scores of all participants, in order"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               _("One score from 1 to 5 per participant, in order; - skips one. Enter saves them."));
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message));
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_changed), self);
}

/** verk_quick_score_entry_new: Returns: (transfer floating): an empty quick entry. */
GtkWidget *
verk_quick_score_entry_new (void)
{
  return g_object_new (VERK_TYPE_QUICK_SCORE_ENTRY, NULL);
}

/**
 * verk_quick_score_entry_check_count:
 *
 * Returns: whether @n_typed scores fit @n_participants; if not, says so
 *   under the field and keeps the text.
 */
gboolean
verk_quick_score_entry_check_count (VerkQuickScoreEntry *self,
                                    guint                n_typed,
                                    guint                n_participants)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (VERK_IS_QUICK_SCORE_ENTRY (self), FALSE);

  if (n_typed <= n_participants)
    return TRUE;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "You typed %u scores, but this piece has %u participant.",
                                          "You typed %u scores, but this piece has %u participants.",
                                          n_participants),
                             n_typed, n_participants);
  show_message (self, message);
  return FALSE;
}

/**
 * verk_quick_score_parse:
 *
 * Returns: (transfer full) (nullable): the scores, or NULL and @error.
 */
GArray *
verk_quick_score_parse (const char  *text,
                        GError     **error)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto (GStrv) tokens = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  /* "323432" as well as "3 2 3 4 3 2": a run of single digits and dashes. */
  if (strspn (stripped, "0123456789-") == strlen (stripped))
    {
      GString *spaced = g_string_new (NULL);

      for (const char *c = stripped; *c != '\0'; c++)
        g_string_append_printf (spaced, "%c ", *c);
      tokens = g_strsplit_set (spaced->str, " ", -1);
      g_string_free (spaced, TRUE);
    }
  else
    tokens = g_strsplit_set (stripped, " \t,;", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];
      int value;

      if (*token == '\0')
        continue;
      if (g_str_equal (token, "-"))
        value = 0;
      else if (strlen (token) == 1 && token[0] >= '1' && token[0] <= '5')
        value = token[0] - '0';
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a score. Type one score from 1 to 5 per participant, in order, "
                         "or - to skip one."), token);
          return NULL;
        }
      g_array_append_val (values, value);
    }
  return g_steal_pointer (&values);
}
