#!/usr/bin/python3
"""Ctrl+Z takes back the last score changes of the open workshop, newest
first, with a toast naming each (checked in the database); Ctrl+Shift+Z,
Ctrl+Y and the toast's Redo button put them back until a new edit; a vote
from a phone (a python3-websockets client on 127.0.0.1) is never undone: Undo
takes back the facilitator's own edit before it, the toast's button acts on
the step the toast names only, and a score a phone changed since is kept,
with a message saying so; and Workshop Details edits the participants of a
follow-up workshop (people join and leave) without touching the workshop it
follows."""
import asyncio
import json
import re
import subprocess
import sys

import pyatspi

import steps
import verkui
from shellui import click_shown, find_shown
from steps import TODAY, query, wait_query
from test_edit_workshop import apply_text, open_editor, participants, press_in, close_editor, focus_node


def score_button(app, who, value):
    return app.find('push button', name_re=rf'^{re.escape(who)}, score {value}(, |$)')


def wait_score_shown(app, who, value):
    """Waits until @who's button for @value is the pressed one (AT-SPI state)."""
    button = score_button(app, who, value)
    verkui.wait_for(lambda: steps.pressed(button), what=f'{who}’s score {value} pressed')


def redo_in_toast_by_keyboard(app, most=20):
    """Reaches the toast's Redo button with Shift+Tab, as a keyboard user
    does (it comes a few presses back, past the header bar's buttons), and
    presses it with Space."""
    # libadwaita 1.2 names the toast's button twice over ("Redo Redo").
    button = find_shown(app, 'push button', name_re=r'^Redo( Redo)?$')
    verkui.press_until_focused(button, lambda: press_in(app, 'Verkstad', 'shift+Tab'), most,
                               what='the toast’s Redo button')
    press_in(app, 'Verkstad', 'space')


def toast_button(app, label, timeout=30):
    # libadwaita 1.2 names the toast's button twice over ("Redo Redo").
    return find_shown(app, 'push button', name_re=rf'^{label}( {label})?$', timeout=timeout)


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def open_room(app):
    """Lets phones join (Ctrl+Shift+R, Let Phones Join), closes the Room
    dialog and returns the join code and the port."""
    press_in(app, 'Verkstad', 'ctrl+shift+r')
    app.find('check box', 'Let Phones Join').queryAction().doAction(0)
    code = app.find('label', name_re=r'^Join code: [A-Z0-9]{6}$').name.split(': ')[1]
    listen = app.find('label', name_re=r'^Listening on .*, port \d+$')
    port = int(re.search(r'port (\d+)$', listen.name).group(1))
    app.focus_window('Room')
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Escape'], check=True)
    verkui.wait_for(lambda: subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Room$'],
                                           capture_output=True).returncode != 0,
                    what='the Room dialog to close')
    return code, port


async def phone_votes(port, code, item, score, name):
    """Joins as @name and votes @score, then waits for the state that has it."""
    import websockets
    async with websockets.connect(f'ws://127.0.0.1:{port}/ws?c={code}', origin=f'http://127.0.0.1:{port}',
                                  open_timeout=10, close_timeout=2) as ws:
        await ws.send(json.dumps({'type': 'join', 'name': name}))
        for _ in range(50):                       # bounded: a state per change
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert msg.get('type') != 'refused', msg
            if msg.get('seated') and msg.get('piece'):
                break
        await ws.send(json.dumps({'type': 'vote', 'item': item, 'score': score, 'reason': ''}))
        for _ in range(50):
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert msg.get('type') != 'refused', msg
            if msg.get('piece', {}).get('score') == score:
                return


def open_first_piece(app):
    """A new group and workshop, its Assess step at the first piece: the
    piece's id and name and the participants' ids."""
    wid = steps.create_group_and_workshop(app)
    pieces = steps.items(app, wid)
    people = steps.participants(app, wid)
    steps.go_to_step(app, 2, 'Assess')
    app.click(name='Next Piece')
    (item_id, name) = pieces[0]
    verkui.wait_for(lambda: steps.piece_shown(app, name), what=f'the piece {name}')
    return item_id, name, people


