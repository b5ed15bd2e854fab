/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-presentation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-render.h"
#include "verk-presentation-view.h"

/* From this width on, type grows one step (a 1080p projector). */
#define LARGE_WIDTH 1600

struct _VerkPresentationView
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkWidget        *overlay;
  GtkStack         *stack;
  GtkDrawingArea   *puzzle_area;
  GtkWidget        *overview_header;
  GtkLabel         *overview_title;
  GtkLabel         *overview_status;
  GtkWidget        *panel;
  GtkLabel         *name_label;
  GtkLabel         *description_label;
  GtkLabel         *status_label;
  GtkFlowBox       *scores_box;
  GtkLabel         *spread_label;
  GtkLabel         *agreed_label;
  GtkLabel         *material_title;
  GtkBox           *parts_box;
  GtkLabel         *motto_label;
  GtkLabel         *timer_label;

  /* owned */
  VerkSession      *session;
  VerkContent      *content;
  GPtrArray        *items;        /* VerkItem, framework "siq" */
  GArray           *ranks;        /* int per item, 0 = not prioritised */
  VerkPuzzleLayout *layout;
  int               layout_width;
  int               layout_height;
  guint             size_idle_id;
  gboolean          large;
};

G_DEFINE_FINAL_TYPE (VerkPresentationView, verk_presentation_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
participant_title (const VerkParticipant *participant,
                   guint                  index)
{
  if (participant->name != NULL && participant->name[0] != '\0')
    return g_strdup (participant->name);
  return g_strdup_printf (_("Participant %u"), index);
}

static const VerkItem *
find_item (VerkPresentationView *self,
           gint64                item_id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      const VerkItem *item = g_ptr_array_index (self->items, i);

      if (item->id == item_id)
        return item;
    }
  return NULL;
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

/* Reloads the pieces, their agreed scores and ranks from the store. */
static void
load_items (VerkPresentationView *self)
{
  VerkStore *store;
  gint64 workshop_id;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) priorities = NULL;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ranks, g_array_unref);
  if (self->session == NULL || verk_session_get_workshop_id (self->session) == 0)
    return;
  store = verk_session_get_store (self->session);
  workshop_id = verk_session_get_workshop_id (self->session);

  self->items = verk_store_list_items (store, workshop_id, "siq", &error);
  if (self->items == NULL)
    {
      /* The facilitator's window reports store errors; the room sees no puzzle. */
      g_warning ("Could not read the pieces for the presentation: %s", error->message);
      return;
    }
  self->ranks = g_array_sized_new (FALSE, TRUE, sizeof (int), self->items->len);
  g_array_set_size (self->ranks, self->items->len);
  priorities = verk_store_list_priorities (store, workshop_id, NULL);
  for (guint r = 0; priorities != NULL && r < priorities->len; r++)
    for (guint i = 0; i < self->items->len; i++)
      if (((VerkItem *) g_ptr_array_index (self->items, i))->id == g_array_index (priorities, gint64, r))
        g_array_index (self->ranks, int, i) = (int) r + 1;
}

static void
update_material (VerkPresentationView *self)
{
  GtkWidget *child;
  const char *motto = NULL, *whole = NULL;

  if (self->content == NULL)
    {
      g_autoptr (GError) error = NULL;

      self->content = verk_content_new (NULL, &error);
      if (self->content == NULL)
        {
          g_warning ("The built-in material is damaged: %s", error->message);
          return;
        }
    }

  gtk_label_set_text (self->material_title, verk_content_get_platform_title (self->content));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box))) != NULL)
    gtk_box_remove (self->parts_box, child);

  for (guint i = 0; i < verk_content_get_n_parts (self->content); i++)
    {
      const VerkContentPart *part = verk_content_get_part (self->content, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
      GtkWidget *name = gtk_label_new (part->name);
      GtkWidget *trait = gtk_label_new (part->trait);
      GtkWidget *summary = gtk_label_new (part->summary);

      gtk_widget_add_css_class (box, "verk-present-part");
      gtk_widget_add_css_class (name, "verk-present-part-title");
      gtk_widget_add_css_class (trait, "verk-present-agreed");
      gtk_widget_add_css_class (summary, "verk-present-body");
      for (GtkWidget *l = name; l != NULL; l = l == name ? trait : l == trait ? summary : NULL)
        {
          gtk_label_set_wrap (GTK_LABEL (l), TRUE);
          gtk_label_set_xalign (GTK_LABEL (l), 0);
          gtk_box_append (GTK_BOX (box), l);
        }
      gtk_box_append (self->parts_box, box);
    }

  verk_content_get_whole (self->content, &whole, NULL, &motto);
  set_label (self->motto_label, motto);
}

