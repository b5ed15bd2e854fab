/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room server, driven by real libsoup WebSocket clients on 127.0.0.1
 * (and ::1 where the host has it): joining, seats, votes through the store,
 * nothing of anyone else's score before the reveal (every frame a phone
 * receives is kept and inspected), lock, free, reconnect, and every kind of
 * bad input refused with the store unchanged. Every wait is on a condition,
 * with a generous cap that fails the test instead of hanging. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "verk-edit-history.h"
#include "verk-room-server.h"

#define WAIT_CAP_SECONDS 30

typedef struct {
  SoupWebsocketConnection *conn;
  GPtrArray               *frames;      /* char*, every text frame received */
  gboolean                 closed;
  gushort                  close_code;
  guint                    status;      /* HTTP status of a refused handshake */
  gboolean                 done;
  GError                  *error;
  SoupMessage             *msg;         /* the handshake */
} Phone;

typedef struct {
  VerkStore      *store;
  VerkSession    *session;
  VerkRoomServer *room;
  SoupSession    *http;
  gint64          workshop_id;
  gint64          piece1, piece2;
  gint64          anna, bo, cecilia;
} Fixture;

/* ---- waiting ------------------------------------------------------------ */

static gboolean
cap_reached (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition cond,
            gpointer  data)
{
  gboolean too_long = FALSE;
  guint cap = g_timeout_add_seconds (WAIT_CAP_SECONDS, cap_reached, &too_long);

  while (!cond (data) && !too_long)
    g_main_context_iteration (NULL, TRUE);
  if (too_long)
    g_error ("a condition was not met within %d s", WAIT_CAP_SECONDS);
  g_source_remove (cap);
}

/* ---- phones ------------------------------------------------------------- */

static void
on_phone_message (SoupWebsocketConnection *conn,
                  gint                     type,
                  GBytes                  *message,
                  Phone                   *phone)
{
  gsize len;
  const char *data = g_bytes_get_data (message, &len);

  g_ptr_array_add (phone->frames, g_strndup (data, len));
}

static void
on_phone_closed (SoupWebsocketConnection *conn,
                 Phone                   *phone)
{
  phone->closed = TRUE;
  phone->close_code = soup_websocket_connection_get_close_code (conn);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Phone *phone = user_data;

  phone->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &phone->error);
  if (phone->conn != NULL)
    {
      g_signal_connect (phone->conn, "message", G_CALLBACK (on_phone_message), phone);
      g_signal_connect (phone->conn, "closed", G_CALLBACK (on_phone_closed), phone);
    }
  phone->done = TRUE;
}

static gboolean
phone_done (gpointer data)
{
  return ((Phone *) data)->done;
}

static Phone *
phone_new (void)
{
  Phone *phone = g_new0 (Phone, 1);

  phone->frames = g_ptr_array_new_with_free_func (g_free);
  return phone;
}

static void
phone_free (Phone *phone)
{
  if (phone->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (phone->conn, phone);
      if (soup_websocket_connection_get_state (phone->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (phone->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (phone->conn);
    }
  g_clear_error (&phone->error);
  g_clear_object (&phone->msg);
  g_ptr_array_unref (phone->frames);
  g_free (phone);
}

static void
phone_connect_async (Fixture    *f,
                     Phone      *phone,
                     const char *host,
                     const char *code,
                     const char *origin)
{
  g_autofree char *url = g_strdup_printf ("ws://%s:%u/ws?c=%s", host,
                                          verk_room_server_get_port (f->room), code);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);

  g_assert_nonnull (msg);
  if (origin != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Origin", origin);
  phone->msg = g_object_ref (msg);
  soup_session_websocket_connect_async (f->http, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_connected, phone);
}

static Phone *
phone_connect_full (Fixture    *f,
                    const char *host,
                    const char *code,
                    const char *origin)
{
  Phone *phone = phone_new ();

  phone_connect_async (f, phone, host, code, origin);
  wait_until (phone_done, phone);
  phone->status = soup_message_get_status (phone->msg);
  return phone;
}

/* A phone that got the room's first state frame. */
static gboolean
has_first_frame (gpointer data)
{
  Phone *phone = data;
  return phone->frames->len > 0 || phone->closed;
}

static Phone *
phone_connect (Fixture *f)
{
  Phone *phone = phone_connect_full (f, "127.0.0.1", verk_room_server_get_join_code (f->room), NULL);

  g_assert_no_error (phone->error);
  wait_until (has_first_frame, phone);
  return phone;
}

typedef struct {
  Phone *phone;
  guint  n;
} FrameCount;

static gboolean
has_n_frames (gpointer data)
{
  FrameCount *c = data;
  return c->phone->frames->len >= c->n || c->phone->closed;
}

/* Sends @text and returns the first frame that answers it. Every message the
 * server gets is answered at least once: a state (join, resume, and a vote
 * through the store's changed signal) or a refusal. */
static JsonObject *
phone_send (Phone      *phone,
            const char *text)
{
  FrameCount c = { phone, phone->frames->len + 1 };
  g_autoptr (JsonParser) parser = json_parser_new ();

  soup_websocket_connection_send_text (phone->conn, text);
  wait_until (has_n_frames, &c);
  g_assert_false (phone->closed);
  g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (phone->frames, c.n - 1), -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
last_frame (Phone *phone)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_cmpuint (phone->frames->len, >, 0);
  g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (phone->frames, phone->frames->len - 1),
                                             -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The newest state frame (a refusal may have come after it). */
static JsonObject *
last_state (Phone *phone)
{
  for (guint i = phone->frames->len; i > 0; i--)
    if (strstr (g_ptr_array_index (phone->frames, i - 1), "\"type\":\"state\"") != NULL)
      {
        g_autoptr (JsonParser) parser = json_parser_new ();
        g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (phone->frames, i - 1), -1, NULL));
        return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
      }
  g_assert_not_reached ();
}

static void
assert_refused (JsonObject *reply,
                const char *code,
                const char *input)
{
  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "refused");
  g_assert_cmpstr (json_object_get_string_member (reply, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (reply, "input"), ==, input);
  g_assert_cmpuint (strlen (json_object_get_string_member (reply, "message")), >, 0);
}

/* Returns once every frame the server queued for @phone before now has
 * arrived: the server answers in order, so the answer to a harmless bad
 * message comes after them. */
static void
sync_phone (Phone *phone)
{
  g_autoptr (JsonObject) reply = NULL;

  /* Let queued idle broadcasts go out first. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  reply = phone_send (phone, "{\"type\":\"sync\"}");
  while (g_strcmp0 (json_object_get_string_member (reply, "type"), "refused") != 0)
    {
      json_object_unref (reply);
      reply = last_frame (phone);
      if (g_strcmp0 (json_object_get_string_member (reply, "type"), "refused") == 0)
        break;
      {
        FrameCount c = { phone, phone->frames->len + 1 };
        wait_until (has_n_frames, &c);
      }
    }
}

static char *
join_as (Phone      *phone,
         const char *name)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"join\",\"name\":\"%s\"}", name);
  g_autoptr (JsonObject) reply = phone_send (phone, text);

  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "state");
  g_assert_true (json_object_get_boolean_member (reply, "seated"));
  return g_strdup (json_object_get_string_member (json_object_get_object_member (reply, "seat"), "token"));
}

static void
vote (Phone   *phone,
      gint64   item,
      int      score,
      const char *reason)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"vote\",\"item\":%" G_GINT64_FORMAT ",\"score\":%d,\"reason\":\"%s\"}",
                                           item, score, reason);
  g_autoptr (JsonObject) reply = phone_send (phone, text);

  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "state");
}

/* A vote as the phone page sends it: @reason NULL leaves the reason out,
 * as the page does when the person did not edit the box. */
static char *
vote_text (gint64      item,
           int         score,
           const char *reason)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "vote");
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, item);
  json_builder_set_member_name (b, "score");
  json_builder_add_int_value (b, score);
  if (reason != NULL)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, reason);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
vote_reason (Phone      *phone,
             gint64      item,
             int         score,
             const char *reason)
{
  g_autofree char *text = vote_text (item, score, reason);
  g_autoptr (JsonObject) reply = phone_send (phone, text);

  g_assert_cmpstr (json_object_get_string_member (reply, "type"), ==, "state");
}

