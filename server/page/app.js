// newsindex search page: all state lives in the URL; every value from the server is put into the
// page as text (textContent, setAttribute), never as HTML.
'use strict';

const PAGE = 10;
const FIELDS = { quelle: 'Quelle', kategorie: 'Kategorie', agentur: 'Agentur' };
const FACETS = { source: 'quelle', category: 'kategorie', agency: 'agentur' };
const FACET_TITLES = { source: 'Quelle', category: 'Kategorie', agency: 'Agentur', year: 'Jahr' };
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

function readState() {
  const p = new URLSearchParams(location.search);
  const s = { q: p.get('q') || '', since: p.get('since') || '', until: p.get('until') || '',
              sort: p.get('sort') || 'relevance', offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0) };
  for (const f of Object.keys(FIELDS)) s[f] = p.get(f) || '';
  return s;
}

function stateUrl(s) {
  const p = new URLSearchParams();
  for (const k of ['q', 'quelle', 'kategorie', 'agentur', 'since', 'until']) if (s[k]) p.set(k, s[k]);
  if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.offset) p.set('offset', String(s.offset));
  const qs = p.toString();
  return qs ? '/?' + qs : '/';
}

// The query sent to the API: the typed words plus the chosen filters in query syntax.
function apiQuery(s) {
  const parts = [s.q.trim()];
  for (const f of Object.keys(FIELDS)) if (s[f]) parts.push(f + ':' + (/[\s"()]/.test(s[f]) ? '"' + s[f].replace(/"/g, '') + '"' : s[f]));
  return parts.filter(Boolean).join(' ');
}

let state = readState();
let generation = 0;

function go(changes, push = true) {
  state = Object.assign({}, state, changes);
  if (!('offset' in changes)) state.offset = 0;
  if (push) history.pushState(null, '', stateUrl(state));
  render();
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// Text with [start,end) code-point ranges wrapped in <mark>.
function marked(text, ranges) {
  const cps = Array.from(text || '');
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [a, b] of (ranges || []).slice().sort((x, y) => x[0] - y[0])) {
    if (a < at || b <= a) continue;
    if (a > at) frag.append(cps.slice(at, a).join(''));
    frag.append(el('mark', {}, cps.slice(a, b).join('')));
    at = b;
  }
  if (at < cps.length) frag.append(cps.slice(at).join(''));
  return frag;
}

function germanDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

async function api(path, params) {
  const res = await fetch(path + '?' + new URLSearchParams(params).toString(), { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + res.status);
  return body;
}

function syncForm() {
  $('q').value = state.q;
  $('since').value = /^\d{4}-\d{2}-\d{2}$/.test(state.since) ? state.since : '';
  $('until').value = /^\d{4}-\d{2}-\d{2}$/.test(state.until) ? state.until : '';
  $('sort').value = state.sort;
  const chips = $('chips');
  chips.replaceChildren();
  const active = [];
  for (const [f, label] of Object.entries(FIELDS)) if (state[f]) active.push([f, `${label}: ${state[f]}`]);
  if (state.since || state.until) active.push(['dates', `Zeitraum: ${germanDate(state.since) || '…'} – ${germanDate(state.until) || '…'}`]);
  for (const [f, label] of active) {
    const b = el('button', { type: 'button', 'aria-label': `Filter entfernen: ${label}` }, label + ' ×');
    b.addEventListener('click', () => go(f === 'dates' ? { since: '', until: '' } : { [f]: '' }));
    const li = el('li');
    li.append(b);
    chips.append(li);
  }
  $('active-filters').hidden = active.length === 0;
}

function renderFacets(facets) {
  const box = $('facets');
  box.replaceChildren();
  for (const [name, values] of Object.entries(facets || {})) {
    const entries = Object.entries(values);
    if (!entries.length) continue;
    const sec = el('section', { class: 'box facet', 'data-facet': name });
    sec.append(el('h2', {}, FACET_TITLES[name] || name));
    const ul = el('ul');
    for (const [value, n] of entries.slice(0, 12)) {
      const b = el('button', { type: 'button', 'aria-label': `${FACET_TITLES[name] || name} ${value}: ${n} Treffer, als Filter setzen` });
      b.append(el('span', {}, value), el('span', { class: 'n' }, String(n)));
      b.addEventListener('click', () => {
        if (name === 'year') go({ since: `${value}-01-01`, until: `${value}-12-31` });
        else go({ [FACETS[name]]: value });
      });
      const li = el('li');
      li.append(b);
      ul.append(li);
    }
    sec.append(ul);
    box.append(sec);
  }
}

function renderTimeline(t) {
  const fig = $('timeline'), chart = $('chart');
  chart.replaceChildren();
  if (!t || !t.buckets || t.buckets.length < 2) { fig.hidden = true; return; }
  fig.hidden = false;
  const names = { day: 'Tag', week: 'Woche', month: 'Monat', year: 'Jahr' };
  $('timeline-caption').textContent = `Treffer je ${names[t.interval] || t.interval} – ein Balken filtert auf seinen Zeitraum`;
  const n = t.buckets.length, step = 10, h = 100;
  const max = Math.max(1, ...t.buckets.map((b) => b.count));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${n * step} ${h}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Zeitverlauf der Treffer');
  t.buckets.forEach((b, i) => {
    const bh = b.count ? Math.max(2, (b.count / max) * (h - 4)) : 0;
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('class', 'bar');
    r.setAttribute('x', String(i * step + 1));
    r.setAttribute('width', String(step - 2));
    r.setAttribute('y', String(h - bh));
    r.setAttribute('height', String(bh));
    r.setAttribute('data-key', b.key);
    if (b.count) {
      r.setAttribute('tabindex', '0');
      r.setAttribute('role', 'button');
      r.setAttribute('aria-label', `${b.key}: ${b.count} Treffer, auf diesen Zeitraum filtern`);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${b.key}: ${b.count} Treffer`;
      r.append(title);
      const pick = () => go({ since: b.from, until: b.to });
      r.addEventListener('click', pick);
      r.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
    }
    svg.append(r);
  });
  chart.append(svg);
  const axis = el('div', { class: 'hint' }, `${t.buckets[0].key} … ${t.buckets[n - 1].key}`);
  chart.append(axis);
}

function renderResults(r) {
  const list = $('results');
  list.replaceChildren();
  r.results.forEach((hit) => {
    const li = el('li', { class: 'hit' });
    const h = el('h3');
    const a = el('a', { href: /^https?:\/\//.test(hit.url) ? hit.url : '#', rel: 'noopener noreferrer' });
    a.append(marked(hit.title, hit.title_highlights));
    h.append(a);
    const meta = [germanDate(hit.date), hit.source, hit.category, hit.agency ? 'Agentur: ' + hit.agency : ''].filter(Boolean).join(' · ');
    li.append(h, el('div', { class: 'meta' }, meta));
    if (hit.duplicates && hit.duplicates.length)
      li.append(el('div', { class: 'copies' }, 'auch bei: ' + hit.duplicates.map((d) => d.source || d.id).join(', ')));
    const p = el('p', { class: 'snippet' });
    p.append(marked(hit.snippet, hit.highlights));
    li.append(p);
    list.append(li);
  });
  const q = apiQuery(state);
  const status = $('status');
  status.className = '';
  const from = r.total ? state.offset + 1 : 0, to = state.offset + r.results.length;
  // A large collapsed result set is counted by Xapian's estimate: bounds differ, say "etwa".
  const about = r.total_lower !== r.total_upper ? 'etwa ' : '';
  status.textContent = r.total
    ? `${about}${r.total.toLocaleString('de-DE')} Treffer für „${q}“, ${from}–${to}`
    : `Keine Treffer für „${q}“`;
  const sug = $('suggestion');
  sug.replaceChildren();
  sug.hidden = !r.suggestion;
  if (r.suggestion) {
    const link = el('a', { href: stateUrl(Object.assign({}, state, { q: r.suggestion, offset: 0 })) }, r.suggestion);
    link.addEventListener('click', (e) => { e.preventDefault(); go({ q: r.suggestion }); });
    sug.append('Meinten Sie: ', link);
  }
  $('pager').hidden = r.total <= PAGE;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = state.offset + PAGE >= r.total;
  $('page-info').textContent = `Seite ${Math.floor(state.offset / PAGE) + 1} von ${about}${Math.max(1, Math.ceil(r.total / PAGE))}`;
  renderFacets(r.facets);
}

async function render() {
  syncForm();
  const q = apiQuery(state);
  const mine = ++generation;
  if (!q) {
    $('results').replaceChildren();
    $('facets').replaceChildren();
    $('timeline').hidden = true;
    $('pager').hidden = true;
    $('suggestion').hidden = true;
    $('status').textContent = 'Suchbegriffe eingeben.';
    return;
  }
  const params = { q, limit: String(PAGE), offset: String(state.offset), sort: state.sort, facets: 'source,category,agency,year' };
  if (state.since) params.since = state.since;
  if (state.until) params.until = state.until;
  $('status').textContent = 'Suche läuft …';
  try {
    const tparams = { q };
    if (state.since) tparams.since = state.since;
    if (state.until) tparams.until = state.until;
    const [r, t] = await Promise.all([api('/api/search', params), api('/api/timeline', tparams).catch(() => null)]);
    if (mine !== generation) return;
    renderResults(r);
    renderTimeline(t);
    document.title = `${q} – newsindex`;
  } catch (err) {
    if (mine !== generation) return;
    $('results').replaceChildren();
    $('facets').replaceChildren();
    $('timeline').hidden = true;
    $('pager').hidden = true;
    $('status').className = 'error';
    $('status').textContent = 'Fehler: ' + err.message;
  }
}

let suggestTimer = 0;
function suggest() {
  clearTimeout(suggestTimer);
  const text = $('q').value;
  suggestTimer = setTimeout(async () => {
    const list = $('completions');
    if (text.trim().length < 2) { list.replaceChildren(); return; }
    try {
      const r = await api('/api/suggest', { q: text, limit: '8' });
      if ($('q').value !== text) return;
      list.replaceChildren(...r.completions.map((c) => el('option', { value: c.query }, `${c.word} (${c.articles})`)));
    } catch (_) { list.replaceChildren(); }
  }, 150);
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', (e) => { e.preventDefault(); go({ q: $('q').value }); });
  $('q').addEventListener('input', suggest);
  $('since').addEventListener('change', () => go({ since: $('since').value }));
  $('until').addEventListener('change', () => go({ until: $('until').value }));
  $('sort').addEventListener('change', () => go({ sort: $('sort').value }));
  $('prev').addEventListener('click', () => go({ offset: Math.max(0, state.offset - PAGE) }));
  $('next').addEventListener('click', () => go({ offset: state.offset + PAGE }));
  window.addEventListener('popstate', () => { state = readState(); render(); });
  render();
});
