#!/usr/bin/python3
"""The room on the projector (issue 15): while phones may join, the
presentation shows the join card (the room's QR code, its address and join
code) beside the slide, and the QR code decoded from a screenshot (zbarimg)
is the address shown; a phone (a python3-websockets client on 127.0.0.1)
scores and the presentation counts it ("1 of 3 have scored", who has not)
without showing the score; after the reveal (B) R starts the second private
round: "Round 2: k of N have scored", both rounds in the database, and the
reveal shows round 2 with round 1's spread, and the facilitator's rows
round 2's scores with round 1's beside them, and each round's comment (a
phone's reason) named by its round; a comment typed on a row in round 2 is
round 2's, round 1's stays in the database; locking the room takes the card
away. At
1280x720 and 1920x1080 (Shift+F5: in the window).
Screenshots: test-artifacts/room-projector-*.png (copied to docs/screenshots/)."""
import asyncio
import json
import re
import subprocess
import sys

import steps
import verkui
from shellui import shown as on_screen   # has a size: not on a hidden page or in a closed revealer

NAMES = ['Anna Ek', 'Bo Berg', 'Cecilia Åström']


def press(app, *keys):
    app.focus_window()
    subprocess.run(['xdotool', 'key', '--clearmodifiers', *keys], check=True)


def find_showing(app, test):
    import pyatspi
    return pyatspi.findDescendant(app.atspi_app(), lambda o: o is not None and test(o) and on_screen(o))


def showing(app, role, name):
    return find_showing(app, lambda o: o.getRoleName() == role and o.name == name) is not None


def wait_showing(app, role, name):
    verkui.wait_for(lambda: showing(app, role, name), what=f'{role} {name!r} on screen')


def open_room(app):
    """Opens the Room dialog with its shortcut and lets phones join; returns
    the join code, the port and the "Listening on" label."""
    app.focus_window()
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+shift+r'], check=True)
    app.find('check box', 'Let Phones Join').queryAction().doAction(0)
    code = app.find('label', name_re=r'^Join code: [A-Z0-9]{6}$').name.split(': ')[1]
    listen = app.find('label', name_re=r'^Listening on .*, port \d+$')
    return code, int(re.search(r'port (\d+)$', listen.name).group(1)), listen


def zbar(path):
    out = subprocess.run(['zbarimg', '--raw', '-q', path], capture_output=True, text=True)
    return out.stdout.strip()


async def phone_votes(port, code, item, score, name=None, token=None, reason=''):
    """Joins by name (or comes back with a seat token) and votes, then waits
    for the state that counts it; returns the seat token."""
    import websockets
    origin = f'http://127.0.0.1:{port}'
    async with websockets.connect(f'ws://127.0.0.1:{port}/ws?c={code}', origin=origin,
                                  open_timeout=10, close_timeout=2) as ws:
        hello = {'type': 'join', 'name': name} if token is None else {'type': 'resume', 'seat': token}
        await ws.send(json.dumps(hello))
        for _ in range(50):                       # bounded: a state per change
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            if msg.get('type') == 'refused':
                raise AssertionError(msg)
            if msg.get('seated') and msg.get('piece'):
                break
        token = msg['seat']['token']
        await ws.send(json.dumps({'type': 'vote', 'item': item, 'score': score, 'reason': reason}))
        for _ in range(50):
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            if msg.get('type') == 'refused':
                raise AssertionError(msg)
            if msg.get('piece', {}).get('score') == score:
                return token


