/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-workshop-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "verk-group-dialog.h"
#include "verk-page-util.h"
#include "verk-toast.h"
#include "verk-workshop-editor.h"
#include "verk-workshop-model.h"

/* The rows of the participant and piece lists are built from the workshop's
 * model and built again whenever that changes. So that a rebuild neither loses what is
 * being typed nor throws the keyboard focus away, every focusable widget in
 * them carries a key ("p12/up", "i7/name"): drafts and the focus are taken
 * out by key before a rebuild and put back after it. */
#define KEY "verk-key"
#define DIRTY "verk-dirty"     /* an entry row edited since it was filled or saved */

struct _VerkWorkshopEditor
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwActionRow         *group_row;
  AdwEntryRow          *date_row;
  AdwEntryRow          *facilitator_row;
  GtkListBox           *participants_list;
  GtkWidget            *removed_participants_group;
  GtkListBox           *removed_participants_list;
  GtkListBox           *pieces_list;
  GtkWidget            *removed_pieces_group;
  GtkListBox           *removed_pieces_list;

  /* owned by the lists, kept across rebuilds (their drafts stay) */
  AdwEntryRow          *add_participant_row;
  AdwEntryRow          *add_piece_row;

  /* owned */
  VerkStore            *store;
  VerkGroupListModel   *groups;         /* the window's: the group's name and unit */
  VerkWorkshopModel    *model;          /* what the editor shows */
  GSignalGroup         *model_signals;
  gint64                workshop_id;
  gint64                group_id;
};

G_DEFINE_FINAL_TYPE (VerkWorkshopEditor, verk_workshop_editor, ADW_TYPE_PREFERENCES_WINDOW)

/* What an Undo button in a toast brings back. */
typedef struct {
  VerkStore *store;
  gint64     id;
  gboolean   is_item;
} Removed;

static void
removed_free (gpointer  data,
              GClosure *closure)
{
  Removed *removed = data;

  g_clear_object (&removed->store);
  g_free (removed);
}

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */

static gint64
id_of (gpointer object)
{
  return (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (object), "verk-id"));
}

static void
set_id (gpointer object,
        gint64   id)
{
  g_object_set_data (G_OBJECT (object), "verk-id", GSIZE_TO_POINTER ((gsize) id));
}

static void
set_key (gpointer    widget,
         const char *format,
         gint64      id,
         const char *part)
{
  g_object_set_data_full (G_OBJECT (widget), KEY,
                          g_strdup_printf (format, (long long) id, part), g_free);
}

static void
toast (VerkWorkshopEditor *self,
       const char         *message)
{
  verk_toast_show (GTK_WIDGET (self), message);
}

/* Shows what the store refused (its message names the field) on @row, whose
 * text stays as typed. */
static void
show_error (VerkWorkshopEditor *self,
            GtkWidget          *row,
            const GError       *error)
{
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
  toast (self, error->message);
}

static void
mark_saved (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "error");
  g_object_set_data (G_OBJECT (row), DIRTY, NULL);
}

static void
on_entry_changed (GtkWidget *row)
{
  g_object_set_data (G_OBJECT (row), DIRTY, GINT_TO_POINTER (TRUE));
}

static gboolean
is_dirty (gpointer row)
{
  return g_object_get_data (G_OBJECT (row), DIRTY) != NULL;
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* An entry row that saves itself on Enter or its ✓ button. */
static GtkWidget *
entry_row (const char *title,
           const char *text,
           GCallback   on_apply,
           gpointer    user_data)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), NULL);
  g_signal_connect (row, "apply", on_apply, user_data);
  return row;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             gboolean    sensitive,
             GCallback   on_clicked,
             gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, sensitive);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", on_clicked, user_data);
  return button;
}

