/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The kind of file a save chooser saves; every text translated. */
typedef struct {
  const char *title;
  const char *accept_label;
  const char *filter_name;
  const char *suffix;          /* without the dot: "xlsx" */
  const char *mime_type;
  const char *not_local;       /* the error when the place chosen is not a local folder */
} VerkSaveChooserKind;

/* Called with the path to write to (always ending in the kind's suffix, and
 * agreed to replace when it exists); takes @task's reference and @path. */
typedef void (*VerkSaveChosenFunc) (GTask *task,
                                    char  *path);

/* Save Handout… and Export Workbook…: asks where to save with
 * GtkFileChooserNative, starting in @folder (else Documents, else home) with
 * @name, adds the suffix to a name typed without it (asking before that
 * name replaces a file), and hands the path to @chosen. Cancelling returns
 * NULL without an error from @task, a place that is not a local folder
 * returns the kind's error; either way @task's reference is dropped. */
void verk_save_chooser_show (GTask                     *task,
                             GtkWindow                 *parent,
                             const VerkSaveChooserKind *kind,
                             const char                *folder,
                             const char                *name,
                             VerkSaveChosenFunc         chosen);

/* The chosen file written by @write in a worker that holds nothing of GTK;
 * @task completed on the main thread with its result. Takes @task. */
void verk_save_chooser_write_in_thread (GTask           *task,
                                        GTaskThreadFunc  write);

G_END_DECLS
