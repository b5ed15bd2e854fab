#!/usr/bin/python3
"""A database the app cannot open is explained in a dialog that offers
another file, a new database or quitting, and the refused file is left
byte for byte as it was, with nothing created beside it."""
import hashlib
import os
import re
import sqlite3
import sys
import tempfile

import verkui

VERKSTAD_APPLICATION_ID = 0x5645524B


tap = verkui.tap


def shown(node):
    try:
        e = node.queryComponent().getExtents(1)   # window coordinates
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def find_shown(app, role=None, name=None, name_re=None, timeout=30):
    import pyatspi
    root = app.atspi_app()

    def match(o):
        return (o is not None and (role is None or o.getRoleName() == role)
                and (name is None or o.name == name)
                and (name_re is None or re.search(name_re, o.name or ''))
                and shown(o))
    return verkui.wait_for(lambda: pyatspi.findDescendant(root, match), timeout=timeout,
                           what=f'{role or "any"} named {name or name_re!r} on screen')


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def not_sqlite(folder):
    path = os.path.join(folder, 'minutes.db')
    with open(path, 'wb') as f:
        f.write(b'These are the minutes of the meeting, not a database.\n' * 200)
    return path


def newer_version(folder):
    path = os.path.join(folder, 'future.db')
    db = sqlite3.connect(path)
    db.execute('CREATE TABLE grp (id INTEGER PRIMARY KEY, name TEXT)')
    db.execute("INSERT INTO grp (name) VALUES ('Ledningsgruppen från framtiden')")
    db.execute(f'PRAGMA application_id = {VERKSTAD_APPLICATION_ID}')
    db.execute('PRAGMA user_version = 999')
    db.commit()
    db.close()
    return path


def check_refused(make, body_re, respond, lang=None, heading='The Database Could Not Be Opened'):
    folder = tempfile.mkdtemp(prefix='verkstad-refused-')
    path = make(folder)
    before = sha256(path)
    listing = sorted(os.listdir(folder))
    app = verkui.App(size='1280x720', db=path, lang=lang)
    with app:
        find_shown(app, 'label', heading)
        body = find_shown(app, 'label', name_re=body_re)
        assert os.path.basename(path) in body.name, body.name
        app.screenshot(f'open-failed-{os.path.basename(path).split(".")[0]}', title=heading)
        assert sha256(path) == before, 'the refused file changed while the dialog was up'
        assert sorted(os.listdir(folder)) == listing, os.listdir(folder)
        respond(app)
        app.quit()
        assert not app.complaints(), app.complaints()
    assert sha256(path) == before, 'the refused file changed'
    assert sorted(os.listdir(folder)) == listing, f'files appeared beside it: {os.listdir(folder)}'
    return app


def start_new(app):
    find_shown(app, 'push button', name_re=r'Start a New Database').queryAction().doAction(0)
    # The new database opens on the (empty) start page, in the data folder.
    find_shown(app, 'label', 'No Groups Yet')
    new = os.path.join(app.env['XDG_DATA_HOME'], 'verkstad', 'verkstad-2.db')
    verkui.wait_for(lambda: os.path.exists(new), what='the new database')
    find_shown(app, 'label', name_re=r'Started a new database in .*verkstad-2\.db')


def quit_app(app):
    find_shown(app, 'push button', name_re=r'Quit|Avsluta').queryAction().doAction(0)
    app.proc.wait(10)
    assert app.proc.returncode == 0, app.proc.returncode


def not_sqlite_refused():
    check_refused(not_sqlite, r'is not a Verkstad database, or it is damaged\. '
                              r'Verkstad has not changed it\.', start_new)


def newer_refused():
    check_refused(newer_version, r'was saved by a newer version of Verkstad', quit_app)


def swedish_dialog():
    check_refused(not_sqlite, r'är ingen Verkstad-databas', quit_app, lang='sv',
                  heading='Databasen kunde inte öppnas')


def empty_sqlite(folder):
    path = os.path.join(folder, 'blank.db')
    db = sqlite3.connect(path)
    db.execute('CREATE TABLE t (x)')
    db.execute('DROP TABLE t')
    db.commit()
    db.close()
    return path


def empty_becomes_new_only_when_asked():
    """An SQLite file with no tables: its own message, left as it is until
    the user picks Use It as a New Database; then it opens, empty."""
    folder = tempfile.mkdtemp(prefix='verkstad-refused-')
    path = empty_sqlite(folder)
    before = sha256(path)
    with verkui.App(size='1280x720', db=path) as app:
        find_shown(app, 'label', name_re=r'is an empty database: it holds no tables')
        assert sha256(path) == before, 'the empty file changed before the user agreed'
        app.screenshot('open-failed-empty', title='The Database Could Not Be Opened')
        find_shown(app, 'push button', name_re=r'Use It as a New Database').queryAction().doAction(0)
        find_shown(app, 'label', 'No Groups Yet')
        db = sqlite3.connect(path)
        try:
            (app_id,), = db.execute('PRAGMA application_id').fetchall()
        finally:
            db.close()
        assert app_id == VERKSTAD_APPLICATION_ID, app_id
        app.quit()
        assert not app.complaints(), app.complaints()


def folder_refused():
    folder = tempfile.mkdtemp(prefix='verkstad-refused-')
    path = os.path.join(folder, 'meetings.db')
    os.mkdir(path)
    with verkui.App(size='1280x720', db=path) as app:
        find_shown(app, 'label', name_re=r'“meetings\.db” is a folder, not a database file')
        quit_app(app)
    assert os.listdir(path) == [], os.listdir(path)
    assert sorted(os.listdir(folder)) == ['meetings.db'], os.listdir(folder)


sys.exit(tap([
    ('a file that is not SQLite: explained, left unchanged, new database started', not_sqlite_refused),
    ('a database from a newer version: explained, left unchanged, quit', newer_refused),
    ('the dialog speaks Swedish under LANGUAGE=sv', swedish_dialog),
    ('an empty SQLite file: its own message, a new database only when the user agrees',
     empty_becomes_new_only_when_asked),
    ('a folder given as the database: "is a folder, not a database file"', folder_refused),
]))