static void
collect_keyed (GtkWidget  *widget,
               GHashTable *out)
{
  const char *key = g_object_get_data (G_OBJECT (widget), KEY);

  if (key != NULL)
    g_hash_table_insert (out, g_strdup (key), widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_keyed (child, out);
}

/* What a rebuild of @list must give back: the key of the focused widget in
 * it, and the text of every row edited but not saved. */
typedef struct {
  char       *focus;
  GHashTable *drafts;    /* key → text */
} Kept;

static void
keep (VerkWorkshopEditor *self,
      GtkListBox         *list,
      Kept               *kept)
{
  g_autoptr (GHashTable) keyed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GHashTableIter iter;
  gpointer key, widget;

  kept->focus = NULL;
  kept->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (; focus != NULL && focus != GTK_WIDGET (list); focus = gtk_widget_get_parent (focus))
    if (g_object_get_data (G_OBJECT (focus), KEY) != NULL && kept->focus == NULL)
      kept->focus = g_strdup (g_object_get_data (G_OBJECT (focus), KEY));
  if (focus == NULL)
    g_clear_pointer (&kept->focus, g_free);   /* the focus is elsewhere */

  collect_keyed (GTK_WIDGET (list), keyed);
  g_hash_table_iter_init (&iter, keyed);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    if (ADW_IS_ENTRY_ROW (widget) && is_dirty (widget))
      g_hash_table_insert (kept->drafts, g_strdup (key),
                           g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
}

/* Puts back what keep() took; the focus goes to @fallback when its widget
 * is gone (a removed row) or cannot take it (Move Up on the first row). */
static void
give_back (GtkListBox *list,
           Kept       *kept,
           GtkWidget  *fallback)
{
  g_autoptr (GHashTable) keyed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, text;
  GtkWidget *focus;

  collect_keyed (GTK_WIDGET (list), keyed);
  g_hash_table_iter_init (&iter, kept->drafts);
  while (g_hash_table_iter_next (&iter, &key, &text))
    {
      GtkWidget *row = g_hash_table_lookup (keyed, key);

      if (row != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), text);   /* marks it dirty again */
    }
  if (kept->focus != NULL)
    {
      focus = g_hash_table_lookup (keyed, kept->focus);
      if (focus == NULL || !gtk_widget_get_sensitive (focus))
        {
          /* The row's name field, else the list's own fallback. */
          g_autofree char *name_key = g_strdup (kept->focus);
          char *slash = strchr (name_key, '/');

          if (slash != NULL)
            strcpy (slash, "/name");
          focus = g_hash_table_lookup (keyed, name_key);
          if (focus == NULL)
            focus = fallback;
        }
      gtk_widget_grab_focus (focus);
    }
  g_clear_pointer (&kept->focus, g_free);
  g_clear_pointer (&kept->drafts, g_hash_table_unref);
}

/* Removes every row but @persistent. */
static void
clear_list (GtkListBox *list,
            GtkWidget  *persistent)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != persistent)
        gtk_list_box_remove (list, child);
      child = next;
    }
}

/* ------------------------------------------------------------------------ */
/* Undo of a removal, and the Removed lists                                 */

static gboolean
restore (VerkStore  *store,
         gint64      id,
         gboolean    is_item,
         GError    **error)
{
  return is_item ? verk_store_restore_item (store, id, error)
                 : verk_store_restore_participant (store, id, error);
}

