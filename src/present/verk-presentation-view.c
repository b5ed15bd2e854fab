/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-presentation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-extreme-reasons.h"
#include "verk-fit-label.h"
#include "verk-join-card.h"
#include "verk-format.h"
#include "verk-page-util.h"
#include "verk-puzzle-layout.h"
#include "verk-puzzle-render.h"
#include "verk-puzzle-renderer.h"
#include "verk-presentation-slides.h"
#include "verk-presentation-view.h"
#include "verk-reason-list.h"
#include "verk-record.h"
#include "verk-room-server.h"
#include "verk-slide-fit.h"
#include "verk-slide-text.h"

/* From this width on, type grows one step (a 1080p projector). */
#define LARGE_WIDTH 1600
/* A slide's larger texts (headings, traits), however large the slide is
 * set, stay this much smaller than the page title over them. */
#define TEXT_TO_TITLE 0.95
/* How much larger than their style's sizes the reasons after a reveal may
 * be set: quotes 39 px at 1280×720, 57 px from 1600 px wide; their headings
 * (41.6 px, 59.8 px) stay below the page title. */
#define REASONS_MAX_SCALE 1.3

struct _VerkPresentationView
{
  VerkSessionWidget parent_instance;

  /* template widgets */
  GtkWidget        *root;
  GtkLabel         *title_label;
  GtkLabel         *status_label;
  GtkLabel         *timer_label;
  GtkStack         *stack;
  GtkDrawingArea   *puzzle_area;
  GtkFlowBox       *legend_box;
  GtkLabel         *description_label;
  GtkGrid          *scores_grid;
  GtkBox           *spread_box;
  GtkLabel         *spread_label;
  GtkLabel         *agreed_label;
  GtkLabel         *desired_label;
  GtkLabel         *rationale_label;
  GtkBox           *side_box;
  GtkBox           *agreed_box;
  VerkSlideFit     *reasons_fit;
  VerkReasonList   *reasons_list;
  GtkScrolledWindow *scroller;
  VerkSlideFit     *slide_fit;
  GtkBox           *slide_box;
  GtkLabel         *position_label;
  GtkLabel         *next_label;
  VerkJoinCard     *join_card;

  /* borrowed */
  VerkSession      *session;       /* VerkSessionWidget:session, as of session_changed */

  /* owned */
  VerkRoomServer   *room;          /* the session's room: its join card, a second round */
  /* The model of the workshop Follow up compares with, once a Follow-up
   * slide was shown: its edits redraw the slide (the session's model does
   * not tell of them). */
  GSignalGroup     *previous_signals;
  VerkContent      *content;
  VerkPuzzleLayout *layout;
  VerkPuzzleRenderer *renderer;  /* keeps the fitted names between frames */
  int               layout_width;
  int               area_width;          /* the puzzle's, as last allocated */
  int               area_height;
  int               layout_height;
  guint             size_idle_id;
  guint             footer_idle_id;
  /* A slide longer than the screen, continued: per screen shown so far,
   * the widgets hidden because the room saw them whole. */
  GPtrArray        *continued;
  /* The pages of the list the slide is a page of, as given to VerkSlideFit
   * (it sets the slide at the scale at which every page fits): built again
   * only when the list or its workshop changes, not for each page shown. */
  VerkStep          pages_step;
  guint             pages_first;
  guint             pages_n;
  gboolean          pages_stale;
  gboolean          large;
};

G_DEFINE_FINAL_TYPE (VerkPresentationView, verk_presentation_view, VERK_TYPE_SESSION_WIDGET)

