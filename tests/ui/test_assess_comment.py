#!/usr/bin/python3
"""Enter on a puzzle piece opens its details, and each participant's comment
on their score, driven as a facilitator would: the piece chosen and opened
with the keyboard, the focus landing on the first participant, a score typed,
then the comment typed with real key presses (digits in a comment are text,
not scores) and saved to the database as it is typed. Before a score the
comment button is off and says why; an overlong or control-character comment
shows a message and keeps the text; while scores are hidden only "with a
comment" shows, after the reveal the comment's first line. The same in
Swedish at 1920x1080, with the Swedish accessible names."""
import subprocess
import sys

import pyatspi

import steps
import verkui
from steps import query, wait_query, text_of
from shellui import shown as on_screen   # has a size: not on a hidden page or in a closed revealer

LIMIT = 10000


def press(app, *keys):
    wid = app.focus_window()
    subprocess.run(['xdotool', 'key', '--clearmodifiers', '--delay', '60', *keys], check=True)


def map_letters(letters):
    """Gives each letter a key of its own before the app starts.

    xdotool types a letter missing from the keymap by remapping a spare key
    just before pressing it; under load GTK can read that key press before it
    has seen the new keymap and drop the letter ('mål' arrived as 'ml'). A
    letter already on the keymap is typed without any remapping.
    """
    table = subprocess.run(['xmodmap', '-pke'], check=True, capture_output=True, text=True).stdout
    present = set(table.split())
    free = [int(line.split()[1]) for line in table.splitlines()
            if line.startswith('keycode') and line.rstrip().endswith('=')]
    names = {'å': 'aring', 'ä': 'adiaeresis', 'ö': 'odiaeresis', 'é': 'eacute'}
    wanted = [names[c] for c in letters if names[c] not in present]
    # Leave the last free keys to xdotool, which remaps one for what is left.
    for keycode, name in zip(free[:max(0, len(free) - 4)], wanted):
        subprocess.run(['xmodmap', '-e', f'keycode {keycode} = {name} {name[0].upper() + name[1:]}'],
                       check=True)


def type_text(app, text):
    wid = app.focus_window()
    subprocess.run(['xdotool', 'type', '--clearmodifiers', '--delay', '30', text], check=True)


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def find_on_screen(app, role, name, timeout=10):
    def look():
        app_node = app.atspi_app()
        for o in pyatspi.findAllDescendants(app_node, lambda o: o is not None and o.getRoleName() == role
                                            and o.name == name):
            if on_screen(o):
                return o
        return None
    return verkui.wait_for(look, timeout=timeout, what=f'{role} {name!r} on screen')


def focused(app):
    """(role, name) of the widget with the keyboard focus."""
    node = pyatspi.findDescendant(app.atspi_app(), lambda o: o is not None
                                  and o.getState().contains(pyatspi.STATE_FOCUSED))
    return (node.getRoleName(), node.name) if node is not None else None


def replace_text(node, text):
    et = node.queryEditableText()
    et.deleteText(0, node.queryText().characterCount)
    et.insertText(0, text, len(text.encode()))


def shown_piece(app, pieces):
    """The piece the Assess panel shows (its panel is named after it), or None."""
    names = {name: (item_id, name) for (item_id, name) in pieces}
    panel = pyatspi.findDescendant(app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'panel'
                                   and o.name in names)
    return names[panel.name] if panel is not None else None


def comment_in_db(app, item_id, pid):
    return query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?', item_id, pid)


