#!/usr/bin/python3
"""The start page and the workshop shell, driven as a user would over AT-SPI:
create a group and a workshop with three participants, delete and undo,
search, start a follow-up, and move around by keyboard alone; each time the
database is checked afterwards."""
import datetime
import sys

import verkui
from shellui import (FACILITATOR, GROUP, NAMES, UNIT, click_shown, create_group_and_workshop,
                     find_shown, press, query, tap, wait_gone, wait_query)


def workshop_created():
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app, screenshots=True)
        today = datetime.date.today().isoformat()
        assert query(app, 'SELECT name, unit, trashed_at FROM grp') == [(GROUP, UNIT, None)]
        ws = query(app, 'SELECT id, date, facilitator, previous_id FROM workshop')
        assert len(ws) == 1 and ws[0][1:] == (today, FACILITATOR, None), ws
        names = [r[0] for r in query(app, 'SELECT name FROM participant WHERE workshop_id = ? '
                                          'ORDER BY position', ws[0][0])]
        assert names == NAMES, names
        counts = dict(query(app, 'SELECT framework, count(*) FROM item WHERE workshop_id = ? '
                                 'GROUP BY framework', ws[0][0]))
        assert counts.get('siq') == 13 and counts.get('platform') == 16, counts
        app.screenshot('workshops-material-1280x720')
        click_shown(app, name='Back to All Workshops')
        find_shown(app, name=f'New follow-up workshop after {today}')
        find_shown(app, 'label', f'Led by {FACILITATOR} · 3 participants')
        app.screenshot('workshops-start-1280x720')
        app.quit()
        assert not app.complaints(), app.complaints()


def delete_and_undo():
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)
        today = datetime.date.today().isoformat()
        click_shown(app, name='Back to All Workshops')
        (wid,), = query(app, 'SELECT id FROM workshop')

        click_shown(app, name=f'Delete the workshop of {today}')
        wait_query(app, 'SELECT trashed_at IS NOT NULL FROM workshop', [(1,)])
        wait_gone(app, 'push button', f'Delete the workshop of {today}')
        find_shown(app, 'label', f'Workshop of {today} deleted')
        app.screenshot('workshops-deleted-toast')
        click_shown(app, name_re=r'^Undo( Undo)?$')  # GTK 4.8 names it twice
        wait_query(app, 'SELECT trashed_at IS NULL FROM workshop', [(1,)])
        find_shown(app, name=f'Delete the workshop of {today}')     # the row is back

        click_shown(app, name=f'Delete the group {GROUP}')
        wait_query(app, 'SELECT trashed_at IS NOT NULL FROM grp', [(1,)])
        find_shown(app, 'label', 'No Groups Yet')
        wait_gone(app, 'label', GROUP)
        click_shown(app, name_re=r'^Undo( Undo)?$')  # GTK 4.8 names it twice
        wait_query(app, 'SELECT trashed_at IS NULL FROM grp', [(1,)])
        find_shown(app, 'label', GROUP)
        # Nothing was lost on the way: the workshop and its people are there.
        assert query(app, 'SELECT count(*) FROM participant WHERE workshop_id = ?', wid) == [(3,)]
        app.quit()
        assert not app.complaints(), app.complaints()


def search_filters():
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)
        click_shown(app, name='Back to All Workshops')
        search = find_shown(app, 'entry', 'Search groups and workshops')
        search.queryEditableText().setTextContents('öst')     # case-insensitive
        find_shown(app, name=f'Delete the group {GROUP}')
        search.queryEditableText().setTextContents('no such group')
        find_shown(app, 'label', 'No Matches')
        wait_gone(app, 'push button', f'Delete the group {GROUP}')
        search.queryEditableText().setTextContents('åsa')     # by facilitator
        find_shown(app, name=f'Delete the group {GROUP}')
        app.quit()
        assert not app.complaints(), app.complaints()


def followup():
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)
        today = datetime.date.today().isoformat()
        click_shown(app, name='Back to All Workshops')
        (first,), = query(app, 'SELECT id FROM workshop')
        click_shown(app, name=f'New follow-up workshop after {today}')
        find_shown(app, 'label', f'Follows up the workshop of {verkui.long_date(today)}. Its pieces and participants '
                          f'are copied, and its open actions come along to be followed up.')
        app.screenshot('workshops-followup-dialog', title='New Follow-Up Workshop')
        click_shown(app, name='Create')
        wait_query(app, 'SELECT count(*) FROM workshop', [(2,)])
        # Proposed half a year after the workshop it follows.
        find_shown(app, 'label', f'{verkui.months_after(today, 6).isoformat()} · led by {FACILITATOR}')
        rows = query(app, 'SELECT id, previous_id, facilitator FROM workshop ORDER BY id')
        assert len(rows) == 2 and rows[1][1:] == (first, FACILITATOR), rows
        second = rows[1][0]
        names = [r[0] for r in query(app, 'SELECT name FROM participant WHERE workshop_id = ? '
                                          'ORDER BY position', second)]
        assert names == NAMES, names
        assert query(app, 'SELECT count(*) FROM item WHERE workshop_id = ? AND framework = ?',
                     second, 'siq') == [(13,)]
        click_shown(app, name='Back to All Workshops')
        find_shown(app, name=f'New follow-up workshop after {today}')
        find_shown(app, 'label', name_re=f'follows up {today}')
        wait_gone(app, 'push button', 'Back to All Workshops')   # the crossfade is over
        app.screenshot('workshops-start-followup-1280x720')
        app.quit()
        assert not app.complaints(), app.complaints()


def step_selected(app, number):
    import pyatspi
    row = find_shown(app, 'list item', name_re=rf'^Step {number}: ')
    verkui.wait_for(lambda: row.getState().contains(pyatspi.STATE_SELECTED),
                    what=f'step {number} selected')


def keyboard_only():
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)
        step_selected(app, 1)
        press(app, 'alt+2')
        step_selected(app, 2)
        app.screenshot('workshops-assess-1280x720')
        press(app, 'ctrl+Page_Down')
        step_selected(app, 3)
        press(app, 'ctrl+Page_Up', 'ctrl+Page_Up')
        step_selected(app, 1)
        press(app, 'alt+Left')
        find_shown(app, 'entry', 'Search groups and workshops')
        wait_gone(app, 'push button', 'Back to All Workshops')
        press(app, 'ctrl+n')
        find_shown(app, 'text', 'Facilitator')
        app.window_id(title='New Workshop')
        press(app, 'Escape')
        wait_gone(app, 'text', 'Facilitator')
        assert query(app, 'SELECT count(*) FROM workshop') == [(1,)]   # Escape created nothing
        app.quit()
        assert not app.complaints(), app.complaints()


TESTS = [
    ('create a group and a workshop with three participants', workshop_created),
    ('delete a workshop and a group, undo both', delete_and_undo),
    ('search filters groups by name and facilitator', search_filters),
    ('new follow-up workshop copies participants and pieces', followup),
    ('keyboard: Alt+2, Ctrl+PageDown/Up, Alt+Left, Ctrl+N, Escape', keyboard_only),
]
# Run a few by name while working on them: test_start_page.py material
if len(sys.argv) > 1:
    TESTS = [t for t in TESTS if any(a in t[0] for a in sys.argv[1:])]
sys.exit(tap(TESTS))
