/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-organisation-model.h"
#include "verk-store.h"

G_BEGIN_DECLS

#define VERK_TYPE_ORGANISATION_VIEW (verk_organisation_view_get_type ())
G_DECLARE_FINAL_TYPE (VerkOrganisationView, verk_organisation_view, VERK, ORGANISATION_VIEW, GtkWidget)

/* The settings key of the anonymity threshold (Preferences). */
#define VERK_ORGANISATION_MIN_GROUP_SIZE_KEY "organisation-min-group-size"

/* The organisation view: the values × the groups (each group's agreed score,
 * its difference from the organisation's mean, the workshops behind it;
 * groups below the minimum size hidden), the trend per value by year and the
 * share of actions done at follow-up per group and unit, filtered by unit
 * and year, read from a VerkOrganisationModel. Follows @store's changes and
 * @settings' threshold. */
GtkWidget *verk_organisation_view_new      (VerkStore *store,
                                            GSettings *settings);
void       verk_organisation_view_set_store (VerkOrganisationView *self,
                                             VerkStore            *store);
VerkOrganisationModel *verk_organisation_view_get_model (VerkOrganisationView *self);
/* Presents @window, which holds the view, once the store's first read is in
 * (or after a short wait), so that its first frame shows the heat map; the
 * main loop runs meanwhile. */
void       verk_organisation_view_present_window (VerkOrganisationView *self,
                                                  GtkWindow            *window);

/* The view in a window of its own beside @parent (one per application:
 * shown again when it exists). It follows the application's store: another
 * database opened is shown, and the window closes when none is open. */
GtkWindow *verk_organisation_view_present  (GtkWindow *parent,
                                            VerkStore *store,
                                            GSettings *settings);

G_END_DECLS