def phone_votes_are_not_undone():
    with verkui.App(size='1280x720') as app:
        item_id, name, people = open_first_piece(app)
        code, port = open_room(app)
        score_of = 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?'

        # The facilitator scores Anna; Bertil votes on his phone; Ctrl+Z
        # takes back Anna's score, and Bertil's vote stays.
        steps.score(app, 'Anna Ek', 2)
        wait_query(app, score_of, [(2,)], item_id, people[0])
        asyncio.run(phone_votes(port, code, item_id, 4, 'Bertil Ödman'))
        wait_query(app, score_of, [(4,)], item_id, people[2])
        press_in(app, 'Verkstad', 'ctrl+z')
        find_shown(app, 'label', f'Undid Anna Ek’s score for {name}')
        wait_query(app, score_of, [], item_id, people[0])
        assert query(app, score_of, item_id, people[2]) == [(4,)], 'the phone’s vote was undone'

        # Redo from the toast: then a new edit, and the "Redid …" toast's
        # Undo no longer names the step to undo: it cannot be pressed.
        redo_in_toast_by_keyboard(app)
        wait_query(app, score_of, [(2,)], item_id, people[0])
        find_shown(app, 'label', f'Redid Anna Ek’s score for {name}')
        assert sensitive(toast_button(app, 'Undo'))
        steps.score(app, 'Participant 2', 5)
        wait_query(app, score_of, [(5,)], item_id, people[1])
        # Looked up anew each time: a button of a toast gone is no proof.
        verkui.wait_for(lambda: not sensitive(toast_button(app, 'Undo', timeout=1)), timeout=3,
                        what='the toast’s Undo greyed out after a new edit')
        find_shown(app, 'label', f'Redid Anna Ek’s score for {name}', timeout=1)
        press_in(app, 'Verkstad', 'ctrl+z')
        find_shown(app, 'label', f'Undid Participant 2’s score for {name}')
        wait_query(app, score_of, [], item_id, people[1])
        verkui.wait_for(lambda: sensitive(toast_button(app, 'Redo')), what='the toast’s Redo for that step')

        # Anna votes on her phone after the facilitator's score for her:
        # Undo keeps her vote and says so.
        asyncio.run(phone_votes(port, code, item_id, 3, 'Anna Ek'))
        wait_query(app, score_of, [(3,)], item_id, people[0])
        press_in(app, 'Verkstad', 'ctrl+z')
        find_shown(app, 'label',
                   f'Anna Ek changed their score for {name} on their phone since; nothing was undone.')
        app.screenshot('edit-undo-phone-changed-1280x720')
        assert query(app, score_of, item_id, people[0]) == [(3,)], 'the phone’s vote was overwritten'
        assert query(app, score_of, item_id, people[2]) == [(4,)]
        app.quit()
        assert not app.complaints(), app.complaints()