typedef struct {
  Phone *phone;
  guint  from;
} StateAfter;

static gboolean
has_state_after (gpointer data)
{
  StateAfter *s = data;

  for (guint i = s->from; i < s->phone->frames->len; i++)
    if (strstr (g_ptr_array_index (s->phone->frames, i), "\"type\":\"state\"") != NULL)
      return TRUE;
  return s->phone->closed;
}

/* The phone's newest state once one has come after frame @from. */
static JsonObject *
state_after (Phone *phone,
             guint  from)
{
  StateAfter s = { phone, from };

  wait_until (has_state_after, &s);
  g_assert_false (phone->closed);
  return last_state (phone);
}

/* A comment of exactly @n characters on many lines, as a facilitator may
 * type it on the laptop: letters beyond ASCII, an emoji (one character,
 * two UTF-16 units, four bytes), tabs and line breaks. */
static char *
long_comment (guint       n,
              const char *who)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint line = 1; (guint) g_utf8_strlen (text->str, -1) < n; line++)
    g_string_append_printf (text, "%s, rad %u:\tvi samverkar \u00e5\u00e4\u00f6 \U0001F642 inom f\u00f6rvaltningen.\n",
                            who, line);
  return g_utf8_substring (text->str, 0, n);
}

/* ---- fixture ------------------------------------------------------------ */

static int
stored_score (Fixture *f,
              gint64   item,
              gint64   participant,
              char   **comment)
{
  g_autoptr (GPtrArray) scores = verk_store_list_scores (f->store, f->workshop_id, NULL);

  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == item && s->participant_id == participant)
        {
          if (comment != NULL)
            *comment = g_strdup (s->comment);
          return s->value;
        }
    }
  return 0;
}

/* Every score and comment of the workshop as one string, to compare before
 * and after bad input. */
static char *
scores_fingerprint (Fixture *f)
{
  g_autoptr (GPtrArray) scores = verk_store_list_scores (f->store, f->workshop_id, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      g_string_append_printf (out, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "=%d:%s;",
                              s->item_id, s->participant_id, s->value, s->comment ? s->comment : "");
    }
  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *levels[] = { "Not at all", "Somewhat", "Partly", "Largely", "Fully" };
  gint64 group;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  g_assert_no_error (error);
  f->workshop_id = verk_store_add_workshop (f->store, group, "2026-12-02", "Facilitator", &error);
  g_assert_no_error (error);
  f->piece1 = verk_store_add_item (f->store, f->workshop_id, "siq", "siq.cooperation", "Samverkan",
                                   "We work together across units.", &error);
  f->piece2 = verk_store_add_item (f->store, f->workshop_id, "siq", "siq.learning", "Lärande",
                                   "We learn from what we do.", &error);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *key = g_strdup_printf ("scale.%u", i + 1);
      verk_store_add_item (f->store, f->workshop_id, "scale", key, levels[i], "", &error);
      g_assert_no_error (error);
    }
  f->anna = verk_store_add_participant (f->store, f->workshop_id, "Anna", &error);
  f->bo = verk_store_add_participant (f->store, f->workshop_id, "Bo", &error);
  f->cecilia = verk_store_add_participant (f->store, f->workshop_id, "Cecilia Åström", &error);
  g_assert_no_error (error);

  f->session = verk_session_new (f->store);
  verk_session_set_workshop_id (f->session, f->workshop_id);
  verk_session_set_selected_item_id (f->session, f->piece1);
  f->room = verk_room_server_new (f->session);
  g_assert_true (verk_room_server_start (f->room, VERK_ROOM_LISTEN_LOOPBACK, 0, &error));
  g_assert_no_error (error);
  {
    /* Loopback only, never through a proxy (and no libproxy lookup for
     * each of the hundreds of connections). */
    g_autoptr (GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);
    f->http = soup_session_new_with_options ("max-conns", 1000, "max-conns-per-host", 1000,
                                             "proxy-resolver", direct, NULL);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  verk_room_server_stop (f->room);
  g_clear_object (&f->room);
  g_clear_object (&f->http);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  /* Let closing sockets finish before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_join_vote_hidden_until_reveal (Fixture       *f,
                                    gconstpointer  data)
{
  Phone *anna = phone_connect (f), *bo = phone_connect (f), *cecilia = phone_connect (f);
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;
  g_autofree char *comment = NULL;
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (JsonObject) revealed = NULL;
  JsonObject *piece;
  guint cecilia_before;

  /* Names match ignoring case and surrounding space, and NFC/NFD. */
  t1 = join_as (anna, "anna");
  t2 = join_as (bo, "  BO ");
  t3 = join_as (cecilia, "cecilia a\xcc\x8astro\xcc\x88m");
  g_assert_cmpstr (t1, !=, t2);
  g_assert_cmpuint (strlen (t1), ==, 32);

  state = last_state (anna);
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpint (json_object_get_int_member (piece, "id"), ==, f->piece1);
  g_assert_cmpstr (json_object_get_string_member (piece, "name"), ==, "Samverkan");
  g_assert_cmpstr (json_object_get_string_member (piece, "description"), ==, "We work together across units.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (state, "scale")), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (state, "scale"), 3), "name"), ==, "Largely");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (state, "seat"), "name"),
                   ==, "Anna");

  vote (anna, f->piece1, 4, "we share goals");
  vote (bo, f->piece1, 2, "silos everywhere");
  sync_phone (cecilia);
  /* Her last state after both votes. */
  cecilia_before = cecilia->frames->len - 1;
  while (strstr (g_ptr_array_index (cecilia->frames, cecilia_before), "\"state\"") == NULL)
    cecilia_before--;
  g_assert_nonnull (strstr (g_ptr_array_index (cecilia->frames, cecilia_before), "\"scored\":2"));
  /* The last vote counts. */
  vote (anna, f->piece1, 5, "we share goals and plans");
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 5);
  g_assert_cmpstr (comment, ==, "we share goals and plans");
  g_assert_cmpint (stored_score (f, f->piece1, f->bo, NULL), ==, 2);
  sync_phone (cecilia);

  /* Every frame any phone got before the reveal: no distribution, nothing
   * of the others' scores or reasons, no other participant's name. */
  for (guint p = 0; p < 3; p++)
    {
      Phone *phone = p == 0 ? anna : p == 1 ? bo : cecilia;
      for (guint i = 0; i < phone->frames->len; i++)
        {
          const char *frame = g_ptr_array_index (phone->frames, i);
          g_assert_null (strstr (frame, "distribution"));
          if (phone != anna)
            g_assert_null (strstr (frame, "share goals"));
          if (phone != bo)
            g_assert_null (strstr (frame, "silos"));
          if (phone != anna)
            g_assert_null (strstr (frame, "Anna"));
          if (phone != bo)
            g_assert_null (strstr (frame, "\"Bo\""));
        }
    }
  /* Cecilia, who has not scored, learns only the count: every state she got
   * while Anna changed her 4 into a 5 is byte for byte the one before. */
  for (guint i = cecilia_before + 1; i < cecilia->frames->len; i++)
    if (strstr (g_ptr_array_index (cecilia->frames, i), "\"state\"") != NULL)
      g_assert_cmpstr (g_ptr_array_index (cecilia->frames, i), ==,
                       g_ptr_array_index (cecilia->frames, cecilia_before));
  state = (json_object_unref (state), last_state (cecilia));
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpint (json_object_get_int_member (piece, "scored"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (piece, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (piece, "score"), ==, 0);
  g_assert_false (json_object_has_member (piece, "distribution"));

  /* The facilitator reveals: now the distribution, still without names. */
  {
    FrameCount c = { cecilia, cecilia->frames->len + 1 };
    verk_session_set_revealed (f->session, f->piece1, TRUE);
    wait_until (has_n_frames, &c);
  }
  revealed = last_state (cecilia);
  piece = json_object_get_object_member (revealed, "piece");
  {
    JsonArray *d = json_object_get_array_member (piece, "distribution");
    g_assert_cmpint (json_array_get_int_element (d, 0), ==, 0);
    g_assert_cmpint (json_array_get_int_element (d, 1), ==, 1);
    g_assert_cmpint (json_array_get_int_element (d, 4), ==, 1);
  }
  g_assert_null (strstr (g_ptr_array_index (cecilia->frames, cecilia->frames->len - 1), "Anna"));

  /* Revealed: scoring that piece is closed. */
  {
    g_autofree char *text = g_strdup_printf ("{\"type\":\"vote\",\"item\":%" G_GINT64_FORMAT ",\"score\":3}", f->piece1);
    g_autoptr (JsonObject) reply2 = phone_send (cecilia, text);
    assert_refused (reply2, "revealed", "score");
    g_assert_cmpint (stored_score (f, f->piece1, f->cecilia, NULL), ==, 0);
  }

  /* Next piece: its text only, and "your scores so far" by number. */
  {
    FrameCount c = { anna, anna->frames->len + 1 };
    verk_session_set_selected_item_id (f->session, f->piece2);
    wait_until (has_n_frames, &c);
  }
  state = (json_object_unref (state), last_state (anna));
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpstr (json_object_get_string_member (piece, "name"), ==, "Lärande");
  g_assert_null (strstr (g_ptr_array_index (anna->frames, anna->frames->len - 1), "Samverkan"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (state, "mine")), ==, 1);

  /* A pass clears the phone's score of the piece. */
  vote (bo, f->piece2, 3, "");
  g_assert_cmpint (stored_score (f, f->piece2, f->bo, NULL), ==, 3);
  vote (bo, f->piece2, 0, "");
  g_assert_cmpint (stored_score (f, f->piece2, f->bo, NULL), ==, 0);

  phone_free (anna);
  phone_free (bo);
  phone_free (cecilia);
}

typedef struct {
  Phone      *phone;
  const char *text;
  guint       from;
} Waiting;

static gboolean
has_frame (gpointer data)
{
  Waiting *w = data;

  for (guint i = w->from; i < w->phone->frames->len; i++)
    if (g_str_equal (g_ptr_array_index (w->phone->frames, i), w->text))
      return TRUE;
  return w->phone->closed;
}

static gboolean
is_closed (gpointer data)
{
  return ((Phone *) data)->closed;
}

static void
test_reconnect_lock_and_free (Fixture       *f,
                              gconstpointer  data)
{
  Phone *anna = phone_connect (f), *again, *third, *late, *bo;
  g_autofree char *token = join_as (anna, "Anna");
  g_autofree char *resume = g_strdup_printf ("{\"type\":\"resume\",\"seat\":\"%s\"}", token);
  g_autoptr (GArray) seats = NULL;
  g_autoptr (JsonObject) reply = NULL;

  /* The phone slept: its socket dropped; it comes back with its token. */
  soup_websocket_connection_close (anna->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  wait_until (is_closed, anna);
  again = phone_connect (f);
  reply = phone_send (again, resume);
  g_assert_true (json_object_get_boolean_member (reply, "seated"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply, "seat"), "token"), ==, token);
  vote (again, f->piece1, 3, "");
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, NULL), ==, 3);

  /* Back before the old socket noticed: the newer connection takes over. */
  third = phone_connect (f);
  g_clear_pointer (&reply, json_object_unref);
  reply = phone_send (third, resume);
  g_assert_true (json_object_get_boolean_member (reply, "seated"));
  wait_until (is_closed, again);

  /* Locked: nobody new, but the seated come back. */
  verk_room_server_set_locked (f->room, TRUE);
  late = phone_connect (f);
  g_clear_pointer (&reply, json_object_unref);
  reply = phone_send (late, "{\"type\":\"join\",\"name\":\"Bo\"}");
  assert_refused (reply, "locked", "join");
  seats = verk_room_server_list_seats (f->room);
  g_assert_cmpuint (seats->len, ==, 1);
  g_assert_cmpint (g_array_index (seats, VerkRoomSeat, 0).participant_id, ==, f->anna);
  g_assert_true (g_array_index (seats, VerkRoomSeat, 0).connected);
  verk_room_server_set_locked (f->room, FALSE);

  /* Freed: the phone is told, its token stops working, the seat is free. */
  {
    Waiting w = { third, "{\"type\":\"freed\"}", third->frames->len };
    g_assert_true (verk_room_server_free_seat (f->room, f->anna));
    wait_until (has_frame, &w);
  }
  g_clear_pointer (&reply, json_object_unref);
  reply = phone_send (late, resume);
  assert_refused (reply, "unknown-seat", "seat");
  g_free (join_as (late, "anna"));
  g_array_unref (g_steal_pointer (&seats));
  seats = verk_room_server_list_seats (f->room);
  g_assert_cmpuint (seats->len, ==, 1);

  /* Someone else's seat: a name another phone holds is refused. */
  bo = phone_connect (f);
  g_clear_pointer (&reply, json_object_unref);
  reply = phone_send (bo, "{\"type\":\"join\",\"name\":\"Anna\"}");
  assert_refused (reply, "seat-taken", "name");
  g_clear_pointer (&reply, json_object_unref);
  reply = phone_send (bo, "{\"type\":\"join\",\"name\":\"Eve\"}");
  assert_refused (reply, "unknown-name", "name");

  phone_free (anna);
  phone_free (again);
  phone_free (third);
  phone_free (late);
  phone_free (bo);
}

