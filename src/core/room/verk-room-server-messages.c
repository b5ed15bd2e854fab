/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-room"

#include "config.h"

#include "verk-room-server-private.h"

#include <string.h>

/* What the room says to phones and what it does with what they send: each
 * phone's state, the seats, votes, and the rate limit. */

/* ---- Sending ------------------------------------------------------------ */

void
verk_room_send_node (RoomClient *client,
                     JsonNode   *node)
{
  g_autofree char *text = NULL;

  if (soup_websocket_connection_get_state (client->conn) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  text = json_to_string (node, FALSE);
  soup_websocket_connection_send_text (client->conn, text);
}

/* A refusal names the input and says why, in English for logs; the page
 * shows its own translated sentence for @code. */
static void
send_refusal (RoomClient *client,
              const char *code,
              const char *input,
              const char *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "refused");
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "input");
  json_builder_add_string_value (b, input);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  verk_room_send_node (client, node);
  client->refusals_in_a_row++;
  if (client->refusals_in_a_row >= VERK_ROOM_RATE_CLOSE_AFTER)
    verk_room_close_socket (client->conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                     "too many refused messages");
}

static void
snapshot_clear (RoomSnapshot *snap)
{
  snap->open = NULL;
  g_clear_pointer (&snap->items, g_ptr_array_unref);
  g_clear_pointer (&snap->scale, g_ptr_array_unref);
  g_clear_pointer (&snap->scores, g_ptr_array_unref);
  g_clear_pointer (&snap->participants, g_ptr_array_unref);
  g_clear_pointer (&snap->round2, g_ptr_array_unref);
}

/* The open item and the list it belongs to: a puzzle piece, or one of the
 * platform's expectations; NULL for anything else (the scale's own texts
 * are not a piece to score). */
static GListModel *
find_open (VerkWorkshopModel  *model,
           gint64              item_id,
           const VerkItem    **open)
{
  GListModel *lists[] = { verk_workshop_model_get_piece_list (model),
                          verk_workshop_model_get_expectation_list (model) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr (VerkRecord) record = g_list_model_get_item (lists[l], i);
        const VerkItem *item = verk_record_get_piece (record)->item;

        if (item->id == item_id)
          {
            *open = item;
            return lists[l];
          }
      }
  *open = NULL;
  return NULL;
}

static gboolean
snapshot_take (VerkRoomServer *self,
               RoomSnapshot   *snap)
{
  VerkWorkshopModel *model = verk_session_get_model (self->session);
  gint64 item_id = verk_session_get_selected_item_id (self->session);
  GListModel *framework = NULL;

  memset (snap, 0, sizeof *snap);
  if (verk_workshop_model_get_workshop_id (model) != self->workshop_id
      || verk_workshop_model_get_error (model) != NULL)
    {
      g_warning ("The room cannot read the workshop: %s",
                 verk_workshop_model_get_error (model) != NULL ? verk_workshop_model_get_error (model)->message
                                                                : "another workshop is open");
      return FALSE;
    }
  snap->participants = verk_records_dup_rows (verk_workshop_model_get_participant_list (model));
  snap->scores = verk_records_dup_rows (verk_workshop_model_get_score_list (model));
  snap->scale = verk_records_dup_items (verk_workshop_model_get_scale_list (model));
  snap->n_participants = snap->participants->len;
  if (item_id != 0)
    framework = find_open (model, item_id, &snap->open);
  if (snap->open != NULL)
    {
      GPtrArray *current;

      snap->items = verk_records_dup_items (framework);
      snap->revealed = verk_session_is_revealed (self->session, snap->open->id);
      snap->second_round = verk_workshop_model_has_second_round (model, snap->open->id);
      if (snap->second_round)
        snap->round2 = verk_records_dup_rows (verk_workshop_model_get_second_round_list (model));
      current = snap->second_round ? snap->round2 : snap->scores;
      for (guint i = 0; i < current->len; i++)
        {
          VerkScore *s = g_ptr_array_index (current, i);
          if (s->item_id == snap->open->id && s->value > 0)
            snap->n_scored++;
        }
    }
  return TRUE;
}

static const VerkScore *
find_score (GPtrArray *scores,
            gint64     item_id,
            gint64     participant_id)
{
  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == item_id && s->participant_id == participant_id)
        return s;
    }
  return NULL;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

/* How many gave each score 1..5 of @item_id, no names. */
static void
add_distribution (JsonBuilder *b,
                  const char  *name,
                  GPtrArray   *scores,
                  gint64       item_id)
{
  int counts[5] = { 0 };

  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == item_id && s->value >= 1 && s->value <= 5)
        counts[s->value - 1]++;
    }
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < 5; i++)
    json_builder_add_int_value (b, counts[i]);
  json_builder_end_array (b);
}