def english_1280():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        pieces = steps.items(app, wid)
        people = steps.participants(app, wid)
        anna, second, bertil = (steps.participant_title(i) for i in range(3))
        # The keyboard only: Alt+2 opens the Assess step, Tab leaves the step
        # list for the puzzle (the focused piece is the selected one), Right
        # moves to the next piece.
        press(app, 'alt+2')
        app.find('label', 'Choose a Piece')
        press(app, 'Tab')
        first = verkui.wait_for(lambda: shown_piece(app, pieces), what='Tab to reach the puzzle')
        press(app, 'Right')
        piece = verkui.wait_for(lambda: (lambda p: p if p and p != first else None)(shown_piece(app, pieces)),
                                what='another piece after Right')
        item_id = piece[0]

        # Before a score, the comment is off and says why.
        button = app.find('push button', f'Comment by {anna}')
        assert not sensitive(button), 'the comment button works before a score'
        assert button.description == f'Give {anna} a score first, then you can add a comment', button.description
        assert not sensitive(app.find('push button', f'Comment by {second}'))

        # Enter opens the details: the focus is on the first participant, so 2 scores Anna.
        press(app, 'Return')
        verkui.wait_for(lambda: focused(app) == ('list item', anna), what="the focus on Anna's row")
        press(app, '2')
        wait_query(app, 'SELECT participant_id, value FROM score WHERE item_id = ?', [(people[0], 2)], item_id,
                   what="Anna's score typed after Enter")
        verkui.wait_for(lambda: sensitive(button), what='the comment button on after the score')
        assert button.description == '', button.description

        # Shift+Tab from the next participant reaches Anna's comment button; Space opens it.
        press(app, 'shift+Tab', 'space')
        field = find_on_screen(app, 'text', f'Comment by {anna}')
        comment = 'Vi har 3 mål, 0 avvikelser'
        type_text(app, comment + 'x')
        press(app, 'BackSpace')
        wait_query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                   [(2, comment)], item_id, people[0], what='the typed comment, saved as typed')
        assert text_of(field) == comment, text_of(field)
        assert query(app, 'SELECT count(*) FROM score WHERE item_id = ?', item_id) == [(1,)], \
            'digits typed in the comment scored someone'

        # Enter closes the comment and gives the focus back to Anna's row: 4 re-scores her.
        press(app, 'Return')
        verkui.wait_for(lambda: not steps.pressed(button), what='the comment to close')
        press(app, '4')
        wait_query(app, 'SELECT value, comment FROM score WHERE item_id = ? AND participant_id = ?',
                   [(4, comment)], item_id, people[0], what='the row focused again after Enter')

        # Hidden scores hide the comment too; the reveal shows its first line.
        app.find('label', 'Scored, with a comment')
        app.click(name='Reveal Scores')
        find_on_screen(app, 'label', comment)

        # From the next row: Shift+Tab to Anna's comment button, Shift+Tab to her
        # row; Enter on the row opens the comment, Escape closes it and the
        # focus is back on the row.
        press(app, 'shift+Tab')
        verkui.wait_for(lambda: focused(app) == ('push button', f'Comment by {anna}'),
                        what="the focus on Anna's comment button")
        press(app, 'shift+Tab')
        verkui.wait_for(lambda: focused(app) == ('list item', anna), what="the focus back on Anna's row")
        press(app, 'Return')
        verkui.wait_for(lambda: focused(app) == ('text', f'Comment by {anna}'), what='Enter on the row: the comment')
        assert steps.pressed(button)
        press(app, 'Escape')
        verkui.wait_for(lambda: focused(app) == ('list item', anna), what="Escape: the focus on Anna's row")
        assert not steps.pressed(button)

        # Too long: a message under the field, the text kept, the database unchanged.
        app.click('push button', f'Comment by {anna}')
        field = find_on_screen(app, 'text', f'Comment by {anna}')
        too_long = 'å' * (LIMIT + 1)
        replace_text(field, too_long)
        message = f'The text for the comment is too long: at most {LIMIT} characters are allowed.'
        find_on_screen(app, 'label', message)
        assert field.queryText().characterCount == LIMIT + 1, 'the overlong text was cut'
        assert comment_in_db(app, item_id, people[0]) == [(4, comment)]
        # Escape cannot close over unsaved text: it stays, with the focus (the
        # key typed after Escape lands in it, which also shows Escape was handled).
        press(app, 'Escape', 'z')
        verkui.wait_for(lambda: field.queryText().characterCount == LIMIT + 2, what='the text kept after Escape')
        assert steps.pressed(button), 'Escape closed the comment over unsaved text'
        find_on_screen(app, 'label', message)

        # A pasted control character: the same.
        replace_text(field, 'Se bilaga\x07')
        find_on_screen(app, 'label', 'The comment contains an invisible control character, probably from '
                                     'pasted text. Retype the pasted part and it will be saved.')
        assert comment_in_db(app, item_id, people[0]) == [(4, comment)]

        # Corrected text is saved, on two lines; the message goes.
        fixed = 'Vi har 3 mål.\nMen inte i alla enheter.'
        replace_text(field, fixed)
        wait_query(app, 'SELECT comment FROM score WHERE item_id = ? AND participant_id = ?',
                   [(fixed,)], item_id, people[0], what='the corrected comment')
        verkui.wait_for(lambda: not any(on_screen(o) for o in pyatspi.findAllDescendants(
            app.atspi_app(), lambda o: o is not None and o.name == message)), what='the message to go')

        # Bertil: a score and a comment left open, for the screenshot.
        steps.score(app, bertil, 2)
        # The button turns on when the score is in; a click before that is lost.
        verkui.wait_for(lambda: sensitive(app.find('push button', f'Comment by {bertil}')),
                        what="Bertil's comment button on after his score")
        app.click('push button', f'Comment by {bertil}')
        replace_text(find_on_screen(app, 'text', f'Comment by {bertil}'),
                     'Samverkan fungerar bra inom förvaltningen men sällan med andra förvaltningar.')
        wait_query(app, "SELECT count(*) FROM score WHERE item_id = ? AND comment <> ''", [(2,)], item_id)
        press(app, 'Escape')
        app.click('push button', f'Comment by {anna}')
        find_on_screen(app, 'label', 'Vi har 3 mål.')      # the first line only
        app.click('push button', f'Comment by {bertil}')
        find_on_screen(app, 'text', f'Comment by {bertil}')
        app.screenshot('assess-comments-1280x720')

        # Clearing a score clears its comment and turns the button off again.
        steps.score(app, anna, 4)
        wait_query(app, 'SELECT count(*) FROM score WHERE item_id = ? AND participant_id = ?', [(0,)],
                   item_id, people[0])
        verkui.wait_for(lambda: not sensitive(app.find('push button', f'Comment by {anna}')),
                        what='the comment button off after clearing the score')
        app.quit()
        assert not app.complaints(), app.complaints()


