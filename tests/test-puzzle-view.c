/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "verk-content.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-render-private.h"
#include "verk-puzzle-view.h"
#include "verk-puzzle-view-private.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

typedef struct {
  VerkStore      *store;
  VerkSession    *session;
  GtkWidget      *window;
  VerkPuzzleView *view;
  GPtrArray      *items;
  gint64          workshop;
  gint64          activated;
} Fixture;

static gboolean
give_up (gpointer data)
{
  g_error ("%s", (const char *) data);
  return G_SOURCE_REMOVE;
}

static void
wait_for_allocation (Fixture *f)
{
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) "the window never got its size");

  while (gtk_widget_get_width (GTK_WIDGET (f->view)) < 600
         || !gtk_widget_get_mapped (GTK_WIDGET (f->view)))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (guard);
}

/* Until the "just scored" pulse has run its course on the frame clock. A
 * fixed wait is not enough: on a busy machine frames come late. */
static void
wait_for_still (Fixture *f)
{
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) "the scoring pulse never ended");

  while (verk_puzzle_view_get_animating (f->view))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
painted (GdkFrameClock *clock,
         gboolean      *done)
{
  *done = TRUE;
}

/* Until the window has painted a frame that includes everything done so
 * far. A GtkWidgetPaintable shows the last frame painted, not the widget's
 * present state, so without this a screenshot may show a frame from
 * before the last change (the flaky "not its score's colour": a frame from
 * the middle of the pulse, painted before a busy machine got round to the
 * next one). */
static void
wait_for_paint (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->window);
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) "the window never painted");
  gboolean done = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted), &done);
  gtk_widget_queue_draw (GTK_WIDGET (f->view));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_source_remove (guard);
  /* The paintable takes the new frame in an idle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
piece_activated (VerkPuzzleView *view,
                 gint64          item_id,
                 Fixture        *f)
{
  f->activated = item_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new ("sv", &error);
  gint64 group;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  f->workshop = verk_store_add_workshop (f->store, group, "2026-06-01", "", &error);
  g_assert_true (verk_content_seed_workshop (content, f->store, f->workshop, &error));
  f->items = verk_store_list_items (f->store, f->workshop, "siq", &error);
  g_assert_no_error (error);

  f->session = verk_session_new (f->store);
  verk_session_set_workshop_id (f->session, f->workshop);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  f->view = VERK_PUZZLE_VIEW (verk_puzzle_view_new (f->session));
  g_signal_connect (f->view, "piece-activated", G_CALLBACK (piece_activated), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_allocation (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->items, g_ptr_array_unref);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
}

static gint64
item_id (Fixture *f,
         guint    index)
{
  return ((VerkItem *) g_ptr_array_index (f->items, index))->id;
}

static VerkItem *
load_item (Fixture *f,
           guint    index)
{
  g_autoptr (GError) error = NULL;
  VerkItem *item = verk_store_get_item (f->store, item_id (f, index), &error);

  g_assert_no_error (error);
  return item;
}

/* The same geometry the view uses for its size. */
static VerkPuzzleLayout *
view_layout (Fixture *f)
{
  int w = gtk_widget_get_width (GTK_WIDGET (f->view)), h = gtk_widget_get_height (GTK_WIDGET (f->view));
  double m = verk_puzzle_margin (w, h);

  return verk_puzzle_layout_new (13, w - 2 * m, h - 2 * m);
}