/* The phone's own view: the open piece's text, the scale, how many have
 * scored, its own scores, and only after the reveal the anonymous
 * distribution. Nothing of another participant, ever, before the reveal. */
static void
send_state (VerkRoomServer     *self,
            RoomClient         *client,
            const RoomSnapshot *snap)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (b);
  add_string (b, "type", "state");
  add_bool (b, "locked", self->locked);
  add_bool (b, "anonymous", self->anonymous);
  add_bool (b, "seated", client->seat != NULL);
  /* The longest reason the room takes: the page checks it before sending. */
  add_int (b, "reason_max", VERK_ROOM_REASON_MAX_CHARS);
  if (client->seat != NULL)
    {
      json_builder_set_member_name (b, "seat");
      json_builder_begin_object (b);
      for (guint i = 0; i < snap->participants->len; i++)
        {
          VerkParticipant *p = g_ptr_array_index (snap->participants, i);
          if (p->id != client->seat->participant_id)
            continue;
          add_int (b, "number", i + 1);
          /* Their own name only, and only when the room is by name. */
          add_string (b, "name", self->anonymous ? "" : p->name);
        }
      add_string (b, "token", client->seat->token);
      json_builder_end_object (b);
    }

  if (client->seat != NULL && snap->open != NULL)
    {
      GPtrArray *current = snap->second_round ? snap->round2 : snap->scores;
      const VerkScore *mine = find_score (current, snap->open->id, client->seat->participant_id);

      json_builder_set_member_name (b, "piece");
      json_builder_begin_object (b);
      add_int (b, "id", snap->open->id);
      add_int (b, "position", snap->open->position + 1);
      add_string (b, "name", snap->open->name);
      add_string (b, "description", snap->open->description);
      add_bool (b, "revealed", snap->revealed);
      add_int (b, "round", snap->second_round ? 2 : 1);
      add_int (b, "scored", snap->n_scored);
      add_int (b, "total", snap->n_participants);
      add_int (b, "score", mine != NULL ? mine->value : 0);
      add_string (b, "reason", mine != NULL ? mine->comment : "");
      /* After the reveal: the current round's distribution, and in a
       * second round the first one's beside it for comparison. */
      if (snap->revealed)
        add_distribution (b, "distribution", current, snap->open->id);
      if (snap->revealed && snap->second_round)
        add_distribution (b, "first_distribution", snap->scores, snap->open->id);
      json_builder_end_object (b);

      json_builder_set_member_name (b, "scale");
      json_builder_begin_array (b);
      for (guint i = 0; i < snap->scale->len; i++)
        {
          VerkItem *level = g_ptr_array_index (snap->scale, i);
          json_builder_begin_object (b);
          add_int (b, "level", i + 1);
          add_string (b, "name", level->name);
          add_string (b, "description", level->description);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      /* Their own scores so far, by piece number (other pieces' texts are
       * not sent: only the open piece is on the table). */
      json_builder_set_member_name (b, "mine");
      json_builder_begin_array (b);
      for (guint i = 0; snap->items != NULL && i < snap->items->len; i++)
        {
          VerkItem *item = g_ptr_array_index (snap->items, i);
          const VerkScore *s = find_score (snap->scores, item->id, client->seat->participant_id);
          if (s == NULL || s->value == 0)
            continue;
          json_builder_begin_object (b);
          add_int (b, "position", i + 1);
          add_int (b, "score", s->value);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  verk_room_send_node (client, node);
}

void
verk_room_send_state_to (VerkRoomServer *self,
                         RoomClient     *client)
{
  RoomSnapshot snap;

  if (!snapshot_take (self, &snap))
    return;
  send_state (self, client, &snap);
  snapshot_clear (&snap);
}

/* A phone without a seat sees only the join form: it needs a new state
 * when the room's rules change (@everyone), not for every vote. */
static void
broadcast_state_full (VerkRoomServer *self,
                      gboolean        everyone)
{
  RoomSnapshot snap;

  if (self->soup == NULL || self->clients->len == 0)
    return;
  if (!snapshot_take (self, &snap))
    return;
  for (guint i = 0; i < self->clients->len; i++)
    {
      RoomClient *client = g_ptr_array_index (self->clients, i);
      if (everyone || client->seat != NULL)
        send_state (self, client, &snap);
    }
  snapshot_clear (&snap);
}

void
verk_room_broadcast_state (VerkRoomServer *self)
{
  broadcast_state_full (self, TRUE);
}

static gboolean
broadcast_idle_cb (gpointer data)
{
  VerkRoomServer *self = data;

  self->broadcast_idle = 0;
  broadcast_state_full (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* A vote is two store edits (score, reason), each a changed signal: send
 * the phones one state for both, once the main loop is idle. */
void
verk_room_broadcast_state_soon (VerkRoomServer *self)
{
  if (self->broadcast_idle == 0 && self->soup != NULL)
    self->broadcast_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, broadcast_idle_cb, self, NULL);
}

/* ---- Seats -------------------------------------------------------------- */

static void
seat_client (VerkRoomServer *self,
             RoomClient     *client,
             Seat           *seat)
{
  if (seat->client != NULL && seat->client != client)
    {
      /* The same phone back after sleep, before its old socket timed out. */
      RoomClient *old = seat->client;
      old->seat = NULL;
      verk_room_close_socket (old->conn, SOUP_WEBSOCKET_CLOSE_NORMAL,
                                       "seat taken over by a newer connection");
    }
  if (client->seat != NULL && client->seat != seat)
    client->seat->client = NULL;
  seat->client = client;
  client->seat = seat;
  verk_room_emit_seats_changed (self);
  verk_room_send_state_to (self, client);
}

static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup ("");
}

static void
handle_join (VerkRoomServer *self,
             RoomClient     *client,
             JsonObject     *msg)
{
  g_autoptr (GPtrArray) participants = NULL;
  g_autofree char *wanted = NULL;
  VerkParticipant *chosen = NULL;
  Seat *seat;

  if (client->seat != NULL)
    {
      verk_room_send_state_to (self, client);
      return;
    }
  if (self->locked)
    {
      send_refusal (client, "locked", "join", "the room is locked: nobody new can join");
      return;
    }
  if (!self->anonymous)
    {
      JsonNode *name = json_object_get_member (msg, "name");
      if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING
          || g_utf8_strlen (json_node_get_string (name), -1) > VERK_TEXT_MAX_SHORT)
        {
          send_refusal (client, "bad-name", "name", "name must be text of at most 200 characters");
          return;
        }
      wanted = fold_name (json_node_get_string (name));
      if (*wanted == '\0')
        {
          send_refusal (client, "bad-name", "name", "name is empty");
          return;
        }
    }

  participants = verk_records_dup_rows (verk_workshop_model_get_participant_list (verk_session_get_model (self->session)));
  for (guint i = 0; i < participants->len; i++)
    {
      VerkParticipant *p = g_ptr_array_index (participants, i);
      Seat *taken = g_hash_table_lookup (self->seats, &p->id);

      if (self->anonymous)
        {
          if (taken == NULL)
            {
              chosen = p;
              break;
            }
        }
      else
        {
          g_autofree char *folded = fold_name (p->name);
          if (g_strcmp0 (folded, wanted) != 0)
            continue;
          if (taken != NULL)
            {
              send_refusal (client, "seat-taken", "name",
                            "another phone has this seat; ask the facilitator to free it");
              return;
            }
          chosen = p;
          break;
        }
    }
  if (chosen == NULL)
    {
      if (self->anonymous)
        send_refusal (client, "room-full", "join", "every seat of the workshop is taken");
      else
        send_refusal (client, "unknown-name", "name", "no participant of the workshop has this name");
      return;
    }

  seat = g_new0 (Seat, 1);
  seat->participant_id = chosen->id;
  seat->token = verk_room_new_seat_token ();
  g_hash_table_insert (self->seats, &seat->participant_id, seat);
  seat_client (self, client, seat);
}

static void
handle_resume (VerkRoomServer *self,
               RoomClient     *client,
               JsonObject     *msg)
{
  JsonNode *token = json_object_get_member (msg, "seat");
  GHashTableIter iter;
  Seat *seat;

  if (token == NULL || json_node_get_value_type (token) != G_TYPE_STRING)
    {
      send_refusal (client, "bad-seat", "seat", "seat must be the seat token the room gave");
      return;
    }
  g_hash_table_iter_init (&iter, self->seats);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &seat))
    {
      if (strlen (seat->token) == strlen (json_node_get_string (token))
          && g_str_equal (seat->token, json_node_get_string (token)))
        {
          seat_client (self, client, seat);
          return;
        }
    }
  send_refusal (client, "unknown-seat", "seat", "this seat is not yours, or it was freed");
}

