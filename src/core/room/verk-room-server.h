/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-session.h"

G_BEGIN_DECLS

/* The room: participants score the open piece from their own phones, over
 * the meeting room's network, with nothing leaving the laptop (docs/ROOM.md).
 * An HTTP + WebSocket server (libsoup 3) on the main loop, off until started,
 * that writes votes through the same VerkStore calls as the window and reads
 * which piece is open and what is revealed from the VerkSession.
 *
 * Each run has a new random join code; a phone takes one of the workshop's
 * participants as its seat (by typing its name, or the next free one when
 * the room is anonymous) and gets a secret seat token to come back with.
 * Before a piece is revealed, phones learn only how many have scored. */
#define VERK_TYPE_ROOM_SERVER (verk_room_server_get_type ())
G_DECLARE_FINAL_TYPE (VerkRoomServer, verk_room_server, VERK, ROOM_SERVER, GObject)

/* Limits that keep one misbehaving phone from hurting the room. */
/* A phone's reason is a comment like any other, up to the store's
 * VERK_TEXT_MAX_LONG characters; the browser's JSON.stringify writes each
 * character in at most six bytes (a control character or a lone surrogate
 * as \uXXXX), so the longest vote a phone can send fits in 64 KiB. Larger
 * frames close the socket (1009). */
#define VERK_ROOM_REASON_MAX_CHARS   VERK_TEXT_MAX_LONG
#define VERK_ROOM_MAX_MESSAGE_BYTES  (64 * 1024)
#define VERK_ROOM_MAX_CONNECTIONS    256   /* WebSockets at once; more get 503 */
#define VERK_ROOM_RATE_WINDOW_US     (5 * G_USEC_PER_SEC)
#define VERK_ROOM_RATE_MESSAGES      20    /* per window, then "too-fast" refusals */
/* Per window too: two of the longest votes. Parsing a 60,000-byte vote
 * takes about 3.8 million instructions (a 61-byte one 35,000), so bytes,
 * not messages, are what a flooding phone would spend the laptop on. */
#define VERK_ROOM_RATE_BYTES         (2 * VERK_ROOM_MAX_MESSAGE_BYTES)
#define VERK_ROOM_RATE_CLOSE_AFTER   100   /* refusals in a row, then the socket closes */
#define VERK_ROOM_JOIN_CODE_LENGTH   6

typedef enum {
  VERK_ROOM_LISTEN_NETWORK,   /* every address of the machine, IPv4 and IPv6 */
  VERK_ROOM_LISTEN_LOOPBACK,  /* 127.0.0.1 and ::1 only (tests, self-test) */
} VerkRoomListen;

/* One taken seat, for the facilitator's list. */
typedef struct {
  gint64    participant_id;
  gboolean  connected;      /* a phone holds it right now */
} VerkRoomSeat;

/* One room per session: the first call makes it, later calls return it
 * (transfer full each time). */
VerkRoomServer *verk_room_server_new             (VerkSession    *session);
VerkSession    *verk_room_server_get_session     (VerkRoomServer *self);

/* Seats by the participant's name (the phone types it) or anonymous (the
 * next free participant). Default: by name. */
void            verk_room_server_set_anonymous   (VerkRoomServer *self,
                                                  gboolean        anonymous);
gboolean        verk_room_server_get_anonymous   (VerkRoomServer *self);

/* Starts for the session's current workshop with a new join code. @port 0
 * picks a free one. Listens on IPv4 and IPv6 where the host has them: one
 * family missing (EAFNOSUPPORT, no address) is not an error, both are.
 * The server stops by itself when the session switches workshop. */
gboolean        verk_room_server_start           (VerkRoomServer *self,
                                                  VerkRoomListen  where,
                                                  guint           port,
                                                  GError        **error);
void            verk_room_server_stop            (VerkRoomServer *self);
gboolean        verk_room_server_is_running      (VerkRoomServer *self);
guint           verk_room_server_get_port        (VerkRoomServer *self);
/* "K7QZ9W": the code a phone needs to join, or NULL when stopped. */
const char     *verk_room_server_get_join_code   (VerkRoomServer *self);
/* The socket addresses actually listened on ("0.0.0.0", "::", "127.0.0.1"…).
 * Returns: (transfer full) */
GStrv           verk_room_server_get_listen_addresses (VerkRoomServer *self);
/* Join addresses a phone can open, "http://192.168.1.20:8080/?c=K7QZ9W",
 * the best first (private IPv4 before IPv6, no link-local). For loopback
 * servers, the loopback ones. Returns: (transfer full) */
GStrv           verk_room_server_get_join_urls   (VerkRoomServer *self);

/* A locked room lets seated phones come back but seats nobody new. */
void            verk_room_server_set_locked      (VerkRoomServer *self,
                                                  gboolean        locked);
gboolean        verk_room_server_get_locked      (VerkRoomServer *self);

/* Returns: (transfer full) (element-type VerkRoomSeat) taken seats */
GArray         *verk_room_server_list_seats      (VerkRoomServer *self);
/* Frees the seat: its token stops working and its phone is told. */
gboolean        verk_room_server_free_seat       (VerkRoomServer *self,
                                                  gint64          participant_id);
guint           verk_room_server_get_n_connections (VerkRoomServer *self);

/* The second private round of a piece the group disagreed on (its spread at
 * or above the session's disagreement threshold): phones score it again,
 * alone, hidden until the next reveal (docs/ROOM.md). */
gboolean        verk_room_server_can_start_second_round (VerkRoomServer *self,
                                                         gint64          item_id);
gboolean        verk_room_server_start_second_round (VerkRoomServer  *self,
                                                     gint64           item_id,
                                                     GError         **error);

G_END_DECLS
