/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-room-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "verk-qr.h"
#include "verk-room-dialog.h"

struct _VerkRoomDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  GtkSwitch           *running_switch;
  GtkSwitch           *anonymous_switch;
  GtkSwitch           *lock_switch;
  GtkLabel            *error_label;
  GtkBox              *join_box;
  GtkDrawingArea      *qr_area;
  GtkLabel            *address_label;
  GtkLabel            *code_label;
  GtkLabel            *listen_label;
  GtkButton           *self_test_button;
  GtkLabel            *self_test_label;
  GtkButton           *second_round_button;
  AdwPreferencesGroup *seats_group;

  /* owned */
  VerkRoomServer      *room;
  SoupSession         *http;
  GCancellable        *self_test;
  GPtrArray           *seat_rows;     /* borrowed, to remove on reload */
  GString             *self_test_text;
  char                *join_url;      /* the address the QR code shows */
  guint                pending_tests;
};

G_DEFINE_FINAL_TYPE (VerkRoomDialog, verk_room_dialog, ADW_TYPE_WINDOW)

static void
draw_qr (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  VerkRoomDialog *self = data;

  if (self->join_url != NULL)
    verk_qr_draw (cr, self->join_url, 0, 0, MIN (width, height));
}

static void
reload_seats (VerkRoomDialog *self)
{
  VerkWorkshopModel *model = verk_session_get_model (verk_room_server_get_session (self->room));
  GListModel *participants = verk_workshop_model_get_participant_list (model);
  g_autoptr (GArray) seats = verk_room_server_list_seats (self->room);
  guint joined = 0;

  for (guint i = 0; i < self->seat_rows->len; i++)
    adw_preferences_group_remove (self->seats_group, g_ptr_array_index (self->seat_rows, i));
  g_ptr_array_set_size (self->seat_rows, 0);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (VerkRecord) record = g_list_model_get_item (participants, i);
      const VerkParticipant *p = verk_record_get_participant (record);
      g_autofree char *title = p->name[0] != '\0' ? g_strdup (p->name)
                                                  : g_strdup_printf (_("Participant %u"), i + 1);
      const char *state = _("Not joined");
      gboolean taken = FALSE;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *free_button = gtk_button_new_with_label (_("Free Seat"));
      g_autofree char *free_name = g_strdup_printf (_("Free the seat of %s"), title);

      for (guint s = 0; s < seats->len; s++)
        {
          VerkRoomSeat *seat = &g_array_index (seats, VerkRoomSeat, s);
          if (seat->participant_id != p->id)
            continue;
          taken = TRUE;
          joined++;
          state = seat->connected ? _("On a phone") : _("Joined, phone away");
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
      gtk_widget_set_valign (free_button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (free_button, taken);
      gtk_accessible_update_property (GTK_ACCESSIBLE (free_button), GTK_ACCESSIBLE_PROPERTY_LABEL, free_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (free_button), "room.free-seat");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (free_button), "x", p->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), free_button);
      adw_preferences_group_add (self->seats_group, row);
      g_ptr_array_add (self->seat_rows, row);
    }
  {
    /* Translators: how many of the workshop's participants have a seat */
    g_autofree char *summary =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u has joined", "%u of %u have joined",
                                    g_list_model_get_n_items (participants)),
                       joined, g_list_model_get_n_items (participants));
    adw_preferences_group_set_description (self->seats_group, summary);
  }
}

