/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-organisation-model"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "verk-organisation-model.h"

struct _VerkOrganisationModel
{
  GObject        parent_instance;

  /* owned */
  VerkStore     *store;
  GStrv          keys;
  char          *unit;            /* NULL: every unit */
  int            year;            /* 0: every year */
  int            min_group_size;
  GStrv          units;           /* what the filter offers */
  GArray        *years;           /* int, likewise */
  VerkOrgMatrix *matrix;
  GError        *error;

  gulong         changed_id;
  guint          reload_id;
  struct _ReadJob *job;           /* a read on a worker thread, until taken */
  struct _ReadJob *actions_job;   /* the same, after: until its actions are taken */
  gboolean       hold_actions;    /* verk_organisation_model_hold_actions() */
};

G_DEFINE_FINAL_TYPE (VerkOrganisationModel, verk_organisation_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNIT,
  PROP_YEAR,
  PROP_MIN_GROUP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A read on a worker thread (verk_organisation_model_set_store_in_background()):
 * shared by the thread and the model; @owner is touched on the model's
 * thread only, and set to NULL when the model no longer wants the read.
 * Nothing on the model's thread ever waits for the thread: its results
 * come back as idle callbacks. The thread may wait for the model, between
 * the matrix and the actions (@lock, @let_go). */
typedef struct _ReadJob
{
  gatomicrefcount        ref;
  VerkOrgRead           *read;
  GMainContext          *context;
  VerkOrganisationModel *owner;
  char                  *hold;         /* VERKSTAD_TEST_ORGANISATION_READ_HOLD */
  GMutex                 lock;
  GCond                  let_go;
  gboolean               actions_held; /* the actions wait until the model lets them go */
  gboolean               dropped;      /* the model no longer wants the read */
} ReadJob;

static ReadJob *
read_job_ref (ReadJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
read_job_unref (gpointer data)
{
  ReadJob *job = data;

  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  verk_org_read_free (job->read);
  g_main_context_unref (job->context);
  g_free (job->hold);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->let_go);
  g_free (job);
}

static void take_job (VerkOrganisationModel *self);
static void take_actions (VerkOrganisationModel *self);

static gboolean
on_read_done (gpointer data)
{
  ReadJob *job = data;

  if (job->owner != NULL && job->owner->job == job)
    take_job (job->owner);
  return G_SOURCE_REMOVE;
}

static gboolean
on_actions_done (gpointer data)
{
  ReadJob *job = data;

  if (job->owner != NULL && job->owner->actions_job == job)
    take_actions (job->owner);
  return G_SOURCE_REMOVE;
}

static void
notify_model (ReadJob     *job,
              GSourceFunc  func)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, read_job_ref (job), read_job_unref);
  g_source_attach (source, job->context);
  g_source_unref (source);
}

/* Tests hold the read back (a slow disk, a big organisation) with
 * VERKSTAD_TEST_ORGANISATION_READ_HOLD: the path of a FIFO, and the read
 * starts once a byte was written to it (or its writer closed it). */