/* What a vote's reason asks for. The page sends it only when the person
 * edited the box; without it the stored comment stays as it is, so a vote
 * never writes back a comment the facilitator has changed meanwhile. */
typedef enum {
  REASON_UNTOUCHED,   /* absent or null: leave the comment alone */
  REASON_SET,         /* new text ("" clears the comment) */
  REASON_TOO_LONG,    /* refused, the score still counts */
  REASON_CONTROL,     /* refused, the score still counts */
} ReasonKind;

/* The Assess page's rule for a comment (verk-participant-score-row.c):
 * valid UTF-8, at most the store's length, no control character but line
 * breaks and tabs. @has_nul: the message held an escaped NUL, which
 * json-glib ends the string at, so the text seen here would be cut. */
static ReasonKind
check_reason (const char *text,
              gboolean    has_nul)
{
  if (has_nul || !g_utf8_validate (text, -1, NULL))
    return REASON_CONTROL;
  if (g_utf8_strlen (text, -1) > VERK_ROOM_REASON_MAX_CHARS)
    return REASON_TOO_LONG;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && c != '\t' && c != '\r' && g_unichar_iscntrl (c))
        return REASON_CONTROL;
    }
  return REASON_SET;
}

/* After the score is saved: why the reason was not. */
static void
refuse_reason (RoomClient *client,
               ReasonKind  kind)
{
  if (kind == REASON_TOO_LONG)
    {
      g_autofree char *why = g_strdup_printf ("the reason is longer than %d characters; the score is saved without it",
                                              VERK_ROOM_REASON_MAX_CHARS);
      send_refusal (client, "reason-too-long", "reason", why);
    }
  else if (kind == REASON_CONTROL)
    send_refusal (client, "reason-control", "reason",
                  "the reason holds a control character or is not valid UTF-8; the score is saved without it");
}

