/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>

#include "verk-application.h"
#include "verk-command-line.h"
#include "verk-exchange-dialog.h"
#include "verk-open-failed-dialog.h"
#include "verk-organisation-view.h"
#include "verk-toast.h"
#include "verk-window.h"

struct _VerkApplication
{
  AdwApplication  parent_instance;

  /* owned */
  char           *db_path;
  VerkStore      *store;

  gboolean        open_attempted;
  guint           purge_id;      /* the trash purge waiting to run */
  GSettings      *settings;      /* the one GSettings every view reads; NULL without a schema */
  gboolean        settings_looked_up;
};

G_DEFINE_FINAL_TYPE (VerkApplication, verk_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64 start_time_us;

void verk_ui_register_resource (void);

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Verkstad developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Verkstad"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Verkstad developers"),
                         "developers", developers,
                         "comments", _("Leadership workshops with the SIQ puzzle: assess together, "
                                       "prioritise, plan and follow up."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* A logout or `kill` ends the app like Ctrl+Q, so that the windows close and
 * whatever was typed last (still waiting for its autosave) is written. */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

/* Deleted groups, workshops, pieces and participants stay restorable for a
 * month, then leave the file for good. A second after opening, so that the
 * scan of a big file does not hold up the first frame; failing here loses
 * nothing. */
static gboolean
purge_old_trash (gpointer user_data)
{
  VerkApplication *self = user_data;
  g_autoptr (GError) error = NULL;

  self->purge_id = 0;
  if (self->store != NULL && !verk_store_purge_trash_older_than (self->store, 30, &error))
    g_debug ("Could not empty the trash: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
verk_application_shutdown (GApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_clear_handle_id (&VERK_APPLICATION (app)->purge_id, g_source_remove);

  /* Destroying the windows flushes pending edits while the store is open. */
  while (windows != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
    }

  G_APPLICATION_CLASS (verk_application_parent_class)->shutdown (app);
}

/* The window an app action acts from, and the store; FALSE (and nothing to
 * do) before a store is open. */
static gboolean
active_window_and_store (VerkApplication  *self,
                         GtkWindow       **window,
                         VerkStore       **store)
{
  *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  *store = self->store;
  return *window != NULL && *store != NULL;
}

/* app.import-workshops ("files" or "folder"): workshop files from other laptops. */
static void
import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window;
  VerkStore *store;

  if (active_window_and_store (user_data, &window, &store))
    verk_exchange_dialog_import (window, store, g_str_equal (g_variant_get_string (parameter, NULL), "folder"));
}

/* app.export-workshop-file: the group of the workshop open in the active
 * window is chosen first. */
static void
export_workshop_file_activated (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GtkWindow *window;
  VerkStore *store;
  gint64 group_id = 0;

  if (!active_window_and_store (user_data, &window, &store))
    return;
  if (VERK_IS_WINDOW (window))
    {
      /* The window's session already holds the open workshop. */
      VerkSession *session = verk_window_get_session (VERK_WINDOW (window));
      const VerkWorkshop *workshop = session != NULL && verk_session_get_workshop_id (session) > 0
                                     ? verk_workshop_model_get_workshop (verk_session_get_model (session))
                                     : NULL;

      if (workshop != NULL)
        group_id = workshop->group_id;
    }
  verk_exchange_dialog_export_group (window, store, group_id);
}

/* app.organisation: every group's scores side by side, in a window of its own. */
static void
organisation_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VerkApplication *self = user_data;
  GtkWindow *window;
  VerkStore *store;

  if (active_window_and_store (self, &window, &store))
    verk_organisation_view_present (window, store, verk_application_get_settings (self));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "import-workshops", import_activated, "s" },
  { "export-workshop-file", export_workshop_file_activated },
  { "organisation", organisation_activated },
};

static int
verk_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  VerkApplication *self = VERK_APPLICATION (app);

  /* The same options as verkstad-cli, which the `verkstad` launcher starts
   * for --export-xlsx and --render-puzzle; run here too, for a window
   * program started directly. */
  int status = verk_command_line_handle_local_options (options, &self->db_path);

  /* The window's command line goes to the running Verkstad when there is
   * one (GApplication is single-instance), whose folder may be another: send
   * it the absolute path. */
  if (status < 0 && self->db_path != NULL)
    g_variant_dict_insert (options, "db", "^ay", self->db_path);
  return status;
}

