#!/usr/bin/python3
"""The reasons behind the extreme scores on the projector, in the real app at
1280x720 and 1920x1080 with 6 and 12 participants whose names are 20+
characters, each of whom gave the first piece a reason of 10,000 characters
on many lines (tests/present-fixture builds the workshop). After the reveal
(B) the room reads both ends: a heading per end with a quote under it, each
quote one line of text (its line breaks joined) cut with "…", "+ N more"
counting the rest, no label outside the window or under the footer. The
screenshots are test-artifacts/projector-reasons-*.png; the type sizes are
measured in tests/test-presentation-fit.c."""
import os
import subprocess
import sys
import tempfile

import verkui
from test_present_slides import extents, press, shown, wait_shown

FIXTURE = os.path.join(verkui.BUILD, 'tests', 'present-fixture')
LENGTH = 10000


def run(size, n):
    w, h = (int(v) for v in size.split('x'))
    with tempfile.TemporaryDirectory(prefix='verkstad-reasons-') as tmp:
        db = os.path.join(tmp, 'present.db')
        env = dict(os.environ, LANGUAGE='en', LANG='C.UTF-8')
        subprocess.run([FIXTURE, db, str(n), '4', str(LENGTH)], env=env, check=True, capture_output=True)
        with verkui.App(size=size, lang='en', db=db) as app:
            press(app, 'Return')       # the search's Enter opens the first workshop
            wait_shown(app, 'push button', name_re=r'^Discussion timer, 5:00 left$')
            press(app, 'F5')
            press(app, '2')            # Assess: the puzzle, then the first piece
            wait_shown(app, 'label', name_re=r'^Step 2 of 5: Assess · 1/')
            press(app, 'Page_Down')
            footer = wait_shown(app, 'label', name_re=r'^Step 2 of 5: Assess · 2/')[0]
            wait_shown(app, 'label', f'{n} of {n} have scored')
            press(app, 'b')
            headings = verkui.wait_for(lambda: len(shown(app, 'label', name_re=r'^Why \d\?$')) == 2
                                       and shown(app, 'label', name_re=r'^Why \d\?$'),
                                       what='both ends\' headings')
            group = wait_shown(app, name='The reasons behind the lowest and the highest scores')[0]
            path = app.screenshot(f'projector-reasons-{size}-{n}')
            print(f'# {path}')

            labels = sorted((o for o in group if o is not None and o.getRoleName() == 'label' and extents(o)),
                            key=lambda o: extents(o)[1])
            quotes = [o for o in labels if o.name.startswith('“')]
            more = [o.name for o in labels if o.name.startswith('+ ')]
            assert len(headings) == 2, [o.name for o in labels]
            # A quote under each heading: the room hears both ends.
            tops = sorted(extents(o)[1] for o in headings)
            assert any(tops[0] < extents(q)[1] < tops[1] for q in quotes), \
                f'no quote under the first heading: {[o.name[:30] for o in labels]}'
            assert any(extents(q)[1] > tops[1] for q in quotes), \
                f'no quote under the second heading: {[o.name[:30] for o in labels]}'
            for q in quotes:
                assert '\n' not in q.name, f'a line break in a quote: {q.name[:80]!r}'
                assert q.name.endswith('…”'), f'a 10,000-character reason not cut: {q.name[-40:]!r}'
                assert len(q.name) < 500, f'a quote of {len(q.name)} characters'
            # Everything inside the window and above the footer.
            top = extents(footer)[1]
            for o in shown(app, 'label'):
                x, y, ew, eh = extents(o)
                assert x >= -1 and y >= -1 and x + ew <= w + 1 and y + eh <= h + 1, \
                    f'{o.name[:40]!r} {extents(o)} outside the {size} window'
                if o is not footer and o.name != footer.name and y < top:
                    assert y + eh <= top + 1, f'{o.name[:40]!r} {extents(o)} runs under the footer at {top}'
            # The fixture's scores 1, 2, 3 in turn: the 1s and the 3s are the ends.
            n_extreme = sum(1 for p in range(n) if p % 3 != 1)
            hidden = sum(int(m.split()[1]) for m in more)
            assert len(quotes) + hidden == n_extreme, f'{len(quotes)} quotes and {more} for {n_extreme} reasons'
            print(f'# {size} {n} people: {len(quotes)} of {n_extreme} reasons shown, {more}')
            app.quit()
            assert not app.complaints(), f'the app complained: {app.complaints()}'


sys.exit(verkui.tap([
    (f'reasons of {LENGTH} characters, 12 people at 1280x720', lambda: run('1280x720', 12)),
    (f'reasons of {LENGTH} characters, 6 people at 1280x720', lambda: run('1280x720', 6)),
    (f'reasons of {LENGTH} characters, 12 people at 1920x1080', lambda: run('1920x1080', 12)),
    (f'reasons of {LENGTH} characters, 6 people at 1920x1080', lambda: run('1920x1080', 6)),
]))
