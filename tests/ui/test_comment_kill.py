#!/usr/bin/python3
"""A comment typed without a pause is saved while it is typed, not only when
typing stops: the field says "Saved as you type". A facilitator types a
participant's comment for 2.5 s with no pause of 400 ms or more (real key
presses through xdotool), then the app is killed with SIGKILL, as a crash or a
power cut would. The database, opened again, holds most of what was typed:
the field saves at least once a second while typing goes on. (With a timer
that restarts on every key, nothing at all was saved.)"""
import os
import signal
import subprocess
import sys
import time

import pyatspi

import steps
import verkui
from steps import query

TYPING_SECONDS = 2.5
# ASCII only: xdotool types a letter missing from the keymap by remapping a key first.
WORDS = ('Vi samverkar bra inom ledningsgruppen men enheterna arbetar sallan tillsammans '
         'och det syns i hur vi planerar varje termin').split(' ')


def comment_survives_kill():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        (item_id, name), = steps.items(app, wid)[:1]
        people = steps.participants(app, wid)
        anna = steps.participant_title(0)
        steps.go_to_step(app, 2, 'Assess')
        app.click('push button', f'{name}, not scored')
        verkui.wait_for(lambda: steps.piece_shown(app, name), what='the first piece')
        steps.score(app, anna, 3)
        steps.wait_query(app, 'SELECT value FROM score WHERE item_id = ? AND participant_id = ?', [(3,)],
                         item_id, people[0], what="Anna's score")
        app.click('push button', f'Comment by {anna}')
        field = app.find('text', f'Comment by {anna}')
        verkui.wait_for(lambda: field.getState().contains(pyatspi.STATE_FOCUSED),
                        what='the comment field focused')

        # One xdotool call per word, 20 ms between keys: the gaps between calls
        # are a process start, far below the 400 ms pause that saves.
        wid_x = app.focus_window()
        typed = ''
        start = time.monotonic()
        i = 0
        while time.monotonic() - start < TYPING_SECONDS:
            word = WORDS[i % len(WORDS)] + ' '
            subprocess.run(['xdotool', 'type', '--delay', '20', word], check=True)
            typed += word
            i += 1
        os.kill(app.proc.pid, signal.SIGKILL)
        app.proc.wait()

        rows = query(app, 'SELECT comment FROM score WHERE item_id = ? AND participant_id = ?', item_id, people[0])
        saved = (rows[0][0] or '') if rows else ''
        print(f'# typed {len(typed)} characters in {TYPING_SECONDS} s; {len(saved)} were saved before the kill')
        assert typed.startswith(saved), f'the saved comment is not what was typed: {saved!r}'
        assert len(saved) * 2 >= len(typed), \
            f'only {len(saved)} of {len(typed)} characters typed without a pause were saved: {saved!r}'


sys.exit(steps.tap([
    ('a comment typed for 2.5 s without a pause survives kill -9', comment_survives_kill),
]))
