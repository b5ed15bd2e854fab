#!/usr/bin/python3
"""The Organisation Overview over AT-SPI, on an organisation built by
tests/org-fixture.c: every cell of the heat map is named with its value,
group, score, difference from the organisation's mean (recomputed here from
the database) and the workshops behind it; a group smaller than the
threshold in Preferences shows no score (and does once the threshold is
lowered); the unit filter leaves the other units' groups out, the year
filter the other years' workshops (both menus of radio items, chosen by
keyboard). Screenshots at
1280×720 and 1920×1080."""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

import pyatspi

import verkui
from shellui import click_shown, find_shown, open_main_menu, press, tap

FIXTURE = os.path.join(verkui.BUILD, 'tests', 'org-fixture')
VALUE = 'Customer orientation'
KEY = 'siq.customer'
SMALL = 'Plan och bygg'            # the fixture's fifth group: three people


def make_db(n_groups=6, n_workshops=3):
    d = tempfile.mkdtemp(prefix='verkstad-org-')
    db = os.path.join(d, 'org.db')
    subprocess.run([FIXTURE, db, str(n_groups), str(n_workshops)], check=True)
    return db


def group_order(db):
    """The groups as the heat map's columns go: by name, as the store sorts."""
    con = sqlite3.connect(db)
    names = [n for (n,) in con.execute('SELECT name FROM grp WHERE trashed_at IS NULL '
                                       'ORDER BY name COLLATE NOCASE, id')]
    con.close()
    return names


def expected_cells(db, key, min_size):
    """value name → {group: (mean agreed, difference, n)} as the view must show them."""
    con = sqlite3.connect(db)
    rows = con.execute("""
        SELECT g.name, avg(a.value), count(a.value),
               (SELECT max((SELECT count(*) FROM participant p WHERE p.workshop_id = w2.id
                            AND p.removed_at IS NULL))
                  FROM workshop w2 WHERE w2.grp_id = g.id AND w2.trashed_at IS NULL)
          FROM grp g JOIN workshop w ON w.grp_id = g.id AND w.trashed_at IS NULL
          JOIN item i ON i.workshop_id = w.id AND i.framework = 'siq' AND i.key = ?
          JOIN agreed a ON a.item_id = i.id
         GROUP BY g.id""", (key,)).fetchall()
    con.close()
    shown = {name: (mean, n) for name, mean, n, size in rows if size >= min_size}
    org_mean = sum(m for m, _ in shown.values()) / len(shown)
    return {name: (mean, mean - org_mean, n) for name, (mean, n) in shown.items()}


def decimal(x):
    return f'{x:.1f}'


def difference(x):
    r = round(x * 10) / 10
    return ('+' if r > 0 else '\u2212' if r < 0 else '') + f'{abs(x):.1f}'


def cell_name(value, group, mean, diff, n):
    r = round(diff * 10) / 10
    position = (f'{difference(diff)} above the mean' if r > 0 else
                f'{difference(diff)} below the mean' if r < 0 else 'at the mean')
    return f'{value}, {group}: {decimal(mean)}, {position}, {n} workshop{"s" if n != 1 else ""}'.replace('\u2212', '\u2212')


def open_overview(app, title='Organisation Overview', menu='Main Menu'):
    open_main_menu(app, menu)
    click_shown(app, 'menu item', title)
    return verkui.wait_for(lambda: next((w for w in app.atspi_app() if w.name == title), None),
                           what='the organisation window')


def find_in(root, match, timeout=10):
    return verkui.wait_for(lambda: pyatspi.findDescendant(root, lambda o: o is not None and match(o)),
                           timeout=timeout, what='a node')


def cells_named(root, prefix):
    return pyatspi.findAllDescendants(root, lambda o: o is not None and (o.name or '').startswith(prefix))


def heat_map_names_and_threshold():
    db = make_db()
    with verkui.App(size='1280x720', db=db) as app:
        window = open_overview(app)
        cells = expected_cells(db, KEY, 4)
        assert SMALL not in cells
        for group, (mean, diff, n) in cells.items():
            name = cell_name(VALUE, group, mean, diff, n)
            node = find_in(window, lambda o, name=name: o.name == name)
            assert node.getRoleName() == 'table cell', node.getRoleName()
            assert node.getState().contains(pyatspi.STATE_FOCUSABLE), name
        hidden = f'{VALUE}, {SMALL}: hidden, fewer than 4 participants'
        find_in(window, lambda o: o.name == hidden)
        # no cell of the small group carries a score
        for node in cells_named(window, f'{VALUE}, {SMALL}:'):
            assert node.name == hidden, node.name
        app.screenshot('organisation-en-1280x720', title='Organisation Overview')

        # Threshold 0 in Preferences: the small group's score shows, the mean moves.
        press(app, 'ctrl+comma')
        spin = app.find('spin button', name_re='^Smallest group shown')
        spin.queryValue().currentValue = 0
        cells = expected_cells(db, KEY, 0)
        mean, diff, n = cells[SMALL]
        find_in(window, lambda o: o.name == cell_name(VALUE, SMALL, mean, diff, n))
        app.quit()
        assert not app.complaints(), app.complaints()


