/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-join-card"

#include "config.h"

#include <glib/gi18n.h>

#include "verk-join-card.h"
#include "verk-qr.h"

struct _VerkJoinCard
{
  GtkBox          parent_instance;

  /* template widgets */
  GtkDrawingArea *qr;
  GtkLabel       *address_label;
  GtkLabel       *code_label;

  /* owned */
  VerkRoomServer *room;
  GSignalGroup   *room_signals;
  char           *url;           /* what the QR code holds, NULL when none */

  gboolean        large;
};

G_DEFINE_FINAL_TYPE (VerkJoinCard, verk_join_card, GTK_TYPE_BOX)

/* The QR code's side: large enough to scan from the back of the room. */
static int
qr_size (VerkJoinCard *self)
{
  return self->large ? 400 : 264;
}

static void
draw_qr (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  VerkJoinCard *self = user_data;
  double side = MIN (width, height);

  if (self->url != NULL)
    verk_qr_draw (cr, self->url, (width - side) / 2, (height - side) / 2, side);
}

/* While phones may join (the room is on and not locked), the card shows the
 * room's QR code, its address and join code. */
static void
update (VerkJoinCard *self)
{
  gboolean open = self->room != NULL && verk_room_server_is_running (self->room)
                  && !verk_room_server_get_locked (self->room);
  g_auto (GStrv) urls = open ? verk_room_server_get_join_urls (self->room) : NULL;
  g_autofree char *code = NULL;
  g_autofree char *qr_name = NULL;

  g_clear_pointer (&self->url, g_free);
  if (urls != NULL && urls[0] != NULL)
    self->url = g_strdup (urls[0]);
  gtk_widget_set_visible (GTK_WIDGET (self), open);
  if (!open)
    return;
  code = g_strdup_printf (_("Join code: %s"), verk_room_server_get_join_code (self->room));
  gtk_label_set_text (self->code_label, code);
  gtk_widget_set_visible (GTK_WIDGET (self->qr), self->url != NULL);
  if (self->url != NULL)
    {
      /* Typed on a phone, the address needs no "http://". It does not fit
       * the card on one line: the code part goes on a line of its own
       * rather than wherever the line happens to break. */
      g_autoptr (GString) address = g_string_new (self->url + strlen ("http://"));

      g_string_replace (address, "/?", "\n/?", 1);
      gtk_label_set_text (self->address_label, address->str);
      qr_name = g_strdup_printf (_("QR code of %s"), self->url);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr), GTK_ACCESSIBLE_PROPERTY_LABEL, qr_name, -1);
    }
  else
    gtk_label_set_text (self->address_label, _("This computer has no network address a phone could reach."));
  gtk_widget_set_size_request (GTK_WIDGET (self->qr), qr_size (self), qr_size (self));
  gtk_widget_set_size_request (GTK_WIDGET (self), qr_size (self) + 24, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->qr));
}

static void
verk_join_card_dispose (GObject *object)
{
  VerkJoinCard *self = VERK_JOIN_CARD (object);

  g_signal_group_set_target (self->room_signals, NULL);
  g_clear_object (&self->room);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERK_TYPE_JOIN_CARD);

  G_OBJECT_CLASS (verk_join_card_parent_class)->dispose (object);
}

static void
verk_join_card_finalize (GObject *object)
{
  VerkJoinCard *self = VERK_JOIN_CARD (object);

  g_clear_object (&self->room_signals);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (verk_join_card_parent_class)->finalize (object);
}

static void
verk_join_card_class_init (VerkJoinCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_join_card_dispose;
  object_class->finalize = verk_join_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-join-card.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkJoinCard, qr);
  gtk_widget_class_bind_template_child (widget_class, VerkJoinCard, address_label);
  gtk_widget_class_bind_template_child (widget_class, VerkJoinCard, code_label);
}

static void
verk_join_card_init (VerkJoinCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->qr, draw_qr, self, NULL);
  self->room_signals = g_signal_group_new (VERK_TYPE_ROOM_SERVER);
  g_signal_group_connect_swapped (self->room_signals, "notify::running", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->room_signals, "notify::locked", G_CALLBACK (update), self);
}

/**
 * verk_join_card_set_room:
 * @room: (nullable): the room to show
 *
 * Shows how to join @room while it lets phones in, and follows it.
 */
void
verk_join_card_set_room (VerkJoinCard   *self,
                         VerkRoomServer *room)
{
  g_return_if_fail (VERK_IS_JOIN_CARD (self));
  g_return_if_fail (room == NULL || VERK_IS_ROOM_SERVER (room));

  g_set_object (&self->room, room);
  g_signal_group_set_target (self->room_signals, room);
  update (self);
}

/** verk_join_card_set_large: Sizes the QR code for a large projector. */
void
verk_join_card_set_large (VerkJoinCard *self,
                          gboolean      large)
{
  g_return_if_fail (VERK_IS_JOIN_CARD (self));

  large = !!large;
  if (self->large == large)
    return;
  self->large = large;
  update (self);
}