static void
test_anonymous_seats_capped (Fixture       *f,
                             gconstpointer  data)
{
  Phone *phones[4];
  g_autoptr (JsonObject) reply = NULL;

  verk_room_server_set_anonymous (f->room, TRUE);
  for (guint i = 0; i < 4; i++)
    phones[i] = phone_connect (f);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonObject) state = phone_send (phones[i], "{\"type\":\"join\"}");
      JsonObject *seat = json_object_get_object_member (state, "seat");
      g_assert_cmpint (json_object_get_int_member (seat, "number"), ==, i + 1);
      /* Anonymous: not even their own name goes over the air. */
      g_assert_cmpstr (json_object_get_string_member (seat, "name"), ==, "");
    }
  reply = phone_send (phones[3], "{\"type\":\"join\"}");
  assert_refused (reply, "room-full", "join");
  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < phones[i]->frames->len; j++)
      {
        const char *frame = g_ptr_array_index (phones[i]->frames, j);
        g_assert_null (strstr (frame, "Anna"));
        g_assert_null (strstr (frame, "Cecilia"));
      }
  for (guint i = 0; i < 4; i++)
    phone_free (phones[i]);
}

static void
test_bad_input_changes_nothing (Fixture       *f,
                                gconstpointer  data)
{
  Phone *anna = phone_connect (f), *bo = phone_connect (f), *big;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *anna_token = NULL, *bo_token = NULL;
  g_autofree char *piece1 = g_strdup_printf ("%" G_GINT64_FORMAT, f->piece1);
  g_autofree char *piece2 = g_strdup_printf ("%" G_GINT64_FORMAT, f->piece2);
  struct { const char *text; const char *code; const char *input; } cases[] = {
    { "{\"type\":\"vote\",\"item\":@1,\"score\":4", "bad-json", "message" },
    { "not json at all", "bad-json", "message" },
    { "[1,2,3]", "bad-json", "message" },
    { "\"vote\"", "bad-json", "message" },
    { "{}", "bad-type", "type" },
    { "{\"type\":\"delete-everything\"}", "bad-type", "type" },
    { "{\"type\":\"vote\",\"item\":@1,\"score\":7}", "bad-score", "score" },
    { "{\"type\":\"vote\",\"item\":@1,\"score\":-1}", "bad-score", "score" },
    { "{\"type\":\"vote\",\"item\":@1,\"score\":\"4\"}", "bad-score", "score" },
    { "{\"type\":\"vote\",\"item\":@1,\"score\":4.5}", "bad-score", "score" },
    { "{\"type\":\"vote\",\"item\":@1}", "bad-score", "score" },
    { "{\"type\":\"vote\",\"item\":\"@1\",\"score\":4}", "bad-item", "item" },
    { "{\"type\":\"vote\",\"item\":@2,\"score\":4}", "not-open", "item" },
    { "{\"type\":\"vote\",\"item\":99999,\"score\":4}", "not-open", "item" },
    { "{\"type\":\"vote\",\"item\":@1,\"score\":4,\"reason\":42}", "bad-reason", "reason" },
    { "{\"type\":\"vote\",\"item\":@1,\"score\":4,\"reason\":[\"x\"]}", "bad-reason", "reason" },
    { "{\"type\":\"resume\",\"seat\":\"00000000000000000000000000000000\"}", "unknown-seat", "seat" },
    { "{\"type\":\"resume\",\"seat\":12}", "bad-seat", "seat" },
    { "{\"type\":\"resume\",\"seat\":\"@T\"}", "unknown-seat", "seat" },
  };

  /* A vote before taking a seat. */
  {
    g_autofree char *text = g_strdup_printf ("{\"type\":\"vote\",\"item\":%s,\"score\":4}", piece1);
    g_autoptr (JsonObject) reply = phone_send (bo, text);
    assert_refused (reply, "no-seat", "seat");
  }
  anna_token = join_as (anna, "Anna");
  bo_token = join_as (bo, "Bo");
  vote (anna, f->piece1, 2, "first");
  before = scores_fingerprint (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) text = g_string_new (cases[i].text);
      g_autoptr (JsonObject) reply = NULL;
      g_autofree char *now = NULL;

      g_string_replace (text, "@1", piece1, 0);
      g_string_replace (text, "@2", piece2, 0);
      /* Someone else's seat: Bo presents a token that is not his. */
      g_string_replace (text, "@T", "0123456789abcdef0123456789abcdef", 0);
      /* A fresh connection on Bo's seat for each, so that the rate limit
       * (tested on its own) does not answer instead. */
      {
        g_autofree char *resume = g_strdup_printf ("{\"type\":\"resume\",\"seat\":\"%s\"}", bo_token);
        g_autoptr (JsonObject) seated = NULL;
        phone_free (bo);
        bo = phone_connect (f);
        seated = phone_send (bo, resume);
        g_assert_true (json_object_get_boolean_member (seated, "seated"));
      }
      reply = phone_send (bo, text->str);
      g_test_message ("%s → %s", text->str, json_object_get_string_member (reply, "code"));
      assert_refused (reply, cases[i].code, cases[i].input);
      now = scores_fingerprint (f);
      g_assert_cmpstr (now, ==, before);
    }
  /* A binary frame. */
  {
    FrameCount c = { bo, bo->frames->len + 1 };
    g_autoptr (JsonObject) reply = NULL;
    soup_websocket_connection_send_binary (bo->conn, "{}", 2);
    wait_until (has_n_frames, &c);
    reply = last_frame (bo);
    assert_refused (reply, "bad-json", "message");
  }

  /* 10 MB: the server closes that socket as too big; nothing changes, and
   * the other phones carry on. */
  for (guint round = 0; round < 2; round++)
    {
      /* Just over the limit, then 10 MB. */
      gsize size = round == 0 ? VERK_ROOM_MAX_MESSAGE_BYTES + 1 : 10 * 1024 * 1024;
      const char *join = "{\"type\":\"join\",\"name\":\"Cecilia \u00c5str\u00f6m\"}";
      g_autofree char *huge = g_malloc (size + 1);

      big = phone_connect (f);
      memset (huge, ' ', size);
      memcpy (huge, join, strlen (join));
      huge[size] = '\0';
      soup_websocket_connection_send_text (big->conn, huge);
      wait_until (is_closed, big);
      /* libsoup 3.2 drops the socket at once on a frame over the limit
       * ("forcing close due to error"), without reading the rest: the
       * phone sees the connection end, never a normal close. */
      g_assert_cmpuint (big->close_code, !=, SOUP_WEBSOCKET_CLOSE_NORMAL);
      g_assert_cmpuint (big->frames->len, ==, 1);   /* the greeting state only */
      g_clear_pointer (&big, phone_free);
    }
  {
    g_autoptr (GArray) seats = verk_room_server_list_seats (f->room);
    g_assert_cmpuint (seats->len, ==, 2);
  }
  after = scores_fingerprint (f);
  g_assert_cmpstr (after, ==, before);
  vote (anna, f->piece1, 4, "");
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, NULL), ==, 4);

  phone_free (anna);
  phone_free (bo);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  Phone *anna = phone_connect (f);
  g_autofree char *text = g_strdup_printf ("{\"type\":\"vote\",\"item\":%" G_GINT64_FORMAT ",\"score\":5}", f->piece1);
  gboolean too_fast = FALSE;

  g_free (join_as (anna, "Anna"));
  /* Far more messages than a person sends: the excess is refused, and a
   * phone that keeps going is disconnected. */
  for (guint i = 0; i < VERK_ROOM_RATE_CLOSE_AFTER + VERK_ROOM_RATE_MESSAGES + 5; i++)
    soup_websocket_connection_send_text (anna->conn, text);
  wait_until (is_closed, anna);
  g_assert_cmpuint (anna->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  for (guint i = 0; i < anna->frames->len; i++)
    too_fast |= strstr (g_ptr_array_index (anna->frames, i), "\"too-fast\"") != NULL;
  g_assert_true (too_fast);
  phone_free (anna);
}