enum {
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const step_names[] = {
  N_("Material"), N_("Assess"), N_("Prioritise"), N_("Plan"), N_("Follow up"),
};

static char *
participant_title (const VerkParticipant *participant,
                   guint                  index)
{
  if (participant->name != NULL && participant->name[0] != '\0')
    return g_strdup (participant->name);
  return g_strdup_printf (_("Participant %u"), index);
}

static VerkContent *
content (VerkPresentationView *self)
{
  if (self->content == NULL)
    {
      g_autoptr (GError) error = NULL;

      self->content = verk_content_new (NULL, &error);
      if (self->content == NULL)
        g_warning ("The built-in material is damaged: %s", error->message);
    }
  return self->content;
}

static gboolean
shows_workshop (VerkPresentationView *self)
{
  return self->session != NULL && verk_session_get_workshop_id (self->session) != 0;
}

/* The session's model while it shows a workshop it could read, else NULL:
 * the facilitator's window reports store errors; the room sees no puzzle. */
static VerkWorkshopModel *
shown_model (VerkPresentationView *self)
{
  VerkWorkshopModel *model;

  if (!shows_workshop (self))
    return NULL;
  model = verk_session_get_model (self->session);
  return verk_workshop_model_get_error (model) == NULL ? model : NULL;
}

static guint
n_pieces (VerkPresentationView *self)
{
  VerkWorkshopModel *model = shown_model (self);

  return model != NULL ? verk_workshop_model_get_n_pieces (model) : 0;
}

/* The item of piece @position (< n_pieces()), the model's until it next changes. */
static const VerkItem *
piece_item (VerkPresentationView *self,
            guint                 position)
{
  return verk_workshop_model_get_piece (shown_model (self), position)->item;
}

/* The selected piece's item and its position, NULL when no piece is selected. */
static const VerkItem *
selected_piece (VerkPresentationView *self,
                guint                *position)
{
  VerkWorkshopModel *model = shown_model (self);
  guint found;

  if (model == NULL
      || !verk_workshop_model_find_piece_position (model, verk_session_get_selected_item_id (self->session),
                                                   &found))
    return NULL;
  if (position != NULL)
    *position = found;
  return piece_item (self, found);
}

/* The workshop's own name of a level of the 1–5 scale. */
static const char *
level_name (VerkPresentationView *self,
            int                   level)
{
  g_autofree char *key = g_strdup_printf ("scale.%d", level);
  VerkWorkshopModel *model = shown_model (self);
  GListModel *levels = model != NULL ? verk_workshop_model_get_scale_list (model) : NULL;
  const VerkContentLevel *fallback;

  for (guint i = 0; levels != NULL && i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (levels, i);
      const VerkItem *item = verk_record_get_piece (record)->item;

      if (g_strcmp0 (item->key, key) == 0 && item->name != NULL && item->name[0] != '\0')
        return item->name;
    }
  fallback = content (self) != NULL ? verk_content_get_level (self->content, level) : NULL;
  return fallback != NULL ? fallback->label : "";
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void publish_rows (VerkPresentationView *self);

/* ---- Where we are, and what comes next -------------------------------- */

static guint
n_slides (VerkPresentationView *self,
          VerkStep              step)
{
  if (step == VERK_STEP_ASSESS)
    return 1 + n_pieces (self);
  return content (self) != NULL ? verk_presentation_slides_count (self->content, self->session, step) : 1;
}

static guint
current_slide (VerkPresentationView *self)
{
  VerkStep step = verk_session_get_step (self->session);
  guint position;

  if (step == VERK_STEP_ASSESS)
    return selected_piece (self, &position) != NULL ? position + 1 : 0;
  return MIN (verk_session_get_slide (self->session), n_slides (self, step) - 1);
}

static char *
slide_title (VerkPresentationView *self,
             VerkStep              step,
             guint                 slide)
{
  if (step == VERK_STEP_ASSESS)
    return slide == 0 ? g_strdup (_("Our puzzle")) : g_strdup (piece_item (self, slide - 1)->name);
  return content (self) != NULL ? verk_presentation_slides_title (self->content, step, slide) : NULL;
}

static void
show_slide (VerkPresentationView *self,
            VerkStep              step,
            guint                 slide)
{
  g_object_freeze_notify (G_OBJECT (self->session));
  verk_session_set_step (self->session, step);
  if (step == VERK_STEP_ASSESS)
    verk_session_set_selected_item_id (self->session,
                                       slide == 0 || slide > n_pieces (self) ? 0 : piece_item (self, slide - 1)->id);
  else
    verk_session_set_slide (self->session, slide);
  g_object_thaw_notify (G_OBJECT (self->session));
}

/* The next slide, on to the next step after a step's last one. */
static gboolean
next_position (VerkPresentationView *self,
               VerkStep             *step,
               guint                *slide)
{
  *step = verk_session_get_step (self->session);
  *slide = current_slide (self) + 1;
  if (*slide < n_slides (self, *step))
    return TRUE;
  if (*step == VERK_STEP_FOLLOW_UP)
    return FALSE;
  *step += 1;
  *slide = 0;
  return TRUE;
}

/* ---- A slide longer than the screen ----------------------------------- */

/* A slide that does not fit even at the floor size (VerkSlideFit) is as
 * tall as it needs, in a scrolled window that shows its top. The next key
 * press then continues it: every text the room has seen whole steps aside,
 * and the rest moves up (at the largest size at which it now fits), so no
 * text is ever cut unseen. The footer says when the rest is to come. */
static gboolean
more_below (VerkPresentationView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "slide") == 0
         && gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
            < gtk_adjustment_get_upper (adjustment) - 1;
}

/* After every layout: what the edge of the slide's area cuts is not drawn. */
static void
fade_cut_slide (VerkPresentationView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "slide") == 0)
    verk_presentation_slides_fade_cut (self->slide_box, GTK_WIDGET (self->stack),
                                       gtk_adjustment_get_value (adjustment)
                                       + gtk_adjustment_get_page_size (adjustment));
}

/* The rest of a slide longer than the screen; a screen further down when
 * one text alone is taller than the screen. */
static void
continue_slide (VerkPresentationView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  GPtrArray *hidden = g_ptr_array_new ();

  verk_presentation_slides_hide_seen (self->slide_box, GTK_WIDGET (self->stack), value, value + page, hidden);
  if (hidden->len == 0)
    {
      g_ptr_array_unref (hidden);
      gtk_adjustment_set_value (adjustment, value + page);
      return;
    }
  g_ptr_array_add (self->continued, hidden);
  gtk_adjustment_set_value (adjustment, 0);
}

/* Back to the screen before, within a continued slide; FALSE on its first. */
static gboolean
uncontinue_slide (VerkPresentationView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GPtrArray *hidden;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "slide") != 0)
    return FALSE;
  if (gtk_adjustment_get_value (adjustment) > 0)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
      return TRUE;
    }
  if (self->continued->len == 0)
    return FALSE;
  hidden = g_ptr_array_steal_index (self->continued, self->continued->len - 1);
  for (guint i = 0; i < hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (hidden, i), TRUE);
  g_ptr_array_unref (hidden);
  return TRUE;
}

static void update_footer (VerkPresentationView *self);

static gboolean
update_footer_idle (gpointer user_data)
{
  VerkPresentationView *self = user_data;

  self->footer_idle_id = 0;
  fade_cut_slide (self);
  if (self->session != NULL && shows_workshop (self))
    update_footer (self);
  return G_SOURCE_REMOVE;
}

/* The scrolled slide changed its length or position, during a layout: the
 * footer says whether more follows once the layout is done. */
