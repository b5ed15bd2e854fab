// SPDX-License-Identifier: GPL-3.0-or-later
// The phone page of the room (docs/ROOM.md). Talks JSON over one WebSocket
// to the laptop; keeps its seat token in localStorage so that a phone that
// slept, or reloaded the page, comes back to the same seat.
'use strict';

const TEXT = {
  en: {
    title: 'Score from your phone',
    nameLabel: 'Your name, as the facilitator wrote it',
    join: 'Join',
    joinAnonymous: 'Take a seat',
    anonymousIntro: 'Your scores are anonymous to the others.',
    seat: (n, name) => name ? `Seat ${n}: ${name}` : `Participant ${n}`,
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Connection lost. Reconnecting…',
    closed: 'The room is closed.',
    waiting: 'Wait for the facilitator to open a piece.',
    pieceNumber: n => `Piece ${n}`,
    scale: 'Your score',
    pass: 'Pass',
    passHint: 'I do not score this one',
    reason: 'Why? (optional; if your score is the lowest or the highest, the screen may show your reason after the reveal, without your name)',
    reasonChanged: 'The facilitator has changed your reason meanwhile. Sending replaces it with what you wrote here.',
    send: 'Send my score',
    update: 'Change my score',
    sent: s => s ? `Your score ${s} is saved.` : 'You passed.',
    progress: (k, n) => `${k} of ${n} have scored`,
    revealTitle: 'Everyone’s scores',
    roundTwo: 'Second round: score again, on your own.',
    revealTitleTwo: 'Everyone’s scores, second round',
    firstRoundTitle: 'First round',
    revealRow: (level, count) => `${level}: ${count}`,
    mineTitle: 'Your scores so far',
    mineItem: (p, s) => `Piece ${p}: ${s}`,
    freed: 'Your seat was freed by the facilitator. Join again if you should be here.',
    errors: {
      'locked': 'The room is locked: nobody new can join.',
      'room-full': 'Every seat is taken.',
      'unknown-name': 'No participant has that name. Check the spelling, or ask the facilitator.',
      'seat-taken': 'Another phone has this seat. Ask the facilitator to free it.',
      'bad-name': 'Type your name.',
      'unknown-seat': 'Your seat was freed. Join again.',
      'not-open': 'This piece is no longer open.',
      'revealed': 'The scores are revealed: scoring of this piece is closed.',
      'bad-score': 'Choose a score from 1 to 5, or pass.',
      'bad-reason': 'The reason could not be read. Write it again.',
      'reason-too-long': max => `Your reason was not saved: it is longer than ${max} characters. Shorten it and send again.`,
      'reason-control': 'Your reason was not saved: it contains an invisible control character, probably from pasted text. Retype the pasted part and send again.',
      'too-fast': 'Too many messages. Wait a few seconds.',
      'not-saved': 'Your score could not be saved. Tell the facilitator.',
    },
    refused: 'The room refused that.',
  },
  sv: {
    title: 'Poängsätt från telefonen',
    nameLabel: 'Ditt namn, som processledaren skrev det',
    join: 'Gå med',
    joinAnonymous: 'Ta en plats',
    anonymousIntro: 'Dina poäng är anonyma för de andra.',
    seat: (n, name) => name ? `Plats ${n}: ${name}` : `Deltagare ${n}`,
    connecting: 'Ansluter…',
    connected: 'Ansluten',
    reconnecting: 'Anslutningen bröts. Ansluter igen…',
    closed: 'Rummet är stängt.',
    waiting: 'Vänta tills processledaren öppnar en bit.',
    pieceNumber: n => `Bit ${n}`,
    scale: 'Din poäng',
    pass: 'Avstår',
    passHint: 'Jag poängsätter inte den här',
    reason: 'Varför? (frivilligt; är din poäng lägst eller högst kan motiveringen synas på skärmen utan ditt namn när poängen visas)',
    reasonChanged: 'Processledaren har ändrat din motivering under tiden. Skickar du ersätts den med det du skrev här.',
    send: 'Skicka min poäng',
    update: 'Ändra min poäng',
    sent: s => s ? `Din poäng ${s} är sparad.` : 'Du avstod.',
    progress: (k, n) => `${k} av ${n} har poängsatt`,
    revealTitle: 'Allas poäng',
    roundTwo: 'Andra omgången: poängsätt igen, var för sig.',
    revealTitleTwo: 'Allas poäng, andra omgången',
    firstRoundTitle: 'Första omgången',
    revealRow: (level, count) => `${level}: ${count}`,
    mineTitle: 'Dina poäng hittills',
    mineItem: (p, s) => `Bit ${p}: ${s}`,
    freed: 'Processledaren frigjorde din plats. Gå med igen om du ska vara med.',
    errors: {
      'locked': 'Rummet är låst: ingen ny kan gå med.',
      'room-full': 'Alla platser är tagna.',
      'unknown-name': 'Ingen deltagare har det namnet. Kontrollera stavningen eller fråga processledaren.',
      'seat-taken': 'En annan telefon har den här platsen. Be processledaren frigöra den.',
      'bad-name': 'Skriv ditt namn.',
      'unknown-seat': 'Din plats frigjordes. Gå med igen.',
      'not-open': 'Den här biten är inte längre öppen.',
      'revealed': 'Poängen är visade: poängsättningen av den här biten är stängd.',
      'bad-score': 'Välj en poäng från 1 till 5, eller avstå.',
      'bad-reason': 'Motiveringen gick inte att läsa. Skriv den igen.',
      'reason-too-long': max => `Din motivering sparades inte: den är längre än ${max} tecken. Korta den och skicka igen.`,
      'reason-control': 'Din motivering sparades inte: den innehåller ett osynligt styrtecken, troligen från inklistrad text. Skriv om den inklistrade delen och skicka igen.',
      'too-fast': 'För många meddelanden. Vänta några sekunder.',
      'not-saved': 'Din poäng kunde inte sparas. Säg till processledaren.',
    },
    refused: 'Rummet nekade det.',
  },
};

