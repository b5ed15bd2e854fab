/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list slides of the presentation (Material's platform, each part, the
 * whole; Plan; Follow up's actions) set as large as their area allows, in
 * the real VerkPresentationView at 1280×720 and 1920×1080, in Swedish and
 * English. Measured from the widgets as drawn: every text's size in pixels
 * on the screen (its font's size times the scale it is drawn at), its place
 * against the footer, and how far down the slide the text reaches.
 * Runs under the display build-aux/dev test provides. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "presentation-fixture.h"
#include "present-reasons.h"
#include "verk-content.h"
#include "verk-presentation-slides.h"
#include "verk-reason-list.h"
#include "verk-slide-fit.h"

/* No projected text below this (issue 13), and today's body size, which a
 * short slide must now exceed: at 1280×720 and from 1600 px wide on. */
#define FLOOR_PX 24.0
static const double body_px[2] = { 26.0, 36.0 };
/* A quote of a reason is never set smaller than 1/24 of the projector's
 * height (at 720 lines; 44 px from 1600 px wide), nor longer than three
 * lines: cut with "…" instead. */
static const double quote_px[2] = { 30.0, 44.0 };
#define QUOTE_LINES 3

typedef struct {
  const char *lang;
  int         width, height;
  gboolean    long_content;   /* 12 people, many long actions and reflections */
} Case;

typedef struct {
  PresentationFixture presentation;
  const Case         *c;
  gint64              workshop;
} Fixture;

static const char *long_names[12] = {
  "Örjan Bäckström-Åkesson", "Maria Åkesson Lindgren", "Åsa-Britt Lövgren Näslund",
  "Björn Ödmark Sjöström", "Cecilia Ångström Hägg", "Göran Söderbäck Ärlemalm",
  "Märta Öberg-Kjellström", "Sören Åhlén Västerås", "Ingegärd Möller Blomqvist",
  "Pär-Olof Hörnqvist Ek", "Kristina Ärlebäck Åström", "Håkan Lindström-Rönnbäck",
};

static const char *short_actions[] = {
  "Gemensamma flödeskartor för hemtjänst och hemsjukvård",
  "Nyckeltal på varje ledningsgruppsmöte",
  "Studiebesök i två kommuner under våren",
  "Återkoppling på förbättringsförslag inom två veckor",
};

/* Long Swedish actions: two or three lines each even at the floor. */
static const char *long_actions[] = {
  "Ta fram gemensamma flödeskartor för hemtjänst, hemsjukvård och rehabilitering tillsammans med "
  "medarbetarna, och använd dem vid varje överlämning mellan förvaltningarna under hösten",
  "Inför uppföljning av nyckeltal för brukarnöjdhet, sjukfrånvaro och ekonomi på varje "
  "ledningsgruppsmöte, med en kort analys av avvikelserna och vem som äger åtgärden",
  "Genomför studiebesök i två kommuner som har kommit längre med heltidsresan och "
  "återrapportera lärdomarna till samtliga arbetsplatsträffar före sommaren",
  "Ge återkoppling på varje förbättringsförslag inom två veckor, även när svaret är nej, "
  "och visa på intranätet vilka förslag som har genomförts och vad de ledde till",
};

static const char *long_reflection =
  "Vi håller budgeten år efter år och fattar beslut i tid, men besluten fattas ofta långt från "
  "verksamheten och medarbetarna förstår inte alltid varför. Delegationsordningen är otydlig för "
  "enhetscheferna, och samverkan med hälso- och sjukvården fungerar bäst där cheferna känner varandra "
  "personligen, vilket gör oss sårbara när någon slutar eller är föräldraledig under en längre period.";

static void
seed (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new (NULL, &error);
  g_autoptr (GPtrArray) items = NULL;
  guint n_people = f->c->long_content ? 12 : 6;
  guint n_actions = f->c->long_content ? 10 : 3;
  gint64 group, before;
  gint64 workshops[2];

  g_assert_no_error (error);
  group = verk_store_add_group (f->presentation.store, "Ledningsgruppen Norråker", "Vård och omsorg", &error);
  g_assert_no_error (error);
  before = verk_store_add_workshop (f->presentation.store, group, "2025-03-12", "Åsa Lind", &error);
  g_assert_no_error (error);
  g_assert_true (verk_content_seed_workshop (content, f->presentation.store, before, &error));
  for (guint p = 0; p < n_people; p++)
    {
      verk_store_add_participant (f->presentation.store, before, long_names[p], &error);
      g_assert_no_error (error);
    }
  f->workshop = verk_store_add_followup (f->presentation.store, before, "2025-09-30", "Åsa Lind", &error);
  g_assert_no_error (error);
  workshops[0] = before;
  workshops[1] = f->workshop;
  for (guint w = 0; w < 2; w++)
    {
      items = verk_store_list_items (f->presentation.store, workshops[w], "siq", &error);
      g_assert_no_error (error);
      for (guint a = 0; a < n_actions; a++)
        {
          const char *what = f->c->long_content ? long_actions[a % G_N_ELEMENTS (long_actions)]
                                                : short_actions[a % G_N_ELEMENTS (short_actions)];
          VerkAction action = { .workshop_id = workshops[w],
                                .item_id = ((VerkItem *) g_ptr_array_index (items, a % 5))->id,
                                .what = (char *) what, .owner = (char *) long_names[a % 12],
                                .due = (char *) "2026-05-31", .status = a % 4, .followup = (char *) "" };

          g_assert_cmpint (verk_store_add_action (f->presentation.store, &action, &error), >, 0);
          g_assert_no_error (error);
        }
      g_clear_pointer (&items, g_ptr_array_unref);
    }
  {
    const char *text = f->c->long_content ? long_reflection : "God budgetdisciplin";
    VerkReflection r = { .workshop_id = f->workshop, .part = (char *) "platform.secure",
                         .strengths = (char *) text, .development = (char *) text,
                         .obstacles = (char *) (f->c->long_content ? text : "Otydliga delegationer"),
                         .removers = (char *) "Förvaltningschefen" };

    g_assert_true (verk_store_set_reflection (f->presentation.store, &r, &error));
    g_assert_no_error (error);
  }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->c = data;
  /* The material's language and the UI's follow LANGUAGE, as in the app;
   * setlocale makes gettext forget the last language's look-ups. */
  g_setenv ("LANGUAGE", f->c->lang, TRUE);
  setlocale (LC_ALL, "");
  presentation_fixture_open_store (&f->presentation);
  seed (f);
  presentation_fixture_present (&f->presentation, f->workshop, f->c->width, f->c->height);
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

static void
wait_frames (Fixture *f,
             guint    n)
{
  presentation_fixture_wait_frames (f->presentation.view, n);
}

/* The size of @label's type in pixels as it is drawn on the window. */
static double
drawn_px (GtkWidget *label,
          GtkWidget *window)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (label));
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  graphene_rect_t bounds;

  if (!pango_font_description_get_size_is_absolute (font))
    size *= 96.0 / 72.0;
  g_assert_true (gtk_widget_compute_bounds (label, window, &bounds));
  return size * bounds.size.height / gtk_widget_get_height (label);
}

/* The opacity @widget is drawn with, its own times its containers'. */
static double
drawn_opacity (GtkWidget *widget)
{
  double opacity = 1;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    opacity *= gtk_widget_get_opacity (w);
  return opacity;
}

typedef struct {
  GtkWidget  *window;
  double      viewport_top, viewport_bottom;   /* the slide's visible part, window coordinates */
  double      viewport_right;
  double      smallest_px, body_px;
  double      largest_body_px, smallest_heading_px, largest_heading_px;
  double      largest_px;                      /* of any text */
  double      lowest;                          /* the bottom of the lowest text */
  guint       n_labels;
  GHashTable *seen_whole;                      /* labels shown whole, on any screen of the slide */
} Measure;

static void
measure_labels (GtkWidget *widget,
                Measure   *m)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    measure_labels (c, m);
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    {
      graphene_rect_t bounds;
      double px = drawn_px (widget, m->window);
      int natural;

      g_assert_true (gtk_widget_compute_bounds (widget, m->window, &bounds));
      /* A label never gets less height than its lines need (no line cut inside it). */
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (widget), NULL, &natural,
                          NULL, NULL);
      g_assert_cmpint (gtk_widget_get_height (widget), >=,
                       natural - gtk_widget_get_margin_top (widget) - gtk_widget_get_margin_bottom (widget));
      /* Nothing runs out of the slide sideways. */
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, m->viewport_right + 1);
      m->smallest_px = MIN (m->smallest_px, px);
      m->largest_px = MAX (m->largest_px, px);
      if (gtk_widget_has_css_class (widget, "verk-present-body"))
        {
          m->body_px = MIN (m->body_px, px);
          m->largest_body_px = MAX (m->largest_body_px, px);
        }
      if (gtk_widget_has_css_class (widget, "verk-present-part-title"))
        {
          m->smallest_heading_px = MIN (m->smallest_heading_px, px);
          m->largest_heading_px = MAX (m->largest_heading_px, px);
        }
      m->n_labels++;
      if (bounds.origin.y >= m->viewport_top - 1
          && bounds.origin.y + bounds.size.height <= m->viewport_bottom + 1)
        {
          if (drawn_opacity (widget) > 0)
            {
              g_hash_table_add (m->seen_whole, widget);
              m->lowest = MAX (m->lowest, bounds.origin.y + bounds.size.height);
            }
        }
      else
        /* Cut by the edge of the slide: not drawn at all, the rest of the
         * slide comes on the next key press. */
        g_assert_cmpfloat (drawn_opacity (widget), ==, 0);
    }
}

