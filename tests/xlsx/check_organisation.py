#!/usr/bin/python3
"""The Organisation sheet, read by real readers (openpyxl and LibreOffice):
an organisation of six groups from tests/org-fixture.c (one of three people,
below the default threshold of four), exported with `verkstad --export-xlsx
--all` and `--group`. Checks: every shown group's score and difference
against the database; no cell of the small group carries a number in any
table; the mean leaves the small group out; a group's own workbook names no
other group and shows the organisation's mean beside its own scores. And
the actions done at follow-up, per group and unit, in one group per case of
tests/test-organisation-model.c (`--write-cases DB`): a workshop's actions
count once a workshop follows it up by the one rule (its link unless that is
in the trash, else the group's latest earlier workshop), with the status its
latest follow-up's Follow up step shows.

  check_organisation.py ORG_FIXTURE VERKSTAD ORGANISATION_MODEL_TEST"""
import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

results = []


def ok(cond, what, detail=''):
    results.append((bool(cond), what, detail))


def finish():
    print(f'1..{len(results)}')
    for i, (good, what, detail) in enumerate(results, 1):
        print(f'{"ok" if good else "not ok"} {i} - {what}')
        if not good and detail:
            for line in str(detail).splitlines()[:20]:
                print('# ' + line)
    sys.exit(0 if all(g for g, _, _ in results) else 1)


SMALL = 'Plan och bygg'
MIN_SIZE = 4


def expected(db):
    """group → key → mean agreed; group → size; keys in content order."""
    con = sqlite3.connect(db)
    rows = con.execute("""
        SELECT g.name, i.key, avg(a.value),
               (SELECT max((SELECT count(*) FROM participant p WHERE p.workshop_id = w2.id))
                  FROM workshop w2 WHERE w2.grp_id = g.id)
          FROM grp g JOIN workshop w ON w.grp_id = g.id
          JOIN item i ON i.workshop_id = w.id AND i.framework = 'siq' AND i.key IS NOT NULL
          JOIN agreed a ON a.item_id = i.id
         GROUP BY g.id, i.key""").fetchall()
    con.close()
    scores, sizes = {}, {}
    for group, key, mean, size in rows:
        scores.setdefault(group, {})[key] = mean
        sizes[group] = size
    return scores, sizes


# The follow-up cases: group → (unit, workshops not in the trash, actions
# followed up, done), every year; the cases' comments in
# tests/test-organisation-model.c say why.
FOLLOW_UPS = {
    'Länkad men inte senaste': ('Norr', 3, 3, 2),
    'Olänkad senare workshop': ('Norr', 2, 3, 1),
    'Länken i papperskorgen': ('Norr', 2, 2, 1),
    'Uppföljningen i papperskorgen': ('Söder', 2, 2, 0),
    'Över årsskiftet': ('Söder', 3, 6, 3),
    'Två uppföljningar': ('Söder', 3, 2, 1),
}


def cells(*numbers):
    """As the sheet holds them: a count of 0 is 0 (“0 of 2 done”, 0 %),
    not an empty cell, which would read as nothing followed up."""
    return list(numbers)


def find(ws, text, col=1):
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, col).value == text:
            return r
    return None


def check_follow_ups(cases, verkstad, out, env):
    """The follow-up cases' workbook of all groups: the groups' and units'
    actions followed up, done and the share."""
    db = os.path.join(out, 'cases.db')
    subprocess.run([cases, '--write-cases', db], check=True)
    path = os.path.join(out, 'cases.xlsx')
    p = subprocess.run([verkstad, '--db', db, '--export-xlsx', path, '--all'],
                       capture_output=True, text=True, env=env, timeout=120)
    ok(p.returncode == 0, 'verkstad --export-xlsx --all, the follow-up cases', p.stderr)
    ws = openpyxl.load_workbook(path)['Organisation']

    header = find(ws, 'Group')
    ok(header is not None and [ws.cell(header, c).value for c in (4, 5, 6)]
       == ['Actions followed up', 'Done at follow-up', 'Share done (%)'],
       'the groups’ table has the actions’ columns', header)
    rows = {}
    for r in range(header + 1, header + 1 + len(FOLLOW_UPS)):
        rows[ws.cell(r, 1).value] = [ws.cell(r, c).value for c in range(2, 7)]
    ok(set(rows) == set(FOLLOW_UPS), 'every case has its row', sorted(rows, key=str))
    for group, (unit, workshops, followed_up, done) in FOLLOW_UPS.items():
        got = rows.get(group)
        want = [unit] + cells(workshops, followed_up, done, round(100 * done / followed_up))
        ok(got == want, f'{group}: {done} of {followed_up} done', (got, want))

    units = {}
    for group, (unit, _, followed_up, done) in FOLLOW_UPS.items():
        groups, f, d = units.get(unit, (0, 0, 0))
        units[unit] = (groups + 1, f + followed_up, d + done)
    heading = find(ws, 'Actions done at follow-up per unit')
    ok(heading is not None, 'the units’ table is there')
    got_units = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(2, 6)]
                 for r in range(heading + 2, heading + 2 + len(units))}
    want_units = {u: cells(g, f, d, round(100 * d / f)) for u, (g, f, d) in units.items()}
    ok(got_units == want_units, 'each unit adds its groups up', (got_units, want_units))