static void
on_scroll_changed (VerkPresentationView *self)
{
  if (self->footer_idle_id == 0)
    self->footer_idle_id = g_idle_add (update_footer_idle, self);
}

static void
update_footer (VerkPresentationView *self)
{
  VerkStep step = verk_session_get_step (self->session);
  VerkStep next_step;
  guint next_slide;
  g_autofree char *position = NULL;
  g_autofree char *next = NULL;

  /* Translators: the presentation's footer: "Step 2 of 5: Assess · 3/14" */
  position = g_strdup_printf (_("Step %d of 5: %s · %u/%u"), (int) step + 1, _(step_names[step]),
                              current_slide (self) + 1, n_slides (self, step));
  if (more_below (self))
    /* Translators: a slide too long for the screen even at the smallest
     * type: the next key press shows the rest of it */
    next = g_strdup (_("Next: the rest of this slide"));
  else if (next_position (self, &next_step, &next_slide))
    {
      g_autofree char *title = slide_title (self, next_step, next_slide);
      g_autofree char *this_title = slide_title (self, step, current_slide (self));

      if (next_step != step)
        /* Translators: what the next key press shows: a step and the title of its first slide */
        next = g_strdup_printf (_("Next: %s, %s"), _(step_names[next_step]), title);
      else if (g_strcmp0 (title, this_title) == 0)
        /* Translators: the next key press shows the next page of the same
         * list, such as the action plan's: "Next: Action plan, continued" */
        next = g_strdup_printf (_("Next: %s, continued"), title);
      else
        next = g_strdup_printf (_("Next: %s"), title);
    }
  gtk_label_set_text (self->position_label, position);
  set_label (self->next_label, next);
}

/* ---- The puzzle and one piece ----------------------------------------- */

static void
update_legend (VerkPresentationView *self)
{
  remove_children (GTK_WIDGET (self->legend_box));
  for (int level = 1; level <= 5; level++)
    {
      GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      g_autofree char *number = g_strdup_printf ("%d", level);
      GtkWidget *name = gtk_label_new (level_name (self, level));
      GtkWidget *child;

      /* A level's name stays on one line: when the legend is wider than the
       * slide (the join card beside it at 1280×720), whole entries move to a
       * second line instead of each name wrapping word by word. */
      gtk_widget_add_css_class (name, "verk-present-legend");
      gtk_box_append (GTK_BOX (entry), verk_presentation_slides_badge (number, level));
      gtk_box_append (GTK_BOX (entry), name);
      gtk_flow_box_append (self->legend_box, entry);
      child = gtk_widget_get_parent (entry);
      gtk_widget_set_focusable (child, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      level_name (self, level), -1);
    }
}

static void
update_overview (VerkPresentationView *self)
{
  g_autofree char *status = NULL;
  guint n = n_pieces (self), n_agreed = 0;

  for (guint i = 0; i < n; i++)
    if (piece_item (self, i)->agreed > 0)
      n_agreed++;
  if (shown_model (self) != NULL)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u piece agreed",
                                           "%u of %u pieces agreed", n),
                              n_agreed, n);
  set_label (self->title_label, _("Our puzzle"));
  set_label (self->status_label, status);
  update_legend (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->puzzle_area));
  gtk_stack_set_visible_child_name (self->stack, "puzzle");
}

/* One participant: the name, shortened when the row is narrow, and the
 * score (or, while hidden, whether they have scored). */
static GtkWidget *
participant_chip (const char *name,
                  int         value,
                  gboolean    visible)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_auto (GStrv) forms = verk_fit_label_name_forms (name);
  GtkWidget *label = verk_fit_label_new ((const char * const *) forms);
  g_autofree char *number = g_strdup_printf ("%d", value);
  g_autofree char *accessible = NULL;
  GtkWidget *badge;

  if (visible)
    {
      badge = verk_presentation_slides_badge (number, value);
      /* Translators: a participant's revealed score, read by a screen reader */
      accessible = g_strdup_printf (_("%s: %d"), name, value);
    }
  else
    {
      /* A tick or a dash, never a number, until the reveal. */
      badge = verk_presentation_slides_badge (value > 0 ? "✓" : "–", 0);
      gtk_widget_add_css_class (badge, value > 0 ? "verk-present-done" : "verk-present-waiting");
      accessible = g_strdup_printf (value > 0 ? _("%s has scored") : _("%s has not scored yet"), name);
    }
  gtk_widget_add_css_class (chip, "verk-present-chip");
  gtk_widget_add_css_class (label, "verk-present-chip-name");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), badge);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return chip;
}

/* The spread as a picture: one bar per score, as tall as the number of
 * people who gave it, filling the height the slide has left; the scores
 * outside the group's range step back. */
