/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-application.h"
#include "verk-export-command.h"
#include "verk-render-command.h"
#include "verk-window.h"

struct _VerkApplication
{
  AdwApplication  parent_instance;

  /* owned */
  char           *db_path;
  VerkStore      *store;
};

G_DEFINE_FINAL_TYPE (VerkApplication, verk_application, ADW_TYPE_APPLICATION)

static gint64 start_time_us;

void verk_ui_register_resource (void);

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database at PATH instead of the default one"), N_("PATH") },
  { "export-xlsx", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export a workbook to OUT.xlsx and exit (no display needed)"), N_("OUT.xlsx") },
  { "render-puzzle", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw the puzzle to OUT.png, .svg or .pdf and exit (no display needed)"), N_("OUT") },
  { "workshop", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("The workshop to export or draw"), N_("ID") },
  { "group", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Export every workshop of this group"), N_("ID") },
  { "all", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Export every group in the database"), NULL },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Image size for --render-puzzle, such as 1920x1080"), N_("WxH") },
  { "lang", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Language of the exported texts: sv or en"), N_("LANG") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

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

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static int
verk_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  VerkApplication *self = VERK_APPLICATION (app);
  const char *db_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("verkstad %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (db_path);
      g_free (self->db_path);
      self->db_path = g_file_get_path (file);
    }

  if (g_variant_dict_contains (options, "render-puzzle"))
    return verk_render_command_run (options, self->db_path);
  if (g_variant_dict_contains (options, "export-xlsx"))
    return verk_export_command_run (options, self->db_path);

  return -1;
}

static void
verk_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (verk_window_new (VERK_APPLICATION (app)));
  gtk_window_present (window);
}

static void
verk_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *fullscreen_accels[] = { "F11", NULL };

  G_APPLICATION_CLASS (verk_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.fullscreen", fullscreen_accels);
}

static void
verk_application_finalize (GObject *object)
{
  VerkApplication *self = VERK_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (verk_application_parent_class)->finalize (object);
}

static void
verk_application_class_init (VerkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = verk_application_finalize;
  app_class->handle_local_options = verk_application_handle_local_options;
  app_class->activate = verk_application_activate;
  app_class->startup = verk_application_startup;

  /* Before startup: AdwApplication loads style.css and GtkApplication the
   * shortcuts window from the resource base path. */
  verk_ui_register_resource ();
}

static void
verk_application_init (VerkApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run leadership workshops with the SIQ puzzle."));
}

VerkApplication *
verk_application_new (void)
{
  return g_object_new (VERK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
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
