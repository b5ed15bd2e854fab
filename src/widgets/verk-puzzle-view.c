/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-puzzle-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "verk-page-util.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-renderer.h"
#include "verk-puzzle-view.h"
#include "verk-puzzle-view-private.h"

/* How the view is accessible on GTK 4.8
 *
 * GTK 4.8 cannot expose accessible objects that are not widgets, so every
 * piece has a real child widget: a GtkButton (role button, activatable by a
 * screen reader's "click") sized to the piece's bounding box. The buttons
 * are never drawn (the view draws everything with its VerkPuzzleRenderer) and
 * cannot be targeted by the pointer, so clicks reach the view, which
 * hit-tests the real outlines. Keyboard focus lives on the buttons: the
 * puzzle is one tab stop, arrow keys move along the layout, and the focused piece is
 * the selected one. Each button's accessible label says the piece's name and
 * score ("Samverkan, 3 av 5"); its description is the piece's text. */

#define PULSE_USEC (450 * 1000)

struct _VerkPuzzleView
{
  VerkSessionWidget parent_instance;

  /* owned */
  VerkWorkshopModel *model;         /* the session's, what the view shows */
  guint             n;              /* pieces shown: the model's, at most VERK_PUZZLE_MAX_PIECES */
  gint64           *ids;            /* per piece, its item */
  GPtrArray        *names;          /* char *, per piece: the pieces' names point here */
  VerkPuzzlePiece  *pieces;
  GPtrArray        *buttons;        /* GtkWidget, one per piece */
  GPtrArray        *labels;         /* char *, accessible labels */
  gint64           *pulse_start;    /* per piece, monotonic µs, 0 = still */
  VerkPuzzleLayout *layout;
  GskRenderNode    *base_node;      /* the still picture, kept while only states change */
  VerkPuzzleRenderer *renderer;     /* its pixels, redrawn only where pieces change */
  int               base_scale;     /* the scale factor base_node was drawn for */
  double            layout_x;       /* where the layout sits in the widget */
  double            layout_y;

  guint             tick_id;

  int               hover;          /* piece index or -1 */
  gboolean          presentation;
};

G_DEFINE_FINAL_TYPE (VerkPuzzleView, verk_puzzle_view, VERK_TYPE_SESSION_WIDGET)

enum {
  PROP_0,
  PROP_PRESENTATION,
  N_PROPS
};

