/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-material-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-format.h"
#include "verk-material-page.h"
#include "verk-window.h"

/* Edits are saved this long after the last key press, and at once when the
 * field loses focus or the page goes away. */
#define SAVE_DELAY_MS 400

enum {
  FIELD_STRENGTHS,
  FIELD_DEVELOPMENT,
  FIELD_OBSTACLES,
  FIELD_REMOVERS,
  N_FIELDS
};

static const char * const field_titles[N_FIELDS] = {
  N_("Strengths"),
  N_("Development areas"),
  N_("Obstacles"),
  N_("Who can remove them"),
};

static const char * const field_hints[N_FIELDS] = {
  N_("What do we already do well here?"),
  N_("What do we need to get better at?"),
  N_("What stands in the way?"),
  N_("Who can remove the obstacles, and how?"),
};

typedef struct _VerkMaterialPage VerkMaterialPage;

/* One platform part's four reflection fields. */
typedef struct {
  VerkMaterialPage *page;       /* borrowed */
  char             *part_key;
  GtkTextBuffer    *buffers[N_FIELDS];
  guint             save_id;
} PartReflection;

struct _VerkMaterialPage
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkWidget       *scroller;
  GtkLabel        *title_label;
  GtkToggleButton *score_toggle;
  GtkBox          *parts_box;
  GtkLabel        *whole_title_label;
  GtkLabel        *whole_text_label;
  GtkLabel        *whole_motto_label;
  GtkStack        *reflections_stack;
  GtkLabel        *program_title_label;
  GtkLabel        *promise_label;
  GtkLabel        *context_label;
  GtkLabel        *method_title_label;
  GtkBox          *method_box;
  GtkLabel        *values_source_label;
  GtkLabel        *recipients_label;
  GtkListBox      *modules_list;

  /* owned */
  VerkSession     *session;
  VerkStore       *store;
  VerkContent     *content;
  gulong           workshop_handler;
  gulong           changed_handler;
  gint64           workshop_id;
  GPtrArray       *reflections;         /* PartReflection, one per part */
  GPtrArray       *expectation_boxes;   /* GtkBox per part, borrowed */
  GHashTable      *score_buttons;       /* gint64* item id → GPtrArray of 5 GtkToggleButton */
  GHashTable      *rationales;          /* gint64* item id → char* (kept when scoring) */
  GPtrArray       *score_revealers;     /* the rows of score buttons, borrowed */

  gboolean         loading;             /* filling widgets from the store: do not save */
};