/* The toast may outlive the editor: it holds the store, not the window. */
static void
on_undo_removal (AdwToast *toast,
                 Removed  *removed)
{
  g_autoptr (GError) error = NULL;

  /* NOT_FOUND: already back (restored from the Removed list while the
   * toast was there) or purged since: nothing to take back */
  if (!restore (removed->store, removed->id, removed->is_item, &error)
      && !g_error_matches (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not undo the removal: %s", error->message);
}

static void
offer_undo (VerkWorkshopEditor *self,
            const char         *title,
            gint64              id,
            gboolean            is_item)
{
  Removed *removed = g_new0 (Removed, 1);

  removed->store = g_object_ref (self->store);
  removed->id = id;
  removed->is_item = is_item;
  verk_toast_show_undo (GTK_WIDGET (self), title, G_CALLBACK (on_undo_removal), removed, removed_free);
}

static void
on_restore_clicked (GtkButton          *button,
                    VerkWorkshopEditor *self)
{
  g_autoptr (GError) error = NULL;

  if (!restore (self->store, id_of (button), g_object_get_data (G_OBJECT (button), "verk-item") != NULL,
                &error))
    show_error (self, NULL, error);
}

static GtkWidget *
removed_row (VerkWorkshopEditor *self,
             const char         *title,
             gint64              id,
             gboolean            is_item)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: the accessible name of a Restore button; %s is a participant or a piece. */
  g_autofree char *label = g_strdup_printf (_("Restore %s"), title);
  GtkWidget *button = gtk_button_new_with_label (_("Restore"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  set_id (button, id);
  if (is_item)
    g_object_set_data (G_OBJECT (button), "verk-item", GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* ------------------------------------------------------------------------ */
/* Participants                                                             */

static void
on_participant_apply (AdwEntryRow        *row,
                      VerkWorkshopEditor *self)
{
  g_autofree char *name = entry_text (row);
  g_autoptr (GError) error = NULL;

  /* Saved first: the store's change signal rebuilds the list (this row
   * with it) before the call returns, and must not keep the text as a draft. */
  mark_saved (GTK_WIDGET (row));
  if (!verk_store_rename_participant (self->store, id_of (row), name, &error))
    {
      on_entry_changed (GTK_WIDGET (row));
      show_error (self, GTK_WIDGET (row), error);
    }
}

static void
on_move_participant (GtkButton          *button,
                     VerkWorkshopEditor *self)
{
  int to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "verk-to"));
  g_autoptr (GError) error = NULL;

  if (!verk_store_move_participant (self->store, id_of (button), to, &error))
    show_error (self, NULL, error);
}

static void
on_remove_participant (GtkButton          *button,
                       VerkWorkshopEditor *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "verk-name");
  g_autofree char *title = g_strdup_printf (_("Removed %s"), name);
  g_autoptr (GError) error = NULL;
  gint64 id = id_of (button);

  if (!verk_store_remove_participant (self->store, id, &error))
    {
      show_error (self, NULL, error);
      return;
    }
  offer_undo (self, title, id, FALSE);
}

static void
on_add_participant (VerkWorkshopEditor *self)
{
  g_autofree char *name = entry_text (self->add_participant_row);
  g_autoptr (GError) error = NULL;

  if (verk_store_add_participant (self->store, self->workshop_id, name, &error) == 0)
    {
      show_error (self, GTK_WIDGET (self->add_participant_row), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_participant_row), "");
  mark_saved (GTK_WIDGET (self->add_participant_row));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_participant_row));
}

static GtkWidget *
participant_row (VerkWorkshopEditor    *self,
                 const VerkParticipant *participant,
                 guint               index,
                 guint               n)
{
  g_autofree char *title = g_strdup_printf (_("Participant %u"), index);
  g_autofree char *shown = verk_page_participant_title (participant, index);
  /* Translators: accessible names of the buttons beside a participant; %s is their name. */
  g_autofree char *up_label = g_strdup_printf (_("Move %s up"), shown);
  g_autofree char *down_label = g_strdup_printf (_("Move %s down"), shown);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), shown);
  GtkWidget *row = entry_row (title, participant->name, G_CALLBACK (on_participant_apply), self);
  GtkWidget *up, *down, *remove;

  set_id (row, participant->id);
  set_key (row, "p%lld/%s", participant->id, "name");

  up = icon_button ("go-up-symbolic", up_label, index > 1, G_CALLBACK (on_move_participant), self);
  set_id (up, participant->id);
  set_key (up, "p%lld/%s", participant->id, "up");
  g_object_set_data (G_OBJECT (up), "verk-to", GINT_TO_POINTER ((int) index - 2));

  down = icon_button ("go-down-symbolic", down_label, index < n, G_CALLBACK (on_move_participant), self);
  set_id (down, participant->id);
  set_key (down, "p%lld/%s", participant->id, "down");
  g_object_set_data (G_OBJECT (down), "verk-to", GINT_TO_POINTER ((int) index));

  remove = icon_button ("user-trash-symbolic", remove_label, TRUE, G_CALLBACK (on_remove_participant), self);
  set_id (remove, participant->id);
  set_key (remove, "p%lld/%s", participant->id, "remove");
  g_object_set_data_full (G_OBJECT (remove), "verk-name", g_strdup (shown), g_free);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), up);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), down);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  return row;
}

