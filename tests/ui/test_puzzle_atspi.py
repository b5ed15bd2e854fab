#!/usr/bin/python3
"""What a screen reader finds in the puzzle: one button per piece named
"Samverkan, 3 av 5" / "…, inte bedömd", activatable, and names that follow
scores typed on the keyboard. Runs tests/puzzle-view-harness (the real
VerkPuzzleView on a seeded workshop) in Swedish and reads it over AT-SPI."""
import os
import re
import select
import subprocess
import sys
import time

import pyatspi

from verkui import BUILD, wait_for

HARNESS = os.path.join(BUILD, 'tests', 'puzzle-view-harness')
NAME = re.compile(r'^(.+), (?:(\d) av 5|inte bedömd)$')

n = 0


def ok(cond, what):
    global n
    n += 1
    print(('ok' if cond else 'not ok') + f' {n} - {what}', flush=True)
    return cond


def main():
    env = dict(os.environ, LANGUAGE='sv', LANG='C.UTF-8', GDK_BACKEND='x11',
               GSK_RENDERER='cairo', GSETTINGS_BACKEND='memory')
    env.pop('GTK_A11Y', None)
    proc = subprocess.Popen([HARNESS], env=env, stdout=subprocess.PIPE, text=True, bufsize=1)
    lines = []

    def read_lines(timeout=0.05):
        r, _, _ = select.select([proc.stdout], [], [], timeout)
        if r:
            line = proc.stdout.readline()
            if line:
                lines.append(line.strip())
        return lines

    try:
        wait_for(lambda: 'READY' in read_lines(), timeout=30, what='the harness')

        def app():
            for a in pyatspi.Registry.getDesktop(0):
                try:
                    if a is not None and a.get_process_id() == proc.pid:
                        return a
                except Exception:
                    pass
            return None
        root = wait_for(app, timeout=15, what='the harness on the accessibility bus')

        def pieces():
            found = []
            for o in pyatspi.findAllDescendants(root, lambda o: o is not None
                                                and o.getRoleName() == 'push button'):
                if NAME.match(o.name or ''):
                    found.append(o)
            return found

        buttons = wait_for(lambda: pieces() if len(pieces()) == 13 else None, timeout=10,
                           what='13 piece buttons')
        names = [b.name for b in buttons]
        print('# ' + ' | '.join(names), flush=True)
        ok(len(buttons) == 13, 'a screen reader finds 13 pieces')
        ok('Samverkan, 3 av 5' in names, 'a scored piece says its score: "Samverkan, 3 av 5"')
        ok('Långsiktighet, inte bedömd' in names, 'an unscored piece says so')
        ok(all(b.getState().contains(pyatspi.STATE_FOCUSABLE) for b in buttons),
           'every piece can take keyboard focus')

        # Activate "Lära av andra" as a screen reader does.
        target = next(b for b in buttons if b.name.startswith('Lära av andra'))
        act = target.queryAction()
        acts = [act.getName(i) for i in range(act.nActions)]
        act.doAction(acts.index('click') if 'click' in acts else 0)
        wait_for(lambda: 'ACTIVATED 5' in read_lines(), timeout=10, what='piece-activated')
        ok(True, 'activating a piece over AT-SPI opens it (piece-activated)')

        # Keys: the first piece has focus; Right then 5 scores the second.
        wid = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(proc.pid),
                              '--name', 'Puzzle harness'], capture_output=True, text=True).stdout.split()
        subprocess.run(['xdotool', 'windowfocus', '--sync', wid[-1], 'key', '--delay', '40',
                        'Right', '5'], check=True)

        def scored():
            return [b for b in pieces() if b.name == 'Engagerat ledarskap, 5 av 5']
        ok(bool(wait_for(scored, timeout=10, what='the new name')),
           'a score typed on the keyboard shows in the accessible name')
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(f'1..{n}', flush=True)


if __name__ == '__main__':
    try:
        main()
    except Exception as e:  # a failure is a failed test, with the reason
        print(f'not ok {n + 1} - {e}', flush=True)
        print(f'1..{n + 1}', flush=True)
        sys.exit(1)
