'use strict';
// The page of `samsvar serve`: pick a role, open a template, an example or
// an upload, edit the case and see it checked as you type; the report, its
// buttons (go to a line, insert what decides a gap, preview and apply the
// repair), the rules, and the language. Talks only to the API (docs/api.md).

const TEXT = {
  nb: {
    tabCase: 'Sak', tabRules: 'Regler', startHeading: 'Hvem er du?',
    startLead: 'Velg rollen din, så får du en mal å begynne fra og eksemplene som passer.',
    roleProcurer: 'Innkjøper', roleProcurerText: 'Helseforetak, kommune eller fastlege som skriver et anbud',
    roleDirectorate: 'Direktoratet', roleDirectorateText: 'Standardiseringsarbeid: forslag til normerende produkter',
    roleVendor: 'Leverandør', roleVendorText: 'Produkterklæring eller tilbud på et anbud',
    fromTemplate: 'Begynn fra en mal', openTemplate: 'Åpne malen', openExample: 'Åpne et eksempel',
    uploadHeading: 'Last opp en sak', uploadCase: 'Sak (.case)', uploadTender: 'Anbudet tilbudet svarer på (.case)',
    newCase: 'Ny sak', download: 'Last ned', rulesHeading: 'Regler', searchRules: 'Søk i id, tittel, modul eller kilde',
    checking: 'Sjekker …', repairing: 'Finner den minste reparasjonen …', checked: 'Sjekket', badInput: 'Saken har feil; rett dem, så sjekkes den igjen',
    busy: 'Serveren er opptatt; prøver igjen …', failed: 'Sjekken feilet', tender: 'anbud',
    allHold: 'Alle må/skal-regler holder.', notAllHold: 'Ikke alle må/skal-regler holder ennå.',
    diffHeading: 'Endringene reparasjonen gjør', diffLine: 'linje', notApplied: 'endringer kan ikke gjøres i teksten (referansedata eller anbudet)',
    rulesShown: 'regler', ruleShown: 'regel', showExamples: 'Vis eksempler', sources: 'Kilder',
    error: 'feil', warning: 'advarsel', note: 'merknad',
    errorsHeading: 'Feil i saken',
  },
  en: {
    tabCase: 'Case', tabRules: 'Rules', startHeading: 'Who are you?',
    startLead: 'Pick your role to get a template to start from and the examples that fit.',
    roleProcurer: 'Procurer', roleProcurerText: 'Health trust, municipality or GP writing a tender',
    roleDirectorate: 'The directorate', roleDirectorateText: 'Standards work: proposals for normative products',
    roleVendor: 'Vendor', roleVendorText: 'Product declaration or an offer on a tender',
    fromTemplate: 'Start from a template', openTemplate: 'Open the template', openExample: 'Open an example',
    uploadHeading: 'Upload a case', uploadCase: 'Case (.case)', uploadTender: 'The tender the offer answers (.case)',
    newCase: 'New case', download: 'Download', rulesHeading: 'Rules', searchRules: 'Search id, title, module or source',
    checking: 'Checking …', repairing: 'Finding the smallest repair …', checked: 'Checked', badInput: 'The case has errors; fix them and it is checked again',
    busy: 'The server is busy; trying again …', failed: 'The check failed', tender: 'tender',
    allHold: 'Every må/skal rule holds.', notAllHold: 'Not every må/skal rule holds yet.',
    diffHeading: 'The changes the repair makes', diffLine: 'line', notApplied: 'changes cannot be made in the text (reference data or the tender)',
    rulesShown: 'rules', ruleShown: 'rule', showExamples: 'Show examples', sources: 'Sources',
    error: 'error', warning: 'warning', note: 'note',
    errorsHeading: 'Errors in the case',
  },
};

const state = {
  lang: 'nb', role: null, starts: null, vocabulary: null, words: null, rules: null,
  caseName: 'sak.case', tender: null, seq: 0, timer: null, last: null,
  repairing: false,  // a repair is being computed: one at a time per page
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key] || key;

function node(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined) n.textContent = text;
  return n;
}

async function api(path, body) {
  const sep = path.includes('?') ? '&' : '?';
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const res = await fetch(path + sep + 'lang=' + state.lang, init);
  const data = await res.json().catch(() => ({}));
  return { status: res.status, data };
}

// --- language ------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
  for (const b of document.querySelectorAll('.lang')) b.classList.toggle('active', b.dataset.lang === state.lang);
  document.body.dataset.lang = state.lang;
}

