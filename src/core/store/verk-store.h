/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest text a user may store in one field, in characters. Longer text is
 * rejected with VERK_STORE_ERROR_INVALID_INPUT and this limit in the message. */
#define VERK_TEXT_MAX_SHORT 200    /* names, owners, one-line rationale */
#define VERK_TEXT_MAX_LONG  10000  /* descriptions, notes, reflections, actions */

#define VERK_STORE_ERROR (verk_store_error_quark ())

typedef enum {
  VERK_STORE_ERROR_FAILED,
  VERK_STORE_ERROR_NOT_DATABASE,   /* not an SQLite file, or truncated / corrupt */
  VERK_STORE_ERROR_NOT_VERKSTAD,   /* an SQLite file, but another program's */
  VERK_STORE_ERROR_TOO_NEW,        /* user_version newer than this build knows */
  VERK_STORE_ERROR_READ_ONLY,
  VERK_STORE_ERROR_LOCKED,
  VERK_STORE_ERROR_INVALID_INPUT,  /* score out of range, bad UTF-8, NUL, too long */
  VERK_STORE_ERROR_NOT_FOUND,
  VERK_STORE_ERROR_EMPTY,          /* an SQLite file with no tables: a new database only if asked */
  VERK_STORE_ERROR_IS_FOLDER,      /* the path is a folder, not a file */
} VerkStoreError;

/* How verk_store_new_full() opens a file. */
typedef enum {
  VERK_STORE_OPEN_DEFAULT      = 0,
  /* Read without writing anything: for exports and drawing. The file is
   * copied into memory (migrated there when older), nothing beside it is
   * created, removed or checkpointed, and every edit fails as read-only. */
  VERK_STORE_OPEN_READ_ONLY    = 1 << 0,
  /* The user agreed that an SQLite file without tables becomes a new
   * Verkstad database (without this it is refused as _EMPTY). */
  VERK_STORE_OPEN_ACCEPT_EMPTY = 1 << 1,
} VerkStoreOpenFlags;

typedef enum {
  VERK_ACTION_OPEN,
  VERK_ACTION_IN_PROGRESS,
  VERK_ACTION_DONE,
  VERK_ACTION_DROPPED,
} VerkActionStatus;

/* What changed, for VerkStore::changed. */
typedef enum {
  VERK_CHANGE_GROUPS,        /* a group or the list of workshops changed */
  VERK_CHANGE_WORKSHOP,      /* a workshop's own fields */
  VERK_CHANGE_ITEMS,         /* items added, removed, renamed, reordered */
  VERK_CHANGE_PARTICIPANTS,
  VERK_CHANGE_SCORES,        /* any score, agreed score, rationale or desired level */
  VERK_CHANGE_PRIORITIES,
  VERK_CHANGE_ACTIONS,
  VERK_CHANGE_REFLECTIONS,
} VerkChange;

/* Who made the edits a VerkStore::changed announces: this program's own
 * editing (its window and pages: the default), or someone else through it,
 * such as a participant's phone voting through the room server. A writer
 * for someone else sets its origin around its edits; a handler reads it with
 * verk_store_get_origin() (VerkEditHistory keeps others' edits out of Undo). */
typedef enum {
  VERK_ORIGIN_LOCAL,
  VERK_ORIGIN_ROOM,          /* a participant's phone (src/core/room/) */
} VerkOrigin;

/* Plain records returned by the store. Each has a _free and g_autoptr cleanup;
 * lists are GPtrArrays that own their elements. Dates are "YYYY-MM-DD" strings,
 * an unset optional value is NULL (text) or 0 (scores, ids). */
typedef struct {
  gint64  id;
  char   *name;
  char   *unit;          /* organisation unit, may be "" */
} VerkGroup;

typedef struct {
  gint64  id;
  gint64  group_id;
  char   *date;
  char   *facilitator;
  char   *notes;
  gint64  previous_id;   /* the group's workshop this one follows up, or 0 */
} VerkWorkshop;