def undo_score_changes():
    with verkui.App(size='1280x720') as app:
        item_id, name, people = open_first_piece(app)
        steps.score(app, 'Anna Ek', 2)
        wait_query(app, 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?', [(2,)],
                   item_id, people[0])
        app.click(name='Reveal Scores')   # the buttons show the scores
        steps.score(app, 'Anna Ek', 4)
        wait_query(app, 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?', [(4,)],
                   item_id, people[0])
        steps.score(app, 'Agreed', 3)
        wait_query(app, 'SELECT value FROM agreed WHERE item_id = ?', [(3,)], item_id)

        press_in(app, 'Verkstad', 'ctrl+z')
        find_shown(app, 'label', f'Undid the agreed score for {name}')
        wait_query(app, 'SELECT value FROM agreed WHERE item_id = ?', [(None,)], item_id)
        app.screenshot('edit-undo-toast-1280x720')
        press_in(app, 'Verkstad', 'ctrl+z')
        wait_query(app, 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?', [(2,)],
                   item_id, people[0])
        find_shown(app, 'label', f'Undid Anna Ek’s score for {name}')
        press_in(app, 'Verkstad', 'ctrl+z')
        wait_query(app, 'SELECT count(*) FROM score WHERE item_id = ?', [(0,)], item_id)
        # Nothing left: another Ctrl+Z changes nothing.
        press_in(app, 'Verkstad', 'ctrl+z')

        # Redo puts them back, the last undone first: on the buttons and in the database.
        anna = 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?'
        press_in(app, 'Verkstad', 'ctrl+shift+z')
        wait_query(app, anna, [(2,)], item_id, people[0])
        wait_score_shown(app, 'Anna Ek', 2)
        find_shown(app, 'label', f'Redid Anna Ek’s score for {name}')
        app.screenshot('edit-redo-toast-1280x720')
        press_in(app, 'Verkstad', 'ctrl+y')
        wait_query(app, anna, [(4,)], item_id, people[0])
        wait_score_shown(app, 'Anna Ek', 4)
        # The Redo button of the "Undid …" toast, by keyboard.
        press_in(app, 'Verkstad', 'ctrl+z')
        wait_query(app, anna, [(2,)], item_id, people[0])
        wait_score_shown(app, 'Anna Ek', 2)
        find_shown(app, 'label', f'Undid Anna Ek’s score for {name}')
        redo_in_toast_by_keyboard(app)
        wait_query(app, anna, [(4,)], item_id, people[0])
        wait_score_shown(app, 'Anna Ek', 4)
        press_in(app, 'Verkstad', 'ctrl+shift+z')
        wait_query(app, 'SELECT value FROM agreed WHERE item_id = ?', [(3,)], item_id)
        wait_score_shown(app, 'Agreed', 3)
        press_in(app, 'Verkstad', 'ctrl+z')
        wait_query(app, 'SELECT value FROM agreed WHERE item_id = ?', [(None,)], item_id)

        # A new edit: nothing to redo. Ctrl+Shift+Z is handled before the
        # Ctrl+Z after it, which takes back Bertil's score: the agreed score stays unset.
        steps.score(app, 'Bertil Ödman', 5)
        wait_query(app, 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?', [(5,)],
                   item_id, people[2])
        wait_query(app, 'SELECT count(*) FROM score WHERE item_id = ?', [(2,)], item_id)
        press_in(app, 'Verkstad', 'ctrl+shift+z')
        press_in(app, 'Verkstad', 'ctrl+z')
        wait_query(app, 'SELECT count(*) FROM score WHERE item_id = ?', [(1,)], item_id)
        wait_query(app, 'SELECT value FROM agreed WHERE item_id = ?', [(None,)], item_id)

        # In a text field the keys are the field's own: they neither redo
        # Bertil's score nor undo Anna's.
        entry = find_shown(app, 'text', 'Scores of all participants, in order')
        focus_node(app, entry, title='Verkstad')
        press_in(app, 'Verkstad', '5', 'space', '5')
        verkui.wait_for(lambda: steps.text_of(entry) == '5 5', what='5 5 typed')
        press_in(app, 'Verkstad', 'ctrl+z')
        # GTK takes back the last word typed.
        verkui.wait_for(lambda: steps.text_of(entry) in ('', '5', '5 '), what='the typing undone in the field')
        press_in(app, 'Verkstad', 'ctrl+shift+z')
        verkui.wait_for(lambda: steps.text_of(entry) == '5 5', what='the typing redone in the field')
        assert query(app, 'SELECT participant_id, value FROM score WHERE item_id = ?', item_id) == \
            [(people[0], 4)], query(app, 'SELECT participant_id, value FROM score WHERE item_id = ?', item_id)
        app.quit()
        assert not app.complaints(), app.complaints()


