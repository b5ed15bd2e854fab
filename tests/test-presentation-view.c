/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The presentation against a real (in-memory) store: it draws what the
 * session's model holds, redraws when the model (not the store) says an edit
 * is taken in, and follows the session it is given. Runs under the display
 * build-aux/dev test provides. */
#include "config.h"

#include "presentation-fixture.h"
#include "verk-presentation-view.h"

typedef struct {
  PresentationFixture presentation;
  gint64              group;
  gint64              before;       /* the workshop the follow-up compares with */
  gint64              workshop;     /* its follow-up, the one shown */
  gint64              old_items[3];
  gint64              items[3];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  const char *names[] = { "Samverkan", "Helhetssyn", "Lärande" };

  presentation_fixture_open_store (&f->presentation);
  f->group = verk_store_add_group (f->presentation.store, "Ledningsgruppen", "", &error);
  g_assert_no_error (error);
  f->before = verk_store_add_workshop (f->presentation.store, f->group, "2026-01-10", "Åsa", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      f->old_items[i] = verk_store_add_item (f->presentation.store, f->before, "siq", NULL, names[i], "", &error);
      g_assert_no_error (error);
    }
  g_assert_true (verk_store_set_agreed (f->presentation.store, f->old_items[0], 2, "", &error));
  g_assert_no_error (error);
  f->workshop = verk_store_add_followup (f->presentation.store, f->before, "2026-06-01", "Åsa", &error);
  g_assert_no_error (error);
  items = verk_store_list_items (f->presentation.store, f->workshop, "siq", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  for (int i = 0; i < 3; i++)
    f->items[i] = ((VerkItem *) g_ptr_array_index (items, i))->id;
  presentation_fixture_present (&f->presentation, f->workshop, 1280, 720);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  presentation_fixture_close (&f->presentation);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  return presentation_fixture_child (&f->presentation, name);
}

/* @shown_only: leave out what is hidden, or not laid out for lack of room. */
static void
collect_texts (GtkWidget *widget,
               gboolean   shown_only,
               GString   *texts)
{
  if (shown_only && (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget)))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "[%s]", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_texts (c, shown_only, texts);
}

/* Every label under @widget (or those shown), in order, each in brackets. */
static char *
texts_under (GtkWidget *widget,
             gboolean   shown_only)
{
  GString *texts = g_string_new (NULL);

  collect_texts (widget, shown_only, texts);
  return g_string_free (texts, FALSE);
}

/* Every label of the slide. */
static char *
slide_texts (Fixture *f)
{
  return texts_under (child (f, "slide_box"), FALSE);
}

/* "Before and after": a row per piece, name, last time's agreed score → now. */
static void
test_before_after_follows_previous (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;

  verk_session_set_step (f->presentation.session, VERK_STEP_FOLLOW_UP);
  g_assert_cmpuint (verk_session_get_slide (f->presentation.session), ==, 0);
  before = slide_texts (f);
  g_assert_nonnull (strstr (before, "[Samverkan][2][→][–]"));

  /* Last time's score corrected (the store only, as a restored backup or
   * another window would): the slide shows it without any other edit. */
  g_assert_true (verk_store_set_agreed (f->presentation.store, f->old_items[0], 4, "", &error));
  g_assert_no_error (error);
  after = slide_texts (f);
  g_assert_nonnull (strstr (after, "[Samverkan][4][→][–]"));

  /* And this workshop's own edits as before. */
  g_assert_true (verk_store_set_agreed (f->presentation.store, f->items[0], 5, "", &error));
  g_assert_no_error (error);
  again = slide_texts (f);
  g_assert_nonnull (strstr (again, "[Samverkan][4][→][5]"));
}

/* The overview counts the model's agreed pieces after every edit. */
static void
test_overview_reads_model (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GtkLabel *status = child (f, "status_label");

  verk_session_set_step (f->presentation.session, VERK_STEP_ASSESS);
  g_assert_cmpstr (gtk_label_get_text (status), ==, "0 of 3 pieces agreed");
  g_assert_true (verk_store_set_agreed (f->presentation.store, f->items[1], 3, "", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (status), ==, "1 of 3 pieces agreed");

  /* A piece selected shows that piece; a removed one is gone from the model. */
  verk_session_set_selected_item_id (f->presentation.session, f->items[1]);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "title_label"))), ==, "Helhetssyn");
  g_assert_true (verk_store_remove_item (f->presentation.store, f->items[1], &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "title_label"))), ==, "Our puzzle");
  g_assert_cmpstr (gtk_label_get_text (status), ==, "0 of 2 pieces agreed");
}

/* Given another session, the view follows that one only. */
static void
test_follows_new_session (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (VerkSession) other = verk_session_new (f->presentation.store);
  GtkLabel *title = child (f, "title_label");

  verk_session_set_workshop_id (other, f->before);
  verk_session_set_step (other, VERK_STEP_ASSESS);
  verk_session_set_step (f->presentation.session, VERK_STEP_ASSESS);
  g_object_set (f->presentation.view, "session", other, NULL);

  verk_session_set_selected_item_id (f->presentation.session, f->items[2]);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Our puzzle");
  verk_session_set_selected_item_id (other, f->old_items[2]);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Lärande");

  g_object_set (f->presentation.view, "session", NULL, NULL);
  verk_session_set_selected_item_id (other, f->old_items[0]);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "");
}

