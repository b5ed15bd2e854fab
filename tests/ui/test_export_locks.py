#!/usr/bin/python3
"""The window never loses its database (issue 12): with a workshop open,
Ctrl+E's file chooser is given the database's own folder, so GIO reads the
database file in-process to sniff its type, and its close() drops every POSIX
lock the process holds on it (checked in /proc/locks). Then an export runs
from a terminal, the window goes on saving scores, and is killed with
SIGKILL: every score the window showed as saved is in the file afterwards.
tests/test-store-faults.c /store-faults/window-keeps-its-locks checks the
same mechanism without a display."""
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile

import steps
import verkui
from shellui import find_shown, press, wait_gone


def posix_locks(pid, inode):
    """The POSIX record locks @pid holds on the file with @inode."""
    n = 0
    with open('/proc/locks') as f:
        for line in f:
            fields = line.split()
            # "1: POSIX  ADVISORY  READ 1234 08:01:5678 1073741826 1073742335"
            if len(fields) >= 6 and fields[1] == 'POSIX' and fields[4] == str(pid) \
                    and fields[5].split(':')[-1] == str(inode):
                n += 1
    return n


def scores_of(db, item_id):
    con = sqlite3.connect(db)
    try:
        return con.execute('SELECT participant_id, value FROM score WHERE item_id = ? '
                           'ORDER BY participant_id', (item_id,)).fetchall()
    finally:
        con.close()


def export_while_the_window_writes():
    out_dir = tempfile.mkdtemp(prefix='verkstad-export-locks-')
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        (item_id, name) = steps.items(app, wid)[0]
        people = steps.participants(app, wid)
        steps.go_to_step(app, 2, 'Assess')
        app.find('label', 'Choose a Piece')
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, name), what=f'the piece {name}')
        steps.score(app, steps.participant_title(0), 2)
        app.find('label', '1 of 3 have scored. The scores stay hidden until you reveal them.')

        inode = os.stat(app.db).st_ino
        assert posix_locks(app.proc.pid, inode) > 0, 'SQLite holds no lock on the open database'

        # Ctrl+E, and the database's folder typed into the name field.
        press(app, 'ctrl+e')
        verkui.type_in_name_field(app, 'Export the Workshop', os.path.dirname(app.db) + '/')
        verkui.wait_for(lambda: posix_locks(app.proc.pid, inode) == 0, timeout=30,
                        what='GIO reading the database (its close() drops the POSIX locks)')
        # Cancel: nothing exported from the window.
        # (GTK 4.8 names the chooser's button "_Cancel Cancel")
        cancel = find_shown(app, 'push button', name_re=r'Cancel$')
        cancel.queryAction().doAction(0)
        wait_gone(app, 'push button', cancel.name)

        # The export from a terminal, while the window has the file open.
        out = os.path.join(out_dir, 'workshop.xlsx')
        cli = subprocess.run([verkui.APP, '--db', app.db, '--export-xlsx', out, '--workshop', str(wid)],
                             env=app.env, capture_output=True, text=True, timeout=60)
        assert cli.returncode == 0, cli.stderr
        assert os.path.exists(app.db + '-wal'), 'the export deleted the WAL the window writes to'

        # The window goes on saving; it shows each score as saved.
        steps.score(app, steps.participant_title(1), 4)
        app.find('label', '2 of 3 have scored. The scores stay hidden until you reveal them.')
        steps.score(app, steps.participant_title(2), 5)
        app.find('label', '3 of 3 have scored. The scores stay hidden until you reveal them.')

        app.proc.send_signal(signal.SIGKILL)
        app.proc.wait()
        assert scores_of(app.db, item_id) == sorted(zip(people, [2, 4, 5])), scores_of(app.db, item_id)


def listing(db):
    """The files beside @db named after it, with their SHA-256 (the -shm is
    SQLite's shared memory, which readers write: only that it is there)."""
    folder = os.path.dirname(db)
    out = {}
    for name in sorted(os.listdir(folder)):
        if not name.startswith(os.path.basename(db)):
            continue
        if name.endswith('-shm'):
            out[name] = 'shared memory'
            continue
        with open(os.path.join(folder, name), 'rb') as f:
            out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


def command_line_reads_only():
    """--export-xlsx and --render-puzzle on a read-only copy in a read-only
    folder, and on the live file while the window has it open and another
    program holds the write lock: they work and change nothing (no backup,
    no -wal or -shm made or removed)."""
    out_dir = tempfile.mkdtemp(prefix='verkstad-export-ro-')
    ro_dir = tempfile.mkdtemp(prefix='verkstad-ro-')
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        copy = os.path.join(ro_dir, 'copy.db')
        con = sqlite3.connect(app.db)
        con.execute('VACUUM INTO ?', (copy,))
        con.close()
        os.chmod(copy, 0o444)
        os.chmod(ro_dir, 0o555)
        commands = [['--export-xlsx', os.path.join(out_dir, 'w.xlsx'), '--workshop', str(wid)],
                    ['--export-xlsx', os.path.join(out_dir, 'all.xlsx'), '--all'],
                    ['--render-puzzle', os.path.join(out_dir, 'p.png'), '--workshop', str(wid)]]
        for db in (copy, app.db):
            writer = None
            if db == app.db:
                writer = sqlite3.connect(db, isolation_level=None)
                writer.execute('BEGIN IMMEDIATE')
                writer.execute("UPDATE grp SET name = 'not committed'")
            before = listing(db)
            for args in commands:
                cli = subprocess.run([verkui.APP, '--db', db, *args], env=app.env,
                                     capture_output=True, text=True, timeout=60)
                assert cli.returncode == 0, (db, args, cli.stderr)
            assert listing(db) == before, (db, before, listing(db))
            if writer is not None:
                writer.execute('ROLLBACK')
                writer.close()
        os.chmod(ro_dir, 0o755)
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
    sys.exit(verkui.tap([
        ('the file chooser reads the database, an export runs, the window saves on, kill -9: '
         'every saved score is there', export_while_the_window_writes),
        ('the command line reads a read-only copy and a file in use, and changes nothing',
         command_line_reads_only),
    ]))
