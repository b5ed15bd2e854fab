#!/usr/bin/env bash
# One word for one thing (issue 14): the Swedish texts say "Önskad nivå" (never
# "Önskat läge") for the desired level and "åtgärdsplan" (the seeds' word,
# never "handlingsplan") for the action plan, on screen, in accessible names,
# in the workbook (all from po/sv.po) and in the content pack.
set -euo pipefail
cd "$1"
rejected='Önskat läge|önskat läge|[Hh]andlingsplan'
found=$(grep -nE "$rejected" po/sv.po resources/content/*.ini | grep -v '^po/sv.po:[0-9]*:#' || true)
if [ -n "$found" ]; then
  echo "Use \"Önskad nivå\" and \"åtgärdsplan\":"
  echo "$found"
  exit 1
fi
echo "ok: one word for the desired level and the action plan"
