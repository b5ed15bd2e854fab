#!/usr/bin/python3
"""The Follow-up step over AT-SPI: a follow-up workshop opens on it; the
previous workshop's actions come along grouped by area, overdue ones flagged
in words, with their status to update and a follow-up note; this workshop's
agreed scores are compared with the last ones, with an arrow and words, the
prioritised areas marked, a small chart per piece and a sentence on whether
the chosen areas moved."""
import datetime
import sys

import pyatspi

import steps
import verkui
from steps import query, set_text, wait_query

ACTIONS = [('Planeringsdag för alla enheter', 'Anna Ek'), ('Månadsuppföljning av ärenden', 'Bertil Ödman')]
SECOND = 'Gemensam introduktion för nyanställda'
long_date = verkui.long_date
in_months = verkui.months_after


def new_action(app, area, what, first, due=None):
    app.click(name=f'Add an action to {area}')
    empty = verkui.wait_for(lambda: [o for o in pyatspi.findAllDescendants(
        app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'text' and o.name == 'What')
        if steps.text_of(o) == ''], what='the new action')
    set_text(empty[0], what)
    wait_query(app, 'SELECT count(*) FROM action WHERE workshop_id = ? AND what = ?', [(1,)], first, what)
    if due:
        dues = [o for o in pyatspi.findAllDescendants(
            app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'text' and o.name == 'By when')
            if steps.text_of(o) == '']
        set_text(dues[0], due)
        wait_query(app, 'SELECT due FROM action WHERE workshop_id = ? AND what = ?', [(due,)], first, what)


def actions_and_comparison():
    with verkui.App(size='1280x720') as app:
        first = steps.create_group_and_workshop(app)
        pieces = steps.items(app, first)
        steps.go_to_step(app, 5, 'Follow up')
        app.find('label', 'Nothing to Follow Up Yet')
        # Last time: the first piece agreed at 2, one area, two actions.
        steps.go_to_step(app, 2, 'Assess')
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[0][1]), what='the first piece')
        steps.score(app, 'Agreed', 2)
        steps.go_to_step(app, 3, 'Prioritise')
        app.click(name=f'Work on {pieces[0][1]}')
        app.click(name=f'Work on {pieces[1][1]}')
        steps.go_to_step(app, 4, 'Plan')
        # Due in a month: overdue when the follow-up meets half a year later.
        due = in_months(datetime.date.today(), 1)
        new_action(app, f'2. {pieces[1][1]}', SECOND, first, due.isoformat())
        for what, who in ACTIONS:
            new_action(app, f'1. {pieces[0][1]}', what, first)

        app.click(name='Back to All Workshops')
        app.click(name=f'New follow-up workshop after {steps.TODAY}')
        app.click(name='Create')
        verkui.wait_for(lambda: query(app, 'SELECT count(*) FROM workshop')[0][0] == 2, what='the follow-up')
        (second,), = query(app, 'SELECT id FROM workshop WHERE previous_id = ?', first)
        # It opens on Follow up, with last time's date in words.
        step = app.find('list item', 'Step 5: Follow up')
        verkui.wait_for(lambda: step.getState().contains(pyatspi.STATE_SELECTED), what='Follow up, first')
        app.find('label', f'Follow-up of the Workshop on {long_date(datetime.date.today())}')
        app.find('label', '0 of 3 actions done · 1 overdue')
        # Grouped by area, in the order they were prioritised.
        first_area = app.find('label', f'1. {pieces[0][1]} · prioritised')
        second_area = app.find('label', f'2. {pieces[1][1]} · prioritised')
        assert first_area.queryComponent().getExtents(1).y < second_area.queryComponent().getExtents(1).y
        first_row = app.find('list item', ACTIONS[0][0])
        late_row = app.find('list item', f'{SECOND} (overdue)')
        assert first_row.queryComponent().getExtents(1).y < late_row.queryComponent().getExtents(1).y
        app.find('label', f'Overdue: it was due by {long_date(due)}')
        # The rows are updated in place (a note being typed keeps its field):
        # a status change elsewhere leaves this row's note field alive.
        kept = app.find('text', f'Follow-up note on \u201c{ACTIONS[0][0]}\u201d')
        app.click(name=f'{SECOND}: Done')
        app.find('label', '1 of 3 actions done')
        assert not kept.getState().contains(pyatspi.STATE_DEFUNCT), 'the rows were rebuilt'
        assert kept.name == f'Follow-up note on \u201c{ACTIONS[0][0]}\u201d', kept.name
        app.find('list item', SECOND)
        app.click(name=f'{SECOND}: Open')
        app.find('label', '0 of 3 actions done · 1 overdue')
        app.click(name=f'{ACTIONS[0][0]}: In progress')
        app.click(name=f'{ACTIONS[1][0]}: Done')
        note = 'Klart i maj; fortsätter som rutin'
        set_text(app.find('text', f'Follow-up note on \u201c{ACTIONS[1][0]}\u201d'), note)
        app.find('label', '1 of 3 actions done · 1 overdue')
        wait_query(app, 'SELECT what, status, followup FROM action WHERE workshop_id = ? ORDER BY id',
                   [(SECOND, 0, ''), (ACTIONS[0][0], 1, ''), (ACTIONS[1][0], 2, note)], second)
        # The previous workshop's own rows stay as they were.
        wait_query(app, 'SELECT status FROM action WHERE workshop_id = ? ORDER BY id', [(0,), (0,), (0,)], first)

        # This time the first piece is agreed at 3: up 1, and the trend lists both.
        steps.go_to_step(app, 2, 'Assess')
        app.click(name='Next Piece')
        new_pieces = steps.items(app, second)
        verkui.wait_for(lambda: steps.piece_shown(app, new_pieces[0][1]), what='the first piece again')
        steps.score(app, 'Agreed', 3)
        steps.go_to_step(app, 5, 'Follow up')
        app.find('label', '↑ up 1')
        app.find('label', '2 → 3')
        # The areas chosen last time: marked in words, and whether they moved.
        app.find('label', '★ Prioritised #1 last time')
        app.find('label', '★ Prioritised #2 last time')
        app.find('label', f'The group chose 2 areas to work on last time. Moved up: {new_pieces[0][1]}. '
                          '1 is not agreed on yet this time.')
        app.find('image', f'{new_pieces[0][1]}: from 2 to 3 of 5')
        app.find('image', f'{new_pieces[1][1]}: not scored both times')
        app.screenshot('follow-up-1280x720')
        app.quit()
        assert not app.complaints(), app.complaints()



sys.exit(steps.tap([
    ('carried actions: status and note; scores compared with the last workshop', actions_and_comparison),
]))