enum {
  PIECE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static VerkSession *
session_of (VerkPuzzleView *self)
{
  return verk_session_widget_get_session (VERK_SESSION_WIDGET (self));
}

static guint
n_pieces (VerkPuzzleView *self)
{
  return self->n;
}

/* The model's item of piece @index (valid until the model next changes). */
static const VerkItem *
item_at (VerkPuzzleView *self,
         guint           index)
{
  g_assert (self->model != NULL && index < verk_workshop_model_get_n_pieces (self->model));
  return verk_workshop_model_get_piece (self->model, index)->item;
}

static int
selected_index (VerkPuzzleView *self)
{
  gint64 id = session_of (self) != NULL ? verk_session_get_selected_item_id (session_of (self)) : 0;

  for (guint i = 0; id != 0 && i < n_pieces (self); i++)
    if (self->ids[i] == id)
      return (int) i;
  return -1;
}

static int
focused_index (VerkPuzzleView *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    if (gtk_widget_has_focus (g_ptr_array_index (self->buttons, i)))
      return (int) i;
  return -1;
}

static gboolean
animations_enabled (VerkPuzzleView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
show_error (VerkPuzzleView *self,
            const GError   *error)
{
  /* A toast in the window; nothing is lost: the store refused the change. */
  verk_page_toast_error (GTK_WIDGET (self), error);
}

/* Selection goes through the session, so every view of it follows. */
static void
select_index (VerkPuzzleView *self,
              int             index,
              gboolean        grab_focus)
{
  if (index < 0 || (guint) index >= n_pieces (self) || session_of (self) == NULL)
    return;
  verk_session_set_selected_item_id (session_of (self), self->ids[index]);
  if (grab_focus)
    gtk_widget_grab_focus (g_ptr_array_index (self->buttons, index));
}

static void
activate_index (VerkPuzzleView *self,
                int             index)
{
  if (index < 0 || (guint) index >= n_pieces (self))
    return;
  select_index (self, index, FALSE);
  g_signal_emit (self, signals[PIECE_ACTIVATED], 0, self->ids[index]);
}

static void
score_index (VerkPuzzleView *self,
             int             index,
             int             value)
{
  g_autoptr (GError) error = NULL;
  const VerkItem *item;

  if (index < 0 || (guint) index >= n_pieces (self) || session_of (self) == NULL)
    return;
  item = item_at (self, index);
  if (item->agreed == value)
    return;
  /* The rationale belongs to the discussion, not to the number: keep it. */
  if (!verk_store_set_agreed (verk_session_get_store (session_of (self)), item->id, value, item->rationale,
                              &error))
    show_error (self, error);
}

static char *
piece_label (const VerkItem *item)
{
  if (item->agreed >= 1 && item->agreed <= 5)
    /* Translators: the name a screen reader says for a scored puzzle piece. */
    return g_strdup_printf (_("%s, score %d of 5"), item->name, item->agreed);
  /* Translators: the name a screen reader says for a puzzle piece not scored yet. */
  return g_strdup_printf (_("%s, not scored"), item->name);
}

static void
button_clicked (GtkButton      *button,
                VerkPuzzleView *self)
{
  guint index;

  if (g_ptr_array_find (self->buttons, button, &index))
    activate_index (self, (int) index);
}

static void
button_focus_enter (GtkEventControllerFocus *controller,
                    VerkPuzzleView          *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint index;

  if (g_ptr_array_find (self->buttons, button, &index))
    select_index (self, (int) index, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
button_focus_leave (GtkEventControllerFocus *controller,
                    VerkPuzzleView          *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sync_buttons (VerkPuzzleView *self)
{
  guint n = n_pieces (self);

  while (self->buttons->len > n)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, self->buttons->len - 1);

      gtk_widget_unparent (button);
      g_ptr_array_remove_index (self->buttons, self->buttons->len - 1);
    }
  while (self->buttons->len < n)
    {
      GtkWidget *button = gtk_button_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();

      gtk_widget_add_css_class (button, "verk-puzzle-piece");
      /* The view hit-tests the real outlines; the button boxes overlap. */
      gtk_widget_set_can_target (button, FALSE);
      g_signal_connect (button, "clicked", G_CALLBACK (button_clicked), self);
      g_signal_connect (focus, "enter", G_CALLBACK (button_focus_enter), self);
      g_signal_connect (focus, "leave", G_CALLBACK (button_focus_leave), self);
      gtk_widget_add_controller (button, focus);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->buttons, button);
    }

  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; i < n; i++)
    {
      const VerkItem *item = item_at (self, i);
      char *label = piece_label (item);

      g_ptr_array_add (self->labels, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->buttons, i)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      item->description != NULL ? item->description : "",
                                      -1);
    }
}

static gboolean
pulse_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gboolean running = FALSE;

  for (guint i = 0; i < n_pieces (self); i++)
    {
      if (self->pulse_start[i] == 0)
        continue;
      if (now - self->pulse_start[i] >= PULSE_USEC)
        self->pulse_start[i] = 0;
      else
        running = TRUE;
    }
  gtk_widget_queue_draw (widget);
  if (!running)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_pulse (VerkPuzzleView *self,
             guint           index)
{
  if (!animations_enabled (self))
    return;
  self->pulse_start[index] = g_get_monotonic_time ();
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), pulse_tick, NULL, NULL);
}

/* Whether what the still picture shows of the pieces changed. */
static gboolean
looks_changed (const VerkPuzzlePiece *before,
               guint                  n_before,
               GPtrArray             *names_before,
               const VerkPuzzlePiece *after,
               guint                  n_after)
{
  if (n_before != n_after)
    return TRUE;
  for (guint i = 0; i < n_after; i++)
    if (before[i].score != after[i].score || before[i].rank != after[i].rank
        || g_strcmp0 (g_ptr_array_index (names_before, i), after[i].name) != 0)
      return TRUE;
  return FALSE;
}

/* Takes the pieces from the model. Only a change the puzzle shows costs a
 * new picture, and the renderer draws again only where those pieces reach. */
