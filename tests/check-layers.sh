#!/usr/bin/env bash
# The layers of docs/ARCHITECTURE.md, checked on the source tree:
# - the core (src/core/) includes no GTK or libadwaita;
# - only the store (src/core/store/) speaks SQL: no sqlite3 include or call
#   anywhere else (the widgets are not even built with SQLite's flags);
# - the command line (src/cli/) includes no GTK;
# - every GtkBuilder template sits beside its class: FOLDER/NAME.ui has a
#   FOLDER/NAME.c (help-overlay.ui belongs to the application);
# - no file is left flat in src/: each belongs to a layer's folder;
# - no widget lists rows through the store (verk_store_list_*): the views
#   read the models in src/core/model/;
# - a workshop's content (its pieces, participants, scores, priorities,
#   actions, reflections) is read from the store only by the workshop model:
#   the export, the handout and the room read the model too;
# - the windows' GSettings is the application's one (a view reads a
#   preference from its session, e.g. VerkSession:disagreement-threshold);
#   only the export and the command line, which may run without an
#   application, make their own.
set -euo pipefail
cd "$1"
status=0

fail () {
  echo "$1"
  echo "$2" | sed 's/^/  /'
  status=1
}

found=$(grep -rlE '#include <(gtk/gtk|adwaita)\.h>' src/core src/cli || true)
[ -z "$found" ] || fail "GTK included below the widgets:" "$found"

found=$(grep -rnE '#include <sqlite3\.h>|\bsqlite3_[a-z_]+ *\(' src --include='*.c' --include='*.h' \
          | grep -v '^src/core/store/' || true)
[ -z "$found" ] || fail "SQL outside the store (src/core/store/):" "$found"

found=$(find src -name '*.ui' ! -name help-overlay.ui | while read -r ui; do
          [ -e "${ui%.ui}.c" ] || echo "$ui"
        done)
[ -z "$found" ] || fail "templates without a class beside them:" "$found"

found=$(find src -maxdepth 1 -type f ! -name meson.build)
[ -z "$found" ] || fail "files outside a layer's folder:" "$found"

found=$(grep -rnE '\bverk_store_list_[a-z_]+ *\(' src/app src/steps src/present src/widgets \
          --include='*.c' || true)
[ -z "$found" ] || fail "widgets listing through the store instead of a model:" "$found"

found=$(grep -rnE '\bverk_store_list_(items|participants|scores|priorities|actions|reflections|second_round_scores|second_rounds) *\(' \
          src --include='*.c' | grep -vE '^src/core/(store|model)/' || true)
[ -z "$found" ] || fail "a workshop's content read from the store outside the workshop model:" "$found"

found=$(grep -rnE '\bg_settings_new(_full|_with_path|_with_backend|_with_backend_and_path)? *\(' src --include='*.c' \
          | grep -vE '^src/(app/verk-application\.c:|core/export/|cli/)' || true)
[ -z "$found" ] || fail "a GSettings of its own outside the application (read the session or the application's):" "$found"

[ $status -eq 0 ] && echo "ok: the core has no GTK, only the store has SQL, templates sit with their classes, views and exports read the models"
exit $status