static void
update_spread (VerkPresentationView *self,
               const int            *counts,
               int                   lo,
               int                   hi)
{
  int most = 1;

  remove_children (GTK_WIDGET (self->spread_box));
  for (int v = 1; v <= 5; v++)
    most = MAX (most, counts[v]);
  for (int v = 1; v <= 5; v++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *count = gtk_label_new (NULL);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, most);
      g_autofree char *number = g_strdup_printf ("%d", v);
      g_autofree char *count_text = g_strdup_printf ("%d", counts[v]);
      g_autofree char *accessible = NULL;
      g_autofree char *score_class = g_strdup_printf ("verk-present-score-%d", v);

      gtk_label_set_text (GTK_LABEL (count), counts[v] > 0 ? count_text : "");
      gtk_widget_add_css_class (count, "verk-present-status");
      /* A level bar grows from the bottom into whatever height there is. */
      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_VERTICAL);
      gtk_level_bar_set_inverted (GTK_LEVEL_BAR (bar), TRUE);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), counts[v]);
      gtk_widget_add_css_class (bar, "verk-present-bar");
      gtk_widget_add_css_class (bar, score_class);
      gtk_widget_set_size_request (bar, self->large ? 104 : 72, 24);
      gtk_widget_set_vexpand (bar, TRUE);
      gtk_box_append (GTK_BOX (column), count);
      gtk_box_append (GTK_BOX (column), bar);
      gtk_box_append (GTK_BOX (column), verk_presentation_slides_badge (number, v));
      if (v < lo || v > hi)
        gtk_widget_add_css_class (column, "verk-present-outside");
      accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Score %d: %d person",
                                                 "Score %d: %d people", counts[v]), v, counts[v]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (column), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_box_append (self->spread_box, column);
    }
}

static guint
n_columns (VerkPresentationView *self,
           guint                 n)
{
  if (n <= 3)
    return MAX (n, 1);
  if (n <= 6)
    return 3;
  if (n <= 12)
    return 4;
  return self->large ? 5 : 4;
}

/* After the reveal, the reasons given with the lowest and the highest score
 * of the round shown, without names (also when the chips show names), over
 * the agreed score; before it nothing of any reason. */
static void
update_reasons (VerkPresentationView *self,
                const VerkItem       *item)
{
  g_autoptr (GPtrArray) ends = verk_extreme_reasons_revealed (self->session, item->id);

  verk_reason_list_set_ends (self->reasons_list, ends);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_fit), ends->len > 0);
  /* The agreed score keeps its place at the bottom; the reasons take the
   * height over it. */
  gtk_widget_set_valign (GTK_WIDGET (self->side_box), ends->len > 0 ? GTK_ALIGN_FILL : GTK_ALIGN_END);
  /* The room read the whole definition while it scored, and the title
   * names the piece: at the reveal its lines go to the reasons (a quote
   * takes up to three lines). */
  if (ends->len > 0)
    gtk_widget_set_visible (GTK_WIDGET (self->description_label), FALSE);
}

static void
update_piece (VerkPresentationView *self,
              const VerkItem       *item)
{
  VerkWorkshopModel *model = verk_session_get_model (self->session);
  GListModel *participants = verk_workshop_model_get_participant_list (model);
  guint n_participants = g_list_model_get_n_items (participants);
  g_autofree char *status = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *agreed = NULL;
  g_autofree char *desired = NULL;
  int counts[6] = { 0 };
  int lo = 6, hi = 0, sum = 0;
  guint n_scored = 0, n_chips = 0, columns, rows;
  gboolean visible = verk_session_scores_visible (self->session, item->id);
  gboolean anonymous = verk_session_get_anonymous (self->session);

  /* In a second private round the room sees that round's scores; the
   * first round's range is kept for comparison. */
  gboolean second = verk_workshop_model_has_second_round (model, item->id);
  const VerkItemStats *first = verk_workshop_model_get_item_stats (model, item->id);

  remove_children (GTK_WIDGET (self->scores_grid));
  columns = n_columns (self, n_participants);

  for (guint p = 0; p < n_participants; p++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, p);
      const VerkParticipant *participant = verk_record_get_participant (record);
      g_autofree char *name = participant_title (participant, p + 1);
      const VerkScore *round2 = second ? verk_workshop_model_find_second_round_score (model, item->id,
                                                                                      participant->id) : NULL;
      int value = second ? (round2 != NULL ? round2->value : 0)
                         : verk_workshop_model_get_score (model, item->id, participant->id);

      if (value > 0)
        {
          n_scored++;
          counts[value]++;
          lo = MIN (lo, value);
          hi = MAX (hi, value);
          sum += value;
        }
      /* Anonymous: the room sees how many gave each score, never who. */
      /* After the reveal only those who scored, packed without gaps. */
      if (!anonymous && (value > 0 || !visible))
        {
          gtk_grid_attach (self->scores_grid, participant_chip (name, value, visible),
                           (int) (n_chips % columns), (int) (n_chips / columns), 1, 1);
          n_chips++;
        }
    }
  if (n_participants > 0 && second)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Round 2: %u of %u has scored",
                                           "Round 2: %u of %u have scored", n_participants),
                              n_scored, n_participants);
  else if (n_participants > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u has scored",
                                           "%u of %u have scored", n_participants),
                              n_scored, n_participants);
  if (visible && n_scored > 0 && second)
    {
      g_autofree char *mean = verk_format_decimal ((double) sum / n_scored, 1);
      g_autofree char *now = hi > lo ? g_strdup_printf (_("Round 2: spread %d to %d, mean %s"), lo, hi, mean)
                                     : g_strdup_printf (_("Round 2: everyone gave %d"), lo);

      spread = first != NULL && first->count > 0
               ? g_strdup_printf (_("%s\nRound 1: spread %d to %d"), now, first->min, first->max)
               : g_steal_pointer (&now);
    }
  else if (visible && n_scored > 0)
    {
      g_autofree char *mean = verk_format_decimal ((double) sum / n_scored, 1);

      spread = hi > lo
               ? g_strdup_printf (_("Spread %d to %d, mean %s"), lo, hi, mean)
               : g_strdup_printf (_("Everyone gave %d"), lo);
    }
  else if (n_scored > 0)
    spread = g_strdup (_("Scores are hidden until the facilitator reveals them."));
  if (item->agreed > 0)
    /* Translators: the group's agreed score of a piece and its level's name: "Agreed: 3 · Under way" */
    agreed = g_strdup_printf (_("Agreed: %d · %s"), item->agreed, level_name (self, item->agreed));
  if (item->desired > 0)
    /* Translators: where the group needs to be ("bör"): "Desired level: 4 · Established" */
    desired = g_strdup_printf (_("Desired level: %d · %s"), item->desired, level_name (self, item->desired));

  set_label (self->title_label, item->name);
  set_label (self->status_label, status);
  set_label (self->description_label, item->description);
  /* The definition gets the lines the chips and the spread leave at
   * 1280×720: two under a full reveal of three rows of chips, more when
   * the spread is not shown yet or there are fewer chips. */
  rows = (n_chips + columns - 1) / columns;
  gtk_label_set_lines (self->description_label, !(visible && n_scored > 0) ? 4 : rows <= 2 ? 3 : 2);
  gtk_widget_set_visible (GTK_WIDGET (self->scores_grid), gtk_widget_get_first_child (GTK_WIDGET (self->scores_grid)) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spread_box), visible && n_scored > 0);
  if (visible && n_scored > 0)
    update_spread (self, counts, lo, hi);
  set_label (self->spread_label, spread);
  /* The same place for the spread before and after the reveal. */
  gtk_widget_set_size_request (gtk_widget_get_parent (GTK_WIDGET (self->spread_box)),
                               self->large ? 5 * 104 + 4 * 16 : 5 * 72 + 4 * 16, -1);
  set_label (self->agreed_label, agreed);
  set_label (self->desired_label, desired);
  set_label (self->rationale_label, item->agreed > 0 ? item->rationale : NULL);
  /* Before the group agrees, the reasons have its room too. */
  gtk_widget_set_visible (GTK_WIDGET (self->agreed_box), agreed != NULL || desired != NULL);
  update_reasons (self, item);
  gtk_stack_set_visible_child_name (self->stack, "piece");
}

