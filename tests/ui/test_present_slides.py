#!/usr/bin/python3
"""The presentation (F5) of every step, driven only by the keys a facilitator
and a presentation clicker have, in the real app at 1280x720 and 1920x1080,
in Swedish and English, with 6 and with 12 participants whose names are 20+
characters with å/ä/ö (tests/present-fixture builds the workshop).

What the room reads is checked from the screen: the accessibility extents of
every name and score after a reveal lie inside the window and inside their
own chip, no two chips overlap, and no label of a slide reaches outside the
window. Set VERKSTAD_PRESENT_SHOTS=DIR to keep the slides as DIR/present-*.png
(docs/screenshots/ is made that way)."""
import gettext
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import verkui

FIXTURE = os.path.join(verkui.BUILD, 'tests', 'present-fixture')
NAME_SIZE = os.path.join(verkui.BUILD, 'tests', 'puzzle-name-size')
SHOTS = os.environ.get('VERKSTAD_PRESENT_SHOTS')

# The runs: every language and size, 6 and 12 participants, in four app starts;
# with 12, six actions in each plan (two pages of three), else four (one page).
RUNS = [('sv', '1280x720', 12), ('en', '1280x720', 6), ('sv', '1920x1080', 6), ('en', '1920x1080', 12)]


def translations(lang):
    if not lang:
        return gettext.NullTranslations()
    localedir = os.environ.get('VERKSTAD_LOCALEDIR', os.path.join(verkui.BUILD, 'po'))
    return gettext.translation('verkstad', localedir=localedir, languages=[lang])


def press(app, *keys):
    wid = app.focus_window()
    subprocess.run(['xdotool', 'key', '--clearmodifiers', *keys], check=True)


def extents(node):
    try:
        e = node.queryComponent().getExtents(1)   # window coordinates
        return (e.x, e.y, e.width, e.height) if e.width > 0 and e.height > 0 else None
    except Exception:
        return None


def shown(app, role=None, name=None, name_re=None):
    import pyatspi
    return pyatspi.findAllDescendants(app.atspi_app(), lambda o: o is not None
                                      and (role is None or o.getRoleName() == role)
                                      and (name is None or o.name == name)
                                      and (name_re is None or re.search(name_re, o.name or ''))
                                      and extents(o) is not None)


def wait_shown(app, role=None, name=None, name_re=None, gone=False):
    what = f'{role} {name or name_re!r} {"gone" if gone else "shown"}'
    return verkui.wait_for(lambda: (not shown(app, role, name, name_re)) if gone
                           else shown(app, role, name, name_re), what=what)


def inside(inner, outer, slack=1):
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox - slack and y >= oy - slack and x + w <= ox + ow + slack and y + h <= oy + oh + slack


def overlap(a, b):
    return not (a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1])


def window_box(size):
    w, h = size.split('x')
    return (0, 0, int(w), int(h))


def nothing_outside(app, size, footer):
    """No label of the presentation reaches outside the window, and none of
    the slide runs under the footer (the slide scrolls out of sight there)."""
    box = window_box(size)
    labels = shown(app, 'label')
    out = [(o.name, extents(o)) for o in labels if not inside(extents(o), box)]
    assert not out, f'labels outside the {size} window: {out}'
    top = min(extents(o)[1] for o in labels if o.name == footer)
    under = [(o.name, extents(o)) for o in labels
             if extents(o)[1] + extents(o)[3] > top + 1 and extents(o)[1] < top - 1]
    assert not under, f'labels cut by the footer at y={top}: {under}'


def name_forms(name):
    """The forms VerkFitLabel may show: the name, "First L.", "First", initials."""
    words = name.split()
    forms = [name]
    if len(words) >= 2:
        forms += [f'{words[0]} {words[-1][0]}.', words[0], ''.join(w[0] for w in words)]
    return forms


