/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-open-failed-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-open-failed-dialog.h"
#include "verk-store.h"
#include "verk-toast.h"

struct _VerkOpenFailedDialog
{
  AdwMessageDialog      parent_instance;

  /* template widgets */
  GtkLabel             *detail_label;

  /* owned */
  char                 *path;
  GError               *error;

  /* what opens a database: the application's, which outlives the dialog */
  VerkOpenDatabaseFunc  open;
  gpointer              open_data;
};

G_DEFINE_FINAL_TYPE (VerkOpenFailedDialog, verk_open_failed_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* One sentence per way a file can be refused: what is wrong, and that the
 * file was left alone, so the user knows their data is still there. */
static char *
describe_error (const char   *path,
                const GError *error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *name = g_filename_display_name (basename);

  if (error->domain == VERK_STORE_ERROR)
    switch ((VerkStoreError) error->code)
      {
      case VERK_STORE_ERROR_NOT_DATABASE:
        return g_strdup_printf (_("“%s” is not a Verkstad database, or it is damaged. "
                                  "Verkstad has not changed it."), name);
      case VERK_STORE_ERROR_NOT_VERKSTAD:
        return g_strdup_printf (_("“%s” belongs to another program. "
                                  "Verkstad has not changed it."), name);
      case VERK_STORE_ERROR_TOO_NEW:
        return g_strdup_printf (_("“%s” was saved by a newer version of Verkstad. "
                                  "Install the newer version to open it; this version "
                                  "has not changed it."), name);
      case VERK_STORE_ERROR_READ_ONLY:
        return g_strdup_printf (_("“%s” cannot be written to. Verkstad saves every change "
                                  "at once, so it needs a file it may write. Copy the file "
                                  "to a folder of your own, or check its permissions."), name);
      case VERK_STORE_ERROR_LOCKED:
        return g_strdup_printf (_("“%s” is in use by another program, or by Verkstad on "
                                  "another computer. Close it there and try again."), name);
      case VERK_STORE_ERROR_EMPTY:
        return g_strdup_printf (_("“%s” is an empty database: it holds no tables and nothing "
                                  "from Verkstad. Verkstad has not changed it. It can become "
                                  "a new Verkstad database if you choose so."), name);
      case VERK_STORE_ERROR_IS_FOLDER:
        return g_strdup_printf (_("“%s” is a folder, not a database file. Verkstad has not "
                                  "changed it. Open the database file inside it, or start a "
                                  "new database."), name);
      case VERK_STORE_ERROR_FAILED:
      case VERK_STORE_ERROR_INVALID_INPUT:
      case VERK_STORE_ERROR_NOT_FOUND:
      default:
        break;
      }

  return g_strdup_printf (_("“%s” could not be opened. Verkstad has not changed it."), name);
}

/* Opens @path with @open; a refusal is explained again, with the same choices. */
static gboolean
open_path (GtkWindow            *parent,
           const char           *path,
           VerkOpenDatabaseFunc  open,
           gpointer              open_data)
{
  g_autoptr (GError) error = NULL;

  if (open (path, open_data, &error))
    return TRUE;
  verk_open_failed_dialog_present (parent, path, error, open, open_data);
  return FALSE;
}

/* A file name in the data folder that does not exist yet, for starting a new
 * database when the usual one was refused. */
static char *
new_database_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "verkstad", NULL);

  g_mkdir_with_parents (dir, 0700);
  for (guint n = 2; ; n++)
    {
      g_autofree char *name = g_strdup_printf ("verkstad-%u.db", n);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

/* What to ask again about when the file chooser is cancelled. */
typedef struct {
  GtkWindow            *parent;
  char                 *path;
  GError               *error;
  VerkOpenDatabaseFunc  open;
  gpointer              open_data;
} Refusal;

static void
refusal_free (Refusal *refusal)
{
  g_clear_object (&refusal->parent);
  g_free (refusal->path);
  g_clear_error (&refusal->error);
  g_free (refusal);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     Refusal         *refusal)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      path = file != NULL ? g_file_get_path (file) : NULL;
    }

  if (path != NULL)
    open_path (refusal->parent, path, refusal->open, refusal->open_data);
  else
    /* Cancelled: the app still has no database, so ask again. */
    verk_open_failed_dialog_present (refusal->parent, refusal->path, refusal->error,
                                     refusal->open, refusal->open_data);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  refusal_free (refusal);
}

