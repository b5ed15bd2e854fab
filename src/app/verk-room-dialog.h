/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-room-server.h"

G_BEGIN_DECLS

#define VERK_TYPE_ROOM_DIALOG (verk_room_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VerkRoomDialog, verk_room_dialog, VERK, ROOM_DIALOG, AdwWindow)

/* The facilitator's side of the room (docs/ROOM.md): start and stop joining
 * for the open workshop, the QR code and join address, the addresses it
 * listens on with a self-test, who has joined, free a seat, lock. */
VerkRoomDialog *verk_room_dialog_new (GtkWindow      *parent,
                                      VerkRoomServer *room);

G_END_DECLS
