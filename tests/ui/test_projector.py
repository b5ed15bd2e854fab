#!/usr/bin/python3
"""Projector mode with several monitors, on an X server of its own.

GTK 4 on X11 reads monitors from RandR outputs: a RandR 1.5 monitor made with
`xrandr --setmonitor` on Xvfb has no output, so GTK skips it, and Xvfb has one
output only. Xorg with the dummy video driver (xserver-xorg-video-dummy 0.4)
has sixteen outputs, DUMMY0..15; an output counts as connected once it is
given a mode. So this starts a private Xorg with the dummy driver, gives three
outputs a mode (1280x720 at 0,0; 1920x1080 at 1280,0; 1280x720 at 3200,0),
and runs xfwm4 as the window manager, since full screen on a given monitor is
the window manager's job. docs/PROJECTOR.md explains it.

Then tests/test-presenter (C, in-process) drives the real widgets and prints
TAP; this script answers its SHOT (capture a window into
build/test-artifacts/) and KEY (type a key into a window) requests.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get('VERKSTAD_BUILD_DIR', os.path.abspath('build'))
ARTIFACTS = os.path.join(BUILD, 'test-artifacts')
PROGRAM = os.path.join(BUILD, 'tests', 'test-presenter')

XORG_CONF = '''
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 512000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 4480 1080
  EndSubSection
EndSection
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "DontVTSwitch" "true"
EndSection
'''

# CVT timings: xrandr needs a mode before an output can use it.
MODES = {
    '1280x720_60': '74.50 1280 1344 1472 1664 720 723 728 748 -hsync +vsync',
    '1920x1080_60': '173.00 1920 2048 2248 2576 1080 1083 1088 1120 -hsync +vsync',
}
LAYOUT = [('DUMMY0', '1280x720_60', '0x0'), ('DUMMY1', '1920x1080_60', '1280x0'),
          ('DUMMY2', '1280x720_60', '3200x0')]


def bail(message):
    print('Bail out! ' + message)
    sys.exit(1)


def start_xorg(tmp):
    conf = os.path.join(tmp, 'xorg.conf')
    with open(conf, 'w') as f:
        f.write(XORG_CONF)
    os.makedirs(os.path.join(tmp, 'conf.d'))
    xorg = subprocess.Popen(
        ['Xorg', '-displayfd', '1', '-config', conf, '-configdir', os.path.join(tmp, 'conf.d'),
         '-noreset', '-nolisten', 'tcp', '-logfile', os.path.join(tmp, 'xorg.log')],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    display = xorg.stdout.readline().strip()
    if not display:
        bail('Xorg with the dummy driver did not start; see ' + os.path.join(tmp, 'xorg.log'))
    return xorg, ':' + display


def xrandr(env, *args):
    subprocess.run(['xrandr', *args], env=env, check=True, capture_output=True)


def main():
    tmp = tempfile.mkdtemp(prefix='verkstad-projector-')
    xorg, display = start_xorg(tmp)
    env = dict(os.environ, DISPLAY=display, GDK_BACKEND='x11', GSK_RENDERER='cairo',
               LANG='C.UTF-8', GSETTINGS_BACKEND='memory')
    env.pop('LANGUAGE', None)
    wm = None
    try:
        for name, timing in MODES.items():
            xrandr(env, '--newmode', name, *timing.split())
        args = ['--fb', '4480x1080']
        for output, mode, pos in LAYOUT:
            xrandr(env, '--addmode', output, mode)
            args += ['--output', output, '--mode', mode, '--pos', pos]
        xrandr(env, *args)
        # A full query makes the server probe the outputs again; without it the
        # first client can still see DUMMY1 and DUMMY2 as disconnected.
        listing = subprocess.run(['xrandr', '--listmonitors'], env=env, capture_output=True,
                                 text=True, check=True).stdout
        print('# ' + listing.replace('\n', '\n# ').rstrip('# '))
        # On a D-Bus session of its own: xfwm4 starts xfconfd, which would
        # otherwise live on the test's session and complain when it ends. The
        # process group lets the clean-up end all of them together.
        wm = subprocess.Popen(['dbus-run-session', '--', 'xfwm4', '--compositor=off',
                               '--sm-client-disable'], env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The window manager is up once it has set _NET_SUPPORTING_WM_CHECK.
        for _ in range(400):
            if 'window id' in subprocess.run(['xprop', '-root', '_NET_SUPPORTING_WM_CHECK'],
                                             env=env, capture_output=True, text=True).stdout:
                break
            time.sleep(0.05)
        else:
            bail('xfwm4 did not start')

        os.makedirs(ARTIFACTS, exist_ok=True)
        child = subprocess.Popen([PROGRAM], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, bufsize=1)
        for line in child.stdout:
            words = line.split()
            if words and words[0] == 'SHOT':
                path = os.path.join(ARTIFACTS, words[2] + '.png')
                xwd = subprocess.run(['xwd', '-silent', '-id', words[1]], env=env,
                                     capture_output=True, check=True).stdout
                subprocess.run(['/usr/bin/convert', 'xwd:-', path], input=xwd, check=True)
                print(f'# screenshot {path}')
                child.stdin.write('done\n')
            elif words and words[0] == 'KEY':
                subprocess.run(['xdotool', 'windowactivate', '--sync', words[1]], env=env,
                               capture_output=True)
                subprocess.run(['xdotool', 'key', '--clearmodifiers', words[2]], env=env, check=True)
                child.stdin.write('done\n')
            else:
                sys.stdout.write(line)
            sys.stdout.flush()
        rc = child.wait()
        err = child.stderr.read()
        complaints = [l for l in err.splitlines() if 'CRITICAL' in l or 'WARNING' in l]
        if complaints:
            print('# stderr:\n# ' + '\n# '.join(complaints))
            rc = rc or 1
        return rc
    finally:
        if wm:
            try:
                os.killpg(wm.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            wm.wait()
        xorg.terminate()
        xorg.wait()


if __name__ == '__main__':
    sys.exit(main())
