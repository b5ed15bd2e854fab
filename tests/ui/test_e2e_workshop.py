#!/usr/bin/python3
"""THE end-to-end test of a workshop, driven only through the real app's
accessibility interface, as a facilitator would: create a group and a
workshop with three participants, score all 13 pieces per participant and
agree on scores, prioritise three areas, write three actions, start a
follow-up workshop and mark one action done, export the workbook; then check
that the database and the exported file hold exactly what was entered.
Screenshots of every step at 1280x720 go to build/test-artifacts/e2e-*.png."""
import datetime
import os
import subprocess
import sys
import tempfile

import steps
import verkui
from steps import query, wait_query, set_text

SIZE = '1280x720'
NAMES = ['Anna Ek', '', 'Cecilia Åberg']    # the second stays "Participant 2"
DUE = [(datetime.date.today() + datetime.timedelta(days=d)).isoformat() for d in (30, 60, 90)]
ACTIONS = [('Gemensam planeringsdag för alla enheter', 'Örjan Lind'),
           ('Följ upp =SUMMA(A1) ärendena varje månad', 'Anna Ek'),       # text that looks like a formula
           ('Intervjua 10 mottagare om bemötandet 👍', 'Cecilia Åberg')]


def participant_scores(i):
    """The scores the three participants give piece @i: deterministic, with spread."""
    return [1 + (i + 2 * p) % 5 for p in range(3)]


def agreed_score(i):
    return sorted(participant_scores(i))[1]


def desired_level(i):
    return min(5, agreed_score(i) + 2) if i % 3 == 0 else 0


def rationale(i):
    return f'Motivering {i + 1}: vi är överens – åäö'


def shot(app, name):
    """Screenshot of the main window (once a closing dialog is gone)."""
    def take():
        path = app.screenshot(f'e2e-{name}')
        return path if verkui.image_size(path) >= (1200, 650) else None
    path = verkui.wait_for(take, timeout=10, what=f'a 1280x720 screenshot {name}')
    assert verkui.image_colors(path) > 50, f'{path} looks blank'


def assess_all(app, wid):
    pieces = steps.items(app, wid)
    people = steps.participants(app, wid)
    assert len(pieces) == 13, pieces
    steps.go_to_step(app, 2, 'Assess')
    app.find('label', '0 of 13 agreed')
    for i, (item_id, name) in enumerate(pieces):
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, name), what=f'the piece {name}')
        values = participant_scores(i)
        for p in range(3):
            steps.score(app, steps.participant_title_of(NAMES, p), values[p])
        wait_query(app, 'SELECT participant_id, value FROM score WHERE item_id = ? ORDER BY participant_id',
                   sorted(zip(people, values)), item_id, what=f'the scores of {name}')
        if i == 0:
            # Hidden until revealed: the room sees that all have scored, not what.
            app.find('label', '3 of 3 have scored. The scores stay hidden until you reveal them.')
            shot(app, '03-assess-hidden')
            app.click(name='Reveal Scores')
            app.find('label', name_re=r'^The group disagrees')
        steps.score(app, 'Agreed', agreed_score(i))
        set_text(app.find('text', 'Rationale for the agreed score'), rationale(i))
        if desired_level(i):
            steps.score(app, 'Desired level', desired_level(i))
        wait_query(app, 'SELECT value, rationale, desired FROM agreed WHERE item_id = ?',
                   [(agreed_score(i), rationale(i), desired_level(i) or None)], item_id,
                   what=f'the agreed score of {name}')
        if i == 0:
            shot(app, '04-assess-revealed')
    app.find('label', '13 of 13 agreed')
    shot(app, '05-assess-done')
    return pieces


def prioritise(app, wid, pieces):
    steps.go_to_step(app, 3, 'Prioritise')
    app.find('label', '0 areas to work on')
    # The suggestion puts the largest gaps first; the group ticks three areas
    # and then moves the third one up to first place.
    order = suggested(pieces)
    # The list starts in the suggested order: its first row is the suggestion's first.
    first = app.find('list', 'Areas in priority order').getChildAtIndex(0)
    assert first.name == order[0][1], (first.name, order[0][1])
    chosen = order[:3]
    for item_id, name in chosen:
        app.click(name=f'Work on {name}')
    app.find('label', '3 areas to work on')
    # The group moves its third choice to the top (keyboard users: Alt+Up).
    app.click(name=f'Move {chosen[2][1]} up')
    app.click(name=f'Move {chosen[2][1]} up')
    final = [chosen[2], chosen[0], chosen[1]]
    wait_query(app, 'SELECT item_id FROM priority WHERE workshop_id = ? ORDER BY rank',
               [(item_id,) for item_id, _ in final], wid, what='the ticked areas in order')
    shot(app, '06-prioritise')
    return final