/* Whether @a and @b are one file: by device and inode when both exist (two
 * names, links, "./v.db"), else by their absolute paths. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  return g_strcmp0 (a, b) == 0;
}

/* Every `verkstad` started while this one runs lands here, in the running
 * process: the window comes to the front. One process shows one database
 * (every window shares the store), so `--db` naming another one is not
 * opened; the person who typed it is told why, on their terminal and in the
 * window, and that `verkstad` exits with 1. */
static int
verk_application_command_line (GApplication            *app,
                               GApplicationCommandLine *command_line)
{
  VerkApplication *self = VERK_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *current = NULL;
  g_autofree char *current_shown = NULL;
  g_autofree char *wanted_shown = NULL;
  g_autofree char *message = NULL;
  const char *wanted = NULL;
  GtkWindow *window;
  g_auto (GStrv) arguments = g_application_command_line_get_arguments (command_line, NULL);

  /* What the options did not take: `verkstad file.db` would otherwise start
   * with the usual database and say nothing. */
  if (arguments[0] != NULL && arguments[1] != NULL)
    {
      g_autofree char *shown = g_filename_display_name (arguments[1]);

      message = g_strdup_printf (_("Verkstad does not know what to do with “%s”. To open a database, "
                                   "give it with --db PATH."), shown);
      /* Translators: the start of an error message on the command line. */
      g_application_command_line_printerr (command_line, _("verkstad: %s\n"), message);
      return 1;
    }

  if (!self->open_attempted || !g_variant_dict_lookup (options, "db", "^&ay", &wanted))
    {
      /* The first start (self->db_path came from this very command line),
       * or no database asked for: the one open is fine. */
      g_application_activate (app);
      return 0;
    }

  if (self->store != NULL)
    current = g_strdup (verk_store_get_path (self->store));
  else
    current = self->db_path != NULL ? g_strdup (self->db_path) : verk_store_default_path ();
  if (same_file (current, wanted))
    {
      g_application_activate (app);
      return 0;
    }

  current_shown = g_filename_display_name (current);
  wanted_shown = g_filename_display_name (wanted);
  message = g_strdup_printf (_("Verkstad is already open with the database “%s”, so “%s” was not "
                               "opened. Quit Verkstad first, then open the other database."),
                             current_shown, wanted_shown);
  /* Translators: the start of an error message on the command line. */
  g_application_command_line_printerr (command_line, _("verkstad: %s\n"), message);

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      g_autofree char *base = g_path_get_basename (wanted);
      g_autofree char *base_shown = g_filename_display_name (base);
      g_autofree char *toast = g_strdup_printf (_("“%s” was not opened: quit Verkstad first to open "
                                                  "another database."), base_shown);

      verk_toast_show (GTK_WIDGET (window), toast);
    }
  return 1;
}

/* The open-failed dialog opens what the user chose through this, so it need
 * not know the application. */
static gboolean
open_store_for_dialog (const char  *path,
                       gpointer     user_data,
                       GError     **error)
{
  return verk_application_open_store (VERK_APPLICATION (user_data), path, error);
}

static void
verk_application_activate (GApplication *app)
{
  VerkApplication *self = VERK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  /* Opened once, before the first window so that its first frame shows the
   * groups; a refused file is explained in a dialog on top of the window
   * rather than on stderr. */
  if (self->store == NULL && !self->open_attempted)
    {
      self->open_attempted = TRUE;
      path = self->db_path != NULL ? g_strdup (self->db_path) : verk_store_default_path ();
      if (verk_application_open_store (self, path, &error))
        g_clear_pointer (&path, g_free);
    }

  if (window == NULL)
    window = GTK_WINDOW (verk_window_new (self));
  gtk_window_present (window);

  if (error != NULL)
    verk_open_failed_dialog_present (window, path, error, open_store_for_dialog, self);
}

static void
read_icon_theme (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  /* Any lookup reads the theme's index files (GtkIconTheme is thread-safe). */
  gtk_icon_theme_has_icon (GTK_ICON_THEME (source_object), "open-menu-symbolic");
}

