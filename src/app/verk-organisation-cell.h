/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One cell of the Organisation Overview's tables: a short text in Pango
 * markup, centred, on the background its CSS classes give; focusable, with
 * the role of a table cell and a name that says all of it. Its size is the
 * size request the view gives it: the text is laid out only to be drawn,
 * not to be measured (a GtkButton with a GtkLabel measured each of the
 * ~130 cells of the first frame, docs/ORGANISATION.md). */
#define VERK_TYPE_ORGANISATION_CELL (verk_organisation_cell_get_type ())
G_DECLARE_FINAL_TYPE (VerkOrganisationCell, verk_organisation_cell, VERK, ORGANISATION_CELL, GtkWidget)

GtkWidget  *verk_organisation_cell_new        (const char           *markup,
                                               const char           *accessible_name);
/* A heading (a column's head, a row's title): not focusable, of @role;
 * @markup wrapped between words (inside a word longer than the width,
 * hyphenated) into at most @lines lines, the last ending in "…"; at
 * @xalign (0 left, 0.5 centred) and at the bottom (GTK_ALIGN_END) or in
 * the middle. */
GtkWidget  *verk_organisation_cell_new_heading (const char           *markup,
                                               const char           *accessible_name,
                                               GtkAccessibleRole     role,
                                               int                   lines,
                                               float                 xalign,
                                               GtkAlign              valign);
const char *verk_organisation_cell_get_markup (VerkOrganisationCell *self);
/* What the cell draws at its width now: a heading's words kept whole,
 * set smaller (down to 80 %) where one is a little wider than the cell. */
PangoLayout *verk_organisation_cell_make_layout (VerkOrganisationCell *self);
/* Whether @layout broke a line inside a word (Pango's hyphen). */
gboolean    verk_organisation_cell_breaks_inside_a_word (PangoLayout *layout);

G_END_DECLS