static void
refresh (VerkPuzzleView *self)
{
  g_autofree VerkPuzzlePiece *old = g_steal_pointer (&self->pieces);
  g_autofree gint64 *old_ids = g_steal_pointer (&self->ids);
  g_autoptr (GPtrArray) old_names = g_steal_pointer (&self->names);
  guint old_n = self->n, n = 0;
  VerkPuzzlePiece *pieces = NULL;

  if (self->model != NULL)
    {
      if (verk_workshop_model_get_error (self->model) != NULL)
        g_warning ("Could not load the puzzle: %s", verk_workshop_model_get_error (self->model)->message);
      pieces = verk_workshop_model_get_pieces (self->model, &n);
    }
  n = MIN (n, VERK_PUZZLE_MAX_PIECES);
  self->n = n;
  self->pieces = pieces != NULL ? pieces : g_new0 (VerkPuzzlePiece, 1);
  self->ids = g_new0 (gint64, MAX (1, n));
  self->names = g_ptr_array_new_full (n, g_free);
  /* The names the renderer sees are the view's own: the model's last only
   * until it next changes. */
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->names, g_strdup (self->pieces[i].name));
      self->pieces[i].name = g_ptr_array_index (self->names, i);
      self->ids[i] = item_at (self, i)->id;
    }

  if (old_n != n)
    {
      g_clear_pointer (&self->layout, verk_puzzle_layout_free);
      g_free (self->pulse_start);
      self->pulse_start = g_new0 (gint64, MAX (1, n));
      self->hover = -1;
    }
  /* A piece whose score just changed gets the short pulse. */
  for (guint i = 0; i < n && old_n == n; i++)
    if (old_ids[i] == self->ids[i] && old[i].score != self->pieces[i].score && self->pieces[i].score != 0)
      start_pulse (self, i);
  sync_buttons (self);
  if (old_names == NULL || looks_changed (old, old_n, old_names, self->pieces, n))
    {
      g_clear_pointer (&self->base_node, gsk_render_node_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (old_n != n)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The model follows the session's workshop and tells of every edit. */
static void
verk_puzzle_view_session_changed (VerkSessionWidget *widget)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);

  g_set_object (&self->model, verk_session_widget_get_model (widget));
  refresh (self);
}

/* While the room sees the puzzle, its rows; else the best for this shape. */
static guint
wanted_rows (VerkPuzzleView *self,
             double          width,
             double          height)
{
  guint rows = session_of (self) != NULL ? verk_session_get_projected_rows (session_of (self)) : 0;

  return rows > 0 && rows <= n_pieces (self) ? rows : verk_puzzle_layout_choose_rows (n_pieces (self), width, height);
}

/* Layout */

static void
ensure_layout (VerkPuzzleView *self,
               int             width,
               int             height)
{
  double margin = verk_puzzle_margin (width, height);
  double w = MAX (16, width - 2 * margin), h = MAX (16, height - 2 * margin);
  double lw = 0, lh = 0;

  if (n_pieces (self) == 0)
    {
      g_clear_pointer (&self->layout, verk_puzzle_layout_free);
      return;
    }
  if (self->layout != NULL)
    verk_puzzle_layout_get_size (self->layout, &lw, &lh);
  if (self->layout == NULL || lw != w || lh != h
      || verk_puzzle_layout_get_n_pieces (self->layout) != n_pieces (self)
      || verk_puzzle_layout_get_n_rows (self->layout) != wanted_rows (self, w, h))
    {
      g_clear_pointer (&self->layout, verk_puzzle_layout_free);
      g_clear_pointer (&self->base_node, gsk_render_node_unref);
      self->layout = verk_puzzle_layout_new_in_rows (n_pieces (self), w, h, wanted_rows (self, w, h));
    }
  self->layout_x = margin;
  self->layout_y = margin;
}

static void
verk_puzzle_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);

  ensure_layout (self, width, height);
  for (guint i = 0; i < self->buttons->len && self->layout != NULL; i++)
    {
      cairo_rectangle_t b;
      GtkAllocation a;

      verk_puzzle_layout_get_bounds (self->layout, i, &b);
      a.x = (int) floor (self->layout_x + b.x);
      a.y = (int) floor (self->layout_y + b.y);
      a.width = MAX (1, (int) ceil (b.width));
      a.height = MAX (1, (int) ceil (b.height));
      /* Measure first: GTK expects it before every allocation. */
      gtk_widget_measure (g_ptr_array_index (self->buttons, i), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (g_ptr_array_index (self->buttons, i), &a, -1);
    }
}