static gboolean
has_too_fast (gpointer data)
{
  Phone *phone = data;

  for (guint i = 0; i < phone->frames->len; i++)
    if (strstr (g_ptr_array_index (phone->frames, i), "\"too-fast\"") != NULL)
      return TRUE;
  return phone->closed;
}

/* Long reasons are welcome, a stream of them is not: within one window a
 * phone may send two of the longest votes, and the third is refused
 * unread. The socket stays open; the score of the first counts. */
static void
test_rate_limited_bytes (Fixture       *f,
                         gconstpointer  data)
{
  Phone *anna = phone_connect (f);
  g_autofree char *bells = g_strnfill (VERK_ROOM_REASON_MAX_CHARS, '\a');

  g_free (join_as (anna, "Anna"));
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *text = vote_text (f->piece1, 3 + i, bells);
      g_assert_cmpuint (strlen (text), >, VERK_ROOM_RATE_BYTES / 3);
      soup_websocket_connection_send_text (anna->conn, text);
    }
  wait_until (has_too_fast, anna);
  g_assert_false (anna->closed);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, NULL), ==, 4);
  phone_free (anna);
}

static void
test_handshake_gate (Fixture       *f,
                     gconstpointer  data)
{
  const char *code = verk_room_server_get_join_code (f->room);
  g_autofree char *right_origin = g_strdup_printf ("http://127.0.0.1:%u", verk_room_server_get_port (f->room));
  g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func ((GDestroyNotify) phone_free);
  Phone *p;
  guint refused = 0, accepted = 0;

  g_assert_cmpuint (strlen (code), ==, VERK_ROOM_JOIN_CODE_LENGTH);

  p = phone_connect_full (f, "127.0.0.1", "WRONG1", NULL);
  g_assert_null (p->conn);
  g_assert_cmpuint (p->status, ==, SOUP_STATUS_FORBIDDEN);
  g_ptr_array_add (phones, p);

  /* A page from another site the phone has open. */
  p = phone_connect_full (f, "127.0.0.1", code, "http://evil.example");
  g_assert_null (p->conn);
  g_assert_cmpuint (p->status, ==, SOUP_STATUS_FORBIDDEN);
  g_ptr_array_add (phones, p);

  /* DNS rebinding: another site's name pointed at the laptop, with a
   * matching Origin. */
  {
    g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws?c=%s", verk_room_server_get_port (f->room), code);
    g_autofree char *evil_host = g_strdup_printf ("evil.example:%u", verk_room_server_get_port (f->room));
    g_autofree char *evil_origin = g_strdup_printf ("http://%s", evil_host);
    p = phone_new ();
    p->msg = soup_message_new ("GET", url);
    soup_message_headers_replace (soup_message_get_request_headers (p->msg), "Host", evil_host);
    soup_message_headers_replace (soup_message_get_request_headers (p->msg), "Origin", evil_origin);
    soup_session_websocket_connect_async (f->http, p->msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL, on_connected, p);
    wait_until (phone_done, p);
    g_assert_null (p->conn);
    g_assert_cmpuint (soup_message_get_status (p->msg), ==, SOUP_STATUS_FORBIDDEN);
    g_ptr_array_add (phones, p);
  }

  p = phone_connect_full (f, "127.0.0.1", code, right_origin);
  g_assert_nonnull (p->conn);
  g_ptr_array_add (phones, p);

  /* 500 connections: the first ones up to the cap get in, the rest a 503,
   * in batches so the test stays well within the process's descriptors. */
  for (guint batch = 0; batch < 10; batch++)
    {
      Phone *wave[50];
      for (guint i = 0; i < 50; i++)
        {
          wave[i] = phone_new ();
          phone_connect_async (f, wave[i], "127.0.0.1", code, NULL);
        }
      for (guint i = 0; i < 50; i++)
        {
          wait_until (phone_done, wave[i]);
          if (wave[i]->conn != NULL)
            accepted++;
          else
            {
              g_assert_true (g_error_matches (wave[i]->error, SOUP_WEBSOCKET_ERROR,
                                              SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET));
              refused++;
            }
          g_ptr_array_add (phones, wave[i]);
        }
    }
  g_assert_cmpuint (accepted, ==, VERK_ROOM_MAX_CONNECTIONS - 1);
  g_assert_cmpuint (refused, ==, 500 - accepted);
  g_assert_cmpuint (verk_room_server_get_n_connections (f->room), ==, VERK_ROOM_MAX_CONNECTIONS);

  /* The phones already in still work. */
  {
    Phone *first = g_ptr_array_index (phones, 3);   /* the one with the right origin */
    wait_until (has_first_frame, first);
    g_free (join_as (first, "Bo"));
    vote (first, f->piece1, 3, "");
    g_assert_cmpint (stored_score (f, f->piece1, f->bo, NULL), ==, 3);
  }
}

