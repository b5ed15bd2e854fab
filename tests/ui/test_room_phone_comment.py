#!/usr/bin/python3
"""A phone never flattens, cuts or loses a comment. The real app under Xvfb:
the facilitator gives Anna a score and a comment of many lines, as long as
the store allows, on the Assess page (over AT-SPI); Anna's phone (Debian's
chromium through selenium, 360x740, Swedish) shows it whole in its reason
box, and scoring again without touching the box leaves the comment as it
is. The facilitator changes the comment on the laptop: the untouched box
follows, and the next vote keeps the newer text. While Anna edits the box,
a change on the laptop does not take her words from her: the phone says the
comment changed, and her text, with its line breaks, wins when she sends.
A reason longer than the store allows, or with a pasted control character,
gets a Swedish message, stays in the box uncut, and the score still counts.
Screenshot: test-artifacts/room-phone-comment-sv.png."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pyatspi

import steps
import verkui
from steps import query, wait_query
from test_room import phone, text, visible, wait_page, join   # its test runs only as a script
from test_room_projector import open_room
from shellui import shown as on_screen   # has a size: not on a hidden page or in a closed revealer

NAMES = ['Anna Ek', 'Bo Berg']
LIMIT = 10000


def long_comment(n):
    """Exactly @n characters on many lines, with letters beyond ASCII and tabs."""
    out, line = '', 1
    while len(out) < n:
        out += f'Rad {line}:\tvi samverkar åäö inom förvaltningen.\n'
        line += 1
    return out[:n - 1] + '.'


def comment_field(app, who):
    def look():
        for o in pyatspi.findAllDescendants(app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'text'
                                            and o.name == f'Comment by {who}'):
            if on_screen(o):
                return o
        return None
    return verkui.wait_for(look, what=f"{who}'s comment field")


def type_comment(app, who, comment):
    """Opens @who's comment on the Assess page and replaces its text, as pasted."""
    button = app.find('push button', f'Comment by {who}')
    if not steps.pressed(button):
        button.queryAction().doAction(0)
    field = comment_field(app, who)
    et = field.queryEditableText()
    et.deleteText(0, field.queryText().characterCount)
    et.insertText(0, comment, len(comment.encode()))


def box(drv):
    return drv.execute_script("return document.getElementById('reason').value")


def paste(drv, value):
    """Puts @value in the reason box as a paste would (an input event, no typing)."""
    drv.execute_script("const b = document.getElementById('reason'); b.value = arguments[0];"
                       "b.dispatchEvent(new Event('input', { bubbles: true }));", value)


def choose_and_send(drv, score):
    from selenium.webdriver.common.by import By
    drv.find_element(By.CSS_SELECTOR, f'#scores button[data-score="{score}"]').click()
    drv.find_element(By.ID, 'send').click()


def comment_kept():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app, names=NAMES)
        pieces = steps.items(app, wid)
        people = steps.participants(app, wid)
        item = pieces[0][0]
        anna = NAMES[0]
        steps.go_to_step(app, 2, 'Assess')
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[0][1]), what='the first piece')

        def stored():
            return query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                         item, people[0])

        # The facilitator's score and comment for Anna, as long as the store allows.
        longest = long_comment(LIMIT)
        assert len(longest) == LIMIT and longest.count('\n') > 100
        steps.score(app, anna, 3)
        verkui.wait_for(lambda: app.find('push button', f'Comment by {anna}').getState().contains(
            pyatspi.STATE_SENSITIVE), what="Anna's comment button on after her score")
        type_comment(app, anna, longest)
        wait_query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                   [(3, longest)], item, people[0], what='the long comment saved')

        code, port, _listen = open_room(app)
        app.focus_window('Room')
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Escape'], check=True)
        verkui.wait_for(lambda: subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Room$'],
                                               capture_output=True).returncode != 0,
                        what='the Room dialog to close')

        profile = tempfile.mkdtemp(prefix='verk-phone-')
        drv = None
        try:
            drv = phone('sv-SE', profile)
            drv.get(f'http://127.0.0.1:{port}/?c={code}')
            join(drv, anna)
            from selenium.webdriver.common.by import By
            assert drv.find_element(By.ID, 'reason').tag_name == 'textarea'
            assert 'en rad' not in text(drv, 'reason-label'), text(drv, 'reason-label')

            # The whole comment in the box: every line, every character.
            wait_page(drv, lambda d: box(d) == longest, 'the whole comment in the reason box')

            # A new score, the box untouched: the comment stays as it is.
            choose_and_send(drv, 4)
            wait_query(app, 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?',
                       [(4,)], item, people[0], what="Anna's new score")
            assert stored() == [(4, longest)], 'the vote rewrote the comment'

            # The facilitator changes it on the laptop: the untouched box
            # follows, and the next vote keeps the newer text.
            newer = 'Processledaren skrev:\nAnna vill ha fler gemensamma möten.'
            type_comment(app, anna, newer)
            wait_query(app, 'SELECT comment FROM score WHERE item_id = ? AND participant_id = ?',
                       [(newer,)], item, people[0], what="the facilitator's newer comment")
            wait_page(drv, lambda d: box(d) == newer, "the facilitator's newer text on the phone")
            choose_and_send(drv, 5)
            wait_query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                       [(5, newer)], item, people[0], what='the newer comment kept by the vote')

            # Anna edits the box, and meanwhile the facilitator changes it
            # again: her words stay, the phone says so, and hers win.
            reason = drv.find_element(By.ID, 'reason')
            reason.send_keys('\nOch jag håller med.')
            newest = 'Processledaren ändrade igen.'
            type_comment(app, anna, newest)
            wait_page(drv, lambda d: visible(d, 'reason-note'), 'the note that the comment changed')
            assert 'Processledaren har ändrat din motivering' in text(drv, 'reason-note'), text(drv, 'reason-note')
            mine = newer + '\nOch jag håller med.'
            assert box(drv) == mine, box(drv)
            drv.execute_script("document.getElementById('reason-label').scrollIntoView()")
            os.makedirs(verkui.ARTIFACTS, exist_ok=True)
            drv.save_screenshot(os.path.join(verkui.ARTIFACTS, 'room-phone-comment-sv.png'))
            choose_and_send(drv, 5)
            wait_query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                       [(5, mine)], item, people[0], what="Anna's edited reason, on two lines")
            wait_page(drv, lambda d: not visible(d, 'reason-note'), 'the note gone once hers is saved')

            # Too long: the message in Swedish, the text uncut, the score counts.
            too_long = long_comment(LIMIT + 1)
            paste(drv, too_long)
            choose_and_send(drv, 2)
            wait_page(drv, lambda d: re.search(r'längre än 10\s000 tecken', text(d, 'error')),
                      'the Swedish message for a reason too long')
            wait_query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                       [(2, mine)], item, people[0], what='the score saved, the comment unchanged')
            assert box(drv) == too_long, 'the overlong reason was cut'
            # Laptop's row shows the same comment (the model took the score in).

            # A pasted control character: refused by the room, with its message.
            paste(drv, 'Se bilaga\u0007')
            choose_and_send(drv, 1)
            wait_page(drv, lambda d: 'osynligt styrtecken' in text(d, 'error'),
                      'the Swedish message for a control character')
            wait_query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                       [(1, mine)], item, people[0], what='the score saved, the comment unchanged')
            assert box(drv) == 'Se bilaga\u0007'
        finally:
            if drv is not None:
                drv.quit()
            shutil.rmtree(profile, ignore_errors=True)
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(steps.tap([
    ('room: a comment of many lines survives the phone; edits win, untouched boxes never write',
     comment_kept),
]))