static void
verk_puzzle_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* The buttons are invisible stand-ins: their size does not count. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_measure (child, orientation, -1, NULL, NULL, NULL, NULL);
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 540;
}

static VerkRgba
lookup_color (GtkWidget  *widget,
              const char *name,
              VerkRgba    fallback)
{
  GdkRGBA c;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &c))
    return (VerkRgba) { c.red, c.green, c.blue, c.alpha };
G_GNUC_END_IGNORE_DEPRECATIONS
  return fallback;
}

static void
build_style (VerkPuzzleView  *self,
             VerkPuzzleStyle *style)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkWidget *widget = GTK_WIDGET (self);

  verk_puzzle_style_init_default (style, dark);
  style->background = lookup_color (widget, "window_bg_color", style->background);
  style->background.a = 1;
  style->outline = style->background;
  style->text = lookup_color (widget, "window_fg_color", style->text);
  style->text.a = 1;
  style->accent = lookup_color (widget, "accent_bg_color", style->accent);
  style->scale = gtk_widget_get_scale_factor (widget);
}

static void
verk_puzzle_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int selected, focused;
  gboolean focus_visible;
  GtkRoot *root = gtk_widget_get_root (widget);
  VerkPuzzleStyle style;
  gint64 now = g_get_monotonic_time ();
  cairo_rectangle_t bounds;
  cairo_t *cr;

  ensure_layout (self, width, height);
  if (self->layout == NULL || width <= 0 || height <= 0)
    return;

  selected = selected_index (self);
  focused = focused_index (self);
  focus_visible = root != NULL && GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root));
  for (guint i = 0; i < n_pieces (self); i++)
    {
      VerkPuzzlePiece *piece = &self->pieces[i];

      piece->state = 0;
      if ((int) i == selected)
        piece->state |= VERK_PIECE_SELECTED;
      if ((int) i == focused && focus_visible && !self->presentation)
        piece->state |= VERK_PIECE_FOCUSED;
      if ((int) i == self->hover && !self->presentation)
        piece->state |= VERK_PIECE_HOVER;
      piece->pulse = self->pulse_start[i] != 0
                     ? 1.0 - CLAMP ((double) (now - self->pulse_start[i]) / PULSE_USEC, 0, 1) : 0;
    }

  build_style (self, &style);
  /* The still picture is drawn once into pixels at the device scale and
   * reused: each frame paints it (a copy, where the vector drawing cost
   * milliseconds to replay) and draws only what selection, focus, hover and
   * the pulse add. A score change draws again only that piece's area. */
  if (self->base_node != NULL && self->base_scale != gtk_widget_get_scale_factor (widget))
    g_clear_pointer (&self->base_node, gsk_render_node_unref);
  if (self->base_node == NULL)
    {
      GtkSnapshot *base = gtk_snapshot_new ();
      int scale = gtk_widget_get_scale_factor (widget);
      cairo_surface_t *pixels;

      pixels = verk_puzzle_renderer_get_base (self->renderer, self->layout, self->pieces,
                                              n_pieces (self), &style, self->layout_x,
                                              self->layout_y, width, height, scale);
      cr = gtk_snapshot_append_cairo (base, &GRAPHENE_RECT_INIT (0, 0, width, height));
      cairo_scale (cr, 1.0 / scale, 1.0 / scale);
      cairo_set_source_surface (cr, pixels, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (pixels);
      self->base_node = gtk_snapshot_free_to_node (base);
      self->base_scale = scale;
    }
  if (self->base_node != NULL)
    gtk_snapshot_append_node (snapshot, self->base_node);
  if (verk_puzzle_render_get_overlay_bounds (self->layout, self->pieces, n_pieces (self), &bounds))
    {
      cr = gtk_snapshot_append_cairo (snapshot,
                                      &GRAPHENE_RECT_INIT (self->layout_x + bounds.x, self->layout_y + bounds.y,
                                                           bounds.width, bounds.height));
      cairo_translate (cr, self->layout_x, self->layout_y);
      verk_puzzle_renderer_render_overlay (self->renderer, cr, self->layout, self->pieces, n_pieces (self), &style);
      cairo_destroy (cr);
    }
  /* The buttons are not drawn: they only carry focus and accessibility. */
}