class Run:
    def __init__(self, lang, size, n):
        self.lang, self.size, self.n = lang, size, n
        self.tr = translations(lang if lang != 'en' else None)
        self.t = self.tr.gettext
        self.shots = []

    def db(self, app, sql, *args):
        con = sqlite3.connect(app.db)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def footer(self, step, name, slide, count):
        return self.t('Step %d of 5: %s · %u/%u') % (step, self.t(name), slide, count)

    def at(self, app, step, name, slide, count):
        self.where = self.footer(step, name, slide, count)
        try:
            wait_shown(app, 'label', self.where)
        except TimeoutError:
            app.screenshot(f'present-timeout-{self.lang}-{self.size}-{self.n}')
            raise

    def shot(self, app, what):
        path = app.screenshot(f'present-{what}-{self.lang}-{self.size}-{self.n}')
        nothing_outside(app, self.size, self.where)
        self.shots.append(path)
        if SHOTS and self.n == (6 if self.size == '1920x1080' else 12):
            os.makedirs(SHOTS, exist_ok=True)
            shutil.copy(path, os.path.join(SHOTS, f'present-{what}-{self.size}.png'))

    def scores(self, app, wid):
        """(full name, score) of the first piece, in participant order."""
        return self.db(app, 'SELECT p.name, s.value FROM participant p JOIN score s ON s.participant_id = p.id '
                            'JOIN item i ON i.id = s.item_id WHERE p.workshop_id = ? AND i.framework = ? '
                            'AND i.position = (SELECT min(position) FROM item WHERE workshop_id = ? '
                            "AND framework = 'siq') ORDER BY p.position", wid, 'siq', wid)

    def check_reveal(self, app, people):
        """Every participant's chip: name and score on screen, inside the window
        and the chip, no two chips overlapping."""
        box = window_box(self.size)
        chips = []
        for name, value in people:
            chip = wait_shown(app, 'panel', self.t('%s: %d') % (name, value))[0]
            e = extents(chip)
            assert inside(e, box), f'{name}: chip {e} outside the window {box}'
            labels = [c for c in chip if c is not None and c.getRoleName() == 'label' and extents(c)]
            texts = [c.name for c in labels]
            assert str(value) in texts, f'{name}: the score {value} is not on the chip: {texts}'
            shown_name = [c for c in labels if c.name != str(value)]
            assert shown_name and shown_name[0].name in name_forms(name), \
                f'{name}: the chip shows {texts}, not a form of the name'
            for c in labels:
                assert inside(extents(c), e), f'{name}: {c.name!r} {extents(c)} sticks out of its chip {e}'
            chips.append((name, e))
        for i, (a, ea) in enumerate(chips):
            for b, eb in chips[i + 1:]:
                assert not overlap(ea, eb), f'the chips of {a} {ea} and {b} {eb} overlap'

    def reasons(self, app, wid):
        """{score: [reason, ...]} of the first piece's extreme scores (the
        fixture gives every participant a reason there)."""
        rows = self.db(app, 'SELECT s.value, s.comment FROM participant p JOIN score s ON s.participant_id = p.id '
                            'JOIN item i ON i.id = s.item_id WHERE p.workshop_id = ? AND i.framework = ? '
                            'AND i.position = (SELECT min(position) FROM item WHERE workshop_id = ? '
                            "AND framework = 'siq')", wid, 'siq', wid)
        lo, hi = min(v for v, _ in rows), max(v for v, _ in rows)
        return {v: sorted(c for value, c in rows if value == v and c) for v in (lo, hi)}

    def no_reason_shown(self, app, reasons):
        """Silent first: no text of any reason anywhere the screen reader
        reaches, shown or not."""
        import pyatspi
        texts = [r[:40] for rs in reasons.values() for r in rs]
        found = pyatspi.findAllDescendants(app.atspi_app(), lambda o: o is not None and o.name
                                           and any(t in o.name for t in texts))
        assert not found, f'a reason shows before the reveal: {[o.name for o in found]}'

    def check_reasons(self, app, reasons):
        """After the reveal: a heading per end, each shown reason whole as a
        quote (in the order of its text, never with a name), and "+ N more"
        counting those the screen has no room for."""
        t = self.t
        quotes = {t('“%s”') % r: v for v, rs in reasons.items() for r in rs}
        for v in reasons:
            wait_shown(app, 'label', t('Why %d?') % v)
        group = wait_shown(app, name=t('The reasons behind the lowest and the highest scores'))[0]
        labels = [o for o in group if o is not None and o.getRoleName() == 'label' and extents(o)]
        shown = [o.name for o in labels if o.name in quotes]
        more = [o.name for o in labels if o.name.startswith('+ ')]
        hidden = sum(int(m.split()[1]) for m in more)
        assert shown, f'no reason shows at {self.size}: {[o.name for o in labels]}'
        assert len(shown) + hidden == len(quotes), f'{shown} and {more} for {len(quotes)} reasons'
        for v in reasons:
            mine = [q for q in shown if quotes[q] == v]
            assert mine == [q for q in (t('“%s”') % r for r in reasons[v]) if q in mine], \
                f'the reasons for {v} are not in the order of their text: {mine}'
        names = [name for name, _ in self.people]
        assert not [q for q in shown if any(name in q for name in names)], 'a name among the reasons'
        print(f'# {self.lang} {self.size} {self.n}: {len(shown)} of {len(quotes)} reasons shown, {more}')

    def check_name_size(self, app, env):
        """The pieces' names on the projected puzzle are at least 24 px: the
        renderer's size for the puzzle's area as the screen shows it."""
        area = wait_shown(app, name=self.t('The puzzle'))[0]
        _, _, w, h = extents(area)
        size = float(subprocess.run([NAME_SIZE, str(w), str(h)], env=env, check=True,
                                    capture_output=True, text=True).stdout)
        print(f'# {self.lang} {self.size}: the puzzle is {w}x{h}, its names {size:.1f} px')
        assert size >= 24, f'the puzzle\'s names are {size:.1f} px in its {w}x{h} area at {self.size}'

    def run(self):
        tmp = tempfile.TemporaryDirectory(prefix='verkstad-present-')
        db = os.path.join(tmp.name, 'present.db')
        env = dict(os.environ, LANGUAGE=self.lang, LANG='C.UTF-8')
        n_actions = 6 if self.n == 12 else 4
        wid = int(subprocess.run([FIXTURE, db, str(self.n), str(n_actions)], env=env, check=True,
                                 capture_output=True, text=True).stdout)
        t = self.t
        with verkui.App(size=self.size, lang=self.lang, db=db) as app:
            press(app, 'Return')       # the search's Enter opens the first workshop
            wait_shown(app, 'push button', name_re=re.escape(t('Discussion timer, %s left') % '5:00'))
            press(app, 'F5')
            # A follow-up workshop opens on its last step; 1 goes to Material.
            press(app, '1')

            # Material: the platform, each part, the whole.
            self.at(app, 1, 'Material', 1, 5)
            self.shot(app, 'material-platform')
            for slide, what in [(2, 'material-part-1'), (3, 'material-part-2'), (4, 'material-part-3'),
                                (5, 'material-whole')]:
                press(app, 'Right')
                self.at(app, 1, 'Material', slide, 5)
                self.shot(app, what)
            press(app, 'Home')
            self.at(app, 1, 'Material', 1, 5)
            press(app, 'End')
            self.at(app, 1, 'Material', 5, 5)

            # Space goes on to Assess: the whole puzzle with the legend of the scale.
            press(app, 'space')
            self.at(app, 2, 'Assess', 1, 14)
            wait_shown(app, 'label', t('Our puzzle'))
            wait_shown(app, 'panel', t('The scale from 1 to 5'))
            self.shot(app, 'puzzle')
            self.check_name_size(app, env)

            # The first piece: how many have scored, no score before the reveal.
            people = self.people = self.scores(app, wid)
            assert len(people) == self.n, people
            reasons = self.reasons(app, wid)
            press(app, 'Page_Down')
            self.at(app, 2, 'Assess', 2, 14)
            wait_shown(app, 'label', self.tr.ngettext('%u of %u has scored', '%u of %u have scored', self.n)
                       % (self.n, self.n))
            wait_shown(app, 'panel', t('%s has scored') % people[0][0])
            assert not shown(app, 'panel', t('%s: %d') % people[0]), 'a score shows before the reveal'
            self.no_reason_shown(app, reasons)
            self.shot(app, 'assess-hidden')

            # B reveals (a clicker's "blank" key) the scores and the reasons
            # behind the lowest and the highest, . hides both, B again.
            press(app, 'b')
            self.check_reveal(app, people)
            self.check_reasons(app, reasons)
            self.shot(app, 'assess-revealed')
            press(app, 'period')
            wait_shown(app, 'panel', t('%s: %d') % people[0], gone=True)
            wait_shown(app, 'label', t('Why %d?') % min(reasons), gone=True)
            self.no_reason_shown(app, reasons)
            press(app, 'B')
            self.check_reveal(app, people)

            # A: the distribution without names.
            press(app, 'a')
            wait_shown(app, 'panel', t('%s: %d') % people[0], gone=True)
            counts = {v: sum(1 for _, s in people if s == v) for v in range(1, 6)}
            for v, c in counts.items():
                wait_shown(app, 'panel', self.tr.ngettext('Score %d: %d person', 'Score %d: %d people', c) % (v, c))
            self.check_reasons(app, reasons)
            self.shot(app, 'assess-anonymous')
            press(app, 'a')
            self.check_reveal(app, people)

            # Back to the puzzle and to Material, End and Home within a step, the step keys.
            press(app, 'Page_Up')
            self.at(app, 2, 'Assess', 1, 14)
            press(app, 'Left')
            self.at(app, 1, 'Material', 5, 5)
            press(app, '2')
            self.at(app, 2, 'Assess', 1, 14)
            press(app, 'End')
            self.at(app, 2, 'Assess', 14, 14)
            press(app, 'Home')
            self.at(app, 2, 'Assess', 1, 14)

            press(app, '3')
            self.at(app, 3, 'Prioritise', 1, 1)
            wait_shown(app, 'label', t('Priorities'))
            self.shot(app, 'prioritise')
            # The plan goes on over as many slides as it needs, four actions at most on each.
            (n_actions,), = self.db(app, 'SELECT count(*) FROM action WHERE workshop_id = ?', wid)
            (n_before,), = self.db(app, 'SELECT count(*) FROM action WHERE workshop_id = '
                                        '(SELECT previous_id FROM workshop WHERE id = ?)', wid)
            n_plan, n_follow = (n_actions + 3) // 4, 1 + (n_before + 3) // 4
            press(app, '4')
            self.at(app, 4, 'Plan', 1, n_plan)
            wait_shown(app, 'label', t('Action plan'))
            self.shot(app, 'plan')
            for page in range(2, n_plan + 1):
                press(app, 'Next')
                self.at(app, 4, 'Plan', page, n_plan)
                self.shot(app, f'plan-{page}')
            press(app, '5')
            self.at(app, 5, 'Follow up', 1, n_follow)
            wait_shown(app, 'label', t('Before and after'))
            self.shot(app, 'follow-up-scores')
            press(app, 'Page_Down')
            self.at(app, 5, 'Follow up', 2, n_follow)
            wait_shown(app, 'label', t('Actions since last time'))
            self.shot(app, 'follow-up-actions')
            for page in range(3, n_follow + 1):
                press(app, 'Next')
                self.at(app, 5, 'Follow up', page, n_follow)
                self.shot(app, f'follow-up-actions-{page - 1}')
            press(app, 'End')

            # T starts the discussion timer and pauses it (a new step resets it).
            press(app, 't')
            wait_shown(app, 'label', name_re=r'^4:5\d$')
            press(app, 'T')

            press(app, 'Escape')
            wait_shown(app, 'label', self.where, gone=True)
            # The facilitator's timer: T started it (under 5:00) and T paused it (it offers Start).
            left = '^' + re.escape(t('Discussion timer, %s left')).replace('%s', r'4:5\d') + '$'
            timer = [b for b in wait_shown(app, 'push button', name_re=left) if b.queryAction().nActions > 0][0]
            timer.queryAction().doAction(0)
            wait_shown(app, 'label', t('_Start').replace('_', ''))
            app.quit()
            assert not app.complaints(), f'the app complained: {app.complaints()}'


