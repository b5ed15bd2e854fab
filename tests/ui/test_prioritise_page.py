#!/usr/bin/python3
"""The Prioritise step over AT-SPI: the suggested order (largest gap to the
desired level, then the lowest agreed score) with the reason on each row,
ticking areas stores them as priorities in list order, moving a row changes
the ranks, Suggested Order puts the list back, unticking removes a priority."""
import sys

import steps
import verkui
from steps import wait_query


def agree(app, wid, pieces, plan):
    """Agreed scores (and desired levels) for the first pieces, through Assess."""
    steps.go_to_step(app, 2, 'Assess')
    for i, (agreed, desired) in enumerate(plan):
        app.click(name='Next Piece')
        verkui.wait_for(lambda: steps.piece_shown(app, pieces[i][1]), what=pieces[i][1])
        steps.score(app, 'Agreed', agreed)
        if desired:
            steps.score(app, 'Desired level', desired)
        wait_query(app, 'SELECT value, desired FROM agreed WHERE item_id = ?',
                   [(agreed, desired or None)], pieces[i][0])


def rows(app):
    lst = app.find('list', 'Areas in priority order')
    return [lst.getChildAtIndex(i).name for i in range(lst.childCount)]


def priorities(app, wid):
    return [r[0] for r in steps.query(app, 'SELECT item_id FROM priority WHERE workshop_id = ? ORDER BY rank', wid)]


def suggested_order_ticks_and_moves():
    with verkui.App(size='1280x720') as app:
        wid = steps.create_group_and_workshop(app)
        pieces = steps.items(app, wid)
        (a, na), (b, nb), (c, nc) = pieces[:3]
        agree(app, wid, pieces, [(4, 0), (2, 0), (3, 5)])
        steps.go_to_step(app, 3, 'Prioritise')
        # The gap first (c: 3 → 5), then the lowest agreed score (b: 2), then a (4), then the unscored.
        verkui.wait_for(lambda: rows(app)[:3] == [nc, nb, na], what=f'the suggested order, got {rows(app)[:3]}')
        app.find('label', 'Gap of 2 to the desired level: agreed 3, desired 5')
        app.find('label', 'Agreed score 2 of 5, no desired level set')
        app.find('label', '0 areas to work on')

        app.click(name=f'Work on {nb}')
        app.click(name=f'Work on {nc}')
        app.find('label', '2 areas to work on')
        verkui.wait_for(lambda: priorities(app, wid) == [c, b], what='ticked areas in list order')
        app.screenshot('prioritise-1280x720')

        app.click(name=f'Move {nb} up')
        verkui.wait_for(lambda: priorities(app, wid) == [b, c], what='the moved area first')
        verkui.wait_for(lambda: rows(app)[:2] == [nb, nc], what='the list follows')

        app.click(name='Suggested Order')
        verkui.wait_for(lambda: priorities(app, wid) == [c, b], what='back to the suggestion')

        app.click(name=f'Work on {nc}')
        verkui.wait_for(lambda: priorities(app, wid) == [b], what='an unticked area leaves the priorities')
        app.quit()
        assert not app.complaints(), app.complaints()


def large_screen():
    with verkui.App(size='1920x1080') as app:
        wid = steps.create_group_and_workshop(app)
        pieces = steps.items(app, wid)
        agree(app, wid, pieces, [(2, 4), (3, 0)])
        steps.go_to_step(app, 3, 'Prioritise')
        app.click(name=f'Work on {pieces[0][1]}')
        verkui.wait_for(lambda: priorities(app, wid) == [pieces[0][0]], what='one priority')
        path = app.screenshot('prioritise-1920x1080')
        assert verkui.image_size(path)[0] >= 1900, verkui.image_size(path)
        app.quit()
        assert not app.complaints(), app.complaints()


sys.exit(steps.tap([
    ('suggested order with reasons; tick, move, reset, untick', suggested_order_ticks_and_moves),
    ('1920x1080 screenshot', large_screen),
]))
