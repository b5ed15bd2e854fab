"""Shared helpers for the tests that drive the real Verkstad under Xvfb.

Run with Debian's /usr/bin/python3 (pyatspi is a Debian package) inside the
X display and D-Bus session that build-aux/dev test starts. Each test gets a
fresh data directory and database; screenshots go to
$VERKSTAD_BUILD_DIR/test-artifacts/ and are kept.
"""
import os
import re
import signal
import subprocess
import tempfile
import time
import traceback

BUILD = os.environ.get('VERKSTAD_BUILD_DIR', os.path.abspath('build'))
APP = os.path.join(BUILD, 'src', 'verkstad')
ARTIFACTS = os.path.join(BUILD, 'test-artifacts')

# A GTK or GLib complaint on stderr fails a UI test.
COMPLAINT = re.compile(r'(Gtk|Gdk|GLib|GLib-GObject|Gsk|Adwaita|Pango|GLib-GIO|verk[-\w]*)-(CRITICAL|WARNING)')


def tap(results):
    """Runs (name, function) checks and prints TAP; a failing check is
    reported with its traceback and the next one still runs. Returns the
    exit status."""
    print(f'1..{len(results)}')
    failed = 0
    for i, (name, fn) in enumerate(results, 1):
        try:
            fn()
            print(f'ok {i} - {name}')
        except Exception as e:  # report and go on to the next check
            failed += 1
            print(f'not ok {i} - {name}: {e!r}'.replace('\n', ' '))
            for line in traceback.format_exc().splitlines():
                print('# ' + line)
    return 1 if failed else 0


def wait_for(fn, timeout=10.0, step=0.05, what='condition'):
    t0 = time.monotonic()
    while True:
        r = fn()
        if r:
            return r
        if time.monotonic() - t0 > timeout:
            raise TimeoutError(f'timed out waiting for {what}')
        time.sleep(step)


