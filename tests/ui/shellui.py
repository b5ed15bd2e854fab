"""Helpers for the tests of the app's shell (start page, dialogs, workshop
view, material page): finding what is on screen over AT-SPI, real key
presses, checking the database, and creating a group and a workshop the way
a user does. Builds on verkui.py."""
import datetime
import sqlite3
import subprocess
import re

import pyatspi

import verkui

GROUP = 'Ledningsgruppen Öst'
UNIT = 'Vård och omsorg'
FACILITATOR = 'Åsa Lind'
NAMES = ['Anna Ek', '', 'Bertil Ödman']   # the second left anonymous


tap = verkui.tap


def shown(node):
    """Widgets on hidden stack pages are on the bus too, with a zero size."""
    try:
        e = node.queryComponent().getExtents(1)   # window coordinates
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def hidden(node):
    """True only for a node that has a size and it is zero (stack pages
    themselves have no size at all and must be searched)."""
    try:
        e = node.queryComponent().getExtents(1)
    except Exception:
        return False
    return e.width <= 0 or e.height <= 0


def _search_shown(root, match):
    """Depth-first over what is on screen: a subtree with no size (a hidden
    stack page, a closed popover) is skipped whole, which keeps the search
    quick in a window with many pages."""
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            role = node.getRoleName()
            if role not in ('application', 'frame', 'dialog', 'window', 'alert') and hidden(node):
                continue
            if match(node, role) and shown(node):
                return node
            stack.extend(reversed([node.getChildAtIndex(i) for i in range(node.childCount)]))
        except Exception:   # a node that went away meanwhile
            continue
    return None


def _matcher(role, name, name_re):
    def match(o, o_role):
        return (o is not None and (role is None or o_role == role)
                and (name is None or o.name == name)
                and (name_re is None or re.search(name_re, o.name or '')))
    return match


def find_shown(app, role=None, name=None, name_re=None, timeout=30):
    root = app.atspi_app()
    match = _matcher(role, name, name_re)
    return verkui.wait_for(lambda: _search_shown(root, match), timeout=timeout,
                           what=f'{role or "any"} named {name or name_re!r} on screen')


def wait_gone(app, role=None, name=None):
    root = app.atspi_app()
    match = _matcher(role, name, None)
    verkui.wait_for(lambda: _search_shown(root, match) is None, timeout=30,
                    what=f"{name!r} to go away")


def click_shown(app, role='push button', name=None, name_re=None):
    node = find_shown(app, role, name, name_re)
    node.queryAction().doAction(0)
    return node


def open_main_menu(app, name='Main Menu'):
    """Opens the window's main menu by its button's action over AT-SPI rather
    than F10: without a window manager (Xvfb) nobody hands the keyboard focus
    back to the window after a file chooser closes."""
    def clickable_menu_button(node):
        try:
            return (node.getRoleName() == 'push button' and node.name == name
                    and node.queryAction().nActions > 0)
        except Exception:
            return False
    button = verkui.wait_for(lambda: pyatspi.findDescendant(app.atspi_app(), clickable_menu_button),
                             what=f'the button {name!r}')
    button.queryAction().doAction(0)


def press(app, *keys):
    """Real key presses through the X server (XTest), as a user types."""
    wid = app.window_id()
    # Best effort: a window being mapped or unmapped right now refuses focus.
    subprocess.run(['xdotool', 'windowfocus', wid], check=False, capture_output=True)
    subprocess.run(['xdotool', 'key', '--clearmodifiers', *keys], check=True)


def set_text(app, name, text, role='text'):
    find_shown(app, role, name).queryEditableText().setTextContents(text)


def query(app, sql, *args):
    db = sqlite3.connect(app.db)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def wait_query(app, sql, expected, *args, what=None):
    """Polls the database until the query returns @expected (autosave)."""
    last = []

    def check():
        last[:] = [query(app, sql, *args)]
        return last[0] == expected
    try:
        verkui.wait_for(check, timeout=30, what=what or sql)
    except TimeoutError:
        raise AssertionError(f'{sql}: expected {expected!r}, got {last[0]!r}')


def create_group_and_workshop(app, screenshots=False):
    """The first run: the empty start page offers New Group; then Ctrl+N's
    button creates the first workshop with three participants."""
    click_shown(app, name='New Group')
    set_text(app, 'Group name', GROUP)
    set_text(app, 'Organisation unit (optional)', UNIT)
    click_shown(app, name='Create')
    find_shown(app, 'label', GROUP)          # the start page lists the new group
    click_shown(app, name='New Workshop')
    app.find(name='Number of participants').queryValue().currentValue = 3
    set_text(app, 'Facilitator', FACILITATOR)
    for i, name in enumerate(NAMES, 1):
        if name:
            set_text(app, f'Participant {i}', name)
    wait_gone(app, 'text', 'Participant 4')     # the rows follow the count (default 5)
    if screenshots:
        app.screenshot('workshops-new-workshop-dialog', title='New Workshop')
    click_shown(app, name='Create')
    # The header names the group, the date and the facilitator, for the room.
    find_shown(app, 'label', GROUP)
    find_shown(app, 'label', f'{verkui.long_date(datetime.date.today())} · led by {FACILITATOR}')
    find_shown(app, 'label', 'Secure manager')