def main():
    fixture, verkstad = sys.argv[1], sys.argv[2]
    out = tempfile.mkdtemp(prefix='verk-org-xlsx-')
    db = os.path.join(out, 'org.db')
    subprocess.run([fixture, db, '6', '2'], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
    all_path = os.path.join(out, 'all.xlsx')
    p = subprocess.run([verkstad, '--db', db, '--export-xlsx', all_path, '--all'],
                       capture_output=True, text=True, env=env, timeout=120)
    ok(p.returncode == 0, 'verkstad --export-xlsx --all', p.stderr)
    scores, sizes = expected(db)
    ok(sizes[SMALL] < MIN_SIZE <= min(s for g, s in sizes.items() if g != SMALL),
       'the fixture has one group below the threshold', sizes)

    wb = openpyxl.load_workbook(all_path)
    ok('Organisation' in wb.sheetnames, 'the workbook of all groups has an Organisation sheet', wb.sheetnames)
    ws = wb['Organisation']
    head = find(ws, 'Agreed scores per group')
    ok(head is not None, 'the heat map table is there')
    header = head + 1
    cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    ok(set(scores) <= set(cols), 'every group has a column', (sorted(scores), sorted(cols, key=str)))
    shown = {g: s for g, s in scores.items() if sizes[g] >= MIN_SIZE}
    keys = sorted(next(iter(shown.values())))
    bad = []
    con = sqlite3.connect(db)
    names = dict(con.execute("SELECT key, name FROM item WHERE framework = 'siq' AND key IS NOT NULL"))
    con.close()
    for r in range(header + 1, header + 14):
        label = ws.cell(r, 1).value
        # the content's English names; match through the fixture's Swedish ones by position
        for group, c in cols.items():
            if group not in scores:
                continue
            v = ws.cell(r, c).value
            if group == SMALL:
                if v != 'hidden':
                    bad.append(f'{label}/{group}: {v!r}')
    ok(not bad, 'no cell of the small group carries a score in the heat map', bad)

    # the three values × groups tables: the small group's column holds no number
    c_small = cols[SMALL]
    table_rows = []
    for title in ('Agreed scores per group', 'Difference from the organisation’s mean',
                  'Workshops behind each score'):
        t = find(ws, title)
        ok(t is not None and ws.cell(t + 1, c_small).value == SMALL, f'the table “{title}” has the group’s column')
        table_rows += list(range(t + 2, t + 15))
    numbers = [(r, ws.cell(r, c_small).value) for r in table_rows
               if isinstance(ws.cell(r, c_small).value, (int, float))]
    ok(not numbers, 'no number in the small group’s column in any values × groups table', numbers[:5])
    group_rows = {ws.cell(r, 1).value: r for r in range(4, 4 + len(scores) + 1)}
    small_row = group_rows.get(SMALL)
    ok(small_row is not None and all(ws.cell(small_row, c).value == 'hidden' for c in (4, 5, 6)),
       'the small group’s actions are hidden too', [ws.cell(small_row, c).value for c in range(1, 7)])

    # the scores and the mean, value by value (rows follow the content order;
    # compare as multisets per group column, the mean without the small group)
    problems = []
    for group in shown:
        c = cols[group]
        got = sorted(round(ws.cell(r, c).value, 6) for r in range(header + 1, header + 14))
        want = sorted(round(v, 6) for v in shown[group].values())
        if got != want:
            problems.append((group, got, want))
    means_got = sorted(round(ws.cell(r, 2).value, 6) for r in range(header + 1, header + 14))
    means_want = sorted(round(sum(s[k] for s in shown.values()) / len(shown), 6) for k in keys)
    ok(not problems, 'each shown group’s scores are its mean agreed scores', problems)
    ok(means_got == means_want, 'the organisation mean leaves the small group out', (means_got, means_want))

    # LibreOffice reads the same sheet
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    if soffice:
        profile = tempfile.mkdtemp(prefix='lo-profile-')
        filt = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
        proc = subprocess.run([soffice, '--headless', '--norestore', f'-env:UserInstallation=file://{profile}',
                               '--convert-to', filt, '--outdir', out, all_path],
                              capture_output=True, text=True, timeout=240)
        shutil.rmtree(profile, ignore_errors=True)
        path = os.path.join(out, 'all-Organisation.csv')
        ok(proc.returncode == 0 and os.path.exists(path), 'LibreOffice converts the Organisation sheet',
           proc.stderr)
        if os.path.exists(path):
            with open(path, encoding='utf-8', newline='') as f:
                lo = list(csv.reader(f))
            lo_small = [lo[r - 1][c_small - 1] for r in table_rows]
            ok(all(v == 'hidden' for v in lo_small), 'LibreOffice: only “hidden” in the small group’s column',
               lo_small)
            lo_heat = [lo[r - 1][c_small - 1] for r in range(header + 1, header + 14)]
            ok(lo_heat == ['hidden'] * 13, 'LibreOffice: the small group’s cells read “hidden”', lo_heat)
    else:
        ok(False, 'LibreOffice is installed')

    # a group's own workbook: itself against the mean, no other group
    con = sqlite3.connect(db)
    gid, gname = con.execute("SELECT id, name FROM grp WHERE name = 'Rektorsgruppen'").fetchone()
    others = [n for (n,) in con.execute('SELECT name FROM grp WHERE id <> ?', (gid,))]
    con.close()
    group_path = os.path.join(out, 'group.xlsx')
    p = subprocess.run([verkstad, '--db', db, '--export-xlsx', group_path, '--group', str(gid)],
                       capture_output=True, text=True, env=env, timeout=120)
    ok(p.returncode == 0, 'verkstad --export-xlsx --group', p.stderr)
    gwb = openpyxl.load_workbook(group_path)
    ok('Organisation' in gwb.sheetnames, 'a group’s workbook has an Organisation sheet', gwb.sheetnames)
    gws = gwb['Organisation']
    texts = [str(c.value) for row in gws.iter_rows() for c in row if c.value is not None]
    leaked = [t for t in texts for o in others if o in t]
    ok(not leaked, 'a group’s Organisation sheet names no other group', leaked)
    ok(gws['A1'].value == f'{gname} against the organisation', 'its title', gws['A1'].value)
    h = find(gws, 'Value')
    rows = [(gws.cell(r, 2).value, gws.cell(r, 3).value, gws.cell(r, 4).value) for r in range(h + 1, h + 14)]
    diffs = [abs(own - mean - d) < 1e-9 for own, mean, d in rows]
    ok(all(diffs), 'own score − organisation mean = difference, on every value', rows)
    ok(sorted(round(r[0], 6) for r in rows) == sorted(round(v, 6) for v in scores[gname].values()),
       'the group’s own scores', rows)

    # The small group's own workbook: its own scores are no secret to it,
    # though the threshold hides them from everyone else.
    con = sqlite3.connect(db)
    sid = con.execute('SELECT id FROM grp WHERE name = ?', (SMALL,)).fetchone()[0]
    con.close()
    small_path = os.path.join(out, 'small.xlsx')
    p = subprocess.run([verkstad, '--db', db, '--export-xlsx', small_path, '--group', str(sid)],
                       capture_output=True, text=True, env=env, timeout=120)
    ok(p.returncode == 0, 'verkstad --export-xlsx --group, the small group', p.stderr)
    sws = openpyxl.load_workbook(small_path)['Organisation']
    hs = find(sws, 'Value')
    own_small = [sws.cell(r, 2).value for r in range(hs + 1, hs + 14)]
    ok(sorted((v is None, round(v or 0, 6)) for v in own_small)
       == sorted((False, round(v, 6)) for v in scores[SMALL].values()),
       'the small group’s own workbook shows its own scores', own_small)

    # Two groups: the mean beside a group's own score would give the other's away.
    db2 = os.path.join(out, 'two.db')
    subprocess.run([fixture, db2, '2', '2'], check=True)
    con = sqlite3.connect(db2)
    gid2, other2 = con.execute("SELECT id, (SELECT name FROM grp g2 WHERE g2.id <> g.id) FROM grp g LIMIT 1").fetchone()
    con.close()
    two_path = os.path.join(out, 'two.xlsx')
    p = subprocess.run([verkstad, '--db', db2, '--export-xlsx', two_path, '--group', str(gid2)],
                       capture_output=True, text=True, env=env, timeout=120)
    ok(p.returncode == 0, 'verkstad --export-xlsx --group, two groups', p.stderr)
    tws = openpyxl.load_workbook(two_path)['Organisation']
    h2 = find(tws, 'Value')
    cells2 = [(tws.cell(r, 3).value, tws.cell(r, 4).value) for r in range(h2 + 1, h2 + 14)]
    ok(all(m == 'too few groups' and d is None for m, d in cells2),
       'with two groups a group’s workbook shows no mean and no difference', cells2)
    texts2 = [str(c.value) for row in tws.iter_rows() for c in row if c.value is not None]
    ok(not [t for t in texts2 if other2 in t], 'nor the other group’s name', other2)

    check_follow_ups(sys.argv[3], verkstad, out, env)
    shutil.rmtree(out, ignore_errors=True)
    finish()


if __name__ == '__main__':
    main()