G_DEFINE_FINAL_TYPE (VerkMaterialPage, verk_material_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
report_error (VerkMaterialPage *self,
              const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (VERK_IS_WINDOW (root))
    verk_window_show_toast (VERK_WINDOW (root), error->message);
  else
    g_warning ("%s", error->message);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_reflection (PartReflection *reflection)
{
  VerkMaterialPage *self = reflection->page;
  g_autofree char *strengths = NULL, *development = NULL, *obstacles = NULL, *removers = NULL;
  g_autoptr (GError) error = NULL;
  VerkReflection record = { 0 };

  g_clear_handle_id (&reflection->save_id, g_source_remove);
  if (self->store == NULL || self->workshop_id == 0)
    return;

  strengths = buffer_text (reflection->buffers[FIELD_STRENGTHS]);
  development = buffer_text (reflection->buffers[FIELD_DEVELOPMENT]);
  obstacles = buffer_text (reflection->buffers[FIELD_OBSTACLES]);
  removers = buffer_text (reflection->buffers[FIELD_REMOVERS]);
  record.workshop_id = self->workshop_id;
  record.part = reflection->part_key;
  record.strengths = strengths;
  record.development = development;
  record.obstacles = obstacles;
  record.removers = removers;

  /* On failure (e.g. text over the limit) the text stays in the field, so
   * nothing typed is lost; the message says what to change. */
  if (!verk_store_set_reflection (self->store, &record, &error))
    report_error (self, error);
}

static gboolean
save_timeout (gpointer data)
{
  PartReflection *reflection = data;

  reflection->save_id = 0;
  save_reflection (reflection);
  return G_SOURCE_REMOVE;
}

static void
flush_saves (VerkMaterialPage *self)
{
  for (guint i = 0; self->reflections != NULL && i < self->reflections->len; i++)
    {
      PartReflection *reflection = g_ptr_array_index (self->reflections, i);

      if (reflection->save_id != 0)
        save_reflection (reflection);
    }
}

static void
on_buffer_changed (GtkTextBuffer  *buffer,
                   PartReflection *reflection)
{
  if (reflection->page->loading)
    return;
  g_clear_handle_id (&reflection->save_id, g_source_remove);
  reflection->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, reflection);
}

static void
on_field_focus_leave (GtkEventControllerFocus *controller,
                      PartReflection          *reflection)
{
  if (reflection->save_id != 0)
    save_reflection (reflection);
}

static void
part_reflection_free (PartReflection *reflection)
{
  g_clear_handle_id (&reflection->save_id, g_source_remove);
  g_free (reflection->part_key);
  g_free (reflection);
}

static void
load_reflections (VerkMaterialPage *self)
{
  g_autoptr (GPtrArray) records = NULL;

  self->loading = TRUE;
  if (self->store != NULL && self->workshop_id != 0)
    records = verk_store_list_reflections (self->store, self->workshop_id, NULL);

  for (guint i = 0; i < self->reflections->len; i++)
    {
      PartReflection *reflection = g_ptr_array_index (self->reflections, i);
      const char *texts[N_FIELDS] = { "", "", "", "" };

      for (guint j = 0; records != NULL && j < records->len; j++)
        {
          VerkReflection *record = g_ptr_array_index (records, j);

          if (g_strcmp0 (record->part, reflection->part_key) != 0)
            continue;
          texts[FIELD_STRENGTHS] = record->strengths != NULL ? record->strengths : "";
          texts[FIELD_DEVELOPMENT] = record->development != NULL ? record->development : "";
          texts[FIELD_OBSTACLES] = record->obstacles != NULL ? record->obstacles : "";
          texts[FIELD_REMOVERS] = record->removers != NULL ? record->removers : "";
        }
      for (guint f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *current = buffer_text (reflection->buffers[f]);

          if (g_strcmp0 (current, texts[f]) != 0)
            gtk_text_buffer_set_text (reflection->buffers[f], texts[f], -1);
        }
    }
  self->loading = FALSE;
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Scores */

static void
on_score_button_toggled (GtkToggleButton  *button,
                         VerkMaterialPage *self)
{
  gint64 item_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "verk-item-id");
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "verk-value"));
  GPtrArray *buttons = g_hash_table_lookup (self->score_buttons, &item_id);
  g_autoptr (GError) error = NULL;
  gboolean active = gtk_toggle_button_get_active (button);

  if (self->loading || buttons == NULL)
    return;

  /* One score per expectation; pressing the chosen one again clears it. */
  self->loading = TRUE;
  for (guint i = 0; i < buttons->len; i++)
    if (buttons->pdata[i] != button)
      gtk_toggle_button_set_active (buttons->pdata[i], FALSE);
  self->loading = FALSE;

  if (!verk_store_set_agreed (self->store, item_id, active ? value : 0,
                              g_hash_table_lookup (self->rationales, &item_id), &error))
    report_error (self, error);
}

static GtkWidget *
score_buttons_new (VerkMaterialPage *self,
                   VerkItem         *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GPtrArray *buttons = g_ptr_array_new ();
  gint64 *key = g_new (gint64, 1);

  *key = item->id;
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_start (box, 16);
  for (int value = 1; value <= 5; value++)
    {
      g_autofree char *label = g_strdup_printf ("%d", value);
      /* Translators: an expectation's name, then a score: "Styra och påverka: 3 av 5". */
      g_autofree char *name = g_strdup_printf (_("%s: %d of 5"), item->name, value);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);
      gint64 *id = g_new (gint64, 1);

      *id = item->id;
      g_object_set_data_full (G_OBJECT (button), "verk-item-id", id, g_free);
      g_object_set_data (G_OBJECT (button), "verk-value", GINT_TO_POINTER (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (button, name);
      gtk_widget_add_css_class (button, "verk-score-button");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), item->agreed == value);
      g_signal_connect (button, "toggled", G_CALLBACK (on_score_button_toggled), self);
      gtk_box_append (GTK_BOX (box), button);
      g_ptr_array_add (buttons, button);
    }
  g_hash_table_insert (self->score_buttons, key, buttons);
  g_hash_table_insert (self->rationales, g_memdup2 (key, sizeof *key), g_strdup (item->rationale));
  return box;
}