static void
measure (Fixture *f,
         Measure *m)
{
  GtkWidget *scroller = child (f, "scroller");
  graphene_rect_t viewport, footer;

  g_assert_true (gtk_widget_compute_bounds (scroller, f->presentation.window, &viewport));
  g_assert_true (gtk_widget_compute_bounds (child (f, "position_label"), f->presentation.window, &footer));
  m->window = f->presentation.window;
  m->viewport_top = viewport.origin.y;
  m->viewport_bottom = viewport.origin.y + viewport.size.height;
  m->viewport_right = viewport.origin.x + viewport.size.width;
  /* What is drawn inside the slide's area stays clear of the footer. */
  g_assert_cmpfloat (m->viewport_bottom, <=, footer.origin.y);
  m->smallest_px = m->body_px = m->smallest_heading_px = G_MAXDOUBLE;
  m->largest_body_px = m->largest_heading_px = m->largest_px = 0;
  m->lowest = 0;
  m->n_labels = 0;
  measure_labels (child (f, "slide_box"), m);
}

static gboolean
more_below (Fixture *f)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (child (f, "scroller"));

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         < gtk_adjustment_get_upper (adjustment) - 1;
}

static guint
n_labels (GtkWidget *widget)
{
  guint n = GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += n_labels (c);
  return n;
}