static void
update_scores (VerkPresentationView *self,
               const VerkItem       *item)
{
  VerkStore *store = verk_session_get_store (self->session);
  gint64 workshop_id = verk_session_get_workshop_id (self->session);
  g_autoptr (GPtrArray) participants = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autofree char *status = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *agreed = NULL;
  int lo = 6, hi = 0, sum = 0;
  guint n_scored = 0;
  gboolean visible = verk_session_scores_visible (self->session, item->id);

  clear_flow_box (self->scores_box);
  participants = verk_store_list_participants (store, workshop_id, NULL);
  scores = verk_store_list_scores (store, workshop_id, NULL);

  for (guint p = 0; participants != NULL && p < participants->len; p++)
    {
      const VerkParticipant *participant = g_ptr_array_index (participants, p);
      int value = 0;

      for (guint s = 0; scores != NULL && s < scores->len; s++)
        {
          const VerkScore *score = g_ptr_array_index (scores, s);

          if (score->item_id == item->id && score->participant_id == participant->id)
            value = score->value;
        }
      if (value == 0)
        continue;

      n_scored++;
      lo = MIN (lo, value);
      hi = MAX (hi, value);
      sum += value;
      if (visible)
        {
          g_autofree char *name = participant_title (participant, p + 1);
          g_autofree char *text = g_strdup_printf (_("%s: %d"), name, value);
          GtkWidget *chip = gtk_label_new (text);
          g_autofree char *score_class = g_strdup_printf ("verk-present-score-%d", value);

          gtk_widget_add_css_class (chip, "verk-present-chip");
          gtk_widget_add_css_class (chip, score_class);
          gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
          gtk_flow_box_append (self->scores_box, chip);
        }
    }

  if (participants != NULL && participants->len > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u has scored",
                                           "%u of %u have scored", participants->len),
                              n_scored, participants->len);
  if (visible && n_scored > 0)
    spread = hi > lo
             ? g_strdup_printf (_("Spread %d to %d, mean %.1f"), lo, hi, (double) sum / n_scored)
             : g_strdup_printf (_("Everyone gave %d"), lo);
  else if (n_scored > 0)
    spread = g_strdup (_("Scores are hidden until the facilitator reveals them."));
  if (item->agreed > 0)
    agreed = item->rationale != NULL && item->rationale[0] != '\0'
             ? g_strdup_printf (_("Agreed score %d: %s"), item->agreed, item->rationale)
             : g_strdup_printf (_("Agreed score %d"), item->agreed);

  set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->scores_box), visible && n_scored > 0);
  set_label (self->spread_label, spread);
  set_label (self->agreed_label, agreed);
}

/* The overview line and a full-width puzzle, or the puzzle beside the
 * piece's panel. The timer moves up beside the overview line, off the puzzle. */
static void
show_overview (VerkPresentationView *self,
               gboolean              overview)
{
  gtk_widget_set_visible (self->overview_header, overview);
  gtk_widget_set_visible (self->panel, !overview);
  gtk_widget_set_valign (GTK_WIDGET (self->timer_label), overview ? GTK_ALIGN_START : GTK_ALIGN_END);
  gtk_widget_set_margin_top (GTK_WIDGET (self->timer_label), overview ? 32 : 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->timer_label), overview ? 0 : 32);
}

static void
update_overview (VerkPresentationView *self)
{
  g_autofree char *status = NULL;
  guint n_agreed = 0;

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    if (((VerkItem *) g_ptr_array_index (self->items, i))->agreed > 0)
      n_agreed++;
  if (self->items != NULL)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u piece agreed",
                                           "%u of %u pieces agreed", self->items->len),
                              n_agreed, self->items->len);

  /* The names on the puzzle are what the room reads now: a wide puzzle
   * gets pieces wide enough for names about a third larger at 1280x720
   * than beside the panel. The title and the count go on one line above. */
  gtk_label_set_text (self->overview_title, _("Our puzzle"));
  set_label (self->overview_status, status);
  show_overview (self, TRUE);
}

