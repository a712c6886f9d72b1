/* The course home's catalogue: a filter over the table of every module, so that a
   trainee finds a module among hundreds by typing part of its title. Without
   JavaScript the table is all there (and Material's search box still works). */
(function () {
  "use strict";

  function setUp(marker) {
    var table = marker.nextElementSibling;
    while (table && table.tagName !== "TABLE") {
      table = table.querySelector("table") || table.nextElementSibling;
    }
    if (!table || marker.dataset.ready) return;
    marker.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var label = document.createElement("label");
    label.className = "cb-catalogue__label";
    label.textContent = marker.dataset.label || "Find a module";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "cb-catalogue__input md-typeset";
    input.setAttribute("autocomplete", "off");
    label.appendChild(input);
    var status = document.createElement("p");
    status.className = "cb-catalogue__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    marker.appendChild(label);
    marker.appendChild(status);
    var template = marker.dataset.shown || "{n} of {total}";

    function show() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = words.length
        ? template.replace("{n}", shown).replace("{total}", rows.length) : "";
    }

    input.addEventListener("input", show);
  }

  function start() {
    document.querySelectorAll(".cb-catalogue").forEach(setUp);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