static void
test_pieces_and_labels (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (verk_puzzle_view_get_n_pieces (f->view), ==, 13);
  for (guint i = 0; i < 13; i++)
    {
      GtkWidget *button = verk_puzzle_view_get_piece_button (f->view, i);

      g_assert_cmpint (verk_puzzle_view_get_item_id (f->view, i), ==, item_id (f, i));
      g_assert_true (GTK_IS_BUTTON (button));
      g_assert_true (gtk_widget_get_focusable (button));
      g_assert_false (gtk_widget_get_can_target (button));
      g_assert_true (g_str_has_suffix (verk_puzzle_view_get_piece_label (f->view, i), ", not scored"));
    }
  g_assert_cmpstr (verk_puzzle_view_get_piece_label (f->view, 6), ==, "Samverkan, not scored");

  /* A score from anywhere (the store) shows at once. */
  g_assert_true (verk_store_set_agreed (f->store, item_id (f, 6), 3, "", &error));
  g_assert_cmpstr (verk_puzzle_view_get_piece_label (f->view, 6), ==, "Samverkan, score 3 of 5");
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkPuzzleLayout) layout = view_layout (f);
  g_autoptr (VerkItem) item = NULL;
  guint expected;

  /* Focus on a piece selects it. */
  gtk_widget_grab_focus (verk_puzzle_view_get_piece_button (f->view, 0));
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 0));

  /* Arrows follow the layout, and move focus with the selection. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.move", "s", "right"));
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 1));
  g_assert_true (gtk_widget_has_focus (verk_puzzle_view_get_piece_button (f->view, 1)));
  expected = verk_puzzle_layout_neighbour (layout, 1, VERK_DIRECTION_DOWN);
  g_assert_cmpuint (expected, !=, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.move", "s", "down");
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, expected));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.move", "s", "up");
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==,
                   item_id (f, verk_puzzle_layout_neighbour (layout, expected, VERK_DIRECTION_UP)));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.move", "s", "left");

  /* Home and End go to the first and last piece. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.move", "s", "last");
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 12));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.move", "s", "first");
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 0));
  g_assert_true (gtk_widget_has_focus (verk_puzzle_view_get_piece_button (f->view, 0)));

  /* The puzzle is one tab stop: Tab leaves it, and coming back lands on
   * the selected piece. */
  gtk_widget_grab_focus (verk_puzzle_view_get_piece_button (f->view, 5));
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 5));
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (f->view), GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (f->view), GTK_DIR_TAB_BACKWARD));
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->view), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_has_focus (verk_puzzle_view_get_piece_button (f->view, 5)));

  /* 1-5 score the piece and keep the rationale; 0 clears. */
  g_assert_true (verk_store_set_agreed (f->store, item_id (f, 5), 2, "Vi jämför oss sällan", &error));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.score", "i", 4);
  item = load_item (f, 5);
  g_assert_cmpint (item->agreed, ==, 4);
  g_assert_cmpstr (item->rationale, ==, "Vi jämför oss sällan");
  g_assert_cmpstr (verk_puzzle_view_get_piece_label (f->view, 5), ==, "Lära av andra, score 4 of 5");
  g_clear_pointer (&item, verk_item_free);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.score", "i", 0);
  item = load_item (f, 5);
  g_assert_cmpint (item->agreed, ==, 0);

  /* Enter, and a screen reader's click, open the piece. */
  f->activated = 0;
  gtk_widget_activate_action (GTK_WIDGET (f->view), "puzzle.activate", NULL);
  g_assert_cmpint (f->activated, ==, item_id (f, 5));
  f->activated = 0;
  g_signal_emit_by_name (verk_puzzle_view_get_piece_button (f->view, 9), "clicked");
  g_assert_cmpint (f->activated, ==, item_id (f, 9));
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 9));

  /* A selection made elsewhere (the presenter window) shows here too. */
  verk_session_set_selected_item_id (f->session, item_id (f, 12));
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 12));
}

#ifdef GDK_WINDOWING_X11
/* Real key presses through the X server (xdotool), so the key bindings and
 * the focus handling are tested as a user meets them. */
static gboolean
press_keys (Fixture    *f,
            const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = NULL;
  g_autofree char *command = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!GDK_IS_X11_SURFACE (surface))
    return FALSE;
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  command = g_strdup_printf ("xdotool windowfocus --sync %s key --delay 30 %s", xid, keys);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error) || status != 0)
    return FALSE;
  return TRUE;
}

static gint64
wait_selected (Fixture *f,
               gint64   want)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (verk_session_get_selected_item_id (f->session) != want && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return verk_session_get_selected_item_id (f->session);
}

