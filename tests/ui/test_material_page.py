#!/usr/bin/python3
"""The material page, driven as a user would over AT-SPI: reflections are
saved as they are typed (and when the app is closed right after), come back
in a new run, and expectations can be scored 1-5 and cleared."""
import sys

import verkui
from shellui import (GROUP, click_shown, create_group_and_workshop, find_shown, press, query,
                     tap, wait_query)


def material_reflection_persists():
    text = 'Vi fattar beslut snabbt – och följer upp 👍'
    later = 'Budgetramarna; HR kan hjälpa'
    app = verkui.App(size='1280x720')
    with app:
        create_group_and_workshop(app)
        (wid,), = query(app, 'SELECT id FROM workshop')
        field = find_shown(app, 'text', 'Secure manager: Strengths')
        field.queryEditableText().insertText(0, text, len(text.encode()))
        # Saved shortly after typing stops, with no Save button.
        wait_query(app, 'SELECT part, strengths FROM reflection WHERE workshop_id = ?',
                   [('platform.secure', text)], wid, what='the autosaved reflection')
        # Typed right before quitting: still saved (the app quits cleanly on SIGTERM).
        obstacles = find_shown(app, 'text', 'Secure manager: Obstacles')
        obstacles.queryEditableText().insertText(0, later, len(later.encode()))
        app.quit()
        assert app.proc.returncode == 0, app.proc.returncode
        assert query(app, 'SELECT strengths, obstacles FROM reflection WHERE workshop_id = ?',
                     wid) == [(text, later)]
        assert not app.complaints(), app.complaints()

        # A new run shows what was written.
        with verkui.App(size='1280x720', db=app.db) as again:
            # Enter in the search opens the first workshop it shows.
            search = find_shown(again, 'entry', 'Search groups and workshops')
            search.queryEditableText().setTextContents(GROUP)
            press(again, 'Return')
            field = find_shown(again, 'text', 'Secure manager: Strengths')
            t = field.queryText()
            verkui.wait_for(lambda: t.getText(0, t.characterCount) == text,
                            what='the reflection shown again')


def material_scores_expectations():
    with verkui.App(size='1920x1080') as app:
        create_group_and_workshop(app)
        (wid,), = query(app, 'SELECT id FROM workshop')
        click_shown(app, None, 'Score the Expectations')
        click_shown(app, None, 'Steer and influence: 4 of 5')
        sql = ('SELECT a.value FROM agreed a JOIN item i ON i.id = a.item_id '
               'WHERE i.workshop_id = ? AND i.key = ?')
        wait_query(app, sql, [(4,)], wid, 'platform.secure.1')
        app.screenshot('workshops-material-1920x1080')
        # Pressing the chosen score again clears it.
        click_shown(app, None, 'Steer and influence: 4 of 5')
        verkui.wait_for(lambda: query(app, sql, wid, 'platform.secure.1') in ([], [(None,)]),
                        what='the score cleared')
        app.quit()
        assert not app.complaints(), app.complaints()


def dark_and_high_contrast():
    """libadwaita's own switches stand in for the desktop's settings."""
    for mode, env in [('dark', {'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'}),
                      ('high-contrast', {'ADW_DEBUG_HIGH_CONTRAST': '1'})]:
        with verkui.App(size='1280x720', env=env) as app:
            create_group_and_workshop(app)
            path = app.screenshot(f'material-{mode}-1280x720')
            assert verkui.image_colors(path) > 50, f'{path} looks blank'
            app.quit()
            assert not app.complaints(), app.complaints()


def content(lang):
    """The content pack's texts (resources/content/*.ini) in @lang."""
    import configparser
    import os
    src = os.environ.get('VERKSTAD_SOURCE_DIR', '.')
    cp = configparser.RawConfigParser(strict=False, interpolation=None)
    cp.optionxform = str
    for name in ('values.ini', 'platform.ini'):
        cp.read(os.path.join(src, 'resources', 'content', name), encoding='utf-8')
    suffix = f'[{lang}]' if lang != 'en' else ''
    return lambda group, key: cp.get(group, key + suffix)


def material_says_what_the_seeds_say():
    """In Swedish and English: the platform's promise and its place, SIQ's four
    steps with what "mottagare" means, each step's own sentence at the top of
    its page, and "1,5 dagar" with the language's decimal mark."""
    import steps
    for lang, days in [('sv', '1,5 dagar'), ('en', '1.5 days')]:
        t = verkui.translator(lang if lang != 'en' else None)
        c = content(lang)
        with verkui.App(size='1280x720', lang=lang) as app:
            steps.create_group_and_workshop(app, t=t)
            find_shown(app, 'label', c('platform', 'Promise'))
            find_shown(app, 'label', c('platform', 'Context'))
            for key in ('Score', 'Prioritise', 'Plan', 'OperationalPlan'):
                app.find('label', c('method', key))
            app.find('label', c('method', 'Title'))
            app.find('label', c('values', 'Recipients'))
            app.find('label', days)
            app.screenshot(f'material-{lang}-1280x720')
            steps.go_to_step(app, 2, 'Assess', t=t)
            find_shown(app, 'label', c('method', 'Score'))
            steps.go_to_step(app, 3, 'Prioritise', t=t)
            find_shown(app, 'label', c('method', 'Prioritise'))
            steps.go_to_step(app, 4, 'Plan', t=t)
            steps.go_to_step(app, 3, 'Prioritise', t=t)
            (wid,), = query(app, 'SELECT max(id) FROM workshop')
            first = steps.items(app, wid)[0][1]
            app.click(name=t('Work on %s') % first)
            steps.go_to_step(app, 4, 'Plan', t=t)
            find_shown(app, 'label', c('method', 'Plan') + ' ' + c('method', 'OperationalPlan'))
            app.screenshot(f'plan-intro-{lang}-1280x720')
            app.quit()
            assert not app.complaints(), app.complaints()


TESTS = [
    ('reflections autosave and persist', material_reflection_persists),
    ('score an expectation and clear it', material_scores_expectations),
    ('dark mode and high contrast draw without warnings', dark_and_high_contrast),
    ('the material says what the seeds say, in Swedish and English', material_says_what_the_seeds_say),
]
# Run a few by name while working on them: test_material_page.py material
if len(sys.argv) > 1:
    TESTS = [t for t in TESTS if any(a in t[0] for a in sys.argv[1:])]
sys.exit(tap(TESTS))
