// The preview's reload script (served by `site serve` only, never written
// into a build): reloads the page after each good build and lists the
// errors of a bad one. No framework, no inline script or style.
(function () {
  "use strict";
  var script = document.currentScript;
  var loaded = Number(new URL(script.src).searchParams.get("build") || "0");
  var panel = null;

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/__preview/preview.css";
  document.head.appendChild(style);

  function findingItem(finding) {
    var item = document.createElement("li");
    var where = document.createElement("code");
    where.textContent = finding.file + ":" + finding.line;
    item.appendChild(where);
    item.appendChild(document.createTextNode(" " + finding.message));
    return item;
  }

  function show(state) {
    if (panel) {
      panel.remove();
      panel = null;
    }
    var errors = state.errors.length > 0;
    var findings = errors ? state.errors : state.warnings;
    if (findings.length === 0) return;
    var list = document.createElement("ul");
    findings.forEach(function (finding) { list.appendChild(findingItem(finding)); });
    if (errors) {
      panel = document.createElement("section");
      panel.className = "site-preview site-preview-errors";
      panel.setAttribute("role", "alert");
      var heading = document.createElement("h2");
      heading.textContent = "The last edit does not build (" + findings.length +
        (findings.length === 1 ? " error" : " errors") + "). This page shows the last good version.";
      panel.appendChild(heading);
      panel.appendChild(list);
    } else {
      // Warnings, less loudly: folded until opened.
      panel = document.createElement("details");
      panel.className = "site-preview site-preview-warnings";
      var summary = document.createElement("summary");
      summary.textContent = findings.length + (findings.length === 1 ? " warning" : " warnings");
      panel.appendChild(summary);
      panel.appendChild(list);
    }
    document.body.appendChild(panel);
  }

  var events = new EventSource("/__preview/events");
  events.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.errors.length === 0 && state.build > loaded) {
      events.close();
      window.location.reload();
      return;
    }
    show(state);
  });
})();