/* Whether the model could read the workshop; says why not when it could not. */
static gboolean
model_readable (VerkWorkshopEditor *self)
{
  const GError *error = verk_workshop_model_get_error (self->model);

  if (error != NULL)
    show_error (self, NULL, error);
  return error == NULL;
}

static void
rebuild_participants (VerkWorkshopEditor *self)
{
  GListModel *participants = verk_workshop_model_get_participant_list (self->model);
  GListModel *removed = verk_workshop_model_get_removed_participant_list (self->model);
  guint n = g_list_model_get_n_items (participants);
  Kept kept;

  if (!model_readable (self))
    return;
  keep (self, self->participants_list, &kept);
  clear_list (self->participants_list, GTK_WIDGET (self->add_participant_row));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, i);

      gtk_list_box_insert (self->participants_list,
                           participant_row (self, verk_record_get_participant (record), i + 1, n), (int) i);
    }
  give_back (self->participants_list, &kept, GTK_WIDGET (self->add_participant_row));

  verk_page_list_box_clear (self->removed_participants_list);
  for (guint i = 0; i < g_list_model_get_n_items (removed); i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (removed, i);
      const VerkParticipant *p = verk_record_get_participant (record);
      const char *name = p->name != NULL && p->name[0] != '\0' ? p->name : _("Unnamed participant");

      gtk_list_box_append (self->removed_participants_list, removed_row (self, name, p->id, FALSE));
    }
  gtk_widget_set_visible (self->removed_participants_group, g_list_model_get_n_items (removed) > 0);
}

/* ------------------------------------------------------------------------ */
/* Pieces                                                                   */

/* Saves a piece's name or description; the other keeps its stored text (a
 * draft in it is saved when it is applied itself). */
static void
on_piece_apply (AdwEntryRow        *row,
                VerkWorkshopEditor *self)
{
  gboolean is_name = g_object_get_data (G_OBJECT (row), "verk-description") == NULL;
  g_autofree char *text = entry_text (row);
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkItem) item = verk_store_get_item (self->store, id_of (row), &error);

  mark_saved (GTK_WIDGET (row));   /* first, as in on_participant_apply() */
  if (item == NULL
      || !verk_store_update_item (self->store, item->id, is_name ? text : item->name,
                                  is_name ? item->description : text, &error))
    {
      on_entry_changed (GTK_WIDGET (row));
      show_error (self, GTK_WIDGET (row), error);
    }
}

static void
on_remove_piece (GtkButton          *button,
                 VerkWorkshopEditor *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "verk-name");
  /* Translators: a toast with Undo; %s is a piece of the puzzle. */
  g_autofree char *title = g_strdup_printf (_("Removed the piece %s"), name);
  g_autoptr (GError) error = NULL;
  gint64 id = id_of (button);

  if (!verk_store_remove_item (self->store, id, &error))
    {
      show_error (self, NULL, error);
      return;
    }
  offer_undo (self, title, id, TRUE);
}

static void
on_add_piece (VerkWorkshopEditor *self)
{
  g_autofree char *name = entry_text (self->add_piece_row);
  g_autoptr (GError) error = NULL;

  if (verk_store_add_item (self->store, self->workshop_id, "siq", NULL, name, "", &error) == 0)
    {
      show_error (self, GTK_WIDGET (self->add_piece_row), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_piece_row), "");
  mark_saved (GTK_WIDGET (self->add_piece_row));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_piece_row));
}