def follow_up_participants():
    with verkui.App(size='1280x720') as app:
        first = steps.create_group_and_workshop(app)
        click_shown(app, name='Back to All Workshops')
        click_shown(app, name=f'New follow-up workshop after {verkui.long_date(TODAY)}')
        click_shown(app, name='Create')
        verkui.wait_for(lambda: query(app, 'SELECT count(*) FROM workshop')[0][0] == 2,
                        what='the follow-up workshop')
        (followup,), = query(app, 'SELECT max(id) FROM workshop')
        verkui.wait_for(lambda: len(participants(app, followup)) == 3, what='the participants carried over')
        find_shown(app, name='Back to All Workshops')

        # The header button opens the same editor as Alt+Enter.
        click_shown(app, name='Workshop Details')
        find_shown(app, 'text', 'Facilitator')
        apply_text(app, 'Participant 2', 'Cecilia Berg')
        click_shown(app, name='Remove Bertil Ödman')
        steps.set_text(find_shown(app, 'text', 'New participant’s name (optional)'), 'Erik Ny')
        click_shown(app, name='Add Participant')
        verkui.wait_for(lambda: participants(app, followup) == ['Anna Ek', 'Cecilia Berg', 'Erik Ny'],
                        what='the follow-up’s participants edited')
        click_shown(app, name='Move Erik Ny up')
        verkui.wait_for(lambda: participants(app, followup) == ['Anna Ek', 'Erik Ny', 'Cecilia Berg'],
                        what='Erik Ny moved up')
        app.screenshot('edit-follow-up-1280x720', title='Workshop Details')
        # Typed but neither applied nor added: closing saves it, loses nothing.
        steps.set_text(find_shown(app, 'text', 'Participant 3'), 'Cecilia Berg-Ek')
        steps.set_text(find_shown(app, 'text', 'New participant’s name (optional)'), 'Fia Sist')
        close_editor(app)
        verkui.wait_for(lambda: participants(app, followup) == ['Anna Ek', 'Erik Ny', 'Cecilia Berg-Ek',
                                                                  'Fia Sist'],
                        what='the drafts saved on closing')
        # The workshop it follows keeps its own people.
        assert participants(app, first) == ['Anna Ek', '', 'Bertil Ödman'], participants(app, first)
        # Alt+Enter opens it again, with the edits.
        open_editor(app)
        find_shown(app, 'text', 'Participant 4')
        assert steps.text_of(find_shown(app, 'text', 'Participant 2')) == 'Erik Ny'
        close_editor(app)
        app.quit()
        assert not app.complaints(), app.complaints()


def swedish_hint_names_the_editor():
    """In Swedish at 1920×1080: the Assess step's hint for a workshop with no
    participants names the editor by its title, and the editor adds them."""
    t = verkui.translator('sv')
    with verkui.App(size='1920x1080', lang='sv') as app:
        wid = steps.create_group_and_workshop(app, t=t)
        open_editor_sv = lambda: (press_in(app, 'Verkstad', 'alt+Return'),
                                  find_shown(app, name='Workshoppens uppgifter'))
        open_editor_sv()
        app.screenshot('edit-details-sv-1920x1080', title='Workshoppens uppgifter')
        for left, name in enumerate(('Bertil Ödman', 'Deltagare 2', 'Anna Ek'), 1):
            click_shown(app, name=f'Ta bort {name}')
            verkui.wait_for(lambda: len(participants(app, wid)) == 3 - left, what=f'{name} removed')
        find_shown(app, name='Återställ Anna Ek')
        close_editor(app, 'Workshoppens uppgifter')
        steps.go_to_step(app, 2, 'Assess', t=t)
        app.click(name=t('Next Piece'))
        hint = find_shown(app, 'label', name_re=r'^Workshoppen har inga deltagare än')
        assert 'Workshoppens uppgifter (Alt+Retur' in hint.name, hint.name
        open_editor_sv()
        steps.set_text(find_shown(app, 'text', 'Ny deltagares namn (frivilligt)'), 'Frida Ny')
        click_shown(app, name='Lägg till deltagare')
        verkui.wait_for(lambda: participants(app, wid) == ['Frida Ny'], what='Frida Ny added')
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(verkui.tap([
    ('Ctrl+Z undoes score changes one by one, with a toast; Ctrl+Shift+Z, Ctrl+Y and its Redo button redo',
     undo_score_changes),
    ('a phone’s vote is never undone; the toast’s button acts on the step it names only',
     phone_votes_are_not_undone),
    ('a follow-up workshop: participants join, leave, are renamed and moved', follow_up_participants),
    ('Swedish: the Assess hint names Workshoppens uppgifter, which adds participants',
     swedish_hint_names_the_editor),
]))
