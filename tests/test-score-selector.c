/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The score selector from the keyboard: one tab stop, the arrows inside,
 * 1-5 choose. VerkFitLabel: the longest form of a name that fits. */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "verk-fit-label.h"
#include "verk-quick-score-entry.h"
#include "verk-score-selector.h"

void verk_ui_register_resource (void);

static void
on_chosen (VerkScoreSelector *selector,
           int                value,
           int               *chosen)
{
  *chosen = value;
}

static GtkWidget *
button (GtkWidget *selector,
        int        value)
{
  GtkWidget *child = gtk_widget_get_first_child (selector);

  for (int i = 1; i < value; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static void
test_one_tab_stop (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *before = gtk_entry_new (), *after = gtk_entry_new ();
  GtkWidget *selector = verk_score_selector_new ();
  GtkWidget *focus;
  int chosen = -1;

  gtk_box_append (GTK_BOX (box), before);
  gtk_box_append (GTK_BOX (box), selector);
  gtk_box_append (GTK_BOX (box), after);
  gtk_window_set_child (GTK_WINDOW (window), box);
  g_signal_connect (selector, "chosen", G_CALLBACK (on_chosen), &chosen);
  gtk_window_present (GTK_WINDOW (window));

  /* Tab from before: the selector's first button; Tab again: past it. */
  gtk_widget_grab_focus (before);
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (button (selector, 1)));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == after || gtk_widget_is_ancestor (focus, after));   /* its GtkText */

  /* Coming back lands on the chosen score; the arrows move inside. */
  verk_score_selector_set_value (VERK_SCORE_SELECTOR (selector), 3);
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_has_focus (button (selector, 3)));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_RIGHT));
  g_assert_true (gtk_widget_has_focus (button (selector, 4)));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_LEFT));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_LEFT));
  g_assert_true (gtk_widget_has_focus (button (selector, 2)));

  /* 1-5 choose, as a click does. */
  g_assert_true (gtk_widget_activate_action (selector, "score.choose", "i", 5));
  g_assert_cmpint (chosen, ==, 5);
  g_assert_cmpint (verk_score_selector_get_value (VERK_SCORE_SELECTOR (selector)), ==, 5);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button (selector, 5))));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_name_forms (void)
{
  g_auto (GStrv) forms = verk_fit_label_name_forms ("Örjan Bäckström-Åkesson");
  g_auto (GStrv) single = verk_fit_label_name_forms ("Eva");
  const char *expected[] = { "Örjan Bäckström-Åkesson", "Örjan B.", "Örjan", "ÖB", NULL };

  g_assert_cmpstrv (forms, expected);
  g_assert_cmpuint (g_strv_length (single), ==, 1);
}

/* Allocated narrower than the full name, the label shows a shorter form
 * that fits, never a cut one. */
static void
test_fit (void)
{
  GtkWidget *window = gtk_window_new ();
  g_auto (GStrv) forms = verk_fit_label_name_forms ("Örjan Bäckström-Åkesson");
  GtkWidget *label = verk_fit_label_new ((const char * const *) forms);
  int min, nat, width, height;

  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, <, nat);
  for (width = min; width <= nat; width += MAX (1, (nat - min) / 7))
    {
      g_autoptr (PangoLayout) layout = NULL;

      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      gtk_widget_allocate (label, width, height, -1, NULL);
      layout = gtk_widget_create_pango_layout (label, verk_fit_label_get_shown (VERK_FIT_LABEL (label)));
      pango_layout_get_pixel_size (layout, &min, NULL);
      g_assert_cmpint (min, <=, width);
    }
  gtk_widget_allocate (label, nat, height, -1, NULL);
  g_assert_cmpstr (verk_fit_label_get_shown (VERK_FIT_LABEL (label)), ==, "Örjan Bäckström-Åkesson");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_quick_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) spaced = verk_quick_score_parse ("3 2 3 4 3 2", &error);
  g_autoptr (GArray) run = verk_quick_score_parse (" 32-45 ", &error);
  g_autoptr (GArray) commas = verk_quick_score_parse ("1,5; -", &error);
  g_autoptr (GArray) bad = NULL;
  const int expected[] = { 3, 2, 3, 4, 3, 2 }, run_expected[] = { 3, 2, 0, 4, 5 };

  g_assert_no_error (error);
  g_assert_cmpmem (spaced->data, spaced->len * sizeof (int), expected, sizeof expected);
  g_assert_cmpmem (run->data, run->len * sizeof (int), run_expected, sizeof run_expected);
  g_assert_cmpuint (commas->len, ==, 3);
  g_assert_cmpint (g_array_index (commas, int, 2), ==, 0);

  /* A bad token is named in the message. */
  bad = verk_quick_score_parse ("3 2 x 4", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "“x”"));
  g_clear_error (&error);
  bad = verk_quick_score_parse ("3 6", &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "“6”"));
  g_clear_error (&error);
  bad = verk_quick_score_parse ("12", &error);   /* a run of digits: 1 and 2 */
  g_assert_no_error (error);
  g_assert_cmpuint (bad->len, ==, 2);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  verk_ui_register_resource ();

  g_test_add_func ("/score-selector/one-tab-stop", test_one_tab_stop);
  g_test_add_func ("/fit-label/name-forms", test_name_forms);
  g_test_add_func ("/fit-label/fit", test_fit);
  g_test_add_func ("/quick-entry/parse", test_quick_parse);
  return g_test_run ();
}
