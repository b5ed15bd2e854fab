/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* The Organisation Overview's data, without GTK: what its filters offer
 * (the units and years of the store), what is chosen (unit, year, the
 * anonymity threshold) and the values × groups matrix for that choice
 * (verk_store_get_organisation()). It follows its store's edits (a burst of
 * them, an import of many files, is read once, when idle) and can be moved
 * to another store (the application opened another database); ::changed
 * says that the filters' choices and the matrix were read again. A later
 * shared database sits behind the same object. */
#define VERK_TYPE_ORGANISATION_MODEL (verk_organisation_model_get_type ())
G_DECLARE_FINAL_TYPE (VerkOrganisationModel, verk_organisation_model, VERK, ORGANISATION_MODEL, GObject)

/* @keys: the content keys of the values, in the order shown. */
VerkOrganisationModel *verk_organisation_model_new                (VerkStore             *store,
                                                                   const char * const    *keys);
VerkStore             *verk_organisation_model_get_store          (VerkOrganisationModel *self);
/* Reads @store (or nothing, when NULL) from now on; a chosen unit or year
 * the new store does not have is dropped. */
void                   verk_organisation_model_set_store          (VerkOrganisationModel *self,
                                                                   VerkStore             *store);
/* NULL: every unit. */
const char            *verk_organisation_model_get_unit           (VerkOrganisationModel *self);
void                   verk_organisation_model_set_unit           (VerkOrganisationModel *self,
                                                                   const char            *unit);
/* 0: every year. */
int                    verk_organisation_model_get_year           (VerkOrganisationModel *self);
void                   verk_organisation_model_set_year           (VerkOrganisationModel *self,
                                                                   int                    year);
int                    verk_organisation_model_get_min_group_size (VerkOrganisationModel *self);
void                   verk_organisation_model_set_min_group_size (VerkOrganisationModel *self,
                                                                   int                    size);
/* The units the filter offers (sorted; "" is a group without a unit), and
 * the years (ascending). Empty without a store. */
const char * const    *verk_organisation_model_get_units          (VerkOrganisationModel *self);
const int             *verk_organisation_model_get_years          (VerkOrganisationModel *self,
                                                                   guint                 *n_years);
/* The matrix for the current choice; NULL without a store or when it
 * could not be read (see get_error). */
const VerkOrgMatrix   *verk_organisation_model_get_matrix         (VerkOrganisationModel *self);
const GError          *verk_organisation_model_get_error          (VerkOrganisationModel *self);
/* As set_store, but reads @store on a worker thread (on a connection of its
 * own): ::changed follows when the main loop takes the read, once the thread
 * is done (nothing waits for it); the matrix has no actions then
 * (actions_read FALSE), and ::changed comes again when the thread has
 * counted them (see verk_organisation_model_hold_actions()). An edit or
 * another choice meanwhile reads on this thread.
 * Tests hold the read back with VERKSTAD_TEST_ORGANISATION_READ_HOLD, the
 * path of a FIFO: the read starts once a byte is written to it. */
void                   verk_organisation_model_set_store_in_background (VerkOrganisationModel *self,
                                                                        VerkStore             *store);
gboolean               verk_organisation_model_is_reading         (VerkOrganisationModel *self);
/* While held, the worker counts the actions only once they are let go (a
 * window lets them go once it has drawn the matrix). */
void                   verk_organisation_model_hold_actions       (VerkOrganisationModel *self,
                                                                   gboolean               hold);
/* Reads everything again now (also drops a pending read). */
void                   verk_organisation_model_reload             (VerkOrganisationModel *self);

G_END_DECLS