/* One page of a list slide as the room first sees it. */
typedef struct {
  double scale;
  double lowest;       /* the bottom of its lowest text, window coordinates */
  guint  screens;      /* more than one when too long at the floor */
  guint  n_actions;
} Page;

static guint
n_labels_with_class (GtkWidget  *widget,
                     const char *css_class)
{
  guint n = GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += n_labels_with_class (c, css_class);
  return n;
}

/* Whether @page fills the slide's area: its text reaches into the lower
 * third, or it is set at the largest size, or at the floor and longer. */
static gboolean
fills (Fixture    *f,
       const Page *page)
{
  return page->lowest >= 0.7 * f->c->height || page->scale >= VERK_SLIDE_FIT_MAX_SCALE - 0.01
         || page->screens > 0;
}

/* One list slide: every text at least the floor and never smaller than its
 * style; nothing cut (a slide too long at the floor shows the rest on the
 * next key press, and the footer says so); its headings below the page
 * title and above the body; a short slide's text larger than today's. */
static Page
check_slide (Fixture    *f,
             VerkStep    step,
             guint       slide,
             const char *what)
{
  VerkSlideFit *fit = VERK_SLIDE_FIT (gtk_widget_get_parent (child (f, "slide_box")));
  GtkLabel *next_label = child (f, "next_label");
  gboolean large = f->c->width >= 1600;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  Measure m = { .seen_whole = seen };
  double scale, first_scale = 1, first_body_px = 0, first_lowest = 0, title_px;
  guint screens = 0, n_actions;

  verk_session_set_step (f->presentation.session, step);
  verk_session_set_slide (f->presentation.session, slide);
  wait_frames (f, 3);
  n_actions = n_labels_with_class (child (f, "slide_box"), "verk-present-meta");

  do
    {
      scale = verk_slide_fit_get_scale (fit);
      measure (f, &m);
      if (screens == 0)
        {
          first_body_px = m.body_px;
          first_scale = scale;
          first_lowest = m.lowest;
        }
      g_test_message ("%s %s %dx%d: scale %.2f, body %.1f px, smallest %.1f px, lowest text at %.0f%%%s",
                      f->c->lang, what, f->c->width, f->c->height, scale, m.body_px, m.smallest_px,
                      100 * m.lowest / f->c->height, more_below (f) ? ", more below" : "");
      g_assert_cmpfloat (m.smallest_px, >=, FLOOR_PX - 0.01);
      g_assert_cmpfloat (scale, >=, 1.0);
      /* The hierarchy: the page title the largest text on the screen, then
       * the headings, then the body. */
      title_px = drawn_px (child (f, "title_label"), f->presentation.window);
      g_assert_cmpfloat (m.largest_px, <=, 0.95 * title_px + 0.01);
      if (m.largest_heading_px > 0)
        {
          g_test_message ("  headings %.1f to %.1f px, the largest text %.1f px, the title %.1f px",
                          m.smallest_heading_px, m.largest_heading_px, m.largest_px, title_px);
          g_assert_cmpfloat (m.smallest_heading_px, >, m.largest_body_px);
        }
      if (!more_below (f))
        break;
      /* Longer than the screen at the floor: the footer says the next key
       * shows the rest, and it does. */
      g_assert_cmpfloat (scale, ==, 1.0);
      g_assert_cmpstr (gtk_label_get_text (next_label), ==, _("Next: the rest of this slide"));
      gtk_widget_activate_action (f->presentation.view, "presentation.next", NULL);
      wait_frames (f, 2);
      g_assert_cmpuint (verk_session_get_slide (f->presentation.session), ==, slide);
      g_assert_cmpuint (++screens, <, 20);
    }
  while (TRUE);
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_labels (child (f, "slide_box")));
  g_assert_cmpstr (gtk_label_get_text (next_label), !=, _("Next: the rest of this slide"));

  if (!f->c->long_content)
    {
      /* Short: larger than today's body size. */
      g_assert_cmpuint (screens, ==, 0);
      g_assert_cmpfloat (first_body_px, >, body_px[large] + 0.5);
    }
  return (Page) { .scale = first_scale, .lowest = first_lowest, .screens = screens, .n_actions = n_actions };
}

/* A slide of its own, short, fills its area (see fills()). */
static void
check_single_slide (Fixture    *f,
                    VerkStep    step,
                    guint       slide,
                    const char *what)
{
  Page page = check_slide (f, step, slide, what);

  if (!f->c->long_content)
    g_assert_true (fills (f, &page));
}

