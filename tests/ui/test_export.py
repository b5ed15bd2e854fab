#!/usr/bin/python3
"""Export workbook… in the real app, as a user does it: the menu entries are
available only where they apply, the menu (and Ctrl+Shift+E) open the file
chooser with a suggested name, Return saves, a toast names the file, and the workbook holds
the workshop (read back with openpyxl). Failures are covered by
tests/test-export-dialog.c and tests/test-xlsx-export.c."""
import os
import subprocess
import sys
import tempfile

import openpyxl
import pyatspi

import verkui
from shellui import GROUP, click_shown, create_group_and_workshop, find_shown, open_main_menu, press, tap


def menu_item_sensitive(app, name):
    node = app.find('menu item', name)
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def open_export_menu(app):
    """The main menu, then its Export Workbook submenu. Over AT-SPI rather
    than F10: without a window manager (Xvfb) nobody hands the keyboard focus
    back to the window after the file chooser closes."""
    open_main_menu(app)
    click_shown(app, 'menu item', 'Export Workbook')


save_in_chooser = verkui.save_in_chooser


def export_workshop_and_group():
    out_dir = tempfile.mkdtemp(prefix='verkstad-export-')
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)   # ends in the new workshop

        # Ctrl+Shift+E: the whole group, with its history; .xlsx is added.
        press(app, 'ctrl+shift+e')
        save_in_chooser(app, 'Export All Workshops of the Group', os.path.join(out_dir, 'Group'))
        find_shown(app, 'label', 'Saved the workbook “Group.xlsx”.', timeout=30)
        wb = openpyxl.load_workbook(os.path.join(out_dir, 'Group.xlsx'))
        assert wb.sheetnames[-1] == 'Score history', wb.sheetnames

        # The menu: every entry applies in a workshop.
        open_export_menu(app)
        assert menu_item_sensitive(app, 'This Workshop…')
        assert menu_item_sensitive(app, 'All Workshops of This Group…')
        assert menu_item_sensitive(app, 'All Groups…')
        click_shown(app, 'menu item', 'This Workshop…')
        target = os.path.join(out_dir, 'Workshop.xlsx')
        save_in_chooser(app, 'Export the Workshop', target)
        find_shown(app, 'label', 'Saved the workbook “Workshop.xlsx”.', timeout=30)
        app.screenshot('export-saved-toast')
        wb = openpyxl.load_workbook(target)
        assert wb.sheetnames == ['Summary', 'Scores', 'Action plan', 'Leadership platform'], wb.sheetnames
        assert wb['Summary']['A1'].value == f'Leadership workshop: {GROUP}', wb['Summary']['A1'].value
        app.quit()
        assert not app.complaints(), app.complaints()


def start_page_disables_workshop_export():
    with verkui.App(size='1280x720') as app:
        find_shown(app, 'push button', 'New Group')
        open_export_menu(app)
        assert not menu_item_sensitive(app, 'This Workshop…')
        assert not menu_item_sensitive(app, 'All Workshops of This Group…')
        assert not menu_item_sensitive(app, 'All Groups…')   # no group yet
        app.quit()
        assert not app.complaints(), app.complaints()


def screenshot_dialog(app, name):
    """The message dialog (it has no title to find it by): the app's visible
    window that is not the main one, once it is mapped."""
    main = app.window_id()

    def dialog():
        out = subprocess.run(['xdotool', 'search', '--all', '--onlyvisible', '--pid', str(app.proc.pid),
                              '--name', ''], capture_output=True, text=True).stdout.split()
        return [w for w in out if w != main and not verkui._override_redirect(w)]
    wid = verkui.wait_for(dialog, what='the dialog mapped')[0]
    os.makedirs(verkui.ARTIFACTS, exist_ok=True)
    path = os.path.join(verkui.ARTIFACTS, name + '.png')
    xwd = subprocess.run(['xwd', '-silent', '-id', wid], capture_output=True, check=True).stdout
    subprocess.run(['/usr/bin/convert', 'xwd:-', path], input=xwd, check=True)
    return path


def typed_name_never_replaces_silently():
    """A name typed without .xlsx whose NAME.xlsx exists: the chooser asked
    about NAME only, so Verkstad asks about NAME.xlsx; Cancel keeps the file
    and goes back to the chooser, Replace writes the workbook over it."""
    out_dir = tempfile.mkdtemp(prefix='verkstad-export-')
    existing = os.path.join(out_dir, 'Group.xlsx')
    with open(existing, 'w') as f:
        f.write('keep me')
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)
        press(app, 'ctrl+shift+e')
        save_in_chooser(app, 'Export All Workshops of the Group', os.path.join(out_dir, 'Group'))
        find_shown(app, 'label', 'Replace “Group.xlsx”?')
        screenshot_dialog(app, 'export-replace-question')
        click_shown(app, name_re=r'^_?Cancel( Cancel)?$')
        # Back in the chooser; the file untouched.
        save_in_chooser(app, 'Export All Workshops of the Group', os.path.join(out_dir, 'Group'))
        with open(existing) as f:
            assert f.read() == 'keep me'
        find_shown(app, 'label', 'Replace “Group.xlsx”?')
        click_shown(app, name_re=r'^_?Replace( Replace)?$')
        find_shown(app, 'label', 'Saved the workbook “Group.xlsx”.', timeout=30)
        wb = openpyxl.load_workbook(existing)
        assert wb.sheetnames[-1] == 'Score history', wb.sheetnames
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
    sys.exit(tap([
        ('on the start page with no groups, nothing can be exported', start_page_disables_workshop_export),
        ('Ctrl+Shift+E exports the group, the menu the workshop; toasts name the files',
         export_workshop_and_group),
        ('a typed name whose .xlsx exists is asked about, never replaced silently',
         typed_name_never_replaces_silently),
    ]))
