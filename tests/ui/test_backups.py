#!/usr/bin/python3
"""Backups from the menu: the daily automatic backup is listed, and
restoring it (after confirming) brings back exactly what the backup holds,
keeping today's contents as one more backup."""
import datetime
import glob
import os
import re
import sqlite3
import sys

import shellui
import verkui
from shellui import (GROUP, click_shown, create_group_and_workshop, find_shown, press, set_text,
                     tap, wait_gone, wait_query)

OTHER = 'Ledningsgruppen Väst'


def groups_in(path):
    db = sqlite3.connect(f'file:{path}?immutable=1', uri=True)
    try:
        return sorted(r[0] for r in db.execute('SELECT name FROM grp WHERE trashed_at IS NULL'))
    finally:
        db.close()


def safety_copies(db):
    return [p for p in glob.glob(os.path.join(os.path.dirname(db), '*'))
            if 'before-restore' in p and p.endswith('.backup')]


def shown_names(app, name_re):
    """The names of every node on screen matching @name_re."""
    found = []

    def match(node, role):
        if re.search(name_re, node.name or ''):
            found.append(node.name)
        return False
    shellui._search_shown(app.atspi_app(), match)
    return found


def restore_daily_backup():
    first = verkui.App(size='1280x720')
    with first:
        create_group_and_workshop(first)
        first.quit()
        assert first.proc.returncode == 0
        db = first.db
        # The second day of use (here: the second run) starts with a backup.
        with verkui.App(size='1280x720', db=db) as app:
            # Shown as the window shows dates ("3 December 2026 14:05"), not ISO.
            today = verkui.long_date(datetime.date.today())
            find_shown(app, 'label', GROUP)
            press(app, 'ctrl+shift+n')
            set_text(app, 'Group name', OTHER)
            click_shown(app, name='Create')
            wait_query(app, 'SELECT count(*) FROM grp', [(2,)])
            press(app, 'ctrl+shift+b')
            app.window_id(title='Backups')
            find_shown(app, name_re=f'^Restore the backup of {today} ')
            app.screenshot('backups-window', title='Backups')
            click_shown(app, name_re=f'^Restore the backup of {today} ')
            click_shown(app, name_re=r'^_?Restore( Restore)?$')
            wait_query(app, 'SELECT name FROM grp WHERE trashed_at IS NULL ORDER BY name', [(GROUP,)])
            find_shown(app, 'label', name_re=f'Restored the backup of {today}')
            wait_gone(app, 'label', OTHER)
            # Today's contents were kept as one more backup before the restore.
            kept = [p for p in glob.glob(os.path.join(os.path.dirname(db), '*'))
                    if 'before-restore' in p and not p.endswith(('-wal', '-shm'))]
            assert kept and groups_in(kept[0]) == sorted([GROUP, OTHER]), kept
            # A second restore the same day keeps a safety copy of its own:
            # both are listed, each can be restored.
            press(app, 'ctrl+shift+b')
            app.window_id(title='Backups')
            click_shown(app, name_re=f'^Restore the backup of {today} ')
            click_shown(app, name_re=r'^_?Restore( Restore)?$')
            verkui.wait_for(lambda: len(safety_copies(db)) == 2, what='a second safety copy')
            press(app, 'ctrl+shift+b')
            app.window_id(title='Backups')
            verkui.wait_for(lambda: len(shown_names(app, r'^Before restoring a backup')) == 2,
                            what='two safety copies listed')
            app.screenshot('backups-window-two-restores', title='Backups')
            app.quit()
            assert not app.complaints(), app.complaints()


TESTS = [('restore the daily backup from the menu', restore_daily_backup)]
sys.exit(tap(TESTS))