typedef struct {
  GAsyncResult *result;
  gboolean      done;
} Fetch;

static void
on_page_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Fetch *fetch = data;

  fetch->result = g_object_ref (result);
  fetch->done = TRUE;
}

static gboolean
fetch_done (gpointer data)
{
  return ((Fetch *) data)->done;
}

static void
get_page (Fixture     *f,
          const char  *path,
          const char  *method,
          const char  *accept_language,
          SoupMessage **out_msg,
          GBytes     **out_body)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", verk_room_server_get_port (f->room), path);
  SoupMessage *msg = soup_message_new (method, url);
  g_autoptr (GError) error = NULL;

  Fetch fetch = { NULL, FALSE };

  if (accept_language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language", accept_language);
  /* Async: the server answers on this same main loop. */
  soup_session_send_and_read_async (f->http, msg, G_PRIORITY_DEFAULT, NULL, on_page_read, &fetch);
  wait_until (fetch_done, &fetch);
  *out_body = soup_session_send_and_read_finish (f->http, fetch.result, &error);
  g_clear_object (&fetch.result);
  g_assert_no_error (error);
  *out_msg = msg;
}

static void
test_phone_page (Fixture       *f,
                 gconstpointer  data)
{
  struct { const char *accept; const char *lang; } langs[] = {
    { "sv-SE,sv;q=0.9,en;q=0.8", "sv" },
    { "en-GB,en;q=0.9", "en" },
    { "de-DE,en;q=0.5,sv;q=0.7", "sv" },
    { "fi", "en" },
    { NULL, "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr (SoupMessage) msg = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autofree char *expected = g_strdup_printf ("<html lang=\"%s\">", langs[i].lang);
      g_autofree char *html = NULL;
      SoupMessageHeaders *h;

      get_page (f, "/?c=ABCDEF", "GET", langs[i].accept, &msg, &body);
      g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
      html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_assert_nonnull (strstr (html, expected));
      h = soup_message_get_response_headers (msg);
      g_assert_nonnull (strstr (soup_message_headers_get_one (h, "Content-Security-Policy"), "default-src 'none'"));
      g_assert_null (strstr (soup_message_headers_get_one (h, "Content-Security-Policy"), "unsafe-inline"));
      g_assert_cmpstr (soup_message_headers_get_one (h, "X-Content-Type-Options"), ==, "nosniff");
      /* No external assets: nothing but our own paths. */
      g_assert_null (strstr (html, "http://"));
      g_assert_null (strstr (html, "https://"));
      g_assert_null (strstr (html, "<script>"));
    }
  {
    g_autoptr (SoupMessage) js = NULL, css = NULL, missing = NULL, post = NULL;
    g_autoptr (GBytes) b1 = NULL, b2 = NULL, b3 = NULL, b4 = NULL;
    get_page (f, "/room.js", "GET", NULL, &js, &b1);
    g_assert_cmpuint (soup_message_get_status (js), ==, SOUP_STATUS_OK);
    g_assert_cmpuint (g_bytes_get_size (b1), >, 1000);
    get_page (f, "/room.css", "GET", NULL, &css, &b2);
    g_assert_cmpuint (soup_message_get_status (css), ==, SOUP_STATUS_OK);
    get_page (f, "/../../etc/passwd", "GET", NULL, &missing, &b3);
    g_assert_cmpuint (soup_message_get_status (missing), >=, 400);
    get_page (f, "/", "POST", NULL, &post, &b4);
    g_assert_cmpuint (soup_message_get_status (post), ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  }
}

static gboolean
host_has_ipv6_loopback (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) any = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (any, 0);

  return socket != NULL && g_socket_bind (socket, addr, TRUE, NULL);
}

static void
test_listens_on_both_families (Fixture       *f,
                               gconstpointer  data)
{
  g_auto (GStrv) addresses = verk_room_server_get_listen_addresses (f->room);
  g_auto (GStrv) urls = verk_room_server_get_join_urls (f->room);
  g_autofree char *code_part = g_strdup_printf ("/?c=%s", verk_room_server_get_join_code (f->room));

  g_assert_true (g_strv_contains ((const char * const *) addresses, "127.0.0.1"));
  g_assert_true (g_strv_contains ((const char * const *) addresses, "::1") == host_has_ipv6_loopback ());
  g_assert_cmpuint (g_strv_length (urls), ==, g_strv_length (addresses));
  g_assert_true (g_str_has_prefix (urls[0], "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (urls[0], code_part));
  if (g_strv_contains ((const char * const *) addresses, "::1"))
    {
      Phone *v6 = phone_connect_full (f, "[::1]", verk_room_server_get_join_code (f->room), NULL);
      g_assert_no_error (v6->error);
      wait_until (has_first_frame, v6);
      g_free (join_as (v6, "Bo"));
      vote (v6, f->piece1, 1, "");
      g_assert_cmpint (stored_score (f, f->piece1, f->bo, NULL), ==, 1);
      phone_free (v6);
    }
  else
    g_test_message ("this host has no ::1; IPv4 alone was checked");
}

static void
test_new_code_and_stop_with_workshop (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *first = g_strdup (verk_room_server_get_join_code (f->room));
  g_autoptr (GError) error = NULL;
  Phone *anna = phone_connect (f);
  gint64 other;

  g_free (join_as (anna, "Anna"));
  other = verk_store_add_workshop (f->store, verk_store_get_workshop (f->store, f->workshop_id, NULL)->group_id,
                                   "2026-12-03", "", &error);
  g_assert_no_error (error);
  verk_session_set_workshop_id (f->session, other);
  g_assert_false (verk_room_server_is_running (f->room));
  g_assert_null (verk_room_server_get_join_code (f->room));
  wait_until (is_closed, anna);
  g_assert_cmpuint (anna->close_code, ==, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);

  verk_session_set_workshop_id (f->session, f->workshop_id);
  g_assert_true (verk_room_server_start (f->room, VERK_ROOM_LISTEN_LOOPBACK, 0, &error));
  g_assert_no_error (error);
  /* A new run, a new code (31^6 codes: equal by chance about once in 900 million). */
  g_assert_cmpstr (verk_room_server_get_join_code (f->room), !=, first);
  {
    g_autoptr (GArray) seats = verk_room_server_list_seats (f->room);
    g_assert_cmpuint (seats->len, ==, 0);
  }
  phone_free (anna);
}

/* Run by the room-server-ipv4-only test inside a network namespace with
 * IPv6 switched off (tests/meson.build): the room must still start, on
 * IPv4 alone, where soup_server_listen_local() without a flag fails. */
static void
test_ipv4_only_host (Fixture       *f,
                     gconstpointer  data)
{
  g_auto (GStrv) addresses = NULL;
  g_autoptr (GError) error = NULL;
  Phone *anna;

  if (host_has_ipv6_loopback ())
    {
      g_test_skip ("this host has IPv6; the room-server-ipv4-only test runs this without");
      return;
    }
  addresses = verk_room_server_get_listen_addresses (f->room);
  g_assert_cmpuint (g_strv_length (addresses), ==, 1);
  g_assert_cmpstr (addresses[0], ==, "127.0.0.1");
  anna = phone_connect (f);
  g_free (join_as (anna, "Anna"));
  vote (anna, f->piece1, 2, "");
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, NULL), ==, 2);
  phone_free (anna);

  /* And on every address, as for a real room. */
  verk_room_server_stop (f->room);
  g_assert_true (verk_room_server_start (f->room, VERK_ROOM_LISTEN_NETWORK, 0, &error));
  g_assert_no_error (error);
  g_strfreev (g_steal_pointer (&addresses));
  addresses = verk_room_server_get_listen_addresses (f->room);
  g_assert_true (g_strv_contains ((const char * const *) addresses, "0.0.0.0"));
}