static GtkWidget *
expectation_row (VerkMaterialPage *self,
                 const char       *text,
                 VerkItem         *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *label = label_new (text, "verk-expectation");

  /* A hanging bullet, so wrapped lines stay indented under the text. */
  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_add_css_class (bullet, "verk-expectation");
  gtk_accessible_update_property (GTK_ACCESSIBLE (bullet), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), bullet);
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (row), line);

  if (item != NULL)
    {
      /* Hidden, not just collapsed, so that unused scores take no width. */
      GtkWidget *buttons = score_buttons_new (self, item);

      gtk_widget_set_visible (buttons, gtk_toggle_button_get_active (self->score_toggle));
      gtk_box_append (GTK_BOX (row), buttons);
      g_ptr_array_add (self->score_revealers, buttons);
    }
  return row;
}

/* The expectations are the workshop's own copies (framework "platform", keys
 * "<part key>.N") so that an organisation's edits show; a workshop without
 * them shows the content pack's text, without scores. */
static void
load_expectations (VerkMaterialPage *self)
{
  g_autoptr (GPtrArray) items = NULL;
  gboolean any_scored = FALSE;

  g_hash_table_remove_all (self->score_buttons);
  g_hash_table_remove_all (self->rationales);
  g_ptr_array_set_size (self->score_revealers, 0);

  if (self->store != NULL && self->workshop_id != 0)
    items = verk_store_list_items (self->store, self->workshop_id, "platform", NULL);

  self->loading = TRUE;
  for (guint p = 0; p < self->expectation_boxes->len; p++)
    {
      GtkBox *box = g_ptr_array_index (self->expectation_boxes, p);
      const VerkContentPart *part = verk_content_get_part (self->content, p);
      g_autofree char *prefix = g_strconcat (part->key, ".", NULL);
      GtkWidget *child;
      guint shown = 0;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
        gtk_box_remove (box, child);

      for (guint i = 0; items != NULL && i < items->len; i++)
        {
          VerkItem *item = g_ptr_array_index (items, i);

          if (item->key == NULL || !g_str_has_prefix (item->key, prefix))
            continue;
          gtk_box_append (box, expectation_row (self, item->name, item));
          any_scored |= item->agreed != 0;
          shown++;
        }
      if (shown == 0)
        for (guint i = 0; i < part->n_expectations; i++)
          gtk_box_append (box, expectation_row (self, part->expectations[i].name, NULL));
    }
  self->loading = FALSE;

  /* Scores already given are shown without asking. */
  if (any_scored && !gtk_toggle_button_get_active (self->score_toggle))
    gtk_toggle_button_set_active (self->score_toggle, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->score_toggle), g_hash_table_size (self->score_buttons) > 0);
}

static void
update_scores (VerkMaterialPage *self)
{
  g_autoptr (GPtrArray) items = verk_store_list_items (self->store, self->workshop_id, "platform", NULL);

  self->loading = TRUE;
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      GPtrArray *buttons = g_hash_table_lookup (self->score_buttons, &item->id);

      for (guint b = 0; buttons != NULL && b < buttons->len; b++)
        gtk_toggle_button_set_active (buttons->pdata[b], item->agreed == (int) b + 1);
      if (buttons != NULL)
        g_hash_table_insert (self->rationales, g_memdup2 (&item->id, sizeof item->id),
                             g_strdup (item->rationale));
    }
  self->loading = FALSE;
}

static void
on_score_toggled (VerkMaterialPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->score_toggle);

  for (guint i = 0; i < self->score_revealers->len; i++)
    gtk_widget_set_visible (self->score_revealers->pdata[i], active);
}

/* Store and session */

