/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-room"

#include "config.h"

#include "verk-room-server-private.h"

#include <string.h>

/* The HTTP side of the room: the phone page from the GResource, and the
 * gate every WebSocket passes (join code, host, origin, connection count). */

/* The phone page, its script and style: resources/room/ in the core's bundle. */
#define ROOM_RESOURCE_DIR "/io/github/verkstad/Verkstad/room/"

/* Nothing from anywhere but this server: no inline script, no frames, no
 * external fonts. 'self' covers the page's own WebSocket in CSP 3 browsers;
 * ws: is spelled out for older ones. */
#define ROOM_CSP "default-src 'none'; script-src 'self'; style-src 'self'; " \
                 "img-src 'self'; connect-src 'self' ws:; base-uri 'none'; " \
                 "form-action 'none'; frame-ancestors 'none'"

void
verk_room_client_free (RoomClient *client)
{
  if (client->seat != NULL)
    client->seat->client = NULL;
  g_signal_handlers_disconnect_by_data (client->conn, client);
  g_object_unref (client->conn);
  g_free (client);
}

static void
on_closed (SoupWebsocketConnection *conn,
           RoomClient              *client)
{
  VerkRoomServer *self = client->server;
  gboolean was_seated = client->seat != NULL;

  /* Freeing the client drops its reference to @conn, which is emitting. */
  g_object_ref (conn);
  g_ptr_array_remove (self->clients, client);
  g_object_unref (conn);
  if (was_seated)
    verk_room_emit_seats_changed (self);
}

void
verk_room_on_websocket (SoupServer              *server,
                        SoupServerMessage       *msg,
                        const char              *path,
                        SoupWebsocketConnection *conn,
                        gpointer                 user_data)
{
  VerkRoomServer *self = user_data;
  RoomClient *client = g_new0 (RoomClient, 1);

  client->server = self;
  client->conn = g_object_ref (conn);
  client->window_start = g_get_monotonic_time ();
  soup_websocket_connection_set_max_incoming_payload_size (conn, VERK_ROOM_MAX_MESSAGE_BYTES);
  /* A phone that went to sleep is noticed within a minute. */
  soup_websocket_connection_set_keepalive_interval (conn, 20);
  g_ptr_array_add (self->clients, client);
  g_signal_connect (conn, "message", G_CALLBACK (verk_room_on_message), client);
  g_signal_connect (conn, "closed", G_CALLBACK (on_closed), client);
  verk_room_send_state_to (self, client);
}

static void
refuse_http (SoupServerMessage *msg,
             guint              status,
             const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

/* "192.168.1.20:41234", "[fd00::2]:41234" or "127.0.0.1" → TRUE. */
static gboolean
host_is_ip_literal (const char *host)
{
  g_autofree char *name = NULL;
  const char *end;

  if (host == NULL)
    return FALSE;
  if (host[0] == '[')
    {
      end = strchr (host, ']');
      if (end == NULL)
        return FALSE;
      name = g_strndup (host + 1, end - host - 1);
    }
  else
    {
      end = strrchr (host, ':');
      name = end != NULL ? g_strndup (host, end - host) : g_strdup (host);
    }
  return g_hostname_is_ip_address (name);
}

/* Before the handshake: the join code, a same-origin page, and room left. */
void
verk_room_gate_websocket (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data)
{
  VerkRoomServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *code = query != NULL ? g_hash_table_lookup (query, "c") : NULL;
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *host = soup_message_headers_get_one (headers, "Host");

  if (code == NULL || self->join_code == NULL || strcmp (code, self->join_code) != 0)
    {
      refuse_http (msg, SOUP_STATUS_FORBIDDEN, "Wrong join code.\n");
      return;
    }
  /* The room is published by IP address only: a host name here means DNS
   * rebinding (another site's name pointed at this laptop). */
  if (!host_is_ip_literal (host))
    {
      refuse_http (msg, SOUP_STATUS_FORBIDDEN, "Wrong host.\n");
      return;
    }
  /* Browsers always send Origin on a WebSocket: a page from anywhere else
   * (another site the phone has open) must not talk to the room. */
  if (origin != NULL)
    {
      g_autofree char *expected = g_strconcat ("http://", host != NULL ? host : "", NULL);
      if (host == NULL || g_ascii_strcasecmp (origin, expected) != 0)
        {
          refuse_http (msg, SOUP_STATUS_FORBIDDEN, "Wrong origin.\n");
          return;
        }
    }
  if (self->clients->len >= VERK_ROOM_MAX_CONNECTIONS)
    {
      refuse_http (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The room is full of connections.\n");
      return;
    }
}

/* ---- HTTP: the phone page ----------------------------------------------- */

/* "sv" when the browser prefers Swedish to English, else "en". */
static const char *
pick_language (const char *accept_language)
{
  g_auto (GStrv) parts = NULL;
  double best_q = -1;
  const char *best = "en";

  if (accept_language == NULL)
    return "en";
  parts = g_strsplit (accept_language, ",", 16);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (parts[i]));
      char *semi = strchr (tag, ';');
      double q = 1.0;

      if (semi != NULL)
        {
          const char *qs = strstr (semi, "q=");
          *semi = '\0';
          if (qs != NULL)
            q = g_ascii_strtod (qs + 2, NULL);
        }
      if ((g_ascii_strncasecmp (tag, "sv", 2) == 0 && (tag[2] == '\0' || tag[2] == '-')) && q > best_q)
        best = "sv", best_q = q;
      else if ((g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-')) && q > best_q)
        best = "en", best_q = q;
    }
  return best;
}

void
verk_room_serve_page (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *name = NULL, *type = NULL;
  g_autofree char *resource = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      refuse_http (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Only GET.\n");
      return;
    }
  if (g_str_equal (path, "/"))
    name = "index.html", type = "text/html; charset=utf-8";
  else if (g_str_equal (path, "/room.js"))
    name = "room.js", type = "text/javascript; charset=utf-8";
  else if (g_str_equal (path, "/room.css"))
    name = "room.css", type = "text/css; charset=utf-8";
  if (name == NULL)
    {
      refuse_http (msg, SOUP_STATUS_NOT_FOUND, "Not found.\n");
      return;
    }
  resource = g_strconcat (ROOM_RESOURCE_DIR, name, NULL);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      refuse_http (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "The page is missing from this build.\n");
      return;
    }
  if (g_str_equal (name, "index.html"))
    {
      /* The page's language follows the browser's Accept-Language. */
      const char *lang = pick_language (soup_message_headers_get_one (
        soup_server_message_get_request_headers (msg), "Accept-Language"));
      g_autoptr (GString) html = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      g_string_replace (html, "@LANG@", lang, 0);
      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = g_string_free_to_bytes (g_steal_pointer (&html));
      soup_message_headers_replace (out, "Content-Language", lang);
      soup_message_headers_replace (out, "Vary", "Accept-Language");
    }
  soup_message_headers_replace (out, "Content-Security-Policy", ROOM_CSP);
  soup_message_headers_replace (out, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (out, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (out, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

