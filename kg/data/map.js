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
  nodes.get().forEach(function (n) { names.appendChild(element("option", { value: n.label })); });
  panel.appendChild(search);
  panel.appendChild(names);
  search.addEventListener("change", function () { findEntity(search.value); });

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

  function applyFilters() {
    var relations = checked("kg-rel");
    var types = checked("kg-type");
    var from = since.value.trim();
    var to = until.value.trim();
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
    document.getElementById("kg-status").textContent =
      window.kgVisibleEdgeCount() + " of " + edges.length + " relationships shown";
  }

  function findEntity(text) {
    var wanted = text.trim().toLowerCase();
    var match = nodes.get().filter(function (n) { return n.label.toLowerCase().indexOf(wanted) >= 0; })[0];
    if (!wanted || !match) { return; }
    network.selectNodes([match.id]);
    network.focus(match.id, { scale: 1.2, animation: true });
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