static gboolean
any_field_focused (VerkMaterialPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return GTK_IS_TEXT_VIEW (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

static void
on_store_changed (VerkStore        *store,
                  int               kind,
                  gint64            workshop_id,
                  VerkMaterialPage *self)
{
  if (workshop_id != 0 && workshop_id != self->workshop_id)
    return;

  switch (kind)
    {
    case VERK_CHANGE_ITEMS:
      load_expectations (self);
      break;
    case VERK_CHANGE_SCORES:
      update_scores (self);
      break;
    case VERK_CHANGE_REFLECTIONS:
      /* Someone else's edit (another window): take it unless the group is
       * typing here right now. */
      if (!any_field_focused (self))
        {
          gboolean pending = FALSE;

          for (guint i = 0; i < self->reflections->len; i++)
            pending |= ((PartReflection *) self->reflections->pdata[i])->save_id != 0;
          if (!pending)
            load_reflections (self);
        }
      break;
    default:
      break;
    }
}

static void
load_workshop (VerkMaterialPage *self)
{
  gint64 workshop_id = self->session != NULL ? verk_session_get_workshop_id (self->session) : 0;

  flush_saves (self);
  self->workshop_id = workshop_id;
  load_expectations (self);
  load_reflections (self);
}

static void
set_session (VerkMaterialPage *self,
             VerkSession      *session)
{
  if (self->session == session)
    return;

  flush_saves (self);
  if (self->session != NULL)
    g_clear_signal_handler (&self->workshop_handler, self->session);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->store = g_object_ref (verk_session_get_store (session));
      self->workshop_handler = g_signal_connect_swapped (session, "notify::workshop-id",
                                                         G_CALLBACK (load_workshop), self);
      self->changed_handler = g_signal_connect (self->store, "changed",
                                                G_CALLBACK (on_store_changed), self);
    }
  load_workshop (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* Building the static parts from the content pack */


static GtkWidget *
part_card (VerkMaterialPage      *self,
           const VerkContentPart *part)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *expectations = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = label_new (part->name, "verk-part-title");
  GtkWidget *trait;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "verk-part");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), label_new (part->summary, "verk-part-summary"));
  gtk_box_append (GTK_BOX (card), label_new (verk_content_get_expected_label (self->content),
                                             "verk-part-expected"));
  gtk_widget_set_vexpand (expectations, TRUE);
  gtk_box_append (GTK_BOX (card), expectations);
  g_ptr_array_add (self->expectation_boxes, expectations);
  trait = label_new (part->trait, "verk-trait");
  gtk_box_append (GTK_BOX (card), trait);
  return card;
}

static GtkWidget *
reflection_page (VerkMaterialPage      *self,
                 const VerkContentPart *part)
{
  GtkWidget *grid = gtk_grid_new ();
  PartReflection *reflection = g_new0 (PartReflection, 1);

  reflection->page = self;
  reflection->part_key = g_strdup (part->key);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);

  for (guint f = 0; f < N_FIELDS; f++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = label_new (_(field_titles[f]), "verk-field-title");
      GtkWidget *hint = label_new (_(field_hints[f]), "dim-label");
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      /* Translators: the part, then the field: "Säker chef: Styrkor". */
      g_autofree char *name = g_strdup_printf (_("%s: %s"), part->name, _(field_titles[f]));

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_widget_set_size_request (view, -1, 110);
      gtk_widget_add_css_class (view, "verk-reflection");
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(field_hints[f]), -1);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      reflection->buffers[f] = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      g_signal_connect (reflection->buffers[f], "changed", G_CALLBACK (on_buffer_changed), reflection);
      g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_leave), reflection);
      gtk_widget_add_controller (view, focus);

      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), hint);
      gtk_box_append (GTK_BOX (box), frame);
      gtk_grid_attach (GTK_GRID (grid), box, f % 2, f / 2, 1, 1);
    }

  g_ptr_array_add (self->reflections, reflection);
  return grid;
}

static GtkWidget *
module_row (const VerkContentModule *module)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *days = NULL;

  if (module->days == 1.0)
    days = g_strdup (_("1 day"));
  else
    {
      /* The UI language's decimal mark, "1,5 dagar" in Swedish; %g would
       * follow LC_NUMERIC, which stays C when only LANGUAGE is Swedish. */
      g_autofree char *number = verk_format_decimal (module->days, -1);

      /* Translators: a module's length; %s is a number such as 1.5. */
      days = g_strdup_printf (_("%s days"), number);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), module->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), module->purpose);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (days));
  return row;
}

