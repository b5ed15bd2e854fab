#!/usr/bin/python3
"""A database with many workshops: each group shows its newest three and a
row that shows the rest; groups past the first screenful still arrive (they
are added when idle); the older workshops are a click away."""
import os
import subprocess
import sys
import tempfile

import verkui
from shellui import find_shown, query, tap, wait_gone

OLD_GROUP = 'Ledningsgrupp 1'
DATES = ['2021-03-01', '2022-03-01', '2023-03-01', '2024-03-01', '2025-03-01']
N_GROUPS = 7


def make_database(path):
    """A Verkstad database made by the app, then filled with plain SQL."""
    import sqlite3
    with verkui.App(db=path) as app:
        find_shown(app, 'label', 'No Groups Yet')
        app.quit()
    db = sqlite3.connect(path)
    with db:
        for g in range(1, N_GROUPS + 1):
            gid = db.execute('INSERT INTO grp (name, unit) VALUES (?, ?)',
                             (f'Ledningsgrupp {g}', f'Förvaltning {g}')).lastrowid
            # Group 1 has the newest workshop, so it comes first.
            dates = DATES if g == 1 else [f'2019-0{g}-15']
            for d in dates:
                db.execute('INSERT INTO workshop (grp_id, date, facilitator) VALUES (?, ?, ?)',
                           (gid, d, 'Karin'))
    db.close()


def newest_three_then_the_rest():
    with tempfile.TemporaryDirectory(prefix='verkstad-many-') as tmp:
        path = os.path.join(tmp, 'many.db')
        make_database(path)
        with verkui.App(db=path, size='1280x720') as app:
            for d in DATES[2:]:
                find_shown(app, name=f'Delete the workshop of {verkui.long_date(d)}')
            more = find_shown(app, 'list item', name_re='Show 2 Older Workshops')
            for d in DATES[:2]:
                wait_gone(app, 'push button', f'Delete the workshop of {verkui.long_date(d)}')
            # The last group is built after the first frame, when idle.
            find_shown(app, 'label', f'Ledningsgrupp {N_GROUPS}', timeout=20)
            app.screenshot('start-page-many-1280x720')

            # GTK 4.8 gives list rows no AT-SPI action: click it for real
            # (XTest; with no window manager the window sits at the origin).
            e = more.queryComponent().getExtents(1)
            subprocess.run(['xdotool', 'mousemove', str(e.x + e.width // 2), str(e.y + e.height // 2),
                            'click', '1'], check=True)
            for d in DATES:
                find_shown(app, name=f'Delete the workshop of {verkui.long_date(d)}')
            wait_gone(app, 'label', 'Show 2 Older Workshops')
            # Nothing was written by looking.
            assert query(app, 'SELECT count(*) FROM workshop WHERE trashed_at IS NULL') == \
                [(len(DATES) + N_GROUPS - 1,)]
            app.quit()
            assert not app.complaints(), app.complaints()


sys.exit(tap([('a group shows its newest three workshops, the rest on request; '
               'later groups arrive when idle', newest_three_then_the_rest)]))
