"""Helpers the workshop-step UI tests share: create a group and a workshop
through the UI, move between steps, enter scores, and read the database.
Every helper drives the real app over AT-SPI as a user would."""
import datetime
import re
import sqlite3

import verkui

GROUP = 'Ledningsgruppen Öst'
UNIT = 'Vård och omsorg'
FACILITATOR = 'Åsa Lind'
NAMES = ['Anna Ek', '', 'Bertil Ödman']   # the second left anonymous
SCALE = ['Not started', 'Early steps', 'Under way', 'Established', 'A model for others']
TODAY = datetime.date.today().isoformat()


tap = verkui.tap


def query(app, sql, *args):
    db = sqlite3.connect(app.db)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def wait_query(app, sql, expected, *args, what=None, timeout=10):
    """Polls the database until the query returns @expected (autosave)."""
    last = []

    def check():
        last[:] = [query(app, sql, *args)]
        return last[0] == expected
    try:
        verkui.wait_for(check, timeout=timeout, what=what or sql)
    except TimeoutError:
        raise AssertionError(f'{sql} {args}: expected {expected!r}, got {last[0]!r}')


def set_text(node, text):
    node.queryEditableText().setTextContents(text)


def text_of(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def participant_title(i):
    return NAMES[i] or f'Participant {i + 1}'


def participant_title_of(names, i):
    return names[i] or f'Participant {i + 1}'


def create_group_and_workshop(app, names=NAMES, t=None):
    """The first run: New Group, then New Workshop with the participants.
    @t: verkui.translator() for an app started in another language."""
    t = t or (lambda msgid: msgid)
    app.click(name=t('New Group'))
    set_text(app.find('text', t('Group name')), GROUP)
    set_text(app.find('text', t('Organisation unit (optional)')), UNIT)
    app.click(name=t('Create'))
    app.find('label', GROUP)
    app.click(name=t('New Workshop'))
    app.find(name=t('Number of participants')).queryValue().currentValue = len(names)
    set_text(app.find('text', t('Facilitator')), FACILITATOR)
    for i, name in enumerate(names, 1):
        if name:
            set_text(app.find('text', t('Participant %u') % i), name)
    before = query(app, 'SELECT count(*) FROM workshop')[0][0]
    app.click(name=t('Create'))
    verkui.wait_for(lambda: query(app, 'SELECT count(*) FROM workshop')[0][0] > before,
                    what='the new workshop in the database')
    (wid,), = query(app, 'SELECT max(id) FROM workshop')
    verkui.wait_for(lambda: len(items(app, wid)) == 13, what='the pieces of the new workshop')
    return wid


def go_to_step(app, number, name, t=None):
    """Selects the step in the sidebar, as a click on it would."""
    import pyatspi
    t = t or (lambda msgid: msgid)
    row = app.find('list item', t(f'Step {number}: {name}'))
    steps_list = row.parent
    steps_list.querySelection().selectChild(row.getIndexInParent())
    verkui.wait_for(lambda: row.getState().contains(pyatspi.STATE_SELECTED), what=f'step {name} selected')
    return row


def items(app, wid, framework='siq'):
    """(id, name) of the workshop's pieces in puzzle order."""
    return query(app, 'SELECT id, name FROM item WHERE workshop_id = ? AND framework = ? '
                      'ORDER BY position', wid, framework)


def participants(app, wid):
    return [r[0] for r in query(app, 'SELECT id FROM participant WHERE workshop_id = ? '
                                     'ORDER BY position', wid)]


def piece_shown(app, name):
    """Whether the Assess panel shows @name (its panel is named after the piece)."""
    try:
        app.find('panel', name, timeout=0.2)
        return True
    except TimeoutError:
        return False


def pressed(node):
    import pyatspi
    st = node.getState()
    return st.contains(pyatspi.STATE_PRESSED) or st.contains(pyatspi.STATE_CHECKED)


def score(app, who, value):
    """Presses @who's button for @value (who: a participant's title, 'Agreed' or 'Desired level')."""
    app.click(name_re=rf'^{re.escape(who)}, score {value}(, |$)')