/* SIQ's four steps as a numbered list; each step's page opens with its own. */
static void
build_method (VerkMaterialPage *self)
{
  gtk_label_set_label (self->method_title_label, verk_content_get_method_title (self->content));
  for (VerkMethodStep step = 0; step < VERK_METHOD_N_STEPS; step++)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      g_autofree char *number = g_strdup_printf ("%d.", step + 1);
      GtkWidget *n = gtk_label_new (number);
      GtkWidget *text = label_new (verk_content_get_method_step (self->content, step), "verk-method-step");

      gtk_widget_set_valign (n, GTK_ALIGN_START);
      gtk_widget_add_css_class (n, "verk-method-step");
      gtk_widget_add_css_class (n, "heading");
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (line), n);
      gtk_box_append (GTK_BOX (line), text);
      gtk_box_append (self->method_box, line);
    }
  gtk_label_set_label (self->values_source_label, verk_content_get_values_source (self->content));
  gtk_label_set_label (self->recipients_label, verk_content_get_recipients_note (self->content));
}

static void
build_content (VerkMaterialPage *self)
{
  const char *whole_title = NULL, *whole_text = NULL, *whole_motto = NULL;
  g_autoptr (GError) error = NULL;

  self->content = verk_content_new (NULL, &error);
  if (self->content == NULL)
    {
      g_warning ("The built-in workshop material could not be read: %s", error->message);
      return;
    }

  gtk_label_set_label (self->title_label, verk_content_get_platform_title (self->content));
  for (guint p = 0; p < verk_content_get_n_parts (self->content); p++)
    {
      const VerkContentPart *part = verk_content_get_part (self->content, p);

      gtk_box_append (self->parts_box, part_card (self, part));
      gtk_stack_add_titled (self->reflections_stack, reflection_page (self, part), part->key,
                            part->name);
    }

  gtk_label_set_label (self->promise_label, verk_content_get_platform_promise (self->content));
  gtk_label_set_label (self->context_label, verk_content_get_platform_context (self->content));
  build_method (self);

  verk_content_get_whole (self->content, &whole_title, &whole_text, &whole_motto);
  gtk_label_set_label (self->whole_title_label, whole_title);
  gtk_label_set_label (self->whole_text_label, whole_text);
  gtk_label_set_label (self->whole_motto_label, whole_motto);

  gtk_label_set_label (self->program_title_label, verk_content_get_program_title (self->content));
  for (guint m = 0; m < verk_content_get_n_modules (self->content); m++)
    gtk_list_box_append (self->modules_list, module_row (verk_content_get_module (self->content, m)));
}

static void
verk_material_page_dispose (GObject *object)
{
  VerkMaterialPage *self = VERK_MATERIAL_PAGE (object);

  /* Whatever was typed last reaches the database before the page goes. */
  set_session (self, NULL);
  g_clear_pointer (&self->reflections, g_ptr_array_unref);
  g_clear_pointer (&self->score_buttons, g_hash_table_unref);
  g_clear_pointer (&self->rationales, g_hash_table_unref);
  g_clear_pointer (&self->score_revealers, g_ptr_array_unref);
  g_clear_pointer (&self->expectation_boxes, g_ptr_array_unref);
  g_clear_object (&self->content);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_MATERIAL_PAGE);

  G_OBJECT_CLASS (verk_material_page_parent_class)->dispose (object);
}

static void
verk_material_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VerkMaterialPage *self = VERK_MATERIAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_material_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VerkMaterialPage *self = VERK_MATERIAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_material_page_class_init (VerkMaterialPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_material_page_dispose;
  object_class->get_property = verk_material_page_get_property;
  object_class->set_property = verk_material_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, VERK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-material-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, score_toggle);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, parts_box);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, whole_title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, whole_text_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, whole_motto_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, reflections_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, program_title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, promise_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, method_title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, method_box);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, values_source_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, recipients_label);
  gtk_widget_class_bind_template_child (widget_class, VerkMaterialPage, modules_list);
  gtk_widget_class_bind_template_callback (widget_class, on_score_toggled);
}

static void
verk_material_page_init (VerkMaterialPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->reflections = g_ptr_array_new_with_free_func ((GDestroyNotify) part_reflection_free);
  self->expectation_boxes = g_ptr_array_new ();
  self->score_revealers = g_ptr_array_new ();
  self->score_buttons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  self->rationales = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  build_content (self);
  gtk_widget_set_visible (GTK_WIDGET (self->score_toggle), FALSE);
}

/**
 * verk_material_page_new:
 *
 * Returns: a new material page; set its session to show a workshop.
 */
VerkMaterialPage *
verk_material_page_new (void)
{
  return g_object_new (VERK_TYPE_MATERIAL_PAGE, NULL);
}
