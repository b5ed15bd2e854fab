#!/usr/bin/python3
"""A second `verkstad --db OTHER.db` while Verkstad runs with another
database: GApplication sends its command line to the running process, which
shows one database in all its windows. So OTHER.db is not opened (nor
created); the terminal gets a translated sentence naming both files and exit
status 1, and the window says so too. The same database again (by another
name) or no --db simply brings the window forward, exit status 0."""
import os
import subprocess
import sys

import verkui
from shellui import find_shown

tap = verkui.tap


def second(app, *args, cwd=None):
    return subprocess.run([verkui.APP, *args], env=app.env, cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def other_database_is_refused():
    with verkui.App(size='1280x720') as app:
        find_shown(app, name_re='.')   # the window is on the accessibility bus
        other = os.path.join(app.tmp.name, 'other.db')
        r = second(app, '--db', other)
        assert r.returncode == 1, (r.returncode, r.stderr)
        assert r.stderr.startswith('verkstad: '), r.stderr
        assert f'“{other}”' in r.stderr and f'“{app.db}”' in r.stderr, r.stderr
        assert 'already open' in r.stderr, r.stderr
        assert not os.path.exists(other)
        find_shown(app, 'label', name_re=r'“other\.db” was not opened')
        app.screenshot('second-instance-toast')
        assert app.proc.poll() is None   # the first one still runs
        app.quit()
        assert app.proc.returncode == 0
        assert not app.complaints(), app.complaints()


def same_database_or_none_is_fine():
    with verkui.App(size='1280x720') as app:
        find_shown(app, name_re='.')
        folder = os.path.dirname(app.db)
        for args in (['--db', os.path.basename(app.db)], ['--db', './' + os.path.basename(app.db)], []):
            r = second(app, *args, cwd=folder)
            assert r.returncode == 0, (args, r.returncode, r.stderr)
            assert 'already open' not in r.stderr, r.stderr
        app.quit()
        assert not app.complaints(), app.complaints()


def a_bare_file_name_is_refused():
    # While running: told, nothing else happens.
    with verkui.App(size='1280x720') as app:
        find_shown(app, name_re='.')
        other = os.path.join(app.tmp.name, 'other.db')
        r = second(app, other)
        assert r.returncode == 1, (r.returncode, r.stderr)
        assert f'“{other}”' in r.stderr and '--db' in r.stderr, r.stderr
        assert not os.path.exists(other)
        assert app.proc.poll() is None
        app.quit()
        assert not app.complaints(), app.complaints()
    # Alone: the same, and no window stays.
    with verkui.App(size='1280x720') as app:
        app.quit()
        r = subprocess.run([verkui.APP, 'other.db'], env=app.env, cwd=app.tmp.name,
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 1, (r.returncode, r.stderr)
        assert '“other.db”' in r.stderr, r.stderr
        assert 'FIRST_FRAME' not in r.stdout
        assert not os.path.exists(os.path.join(app.tmp.name, 'other.db'))


def in_swedish():
    _ = verkui.translator('sv')
    with verkui.App(size='1280x720', lang='sv') as app:
        find_shown(app, name_re='.')
        other = os.path.join(app.tmp.name, 'annan.db')
        r = second(app, '--db', other)
        assert r.returncode == 1, (r.returncode, r.stderr)
        start = _('Verkstad is already open with the database “%s”, so “%s” was not '
                  'opened. Quit Verkstad first, then open the other database.').split('%s')[0]
        assert start != 'Verkstad is already open with the database “', 'no Swedish translation'
        assert start in r.stderr, r.stderr
        app.quit()


TESTS = [
    ('another database is not opened, and the user is told why', other_database_is_refused),
    ('the same database, or none, brings the window forward', same_database_or_none_is_fine),
    ('a file name without --db is refused, not ignored', a_bare_file_name_is_refused),
    ('the message is translated', in_swedish),
]
sys.exit(tap(TESTS))