def suggested(pieces):
    """The documented rule (VerkStats), recomputed from what the test entered."""
    def key(t):
        i, (item_id, name) = t
        a, d = agreed_score(i), desired_level(i)
        spread = max(participant_scores(i)) - min(participant_scores(i))
        if d and d > a:
            return (0, -(d - a), -spread, i)
        if not d:
            return (1, a, -spread, i)
        return (2, a - d, -spread, i)
    return [p for _, p in sorted(enumerate(pieces), key=key)]


def empty_entry(app, name):
    """The field named @name that is still empty: the draft just added."""
    import pyatspi
    found = verkui.wait_for(lambda: [o for o in pyatspi.findAllDescendants(
        app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'text' and o.name == name)
        if steps.text_of(o) == ''], what=f'an empty {name} field')
    return found[0]


def plan(app, wid, priorities):
    steps.go_to_step(app, 4, 'Plan')
    app.find('label', 'Action Plan')
    for k, ((item_id, name), (what, who)) in enumerate(zip(priorities, ACTIONS)):
        app.click(name=f'Add an action to {k + 1}. {name}')
        set_text(empty_entry(app, 'What'), what)
        set_text(empty_entry(app, 'Who'), who)
        set_text(empty_entry(app, 'By when'), DUE[k])
        wait_query(app, 'SELECT item_id, what, owner, due, status, carried_from FROM action '
                        'WHERE workshop_id = ? AND what = ?',
                   [(item_id, what, who, DUE[k], 0, None)], wid, what, what=f'the action {what}')
    import pyatspi
    whats = pyatspi.findAllDescendants(app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'text'
                                       and o.name == 'What')
    assert sorted(steps.text_of(o) for o in whats) == sorted(w for w, _ in ACTIONS), \
        [steps.text_of(o) for o in whats]
    shot(app, '07-plan')


def follow_up(app, first):
    app.click(name='Back to All Workshops')
    shot(app, '08-start-page')
    app.click(name=f'New follow-up workshop after {verkui.long_date(steps.TODAY)}')
    app.click(name='Create')
    verkui.wait_for(lambda: query(app, 'SELECT count(*) FROM workshop')[0][0] == 2,
                    what='the follow-up workshop')
    (second,), = query(app, 'SELECT id FROM workshop WHERE previous_id = ?', first)
    steps.go_to_step(app, 5, 'Follow up')
    app.find('label', f'Follow-up of the Workshop on {verkui.long_date(steps.TODAY)}')
    # Due 30–90 days after the first workshop, all overdue at the follow-up
    # half a year later, until done.
    app.find('label', '0 of 3 actions done · 3 overdue')
    app.click(name=f'{ACTIONS[0][0]}: Done')
    note = 'Genomförd i maj – alla enheter deltog'
    set_text(app.find('text', f'Follow-up note on “{ACTIONS[1][0]}”'), note)
    app.find('label', '1 of 3 actions done · 2 overdue')
    wait_query(app, 'SELECT a.what, a.status, a.followup FROM action a JOIN action p ON p.id = a.carried_from '
                    'WHERE a.workshop_id = ? AND p.workshop_id = ? ORDER BY p.id',
               [(ACTIONS[0][0], 2, ''), (ACTIONS[1][0], 0, note), (ACTIONS[2][0], 0, '')],
               second, first, what='the followed-up actions')
    shot(app, '09-follow-up')
    return second


def export_workbook(app, out_dir):
    """Export through the UI: Ctrl+Shift+E (Export All Workshops of the Group)
    and the file chooser, typed into with real key presses (xdotool), as the
    export helper's own test does; then the toast names the file."""
    from shellui import find_shown, press
    press(app, 'ctrl+shift+e')
    path = os.path.join(out_dir, 'Workshop')
    verkui.save_in_chooser(app, 'Export All Workshops of the Group', path)
    find_shown(app, 'label', 'Saved the workbook \u201cWorkshop.xlsx\u201d.', timeout=60)
    shot(app, '10-exported')
    return path + '.xlsx'