/* Colours come from the theme: a new theme or dark mode needs a new base. */
static void
verk_puzzle_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);

  GTK_WIDGET_CLASS (verk_puzzle_view_parent_class)->css_changed (widget, change);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
style_changed (VerkPuzzleView *self)
{
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Input */

static int
piece_at (VerkPuzzleView *self,
          double          x,
          double          y)
{
  if (self->layout == NULL)
    return -1;
  return verk_puzzle_layout_hit_test (self->layout, x - self->layout_x, y - self->layout_y);
}

static void
click_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               VerkPuzzleView  *self)
{
  int index = piece_at (self, x, y);

  if (index < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  select_index (self, index, TRUE);
  if (n_press == 2)
    activate_index (self, index);
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        VerkPuzzleView           *self)
{
  int index = piece_at (self, x, y);

  if (index != self->hover)
    {
      self->hover = index;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), index >= 0 ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
motion_leave (GtkEventControllerMotion *controller,
              VerkPuzzleView           *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The piece's description under the pointer, for the facilitator. */
static gboolean
query_tooltip (GtkWidget      *widget,
               int             x,
               int             y,
               gboolean        keyboard,
               GtkTooltip     *tooltip,
               VerkPuzzleView *self)
{
  int index = keyboard ? focused_index (self) : piece_at (self, x, y);
  const VerkItem *item;
  cairo_rectangle_t b;

  if (index < 0 || self->presentation || self->layout == NULL)
    return FALSE;
  item = item_at (self, (guint) index);
  if (item->description == NULL || *item->description == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, item->description);
  verk_puzzle_layout_get_cell (self->layout, (guint) index, &b);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) (self->layout_x + b.x), (int) (self->layout_y + b.y),
                                                       (int) b.width, (int) b.height });
  return TRUE;
}

/* The piece keys act on: the focused one, else the selected one. */
static int
current_index (VerkPuzzleView *self)
{
  int index = focused_index (self);

  return index >= 0 ? index : selected_index (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);
  const char *where = g_variant_get_string (parameter, NULL);
  int index = current_index (self);
  VerkDirection direction;

  if (self->layout == NULL || n_pieces (self) == 0)
    return;
  if (index < 0)
    {
      select_index (self, 0, TRUE);
      return;
    }
  if (g_str_equal (where, "first") || g_str_equal (where, "last"))
    {
      select_index (self, g_str_equal (where, "first") ? 0 : (int) n_pieces (self) - 1, TRUE);
      return;
    }
  if (g_str_equal (where, "left"))
    direction = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? VERK_DIRECTION_RIGHT : VERK_DIRECTION_LEFT;
  else if (g_str_equal (where, "right"))
    direction = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? VERK_DIRECTION_LEFT : VERK_DIRECTION_RIGHT;
  else if (g_str_equal (where, "up"))
    direction = VERK_DIRECTION_UP;
  else
    direction = VERK_DIRECTION_DOWN;
  select_index (self, (int) verk_puzzle_layout_neighbour (self->layout, (guint) index, direction), TRUE);
}

static void
score_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);

  score_index (self, current_index (self), g_variant_get_int32 (parameter));
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);

  activate_index (self, current_index (self));
}

/* The puzzle is one tab stop: Tab enters it on the selected piece (or the
 * first, or the last going backwards) and the next Tab leaves it; the arrow
 * keys, Home and End move inside. Thirteen tab stops stood between the step
 * list and the scores. */
static gboolean
verk_puzzle_view_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (widget);
  int current = focused_index (self), n = (int) n_pieces (self), next;

  if (n == 0)
    return FALSE;
  if (current >= 0)
    return direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD;   /* arrows are the view's own */
  next = selected_index (self);
  if (next < 0)
    next = direction == GTK_DIR_TAB_BACKWARD ? n - 1 : 0;
  return gtk_widget_grab_focus (g_ptr_array_index (self->buttons, next));
}

