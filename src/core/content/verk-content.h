/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* The workshop material shipped with Verkstad (resources/content/, one .ini file per subject): the
 * thirteen SIQ values, the leadership platform, the programme's modules and
 * the 1–5 scale, in one language. Read-only defaults: a workshop copies what
 * it uses into the store (verk_content_seed_workshop) and edits its copy. */
#define VERK_TYPE_CONTENT (verk_content_get_type ())
G_DECLARE_FINAL_TYPE (VerkContent, verk_content, VERK, CONTENT, GObject)

/* One text item: a value, an expectation. Owned by the VerkContent. */
typedef struct {
  const char *key;          /* "siq.cooperation", "platform.secure.1" */
  const char *name;
  const char *description;  /* "" when the item has none */
} VerkContentItem;

/* One part of the leadership platform. */
typedef struct {
  const char  *key;         /* "platform.secure" */
  const char  *name;        /* "Säker chef" */
  const char  *summary;     /* the role in one line */
  const char  *trait;       /* "Du är uthållig och personligt mogen" */
  const VerkContentItem *expectations;
  guint        n_expectations;
} VerkContentPart;

/* One module of the leadership programme. */
typedef struct {
  const char *key;          /* "module.clear" */
  const char *name;
  const char *purpose;
  double      days;         /* 1.5 */
} VerkContentModule;

/* One level of the defined 1–5 scale. */
typedef struct {
  int         level;        /* 1..5 */
  const char *label;
  const char *description;
} VerkContentLevel;

#define VERK_CONTENT_N_LEVELS 5

/* SIQ's method, step by step. */
typedef enum {
  VERK_METHOD_SCORE,            /* score together on the defined 1–5 scale */
  VERK_METHOD_PRIORITISE,       /* where the need for development is greatest */
  VERK_METHOD_PLAN,             /* an action plan per prioritised area */
  VERK_METHOD_OPERATIONAL_PLAN, /* the actions into the operational plan */
  VERK_METHOD_N_STEPS
} VerkMethodStep;

/* Registers the content GResource; safe to call more than once. */
void                     verk_content_register_once        (void);

/* @lang: "sv", "en", or NULL for the user's language (LANGUAGE, LC_MESSAGES).
 * Fails only when the built-in content is damaged (a build error). */
VerkContent             *verk_content_new                  (const char   *lang,
                                                            GError      **error);
/* "sv" or "en": the language the texts are in. */
const char              *verk_content_get_language         (VerkContent  *self);

/* The SIQ values in puzzle order. */
guint                    verk_content_get_n_values         (VerkContent  *self);
const VerkContentItem   *verk_content_get_value            (VerkContent  *self,
                                                            guint         index);
/* The value with @key, or NULL. */
const VerkContentItem   *verk_content_lookup_value         (VerkContent  *self,
                                                            const char   *key);
const char              *verk_content_get_values_title     (VerkContent  *self);
/* "SIQ's thirteen fundamental values, as adapted by Örebro…" */
const char              *verk_content_get_values_source    (VerkContent  *self);
/* What "mottagare" (recipients) means in the descriptions. */
const char              *verk_content_get_recipients_note  (VerkContent  *self);
const char              *verk_content_get_method_title     (VerkContent  *self);
const char              *verk_content_get_method_step      (VerkContent  *self,
                                                            VerkMethodStep step);
/* Steps @first..@last in the user's language, one sentence each. */
char                    *verk_content_method_intro         (VerkMethodStep first,
                                                            VerkMethodStep last);

/* The leadership platform. */
const char              *verk_content_get_platform_title   (VerkContent  *self);
/* "Örebro kommun ställer höga krav på dig…": the employer's promise. */
const char              *verk_content_get_platform_promise (VerkContent  *self);
/* The platform's place: "Sveriges viktigaste chefsjobb" and its programme. */
const char              *verk_content_get_platform_context (VerkContent  *self);
/* "Du förväntas", the lead-in to each part's expectations. */
const char              *verk_content_get_expected_label   (VerkContent  *self);
guint                    verk_content_get_n_parts          (VerkContent  *self);
const VerkContentPart   *verk_content_get_part             (VerkContent  *self,
                                                            guint         index);
/* "Du är en del av en helhet", "Du skapar värde för medborgarna genom att",
 * "Förenkla – Förnya – Förbättra". Any out-parameter may be NULL. */
void                     verk_content_get_whole            (VerkContent  *self,
                                                            const char  **title,
                                                            const char  **text,
                                                            const char  **motto);

/* The programme and its modules. */
const char              *verk_content_get_program_title    (VerkContent  *self);
guint                    verk_content_get_n_modules        (VerkContent  *self);
const VerkContentModule *verk_content_get_module           (VerkContent  *self,
                                                            guint         index);

/* The 1–5 scale: @level 1..5. */
const char              *verk_content_get_scale_note       (VerkContent  *self);
const VerkContentLevel  *verk_content_get_level            (VerkContent  *self,
                                                            int           level);

/* Copies the SIQ values (framework "siq"), the platform's expectations
 * ("platform", keys "platform.secure.1"…) and the scale levels ("scale",
 * keys "scale.1".."scale.5") into the workshop as its own editable items.
 * Stops at the first store error. */
gboolean                 verk_content_seed_workshop        (VerkContent  *self,
                                                            VerkStore    *store,
                                                            gint64        workshop_id,
                                                            GError      **error);

/* Where a long word in a piece's name may break with a hyphen, from the
 * content pack's NameBreaks hints ("Kompetens|utveckling"): the word with
 * "|" at each such point, or NULL. Matches whole words, any language, so an
 * edited name keeps the hints for the words it still has. Thread-safe. */
const char              *verk_content_lookup_name_breaks   (const char   *word);

G_END_DECLS