const lang = document.documentElement.lang === 'sv' ? 'sv' : 'en';
const T = TEXT[lang];
const $ = id => document.getElementById(id);
const code = new URLSearchParams(location.search).get('c') || '';
const seatKey = 'verkstad-room-seat-' + code;

let socket = null;
let retryDelay = 500;
let retryTimer = 0;
let state = null;
let chosen = null;      // the score picked on screen, 0 = pass
let shownPiece = 0;
let shownRound = 0;
let hadSeat = false;
// The reason as the room last sent it, read back through the box (which
// turns CR LF into LF): the box is "edited" while it holds anything else,
// and only an edited reason is sent, so a vote never writes back a comment
// the facilitator changed on the laptop meanwhile.
let reasonBase = '';

function storedSeat() {
  try { return localStorage.getItem(seatKey); } catch (e) { return null; }
}
function storeSeat(token) {
  try {
    if (token) localStorage.setItem(seatKey, token); else localStorage.removeItem(seatKey);
  } catch (e) { /* private mode: the seat lasts as long as the page */ }
}

function setStatus(text) { $('status').textContent = text; }
function setError(text) { $('error').textContent = text || ''; }

function staticTexts() {
  document.title = T.title;
  $('title').textContent = T.title;
  $('name-label').textContent = T.nameLabel;
  $('scale-legend').textContent = T.scale;
  $('reason-label').textContent = T.reason;
  $('reveal-title').textContent = T.revealTitle;
  $('mine-title').textContent = T.mineTitle;
  $('wait-text').textContent = T.waiting;
}

function connect() {
  clearTimeout(retryTimer);
  if (socket && socket.readyState <= 1) return;
  setStatus(state ? T.reconnecting : T.connecting);
  socket = new WebSocket(`ws://${location.host}/ws?c=${encodeURIComponent(code)}`);
  socket.onopen = () => {
    retryDelay = 500;
    setStatus(T.connected);
    const token = storedSeat();
    if (token) socket.send(JSON.stringify({ type: 'resume', seat: token }));
  };
  socket.onmessage = event => {
    let msg;
    try { msg = JSON.parse(event.data); } catch (e) { return; }
    if (msg.type === 'state') render(msg);
    else if (msg.type === 'refused') refused(msg);
    else if (msg.type === 'freed') { storeSeat(null); hadSeat = false; setError(T.freed); }
  };
  socket.onclose = event => {
    if (event.code === 1001) { setStatus(T.closed); }
    else setStatus(T.reconnecting);
    // Back off, but never more than 10 s: the phone should be back quickly.
    retryTimer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 10000);
  };
}

function refused(msg) {
  if (msg.code === 'unknown-seat') {
    storeSeat(null);
    hadSeat = false;
  }
  setError(errorText(msg.code));
}

