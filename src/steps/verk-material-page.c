/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-material-page"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-field-saver.h"
#include "verk-format.h"
#include "verk-material-page.h"
#include "verk-page-util.h"
#include "verk-text.h"

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

/* As the store names them in its messages. */
static const char * const field_subjects[N_FIELDS] = {
  N_("the strengths"),
  N_("the areas to develop"),
  N_("the obstacles"),
  N_("who can remove the obstacles"),
};

static const char * const field_hints[N_FIELDS] = {
  N_("What do we already do well here?"),
  N_("What do we need to get better at?"),
  N_("What stands in the way?"),
  N_("Who can remove the obstacles, and how?"),
};

typedef struct _PartReflection PartReflection;

/* One reflection field, saved as it is typed. */
typedef struct {
  PartReflection   *part;       /* borrowed: the part it belongs to */
  guint             field;      /* FIELD_* */
  VerkFieldSaver   *saver;
} ReflectionField;

/* One platform part's four reflection fields. */
struct _PartReflection {
  VerkMaterialPage *page;       /* borrowed */
  char             *part_key;
  VerkReflection   *stored;     /* as last read from the model, NULL for none; the
                                 * other fields' texts when one field is saved */
  ReflectionField   fields[N_FIELDS];
};

struct _VerkMaterialPage
{
  VerkStepPage     parent_instance;

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
  VerkWorkshopModel *model;             /* the session's */
  VerkContent     *content;
  GSignalGroup    *model_signals;       /* on the model */
  GPtrArray       *reflections;         /* PartReflection, one per part */
  GPtrArray       *expectation_boxes;   /* GtkBox per part, borrowed */
  GHashTable      *score_buttons;       /* gint64* item id → GPtrArray of 5 GtkToggleButton */
  GPtrArray       *score_revealers;     /* the rows of score buttons, borrowed */
};

G_DEFINE_FINAL_TYPE (VerkMaterialPage, verk_material_page, VERK_TYPE_STEP_PAGE)

static const char *
text_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* The stored text of one field of a part's reflection, as last read. */
static const char *
stored_text (PartReflection *reflection,
             guint           field)
{
  const VerkReflection *record = reflection->stored;

  if (record == NULL)
    return "";
  switch (field)
    {
    case FIELD_STRENGTHS:
      return text_or_empty (record->strengths);
    case FIELD_DEVELOPMENT:
      return text_or_empty (record->development);
    case FIELD_OBSTACLES:
      return text_or_empty (record->obstacles);
    default:
      return text_or_empty (record->removers);
    }
}

static gboolean
validate_field (const char  *text,
                gint64       id,
                gpointer     user_data,
                GError     **error)
{
  ReflectionField *field = user_data;

  return verk_text_validate (text, -1, VERK_TEXT_MAX_LONG, _(field_subjects[field->field]), error);
}

/* Stores one field: the part's reflection as stored, with this field's text.
 * @workshop_id: the workshop the text was typed in (the saver's id): when the
 * session moves on, the model has read the next one before this is saved. */
static gboolean
save_field (const char  *text,
            gint64       workshop_id,
            gpointer     user_data,
            GError     **error)
{
  ReflectionField *field = user_data;
  PartReflection *part = field->part;
  VerkStore *store = verk_step_page_get_store (VERK_STEP_PAGE (part->page));
  VerkReflection record = {
    .workshop_id = workshop_id,
    .part = part->part_key,
    .strengths = (char *) stored_text (part, FIELD_STRENGTHS),
    .development = (char *) stored_text (part, FIELD_DEVELOPMENT),
    .obstacles = (char *) stored_text (part, FIELD_OBSTACLES),
    .removers = (char *) stored_text (part, FIELD_REMOVERS),
  };
  char **texts[N_FIELDS] = { &record.strengths, &record.development, &record.obstacles, &record.removers };

  if (store == NULL || workshop_id == 0)
    return TRUE;
  if (g_strcmp0 (*texts[field->field], text) == 0)
    return TRUE;
  *texts[field->field] = (char *) text;
  /* On failure the text stays in the field with the message under it. */
  return verk_store_set_reflection (store, &record, error);
}

static void
flush_saves (VerkMaterialPage *self)
{
  for (guint i = 0; self->reflections != NULL && i < self->reflections->len; i++)
    {
      PartReflection *reflection = g_ptr_array_index (self->reflections, i);

      for (guint f = 0; f < N_FIELDS; f++)
        verk_field_saver_flush (reflection->fields[f].saver);
    }
}