static void
update (VerkPresentationView *self)
{
  const VerkItem *item;

  if (self->session == NULL || verk_session_get_workshop_id (self->session) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (verk_session_get_step (self->session) == VERK_STEP_MATERIAL)
    {
      update_material (self);
      gtk_stack_set_visible_child_name (self->stack, "material");
      return;
    }

  item = find_item (self, verk_session_get_selected_item_id (self->session));
  if (item == NULL)
    update_overview (self);
  else
    {
      show_overview (self, FALSE);
      set_label (self->name_label, item->name);
      set_label (self->description_label, item->description);
      update_scores (self, item);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->puzzle_area));
  gtk_stack_set_visible_child_name (self->stack, "puzzle");
}

static void
update_timer (VerkPresentationView *self)
{
  VerkTimer *timer;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;
  timer = verk_session_get_timer (self->session);
  if (verk_timer_is_finished (timer))
    text = g_strdup (_("Time is up"));
  else
    text = verk_timer_format (verk_timer_get_remaining (timer));
  gtk_label_set_text (self->timer_label, text);
  /* An unused timer stays out of the room's way. */
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label),
                          verk_timer_is_running (timer) || verk_timer_is_finished (timer)
                          || verk_timer_get_remaining (timer) < verk_timer_get_duration (timer));

  /* A calm change of colour at zero, never a flash: see style.css. */
  if (verk_timer_is_finished (timer))
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "finished");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "finished");
  if (verk_timer_is_running (timer))
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "running");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "running");
}

static void
on_store_changed (VerkStore            *store,
                  int                   kind,
                  gint64                workshop_id,
                  VerkPresentationView *self)
{
  if (workshop_id != 0 && workshop_id != verk_session_get_workshop_id (self->session))
    return;
  if (kind == VERK_CHANGE_ITEMS || kind == VERK_CHANGE_SCORES || kind == VERK_CHANGE_PRIORITIES)
    load_items (self);
  update (self);
}

static void
on_workshop_changed (VerkPresentationView *self)
{
  load_items (self);
  update (self);
}

static void
draw_puzzle (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  VerkPresentationView *self = user_data;
  g_autofree VerkPuzzlePiece *pieces = NULL;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  VerkPuzzleStyle style;
  GdkRGBA fg;
  gint64 selected;
  guint n;

  if (self->items == NULL || self->items->len == 0 || width < 10 || height < 10)
    return;

  n = self->items->len;
  if (self->layout == NULL || verk_puzzle_layout_get_n_pieces (self->layout) != n
      || self->layout_width != width || self->layout_height != height)
    {
      g_clear_pointer (&self->layout, verk_puzzle_layout_free);
      self->layout = verk_puzzle_layout_new (n, width, height);
      self->layout_width = width;
      self->layout_height = height;
    }

  selected = verk_session_get_selected_item_id (self->session);
  pieces = g_new0 (VerkPuzzlePiece, n);
  for (guint i = 0; i < n; i++)
    {
      const VerkItem *item = g_ptr_array_index (self->items, i);

      pieces[i].name = item->name;
      pieces[i].score = item->agreed;
      pieces[i].rank = g_array_index (self->ranks, int, i);
      /* The room looks where the facilitator points: the rest steps back. */
      if (selected != 0)
        pieces[i].state = item->id == selected ? VERK_PIECE_SELECTED : VERK_PIECE_DIMMED;
    }

  verk_puzzle_style_init_default (&style, adw_style_manager_get_dark (style_manager));
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  style.text = (VerkRgba) { fg.red, fg.green, fg.blue, 1.0 };
  style.background.a = 0;
  style.scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  verk_puzzle_render (cr, self->layout, pieces, n, &style);
}

static void
on_timer_changed (VerkPresentationView *self)
{
  update_timer (self);
}