/* The pages of the list slide @slide of @step is a page of, built as it
 * is, for VerkSlideFit to set them all at one size: the room sees the
 * pages of the plan, say, at a steady size. Kept while the list and its
 * workshop stay the same: a fresh page costs tens of milliseconds to style
 * and measure, and paging through the list needs none. */
static void
build_pages (VerkPresentationView *self,
             VerkStep              step,
             guint                 slide)
{
  g_autoptr (GPtrArray) pages = g_ptr_array_new ();
  guint first, n;

  verk_presentation_slides_pages (self->content, self->session, step, slide, &first, &n);
  if (!self->pages_stale && step == self->pages_step && first == self->pages_first && n == self->pages_n)
    return;
  self->pages_step = step;
  self->pages_first = first;
  self->pages_n = n;
  self->pages_stale = FALSE;
  for (guint page = first; n > 1 && page < first + n; page++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_autofree char *status = NULL;

      verk_presentation_slides_build (GTK_BOX (box), self->content, self->session, step, page, &status);
      g_ptr_array_add (pages, box);
    }
  verk_slide_fit_set_other_pages (self->slide_fit, pages);
}

static void
update_slide (VerkPresentationView *self,
              VerkStep              step)
{
  g_autofree char *title = slide_title (self, step, current_slide (self));
  g_autofree char *status = NULL;

  /* Follow up compares with another workshop's model, made when first asked
   * for: from then on its edits redraw the slide too. */
  if (step == VERK_STEP_FOLLOW_UP)
    g_signal_group_set_target (self->previous_signals,
                               verk_workshop_model_get_previous (verk_session_get_model (self->session)));
  /* Built anew, a slide starts at its top, with all of its text. */
  g_ptr_array_set_size (self->continued, 0);
  if (content (self) != NULL)
    {
      verk_presentation_slides_build (self->slide_box, self->content, self->session, step,
                                      current_slide (self), &status);
      build_pages (self, step, current_slide (self));
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  set_label (self->title_label, title);
  set_label (self->status_label, status);
  gtk_stack_set_visible_child_name (self->stack, "slide");
}

static void
update (VerkPresentationView *self)
{
  VerkStep step;
  const VerkItem *item;

  if (!shows_workshop (self))
    {
      set_label (self->title_label, NULL);
      set_label (self->status_label, NULL);
      gtk_label_set_text (self->position_label, "");
      set_label (self->next_label, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  step = verk_session_get_step (self->session);
  item = selected_piece (self, NULL);
  if (step != VERK_STEP_ASSESS)
    update_slide (self, step);
  else if (item == NULL)
    update_overview (self);
  else
    update_piece (self, item);
  update_footer (self);
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

/* The workshop shown, or its model, changed: everything is drawn from the
 * model again, after it took the edit in. */
static void
show_workshop (VerkPresentationView *self)
{
  const GError *error = shows_workshop (self)
                        ? verk_workshop_model_get_error (verk_session_get_model (self->session)) : NULL;

  if (error != NULL)
    g_warning ("Could not read the pieces for the presentation: %s", error->message);
  self->pages_stale = TRUE;
  publish_rows (self);
  update (self);
}

/* Edits of the workshop Follow up compares with show on its slides. */
static void
on_previous_changed (VerkPresentationView *self)
{
  self->pages_stale = TRUE;
  if (self->session != NULL && verk_session_get_step (self->session) == VERK_STEP_FOLLOW_UP)
    update (self);
}

/* The facilitator's puzzle takes the rows the room sees (VerkSession:
 * projected-rows), so no piece moves between the two screens. */
static void
publish_rows (VerkPresentationView *self)
{
  if (self->session == NULL || n_pieces (self) == 0
      || self->area_width < 10 || self->area_height < 10 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  verk_session_set_projected_rows (self->session,
                                   verk_puzzle_layout_choose_rows (n_pieces (self), self->area_width,
                                                                   self->area_height));
}

static void
on_puzzle_resized (GtkDrawingArea       *area,
                   int                   width,
                   int                   height,
                   VerkPresentationView *self)
{
  self->area_width = width;
  self->area_height = height;
  publish_rows (self);
}

/* The presentation ends: the facilitator's puzzle is its own again. */
static void
on_unmap (VerkPresentationView *self)
{
  if (self->session != NULL)
    verk_session_set_projected_rows (self->session, 0);
}

static void
ensure_layout (VerkPresentationView *self,
               guint                 n,
               int                   width,
               int                   height)
{
  if (self->layout == NULL || verk_puzzle_layout_get_n_pieces (self->layout) != n
      || self->layout_width != width || self->layout_height != height)
    {
      g_clear_pointer (&self->layout, verk_puzzle_layout_free);
      self->layout = verk_puzzle_layout_new (n, width, height);
      self->layout_width = width;
      self->layout_height = height;
    }
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
  guint n;

  if (n_pieces (self) == 0 || width < 10 || height < 10)
    return;

  /* The one mapping of items and ranks to pieces. */
  pieces = verk_workshop_model_get_pieces (shown_model (self), &n);
  if (pieces == NULL)
    return;
  ensure_layout (self, n, width, height);

  verk_puzzle_style_init_default (&style, adw_style_manager_get_dark (style_manager));
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  style.text = (VerkRgba) { fg.red, fg.green, fg.blue, 1.0 };
  style.background.a = 0;
  style.scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  if (self->renderer == NULL)
    self->renderer = verk_puzzle_renderer_new ();
  verk_puzzle_renderer_render (self->renderer, cr, self->layout, pieces, n, &style);
}

/* A click on a piece in the presentation opens it, as on the facilitator's puzzle. */
static void
on_puzzle_pressed (GtkGestureClick      *gesture,
                   int                   n_press,
                   double                x,
                   double                y,
                   VerkPresentationView *self)
{
  int index;

  if (self->layout == NULL)
    return;
  index = verk_puzzle_layout_hit_test (self->layout, x, y);
  if (index >= 0 && (guint) index < n_pieces (self))
    show_slide (self, VERK_STEP_ASSESS, (guint) index + 1);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* ---- Driving it: a clicker and the keyboard --------------------------- */

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  VerkStep step;
  guint slide;

  if (shows_workshop (self) && more_below (self))
    continue_slide (self);
  else if (shows_workshop (self) && next_position (self, &step, &slide))
    show_slide (self, step, slide);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  VerkStep step;
  guint slide;

  if (!shows_workshop (self))
    return;
  if (uncontinue_slide (self))
    return;
  step = verk_session_get_step (self->session);
  slide = current_slide (self);
  if (slide > 0)
    show_slide (self, step, slide - 1);
  else if (step > VERK_STEP_MATERIAL)
    show_slide (self, step - 1, n_slides (self, step - 1) - 1);
}

/* Home and End: the first and the last slide of the step. */
static void
edge_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  VerkStep step;

  if (!shows_workshop (self))
    return;
  step = verk_session_get_step (self->session);
  show_slide (self, step, g_variant_get_boolean (parameter) ? n_slides (self, step) - 1 : 0);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  int step = g_variant_get_int32 (parameter);

  if (shows_workshop (self) && step >= VERK_STEP_MATERIAL && step <= VERK_STEP_FOLLOW_UP)
    show_slide (self, (VerkStep) step, 0);
}

/* B or . (a clicker's "blank screen" key): reveal or hide the piece's scores. */
static void
reveal_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  gint64 item_id;

  if (self->session == NULL)
    return;
  item_id = verk_session_get_selected_item_id (self->session);
  if (verk_session_get_step (self->session) == VERK_STEP_ASSESS && selected_piece (self, NULL) != NULL)
    verk_session_set_revealed (self->session, item_id, !verk_session_is_revealed (self->session, item_id));
}

static void
timer_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  VerkTimer *timer;

  if (self->session == NULL)
    return;
  timer = verk_session_get_timer (self->session);
  if (verk_timer_is_running (timer))
    verk_timer_pause (timer);
  else
    {
      if (verk_timer_is_finished (timer))
        verk_timer_reset (timer);
      verk_timer_start (timer);
    }
}

/* R: a second private round of the open piece, when the revealed scores
 * spread at or above the disagreement threshold (docs/ROOM.md). */
static void
second_round_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  gint64 item_id;

  if (self->session == NULL || self->room == NULL || verk_session_get_step (self->session) != VERK_STEP_ASSESS)
    return;
  item_id = verk_session_get_selected_item_id (self->session);
  if (selected_piece (self, NULL) != NULL
      && verk_room_server_can_start_second_round (self->room, item_id))
    {
      g_autoptr (GError) error = NULL;

      if (!verk_room_server_start_second_round (self->room, item_id, &error))
        g_warning ("The second round did not start: %s", error->message);
    }
}

static void
anonymous_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);

  if (self->session != NULL)
    verk_session_set_anonymous (self->session, !verk_session_get_anonymous (self->session));
}

