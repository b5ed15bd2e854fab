/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-room-server.h"

G_BEGIN_DECLS

/* The presentation's join card: while phones may join the room (it runs and
 * is not locked), the room's QR code, its address and join code, large
 * enough to scan from the back of the room; hidden otherwise. Follows the
 * room it is given. */
#define VERK_TYPE_JOIN_CARD (verk_join_card_get_type ())
G_DECLARE_FINAL_TYPE (VerkJoinCard, verk_join_card, VERK, JOIN_CARD, GtkBox)

/* @room: (nullable): the room to show, or NULL for none (the card hides) */
void verk_join_card_set_room  (VerkJoinCard   *self,
                               VerkRoomServer *room);
/* Large: the QR code for a 1080p projector. */
void verk_join_card_set_large (VerkJoinCard   *self,
                               gboolean        large);

G_END_DECLS