/* The pages @first.. of a list (the plan, last time's actions): one scale
 * for all, the one at which the fullest fills the area (so every page
 * fits); the actions shared out evenly (6: 3 and 3, not 4 and 2). */
static void
check_pages (Fixture    *f,
             VerkStep    step,
             guint       first,
             guint       n,
             const char *what)
{
  g_autoptr (GArray) pages = g_array_new (FALSE, FALSE, sizeof (Page));
  guint fewest = G_MAXUINT, most = 0;
  gboolean any_fills = FALSE;

  for (guint slide = first; slide < first + n; slide++)
    {
      Page page = check_slide (f, step, slide, what);
      const char *title = gtk_label_get_text (child (f, "title_label"));
      const char *next = gtk_label_get_text (child (f, "next_label"));

      /* The footer of a page before the list's last says the list goes
       * on, not "Next:" and this page's own title. */
      if (slide + 1 < first + n)
        g_assert_false (g_str_has_suffix (next, title));
      g_array_append_val (pages, page);
    }
  for (guint i = 0; i < n; i++)
    {
      Page *page = &g_array_index (pages, Page, i);

      g_assert_cmpfloat_with_epsilon (page->scale, g_array_index (pages, Page, 0).scale, 1e-9);
      fewest = MIN (fewest, page->n_actions);
      most = MAX (most, page->n_actions);
      any_fills |= fills (f, page);
    }
  g_test_message ("%s: %u pages at scale %.2f, %u to %u actions each", what, n,
                  g_array_index (pages, Page, 0).scale, fewest, most);
  g_assert_cmpuint (most - fewest, <=, 1);
  g_assert_true (any_fills);
}

/* A list item's mark hangs: the text (every line of it) starts right of
 * the mark, so a wrapped line does not run under it. Returns the marks.
 * (Those of a long slide's earlier screens are hidden by now.) */
static guint
check_marks_hang (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget))
    {
      const char *string = gtk_label_get_text (GTK_LABEL (widget));
      GtkWidget *item = gtk_widget_get_next_sibling (widget);
      graphene_rect_t mark_box, item_box;

      g_assert_false (g_str_has_prefix (string, "• "));
      if (g_strcmp0 (string, "•") != 0)
        return 0;
      g_assert_true (GTK_IS_LABEL (item));
      if (!gtk_widget_get_mapped (widget))   /* seen on an earlier screen of the slide */
        return 1;
      g_assert_true (gtk_widget_compute_bounds (widget, gtk_widget_get_parent (widget), &mark_box));
      g_assert_true (gtk_widget_compute_bounds (item, gtk_widget_get_parent (widget), &item_box));
      g_assert_cmpfloat (item_box.origin.x, >, mark_box.origin.x + mark_box.size.width);
      return 1;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += check_marks_hang (c);
  return n;
}

static void
test_list_slides (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new (NULL, &error);
  guint n_parts = verk_content_get_n_parts (content);
  guint n_plan = verk_presentation_slides_count (content, f->presentation.session, VERK_STEP_PLAN);
  guint n_follow_up = verk_presentation_slides_count (content, f->presentation.session, VERK_STEP_FOLLOW_UP);

  g_assert_no_error (error);
  check_single_slide (f, VERK_STEP_MATERIAL, 0, "platform");
  for (guint p = 1; p <= n_parts; p++)
    {
      check_single_slide (f, VERK_STEP_MATERIAL, p, "part");
      g_assert_cmpuint (check_marks_hang (GTK_WIDGET (child (f, "slide_box"))), >, 0);
    }
  check_single_slide (f, VERK_STEP_MATERIAL, n_parts + 1, "whole");
  check_pages (f, VERK_STEP_PLAN, 0, n_plan, "plan");
  /* Its first slide is before → after, not a list. */
  check_pages (f, VERK_STEP_FOLLOW_UP, 1, n_follow_up - 1, "follow-up actions");
}

/* Adds to the plan of the workshop shown an action on its last piece
 * (so the action comes last, on the plan's last page). */
static void
add_action (Fixture    *f,
            const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = verk_store_list_items (f->presentation.store, f->workshop, "siq", &error);
  VerkAction action = { .workshop_id = f->workshop, .what = (char *) what, .owner = (char *) long_names[0],
                        .due = (char *) "2026-05-31", .status = VERK_ACTION_OPEN, .followup = (char *) "" };

  g_assert_no_error (error);
  action.item_id = ((VerkItem *) g_ptr_array_index (items, items->len - 1))->id;
  g_assert_cmpint (verk_store_add_action (f->presentation.store, &action, &error), >, 0);
  g_assert_no_error (error);
}

/* An edit of the plan while one of its pages is shown sets every page at
 * the scale the edited plan needs, not the one it had before. */
