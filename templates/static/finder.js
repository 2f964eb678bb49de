/* Centre finder: enhances the server-rendered list of centres from
   centres.json (the same index third parties use). Without this script the
   full list stays as it is. Filter as you type by name, town or postcode;
   a postcode or postcode area puts that area's centres first; "Use my
   location" sorts by straight-line distance. The number of results is
   announced through the page's status region. No other request is made. */
(function () {
  "use strict";

  var finder = document.getElementById("finder");
  var list = document.getElementById("centre-list");
  var status = document.getElementById("finder-status");
  if (!finder || !list || !status || !window.fetch || !document.querySelector) {
    return;
  }

  var ANNOUNCE_AFTER_TYPING_MS = 600;

  var centres = [];
  var origin = null;
  var locating = false;
  var announceTimer = null;
  var input;
  var locate;

  fetch(finder.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(start)
    .catch(function () {
      /* The plain list is still there: nothing to undo. */
    });

  function start(index) {
    var items = {};
    Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (item) {
      items[item.getAttribute("data-id")] = item;
    });
    centres = (index.centres || [])
      .filter(function (centre) { return items[centre.id]; })
      .map(function (centre, position) {
        var postcode = squash(centre.postcode);
        return {
          data: centre,
          item: items[centre.id],
          distanceText: items[centre.id].querySelector(".distance"),
          position: position,
          text: squash([centre.name, centre.town, centre.postcode].concat(centre.address || []).join(" ")),
          outward: postcode.slice(0, -3),
          area: postcode.replace(/[0-9].*$/, "")
        };
      });
    if (centres.length === 0) {
      return;
    }
    buildControls();
    finder.hidden = false;
    update();
  }

  function buildControls() {
    var label = document.createElement("label");
    label.setAttribute("for", "finder-query");
    label.textContent = "Search by town, centre name or postcode";

    input = document.createElement("input");
    input.id = "finder-query";
    input.type = "search";
    input.setAttribute("autocomplete", "postal-code");
    input.setAttribute("spellcheck", "false");
    input.setAttribute("aria-describedby", "finder-hint");
    input.setAttribute("aria-controls", "centre-list");
    input.addEventListener("input", function () { update(ANNOUNCE_AFTER_TYPING_MS); });

    locate = document.createElement("button");
    locate.type = "button";
    locate.id = "finder-locate";
    locate.textContent = "Use my location";
    locate.setAttribute("aria-controls", "centre-list");
    locate.addEventListener("click", useLocation);

    var row = document.createElement("div");
    row.className = "finder-row";
    row.appendChild(input);
    row.appendChild(locate);

    var hint = document.createElement("p");
    hint.id = "finder-hint";
    hint.className = "finder-hint";
    hint.textContent = "For example Oxford, Newmarket, OX4 6LB or ME19. " +
      "Your location is used only in this browser to sort the list; distances are approximate.";

    finder.appendChild(label);
    finder.appendChild(row);
    finder.appendChild(hint);
  }

  function useLocation() {
    if (locating) {
      return;
    }
    if (!navigator.geolocation) {
      say("Your browser cannot share your location. Search by town or postcode instead.");
      return;
    }
    locating = true;
    locate.setAttribute("aria-disabled", "true");
    say("Finding your location…");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        done();
        origin = { latitude: position.coords.latitude, longitude: position.coords.longitude };
        update();
      },
      function (error) {
        done();
        origin = null;
        var reason = error && error.code === 1
          ? "Your location was not shared"
          : "Your location could not be found";
        update();
        say(reason + ". All centres are still listed: search by town or postcode instead.");
      },
      { timeout: 15000, maximumAge: 600000 }
    );

    function done() {
      locating = false;
      locate.removeAttribute("aria-disabled");
    }
  }

  /* Lower case, no spaces: "OX4 6LB", "ox46lb" and "ox4 6lb" all match. */
  function squash(text) {
    return String(text).toLowerCase().replace(/\s+/g, "");
  }

  /* What a (squashed) query asks for: a postcode or outward code ("ox46lb",
     "ox4", "me19", "sw1a1aa"), a bare postcode area ("ox", "ng"), or text. */
  function parse(query) {
    var hasCentre = function (area) {
      return centres.some(function (centre) { return centre.area === area; });
    };
    var match = /^([a-z]{1,2})([0-9][a-z0-9]?)([0-9][a-z]{2})?$/.exec(query);
    if (match) {
      return {
        kind: "postcode",
        area: match[1],
        outward: match[1] + match[2],
        display: (match[1] + match[2] + (match[3] ? " " + match[3] : "")).toUpperCase()
      };
    }
    /* Letters alone are a postcode area only where a centre is: "n" on the
       way to "Newmarket" stays a text search. */
    if (/^[a-z]{1,2}$/.test(query) && hasCentre(query)) {
      return { kind: "area", area: query, outward: null };
    }
    return { kind: query ? "text" : "all" };
  }

  function update(announceDelay) {
    var raw = input ? input.value.replace(/\s+/g, " ").trim() : "";
    var query = parse(squash(raw));
    var wanted = squash(raw);

    var shown = centres.filter(function (centre) {
      switch (query.kind) {
        case "all":
        case "postcode":
          return true;
        case "area":
          return centre.area === query.area || centre.text.indexOf(wanted) !== -1;
        default:
          return centre.text.indexOf(wanted) !== -1;
      }
    });
    centres.forEach(function (centre) {
      centre.distance = origin ? kilometres(origin, centre.data.coordinates) : null;
      centre.rank = !query.area ? 0
        : centre.outward === query.outward ? 0
        : centre.area === query.area ? 1
        : 2;
    });
    shown.sort(function (a, b) {
      return a.rank - b.rank ||
        (origin ? a.distance - b.distance : 0) ||
        a.position - b.position;
    });

    var fragment = document.createDocumentFragment();
    shown.forEach(function (centre) { fragment.appendChild(centre.item); });
    centres.forEach(function (centre) {
      var visible = shown.indexOf(centre) !== -1;
      centre.item.hidden = !visible;
      if (!visible) {
        fragment.appendChild(centre.item);
      }
      if (centre.distanceText) {
        centre.distanceText.hidden = centre.distance === null;
        centre.distanceText.textContent = centre.distance === null ? "" : describe(centre.distance);
      }
    });
    list.appendChild(fragment);

    say(summary(shown, raw, query), announceDelay);
  }

  function summary(shown, raw, query) {
    var count = shown.length + (shown.length === 1 ? " centre" : " centres");
    var nearest = origin ? ", nearest to you first (straight-line distances, approximate)" : "";
    var inArea = shown.filter(function (centre) { return centre.rank < 2; }).length;
    if (query.kind === "postcode") {
      if (inArea) {
        return count + " shown, those in or near " + query.display + " first" + nearest + ".";
      }
      return "No centre in the " + query.area.toUpperCase() + " postcode area. " + count + " shown, " +
        (origin ? "nearest to you first (straight-line distances, approximate)." : "in name order.");
    }
    if (query.kind === "area" && shown.length > inArea) {
      return shown.length + " centres match “" + raw + "”, those in the " + query.area.toUpperCase() +
        " postcode area first" + nearest + ".";
    }
    if (query.kind === "text" && shown.length === 0) {
      return "No centre matches “" + raw + "”. Try a town or a postcode, or call us.";
    }
    if (query.kind === "text" || query.kind === "area") {
      return count + (shown.length === 1 ? " matches" : " match") + " “" + raw + "”" + nearest + ".";
    }
    return count + " shown" + nearest + ".";
  }

  /* The status region is announced by screen readers: while typing, only
     the count once the typing pauses, not at every key. */
  function say(message, delay) {
    window.clearTimeout(announceTimer);
    if (delay) {
      announceTimer = window.setTimeout(function () { status.textContent = message; }, delay);
    } else {
      status.textContent = message;
    }
  }

  /* Straight-line (great-circle, haversine) distance in kilometres. */
  function kilometres(from, to) {
    var radians = Math.PI / 180;
    var dLat = (to.latitude - from.latitude) * radians;
    var dLon = (to.longitude - from.longitude) * radians;
    var a = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(from.latitude * radians) * Math.cos(to.latitude * radians) * Math.pow(Math.sin(dLon / 2), 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function describe(km) {
    var miles = km / 1.609344;
    if (km < 2) {
      return "Less than 2 km (1 mile) away (approximate)";
    }
    return "About " + Math.round(km) + " km (" + Math.round(miles) + " miles) away (approximate)";
  }
})();