def swedish_1920():
    t = verkui.translator('sv')
    assert t('Comment by %s') == 'Kommentar från %s', 'the Swedish translation is missing'
    with verkui.App(size='1920x1080', lang='sv') as app:
        wid = steps.create_group_and_workshop(app, t=t)
        pieces = steps.items(app, wid)
        people = steps.participants(app, wid)
        anna, bertil = steps.NAMES[0], steps.NAMES[2]
        second = 'Deltagare 2'
        steps.go_to_step(app, 2, 'Assess', t=t)
        # A screen reader activates a piece: its details open with the focus on the first participant.
        (item_id, name) = pieces[0]
        app.click('push button', f'{name}, inte bedömd')
        verkui.wait_for(lambda: steps.piece_shown(app, name), what='the first piece')
        verkui.wait_for(lambda: focused(app) == ('list item', anna), what="the focus on Anna's row")

        button = app.find('push button', f'Kommentar från {second}')
        assert not sensitive(button)
        assert button.description == 'Sätt först en poäng för Deltagare 2, sedan kan du skriva en kommentar', \
            button.description
        for who, value in ((anna, 4), (second, 3), (bertil, 2)):
            app.click(name_re=rf'^{who}, poäng {value}(, |$)')
        verkui.wait_for(lambda: sensitive(button), what='the comment button on after the score')

        texts = {anna: 'Vi lär av grannkommunerna varje termin.',
                 bertil: 'Ledningsgruppen samverkar, men enheterna sällan med varandra.'}
        for who, text in texts.items():
            app.click('push button', f'Kommentar från {who}')
            replace_text(find_on_screen(app, 'text', f'Kommentar från {who}'), text)
        wait_query(app, "SELECT participant_id, comment FROM score WHERE item_id = ? AND comment <> '' "
                        "ORDER BY participant_id",
                   sorted([(people[0], texts[anna]), (people[2], texts[bertil])]), item_id)
        app.click('push button', f'Kommentar från {anna}')
        find_on_screen(app, 'label', 'Har poäng och en kommentar')
        app.click(name=t('Reveal Scores'))
        find_on_screen(app, 'label', texts[anna])
        find_on_screen(app, 'label', 'Sparas medan du skriver. Enter eller Esc stänger, Skift+Enter ger en ny rad.')
        app.screenshot('assess-comments-sv-1920x1080')
        app.quit()
        assert not app.complaints(), app.complaints()


map_letters('åäöé')
sys.exit(steps.tap([
    ('Enter on a piece opens its details; comments typed, saved, validated, off before a score',
     english_1280),
    ('the same in Swedish at 1920x1080', swedish_1920),
]))