/* GObject */

static void
verk_puzzle_view_dispose (GObject *object)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  g_clear_object (&self->renderer);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->buttons != NULL)
    {
      for (guint i = 0; i < self->buttons->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
      g_ptr_array_set_size (self->buttons, 0);
    }

  G_OBJECT_CLASS (verk_puzzle_view_parent_class)->dispose (object);
}

static void
verk_puzzle_view_finalize (GObject *object)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (object);

  g_clear_pointer (&self->ids, g_free);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->pieces, g_free);
  g_clear_pointer (&self->pulse_start, g_free);
  g_clear_pointer (&self->layout, verk_puzzle_layout_free);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);

  G_OBJECT_CLASS (verk_puzzle_view_parent_class)->finalize (object);
}

static void
verk_puzzle_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_puzzle_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VerkPuzzleView *self = VERK_PUZZLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      verk_puzzle_view_set_presentation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_score_key (GtkWidgetClass *widget_class,
               guint           key,
               guint           keypad_key,
               int             value)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, "puzzle.score", "i", value);
  gtk_widget_class_add_binding_action (widget_class, keypad_key, 0, "puzzle.score", "i", value);
}

static void
verk_puzzle_view_class_init (VerkPuzzleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_puzzle_view_dispose;
  object_class->finalize = verk_puzzle_view_finalize;
  object_class->get_property = verk_puzzle_view_get_property;
  object_class->set_property = verk_puzzle_view_set_property;
  widget_class->snapshot = verk_puzzle_view_snapshot;
  widget_class->size_allocate = verk_puzzle_view_size_allocate;
  widget_class->measure = verk_puzzle_view_measure;
  widget_class->focus = verk_puzzle_view_focus;
  widget_class->css_changed = verk_puzzle_view_css_changed;
  VERK_SESSION_WIDGET_CLASS (klass)->session_changed = verk_puzzle_view_session_changed;

  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VerkPuzzleView::piece-activated:
   * @item_id: the piece's item
   *
   * Enter, a double click or a screen reader's activation: open the piece.
   */
  signals[PIECE_ACTIVATED] =
    g_signal_new ("piece-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "puzzle.move", "s", move_action);
  gtk_widget_class_install_action (widget_class, "puzzle.score", "i", score_action);
  gtk_widget_class_install_action (widget_class, "puzzle.activate", NULL, activate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "puzzle.move", "s", "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "puzzle.move", "s", "right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "puzzle.move", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "puzzle.move", "s", "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "puzzle.move", "s", "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "puzzle.move", "s", "right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "puzzle.move", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "puzzle.move", "s", "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "puzzle.move", "s", "first");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "puzzle.move", "s", "last");
  add_score_key (widget_class, GDK_KEY_1, GDK_KEY_KP_1, 1);
  add_score_key (widget_class, GDK_KEY_2, GDK_KEY_KP_2, 2);
  add_score_key (widget_class, GDK_KEY_3, GDK_KEY_KP_3, 3);
  add_score_key (widget_class, GDK_KEY_4, GDK_KEY_KP_4, 4);
  add_score_key (widget_class, GDK_KEY_5, GDK_KEY_KP_5, 5);
  add_score_key (widget_class, GDK_KEY_0, GDK_KEY_KP_0, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "puzzle.score", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "puzzle.score", "i", 0);

  gtk_widget_class_set_css_name (widget_class, "verk-puzzle");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
verk_puzzle_view_init (VerkPuzzleView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion_controller = gtk_event_controller_motion_new ();

  self->hover = -1;
  self->buttons = g_ptr_array_new ();
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->pulse_start = g_new0 (gint64, 1);
  self->pieces = g_new0 (VerkPuzzlePiece, 1);
  self->renderer = verk_puzzle_renderer_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The SIQ puzzle"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), self);

  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (motion_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self, "notify::scale-factor", G_CALLBACK (style_changed), self);
  g_signal_group_connect_swapped (verk_session_widget_get_model_signals (VERK_SESSION_WIDGET (self)), "changed",
                                  G_CALLBACK (refresh), self);
  g_signal_group_connect_swapped (verk_session_widget_get_session_signals (VERK_SESSION_WIDGET (self)),
                                  "notify::selected-item-id", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_group_connect_swapped (verk_session_widget_get_session_signals (VERK_SESSION_WIDGET (self)),
                                  "notify::projected-rows", G_CALLBACK (gtk_widget_queue_allocate), self);
}

/**
 * verk_puzzle_view_new:
 * @session: (nullable): the session to show
 *
 * Returns: (transfer floating): a new puzzle view.
 */
GtkWidget *
verk_puzzle_view_new (VerkSession *session)
{
  return g_object_new (VERK_TYPE_PUZZLE_VIEW, "session", session, NULL);
}

/**
 * verk_puzzle_view_set_session:
 * @session: (nullable): the session to show
 *
 * Shows the puzzle of @session's workshop and follows it.
 */
void
verk_puzzle_view_set_session (VerkPuzzleView *self,
                              VerkSession    *session)
{
  g_return_if_fail (VERK_IS_PUZZLE_VIEW (self));
  verk_session_widget_set_session (VERK_SESSION_WIDGET (self), session);
}

/**
 * verk_puzzle_view_get_n_rows:
 *
 * Returns: how many rows the pieces are laid out in, or 0 before the first
 *   allocation.
 */
guint
verk_puzzle_view_get_n_rows (VerkPuzzleView *self)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), 0);
  return self->layout != NULL ? verk_puzzle_layout_get_n_rows (self->layout) : 0;
}