class App:
    """The real app in a fresh data directory; use as a context manager."""

    def __init__(self, *args, lang=None, size=None, db=None, env=None):
        self.tmp = tempfile.TemporaryDirectory(prefix='verkstad-ui-')
        self.db = db or os.path.join(self.tmp.name, 'verkstad.db')
        e = dict(os.environ)
        # VERKSTAD_TEST_G_DEBUG=fatal-warnings makes a rare GTK warning stop
        # the app where it happens (with a core dump, for a backtrace).
        e.update({
            'GDK_BACKEND': 'x11', 'GSK_RENDERER': e.get('GSK_RENDERER', 'cairo'),
            'XDG_DATA_HOME': os.path.join(self.tmp.name, 'data'),
            'XDG_CONFIG_HOME': os.path.join(self.tmp.name, 'config'),
            'GSETTINGS_BACKEND': 'memory', 'VERKSTAD_FIRST_FRAME': '1',
            'G_DEBUG': os.environ.get('VERKSTAD_TEST_G_DEBUG', 'fatal-criticals'), 'LANG': 'C.UTF-8',
        })
        e.pop('GTK_A11Y', None)
        if lang:
            e['LANGUAGE'] = lang
        else:
            e.pop('LANGUAGE', None)
        if size:
            e['VERKSTAD_WINDOW_SIZE'] = size
        if env:
            e.update(env)
        self.env = e
        self.args = [APP, '--db', self.db, *args]
        self.proc = None
        self.stderr_path = os.path.join(self.tmp.name, 'stderr.txt')

    def __enter__(self):
        self.stderr_file = open(self.stderr_path, 'w+')
        self.proc = subprocess.Popen(self.args, env=self.env, stdout=subprocess.PIPE,
                                     stderr=self.stderr_file, text=True)
        line = ''
        t0 = time.monotonic()
        while not line.startswith('FIRST_FRAME'):
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError('the app exited before its first frame:\n' + self.stderr())
            if time.monotonic() - t0 > 30:
                raise TimeoutError('no first frame within 30 s')
        self.first_frame_line = line
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and self.proc:
            self._show_failure()
        self.quit()
        self.stderr_file.close()
        self.tmp.cleanup()

    def _show_failure(self):
        """A check failed with the app still running: what the window showed
        (test-artifacts/failure-N.png) and what the app said on stderr, in
        the test's log, so a failure that does not come back can be read."""
        status = self.proc.poll()
        if status is not None:
            print(f'# the app had exited, with status {status}')
        else:
            try:
                path = self.screenshot(f'failure-{os.getpid()}')
                print(f'# the window at the failure: {path}')
            except Exception as e:   # the window may be gone
                print(f'# no screenshot of the failure: {e!r}')
        for line in self.stderr().splitlines()[-40:]:
            print('# app: ' + line)

    def quit(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def stderr(self):
        self.stderr_file.flush()
        with open(self.stderr_path) as f:
            return f.read()

    def complaints(self):
        return [l for l in self.stderr().splitlines() if COMPLAINT.search(l)]

    def window_id(self, title='Verkstad'):
        """The app's visible window whose title matches @title (a regular
        expression, as xdotool takes it). --all: xdotool's default is to match
        the pid OR the name, that is every window of the app. GTK names its
        tooltip and popover windows after the application, so those match
        "Verkstad" too: they are override-redirect windows and are skipped,
        and of the rest the largest (the main window) wins."""
        out = wait_for(lambda: subprocess.run(
            ['xdotool', 'search', '--all', '--onlyvisible', '--pid', str(self.proc.pid), '--name', title],
            capture_output=True, text=True).stdout.split(), what='the window')
        if len(out) == 1:
            return out[0]
        windows = [w for w in out if not _override_redirect(w)] or out
        return max(reversed(windows), key=_window_area)

    def focus_window(self, title='Verkstad'):
        """Gives the keyboard focus to the window window_id(@title) finds and
        returns its id. The window found can be one that is going away: a
        dialog closing while the next opens under a similar title, or a
        chooser not yet viewable. X then refuses the focus (BadWindow,
        BadMatch) and xdotool exits 1, so look the window up again until the
        focus is taken."""
        def focused():
            wid = self.window_id(title)
            done = subprocess.run(['xdotool', 'windowfocus', '--sync', wid],
                                  capture_output=True, timeout=10).returncode == 0
            return wid if done else None
        return wait_for(focused, what=f'the keyboard focus in {title!r}')

    def screenshot(self, name, title='Verkstad'):
        """Captures the window to test-artifacts/NAME.png and returns the path."""
        os.makedirs(ARTIFACTS, exist_ok=True)
        path = os.path.join(ARTIFACTS, name + '.png')
        wid = self.window_id(title)
        xwd = subprocess.run(['xwd', '-silent', '-id', wid], capture_output=True, check=True).stdout
        subprocess.run(['/usr/bin/convert', 'xwd:-', path], input=xwd, check=True)
        return path

    # AT-SPI
    def atspi_app(self):
        import pyatspi

        def find():
            for a in pyatspi.Registry.getDesktop(0):
                try:
                    if a is not None and a.get_process_id() == self.proc.pid:
                        return a
                except Exception:
                    pass
            return None
        return wait_for(find, timeout=15, what='the app on the accessibility bus')

    def find(self, role=None, name=None, name_re=None, timeout=10):
        import pyatspi
        app = self.atspi_app()

        def match(o):
            if o is None:
                return False
            if role and o.getRoleName() != role:
                return False
            if name is not None and o.name != name:
                return False
            if name_re is not None and not re.search(name_re, o.name or ''):
                return False
            return True
        return wait_for(lambda: pyatspi.findDescendant(app, match), timeout=timeout,
                        what=f'{role or "any"} named {name or name_re!r}')

    def click(self, role='push button', name=None, name_re=None):
        node = self.find(role, name, name_re)
        act = node.queryAction()
        names = [act.getName(i) for i in range(act.nActions)]
        act.doAction(names.index('click') if 'click' in names else 0)
        return node


def type_in_name_field(app, title, text):
    """Types @text over the save chooser @title's name field (which opens
    with the suggested name selected). Keys typed before the field has the
    focus go elsewhere on a busy machine, so the typing waits for that
    focus. (GTK 4.8 does not give the field's text to AT-SPI, so what was
    typed cannot be read back.)"""
    import pyatspi
    app.find(None, title)   # GTK 4.8 calls the dialog a filler
    app.focus_window(title)

    def name_field_focused():
        return any(pyatspi.findAllDescendants(
            app.atspi_app(), lambda o: o is not None and o.getRoleName() == 'text'
            and o.name in ('Name:', 'Namn:') and o.getState().contains(pyatspi.STATE_FOCUSED)))
    wait_for(name_field_focused, what=f'the name field of {title!r} focused')
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+a'], check=True)
    subprocess.run(['xdotool', 'type', '--clearmodifiers', '--delay', '5', text], check=True)


def save_in_chooser(app, title, path):
    """Saves in the chooser @title as a user would: a full path typed over
    the suggested name, then Return."""
    type_in_name_field(app, title, path)
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Return'], check=True)


def _xwininfo(wid):
    return subprocess.run(['xwininfo', '-id', wid], capture_output=True, text=True).stdout


def _override_redirect(wid):
    return re.search(r'Override Redirect State:\s*yes', _xwininfo(wid)) is not None


def _window_area(wid):
    info = _xwininfo(wid)
    w = re.search(r'Width:\s*(\d+)', info)
    h = re.search(r'Height:\s*(\d+)', info)
    return int(w.group(1)) * int(h.group(1)) if w and h else 0


def translator(lang=None):
    """The app's own translations, as gettext: a test can look for the
    translated text of a msgid ("Comment by %s" → "Kommentar från %s") in the
    language it starts the app in (App(lang=…)). English when @lang is None."""
    import gettext
    if not lang:
        return lambda msgid: msgid
    localedir = os.environ.get('VERKSTAD_LOCALEDIR', os.path.join(BUILD, 'po'))
    return gettext.translation('verkstad', localedir=localedir, languages=[lang]).gettext


def image_colors(path):
    """The number of distinct colours in an image: a blank window has very few."""
    out = subprocess.run(['/usr/bin/convert', path, '-format', '%k', 'info:'],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def image_size(path):
    out = subprocess.run(['/usr/bin/identify', '-format', '%w %h', path],
                         capture_output=True, text=True, check=True).stdout
    w, h = out.split()
    return int(w), int(h)


MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
# Written out here, not read from sv.po, so that a test checks the translation.
MONTHS_SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti',
             'september', 'oktober', 'november', 'december']


def long_date(day, lang=None):
    """A date as the window shows it: "2 December 2026" in English,
    "2 december 2026" with @lang 'sv' (a datetime.date or an ISO string)."""
    import datetime
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    months = MONTHS_SV if lang == 'sv' else MONTHS
    return f'{day.day} {months[day.month - 1]} {day.year}'


def months_after(day, n):
    """@n months after @day, as GLib's g_date_time_add_months: the same day
    of the month, or the month's last day. A follow-up is proposed 6 later."""
    import calendar
    import datetime
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    m = day.month - 1 + n
    year, month = day.year + m // 12, m % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def popover_click(app, popover, node):
    """A real click on @node inside @popover. GTK 4.8 gives a popover's
    children extents that are right relative to the popover's own surface, but
    places that surface wrongly in the dialog; so the popover's X window (an
    override-redirect window of the popover's size) gives the origin."""
    p = popover.queryComponent().getExtents(1)
    e = node.queryComponent().getExtents(1)

    def surface():
        for wid in subprocess.run(['xdotool', 'search', '--all', '--onlyvisible', '--pid', str(app.proc.pid),
                                   '--name', '.*'], capture_output=True, text=True).stdout.split():
            info = subprocess.run(['xwininfo', '-id', wid], capture_output=True, text=True).stdout
            fields = dict(re.findall(r'^\s*([\w -]+?):\s+(\S+)$', info, re.M))
            if fields.get('Override Redirect State') == 'yes' and \
                    (int(fields['Width']), int(fields['Height'])) == (p.width, p.height):
                return int(fields['Absolute upper-left X']), int(fields['Absolute upper-left Y'])
        return None
    x0, y0 = wait_for(surface, what="the popover's window")
    x, y = x0 + e.x - p.x + e.width // 2, y0 + e.y - p.y + e.height // 2
    subprocess.run(['xdotool', 'mousemove', str(x), str(y), 'click', '1'], check=True)


def calendar_days(cal):
    """The calendar's day numbers of the shown month (not the grey days of the
    months before and after), as {day: node}."""
    grid = cal[1]
    labels = [c for c in grid if c.getRoleName() == 'label'][7:]   # after the weekday names
    numbers = [int(c.name) for c in labels]
    first = numbers.index(1)
    last = first + numbers[first:].index(max(numbers[first:]))
    return {numbers[i]: labels[i] for i in range(first, last + 1)}


class FocusWatch:
    """Counts the keyboard focus arriving anywhere in the app, from AT-SPI's
    focus events, so that a test pressing Tab waits until the press has been
    handled instead of pressing again too soon: under load, a second Tab sent
    before GTK handled the first one walks past the widget looked for."""

    def __init__(self):
        import pyatspi
        from gi.repository import GLib
        self._pyatspi = pyatspi
        self._context = GLib.MainContext.default()
        self.arrivals = 0
        pyatspi.Registry.registerEventListener(self._on_focus, 'object:state-changed:focused')

    def _on_focus(self, event):
        if event.detail1:
            self.arrivals += 1

    def _pump(self):
        while self._context.iteration(False):
            pass
        return self.arrivals

    def press(self, send_keys, app=None, done=None, unreported=3.0):
        """Calls @send_keys() (one key press) and waits until the focus has
        landed somewhere after it, @done() is true, or @app (when given) has
        died. GTK 4.8 reports no focus arriving in an entry row's text, so
        after @unreported seconds without a report the press is taken as
        handled: a test then presses again at worst that much later than
        needed, never before GTK handled a press it reports."""
        before = self._pump()
        send_keys()
        try:
            wait_for(lambda: (self._pump() > before or (app is not None and app.proc.poll() is not None)
                              or (done is not None and done())), timeout=unreported)
        except TimeoutError:
            pass

    def close(self):
        self._pyatspi.Registry.deregisterEventListener(self._on_focus, 'object:state-changed:focused')

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def press_until(done, send_key, most=40, what='the widget', app=None):
    """Presses a key (Tab, Shift+Tab) one press at a time, each handled
    before the next, until done() is true, as a keyboard user moves on until
    they get there. Returns what done() returned. With @app, a press the app
    dies of fails at once, with its stderr."""
    with FocusWatch() as watch:
        for presses in range(most + 1):
            watch._pump()
            if app is not None:
                assert app.proc.poll() is None, f'the app died on a key press before {what}:\n' + app.stderr()
            result = done()
            if result:
                return result
            if presses < most:
                watch.press(send_key, app=app, done=done)
    raise AssertionError(f'{most} key presses never reached {what}')


def press_until_focused(node, send_key, most=40, what='the widget'):
    """press_until() @node has the keyboard focus."""
    import pyatspi
    press_until(lambda: node.getState().contains(pyatspi.STATE_FOCUSED), send_key, most, what)
