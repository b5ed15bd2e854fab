#!/usr/bin/python3
"""The Assess step over AT-SPI: each participant's score entered with the 1–5
buttons and reaching the database at once, hidden from the room until the
facilitator reveals them, the spread and the disagreement callout, the agreed
score with its rationale and the desired level, progress, Disagreements
First, and the Swedish texts (with "Deltagare 2" for an unnamed person)."""
import subprocess
import sys

import pyatspi

import steps
import verkui
from steps import query, wait_query, set_text


def enter_scores(app, wid, piece, values):
    (item_id, name) = piece
    verkui.wait_for(lambda: steps.piece_shown(app, name), what=f'the piece {name}')
    for p, v in enumerate(values):
        steps.score(app, steps.participant_title(p), v)
    people = steps.participants(app, wid)
    wait_query(app, 'SELECT participant_id, value FROM score WHERE item_id = ? ORDER BY participant_id',
               sorted(zip(people, values)), item_id)


def scores_spread_and_agreement():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        pieces = steps.items(app, wid)
        steps.go_to_step(app, 2, 'Assess')
        app.find('label', 'Choose a Piece')
        app.click(name='Next Piece')
        enter_scores(app, wid, pieces[0], [2, 5, 3])

        # Hidden: the room sees how many have scored, not the scores.
        app.find('label', '3 of 3 have scored. The scores stay hidden until you reveal them.')
        button = app.find('push button', f'{steps.participant_title(0)}, score 2, Early steps')
        assert not steps.pressed(button), 'a hidden score shows as pressed'
        app.screenshot('assess-hidden-1280x720')

        app.click(name='Reveal Scores')
        verkui.wait_for(lambda: steps.pressed(button), what='the revealed score')
        # 2, 5, 3 vary more than a uniform guess would (r_wg 0): no mean.
        app.find('label', 'Spread 3 (from 2 to 5) · no shared view (agreement r_wg 0.00)')
        app.find('label', name_re=r'^The group disagrees: scores range from 2 to 5')
        app.find(name='Scores given: 1 by 0, 2 by 1, 3 by 1, 4 by 0, 5 by 1')

        steps.score(app, 'Agreed', 3)
        set_text(app.find('text', 'Rationale for the agreed score'), 'Vi samverkar i delar – inte överallt')
        steps.score(app, 'Desired level', 5)
        wait_query(app, 'SELECT value, rationale, desired FROM agreed WHERE item_id = ?',
                   [(3, 'Vi samverkar i delar – inte överallt', 5)], pieces[0][0])
        app.find('label', '1 of 13 agreed')
        app.screenshot('assess-1280x720')

        # Pressing the chosen score again clears it.
        steps.score(app, steps.participant_title(1), 5)
        wait_query(app, 'SELECT count(*) FROM score WHERE item_id = ? AND participant_id IS NOT NULL',
                   [(2,)], pieces[0][0])

        # Disagreements First goes to the widest spread: a second piece with spread 4.
        app.click(name='Next Piece')
        enter_scores(app, wid, pieces[1], [1, 5, 3])
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[2][1]), what='the third piece')
        app.click(name='Disagreements First')
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[1][1]), what='the widest spread first')
        app.quit()
        assert not app.complaints(), app.complaints()


def tab_to(app, node, what, most=40):
    """Presses Tab until @node has the keyboard focus (AT-SPI state), the app
    staying alive at every press."""
    def tab():
        app.focus_window('Verkstad')
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Tab'], check=True)
    verkui.press_until(lambda: node.getState().contains(pyatspi.STATE_FOCUSED), tab, most, what, app=app)


def tab_past_the_scale():
    """Tab walks on from the collapsed "The scale, level by level" to Reveal
    Scores and the rows. GTK 4.8's expander hands Tab to its collapsed,
    unparented child, whose focus asked a window it does not have: a
    critical (fatal in the tests) on every Tab past it."""
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        pieces = steps.items(app, wid)
        steps.go_to_step(app, 2, 'Assess')
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[0][1]), what=f'the piece {pieces[0][1]}')
        tab_to(app, app.find(name='The scale, level by level'), 'the scale')
        tab_to(app, app.find('push button', 'Reveal Scores'), 'Reveal Scores')
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(steps.tap([
    ('Tab past the collapsed scale to Reveal Scores', tab_past_the_scale),
    ('scores, reveal, spread, agreed score, rationale, desired level, progress, disagreements first',
     scores_spread_and_agreement),
]))
