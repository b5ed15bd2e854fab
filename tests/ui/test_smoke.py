#!/usr/bin/python3
"""The real app starts, draws its first frame, is not blank, complains about
nothing, and speaks Swedish under LANGUAGE=sv; its keyboard shortcuts window,
built only when asked for, opens with Ctrl+?."""
import sys

import verkui


tap = verkui.tap


def first_frame_and_screenshot():
    for size in ('1280x720', '1920x1080'):
        with verkui.App(size=size) as app:
            path = app.screenshot(f'smoke-{size}')
            colors = verkui.image_colors(path)
            assert colors > 50, f'screenshot {path} looks blank ({colors} colours)'
            app.quit()
            assert not app.complaints(), f'the app complained: {app.complaints()}'


def swedish_ui():
    with verkui.App(lang='sv') as app:
        app.find(name_re=r'Välkommen|Grupper|Ny grupp')
    with verkui.App() as app:
        app.find(name_re=r'Welcome|Groups|New Group')


def shortcuts_window():
    from shellui import find_shown, press
    with verkui.App(size='1280x720') as app:
        find_shown(app, 'label', 'No Groups Yet')
        press(app, 'ctrl+question')
        find_shown(app, 'label', 'Show Shortcuts')
        find_shown(app, 'label', 'Present on Second Screen')
        app.quit()
        assert not app.complaints(), f'the app complained: {app.complaints()}'


sys.exit(tap([('first frame, 1280x720 and 1920x1080 screenshots, no warnings', first_frame_and_screenshot),
              ('LANGUAGE=sv gives Swedish UI text', swedish_ui),
              ('Ctrl+? opens the keyboard shortcuts, built on first use', shortcuts_window)]))
