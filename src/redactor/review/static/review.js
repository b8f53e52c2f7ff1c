/*
 * Review page for redactor.
 *
 * Shows each document's findings in place so that a school office worker can
 * remove or keep each one, add words that were missed, keep a person's name
 * everywhere and finish the run. Plain browser JavaScript with no libraries,
 * because the page must work offline and without a build step.
 *
 * The only global is window.redactorReview (used by tests).
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------
  // Words shown to the user
  // ---------------------------------------------------------------------

  // Plain-English names for each decision state (the server's "status").
  const STATUS_TEXT = {
    to_check: 'Not checked yet',
    accepted: 'Will be removed',
    rejected: 'Will be kept as it is',
    added: 'Added by you, will be removed',
  };

  // Short words for the counts in the document list, in display order.
  const COUNT_WORDS = [
    ['to_check', 'to check'],
    ['accepted', 'to remove'],
    ['rejected', 'kept'],
    ['added', 'added by you'],
  ];

  // The reason used for added words when the user has not chosen one,
  // if the server offers it (the dialog shows it, so nothing is hidden).
  const ADD_DEFAULT_REASON = 'Missed personal data';

  // Every element the script needs; the page template must contain them all.
  const IDS = [
    'main', 'reviewer', 'doc-list', 'doc-title', 'doc-summary', 'workspace',
    'document-pane', 'document-text', 'preview', 'preview-text',
    'finding-details', 'finding-empty', 'finding-info', 'detail-position',
    'detail-attention', 'detail-words', 'detail-kind', 'detail-replacement',
    'detail-status', 'detail-reason', 'detail-rule', 'detail-note',
    'detail-where', 'reason', 'reason-text', 'status', 'legend',
    'prev', 'next', 'next-attention', 'accept', 'reject', 'add',
    'keep-everywhere', 'finish',
    'add-dialog', 'add-words', 'add-kind', 'add-reason-note', 'add-confirm',
    'add-cancel',
    'keep-dialog', 'keep-words', 'keep-confirm', 'keep-cancel',
    'finish-dialog', 'finish-summary', 'finish-confirm', 'finish-cancel',
    'result', 'result-message', 'written-block', 'written-list',
    'failed-block', 'failed-list',
  ];

  // ---------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------

  const state = {
    reviewer: '',
    kinds: [],
    reasons: [],
    documents: [],
    docId: null,
    doc: null,
    findings: [], // the open document's findings in reading order
    currentId: null,
    busy: false,
    finished: false,
    pendingAdd: null, // the selection captured when the add dialog opened
    pendingKeep: null, // the finding captured when the keep dialog opened
  };

  // Elements by camelCase id, e.g. el.docList for #doc-list.
  const el = {};
  // Where focus was before each dialog opened, so it can go back there.
  const returnFocus = new Map();

  function camel(id) {
    return id.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  }

  function findElements() {
    if (el.main) return;
    for (const id of IDS) el[camel(id)] = document.getElementById(id);
  }

  // ---------------------------------------------------------------------
  // Talking to the server
  // ---------------------------------------------------------------------

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') || '' : '';
  }

  // Sends a request and returns the JSON answer. Any failure becomes an Error
  // whose message is fit to show in the status line.
  async function api(method, path, body) {
    const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (method === 'POST') {
      options.headers['Content-Type'] = 'application/json';
      options.headers['X-CSRF-Token'] = csrfToken();
      options.body = JSON.stringify(body || {});
    }
    let response;
    try {
      response = await fetch(path, options);
    } catch (err) {
      throw new Error('Could not reach the review program. It may have been closed.');
    }
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    if (!response.ok) {
      if (data && typeof data.error === 'string' && data.error.trim()) throw new Error(data.error);
      throw new Error(`Something went wrong (the review program answered with code ${response.status}).`);
    }
    if (data === null || typeof data !== 'object') {
      throw new Error('The review program sent an answer this page could not read.');
    }
    return data;
  }

  function docPath(id, tail) {
    return `/api/documents/${encodeURIComponent(id)}${tail || ''}`;
  }

  // ---------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------

  function setStatus(message, isError) {
    el.status.textContent = message;
    el.status.classList.toggle('is-error', Boolean(isError));
  }

  function reduceMotion() {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  // Class names come from server values; keep them to safe characters.
  function cssSafe(value) {
    return String(value == null ? '' : value).replace(/[^A-Za-z0-9_-]/g, '_');
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  function quoted(words) {
    return `\u201c${words}\u201d`;
  }

  function currentFinding() {
    return state.findings.find((f) => f.id === state.currentId) || null;
  }

  function partOfKey(key) {
    return state.doc ? state.doc.parts.find((p) => p.key === key) || null : null;
  }

  function wordsOf(finding) {
    const part = partOfKey(finding.part);
    return part ? String(part.text || '').slice(finding.start, finding.end) : '';
  }

  // "Needing attention" means flagged as uncertain and not yet decided.
  function needsAttention(finding) {
    return Boolean(finding.attention) && finding.status === 'to_check';
  }

  function markFor(id) {
    if (!id || !el.documentText) return null;
    return el.documentText.querySelector(`mark[data-finding="${CSS.escape(id)}"]`);
  }

  function focusIsInDocument() {
    const active = document.activeElement;
    return !active || active === document.body || el.documentText.contains(active);
  }

  function isTypingTarget(target) {
    return Boolean(
      target && target.closest &&
      target.closest('input, select, textarea, [contenteditable]:not([contenteditable="false"])')
    );
  }

  function openDialogElement() {
    return document.querySelector('dialog[open]');
  }

  // Refuses an action while another is running or after the review ended.
  function ready() {
    if (state.finished) return false;
    if (state.busy) {
      setStatus('Still working on your last change. Please wait a moment.');
      return false;
    }
    return true;
  }

  // Runs one change at a time; returns true when it worked.
  async function withBusy(work) {
    state.busy = true;
    el.main.setAttribute('aria-busy', 'true');
    try {
      await work();
      return true;
    } catch (err) {
      setStatus(err && err.message ? err.message : 'Something went wrong.', true);
      return false;
    } finally {
      state.busy = false;
      el.main.removeAttribute('aria-busy');
    }
  }

  // ---------------------------------------------------------------------
  // Document list
  // ---------------------------------------------------------------------

  function countsText(counts) {
    const c = counts || {};
    return COUNT_WORDS.map(([key, words]) => `${Number(c[key]) || 0} ${words}`).join(', ');
  }

  function applyList(data) {
    state.reviewer = data.reviewer || '';
    state.documents = Array.isArray(data.documents) ? data.documents : [];
    const kinds = Array.isArray(data.kinds) ? data.kinds : [];
    const reasons = Array.isArray(data.reasons) ? data.reasons : [];
    // Rebuild the choosers only when they change, so a choice in progress survives.
    if (JSON.stringify(kinds) !== JSON.stringify(state.kinds)) {
      state.kinds = kinds;
      renderKinds();
    }
    if (JSON.stringify(reasons) !== JSON.stringify(state.reasons)) {
      state.reasons = reasons;
      renderReasons();
    }
    el.reviewer.textContent = state.reviewer ? `Reviewing as ${state.reviewer}` : '';
    renderDocList();
  }

  function renderDocList() {
    // Keep keyboard focus on the same document button across the re-render.
    const active = document.activeElement;
    const focusedDoc = active && el.docList.contains(active) ? active.dataset.doc : null;

    el.docList.replaceChildren();
    if (!state.documents.length) {
      const li = document.createElement('li');
      li.className = 'doc-list-empty';
      li.textContent = 'There are no documents to review.';
      el.docList.append(li);
      return;
    }
    for (const doc of state.documents) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.doc = doc.id;
      button.className = 'doc-button';
      button.disabled = state.finished;
      if (doc.id === state.docId) button.setAttribute('aria-current', 'true');

      const name = document.createElement('span');
      name.className = 'doc-name';
      name.textContent = doc.name;
      const counts = document.createElement('span');
      counts.className = 'doc-counts';
      counts.textContent = countsText(doc.counts);
      button.append(name, counts);

      const attention = Number(doc.attention) || 0;
      if (attention > 0) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = `${attention} need${attention === 1 ? 's' : ''} attention`;
        button.append(badge);
      }
      // Spell the name out with pauses, as the spans run together when read aloud.
      button.setAttribute('aria-label', [...button.children].map((c) => c.textContent).join('. '));
      li.append(button);
      el.docList.append(li);
    }
    if (focusedDoc) {
      const again = el.docList.querySelector(`button[data-doc="${CSS.escape(focusedDoc)}"]`);
      if (again) again.focus();
    }
  }

  function markOpenDocument() {
    for (const button of el.docList.querySelectorAll('button[data-doc]')) {
      if (button.dataset.doc === state.docId) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
  }

  // Answers can arrive out of order; only the newest list is drawn.
  let listRequest = 0;
  async function refreshList() {
    listRequest += 1;
    const mine = listRequest;
    const data = await api('GET', '/api/documents');
    if (mine === listRequest) applyList(data);
  }

  // Updates the counts after a change; outside the busy state so the next
  // decision does not have to wait for it.
  async function refreshListAfterChange() {
    try {
      await refreshList();
    } catch (err) {
      setStatus(err && err.message ? err.message : 'Something went wrong.', true);
    }
  }

  function renderKinds() {
    const previous = el.addKind.value;
    el.addKind.replaceChildren();
    el.legend.replaceChildren();
    for (const k of state.kinds) {
      const option = document.createElement('option');
      option.value = k.kind;
      option.textContent = k.label || k.kind;
      el.addKind.append(option);

      // The colour key, so colours can be looked up as well as read in the details.
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch kind-${cssSafe(k.kind)}`;
      swatch.setAttribute('aria-hidden', 'true');
      li.append(swatch, ` ${k.label || k.kind}`);
      el.legend.append(li);
    }
    if (previous && state.kinds.some((k) => k.kind === previous)) el.addKind.value = previous;
  }

  function renderReasons() {
    const previous = el.reason.value;
    el.reason.replaceChildren();
    const none = document.createElement('option');
    none.value = '';
    none.textContent = 'No reason chosen';
    el.reason.append(none);
    for (const reason of state.reasons) {
      const option = document.createElement('option');
      option.value = reason;
      option.textContent = reason;
      el.reason.append(option);
    }
    el.reason.value = state.reasons.includes(previous) ? previous : '';
  }

  // A typed reason wins over the chosen one when it is not empty.
  function chosenReason() {
    const typed = el.reasonText.value.trim();
    return typed || el.reason.value || '';
  }

  function clearReason() {
    el.reason.value = '';
    el.reasonText.value = '';
  }

  // ---------------------------------------------------------------------
  // Opening and drawing a document
  // ---------------------------------------------------------------------

  async function openDocument(id, wantedId, focusMark) {
    const doc = await api('GET', docPath(id));
    showDocument(doc, wantedId, focusMark);
  }

  function showDocument(doc, wantedId, focusMark) {
    state.doc = {
      ...doc,
      parts: Array.isArray(doc.parts) ? doc.parts : [],
      findings: Array.isArray(doc.findings) ? doc.findings : [],
      preview: Array.isArray(doc.preview) ? doc.preview : [],
    };
    state.docId = doc.id;

    // Reading order: by part as listed, then by position in the part.
    const order = new Map(state.doc.parts.map((p, i) => [p.key, i]));
    const sorted = state.doc.findings
      .filter((f) => order.has(f.part))
      .sort((a, b) => order.get(a.part) - order.get(b.part) || a.start - b.start);

    state.findings = renderDocument(sorted);
    renderPreview();
    renderDocHeading();
    markOpenDocument();

    const wanted = wantedId ? state.findings.find((f) => f.id === wantedId) : null;
    const target = wanted || state.findings.find(needsAttention) || state.findings[0] || null;
    selectFinding(target ? target.id : null, { scroll: 'nearest', focus: Boolean(focusMark) });
  }

  // Draws every part with its findings highlighted in place. Returns the
  // findings actually drawn (any with impossible offsets are left out, so
  // the text shown is always exactly the part's text).
  function renderDocument(sorted) {
    const byPart = new Map();
    for (const f of sorted) {
      if (!byPart.has(f.part)) byPart.set(f.part, []);
      byPart.get(f.part).push(f);
    }
    const drawn = [];
    const fragment = document.createDocumentFragment();
    for (const part of state.doc.parts) {
      const text = String(part.text == null ? '' : part.text);
      const pre = document.createElement('pre');
      pre.dataset.part = part.key;
      if (part.label) pre.title = part.label;
      let pos = 0;
      for (const f of byPart.get(part.key) || []) {
        const start = Number(f.start);
        const end = Number(f.end);
        if (!(start >= pos && end > start && end <= text.length)) continue;
        if (start > pos) pre.append(text.slice(pos, start));
        pre.append(makeMark(f, text.slice(start, end)));
        drawn.push(f);
        pos = end;
      }
      if (pos < text.length) pre.append(text.slice(pos));
      fragment.append(pre);
    }
    el.documentText.replaceChildren(fragment);
    return drawn;
  }

  function makeMark(finding, words) {
    const mark = document.createElement('mark');
    mark.dataset.finding = finding.id;
    mark.className = `kind-${cssSafe(finding.kind)} status-${cssSafe(finding.status)}`;
    if (finding.attention) mark.classList.add('attention');
    mark.tabIndex = -1;
    // A button role lets screen readers announce the kind and decision; the
    // words stay first in the name so it matches what is seen.
    mark.setAttribute('role', 'button');
    const parts = [finding.kind_label || finding.kind, STATUS_TEXT[finding.status] || finding.status];
    if (finding.attention) parts.push('needs attention');
    mark.setAttribute('aria-label', `${words} (${parts.join(', ')})`);
    mark.textContent = words;
    return mark;
  }

  function renderPreview() {
    const labels = new Map(state.doc.parts.map((p) => [p.key, p.label]));
    const fragment = document.createDocumentFragment();
    for (const item of state.doc.preview) {
      const pre = document.createElement('pre');
      pre.dataset.part = item.key;
      if (labels.get(item.key)) pre.title = labels.get(item.key);
      pre.textContent = String(item.text == null ? '' : item.text);
      fragment.append(pre);
    }
    el.previewText.replaceChildren(fragment);
  }

  function renderDocHeading() {
    const doc = state.doc;
    el.docTitle.textContent = doc.name || 'Document';
    const total = state.findings.length;
    if (!total) {
      el.docSummary.textContent = 'Nothing was found in this document. If you spot personal data, select it and press \u201cAdd missed words\u201d.';
      return;
    }
    const counts = {};
    for (const f of state.findings) counts[f.status] = (counts[f.status] || 0) + 1;
    const attention = state.findings.filter(needsAttention).length;
    let text = `${plural(total, 'finding', 'findings')}: ${countsText(counts)}.`;
    if (attention) text += ` ${attention} need${attention === 1 ? 's' : ''} attention.`;
    el.docSummary.textContent = text;
  }

  // ---------------------------------------------------------------------
  // Selecting a finding
  // ---------------------------------------------------------------------

  // scroll: 'center', 'nearest' or false. focus: move keyboard focus to the mark.
  function selectFinding(id, options) {
    const { scroll = 'center', focus = false } = options || {};
    state.currentId = id && state.findings.some((f) => f.id === id) ? id : null;

    // Roving tabindex: only the current mark is in the Tab order.
    const marks = el.documentText.querySelectorAll('mark[data-finding]');
    for (const mark of marks) {
      const on = mark.dataset.finding === state.currentId;
      mark.tabIndex = on ? 0 : -1;
      mark.classList.toggle('current', on);
      if (on) mark.setAttribute('aria-current', 'true');
      else mark.removeAttribute('aria-current');
    }
    // With nothing chosen, still let Tab reach the first mark.
    if (!state.currentId && marks.length) marks[0].tabIndex = 0;

    const mark = markFor(state.currentId);
    if (mark) {
      if (scroll) {
        mark.scrollIntoView({ block: scroll, inline: 'nearest', behavior: reduceMotion() ? 'auto' : 'smooth' });
      }
      if (focus) mark.focus({ preventScroll: true });
    }
    renderDetails();
    showPreviewPart();
    updateButtons();
  }

  function renderDetails() {
    const f = currentFinding();
    el.findingInfo.hidden = !f;
    el.findingEmpty.hidden = Boolean(f);
    if (!f) {
      el.findingEmpty.textContent = state.doc && !state.findings.length
        ? 'This document has no findings. You can still add missed words by selecting them in the document.'
        : 'No finding is selected.';
      return;
    }
    const index = state.findings.indexOf(f) + 1;
    const part = partOfKey(f.part);
    el.detailPosition.textContent = `Finding ${index} of ${state.findings.length}`;
    el.detailAttention.hidden = !f.attention;
    el.detailWords.textContent = wordsOf(f);
    el.detailKind.textContent = f.kind_label || f.kind || '';
    el.detailReplacement.textContent = f.replacement || 'Nothing (removed)';
    el.detailStatus.textContent = STATUS_TEXT[f.status] || f.status || '';
    el.detailReason.textContent = f.reason || 'No reason given';
    el.detailRule.textContent = f.rule || 'Not recorded';
    el.detailNote.textContent = f.note || 'None';
    el.detailWhere.textContent = part && part.label ? part.label : 'Not recorded';
  }

  // Shows the preview of the part the current finding is in.
  function showPreviewPart() {
    const f = currentFinding();
    let current = null;
    for (const pre of el.previewText.querySelectorAll('pre[data-part]')) {
      const on = Boolean(f) && pre.dataset.part === f.part;
      pre.classList.toggle('current-part', on);
      if (on) current = pre;
    }
    // Only scroll the preview box itself (it scrolls on wide screens), never the page.
    const box = el.previewText;
    if (!current || box.scrollHeight <= box.clientHeight + 1) return;
    const top = current.offsetTop;
    const bottom = top + current.offsetHeight;
    if (top < box.scrollTop || bottom > box.scrollTop + box.clientHeight) {
      box.scrollTo({ top: Math.max(0, top - 8), behavior: reduceMotion() ? 'auto' : 'smooth' });
    }
  }

  function updateButtons() {
    const finished = state.finished;
    const hasDoc = Boolean(state.doc) && !finished;
    const hasFindings = hasDoc && state.findings.length > 0;
    const hasCurrent = hasDoc && Boolean(currentFinding());
    el.prev.disabled = !hasFindings;
    el.next.disabled = !hasFindings;
    el.nextAttention.disabled = !hasFindings;
    el.accept.disabled = !hasCurrent;
    el.reject.disabled = !hasCurrent;
    el.keepEverywhere.disabled = !hasCurrent;
    el.add.disabled = !hasDoc;
    el.finish.disabled = finished;
  }

  // ---------------------------------------------------------------------
  // Moving between findings
  // ---------------------------------------------------------------------

  function step(delta, focus) {
    if (state.finished) return;
    const list = state.findings;
    if (!list.length) {
      setStatus('There are no findings in this document.');
      return;
    }
    let index = list.findIndex((f) => f.id === state.currentId);
    if (index === -1) {
      index = delta > 0 ? 0 : list.length - 1;
    } else {
      index += delta;
      if (index >= list.length) {
        setStatus('That was the last finding in this document.');
        return;
      }
      if (index < 0) {
        setStatus('That was the first finding in this document.');
        return;
      }
    }
    selectFinding(list[index].id, { scroll: 'center', focus });
  }

  function nextAttention(focus) {
    if (state.finished) return;
    const list = state.findings;
    const start = list.findIndex((f) => f.id === state.currentId);
    // Search forwards from the current finding and wrap round to the start.
    for (let i = 1; i <= list.length; i += 1) {
      const f = list[(start + i + list.length) % list.length];
      if (needsAttention(f)) {
        if (f.id === state.currentId) {
          setStatus('This is the only finding left in this document that needs attention.');
        }
        selectFinding(f.id, { scroll: 'center', focus });
        return;
      }
    }
    setStatus('No findings in this document need attention now.');
  }

  // ---------------------------------------------------------------------
  // Decisions
  // ---------------------------------------------------------------------

  async function decide(action) {
    if (!ready()) return;
    const f = currentFinding();
    if (!f) {
      setStatus('Choose a finding first: click highlighted words or press Next.');
      return;
    }
    const words = wordsOf(f);
    const refocus = focusIsInDocument();
    const done = await withBusy(async () => {
      const doc = await api('POST', docPath(state.docId, '/decisions'), {
        finding: f.id,
        action,
        reason: chosenReason(),
      });
      // Keep the user's place if they moved on while the answer was coming.
      showDocument(doc, state.currentId || f.id, refocus);
      clearReason();
      setStatus(action === 'accept'
        ? `${quoted(words)} will be removed.`
        : `${quoted(words)} will be kept.`);
    });
    if (done) await refreshListAfterChange();
  }

  // ---------------------------------------------------------------------
  // Adding missed words
  // ---------------------------------------------------------------------

  function partElementOf(node) {
    const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
    const pre = element ? element.closest('pre[data-part]') : null;
    return pre && el.documentText.contains(pre) ? pre : null;
  }

  // Turns a DOM boundary point into a character offset in the part's text by
  // walking the part's text nodes (marks are split into their own nodes).
  function textOffset(pre, node, offset) {
    if (node.nodeType === Node.TEXT_NODE && !pre.contains(node)) return null;
    const boundary = document.createRange();
    boundary.setStart(node, offset);
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    let count = 0;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (text === node) return count + offset;
      // A text node wholly before the boundary counts in full.
      if (boundary.comparePoint(text, text.length) <= 0) count += text.length;
      else break;
    }
    return count;
  }

  // Reads the current text selection and returns {part, start, end, words},
  // or {error} with a message for the status line.
  function captureSelection() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return { error: 'First select the missed words in the document, then press \u201cAdd missed words\u201d.' };
    }
    const range = selection.getRangeAt(0);
    const startPre = partElementOf(range.startContainer);
    const endPre = partElementOf(range.endContainer);
    if (!startPre || !endPre) {
      return { error: 'Please select words inside the document text, not elsewhere on the page.' };
    }
    const start = textOffset(startPre, range.startContainer, range.startOffset);
    let end = null;
    if (startPre === endPre) {
      end = textOffset(endPre, range.endContainer, range.endOffset);
    } else if (textOffset(endPre, range.endContainer, range.endOffset) === 0) {
      // A triple-click ends the selection at the very start of the next part.
      end = startPre.textContent.length;
    } else {
      return { error: 'Your selection runs across more than one paragraph or cell. Please select words within one of them.' };
    }
    const part = partOfKey(startPre.dataset.part);
    const text = part ? String(part.text || '') : startPre.textContent;
    if (start == null || end == null) {
      return { error: 'Please select words inside the document text, not elsewhere on the page.' };
    }
    let s = start;
    let e = end;
    // Spaces at either end are not part of the words.
    while (s < e && /\s/.test(text[s])) s += 1;
    while (e > s && /\s/.test(text[e - 1])) e -= 1;
    if (s >= e) {
      return { error: 'The selection has no words in it. Please select the missed words.' };
    }
    return { part: startPre.dataset.part, start: s, end: e, words: text.slice(s, e) };
  }

  function reasonForAdd() {
    const reason = chosenReason();
    if (reason) return reason;
    return state.reasons.includes(ADD_DEFAULT_REASON) ? ADD_DEFAULT_REASON : '';
  }

  function startAdd() {
    if (!ready()) return;
    if (!state.doc) {
      setStatus('Open a document first.');
      return;
    }
    const captured = captureSelection();
    if (captured.error) {
      setStatus(captured.error, true);
      return;
    }
    if (!state.kinds.length) {
      setStatus('The list of kinds of personal data has not loaded yet. Please try again.', true);
      return;
    }
    state.pendingAdd = { ...captured, docId: state.docId };
    el.addWords.textContent = captured.words;
    const reason = reasonForAdd();
    el.addReasonNote.textContent = reason
      ? `Reason recorded: ${reason}.`
      : 'No reason chosen. You can choose one under \u201cSelected finding\u201d before adding.';
    openDialog(el.addDialog, el.addKind);
  }

  async function confirmAdd() {
    const pending = state.pendingAdd;
    const kind = el.addKind.value;
    const reason = reasonForAdd();
    closeDialog(el.addDialog);
    if (!pending || !ready()) return;
    const before = new Set(state.findings.map((f) => f.id));
    const refocus = focusIsInDocument();
    const done = await withBusy(async () => {
      const doc = await api('POST', docPath(pending.docId, '/decisions'), {
        action: 'add',
        part: pending.part,
        start: pending.start,
        end: pending.end,
        kind,
        reason,
      });
      // The new finding is the one at the selected place, else the one not seen before.
      const findings = Array.isArray(doc.findings) ? doc.findings : [];
      const added =
        findings.find((f) => f.part === pending.part && f.start === pending.start && f.end === pending.end) ||
        findings.find((f) => !before.has(f.id));
      const selection = window.getSelection();
      if (selection) selection.removeAllRanges();
      showDocument(doc, added ? added.id : state.currentId, refocus);
      clearReason();
      setStatus(`Added ${quoted(pending.words)}. It will be removed.`);
    });
    if (done) await refreshListAfterChange();
  }

  // ---------------------------------------------------------------------
  // Keeping a person's name everywhere
  // ---------------------------------------------------------------------

  function startKeep() {
    if (!ready()) return;
    const f = currentFinding();
    if (!f) {
      setStatus('Choose a finding first: click highlighted words or press Next.');
      return;
    }
    state.pendingKeep = { docId: state.docId, id: f.id, words: wordsOf(f) };
    el.keepWords.textContent = state.pendingKeep.words;
    openDialog(el.keepDialog, el.keepCancel);
  }

  async function confirmKeep() {
    const pending = state.pendingKeep;
    closeDialog(el.keepDialog);
    if (!pending || !ready()) return;
    const refocus = focusIsInDocument();
    await withBusy(async () => {
      const answer = await api('POST', '/api/keep', { document: pending.docId, finding: pending.id });
      const count = Number(answer.rejected) || 0;
      await openDocument(state.docId, pending.id, refocus);
      await refreshList();
      setStatus(`${quoted(pending.words)} will be kept everywhere (${plural(count, 'place', 'places')}).`);
    });
  }

  // ---------------------------------------------------------------------
  // Finishing
  // ---------------------------------------------------------------------

  function startFinish() {
    if (!ready()) return;
    const unchecked = state.documents.reduce((sum, d) => sum + (Number(d.counts && d.counts.to_check) || 0), 0);
    el.finishSummary.textContent = unchecked
      ? `${plural(unchecked, 'finding has', 'findings have')} not been checked yet.`
      : 'You have checked every finding.';
    openDialog(el.finishDialog, el.finishCancel);
  }

  async function confirmFinish() {
    closeDialog(el.finishDialog);
    if (!ready()) return;
    setStatus('Saving the documents. Please wait\u2026');
    await withBusy(async () => {
      const answer = await api('POST', '/api/finish', {});
      showResult(answer);
    });
  }

  function showResult(answer) {
    state.finished = true;
    document.body.classList.add('finished');
    const written = Array.isArray(answer.written) ? answer.written : [];
    const failed = Array.isArray(answer.failed) ? answer.failed : [];

    el.writtenList.replaceChildren();
    for (const item of written) {
      const li = document.createElement('li');
      li.textContent = `${item.name}: saved as ${item.output}`;
      el.writtenList.append(li);
    }
    if (!written.length) {
      const li = document.createElement('li');
      li.textContent = 'No files were saved.';
      el.writtenList.append(li);
    }
    el.failedList.replaceChildren();
    for (const item of failed) {
      const li = document.createElement('li');
      li.textContent = `${item.name}: ${item.reason}`;
      el.failedList.append(li);
    }
    el.failedBlock.hidden = !failed.length;

    const message = 'The review has ended. You can close this window now.';
    el.resultMessage.textContent = failed.length
      ? `${message} ${plural(failed.length, 'file', 'files')} could not be saved; the reasons are listed below.`
      : message;

    // The server has stopped, so nothing else on the page can work now.
    el.workspace.hidden = true;
    el.docTitle.textContent = 'Review finished';
    el.docSummary.textContent = '';
    for (const button of document.querySelectorAll('button')) button.disabled = true;
    el.result.hidden = false;
    el.result.focus();
    setStatus(message);
  }

  // ---------------------------------------------------------------------
  // Dialogs
  // ---------------------------------------------------------------------

  function openDialog(dialog, focusTarget) {
    returnFocus.set(dialog, document.activeElement);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    (focusTarget || dialog).focus();
  }

  function closeDialog(dialog) {
    if (dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
    // Restore focus now rather than on the (later) close event, so the code
    // that runs next knows where focus is.
    afterDialogClosed(dialog);
  }

  // Runs for every way a dialog closes (buttons, Escape); safe to run twice.
  function afterDialogClosed(dialog) {
    if (dialog === el.addDialog) state.pendingAdd = null;
    if (dialog === el.keepDialog) state.pendingKeep = null;
    if (!returnFocus.has(dialog)) return;
    const back = returnFocus.get(dialog);
    returnFocus.delete(dialog);
    if (back && back.isConnected && typeof back.focus === 'function' && back !== document.body) {
      back.focus({ preventScroll: true });
    }
  }

  // ---------------------------------------------------------------------
  // Keyboard shortcuts
  // ---------------------------------------------------------------------

  // Shortcut keys, as KeyboardEvent.key values ("K" is Shift+k).
  const SHORTCUTS = {
    k: () => step(-1, true),
    p: () => step(-1, true),
    j: () => step(1, true),
    n: () => step(1, true),
    t: () => nextAttention(true),
    a: () => decide('accept'),
    r: () => decide('reject'),
    s: () => startAdd(),
    K: () => startKeep(),
    F: () => startFinish(),
  };

  function shortcutKey(event) {
    let key = event.key;
    // With Caps Lock on, the letter's case no longer tells us whether Shift was held.
    if (key && key.length === 1 && event.getModifierState && event.getModifierState('CapsLock')) {
      key = event.shiftKey ? key.toUpperCase() : key.toLowerCase();
    }
    return key;
  }

  function onKeyDown(event) {
    const dialog = openDialogElement();
    if (dialog) {
      // Only Escape works while a dialog is open: it closes the dialog.
      if (event.key === 'Escape') {
        event.preventDefault();
        closeDialog(dialog);
      }
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (isTypingTarget(event.target) || state.finished) return;
    const action = SHORTCUTS[shortcutKey(event)];
    if (!action) return;
    event.preventDefault();
    action();
  }

  // ---------------------------------------------------------------------
  // Wiring up
  // ---------------------------------------------------------------------

  function onDocumentClick(event) {
    const mark = event.target.closest('mark[data-finding]');
    if (!mark) return;
    // A drag that selects words is not a click on a finding.
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    selectFinding(mark.dataset.finding, { scroll: 'nearest', focus: true });
  }

  function onDocumentKey(event) {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const mark = event.target.closest && event.target.closest('mark[data-finding]');
    if (!mark) return;
    event.preventDefault();
    selectFinding(mark.dataset.finding, { scroll: 'nearest', focus: true });
  }

  async function onDocListClick(event) {
    const button = event.target.closest('button[data-doc]');
    if (!button || !ready()) return;
    await withBusy(async () => {
      await openDocument(button.dataset.doc, null, false);
      const attention = state.findings.filter(needsAttention).length;
      setStatus(`Opened ${state.doc.name}: ${plural(state.findings.length, 'finding', 'findings')}, ${attention} needing attention.`);
    });
  }

  function wire() {
    el.docList.addEventListener('click', onDocListClick);
    el.documentText.addEventListener('click', onDocumentClick);
    el.documentText.addEventListener('keydown', onDocumentKey);

    el.prev.addEventListener('click', () => step(-1, false));
    el.next.addEventListener('click', () => step(1, false));
    el.nextAttention.addEventListener('click', () => nextAttention(false));
    el.accept.addEventListener('click', () => decide('accept'));
    el.reject.addEventListener('click', () => decide('reject'));
    el.keepEverywhere.addEventListener('click', startKeep);
    el.finish.addEventListener('click', startFinish);
    // Stop a mouse press on "Add" from clearing the text selection first.
    el.add.addEventListener('mousedown', (event) => event.preventDefault());
    el.add.addEventListener('click', startAdd);

    el.addConfirm.addEventListener('click', confirmAdd);
    el.addCancel.addEventListener('click', () => closeDialog(el.addDialog));
    el.keepConfirm.addEventListener('click', confirmKeep);
    el.keepCancel.addEventListener('click', () => closeDialog(el.keepDialog));
    el.finishConfirm.addEventListener('click', confirmFinish);
    el.finishCancel.addEventListener('click', () => closeDialog(el.finishDialog));
    for (const dialog of [el.addDialog, el.keepDialog, el.finishDialog]) {
      dialog.addEventListener('close', () => afterDialogClosed(dialog));
    }

    document.addEventListener('keydown', onKeyDown);
  }

  // Fetches the list and the open document again and draws them. Keeps the
  // open document and finding when they still exist.
  async function load() {
    findElements();
    try {
      await refreshList();
      if (!state.documents.length) {
        state.doc = null;
        state.findings = [];
        el.docTitle.textContent = 'Nothing to review';
        el.docSummary.textContent = 'There are no documents in this review.';
        el.documentText.replaceChildren();
        el.previewText.replaceChildren();
        selectFinding(null, { scroll: false });
        return;
      }
      const stillThere = state.documents.some((d) => d.id === state.docId);
      const id = stillThere ? state.docId : state.documents[0].id;
      await openDocument(id, stillThere ? state.currentId : null, false);
      if (!stillThere) {
        const attention = state.findings.filter(needsAttention).length;
        setStatus(`Opened ${state.doc.name}: ${plural(state.findings.length, 'finding', 'findings')}, ${attention} needing attention.`);
      }
    } catch (err) {
      setStatus(err && err.message ? err.message : 'Something went wrong.', true);
    }
  }

  function init() {
    findElements();
    const missing = IDS.filter((id) => !el[camel(id)]);
    if (missing.length) {
      // A broken template should say so rather than fail silently.
      const status = document.getElementById('status');
      if (status) status.textContent = 'This page is incomplete and cannot be used. Please tell whoever set up the review.';
      return;
    }
    wire();
    updateButtons();
    load();
  }

  window.redactorReview = Object.freeze({ load });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