/* Without "hide until reveal" the room sees round 1's scores as they come,
 * but never a second private round's before its own reveal. */
static void
test_second_round_silent_hiding_off (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GtkLabel *spread = child (f, "spread_label");
  gint64 anna, bo;

  anna = verk_store_add_participant (f->presentation.store, f->workshop, "Anna", &error);
  bo = verk_store_add_participant (f->presentation.store, f->workshop, "Bo", &error);
  g_assert_no_error (error);
  verk_session_set_hide_until_reveal (f->presentation.session, FALSE);
  verk_session_set_step (f->presentation.session, VERK_STEP_ASSESS);
  verk_session_set_selected_item_id (f->presentation.session, f->items[0]);
  g_assert_true (verk_store_set_score (f->presentation.store, f->items[0], anna, 1, &error));
  g_assert_true (verk_store_set_score (f->presentation.store, f->items[0], bo, 4, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (spread), "Spread 1 to 4"));

  verk_session_set_revealed (f->presentation.session, f->items[0], TRUE);
  g_assert_true (verk_store_start_second_round (f->presentation.store, f->items[0], &error));
  g_assert_no_error (error);
  verk_session_set_revealed (f->presentation.session, f->items[0], FALSE);
  g_assert_true (verk_store_set_second_round_score (f->presentation.store, f->items[0], anna, 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (spread), ==, "Scores are hidden until the facilitator reveals them.");
  g_assert_false (gtk_widget_get_visible (child (f, "spread_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "status_label"))), ==, "Round 2: 1 of 2 have scored");

  verk_session_set_revealed (f->presentation.session, f->items[0], TRUE);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (spread), "Round 2: everyone gave 3"));
}

/* Every label of the presentation, hidden or not. */
static char *
all_texts (GtkWidget *widget)
{
  return texts_under (widget, FALSE);
}

/* What the room sees of the reasons: each end's heading, "+ N more" and
 * the quotes drawn, as last laid out. */
static char *
shown_reasons (Fixture *f)
{
  presentation_fixture_wait_frames (f->presentation.view, 2);
  return texts_under (child (f, "reasons_fit"), TRUE);
}

/* Issue 15: after the reveal the room reads the reasons given with the
 * lowest and the highest score, without names (also beside the named
 * chips), in the order of their text; nothing of any reason before the
 * reveal, hiding on or off; everyone's reasons under one heading when all
 * gave the same score; round 2's after round 2's own reveal, a reason
 * typed on several lines as one running quote. */
static void
test_reasons_after_reveal (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkStore *store = f->presentation.store;
  VerkSession *session = f->presentation.session;
  const char *names[] = { "Anna Ek", "Bo Berg", "Cecilia Ås", "Dan Öst" };
  const int values[] = { 1, 4, 4, 1 };
  const char *reasons[] = { "Ingen uppföljning", "Vi lär av varandra", "", "Alla gör som de vill" };
  gint64 people[4];
  g_autofree char *hidden = NULL;
  g_autofree char *hiding_off = NULL;
  g_autofree char *revealed = NULL;
  g_autofree char *anonymous = NULL;
  g_autofree char *equal = NULL;
  g_autofree char *silent = NULL;
  g_autofree char *round_two = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      people[p] = verk_store_add_participant (store, f->workshop, names[p], &error);
      g_assert_true (verk_store_set_score (store, f->items[0], people[p], values[p], &error));
      g_assert_true (verk_store_set_score_comment (store, f->items[0], people[p], reasons[p], &error));
      g_assert_no_error (error);
    }
  verk_session_set_step (session, VERK_STEP_ASSESS);
  verk_session_set_selected_item_id (session, f->items[0]);

  /* Silent first: no reason anywhere in the presentation, not even hidden. */
  hidden = all_texts (f->presentation.view);
  g_assert_null (strstr (hidden, "uppföljning"));
  g_assert_null (strstr (hidden, "varandra"));
  g_assert_false (gtk_widget_get_visible (child (f, "reasons_fit")));
  verk_session_set_hide_until_reveal (session, FALSE);
  hiding_off = all_texts (f->presentation.view);
  g_assert_nonnull (strstr (hiding_off, "[Spread 1 to 4"));     /* the scores show as they come */
  g_assert_null (strstr (hiding_off, "uppföljning"));
  verk_session_set_hide_until_reveal (session, TRUE);

  /* The reveal: the lowest's two reasons (sorted by text, not Anna's first),
   * the highest's one (the empty one left out), no name among them. */
  verk_session_set_revealed (session, f->items[0], TRUE);
  revealed = shown_reasons (f);
  g_assert_cmpstr (revealed, ==, "[Why 1?][“Alla gör som de vill”][“Ingen uppföljning”][Why 4?][“Vi lär av varandra”]");
  g_assert_true (gtk_widget_get_visible (child (f, "scores_grid")));

  /* Without names: the same reasons. */
  verk_session_set_anonymous (session, TRUE);
  anonymous = shown_reasons (f);
  g_assert_cmpstr (anonymous, ==, revealed);
  verk_session_set_anonymous (session, FALSE);

  /* Everyone gave 4: no ends, everyone's reasons under one heading. */
  g_assert_true (verk_store_set_score (store, f->items[0], people[0], 4, &error));
  g_assert_true (verk_store_set_score (store, f->items[0], people[3], 4, &error));
  g_assert_no_error (error);
  equal = shown_reasons (f);
  g_assert_cmpstr (equal, ==, "[Why everyone gave 4][“Alla gör som de vill”][“Ingen uppföljning”]"
                              "[“Vi lär av varandra”]");

  /* No reason at either end: the part is gone, no empty heading. */
  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    g_assert_true (verk_store_set_score_comment (store, f->items[0], people[p], p == 2 ? "  " : NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (child (f, "reasons_fit")));

  /* A second round: silent until its reveal, then its own reasons. */
  g_assert_true (verk_store_set_score (store, f->items[0], people[0], 1, &error));
  g_assert_true (verk_store_set_score_comment (store, f->items[0], people[0], "Ingen uppföljning", &error));
  g_assert_true (verk_store_start_second_round (store, f->items[0], &error));
  g_assert_no_error (error);
  verk_session_set_revealed (session, f->items[0], FALSE);
  g_assert_true (verk_store_set_second_round_score (store, f->items[0], people[0], 2, "Vi har börjat.\nMen sakta",
                                                    &error));
  g_assert_true (verk_store_set_second_round_score (store, f->items[0], people[1], 3, "Lagom\n\n  mycket\n", &error));
  g_assert_no_error (error);
  silent = all_texts (f->presentation.view);
  g_assert_null (strstr (silent, "börjat"));
  g_assert_null (strstr (silent, "uppföljning"));
  verk_session_set_revealed (session, f->items[0], TRUE);
  round_two = shown_reasons (f);
  g_assert_cmpstr (round_two, ==, "[Why 2?][“Vi har börjat. Men sakta”][Why 3?][“Lagom / mycket”]");
}

/* The shortcut @widget (a GtkShortcutsWindow, or inside one) shows for
 * @accelerator under a group titled @group_title, NULL when none. */
static GtkShortcutsShortcut *
find_shortcut (GtkWidget  *widget,
               const char *group_title,
               const char *accelerator)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      GtkWidget *group = gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_GROUP);
      g_autofree char *title = NULL;
      g_autofree char *shown = NULL;

      /* The window's search results hold copies outside any group. */
      if (group == NULL)
        return NULL;
      g_object_get (group, "title", &title, NULL);
      g_object_get (widget, "accelerator", &shown, NULL);
      return g_strcmp0 (title, group_title) == 0 && g_strcmp0 (shown, accelerator) == 0
             ? GTK_SHORTCUTS_SHORTCUT (widget) : NULL;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkShortcutsShortcut *found = find_shortcut (c, group_title, accelerator);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* While the room sees the presentation on a second screen, Page Down and
 * Page Up in the facilitator's window move it (a clicker sends them there):
 * the keyboard shortcuts window says so among the facilitator's window's
 * projector shortcuts, not only for the presentation itself. */
static void
test_shortcuts_window_names_clicker_keys (void)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  GtkShortcutsShortcut *clicker;
  g_autofree char *title = NULL;

  g_assert_nonnull (overlay);
  clicker = find_shortcut (overlay, "Projector", "Page_Down Page_Up");
  g_assert_nonnull (clicker);
  g_object_get (clicker, "title", &title, NULL);
  g_assert_nonnull (strstr (title, "Second Screen"));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int argc, char **argv)
{
  presentation_fixture_init (&argc, &argv);

  g_test_add ("/presentation-view/before-after-follows-previous", Fixture, NULL, fixture_setup,
              test_before_after_follows_previous, fixture_teardown);
  g_test_add ("/presentation-view/overview-reads-model", Fixture, NULL, fixture_setup,
              test_overview_reads_model, fixture_teardown);
  g_test_add ("/presentation-view/follows-new-session", Fixture, NULL, fixture_setup,
              test_follows_new_session, fixture_teardown);
  g_test_add ("/presentation-view/second-round-silent-hiding-off", Fixture, NULL, fixture_setup,
              test_second_round_silent_hiding_off, fixture_teardown);
  g_test_add ("/presentation-view/reasons-after-reveal", Fixture, NULL, fixture_setup,
              test_reasons_after_reveal, fixture_teardown);
  g_test_add_func ("/presentation-view/shortcuts-window-names-clicker-keys",
                   test_shortcuts_window_names_clicker_keys);
  return g_test_run ();
}