static void
update (VerkRoomDialog *self)
{
  gboolean running = verk_room_server_is_running (self->room);

  g_signal_handlers_block_matched (self->running_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_switch_set_active (self->running_switch, running);
  g_signal_handlers_unblock_matched (self->running_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_widget_set_visible (GTK_WIDGET (self->join_box), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_switch), running);
  g_clear_pointer (&self->join_url, g_free);
  if (running)
    {
      g_auto (GStrv) urls = verk_room_server_get_join_urls (self->room);
      g_auto (GStrv) listening = verk_room_server_get_listen_addresses (self->room);
      g_autofree char *addresses = g_strjoinv (", ", listening);
      g_autofree char *code = g_strdup_printf (_("Join code: %s"), verk_room_server_get_join_code (self->room));
      g_autofree char *listen = g_strdup_printf (_("Listening on %s, port %u"), addresses,
                                                 verk_room_server_get_port (self->room));
      g_autofree char *qr_name = NULL;

      if (urls[0] != NULL)
        {
          self->join_url = g_strdup (urls[0]);
          gtk_label_set_label (self->address_label, urls[0]);
        }
      else
        gtk_label_set_label (self->address_label,
                             _("This computer has no network address a phone could reach. Connect to a network, "
                               "or share a hotspot from this computer."));
      gtk_label_set_label (self->code_label, code);
      gtk_label_set_label (self->listen_label, listen);
      qr_name = g_strdup_printf (_("QR code of %s"), self->join_url != NULL ? self->join_url : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_area), GTK_ACCESSIBLE_PROPERTY_LABEL, qr_name, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->qr_area), self->join_url != NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->qr_area));
  reload_seats (self);
}

static void
on_running_switched (GtkSwitch      *sw,
                     GParamSpec     *pspec,
                     VerkRoomDialog *self)
{
  g_autoptr (GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!gtk_switch_get_active (sw))
    {
      verk_room_server_stop (self->room);
      return;
    }
  if (!verk_room_server_start (self->room, VERK_ROOM_LISTEN_NETWORK, 0, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The room could not start: %s"), error->message);
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update (self);
    }
}

static void
on_self_test_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  char *url = data;
  VerkRoomDialog *self;
  g_autofree char *line = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (url);
      return;
    }
  self = g_object_get_data (G_OBJECT (source), "verk-dialog");
  if (body != NULL && g_bytes_get_size (body) > 0)
    /* Translators: the self-test of one join address succeeded */
    line = g_strdup_printf (_("✓ %s answers"), url);
  else
    /* Translators: the self-test of one join address failed, with the reason */
    line = g_strdup_printf (_("✗ %s does not answer: %s"), url, error != NULL ? error->message : "");
  g_string_append_printf (self->self_test_text, "%s%s", self->self_test_text->len > 0 ? "\n" : "", line);
  gtk_label_set_label (self->self_test_label, self->self_test_text->str);
  if (--self->pending_tests == 0)
    gtk_widget_set_sensitive (GTK_WIDGET (self->self_test_button), TRUE);
  g_free (url);
}

/* Fetches the phone page from each address, as a phone on the network
 * would: an address that does not answer here will not answer a phone. */
static void
on_self_test_clicked (VerkRoomDialog *self)
{
  g_auto (GStrv) urls = verk_room_server_get_join_urls (self->room);

  g_cancellable_cancel (self->self_test);
  g_clear_object (&self->self_test);
  self->self_test = g_cancellable_new ();
  g_string_truncate (self->self_test_text, 0);
  self->pending_tests = 0;
  if (urls[0] == NULL)
    {
      gtk_label_set_label (self->self_test_label, _("There is no address to test."));
      return;
    }
  gtk_label_set_label (self->self_test_label, _("Testing…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->self_test_button), FALSE);
  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr (SoupMessage) msg = soup_message_new ("GET", urls[i]);
      if (msg == NULL)
        continue;
      self->pending_tests++;
      soup_session_send_and_read_async (self->http, msg, G_PRIORITY_DEFAULT, self->self_test,
                                        on_self_test_done, g_strdup (urls[i]));
    }
  if (self->pending_tests == 0)
    gtk_widget_set_sensitive (GTK_WIDGET (self->self_test_button), TRUE);
}

/* Offered for the open piece only when it may have one (the scores were
 * revealed and spread at or above the disagreement threshold). */
static void
update_second_round (VerkRoomDialog *self)
{
  VerkSession *session = verk_room_server_get_session (self->room);

  gtk_widget_set_sensitive (GTK_WIDGET (self->second_round_button),
                            verk_room_server_can_start_second_round (self->room,
                                                                     verk_session_get_selected_item_id (session)));
}

static void
on_second_round_clicked (VerkRoomDialog *self)
{
  VerkSession *session = verk_room_server_get_session (self->room);
  g_autoptr (GError) error = NULL;

  if (!verk_room_server_start_second_round (self->room, verk_session_get_selected_item_id (session), &error))
    gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  update_second_round (self);
}

static void
free_seat_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VerkRoomDialog *self = VERK_ROOM_DIALOG (widget);

  verk_room_server_free_seat (self->room, g_variant_get_int64 (parameter));
}

