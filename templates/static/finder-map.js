/* The centre finder's map: marks the centres that the finder's search or
   location picks out (finder.js sends them in a "finder:change" event on
   the list), dims those the search leaves out, and shows the typed
   postcode's area or the shared location when it falls on the map. Classes
   only (styles.css); no request. Without it the map's links work as they are. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var list = document.getElementById("centre-list");
  var map = document.querySelector(".centre-map[data-projection]");
  var svg = map && map.querySelector("svg");
  if (!list || !svg || !document.createElementNS || !svg.viewBox) {
    return;
  }

  /* west north cosine scale: longitude and latitude to the drawing, as the build drew it. */
  var projection = map.getAttribute("data-projection").split(" ").map(Number);
  var markers = {};
  Array.prototype.forEach.call(svg.querySelectorAll(".map-marker[data-id]"), function (marker) {
    markers[marker.getAttribute("data-id")] = marker;
  });
  var origin = null;

  list.addEventListener("finder:change", function (event) {
    var detail = event.detail || {};
    var shown = detail.shown || [];
    var highlighted = detail.highlighted || [];
    Object.keys(markers).forEach(function (id) {
      markers[id].classList.toggle("is-match", highlighted.indexOf(id) !== -1);
      markers[id].classList.toggle("is-dimmed", shown.indexOf(id) === -1);
    });
    showOrigin(detail.origin);
  });

  /* A diamond where the distances are measured from, with its name. */
  function showOrigin(point) {
    if (origin) {
      origin.parentNode.removeChild(origin);
      origin = null;
    }
    if (!point || projection.length !== 4) {
      return;
    }
    var x = (point.longitude - projection[0]) * projection[2] * projection[3];
    var y = (projection[1] - point.latitude) * projection[3];
    var box = svg.viewBox.baseVal;
    if (!(x >= 0 && x <= box.width && y >= 0 && y <= box.height)) {
      return;
    }
    origin = document.createElementNS(SVG, "g");
    origin.setAttribute("class", "map-origin");
    origin.setAttribute("aria-hidden", "true");
    var diamond = document.createElementNS(SVG, "path");
    diamond.setAttribute("d", "M" + x + " " + (y - 7) + "l7 7l-7 7l-7-7z");
    var label = document.createElementNS(SVG, "text");
    var onRight = x < box.width / 2;
    label.setAttribute("x", x + (onRight ? 10 : -10));
    label.setAttribute("y", y + 4.5);
    label.setAttribute("text-anchor", onRight ? "start" : "end");
    label.setAttribute("class", "map-origin-label");
    label.textContent = point.label;
    origin.appendChild(diamond);
    origin.appendChild(label);
    /* Under the markers, so every centre stays clickable. */
    svg.insertBefore(origin, svg.querySelector(".map-marker"));
  }
})();
