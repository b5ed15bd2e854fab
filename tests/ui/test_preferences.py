#!/usr/bin/python3
"""Preferences over AT-SPI, in Swedish: the window has the size of its two
settings, and a changed disagreement threshold reaches the Assess page that
is already open (the callout appears without leaving the piece). The
spread's mean is written with the Swedish decimal comma ("medel 2,7"); the
scale's expander has a real accessible name, and the scale says its level
names are Verkstad's own."""
import re
import subprocess
import sys

import steps
import verkui
from steps import wait_query

LANG = 'sv'


def key(app, *keys):
    wid = app.focus_window()
    subprocess.run(['xdotool', 'key', '--clearmodifiers', *keys], check=True)


def threshold_reaches_open_assess_page():
    t = verkui.translator(LANG)
    with verkui.App(size='1280x720', lang=LANG) as app:
        wid = steps.create_group_and_workshop(app, t=t)
        pieces = steps.items(app, wid)
        steps.go_to_step(app, 2, 'Assess', t=t)
        app.click(name=t('Next Piece'))
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[0][1]), what='the first piece')
        for p, v in enumerate([2, 3, 3]):
            who = steps.NAMES[p] or t('Participant %u') % (p + 1)
            app.click(name_re=rf'^{re.escape(t("%s, score %d") % (who, v))}(, |$)')
        wait_query(app, 'SELECT count(*) FROM score WHERE item_id = ?', [(3,)], pieces[0][0])
        app.click(name=t('Reveal Scores'))
        summary = t('Spread %d (from %d to %d) · mean %s · median %s') % (1, 2, 3, '2,7', '3')
        assert 'medel 2,7' in summary, summary
        app.find('label', summary)
        callout = t('The group disagrees: scores range from %d to %d. Let those furthest apart explain '
                    'their view before you agree on a score.') % (2, 3)
        # A spread of 1 is below the default threshold of 2: no callout yet.
        try:
            label = app.find('label', callout, timeout=1)
            assert label.queryComponent().getExtents(1).width <= 0, 'the callout shows below the threshold'
        except TimeoutError:
            pass

        # The scale's expander has a name a screen reader can say.
        import pyatspi
        expander = app.find(name=t('The scale, level by level'))
        assert expander.getRoleName() != 'filler', expander.getRoleName()
        assert pyatspi.findDescendant(app.atspi_app(), lambda o: o is not None and o.name == 'GtkExpander') is None
        expander.queryAction().doAction(0)
        app.find('label', t('The names of the five levels are Verkstad’s own: SIQ’s method asks for a '
                            'defined scale from 1 to 5 and leaves the words to you.'))

        key(app, 'ctrl+comma')
        spin = app.find('spin button', name_re='^' + re.escape(t('Disagreement threshold')))
        prefs = verkui.wait_for(lambda: next((w for w in app.atspi_app()
                                              if w.name == t('Preferences')), None), what='the preferences window')
        e = prefs.queryComponent().getExtents(1)
        app.screenshot('preferences-sv', title=t('Preferences'))
        assert e.width <= 640 and e.height <= 480, f'the preferences window is {e.width}×{e.height} for two rows'
        spin.queryValue().currentValue = 1
        label = app.find('label', callout)
        verkui.wait_for(lambda: label.queryComponent().getExtents(1).width > 0,
                        what='the callout on the open Assess page')
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(steps.tap([
    ('a new threshold reaches the open Assess page; the preferences window fits its setting; mean in Swedish',
     threshold_reaches_open_assess_page),
]))