static void
choose_file (VerkOpenFailedDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  Refusal *refusal = g_new0 (Refusal, 1);

  refusal->parent = g_object_ref (parent);
  refusal->path = g_strdup (self->path);
  refusal->error = g_error_copy (self->error);
  refusal->open = self->open;
  refusal->open_data = self->open_data;

  gtk_file_filter_set_name (filter, _("Verkstad databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  /* The message dialog is closed by now; the chooser owns itself until it answers. */
  chooser = gtk_file_chooser_native_new (_("Open a Database"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), refusal);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
start_new_database (VerkOpenFailedDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *path = new_database_path ();

  if (!open_path (parent, path, self->open, self->open_data))
    return;
  if (parent != NULL)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_autofree char *message = g_strdup_printf (_("Started a new database in “%s”."), name);

      verk_toast_show (GTK_WIDGET (parent), message);
    }
}

/* The user agreed that the empty SQLite file becomes a Verkstad database. */
static void
use_empty_file (VerkOpenFailedDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;

  store = verk_store_new_full (self->path, VERK_STORE_OPEN_ACCEPT_EMPTY, &error);
  if (store == NULL)
    {
      verk_open_failed_dialog_present (parent, self->path, error, self->open, self->open_data);
      return;
    }
  /* Set up and closed: from now on it opens like any Verkstad database. */
  g_clear_object (&store);
  open_path (parent, self->path, self->open, self->open_data);
}

static void
verk_open_failed_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  VerkOpenFailedDialog *self = VERK_OPEN_FAILED_DIALOG (dialog);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* AdwMessageDialog has closed the dialog already when this runs. */
  if (g_strcmp0 (response, "open") == 0)
    choose_file (self);
  else if (g_strcmp0 (response, "new") == 0)
    start_new_database (self);
  else if (g_strcmp0 (response, "retry") == 0)
    open_path (parent, self->path, self->open, self->open_data);
  else if (g_strcmp0 (response, "use-empty") == 0)
    use_empty_file (self);
  else
    g_application_quit (g_application_get_default ());
}

static void
verk_open_failed_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_OPEN_FAILED_DIALOG);

  G_OBJECT_CLASS (verk_open_failed_dialog_parent_class)->dispose (object);
}

static void
verk_open_failed_dialog_finalize (GObject *object)
{
  VerkOpenFailedDialog *self = VERK_OPEN_FAILED_DIALOG (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (verk_open_failed_dialog_parent_class)->finalize (object);
}

static void
verk_open_failed_dialog_class_init (VerkOpenFailedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = verk_open_failed_dialog_dispose;
  object_class->finalize = verk_open_failed_dialog_finalize;
  dialog_class->response = verk_open_failed_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/verk-open-failed-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkOpenFailedDialog, detail_label);
}

static void
verk_open_failed_dialog_init (VerkOpenFailedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * verk_open_failed_dialog_present:
 * @parent: the window the dialog belongs to
 * @path: the file that was refused
 * @error: why, from verk_store_new()
 * @open: what opens the file chosen instead (or a new one)
 * @open_data: data for @open; it must outlive every dialog shown
 *
 * Shows the dialog. The dialog knows nothing of the application: it opens
 * what the user chooses through @open, and quits the default application.
 */
void
verk_open_failed_dialog_present (GtkWindow            *parent,
                                 const char           *path,
                                 const GError         *error,
                                 VerkOpenDatabaseFunc  open,
                                 gpointer              open_data)
{
  VerkOpenFailedDialog *self;
  g_autofree char *body = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (path != NULL);
  g_return_if_fail (error != NULL);
  g_return_if_fail (open != NULL);

  self = g_object_new (VERK_TYPE_OPEN_FAILED_DIALOG, "transient-for", parent, NULL);
  self->open = open;
  self->open_data = open_data;
  self->path = g_strdup (path);
  self->error = g_error_copy (error);
  body = describe_error (path, error);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  /* The store's own message (translated) gives the detail and the full path. */
  gtk_label_set_label (self->detail_label, error->message);

  if (error->domain == VERK_STORE_ERROR && error->code == VERK_STORE_ERROR_LOCKED)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "retry", _("_Try Again"));
  if (error->domain == VERK_STORE_ERROR && error->code == VERK_STORE_ERROR_EMPTY)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "use-empty",
                                     _("_Use It as a New Database"));

  gtk_window_present (GTK_WINDOW (self));
}