static void
wait_for_hold (const char *path)
{
  char byte;
  int fd;

  do
    fd = open (path, O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return;
  while (read (fd, &byte, 1) < 0 && errno == EINTR)
    ;
  close (fd);
}

/* Whether to count the actions: at once, unless the model holds them back
 * (verk_organisation_model_hold_actions()), then once it lets them go;
 * not when it has dropped the read. */
static gboolean
wait_to_count_actions (ReadJob *job)
{
  gboolean count;

  g_mutex_lock (&job->lock);
  while (job->actions_held && !job->dropped)
    g_cond_wait (&job->let_go, &job->lock);
  count = !job->dropped;
  g_mutex_unlock (&job->lock);
  return count;
}

/* On the model's thread. */
static void
let_actions_go (ReadJob  *job,
                gboolean  drop)
{
  if (job == NULL)
    return;
  g_mutex_lock (&job->lock);
  job->actions_held = FALSE;
  job->dropped |= drop;
  g_cond_signal (&job->let_go);
  g_mutex_unlock (&job->lock);
}

/* The matrix first, which the model takes as soon as its thread is idle
 * (a window's first frame is shown once it is there), then the actions, in
 * the same snapshot. */
static gpointer
read_in_thread (gpointer data)
{
  ReadJob *job = data;
  gboolean ok;

  if (job->hold != NULL)
    wait_for_hold (job->hold);
  ok = verk_org_read_run (job->read);
  notify_model (job, on_read_done);

  if (ok && wait_to_count_actions (job))
    {
      verk_org_read_run_actions (job->read);
      notify_model (job, on_actions_done);
    }
  read_job_unref (job);
  return NULL;
}

/* The model no longer wants the read under way (another store or choice,
 * an edit): the thread finishes on its own and its result is dropped. */
static void
drop_job (VerkOrganisationModel *self)
{
  if (self->job != NULL)
    self->job->owner = NULL;
  let_actions_go (self->job, TRUE);
  g_clear_pointer (&self->job, read_job_unref);
  if (self->actions_job != NULL)
    self->actions_job->owner = NULL;
  let_actions_go (self->actions_job, TRUE);
  g_clear_pointer (&self->actions_job, read_job_unref);
}

static gboolean
contains_year (GArray *years,
               int     year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return TRUE;
  return FALSE;
}

static gboolean
offers_year (VerkOrganisationModel *self,
             int                    year)
{
  return contains_year (self->years, year);
}

static void
read_store (VerkOrganisationModel *self)
{
  g_auto (GStrv) units = NULL;
  g_autoptr (GArray) years = NULL;

  if (self->store == NULL)
    return;
  if (!verk_store_list_organisation_filters (self->store, &units, &years, &self->error))
    return;
  g_strfreev (self->units);
  self->units = g_steal_pointer (&units);
  g_array_unref (self->years);
  self->years = g_steal_pointer (&years);

  /* A choice the store no longer offers (another database, the unit's last
   * group deleted) is dropped, as a drop-down would show it. */
  if (self->unit != NULL && !g_strv_contains ((const char * const *) self->units, self->unit))
    {
      g_clear_pointer (&self->unit, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
    }
  if (self->year != 0 && !offers_year (self, self->year))
    {
      self->year = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  self->matrix = verk_store_get_organisation (self->store, (const char * const *) self->keys, self->unit,
                                              self->year, (guint) MAX (self->min_group_size, 0), &self->error);
}

/**
 * verk_organisation_model_reload:
 *
 * Reads the filters' choices and the matrix again, then emits ::changed.
 */
void
verk_organisation_model_reload (VerkOrganisationModel *self)
{
  g_return_if_fail (VERK_IS_ORGANISATION_MODEL (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  drop_job (self);
  g_clear_pointer (&self->matrix, verk_org_matrix_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->units, g_strfreev);
  self->units = g_new0 (char *, 1);
  g_array_set_size (self->years, 0);
  read_store (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The worker's read, now on the model's thread: it becomes the model's, as
 * if read_store() had read it; read again here when it failed (the store's
 * connection says why) or when the store no longer offers the chosen unit
 * or year (read_store() drops those, then reads the matrix). */
static void
take_job (VerkOrganisationModel *self)
{
  ReadJob *job = g_steal_pointer (&self->job);
  g_auto (GStrv) units = NULL;
  g_autoptr (GArray) years = NULL;
  g_autoptr (VerkOrgMatrix) matrix = verk_org_read_steal (job->read, &units, &years);

  /* the job goes on with the actions (the thread owns what it reads) */
  self->actions_job = job;
  if (matrix == NULL
      || (self->unit != NULL && !g_strv_contains ((const char * const *) units, self->unit))
      || (self->year != 0 && !contains_year (years, self->year)))
    {
      verk_organisation_model_reload (self);
      return;
    }
  g_strfreev (self->units);
  self->units = g_steal_pointer (&units);
  g_array_unref (self->years);
  self->years = g_steal_pointer (&years);
  self->matrix = g_steal_pointer (&matrix);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The worker's count of the actions, into the matrix it read before:
 * ::changed again; read here when they could not be read there. */
static void
take_actions (VerkOrganisationModel *self)
{
  ReadJob *job = g_steal_pointer (&self->actions_job);
  gboolean ok = self->matrix != NULL && verk_org_read_set_actions (job->read, self->matrix);

  job->owner = NULL;
  read_job_unref (job);
  if (!ok)
    {
      verk_organisation_model_reload (self);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
reload_idle (gpointer user_data)
{
  VerkOrganisationModel *self = user_data;

  self->reload_id = 0;
  verk_organisation_model_reload (self);
  return G_SOURCE_REMOVE;
}

/* A burst of edits (an import of many files) is read once. */
static void
on_store_changed (VerkStore *store,
                  int        kind,
                  gint64     workshop_id,
                  gpointer   user_data)
{
  VerkOrganisationModel *self = user_data;

  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle, self, NULL);
}

static void
verk_organisation_model_dispose (GObject *object)
{
  VerkOrganisationModel *self = VERK_ORGANISATION_MODEL (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  drop_job (self);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (verk_organisation_model_parent_class)->dispose (object);
}

static void
verk_organisation_model_finalize (GObject *object)
{
  VerkOrganisationModel *self = VERK_ORGANISATION_MODEL (object);

  g_strfreev (self->keys);
  g_free (self->unit);
  g_strfreev (self->units);
  g_array_unref (self->years);
  g_clear_pointer (&self->matrix, verk_org_matrix_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (verk_organisation_model_parent_class)->finalize (object);
}

static void
verk_organisation_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VerkOrganisationModel *self = VERK_ORGANISATION_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_MIN_GROUP_SIZE:
      g_value_set_int (value, self->min_group_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_organisation_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VerkOrganisationModel *self = VERK_ORGANISATION_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      verk_organisation_model_set_store (self, g_value_get_object (value));
      break;
    case PROP_UNIT:
      verk_organisation_model_set_unit (self, g_value_get_string (value));
      break;
    case PROP_YEAR:
      verk_organisation_model_set_year (self, g_value_get_int (value));
      break;
    case PROP_MIN_GROUP_SIZE:
      verk_organisation_model_set_min_group_size (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verk_organisation_model_class_init (VerkOrganisationModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verk_organisation_model_dispose;
  object_class->finalize = verk_organisation_model_finalize;
  object_class->get_property = verk_organisation_model_get_property;
  object_class->set_property = verk_organisation_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VERK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_GROUP_SIZE] =
    g_param_spec_int ("min-group-size", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VerkOrganisationModel::changed:
   *
   * The units, years and matrix were read again (after an edit, another
   * choice or another store).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
verk_organisation_model_init (VerkOrganisationModel *self)
{
  self->units = g_new0 (char *, 1);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
}

/**
 * verk_organisation_model_new:
 * @store: (nullable): the store to read
 * @keys: the values' content keys, in the order the matrix keeps them
 *
 * Returns: (transfer full): a model that has read @store once
 */
VerkOrganisationModel *
verk_organisation_model_new (VerkStore          *store,
                             const char * const *keys)
{
  VerkOrganisationModel *self;

  g_return_val_if_fail (store == NULL || VERK_IS_STORE (store), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  self = g_object_new (VERK_TYPE_ORGANISATION_MODEL, NULL);
  self->keys = g_strdupv ((char **) keys);
  verk_organisation_model_set_store (self, store);
  return self;
}

VerkStore *
verk_organisation_model_get_store (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), NULL);
  return self->store;
}

static gboolean
replace_store (VerkOrganisationModel *self,
               VerkStore             *store)
{
  if (store == self->store)
    return FALSE;
  g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  return TRUE;
}

void
verk_organisation_model_set_store (VerkOrganisationModel *self,
                                   VerkStore             *store)
{
  g_return_if_fail (VERK_IS_ORGANISATION_MODEL (self));
  g_return_if_fail (store == NULL || VERK_IS_STORE (store));

  if (replace_store (self, store))
    verk_organisation_model_reload (self);
}

/**
 * verk_organisation_model_set_store_in_background:
 *
 * As verk_organisation_model_set_store(), but @store is read on a worker
 * thread, on a connection of its own: the matrix is %NULL, and ::changed
 * comes, once the read is taken (from the main loop, when the thread is
 * done), with the matrix but not its actions (actions_read %FALSE), and
 * again with them (once let go, when held:
 * verk_organisation_model_hold_actions()). Read at once when the store's
 * own connection has to read it (verk_store_new_organisation_read()).
 */
void
verk_organisation_model_set_store_in_background (VerkOrganisationModel *self,
                                                 VerkStore             *store)
{
  VerkOrgRead *read;
  ReadJob *job;
  GThread *thread;

  g_return_if_fail (VERK_IS_ORGANISATION_MODEL (self));
  g_return_if_fail (store == NULL || VERK_IS_STORE (store));

  if (!replace_store (self, store))
    return;
  read = store != NULL
    ? verk_store_new_organisation_read (store, (const char * const *) self->keys, self->unit, self->year,
                                        (guint) MAX (self->min_group_size, 0))
    : NULL;
  if (read == NULL)
    {
      verk_organisation_model_reload (self);
      return;
    }

  g_clear_handle_id (&self->reload_id, g_source_remove);
  drop_job (self);
  g_clear_pointer (&self->matrix, verk_org_matrix_free);
  g_clear_error (&self->error);
  job = g_new0 (ReadJob, 1);
  g_atomic_ref_count_init (&job->ref);
  g_mutex_init (&job->lock);
  g_cond_init (&job->let_go);
  job->actions_held = self->hold_actions;
  job->hold = g_strdup (g_getenv ("VERKSTAD_TEST_ORGANISATION_READ_HOLD"));
  job->read = read;
  job->context = g_main_context_ref_thread_default ();
  job->owner = self;
  self->job = job;
  /* at most 15 characters: pthread_setname_np() refuses a longer name, and
   * the thread would go by the program's (in top, perf, gdb) */
  thread = g_thread_new ("verk-org-read", read_in_thread, read_job_ref (job));
  g_thread_unref (thread);
}

/**
 * verk_organisation_model_hold_actions:
 * @hold: whether the actions wait
 *
 * While held, a read in the background (one started while held, or under
 * way) counts the actions done at follow-up only once they are let go:
 * a window lets them go once it has drawn the matrix, so that counting
 * them does not take a processor from that first frame. A read dropped
 * meanwhile does not count them.
 */
void
verk_organisation_model_hold_actions (VerkOrganisationModel *self,
                                      gboolean               hold)
{
  g_return_if_fail (VERK_IS_ORGANISATION_MODEL (self));

  self->hold_actions = hold;
  if (!hold)
    {
      let_actions_go (self->job, FALSE);
      let_actions_go (self->actions_job, FALSE);
    }
}

/**
 * verk_organisation_model_is_reading:
 *
 * Returns: whether a read on a worker thread is under way
 */
gboolean
verk_organisation_model_is_reading (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), FALSE);
  return self->job != NULL;
}

const char *
verk_organisation_model_get_unit (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), NULL);
  return self->unit;
}

void
verk_organisation_model_set_unit (VerkOrganisationModel *self,
                                  const char            *unit)
{
  g_return_if_fail (VERK_IS_ORGANISATION_MODEL (self));

  if (g_strcmp0 (unit, self->unit) == 0)
    return;
  g_free (self->unit);
  self->unit = g_strdup (unit);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
  verk_organisation_model_reload (self);
}

int
verk_organisation_model_get_year (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), 0);
  return self->year;
}

void
verk_organisation_model_set_year (VerkOrganisationModel *self,
                                  int                    year)
{
  g_return_if_fail (VERK_IS_ORGANISATION_MODEL (self));

  if (year == self->year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  verk_organisation_model_reload (self);
}

int
verk_organisation_model_get_min_group_size (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), 0);
  return self->min_group_size;
}

void
verk_organisation_model_set_min_group_size (VerkOrganisationModel *self,
                                            int                    size)
{
  g_return_if_fail (VERK_IS_ORGANISATION_MODEL (self));

  size = MAX (size, 0);
  if (size == self->min_group_size)
    return;
  self->min_group_size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_GROUP_SIZE]);
  verk_organisation_model_reload (self);
}

const char * const *
verk_organisation_model_get_units (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), NULL);
  return (const char * const *) self->units;
}

const int *
verk_organisation_model_get_years (VerkOrganisationModel *self,
                                   guint                 *n_years)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), NULL);
  g_return_val_if_fail (n_years != NULL, NULL);

  *n_years = self->years->len;
  return (const int *) (gpointer) self->years->data;
}

const VerkOrgMatrix *
verk_organisation_model_get_matrix (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), NULL);
  return self->matrix;
}

const GError *
verk_organisation_model_get_error (VerkOrganisationModel *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_MODEL (self), NULL);
  return self->error;
}