static void
test_pages_follow_edits (Fixture       *f,
                         gconstpointer  data)
{
  VerkSlideFit *fit = VERK_SLIDE_FIT (gtk_widget_get_parent (child (f, "slide_box")));
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkContent) content = verk_content_new (NULL, &error);
  double before, after;

  g_assert_no_error (error);
  for (guint a = 0; a < 3; a++)
    add_action (f, short_actions[a]);
  verk_session_set_step (f->presentation.session, VERK_STEP_PLAN);
  verk_session_set_slide (f->presentation.session, 0);
  wait_frames (f, 3);
  g_assert_cmpuint (verk_presentation_slides_count (content, f->presentation.session, VERK_STEP_PLAN), ==, 2);
  before = verk_slide_fit_get_scale (fit);

  /* Two long actions on the last page, the first page shown. */
  add_action (f, long_actions[0]);
  add_action (f, long_actions[1]);
  wait_frames (f, 3);
  g_assert_cmpuint (verk_presentation_slides_count (content, f->presentation.session, VERK_STEP_PLAN), ==, 2);
  after = verk_slide_fit_get_scale (fit);
  g_test_message ("the plan's first page at %.2f, after two long actions on its last page %.2f", before, after);
  g_assert_cmpfloat (after, <, before - 0.01);
  verk_session_set_slide (f->presentation.session, 1);
  wait_frames (f, 3);
  g_assert_cmpfloat (verk_slide_fit_get_scale (fit), ==, after);
}

/* ---- The reasons behind the extreme scores -------------------------- */

/* The shown labels of the reason list, in order: headings, "+ N more",
 * quotes; the sum of the N of "+ N more" in @hidden. */
static GPtrArray *
shown_reason_labels (Fixture *f,
                     guint   *hidden)
{
  GPtrArray *labels = g_ptr_array_new ();

  *hidden = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (child (f, "reasons_list")); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (c));

      if (!gtk_widget_get_child_visible (c) || !gtk_widget_get_mapped (c))
        continue;
      if (gtk_widget_has_css_class (c, "verk-present-reason-more"))
        {
          g_assert_true (g_str_has_prefix (text, "+ "));
          *hidden += (guint) g_ascii_strtoull (text + 2, NULL, 10);
        }
      g_ptr_array_add (labels, c);
    }
  return labels;
}

/* No quote is cut shorter than the list has room for: under the last
 * label shown there is less room than one more line of any quote shown cut
 * short ("…" before its third line). The list holds each quote at one, two
 * and three lines, the others hidden: the same text one line longer is the
 * hidden sibling with the same text. */
static void
check_no_line_left_over (VerkReasonList *list)
{
  GtkWidget *widget = GTK_WIDGET (list);
  double bottom = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_child_visible (c) && gtk_widget_compute_bounds (c, widget, &bounds))
        bottom = MAX (bottom, bounds.origin.y + bounds.size.height);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      int lines = gtk_label_get_lines (GTK_LABEL (c)), width = gtk_widget_get_width (c), now, longer = -1;

      if (!gtk_widget_get_child_visible (c) || !gtk_widget_has_css_class (c, "verk-present-quote")
          || lines >= QUOTE_LINES || !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (c))))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, width, NULL, &now, NULL, NULL);
      for (GtkWidget *o = gtk_widget_get_first_child (widget); o != NULL; o = gtk_widget_get_next_sibling (o))
        if (o != c && gtk_widget_has_css_class (o, "verk-present-quote") && gtk_label_get_lines (GTK_LABEL (o)) == lines + 1
            && g_str_equal (gtk_label_get_text (GTK_LABEL (o)), gtk_label_get_text (GTK_LABEL (c))))
          gtk_widget_measure (o, GTK_ORIENTATION_VERTICAL, width, NULL, &longer, NULL, NULL);
      g_assert_cmpint (longer, >, now);
      g_assert_cmpfloat (gtk_widget_get_height (widget) - bottom, <, longer - now);
    }
}

/* The reasons as laid out now: the slide no longer than the screen; each
 * shown label whole, inside the slide, above the footer and the agreed
 * score, below (or beside) the one before; quotes never smaller than
 * quote_px, of three lines at most (one text line: a reason's line breaks
 * are not the quote's), cut with "…" rather than set smaller; the headings
 * no smaller than the quotes, "+ N more" than the body; a heading per end
 * and a quote under each; "+ N more" counting exactly those left out.
 * Saves the window as @shot. Returns how many quotes show. */
