/* curriculum-builder in an LMS: the SCORM 1.2 / 2004 side of a module package.
 * The package's launch page (index.html) holds the one connection to the LMS and shows the
 * module's pages in a frame; each page asks it for storage (cmi.suspend_data) and reports
 * finished quizzes to it. Without an LMS nothing here runs: the pages keep their results in
 * the browser, as on the site (see docs/lms.md). Vanilla ES2017, no dependencies. */
(function () {
  'use strict';
  var root = document.documentElement, version = root.getAttribute('data-scorm');

  /* ---------- a content page: use the launch page's connection, if there is one ---------- */
  if (!root.hasAttribute('data-scorm-launch')) {
    var host = null;
    try { host = window.parent !== window && window.parent.CBScorm ? window.parent.CBScorm : null; } catch (e) { host = null; }
    if (!host) return;
    window.CBStorage = host.storage;
    document.addEventListener('cb:quiz-finished', function (ev) { host.finished(ev.detail || {}); });
    return;
  }

  /* ---------- the launch page: find the LMS's API and keep the connection ---------- */
  var is2004 = version === '2004', name = is2004 ? 'API_1484_11' : 'API';
  function find(w) {
    for (var n = 0; w && n < 10; n++) {
      try { if (w[name]) return w[name]; } catch (e) { /* another origin */ }
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  }
  var api = find(window);
  if (!api) { try { api = window.opener ? find(window.opener) : null; } catch (e) { api = null; } }
  if (!api) return;
  var F = is2004 ? { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', end: 'Terminate' }
    : { init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', end: 'LMSFinish' };
  var C = is2004 ? { raw: 'cmi.score.raw', min: 'cmi.score.min', max: 'cmi.score.max', time: 'cmi.session_time',
    data: 'cmi.suspend_data', exit: 'cmi.exit', completion: 'cmi.completion_status' }
    : { raw: 'cmi.core.score.raw', min: 'cmi.core.score.min', max: 'cmi.core.score.max', time: 'cmi.core.session_time',
      data: 'cmi.suspend_data', exit: 'cmi.core.exit', status: 'cmi.core.lesson_status' };
  function get(k) { try { return String(api[F.get](k) || ''); } catch (e) { return ''; } }
  function set(k, v) { try { return api[F.set](k, String(v)); } catch (e) { return 'false'; } }
  if (String(api[F.init]('')) !== 'true') return;

  var started = Date.now(), ended = false, data = {};
  try { data = JSON.parse(get(C.data) || '{}') || {}; } catch (e) { data = {}; }
  if (typeof data !== 'object' || Array.isArray(data)) data = {};
  var posts = +(root.getAttribute('data-posts') || 0), LIMIT = is2004 ? 64000 : 4096;
  /* suspend_data within the version's limit: results first, then the post-test in progress;
     other quizzes' attempts in progress are dropped first when the state grows too long */
  function packed() {
    var s = JSON.stringify(data), keep = {}, post = null;
    if (s.length <= LIMIT) return s;
    Object.keys(data).forEach(function (k) {
      if (k.indexOf(':attempt:') < 0) keep[k] = data[k]; else if (/\/post-test$/.test(k)) post = k;
    });
    if (post) {
      keep[post] = data[post]; s = JSON.stringify(keep);
      if (s.length <= LIMIT) return s;
      delete keep[post];
    }
    return JSON.stringify(keep);
  }

  function two(n) { return (n < 10 ? '0' : '') + n; }
  function sessionTime() {
    var s = Math.max(0, Math.round((Date.now() - started) / 10) / 100), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s - h * 3600 - m * 60;
    if (is2004) return 'PT' + h + 'H' + m + 'M' + (Math.round(r * 100) / 100) + 'S';
    var sec = r.toFixed(2); if (r < 10) sec = '0' + sec;
    return (h < 10 ? '000' : h < 100 ? '00' : h < 1000 ? '0' : '') + h + ':' + two(m) + ':' + sec;
  }
  function commit() { set(C.time, sessionTime()); try { api[F.commit](''); } catch (e) { /* LMS gone */ } }
  function status(completed, passed) { // passed: true, false or null (no pass mark)
    if (is2004) {
      set(C.completion, completed ? 'completed' : 'incomplete');
      set('cmi.success_status', passed === null ? 'unknown' : passed ? 'passed' : 'failed');
    } else {
      set(C.status, passed === null ? (completed ? 'completed' : 'incomplete') : passed ? 'passed' : 'failed');
    }
  }
  var current = is2004 ? get(C.completion) : get(C.status);
  if (!posts && current !== 'completed') status(true, null); // nothing to pass: opening the module completes it
  else if (/^(not attempted|unknown|)$/.test(current)) status(false, null);
  set(C.exit, 'suspend'); // keep suspend_data: a relaunch of this attempt resumes it

  window.CBScorm = {
    version: version,
    storage: {
      resume: true,
      getItem: function (k) {
        if (!Object.prototype.hasOwnProperty.call(data, k)) return null;
        return typeof data[k] === 'string' ? data[k] : JSON.stringify(data[k]);
      },
      setItem: function (k, v) { // kept parsed: suspend_data is short (4096 characters in SCORM 1.2)
        try { data[k] = JSON.parse(v); } catch (e) { data[k] = String(v); }
        set(C.data, packed()); commit();
      },
      removeItem: function (k) { delete data[k]; set(C.data, packed()); commit(); }
    },
    finished: function (d) {
      if (d.kind !== 'post') return;
      set(C.min, 0); set(C.max, 100); set(C.raw, d.percent);
      if (is2004) set('cmi.score.scaled', Math.round(d.percent) / 100);
      status(true, d.passed === true ? true : d.passed === false ? false : null);
      commit();
    }
  };
  function end() {
    if (ended) return;
    ended = true;
    commit();
    try { api[F.end](''); } catch (e) { /* LMS gone */ }
  }
  window.addEventListener('pagehide', end);
  window.addEventListener('beforeunload', end);
})();
