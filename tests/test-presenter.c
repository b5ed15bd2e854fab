/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Projector mode on a real X server with three monitors (started by
 * tests/ui/test_projector.py, which also answers the SHOT and KEY lines this
 * prints: it captures windows and types keys through the window manager).
 * Prints TAP. Every wait is a guard against a hang, never a timing assertion. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-fit-label.h"
#include "verk-presentation-controller.h"
#include "verk-presentation-view.h"
#include "verk-presenter-window.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-view.h"

void verk_ui_register_resource (void);

static int n_test;
static int n_failed;
static VerkStore *store;
static VerkSession *session;
static AdwApplicationWindow *main_window;
static GPtrArray *items;
static gint64 participants[3];
static VerkPuzzleView *facilitator_puzzle;
static GtkWidget *facilitator_box;

static gboolean
facilitator_rows_are (gpointer data)
{
  return verk_puzzle_view_get_n_rows (facilitator_puzzle) == GPOINTER_TO_UINT (data);
}

static gboolean
facilitator_rows_are_not (gpointer data)
{
  guint rows = verk_puzzle_view_get_n_rows (facilitator_puzzle);

  return rows != 0 && rows != GPOINTER_TO_UINT (data);
}

static void
check (gboolean    ok,
       const char *what)
{
  n_test++;
  if (!ok)
    n_failed++;
  g_print ("%s %d - %s\n", ok ? "ok" : "not ok", n_test, what);
}

typedef gboolean (*Cond) (gpointer data);

static gboolean
wait_for (Cond        cond,
          gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A participant's chip in the presentation: the name shown, the score. */
static gboolean
find_chip (GtkWidget  *root,
           const char *name,
           const char *score)
{
  GtkWidget *first = gtk_widget_get_first_child (root);
  GtkWidget *last = gtk_widget_get_last_child (root);

  if (gtk_widget_has_css_class (root, "verk-present-chip") && gtk_widget_get_mapped (root)
      && VERK_IS_FIT_LABEL (first) && GTK_IS_LABEL (last)
      && g_strcmp0 (verk_fit_label_get_shown (VERK_FIT_LABEL (first)), name) == 0
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (last)), score) == 0)
    return TRUE;
  for (GtkWidget *c = first; c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_chip (c, name, score))
      return TRUE;
  return FALSE;
}

typedef struct { GtkWidget *root; const char *name; const char *score; gboolean present; } ChipWait;

static gboolean
chip_state (gpointer data)
{
  ChipWait *w = data;
  return find_chip (w->root, w->name, w->score) == w->present;
}

static gboolean
wait_chip (GtkWidget  *root,
           const char *name,
           const char *score,
           gboolean    present)
{
  ChipWait w = { root, name, score, present };
  return wait_for (chip_state, &w);
}

