#!/usr/bin/python3
"""The main window fits a 1280×720 projector on every step: with the
expectations scored on Material (the screen that once grew the window to
1617 px) and on Assess, Prioritise, Plan and Follow up, the window stays at
most 1280 px wide, as X11 reports it (xwininfo), and its header buttons
stay on screen. Screenshots of each step are kept."""
import re
import subprocess
import sys

import verkui
from shellui import click_shown, query, tap, wait_query
import steps

STEPS = [(1, 'Material'), (2, 'Assess'), (3, 'Prioritise'), (4, 'Plan'), (5, 'Follow up')]


def window_width(app):
    info = subprocess.run(['xwininfo', '-id', app.window_id()], capture_output=True, text=True).stdout
    return int(re.search(r'Width:\s*(\d+)', info).group(1))


def fits(app, what, t):
    """GTK grows the window to its content's minimum on the next layout: wait
    for the frame to settle a little by polling, then check."""
    widths = []

    def settled():
        widths.append(window_width(app))
        return len(widths) >= 5 and len(set(widths[-5:])) == 1
    verkui.wait_for(settled, what=f'{what}: the window size to settle')
    assert widths[-1] <= 1280, f'{what}: the window grew to {widths[-1]} px at 1280×720'
    close = app.find('push button', name_re='^(Close|Stäng)$')   # GTK's own word
    e = close.queryComponent().getExtents(1)
    assert e.x + e.width <= 1280, f'{what}: the close button is off screen at x={e.x}'


def every_step_fits(lang=None):
    t = verkui.translator(lang)
    with verkui.App(size='1280x720', lang=lang) as app:
        wid = steps.create_group_and_workshop(app, t=t)
        click_shown(app, None, t('Score the Expectations'))
        items = query(app, "SELECT id, name FROM item WHERE workshop_id = ? AND framework = 'platform' "
                           "ORDER BY position", wid)
        for _, name in items[:16]:
            click_shown(app, None, t('%s: %d of 5') % (name, 3))
        wait_query(app, "SELECT count(*) FROM agreed a JOIN item i ON i.id = a.item_id "
                        "WHERE i.workshop_id = ? AND i.framework = 'platform'", [(len(items[:16]),)], wid)
        for number, name in STEPS:
            steps.go_to_step(app, number, name, t=t)
            fits(app, name, t)
            app.screenshot(f'fits-{number}-{lang or "en"}-1280x720')
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(tap([
    ('every step, expectations scored, fits 1280×720 (English)', lambda: every_step_fits()),
    ('every step, expectations scored, fits 1280×720 (Swedish)', lambda: every_step_fits('sv')),
]))
