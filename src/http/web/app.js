// cramplab's page script: food suggestions as you type and a food's
// nutrients.  Every piece of text from the server or the user goes into
// the page through textContent, never innerHTML, so a food name or a query
// cannot become markup.  No framework and nothing loaded from elsewhere.
'use strict';

(function () {
  const DEBOUNCE_MS = 150;
  const SUGGEST_LIMIT = 12;

  // The nutrients that matter for cramps come first; the rest are under
  // "All nutrients".  Labels for other keys are derived from the key.
  const KEY_NUTRIENTS = [
    ['energy_kcal', 'Energy'], ['water_g', 'Water'], ['magnesium_mg', 'Magnesium'],
    ['potassium_mg', 'Potassium'], ['calcium_mg', 'Calcium'], ['sodium_mg', 'Sodium'],
    ['iron_mg', 'Iron'], ['vitamin_d_ug', 'Vitamin D'], ['vitamin_b12_ug', 'Vitamin B12'],
    ['thiamin_mg', 'Thiamin (B1)'], ['omega3_g', 'Omega-3 fats'],
  ];
  const UNITS = { g: 'g', mg: 'mg', ug: 'µg', kcal: 'kcal', iu: 'IU' };

  const $ = (id) => document.getElementById(id);
  const input = $('food-q');
  const list = $('food-suggestions');
  const status = $('food-status');

  let timer = 0;
  let inflight = null;
  let hits = [];
  let active = -1;

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', !!isError);
  }

  // Fetch JSON; an API error answers {"error": message}, which we throw.
  async function getJSON(url, signal) {
    const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) throw new Error((body && body.error) || ('the server answered ' + res.status));
    return body;
  }

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

  function showSuggestions(results) {
    hits = results;
    active = -1;
    list.replaceChildren();
    results.forEach((hit, i) => {
      const li = document.createElement('li');
      li.id = 'food-opt-' + i;
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
    input.setAttribute('aria-expanded', results.length ? 'true' : 'false');
  }

  function highlight(i) {
    const items = list.children;
    if (active >= 0 && items[active]) items[active].setAttribute('aria-selected', 'false');
    active = i;
    if (active >= 0 && items[active]) {
      items[active].setAttribute('aria-selected', 'true');
      items[active].scrollIntoView({ block: 'nearest' });
      input.setAttribute('aria-activedescendant', items[active].id);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  async function suggest() {
    const q = input.value.trim();
    if (inflight) inflight.abort();
    if (!q) { showSuggestions([]); setStatus(''); return; }
    inflight = new AbortController();
    try {
      const url = '/api/food/search?q=' + encodeURIComponent(q) + '&limit=' + SUGGEST_LIMIT;
      const doc = await getJSON(url, inflight.signal);
      showSuggestions(doc.results);
      setStatus(doc.results.length ? '' : 'No food matches “' + q + '”.');
    } catch (e) {
      if (e.name === 'AbortError') return;
      showSuggestions([]);
      setStatus(e.message, true);
    }
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

  async function choose(i) {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.name;
    showSuggestions([]);
    setStatus('Loading…');
    try {
      showFood(await getJSON('/api/food/' + encodeURIComponent(hit.ndb)));
      setStatus('');
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (ev) => {
    if (list.hidden) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); highlight(Math.min(active + 1, hits.length - 1)); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (ev.key === 'Enter' && active >= 0) { ev.preventDefault(); choose(active); }
    else if (ev.key === 'Escape') { showSuggestions([]); }
  });
  input.addEventListener('blur', () => setTimeout(() => showSuggestions([]), 100));

  // Let a link or a test open a food or start a search: /#food=09040, /#q=banana.
  const food = /^#food=(\d{1,5})$/.exec(location.hash);
  const query = /^#q=(.{1,200})$/.exec(location.hash);
  if (food) {
    getJSON('/api/food/' + food[1]).then(showFood).catch((e) => setStatus(e.message, true));
  } else if (query) {
    try { input.value = decodeURIComponent(query[1]); } catch (e) { input.value = ''; }
    suggest();
  }
})();