typedef struct {
  gint64    id;
  gint64    workshop_id;
  char     *framework;   /* "siq" for the puzzle, "platform" for expectations */
  char     *key;         /* content key it was copied from, NULL for custom pieces */
  char     *name;
  char     *description;
  int       position;
  gboolean  custom;
  int       agreed;      /* 1..5, 0 = not agreed yet */
  char     *rationale;   /* one line, for the agreed score */
  int       desired;     /* "bör" 1..5, 0 = unset */
} VerkItem;

typedef struct {
  gint64  id;
  gint64  workshop_id;
  char   *name;          /* "" when anonymous: the UI shows "Deltagare N" */
  int     position;
} VerkParticipant;

typedef struct {
  gint64  item_id;
  gint64  participant_id;
  int     value;         /* 1..5 */
  char   *comment;
} VerkScore;

typedef struct {
  gint64            id;
  gint64            workshop_id;
  gint64            item_id;        /* 0 = not tied to an area */
  char             *what;
  char             *owner;
  char             *due;            /* NULL = no date */
  VerkActionStatus  status;
  char             *followup;
  gint64            carried_from;   /* action id in an earlier workshop, or 0 */
} VerkAction;

typedef struct {
  gint64  workshop_id;
  char   *part;          /* content key of the platform part */
  char   *strengths;
  char   *development;
  char   *obstacles;
  char   *removers;      /* who can remove the obstacles */
} VerkReflection;

typedef struct {
  char   *path;
  char   *day;           /* "YYYY-MM-DD" */
  char   *reason;        /* NULL for the automatic daily copy, "before-v2" (before a
                          * migration), "before-restore"; see verk_backup_describe() */
} VerkBackup;

/* VerkStore: the one object that reads and writes the database (all SQL is
 * inside it; docs/STORAGE.md). Use it from the thread that created it. Every
 * edit is committed before the call returns, then VerkStore::changed is
 * emitted. */
#define VERK_TYPE_STORE (verk_store_get_type ())
G_DECLARE_FINAL_TYPE (VerkStore, verk_store, VERK, STORE, GObject)

GQuark        verk_store_error_quark        (void);

/* $XDG_DATA_HOME/verkstad/verkstad.db; the folder is created if missing. */
char         *verk_store_default_path       (void);

/* Opens or creates (mode 0600) the database at @path, checks it is Verkstad's,
 * backs it up and migrates it when its schema is older. Never modifies a file it
 * refuses. ":memory:" gives a private in-memory store. */
VerkStore    *verk_store_new                (const char   *path,
                                             GError      **error);
VerkStore    *verk_store_new_full           (const char          *path,
                                             VerkStoreOpenFlags   flags,
                                             GError             **error);
gboolean      verk_store_is_read_only       (VerkStore    *self);
const char   *verk_store_get_path           (VerkStore    *self);
/* The file SQLite reads: the path with symlinks resolved (its -wal and -shm
 * sit beside this one). ":memory:" for an in-memory store. */
const char   *verk_store_get_real_path      (VerkStore    *self);
/* Whose edits follow (VerkOrigin), until set back to the origin this
 * returns; one call either side of the edits, on the store's thread. */
VerkOrigin    verk_store_set_origin         (VerkStore    *self,
                                             VerkOrigin    origin);
/* Whose edit ::changed is announcing now (VERK_ORIGIN_LOCAL by default). */
VerkOrigin    verk_store_get_origin         (VerkStore    *self);

/* Groups */
GPtrArray    *verk_store_list_groups        (VerkStore    *self, GError **error);
VerkGroup    *verk_store_get_group          (VerkStore    *self, gint64 group_id, GError **error);
gint64        verk_store_add_group          (VerkStore    *self, const char *name, const char *unit, GError **error);
gboolean      verk_store_update_group       (VerkStore    *self, gint64 group_id, const char *name, const char *unit, GError **error);
/* Deletion moves to the trash; restore undoes it; purge removes trashed rows for good. */
gboolean      verk_store_trash_group        (VerkStore    *self, gint64 group_id, GError **error);
gboolean      verk_store_restore_group      (VerkStore    *self, gint64 group_id, GError **error);