static void
test_real_keys (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (VerkPuzzleLayout) layout = view_layout (f);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr (VerkItem) item = NULL;
  guint below, right;

  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gtk_widget_get_display (f->window)))
    {
      g_test_skip ("needs xdotool and an X11 display");
      return;
    }
  gtk_widget_grab_focus (verk_puzzle_view_get_piece_button (f->view, 0));
  g_assert_cmpint (verk_session_get_selected_item_id (f->session), ==, item_id (f, 0));

  g_assert_true (press_keys (f, "Right"));
  g_assert_cmpint (wait_selected (f, item_id (f, 1)), ==, item_id (f, 1));
  below = verk_puzzle_layout_neighbour (layout, 1, VERK_DIRECTION_DOWN);
  g_assert_true (press_keys (f, "Down"));
  g_assert_cmpint (wait_selected (f, item_id (f, below)), ==, item_id (f, below));
  right = verk_puzzle_layout_neighbour (layout, below, VERK_DIRECTION_RIGHT);
  g_assert_true (press_keys (f, "Right"));
  g_assert_cmpint (wait_selected (f, item_id (f, right)), ==, item_id (f, right));

  /* 4 scores the piece, Enter opens it. */
  g_assert_true (press_keys (f, "4 Return"));
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (f->activated == 0 && g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
      }
  }
  g_assert_cmpint (f->activated, ==, item_id (f, right));
  item = load_item (f, right);
  g_assert_cmpint (item->agreed, ==, 4);
  g_clear_pointer (&item, verk_item_free);
  g_assert_true (press_keys (f, "BackSpace"));
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    do
      {
        g_clear_pointer (&item, verk_item_free);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
        item = load_item (f, right);
      }
    while (item->agreed != 0 && g_get_monotonic_time () < end);
  }
  g_assert_cmpint (item->agreed, ==, 0);
}
#endif

