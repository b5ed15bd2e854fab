#!/usr/bin/python3
"""The Plan step over AT-SPI: an action per prioritised area with what, who and
by when, autosaved; an empty text, a too long name and an impossible date get
an inline message and nothing typed is lost; a date in the past asks first;
delete offers Undo, which brings the action back."""
import datetime
import sys

import steps
import verkui
from steps import query, set_text, text_of, wait_query

WHAT = 'Gemensam planeringsdag – alla enheter'
FUTURE = (datetime.date.today() + datetime.timedelta(days=45)).isoformat()


def action_rows(app, wid):
    return query(app, 'SELECT what, owner, due, status FROM action WHERE workshop_id = ?', wid)


def validation_autosave_and_undo():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        (item, name), = steps.items(app, wid)[:1]
        steps.go_to_step(app, 4, 'Plan')
        app.find('label', 'No Areas to Work On Yet')
        steps.go_to_step(app, 3, 'Prioritise')
        app.click(name=f'Work on {name}')
        steps.go_to_step(app, 4, 'Plan')
        app.click(name=f'Add an action to 1. {name}')

        what = app.find('text', 'What')
        set_text(what, '   ')
        app.find('label', 'Write what will be done; the action is saved as soon as it has a text.')
        assert action_rows(app, wid) == []

        set_text(what, WHAT)
        wait_query(app, 'SELECT what, owner, due, status FROM action WHERE workshop_id = ?',
                   [(WHAT, '', None, 0)], wid)

        too_long = 'Ö' * 201
        set_text(app.find('text', 'Who'), too_long)
        app.find('label', name_re=r'200')          # the limit is in the message
        assert text_of(app.find('text', 'Who')) == too_long, 'the typed name was lost'
        set_text(app.find('text', 'Who'), 'Örjan Lind')
        wait_query(app, 'SELECT owner FROM action WHERE workshop_id = ?', [('Örjan Lind',)], wid)

        due = app.find('text', 'By when')
        set_text(due, '2027-02-30')
        app.find('label', name_re=r'^Write the date as year-month-day')
        assert text_of(due) == '2027-02-30'
        set_text(due, FUTURE)
        wait_query(app, 'SELECT due FROM action WHERE workshop_id = ?', [(FUTURE,)], wid)

        # A date in the past asks; Change Date keeps the stored one.
        set_text(due, '2019-05-05')
        app.find('label', 'The Date Has Passed')
        app.click(name_re=r'^_?Change Date')
        verkui.wait_for(lambda: text_of(due) == FUTURE, what='the stored date back in the field')
        set_text(due, '2020-01-15')
        app.find('label', 'The Date Has Passed')
        app.click(name_re=r'^_?Keep Date')
        wait_query(app, 'SELECT due FROM action WHERE workshop_id = ?', [('2020-01-15',)], wid)
        app.screenshot('plan-1280x720')

        app.click(name='Delete Action')
        wait_query(app, 'SELECT count(*) FROM action WHERE workshop_id = ?', [(0,)], wid)
        app.find('label', 'Action deleted')
        app.click(name_re=r'^_?Undo')
        wait_query(app, 'SELECT item_id, what, owner, due, status FROM action WHERE workshop_id = ?',
                   [(item, WHAT, 'Örjan Lind', '2020-01-15', 0)], wid)
        app.quit()
        assert not app.complaints(), app.complaints()


LONG = ('Gemensam planeringsdag för alla enheter med uppföljning av målen varje månad '
        'och en rapport till förvaltningens ledningsgrupp')


def new_action_in_first_area(app):
    """A workshop whose first piece is prioritised, on Plan with a new action."""
    wid = steps.create_group_and_workshop(app)
    (item, name), = steps.items(app, wid)[:1]
    steps.go_to_step(app, 3, 'Prioritise')
    app.click(name=f'Work on {name}')
    steps.go_to_step(app, 4, 'Plan')
    app.click(name=f'Add an action to 1. {name}')
    return wid


def long_action_shows_its_start():
    """Typed for real and left with Tab, a long action shows its beginning
    (the field scrolls back to the start), and its whole text on hover."""
    import subprocess
    with verkui.App(size='1280x720') as app:
        wid = new_action_in_first_area(app)
        what = app.find('text', 'What')
        # A new action's "What" field has the keyboard focus.
        import pyatspi
        verkui.wait_for(lambda: what.getState().contains(pyatspi.STATE_FOCUSED), what='the focus in What')
        win = app.focus_window()
        ascii_text = LONG.replace('ö', 'o').replace('å', 'a').replace('ä', 'a')
        subprocess.run(['xdotool', 'type', '--clearmodifiers', '--delay', '2', ascii_text], check=True)
        verkui.wait_for(lambda: text_of(what) == ascii_text, what='the typed action')
        assert what.queryText().caretOffset == len(ascii_text)
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Tab'], check=True)
        wait_query(app, 'SELECT what FROM action WHERE workshop_id = ?', [(ascii_text,)], wid)
        verkui.wait_for(lambda: what.queryText().caretOffset == 0, what='the field back at its start')
        app.screenshot('plan-long-action-1280x720')
        app.quit()
        assert not app.complaints(), app.complaints()


def calendar_highlighted_day():
    """The due date's calendar: after the month arrow, a click on the
    highlighted day (the same day of the next month) sets that date and closes
    the calendar (a real click, xdotool)."""
    with verkui.App(size='1280x720') as app:
        wid = new_action_in_first_area(app)
        set_text(app.find('text', 'What'), WHAT)
        due = app.find('text', 'By when')
        set_text(due, FUTURE)
        wait_query(app, 'SELECT due FROM action WHERE workshop_id = ?', [(FUTURE,)], wid)
        button = app.find('push button', name_re='^Choose a Date')
        e = button.queryComponent().getExtents(1)
        import subprocess
        subprocess.run(['xdotool', 'mousemove', '--window', app.window_id(), str(e.x + e.width // 2),
                        str(e.y + e.height // 2), 'click', '1'], check=True)
        cal = app.find(name='Due date')
        popover = cal.parent.parent
        verkui.wait_for(lambda: popover.queryComponent().getExtents(1).width > 0, what='the calendar')
        header = [c for c in cal[0] if c.getRoleName() == 'push button']
        verkui.popover_click(app, popover, header[1])          # the month's forward arrow
        after = verkui.months_after(FUTURE, 1)
        month = [p[0] for p in cal[0][1] if p.getRoleName() == 'panel']
        verkui.wait_for(lambda: any(m.name == verkui.MONTHS[after.month - 1] and
                                    m.queryComponent().getExtents(1).width > 0 for m in month),
                        what='the next month')
        verkui.popover_click(app, popover, verkui.calendar_days(cal)[after.day])
        wait_query(app, 'SELECT due FROM action WHERE workshop_id = ?', [(after.isoformat(),)], wid)
        verkui.wait_for(lambda: text_of(due) == after.isoformat(), what='the date in the field')
        verkui.wait_for(lambda: popover.queryComponent().getExtents(1).width <= 0, what='the calendar closed')
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(steps.tap([
    ('inline validation, autosave, past date confirmation, delete and undo', validation_autosave_and_undo),
    ('a long action shows its start when the field is left', long_action_shows_its_start),
    ('the highlighted day after changing month sets the due date', calendar_highlighted_day),
]))