/* Workshops (newest date first) */
GPtrArray    *verk_store_list_workshops     (VerkStore    *self, gint64 group_id, GError **error);
VerkWorkshop *verk_store_get_workshop       (VerkStore    *self, gint64 workshop_id, GError **error);
gint64        verk_store_add_workshop       (VerkStore    *self, gint64 group_id, const char *date,
                                             const char *facilitator, GError **error);
gboolean      verk_store_update_workshop    (VerkStore    *self, gint64 workshop_id, const char *date,
                                             const char *facilitator, const char *notes, GError **error);
/* Copies the items (texts, order, custom pieces, no scores) and participants of
 * @previous_id and carries its open and in-progress actions along. */
gint64        verk_store_add_followup       (VerkStore    *self, gint64 previous_id, const char *date,
                                             const char *facilitator, GError **error);
/* The workshop @workshop_id follows up, the one rule every view, the workbook
 * and the handout use: the one it links to (previous_id) unless that is in the
 * trash, or else the group's latest earlier one (trashed ones skipped). 0 when
 * there is none (then @error is unset) or on error. */
gint64        verk_store_get_previous_workshop_id (VerkStore *self, gint64 workshop_id, GError **error);
gboolean      verk_store_trash_workshop     (VerkStore    *self, gint64 workshop_id, GError **error);
gboolean      verk_store_restore_workshop   (VerkStore    *self, gint64 workshop_id, GError **error);
gboolean      verk_store_purge_trash        (VerkStore    *self, GError **error);
/* Purges only what has been in the trash more than @days days (for start-up). */
gboolean      verk_store_purge_trash_older_than (VerkStore *self, guint days, GError **error);

/* A workshop as a list of workshops shows it (verk-store-lists.c): its row
 * without the notes, its participants (not removed) counted, and the date of
 * the workshop it follows up (also when that one is in the trash). */
typedef struct {
  VerkWorkshop *workshop;        /* owned; notes NULL (not read) */
  guint         n_participants;
  char         *previous_date;   /* "YYYY-MM-DD" of the workshop it follows up
                                  * (verk_store_get_previous_workshop_id()), NULL when none */
} VerkWorkshopSummary;

#define VERK_TYPE_WORKSHOP_SUMMARY (verk_workshop_summary_get_type ())
GType                verk_workshop_summary_get_type  (void) G_GNUC_CONST;
VerkWorkshopSummary *verk_workshop_summary_copy      (const VerkWorkshopSummary *summary);
void                 verk_workshop_summary_free      (VerkWorkshopSummary       *summary);
gboolean             verk_workshop_summary_equal     (const VerkWorkshopSummary *a,
                                                      const VerkWorkshopSummary *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkWorkshopSummary, verk_workshop_summary_free)

/* Every workshop not in the trash of every group not in the trash, in one
 * query: grouped by group id, newest date first within a group. */
GPtrArray    *verk_store_list_workshop_summaries (VerkStore *self, GError **error);
/* One workshop's summary (also when it is in the trash). */
VerkWorkshopSummary *verk_store_get_workshop_summary (VerkStore *self, gint64 workshop_id,
                                                      GError **error);

/* Items (by position) */
GPtrArray    *verk_store_list_items         (VerkStore    *self, gint64 workshop_id, const char *framework, GError **error);
VerkItem     *verk_store_get_item           (VerkStore    *self, gint64 item_id, GError **error);
gint64        verk_store_add_item           (VerkStore    *self, gint64 workshop_id, const char *framework,
                                             const char *key, const char *name, const char *description,
                                             GError **error);
/* Many items in one transaction, all or none (seeding a workshop, imports); see the .c. */
gboolean      verk_store_add_items          (VerkStore    *self, gint64 workshop_id, const VerkItem *items,
                                             guint n_items, GError **error);