def unit_filter_and_keyboard():
    db = make_db()
    with verkui.App(size='1920x1080', db=db) as app:
        window = open_overview(app)
        find_in(window, lambda o: o.name.startswith(f'{VALUE}, Socialtjänstens ledningsgrupp: '))
        app.screenshot('organisation-en-1920x1080', title='Organisation Overview')

        # The keyboard: Tab past the two filters into the heat map, then arrows.
        wid = app.focus_window('Organisation Overview')

        def focused_cell():
            return pyatspi.findDescendant(window, lambda o: o is not None and o.getRoleName() == 'table cell'
                                          and o.getState().contains(pyatspi.STATE_FOCUSED))
        first = verkui.press_until(focused_cell, lambda: subprocess.run(
            ['xdotool', 'key', '--clearmodifiers', 'Tab'], check=True), most=6, what='a cell of the heat map')
        assert first.name.endswith(', organisation mean: ' + first.name.rsplit(': ', 1)[1]), first.name
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Right'], check=True)
        verkui.wait_for(lambda: (focused_cell() is not None and focused_cell().name != first.name
                                 and ', Förskolechefer: ' in focused_cell().name), what='the next cell focused')
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Down'], check=True)
        verkui.wait_for(lambda: focused_cell() is not None and focused_cell().name.startswith('Committed leadership, '),
                        what='the cell below focused')
        # Tab on through the map to the sections below, scrolled into view.
        def in_trend():
            cell = focused_cell()
            return cell is not None and re.match(r'^[^,]+, 202[45]: ', cell.name)
        for _ in range(30):
            if in_trend():
                break
            subprocess.run(['xdotool', 'key', '--clearmodifiers'] + ['Tab'] * 10, check=True)
            try:
                verkui.wait_for(in_trend, timeout=0.5)
            except TimeoutError:
                pass
        last = focused_cell()
        assert in_trend(), last.name if last is not None else 'no cell focused'
        app.screenshot('organisation-below-1920x1080', title='Organisation Overview')

        # The unit filter by keyboard: Alt+U (the "Unit" label's mnemonic)
        # opens its button's menu of radio items, Down to "Skola", Return
        # chooses it; the button then shows "Skola".
        unit = find_in(window, lambda o: o.getRoleName() == 'push button' and o.name == 'Unit')
        toggle = find_in(unit, lambda o: o.getRoleName() == 'push button' and o.queryAction().nActions > 0)
        assert toggle.name == 'All units', toggle.name

        def key(name):
            return lambda: subprocess.run(['xdotool', 'key', '--clearmodifiers', name], check=True)

        def menu_item(name):
            return next((o for o in pyatspi.findAllDescendants(
                unit, lambda o: o is not None and o.getRoleName() == 'menu item' and o.name == name)
                if o.queryComponent().getExtents(1).width > 0), None)
        wid = app.focus_window('Organisation Overview')
        verkui.press_until(lambda: menu_item('Skola'), key('alt+u'), most=1, what='the unit menu open', app=app)
        # the menu lists "All units", Samhällsbyggnad, Skola, Socialtjänsten
        verkui.press_until(lambda: menu_item('Skola').getState().contains(pyatspi.STATE_FOCUSED), key('Down'),
                           most=4, what='Skola focused in the menu', app=app)
        key('Return')()
        verkui.wait_for(lambda: pyatspi.findDescendant(
            unit, lambda o: o is not None and o.getRoleName() == 'push button' and o.name == 'Skola'
            and o.queryComponent().getExtents(1).width > 0), what='Skola shown on the unit filter')
        verkui.wait_for(lambda: not cells_named(window, f'{VALUE}, Socialtjänstens ledningsgrupp: '),
                        what='the other units left out')
        before = find_in(window, lambda o: o.name.startswith(f'{VALUE}, Rektorsgruppen: ')).name

        # The year filter the same way: Alt+Y, Down to the first year, Return.
        year = find_in(window, lambda o: o.getRoleName() == 'push button' and o.name == 'Year')
        verkui.press_until(lambda: pyatspi.findDescendant(
            year, lambda o: o is not None and o.getRoleName() == 'menu item' and o.name == 'All years'
            and o.getState().contains(pyatspi.STATE_FOCUSED)), key('alt+y'), most=1, what='the year menu open',
            app=app)
        verkui.press_until(lambda: pyatspi.findDescendant(
            year, lambda o: o is not None and o.getRoleName() == 'menu item' and re.match(r'^\d{4}$', o.name)
            and o.getState().contains(pyatspi.STATE_FOCUSED)), key('Down'), most=1, what='a year focused', app=app)
        key('Return')()
        verkui.wait_for(lambda: pyatspi.findDescendant(
            year, lambda o: o is not None and o.getRoleName() == 'push button' and re.match(r'^\d{4}$', o.name)
            and o.queryComponent().getExtents(1).width > 0), what='a year shown on the year filter')
        # fewer workshops behind the cell: that year's
        verkui.wait_for(lambda: pyatspi.findDescendant(window, lambda o: o is not None and o.name.startswith(
            f'{VALUE}, Rektorsgruppen: ') and o.name != before), what='the map of that year')
        assert not cells_named(window, f'{VALUE}, Socialtjänstens ledningsgrupp: ')
        app.quit()
        assert not app.complaints(), app.complaints()


