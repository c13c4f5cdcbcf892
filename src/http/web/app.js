// cramplab's page script.  The case form posts to /report as an ordinary
// form; this script only helps fill it: food suggestions as you type in the
// diary (and how the line will be read), a unit picker that follows the lab
// test, and more rows for sessions and results.  Below the form, a food
// look-up shows one food's nutrients.  Every piece of text from the server
// or the user goes into the page through textContent, never innerHTML, so a
// food name or a query cannot become markup.  No framework, nothing loaded
// from elsewhere.
'use strict';

(function () {
  const DEBOUNCE_MS = 150;
  const SUGGEST_LIMIT = 8;

  // The nutrients that matter for cramps come first in the look-up; the rest
  // are under "All nutrients".  Labels for other keys come from the key.
  const KEY_NUTRIENTS = [
    ['energy_kcal', 'Energy'], ['water_g', 'Water'], ['magnesium_mg', 'Magnesium'],
    ['potassium_mg', 'Potassium'], ['calcium_mg', 'Calcium'], ['sodium_mg', 'Sodium'],
    ['iron_mg', 'Iron'], ['vitamin_d_ug', 'Vitamin D'], ['vitamin_b12_ug', 'Vitamin B12'],
    ['thiamin_mg', 'Thiamin (B1)'], ['omega3_g', 'Omega-3 fats'],
  ];
  const UNITS = { g: 'g', mg: 'mg', ug: 'µg', kcal: 'kcal', iu: 'IU' };

  // The amount at the start of a diary line ("2", "1/2 cup", "a glass of",
  // "150 g"): kept when a suggestion replaces the food words after it.
  const AMOUNT = new RegExp(
    '^\\s*((?:\\d+(?:[.,]\\d+)?(?:\\s*/\\s*\\d+)?|[½¼¾⅓⅔]|an?|one|two|three|four|half(?:\\s+an?)?)\\s*' +
    '(?:x\\s*)?(?:(?:g|kg|mg|oz|lb|ml|cl|dl|l|cups?|tbsp|tsp|fl\\s*oz|pints?|slices?|pieces?|' +
    'medium|large|small|glass(?:es)?|mugs?|bowls?|handfuls?|cans?|containers?)\\b\\.?\\s*)?' +
    '(?:of\\s+)?)', 'i');
  const DATE_LINE = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

  const $ = (id) => document.getElementById(id);

  // Fetch JSON; an API error answers {"error": message}, which we throw.
  async function fetchJSON(url, options) {
    const res = await fetch(url, Object.assign({ headers: { Accept: 'application/json' } }, options));
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) throw new Error((body && body.error) || ('the server answered ' + res.status));
    return body;
  }

  // A list of suggestions under a text field, driven by the keyboard or the
  // mouse.  source(field) says what to search for (or null); pick(hit) acts.
  function combobox(field, list, status, source, pick) {
    let timer = 0, inflight = null, hits = [], active = -1;

    function setStatus(text, isError) {
      status.textContent = text;
      status.classList.toggle('error', !!isError);
    }
    function show(results) {
      hits = results;
      active = -1;
      list.replaceChildren();
      results.forEach((hit, i) => {
        const li = document.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = hit.name;
        const ndb = document.createElement('span');
        ndb.className = 'ndb';
        ndb.textContent = hit.ndb;
        li.appendChild(ndb);
        li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      field.setAttribute('aria-expanded', results.length ? 'true' : 'false');
      if (!results.length) field.removeAttribute('aria-activedescendant');
    }
    function highlight(i) {
      const items = list.children;
      if (active >= 0 && items[active]) items[active].setAttribute('aria-selected', 'false');
      active = i;
      if (active >= 0 && items[active]) {
        items[active].setAttribute('aria-selected', 'true');
        items[active].scrollIntoView({ block: 'nearest' });
        field.setAttribute('aria-activedescendant', items[active].id);
      }
    }
    function choose(i) {
      const hit = hits[i];
      if (!hit) return;
      show([]);
      pick(hit, setStatus);
    }
    async function suggest() {
      const q = source(field);
      if (inflight) inflight.abort();
      if (!q) { show([]); return; }
      inflight = new AbortController();
      try {
        const url = '/api/food/search?q=' + encodeURIComponent(q) + '&limit=' + SUGGEST_LIMIT;
        const doc = await fetchJSON(url, { signal: inflight.signal });
        show(doc.results);
        if (!doc.results.length) setStatus('No food matches “' + q + '”.');
      } catch (e) {
        if (e.name === 'AbortError') return;
        show([]);
        setStatus(e.message, true);
      }
    }
    field.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, DEBOUNCE_MS);
    });
    field.addEventListener('keydown', (ev) => {
      if (list.hidden) return;
      if (ev.key === 'ArrowDown') { ev.preventDefault(); highlight(Math.min(active + 1, hits.length - 1)); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (ev.key === 'Enter' && active >= 0) { ev.preventDefault(); choose(active); }
      else if (ev.key === 'Escape') { ev.preventDefault(); show([]); }
    });
    field.addEventListener('blur', () => setTimeout(() => show([]), 150));
    return { suggest, setStatus };
  }

  // ---- the diary: suggestions for the line the caret is on -------------

  const diary = $('diary');

  function currentLine() {
    const text = diary.value, at = diary.selectionStart;
    const start = text.lastIndexOf('\n', at - 1) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    return { start, end, line: text.slice(start, end) };
  }

  function diaryQuery() {
    const { line } = currentLine();
    if (DATE_LINE.test(line) || /^\s*#/.test(line)) return null;
    const m = AMOUNT.exec(line);
    const words = line.slice(m ? m[0].length : 0).replace(/#.*/, '').trim();
    return /[a-zA-Z\u00C0-\u024F]{2}/.test(words) ? words : null;
  }

  let parseTimer = 0;
  // Say how the server reads the line (the food, and the grams).
  function explainLine(setStatus) {
    clearTimeout(parseTimer);
    parseTimer = setTimeout(async () => {
      const { line } = currentLine();
      if (!line.trim() || DATE_LINE.test(line) || /^\s*#/.test(line)) { setStatus(''); return; }
      try {
        const doc = await fetchJSON('/api/parse', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ line }),
        });
        const grams = typeof doc.grams === 'number' ? ', ' + Math.round(doc.grams) + ' g' : '';
        setStatus('“' + line.trim() + '” reads as ' + (doc.name || doc.food && doc.food.name || 'a food') + grams + '.');
      } catch (e) {
        setStatus('“' + line.trim() + '”: ' + e.message, true);
      }
    }, 400);
  }

  const diaryBox = combobox(diary, $('food-suggestions'), $('food-status'), diaryQuery,
    (hit, setStatus) => {
      // Keep the amount, replace the food words with the chosen food's name.
      const { start, end, line } = currentLine();
      const m = AMOUNT.exec(line);
      const amount = m ? m[0].replace(/\s*$/, ' ') : '';
      const next = (amount.trim() ? amount : '') + hit.name;
      diary.value = diary.value.slice(0, start) + next + diary.value.slice(end);
      const caret = start + next.length;
      diary.setSelectionRange(caret, caret);
      diary.focus();
      explainLine(setStatus);
    });
  diary.addEventListener('input', () => explainLine(diaryBox.setStatus));

  // ---- labs: the unit picker follows the test --------------------------

  function syncUnits(row) {
    const test = row.querySelector('select[name="lab_test"]');
    const unit = row.querySelector('select[name="lab_unit"]');
    const units = (test.selectedOptions[0] && test.selectedOptions[0].dataset.units || '').split(' ');
    const keep = unit.value;
    unit.replaceChildren();
    for (const u of units) {
      if (!u) continue;
      const o = document.createElement('option');
      o.value = u;
      o.textContent = u;
      unit.appendChild(o);
    }
    if (units.includes(keep)) unit.value = keep;
  }
  $('labs').addEventListener('change', (ev) => {
    if (ev.target.name === 'lab_test') syncUnits(ev.target.closest('.lab'));
  });
  document.querySelectorAll('.lab').forEach(syncUnits);

  // ---- more rows -------------------------------------------------------

  document.querySelectorAll('button[data-clone]').forEach((button) => {
    button.addEventListener('click', () => {
      const box = $(button.dataset.clone);
      const row = box.firstElementChild.cloneNode(true);
      row.querySelectorAll('input').forEach((i) => { i.value = ''; });
      box.appendChild(row);
      if (row.classList.contains('lab')) syncUnits(row);
      const first = row.querySelector('input, select');
      if (first) first.focus();
    });
  });

  // ---- the food look-up ------------------------------------------------

  function splitKey(key) {
    const i = key.lastIndexOf('_');
    const unit = UNITS[key.slice(i + 1)] || key.slice(i + 1);
    const words = key.slice(0, i).replace(/_/g, ' ');
    return { label: words.charAt(0).toUpperCase() + words.slice(1), unit };
  }

  function formatAmount(value, unit) {
    if (value === null || value === undefined) return null;
    const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
    return value.toLocaleString(undefined, { maximumFractionDigits: digits }) + ' ' + unit;
  }

  function addRow(tbody, label, amount) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    const td = document.createElement('td');
    td.className = 'num';
    if (amount === null) {
      td.textContent = 'unknown';
      td.classList.add('unknown');
    } else {
      td.textContent = amount;
    }
    tr.append(th, td);
    tbody.appendChild(tr);
  }

  function showFood(food) {
    $('detail-title').textContent = food.name;
    $('detail-group').textContent =
      'USDA ' + food.ndb + (food.group_name ? ' · ' + food.group_name : '');
    const keyBody = $('detail-key').tBodies[0];
    const allBody = $('detail-all').tBodies[0];
    keyBody.replaceChildren();
    allBody.replaceChildren();
    const shown = new Set();
    for (const [key, label] of KEY_NUTRIENTS) {
      if (!(key in food.per_100g)) continue;
      shown.add(key);
      addRow(keyBody, label, formatAmount(food.per_100g[key], splitKey(key).unit));
    }
    for (const key of Object.keys(food.per_100g)) {
      if (shown.has(key)) continue;
      const k = splitKey(key);
      addRow(allBody, k.label, formatAmount(food.per_100g[key], k.unit));
    }
    const ul = $('detail-measures');
    ul.replaceChildren();
    if (!food.measures.length) {
      const li = document.createElement('li');
      li.textContent = 'None in the source; use grams.';
      ul.appendChild(li);
    }
    for (const m of food.measures) {
      const li = document.createElement('li');
      li.textContent = m.amount + ' ' + m.name + ' = ' + m.grams + ' g';
      ul.appendChild(li);
    }
    $('detail-card').hidden = false;
  }

  const lookup = $('food-q');
  const lookupBox = combobox(lookup, $('lookup-suggestions'), $('lookup-status'),
    (field) => field.value.trim() || null,
    async (hit, setStatus) => {
      lookup.value = hit.name;
      setStatus('Loading…');
      try {
        showFood(await fetchJSON('/api/food/' + encodeURIComponent(hit.ndb)));
        setStatus('');
      } catch (e) {
        setStatus(e.message, true);
      }
    });

  // The cramp log: episodes and diary days go to the history file through
  // the JSON API; the summary line is read back after each change.
  const historyStatus = $('history-status');
  function setHistoryStatus(text, isError) {
    historyStatus.textContent = text;
    historyStatus.classList.toggle('error', !!isError);
  }
  async function showSummary() {
    const out = $('history-summary');
    try {
      const s = await fetchJSON('/api/history/summary?weeks=4');
      const c = s.cramps;
      out.textContent = 'From ' + s.from + ' to ' + s.to + ': ' + c.episodes + ' cramp' +
        (c.episodes === 1 ? '' : 's') + ', ' + c.per_week.toFixed(1) + ' a week (at night ' + c.night +
        ', during exercise ' + c.exercise + ', at rest ' + c.rest + '); ' + s.days + ' diary day' +
        (s.days === 1 ? '' : 's') + ' saved.' +
        (c.per_week >= 3 ? ' Three or more a week is frequent enough to look for a cause.' : '');
    } catch (e) {
      out.textContent = /empty/.test(e.message) ? 'Nothing saved yet.' : e.message;
    }
  }
  $('cramp-date').value = new Date().toISOString().slice(0, 10);
  $('cramp-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const episode = { date: $('cramp-date').value, context: $('cramp-context').value };
    const text = { time: 'cramp-time', muscle: 'cramp-muscle', side: 'cramp-side', note: 'cramp-note' };
    for (const [key, id] of Object.entries(text)) {
      const v = $(id).value.trim();
      if (v) episode[key] = v;
    }
    if ($('cramp-severity').value !== '') episode.severity = parseInt($('cramp-severity').value, 10);
    if ($('cramp-minutes').value !== '') episode.minutes = parseFloat($('cramp-minutes').value);
    try {
      const r = await fetchJSON('/api/history/cramp', {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(episode),
      });
      setHistoryStatus('Saved cramp #' + r.id + '.');
      showSummary();
    } catch (e) {
      setHistoryStatus(e.message, true);
    }
  });
  $('diary-save').addEventListener('click', async () => {
    let diary = $('diary').value;
    if (!diary.trim()) { setHistoryStatus('The diary above is empty.', true); return; }
    // As in the report, lines before any date are today's.
    const first = diary.split('\n').find((l) => l.trim() && !/^\s*#/.test(l));
    if (first && !DATE_LINE.test(first)) diary = new Date().toISOString().slice(0, 10) + '\n' + diary;
    try {
      const r = await fetchJSON('/api/history/days', { method: 'POST', body: diary });
      setHistoryStatus('Saved ' + r.added + ' day' + (r.added === 1 ? '' : 's') + ' of the diary.');
      showSummary();
    } catch (e) {
      setHistoryStatus(e.message, true);
    }
  });
  showSummary();

  // Let a link or a test open a food or start a search: /#food=09040, /#q=banana.
  const food = /^#food=(\d{1,5})$/.exec(location.hash);
  const query = /^#q=(.{1,200})$/.exec(location.hash);
  if (food) {
    fetchJSON('/api/food/' + food[1]).then(showFood).catch((e) => lookupBox.setStatus(e.message, true));
  } else if (query) {
    try { lookup.value = decodeURIComponent(query[1]); } catch (e) { lookup.value = ''; }
    lookupBox.suggest();
  }
})();