static void
verk_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.new-workshop", { "<Control>n", NULL } },
    { "win.new-group", { "<Control><Shift>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
    { "win.backups", { "<Control><Shift>b", NULL } },
    { "win.export-workshop", { "<Control>e", NULL } },
    { "win.export-group", { "<Control><Shift>e", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.presentation-mode", { "F5", NULL } },
    { "win.present", { "<Shift>F5", NULL } },
    { "workshop.next-step", { "<Control>Page_Down", NULL } },
    { "workshop.previous-step", { "<Control>Page_Up", NULL } },
  };

  G_APPLICATION_CLASS (verk_application_parent_class)->startup (app);

  /* GTK starts reading the icon theme in a thread when the display opens,
   * but adw_init() then adds libadwaita's icons to it, which throws that
   * reading away: the window's first icon read it all again on the main
   * thread, before the first frame (66 M instructions). Read it again in a
   * thread now, while the window is being built. */
  {
    g_autoptr (GTask) task = g_task_new (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                         NULL, NULL, NULL);

    g_task_run_in_thread (task, read_icon_theme);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  g_unix_signal_add (SIGTERM, on_quit_signal, app);
  g_unix_signal_add (SIGINT, on_quit_signal, app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
verk_application_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VerkApplication *self = VERK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_application_finalize (GObject *object)
{
  VerkApplication *self = VERK_APPLICATION (object);

  g_clear_handle_id (&self->purge_id, g_source_remove);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (verk_application_parent_class)->finalize (object);
}

static void
verk_application_class_init (VerkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = verk_application_finalize;
  object_class->get_property = verk_application_get_property;
  app_class->handle_local_options = verk_application_handle_local_options;
  app_class->activate = verk_application_activate;
  app_class->command_line = verk_application_command_line;
  app_class->startup = verk_application_startup;
  app_class->shutdown = verk_application_shutdown;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VERK_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Before startup: AdwApplication loads style.css and GtkApplication the
   * shortcuts window from the resource base path. */
  verk_ui_register_resource ();
}

static void
verk_application_init (VerkApplication *self)
{
  verk_command_line_add_options (G_APPLICATION (self));
}

VerkApplication *
verk_application_new (void)
{
  return g_object_new (VERK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * verk_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store.
 */
VerkStore *
verk_application_get_store (VerkApplication *self)
{
  g_return_val_if_fail (VERK_IS_APPLICATION (self), NULL);
  return self->store;
}

/**
 * verk_application_open_store:
 * @path: the database file to open or create
 *
 * Opens the database at @path and, when that works, makes it the store every
 * window shows (notifying #VerkApplication:store). On failure the current
 * store stays and the file is left as it was (the store guarantees that).
 *
 * Returns: %TRUE when @path is now the open store.
 */
gboolean
verk_application_open_store (VerkApplication  *self,
                             const char       *path,
                             GError          **error)
{
  VerkStore *store;

  g_return_val_if_fail (VERK_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = verk_store_new (path, error);
  if (store == NULL)
    return FALSE;

  if (self->purge_id == 0)
    self->purge_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, purge_old_trash, self, NULL);

  g_clear_object (&self->store);
  self->store = store;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  return TRUE;
}

void
verk_application_mark_start (void)
{
  start_time_us = g_get_monotonic_time ();
}

gint64
verk_application_get_start_time (void)
{
  return start_time_us;
}

/**
 * verk_application_get_settings:
 *
 * The application's settings, shared by every window and page: a page that
 * connects to #GSettings::changed sees a preference the moment it changes.
 * Found among the installed schemas or, running uninstalled, in SCHEMADIR.
 *
 * Returns: (transfer none) (nullable): the settings, %NULL when the schema
 *   is not installed.
 */
GSettings *
verk_application_get_settings (VerkApplication *self)
{
  GSettingsSchemaSource *source;
  g_autoptr (GSettingsSchemaSource) prefix_source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;

  g_return_val_if_fail (VERK_IS_APPLICATION (self), NULL);

  if (self->settings_looked_up)
    return self->settings;
  self->settings_looked_up = TRUE;
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      prefix_source = g_settings_schema_source_new_from_directory (SCHEMADIR, source, FALSE, NULL);
      if (prefix_source != NULL)
        schema = g_settings_schema_source_lookup (prefix_source, APP_ID, TRUE);
    }
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  return self->settings;
}

/**
 * verk_application_new_session:
 * @store: the store the session's workshops live in
 *
 * Every window's session is made here, so that the settings reach the
 * session by one binding each: the views read the session's
 * #VerkSession:disagreement-threshold, never the settings, and a change in
 * Preferences reaches every open view through its notify. Without a schema
 * the session keeps its default.
 *
 * Returns: (transfer full): the session.
 */
VerkSession *
verk_application_new_session (VerkApplication *self,
                              VerkStore       *store)
{
  VerkSession *session;
  GSettings *settings;

  g_return_val_if_fail (VERK_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  session = verk_session_new (store);
  settings = verk_application_get_settings (self);
  if (settings != NULL)
    g_settings_bind (settings, "disagreement-threshold", session, "disagreement-threshold",
                     G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);
  return session;
}
