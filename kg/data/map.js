// Legend, search, filters, time slider, neighbourhood panel and PNG export for a kg
// relationship map. pyvis defines the globals `network`, `nodes` and `edges` (vis DataSets);
// this script reads them, hides and restyles items, and never changes what they say.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var panel = document.getElementById("kg-controls");

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function checkbox(kind, name, count, colour) {
    var label = element("label");
    var box = element("input", { type: "checkbox", "class": kind, "data-name": name });
    box.checked = true;
    box.addEventListener("change", applyFilters);
    label.appendChild(box);
    if (colour) { label.appendChild(element("span", { "class": "swatch", style: "background:" + colour })); }
    label.appendChild(document.createTextNode(" " + name + " "));
    label.appendChild(element("span", { "class": "count" }, "(" + count + ")"));
    return label;
  }

  panel.appendChild(element("h4", {}, "Find an entity"));
  var search = element("input", { type: "text", id: "kg-search", list: "kg-names", placeholder: "name..." });
  var names = element("datalist", { id: "kg-names" });
  nodes.get().forEach(function (n) {
    [n.label].concat(n.aliases || []).forEach(function (name) {
      names.appendChild(element("option", { value: name }));
    });
  });
  panel.appendChild(search);
  panel.appendChild(names);
  search.addEventListener("change", function () { findEntity(search.value); });
  panel.appendChild(element("p", { id: "kg-found", "class": "count" }));

  panel.appendChild(element("h4", {}, "Entity types"));
  config.entityTypes.forEach(function (t) { panel.appendChild(checkbox("kg-type", t.name, t.count, t.colour)); });
  panel.appendChild(element("h4", {}, "Relationships"));
  config.relations.forEach(function (r) { panel.appendChild(checkbox("kg-rel", r.name, r.count)); });
  panel.appendChild(element("h4", {}, "Dates (YYYY, YYYY-MM or YYYY-MM-DD)"));
  var since = element("input", { type: "text", id: "kg-since", placeholder: "from" });
  var until = element("input", { type: "text", id: "kg-until", placeholder: "to" });
  [since, until].forEach(function (input) {
    input.addEventListener("change", applyFilters);
    panel.appendChild(input);
  });
  // The time slider: relationships first reported up to the chosen month.
  var months = [];
  edges.get().forEach(function (e) { if (e.first) { months.push(e.first.slice(0, 7)); } });
  months = months.filter(function (m, i) { return months.indexOf(m) === i; }).sort();
  panel.appendChild(element("h4", {}, "Time"));
  var slider = element("input", { type: "range", id: "kg-time", min: "0", max: String(months.length), step: "1" });
  slider.value = String(months.length);
  var sliderLabel = element("p", { id: "kg-time-label", "class": "count" });
  slider.addEventListener("input", applyFilters);
  panel.appendChild(slider);
  panel.appendChild(sliderLabel);
  if (!months.length) { slider.disabled = true; }

  panel.appendChild(element("p", { id: "kg-status", "class": "count" }));
  var relayoutButton = element("button", { type: "button", id: "kg-relayout" }, "Re-layout");
  var exportButton = element("button", { type: "button", id: "kg-export" }, "Save as PNG");
  relayoutButton.addEventListener("click", function () { relayout(); });
  exportButton.addEventListener("click", function () { exportPng(); });
  panel.appendChild(relayoutButton);
  panel.appendChild(exportButton);

  var details = element("div", { id: "kg-details" });
  details.hidden = true;
  document.body.appendChild(details);

  function checked(kind) {
    var out = {};
    panel.querySelectorAll("input." + kind).forEach(function (box) { out[box.dataset.name] = box.checked; });
    return out;
  }

  function inRange(edge, from, to) {
    if (!from && !to) { return true; }
    if (!edge.first) { return false; }
    if (from && edge.last < from) { return false; }
    if (to && edge.first > to + "\uffff") { return false; }
    return true;
  }

  var PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  // Why TEXT is not a date of a filter ("" when it is one, or empty).
  function dateProblem(text) {
    if (!text) { return ""; }
    var parts = PARTIAL_DATE.exec(text);
    if (!parts) { return "'" + text + "' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"; }
    var month = parts[2] ? Number(parts[2]) : 1;
    var day = parts[3] ? Number(parts[3]) : 1;
    var real = new Date(Date.UTC(Number(parts[1]), month - 1, day));
    if (month < 1 || month > 12 || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day) {
      return "'" + text + "' is not a date: no such month or day";
    }
    return "";
  }

  // The date in INPUT, or "" (and INPUT marked, PROBLEMS told) when it is not a date.
  function dateIn(input, problems) {
    var text = input.value.trim();
    var problem = dateProblem(text);
    input.classList.toggle("kg-invalid", problem !== "");
    if (problem) { problems.push(problem); return ""; }
    return text;
  }

  // Up to which month the slider shows relationships ("" at its end: all, undated too).
  function sliderMonth() {
    var index = Number(slider.value);
    var month = index >= months.length ? "" : months[index];
    sliderLabel.textContent = month ? "first reported up to " + month : "all dates";
    return month;
  }

  function applyFilters(event) {
    var relations = checked("kg-rel");
    var types = checked("kg-type");
    var problems = [];
    var from = dateIn(since, problems);
    var to = dateIn(until, problems);
    var upTo = sliderMonth();
    var typeOf = {};
    nodes.get().forEach(function (n) { typeOf[n.id] = n.entityType; });
    var touched = {};
    var edgeUpdates = edges.get().map(function (e) {
      var visible = relations[e.relation] !== false && inRange(e, from, to) &&
        (!upTo || (e.first && e.first.slice(0, 7) <= upTo)) &&
        types[typeOf[e.from]] !== false && types[typeOf[e.to]] !== false;
      if (visible) { touched[e.from] = true; touched[e.to] = true; }
      return { id: e.id, hidden: !visible };
    });
    edges.update(edgeUpdates);
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, hidden: types[n.entityType] === false || (!touched[n.id] && !n.focus) };
    }));
    var shown = window.kgVisibleEdgeCount() + " of " + edges.length + " relationships shown";
    document.getElementById("kg-status").textContent =
      problems.length ? problems.join("; ") + " (ignored). " + shown : shown;
    if (event && window.kgSettled) { relayout(); }
  }

  // Lay out what is shown again, for a bounded number of steps, then hold still.
  function relayout() {
    window.kgLaidOut = false;
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit();
      window.kgLaidOut = true;
    });
    network.stabilize(RELAYOUT_STEPS);
  }
  var RELAYOUT_STEPS = 150;

  // The map as drawn, on white, as a PNG download.
  function exportPng() {
    var source = document.querySelector("#mynetwork canvas");
    var copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(source, 0, 0);
    var link = element("a", { href: copy.toDataURL("image/png"), download: "kg-map.png" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // Edge labels: drawn when zoomed in, or on the edge under the pointer.
  var EDGE_LABEL_SCALE = 1.3;
  var edgeLabelsShown = false;
  function showEdgeLabels(show) {
    if (show === edgeLabelsShown) { return; }
    edgeLabelsShown = show;
    network.setOptions({ edges: { font: { size: show ? 12 : 0 } } });
  }
  network.on("zoom", function () { showEdgeLabels(network.getScale() >= EDGE_LABEL_SCALE); });
  network.setOptions({
    edges: { chosen: { label: function (values) { values.size = 12; } } }
  });

  // Click an entity: its neighbourhood stays lit, the rest greys out, and the panel lists
  // its relationships with evidence, dates, sums and sources.
  var original = {};
  nodes.get().forEach(function (n) { original[n.id] = n.color; });
  function highlight(id) {
    var near = {};
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (other) { near[other] = true; });
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, color: near[n.id] ? original[n.id] : "rgba(200,200,200,0.35)" };
    }));
  }
  function clearHighlight() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: original[n.id] }; }));
    details.hidden = true;
  }

  function showDetails(id) {
    var node = nodes.get(id);
    if (!node) { return false; }
    highlight(id);
    details.textContent = "";
    var close = element("button", { type: "button", "class": "kg-close" }, "×");
    close.addEventListener("click", clearHighlight);
    details.appendChild(close);
    details.appendChild(element("h3", {}, node.label + " (" + node.entityType + ")"));
    if (node.aliases && node.aliases.length) {
      details.appendChild(element("p", { "class": "count" }, "Also: " + node.aliases.join("; ")));
    }
    var touching = edges.get().filter(function (e) { return (e.from === id || e.to === id) && !e.hidden; });
    details.appendChild(element("p", { "class": "count" }, touching.length + " relationship(s) shown"));
    var list = element("ol");
    touching.sort(function (a, b) { return (b.articles || 0) - (a.articles || 0); }).forEach(function (e) {
      var item = element("li");
      var other = nodes.get(e.from === id ? e.to : e.from);
      var line = e.from === id ? e.relation + " → " + other.label : e.relation + " ← " + other.label;
      item.appendChild(element("strong", {}, line));
      var dates = e.first ? (e.last && e.last !== e.first ? e.first + " to " + e.last : e.first) : "undated";
      item.appendChild(element("div", { "class": "count" }, dates + ", " + (e.articles || 0) + " article(s), fact " + e.fact));
      (e.evidence || []).forEach(function (ev) {
        var quote = element("blockquote", {}, "“" + ev.sentence + "”");
        var note = element("div", { "class": "count" });
        if (ev.url) { note.appendChild(element("a", { href: ev.url, target: "_blank", rel: "noopener" }, ev.note)); }
        else { note.textContent = ev.note; }
        quote.appendChild(note);
        item.appendChild(quote);
      });
      list.appendChild(item);
    });
    details.appendChild(list);
    details.hidden = false;
    // the node moves to the middle of the view the two panels leave free
    var controls = document.getElementById("kg-controls");
    var offset = (details.offsetWidth - (controls ? controls.offsetWidth : 0)) / 2;
    network.focus(id, { scale: network.getScale(), offset: { x: offset, y: 0 }, animation: false });
    return true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); } else { clearHighlight(); }
  });

  // The node TEXT names: a name or alias exactly (any case), else the first containing it.
  function findEntity(text) {
    var wanted = text.trim().toLowerCase();
    var found = document.getElementById("kg-found");
    found.textContent = "";
    if (!wanted) { return null; }
    var all = nodes.get();
    function names(n) { return [n.label].concat(n.aliases || []).map(function (x) { return x.toLowerCase(); }); }
    var match = all.filter(function (n) { return names(n).indexOf(wanted) >= 0; })[0] ||
      all.filter(function (n) { return names(n).some(function (x) { return x.indexOf(wanted) >= 0; }); })[0];
    if (!match) {
      found.textContent = "No entity on this map is named '" + text.trim() + "'.";
      return null;
    }
    network.selectNodes([match.id]);
    network.focus(match.id, { scale: 1.2, animation: true });
    return match.id;
  }

  window.kgVisibleEdgeCount = function () {
    return edges.get({ filter: function (e) { return !e.hidden; } }).length;
  };
  window.kgApplyFilters = applyFilters;
  window.kgFindEntity = findEntity;
  window.kgShowDetails = showDetails;
  window.kgRelayout = relayout;
  // Physics runs a bounded number of iterations, then stops so the map stays still;
  // small graphs may have settled before this script ran.
  function settle() {
    if (window.kgSettled) { return; }
    network.setOptions({ physics: false });
    window.kgSettled = true;
  }
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  if (network.physics && network.physics.stabilized) { settle(); }
  setTimeout(settle, 30000);
  applyFilters();
})();
