#!/usr/bin/python3
"""`meson install` into a temporary prefix works, puts every file where the
desktop expects it, and the installed binary starts and draws its window."""
import os
import subprocess
import sys
import tempfile

import verkui

APP_ID = 'io.github.verkstad.Verkstad'


def main():
    print('1..2')
    with tempfile.TemporaryDirectory(prefix='verkstad-install-') as dest:
        subprocess.run(['meson', 'install', '-C', verkui.BUILD, '--no-rebuild', '--quiet',
                        '--destdir', dest], check=True, stdout=subprocess.DEVNULL)
        prefix = subprocess.run(['meson', 'introspect', '--buildoptions', verkui.BUILD],
                                capture_output=True, text=True, check=True).stdout
        import json
        opts = {o['name']: o['value'] for o in json.loads(prefix)}
        root = dest + opts['prefix']
        share = os.path.join(root, opts['datadir'])
        expected = [
            os.path.join(root, opts['bindir'], 'verkstad'),
            os.path.join(share, 'applications', APP_ID + '.desktop'),
            os.path.join(share, 'metainfo', APP_ID + '.metainfo.xml'),
            os.path.join(share, 'glib-2.0', 'schemas', APP_ID + '.gschema.xml'),
            os.path.join(share, 'icons', 'hicolor', 'scalable', 'apps', APP_ID + '.svg'),
            os.path.join(share, 'icons', 'hicolor', 'symbolic', 'apps', APP_ID + '-symbolic.svg'),
            os.path.join(root, opts['localedir'], 'sv', 'LC_MESSAGES', 'verkstad.mo'),
        ]
        missing = [p for p in expected if not os.path.exists(p)]
        print(('not ok' if missing else 'ok') + f' 1 - installed files{": missing " + str(missing) if missing else ""}')

        # DESTDIR installs skip the post-install step; compile the schema as
        # a package's trigger would.
        schemas = os.path.join(share, 'glib-2.0', 'schemas')
        subprocess.run(['glib-compile-schemas', schemas], check=True)
        env = {'GSETTINGS_SCHEMA_DIR': schemas,
               'VERKSTAD_LOCALEDIR': os.path.join(root, opts['localedir']),
               'VERKSTAD_QUIT_AFTER_FIRST_FRAME': '1'}
        app = verkui.App(env=env)
        app.args[0] = expected[0]
        try:
            with app:
                app.proc.wait(30)
                ok = app.proc.returncode == 0 and not app.complaints()
                detail = f'exit {app.proc.returncode}, complaints {app.complaints()}'
        except Exception as e:  # no first frame: report it as the failure
            ok, detail = False, repr(e)
        print(('ok' if ok else 'not ok') + ' 2 - the installed binary starts and draws its first frame'
              + ('' if ok else ': ' + detail.replace('\n', ' ')))
        return 0 if ok and not missing else 1


sys.exit(main())
