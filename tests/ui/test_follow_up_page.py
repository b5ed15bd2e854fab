#!/usr/bin/python3
"""The Follow-up step over AT-SPI: the previous workshop's actions come along
with their status to update and a follow-up note, and this workshop's agreed
scores are compared with the last ones, with an arrow and words."""
import sys

import steps
import verkui
from steps import query, set_text, wait_query

ACTIONS = [('Planeringsdag för alla enheter', 'Anna Ek'), ('Månadsuppföljning av ärenden', 'Bertil Ödman')]


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
        steps.go_to_step(app, 4, 'Plan')
        for what, who in ACTIONS:
            app.click(name=f'Add an action to 1. {pieces[0][1]}')
            import pyatspi
            empty = verkui.wait_for(lambda: [o for o in pyatspi.findAllDescendants(
                app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'text' and o.name == 'What')
                if steps.text_of(o) == ''], what='the new action')
            set_text(empty[0], what)
            wait_query(app, 'SELECT count(*) FROM action WHERE workshop_id = ? AND what = ?', [(1,)], first, what)

        app.click(name='Back to All Workshops')
        app.click(name=f'New follow-up workshop after {steps.TODAY}')
        app.click(name='Create')
        verkui.wait_for(lambda: query(app, 'SELECT count(*) FROM workshop')[0][0] == 2, what='the follow-up')
        (second,), = query(app, 'SELECT id FROM workshop WHERE previous_id = ?', first)
        steps.go_to_step(app, 5, 'Follow up')
        app.find('label', '0 of 2 actions done')
        app.click(name=f'{ACTIONS[0][0]}: In progress')
        app.click(name=f'{ACTIONS[1][0]}: Done')
        note = 'Klart i maj; fortsätter som rutin'
        set_text(app.find('text', f'Follow-up note on \u201c{ACTIONS[1][0]}\u201d'), note)
        app.find('label', '1 of 2 actions done')
        wait_query(app, 'SELECT what, status, followup FROM action WHERE workshop_id = ? ORDER BY id',
                   [(ACTIONS[0][0], 1, ''), (ACTIONS[1][0], 2, note)], second)
        # The previous workshop's own rows stay as they were.
        wait_query(app, 'SELECT status FROM action WHERE workshop_id = ? ORDER BY id', [(0,), (0,)], first)

        # This time the first piece is agreed at 3: up 1, and the trend lists both.
        steps.go_to_step(app, 2, 'Assess')
        app.click(name='Next Piece')
        new_pieces = steps.items(app, second)
        verkui.wait_for(lambda: steps.piece_shown(app, new_pieces[0][1]), what='the first piece again')
        steps.score(app, 'Agreed', 3)
        steps.go_to_step(app, 5, 'Follow up')
        app.find('label', '↑ up 1')
        app.find('label', '2 → 3')
        app.screenshot('follow-up-1280x720')
        app.quit()
        assert not app.complaints(), app.complaints()



sys.exit(steps.tap([
    ('carried actions: status and note; scores compared with the last workshop', actions_and_comparison),
]))