function setLanguage(lang) {
  state.lang = lang;
  applyLanguage();
  renderStarts();
  renderRules();
  if (!$('case').hidden) checkNow();
}

// --- panes and starts ----------------------------------------------------

function show(pane) {
  for (const id of ['start', 'case', 'rules']) $(id).hidden = id !== pane;
  for (const b of document.querySelectorAll('.tab')) {
    b.classList.toggle('active', b.dataset.tab === pane || (pane === 'start' && b.dataset.tab === 'case'));
  }
  document.body.dataset.pane = pane;
}

function pickRole(role) {
  state.role = role;
  for (const b of document.querySelectorAll('.role')) b.classList.toggle('active', b.dataset.role === role);
  $('role-starts').hidden = false;
  renderStarts();
}

function renderStarts() {
  if (!state.starts || !state.role) return;
  const template = state.starts.templates.find((s) => s.role === state.role);
  $('template-title').textContent = template ? template.title : '';
  $('template-button').dataset.name = template ? template.name : '';
  const items = state.starts.examples.filter((s) => s.role === state.role).map((s) => {
    const li = node('li');
    const b = node('button', 'example', s.title || s.name);
    b.type = 'button';
    b.dataset.name = s.name;
    b.addEventListener('click', () => openExample(s.name));
    li.append(b, node('span', 'hint', s.name));
    return li;
  });
  $('example-list').replaceChildren(...items);
  $('upload-tender-label').hidden = state.role !== 'vendor';
}

async function openExample(name) {
  const { status, data } = await api('/api/example?name=' + encodeURIComponent(name));
  if (status !== 200) return;
  openCase(data.name, data.text, data.tender || null);
}

function openCase(name, text, tender) {
  state.caseName = name;
  state.tender = tender;
  $('file-name').textContent = name;
  $('tender-name').textContent = tender ? t('tender') + ': ' + tender.name : '';
  editor.label(name);
  editor.text = text;
  state.last = null;
  $('diff').hidden = true;
  show('case');
  checkNow();
}

function readFile(input) {
  return new Promise((resolve) => {
    const f = input.files[0];
    if (!f) return resolve(null);
    const r = new FileReader();
    r.onload = () => resolve({ name: f.name, text: String(r.result) });
    r.readAsText(f);
  });
}

async function upload() {
  const c = await readFile($('upload-case'));
  if (!c) return;
  const tender = await readFile($('upload-tender'));
  openCase(c.name, c.text, tender);
}

// --- checking ------------------------------------------------------------

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(checkNow, 300);
}

function requestBody() {
  const body = { case: { name: state.caseName, text: editor.text } };
  if (state.tender) body.tender = state.tender;
  return body;
}

// A check answers in milliseconds; the smallest repair can take seconds. So
// every edit is checked at once, and the repair of the latest text follows
// in a second request, one at a time.
async function checkNow() {
  clearTimeout(state.timer);
  const seq = ++state.seq;
  setStatus(t('checking'), 'busy');
  const body = requestBody();
  let res;
  try {
    res = await api('/api/check', body);
  } catch (e) {
    if (seq === state.seq) setStatus(t('failed'), 'error');
    return;
  }
  if (seq !== state.seq) return;  // an older answer: a newer check is under way
  if (res.status === 503) {
    setStatus(t('busy'), 'busy');
    state.timer = setTimeout(checkNow, 1000);
    return;
  }
  if (res.status !== 200) {
    setStatus(res.data.error ? res.data.error.message : t('failed'), 'error');
    return;
  }
  showResult(res.data);
  if (res.data.status === 'checked' && !everyBindingRuleHolds(res.data.report)) repairLatest();
}

async function repairLatest() {
  if (state.repairing) return;  // it asks again for the latest text when it is done
  state.repairing = true;
  const seq = state.seq;
  setRepairState('pending');
  let res = null;
  try {
    res = await api('/api/repair', requestBody());
  } catch (e) {
    res = null;
  }
  state.repairing = false;
  if (seq !== state.seq) {
    // The text changed meanwhile: repair what is there now, if it still needs it.
    if (state.last && state.last.status === 'checked' && !everyBindingRuleHolds(state.last.report)) repairLatest();
    else setRepairState('done');
    return;
  }
  if (res && res.status === 200 && res.data.status === 'checked') showResult(res.data, { repaired: true });
  setRepairState(res && res.status === 200 ? 'done' : 'failed');
}

