/* curriculum edit: forms from the project's JSON Schemas (json-editor), checked by the
   project's own loader on every change, saved only when the author says so. */
(function () {
  "use strict";
  var token = document.querySelector('meta[name="curriculum-token"]').content;
  var $ = function (id) { return document.getElementById(id); };
  var state = {project: null, file: null, version: null, editor: null, view: "form",
               translation: null, timer: null, saved: null};
  var typing = null;

  /* json-editor "cleans" every value and text by parsing it as HTML and keeping its text:
     `<sup>`, `<https://...>` and `&amp;` vanish from a field, even one the author never
     touched, and the parse fetches an `<img src>`. A value is kept exactly as typed (the
     builder sanitises it, as it does a value written in the YAML); a title or a help text
     is set as text (json-editor puts it into text nodes), so `<id>` shows as written. */
  var asTyped = function (value) { return value; };
  JSONEditor.AbstractEditor.prototype.purify = asTyped;
  JSONEditor.AbstractEditor.prototype.cleanText = asTyped;
  JSONEditor.AbstractTheme.prototype.cleanText = asTyped;

  function api(method, name, body, query) {
    var url = "/api/" + name + (query ? "?" + new URLSearchParams(query) : "");
    var options = {method: method, headers: {"X-Curriculum-Token": token}};
    if (body instanceof Blob) { options.body = body; }
    else if (body !== undefined) {
      options.body = JSON.stringify(body);
      options.headers["Content-Type"] = "application/json";
    }
    return fetch(url, options).then(function (r) {
      return r.json().then(function (data) {
        if (data.error && data.hint) { data.error += " (" + data.hint + ")"; }  // what to do
        return {status: r.status, data: data};
      });
    });
  }

  function say(text) { $("status").textContent = text; }

  function loadProject(open) {
    return api("GET", "project").then(function (r) {
      state.project = r.data;
      var list = $("files");
      list.textContent = "";
      r.data.files.forEach(function (f) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = f.kind + ": " + f.id;
        button.dataset.file = f.file;
        button.addEventListener("click", function () { openFile(f.file); });
        item.appendChild(button);
        list.appendChild(item);
      });
      var lang = $("lang");
      lang.textContent = "";
      r.data.languages.forEach(function (code) {
        var option = document.createElement("option");
        option.value = option.textContent = code;
        lang.appendChild(option);
      });
      $("view-translation").disabled = !r.data.languages.length;
      if (open) { openFile(open); }
    });
  }

  function markCurrent() {
    Array.prototype.forEach.call(document.querySelectorAll("#files button"), function (b) {
      if (b.dataset.file === state.file) { b.setAttribute("aria-current", "true"); }
      else { b.removeAttribute("aria-current"); }
    });
  }

  function openFile(file) {
    return api("GET", "file", undefined, {file: file}).then(function (r) {
      if (r.status !== 200) { return showProblems(r.data.problems || [], r.data.error); }
      clearTimeout(typing);
      clearTimeout(state.timer);
      if (state.editor) { state.editor.destroy(); }
      state.file = file;
      state.version = r.data.version;
      $("conflict").hidden = true;
      $("toolbar").hidden = false;
      $("file-title").textContent = file;
      markCurrent();
      showView("form");
      state.editor = new JSONEditor($("form"), {
        schema: r.data.schema, startval: r.data.data, theme: "html", iconlib: null,
        disable_edit_json: true, disable_properties: true, disable_collapse: true,
        show_errors: "never", no_additional_properties: true, prompt_before_delete: false,
        use_default_values: true, keep_oneof_values: false, array_controls_top: false
      });
      state.editor.on("ready", function () {
        state.saved = JSON.stringify(state.editor.getValue());
        labelAll();
        check();
        state.editor.on("change", function () {
          labelAll();
          clearTimeout(state.timer);
          state.timer = setTimeout(check, 300);
        });
      });
      if (state.project.preview) {
        $("preview").src = state.project.preview + r.data.page;
      }
      say("opened " + file);
    });
  }

  /* Every input gets a label that names it (json-editor's labels are not always tied to
     their inputs): the field's title, or its place in the file. */
  function labelAll() {
    Array.prototype.forEach.call($("form").querySelectorAll("input, select, textarea"),
      function (input) {
        if (input.labels && input.labels.length) { return; }
        if (input.getAttribute("aria-label")) { return; }
        var name = (input.getAttribute("name") || "").replace(/^root/, "").replace(/\]\[/g, ".")
          .replace(/[\[\]]/g, "");
        input.setAttribute("aria-label", name || "value");
      });
  }

  function pending() { return JSON.stringify(state.editor.getValue()) !== state.saved; }

  function check() {
    if (!state.editor) { return; }
    var value = state.editor.getValue();
    return api("POST", "check", {file: state.file, data: value}).then(function (r) {
      showProblems(r.data.problems || [], r.data.error);
      if (pending()) { say("unsaved changes" + (r.data.blocking ? ": " + r.data.blocking +
        " problem(s) to fix before saving" : "")); }
    });
  }

  function fieldEditor(path) {
    var parts = path.split(".");
    while (parts.length) {
      var found = state.editor.getEditor(parts.join("."));
      if (found) { return found; }
      parts.pop();
    }
    return null;
  }

  function showProblems(problems, error) {
    Array.prototype.forEach.call(document.querySelectorAll(".cb-problem"), function (p) {
      p.remove();
    });
    Array.prototype.forEach.call(document.querySelectorAll("[aria-invalid]"), function (i) {
      i.removeAttribute("aria-invalid");
      i.removeAttribute("aria-describedby");
    });
    var box = $("problems");
    box.textContent = "";
    if (error) {
      var p = document.createElement("p");
      p.className = "cb-problem";
      p.setAttribute("role", "alert");
      p.textContent = error;
      box.appendChild(p);
    }
    if (!problems.length) { return; }
    var heading = document.createElement("h3");
    heading.textContent = problems.length + " problem(s), as `curriculum validate` tells them";
    box.appendChild(heading);
    var list = document.createElement("ul");
    problems.forEach(function (problem, n) {
      var item = document.createElement("li");
      item.className = "cb-problem " + problem.severity;
      item.textContent = problem.text;
      list.appendChild(item);
      var sub = problem.field && state.editor && state.view === "form" ?
        fieldEditor(problem.field) : null;
      if (!sub || !sub.container) { return; }
      var note = document.createElement("p");
      note.className = "cb-problem " + problem.severity;
      note.id = "problem-" + n;
      note.dataset.field = problem.field;
      note.textContent = problem.message + (problem.hint ? " (" + problem.hint + ")" : "");
      sub.container.insertBefore(note, sub.container.firstChild);
      var input = sub.input || sub.container.querySelector("input, select, textarea");
      if (input && input.setAttribute) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", note.id);
      }
    });
    box.appendChild(list);
  }

  function save() {
    if (state.view === "translation") { return saveTranslation(); }
    var value = state.editor.getValue();
    api("POST", "save", {file: state.file, data: value, version: state.version})
      .then(function (r) {
        if (r.status === 409) { return conflict(r.data.disk, value); }
        showProblems(r.data.problems || [], r.status === 200 ? null : r.data.error);
        if (r.status !== 200) { return say("not saved: " + (r.data.error || "see the problems")); }
        state.version = r.data.version;
        state.saved = JSON.stringify(value);
        say("saved " + state.file + "; the preview reloads when it is rebuilt");
      });
  }

  function conflict(disk, value) {
    $("conflict").hidden = false;
    $("conflict-disk").textContent = disk;
    api("POST", "check", {file: state.file, data: value}).then(function (r) {
      $("conflict-yours").textContent = r.data.text || "";
    });
    say("not saved: the file changed on disk");
    $("conflict-title").focus();
  }

  function showView(view) {
    state.view = view;
    $("form").hidden = view !== "form";
    $("translation").hidden = view !== "translation";
    $("view-form").setAttribute("aria-pressed", String(view === "form"));
    $("view-translation").setAttribute("aria-pressed", String(view === "translation"));
  }

  function openTranslation() {
    var lang = $("lang").value;
    api("GET", "translation", undefined, {file: state.file, lang: lang}).then(function (r) {
      if (r.status !== 200) { return showProblems(r.data.problems || [], r.data.error); }
      state.translation = r.data;
      showView("translation");
      var box = $("translation");
      box.textContent = "";
      var cover = document.createElement("p");
      cover.id = "coverage";
      box.appendChild(cover);
      var table = document.createElement("table");
      table.innerHTML = "<thead><tr><th scope='col'>Field</th><th scope='col'>Source (" +
        r.data.default + ")</th><th scope='col'>Translation (" + lang + ")</th></tr></thead>";
      var body = document.createElement("tbody");
      r.data.rows.forEach(function (row, n) {
        var tr = document.createElement("tr");
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = row.label;
        th.id = "label-" + n;
        var source = document.createElement("td");
        source.className = "source";
        source.lang = r.data.default;
        source.textContent = row.source;
        var cell = document.createElement("td");
        var area = document.createElement("textarea");
        area.lang = lang;
        area.dataset.label = row.label;
        area.value = row.translation;
        area.setAttribute("aria-labelledby", th.id);
        area.addEventListener("input", function () { coverage(); });
        cell.appendChild(area);
        tr.append(th, source, cell);
        body.appendChild(tr);
      });
      table.appendChild(body);
      box.appendChild(table);
      coverage();
      say("translation of " + state.file + " into " + lang + ": saving writes " + r.data.overlay);
    });
  }

  function coverage() {
    var areas = $("translation").querySelectorAll("textarea");
    var done = 0;
    Array.prototype.forEach.call(areas, function (area) {
      var empty = !area.value.trim();
      area.closest("tr").classList.toggle("untranslated", empty);
      if (!empty) { done += 1; }
    });
    var total = areas.length;
    $("coverage").textContent = done + " of " + total + " texts translated (" +
      (total ? Math.round(100 * done / total) : 100) + "%)";
  }

  function saveTranslation() {
    var texts = {};
    Array.prototype.forEach.call($("translation").querySelectorAll("textarea"), function (a) {
      texts[a.dataset.label] = a.value;
    });
    var t = state.translation;
    api("POST", "translation/save", {file: t.file, lang: t.lang, texts: texts,
                                     version: t.version}).then(function (r) {
      if (r.status === 409) {
        $("conflict").hidden = false;
        $("conflict-disk").textContent = r.data.disk;
        return say("not saved: " + t.overlay + " changed on disk");
      }
      showProblems(r.data.problems || [], r.status === 200 ? null : r.data.error);
      if (r.status !== 200) { return say("not saved: " + (r.data.error || "see the problems")); }
      t.version = r.data.version;
      say("saved " + t.overlay);
    });
  }

  /* json-editor takes a value when its input changes (on leaving it): a pause in typing
     counts as a change too, so that problems show while the author types. */
  $("form").addEventListener("input", function (event) {
    clearTimeout(typing);
    typing = setTimeout(function () {
      if (event.target.isConnected) {
        event.target.dispatchEvent(new Event("change", {bubbles: true}));
      }
    }, 400);
  });

  $("save").addEventListener("click", save);
  $("view-form").addEventListener("click", function () { showView("form"); check(); });
  $("view-translation").addEventListener("click", openTranslation);
  $("conflict-reload").addEventListener("click", function () { openFile(state.file); });
  $("new-form").addEventListener("submit", function (event) {
    event.preventDefault();
    api("POST", "new", {kind: $("new-kind").value, id: $("new-id").value}).then(function (r) {
      if (r.status !== 200) { return showProblems(r.data.problems || [], r.data.error); }
      say("created " + r.data.file);
      loadProject(r.data.file);
    });
  });
  $("upload-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var file = $("upload-file").files[0];
    if (!file) { return; }
    api("POST", "upload", file, {name: file.name}).then(function (r) {
      if (r.status !== 200) { return showProblems(r.data.problems || [], r.data.error); }
      $("upload-markdown").value = r.data.markdown;
      say("uploaded " + r.data.file + ": paste the Markdown into a text to show it");
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (state.editor && pending()) { event.preventDefault(); event.returnValue = ""; }
  });
  loadProject();
})();
