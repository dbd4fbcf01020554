// Legend, search and filters for a kg relationship map. pyvis defines the globals
// `network`, `nodes` and `edges` (vis DataSets); this script only reads and hides items.
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
  panel.appendChild(element("p", { id: "kg-status", "class": "count" }));

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

  function applyFilters() {
    var relations = checked("kg-rel");
    var types = checked("kg-type");
    var problems = [];
    var from = dateIn(since, problems);
    var to = dateIn(until, problems);
    var typeOf = {};
    nodes.get().forEach(function (n) { typeOf[n.id] = n.entityType; });
    var touched = {};
    var edgeUpdates = edges.get().map(function (e) {
      var visible = relations[e.relation] !== false && inRange(e, from, to) &&
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
  }

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