static char *
artifact_path (const char *name)
{
  const char *build = g_getenv ("VERKSTAD_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build != NULL ? build : ".", "test-artifacts", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

/* The window as it was last painted. */
static cairo_surface_t *
window_picture (Fixture *f)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (f->window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (f->window), h = gtk_widget_get_height (f->window);
  cairo_surface_t *surface;
  cairo_t *cr;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Fails unless piece @index shows @score's colour, away from its outline
 * (where selection and focus rings go) and from its text. */
static void
assert_piece_colour (Fixture         *f,
                     cairo_surface_t *surface,
                     guint            index,
                     int              score)
{
  g_autoptr (VerkPuzzleLayout) layout = view_layout (f);
  double m = verk_puzzle_margin (gtk_widget_get_width (GTK_WIDGET (f->view)),
                                 gtk_widget_get_height (GTK_WIDGET (f->view)));
  guint32 *pixels = (guint32 *) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  double in = MAX (0.5 * verk_puzzle_layout_get_knob_depth (layout), 8);
  VerkRgba want = verk_puzzle_score_color (score);
  graphene_point_t origin;
  cairo_rectangle_t cell;
  guint32 p;
  int x, y;

  /* Where the view sits in the window. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->view), GTK_WIDGET (f->window),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  verk_puzzle_layout_get_cell (layout, index, &cell);
  x = (int) (origin.x + m + cell.x + cell.width - in);
  y = (int) (origin.y + m + cell.y + cell.height - in);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  p = pixels[y * stride + x];
  if (abs ((int) ((p >> 16) & 0xff) - (int) round (want.r * 255)) > 3
      || abs ((int) ((p >> 8) & 0xff) - (int) round (want.g * 255)) > 3
      || abs ((int) (p & 0xff) - (int) round (want.b * 255)) > 3)
    g_error ("piece %u at %d,%d is %06x, not its score's colour", index, x, y, p & 0xffffff);
}

static void
set_animations (Fixture  *f,
                gboolean  enabled)
{
  g_object_set (gtk_widget_get_settings (f->window), "gtk-enable-animations", enabled, NULL);
}

/* The view at 1280×720 drawn to a PNG (kept as an artifact), with the
 * score colours where the scored pieces are. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = artifact_path ("puzzle-view-1280x720.png");
  cairo_surface_t *surface;

  set_animations (f, TRUE);
  for (guint i = 0; i < 13; i++)
    if (i % 4 != 3)
      g_assert_true (verk_store_set_agreed (f->store, item_id (f, i), 1 + (int) (i % 5), "", &error));
  {
    gint64 ids[3] = { item_id (f, 7), item_id (f, 1), item_id (f, 10) };

    g_assert_true (verk_store_set_priorities (f->store, f->workshop, ids, 3, &error));
  }
  verk_session_set_selected_item_id (f->session, item_id (f, 6));
  g_assert_true (verk_puzzle_view_get_animating (f->view));
  wait_for_still (f);
  wait_for_paint (f);

  surface = window_picture (f);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  for (guint i = 0; i < 13; i++)
    if (i % 4 != 3 && i != 6)   /* unscored (theme grey) or selected */
      assert_piece_colour (f, surface, i, 1 + (int) (i % 5));
  cairo_surface_destroy (surface);
}

/* Scoring pulses once and leaves the plain score colour; with the system's
 * animations off it does not pulse at all. */
static void
test_pulse (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;

  set_animations (f, TRUE);
  g_assert_false (verk_puzzle_view_get_animating (f->view));
  g_assert_true (verk_store_set_agreed (f->store, item_id (f, 0), 2, "", &error));
  g_assert_true (verk_puzzle_view_get_animating (f->view));
  wait_for_still (f);
  wait_for_paint (f);
  surface = window_picture (f);
  assert_piece_colour (f, surface, 0, 2);
  cairo_surface_destroy (surface);

  set_animations (f, FALSE);
  g_assert_true (verk_store_set_agreed (f->store, item_id (f, 0), 4, "", &error));
  g_assert_false (verk_puzzle_view_get_animating (f->view));
  wait_for_paint (f);
  surface = window_picture (f);
  assert_piece_colour (f, surface, 0, 4);
  cairo_surface_destroy (surface);
  set_animations (f, TRUE);
}

/* A score changed through the store reaches the view through the workshop
 * model, and the view's renderer draws again only that piece's area of the
 * picture it keeps: never the whole picture. */
static void
test_score_redraws_one_piece (Fixture       *f,
                              gconstpointer  data)
{
  VerkPuzzleRenderer *renderer = verk_puzzle_view_get_renderer (f->view);
  g_autoptr (VerkPuzzleLayout) layout = view_layout (f);
  g_autoptr (GError) error = NULL;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (f->view));
  guint full, partial, full_after, partial_after;
  guint64 pixels, pixels_after;
  cairo_rectangle_t b;
  double w, h, reach;

  wait_for_paint (f);
  verk_puzzle_renderer_get_redraws (renderer, &full, &partial, &pixels);
  g_assert_cmpuint (full, >=, 1);

  g_assert_true (verk_store_set_agreed (f->store, item_id (f, 6), 4, "", &error));
  g_assert_no_error (error);
  wait_for_still (f);
  wait_for_paint (f);
  /* One renderer for the view's life: a new one would draw everything. */
  g_assert_true (verk_puzzle_view_get_renderer (f->view) == renderer);
  verk_puzzle_renderer_get_redraws (renderer, &full_after, &partial_after, &pixels_after);
  g_assert_cmpuint (full_after, ==, full);
  g_assert_cmpuint (partial_after, ==, partial + 1);

  /* The piece with its knobs, the outline's half and a pixel of rounding. */
  verk_puzzle_layout_get_size (layout, &w, &h);
  verk_puzzle_layout_get_bounds (layout, 6, &b);
  reach = MAX (1, MIN (w, h) * 0.006) + 3;
  g_assert_cmpfloat ((double) (pixels_after - pixels), <=,
                     (b.width + 2 * reach) * (b.height + 2 * reach) * scale * scale);
  g_assert_cmpfloat ((double) (pixels_after - pixels), <, w * h * scale * scale / 4);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/puzzle-view/pieces-and-labels", Fixture, NULL, fixture_set_up, test_pieces_and_labels, fixture_tear_down);
  g_test_add ("/puzzle-view/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
#ifdef GDK_WINDOWING_X11
  g_test_add ("/puzzle-view/real-keys", Fixture, NULL, fixture_set_up, test_real_keys, fixture_tear_down);
#endif
  g_test_add ("/puzzle-view/screenshot", Fixture, NULL, fixture_set_up, test_screenshot, fixture_tear_down);
  g_test_add ("/puzzle-view/pulse", Fixture, NULL, fixture_set_up, test_pulse, fixture_tear_down);
  g_test_add ("/puzzle-view/score-redraws-one-piece", Fixture, NULL, fixture_set_up,
              test_score_redraws_one_piece, fixture_tear_down);
  return g_test_run ();
}
