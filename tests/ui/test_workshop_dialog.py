#!/usr/bin/python3
"""The new-workshop and follow-up dialogs over AT-SPI and real clicks
(xdotool): a follow-up proposes a date half a year after the workshop it
follows, a click on the highlighted day after changing month sets that date
and closes the calendar, the dialog preselects the group of the workshop
that is open, and a long group name is shown whole."""
import datetime
import re
import subprocess
import sys

import pyatspi

import steps
import verkui
from steps import query, set_text

LONG = 'Ledningsgruppen för vård, omsorg och socialtjänst i östra kommundelen med alla enheter'
add_months = verkui.months_after
long_date = verkui.long_date


def real_click(app, node, title):
    """A click with the mouse (XTest) at the middle of @node. The extents are
    in the dialog's coordinates, also for the calendar in its popover."""
    e = node.queryComponent().getExtents(1)
    wid = app.window_id(title)
    subprocess.run(['xdotool', 'mousemove', '--window', wid, str(e.x + e.width // 2), str(e.y + e.height // 2),
                    'click', '1'], check=True)


popover_click = verkui.popover_click


def date_button(app, day):
    """The date button, once it says @day (its row's title follows its name)."""
    return app.find('push button', name_re=f'^Date: {long_date(day)}( |$)')


def key(app, *keys):
    wid = app.focus_window()
    subprocess.run(['xdotool', 'key', '--clearmodifiers', *keys], check=True)


def shown(node):
    try:
        e = node.queryComponent().getExtents(1)
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def popover_open(cal):
    """A closed popover keeps its calendar's last extents but has none itself."""
    return shown(cal.parent.parent)


def open_calendar(app, title):
    button = app.find('push button', name_re='^Date: ')
    real_click(app, button[0], title)
    cal = app.find(name='GtkCalendar')     # on the bus once first shown
    verkui.wait_for(lambda: popover_open(cal), what='the calendar')
    return cal


day_cells = verkui.calendar_days


def follow_up_date_and_calendar():
    with verkui.App(size='1280x720') as app:
        first = steps.create_group_and_workshop(app)
        app.click(name='Back to All Workshops')
        app.click(name=f'New follow-up workshop after {verkui.long_date(steps.TODAY)}')
        title = 'New Follow-Up Workshop'
        today = datetime.date.fromisoformat(steps.TODAY)
        proposed = add_months(today, 6)
        date_button(app, proposed)

        # Next month: the calendar keeps "the same day" and highlights it.
        cal = open_calendar(app, title)
        header = [c for c in cal[0] if c.getRoleName() == 'push button']
        popover_click(app, cal.parent.parent, header[1])        # the month's forward arrow
        after = add_months(proposed, 1)
        month = [c for c in cal[0][1] if c.getRoleName() == 'panel']
        verkui.wait_for(lambda: any(shown(p[0]) and p[0].name == verkui.MONTHS[after.month - 1] for p in month),
                        what='the next month in the calendar')
        app.screenshot('workshop-dialog-calendar-1280x720', title=title)
        assert popover_open(cal), 'changing month must keep the calendar open'
        # A click on that highlighted day sets it and closes the calendar.
        popover_click(app, cal.parent.parent, day_cells(cal)[after.day])
        date_button(app, after)
        verkui.wait_for(lambda: not popover_open(cal), what='the calendar to close')

        # Another day of another month still works as before.
        cal = open_calendar(app, title)
        popover_click(app, cal.parent.parent, day_cells(cal)[1 if after.day != 1 else 2])
        chosen = after.replace(day=1 if after.day != 1 else 2)
        date_button(app, chosen)
        verkui.wait_for(lambda: not popover_open(cal), what='the calendar to close')

        app.click(name='Create')
        verkui.wait_for(lambda: query(app, 'SELECT count(*) FROM workshop')[0][0] == 2, what='the follow-up')
        assert query(app, 'SELECT date FROM workshop WHERE previous_id = ?', first) == [(chosen.isoformat(),)]
        app.quit()
        assert not app.complaints(), app.complaints()


def preselected_group_and_long_name():
    with verkui.App(size='1280x720') as app:
        steps.create_group_and_workshop(app)
        app.click(name='Back to All Workshops')
        key(app, 'ctrl+shift+n')       # New Group
        set_text(app.find('text', 'Group name'), LONG)
        app.click(name='Create')
        app.find('label', LONG)
        app.click(name=f'New workshop for {LONG}')
        set_text(app.find('text', 'Facilitator'), steps.FACILITATOR)
        app.click(name='Create')
        verkui.wait_for(lambda: query(app, 'SELECT count(*) FROM workshop')[0][0] == 2, what='the second workshop')
        # A workshop of the long-named group is open: New Workshop is for it.
        steps.go_to_step(app, 1, 'Material')
        key(app, 'ctrl+n')
        app.find('push button', name_re='^Date: ')
        # The chosen group is the row's subtitle, whole and wrapped over lines.
        dialog = verkui.wait_for(lambda: next((w for w in app.atspi_app() if w.name == 'New Workshop'), None),
                                 what='the New Workshop dialog')
        name = pyatspi.findDescendant(dialog, lambda o: o is not None and o.getRoleName() == 'label' and o.name == LONG)
        title = pyatspi.findDescendant(dialog, lambda o: o is not None and o.getRoleName() == 'label'
                                       and o.name == 'Group')
        e, t = name.queryComponent().getExtents(1), title.queryComponent().getExtents(1)
        assert e.height >= 2 * 10 and e.height > t.height, f'the name is on one line: {e.height} px high, cut'
        app.screenshot('workshop-dialog-long-group-1280x720', title='New Workshop')
        app.click(name='Cancel')
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(steps.tap([
    ('a follow-up proposes half a year later; the highlighted day after changing month is taken',
     follow_up_date_and_calendar),
    ('the group of the open workshop is preselected; a long group name is shown whole',
     preselected_group_and_long_name),
]))
