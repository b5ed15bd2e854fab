#!/usr/bin/python3
"""Projector mode in the real app, as a facilitator uses it on one screen (the
1920x1080 Xvfb that build-aux/dev test provides): F5 turns the window into
the presentation, Esc brings the controls back, the room sees "N of M have
scored" until the reveal and each person's score after it, and Shift+F5
with one screen presents in the window. Keys are real key presses; the rest
goes over AT-SPI. (tests/ui/test_projector.py covers several monitors.)"""
import re
import subprocess
import sys

import steps
import verkui
from shellui import shown as on_screen   # has a size: not on a hidden page or in a closed revealer


def press(app, *keys):
    wid = app.focus_window()
    subprocess.run(['xdotool', 'key', '--clearmodifiers', *keys], check=True)


def find_on_screen(app, role, name):
    import pyatspi
    return pyatspi.findDescendant(app.atspi_app(), lambda o: o is not None and o.getRoleName() == role
                                  and o.name == name and on_screen(o))


def find_on_screen_re(app, role, pattern):
    import re
    import pyatspi
    return pyatspi.findDescendant(app.atspi_app(), lambda o: o is not None and o.getRoleName() == role
                                  and re.search(pattern, o.name or '') and on_screen(o))


def click_on_screen_re(app, role, pattern):
    """Clicks the one that can be clicked: a GtkMenuButton and its inner button
    share a name on the bus, and only the inner one has an action."""
    import re
    import pyatspi
    found = pyatspi.findAllDescendants(app.atspi_app(), lambda o: o is not None
                                       and o.getRoleName() == role
                                       and re.search(pattern, o.name or '') and on_screen(o))
    for o in found:
        action = o.queryAction()
        if action.nActions > 0:
            action.doAction(0)
            return o
    raise AssertionError(f'no {role} matching {pattern!r} can be clicked')


def showing(app, role, name):
    import pyatspi
    root = app.atspi_app()
    found = pyatspi.findAllDescendants(root, lambda o: o is not None and o.getRoleName() == role
                                       and o.name == name)
    return any(on_screen(o) for o in found)


def wait_showing(app, role, name, shown=True):
    verkui.wait_for(lambda: showing(app, role, name) == shown,
                    what=f'{role} {name!r} to be {"shown" if shown else "hidden"}')


def run(size):
    with verkui.App(size=size) as app:
        wid = steps.create_group_and_workshop(app)
        piece = steps.items(app, wid)[0][1]
        steps.go_to_step(app, 2, 'Assess')
        app.find('label', 'Choose a Piece')
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, piece), what='the piece to open')
        steps.score(app, steps.participant_title(0), 4)
        steps.score(app, steps.participant_title(2), 2)
        people = steps.participants(app, wid)
        steps.wait_query(app, 'SELECT participant_id, value FROM score WHERE item_id = ? '
                              'AND participant_id IS NOT NULL ORDER BY participant_id',
                         [(people[0], 4), (people[2], 2)], steps.items(app, wid)[0][0])

        # The timer is one button to a screen reader (issue 14): not a panel
        # around a menu button around a toggle button, all named.
        import pyatspi
        timers = pyatspi.findAllDescendants(app.atspi_app(), lambda o: o is not None and on_screen(o)
                                            and re.search(r'(?i)^discussion timer', o.name or ''))
        assert [o.getRoleName() for o in timers] == ['push button'], \
            [(o.getRoleName(), o.name) for o in timers]

        # The facilitator starts the discussion timer from the header bar.
        click_on_screen_re(app, 'push button', r'^Discussion timer, 5:00 left$')
        start = verkui.wait_for(lambda: find_on_screen(app, 'label', 'Start'), what='the timer popover')
        app.screenshot(f'app-facilitator-timer-{size}')
        start.parent.queryAction().doAction(0)      # the button around the label
        verkui.wait_for(lambda: find_on_screen(app, 'label', 'Pause'), what='the timer to run')
        press(app, 'Escape')

        press(app, 'F5')
        wait_showing(app, 'label', '2 of 3 have scored')
        verkui.wait_for(lambda: find_on_screen_re(app, 'label', r'^4:[0-5]\d$'),
                        what='the running timer in the presentation')
        wait_showing(app, 'label', 'Scores are hidden until the facilitator reveals them.')
        assert not showing(app, 'panel', f'{steps.participant_title(0)}: 4'), \
            'the presentation shows a score before the reveal'
        wait_showing(app, 'label', piece)
        assert not showing(app, 'push button', 'Reveal Scores'), \
            'the facilitator controls are still on screen in presentation mode'
        app.screenshot(f'app-presentation-hidden-{size}')

        press(app, 'Escape')
        verkui.wait_for(lambda: showing(app, 'push button', 'Reveal Scores')
                        and not showing(app, 'label', '2 of 3 have scored'),
                        what='the facilitator view to come back')

        # The one on screen: a search by name alone can find one that is not.
        reveal = verkui.wait_for(lambda: find_on_screen(app, 'push button', 'Reveal Scores'),
                                 what='the Reveal Scores button')
        reveal.queryAction().doAction(0)
        wait_showing(app, 'push button', 'Hide Scores')
        press(app, 'shift+F5')     # one screen: presents in this window
        wait_showing(app, 'panel', f'{steps.participant_title(0)}: 4')
        wait_showing(app, 'panel', f'{steps.participant_title(2)}: 2')
        wait_showing(app, 'label', 'Spread 2 to 4, mean 3.0')
        app.screenshot(f'app-presentation-revealed-{size}')
        press(app, 'F5')
        verkui.wait_for(lambda: not showing(app, 'label', 'Spread 2 to 4, mean 3.0'),
                        what='F5 to leave presentation mode')
        app.quit()
        assert not app.complaints(), f'the app complained: {app.complaints()}'


tap = verkui.tap


sys.exit(tap([
    ('F5, Esc, hidden then revealed scores, Shift+F5 on one screen at 1280x720',
     lambda: run('1280x720')),
    ('the same at 1920x1080', lambda: run('1920x1080')),
]))