/**
 * verk_puzzle_view_get_presentation:
 *
 * Returns: whether the view is in presentation mode.
 */
gboolean
verk_puzzle_view_get_presentation (VerkPuzzleView *self)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), FALSE);
  return self->presentation;
}

/**
 * verk_puzzle_view_set_presentation:
 * @presentation: TRUE for the projector
 *
 * In presentation mode the view shows no hover or focus marks: the room
 * sees the selection only.
 */
void
verk_puzzle_view_set_presentation (VerkPuzzleView *self,
                                   gboolean        presentation)
{
  g_return_if_fail (VERK_IS_PUZZLE_VIEW (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

/**
 * verk_puzzle_view_get_n_pieces:
 *
 * Returns: how many pieces are shown.
 */
guint
verk_puzzle_view_get_n_pieces (VerkPuzzleView *self)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), 0);
  return n_pieces (self);
}

/**
 * verk_puzzle_view_get_item_id:
 * @index: the piece
 *
 * Returns: the item piece @index shows, or 0.
 */
gint64
verk_puzzle_view_get_item_id (VerkPuzzleView *self,
                              guint           index)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), 0);
  return index < n_pieces (self) ? self->ids[index] : 0;
}

/**
 * verk_puzzle_view_get_piece_button:
 * @index: the piece
 *
 * Returns: (transfer none) (nullable): the piece's accessible button.
 */
GtkWidget *
verk_puzzle_view_get_piece_button (VerkPuzzleView *self,
                                   guint           index)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), NULL);
  return index < self->buttons->len ? g_ptr_array_index (self->buttons, index) : NULL;
}

/**
 * verk_puzzle_view_get_piece_label:
 * @index: the piece
 *
 * Returns: (nullable): what a screen reader says for the piece.
 */
const char *
verk_puzzle_view_get_piece_label (VerkPuzzleView *self,
                                  guint           index)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), NULL);
  return index < self->labels->len ? g_ptr_array_index (self->labels, index) : NULL;
}

/* Test hook (verk-puzzle-view-private.h): the renderer that draws the view. */
VerkPuzzleRenderer *
verk_puzzle_view_get_renderer (VerkPuzzleView *self)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), NULL);
  return self->renderer;
}

/**
 * verk_puzzle_view_get_animating:
 *
 * The pulse ends on the view's frame clock, not at a fixed wall-clock time:
 * on a busy machine frames come late, so whoever needs the still picture
 * (a test, a screenshot) waits for this to turn FALSE.
 *
 * Returns: whether a "just scored" pulse is running.
 */
gboolean
verk_puzzle_view_get_animating (VerkPuzzleView *self)
{
  g_return_val_if_fail (VERK_IS_PUZZLE_VIEW (self), FALSE);
  return self->tick_id != 0;
}
