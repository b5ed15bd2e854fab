/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-handout.h"
#include "verk-store.h"

G_BEGIN_DECLS

/* Save Handout…: asks where to save (GtkFileChooserNative), reads the
 * workshop on the calling thread and writes the PDF in a worker thread. */
void               verk_handout_dialog_save_async      (GtkWindow           *parent,
                                                        VerkStore           *store,
                                                        gint64               workshop_id,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* Returns: (transfer full) (nullable): the path written; NULL with @error set
 * when it failed, NULL without an error when the user cancelled. */
char              *verk_handout_dialog_save_finish     (GAsyncResult        *result,
                                                        GError             **error);

/* A print operation of @handout on A4, each page drawn by
 * verk_handout_draw_page(): the same pages as the PDF. Takes @handout. */
GtkPrintOperation *verk_handout_print_operation_new    (VerkHandout         *handout);

/* Print…: the system's print dialog for the workshop's handout. FALSE with
 * @error set when the workshop cannot be read or printing failed to start. */
gboolean           verk_handout_dialog_print           (GtkWindow           *parent,
                                                        VerkStore           *store,
                                                        gint64               workshop_id,
                                                        GError             **error);

G_END_DECLS