function setRepairState(kind) {
  document.body.dataset.repair = kind;
  const note = $('repair-status');
  note.hidden = kind !== 'pending';
  note.textContent = t('repairing');
}

function setStatus(text, kind) {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
  document.body.dataset.check = kind;
}

function showResult(r, { repaired = false } = {}) {
  state.last = r;
  // How many checks have been shown: what a test waits on after an edit.
  if (!repaired) document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
  const pane = $('report-pane');
  const scrolled = pane.scrollTop;
  editor.setMarks(r.marks || []);
  renderDiagnostics(r.diagnostics || [], r.status === 'bad_input');
  if (!repaired) $('diff').hidden = true;
  const banner = $('verdict-banner');
  if (r.status === 'bad_input') {
    setStatus(t('badInput'), 'error');
    banner.hidden = true;
    return;
  }
  $('report').replaceChildren(SamsvarView.build(r.view));
  // The repair arrives after the check: the reader keeps their place.
  if (repaired) pane.scrollTop = scrolled;
  const hold = everyBindingRuleHolds(r.report);
  banner.hidden = false;
  banner.className = 'banner ' + (hold ? 'hold' : 'open');
  banner.textContent = hold ? t('allHold') : t('notAllHold');
  banner.dataset.hold = String(hold);
  setStatus(t('checked') + ': ' + r.report.summary_text, hold ? 'hold' : 'open');
}

function everyBindingRuleHolds(report) {
  return !report.findings.some((f) => ['violated', 'gap', 'unknown'].includes(f.verdict)
    && ['må', 'skal'].includes(report.rules[f.rule].strength));
}

function renderDiagnostics(diags, bad) {
  const box = $('diagnostics');
  const shown = diags.filter((d) => bad || d.severity !== 'note');
  box.hidden = shown.length === 0;
  if (!shown.length) return box.replaceChildren();
  const list = node('ul');
  for (const d of shown) {
    const li = node('li', 'diagnostic ' + d.severity);
    if (d.location && d.location.file === state.caseName) {
      li.dataset.file = d.location.file;
      li.dataset.line = String(d.location.line);
    }
    const where = d.location ? d.location.file + ':' + d.location.line + ':' + d.location.column : '';
    li.append(node('span', 'loc', where), node('span', 'message', ' ' + t(d.severity) + ': ' + d.message));
    // The message as the terminal shows it: the line of the case and where in it.
    li.append(node('pre', 'rendered', d.rendered));
    list.append(li);
  }
  box.replaceChildren(node('h3', null, t('errorsHeading')), list);
  if (bad) $('report').replaceChildren();
}

// --- the report's buttons ------------------------------------------------

function onReportClick(e) {
  const button = e.target.closest('button[data-action]');
  if (button && state.last && state.last.actions) {
    const actions = state.last.actions;
    if (button.dataset.action === 'insert-gap') {
      const plan = actions.gaps[button.dataset.finding + '/' + button.dataset.gap];
      if (plan) editor.applyEdits(plan.edits);
      checkNow();
    } else if (button.dataset.action === 'preview-repair' && actions.repair) {
      showDiff(actions.repair);
    } else if (button.dataset.action === 'apply-repair' && actions.repair) {
      editor.text = actions.repair.text;
      checkNow();
    }
    return;
  }
  const located = e.target.closest('[data-line]');
  if (located && (!located.dataset.file || located.dataset.file === state.caseName)) {
    editor.goToLine(Number(located.dataset.line));
  }
}

