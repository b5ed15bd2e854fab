/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the verk-room-server*.c files only: verk-room-server.c (the
 * object, start and stop, seats, addresses), -messages.c (what phones send
 * and receive) and -http.c (the page and the WebSocket gate). */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "verk-room-server.h"

G_BEGIN_DECLS

typedef struct {
  gint64  participant_id;
  char   *token;                     /* 32 hex digits, the phone's proof */
  struct _RoomClient *client;        /* the phone holding it now, or NULL */
} Seat;

typedef struct _RoomClient {
  VerkRoomServer          *server;   /* unowned */
  SoupWebsocketConnection *conn;     /* owned */
  Seat                    *seat;     /* unowned, NULL until seated */
  gint64                   window_start;
  guint                    window_messages;
  gsize                    window_bytes;
  guint                    refusals_in_a_row;
} RoomClient;

struct _VerkRoomServer
{
  GObject      parent_instance;

  VerkSession *session;              /* owned */
  SoupServer  *soup;                 /* owned while running */
  GPtrArray   *clients;              /* RoomClient*, owned */
  GHashTable  *seats;                /* participant id → Seat*, owned */
  GPtrArray   *listen_addresses;     /* char* */
  char        *join_code;
  gint64       workshop_id;          /* the workshop it was started for */
  guint        port;
  VerkRoomListen where;
  gboolean     anonymous;
  gboolean     locked;
  gulong       model_changed_id;
  gulong       selected_id;
  gulong       reveal_id;
  gulong       workshop_id_handler;
  guint        broadcast_idle;
};

/* What every phone's state is built from, taken once per broadcast from the
 * session's workshop model (the window's own): the arrays borrow the model's
 * rows and live only while the broadcast is sent. */
typedef struct {
  const VerkItem *open;     /* NULL when no piece is open */
  GPtrArray *items;         /* the open piece's framework, for "your scores" */
  GPtrArray *scale;         /* the workshop's own 1–5 level texts */
  GPtrArray *scores;
  GPtrArray *participants;  /* VerkParticipant, for each phone's own seat */
  guint      n_participants;
  guint      n_scored;      /* of the open piece's current round */
  gboolean   revealed;
  gboolean   second_round;  /* the open piece is in its second private round */
  GPtrArray *round2;        /* VerkScore of the second round, when it is */
} RoomSnapshot;

void      verk_room_emit_seats_changed   (VerkRoomServer          *self);
char     *verk_room_new_seat_token       (void);
/* Closing twice is a programming error in libsoup: this closes only an open socket. */
void      verk_room_close_socket         (SoupWebsocketConnection *conn,
                                          gushort                  code,
                                          const char              *reason);

/* verk-room-server-messages.c */
void      verk_room_send_node            (RoomClient              *client,
                                          JsonNode                *node);
void      verk_room_send_state_to        (VerkRoomServer          *self,
                                          RoomClient              *client);
void      verk_room_broadcast_state      (VerkRoomServer          *self);
/* One state for the seated phones once the main loop is idle. */
void      verk_room_broadcast_state_soon (VerkRoomServer          *self);
void      verk_room_on_message           (SoupWebsocketConnection *conn,
                                          gint                     type,
                                          GBytes                  *message,
                                          RoomClient              *client);

/* verk-room-server-http.c */
void      verk_room_client_free          (RoomClient              *client);
void      verk_room_gate_websocket       (SoupServer              *server,
                                          SoupServerMessage       *msg,
                                          const char              *path,
                                          GHashTable              *query,
                                          gpointer                 user_data);
void      verk_room_on_websocket         (SoupServer              *server,
                                          SoupServerMessage       *msg,
                                          const char              *path,
                                          SoupWebsocketConnection *conn,
                                          gpointer                 user_data);
void      verk_room_serve_page           (SoupServer              *server,
                                          SoupServerMessage       *msg,
                                          const char              *path,
                                          GHashTable              *query,
                                          gpointer                 user_data);

G_END_DECLS