/* Writes @value and, unless NULL, @comment as the participant's score of
 * the open piece in its current round; nothing when both are as stored.
 * Returns FALSE with @error when the store refused; *@wrote says whether
 * anything was written (the phones then get a state from the model). */
static gboolean
write_vote (VerkRoomServer  *self,
            gint64           item_id,
            gint64           participant_id,
            int              value,
            const char      *comment,
            gboolean        *wrote,
            GError         **error)
{
  VerkStore *store = verk_session_get_store (self->session);
  VerkWorkshopModel *model = verk_session_get_model (self->session);
  gboolean round2 = verk_store_has_second_round (store, item_id, NULL);
  const VerkScore *before = round2 ? verk_workshop_model_find_second_round_score (model, item_id, participant_id)
                                   : verk_workshop_model_find_score (model, item_id, participant_id);
  const char *stored = before != NULL && before->comment != NULL ? before->comment : "";
  gboolean same_value = before != NULL ? before->value == value : value == 0;
  /* A pass clears the score with its comment, as in the window. */
  gboolean same_comment = value == 0 || comment == NULL || g_strcmp0 (stored, comment) == 0;

  *wrote = FALSE;
  if (same_value && same_comment)
    return TRUE;
  *wrote = TRUE;
  if (round2)
    /* One statement sets both: an untouched reason passes the stored one on. */
    return verk_store_set_second_round_score (store, item_id, participant_id, value,
                                              comment != NULL ? comment : stored, error);
  if (!same_value && !verk_store_set_score (store, item_id, participant_id, value, error))
    return FALSE;
  return same_comment
         || verk_store_set_score_comment (store, item_id, participant_id, *comment ? comment : NULL, error);
}

