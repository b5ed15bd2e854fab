/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-fit-label"

#include "config.h"

#include <string.h>

#include "verk-fit-label.h"
#include "verk-layout-snapshot.h"

struct _VerkFitLabel
{
  GtkWidget  parent_instance;

  /* owned */
  char     **forms;       /* longest first, at least one */
  guint      fit;         /* the longest form that fits the allocation */
  guint      floor;       /* show no longer form than this one */
  guint      shown;
};

G_DEFINE_FINAL_TYPE (VerkFitLabel, verk_fit_label, GTK_TYPE_WIDGET)

static void
form_size (VerkFitLabel *self,
           guint         index,
           int          *width,
           int          *height)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->forms[index]);

  pango_layout_get_pixel_size (layout, width, height);
}

static void
verk_fit_label_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  VerkFitLabel *self = VERK_FIT_LABEL (widget);
  guint last = g_strv_length (self->forms) - 1;
  int w, h;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      form_size (self, last, minimum, &h);
      form_size (self, 0, natural, &h);
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      form_size (self, 0, &w, &h);
      *minimum = *natural = h;
    }
}

static void
show_form (VerkFitLabel *self)
{
  guint n = g_strv_length (self->forms);
  guint shown = MAX (self->fit, MIN (self->floor, n - 1));

  if (shown == self->shown)
    return;
  self->shown = shown;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->forms[shown], -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
verk_fit_label_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  VerkFitLabel *self = VERK_FIT_LABEL (widget);
  guint n = g_strv_length (self->forms);
  guint chosen = n - 1;

  for (guint i = 0; i < n; i++)
    {
      int w, h;

      form_size (self, i, &w, &h);
      if (w <= width)
        {
          chosen = i;
          break;
        }
    }
  self->fit = chosen;
  show_form (self);
}

static void
verk_fit_label_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  VerkFitLabel *self = VERK_FIT_LABEL (widget);
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->forms[self->shown]);

  verk_layout_snapshot (widget, snapshot, layout, 0.0f, GTK_ALIGN_CENTER);
}

static void
verk_fit_label_finalize (GObject *object)
{
  VerkFitLabel *self = VERK_FIT_LABEL (object);

  g_clear_pointer (&self->forms, g_strfreev);
  G_OBJECT_CLASS (verk_fit_label_parent_class)->finalize (object);
}

static void
verk_fit_label_class_init (VerkFitLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = verk_fit_label_finalize;
  widget_class->measure = verk_fit_label_measure;
  widget_class->size_allocate = verk_fit_label_size_allocate;
  widget_class->snapshot = verk_fit_label_snapshot;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
verk_fit_label_init (VerkFitLabel *self)
{
}

/**
 * verk_fit_label_new:
 * @forms: the forms of the text, longest first (at least one)
 *
 * Returns: (transfer floating): a label showing the longest form that fits.
 */
GtkWidget *
verk_fit_label_new (const char * const *forms)
{
  VerkFitLabel *self;

  g_return_val_if_fail (forms != NULL && forms[0] != NULL, NULL);

  self = g_object_new (VERK_TYPE_FIT_LABEL, NULL);
  self->forms = g_strdupv ((char **) forms);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, forms[0], -1);
  return GTK_WIDGET (self);
}

static void
add_form (GPtrArray  *forms,
          char       *form)
{
  for (guint i = 0; i < forms->len; i++)
    if (g_str_equal (g_ptr_array_index (forms, i), form))
      {
        g_free (form);
        return;
      }
  g_ptr_array_add (forms, form);
}

static char *
initial (const char *word)
{
  return g_utf8_substring (word, 0, 1);
}

/**
 * verk_fit_label_name_forms:
 * @name: a person's name, "Örjan Bäckström-Åkesson"
 *
 * Returns: (transfer full): "Örjan Bäckström-Åkesson", "Örjan B.", "Örjan",
 *   "ÖB": the name, the first name with the last name's initial, the first
 *   name, the initials. Forms that come out the same are listed once.
 */
char **
verk_fit_label_name_forms (const char *name)
{
  g_autoptr (GPtrArray) forms = g_ptr_array_new ();
  g_auto (GStrv) words = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  g_autoptr (GString) initials = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);

  words = g_strsplit (name, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  add_form (forms, g_strdup (name));
  if (kept->len >= 2)
    {
      const char *first = g_ptr_array_index (kept, 0);
      const char *last = g_ptr_array_index (kept, kept->len - 1);
      g_autofree char *last_initial = initial (last);

      add_form (forms, g_strdup_printf ("%s %s.", first, last_initial));
      add_form (forms, g_strdup (first));
      for (guint i = 0; i < kept->len; i++)
        {
          g_autofree char *c = initial (g_ptr_array_index (kept, i));
          g_string_append (initials, c);
        }
      add_form (forms, g_strdup (initials->str));
    }
  g_ptr_array_add (forms, NULL);
  return (char **) g_ptr_array_steal (forms, NULL);
}

/** verk_fit_label_get_shown: Returns: (transfer none): the form on screen. */
const char *
verk_fit_label_get_shown (VerkFitLabel *self)
{
  g_return_val_if_fail (VERK_IS_FIT_LABEL (self), NULL);
  return self->forms[self->shown];
}

/** verk_fit_label_get_fit: Returns: the index of the longest form that fits now. */
guint
verk_fit_label_get_fit (VerkFitLabel *self)
{
  g_return_val_if_fail (VERK_IS_FIT_LABEL (self), 0);
  return self->fit;
}

/**
 * verk_fit_label_set_floor:
 * @floor: an index into the forms
 *
 * Shows no longer form than form @floor (or the shortest there is), so a
 * row of names can be shortened alike: all "Örjan B." rather than one
 * full name beside "Maria L.". Only drawing changes, never the size.
 */
void
verk_fit_label_set_floor (VerkFitLabel *self,
                          guint         floor)
{
  g_return_if_fail (VERK_IS_FIT_LABEL (self));

  self->floor = floor;
  show_form (self);
}
