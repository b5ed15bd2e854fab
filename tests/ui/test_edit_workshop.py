#!/usr/bin/python3
"""Workshop Details in the real app: everything about a workshop corrected
after it was created. Reached with Alt+Enter in a workshop and from the
start page; the group renamed and moved to another unit, the date (a bad
date is refused with a message and kept) and the facilitator changed,
participants added, renamed, moved and removed (Undo in the toast, Restore
in Removed Participants), pieces renamed, described, added, removed and
restored; every change checked in the database and in an exported
workbook. The start page keeps a New Group button once groups exist."""
import os
import subprocess
import sys
import tempfile

import openpyxl

import steps
import verkui
from shellui import click_shown, find_shown, wait_gone
from steps import TODAY, query, wait_query

EDITOR = 'Workshop Details'


def press_in(app, title, *keys):
    wid = app.focus_window(title)
    subprocess.run(['xdotool', 'key', '--clearmodifiers', *keys], check=True)


def focus_node(app, node, title=EDITOR):
    """Clicks into a field, as a user does, so that the keys reach it."""
    x, y, w, h = node.queryComponent().getExtents(1)   # window coordinates
    wid = app.focus_window(title)
    subprocess.run(['xdotool', 'mousemove', '--window', wid, str(x + min(w - 5, 40)), str(y + h // 2),
                    'click', '1'], check=True)


def apply_text(app, name, text, title=EDITOR):
    """Types @text into the entry row called @name and presses Enter (which
    saves it, as the row's ✓ button does)."""
    node = find_shown(app, 'text', name)
    focus_node(app, node, title)
    node.queryEditableText().setTextContents(text)
    verkui.wait_for(lambda: steps.text_of(node) == text, what=f'{name} to read {text!r}')
    press_in(app, title, 'Return')


def tab_to(app, role, name, title=EDITOR, most=40):
    """Presses Tab until the widget @name has the keyboard focus: the way a
    keyboard user reaches it."""
    node = find_shown(app, role, name)
    verkui.press_until_focused(node, lambda: press_in(app, title, 'Tab'), most, what=repr(name))
    return node


def open_editor(app):
    press_in(app, 'Verkstad', 'alt+Return')
    find_shown(app, name=EDITOR)
    find_shown(app, 'text', 'Facilitator')


def editor_open(app, title=EDITOR):
    return subprocess.run(['xdotool', 'search', '--all', '--onlyvisible', '--pid', str(app.proc.pid),
                           '--name', title], capture_output=True, text=True).stdout.strip() != ''


def close_editor(app, title=EDITOR):
    """Escape closes it; while toasts show (Removed … with Undo), each
    Escape first dismisses one (libadwaita), so press until it is gone."""
    for _ in range(6):
        press_in(app, title, 'Escape')
        try:
            verkui.wait_for(lambda: not editor_open(app, title), timeout=2, what='the editor to close')
            break
        except TimeoutError:
            continue
    verkui.wait_for(lambda: not editor_open(app, title), what='the editor to close')


def undo_in_toast(app):
    click_shown(app, name_re=r'^Undo( Undo)?$')   # GTK 4.8 names it twice


def participants(app, wid):
    return [r[0] for r in query(app, 'SELECT name FROM participant WHERE workshop_id = ?'
                                     ' AND removed_at IS NULL ORDER BY position, id', wid)]


def pieces(app, wid):
    """The names of the workshop's pieces that are not removed, in order."""
    return [r[0] for r in query(app, "SELECT name FROM item WHERE workshop_id = ? AND framework = 'siq'"
                                     ' AND removed_at IS NULL ORDER BY position', wid)]


def all_cells(path):
    wb = openpyxl.load_workbook(path)
    return {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None}


def details_participants_pieces():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        open_editor(app)
        app.screenshot('edit-details-1280x720', title=EDITOR)

        # Participants: rename the unnamed one, move, add, remove with Undo and Restore.
        apply_text(app, 'Participant 2', 'Cecilia Berg')
        wait_query(app, 'SELECT name FROM participant WHERE workshop_id = ? ORDER BY position, id',
                   [('Anna Ek',), ('Cecilia Berg',), ('Bertil Ödman',)], wid)
        click_shown(app, name='Move Bertil Ödman up')
        verkui.wait_for(lambda: participants(app, wid) == ['Anna Ek', 'Bertil Ödman', 'Cecilia Berg'],
                        what='Bertil moved up')
        steps.set_text(find_shown(app, 'text', 'New participant’s name (optional)'), 'Dag Ek')
        click_shown(app, name='Add Participant')
        verkui.wait_for(lambda: participants(app, wid)[-1:] == ['Dag Ek'], what='Dag Ek added')
        click_shown(app, name='Remove Anna Ek')
        verkui.wait_for(lambda: 'Anna Ek' not in participants(app, wid), what='Anna Ek removed')
        find_shown(app, 'label', 'Removed Anna Ek')
        undo_in_toast(app)
        verkui.wait_for(lambda: participants(app, wid)[0] == 'Anna Ek', what='Anna Ek back by Undo')
        click_shown(app, name='Remove Anna Ek')
        verkui.wait_for(lambda: 'Anna Ek' not in participants(app, wid), what='Anna Ek removed again')
        click_shown(app, name='Restore Anna Ek')
        verkui.wait_for(lambda: participants(app, wid) == ['Anna Ek', 'Bertil Ödman', 'Cecilia Berg', 'Dag Ek'],
                        what='Anna Ek restored in her place')
        # the toast's Undo after Restore: she is back already, so there is
        # nothing to take back and nothing to complain of (app.complaints()
        # below; the click is handled before AT-SPI's action returns)
        undo_in_toast(app)
        assert participants(app, wid) == ['Anna Ek', 'Bertil Ödman', 'Cecilia Berg', 'Dag Ek']

        # The date: a bad one is refused with a message and stays as typed.
        apply_text(app, 'Date (year-month-day)', '2026-13-40')
        find_shown(app, 'label', 'Please write the date as year-month-day, for example 2026-03-14.')
        assert steps.text_of(find_shown(app, 'text', 'Date (year-month-day)')) == '2026-13-40'
        wait_query(app, 'SELECT date FROM workshop WHERE id = ?', [(TODAY,)], wid)
        apply_text(app, 'Date (year-month-day)', '2026-05-04')
        wait_query(app, 'SELECT date FROM workshop WHERE id = ?', [('2026-05-04',)], wid)
        apply_text(app, 'Facilitator', 'Eva Holm')
        wait_query(app, 'SELECT facilitator FROM workshop WHERE id = ?', [('Eva Holm',)], wid)

        # The group, through the same dialog that created it.
        click_shown(app, name='Edit Group…')
        find_shown(app, name='Edit Group')
        steps.set_text(find_shown(app, 'text', 'Group name'), 'Ledningsgruppen Väst')
        steps.set_text(find_shown(app, 'text', 'Organisation unit (optional)'), 'Kultur och fritid')
        click_shown(app, name='Save')
        wait_query(app, 'SELECT name, unit FROM grp', [('Ledningsgruppen Väst', 'Kultur och fritid')])
        find_shown(app, name='Ledningsgruppen Väst · Kultur och fritid')

        # Pieces: rename, describe, add an extra one, remove it (Undo, Restore).
        click_shown(app, None, 'Puzzle Pieces')
        (first_id, _), = steps.items(app, wid)[:1]
        apply_text(app, 'Piece 1', 'Tillit')
        apply_text(app, 'Description of piece 1', 'Vi litar på varandra.')
        wait_query(app, 'SELECT name, description FROM item WHERE id = ?',
                   [('Tillit', 'Vi litar på varandra.')], first_id)
        steps.set_text(find_shown(app, 'text', 'New piece’s name'), 'Hållbarhet')
        click_shown(app, name='Add Piece')
        verkui.wait_for(lambda: len(pieces(app, wid)) == 14, what='the extra piece')
        app.screenshot('edit-pieces-1280x720', title=EDITOR)
        click_shown(app, name='Remove the piece Hållbarhet')
        verkui.wait_for(lambda: len(pieces(app, wid)) == 13, what='the extra piece removed')
        undo_in_toast(app)
        verkui.wait_for(lambda: len(pieces(app, wid)) == 14, what='the extra piece back by Undo')
        click_shown(app, name='Remove the piece Hållbarhet')
        verkui.wait_for(lambda: len(pieces(app, wid)) == 13, what='the extra piece removed again')
        app.screenshot('edit-removed-1280x720', title=EDITOR)
        click_shown(app, name='Restore Hållbarhet')
        verkui.wait_for(lambda: pieces(app, wid)[-1] == 'Hållbarhet', what='the extra piece restored')
        close_editor(app)

        # The workbook shows the edited values.
        out = os.path.join(tempfile.mkdtemp(prefix='verkstad-edit-'), 'edited.xlsx')
        subprocess.run([verkui.APP, '--db', app.db, '--export-xlsx', out, '--workshop', str(wid)],
                       env=app.env, check=True, capture_output=True)
        cells = all_cells(out)
        text = '\n'.join(cells)
        for expected in ('Ledningsgruppen Väst', 'Cecilia Berg', 'Dag Ek', 'Tillit', 'Hållbarhet', 'Eva Holm'):
            assert expected in text, f'{expected!r} not in the workbook'
        app.quit()
        assert not app.complaints(), app.complaints()


def start_page_entries():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        click_shown(app, name='Back to All Workshops')
        # New Group stays on the start page once there are groups.
        click_shown(app, name='New Group')
        find_shown(app, 'text', 'Group name')
        press_in(app, 'New Group', 'Escape')
        wait_gone(app, 'text', 'Group name')
        app.screenshot('edit-start-page-1280x720')

        click_shown(app, name=f'Edit the group {steps.GROUP}')
        steps.set_text(find_shown(app, 'text', 'Group name'), 'Ledningsgruppen Norr')
        click_shown(app, name='Save')
        wait_query(app, 'SELECT name FROM grp', [('Ledningsgruppen Norr',)])
        find_shown(app, 'label', 'Ledningsgruppen Norr')

        click_shown(app, name=f'Workshop Details of {verkui.long_date(TODAY)}')
        # By keyboard alone: Tab to the field, select all, type, Enter. (GTK 4.8
        # does not report the focus of an entry row's text: the Facilitator
        # row is the second stop after Edit Group….)
        tab_to(app, 'push button', 'Edit Group…')
        press_in(app, EDITOR, 'Tab', 'Tab', 'ctrl+a')
        subprocess.run(['xdotool', 'type', '--clearmodifiers', '--delay', '5', 'Gun Nilsson'], check=True)
        press_in(app, EDITOR, 'Return')
        wait_query(app, 'SELECT facilitator FROM workshop WHERE id = ?', [('Gun Nilsson',)], wid)
        tab_to(app, 'push button', 'Move Participant 2 up')
        press_in(app, EDITOR, 'space')
        verkui.wait_for(lambda: participants(app, wid) == ['', 'Anna Ek', 'Bertil Ödman'],
                        what='moved by keyboard')
        close_editor(app)
        find_shown(app, name_re='Led by Gun Nilsson')
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
  sys.exit(verkui.tap([
      ('Workshop Details: group, date, facilitator, participants, pieces, restore, workbook',
       details_participants_pieces),
      ('start page: New Group stays, edit a group and a workshop from the list', start_page_entries),
  ]))
