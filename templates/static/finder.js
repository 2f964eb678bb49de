/* Centre finder: enhances the server-rendered list of centres from
   centres.json (the same index third parties use). Without this script the
   full list stays as it is. Filter as you type by name, town or postcode;
   any UK postcode, outward code or postcode area sorts the centres by
   approximate distance from that area's main town (postcode-areas.json),
   its own centres first; "Use my location" sorts by straight-line distance.
   The number of results is announced through the page's status region.
   Each change is also sent as a "finder:change" event on the list, which
   finder-map.js uses to mark the centres on the map. Only centres.json and
   postcode-areas.json are requested, from this site: neither the postcode
   nor the location leaves the browser. */
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
  /* The postcode areas by code ("LS": name, town, latitude, longitude); null
     when the table could not be read: postcodes then only find their own area. */
  var areas = null;
  /* Where "Use my location" found the browser, or null. */
  var located = null;
  var locating = false;
  var announceTimer = null;
  var input;
  var locate;

  var areasRequest = read(finder.getAttribute("data-areas"))
    .then(function (table) { areas = table.areas || null; })
    .catch(function () { /* postcodes then find only their own area's centres */ });
  read(finder.getAttribute("data-index"))
    .then(function (index) { return areasRequest.then(function () { return index; }); })
    .then(start)
    .catch(function () {
      /* The plain list is still there: nothing to undo. */
    });

  function read(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

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
    hint.textContent = "For example Oxford, Newmarket, OX4 6LB, LS6 or ME19. " +
      "Your postcode and your location never leave this browser: they are used here only to sort " +
      "the list by distance, which is approximate.";

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
        located = { latitude: position.coords.latitude, longitude: position.coords.longitude, label: null };
        update();
      },
      function (error) {
        done();
        located = null;
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
     "ox4", "ls62ab", "sw1a1aa"), a bare postcode area ("ox", "ls"), a
     postcode that is not a UK one ("75001", "qq1 1aa"), or text. A known
     area comes with its main town ("place"), the point distances are
     measured from. */
  function parse(query) {
    var hasCentre = function (area) {
      return centres.some(function (centre) { return centre.area === area; });
    };
    var matchesText = centres.some(function (centre) { return centre.text.indexOf(query) !== -1; });
    var match = /^([a-z]{1,2})([0-9][a-z0-9]?)([0-9][a-z]{2})?$/.exec(query);
    if (match) {
      if (areas && !areas[match[1].toUpperCase()]) {
        return { kind: "foreign" };
      }
      return {
        kind: "postcode",
        area: match[1],
        outward: match[1] + match[2],
        display: (match[1] + match[2] + (match[3] ? " " + match[3] : "")).toUpperCase(),
        place: place(match[1])
      };
    }
    /* Letters alone are a postcode area where a centre is, or where no
       centre's name or address has them: "n" and "ca" on the way to
       "Newmarket" and "Cambridge" stay a text search, "ls" is Leeds. */
    if (/^[a-z]{1,2}$/.test(query) && (hasCentre(query) || (place(query) && !matchesText))) {
      return { kind: "area", area: query, outward: null, display: query.toUpperCase(), place: place(query) };
    }
    /* Two digits or more in a short run of letters and digits, matching no
       centre: a postcode, but not a UK one ("75001", "10115", "k1a0b1"). */
    if (!matchesText && /^[a-z0-9]{3,10}$/.test(query) && /[0-9].*[0-9]/.test(query)) {
      return { kind: "foreign" };
    }
    return { kind: query ? "text" : "all" };
  }

  /* A postcode area's main town, as a point to measure from; null if unknown. */
  function place(area) {
    var found = areas && areas[area.toUpperCase()];
    return found ? { latitude: found.latitude, longitude: found.longitude, label: found.town, area: area.toUpperCase() } : null;
  }

  function update(announceDelay) {
    var raw = input ? input.value.replace(/\s+/g, " ").trim() : "";
    var query = parse(squash(raw));
    var wanted = squash(raw);
    /* A typed postcode measures from its area's town; otherwise the location, if shared. */
    var origin = query.place || located;

    var shown = centres.filter(function (centre) {
      switch (query.kind) {
        case "all":
        case "postcode":
        case "foreign":
          return true;
        case "area":
          return centre.area === query.area || centre.text.indexOf(wanted) !== -1 || !hasArea(query.area);
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
        centre.distanceText.textContent = centre.distance === null ? "" : describe(centre.distance, query.place && query.display);
      }
    });
    list.appendChild(fragment);

    /* On the map: what a search leaves in the list, or the three nearest when sorted by distance. */
    var filtered = shown.length < centres.length;
    var highlighted = filtered ? shown : origin ? shown.slice(0, 3) : [];
    list.dispatchEvent(new CustomEvent("finder:change", {
      detail: {
        shown: shown.map(function (centre) { return centre.data.id; }),
        highlighted: highlighted.map(function (centre) { return centre.data.id; }),
        origin: origin ? { latitude: origin.latitude, longitude: origin.longitude, label: query.place ? query.display : "You" } : null
      }
    }));

    say(summary(shown, raw, query, origin), announceDelay);
  }

  function hasArea(area) {
    return centres.some(function (centre) { return centre.area === area; });
  }

  function summary(shown, raw, query, origin) {
    var count = shown.length + (shown.length === 1 ? " centre" : " centres");
    var note = !origin ? ""
      : query.place ? " (approximate distances, from " + query.place.label + ")"
      : " (straight-line distances, approximate)";
    var nearest = !origin ? "" : ", nearest to " + (query.place ? query.display : "you") + " first" + note;
    var thenNearest = origin ? ", then the nearest" + note : "";
    var inArea = shown.filter(function (centre) { return centre.rank < 2; }).length;
    if (query.kind === "foreign") {
      return "“" + raw + "” is not a UK postcode. " + count + " shown" + nearest +
        ": search by a UK postcode such as LS6 2AB, a town or a centre name.";
    }
    if ((query.kind === "postcode" || query.kind === "area") && !inArea && shown.length === centres.length) {
      return "No centre in the " + query.area.toUpperCase() + " postcode area. " + count + " shown" +
        (origin ? nearest : ", in name order") + ".";
    }
    if (query.kind === "postcode") {
      return count + " shown, those in or near " + query.display + " first" + thenNearest + ".";
    }
    if (query.kind === "area" && shown.length > inArea) {
      return shown.length + " centres match “" + raw + "”, those in the " + query.display +
        " postcode area first" + thenNearest + ".";
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

  /* A distance for a card: from the typed postcode, or from the visitor. */
  function describe(km, postcode) {
    var miles = km / 1.609344;
    var where = postcode ? " from " + postcode : " away";
    if (km < 2) {
      return "Less than 2 km (1 mile)" + where + " (approximate)";
    }
    return "About " + Math.round(km) + " km (" + Math.round(miles) + " miles)" + where + " (approximate)";
  }
})();