function errorText(code) {
  const text = T.errors[code];
  if (typeof text === 'function') return text(reasonMax().toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB'));
  return text || T.refused;
}

// The room says how long a reason may be (the store's limit for a comment).
function reasonMax() { return state && state.reason_max > 0 ? state.reason_max : 10000; }

function reasonEdited() { return $('reason').value !== reasonBase; }

// Puts the room's copy of the reason in the box, unless the person is
// editing it: their words are never taken from under them (sending them
// replaces the room's copy, and the note says the room's copy changed).
function showReason(text, fresh) {
  const box = $('reason');
  if (fresh || !reasonEdited()) {
    // Only a real change is written: writing a textarea moves its caret.
    if (box.value !== normalised(text)) box.value = text;
    reasonBase = box.value;
    $('reason-note').hidden = true;
    return;
  }
  const before = reasonBase;
  reasonBase = normalised(text);
  if (box.value.trim() === reasonBase.trim()) {
    // What they sent came back as saved (without surrounding space).
    reasonBase = box.value;
    $('reason-note').hidden = true;
  } else if (reasonBase !== before && reasonBase !== '') {
    $('reason-note').textContent = T.reasonChanged;
    $('reason-note').hidden = false;
  }
}

// The text as a textarea holds it: line breaks as LF.
function normalised(text) { return text.replace(/\r\n?/g, '\n'); }

function render(msg) {
  state = msg;
  if (msg.seated) {
    storeSeat(msg.seat.token);
    hadSeat = true;
    $('who').textContent = T.seat(msg.seat.number, msg.seat.name);
  } else {
    $('who').textContent = '';
  }
  $('join').hidden = msg.seated;
  if (!msg.seated) {
    $('name').hidden = msg.anonymous;
    $('name-label').hidden = msg.anonymous;
    $('join-button').textContent = msg.anonymous ? T.joinAnonymous : T.join;
    if (msg.anonymous) $('name-label').textContent = T.anonymousIntro;
  }
  const piece = msg.seated ? msg.piece : null;
  $('wait').hidden = !msg.seated || !!piece;
  $('vote').hidden = !piece;
  $('mine-card').hidden = !msg.seated || !msg.mine || msg.mine.length === 0;
  if (msg.mine) {
    const list = $('mine');
    list.replaceChildren(...msg.mine.map(m => {
      const li = document.createElement('li');
      li.textContent = T.mineItem(m.position, m.score);
      return li;
    }));
  }
  if (!piece) return;
  if (piece.id !== shownPiece || piece.round !== shownRound) {
    shownPiece = piece.id;
    shownRound = piece.round;
    // "Your score is saved" belonged to the piece or round before.
    setStatus(T.connected);
    chosen = piece.score || null;
    showReason(piece.reason || '', true);
    setError('');
    buildScale(msg.scale);
  }
  else showReason(piece.reason || '', false);
  $('piece-number').textContent = T.pieceNumber(piece.position);
  $('round').hidden = piece.round !== 2;
  $('round').textContent = T.roundTwo;
  $('reveal-title').textContent = piece.round === 2 ? T.revealTitleTwo : T.revealTitle;
  $('piece-name').textContent = piece.name;
  $('piece-description').textContent = piece.description;
  $('progress').textContent = T.progress(piece.scored, piece.total);
  const closed = piece.revealed;
  for (const b of $('scores').querySelectorAll('button')) {
    b.disabled = closed;
    b.setAttribute('aria-pressed', String(Number(b.dataset.score) === chosen));
  }
  $('reason').disabled = closed;
  $('send').disabled = closed || chosen === null;
  $('send').textContent = piece.score ? T.update : T.send;
  if (piece.score && !closed) setStatus(T.sent(piece.score));
  $('reveal').hidden = !piece.distribution;
  if (piece.distribution) distribution($('distribution'), piece.distribution, msg.scale);
  $('first-round').hidden = !piece.first_distribution;
  $('first-round-title').textContent = T.firstRoundTitle;
  if (piece.first_distribution) distribution($('first-distribution'), piece.first_distribution, msg.scale);
}

function distribution(list, counts, scale) {
  list.replaceChildren(...counts.map((count, i) => {
    const li = document.createElement('li');
    const level = scale[i] ? scale[i].name : String(i + 1);
    li.textContent = T.revealRow(level, count);
    return li;
  }));
}

function buildScale(scale) {
  const box = $('scores');
  const buttons = [];
  for (let level = 1; level <= 5; level++) {
    const info = scale[level - 1] || { name: '', description: '' };
    buttons.push(scoreButton(level, String(level), info.name, info.description));
  }
  buttons.push(scoreButton(0, '–', T.pass, T.passHint));
  box.replaceChildren(...buttons);
}

function scoreButton(score, number, name, description) {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.score = String(score);
  b.setAttribute('aria-pressed', 'false');
  const n = document.createElement('span');
  n.className = 'n';
  n.textContent = number;
  n.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.textContent = name;
  b.append(n, label);
  b.setAttribute('aria-label', score ? `${score}: ${name}` : name);
  if (description) b.title = description;
  b.addEventListener('click', () => {
    chosen = score;
    for (const other of $('scores').querySelectorAll('button'))
      other.setAttribute('aria-pressed', String(other === b));
    $('send').disabled = false;
  });
  return b;
}

function send(obj) {
  if (socket && socket.readyState === 1) socket.send(JSON.stringify(obj));
}

document.addEventListener('DOMContentLoaded', () => {
  staticTexts();
  $('join').addEventListener('submit', event => {
    event.preventDefault();
    setError('');
    send({ type: 'join', name: $('name').value });
  });
  $('vote').addEventListener('submit', event => {
    event.preventDefault();
    if (!state || !state.piece || chosen === null) return;
    setError('');
    const vote = { type: 'vote', item: state.piece.id, score: chosen };
    // A pass clears the score with its reason, as on the laptop.
    if (reasonEdited() && chosen !== 0) {
      const reason = $('reason').value.trim();
      // Counted as the room counts (characters, not UTF-16 units). Too long
      // a reason stays in the box, uncut, with the message; the score goes.
      if ([...reason].length > reasonMax()) setError(errorText('reason-too-long'));
      else vote.reason = reason;
    }
    send(vote);
  });
  // A phone waking up: reconnect at once instead of waiting for the backoff.
  document.addEventListener('visibilitychange', () => { if (!document.hidden) connect(); });
  window.addEventListener('online', connect);
  connect();
});