static void
part_reflection_free (PartReflection *reflection)
{
  for (guint f = 0; f < N_FIELDS; f++)
    g_clear_object (&reflection->fields[f].saver);
  g_clear_pointer (&reflection->stored, verk_reflection_free);
  g_free (reflection->part_key);
  g_free (reflection);
}

static void
read_stored (VerkMaterialPage *self,
             PartReflection   *reflection)
{
  const VerkReflection *record = self->model != NULL
                                 ? verk_workshop_model_find_reflection (self->model, reflection->part_key) : NULL;

  g_clear_pointer (&reflection->stored, verk_reflection_free);
  if (record != NULL)
    reflection->stored = verk_reflection_copy (record);
}

/* The stored reflections, in every field the group is not typing in. */
static void
load_reflections (VerkMaterialPage *self)
{
  for (guint i = 0; i < self->reflections->len; i++)
    {
      PartReflection *reflection = g_ptr_array_index (self->reflections, i);

      read_stored (self, reflection);
      for (guint f = 0; f < N_FIELDS; f++)
        verk_field_saver_set_stored (reflection->fields[f].saver, stored_text (reflection, f));
    }
}

/* Another workshop: every field shows its text, even the one with the focus;
 * what was typed was saved before (flush). */
static void
show_reflections (VerkMaterialPage *self)
{
  gint64 workshop_id = verk_step_page_get_workshop_id (VERK_STEP_PAGE (self));

  for (guint i = 0; i < self->reflections->len; i++)
    {
      PartReflection *reflection = g_ptr_array_index (self->reflections, i);

      read_stored (self, reflection);
      for (guint f = 0; f < N_FIELDS; f++)
        {
          verk_field_saver_discard (reflection->fields[f].saver);
          verk_field_saver_show (reflection->fields[f].saver, workshop_id, stored_text (reflection, f), FALSE);
        }
    }
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

static void on_score_button_toggled (GtkToggleButton *button, VerkMaterialPage *self);

/* Shows a score as pressed or not, without storing it. */
static void
set_pressed (VerkMaterialPage *self,
             GtkToggleButton  *button,
             gboolean          pressed)
{
  g_signal_handlers_block_by_func (button, on_score_button_toggled, self);
  gtk_toggle_button_set_active (button, pressed);
  g_signal_handlers_unblock_by_func (button, on_score_button_toggled, self);
}

static void
on_score_button_toggled (GtkToggleButton  *button,
                         VerkMaterialPage *self)
{
  gint64 item_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "verk-item-id");
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "verk-value"));
  GPtrArray *buttons = g_hash_table_lookup (self->score_buttons, &item_id);
  const VerkItem *item = self->model != NULL ? verk_workshop_model_find_item (self->model, item_id) : NULL;
  g_autoptr (GError) error = NULL;
  gboolean active = gtk_toggle_button_get_active (button);

  if (buttons == NULL)
    return;

  /* One score per expectation; pressing the chosen one again clears it. */
  for (guint i = 0; i < buttons->len; i++)
    if (buttons->pdata[i] != button)
      set_pressed (self, buttons->pdata[i], FALSE);

  if (!verk_store_set_agreed (verk_step_page_get_store (VERK_STEP_PAGE (self)), item_id, active ? value : 0,
                              item != NULL ? item->rationale : NULL, &error))
    verk_page_toast_error (GTK_WIDGET (self), error);
}

static GtkWidget *
score_buttons_new (VerkMaterialPage *self,
                   const VerkItem   *item)
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
  return box;
}

static GtkWidget *
expectation_row (VerkMaterialPage *self,
                 const char       *text,
                 const VerkItem   *item)
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
  GListModel *items = self->model != NULL ? verk_workshop_model_get_expectation_list (self->model) : NULL;
  guint n_items = items != NULL ? g_list_model_get_n_items (items) : 0;
  gboolean any_scored = FALSE;

  g_hash_table_remove_all (self->score_buttons);
  g_ptr_array_set_size (self->score_revealers, 0);

  for (guint p = 0; p < self->expectation_boxes->len; p++)
    {
      GtkBox *box = g_ptr_array_index (self->expectation_boxes, p);
      const VerkContentPart *part = verk_content_get_part (self->content, p);
      g_autofree char *prefix = g_strconcat (part->key, ".", NULL);
      GtkWidget *child;
      guint shown = 0;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
        gtk_box_remove (box, child);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr (VerkRecord) record = g_list_model_get_item (items, i);
          const VerkItem *item = verk_record_get_piece (record)->item;

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

  /* Scores already given are shown without asking. */
  if (any_scored && !gtk_toggle_button_get_active (self->score_toggle))
    gtk_toggle_button_set_active (self->score_toggle, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->score_toggle), g_hash_table_size (self->score_buttons) > 0);
}