static guint
check_reasons (Fixture    *f,
               guint       n_extreme,
               const char *shot)
{
  g_autoptr (GPtrArray) labels = NULL;
  g_autofree char *name = g_strdup_printf ("present-assess-%s-%s-%dx%d-%u", shot, f->c->lang, f->c->width,
                                           f->c->height, f->c->long_content ? 12 : 6);
  VerkReasonList *list = child (f, "reasons_list");
  gboolean large = f->c->width >= 1600;
  guint hidden, n_quotes = 0, n_headings = 0, end_quotes = 0;
  graphene_rect_t viewport, footer, agreed, previous = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  double below;

  wait_frames (f, 3);
  g_free (presentation_fixture_save_png (&f->presentation, name));
  g_assert_true (gtk_widget_get_visible (child (f, "reasons_fit")));
  g_assert_cmpuint (verk_reason_list_get_n_reasons (list), ==, n_extreme);
  /* Nothing scrolls: the slide is no longer than the screen. */
  g_assert_false (more_below (f));

  g_assert_true (gtk_widget_compute_bounds (child (f, "scroller"), f->presentation.window, &viewport));
  g_assert_true (gtk_widget_compute_bounds (child (f, "position_label"), f->presentation.window, &footer));
  below = footer.origin.y;
  if (gtk_widget_get_visible (child (f, "agreed_label")))
    {
      g_assert_true (gtk_widget_compute_bounds (child (f, "agreed_label"), f->presentation.window, &agreed));
      below = MIN (below, agreed.origin.y);
    }
  labels = shown_reason_labels (f, &hidden);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds, box;
      double px = drawn_px (label, f->presentation.window);
      int natural;

      g_assert_true (gtk_widget_compute_bounds (label, f->presentation.window, &bounds));
      /* Whole: the height of its lines at its width, the quote's bar and
       * padding included (the list's own size, before the fit's scale). */
      g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (list), &box));
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, (int) box.size.width, NULL, &natural, NULL, NULL);
      g_assert_cmpfloat (box.size.height, >=, natural);
      g_assert_cmpfloat (bounds.origin.y, >=, viewport.origin.y - 1);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, below + 1);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, viewport.origin.x + viewport.size.width + 1);
      g_assert_true (bounds.origin.y >= previous.origin.y + previous.size.height - 1
                     || bounds.origin.x >= previous.origin.x + previous.size.width - 1);
      previous = bounds;
      if (gtk_widget_has_css_class (label, "verk-present-quote"))
        {
          PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));

          g_assert_cmpfloat (px, >=, quote_px[large] - 0.01);
          g_assert_cmpint (pango_layout_get_line_count (layout), <=, QUOTE_LINES);
          g_assert_null (strchr (gtk_label_get_text (GTK_LABEL (label)), '\n'));
          /* Its last line ends the quote, or "…" says there is more. */
          g_assert_true (pango_layout_is_ellipsized (layout)
                         || g_str_has_suffix (gtk_label_get_text (GTK_LABEL (label)), "”"));
          n_quotes++;
          end_quotes++;
        }
      else if (gtk_widget_has_css_class (label, "verk-present-reason-heading"))
        {
          g_assert_cmpfloat (px, >=, quote_px[large] - 0.01);
          /* The end before has its say. */
          g_assert_true (n_headings == 0 || end_quotes > 0);
          end_quotes = 0;
        }
      else
        g_assert_cmpfloat (px, >=, body_px[large] - 0.01);
      /* The page title stays the largest text on the screen. */
      g_assert_cmpfloat (px, <=, 0.95 * drawn_px (child (f, "title_label"), f->presentation.window) + 0.01);
      n_headings += gtk_widget_has_css_class (label, "verk-present-reason-heading");
    }
  check_no_line_left_over (list);
  g_test_message ("%s %s %dx%d, %u participants: %u of %u reasons shown, \"+ %u\", scale %.2f", shot,
                  f->c->lang, f->c->width, f->c->height, f->c->long_content ? 12 : 6, n_quotes, n_extreme, hidden,
                  verk_slide_fit_get_scale (VERK_SLIDE_FIT (child (f, "reasons_fit"))));
  g_assert_cmpuint (n_headings, ==, 2);
  g_assert_cmpuint (end_quotes, >, 0);
  g_assert_cmpuint (n_quotes, ==, verk_reason_list_get_n_shown (list));
  g_assert_cmpuint (n_quotes + hidden, ==, n_extreme);
  return n_quotes;
}

/* A piece whose twelve (or six) participants, with long names, each gave
 * a reason of close to 200 characters, revealed: the reasons of the lowest
 * and the highest score fit the slide (check_reasons()), one of each end
 * at least. Short reasons all show, set larger with room to spare. Then,
 * with the agreed score, desired level and rationale under them, still
 * fitting, one reason at least. */
static void
test_reasons_fit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) participants = verk_store_list_participants (f->presentation.store, f->workshop, &error);
  g_autoptr (GPtrArray) items = verk_store_list_items (f->presentation.store, f->workshop, "siq", &error);
  gboolean large = f->c->width >= 1600;
  gint64 item;
  guint n_extreme = 0, n_shown;

  g_assert_no_error (error);
  item = ((VerkItem *) g_ptr_array_index (items, 0))->id;
  /* Scores 1, 2, 3, 1, 2, 3…: the 1s and the 3s are the ends. */
  for (guint p = 0; p < participants->len; p++)
    {
      gint64 id = ((VerkParticipant *) g_ptr_array_index (participants, p))->id;

      g_assert_cmpint (g_utf8_strlen (present_long_reasons[p], -1), <=, 200);
      g_assert_true (verk_store_set_score (f->presentation.store, item, id, 1 + (int) (p % 3), &error));
      g_assert_true (verk_store_set_score_comment (f->presentation.store, item, id, present_long_reasons[p], &error));
      g_assert_no_error (error);
      n_extreme += p % 3 != 1;
    }
  verk_session_set_step (f->presentation.session, VERK_STEP_ASSESS);
  verk_session_set_selected_item_id (f->presentation.session, item);
  wait_frames (f, 3);
  g_assert_false (gtk_widget_get_visible (child (f, "reasons_fit")));

  verk_session_set_revealed (f->presentation.session, item, TRUE);
  n_shown = check_reasons (f, n_extreme, "reasons");
  g_assert_cmpuint (n_shown, >=, 2);

  /* Short reasons, as most are: every one shows, and with room to spare
   * (six at 1920×1080) larger than the body's size. */
  if (!f->c->long_content)
    {
      const char *short_reasons[] = { "Budgeten styr allt", "Vi har en plan", "Inget följs upp", "Mentorer för nya" };
      guint r = 0;

      for (guint p = 0; p < participants->len; p++)
        if (p % 3 != 1)
          g_assert_true (verk_store_set_score_comment (f->presentation.store, item,
                                                       ((VerkParticipant *) g_ptr_array_index (participants, p))->id,
                                                       short_reasons[r++ % G_N_ELEMENTS (short_reasons)], &error));
      g_assert_no_error (error);
      g_assert_cmpuint (check_reasons (f, n_extreme, "reasons-short"), ==, n_extreme);
      if (large)
        g_assert_cmpfloat (verk_slide_fit_get_scale (VERK_SLIDE_FIT (child (f, "reasons_fit"))), >, 1.0);
    }

  g_assert_true (verk_store_set_agreed (f->presentation.store, item, 2, "Vi följer upp brukarnas synpunkter varje månad.",
                                        &error));
  g_assert_true (verk_store_set_desired (f->presentation.store, item, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check_reasons (f, n_extreme, "reasons-agreed"), >=, 1);
}