/* The second private round: only for a revealed piece whose scores spread
 * at or above the threshold; phones score again with nothing of anyone's
 * round-2 scores reaching any phone before the reveal; both rounds stay in
 * the store; the reveal shows round 2 with round 1 beside it. */
static void
test_second_round (Fixture       *f,
                   gconstpointer  data)
{
  Phone *anna = phone_connect (f), *bo = phone_connect (f), *cecilia = phone_connect (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (GPtrArray) round2 = NULL;
  g_autofree char *comment = NULL;
  JsonObject *piece;
  guint anna_from, bo_from, cecilia_from;

  g_free (join_as (anna, "Anna"));
  g_free (join_as (bo, "Bo"));
  g_free (join_as (cecilia, "Cecilia Åström"));
  vote (anna, f->piece1, 1, "nothing works");
  vote (bo, f->piece1, 4, "");
  vote (cecilia, f->piece1, 5, "");

  /* Not before the reveal (spread 4 here). */
  g_assert_false (verk_room_server_start_second_round (f->room, f->piece1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  verk_session_set_revealed (f->session, f->piece1, TRUE);
  g_assert_true (verk_room_server_can_start_second_round (f->room, f->piece1));
  /* Not below the session's threshold, which it follows: piece 2 spreads 2. */
  g_assert_false (verk_room_server_can_start_second_round (f->room, f->piece2));
  g_assert_true (verk_store_set_score (f->store, f->piece2, f->anna, 2, &error));
  g_assert_true (verk_store_set_score (f->store, f->piece2, f->bo, 4, &error));
  g_assert_no_error (error);
  verk_session_set_revealed (f->session, f->piece2, TRUE);
  g_assert_cmpint (verk_session_get_disagreement_threshold (f->session), ==, 2);
  g_assert_true (verk_room_server_can_start_second_round (f->room, f->piece2));
  verk_session_set_disagreement_threshold (f->session, 3);
  g_assert_false (verk_room_server_can_start_second_round (f->room, f->piece2));
  g_assert_true (verk_room_server_can_start_second_round (f->room, f->piece1));
  g_assert_false (verk_room_server_start_second_round (f->room, f->piece2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  sync_phone (anna);
  sync_phone (bo);
  sync_phone (cecilia);
  anna_from = anna->frames->len;
  bo_from = bo->frames->len;
  cecilia_from = cecilia->frames->len;
  {
    FrameCount c = { cecilia, cecilia->frames->len + 1 };
    g_assert_true (verk_room_server_start_second_round (f->room, f->piece1, &error));
    g_assert_no_error (error);
    wait_until (has_n_frames, &c);
  }
  g_assert_false (verk_session_is_revealed (f->session, f->piece1));
  g_assert_false (verk_room_server_can_start_second_round (f->room, f->piece1));
  state = last_state (cecilia);
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpint (json_object_get_int_member (piece, "round"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (piece, "scored"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (piece, "score"), ==, 0);
  g_assert_false (json_object_has_member (piece, "distribution"));

  vote (anna, f->piece1, 3, "after the talk");
  vote (bo, f->piece1, 4, "");
  sync_phone (anna);
  sync_phone (bo);
  sync_phone (cecilia);
  /* Every frame of round 2 before its reveal: counts only. */
  for (guint p = 0; p < 3; p++)
    {
      Phone *phone = p == 0 ? anna : p == 1 ? bo : cecilia;
      guint from = p == 0 ? anna_from : p == 1 ? bo_from : cecilia_from;
      for (guint i = from; i < phone->frames->len; i++)
        {
          const char *frame = g_ptr_array_index (phone->frames, i);
          g_assert_null (strstr (frame, "distribution"));
          if (phone != anna)
            g_assert_null (strstr (frame, "after the talk"));
        }
    }
  state = (json_object_unref (state), last_state (cecilia));
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpint (json_object_get_int_member (piece, "scored"), ==, 2);
  state = (json_object_unref (state), last_state (anna));
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpint (json_object_get_int_member (piece, "score"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (piece, "reason"), ==, "after the talk");

  /* Both rounds in the store: the first as it was. */
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 1);
  g_assert_cmpstr (comment, ==, "nothing works");
  round2 = verk_store_list_second_round_scores (f->store, f->workshop_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (round2->len, ==, 2);
  g_assert_cmpint (((VerkScore *) g_ptr_array_index (round2, 0))->participant_id, ==, f->anna);
  g_assert_cmpint (((VerkScore *) g_ptr_array_index (round2, 0))->value, ==, 3);
  g_assert_cmpstr (((VerkScore *) g_ptr_array_index (round2, 0))->comment, ==, "after the talk");

  /* The reveal: round 2's distribution, round 1's beside it. */
  {
    FrameCount c = { cecilia, cecilia->frames->len + 1 };
    verk_session_set_revealed (f->session, f->piece1, TRUE);
    wait_until (has_n_frames, &c);
  }
  state = (json_object_unref (state), last_state (cecilia));
  piece = json_object_get_object_member (state, "piece");
  {
    JsonArray *d2 = json_object_get_array_member (piece, "distribution");
    JsonArray *d1 = json_object_get_array_member (piece, "first_distribution");
    g_assert_cmpint (json_array_get_int_element (d2, 2), ==, 1);
    g_assert_cmpint (json_array_get_int_element (d2, 3), ==, 1);
    g_assert_cmpint (json_array_get_int_element (d2, 0), ==, 0);
    g_assert_cmpint (json_array_get_int_element (d1, 0), ==, 1);
    g_assert_cmpint (json_array_get_int_element (d1, 4), ==, 1);
  }

  /* The store refuses a round-2 score out of range, or without a round. */
  g_assert_false (verk_store_set_second_round_score (f->store, f->piece1, f->bo, 7, NULL, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (verk_store_set_second_round_score (f->store, f->piece2, f->bo, 3, NULL, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);

  phone_free (anna);
  phone_free (bo);
  phone_free (cecilia);
}

/* With "hide until reveal" off, the window and the projector show round 1's
 * scores as they come, but the phones still score the piece until the
 * facilitator reveals it: only then may a second round start. And the
 * second round is private whatever the setting: no screen shows its scores
 * before its own reveal, which shows them to phones and screens together. */
static void
test_second_round_hiding_off (Fixture       *f,
                              gconstpointer  data)
{
  Phone *anna = phone_connect (f), *bo = phone_connect (f), *cecilia = phone_connect (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) state = NULL;
  JsonObject *piece;
  guint bo_from;

  verk_session_set_hide_until_reveal (f->session, FALSE);
  g_free (join_as (anna, "Anna"));
  g_free (join_as (bo, "Bo"));
  g_free (join_as (cecilia, "Cecilia Åström"));
  vote (anna, f->piece1, 1, "");
  vote (bo, f->piece1, 4, "");
  vote (cecilia, f->piece1, 5, "");
  g_assert_true (verk_session_scores_visible (f->session, f->piece1));

  /* Round 1 is still open on the phones: no second round yet. */
  g_assert_false (verk_room_server_can_start_second_round (f->room, f->piece1));
  g_assert_false (verk_room_server_start_second_round (f->room, f->piece1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (verk_store_has_second_round (f->store, f->piece1, NULL));

  verk_session_set_revealed (f->session, f->piece1, TRUE);
  g_assert_true (verk_room_server_can_start_second_round (f->room, f->piece1));
  sync_phone (bo);
  bo_from = bo->frames->len;
  {
    FrameCount c = { bo, bo->frames->len + 1 };
    g_assert_true (verk_room_server_start_second_round (f->room, f->piece1, &error));
    g_assert_no_error (error);
    wait_until (has_n_frames, &c);
  }

  /* Round 2: hidden on the screens as on the phones, while votes come in. */
  g_assert_false (verk_session_scores_visible (f->session, f->piece1));
  vote (anna, f->piece1, 3, "");
  vote (cecilia, f->piece1, 4, "");
  sync_phone (bo);
  g_assert_false (verk_session_scores_visible (f->session, f->piece1));
  for (guint i = bo_from; i < bo->frames->len; i++)
    g_assert_null (strstr (g_ptr_array_index (bo->frames, i), "distribution"));
  state = last_state (bo);
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpint (json_object_get_int_member (piece, "round"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (piece, "scored"), ==, 2);

  /* Its reveal shows it everywhere at once. */
  {
    FrameCount c = { bo, bo->frames->len + 1 };
    verk_session_set_revealed (f->session, f->piece1, TRUE);
    wait_until (has_n_frames, &c);
  }
  g_assert_true (verk_session_scores_visible (f->session, f->piece1));
  state = (json_object_unref (state), last_state (bo));
  piece = json_object_get_object_member (state, "piece");
  g_assert_true (json_object_has_member (piece, "distribution"));
  /* A piece without a second round follows the setting: shown as scored. */
  g_assert_true (verk_session_scores_visible (f->session, f->piece2));

  phone_free (anna);
  phone_free (bo);
  phone_free (cecilia);
}

/* The window that starts the room and the presentation that shows its
 * join card hold the same room. */
static void
test_one_room_per_session (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (VerkRoomServer) again = verk_room_server_new (f->session);
  g_autoptr (VerkSession) other = verk_session_new (f->store);
  g_autoptr (VerkRoomServer) elsewhere = verk_room_server_new (other);

  g_assert_true (again == f->room);
  g_assert_true (elsewhere != f->room);
}

/* The room reads the session's workshop model: a participant added in the
 * window can join at once, one removed loses the seat, and each phone's own
 * score comes from the model after a vote. */
static void
test_follows_the_model (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) seats = NULL;
  g_autoptr (JsonObject) reply = NULL;
  Phone *dag = phone_connect (f);
  Phone *bo = phone_connect (f);
  gint64 dag_id;

  reply = phone_send (dag, "{\"type\":\"join\",\"name\":\"Dag\"}");
  assert_refused (reply, "unknown-name", "name");
  dag_id = verk_store_add_participant (f->store, f->workshop_id, "Dag Öberg", &error);
  g_assert_no_error (error);
  g_free (join_as (dag, "Dag Öberg"));
  g_free (join_as (bo, "Bo"));
  vote (dag, f->piece1, 4, "");
  g_assert_cmpint (stored_score (f, f->piece1, dag_id, NULL), ==, 4);
  g_assert_cmpint (verk_workshop_model_get_score (verk_session_get_model (f->session), f->piece1, dag_id), ==, 4);

  g_assert_true (verk_store_remove_participant (f->store, dag_id, &error));
  g_assert_no_error (error);
  seats = verk_room_server_list_seats (f->room);
  g_assert_cmpuint (seats->len, ==, 1);
  g_assert_cmpint (g_array_index (seats, VerkRoomSeat, 0).participant_id, ==, f->bo);

  phone_free (dag);
  phone_free (bo);
}

typedef struct {
  Fixture *f;
  gint64   item, participant;
  int      value;
  gboolean second_round;
} Stored;

static gboolean
is_stored (gpointer data)
{
  Stored *w = data;
  g_autoptr (GPtrArray) scores = w->second_round
                                 ? verk_store_list_second_round_scores (w->f->store, w->f->workshop_id, NULL)
                                 : verk_store_list_scores (w->f->store, w->f->workshop_id, NULL);

  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == w->item && s->participant_id == w->participant)
        return s->value == w->value;
    }
  return w->value == 0;
}

/* The facilitator's Undo takes back the facilitator's own edits only: a
 * phone's vote is no step (nor does the room leave its origin behind), and
 * a step whose score a phone changed since is refused, the vote kept. */
static void
test_votes_are_not_undone (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (VerkEditHistory) history = verk_edit_history_new (f->store);
  Phone *anna = phone_connect (f), *bo = phone_connect (f);
  g_autofree char *t1 = join_as (anna, "Anna"), *t2 = join_as (bo, "Bo");
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  verk_edit_history_set_workshop (history, f->workshop_id);
  g_assert_true (verk_store_set_score (f->store, f->piece1, f->cecilia, 3, NULL));
  sync_phone (bo);
  vote (bo, f->piece1, 2, "silos");
  wait_until (is_stored, &(Stored) { f, f->piece1, f->bo, 2, FALSE });
  g_assert_cmpint (verk_store_get_origin (f->store), ==, VERK_ORIGIN_LOCAL);
  g_assert_cmpuint (verk_edit_history_get_n_steps (history), ==, 1);
  done = verk_edit_history_undo (history, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (done, ==, "Cecilia Åström’s score for Samverkan");
  g_assert_cmpint (stored_score (f, f->piece1, f->cecilia, NULL), ==, 0);
  g_assert_cmpint (stored_score (f, f->piece1, f->bo, NULL), ==, 2);

  /* Anna's score typed in, then her own vote on her phone. */
  g_assert_true (verk_store_set_score (f->store, f->piece1, f->anna, 1, NULL));
  sync_phone (anna);
  vote (anna, f->piece1, 4, "");
  wait_until (is_stored, &(Stored) { f, f->piece1, f->anna, 4, FALSE });
  g_clear_pointer (&done, g_free);
  done = verk_edit_history_undo (history, &error);
  g_assert_null (done);
  g_assert_error (error, VERK_EDIT_HISTORY_ERROR, VERK_EDIT_HISTORY_ERROR_CHANGED_SINCE);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, NULL), ==, 4);
  g_assert_false (verk_edit_history_can_undo (history));
  g_clear_error (&error);

  /* Round 2: the same. */
  g_assert_true (verk_store_start_second_round (f->store, f->piece1, &error));
  g_assert_no_error (error);
  g_assert_true (verk_store_set_second_round_score (f->store, f->piece1, f->bo, 5, NULL, &error));
  sync_phone (anna);
  vote (anna, f->piece1, 3, "after the talk");
  wait_until (is_stored, &(Stored) { f, f->piece1, f->anna, 3, TRUE });
  g_clear_pointer (&done, g_free);
  done = verk_edit_history_undo (history, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (done, ==, "Bo’s round 2 score for Samverkan");
  wait_until (is_stored, &(Stored) { f, f->piece1, f->bo, 0, TRUE });
  g_assert_true (is_stored (&(Stored) { f, f->piece1, f->anna, 3, TRUE }));

  phone_free (anna);
  phone_free (bo);
}

/* A comment the facilitator typed on the laptop, many lines and as long as
 * the store allows, goes to the phone whole; a vote that does not touch the
 * reason never writes it back, even when the facilitator changed it since
 * the phone got its copy; an edited reason is stored with its line breaks. */
static void
test_comment_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  Phone *anna = phone_connect (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) state = NULL;
  g_autofree char *longest = long_comment (VERK_TEXT_MAX_LONG, "Anna");
  g_autofree char *longest2 = long_comment (VERK_TEXT_MAX_LONG, "Bo");
  g_autofree char *comment = NULL;
  const char *newer = "Skrivet av processledaren:\nAnna vill ha fler gemensamma m\u00f6ten.";
  const char *edited = "Vi delar m\u00e5l.\nMen inte planer.\n\tS\u00e4rskilt inte mellan enheterna.";
  JsonObject *piece;
  guint from;

  g_assert_cmpint (g_utf8_strlen (longest, -1), ==, VERK_TEXT_MAX_LONG);
  g_assert_nonnull (strchr (longest, '\n'));
  g_assert_true (verk_store_set_score (f->store, f->piece1, f->anna, 3, &error));
  g_assert_true (verk_store_set_score_comment (f->store, f->piece1, f->anna, longest, &error));
  g_assert_no_error (error);

  /* The phone gets it whole. */
  g_free (join_as (anna, "Anna"));
  state = last_state (anna);
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpstr (json_object_get_string_member (piece, "reason"), ==, longest);

  /* Another score, the box untouched: the reason is left out, the comment stays. */
  vote_reason (anna, f->piece1, 4, NULL);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 4);
  g_assert_cmpstr (comment, ==, longest);
  /* Sent back as it came (a client that always sends the box): the same. */
  vote_reason (anna, f->piece1, 5, longest);
  g_clear_pointer (&comment, g_free);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 5);
  g_assert_cmpstr (comment, ==, longest);

  /* The facilitator changes it on the laptop: the phone is sent the newer
   * text, and a vote from a box left as it was keeps it. */
  sync_phone (anna);
  from = anna->frames->len;
  g_assert_true (verk_store_set_score_comment (f->store, f->piece1, f->anna, newer, &error));
  g_assert_no_error (error);
  state = (json_object_unref (state), state_after (anna, from));
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpstr (json_object_get_string_member (piece, "reason"), ==, newer);
  vote_reason (anna, f->piece1, 2, NULL);
  g_clear_pointer (&comment, g_free);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 2);
  g_assert_cmpstr (comment, ==, newer);

  /* Edited on the phone: the person's own text wins, line breaks and tabs kept. */
  vote_reason (anna, f->piece1, 2, edited);
  g_clear_pointer (&comment, g_free);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 2);
  g_assert_cmpstr (comment, ==, edited);
  sync_phone (anna);
  state = (json_object_unref (state), last_state (anna));
  piece = json_object_get_object_member (state, "piece");
  g_assert_cmpstr (json_object_get_string_member (piece, "reason"), ==, edited);

  /* As long as the store allows, from the phone too. */
  vote_reason (anna, f->piece1, 2, longest2);
  g_clear_pointer (&comment, g_free);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 2);
  g_assert_cmpstr (comment, ==, longest2);

  /* An emptied box clears it. */
  vote_reason (anna, f->piece1, 2, "");
  g_clear_pointer (&comment, g_free);
  g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, 2);
  g_assert_true (comment == NULL || *comment == '\0');

  /* The page is told the longest reason the room takes. */
  g_assert_cmpint (json_object_get_int_member (state, "reason_max"), ==, VERK_TEXT_MAX_LONG);
  phone_free (anna);
}

/* A reason the store cannot take (too long, a control character, broken
 * UTF-8, an escaped NUL that would cut it) is refused with its own code,
 * for the page's translated message; the score of that vote still counts
 * and the stored comment stays as it was. */
static void
test_reason_refused_score_kept (Fixture       *f,
                                gconstpointer  data)
{
  Phone *anna = phone_connect (f);
  g_autofree char *too_long = long_comment (VERK_TEXT_MAX_LONG + 1, "Anna");
  g_autofree char *bells = g_strnfill (VERK_TEXT_MAX_LONG, '\a');
  g_autofree char *piece1 = g_strdup_printf ("%" G_GINT64_FORMAT, f->piece1);
  struct { const char *reason; const char *raw; const char *code; } cases[] = {
    { too_long, NULL, "reason-too-long" },
    { "Se bilaga\a", NULL, "reason-control" },
    { "\x1b[31mr\xc3\xb6tt", NULL, "reason-control" },
    /* The longest a page's JSON.stringify makes of a reason: every
     * character escaped (\u0007), 60,000 bytes; the socket stays open. */
    { bells, NULL, "reason-control" },
    { NULL, "a\\ud800b", "reason-control" },
    { NULL, "vor\\u0000dabei", "reason-control" },
    { NULL, "raw \x01 byte", "reason-control" },
  };

  g_free (join_as (anna, "Anna"));
  vote_reason (anna, f->piece1, 3, "first\nreason");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int value = i % 2 == 0 ? 5 : 2;
      g_autofree char *text = cases[i].raw != NULL
        ? g_strdup_printf ("{\"type\":\"vote\",\"item\":%s,\"score\":%d,\"reason\":\"%s\"}", piece1, value, cases[i].raw)
        : vote_text (f->piece1, value, cases[i].reason);
      g_autofree char *comment = NULL;
      g_autoptr (JsonObject) reply = NULL;
      g_autoptr (JsonObject) state = NULL;
      guint from = anna->frames->len;

      reply = phone_send (anna, text);
      g_test_message ("case %u (%zu bytes) → %s", i, strlen (text), json_object_get_string_member (reply, "code"));
      assert_refused (reply, cases[i].code, "reason");
      /* The score counts: the state after the refusal says so. */
      state = state_after (anna, from + 1);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (state, "piece"), "score"),
                       ==, value);
      g_assert_cmpint (stored_score (f, f->piece1, f->anna, &comment), ==, value);
      g_assert_cmpstr (comment, ==, "first\nreason");
    }
  g_assert_false (anna->closed);
  phone_free (anna);
}

/* In the second private round too: a vote whose reason was not touched
 * keeps the round-2 comment the facilitator typed on the laptop. */
static void
test_second_round_comment_kept (Fixture       *f,
                                gconstpointer  data)
{
  Phone *anna = phone_connect (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) round2 = NULL;
  const char *typed = "Skrivet p\u00e5 datorn\ni andra omg\u00e5ngen.";
  const VerkScore *s;

  g_free (join_as (anna, "Anna"));
  vote_reason (anna, f->piece1, 1, "round one");
  g_assert_true (verk_store_set_score (f->store, f->piece1, f->bo, 5, &error));
  verk_session_set_disagreement_threshold (f->session, 3);
  verk_session_set_revealed (f->session, f->piece1, TRUE);
  g_assert_true (verk_room_server_start_second_round (f->room, f->piece1, &error));
  g_assert_no_error (error);
  sync_phone (anna);

  vote_reason (anna, f->piece1, 2, "mine");
  g_assert_true (verk_store_set_second_round_comment (f->store, f->piece1, f->anna, typed, &error));
  g_assert_no_error (error);
  sync_phone (anna);
  vote_reason (anna, f->piece1, 3, NULL);

  round2 = verk_store_list_second_round_scores (f->store, f->workshop_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (round2->len, ==, 1);
  s = g_ptr_array_index (round2, 0);
  g_assert_cmpint (s->value, ==, 3);
  g_assert_cmpstr (s->comment, ==, typed);
  phone_free (anna);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/room/join-vote-hidden-until-reveal", test_join_vote_hidden_until_reveal);
  ADD ("/room/reconnect-lock-free", test_reconnect_lock_and_free);
  ADD ("/room/anonymous-seats-capped", test_anonymous_seats_capped);
  ADD ("/room/bad-input-changes-nothing", test_bad_input_changes_nothing);
  ADD ("/room/rate-limited", test_rate_limited);
  ADD ("/room/rate-limited-bytes", test_rate_limited_bytes);
  ADD ("/room/handshake-gate", test_handshake_gate);
  ADD ("/room/phone-page", test_phone_page);
  ADD ("/room/listens-on-both-families", test_listens_on_both_families);
  ADD ("/room/new-code-stop-with-workshop", test_new_code_and_stop_with_workshop);
  ADD ("/room/ipv4-only", test_ipv4_only_host);
  ADD ("/room/second-round", test_second_round);
  ADD ("/room/second-round-hiding-off", test_second_round_hiding_off);
  ADD ("/room/one-room-per-session", test_one_room_per_session);
  ADD ("/room/follows-the-model", test_follows_the_model);
  ADD ("/room/votes-are-not-undone", test_votes_are_not_undone);
  ADD ("/room/comment-round-trip", test_comment_round_trip);
  ADD ("/room/reason-refused-score-kept", test_reason_refused_score_kept);
  ADD ("/room/second-round-comment-kept", test_second_round_comment_kept);
#undef ADD

  return g_test_run ();
}
