#!/usr/bin/python3
"""After a workbook is saved, its toast offers Open and Show Folder, which
hand the saved file and its folder to the desktop's default applications.
Here the default application for workbooks and folders is a stub named
xdg-open, first on PATH, that records what it was asked to open: the test
checks that a real file, the one just written, is named."""
import os
import stat
import sys
import tempfile

import verkui
from shellui import click_shown, create_group_and_workshop, find_shown, press, tap
from test_export import save_in_chooser

XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


def install_stub_opener(app, record):
    """A stub xdg-open in a folder put first on PATH, and a desktop entry that
    runs it, made the default for workbooks and folders (GIO's way of
    choosing the application for a file)."""
    bindir = os.path.join(app.tmp.name, 'bin')
    os.makedirs(bindir)
    stub = os.path.join(bindir, 'xdg-open')
    with open(stub, 'w') as f:
        f.write(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{record}"\n')
    os.chmod(stub, os.stat(stub).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    apps = os.path.join(app.env['XDG_DATA_HOME'], 'applications')
    os.makedirs(apps)
    with open(os.path.join(apps, 'verkstad-test-opener.desktop'), 'w') as f:
        f.write('[Desktop Entry]\nType=Application\nName=Test opener\nExec=xdg-open %u\n'
                f'MimeType={XLSX};inode/directory;\nNoDisplay=true\n')
    os.makedirs(app.env['XDG_CONFIG_HOME'])
    with open(os.path.join(app.env['XDG_CONFIG_HOME'], 'mimeapps.list'), 'w') as f:
        f.write(f'[Default Applications]\n{XLSX}=verkstad-test-opener.desktop\n'
                'inode/directory=verkstad-test-opener.desktop\n')
    app.env['PATH'] = bindir + os.pathsep + app.env.get('PATH', '')


def recorded(record, n):
    try:
        with open(record) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return None
    return lines if len(lines) >= n else None


def open_and_folder():
    out_dir = tempfile.mkdtemp(prefix='verkstad-export-')
    app = verkui.App(size='1280x720')
    record = os.path.join(app.tmp.name, 'opened.txt')
    install_stub_opener(app, record)
    with app:
        create_group_and_workshop(app)
        press(app, 'ctrl+shift+e')
        target = os.path.join(out_dir, 'group workshop.xlsx')
        save_in_chooser(app, 'Export All Workshops of the Group', target)
        find_shown(app, 'label', 'Saved the workbook “group workshop.xlsx”.', timeout=30)
        app.screenshot('export-toast-open-1280x720')
        # libadwaita 1.2 names the toast's button twice over ("Open Open").
        click_shown(app, 'push button', name_re=r'^Open( Open)?$')
        lines = verkui.wait_for(lambda: recorded(record, 1), what='the opener to be called')
        opened = lines[0].removeprefix('file://')
        from urllib.parse import unquote
        opened = unquote(opened)
        assert opened == target, f'asked to open {lines[0]!r}, not {target!r}'
        assert os.path.getsize(opened) > 0, 'the file named is not the saved workbook'

        press(app, 'ctrl+shift+e')
        save_in_chooser(app, 'Export All Workshops of the Group', os.path.join(out_dir, 'second.xlsx'))
        find_shown(app, 'label', 'Saved the workbook “second.xlsx”.', timeout=30)
        click_shown(app, 'push button', 'Show Folder')
        lines = verkui.wait_for(lambda: recorded(record, 2), what='the opener to be called for the folder')
        assert unquote(lines[1].removeprefix('file://')).rstrip('/') == out_dir, lines
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
    sys.exit(tap([
        ('the saved toast opens the workbook and its folder with the default applications', open_and_folder),
    ]))
