/* Centre finder: enhances the server-rendered list of centres from
   centres.json (the same index third parties use). Without this script the
   full list stays as it is. Filter as you type by name, town or postcode;
   a postcode or postcode area puts that area's centres first; "Use my
   location" sorts by straight-line distance. The number of results is
   announced through the page's status region. */
(function () {
  "use strict";

  var finder = document.getElementById("finder");
  var list = document.getElementById("centre-list");
  var status = document.getElementById("finder-status");
  if (!finder || !list || !status || !window.fetch) {
    return;
  }

  var centres = [];
  var origin = null;
  var input;

  fetch(finder.getAttribute("data-index"))
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
    centres = index.centres
      .filter(function (centre) { return items[centre.id]; })
      .map(function (centre, position) {
        return {
          data: centre,
          item: items[centre.id],
          position: position,
          text: squash([centre.name, centre.town, centre.postcode].concat(centre.address).join(" ")),
          outward: squash(centre.postcode.split(" ")[0]),
          area: squash(centre.postcode).replace(/[0-9].*$/, "")
        };
      });
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
    input.setAttribute("aria-describedby", "finder-hint");
    input.addEventListener("input", update);

    var locate = document.createElement("button");
    locate.type = "button";
    locate.id = "finder-locate";
    locate.textContent = "Use my location";
    locate.addEventListener("click", useLocation);

    var row = document.createElement("div");
    row.className = "finder-row";
    row.appendChild(input);
    row.appendChild(locate);

    var hint = document.createElement("p");
    hint.id = "finder-hint";
    hint.className = "finder-hint";
    hint.textContent = "For example Oxford, Newmarket or OX4 6LB. Distances are approximate.";

    finder.appendChild(label);
    finder.appendChild(row);
    finder.appendChild(hint);
  }

  function useLocation() {
    if (!navigator.geolocation) {
      say("Your browser cannot share your location. Search by town or postcode instead.");
      return;
    }
    say("Finding your location…");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        origin = { latitude: position.coords.latitude, longitude: position.coords.longitude };
        update();
      },
      function (error) {
        origin = null;
        var reason = error && error.code === 1 ? "Location was not shared" : "Your location could not be found";
        update();
        say(reason + ". The list is still here: search by town or postcode instead.");
      },
      { timeout: 10000, maximumAge: 600000 }
    );
  }

  /* Lower case, no spaces: "OX4 6LB", "ox46lb" and "ox4 6lb" all match. */
  function squash(text) {
    return String(text).toLowerCase().replace(/\s+/g, "");
  }

  /* "ox4", "ox46lb", "me19": a postcode or outward code (letters, then a digit). */
  function postcodeQuery(query) {
    var match = /^([a-z]{1,2})([0-9][a-z0-9]?)([0-9][a-z]{2})?$/.exec(query);
    return match ? { area: match[1], outward: match[1] + match[2] } : null;
  }

  function update() {
    var raw = input ? input.value.trim() : "";
    var query = squash(raw);
    var postcode = postcodeQuery(query);
    var shown = centres.filter(function (centre) {
      return !query || postcode !== null || centre.text.indexOf(query) !== -1;
    });
    shown.forEach(function (centre) {
      centre.distance = origin ? kilometres(origin, centre.data.coordinates) : null;
      centre.rank = !postcode ? 0 : centre.outward === postcode.outward ? 0 : centre.area === postcode.area ? 1 : 2;
    });
    shown.sort(function (a, b) {
      return a.rank - b.rank ||
        (origin ? a.distance - b.distance : 0) ||
        a.position - b.position;
    });
    centres.forEach(function (centre) {
      centre.item.hidden = shown.indexOf(centre) === -1;
      var distance = centre.item.querySelector(".distance");
      if (distance) {
        distance.hidden = centre.distance === null || centre.distance === undefined;
        distance.textContent = distance.hidden ? "" : describe(centre.distance);
      }
    });
    shown.forEach(function (centre) { list.appendChild(centre.item); });
    centres.forEach(function (centre) {
      if (centre.item.hidden) { list.appendChild(centre.item); }
    });
    say(summary(shown, raw, postcode));
  }

  function summary(shown, raw, postcode) {
    var count = shown.length + (shown.length === 1 ? " centre" : " centres");
    var order = origin ? ", nearest to you first (distances are approximate)" : "";
    if (postcode) {
      var inArea = shown.filter(function (centre) { return centre.rank < 2; }).length;
      return inArea
        ? count + " shown, those in or near " + raw.toUpperCase() + " first" + order + "."
        : "No centre in " + raw.toUpperCase() + ". " + count + " shown" + order + ".";
    }
    if (raw && shown.length === 0) {
      return "No centre matches “" + raw + "”. Try a town or a postcode, or call us.";
    }
    if (raw) {
      return count + (shown.length === 1 ? " matches" : " match") + " “" + raw + "”" + order + ".";
    }
    return count + " shown" + order + ".";
  }

  function say(message) {
    status.textContent = message;
  }

  /* Straight-line (great-circle) distance in kilometres. */
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
    return km < 1.5
      ? "Less than 2 km away (approximate)"
      : "About " + Math.round(km) + " km (" + Math.round(miles) + " miles) away, in a straight line (approximate)";
  }
})();