gboolean      verk_store_update_item        (VerkStore    *self, gint64 item_id, const char *name,
                                             const char *description, GError **error);
gboolean      verk_store_move_item          (VerkStore    *self, gint64 item_id, int new_position, GError **error);
/* Removing keeps the item (with scores) until verk_store_purge_trash(); restore is the Undo. */
gboolean      verk_store_remove_item        (VerkStore    *self, gint64 item_id, GError **error);
gboolean      verk_store_restore_item       (VerkStore    *self, gint64 item_id, GError **error);

/* Participants */
GPtrArray    *verk_store_list_participants  (VerkStore    *self, gint64 workshop_id, GError **error);
gint64        verk_store_add_participant    (VerkStore    *self, gint64 workshop_id, const char *name, GError **error);
gboolean      verk_store_rename_participant (VerkStore    *self, gint64 participant_id, const char *name, GError **error);
gboolean      verk_store_remove_participant (VerkStore    *self, gint64 participant_id, GError **error);
gboolean      verk_store_restore_participant (VerkStore   *self, gint64 participant_id, GError **error);

/* Scores: @value 1..5; 0 clears. */
GPtrArray    *verk_store_list_scores        (VerkStore    *self, gint64 workshop_id, GError **error);
/* One item's participant scores (after VerkStore::row-changed named it). */
GPtrArray    *verk_store_list_item_scores   (VerkStore    *self, gint64 item_id, GError **error);
gboolean      verk_store_set_score          (VerkStore    *self, gint64 item_id, gint64 participant_id,
                                             int value, GError **error);
/* Many scores in one transaction, all or none (comments untouched). */
gboolean      verk_store_set_scores         (VerkStore    *self, const VerkScore *scores, guint n_scores,
                                             GError **error);
gboolean      verk_store_set_score_comment  (VerkStore    *self, gint64 item_id, gint64 participant_id,
                                             const char *comment, GError **error);
gboolean      verk_store_set_agreed         (VerkStore    *self, gint64 item_id, int value,
                                             const char *rationale, GError **error);
gboolean      verk_store_set_desired        (VerkStore    *self, gint64 item_id, int value, GError **error);

/* The second private round of a piece the group disagreed on (verk-store-rounds.c):
 * `score` stays the first round; these keep the second beside it. */
gboolean      verk_store_start_second_round (VerkStore    *self, gint64 item_id, GError **error);
gboolean      verk_store_has_second_round   (VerkStore    *self, gint64 item_id, GError **error);
GPtrArray    *verk_store_list_second_round_scores (VerkStore *self, gint64 workshop_id, GError **error);
gboolean      verk_store_set_second_round_score (VerkStore *self, gint64 item_id, gint64 participant_id,
                                             int value, const char *comment, GError **error);
/* Round 2's comment on a participant's round-2 score; round 1's is untouched. */
gboolean      verk_store_set_second_round_comment (VerkStore *self, gint64 item_id, gint64 participant_id,
                                             const char *comment, GError **error);

/* Priorities: item ids in rank order, replacing the workshop's list. */
GArray       *verk_store_list_priorities    (VerkStore    *self, gint64 workshop_id, GError **error);
gboolean      verk_store_set_priorities     (VerkStore    *self, gint64 workshop_id, const gint64 *item_ids,
                                             guint n_items, GError **error);

/* Actions */
GPtrArray    *verk_store_list_actions       (VerkStore    *self, gint64 workshop_id, GError **error);
gint64        verk_store_add_action         (VerkStore    *self, const VerkAction *action, GError **error);
gboolean      verk_store_update_action      (VerkStore    *self, const VerkAction *action, GError **error);
gboolean      verk_store_remove_action      (VerkStore    *self, gint64 action_id, GError **error);

/* Reflections per platform part */
GPtrArray    *verk_store_list_reflections   (VerkStore    *self, gint64 workshop_id, GError **error);
gboolean      verk_store_set_reflection     (VerkStore    *self, const VerkReflection *reflection, GError **error);

