#!/usr/bin/python3
"""Drives tests/bench/bench-room with python3-websockets on 127.0.0.1: 200
idle connections held open, and 30 phones that each score every one of the
13 pieces as it opens. For every vote: the time from sending it to the
phone's own updated state (the store written, its changed signal emitted —
what the window and the projector redraw from — and the phones' states
sent), and to the moment all 30 phones have the new count. Baseline, same
connections: a WebSocket ping → pong round trip. Prints KEY=VALUE lines.

With bench-room-view (which shows the presentation under X11 and prints
when it redrew what) also: vote → model changed → projector redrawn, the
first after-paint that shows the piece with at least the count the phone
was told after its vote (or the next piece, when that vote was the last).

Usage: room_load.py BENCH-ROOM DATABASE"""
import asyncio
import json
import random
import statistics
import subprocess
import sys
import time

import websockets

PHONES = 30
IDLE = 200


def p95(v):
    s = sorted(v)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


class Phone:
    def __init__(self, ws):
        self.ws = ws
        self.state = None
        self.changed = asyncio.Event()
        self.waiters = []   # (predicate, future)

    async def reader(self):
        async for raw in self.ws:
            msg = json.loads(raw)
            if msg.get('type') == 'refused':
                print('refused:', msg, file=sys.stderr)
            if msg.get('type') != 'state':
                continue
            self.state = msg
            now = time.monotonic()
            for pred, fut in list(self.waiters):
                if not fut.done() and pred(msg):
                    fut.set_result(now)
                    self.waiters.remove((pred, fut))

    def when(self, pred):
        fut = asyncio.get_running_loop().create_future()
        if self.state is not None and pred(self.state):
            fut.set_result(time.monotonic())
        else:
            self.waiters.append((pred, fut))
        return fut


def piece(state):
    return (state or {}).get('piece') or {}


async def main(prog, db):
    server = subprocess.Popen([prog, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    info = {}
    while len(info) < 3:
        k, v = server.stdout.readline().strip().split('=', 1)
        info[k] = v
    url = f'ws://127.0.0.1:{info["PORT"]}/ws?c={info["CODE"]}'
    pieces = int(info['PIECES'])

    idle = [await websockets.connect(url, ping_interval=None, max_queue=None) for _ in range(IDLE)]
    phones = []
    for _ in range(PHONES):
        p = Phone(await websockets.connect(url, ping_interval=None, max_queue=None))
        asyncio.ensure_future(p.reader())
        await p.ws.send(json.dumps({'type': 'join'}))
        await p.when(lambda s: s.get('seated'))
        phones.append(p)
    # The idle ones only hold their sockets; drain what they are sent.
    drains = [asyncio.ensure_future(drain(ws)) for ws in idle]

    pings = []
    for p in phones:
        t0 = time.monotonic()
        await (await p.ws.ping())
        pings.append((time.monotonic() - t0) * 1000)

    server.stdin.write('start\n')
    server.stdin.flush()
    own, everyone, votes = [], [], []
    rng = random.Random(15)
    for n in range(pieces):
        opened = await phones[0].when(lambda s: piece(s).get('position') == n + 1)
        for p in phones:
            await p.when(lambda s: piece(s).get('position') == n + 1)
        item = piece(phones[0].state)['id']

        async def vote(i, p):
            # People press at different moments within a few seconds.
            await asyncio.sleep(rng.uniform(0, 1.5))
            score = 1 + (i + n) % 5
            t0 = time.monotonic()
            # (The last vote of a piece may come back as the next piece: the
            # facilitator moved on in the same main-loop turn.)
            mine = p.when(lambda s: piece(s).get('id') != item or piece(s).get('score') == score)
            await p.ws.send(json.dumps({'type': 'vote', 'item': item, 'score': score, 'reason': 'load'}))
            t1 = await mine
            own.append((t1 - t0) * 1000)
            moved_on = piece(p.state).get('id') != item
            k = PHONES if moved_on else piece(p.state)['scored']
            votes.append((t0, item, k, moved_on))
            seen = await asyncio.gather(*[q.when(lambda s, k=k: piece(s).get('id') != item or
                                                 piece(s).get('scored', 0) >= k) for q in phones])
            everyone.append((max(seen) - t0) * 1000)
        await asyncio.gather(*[vote(i, p) for i, p in enumerate(phones)])

    alive = sum(1 for ws in idle if ws.open)
    server.stdin.close()
    out = server.stdout.read()
    server.wait(30)
    for ws in idle:
        await ws.close()
    for p in phones:
        await p.ws.close()
    for d in drains:
        d.cancel()
    lines = out.splitlines()
    paints = [l for l in lines if l.startswith('paints=')]
    print('\n'.join(l for l in lines if not l.startswith('paints=')))
    if paints:
        projector(votes, paints[0][len('paints='):])
    print(f'votes={len(own)}\nidle_alive={alive}\n'
          f'own_p50_ms={statistics.median(own):.2f}\nown_p95_ms={p95(own):.2f}\nown_max_ms={max(own):.2f}\n'
          f'all_p50_ms={statistics.median(everyone):.2f}\nall_p95_ms={p95(everyone):.2f}\n'
          f'ping_p50_ms={statistics.median(pings):.3f}\nping_p95_ms={p95(pings):.3f}')


def projector(votes, text):
    """Vote sent → the presentation's first after-paint showing it."""
    paints = [tuple(int(x) for x in e.split(':')) for e in text.split(',') if e]
    lat = []
    for t0, item, k, moved_on in votes:
        t0_us = t0 * 1e6
        shown = [tp for tp, it, count in paints
                 if tp >= t0_us and ((it == item and count >= k) or (moved_on and it != item))]
        if shown:
            lat.append((min(shown) - t0_us) / 1000)
    print(f'projector_samples={len(lat)}')
    if lat:
        print(f'projector_p50_ms={statistics.median(lat):.2f}\nprojector_p95_ms={p95(lat):.2f}\n'
              f'projector_max_ms={max(lat):.2f}')


async def drain(ws):
    try:
        async for _ in ws:
            pass
    except Exception:
        pass


asyncio.run(main(sys.argv[1], sys.argv[2]))