/* The same piece with reasons of 200 and of 10,000 characters, each on
 * many lines (a phone may send that much, the laptop always could): still
 * each end heard at the quotes' size, three lines a quote at most, nothing
 * out of the slide (check_reasons()); and with the agreed score under them. */
static void
test_reasons_multi_line (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) participants = verk_store_list_participants (f->presentation.store, f->workshop, &error);
  g_autoptr (GPtrArray) items = verk_store_list_items (f->presentation.store, f->workshop, "siq", &error);
  static const guint lengths[] = { 200, 10000 };
  gint64 item;
  guint n_extreme = 0;

  g_assert_no_error (error);
  item = ((VerkItem *) g_ptr_array_index (items, 0))->id;
  for (guint p = 0; p < participants->len; p++)
    {
      g_assert_true (verk_store_set_score (f->presentation.store, item,
                                           ((VerkParticipant *) g_ptr_array_index (participants, p))->id,
                                           1 + (int) (p % 3), &error));
      n_extreme += p % 3 != 1;
    }
  verk_session_set_step (f->presentation.session, VERK_STEP_ASSESS);
  verk_session_set_selected_item_id (f->presentation.session, item);
  verk_session_set_revealed (f->presentation.session, item, TRUE);
  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      g_autofree char *shot = g_strdup_printf ("reasons-lines-%u", lengths[l]);

      for (guint p = 0; p < participants->len; p++)
        {
          g_autofree char *reason = present_multi_line_reason (present_long_reasons[p], lengths[l]);

          g_assert_cmpuint (g_utf8_strlen (reason, -1), ==, lengths[l]);
          g_assert_nonnull (strchr (reason, '\n'));
          g_assert_true (verk_store_set_score_comment (f->presentation.store, item,
                                                       ((VerkParticipant *) g_ptr_array_index (participants, p))->id,
                                                       reason, &error));
          g_assert_no_error (error);
        }
      g_assert_cmpuint (check_reasons (f, n_extreme, shot), >=, 2);
    }
  g_assert_true (verk_store_set_agreed (f->presentation.store, item, 2, "Vi följer upp brukarnas synpunkter varje månad.",
                                        &error));
  g_assert_true (verk_store_set_desired (f->presentation.store, item, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check_reasons (f, n_extreme, "reasons-lines-agreed"), >=, 2);
}

/* ---- The scale found is kept ---------------------------------------- */

/* A slide that counts how often it is measured: a wrapping text, whose
 * height depends on its width as a list slide's does. */
#define TEST_TYPE_COUNTED_SLIDE (test_counted_slide_get_type ())
G_DECLARE_FINAL_TYPE (TestCountedSlide, test_counted_slide, TEST, COUNTED_SLIDE, GtkWidget)

struct _TestCountedSlide
{
  GtkWidget  parent_instance;
  GtkWidget *label;
  guint      n_measures;
};

G_DEFINE_FINAL_TYPE (TestCountedSlide, test_counted_slide, GTK_TYPE_WIDGET)

static void
test_counted_slide_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  TestCountedSlide *self = TEST_COUNTED_SLIDE (widget);

  self->n_measures++;
  gtk_widget_measure (self->label, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
test_counted_slide_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  gtk_widget_allocate (TEST_COUNTED_SLIDE (widget)->label, width, height, baseline, NULL);
}

static void
test_counted_slide_dispose (GObject *object)
{
  g_clear_pointer (&TEST_COUNTED_SLIDE (object)->label, gtk_widget_unparent);
  G_OBJECT_CLASS (test_counted_slide_parent_class)->dispose (object);
}

static GtkSizeRequestMode
test_counted_slide_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
test_counted_slide_class_init (TestCountedSlideClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = test_counted_slide_measure;
  GTK_WIDGET_CLASS (klass)->size_allocate = test_counted_slide_size_allocate;
  GTK_WIDGET_CLASS (klass)->get_request_mode = test_counted_slide_get_request_mode;
  G_OBJECT_CLASS (klass)->dispose = test_counted_slide_dispose;
}

