#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the workbooks xlsx-fixture exported with real readers and compares
them with what the store holds (expected.json, written through the store API):

- openpyxl: every sheet name, value, date, number format, table, validation
  list, frozen pane, document property; no cell is a formula;
- the zip: every XML part parses with a strict parser (expat), the chart and
  image parts exist;
- LibreOffice headless: every sheet of every workbook converted to UTF-8 CSV
  in one soffice run, compared cell by cell with openpyxl's reading.

- the command line: `verkstad --export-xlsx` with each scope and no display
  writes the same cells as the library; failures exit non-zero with a
  message and leave no file.

Usage: check_workbooks.py PATH/TO/xlsx-fixture PATH/TO/verkstad   (prints TAP)
"""
import csv
import datetime
import gettext
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom
import zipfile

import openpyxl

CELL_MAX = 32767
STATUSES_EN = []
results = []


def ok(cond, name, diag=None):
    results.append((bool(cond), name, diag))
    return bool(cond)


def finish():
    print(f"1..{len(results)}")
    failed = 0
    for i, (passed, name, diag) in enumerate(results, 1):
        print(f"{'ok' if passed else 'not ok'} {i} - {name}")
        if not passed:
            failed += 1
            for line in str(diag).splitlines()[:30]:
                print(f"# {line}")
    sys.exit(1 if failed else 0)


def translator(lang):
    if lang == 'en':
        return lambda s: s
    t = gettext.translation('verkstad', localedir=os.environ['VERKSTAD_LOCALEDIR'], languages=[lang])
    return t.gettext


def utf16_len(s):
    return len(s.encode('utf-16-le')) // 2


def clean(text):
    """What the exporter does to control characters (see replace_controls)."""
    if text is None:
        return None
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        o = ord(c)
        if c == '\r':
            if not (i + 1 < len(text) and text[i + 1] == '\n'):
                out.append('\n')
        elif c in '\v\f':
            out.append('\n')
        elif c in '\t\n':
            out.append(c)
        elif o < 0x20 or 0x7F <= o <= 0x9F or o in (0xFFFE, 0xFFFF):
            pass
        else:
            out.append(c)
        i += 1
    return ''.join(out)


class Book:
    """One exported workbook and the language it was written in."""

    def __init__(self, path, lang):
        self.path = path
        self.name = os.path.basename(path)
        self.lang = lang
        self._ = translator(lang)
        self.wb = openpyxl.load_workbook(path)
        self.problems = []

    def expect(self, what, got, want):
        if got != want:
            self.problems.append(f"{what}: got {short(got)!r}, want {short(want)!r}")

    def expect_text(self, what, got, want):
        """A text cell: equal after control characters go, or cut at the limit."""
        want = clean(want)
        if want in (None, ''):
            self.expect(what, got, None)
            return
        if utf16_len(want) <= CELL_MAX:
            self.expect(what, got, want)
            return
        marker = self._(" […cut: Excel's cell limit reached]")
        if not (isinstance(got, str) and got.endswith(marker) and utf16_len(got) <= CELL_MAX
                and utf16_len(got) >= CELL_MAX - 1 and want.startswith(got[:-len(marker)])):
            self.problems.append(f"{what}: not cut at the cell limit with the marker "
                                 f"(length {utf16_len(got) if isinstance(got, str) else got})")


def short(v):
    if isinstance(v, str) and len(v) > 60:
        return v[:40] + f"…({len(v)} chars)"
    return v


def day(text):
    return datetime.datetime.strptime(text, '%Y-%m-%d') if text else None


def num(v):
    return v if v else None


def names_of(ws_exp, _):
    return [p['name'] if p['name'] else _("Participant %u") % (i + 1)
            for i, p in enumerate(ws_exp['participants'])]


def stats(values):
    """count, mean, median, min, max, spread (max − min) of the scores given."""
    if not values:
        return None
    v = sorted(values)
    n = len(v)
    median = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    return [n, sum(v) / n, median, v[0], v[-1], v[-1] - v[0]]


def agreement(values):
    """r_wg for a 5-point scale: 1 − s²/2 (s² the sample variance), at least 0;
    None with fewer than two scores."""
    if len(values) < 2:
        return None
    mean = sum(values) / len(values)
    var = sum((x - mean) ** 2 for x in values) / (len(values) - 1)
    return max(0.0, 1 - var / 2)


def find_row(ws, col, value, start=1):
    for r in range(start, ws.max_row + 1):
        if ws.cell(r, col).value == value:
            return r
    return None


def row_values(ws, r, n):
    return [ws.cell(r, c).value for c in range(1, n + 1)]


# ---- Sheets --------------------------------------------------------------

def check_summary(book, ws, w, prev, group):
    _ = book._
    book.expect("title", ws['A1'].value, _("Leadership workshop: %s") % group['name'])
    label = {ws.cell(r, 1).value: r for r in range(1, 15)}
    book.expect("group", ws.cell(label[_("Group")], 2).value, group['name'])
    book.expect("date", ws.cell(label[_("Date")], 2).value, day(w['date']))
    book.expect("date format", ws.cell(label[_("Date")], 2).number_format, 'yyyy-mm-dd')
    book.expect("facilitator", ws.cell(label[_("Facilitator")], 2).value, w['facilitator'])
    book.expect("participants", ws.cell(label[_("Participants")], 2).value, ', '.join(names_of(w, _)))
    if prev:
        book.expect("follows up", ws.cell(label[_("Follows up")], 2).value, day(prev['date']))
    if w['notes']:
        book.expect_text("notes", ws.cell(label[_("Notes")], 2).value, w['notes'])
    items = {it['id']: it for it in w['siq'] + w['platform']}

    r = find_row(ws, 1, _("Priorities"))
    if w['priorities']:
        book.expect("priority header", row_values(ws, r + 1, 5),
                    [_("Area"), _("Rank"), _("Agreed score"), _("Desired level"), _("Gap")])
        for rank, iid in enumerate(w['priorities'], 1):
            it = items[iid]
            gap = it['desired'] - it['agreed'] if it['agreed'] and it['desired'] else None
            book.expect(f"priority {rank}", row_values(ws, r + 1 + rank, 5),
                        [it['name'], rank, num(it['agreed']), num(it['desired']), gap])
    else:
        book.expect("no priorities", ws.cell(r + 1, 1).value, _("No priorities chosen yet."))

    r = find_row(ws, 1, _("Agreed scores"))
    book.expect("agreed header", row_values(ws, r + 1, 4),
                [_("Area"), _("This workshop"), _("Previous workshop"), _("Change")])
    old = {}
    if prev:
        old = {(it['key'] or 'n:' + it['name']): it['agreed'] for it in prev['siq']}
    for i, it in enumerate(w['siq']):
        o = old.get(it['key'] or 'n:' + it['name'], 0)
        change = it['agreed'] - o if it['agreed'] and o else None
        book.expect(f"agreed row {i}", row_values(ws, r + 2 + i, 4),
                    [it['name'], num(it['agreed']), num(o), change])

    if w['scale']:
        r = find_row(ws, 1, _("The scale"))
        for i, lv in enumerate(w['scale']):
            book.expect(f"scale {i + 1}", [ws.cell(r + 1 + i, 1).value, ws.cell(r + 1 + i, 2).value],
                        [f"{i + 1}  {lv['name']}", lv['description']])


def check_score_table(book, ws, r, w, items, area_header):
    """The header at row r and one row per item; returns the row after."""
    _ = book._
    names = names_of(w, _)
    header = ([area_header, _("Description"), _("Agreed")] + names +
              [_("Count"), _("Mean"), _("Median"), _("Min"), _("Max"), _("Spread"),
               _("Agreement (r_wg)"), _("Shared view"), _("Comments"), _("Rationale"), _("Desired level")])
    book.expect(f"score header row {r}", row_values(ws, r, len(header)), header)
    scores = {(s['item'], s['participant']): s for s in w['scores']}
    for i, it in enumerate(items):
        row = r + 1 + i
        got = row_values(ws, row, len(header))
        values = [scores[(it['id'], p['id'])]['value'] if (it['id'], p['id']) in scores else None
                  for p in w['participants']]
        st = stats([v for v in values if v])
        want = [it['name']] + [None, num(it['agreed'])] + values
        want += st if st else [0, None, None, None, None, None]
        tag = f"{ws.title}!row {row} ({it['name']})"
        book.expect(tag, got[:1] + got[2:3 + len(names)] + got[3 + len(names):9 + len(names)],
                    want[:1] + want[2:])
        book.expect_text(tag + " description", got[1], it['description'])
        rwg = agreement([v for v in values if v])
        got_rwg = got[9 + len(names)]
        book.expect(tag + " r_wg", round(got_rwg, 9) if isinstance(got_rwg, float) else got_rwg,
                    None if rwg is None else (int(rwg) if float(rwg).is_integer() else round(rwg, 9)))
        book.expect(tag + " shared view", got[10 + len(names)],
                    _("no shared view") if rwg is not None and rwg < 0.70 else None)
        comments = [f"{names[k]}: {clean(scores[(it['id'], p['id'])]['comment'])}"
                    for k, p in enumerate(w['participants'])
                    if (it['id'], p['id']) in scores and scores[(it['id'], p['id'])]['comment']]
        book.expect_text(tag + " comments", got[-3], '\n'.join(comments) if comments else None)
        book.expect_text(tag + " rationale", got[-2], it['rationale'])
        book.expect(tag + " desired", got[-1], num(it['desired']))
        for c in range(len(header)):
            cell = ws.cell(row, c + 1)
            if isinstance(cell.value, float) and not cell.value.is_integer():
                book.expect(tag + " decimals", cell.number_format, '0.00')
    return r + 1 + len(items)


def check_scores(book, ws, sections):
    _ = book._
    for w in sections:
        title = _("%s, workshop %s") % (w['group'], w['date'])
        r = find_row(ws, 1, title)
        if not r:
            book.problems.append(f"Scores: no section {title!r}")
            continue
        end = check_score_table(book, ws, r + 1, w, w['siq'], _("Area"))
        if not w['scores']:
            book.expect("no scores note", ws.cell(end, 1).value, _("No scores recorded yet."))
    if len(sections) == 1:
        book.expect("scores frozen", ws.freeze_panes, 'B3')
        book.expect("scores print titles", ws.print_title_rows.replace('$', ''), '2:2')
    rules = [(str(cf.sqref), [x.type for x in cf.rules]) for cf in ws.conditional_formatting]
    if any(w['siq'] for w in sections):
        book.expect("scores colour scale", any('colorScale' in t for _r, t in rules), True)


def check_actions(book, ws, sections, scope, statuses):
    _ = book._
    cols = []
    if scope == 'all':
        cols.append(_("Group"))
    if scope != 'workshop':
        cols.append(_("Workshop"))
    cols += [_("Area"), _("Action"), _("Owner"), _("Due date"), _("Status"), _("Follow-up note")]
    book.expect("action header", row_values(ws, 1, len(cols)), cols)
    rows = []
    for w in sections:
        items = {it['id']: it['name'] for it in w['siq'] + w['platform']}
        for a in w['actions']:
            row = []
            if scope == 'all':
                row.append(w['group'])
            if scope != 'workshop':
                row.append(day(w['date']))
            status = statuses[STATUSES_EN.index(a['status'])]   # expected.json is in English
            row += [items.get(a['item']), a['what'], a['owner'], day(a['due']), status,
                    a['followup'] or None]
            rows.append(row)
    for i, want in enumerate(rows):
        got = row_values(ws, 2 + i, len(cols))
        book.expect(f"action row {i + 2}", got, [clean(v) if isinstance(v, str) else v for v in want])
        due = ws.cell(2 + i, cols.index(_("Due date")) + 1)
        if want[cols.index(_("Due date"))]:
            book.expect(f"action {i + 2} due is a date", (due.is_date, due.number_format), (True, 'yyyy-mm-dd'))
    book.expect("actions end", ws.cell(2 + len(rows), cols.index(_("Action")) + 1).value, None)
    tables = ws.tables
    book.expect("action table", list(tables.keys()), ['ActionPlan'])
    if tables:
        t = tables['ActionPlan']
        last = chr(ord('A') + len(cols) - 1)
        book.expect("action table range", t.ref, f"A1:{last}{1 + max(len(rows), 1)}")
        book.expect("action table banded", t.tableStyleInfo.showRowStripes, True)
        book.expect("action table autofilter", t.autoFilter is not None, True)
    book.expect("action frozen header", ws.freeze_panes, 'A2')
    book.expect("action print titles", ws.print_title_rows.replace('$', ''), '1:1')
    dv = ws.data_validations.dataValidation
    status_col = chr(ord('A') + cols.index(_("Status")))
    last = 1 + max(len(rows), 1)
    book.expect("status validation", [(v.type, v.formula1, str(v.sqref)) for v in dv],
                [('list', '"' + ','.join(statuses) + '"',
                  f"{status_col}2" if last == 2 else f"{status_col}2:{status_col}{last}")])


# The parts' names as the content pack (resources/content/platform.ini) has them.
PARTS = {
    'en': {'platform.secure': "Secure manager", 'platform.initiative': "Enterprising developer",
           'platform.clear': "Clear leader"},
    'sv': {'platform.secure': "Säker chef", 'platform.initiative': "Initiativrik utvecklare",
           'platform.clear': "Klar ledare"},
}


def check_platform(book, ws, sections):
    _ = book._
    for w in sections:
        title = _("%s, workshop %s") % (w['group'], w['date'])
        r = find_row(ws, 1, title)
        if not r:
            book.problems.append(f"Platform: no section {title!r}")
            continue
        book.expect("platform header", row_values(ws, r + 1, 5),
                    [_("Part"), _("Strengths"), _("Development areas"), _("Obstacles"),
                     _("Who can remove them")])
        order = list(PARTS['en'])
        refl = sorted(w['reflections'], key=lambda r: order.index(r['part']) if r['part'] in order else 99)
        for i, ref in enumerate(refl):
            got = row_values(ws, r + 2 + i, 5)
            want = [PARTS[book.lang].get(ref['part'], ref['part'])] + [
                clean(ref[k]) or None for k in ('strengths', 'development', 'obstacles', 'removers')]
            book.expect(f"reflection {ref['part']}", got, want)
        end = r + 2 + len(w['reflections'])
        if not w['reflections']:
            book.expect("no reflections", ws.cell(end, 1).value, _("No reflections written yet."))
            end += 1
        scored = any(it['agreed'] for it in w['platform']) or any(
            s['item'] in {it['id'] for it in w['platform']} for s in w['scores'])
        if scored:
            book.expect("expectations heading", ws.cell(end + 1, 1).value, _("Expectations scored"))
            check_score_table(book, ws, end + 2, w, w['platform'], _("Expectation"))


def history_keys(group):
    keys, names = [], {}
    for w in reversed(group['workshops']):
        for it in w['siq']:
            k = it['key'] or 'n:' + it['name']
            if k not in names:
                keys.append(k)
                names[k] = it['name']
    return keys, names


def check_history(book, ws, groups):
    _ = book._
    r = 1
    for g in groups:
        r = find_row(ws, 1, g['name'], r)
        if not r:
            book.problems.append(f"History: no section for {g['name']!r}")
            continue
        keys, names = history_keys(g)
        book.expect("history header", row_values(ws, r + 1, len(keys) + 2),
                    [_("Workshop")] + [names[k] for k in keys] + [_("Mean of agreed scores")])
        for i, w in enumerate(g['workshops']):
            agreed = {(it['key'] or 'n:' + it['name']): it['agreed'] for it in w['siq']}
            got = row_values(ws, r + 2 + i, len(keys) + 2)
            vals = [agreed.get(k, 0) for k in keys]
            scored = [v for v in vals if v]
            # The date as text: the chart's axis names the workshops.
            want = [w['date']] + [num(v) for v in vals] + [
                sum(scored) / len(scored) if scored else None]
            if scored and got[-1] is not None:
                ok_mean = abs(got[-1] - want[-1]) < 1e-9
                got[-1] = want[-1] if ok_mean else got[-1]
            book.expect(f"history {g['name']} {w['date']}", got, want)
        if not g['workshops']:
            book.expect("history empty", ws.cell(r + 2, 1).value, _("No workshops yet."))
        r += 2 + len(g['workshops'])


def check_overview(book, ws, groups):
    _ = book._
    header = [_("Group"), _("Organisation unit"), _("Workshops"), _("First workshop"),
              _("Latest workshop"), _("Facilitator"), _("Mean agreed score"), _("Open actions")]
    book.expect("overview header", row_values(ws, 1, 8), header)
    for i, g in enumerate(groups):
        got = row_values(ws, 2 + i, 8)
        if g['workshops']:
            latest = g['workshops'][-1]
            scored = [it['agreed'] for it in latest['siq'] if it['agreed']]
            open_ = sum(1 for a in latest['actions']
                        if a['status'] in (book._("Open"), book._("In progress")))
            want = [g['name'], g['unit'] or None, len(g['workshops']), day(g['workshops'][0]['date']),
                    day(latest['date']), latest['facilitator'],
                    sum(scored) / len(scored) if scored else None, open_]
            if isinstance(got[6], float) and want[6] is not None and abs(got[6] - want[6]) < 1e-9:
                got[6] = want[6]
        else:
            want = [g['name'], g['unit'] or None, 0, None, None, None, None, None]
        book.expect(f"overview {g['name']}", got, want)
    book.expect("overview table", list(ws.tables.keys()), ['Groups'])


def check_common(book, sheet_names, title, author, n_charts, n_images):
    wb = book.wb
    _ = book._
    book.expect("sheet names", wb.sheetnames, [_(n) for n in sheet_names])
    for name in wb.sheetnames:
        if len(name) > 31 or any(c in name for c in '[]:*?/\\'):
            book.problems.append(f"bad sheet name {name!r}")
    p = wb.properties
    book.expect("title", p.title, title)
    book.expect("author", p.creator or None, author or None)
    book.expect("created", p.created, datetime.datetime(2025, 10, 1, 12, 0, 0))
    book.expect("subject", p.subject, _("Leadership workshop with the SIQ puzzle"))
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == 'f':
                    book.problems.append(f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}")
                if isinstance(cell.value, str) and utf16_len(cell.value) > CELL_MAX:
                    book.problems.append(f"{ws.title}!{cell.coordinate} is over the cell limit")
        book.expect(f"{ws.title} landscape", ws.page_setup.orientation, 'landscape')
        # fitToWidth is left out of the XML when it is 1, the default; a wide
        # table spreads over more pages (check_printing).
        book.expect(f"{ws.title} fit to width",
                    ((ws.page_setup.fitToWidth or 1) >= 1, ws.page_setup.fitToHeight,
                     ws.sheet_properties.pageSetUpPr.fitToPage), (True, 0, True))
    with zipfile.ZipFile(book.path) as z:
        parts = z.namelist()
        for part in parts:
            if part.endswith('.xml') or part.endswith('.rels'):
                try:
                    xml.dom.minidom.parseString(z.read(part))
                except Exception as e:  # noqa: BLE001 - any parse error fails the test
                    book.problems.append(f"{part} is not well-formed XML: {e}")
        charts = [n for n in parts if n.startswith('xl/charts/chart')]
        images = [n for n in parts if n.startswith('xl/media/')]
        book.expect("chart parts", len(charts), n_charts)
        book.expect("image parts", len(images), n_images)
        for img in images:
            book.expect(img, z.read(img)[:8], b'\x89PNG\r\n\x1a\n')
        for c in charts:
            body = z.read(c).decode()
            if '<c:radarChart>' not in body and '<c:lineChart>' not in body:
                book.problems.append(f"{c}: neither a radar nor a line chart")


# ---- LibreOffice ------------------------------------------------------------

def as_shown(cell):
    """How LibreOffice writes a cell "as shown" in CSV."""
    v = cell.value
    if v is None:
        return ''
    if isinstance(v, datetime.datetime):
        return v.strftime('%Y-%m-%d')
    if isinstance(v, bool):
        return 'TRUE' if v else 'FALSE'
    if isinstance(v, (int, float)):
        if cell.number_format == '0.00':
            return f"{v:.2f}"
        return str(int(round(v))) if float(v).is_integer() else str(v)
    return v


def check_libreoffice(books, outdir):
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    if not soffice:
        ok(False, "LibreOffice is installed (build-aux/dev installs libreoffice-calc-nogui)")
        return
    profile = tempfile.mkdtemp(prefix='lo-profile-')
    csvdir = os.path.join(outdir, 'csv')
    os.makedirs(csvdir, exist_ok=True)
    # 44 = comma, 34 = quote, 76 = UTF-8, 1 = first line; token 9 "as shown";
    # token 12 = -1: every sheet, into NAME-SHEET.csv. One soffice run for all.
    filt = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
    proc = subprocess.run([soffice, '--headless', '--norestore',
                           f'-env:UserInstallation=file://{profile}',
                           '--convert-to', filt, '--outdir', csvdir] + [b.path for b in books],
                          capture_output=True, text=True, timeout=240)
    shutil.rmtree(profile, ignore_errors=True)
    ok(proc.returncode == 0, "LibreOffice converts every workbook", proc.stderr)
    for book in books:
        base = os.path.splitext(book.name)[0]
        problems = []
        for ws in book.wb:
            path = os.path.join(csvdir, f"{base}-{ws.title}.csv")
            if not os.path.exists(path):
                problems.append(f"no CSV for sheet {ws.title!r}: {sorted(glob.glob(csvdir + '/' + base + '*'))}")
                continue
            with open(path, encoding='utf-8', newline='') as f:
                lo = list(csv.reader(f))
            for r, row in enumerate(ws.iter_rows(), 0):
                for c, cell in enumerate(row):
                    want = as_shown(cell)
                    got = lo[r][c] if r < len(lo) and c < len(lo[r]) else ''
                    if got != want and isinstance(want, str) and utf16_len(want) > 8191:
                        # LibreOffice 7.4 splits a surrogate pair that spans an
                        # 8192-unit boundary on import (its bug, not the file's:
                        # openpyxl reads the cell whole), so compare the rest.
                        def bmp(t):
                            return ''.join(ch for ch in t if ord(ch) <= 0xFFFF and ch not in '?\ufffd')
                        if bmp(got) == bmp(want):
                            continue
                    if got != want:
                        problems.append(f"{ws.title}!{cell.coordinate}: LibreOffice {short(got)!r}, "
                                        f"openpyxl {short(want)!r}")
        ok(not problems, f"{book.name}: LibreOffice reads every cell as openpyxl does", '\n'.join(problems[:20]))


# ---- On paper -----------------------------------------------------------------

# A4 landscape less the margins holds ~146 characters of column width at 100 %;
# a table printed wider than this per page shrinks below ~70 % (8 pt text).
PRINT_LEGIBLE_WIDTH = 205


def pdf_words(pdf):
    """(page, x0, y0, x1, y1, text) of every word pdftotext finds."""
    import html
    import re
    out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True).stdout
    page = 0
    for line in out.splitlines():
        if '<page ' in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            yield page, x0, y0, x1, y1, html.unescape(m.group(5))


def printed_over(pdf):
    """Pairs of words printed over each other (a header's second line over a value)."""
    by_page = {}
    for w in pdf_words(pdf):
        by_page.setdefault(w[0], []).append(w)
    found = []
    for words in by_page.values():
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                ix = min(a[3], b[3]) - max(a[1], b[1])
                iy = min(a[4], b[4]) - max(a[2], b[2])
                # A real overprint covers much of a word; the boxes of slanted
                # axis labels only touch at their corners.
                if ix > 0.3 * min(a[3] - a[1], b[3] - b[1]) and iy > 0.5 * min(a[4] - a[2], b[4] - b[2]):
                    found.append(f"page {a[0]}: {a[5]!r} over {b[5]!r}")
    return found


def check_printing(paths, outdir):
    """Every workbook printed through LibreOffice (to PDF): no text over other
    text in any sheet or language; each sheet has a print area, fits its
    width (never its height) to pages that keep it legible, and repeats its
    header row where one header heads the whole sheet."""
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    profile = tempfile.mkdtemp(prefix='lo-profile-')
    pdfdir = os.path.join(outdir, 'pdf')
    os.makedirs(pdfdir, exist_ok=True)
    proc = subprocess.run([soffice, '--headless', '--norestore', f'-env:UserInstallation=file://{profile}',
                           '--convert-to', 'pdf', '--outdir', pdfdir] + paths,
                          capture_output=True, text=True, timeout=240)
    shutil.rmtree(profile, ignore_errors=True)
    ok(proc.returncode == 0, "LibreOffice prints every workbook to PDF", proc.stderr)
    for path in paths:
        name = os.path.basename(path)
        pdf = os.path.join(pdfdir, os.path.splitext(name)[0] + '.pdf')
        over = printed_over(pdf) if os.path.exists(pdf) else ['no PDF']
        ok(not over, f"{name} printed: no text over other text", '\n'.join(over[:20]))

        # Every date printed (a chart's axis included) is a date of the
        # workbook: a date axis would print month starts nobody met on.
        import re
        wb = openpyxl.load_workbook(path)
        dates = set()
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    v = cell.value
                    if isinstance(v, datetime.datetime):
                        dates.add(v.strftime('%Y-%m-%d'))
                    elif isinstance(v, str):
                        dates.update(re.findall(r'\d{4}-\d{2}-\d{2}', v))
        printed = {w[5] for w in pdf_words(pdf)} if os.path.exists(pdf) else set()
        stray = sorted(d for d in printed if re.fullmatch(r'\d{4}-\d{2}-\d{2}', d) and d not in dates)
        ok(not stray, f"{name} printed: every date shown is a workshop's or an action's", stray[:20])

        problems = []
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            setup = ws.page_setup
            if not ws.print_area:
                problems.append(f"{ws.title}: no print area")
            if not ws.sheet_properties.pageSetUpPr.fitToPage or setup.fitToHeight != 0:
                problems.append(f"{ws.title}: not fitted to width only "
                                f"(fitToHeight {setup.fitToHeight!r})")
            widths = sum(ws.column_dimensions[c].width or 8.43 for c in ws.column_dimensions
                         if not ws.column_dimensions[c].hidden)
            pages = setup.fitToWidth if setup.fitToWidth is not None else 1
            if not ws._charts and widths / pages > PRINT_LEGIBLE_WIDTH:
                problems.append(f"{ws.title}: {widths:.0f} characters wide on {pages} page(s)")
            if pages > 1 and not ws.print_title_cols:
                problems.append(f"{ws.title}: {pages} pages wide without its first column repeated")
        for title in (wb.worksheets[2].title,) + ((wb.worksheets[0].title,) if 'all' in name else ()):
            if (wb[title].print_title_rows or '').replace('$', '') != '1:1':
                problems.append(f"{title}: the table's header row is not repeated on each page")
        if 'workshop' in name:
            for ws in wb.worksheets[1:4]:
                if not ws.print_title_rows:
                    problems.append(f"{ws.title}: the header row is not repeated on each page")
        ok(not problems, f"{name}: print areas, width fitted to legible pages, repeated headers",
           '\n'.join(problems))


# ---- Command line -------------------------------------------------------------

def cells(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}


def check_command_line(verkstad, outdir, exp, books):
    db = os.path.join(outdir, 'fixture.db')
    env = {k: v for k, v in os.environ.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
    by_name = {b.name: b for b in books}

    def cli(*args, lang=None):
        cmd = [verkstad, '--db', db] + list(args) + (['--lang', lang] if lang else [])
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)

    for scope, ident, ref in (('--workshop', exp['main_workshop'], 'workshop.xlsx'),
                              ('--group', exp['main_group'], 'group.xlsx'),
                              ('--all', None, 'all.xlsx'),
                              ('--group', exp['main_group'], 'group-sv.xlsx')):
        out = os.path.join(outdir, 'cli-' + ref)
        args = ['--export-xlsx', out, scope] + ([str(ident)] if ident is not None else [])
        p = cli(*args, lang=by_name[ref].lang)
        same = p.returncode == 0 and os.path.exists(out) and cells(out) == cells(by_name[ref].path)
        ok(same, f"verkstad --export-xlsx {scope} (no display, --lang {by_name[ref].lang}) writes "
           f"the same cells as the library", p.stderr)

    sv = translator('sv')
    missing = os.path.join(outdir, 'no-such-folder', 'x.xlsx')
    p = cli('--export-xlsx', missing, '--all', lang='sv')
    ok(p.returncode != 0 and not os.path.exists(missing) and
       sv("The folder “%s” does not exist. Choose another folder and export again.")
       % os.path.dirname(missing) in p.stderr,
       "a missing folder: non-zero exit, a Swedish message, no file", (p.returncode, p.stderr))

    # --lang alone must switch the language, even with no locale set at all.
    bare = {k: v for k, v in env.items() if k not in ('LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE')}
    p = subprocess.run([verkstad, '--db', db, '--export-xlsx', missing, '--all', '--lang', 'sv'],
                       capture_output=True, text=True, env=bare, timeout=60)
    ok(p.returncode != 0 and sv("The folder “%s” does not exist. Choose another folder and export again.")
       % os.path.dirname(missing) in p.stderr,
       "--lang sv with no LANG set: the message is Swedish and intact", (p.returncode, p.stderr))

    target = os.path.join(outdir, 'keep.xlsx')
    with open(target, 'w') as f:
        f.write('the old workbook')
    p = cli('--export-xlsx', target, '--workshop', '987654')
    with open(target) as f:
        kept = f.read() == 'the old workbook'
    ok(p.returncode != 0 and kept and 'There is no workshop with number 987654' in p.stderr,
       "an unknown workshop: non-zero exit, a message, the old file untouched", (p.returncode, p.stderr))

    p = cli('--export-xlsx', target, '--workshop', '1', '--all')
    ok(p.returncode != 0 and '--workshop ID, --group ID or --all' in p.stderr,
       "two scopes at once are refused with a message", p.stderr)

    p = subprocess.run([verkstad, '--db', os.path.join(outdir, 'nothing.db'), '--export-xlsx', target, '--all'],
                       capture_output=True, text=True, env=env, timeout=60)
    ok(p.returncode != 0 and not os.path.exists(os.path.join(outdir, 'nothing.db')),
       "exporting never creates a database", p.stderr)

    # Every scope in both languages, for printing.
    printed = []
    for lang in ('sv', 'en'):
        for scope, ident in (('--workshop', exp['main_workshop']), ('--group', exp['main_group']),
                             ('--all', None)):
            out = os.path.join(outdir, f"print-{scope[2:]}-{lang}.xlsx")
            p = cli('--export-xlsx', out, scope, *([str(ident)] if ident is not None else []), lang=lang)
            if ok(p.returncode == 0, f"verkstad --export-xlsx {out} {scope} --lang {lang}", p.stderr):
                printed.append(out)
    return printed


# ---- Main ---------------------------------------------------------------------

def main():
    fixture = sys.argv[1]
    outdir = tempfile.mkdtemp(prefix='verk-xlsx-')
    proc = subprocess.run([fixture, outdir], capture_output=True, text=True)
    if not ok(proc.returncode == 0, "the fixture builds workshops and exports every scope", proc.stderr):
        finish()
    exp = json.load(open(os.path.join(outdir, 'expected.json'), encoding='utf-8'))
    STATUSES_EN[:] = exp['statuses_en']
    groups = {g['id']: g for g in exp['groups']}
    main_group = groups[exp['main_group']]
    big = groups[exp['big_group']]
    all_ws = {w['id']: (w, g) for g in exp['groups'] for w in g['workshops']}
    w_main, _g = all_ws[exp['main_workshop']]
    w_prev = all_ws[w_main['previous_id']][0]
    w_empty, g_empty = all_ws[exp['empty_workshop']]
    ok(len(big['workshops']) == 50, "the big group has 50 workshops")
    ok(any(utf16_len(s['comment'] or '') == 20000 for s in w_main['scores']),
       "the fixture holds a comment of 10,000 emoji (20,000 UTF-16 units)")

    books = []

    def newest_first(gs):
        return [w for g in gs for w in reversed(g['workshops'])]

    def run(name, lang, fn):
        book = Book(os.path.join(outdir, name), lang)
        books.append(book)
        try:
            fn(book)
        except Exception as e:  # noqa: BLE001 - a crash in a check is a failure
            import traceback
            book.problems.append(traceback.format_exc())
        ok(not book.problems, f"{name}: every value, name, date and list matches the store",
           '\n'.join(book.problems[:25]))

    def workshop_book(book):
        _ = book._
        check_common(book, ["Summary", "Scores", "Action plan", "Leadership platform"],
                     _("Workshop %s, %s") % (main_group['name'], w_main['date']),
                     w_main['facilitator'], 1, 1)
        check_summary(book, book.wb[_("Summary")], w_main, w_prev, main_group)
        check_scores(book, book.wb[_("Scores")], [w_main])
        check_actions(book, book.wb[_("Action plan")], [w_main], 'workshop', exp['statuses_en'])
        check_platform(book, book.wb[_("Leadership platform")], [w_main])
        ws = book.wb[_("Scores")]
        for r in range(1, ws.max_row + 1):
            for c in range(1, ws.max_column + 1):
                if ws.cell(r, c).value in ('=SUM(A1)', '+46 70 123 45 67'):
                    book.expect("formula-like name is text", ws.cell(r, c).data_type, 's')

    def empty_book(book):
        _ = book._
        check_common(book, ["Summary", "Scores", "Action plan", "Leadership platform"],
                     _("Workshop %s, %s") % (g_empty['name'], w_empty['date']),
                     w_empty['facilitator'], 1, 1)
        check_summary(book, book.wb[_("Summary")], w_empty, None, g_empty)
        check_scores(book, book.wb[_("Scores")], [w_empty])
        check_actions(book, book.wb[_("Action plan")], [w_empty], 'workshop', exp['statuses_en'])
        check_platform(book, book.wb[_("Leadership platform")], [w_empty])

    def group_book(lang, statuses):
        def check(book):
            _ = book._
            check_common(book, ["Summary", "Scores", "Action plan", "Leadership platform", "Organisation", "Score history"],
                         _("Workshops of %s") % main_group['name'], w_main['facilitator'], 2, 1)
            check_summary(book, book.wb[_("Summary")], w_main, w_prev, main_group)
            sections = newest_first([main_group])
            check_scores(book, book.wb[_("Scores")], sections)
            check_actions(book, book.wb[_("Action plan")], sections, 'group', statuses)
            check_platform(book, book.wb[_("Leadership platform")], sections)
            check_history(book, book.wb[_("Score history")], [main_group])
        return check

    def big_book(book):
        _ = book._
        last = big['workshops'][-1]
        check_common(book, ["Summary", "Scores", "Action plan", "Leadership platform", "Organisation", "Score history"],
                     _("Workshops of %s") % big['name'], last['facilitator'], 2, 1)
        check_summary(book, book.wb[_("Summary")], last, big['workshops'][-2], big)
        sections = newest_first([big])
        check_scores(book, book.wb[_("Scores")], sections)
        check_history(book, book.wb[_("Score history")], [big])

    def all_book(book):
        _ = book._
        gs = exp['groups']
        check_common(book, ["Overview", "Scores", "Action plan", "Leadership platform", "Organisation", "Score history"],
                     _("Workshops of all groups"), None, sum(1 for g in gs if g['workshops']), 0)
        check_overview(book, book.wb[_("Overview")], gs)
        sections = newest_first(gs)
        check_scores(book, book.wb[_("Scores")], sections)
        check_actions(book, book.wb[_("Action plan")], sections, 'all', exp['statuses_en'])
        check_platform(book, book.wb[_("Leadership platform")], sections)
        check_history(book, book.wb[_("Score history")], gs)

    run('workshop.xlsx', 'en', workshop_book)
    run('empty.xlsx', 'en', empty_book)
    run('group.xlsx', 'en', group_book('en', exp['statuses_en']))
    run('group-sv.xlsx', 'sv', group_book('sv', exp['statuses_sv']))
    run('big-group.xlsx', 'en', big_book)
    def bare_book(book):
        _ = book._
        bare = groups[exp['bare_group']]
        check_common(book, ["Summary", "Scores", "Action plan", "Leadership platform", "Organisation", "Score history"],
                     _("Workshops of %s") % bare['name'], None, 0, 0)
        ws = book.wb[_("Summary")]
        book.expect("bare title", ws['A1'].value, _("Leadership workshop: %s") % bare['name'])
        book.expect("bare note", find_row(ws, 1, _("This group has no workshops yet.")) is not None, True)
        book.expect("bare scores", book.wb[_("Scores")]['A1'].value, _("No workshops yet."))
        check_actions(book, book.wb[_("Action plan")], [], 'group', exp['statuses_en'])
        check_history(book, book.wb[_("Score history")], [bare])

    run('all.xlsx', 'en', all_book)
    run('bare-group.xlsx', 'en', bare_book)

    sv = translator('sv')
    ok(sv("Summary") != "Summary" and sv("Action plan") != "Action plan",
       "the Swedish workbook has Swedish sheet names", sv("Summary"))

    check_libreoffice(books, outdir)
    printed = check_command_line(sys.argv[2], outdir, exp, books)
    check_printing(printed + [os.path.join(outdir, 'big-group.xlsx')], outdir)
    shutil.rmtree(outdir, ignore_errors=True)
    finish()


if __name__ == '__main__':
    main()
