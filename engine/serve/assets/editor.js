'use strict';
// The case editor: a textarea over a highlighted copy of its text, with line
// numbers and marks in the margin, and completion of the vocabulary's names.
// Plain DOM, no framework; the text is only ever set with textContent.
class SamsvarEditor {
  constructor(host, { onChange, words }) {
    this.onChange = onChange;
    this.words = words;          // () => {names: [...], attributesOf: {Type: [...]}}
    this.marks = new Map();      // line → [{kind, text}]
    this.host = host;
    this.scroll = el('div', 'editor-scroll');
    this.gutter = el('div', 'gutter');
    this.code = el('div', 'code');
    this.layer = el('pre', 'highlight');
    this.layer.setAttribute('aria-hidden', 'true');
    this.input = document.createElement('textarea');
    this.input.className = 'input';
    this.input.spellcheck = false;
    this.input.setAttribute('wrap', 'off');
    this.input.setAttribute('autocapitalize', 'off');
    this.input.setAttribute('autocomplete', 'off');
    this.popup = el('ul', 'completion');
    this.popup.hidden = true;
    this.code.append(this.layer, this.input);
    this.scroll.append(this.gutter, this.code);
    host.append(this.scroll, this.popup);
    this.choices = [];
    this.chosen = 0;
    this.input.addEventListener('input', () => { this.render(); this.complete(); this.onChange(); });
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.closePopup(), 150));
    this.input.addEventListener('click', () => this.closePopup());
  }

  get text() { return this.input.value; }

  set text(value) {
    // One line-end convention, and no byte-order mark: offsets of the server's edits are of this text.
    this.input.value = value.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    this.render();
  }

  label(name) { this.input.setAttribute('aria-label', name); }

  setMarks(marks) {
    this.marks = new Map();
    for (const m of marks) {
      if (!this.marks.has(m.line)) this.marks.set(m.line, []);
      this.marks.get(m.line).push(m);
    }
    this.render();
  }

  /// The line of the caret (1-based).
  caretLine() { return this.input.value.slice(0, this.input.selectionStart).split('\n').length; }

  /// Selects line `n`, scrolls it into view and flashes it.
  goToLine(n) {
    const lines = this.input.value.split('\n');
    const line = Math.max(1, Math.min(n, lines.length));
    let start = 0;
    for (let i = 0; i < line - 1; i++) start += lines[i].length + 1;
    this.input.focus({ preventScroll: true });
    this.input.setSelectionRange(start, start + lines[line - 1].length);
    const h = this.lineHeight();
    this.scroll.scrollTop = Math.max(0, (line - 1) * h - this.scroll.clientHeight / 3);
    this.scroll.scrollLeft = 0;
    for (const node of this.host.querySelectorAll('.flash')) node.classList.remove('flash');
    const row = this.layer.children[line - 1];
    const num = this.gutter.children[line - 1];
    if (row) row.classList.add('flash');
    if (num) num.classList.add('flash');
    this.host.dataset.line = String(line);
  }

  /// Replaces [from, to) (UTF-16 offsets) with `text` for each edit, from the last.
  applyEdits(edits) {
    let value = this.input.value;
    const sorted = edits.map((e, i) => [e, i]).sort((a, b) => b[0].from - a[0].from || b[1] - a[1]);
    for (const [e] of sorted) value = value.slice(0, e.from) + e.text + value.slice(e.to);
    this.input.value = value;
    this.render();
    this.onChange();
  }

  lineHeight() {
    const row = this.layer.firstChild;
    return row ? row.getBoundingClientRect().height || 20 : 20;
  }

  render() {
    const lines = this.input.value.split('\n');
    const words = this.words();
    const rows = [];
    const numbers = [];
    let inComment = false;
    lines.forEach((line, i) => {
      const row = el('div', 'row');
      inComment = highlight(line, row, words, inComment);
      const num = el('div', 'num');
      num.dataset.line = String(i + 1);
      num.textContent = String(i + 1);
      const marks = this.marks.get(i + 1);
      if (marks) {
        const kinds = [...new Set(marks.map((m) => m.kind))];
        for (const k of kinds) { num.classList.add('mark-' + k); row.classList.add('mark-' + k); }
        num.title = marks.map((m) => m.text).join('\n');
      }
      rows.push(row);
      numbers.push(num);
    });
    this.layer.replaceChildren(...rows);
    this.gutter.replaceChildren(...numbers);
    // The textarea as large as its text, so the one scroll box moves all three.
    this.input.style.height = '0px';
    this.input.style.width = '0px';
    this.input.style.height = Math.max(this.input.scrollHeight, this.layer.scrollHeight) + 'px';
    this.input.style.width = Math.max(this.input.scrollWidth, this.code.clientWidth) + 'px';
  }

  // --- completion ------------------------------------------------------

  prefix() {
    const before = this.input.value.slice(0, this.input.selectionStart);
    const m = before.match(/[\p{L}_][\p{L}\p{N}_-]*$/u);
    return m ? m[0] : '';
  }

  /// The type of the instance whose braces hold the caret, if any.
  enclosingType() {
    const before = this.input.value.slice(0, this.input.selectionStart);
    const open = before.lastIndexOf('{'), close = before.lastIndexOf('}');
    if (open < 0 || close > open) return null;
    const m = before.slice(0, open).match(/:\s*([\p{L}_][\p{L}\p{N}_]*)\s*$/u);
    return m ? m[1] : null;
  }

  complete() {
    const prefix = this.prefix();
    if (prefix.length < 2) return this.closePopup();
    const words = this.words();
    const type = this.enclosingType();
    const first = type && words.attributesOf[type] ? words.attributesOf[type] : [];
    const seen = new Set();
    const choices = [];
    const lower = prefix.toLowerCase();
    for (const w of [...first, ...words.names, ...declaredNames(this.input.value)]) {
      if (seen.has(w.name) || w.name === prefix || !w.name.toLowerCase().startsWith(lower)) continue;
      seen.add(w.name);
      choices.push(w);
      if (choices.length >= 12) break;
    }
    if (!choices.length) return this.closePopup();
    this.choices = choices;
    this.chosen = 0;
    this.showPopup();
  }

  showPopup() {
    const items = this.choices.map((c, i) => {
      const li = el('li', i === this.chosen ? 'chosen' : '');
      const name = el('span', 'name');
      name.textContent = c.name;
      const kind = el('span', 'kind');
      kind.textContent = c.kind;
      li.append(name, kind);
      li.addEventListener('mousedown', (e) => { e.preventDefault(); this.chosen = i; this.accept(); });
      return li;
    });
    this.popup.replaceChildren(...items);
    // Under the caret: its line and column in the monospaced text.
    const before = this.input.value.slice(0, this.input.selectionStart).split('\n');
    const h = this.lineHeight();
    const cw = charWidth(this.layer);
    const top = before.length * h - this.scroll.scrollTop + 6;
    const left = this.gutter.offsetWidth + before[before.length - 1].length * cw - this.scroll.scrollLeft;
    this.popup.style.top = Math.max(0, top) + 'px';
    this.popup.style.left = Math.max(0, Math.min(left, this.host.clientWidth - 220)) + 'px';
    this.popup.hidden = false;
  }

  closePopup() { this.popup.hidden = true; this.choices = []; }

  accept() {
    const c = this.choices[this.chosen];
    if (!c) return;
    const at = this.input.selectionStart;
    const prefix = this.prefix();
    this.input.setRangeText(c.name, at - prefix.length, at, 'end');
    this.closePopup();
    this.render();
    this.onChange();
  }

  key(e) {
    if (this.popup.hidden) {
      if (e.key === 'Tab' && !e.shiftKey) {
        e.preventDefault();
        this.input.setRangeText('  ', this.input.selectionStart, this.input.selectionEnd, 'end');
        this.render();
        this.onChange();
      }
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = this.choices.length;
      this.chosen = (this.chosen + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.showPopup();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      this.accept();
    } else if (e.key === 'Escape') {
      this.closePopup();
    }
  }
}