static void
update_scores (VerkMaterialPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->score_buttons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const VerkItem *item = verk_workshop_model_find_item (self->model, *(gint64 *) key);
      GPtrArray *buttons = value;

      for (guint b = 0; b < buttons->len; b++)
        set_pressed (self, buttons->pdata[b], item != NULL && item->agreed == (int) b + 1);
    }
}

static void
on_score_toggled (VerkMaterialPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->score_toggle);

  for (guint i = 0; i < self->score_revealers->len; i++)
    gtk_widget_set_visible (self->score_revealers->pdata[i], active);
}

/* Model and session */

static void
load_workshop (VerkMaterialPage *self)
{
  load_expectations (self);
  show_reflections (self);
}

static void
on_model_changed (VerkWorkshopModel *model,
                  int                kind,
                  VerkMaterialPage  *self)
{
  switch (kind)
    {
    case VERK_CHANGE_GROUPS:
    case VERK_CHANGE_WORKSHOP:
      /* Loaded for another workshop: workshop_changed follows, after flush. */
      if (verk_workshop_model_get_workshop_id (model) != verk_step_page_get_workshop_id (VERK_STEP_PAGE (self)))
        return;
      load_expectations (self);
      load_reflections (self);
      break;
    case VERK_CHANGE_ITEMS:
      load_expectations (self);
      break;
    case VERK_CHANGE_SCORES:
      update_scores (self);
      break;
    case VERK_CHANGE_REFLECTIONS:
      /* Someone else's edit (another window) reaches every field the group
       * is not typing in here. */
      load_reflections (self);
      break;
    default:
      break;
    }
}

static void
verk_material_page_flush (VerkStepPage *page)
{
  flush_saves (VERK_MATERIAL_PAGE (page));
}

static void
verk_material_page_session_set (VerkStepPage *page,
                                VerkSession  *session)
{
  VerkMaterialPage *self = VERK_MATERIAL_PAGE (page);

  g_set_object (&self->model, session != NULL ? (gpointer) verk_session_get_model (session) : NULL);
  g_signal_group_set_target (self->model_signals, self->model);
}

static void
verk_material_page_workshop_changed (VerkStepPage *page)
{
  load_workshop (VERK_MATERIAL_PAGE (page));
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
      GtkWidget *message = label_new (NULL, "error");
      ReflectionField *field = &reflection->fields[f];
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
      gtk_widget_set_visible (message, FALSE);
      field->part = reflection;
      field->field = f;
      field->saver = verk_field_saver_new (view, validate_field, save_field, field);
      verk_field_saver_set_message_label (field->saver, GTK_LABEL (message), frame);
      verk_field_saver_set_hint (field->saver, _(field_hints[f]));

      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), hint);
      gtk_box_append (GTK_BOX (box), frame);
      gtk_box_append (GTK_BOX (box), message);
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
  verk_step_page_set_session (VERK_STEP_PAGE (self), NULL);
  g_clear_pointer (&self->reflections, g_ptr_array_unref);
  g_clear_pointer (&self->score_buttons, g_hash_table_unref);
  g_clear_pointer (&self->score_revealers, g_ptr_array_unref);
  g_clear_pointer (&self->expectation_boxes, g_ptr_array_unref);
  g_clear_object (&self->content);
  g_clear_object (&self->model_signals);
  /* The bin's child is a bound template child: release it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_MATERIAL_PAGE);

  G_OBJECT_CLASS (verk_material_page_parent_class)->dispose (object);
}

static void
verk_material_page_class_init (VerkMaterialPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VerkStepPageClass *page_class = VERK_STEP_PAGE_CLASS (klass);

  object_class->dispose = verk_material_page_dispose;
  page_class->flush = verk_material_page_flush;
  page_class->session_set = verk_material_page_session_set;
  page_class->workshop_changed = verk_material_page_workshop_changed;

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
  self->model_signals = g_signal_group_new (VERK_TYPE_WORKSHOP_MODEL);
  g_signal_group_connect (self->model_signals, "changed", G_CALLBACK (on_model_changed), self);
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
