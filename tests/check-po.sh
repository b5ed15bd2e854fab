#!/usr/bin/env bash
# Fails when a translatable string of the sources is missing from po/sv.po, or
# is untranslated or fuzzy there. Extracts with the same keywords as meson's
# glib preset, into a temporary file (the source tree stays untouched).
set -euo pipefail
src=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$src"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments --package-name=verkstad \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 --keyword=Q_:1g \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from="$tmp/files" -o "$tmp/verkstad.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }
msgmerge --quiet --no-fuzzy-matching -o "$tmp/sv.po" po/sv.po "$tmp/verkstad.pot"
msgattrib --no-obsolete -o "$tmp/sv.po" "$tmp/sv.po"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/sv.po" 2>&1)
echo "# $stats"
msgfmt --check -o /dev/null po/sv.po
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "Strings missing a Swedish translation (run build-aux/update-po and translate):"
    msgattrib --untranslated --only-fuzzy "$tmp/sv.po" 2>/dev/null | grep '^msgid' | head -40
    msgattrib --untranslated "$tmp/sv.po" | grep '^msgid' | head -40
    exit 1 ;;
esac