/* Backups: one automatic copy a day of use, the newest few kept, beside the db. */
GPtrArray    *verk_store_list_backups       (VerkStore    *self, GError **error);
gboolean      verk_store_restore_backup     (VerkStore    *self, const char *backup_path, GError **error);
/* The files a file written for the user must never replace: the database at
 * @db_path (also through its links), its -wal, -shm and -journal (whether they
 * exist now or not) and its backups. For verk_atomic_file_begin(). */
GStrv         verk_store_protected_paths    (const char   *db_path);

/* Editing a workshop after it was created: what can still be restored, and
 * the participants' order. */
GPtrArray    *verk_store_list_removed_items        (VerkStore *self, gint64 workshop_id, GError **error);
GPtrArray    *verk_store_list_removed_participants (VerkStore *self, gint64 workshop_id, GError **error);
gboolean      verk_store_move_participant          (VerkStore *self, gint64 participant_id, int new_index,
                                                    GError **error);

/* Workshop files (".verkstad"; docs/STORAGE.md, "Workshop files"): rows
 * travel between laptops by UUID. */
typedef enum {
  VERK_EXCHANGE_DEFAULT         = 0,
  /* Leave out names and comments: participants become anonymous; comments,
   * rationales, the facilitator, notes, owners, follow-up notes and
   * reflections are left out. The numbers and the pieces stay. */
  VERK_EXCHANGE_AGGREGATES_ONLY = 1 << 0,
} VerkExchangeFlags;

typedef struct {
  guint files_read;           /* imported (or already there) */
  guint files_refused;        /* damaged, not a workshop file, from a newer Verkstad */
  guint workshops_added;
  guint workshops_updated;    /* the file had a newer version */
  guint workshops_unchanged;  /* the database had the same or a newer version */
} VerkImportReport;

/* Writes the workshops of @group_id (all of them, trashed ones too, when
 * @group_id is not 0) and the chosen @workshop_ids, with their groups, to a
 * new workshop file at @path (replaced whole or not at all), stamped with
 * @content_pack and the schema version. */
gboolean      verk_store_export_workshops   (VerkStore *self, const char *path, gint64 group_id,
                                             const gint64 *workshop_ids, guint n_workshop_ids,
                                             const char *content_pack, VerkExchangeFlags flags,
                                             GError **error);
/* Imports one workshop file, or every *.verkstad file in a folder, each file
 * whole or not at all: the newest version of each workshop wins, purged ones
 * stay purged. A refused file is left untouched and the others are still
 * imported; then FALSE with the first refusal in @error. @report may be NULL. */
gboolean      verk_store_import             (VerkStore *self, const char *path,
                                             VerkImportReport *report, GError **error);
/* Everything that travels, one line per group, workshop (its content as a
 * SHA-256), link and tombstone, by UUID and in a fixed order: two databases
 * with the same dump hold the same data (tests, diagnostics). */
char         *verk_store_exchange_dump      (VerkStore *self, GError **error);

/* The organisation view: the values × the groups. */
typedef struct {
  gint64    group_id;
  char     *name;
  char     *unit;
  guint     n_workshops;  /* its workshops in the filter */
  guint     group_size;   /* the most participants in one of them */
  gboolean  hidden;       /* group_size below the minimum: no scores shown */
  double   *agreed;       /* per key: the mean agreed score over its workshops; NAN when none or hidden */
  double   *difference;   /* per key: agreed − the organisation's mean; NAN likewise */
  guint    *n_agreed;     /* per key: how many of its workshops agreed a score (0 when hidden) */
  /* Its actions in workshops that another follows up (by the rule of
   * verk_store_get_previous_workshop_id()), and how many of them were done
   * there, as the latest follow-up's Follow up step shows them (its copy
   * of an action, else the action's own status); 0 when hidden. */
  guint     n_followed_up;
  guint     n_done;
  double    done_share;   /* n_done / n_followed_up; NAN when none or hidden */
} VerkOrgGroup;