/* The mapped drawing area under @root: the presentation's puzzle. */
static GtkWidget *
find_drawing_area (GtkWidget *root)
{
  if (GTK_IS_DRAWING_AREA (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_drawing_area (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the puzzle takes more than @data percent of the view's width. */
typedef struct { GtkWidget *view; int percent; gboolean wider; } WidthWait;

static gboolean
puzzle_width_state (gpointer data)
{
  WidthWait *w = data;
  GtkWidget *area = find_drawing_area (w->view);
  int view_width = gtk_widget_get_width (w->view);

  if (area == NULL || view_width == 0)
    return FALSE;
  return (gtk_widget_get_width (area) * 100 > view_width * w->percent) == w->wider;
}

typedef struct { GtkWidget *root; const char *text; gboolean present; } LabelWait;

static gboolean
label_state (gpointer data)
{
  LabelWait *w = data;
  return (find_label (w->root, w->text) != NULL) == w->present;
}

static gboolean
wait_label (GtkWidget  *root,
            const char *text,
            gboolean    present)
{
  LabelWait w = { root, text, present };
  return wait_for (label_state, &w);
}

/* The window's frame on the root window, as the X server has it. */
static void
x_geometry (GtkWindow    *window,
            GdkRectangle *rect)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *dpy = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  Window xid = gdk_x11_surface_get_xid (surface), child;
  XWindowAttributes attributes;

  XSync (dpy, False);
  XGetWindowAttributes (dpy, xid, &attributes);
  XTranslateCoordinates (dpy, xid, DefaultRootWindow (dpy), 0, 0, &rect->x, &rect->y, &child);
  rect->width = attributes.width;
  rect->height = attributes.height;
}

typedef struct { GtkWindow *window; GdkRectangle want; } GeometryWait;

static gboolean
geometry_matches (gpointer data)
{
  GeometryWait *w = data;
  GdkRectangle have;

  if (!gtk_widget_get_mapped (GTK_WIDGET (w->window)))
    return FALSE;
  x_geometry (w->window, &have);
  if (!gdk_rectangle_equal (&have, &w->want))
    {
      static GdkRectangle last;

      if (!gdk_rectangle_equal (&have, &last))
        g_print ("# window at %d,%d %dx%d, waiting for %d,%d %dx%d\n", have.x, have.y, have.width,
                 have.height, w->want.x, w->want.y, w->want.width, w->want.height);
      last = have;
      return FALSE;
    }
  return TRUE;
}

static GdkMonitor *
monitor_at (guint index)
{
  GListModel *list = gdk_display_get_monitors (gdk_display_get_default ());
  GdkMonitor *monitor = g_list_model_get_item (list, index);

  g_object_unref (monitor);   /* the list keeps it */
  return monitor;
}

static VerkPresenterWindow *
find_presenter (void)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (VERK_IS_PRESENTER_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
presenter_state (gpointer data)
{
  return (find_presenter () != NULL) == GPOINTER_TO_INT (data);
}

static AdwMessageDialog *
find_chooser (void)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

/* Asks the harness for something done from outside: a screenshot or a key. */
static void
ask (const char *verb,
     GtkWindow  *window,
     const char *arg)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  char answer[64];

  /* Let the last change reach the screen first. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_print ("%s %lu %s\n", verb, (unsigned long) gdk_x11_surface_get_xid (surface), arg);
  fflush (stdout);
  /* Keep painting while the harness works. */
  while (TRUE)
    {
      fd_set set;
      struct timeval tv = { 0, 10000 };

      FD_ZERO (&set);
      FD_SET (0, &set);
      if (select (1, &set, NULL, NULL, &tv) > 0)
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  if (fgets (answer, sizeof answer, stdin) == NULL)
    g_error ("the harness went away");
}

static gboolean
mode_state (gpointer data)
{
  GtkWidget *content = adw_application_window_get_content (main_window);
  return VERK_IS_PRESENTATION_VIEW (content) == GPOINTER_TO_INT (data)
         && gtk_widget_get_mapped (content);
}

static void
seed (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new ("en", &error);
  gint64 group, workshop;
  const char *names[] = { "Anna", "Bo", "Cecilia" };

  g_assert_no_error (error);
  store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (store, "Ledningsgruppen", "Socialförvaltningen", &error);
  workshop = verk_store_add_workshop (store, group, "2026-11-26", "Facilitator", &error);
  g_assert_no_error (error);
  verk_content_seed_workshop (content, store, workshop, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    participants[i] = verk_store_add_participant (store, workshop, names[i], &error);
  g_assert_no_error (error);
  items = verk_store_list_items (store, workshop, "siq", &error);
  g_assert_no_error (error);

  session = verk_session_new (store);
  verk_session_set_workshop_id (session, workshop);
  verk_session_set_step (session, VERK_STEP_ASSESS);
}

static void
run (GtkApplication *app)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  const VerkItem *item;
  VerkPresenterWindow *presenter;
  GtkWidget *view, *notes;
  GeometryWait geometry;
  static const char *f5[] = { "F5", NULL };
  static const char *shift_f5[] = { "<Shift>F5", NULL };

  gtk_application_set_accels_for_action (app, "win.presentation-mode", f5);
  gtk_application_set_accels_for_action (app, "win.present", shift_f5);
  /* As with "reduced motion" on: the timer's colour change happens at once,
   * so the screenshot shows its final state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_print ("1..26\n");
  seed ();
  item = g_ptr_array_index (items, 2);

  main_window = ADW_APPLICATION_WINDOW (adw_application_window_new (app));
  gtk_window_set_title (GTK_WINDOW (main_window), "Facilitator");
  gtk_window_set_default_size (GTK_WINDOW (main_window), 1000, 600);
  facilitator_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (facilitator_box), gtk_label_new ("The facilitator's controls"));
  adw_application_window_set_content (main_window, facilitator_box);
  verk_presentation_controller_install (main_window, session);
  gtk_window_present (GTK_WINDOW (main_window));
  wait_for ((Cond) gtk_widget_get_mapped, main_window);

  check (g_list_model_get_n_items (monitors) == 3, "GDK sees the three monitors of the test X server");

  /* Presenter window on monitor 1, by number (the chooser's choice). */
  verk_session_set_selected_item_id (session, item->id);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.present-on", "u", 1);
  check (wait_for (presenter_state, GINT_TO_POINTER (TRUE)), "win.present-on opens a presenter window");
  presenter = find_presenter ();
  geometry.window = GTK_WINDOW (presenter);
  gdk_monitor_get_geometry (monitor_at (1), &geometry.want);
  check (wait_for (geometry_matches, &geometry), "it covers exactly the chosen monitor (1920x1080 at 1280,0)");

  view = GTK_WIDGET (adw_window_get_content (ADW_WINDOW (presenter)));
  check (wait_label (view, item->name, TRUE) && wait_label (view, "0 of 3 have scored", TRUE),
         "it shows the selected piece and how many have scored");

  /* A score entered in the facilitator's window goes through the store. */
  verk_store_set_score (store, item->id, participants[0], 4, NULL);
  verk_store_set_score (store, item->id, participants[1], 2, NULL);
  check (wait_label (view, "2 of 3 have scored", TRUE) && wait_chip (view, "Anna", "4", FALSE),
         "score changes show at once, the scores themselves stay hidden");
  ask ("SHOT", GTK_WINDOW (presenter), "presenter-hidden-1920x1080");

  verk_session_set_revealed (session, item->id, TRUE);
  check (wait_chip (view, "Anna", "4", TRUE) && wait_chip (view, "Bo", "2", TRUE)
         && wait_label (view, "Spread 2 to 4, mean 3.0", TRUE),
         "the reveal shows each participant's score and the spread");
  verk_store_set_score (store, item->id, participants[2], 5, NULL);
  check (wait_chip (view, "Cecilia", "5", TRUE) && wait_label (view, "3 of 3 have scored", TRUE),
         "a score entered after the reveal shows too");
  ask ("SHOT", GTK_WINDOW (presenter), "presenter-revealed-1920x1080");

  verk_session_set_revealed (session, item->id, FALSE);
  check (wait_chip (view, "Anna", "4", FALSE), "hiding again takes the scores away");

  /* The timer: same object as the facilitator's; a gentle state at zero. */
  verk_timer_set_duration (verk_session_get_timer (session), 1);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.timer-start", NULL);
  check (wait_label (view, "Time is up", TRUE), "the timer counts down in the presentation and says when time is up");
  verk_session_set_revealed (session, item->id, TRUE);
  ask ("SHOT", GTK_WINDOW (presenter), "presenter-time-up-1920x1080");
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.timer-reset", NULL);

  /* A clicker's keys in the presenter window: the next piece and back. */
  ask ("KEY", GTK_WINDOW (presenter), "Page_Down");
  check (wait_label (view, ((VerkItem *) g_ptr_array_index (items, 3))->name, TRUE)
         && verk_session_get_selected_item_id (session) == ((VerkItem *) g_ptr_array_index (items, 3))->id,
         "Page Down in the presenter window shows the next piece");
  ask ("KEY", GTK_WINDOW (presenter), "Page_Up");
  check (wait_label (view, item->name, TRUE) && verk_session_get_selected_item_id (session) == item->id,
         "Page Up goes back to it");
  /* The clicker's keys reach the window with the focus: the facilitator's
   * window moves the presentation too, even from a widget that takes Page
   * Down itself (a text view moves its cursor). */
  notes = gtk_text_view_new ();
  gtk_box_append (GTK_BOX (facilitator_box), notes);
  gtk_widget_grab_focus (notes);
  ask ("KEY", GTK_WINDOW (main_window), "Page_Down");
  check (wait_label (view, ((VerkItem *) g_ptr_array_index (items, 3))->name, TRUE)
         && verk_session_get_selected_item_id (session) == ((VerkItem *) g_ptr_array_index (items, 3))->id,
         "Page Down in the facilitator's window shows the next piece in the presenter");
  ask ("KEY", GTK_WINDOW (main_window), "Page_Up");
  check (wait_label (view, item->name, TRUE) && verk_session_get_selected_item_id (session) == item->id,
         "Page Up in the facilitator's window goes back to it");
  gtk_box_remove (GTK_BOX (facilitator_box), notes);

  /* Esc in the presenter ends the presentation. */
  ask ("KEY", GTK_WINDOW (presenter), "Escape");
  check (wait_for (presenter_state, GINT_TO_POINTER (FALSE)), "Esc in the presenter window closes it");

  /* More than one other screen: the facilitator chooses. */
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.present", NULL);
  check (wait_for (chooser_shown, NULL)
         && adw_message_dialog_has_response (find_chooser (), "monitor-1")
         && adw_message_dialog_has_response (find_chooser (), "monitor-2")
         && !adw_message_dialog_has_response (find_chooser (), "monitor-0"),
         "with three screens a chooser lists the two the facilitator is not on");
  {
    /* As a click does: the response, then the dialog closes. */
    AdwMessageDialog *chooser = find_chooser ();

    adw_message_dialog_response (chooser, "monitor-2");
    gtk_window_close (GTK_WINDOW (chooser));
  }
  check (wait_for (presenter_state, GINT_TO_POINTER (TRUE)), "choosing a screen opens the presenter");
  presenter = find_presenter ();
  geometry.window = GTK_WINDOW (presenter);
  gdk_monitor_get_geometry (monitor_at (2), &geometry.want);
  check (wait_for (geometry_matches, &geometry), "on the chosen monitor (1280x720 at 3200,0)");
  view = GTK_WIDGET (adw_window_get_content (ADW_WINDOW (presenter)));
  ask ("SHOT", GTK_WINDOW (presenter), "presenter-revealed-1280x720");
  /* The piece's slide gives the room's attention to its scores: no puzzle. */
  check (wait_label (view, item->name, TRUE) && find_drawing_area (view) == NULL,
         "a piece selected: its own slide, with no puzzle beside it");
  verk_session_set_selected_item_id (session, 0);
  check (wait_label (view, "Our puzzle", TRUE), "no piece selected: the whole puzzle");
  {
    WidthWait whole = { view, 85, TRUE };

    check (wait_for (puzzle_width_state, &whole) && wait_label (view, "0 of 13 pieces agreed", TRUE),
           "no piece selected: the puzzle takes the whole width, under the count of agreed pieces");
  }
  {
    /* Every piece in the same row and place on both screens: the Assess
     * page's puzzle, taller than wide, beside the facilitator's controls. */
    GtkWidget *area = find_drawing_area (view);
    guint projected;

    facilitator_puzzle = VERK_PUZZLE_VIEW (verk_puzzle_view_new (session));
    gtk_widget_set_size_request (GTK_WIDGET (facilitator_puzzle), 450, 600);
    gtk_box_prepend (GTK_BOX (facilitator_box), GTK_WIDGET (facilitator_puzzle));
    projected = verk_puzzle_layout_choose_rows (items->len, gtk_widget_get_width (area),
                                                      gtk_widget_get_height (area));

    check (wait_for (facilitator_rows_are, GUINT_TO_POINTER (projected))
           && verk_session_get_projected_rows (session) == projected,
           "the facilitator's puzzle is in the projected puzzle's rows");
  }
  ask ("SHOT", GTK_WINDOW (presenter), "presenter-overview-1280x720");
  verk_session_set_step (session, VERK_STEP_MATERIAL);
  {
    g_autoptr (VerkContent) content = verk_content_new ("en", NULL);
    const VerkContentPart *part = verk_content_get_part (content, 0);

    check (wait_label (view, verk_content_get_platform_title (content), TRUE)
           && wait_label (view, part->name, TRUE),
           "the Material step shows the platform and its parts");
  }
  ask ("SHOT", GTK_WINDOW (presenter), "presenter-material-1280x720");

  /* The system's dark style: light text on dark, as the room's eyes adjust. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  verk_session_set_step (session, VERK_STEP_ASSESS);
  verk_session_set_selected_item_id (session, item->id);
  {
    GtkLabel *title = NULL;
    GdkRGBA fg;

    wait_label (view, item->name, TRUE);
    title = find_label (view, item->name);
    gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (title)), &fg);
    check (title != NULL && fg.red > 0.8 && fg.green > 0.8 && fg.blue > 0.8,
           "in the dark style the text is light");
  }
  ask ("SHOT", GTK_WINDOW (presenter), "presenter-dark-1280x720");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.present", NULL);
  wait_for (presenter_state, GINT_TO_POINTER (FALSE));
  check (wait_for (facilitator_rows_are_not, GUINT_TO_POINTER (verk_puzzle_layout_choose_rows (items->len, 1200, 500)))
         && verk_session_get_projected_rows (session) == 0,
         "the presentation over, the facilitator's puzzle takes the rows that suit its own shape");
  verk_session_set_step (session, VERK_STEP_ASSESS);
  verk_session_set_selected_item_id (session, item->id);

  /* One window: F5 shows the presentation in it, Esc leaves. */
  ask ("KEY", GTK_WINDOW (main_window), "F5");
  check (wait_for (mode_state, GINT_TO_POINTER (TRUE)), "F5 turns the window into the presentation");
  ask ("SHOT", GTK_WINDOW (main_window), "presentation-mode-1280x720");
  ask ("KEY", GTK_WINDOW (main_window), "Escape");
  check (wait_for (mode_state, GINT_TO_POINTER (FALSE)), "Esc gives the window its controls back");

  gtk_window_destroy (GTK_WINDOW (main_window));
  g_application_quit (G_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;

  verk_content_register_once ();
  verk_ui_register_resource ();
  app = adw_application_new ("io.github.verkstad.Verkstad.PresenterTest", G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "resource-base-path", RESOURCE_PREFIX, NULL);
  g_signal_connect (app, "activate", G_CALLBACK (run), NULL);
  g_application_run (G_APPLICATION (app), 0, NULL);
  return n_failed == 0 && n_test == 26 ? 0 : 1;
}