static void
leave_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

/* ---- Joining from phones ---------------------------------------------- */

static void
set_room (VerkPresentationView *self,
          VerkRoomServer       *room)
{
  g_clear_object (&self->room);
  self->room = room;
  verk_join_card_set_room (self->join_card, room);
}

/* ---- Size ------------------------------------------------------------- */

static gboolean
apply_size_class (gpointer user_data)
{
  VerkPresentationView *self = user_data;

  self->size_idle_id = 0;
  if (self->large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");
  /* The bars of the spread are sized for the type, and so is the QR code. */
  update (self);
  verk_join_card_set_large (self->join_card, self->large);
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

  gtk_widget_measure (self->root, orientation, for_size, minimum, natural, NULL, NULL);
}

/* The participants' names shortened alike: when one needs "Örjan B.", all
 * show first names and initials, which reads as one list. */
static void
shorten_names_alike (VerkPresentationView *self)
{
  guint floor = 0;

  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->scores_grid)); chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    floor = MAX (floor, verk_fit_label_get_fit (VERK_FIT_LABEL (gtk_widget_get_first_child (chip))));
  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->scores_grid)); chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    verk_fit_label_set_floor (VERK_FIT_LABEL (gtk_widget_get_first_child (chip)), floor);
}

static void
verk_presentation_view_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);
  gboolean large = width >= LARGE_WIDTH;

  /* Style is up to date while laying out: the title's size as it is now. */
  verk_slide_fit_set_text_limit (self->slide_fit, TEXT_TO_TITLE * verk_slide_text_type_px (GTK_WIDGET (self->title_label)));
  gtk_widget_allocate (self->root, width, height, baseline, NULL);
  shorten_names_alike (self);
  fade_cut_slide (self);

  /* Changing a style class inside allocation would re-enter layout. */
  if (large != self->large)
    {
      self->large = large;
      if (self->size_idle_id == 0)
        self->size_idle_id = g_idle_add (apply_size_class, self);
    }
}