/* The model, not the store: the seats are read from the model, which has
 * taken the change in by the time it says so. */
static void
on_model_changed (VerkRoomDialog *self,
                  int             what)
{
  if (what == VERK_CHANGE_PARTICIPANTS || what == VERK_CHANGE_WORKSHOP)
    reload_seats (self);
}

static void
verk_room_dialog_dispose (GObject *object)
{
  VerkRoomDialog *self = VERK_ROOM_DIALOG (object);

  g_cancellable_cancel (self->self_test);
  g_clear_object (&self->self_test);
  if (self->room != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->room, self);
    }
  g_clear_object (&self->room);
  g_clear_object (&self->http);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERK_TYPE_ROOM_DIALOG);
  G_OBJECT_CLASS (verk_room_dialog_parent_class)->dispose (object);
}

static void
verk_room_dialog_finalize (GObject *object)
{
  VerkRoomDialog *self = VERK_ROOM_DIALOG (object);

  g_ptr_array_unref (self->seat_rows);
  g_string_free (self->self_test_text, TRUE);
  g_free (self->join_url);
  G_OBJECT_CLASS (verk_room_dialog_parent_class)->finalize (object);
}

static void
verk_room_dialog_class_init (VerkRoomDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_room_dialog_dispose;
  object_class->finalize = verk_room_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-room-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, running_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, anonymous_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, lock_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, join_box);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, qr_area);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, address_label);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, listen_label);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, self_test_button);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, self_test_label);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, seats_group);
  gtk_widget_class_bind_template_child (widget_class, VerkRoomDialog, second_round_button);
  gtk_widget_class_install_action (widget_class, "room.free-seat", "x", free_seat_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verk_room_dialog_init (VerkRoomDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->seat_rows = g_ptr_array_new ();
  self->self_test_text = g_string_new (NULL);
  /* A phone waits about this long before it gives up too. */
  self->http = soup_session_new_with_options ("timeout", 5, "idle-timeout", 5, NULL);
  gtk_drawing_area_set_draw_func (self->qr_area, draw_qr, self, NULL);
  g_signal_connect (self->running_switch, "notify::active", G_CALLBACK (on_running_switched), self);
  g_signal_connect_swapped (self->self_test_button, "clicked", G_CALLBACK (on_self_test_clicked), self);
  g_signal_connect_swapped (self->second_round_button, "clicked", G_CALLBACK (on_second_round_clicked), self);
}

VerkRoomDialog *
verk_room_dialog_new (GtkWindow      *parent,
                      VerkRoomServer *room)
{
  VerkRoomDialog *self;

  g_return_val_if_fail (VERK_IS_ROOM_SERVER (room), NULL);
  self = g_object_new (VERK_TYPE_ROOM_DIALOG, "transient-for", parent, NULL);
  self->room = g_object_ref (room);
  g_object_bind_property (room, "anonymous", self->anonymous_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (room, "locked", self->lock_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (room, "notify::running", G_CALLBACK (update), self);
  g_signal_connect_swapped (room, "seats-changed", G_CALLBACK (reload_seats), self);
  g_signal_connect_object (verk_session_get_model (verk_room_server_get_session (room)), "changed",
                           G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  /* The model, not the store: the spread is read from it. */
  g_signal_connect_object (verk_session_get_model (verk_room_server_get_session (room)), "changed",
                           G_CALLBACK (update_second_round), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (verk_room_server_get_session (room), "reveal-changed",
                           G_CALLBACK (update_second_round), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (verk_room_server_get_session (room), "notify::selected-item-id",
                           G_CALLBACK (update_second_round), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (verk_room_server_get_session (room), "notify::disagreement-threshold",
                           G_CALLBACK (update_second_round), self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self->http), "verk-dialog", self);
  update (self);
  update_second_round (self);
  return self;
}