static void
test_counted_slide_init (TestCountedSlide *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_add_css_class (self->label, "verk-present-body");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/* Allocated again at the same size with the same slide, VerkSlideFit keeps
 * the scale it found and measures the slide no more (it took about nine
 * measures of the whole slide each time); a slide whose text changes, or
 * a new size, is fitted anew. */
static void
test_scale_kept (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *fit = verk_slide_fit_new ();
  TestCountedSlide *slide = g_object_new (TEST_TYPE_COUNTED_SLIDE, NULL);
  g_autoptr (GString) long_text = g_string_new (NULL);
  double long_scale, short_scale, smaller_scale;
  guint before;

  for (guint i = 0; i < 2; i++)
    g_string_append_printf (long_text, "%s ", long_reflection);
  gtk_label_set_text (GTK_LABEL (slide->label), long_text->str);
  verk_slide_fit_set_child (VERK_SLIDE_FIT (fit), GTK_WIDGET (slide));
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_set_child (GTK_WINDOW (window), fit);
  gtk_window_present (GTK_WINDOW (window));
  presentation_fixture_wait_frames (fit, 1);
  long_scale = verk_slide_fit_get_scale (VERK_SLIDE_FIT (fit));
  /* The text fills the area between the floor and the largest size. */
  g_assert_cmpfloat (long_scale, >, 1.0);
  g_assert_cmpfloat (long_scale, <, VERK_SLIDE_FIT_MAX_SCALE);

  before = slide->n_measures;
  for (guint i = 0; i < 10; i++)
    {
      gtk_widget_queue_allocate (fit);
      presentation_fixture_wait_frames (fit, 1);
    }
  g_test_message ("10 allocations at the same size: %u measures of the slide", slide->n_measures - before);
  g_assert_cmpuint (slide->n_measures - before, ==, 0);
  g_assert_cmpfloat (verk_slide_fit_get_scale (VERK_SLIDE_FIT (fit)), ==, long_scale);

  /* A shorter text: fitted anew, at the largest size. */
  gtk_label_set_text (GTK_LABEL (slide->label), "God budgetdisciplin");
  presentation_fixture_wait_frames (fit, 1);
  short_scale = verk_slide_fit_get_scale (VERK_SLIDE_FIT (fit));
  g_assert_cmpfloat (short_scale, ==, VERK_SLIDE_FIT_MAX_SCALE);
  /* The long text again: the scale found for it before. */
  gtk_label_set_text (GTK_LABEL (slide->label), long_text->str);
  presentation_fixture_wait_frames (fit, 1);
  g_assert_cmpfloat (verk_slide_fit_get_scale (VERK_SLIDE_FIT (fit)), ==, long_scale);
  /* A smaller area: a smaller scale. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 560);
  presentation_fixture_wait_frames (fit, 1);
  smaller_scale = verk_slide_fit_get_scale (VERK_SLIDE_FIT (fit));
  g_assert_cmpfloat (smaller_scale, <, long_scale);
  /* And back: the larger scale again. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  presentation_fixture_wait_frames (fit, 1);
  g_assert_cmpfloat (verk_slide_fit_get_scale (VERK_SLIDE_FIT (fit)), ==, long_scale);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  static const Case cases[] = {
    { "sv", 1280, 720, FALSE }, { "en", 1280, 720, FALSE },
    { "sv", 1920, 1080, FALSE }, { "en", 1920, 1080, FALSE },
    { "sv", 1280, 720, TRUE }, { "en", 1280, 720, TRUE },
    { "sv", 1920, 1080, TRUE }, { "en", 1920, 1080, TRUE },
  };

  presentation_fixture_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/presentation-fit/%s/%dx%d/%s", cases[i].lang, cases[i].width,
                                               cases[i].height, cases[i].long_content ? "long" : "short");

      g_test_add (path, Fixture, &cases[i], fixture_setup, test_list_slides, fixture_teardown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/presentation-fit/reasons/%s/%dx%d/%u", cases[i].lang,
                                               cases[i].width, cases[i].height, cases[i].long_content ? 12 : 6);

      g_test_add (path, Fixture, &cases[i], fixture_setup, test_reasons_fit, fixture_teardown);
    }
  /* Both sizes, 6 and 12 people, each in one language (as the reasons
   * are Swedish either way). */
  for (guint k = 0; k < 4; k++)
    {
      guint i = (guint[]) { 0, 3, 4, 7 }[k];
      g_autofree char *path = g_strdup_printf ("/presentation-fit/reasons-multi-line/%s/%dx%d/%u", cases[i].lang,
                                               cases[i].width, cases[i].height, cases[i].long_content ? 12 : 6);

      g_test_add (path, Fixture, &cases[i], fixture_setup, test_reasons_multi_line, fixture_teardown);
    }
  g_test_add ("/presentation-fit/pages-follow-edits", Fixture, &cases[0], fixture_setup, test_pages_follow_edits,
              fixture_teardown);
  g_test_add_func ("/presentation-fit/scale-kept", test_scale_kept);
  return g_test_run ();
}
