/* curriculum-builder quizzes: self-study quizzes, knowledge gain, My progress.
 * Vanilla ES2017, no dependencies. Reads the JSON the builder puts in the page
 * and keeps results in localStorage (see docs/quizzes.md). */
(function () {
  'use strict';
  var SELF = document.currentScript ? document.currentScript.src : '';
  var NS = 'curriculum-builder:v1:';
  var memory = {}; // used when localStorage is unavailable (private mode, file://)
  var uid = 0;
  var PUNCT;
  try { PUNCT = new RegExp('\\p{P}', 'gu'); } catch (e) { PUNCT = /[!-\/:-@[-`{-~\u00a1\u00a7\u00ab\u00b6\u00b7\u00bb\u00bf\u2010-\u2027\u2030-\u205e]/g; }
  var DASH = /[\u002d\u2010-\u2015\u2212\/\\]/g;

  /* ---------- helpers ---------- */
  function T(S, k, v) {
    var s = S && typeof S[k] === 'string' ? S[k] : k, l = S && S._lang && S._lang[k];
    if (v) s = s.replace(/\{(\w+)\}/g, function (m, n) { return n in v ? v[n] : m; });
    if (l) { s = new String(s); s.lang = l; } // a fallback's string: h() puts its lang on the element
    return s;
  }
  function inLang(S, L) { // every string with its lang, for a question in another language
    var o = Object.assign({}, S, { _lang: {} });
    Object.keys(S).forEach(function (k) { o._lang[k] = (S._lang || {})[k] || L; });
    return o;
  }
  function h(tag, props, kids) {
    var e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v == null || v === false) return;
      if (k === 'html') e.innerHTML = v;
      else if (k === 'text') { e.textContent = v; if (v.lang) e.lang = v.lang; }
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k === 'cls' ? 'class' : k, v === true ? '' : v);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function nid() { return 'cb-' + (++uid); }
  function frag(html) { var t = document.createElement('template'); t.innerHTML = html || ''; return t.content; }
  function plain(html) { return frag(html).textContent.replace(/\s+/g, ' ').trim(); }
  /* a fragment that is a single <p> becomes its inline content (for labels and legends) */
  function inline(html) {
    var f = frag(html), c = f.children;
    if (c.length === 1 && c[0].tagName === 'P' && f.textContent.trim() === c[0].textContent.trim()) return c[0].innerHTML;
    return html || '';
  }
  function num(x) { return typeof x === 'number' && isFinite(x) ? x : null; }
  function arr(x) { return Array.isArray(x) ? x : []; }
  function range(n) { var a = []; for (var i = 0; i < n; i++) a.push(i); return a; }
  function shuffle(a) {
    a = a.slice();
    for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = a[i]; a[i] = a[j]; a[j] = t; }
    return a;
  }
  function fmt(n, lang) { try { return Number(n).toLocaleString(lang || undefined, { maximumFractionDigits: 2 }); } catch (e) { return String(n); } }
  function pctOf(points, max) { return max > 0 ? Math.floor(points * 100 / max + 1e-9) : 0; }
  function readJSON(root, attr) {
    /* Only a <script type="application/json"> the builder wrote: the sanitiser lets no
       author make a script element, but author HTML may give any element this id. */
    var id = root.getAttribute(attr) || '', s = null;
    [].forEach.call(document.querySelectorAll('script[type="application/json"]'), function (e) { if (!s && e.id === id) s = e; });
    var d = s ? JSON.parse(s.textContent) : null;
    if (!d || typeof d !== 'object') throw new Error('no data');
    return d;
  }

  /* ---------- answers ---------- */
  function normalise(text, o) {
    o = o || {};
    var s = String(text == null ? '' : text);
    try { s = s.normalize('NFKC'); } catch (e) { /* old browser */ }
    if (o.ignore_punctuation) s = s.replace(DASH, ' ').replace(PUNCT, '');
    if (!o.case_sensitive) s = s.toLowerCase().replace(/ё/g, 'е');
    return s.replace(/\s+/g, ' ').trim();
  }
  /* length of the longest increasing subsequence: items already in the right relative order */
  function lis(a) {
    var tails = [];
    a.forEach(function (x) {
      var lo = 0, hi = tails.length;
      while (lo < hi) { var m = (lo + hi) >> 1; if (tails[m] < x) lo = m + 1; else hi = m; }
      tails[lo] = x;
    });
    return tails.length;
  }
  /* a typed number: spaces (also thin and no-break ones) dropped, a decimal comma as a dot */
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  function number(text) {
    var s = String(text == null ? '' : text).replace(/[\s\u00a0\u2009\u202f']/g, '').replace(/\u2212/g, '-').replace(',', '.');
    return NUMBER.test(s) ? parseFloat(s) : null;
  }
  function share(c) { c = num(c); return c === null ? 0 : Math.max(0, Math.min(100, c)) / 100; }
  /* the numeric answer whose range holds the number, or the fill-in partial answer given */
  function hit(q, r) {
    var x = number(r);
    if (x === null) return null;
    return arr(q.answers).filter(function (a) {
      var v = num(a && a.value), t = num(a && a.tolerance) || 0;
      return v !== null && Math.abs(x - v) <= Math.abs(t) + 1e-9 * Math.max(1, Math.abs(v));
    })[0] || null;
  }
  function partial(q, r) {
    var v = normalise(r, q);
    return v ? arr(q.partial).filter(function (p) { return p && normalise(p.answer, q) === v; })[0] || null : null;
  }
  function score(q, r) {
    q = q || {};
    var max = num(q.points); if (max === null || max < 0) max = 1;
    var f = 0, opts = arr(q.options), n, sel;
    switch (q.type) {
      case 'single': f = typeof r === 'number' && opts[r] ? (opts[r].correct ? 1 : share(opts[r].credit)) : 0; break;
      case 'true-false': f = typeof r === 'boolean' && r === !!q.answer ? 1 : 0; break;
      case 'multiple':
        var good = 0, bad = 0; n = 0; sel = arr(r);
        opts.forEach(function (o, i) {
          if (o.correct) n++;
          if (sel.indexOf(i) >= 0) { if (o.correct) good++; else bad++; }
        });
        f = n ? Math.max(0, (good - bad) / n) : (bad ? 0 : 1); break;
      case 'fill-in':
        var v = normalise(r, q);
        f = v && arr(q.answers).some(function (a) { return normalise(a, q) === v; }) ? 1 : share((partial(q, r) || {}).credit); break;
      case 'numeric': var a = hit(q, r); f = a ? (num(a.credit) === null ? 1 : share(a.credit)) : 0; break;
      case 'matching':
        var p = arr(q.pairs); sel = arr(r);
        f = p.length ? p.filter(function (x, i) { var c = p[sel[i]]; return c && c.right === x.right; }).length / p.length : 0; break;
      case 'ordering':
        n = arr(q.items).length; sel = arr(r);
        var ok = sel.length === n && sel.every(function (x, i) { return typeof x === 'number' && x >= 0 && x < n && sel.indexOf(x) === i; });
        f = !ok ? 0 : n < 2 ? 1 : (lis(sel) - 1) / (n - 1); break;
      case 'open':
        n = arr(q.checklist).length || 1; sel = arr(r);
        f = sel.filter(function (x, i) { return typeof x === 'number' && x >= 0 && x < n && sel.indexOf(x) === i; }).length / n; break;
    }
    return { points: Math.round(f * max * 100) / 100, max: max, right: f };
  }

  /* ---------- storage ---------- */
  function store() {
    if (window.CBStorage) return window.CBStorage; // inside an LMS package: scorm.js keeps it there
    try { var s = window.localStorage, k = NS + 'probe'; s.setItem(k, '1'); s.removeItem(k); return s; } catch (e) { return null; }
  }
  function clean(e) {
    if (!e || typeof e !== 'object') return null;
    var a = num(e.attempts), b = num(e.best);
    if (a === null || a < 1 || b === null) return null;
    var f = num(e.first), l = num(e.last);
    return {
      attempts: Math.floor(a), first: f === null ? b : f, best: b, last: l === null ? b : l,
      passed: typeof e.passed === 'boolean' ? e.passed : null,
      at: typeof e.at === 'string' ? e.at : '', kind: typeof e.kind === 'string' ? e.kind : ''
    };
  }
  function load(course) {
    var raw = null, s = store(), d = null, out = { schema: 1, quizzes: {} };
    try { raw = s ? s.getItem(NS + course) : memory[course]; d = JSON.parse(raw); } catch (e) { d = null; }
    if (d && typeof d === 'object' && d.schema === 1 && d.quizzes && typeof d.quizzes === 'object' && !Array.isArray(d.quizzes)) {
      Object.keys(d.quizzes).forEach(function (k) { var e = clean(d.quizzes[k]); if (e) out.quizzes[k] = e; });
    }
    return out;
  }
  function save(course, data) {
    var raw = JSON.stringify(data), s = store();
    memory[course] = raw;
    try { if (s) { s.setItem(NS + course, raw); return true; } } catch (e) { /* full or blocked */ }
    return false;
  }
  function reset(course) {
    delete memory[course];
    var s = store(); try { if (s) s.removeItem(NS + course); } catch (e) { /* ignore */ }
  }
  function record(course, key, kind, pct, passMark) {
    var d = load(course), e = d.quizzes[key] || { attempts: 0, first: pct, best: pct, last: pct };
    e.attempts++; e.best = Math.max(e.best, pct); e.last = pct; e.kind = kind || '';
    e.passed = passMark == null ? null : e.best >= passMark;
    e.at = new Date().toISOString();
    d.quizzes[key] = e; save(course, d);
    return e;
  }
  function quizKey(module, quiz) { return [module, quiz].filter(Boolean).join('/'); }

  /* ---------- shared quiz data: one script per bank and per language ----------
     The page's builder-written JSON names the files (beside this script); each one
     calls CBQuiz.register. A <script src> works from file://, where fetch() does not,
     and the browser keeps each file (its name changes with its content). */
  var registry = {}, loading = {};
  var ASSET = /^(banks|strings)\/[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.js$/;
  var NOT_A_FILE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|#|\/|\?)/;
  function register(kind, key, data) {
    if (typeof kind === 'string' && typeof key === 'string' && data && typeof data === 'object') registry[kind + ':' + key] = data;
  }
  function assetURL(src) {
    if (typeof src !== 'string' || !ASSET.test(src)) throw new Error('bad asset name');
    return new URL(src, SELF || document.baseURI).href;
  }
  function need(src, done) {
    var url = assetURL(src);
    if (!loading[url]) {
      var waiting = [], el = document.createElement('script');
      loading[url] = waiting;
      el.src = url; el.async = true;
      el.onload = function () { waiting.done = true; waiting.splice(0).forEach(function (f) { f(null); }); };
      el.onerror = function () { waiting.failed = true; waiting.splice(0).forEach(function (f) { f(new Error('could not load ' + src)); }); };
      document.head.appendChild(el);
    }
    var w = loading[url];
    if (w.done) done(null); else if (w.failed) done(new Error('could not load ' + src)); else w.push(done);
  }
  /* links in a bank's HTML are relative to the bank's file: made absolute for any page */
  function rebase(value, base) {
    if (typeof value === 'string') return value.replace(/(\b(?:src|href)=")([^"]+)(")/g, function (m, a, u, b) { return NOT_A_FILE.test(u) ? m : a + new URL(u, base).href + b; });
    if (Array.isArray(value)) return value.map(function (v) { return rebase(v, base); });
    if (value && typeof value === 'object') { var o = {}; Object.keys(value).forEach(function (k) { o[k] = rebase(value[k], base); }); return o; }
    return value;
  }
  function withSharedData(D, done) {
    var srcs = [D.bank_src, D.strings_src].filter(Boolean), left = srcs.length, failed = null;
    if (!left) return done(null);
    srcs.forEach(function (src) {
      need(src, function (err) {
        failed = failed || err;
        if (--left) return;
        if (failed) return done(failed);
        var bank = registry['bank:' + D.bank], strings = registry['strings:' + D.lang];
        if (!bank || !Array.isArray(bank.questions)) return done(new Error('no questions'));
        D.questions = rebase(bank.questions, assetURL(D.bank_src));
        if (strings && !D.strings) D.strings = strings;
        done(null);
      });
    });
  }
  function failed(el, e) {
    if (window.console) console.error('curriculum-builder:', e);
    if (!el.classList.contains('cb-gain')) { el.textContent = ''; el.appendChild(h('p', { cls: 'cb-error', role: 'alert', text: T(null, 'Could not load this part of the page.') })); }
  }

  /* ---------- a quiz ---------- */
  function mountQuiz(root) {
    var D = readJSON(root, 'data-quiz-data');
    if (Array.isArray(D.questions)) return runQuiz(root, D);
    withSharedData(D, function (err) {
      if (err) return failed(root, err);
      try { runQuiz(root, D); } catch (e) { failed(root, e); }
    });
  }
  function runQuiz(root, D) {
    if (!Array.isArray(D.questions)) throw new Error('no questions');
    var S = D.strings || {}, L = D.lang, course = D.course || 'course', key = quizKey(D.module, D.quiz);
    var limit = num(D.attempts), passMark = num(D.pass_mark), draw = num(D.draw);
    var bank = D.questions.filter(function (q) { return q && /^(single|multiple|true-false|fill-in|matching|ordering|open|numeric)$/.test(q.type); });
    var live = h('div', { cls: 'cb-sr', role: 'status', 'aria-live': 'polite' });
    var meta = h('div', { cls: 'cb-meta' }), body = h('div', { cls: 'cb-questions' });
    var result = h('div', { cls: 'cb-result', hidden: true });
    var finishBtn = h('button', { type: 'button', cls: 'cb-btn cb-btn--primary cb-finish', text: T(S, 'finish'), onclick: finish });
    var actions = h('div', { cls: 'cb-actions' }, [finishBtn]);
    var items = [], rated = false;
    /* inside an LMS (scorm.js) the attempt in progress is kept, so a relaunch resumes it */
    var resumable = !!(window.CBStorage && window.CBStorage.resume), akey = NS + 'attempt:' + course + ':' + key;
    function readAttempt() {
      if (!resumable) return null;
      try { var a = JSON.parse(store().getItem(akey)); return a && Array.isArray(a.qids) && Array.isArray(a.answers) ? a : null; } catch (e) { return null; }
    }
    function saveAttempt(finished) {
      if (!resumable) return;
      var a = { qids: items.map(function (it) { return it.q.id; }), answers: items.map(function (it) { return it.save(); }),
        checked: items.map(function (it) { return it.checked; }), finished: !!finished };
      try { store().setItem(akey, JSON.stringify(a)); } catch (e) { /* full */ }
    }
    function emit(name, detail) { try { document.dispatchEvent(new CustomEvent(name, { detail: detail })); } catch (e) { /* old browser */ } }
    root.textContent = '';
    [meta, body, actions, result, live].forEach(function (e) { root.appendChild(e); });

    function say(msg) { live.textContent = ''; setTimeout(function () { live.textContent = msg; }, 50); }
    function left(e) { return limit === null ? null : Math.max(0, limit - (e ? e.attempts : 0)); }
    function showMeta(e) {
      meta.textContent = '';
      var lines = [T(S, 'questions_count', { n: items.length || Math.min(bank.length, draw || bank.length) })];
      if (passMark !== null) lines.push(T(S, 'pass_mark', { pass_mark: fmt(passMark, L) }));
      if (limit !== null) lines.push(T(S, 'attempts_left', { n: left(e), total: limit }));
      if (e) lines.push(T(S, 'best_result', { percent: e.best }));
      if (!store()) lines.push(T(S, 'storage_off'));
      lines.forEach(function (l) { meta.appendChild(h('p', { text: l })); });
    }
    function start(resume) {
      var qs = bank.slice(), saved = resume ? readAttempt() : null;
      if (draw !== null && draw > 0 && draw < qs.length) {
        var pick = shuffle(range(qs.length)).slice(0, draw).sort(function (a, b) { return a - b; });
        qs = pick.map(function (i) { return qs[i]; });
      }
      if (D.shuffle) qs = shuffle(qs);
      var byId = {}; bank.forEach(function (q) { byId[q.id] = q; });
      if (saved && saved.qids.every(function (id) { return byId[id]; })) qs = saved.qids.map(function (id) { return byId[id]; });
      else { saved = null; if (resumable) store().removeItem(akey); }
      body.textContent = ''; result.hidden = true; result.textContent = '';
      rated = false;
      items = qs.map(function (q, i) { return question(q, i, qs.length); });
      items.forEach(function (it) { body.appendChild(it.el); });
      finishBtn.hidden = false;
      showMeta(load(course).quizzes[key]);
      if (!saved) return;
      items.forEach(function (it, i) { it.restore(saved.answers[i]); if (saved.checked[i] || saved.finished) it.check(true); });
      if (saved.finished) finish(null, true);
    }
    function done(e) { // no attempts left
      body.textContent = ''; finishBtn.hidden = true;
      showMeta(e);
      result.hidden = false; result.textContent = '';
      result.appendChild(h('p', { text: T(S, 'no_attempts', { attempts: limit }) }));
      result.appendChild(h('p', { text: T(S, 'best_result', { percent: e.best }) }));
      if (e.passed !== null) result.appendChild(h('p', { cls: e.passed ? 'cb-ok' : 'cb-bad', text: T(S, e.passed ? 'passed' : 'failed', { pass_mark: fmt(passMark, L) }) }));
    }
    function finish(ev, restored) {
      var open = null;
      items.forEach(function (it) { if (!it.checked) { it.check(true); if (it.q.type === 'open') open = open || it.el; } });
      if (open && !rated && !restored) {
        rated = true; say(T(S, 'rate_open'));
        var b = open.querySelector('.cb-checklist input'); if (b) b.focus();
        return;
      }
      var pts = 0, max = 0;
      items.forEach(function (it) { var s = it.result(); pts += s.points; max += s.max; it.freeze(); it.el.setAttribute('data-points', s.points); });
      pts = Math.round(pts * 100) / 100;
      var pct = pctOf(pts, max), e = (restored && load(course).quizzes[key]) || record(course, key, D.kind, pct, passMark), rem = left(e);
      finishBtn.hidden = true;
      showMeta(e);
      var head = h('h2', { tabindex: '-1', text: T(S, 'result') });
      var lines = [T(S, 'score', { points: fmt(pts, L), max: fmt(max, L), percent: pct })];
      result.textContent = ''; result.hidden = false;
      [['points', pts], ['max', max], ['percent', pct], ['passed', passMark === null ? '' : pct >= passMark]].forEach(function (a) { result.setAttribute('data-' + a[0], a[1]); });
      result.appendChild(head);
      result.appendChild(h('p', { text: lines[0] }));
      if (passMark !== null) {
        var ok = pct >= passMark;
        lines.push((ok ? '\u2713 ' : '\u2717 ') + T(S, ok ? 'passed' : 'failed', { pass_mark: fmt(passMark, L) }));
        result.appendChild(h('p', { cls: ok ? 'cb-ok' : 'cb-bad', text: lines[1] }));
      }
      if (e.attempts > 1) result.appendChild(h('p', { text: T(S, 'best_result', { percent: e.best }) }));
      if (rem === 0) result.appendChild(h('p', { text: T(S, 'no_attempts', { attempts: limit }) }));
      else {
        if (rem !== null) result.appendChild(h('p', { text: T(S, 'attempts_left', { n: rem, total: limit }) }));
        result.appendChild(h('p', {}, [h('button', { type: 'button', cls: 'cb-btn cb-again', text: T(S, 'new_attempt'),
          onclick: function () { start(); var f = body.querySelector('input,select,textarea,button'); if (f) f.focus(); } })]));
      }
      if (restored) return;
      saveAttempt(true);
      emit('cb:quiz-finished', { course: course, module: D.module, quiz: D.quiz, kind: D.kind, points: pts, max: max, percent: pct,
        pass_mark: passMark, passed: passMark === null ? null : pct >= passMark });
      head.focus();
      say(lines.join(' '));
    }

    /* one question: fieldset with the prompt, inputs, Check, Hint, feedback */
    function question(q, index, total) {
      var qid = nid(), numId = qid + 'n', promptId = qid + 'p', S = q.lang ? inLang(D.strings || {}, L) : D.strings || {};
      var fs = h('fieldset', { cls: 'cb-q cb-q-' + q.type, 'data-qid': q.id, 'aria-labelledby': numId + ' ' + promptId, lang: q.lang }, [
        h('legend', { id: numId }, [h('span', { text: T(S, 'question_n', { n: index + 1, total: total }) }), document.createTextNode(' \u00b7 '),
          h('span', { text: T(S, 'points_n', { n: fmt(score(q).max, L) }) })]),
        h('div', { id: promptId, cls: 'cb-prompt', html: q.prompt })
      ]);
      var fb = h('div', { cls: 'cb-feedback', tabindex: '-1' });
      var ui = TYPES[q.type](q, fs, qid, S, say, check, !!D.shuffle);
      var checkBtn = h('button', { type: 'button', cls: 'cb-btn cb-check', text: T(S, 'check'), onclick: function () { check(false); } });
      var bar = h('div', { cls: 'cb-qactions' }, [checkBtn]);
      if (q.hint) {
        var hintBox = h('div', { cls: 'cb-hint', id: qid + 'h', hidden: true });
        var hintBtn = h('button', { type: 'button', cls: 'cb-btn cb-hintbtn', 'aria-expanded': 'false', 'aria-controls': qid + 'h', text: T(S, 'hint'),
          onclick: function () {
            var show = hintBox.hidden;
            if (show && !hintBox.innerHTML) hintBox.innerHTML = q.hint;
            hintBox.hidden = !show; hintBtn.setAttribute('aria-expanded', String(show));
          } });
        bar.appendChild(hintBtn); fs.appendChild(bar); fs.appendChild(hintBox);
      } else fs.appendChild(bar);
      fs.appendChild(fb);
      var it = { q: q, el: fs, checked: false, check: check, freeze: ui.freeze || function () {}, result: function () { return score(q, ui.get()); },
        save: ui.save || ui.get, restore: function (v) { if (v != null) (ui.load || ui.set)(v); } };
      function check(forced) {
        var r = ui.get();
        if (!forced && ui.empty(r)) { say(T(S, (ui.problem && ui.problem(r)) || 'answer_first')); return; }
        it.checked = true;
        var hadFocus = fs.contains(document.activeElement);
        ui.lock();
        checkBtn.remove();
        var res = score(q, r), msg;
        fs.setAttribute('data-points', res.points); fs.setAttribute('data-max', res.max);
        ui.mark(r, fb);
        if (q.type === 'open') msg = T(S, 'open_rate');
        else {
          var k = res.right >= 1 - 1e-9 ? 'correct' : res.right > 0 ? 'partly' : 'incorrect'; /* points: 0 too */
          msg = T(S, k) + '. ' + T(S, 'points', { points: fmt(res.points, L), max: fmt(res.max, L) });
          fb.insertBefore(h('p', { cls: 'cb-verdict cb-' + (k === 'correct' ? 'ok' : k === 'partly' ? 'part' : 'bad'), lang: T(S, k).lang }, [
            h('span', { cls: 'cb-icon', 'aria-hidden': 'true', text: k === 'correct' ? '\u2713' : k === 'partly' ? '\u25d1' : '\u2717' }),
            document.createTextNode(' ' + msg)]), fb.firstChild);
          if (D.show_answers && k !== 'correct') {
            var sa = h('button', { type: 'button', cls: 'cb-btn cb-show', text: T(S, 'show_answer'), onclick: function () {
              var box = h('div', { cls: 'cb-answer' }, [h('p', {}, [h('strong', { text: T(S, 'correct_answer') })])]);
              ui.reveal(box); sa.remove(); fb.insertBefore(box, fb.firstChild.nextSibling); box.setAttribute('tabindex', '-1'); box.focus();
              say(T(S, 'correct_answer') + ': ' + box.textContent.replace(T(S, 'correct_answer'), ''));
            } });
            bar.appendChild(sa);
          }
        }
        if (q.explanation) fb.appendChild(h('div', { cls: 'cb-explanation' }, [h('p', {}, [h('strong', { text: T(S, 'explanation') })]), h('div', { html: q.explanation })]));
        if (!forced) {
          say(msg);
          if (hadFocus && !fs.contains(document.activeElement)) (bar.querySelector('button') || fb).focus();
        }
      }
      return it;
    }

    root.addEventListener('change', function () { saveAttempt(false); });
    root.addEventListener('click', function () { setTimeout(function () { saveAttempt(items.length && finishBtn.hidden); }, 0); });
    var e0 = load(course).quizzes[key];
    if (limit !== null && e0 && e0.attempts >= limit && !readAttempt()) done(e0); else start(true);
  }

  /* ---------- question types: each returns {get, empty, lock, mark, reveal, freeze} ---------- */
  function mark(target, ok, S, text) { // ok: true, false, or a share of the points (partly right)
    var part = typeof ok === 'number' && ok > 0 && ok < 1 - 1e-9, good = part || ok === true || ok >= 1 - 1e-9;
    target.classList.add(part ? 'cb-part' : good ? 'cb-ok' : 'cb-bad');
    target.appendChild(h('span', { cls: 'cb-mark' }, [h('span', { cls: 'cb-icon', 'aria-hidden': 'true', text: part ? ' \u25d1 ' : good ? ' \u2713 ' : ' \u2717 ' }),
      document.createTextNode(text || T(S, part ? 'partly' : good ? 'correct' : 'incorrect'))]));
  }
  function said(fb, html) { if (html) fb.appendChild(h('div', { cls: 'cb-optfb', html: html })); }
  function typed(q, fs, qid, S, check, props, label, unit) { // a one-line answer field with its label (and unit)
    var uid = qid + 'u', inp = h('input', Object.assign({ type: 'text', id: qid + 'i', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
      'aria-describedby': unit ? uid : null, onkeydown: function (ev) { if (ev.key === 'Enter') { ev.preventDefault(); check(false); } } }, props));
    fs.appendChild(h('div', { cls: 'cb-fill' }, [h('label', { for: qid + 'i', text: T(S, label) }), inp,
      unit ? h('span', { id: uid, cls: 'cb-unit', text: unit }) : null]));
    return inp;
  }
  function shown(x, lang) { try { return Number(x).toLocaleString(lang || undefined, { maximumFractionDigits: 10 }); } catch (e) { return String(x); } }
  function choice(q, fs, qid, S, say, check, mix) {
    var tf = q.type === 'true-false', multi = q.type === 'multiple';
    var opts = tf ? [{ text: T(S, 'true'), v: true }, { text: T(S, 'false'), v: false }] : arr(q.options);
    var order = tf || !mix ? range(opts.length) : shuffle(range(opts.length));
    var box = h('div', { cls: 'cb-options' }), inputs = [];
    order.forEach(function (i) {
      var iid = nid(), inp = h('input', { type: multi ? 'checkbox' : 'radio', name: qid, id: iid });
      inp.cbIndex = i; inputs.push(inp);
      box.appendChild(h('div', { cls: 'cb-opt' }, [inp, h('label', { for: iid, html: tf ? null : inline(opts[i].text), text: tf ? opts[i].text : null })]));
    });
    fs.appendChild(box);
    function isRight(i) { return tf ? opts[i].v === !!q.answer : !!opts[i].correct; }
    function sel() { return inputs.filter(function (x) { return x.checked; }).map(function (x) { return x.cbIndex; }); }
    return {
      get: function () { var s = sel(); return multi ? s : s.length ? (tf ? opts[s[0]].v : s[0]) : null; },
      set: function (r) { inputs.forEach(function (x) { x.checked = multi ? arr(r).indexOf(x.cbIndex) >= 0 : tf ? opts[x.cbIndex].v === r : x.cbIndex === r; }); },
      empty: function (r) { return multi ? !r.length : r === null; },
      lock: function () { inputs.forEach(function (x) { x.disabled = true; }); },
      mark: function () {
        inputs.forEach(function (x) {
          if (!x.checked) return;
          var row = x.parentNode, o = opts[x.cbIndex];
          mark(row, isRight(x.cbIndex) || share(o.credit), S);
          said(row, tf ? q[o.v ? 'feedback_true' : 'feedback_false'] : o.feedback);
        });
      },
      reveal: function (out) {
        var ul = h('ul');
        opts.forEach(function (o, i) { if (isRight(i)) ul.appendChild(h('li', { html: tf ? null : inline(o.text), text: tf ? o.text : null })); });
        out.appendChild(ul);
      }
    };
  }
  var TYPES = {
    single: choice, multiple: choice, 'true-false': choice,
    'fill-in': function (q, fs, qid, S, say, check) {
      var inp = typed(q, fs, qid, S, check, {}, 'your_answer');
      return {
        get: function () { return inp.value; },
        set: function (r) { inp.value = String(r); },
        empty: function (r) { return !r.trim(); },
        lock: function () { inp.readOnly = true; },
        mark: function (r, fb) {
          var f = score(q, r).right, p = f < 1 ? partial(q, r) : null;
          mark(inp.parentNode, f, S);
          said(fb, f >= 1 ? q.feedback_right : p ? p.feedback : q.feedback_wrong);
        },
        reveal: function (out) { out.appendChild(h('p', { text: arr(q.answers).join(' \u00b7 ') })); }
      };
    },
    numeric: function (q, fs, qid, S, say, check) {
      var lang = fs.lang || document.documentElement.lang, inp = typed(q, fs, qid, S, check, { inputmode: 'decimal' }, 'your_number', q.unit || '');
      return {
        get: function () { return inp.value; },
        set: function (r) { inp.value = String(r); },
        empty: function (r) { return number(r) === null; },
        problem: function (r) { return r.trim() ? 'not_a_number' : null; },
        lock: function () { inp.readOnly = true; },
        mark: function (r, fb) {
          var a = hit(q, r);
          mark(inp.parentNode, score(q, r).right, S);
          said(fb, a ? a.feedback : q.feedback_wrong);
        },
        reveal: function (out) {
          var ul = h('ul');
          arr(q.answers).forEach(function (a) {
            if (num(a.credit) !== null && a.credit < 100) return;
            ul.appendChild(h('li', { text: shown(a.value, lang) + (a.tolerance ? ' \u00b1 ' + shown(a.tolerance, lang) : '') + (q.unit ? ' ' + q.unit : '') }));
          });
          out.appendChild(ul);
        }
      };
    },
    matching: function (q, fs, qid, S) {
      var pairs = arr(q.pairs), perm = shuffle(range(pairs.length)), sels = [];
      if (pairs.length > 1 && perm.every(function (x, i) { return x === i; })) perm.push(perm.shift());
      var box = h('div', { cls: 'cb-match' });
      pairs.forEach(function (p, i) {
        var sid = qid + 's' + i;
        var s = h('select', { id: sid }, [h('option', { value: '', text: T(S, 'choose') })]);
        perm.forEach(function (j, k) { s.appendChild(h('option', { value: String(k), text: plain(pairs[j].right) })); });
        sels.push(s);
        box.appendChild(h('div', { cls: 'cb-row' }, [h('label', { for: sid, html: inline(p.left) }), s]));
      });
      fs.appendChild(box);
      function get() { return sels.map(function (s) { return s.value === '' ? null : perm[+s.value]; }); }
      return {
        get: get,
        set: function (r) { sels.forEach(function (s, i) { var k = perm.indexOf(arr(r)[i]); s.value = k < 0 ? '' : String(k); }); },
        empty: function (r) { return r.every(function (x) { return x === null; }); },
        lock: function () { sels.forEach(function (s) { s.disabled = true; }); },
        mark: function (r) { sels.forEach(function (s, i) { var c = pairs[r[i]]; mark(s.parentNode, !!c && c.right === pairs[i].right, S); }); },
        reveal: function (out) {
          var ul = h('ul');
          pairs.forEach(function (p) { ul.appendChild(h('li', { text: plain(p.left) + ' \u2192 ' + plain(p.right) })); });
          out.appendChild(ul);
        }
      };
    },
    ordering: function (q, fs, qid, S, say) {
      var its = arr(q.items), order = shuffle(range(its.length)), locked = false;
      if (its.length > 1 && order.every(function (x, i) { return x === i; })) order.push(order.shift());
      var ol = h('ol', { cls: 'cb-order' }), lis = [];
      its.forEach(function (html, i) {
        var name = plain(html);
        var up = h('button', { type: 'button', cls: 'cb-up', 'aria-label': T(S, 'move_up', { item: name }), text: '\u2191' });
        var down = h('button', { type: 'button', cls: 'cb-down', 'aria-label': T(S, 'move_down', { item: name }), text: '\u2193' });
        var li = h('li', {}, [h('span', { cls: 'cb-item', html: inline(html) }), h('span', { cls: 'cb-moves' }, [up, down])]);
        function go(d, btn) {
          var p = order.indexOf(i), t = p + d;
          if (locked || t < 0 || t >= order.length) return;
          order.splice(p, 1); order.splice(t, 0, i);
          draw();
          var f = btn.disabled ? (btn === up ? down : up) : btn; f.focus();
          say(T(S, 'moved', { item: name, pos: t + 1, total: order.length }));
        }
        up.addEventListener('click', function () { go(-1, up); });
        down.addEventListener('click', function () { go(1, down); });
        li.addEventListener('keydown', function (ev) {
          if (ev.target.tagName !== 'BUTTON' || (ev.key !== 'ArrowUp' && ev.key !== 'ArrowDown')) return;
          ev.preventDefault(); go(ev.key === 'ArrowUp' ? -1 : 1, ev.key === 'ArrowUp' ? up : down);
        });
        li.cb = [up, down]; lis[i] = li;
      });
      function draw() {
        order.forEach(function (i, p) { var li = lis[i]; ol.appendChild(li); li.cb[0].disabled = locked || p === 0; li.cb[1].disabled = locked || p === order.length - 1; });
      }
      draw(); fs.appendChild(ol);
      return {
        get: function () { return order.slice(); },
        set: function (r) { if (arr(r).length === order.length) { order = r.slice(); draw(); } },
        empty: function () { return false; },
        lock: function () { locked = true; draw(); },
        mark: function () {},
        reveal: function (out) {
          var o = h('ol');
          its.forEach(function (x) { o.appendChild(h('li', { html: inline(x) })); });
          out.appendChild(o);
        }
      };
    },
    open: function (q, fs, qid, S) {
      var ta = h('textarea', { id: qid + 't', rows: '5' }), boxes = [], ticked = [];
      fs.appendChild(h('div', { cls: 'cb-open' }, [h('label', { for: qid + 't', text: T(S, 'your_answer') }), ta]));
      function get() { return boxes.map(function (b, i) { return b.checked ? i : -1; }).filter(function (i) { return i >= 0; }); }
      return {
        get: get,
        save: function () { return { text: ta.value, ticked: get() }; },
        load: function (v) { ta.value = String(v.text || ''); ticked = arr(v.ticked); },
        empty: function () { return !ta.value.trim(); },
        lock: function () { ta.readOnly = true; },
        freeze: function () { boxes.forEach(function (b) { b.disabled = true; }); },
        mark: function (r, fb) {
          var list = arr(q.checklist).length ? arr(q.checklist) : [T(S, 'self_ok')];
          var lid = nid(), g = h('div', { cls: 'cb-checklist', role: 'group', 'aria-labelledby': lid }, [h('p', { id: lid, text: T(S, 'checklist') })]);
          list.forEach(function (c, i) {
            var cid = lid + 'c' + i, b = h('input', { type: 'checkbox', id: cid, checked: ticked.indexOf(i) >= 0 });
            boxes.push(b);
            g.appendChild(h('div', { cls: 'cb-opt' }, [b, h('label', { for: cid, html: inline(c) })]));
          });
          if (q.model_answer) fb.appendChild(h('div', { cls: 'cb-model' }, [h('p', {}, [h('strong', { text: T(S, 'model_answer') })]), h('div', { html: q.model_answer })]));
          fb.appendChild(g);
        }
      };
    }
  };

  /* ---------- knowledge gain on a module page ---------- */
  function mountGain(root) {
    var course = root.getAttribute('data-course'), mod = root.getAttribute('data-module'), S = {};
    try { S = root.getAttribute('data-strings') ? JSON.parse(root.getAttribute('data-strings')) : readJSON(root, 'data-gain-data').strings || {}; } catch (e) { S = {}; }
    var qs = load(course).quizzes, pre = null, post = null;
    Object.keys(qs).forEach(function (k) {
      if (k.indexOf(mod + '/') !== 0) return;
      var e = qs[k], kind = e.kind || (/pre-test$/.test(k) ? 'pre' : /post-test$/.test(k) ? 'post' : '');
      if (kind === 'pre' && (pre === null || k === mod + '/pre-test')) pre = e.first;
      if (kind === 'post') post = Math.max(post === null ? -1 : post, e.best);
    });
    root.textContent = '';
    if (pre === null || post === null) return;
    var d = post - pre;
    var v = { pre: pre, post: post, delta: (d > 0 ? '+' : d < 0 ? '\u2212' : '\u00b1') + Math.abs(d) };
    root.appendChild(h('p', { text: S.gain ? T(S, 'gain', v) : T(null, '{pre}% \u2192 {post}% ({delta})', v) }));
  }

  /* ---------- My progress ---------- */
  function mountProgress(root) {
    var D = readJSON(root, 'data-progress-data'), S = D.strings || {}, L = D.lang, course = D.course || 'course';
    var live = h('div', { cls: 'cb-sr', role: 'status', 'aria-live': 'polite' }), main = h('div');
    root.textContent = '';
    root.appendChild(main); root.appendChild(live);
    function say(m) { live.textContent = ''; setTimeout(function () { live.textContent = m; }, 50); }
    function render() {
      main.textContent = '';
      document.documentElement.classList.remove('cb-print-cert');
      var qs = load(course).quizzes, posts = 0, passed = 0, tbodies = [];
      arr(D.modules).forEach(function (m) {
        if (!arr(m.quizzes).length) return;
        var tbody = h('tbody'); tbodies.push(tbody); /* one per module: its th scope="rowgroup" */
        arr(m.quizzes).forEach(function (z, i) {
          /* the pass mark of today's site, as on the quiz page: not a "passed" stored under an older one */
          var e = qs[quizKey(m.id, z.quiz)], pm = num(z.pass_mark), ok = !!e && (pm === null || e.best >= pm);
          if (z.kind === 'post') { posts++; if (ok) passed++; }
          var st = !e ? T(S, 'not_attempted') : pm === null ? T(S, 'status_done') : ok ? T(S, 'status_passed') : T(S, 'status_failed');
          var tr = h('tr', {});
          if (!i) tr.appendChild(h('th', { scope: 'rowgroup', rowspan: String(arr(m.quizzes).length) }, [h('a', { href: m.url || null, text: m.title || m.id })]));
          tr.appendChild(h('td', {}, [h('a', { href: z.url || null, text: z.title || z.quiz })]));
          tr.appendChild(h('td', { text: e ? e.best + '%' : '\u2014' }));
          tr.appendChild(h('td', { text: e ? String(e.attempts) : '0' }));
          tr.appendChild(h('td', { cls: e ? (ok ? 'cb-ok' : pm !== null ? 'cb-bad' : '') : '' }, [
            h('span', { cls: 'cb-icon', 'aria-hidden': 'true', text: e ? (ok ? '\u2713 ' : pm !== null ? '\u2717 ' : '') : '' }), document.createTextNode(st)]));
          tbody.appendChild(tr);
        });
      });
      var head = h('tr', {}, ['col_module', 'col_quiz', 'col_best', 'col_attempts', 'col_status'].map(function (k) { return h('th', { scope: 'col', text: T(S, k) }); }));
      main.appendChild(h('div', { cls: 'md-typeset__table' }, [h('table', { cls: 'cb-table' }, [h('thead', {}, [head])].concat(tbodies))]));
      main.appendChild(h('p', { text: T(S, 'posts_passed', { n: passed, total: posts }) }));
      main.appendChild(certificate(posts > 0 && passed === posts));
      var confirmBox = h('div', { cls: 'cb-confirm', hidden: true, role: 'group', 'aria-labelledby': nid() });
      var q = h('p', { id: confirmBox.getAttribute('aria-labelledby'), text: T(S, 'reset_confirm') });
      var resetBtn = h('button', { type: 'button', cls: 'cb-btn cb-reset', text: T(S, 'reset'), onclick: function () { confirmBox.hidden = false; yes.focus(); } });
      var yes = h('button', { type: 'button', cls: 'cb-btn cb-btn--primary cb-reset-yes', text: T(S, 'reset_yes'), onclick: function () {
        reset(course); render(); say(T(S, 'reset_done')); var b = main.querySelector('.cb-reset'); if (b) b.focus(); } });
      var no = h('button', { type: 'button', cls: 'cb-btn cb-reset-no', text: T(S, 'cancel'), onclick: function () { confirmBox.hidden = true; resetBtn.focus(); } });
      [q, yes, no].forEach(function (x) { confirmBox.appendChild(x); });
      main.appendChild(h('div', { cls: 'cb-actions' }, [resetBtn]));
      main.appendChild(confirmBox);
    }
    function certificate(ok) {
      var box = h('div', { cls: 'cb-certbox' });
      if (num(D.lms_posts)) { box.appendChild(h('p', { text: T(S, 'cert_lms') })); return box; } // the LMS certifies
      if (!ok) { box.appendChild(h('p', { text: T(S, 'cert_locked') })); return box; }
      var iid = nid(), inp = h('input', { type: 'text', id: iid, autocomplete: 'name' }), out = h('div');
      function show() {
        var name = inp.value.trim();
        if (!name) { say(T(S, 'cert_name_needed')); inp.focus(); return; }
        var date; try { date = new Date().toLocaleDateString(L || undefined, { year: 'numeric', month: 'long', day: 'numeric' }); } catch (e) { date = new Date().toISOString().slice(0, 10); }
        var ul = h('ul');
        arr(D.modules).forEach(function (m) { ul.appendChild(h('li', { text: m.title || m.id })); });
        out.textContent = '';
        var ac = D.academy;  // course.yaml: academy {name, logo}
        var cert = h('div', { cls: 'cb-cert', tabindex: '-1' }, [
          ac && h('p', { cls: 'cb-cert-academy' }, [ac.logo && h('img', { src: ac.logo, alt: '' }), h('span', { text: ac.name })]),
          h('p', { cls: 'cb-cert-title', text: T(S, 'cert_title') }),
          h('p', { text: T(S, 'cert_text') }),
          h('p', { cls: 'cb-cert-name', text: name }),
          h('p', { text: T(S, 'cert_course') }),
          h('p', { cls: 'cb-cert-course', text: D.title || course }),
          h('p', { text: T(S, 'cert_modules') }), ul,
          h('p', { text: T(S, 'cert_date', { date: date }) })]);
        out.appendChild(cert);
        out.appendChild(h('p', {}, [h('button', { type: 'button', cls: 'cb-btn cb-btn--primary cb-print', text: T(S, 'print'), onclick: function () { window.print(); } })]));
        document.documentElement.classList.add('cb-print-cert');
        cert.focus(); say(T(S, 'cert_ready'));
      }
      inp.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { ev.preventDefault(); show(); } });
      [h('p', { cls: 'cb-ok', text: '\u2713 ' + T(S, 'cert_earned') }),
        h('div', { cls: 'cb-fill' }, [h('label', { for: iid, text: T(S, 'cert_name') }), inp]),
        h('p', {}, [h('button', { type: 'button', cls: 'cb-btn cb-cert-show', text: T(S, 'cert_show'), onclick: show })]), out
      ].forEach(function (x) { box.appendChild(x); });
      return box;
    }
    render();
  }

  /* ---------- start ---------- */
  function each(sel, fn) {
    [].forEach.call(document.querySelectorAll(sel), function (el) {
      if (el.getAttribute('data-cb-ready')) return;
      el.setAttribute('data-cb-ready', '1');
      try { fn(el); } catch (e) { failed(el, e); }
    });
  }
  function init() { each('.cb-quiz', mountQuiz); each('.cb-gain', mountGain); each('.cb-progress', mountProgress); }
  var subscribed = false;
  function boot() {
    init();
    if (!subscribed && window.document$ && typeof window.document$.subscribe === 'function') { subscribed = true; window.document$.subscribe(function () { init(); }); }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot); else boot();
  window.CBQuiz = { register: register, score: score, normalise: normalise, number: number, lis: lis, load: load, save: save, reset: reset, init: init, key: function (c) { return NS + c; }, version: 1 };
})();