/* A unit's shown groups' actions at follow-up, added up. */
typedef struct {
  char     *name;         /* may be "" */
  guint     n_groups;     /* its groups in the matrix, hidden ones too */
  guint     n_followed_up;
  guint     n_done;
  double    done_share;   /* NAN when none */
} VerkOrgUnit;

typedef struct {
  guint       n_keys;
  char      **keys;       /* the content keys asked for, in that order */
  double     *mean;       /* per key: the mean of the shown groups' scores, NAN when none */
  GPtrArray  *groups;     /* VerkOrgGroup by name; groups with no workshop in the filter left out */
  GPtrArray  *units;      /* VerkOrgUnit by name, the units of @groups */
  /* The trend: per year with a score (oldest first), per key, the mean over
   * the shown groups of each group's mean agreed score that year; NAN when
   * no shown group agreed one. trend[y * n_keys + k]. */
  guint       n_years;
  int        *years;
  double     *trend;
  /* FALSE: the groups' and units' actions are not read yet (all 0; a
   * worker's read, verk_org_read_run(), counts them after the rest) */
  gboolean    actions_read;
} VerkOrgMatrix;

/* For each group (not trashed; of @unit unless NULL) with workshops (not
 * trashed; dated in @year unless 0): the mean agreed score of each content
 * key in @keys (NULL-terminated: the values, "siq.cooperation", …) over
 * those workshops, its difference from the organisation's mean, and the
 * numbers behind it. A group whose largest workshop had fewer than
 * @min_group_size participants is listed without scores, and is left out of
 * the organisation's mean, so that no small group can be singled out. */
VerkOrgMatrix *verk_store_get_organisation  (VerkStore *self, const char * const *keys, const char *unit,
                                             int year, guint min_group_size, GError **error);
void          verk_org_matrix_free          (VerkOrgMatrix *matrix);
/* What the organisation view can be filtered by: the units of the groups
 * (not trashed) that have workshops, sorted, and the years (ascending) in
 * which workshops (not trashed) were held. */
gboolean      verk_store_list_organisation_filters (VerkStore *self, GStrv *units, GArray **years,
                                                    GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkOrgMatrix, verk_org_matrix_free)
/* The same two reads on another thread, on a connection of their own
 * (verk-store-organisation.c); NULL when the store's own must read. */
typedef struct _VerkOrgRead VerkOrgRead;
VerkOrgRead  *verk_store_new_organisation_read (VerkStore *self, const char * const *keys, const char *unit,
                                                int year, guint min_group_size);
gboolean      verk_org_read_run             (VerkOrgRead *read);
VerkOrgMatrix *verk_org_read_steal          (VerkOrgRead *read, GStrv *units, GArray **years);
gboolean      verk_org_read_run_actions     (VerkOrgRead *read);
gboolean      verk_org_read_set_actions     (VerkOrgRead *read, VerkOrgMatrix *matrix);
void          verk_org_read_free            (VerkOrgRead *read);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkOrgRead, verk_org_read_free)

const char   *verk_action_status_to_string  (VerkActionStatus status);  /* translated */
/* What the backup is, for a list the user picks from: "Automatic backup",
 * "Before updating the database", "Before restoring a backup" (translated). */
const char   *verk_backup_describe          (const VerkBackup *backup);

void          verk_group_free               (VerkGroup       *group);
void          verk_workshop_free            (VerkWorkshop    *workshop);
void          verk_item_free                (VerkItem        *item);
void          verk_participant_free         (VerkParticipant *participant);
void          verk_score_free               (VerkScore       *score);
void          verk_action_free              (VerkAction      *action);
void          verk_reflection_free          (VerkReflection  *reflection);
void          verk_backup_free              (VerkBackup      *backup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkGroup, verk_group_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkWorkshop, verk_workshop_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkItem, verk_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkParticipant, verk_participant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkScore, verk_score_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkAction, verk_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkReflection, verk_reflection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkBackup, verk_backup_free)

G_END_DECLS