def focus_first_cell(app, window):
    """Tab from the filters into the heat map: its first cell (the mean)."""
    wid = app.focus_window('Organisation Overview')
    for _ in range(6):
        if focused_cell(window) is not None:
            break
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Tab'], check=True)
        try:
            verkui.wait_for(lambda: focused_cell(window), timeout=1)
        except TimeoutError:
            pass
    return verkui.wait_for(lambda: focused_cell(window), what='a focused cell')


def focused_cell(window):
    return pyatspi.findDescendant(window, lambda o: o is not None and o.getRoleName() == 'table cell'
                                  and o.getState().contains(pyatspi.STATE_FOCUSED))


def every_column_by_keyboard():
    """Forty groups: the map builds the columns in view, not all forty
    (2,800 cells at 200 groups kept the first frame waiting), and the arrows
    still reach every group's cell, each named in full, in order."""
    db = make_db(40, 2)
    groups = group_order(db)
    with verkui.App(size='1280x720', db=db) as app:
        window = open_overview(app)
        find_in(window, lambda o: o.name.startswith(f'{VALUE}, {groups[0]}: '))
        built = len(cells_named(window, f'{VALUE}, '))
        assert built < len(groups), f'{built} cells of {VALUE} built for {len(groups)} groups'

        # along the first value's row, from the organisation's mean
        first = focus_first_cell(app, window)
        assert ', organisation mean: ' in first.name, first.name
        value = first.name.split(', organisation mean: ')[0]
        seen = []
        for group in groups:
            previous = focused_cell(window).name
            subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Right'], check=True)
            cell = verkui.wait_for(lambda: (lambda c: c if c is not None and c.name != previous else None)(
                focused_cell(window)), what=f'the cell of {group} focused')
            seen.append(cell.name)
            assert cell.name.startswith(f'{value}, {group}: '), (group, cell.name)
            assert re.match(r'^[^,]+, .+: (\d,\d|\d\.\d|hidden)', cell.name), cell.name
        assert len(seen) == len(groups)
        app.quit()
        assert not app.complaints(), app.complaints()


def long_names_on_screen():
    """Sixteen groups, most with long Swedish names, in Swedish, at both sizes."""
    db = make_db(16, 3)
    for size in ('1280x720', '1920x1080'):
        with verkui.App(size=size, db=db, lang='sv') as app:
            window = open_overview(app, 'Organisationsöversikt', 'Huvudmeny')
            find_in(window, lambda o: o.name.startswith('Kundorientering, Barn- och utbildningsförvaltningens stab: '))
            app.screenshot(f'organisation-{size}', title='Organisationsöversikt')
            app.quit()
            assert not app.complaints(), app.complaints()


def swedish_names():
    """In Swedish the cells read as the room says them: "Kundorientering,
    Rektorsgruppen: 3,5, +0,4 över snittet, 3 workshoppar"."""
    db = make_db()
    with verkui.App(size='1280x720', db=db, lang='sv') as app:
        window = open_overview(app, 'Organisationsöversikt', 'Huvudmeny')
        pattern = (r'^Kundorientering, Rektorsgruppen: \d,\d, '
                   r'(?:[+\u2212]\d,\d (?:över|under) snittet|på snittet), \d workshop(?:par)?$')
        cell = find_in(window, lambda o: re.match(pattern, o.name or '') is not None)
        assert cell.getRoleName() == 'table cell', cell.getRoleName()
        find_in(window, lambda o: o.name == 'Kundorientering, Plan och bygg: dold, färre än 4 deltagare')
        app.screenshot('organisation-sv-1280x720', title='Organisationsöversikt')
        app.quit()
        assert not app.complaints(), app.complaints()


if __name__ == '__main__':
    sys.exit(tap([
        ('every cell named with score, difference and workshops; a small group hidden until the threshold is lowered',
         heat_map_names_and_threshold),
        ('the unit filter leaves other units out, the year filter other years', unit_filter_and_keyboard),
        ('in Swedish, the cells read as the room says them', swedish_names),
        ('forty groups: only the columns in view are built, the arrows reach every group', every_column_by_keyboard),
        ('long Swedish group names at 1280×720 and 1920×1080', long_names_on_screen),
    ]))
