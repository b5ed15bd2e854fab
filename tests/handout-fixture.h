/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "verk-store.h"

typedef struct {
  char      *dir;
  char      *db;
  VerkStore *store;
  gint64     group;
  gint64     first;
  gint64     follow_up;
} Fixture;

typedef struct {
  const char *lang;
  guint       n_participants;
  gboolean    long_texts;
} Case;

#define HANDOUT_FIXTURE_N_PEOPLE 12
extern const char *handout_fixture_people[HANDOUT_FIXTURE_N_PEOPLE];

/* Call first in main(): translations on, from the build tree's catalogues. */
void  handout_fixture_init_translations (void);
char *handout_fixture_repeat   (const char *unit, guint n);
/* A first workshop seeded in @data's (a Case) language and its follow-up. */
void  fixture_set_up           (Fixture *f, gconstpointer data);
void  fixture_tear_down        (Fixture *f, gconstpointer data);
/* `pdftotext MODE`: "-layout" keeps a table's row on one line, "-raw" each
 * wrapped text (a cell) together. */
char *handout_fixture_pdf_text (const char *pdf, const char *mode);
