#!/usr/bin/python3
"""Workshop files in the window, as a user does it: Import a Folder of
Workshops… with three good files and a damaged one (the damaged one named in
the dialog and left byte for byte as it was, the others imported and
counted), then Import Workshops… with one file already there (a toast: all
unchanged), then Export Group as Workshop File… with "aggregates only" (no
names in the file). Then a folder of 40 files, slowed down by the test hook
VERKSTAD_TEST_IMPORT_FILE_DELAY_MS so that it takes seconds on any machine:
the import runs in a worker thread, so the window shows its progress
("Importing 7 of 40 files…", a named progress bar whose value moves) and its
Cancel stops it between two files: the toast says how many files came in,
and the database holds exactly their workshops, each whole. Everything else
about the files is tested in tests/test-store-exchange.c."""
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

import pyatspi

import verkui
from shellui import click_shown, find_shown, open_main_menu, tap

FIXTURE = os.path.join(verkui.BUILD, 'tests', 'org-fixture')


def open_files_menu(app, entry):
    open_main_menu(app)
    # The menu may open again on its Workshop Files page.
    try:
        find_shown(app, 'menu item', entry, timeout=2)
    except TimeoutError:
        click_shown(app, 'menu item', 'Workshop Files')
    click_shown(app, 'menu item', entry)


def type_in_chooser(app, title, path, accept):
    """Types @path into the chooser's location and presses Return; when the
    completion took the Return, the chooser's @accept button."""
    chooser = app.find(None, title)
    wid = app.focus_window(title)
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+l'], check=True)
    # a save chooser's name is preselected without its extension: replace all of it
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+a'], check=True)
    subprocess.run(['xdotool', 'type', '--clearmodifiers', '--delay', '20', path], check=True)
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Return'], check=True)
    def visible():
        return subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', title],
                              capture_output=True, text=True).stdout.strip()
    try:
        verkui.wait_for(lambda: not visible(), timeout=5)
    except TimeoutError:
        find_shown(app, 'push button', name_re=rf'^_?{accept}').queryAction().doAction(0)


def close_dialog(heading):
    """The Close button of the dialog holding @heading (not the main
    window's title-bar button of the same name)."""
    node = heading
    while node is not None:
        button = pyatspi.findDescendant(node, lambda o: o is not None and o.getRoleName() == 'push button'
                                        and (o.name or '').lstrip('_').startswith('Close'))
        if button is not None:
            button.queryAction().doAction(0)
            return
        node = node.parent
    raise AssertionError('no Close button in the dialog')