/* Two rows per piece: its name (with Remove beside it), then its description. */
static void
append_piece_rows (VerkWorkshopEditor *self,
                   const VerkItem     *item,
                   guint               index,
                   int                *position)
{
  g_autofree char *name_title = item->custom ? g_strdup_printf (_("Piece %u (extra)"), index)
                                             : g_strdup_printf (_("Piece %u"), index);
  g_autofree char *description_title = g_strdup_printf (_("Description of piece %u"), index);
  /* Translators: accessible name of the button that removes a piece; %s is its name. */
  g_autofree char *remove_label = g_strdup_printf (_("Remove the piece %s"), item->name);
  GtkWidget *name = entry_row (name_title, item->name, G_CALLBACK (on_piece_apply), self);
  GtkWidget *description = entry_row (description_title, item->description,
                                      G_CALLBACK (on_piece_apply), self);
  GtkWidget *remove = icon_button ("user-trash-symbolic", remove_label, TRUE,
                                   G_CALLBACK (on_remove_piece), self);

  set_id (name, item->id);
  set_key (name, "i%lld/%s", item->id, "name");
  gtk_widget_add_css_class (name, "verk-piece-name");
  set_id (description, item->id);
  set_key (description, "i%lld/%s", item->id, "description");
  g_object_set_data (G_OBJECT (description), "verk-description", GINT_TO_POINTER (TRUE));
  gtk_widget_add_css_class (description, "verk-piece-description");
  set_id (remove, item->id);
  set_key (remove, "i%lld/%s", item->id, "remove");
  g_object_set_data_full (G_OBJECT (remove), "verk-name", g_strdup (item->name), g_free);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (name), remove);

  gtk_list_box_insert (self->pieces_list, name, (*position)++);
  gtk_list_box_insert (self->pieces_list, description, (*position)++);
}

static void
rebuild_pieces (VerkWorkshopEditor *self)
{
  GListModel *removed = verk_workshop_model_get_removed_piece_list (self->model);
  int position = 0;
  Kept kept;

  if (!model_readable (self))
    return;
  keep (self, self->pieces_list, &kept);
  clear_list (self->pieces_list, GTK_WIDGET (self->add_piece_row));
  for (guint i = 0; i < verk_workshop_model_get_n_pieces (self->model); i++)
    append_piece_rows (self, verk_workshop_model_get_piece (self->model, i)->item, i + 1, &position);
  give_back (self->pieces_list, &kept, GTK_WIDGET (self->add_piece_row));

  verk_page_list_box_clear (self->removed_pieces_list);
  for (guint i = 0; i < g_list_model_get_n_items (removed); i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (removed, i);
      const VerkItem *item = verk_record_get_item (record);

      gtk_list_box_append (self->removed_pieces_list, removed_row (self, item->name, item->id, TRUE));
    }
  gtk_widget_set_visible (self->removed_pieces_group,
                          gtk_widget_get_first_child (GTK_WIDGET (self->removed_pieces_list)) != NULL);
}

/* ------------------------------------------------------------------------ */
/* The workshop's own fields and its group                                  */

static void
refresh_details (VerkWorkshopEditor *self)
{
  const VerkWorkshop *workshop = verk_workshop_model_get_workshop (self->model);
  VerkGroupEntry *entry;
  const VerkGroup *group;

  if (workshop == NULL)
    {
      /* Deleted meanwhile (in another window): nothing left to edit. */
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  self->group_id = workshop->group_id;
  entry = verk_group_list_model_find_group (self->groups, workshop->group_id);
  group = entry != NULL ? verk_group_entry_get_group (entry) : NULL;
  if (group != NULL)
    {
      g_autofree char *subtitle = group->unit != NULL && group->unit[0] != '\0'
                                  ? g_strdup_printf ("%s · %s", group->name, group->unit)
                                  : g_strdup (group->name);

      adw_action_row_set_subtitle (self->group_row, subtitle);
    }
  if (!is_dirty (self->date_row))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), workshop->date);
      mark_saved (GTK_WIDGET (self->date_row));
    }
  if (!is_dirty (self->facilitator_row))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->facilitator_row),
                             workshop->facilitator != NULL ? workshop->facilitator : "");
      mark_saved (GTK_WIDGET (self->facilitator_row));
    }
}

