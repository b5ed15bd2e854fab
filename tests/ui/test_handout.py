#!/usr/bin/python3
"""The handout in the real app, as a user gets it: the main menu's Save
Handout… opens the file chooser, Return saves an A4 PDF (mode 0600) whose
text names the group, a toast names the file (and after the meeting, leaving
the workshop offers it in a toast); Use from the Command Line…
shows the commands for the open workshop, and the shown command, run as it
stands, writes the same workshop's handout; Print… opens the print dialog.
The pages themselves are checked by tests/test-handout.c and
tests/test-handout-print.c."""
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile

import pyatspi

import steps
import verkui
from shellui import (GROUP, click_shown, create_group_and_workshop, find_shown, open_main_menu, query, shown,
                     tap, wait_gone)
from test_export import save_in_chooser


def label_text(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def pdf_text(path):
    return subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True,
                          check=True).stdout


def save_print_and_command_line():
    out_dir = tempfile.mkdtemp(prefix='verkstad-handout-')
    with verkui.App(size='1280x720') as app:
        create_group_and_workshop(app)
        (workshop_id,), = query(app, 'SELECT id FROM workshop')

        open_main_menu(app)
        click_shown(app, 'menu item', 'Save Handout…')
        target = os.path.join(out_dir, 'Handout.pdf')
        save_in_chooser(app, 'Save the Handout', os.path.join(out_dir, 'Handout'))   # .pdf is added
        find_shown(app, 'label', 'Saved the handout “Handout.pdf”.', timeout=30)
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600, oct(os.stat(target).st_mode)
        text = pdf_text(target)
        assert f'Leadership workshop: {GROUP}' in text, text
        assert 'Action plan' in text, text

        # The commands for this workshop: its number and this database.
        open_main_menu(app)
        click_shown(app, 'menu item', 'Use from the Command Line…')
        label = find_shown(app, 'label', 'Commands for this workshop')
        commands = label_text(label)
        app.screenshot('handout-command-line', title='Verkstad')
        pdf_line = commands.splitlines()[0]
        assert pdf_line.startswith(f'verkstad --export-pdf handout.pdf --workshop {workshop_id} --db '), commands
        assert f'--export-xlsx workshop.xlsx --workshop {workshop_id}' in commands, commands
        assert '--group ' in commands, commands
        args = shlex.split(pdf_line)[1:]
        args[args.index('handout.pdf')] = os.path.join(out_dir, 'from-command.pdf')
        run = subprocess.run([verkui.APP, *args], capture_output=True, text=True,
                             env={k: v for k, v in os.environ.items() if k != 'DISPLAY'})
        assert run.returncode == 0, run.stderr
        assert pdf_text(os.path.join(out_dir, 'from-command.pdf')) == text
        # The dialog's own Close (the window has a Close button too).
        dialog = label
        while dialog.getRoleName() not in ('dialog', 'alert', 'frame', 'window'):
            dialog = dialog.parent
        # GTK 4.8 names AdwMessageDialog's buttons "_Close Close"; the
        # squeezer holds a second, hidden row of them.
        pyatspi.findDescendant(dialog, lambda o: o is not None and o.getRoleName() == 'push button'
                               and o.name.endswith('Close') and shown(o)).queryAction().doAction(0)
        wait_gone(app, 'label', 'Commands for this workshop')

        # Print… opens the system's print dialog, with the handout's pages;
        # Cancel closes it and nothing is printed.
        open_main_menu(app)
        click_shown(app, 'menu item', 'Print…')
        dialog = app.find('dialog', 'Print', timeout=30)
        pyatspi.findDescendant(dialog, lambda o: o is not None and o.getRoleName() == 'push button'
                               and o.name.endswith('Cancel') and shown(o)).queryAction().doAction(0)
        wait_gone(app, 'dialog', 'Print')

        # After the meeting: once something is agreed, going back to the list
        # offers the handout in a toast, for the workshop just left.
        first_piece = steps.items(app, workshop_id)[0][1]
        steps.go_to_step(app, 2, 'Assess')
        app.find('label', 'Choose a Piece')
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, first_piece), what=f'the piece {first_piece}')
        steps.score(app, 'Agreed', 4)
        steps.wait_query(app, 'SELECT value FROM agreed', [(4,)])
        click_shown(app, 'push button', 'Back to All Workshops')
        find_shown(app, 'label', 'Give the group its results on paper or as a PDF.')
        click_shown(app, 'push button', name_re='Save Handout…$')   # GTK 4.8: "Save _Handout… Save Handout…"
        after = os.path.join(out_dir, 'After.pdf')
        save_in_chooser(app, 'Save the Handout', after)
        find_shown(app, 'label', 'Saved the handout “After.pdf”.', timeout=30)
        assert re.search(r'\s4\s', pdf_text(after)), pdf_text(after)   # the agreed score
        app.quit()
        assert not app.complaints(), app.complaints()
    assert sorted(os.listdir(out_dir)) == ['After.pdf', 'Handout.pdf', 'from-command.pdf'], os.listdir(out_dir)


def start_page_has_no_handout():
    with verkui.App(size='1280x720') as app:
        find_shown(app, 'push button', 'New Group')
        open_main_menu(app)
        for name in ('Save Handout…', 'Print…', 'Use from the Command Line…'):
            assert not app.find('menu item', name).getState().contains(pyatspi.STATE_SENSITIVE), name
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
    sys.exit(tap([
        ('on the start page there is no handout to save or print', start_page_has_no_handout),
        ('Save Handout… writes the PDF, the command line shown writes the same, Print… opens',
         save_print_and_command_line),
    ]))