static void
handle_vote (VerkRoomServer *self,
             RoomClient     *client,
             JsonObject     *msg,
             gboolean        has_nul)
{
  VerkStore *store = verk_session_get_store (self->session);
  JsonNode *item = json_object_get_member (msg, "item");
  JsonNode *score = json_object_get_member (msg, "score");
  JsonNode *reason = json_object_get_member (msg, "reason");
  g_autoptr (VerkItem) open = NULL;
  g_autoptr (GError) error = NULL;
  const char *reason_text = NULL;
  ReasonKind reason_kind = REASON_UNTOUCHED;
  gint64 open_id = verk_session_get_selected_item_id (self->session);
  gboolean wrote;
  gint64 value;

  if (client->seat == NULL)
    {
      send_refusal (client, "no-seat", "seat", "join the room before scoring");
      return;
    }
  if (item == NULL || json_node_get_value_type (item) != G_TYPE_INT64)
    {
      send_refusal (client, "bad-item", "item", "item must be the open piece's number");
      return;
    }
  if (score == NULL || json_node_get_value_type (score) != G_TYPE_INT64
      || json_node_get_int (score) < 0 || json_node_get_int (score) > 5)
    {
      send_refusal (client, "bad-score", "score", "score must be a whole number from 1 to 5, or 0 to pass");
      return;
    }
  value = json_node_get_int (score);
  if (reason != NULL && !JSON_NODE_HOLDS_NULL (reason))
    {
      if (json_node_get_value_type (reason) != G_TYPE_STRING)
        {
          send_refusal (client, "bad-reason", "reason", "reason must be text, or left out when not edited");
          return;
        }
      reason_text = json_node_get_string (reason);
      reason_kind = check_reason (reason_text, has_nul);
    }
  if (open_id != 0)
    open = verk_store_get_item (store, open_id, NULL);
  if (open == NULL || open->workshop_id != self->workshop_id
      || g_strcmp0 (open->framework, "scale") == 0 || json_node_get_int (item) != open_id)
    {
      send_refusal (client, "not-open", "item", "this piece is not open for scoring now");
      return;
    }
  if (verk_session_is_revealed (self->session, open_id))
    {
      send_refusal (client, "revealed", "score", "the scores of this piece are revealed: scoring is closed");
      return;
    }

  /* The same edits the window makes; the last vote counts, the second
   * private round keeps its votes beside the first. Each edit is a
   * committed transaction (an fsync): what is unchanged is not written
   * again, but the phone still gets its state back. A reason that cannot
   * be stored is refused on its own: the score still counts, and the phone
   * keeps the text for the person to fix. */
  if (!write_vote (self, open_id, client->seat->participant_id, (int) value,
                   reason_kind == REASON_SET ? reason_text : NULL, &wrote, &error))
    {
      g_warning ("A phone's vote was not saved: %s", error->message);
      send_refusal (client, "not-saved", "score", "the vote could not be saved; tell the facilitator");
      return;
    }
  client->refusals_in_a_row = 0;
  if (value != 0)
    refuse_reason (client, reason_kind);
  if (!wrote)
    verk_room_send_state_to (self, client);
}

/* Does the JSON text hold the escape \u0000 (not a literal backslash
 * followed by "u0000")? */
static gboolean
has_escaped_nul (const char *data,
                 gsize       len)
{
  for (gsize i = 0; i + 6 <= len; i++)
    {
      gsize slashes = 0;

      if (memcmp (data + i, "\\u0000", 6) != 0)
        continue;
      while (slashes < i && data[i - 1 - slashes] == '\\')
        slashes++;
      if (slashes % 2 == 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- WebSocket ---------------------------------------------------------- */

static gboolean
within_rate (RoomClient *client,
             gsize       len)
{
  gint64 now = g_get_monotonic_time ();

  if (now - client->window_start > VERK_ROOM_RATE_WINDOW_US)
    {
      client->window_start = now;
      client->window_messages = 0;
      client->window_bytes = 0;
    }
  client->window_bytes += len;
  return ++client->window_messages <= VERK_ROOM_RATE_MESSAGES && client->window_bytes <= VERK_ROOM_RATE_BYTES;
}

void
verk_room_on_message (SoupWebsocketConnection *conn,
                      gint                     type,
                      GBytes                  *message,
                      RoomClient              *client)
{
  VerkRoomServer *self = client->server;
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *msg;
  const char *kind;
  gsize len;
  const char *data = g_bytes_get_data (message, &len);

  if (!within_rate (client, len))
    {
      send_refusal (client, "too-fast", "message", "too many messages; wait a few seconds");
      return;
    }
  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      send_refusal (client, "bad-json", "message", "messages must be JSON text");
      return;
    }
  parser = json_parser_new_immutable ();
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      send_refusal (client, "bad-json", "message", "message is not a JSON object");
      return;
    }
  msg = json_node_get_object (root);
  kind = json_object_has_member (msg, "type")
           && json_node_get_value_type (json_object_get_member (msg, "type")) == G_TYPE_STRING
         ? json_object_get_string_member (msg, "type") : "";
  if (g_str_equal (kind, "join"))
    handle_join (self, client, msg);
  else if (g_str_equal (kind, "resume"))
    handle_resume (self, client, msg);
  else if (g_str_equal (kind, "vote"))
    {
      /* The phone's edits, not the facilitator's: Undo leaves them alone
       * (VerkEditHistory). */
      VerkStore *store = verk_session_get_store (self->session);
      VerkOrigin before = verk_store_set_origin (store, VERK_ORIGIN_ROOM);

      handle_vote (self, client, msg, has_escaped_nul (data, len));
      verk_store_set_origin (store, before);
    }
  else
    send_refusal (client, "bad-type", "type", "type must be join, resume or vote");
}