def text_of(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def quick_entry():
    """A whole piece's scores typed in one line on the Assess page: saved in
    order, "-" skips; bad input keeps its text and says what is wrong."""
    tmp = tempfile.TemporaryDirectory(prefix='verkstad-present-')
    db = os.path.join(tmp.name, 'present.db')
    env = dict(os.environ, LANGUAGE='sv', LANG='C.UTF-8')
    wid = int(subprocess.run([FIXTURE, db, '6'], env=env, check=True, capture_output=True, text=True).stdout)
    tr = translations('sv')
    t = tr.gettext
    with verkui.App(size='1280x720', lang='sv', db=db) as app:
        press(app, 'Return')
        press(app, 'alt+2')
        wait_shown(app, 'push button', t('Next Piece'))[0].queryAction().doAction(0)
        entry = wait_shown(app, 'text', t('Scores of all participants, in order'))[0]
        (item,), = Run('sv', '1280x720', 6).db(app, 'SELECT id FROM item WHERE workshop_id = ? AND framework = ? '
                                                    'ORDER BY position LIMIT 1', wid, 'siq')

        def scores():
            con = sqlite3.connect(db)
            try:
                return con.execute('SELECT s.value FROM participant p LEFT JOIN score s ON s.participant_id = p.id '
                                   'AND s.item_id = ? WHERE p.workshop_id = ? ORDER BY p.position',
                                   (item, wid)).fetchall()
            finally:
                con.close()
        before = scores()

        def type_in(text):
            entry.queryEditableText().setTextContents(text)
            x, y, w, h = extents(entry)                     # window coordinates: click into it
            subprocess.run(['xdotool', 'mousemove', '--window', app.window_id(), str(x + w // 2), str(y + h // 2),
                            'click', '1'], check=True)
            press(app, 'End', 'Return')

        type_in('3 x 4')
        wait_shown(app, 'label', t('“%s” is not a score. Type one score from 1 to 5 per participant, in order, '
                                   'or - to skip one.') % 'x')
        assert text_of(entry) == '3 x 4', f'the bad input was lost: {text_of(entry)!r}'
        type_in('5 4 3 2 1 5 4')
        wait_shown(app, 'label', tr.ngettext('You typed %u scores, but this piece has %u participant.',
                                             'You typed %u scores, but this piece has %u participants.', 6) % (7, 6))
        assert scores() == before, 'a refused line changed scores'
        type_in('5 4 - 2 1 5')
        expected = [(5,), (4,), before[2], (2,), (1,), (5,)]
        verkui.wait_for(lambda: scores() == expected, what=f'the scores {expected}, not {scores()}')
        verkui.wait_for(lambda: text_of(entry) == '', what='the entry emptied')
        app.quit()
        assert not app.complaints(), f'the app complained: {app.complaints()}'


if __name__ == '__main__':   # test_projector_reasons takes its AT-SPI helpers from here
    sys.exit(verkui.tap([(f'every step presented and driven by keys: {lang}, {size}, {n} participants',
                          lambda lang=lang, size=size, n=n: Run(lang, size, n).run())
                         for lang, size, n in RUNS]
                        + [('quick entry of a whole piece: "5 4 - 2 1 5", bad input named and kept',
                            quick_entry)]))