static gboolean
apply_size_class (gpointer user_data)
{
  VerkPresentationView *self = user_data;

  self->size_idle_id = 0;
  if (self->large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");
  return G_SOURCE_REMOVE;
}

static void
verk_presentation_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);

  gtk_widget_measure (self->overlay, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
verk_presentation_view_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  gboolean large = width >= LARGE_WIDTH;

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);

  /* Changing a style class inside allocation would re-enter layout. */
  if (large != self->large)
    {
      self->large = large;
      if (self->size_idle_id == 0)
        self->size_idle_id = g_idle_add (apply_size_class, self);
    }
}

static void
leave_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

static void
verk_presentation_view_dispose (GObject *object)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (object);

  g_clear_handle_id (&self->size_idle_id, g_source_remove);
  verk_presentation_view_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERK_TYPE_PRESENTATION_VIEW);

  G_OBJECT_CLASS (verk_presentation_view_parent_class)->dispose (object);
}

static void
verk_presentation_view_finalize (GObject *object)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (object);

  g_clear_object (&self->content);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ranks, g_array_unref);
  g_clear_pointer (&self->layout, verk_puzzle_layout_free);

  G_OBJECT_CLASS (verk_presentation_view_parent_class)->finalize (object);
}

static void
verk_presentation_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (object);

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
verk_presentation_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      verk_presentation_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_presentation_view_class_init (VerkPresentationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_presentation_view_dispose;
  object_class->finalize = verk_presentation_view_finalize;
  object_class->get_property = verk_presentation_view_get_property;
  object_class->set_property = verk_presentation_view_set_property;
  widget_class->measure = verk_presentation_view_measure;
  widget_class->size_allocate = verk_presentation_view_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, VERK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VerkPresentationView::leave:
   *
   * The facilitator pressed Esc: whoever shows the view ends the presentation.
   */
  signals[LEAVE] =
    g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-presentation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, overlay);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, puzzle_area);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, name_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, description_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, overview_header);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, overview_title);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, overview_status);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, panel);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, status_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, scores_box);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, spread_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, agreed_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, material_title);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, parts_box);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, motto_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, timer_label);

  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "presentation.leave", NULL);
  gtk_widget_class_set_css_name (widget_class, "verk-presentation-view");
}

static void
verk_presentation_view_init (VerkPresentationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->puzzle_area, draw_puzzle, self, NULL);
  /* The theme decides light or dark; the puzzle's colours follow. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->puzzle_area, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self->puzzle_area, G_CONNECT_SWAPPED);
  update (self);
}

/**
 * verk_presentation_view_new:
 * @session: (nullable): the session to show
 *
 * Returns: (transfer floating): a presentation of @session.
 */
GtkWidget *
verk_presentation_view_new (VerkSession *session)
{
  return g_object_new (VERK_TYPE_PRESENTATION_VIEW, "session", session, NULL);
}

/** verk_presentation_view_get_session: Returns: (transfer none) (nullable): the session shown. */
VerkSession *
verk_presentation_view_get_session (VerkPresentationView *self)
{
  g_return_val_if_fail (VERK_IS_PRESENTATION_VIEW (self), NULL);
  return self->session;
}

/** verk_presentation_view_set_session: Shows @session and follows it live. */
void
verk_presentation_view_set_session (VerkPresentationView *self,
                                    VerkSession          *session)
{
  g_return_if_fail (VERK_IS_PRESENTATION_VIEW (self));
  g_return_if_fail (session == NULL || VERK_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (verk_session_get_store (self->session), self);
      g_signal_handlers_disconnect_by_data (verk_session_get_timer (self->session), self);
    }
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      VerkTimer *timer = verk_session_get_timer (session);

      g_signal_connect_object (verk_session_get_store (session), "changed",
                               G_CALLBACK (on_store_changed), self, 0);
      g_signal_connect_object (session, "notify::workshop-id",
                               G_CALLBACK (on_workshop_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::selected-item-id",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::step",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::hide-until-reveal",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "reveal-changed",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (timer, "notify::remaining",
                               G_CALLBACK (on_timer_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (timer, "notify::running",
                               G_CALLBACK (on_timer_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (timer, "notify::finished",
                               G_CALLBACK (on_timer_changed), self, G_CONNECT_SWAPPED);
    }

  load_items (self);
  update (self);
  update_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