function showDiff(repair) {
  const box = $('diff');
  const parts = [node('h3', null, t('diffHeading'))];
  for (const h of repair.diff) {
    const hunk = node('div', 'hunk');
    hunk.dataset.line = String(h.line);
    hunk.append(node('div', 'hunk-head', t('diffLine') + ' ' + h.line));
    for (const l of h.removed) hunk.append(node('div', 'del', '− ' + l));
    for (const l of h.added) hunk.append(node('div', 'add', '+ ' + l));
    parts.push(hunk);
  }
  if (repair.not_applied) parts.push(node('p', 'hint', repair.not_applied + ' ' + t('notApplied')));
  box.replaceChildren(...parts);
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

function download() {
  const blob = new Blob([editor.text], { type: 'text/plain;charset=utf-8' });
  const a = node('a');
  a.href = URL.createObjectURL(blob);
  a.download = state.caseName.split('/').pop();
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// --- rules ---------------------------------------------------------------

async function loadRules() {
  if (state.rules) return;
  const { status, data } = await api('/api/rules');
  if (status === 200) state.rules = data.rules;
  renderRules();
}

function renderRules() {
  if (!state.rules) return;
  const q = $('rule-search').value.trim().toLowerCase();
  const lang = state.lang;
  const shown = state.rules.filter((r) => !q || [r.id, r.title[lang], r.module, ...r.sources.map((s) => s.text[lang])]
    .some((s) => (s || '').toLowerCase().includes(q)));
  $('rule-count').textContent = shown.length + ' ' + t(shown.length === 1 ? 'ruleShown' : 'rulesShown');
  const items = shown.slice(0, 400).map((r) => {
    const li = node('li', 'rule');
    li.dataset.rule = r.id;
    const head = node('button', 'rule-head');
    head.type = 'button';
    const badge = node('span', 'badge ' + { 'må': 'maa', 'skal': 'skal', 'bør': 'boer', 'kan': 'kan' }[r.strength], r.strength);
    head.append(badge, node('span', 'rule-id', ' ' + r.id + ' '), node('span', 'title', r.title[lang]),
      node('span', 'module', r.module));
    const body = node('div', 'rule-body');
    body.hidden = true;
    head.addEventListener('click', () => { body.hidden = !body.hidden; if (!body.hidden) fillRule(body, r); });
    li.append(head, body);
    return li;
  });
  $('rule-list').replaceChildren(...items);
}

function fillRule(body, r) {
  const lang = state.lang;
  const sources = node('ul', 'sources');
  for (const s of r.sources) sources.append(node('li', null, s.text[lang]));
  const explain = node('button', 'explain', t('showExamples'));
  explain.type = 'button';
  const out = node('pre', 'explanation');
  out.hidden = true;
  explain.addEventListener('click', async () => {
    out.hidden = false;
    out.textContent = '…';
    const { status, data } = await api('/api/explain?rule=' + encodeURIComponent(r.id));
    out.textContent = status === 200 ? data.text : (data.error ? data.error.message : String(status));
  });
  body.replaceChildren(node('p', 'message', r.message[lang]), node('p', 'meaning', r.strength + ': ' + r.meaning[lang]),
    node('h4', null, t('sources')), sources, explain, out);
}

// --- vocabulary for the editor --------------------------------------------

function wordsOf(v) {
  const names = [];
  const attributesOf = {};
  const types = new Set();
  const values = new Set();
  for (const ty of v.types) {
    names.push({ name: ty.name, kind: 'type' });
    types.add(ty.name);
    attributesOf[ty.name] = ty.attributes.map((a) => ({ name: a.name, kind: a.type }));
  }
  for (const e of v.enums) for (const val of e.values) { names.push({ name: val, kind: e.name }); values.add(val); }
  for (const ty of v.types) for (const a of ty.attributes) names.push({ name: a.name, kind: ty.name + '.' + a.name });
  for (const i of v.instances) names.push({ name: i.name, kind: i.type });
  for (const r of v.rules) names.push({ name: r, kind: 'rule' });
  for (const k of v.keywords) names.push({ name: k, kind: '' });
  return { names, attributesOf, types, values };
}

const emptyWords = { names: [], attributesOf: {}, types: new Set(), values: new Set() };
const editor = new SamsvarEditor($('editor'), { onChange: scheduleCheck, words: () => state.words || emptyWords });

async function start() {
  applyLanguage();
  show('start');
  for (const b of document.querySelectorAll('.lang')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  for (const b of document.querySelectorAll('.role')) b.addEventListener('click', () => pickRole(b.dataset.role));
  for (const b of document.querySelectorAll('.tab')) {
    b.addEventListener('click', () => {
      if (b.dataset.tab === 'rules') { show('rules'); loadRules(); } else show(state.last || editor.text ? 'case' : 'start');
    });
  }
  $('template-button').addEventListener('click', () => openExample($('template-button').dataset.name));
  $('upload-case').addEventListener('change', upload);
  $('new-case').addEventListener('click', () => show('start'));
  $('download').addEventListener('click', download);
  $('report-pane').addEventListener('click', onReportClick);
  $('rule-search').addEventListener('input', renderRules);
  const [info, starts, vocabulary] = await Promise.all([api('/api/info'), api('/api/starts'), api('/api/vocabulary')]);
  SamsvarView.allow(info.data.view);
  state.starts = starts.data;
  state.words = wordsOf(vocabulary.data);
  renderStarts();
  document.body.dataset.ready = 'true';
}

start();
