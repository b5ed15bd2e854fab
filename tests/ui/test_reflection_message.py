#!/usr/bin/python3
"""A reflection that cannot be saved says why under its own field and keeps
the text (it used to go by in a toast): an overlong text pasted into
Strengths shows the message under Strengths, the database keeps the last
text that could be saved, and the shortened text is saved with the message
gone. Screenshots at 1280x720."""
import subprocess
import sys

import verkui
from shellui import create_group_and_workshop, find_shown, query, tap, wait_gone, wait_query

LIMIT = 10000


def overlong_reflection_keeps_text():
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)
        (wid,), = query(app, 'SELECT id FROM workshop')
        field = find_shown(app, 'text', 'Secure manager: Strengths')
        first = 'Vi fattar beslut snabbt'
        field.queryEditableText().insertText(0, first, len(first.encode()))
        wait_query(app, 'SELECT strengths FROM reflection WHERE workshop_id = ?', [(first,)], wid,
                   what='the first text saved')

        too_long = 'x' * (LIMIT + 1)
        et = field.queryEditableText()
        et.deleteText(0, field.queryText().characterCount)
        et.insertText(0, too_long, len(too_long))
        message = f'The text for the strengths is too long: at most {LIMIT} characters are allowed.'
        label = find_shown(app, 'label', message)
        verkui.wait_for(lambda: field.description == message, what='the message as the field\'s description')
        assert field.queryText().characterCount == LIMIT + 1, 'the overlong text was cut'
        assert query(app, 'SELECT strengths FROM reflection WHERE workshop_id = ?', wid) == [(first,)]
        # Under its own field: below the Strengths field, above Obstacles.
        ext = label.queryComponent().getExtents(1)
        box = field.queryComponent().getExtents(1)
        below = find_shown(app, 'text', 'Secure manager: Obstacles').queryComponent().getExtents(1)
        assert box.y + box.height <= ext.y < below.y, (box, ext, below)
        assert abs(ext.x - box.x) < 40, (box, ext)
        # Scrolled down with the mouse wheel until the message is in view.
        wid_x = app.window_id()

        def scrolled():
            if 60 < label.queryComponent().getExtents(1).y < 680:
                return True
            subprocess.run(['xdotool', 'mousemove', '--window', wid_x, '700', '400', 'click', '5'], check=True)
            return False
        verkui.wait_for(scrolled, timeout=20, what='the message scrolled into view')
        app.screenshot('material-reflection-message-1280x720')

        shorter = 'x' * LIMIT
        et.deleteText(0, field.queryText().characterCount)
        et.insertText(0, shorter, len(shorter))
        wait_query(app, 'SELECT length(strengths) FROM reflection WHERE workshop_id = ?', [(LIMIT,)], wid,
                   what='the shortened text saved')
        wait_gone(app, 'label', message)
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(tap([
    ('an overlong reflection keeps its text, with the message under its field', overlong_reflection_keeps_text),
]))