def press_in_dialog(node, label):
    """The button @label of the dialog holding @node."""
    while node is not None:
        button = pyatspi.findDescendant(node, lambda o: o is not None and o.getRoleName() == 'push button'
                                        and (o.name or '').replace('_', '').startswith(label))
        if button is not None:
            button.queryAction().doAction(0)
            return
        node = node.parent
    raise AssertionError(f'no {label} button in the dialog')


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def count(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def import_folder_and_file():
    d = tempfile.mkdtemp(prefix='verkstad-import-')
    files = os.path.join(d, 'files')
    os.makedirs(files)
    subprocess.run([FIXTURE, os.path.join(d, 'source.db'), '3', '2', files], check=True)
    bad = os.path.join(files, 'bad.verkstad')
    with open(os.path.join(files, 'group-001.verkstad'), 'rb') as f:
        data = bytearray(f.read())
    data[100:4000] = b'\xff' * 3900          # the header and the first pages broken
    with open(bad, 'wb') as f:
        f.write(data)
    bad_sha = sha(bad)

    out = os.path.join(d, 'out')
    os.makedirs(out)
    app = verkui.App(size='1280x720')
    # The Documents folder, where Export Group as Workshop File… suggests saving.
    os.makedirs(os.path.join(app.tmp.name, 'config'), exist_ok=True)
    with open(os.path.join(app.tmp.name, 'config', 'user-dirs.dirs'), 'w') as f:
        f.write(f'XDG_DOCUMENTS_DIR="{out}"\n')
    with app:
        find_shown(app, 'push button', 'New Group')
        open_files_menu(app, 'Import a Folder of Workshops…')
        type_in_chooser(app, 'Import a Folder of Workshop Files', files + '/', 'Import')
        find_shown(app, 'label', '1 File Not Imported', timeout=30)
        body = find_shown(app, 'label', name_re=r'bad\.verkstad')
        assert 'is not a Verkstad workshop file, or it is damaged' in body.name, body.name
        assert 'From the other 3 files: 6 workshops added, 0 updated, 0 unchanged.' in body.name, body.name
        close_dialog(find_shown(app, 'label', '1 File Not Imported'))
        assert sha(bad) == bad_sha, 'the damaged file was changed'
        assert not os.path.exists(bad + '-wal') and not os.path.exists(bad + '-journal')
        assert count(app.db, 'SELECT count(*) FROM workshop') == 6
        assert count(app.db, 'SELECT count(*) FROM grp') == 3

        # the same file again: nothing changes
        open_files_menu(app, 'Import Workshops…')
        type_in_chooser(app, 'Import Workshop Files', os.path.join(files, 'group-002.verkstad'), 'Import')
        find_shown(app, 'label', 'Imported 1 workshop file: 0 workshops added, 0 updated, 2 unchanged.',
                   timeout=30)
        assert count(app.db, 'SELECT count(*) FROM workshop') == 6

        # Export a group, aggregates only: no names travel.
        con = sqlite3.connect(app.db)
        con.execute("UPDATE participant SET name = 'Anna Ek'")
        con.commit()
        con.close()
        open_files_menu(app, 'Export Group as Workshop File…')
        click_shown(app, name_re=r'^_?Aggregates Only…( Aggregates Only…)?$')
        # The chooser suggests the group's name in Documents: Return saves it there.
        app.find(None, 'Export Group as Workshop File')
        wid = app.focus_window('Export Group as Workshop File')
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Return'], check=True)
        # A name starting with '.' is the atomic writer's temp file, seen before its rename.
        try:
            saved = verkui.wait_for(lambda: [n for n in os.listdir(out) if n.endswith('.verkstad') and not n.startswith('.')],
                                    timeout=3, what='the workshop file written')
        except TimeoutError:
            # Without a window manager the chooser may not have the keyboard: its Export button.
            find_shown(app, 'push button', name_re=r'^_?Export( Export)?$').queryAction().doAction(0)
            saved = verkui.wait_for(lambda: [n for n in os.listdir(out) if n.endswith('.verkstad') and not n.startswith('.')],
                                    timeout=30, what='the workshop file written')
        path = os.path.join(out, saved[0])
        find_shown(app, 'label', f'Saved the workshop file “{saved[0]}”.', timeout=30)
        assert count(path, 'SELECT count(*) FROM workshop') == 2
        assert count(path, "SELECT count(*) FROM participant WHERE name <> ''") == 0
        with open(path, 'rb') as f:
            assert b'Anna Ek' not in f.read()
        app.quit()
        assert not app.complaints(), app.complaints()


def screenshot_screen(name):
    """The whole screen (the window with its dialog) to test-artifacts/NAME.png:
    the root window's image, then each window on it, viewable, drawn over it
    from the bottom up. Xvfb runs no compositing manager, and the root's
    image leaves out a window with an alpha channel (GTK's dialog here: it
    is drawn in a buffer of its own)."""
    os.makedirs(verkui.ARTIFACTS, exist_ok=True)
    path = os.path.join(verkui.ARTIFACTS, name + '.png')

    def capture(*args):
        xwd = subprocess.run(['xwd', '-silent', *args], capture_output=True, check=True).stdout
        return subprocess.run(['/usr/bin/convert', 'xwd:-', 'png:-'], input=xwd, capture_output=True,
                              check=True).stdout

    with tempfile.TemporaryDirectory() as d:
        layers = [os.path.join(d, 'root.png')]
        with open(layers[0], 'wb') as f:
            f.write(capture('-root'))
        tree = subprocess.run(['xwininfo', '-root', '-children'], capture_output=True, text=True,
                              check=True).stdout
        # listed from the top down
        children = re.findall(r'^\s+(0x[0-9a-f]+) .*\s(\d+)x(\d+)\+(-?\d+)\+(-?\d+)\s', tree, re.M)
        command = ['/usr/bin/convert', layers[0]]
        for k, (wid, w, h, x, y) in enumerate(reversed(children)):
            info = subprocess.run(['xwininfo', '-id', wid], capture_output=True, text=True).stdout
            if 'IsViewable' not in info or int(w) <= 1 or int(h) <= 1:
                continue
            layer = os.path.join(d, f'{k}.png')
            with open(layer, 'wb') as f:
                f.write(capture('-id', wid))
            command += [layer, '-geometry', f'+{x}+{y}', '-composite']
        subprocess.run(command + [path], check=True)
    return path


def rows_by_workshop(db, sql):
    con = sqlite3.connect(db)
    try:
        return dict(con.execute(sql).fetchall())
    finally:
        con.close()


def progress_and_cancel(size='1280x720'):
    d = tempfile.mkdtemp(prefix='verkstad-import-')
    files = os.path.join(d, 'files')
    os.makedirs(files)
    source = os.path.join(d, 'source.db')
    subprocess.run([FIXTURE, source, '40', '2', files], check=True, capture_output=True)
    app = verkui.App(size=size, env={'VERKSTAD_TEST_IMPORT_FILE_DELAY_MS': '150'})
    with app:
        find_shown(app, 'push button', 'New Group')
        open_files_menu(app, 'Import a Folder of Workshops…')
        type_in_chooser(app, 'Import a Folder of Workshop Files', files + '/', 'Import')
        body = find_shown(app, 'label', name_re=r'^Importing \d+ of 40 files…$', timeout=30)
        bar = find_shown(app, 'progress bar', 'Import progress')
        value = bar.queryValue()
        first = value.currentValue
        assert 0 <= first < 1, first
        # the main loop runs while the worker imports: the bar moves
        verkui.wait_for(lambda: value.currentValue > first, timeout=30, what='the progress bar to move')
        screenshot_screen(f'import-progress-{size}')
        press_in_dialog(body, 'Cancel')
        toast = find_shown(app, 'label', name_re=r'^Import stopped after \d+ of 40 files: ', timeout=30)
        m = re.match(r'^Import stopped after (\d+) of 40 files: (\d+) workshops? added, 0 updated, 0 unchanged\.$',
                     toast.name)
        assert m, toast.name
        n_files, added = int(m.group(1)), int(m.group(2))
        assert 1 <= n_files < 40, toast.name
        assert added == 2 * n_files, toast.name
        # nothing half-imported: the workshops of those files, each whole
        assert count(app.db, 'SELECT importing FROM exchange_state') == 0
        assert count(app.db, 'SELECT count(*) FROM workshop') == added
        for what in ('item', 'participant', 'action'):
            sql = (f'SELECT w.uuid, (SELECT count(*) FROM {what} x WHERE x.workshop_id = w.id) FROM workshop w')
            here, there = rows_by_workshop(app.db, sql), rows_by_workshop(source, sql)
            for uuid, n in here.items():
                assert there[uuid] == n, (what, uuid, n, there[uuid])
        sql = ('SELECT w.uuid, (SELECT count(*) FROM agreed a JOIN item i ON i.id = a.item_id'
               ' WHERE i.workshop_id = w.id) FROM workshop w')
        here, there = rows_by_workshop(app.db, sql), rows_by_workshop(source, sql)
        assert all(there[uuid] == n for uuid, n in here.items())
        # the window read what came in (the store's changed signal): the imported groups are listed
        con = sqlite3.connect(app.db)
        names = [row[0] for row in con.execute('SELECT name FROM grp')]
        con.close()
        find_shown(app, 'label', name_re='^(' + '|'.join(re.escape(n) for n in names) + ')$', timeout=30)
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
    sys.exit(tap([
        ('a folder with a damaged file: the others imported, the damaged one named and untouched; '
         'a file again changes nothing; a group exported with aggregates only', import_folder_and_file),
        ('a folder of 40 files in a worker thread: the progress shown, named and moving; Cancel keeps '
         'whole files only', progress_and_cancel),
    ]))