static void
on_workshop_apply (VerkWorkshopEditor *self,
                   AdwEntryRow        *row)
{
  g_autofree char *date = entry_text (self->date_row);
  g_autofree char *facilitator = entry_text (self->facilitator_row);
  g_autoptr (VerkWorkshop) workshop = NULL;
  g_autoptr (GError) error = NULL;

  workshop = verk_store_get_workshop (self->store, self->workshop_id, &error);
  /* Each field saves itself: the other keeps its stored value (or its draft). */
  mark_saved (GTK_WIDGET (row));
  if (workshop == NULL
      || !verk_store_update_workshop (self->store, self->workshop_id,
                                      row == self->date_row ? date : workshop->date,
                                      row == self->facilitator_row ? facilitator : workshop->facilitator,
                                      workshop->notes, &error))
    {
      on_entry_changed (GTK_WIDGET (row));
      show_error (self, GTK_WIDGET (row), error);
    }
}

static void
on_edit_group_clicked (VerkWorkshopEditor *self)
{
  g_autoptr (GError) error = NULL;
  VerkGroupDialog *dialog = verk_group_dialog_new_edit (GTK_WINDOW (self), self->store, self->group_id,
                                                        &error);

  if (dialog == NULL)
    {
      show_error (self, NULL, error);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The model hears of this workshop's edits, and of every group's. */
static void
on_model_changed (VerkWorkshopModel  *model,
                  int                 kind,
                  VerkWorkshopEditor *self)
{
  if (kind == VERK_CHANGE_GROUPS || kind == VERK_CHANGE_WORKSHOP)
    refresh_details (self);
  else if (kind == VERK_CHANGE_PARTICIPANTS)
    rebuild_participants (self);
  else if (kind == VERK_CHANGE_ITEMS)
    rebuild_pieces (self);
}

/* ------------------------------------------------------------------------ */
/* Saving what was typed but not applied, on closing                        */

static gboolean
flush_row (GtkWidget *row)
{
  if (!is_dirty (row))
    return TRUE;
  g_signal_emit_by_name (row, "apply");
  return !is_dirty (row);
}

static gboolean
flush_list (GtkListBox *list,
            GtkWidget  *skip)
{
  g_autoptr (GHashTable) keyed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer widget;
  gboolean all = TRUE;

  collect_keyed (GTK_WIDGET (list), keyed);
  g_hash_table_iter_init (&iter, keyed);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    if (widget != skip && ADW_IS_ENTRY_ROW (widget))
      all &= flush_row (widget);
  return all;
}

static gboolean
flush_add_row (VerkWorkshopEditor *self,
               AdwEntryRow        *row,
               void              (*add) (VerkWorkshopEditor *self))
{
  g_autofree char *text = entry_text (row);

  if (text[0] == '\0')
    return TRUE;
  add (self);
  return gtk_editable_get_text (GTK_EDITABLE (row))[0] == '\0';   /* cleared once added */
}

static gboolean
verk_workshop_editor_close_request (GtkWindow *window)
{
  VerkWorkshopEditor *self = VERK_WORKSHOP_EDITOR (window);
  gboolean saved = TRUE;

  /* Applying rebuilds the lists: stop following the model first. */
  g_signal_group_block (self->model_signals);
  saved &= flush_row (GTK_WIDGET (self->date_row));
  saved &= flush_row (GTK_WIDGET (self->facilitator_row));
  saved &= flush_list (self->participants_list, NULL);
  saved &= flush_list (self->pieces_list, NULL);
  /* A name typed into an Add row but not added yet is added now. */
  saved &= flush_add_row (self, self->add_participant_row, on_add_participant);
  saved &= flush_add_row (self, self->add_piece_row, on_add_piece);
  if (!saved)
    {
      /* Something was refused: stay open with the text and the message. */
      g_signal_group_unblock (self->model_signals);
      rebuild_participants (self);
      rebuild_pieces (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (verk_workshop_editor_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------------ */

static GtkWidget *
add_row (const char *title,
         const char *button_label,
         const char *key,
         GCallback   on_add,
         gpointer    user_data)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_button_new_with_label (button_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), KEY, g_strdup (key), g_free);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", on_add, user_data);
  g_signal_connect_swapped (row, "entry-activated", on_add, user_data);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  return row;
}

static void
verk_workshop_editor_dispose (GObject *object)
{
  VerkWorkshopEditor *self = VERK_WORKSHOP_EDITOR (object);

  g_clear_object (&self->model_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->groups);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_WORKSHOP_EDITOR);

  G_OBJECT_CLASS (verk_workshop_editor_parent_class)->dispose (object);
}

static void
verk_workshop_editor_class_init (VerkWorkshopEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = verk_workshop_editor_dispose;
  window_class->close_request = verk_workshop_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-workshop-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, group_row);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, facilitator_row);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, participants_list);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, removed_participants_group);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, removed_participants_list);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, pieces_list);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, removed_pieces_group);
  gtk_widget_class_bind_template_child (widget_class, VerkWorkshopEditor, removed_pieces_list);
  gtk_widget_class_bind_template_callback (widget_class, on_workshop_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_group_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verk_workshop_editor_init (VerkWorkshopEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->add_participant_row = ADW_ENTRY_ROW (add_row (_("New participant’s name (optional)"),
                                                      _("Add Participant"), "add-participant",
                                                      G_CALLBACK (on_add_participant), self));
  gtk_list_box_append (self->participants_list, GTK_WIDGET (self->add_participant_row));
  self->add_piece_row = ADW_ENTRY_ROW (add_row (_("New piece’s name"), _("Add Piece"), "add-piece",
                                                G_CALLBACK (on_add_piece), self));
  gtk_list_box_append (self->pieces_list, GTK_WIDGET (self->add_piece_row));
  g_signal_connect (self->date_row, "changed", G_CALLBACK (on_entry_changed), NULL);
  g_signal_connect (self->facilitator_row, "changed", G_CALLBACK (on_entry_changed), NULL);
  self->model_signals = g_signal_group_new (VERK_TYPE_WORKSHOP_MODEL);
  g_signal_group_connect (self->model_signals, "changed", G_CALLBACK (on_model_changed), self);
}

/**
 * verk_workshop_editor_new:
 * @parent: the window to be modal for
 * @groups: the window's groups and workshops, on the store the workshop is in
 * @workshop_id: the workshop to edit
 *
 * Returns: (transfer none) (nullable): a new editor, not yet shown, or NULL
 *   with @error set when the workshop cannot be read.
 */
VerkWorkshopEditor *
verk_workshop_editor_new (GtkWindow          *parent,
                          VerkGroupListModel *groups,
                          gint64              workshop_id,
                          GError            **error)
{
  g_autoptr (VerkWorkshopModel) model = NULL;
  VerkWorkshopEditor *self;
  VerkStore *store;

  g_return_val_if_fail (VERK_IS_GROUP_LIST_MODEL (groups), NULL);

  store = verk_group_list_model_get_store (groups);

  model = verk_workshop_model_new (store);
  if (!verk_workshop_model_set_workshop_id (model, workshop_id, error))
    return NULL;
  self = g_object_new (VERK_TYPE_WORKSHOP_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->groups = g_object_ref (groups);
  self->model = g_steal_pointer (&model);
  self->workshop_id = workshop_id;
  /* A group renamed: the group model has read it again by then. */
  g_signal_connect_object (groups, "changed", G_CALLBACK (refresh_details), self, G_CONNECT_SWAPPED);
  refresh_details (self);
  rebuild_participants (self);
  rebuild_pieces (self);
  g_signal_group_set_target (self->model_signals, self->model);
  return self;
}