def check_database(app, wid, second, pieces, priorities):
    """Exactly what was entered, and nothing else."""
    people = steps.participants(app, wid)
    assert query(app, 'SELECT name FROM participant WHERE workshop_id = ? ORDER BY position', wid) == \
        [(n,) for n in NAMES]
    expected = sorted((item_id, people[p], participant_scores(i)[p])
                      for i, (item_id, _) in enumerate(pieces) for p in range(3))
    assert sorted(query(app, 'SELECT s.item_id, s.participant_id, s.value FROM score s JOIN item i '
                             'ON i.id = s.item_id WHERE i.workshop_id = ?', wid)) == expected
    assert sorted(query(app, 'SELECT a.item_id, a.value, a.rationale, a.desired FROM agreed a JOIN item i '
                             'ON i.id = a.item_id WHERE i.workshop_id = ?', wid)) == \
        sorted((item_id, agreed_score(i), rationale(i), desired_level(i) or None)
               for i, (item_id, _) in enumerate(pieces))
    assert query(app, 'SELECT item_id, rank FROM priority WHERE workshop_id = ? ORDER BY rank', wid) == \
        [(item_id, k + 1) for k, (item_id, _) in enumerate(priorities)]
    assert query(app, 'SELECT item_id, what, owner, due, status, followup, carried_from FROM action '
                      'WHERE workshop_id = ? ORDER BY id', wid) == \
        [(item_id, what, who, DUE[k], 0, '', None)
         for k, ((item_id, _), (what, who)) in enumerate(zip(priorities, ACTIONS))]
    # The follow-up workshop: nothing scored, the three actions carried, one done.
    assert query(app, 'SELECT count(*) FROM score s JOIN item i ON i.id = s.item_id WHERE i.workshop_id = ?',
                 second) == [(0,)]
    assert query(app, 'SELECT what, owner, due, status FROM action WHERE workshop_id = ? ORDER BY id', second) == \
        [(what, who, DUE[k], 2 if k == 0 else 0) for k, (what, who) in enumerate(ACTIONS)]


def check_workbook(path, pieces):
    """The workbook holds the scores, rationales, participants and actions, and
    text that looks like a formula stays text."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    strings = {c.value for c in cells if isinstance(c.value, str)}
    for name in [n for n in NAMES if n] + ['Participant 2']:
        assert any(name in s for s in strings), f'{name!r} is not in the workbook'
    for what, who in ACTIONS:
        assert what in strings, f'the action {what!r} is not in the workbook'
        assert who in strings, f'{who!r} is not in the workbook'
    formula_like = [c for c in cells if c.value == ACTIONS[1][0]]
    assert formula_like and all(c.data_type == 's' for c in formula_like), 'a text became a formula'
    # Each piece's row holds its agreed score and its rationale.
    rows = [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]
    for i, (_, name) in enumerate(pieces):
        match = [r for r in rows if name in r and rationale(i) in r]
        assert match, f'no row holds {name!r} with its rationale'
        assert any(agreed_score(i) in r for r in match), f'{name}: agreed {agreed_score(i)} not in {match}'
    dates = {c.value.date().isoformat() for c in cells if isinstance(c.value, datetime.datetime)}
    assert all(d in dates or d in strings for d in DUE), (DUE, dates)


def main_flow():
    out_dir = tempfile.mkdtemp(prefix='verkstad-e2e-')
    with verkui.App(size=SIZE) as app:
        shot(app, '01-start')
        wid = steps.create_group_and_workshop(app, NAMES)
        shot(app, '02-workshop-created')
        pieces = assess_all(app, wid)
        priorities = prioritise(app, wid, pieces)
        plan(app, wid, priorities)
        second = follow_up(app, wid)
        path = export_workbook(app, out_dir)
        check_database(app, wid, second, pieces, priorities)
        check_workbook(path, pieces)
        app.quit()
        assert app.proc.returncode == 0, app.proc.returncode
        assert not app.complaints(), app.complaints()
        check_database(app, wid, second, pieces, priorities)   # still there after quitting


sys.exit(steps.tap([('a whole workshop through the UI; the database and the workbook hold it', main_flow)]))