def room_on_projector(size):
    with verkui.App(size=size) as app:
        wid = steps.create_group_and_workshop(app, names=NAMES)
        pieces = steps.items(app, wid)
        people = steps.participants(app, wid)
        steps.go_to_step(app, 2, 'Assess')
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[0][1]), what='the first piece')

        code, port, _listen = open_room(app)
        room = app.focus_window('Room')
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Escape'], check=True)
        verkui.wait_for(lambda: subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Room$'],
                                               capture_output=True).returncode != 0,
                        what='the Room dialog to close')

        press(app, 'shift+F5')
        wait_showing(app, 'label', '0 of 3 have scored')
        wait_showing(app, 'label', 'Score from your phone')
        wait_showing(app, 'label', f'Join code: {code}')
        qr = verkui.wait_for(lambda: find_showing(app, lambda o: (o.name or '').startswith('QR code of http://')),
                             what='the QR code')
        url = qr.name[len('QR code of '):]
        assert url.endswith(f':{port}/?c={code}'), url
        verkui.wait_for(lambda: find_showing(app, lambda o: o.getRoleName() == 'label' and
                                           (o.name or '').replace('\n', '') == url[len('http://'):]),
                        what='the join address on screen')
        for n in NAMES:
            assert showing(app, 'panel', f'{n} has not scored yet'), n
        # Big enough to scan from the back: at least 230 px on a 1280 px wide slide.
        extents = qr.queryComponent().getExtents(1)
        assert extents.width >= 230 and extents.height >= 230, (extents.width, extents.height)
        shot = app.screenshot(f'room-projector-{size}')
        decoded = zbar(shot)
        assert decoded == url, (decoded, url)
        # The puzzle piece's text is still there beside the card.
        wait_showing(app, 'label', pieces[0][1])

        # The whole puzzle beside the card: each level of the legend keeps its
        # name on one line (entries move to a second line instead).
        press(app, 'Page_Up')
        wait_showing(app, 'label', 'Our puzzle')
        legend = verkui.wait_for(lambda: find_showing(app, lambda o: o.getRoleName() == 'panel'
                                                      and o.name == 'The scale from 1 to 5'),
                                 what='the legend of the scale')
        import pyatspi
        levels = ['Not started', 'Early steps', 'Under way', 'Established', 'A model for others']
        labels = pyatspi.findAllDescendants(legend, lambda o: o is not None and o.getRoleName() == 'label'
                                            and o.name in levels)
        heights = {o.name: o.queryComponent().getExtents(1).height for o in labels}
        assert sorted(heights) == sorted(levels), heights
        assert max(heights.values()) < 1.5 * min(heights.values()), f'a level name wraps: {heights}'
        footer = find_showing(app, lambda o: o.getRoleName() == 'label' and (o.name or '').startswith('Step 2 of 5'))
        top_of_footer = footer.queryComponent().getExtents(1).y
        for o in labels:
            assert on_screen(o), f'{o.name} is not shown'
        box = legend.queryComponent().getExtents(1)
        for o in labels:
            e = o.queryComponent().getExtents(1)
            assert box.y <= e.y and e.y + e.height <= box.y + box.height + 1, (o.name, e, box)
            assert e.y + e.height <= top_of_footer, f'{o.name} runs into the footer: {e}'
        app.screenshot(f'room-projector-puzzle-{size}')
        press(app, 'Page_Down')
        wait_showing(app, 'label', '0 of 3 have scored')

        # A phone scores: the room counts it, the score stays hidden.
        bo = asyncio.run(phone_votes(port, code, pieces[0][0], 4, name='Bo Berg'))
        wait_showing(app, 'label', '1 of 3 have scored')
        wait_showing(app, 'panel', 'Bo Berg has scored')
        wait_showing(app, 'panel', 'Anna Ek has not scored yet')
        assert not showing(app, 'panel', 'Bo Berg: 4'), 'a score shown before the reveal'

        # The others score far apart; revealed (B), the spread 1..5 is at the
        # threshold, and R starts the second private round.
        anna = asyncio.run(phone_votes(port, code, pieces[0][0], 1, name='Anna Ek', reason='Vi ses för sällan'))
        asyncio.run(phone_votes(port, code, pieces[0][0], 5, name='Cecilia Åström'))
        wait_showing(app, 'label', '3 of 3 have scored')
        press(app, 'b')
        wait_showing(app, 'panel', 'Bo Berg: 4')
        press(app, 'r')
        wait_showing(app, 'label', 'Round 2: 0 of 3 have scored')
        assert not showing(app, 'panel', 'Bo Berg: 4'), 'round 2 starts hidden'
        asyncio.run(phone_votes(port, code, pieces[0][0], 3, token=anna, reason='Efter samtalet'))
        asyncio.run(phone_votes(port, code, pieces[0][0], 4, token=bo))
        wait_showing(app, 'label', 'Round 2: 2 of 3 have scored')
        wait_showing(app, 'panel', 'Anna Ek has scored')
        steps.wait_query(app, 'SELECT participant_id, value, comment FROM round_score WHERE item_id = ? AND round = 2'
                              ' ORDER BY value', [(people[0], 3, 'Efter samtalet'), (people[1], 4, '')],
                         pieces[0][0])
        assert steps.query(app, 'SELECT value FROM score WHERE item_id = ? ORDER BY value',
                           pieces[0][0]) == [(1,), (4,), (5,)], 'round 1 kept'
        press(app, 'b')
        wait_showing(app, 'label', 'Round 2: spread 3 to 4, mean 3.5\nRound 1: spread 1 to 5')
        app.screenshot(f'room-projector-round2-{size}')

        # Locked: nobody new may join, and the card goes.
        press(app, 'Escape')
        wait_showing(app, 'push button', 'Hide Scores')      # round 2 is revealed
        # The facilitator's rows agree with the projector: round 2's scores,
        # round 1's as the earlier value, said in words; the spread is round 2's.
        wait_showing(app, 'label', 'Round 1: 1, now 3')
        wait_showing(app, 'label', 'Round 1: 4, the same now')
        wait_showing(app, 'label', 'Round 1: 5, not scored in round 2')
        anna_row = find_showing(app, lambda o: o.getRoleName() == 'list item' and o.name == 'Anna Ek')
        assert anna_row is not None and anna_row.description == 'Round 1: 1, now 3', anna_row
        wait_showing(app, 'label', 'Round 2 · Spread 1 (from 3 to 4) · mean 3.5 · median 3.5\n'
                                   'Round 1: spread 1 to 5')
        # Each round's comment where its round is shown, named by its round.
        wait_showing(app, 'label', 'Round 1: “Vi ses för sällan”')
        wait_showing(app, 'label', 'Round 2: “Efter samtalet”')
        # A comment typed on Bo's row now is round 2's; round 1's stays.
        app.click('push button', 'Round 2 comment by Bo Berg')
        field = verkui.wait_for(lambda: find_showing(app, lambda o: o.getRoleName() == 'text'
                                                     and o.name == 'Round 2 comment by Bo Berg'),
                                what="Bo's round-2 comment field")
        text = 'Mer samsyn nu'
        field.queryEditableText().insertText(0, text, len(text.encode()))
        steps.wait_query(app, 'SELECT comment FROM round_score WHERE item_id = ? AND participant_id = ?'
                              ' AND round = 2', [(text,)], pieces[0][0], people[1],
                         what="Bo's comment in round 2")
        round1 = steps.query(app, "SELECT participant_id, coalesce (comment, '') FROM score WHERE item_id = ?"
                                  " ORDER BY value", pieces[0][0])
        assert round1 == [(people[0], 'Vi ses för sällan'), (people[1], ''), (people[2], '')], round1
        press(app, 'Escape')
        wait_showing(app, 'label', f'Round 2: “{text}”')
        app.screenshot(f'assess-round2-{size}')
        app.focus_window()
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+shift+r'], check=True)
        app.find('check box', 'Lock the Room').queryAction().doAction(0)
        verkui.wait_for(lambda: not showing(app, 'label', 'Score from your phone'),
                        what='the join card to go when the room is locked')
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
    sys.exit(steps.tap([
        ('room: the join card with a QR code on the projector at 1280x720, counts, lock',
         lambda: room_on_projector('1280x720')),
        ('the same at 1920x1080', lambda: room_on_projector('1920x1080')),
    ]))