/* The colours of the scale come from the puzzle's renderer, so a score
 * looks the same on a piece, in the legend and on a participant's chip. */
static void
install_score_colors (GdkDisplay *display)
{
  static GQuark installed;
  g_autoptr (GString) css = g_string_new (NULL);
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  if (installed == 0)
    installed = g_quark_from_static_string ("verk-present-score-colors");
  if (g_object_get_qdata (G_OBJECT (display), installed) != NULL)
    return;
  for (int v = 1; v <= 5; v++)
    {
      VerkRgba fill = verk_puzzle_score_color (v);
      VerkRgba text = verk_puzzle_text_color (fill);

      g_string_append_printf (css, ".verk-present-score-%d { background-color: rgb(%d,%d,%d); "
                                   "color: rgb(%d,%d,%d); }\n", v,
                              (int) (fill.r * 255), (int) (fill.g * 255), (int) (fill.b * 255),
                              (int) (text.r * 255), (int) (text.g * 255), (int) (text.b * 255));
      g_string_append_printf (css, "levelbar.verk-present-score-%d { background-color: transparent; }\n"
                                   "levelbar.verk-present-score-%d block.filled { background-color: rgb(%d,%d,%d); }\n",
                              v, v, (int) (fill.r * 255), (int) (fill.g * 255), (int) (fill.b * 255));
    }
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_qdata_full (G_OBJECT (display), installed, g_object_ref (provider), g_object_unref);
}

/* ---- Life cycle ------------------------------------------------------- */

static void
verk_presentation_view_session_changed (VerkSessionWidget *widget)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (widget);

  self->session = verk_session_widget_get_session (widget);
  /* The next Follow-up slide finds the new session's previous model. */
  g_signal_group_set_target (self->previous_signals, NULL);
  set_room (self, self->session != NULL ? verk_room_server_new (self->session) : NULL);
  show_workshop (self);
  update_timer (self);
}

static void
verk_presentation_view_dispose (GObject *object)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (object);

  g_clear_handle_id (&self->size_idle_id, g_source_remove);
  g_clear_handle_id (&self->footer_idle_id, g_source_remove);
  verk_session_widget_set_session (VERK_SESSION_WIDGET (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERK_TYPE_PRESENTATION_VIEW);

  G_OBJECT_CLASS (verk_presentation_view_parent_class)->dispose (object);
}

static void
verk_presentation_view_finalize (GObject *object)
{
  VerkPresentationView *self = VERK_PRESENTATION_VIEW (object);

  g_clear_object (&self->content);
  g_clear_object (&self->previous_signals);
  g_clear_pointer (&self->continued, g_ptr_array_unref);
  g_clear_pointer (&self->layout, verk_puzzle_layout_free);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (verk_presentation_view_parent_class)->finalize (object);
}

/* @letters: with or without Shift too, as a clicker may send either. */
static void
bind_keys (GtkWidgetClass *widget_class,
           const guint    *keys,
           guint           n_keys,
           gboolean        letters,
           const char     *action)
{
  for (guint i = 0; i < n_keys; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keys[i], 0, action, NULL);
      if (letters)
        gtk_widget_class_add_binding_action (widget_class, keys[i], GDK_SHIFT_MASK, action, NULL);
    }
}