function el(tag, cls) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  return node;
}

function charWidth(layer) {
  const probe = el('span');
  probe.textContent = 'x'.repeat(40);
  layer.appendChild(probe);
  const w = probe.getBoundingClientRect().width / 40 || 8;
  probe.remove();
  return w;
}

/// Names the case itself declares (instances), for completion.
function declaredNames(text) {
  const out = [];
  for (const m of text.matchAll(/^\s*([\p{L}_][\p{L}\p{N}_]*)\s*:\s*[\p{L}_]/gmu)) out.push({ name: m[1], kind: 'instance' });
  return out;
}

const KEYWORDS = new Set(['module', 'import', 'case', 'uses', 'enum', 'ordered', 'type', 'set', 'rule', 'for', 'when',
  'require', 'in', 'not', 'and', 'or', 'implies', 'exists', 'forall', 'true', 'false', 'deviation', 'exemption',
  'against', 'title', 'message', 'source', 'section', 'quote', 'nb', 'en', 'because', 'basis']);
const STRENGTHS = new Set(['må', 'maa', 'skal', 'bør', 'boer', 'kan']);
const TOKEN = /(\/\/.*$)|(\/\*)|("(?:[^"\\]|\\.)*"?)|(\b\d{4}-\d{2}-\d{2}\b)|(\b\d+\b)|([\p{L}_][\p{L}\p{N}_-]*)|(\s+)|(.)/uy;

/// Appends the highlighted tokens of one line to `row`; returns whether a
/// block comment is still open at its end.
function highlight(line, row, words, inComment) {
  let at = 0;
  const push = (text, cls) => {
    const span = el('span', cls);
    span.textContent = text;
    row.appendChild(span);
  };
  if (inComment) {
    const end = line.indexOf('*/');
    if (end < 0) { push(line || '\u200b', 'tok-comment'); return true; }
    push(line.slice(0, end + 2), 'tok-comment');
    at = end + 2;
  }
  TOKEN.lastIndex = at;
  while (TOKEN.lastIndex < line.length) {
    const m = TOKEN.exec(line);
    if (!m) break;
    const [text, comment, blockOpen, str, date, num, word] = m;
    if (comment) push(text, 'tok-comment');
    else if (blockOpen) {
      const end = line.indexOf('*/', TOKEN.lastIndex);
      if (end < 0) { push(line.slice(m.index), 'tok-comment'); return true; }
      push(line.slice(m.index, end + 2), 'tok-comment');
      TOKEN.lastIndex = end + 2;
    } else if (str) push(text, 'tok-string');
    else if (date) push(text, 'tok-date');
    else if (num) push(text, 'tok-number');
    else if (word) {
      const cls = KEYWORDS.has(word) ? 'tok-keyword' : STRENGTHS.has(word) ? 'tok-strength'
        : words.types.has(word) ? 'tok-type' : words.values.has(word) ? 'tok-value' : '';
      push(text, cls);
    } else push(text, '');
  }
  if (!row.firstChild) push('\u200b', '');
  return false;
}