static void
verk_presentation_view_class_init (VerkPresentationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint next_keys[] = { GDK_KEY_Page_Down, GDK_KEY_Right, GDK_KEY_space, GDK_KEY_KP_Page_Down,
                                     GDK_KEY_Down, GDK_KEY_Return, GDK_KEY_KP_Enter };
  static const guint previous_keys[] = { GDK_KEY_Page_Up, GDK_KEY_Left, GDK_KEY_BackSpace,
                                         GDK_KEY_KP_Page_Up, GDK_KEY_Up };
  static const guint reveal_keys[] = { GDK_KEY_b, GDK_KEY_B, GDK_KEY_period, GDK_KEY_KP_Decimal };
  static const guint timer_keys[] = { GDK_KEY_t, GDK_KEY_T };
  static const guint anonymous_keys[] = { GDK_KEY_a, GDK_KEY_A };
  static const guint second_round_keys[] = { GDK_KEY_r, GDK_KEY_R };

  object_class->dispose = verk_presentation_view_dispose;
  object_class->finalize = verk_presentation_view_finalize;
  widget_class->measure = verk_presentation_view_measure;
  widget_class->size_allocate = verk_presentation_view_size_allocate;
  VERK_SESSION_WIDGET_CLASS (klass)->session_changed = verk_presentation_view_session_changed;

  /**
   * VerkPresentationView::leave:
   *
   * The facilitator pressed Esc: whoever shows the view ends the presentation.
   */
  signals[LEAVE] =
    g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (VERK_TYPE_JOIN_CARD);
  g_type_ensure (VERK_TYPE_SLIDE_FIT);
  g_type_ensure (VERK_TYPE_REASON_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-presentation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, root);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, status_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, timer_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, puzzle_area);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, description_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, scores_grid);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, spread_box);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, spread_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, agreed_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, desired_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, rationale_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, side_box);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, agreed_box);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, reasons_fit);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, slide_fit);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, slide_box);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, position_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, next_label);
  gtk_widget_class_bind_template_child (widget_class, VerkPresentationView, join_card);

  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_activated);
  gtk_widget_class_install_action (widget_class, "presentation.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "presentation.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "presentation.edge", "b", edge_activated);
  gtk_widget_class_install_action (widget_class, "presentation.step", "i", step_activated);
  gtk_widget_class_install_action (widget_class, "presentation.reveal", NULL, reveal_activated);
  gtk_widget_class_install_action (widget_class, "presentation.timer", NULL, timer_activated);
  gtk_widget_class_install_action (widget_class, "presentation.anonymous", NULL, anonymous_activated);
  gtk_widget_class_install_action (widget_class, "presentation.second-round", NULL, second_round_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "presentation.leave", NULL);
  bind_keys (widget_class, next_keys, G_N_ELEMENTS (next_keys), FALSE, "presentation.next");
  bind_keys (widget_class, previous_keys, G_N_ELEMENTS (previous_keys), FALSE, "presentation.previous");
  bind_keys (widget_class, reveal_keys, G_N_ELEMENTS (reveal_keys), TRUE, "presentation.reveal");
  bind_keys (widget_class, timer_keys, G_N_ELEMENTS (timer_keys), TRUE, "presentation.timer");
  bind_keys (widget_class, anonymous_keys, G_N_ELEMENTS (anonymous_keys), TRUE, "presentation.anonymous");
  bind_keys (widget_class, second_round_keys, G_N_ELEMENTS (second_round_keys), TRUE,
             "presentation.second-round");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "presentation.edge", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "presentation.edge", "b", TRUE);
  for (int i = 0; i < 5; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "presentation.step", "i", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "presentation.step", "i", i);
    }
  gtk_widget_class_set_css_name (widget_class, "verk-presentation-view");
}

static void
verk_presentation_view_init (VerkPresentationView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GSignalGroup *session_signals = verk_session_widget_get_session_signals (VERK_SESSION_WIDGET (self));
  GSignalGroup *timer_signals = verk_session_widget_get_timer_signals (VERK_SESSION_WIDGET (self));
  static const char *const redraw_on[] = {
    "notify::selected-item-id", "notify::step", "notify::hide-until-reveal", "reveal-changed",
    "notify::slide", "notify::anonymous",
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  install_score_colors (gtk_widget_get_display (GTK_WIDGET (self)));

  gtk_drawing_area_set_draw_func (self->puzzle_area, draw_puzzle, self, NULL);
  g_signal_connect (self->puzzle_area, "resize", G_CALLBACK (on_puzzle_resized), self);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (on_scroll_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_scroll_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap), NULL);
  g_signal_connect (self, "map", G_CALLBACK (publish_rows), NULL);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_puzzle_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->puzzle_area), GTK_EVENT_CONTROLLER (click));
  /* The theme decides light or dark; the puzzle's colours follow. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->puzzle_area, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self->puzzle_area, G_CONNECT_SWAPPED);

  /* Data edits come from the model, after it took them in. */
  g_signal_group_connect_swapped (verk_session_widget_get_model_signals (VERK_SESSION_WIDGET (self)), "changed",
                                  G_CALLBACK (show_workshop), self);
  g_signal_group_connect_swapped (session_signals, "notify::workshop-id", G_CALLBACK (show_workshop), self);
  for (guint i = 0; i < G_N_ELEMENTS (redraw_on); i++)
    g_signal_group_connect_swapped (session_signals, redraw_on[i], G_CALLBACK (update), self);
  g_signal_group_connect_swapped (timer_signals, "notify::remaining", G_CALLBACK (update_timer), self);
  g_signal_group_connect_swapped (timer_signals, "notify::running", G_CALLBACK (update_timer), self);
  g_signal_group_connect_swapped (timer_signals, "notify::finished", G_CALLBACK (update_timer), self);
  self->previous_signals = g_signal_group_new (VERK_TYPE_WORKSHOP_MODEL);
  self->continued = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->pages_stale = TRUE;
  /* The reasons grow with room to spare, but stay below the page title and
   * near the agreed score's size beside them. */
  verk_slide_fit_set_max_scale (self->reasons_fit, REASONS_MAX_SCALE);
  g_signal_group_connect_swapped (self->previous_signals, "changed", G_CALLBACK (on_previous_changed), self);
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
