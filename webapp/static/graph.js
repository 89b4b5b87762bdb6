// The neighbourhood graph of an entity page: Cytoscape.js draws the resource, its neighbours and the links between
// them from the page's JSON twin. Line styles (not colour alone) tell stated, curator and reasoner links apart.
(function () {
  "use strict";
  var host = document.getElementById("neighbourhood");
  if (!host || !window.cytoscape || !window.fetch) return;
  var language = document.documentElement.lang || "en";
  var fallbackOrder = [language, "en", "zh"];

  function name(labels, iri) {
    for (var i = 0; i < fallbackOrder.length; i++) {
      if (labels && labels[fallbackOrder[i]]) return labels[fallbackOrder[i]];
    }
    return iri.replace(/^.*[\/#]/, "");
  }

  function shorten(text, length) {
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }

  function draw(data) {
    var properties = data.property_labels || {};
    var elements = data.graph.nodes.map(function (node) {
      return { group: "nodes", data: { id: node.id, label: shorten(name(node.labels, node.id), 40), href: node.href,
        centre: node.centre ? "yes" : "no" } };
    }).concat(data.graph.edges.map(function (edge, position) {
      return { group: "edges", data: { id: "e" + position, source: edge.source, target: edge.target, origin: edge.origin,
        label: shorten(name(properties[edge.property], edge.property), 28) } };
    }));
    host.textContent = "";
    // A hub (a study, a vocabulary) gets a taller canvas and no edge labels, so that its names stay legible.
    var crowded = data.graph.nodes.length > 10;
    if (crowded) host.classList.add("crowded");
    var graph = window.cytoscape({
      container: host,
      elements: elements,
      minZoom: 0.3,
      maxZoom: 1.6,
      layout: { name: "concentric", concentric: function (node) { return node.data("centre") === "yes" ? 2 : 1; },
        levelWidth: function () { return 1; }, minNodeSpacing: 70, spacingFactor: 1.1, animate: false, padding: 30 },
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 130,
          "text-valign": "bottom", "text-margin-y": 4, "background-color": "#5b8bd0", "width": 18, "height": 18, "color": "#1d2433" } },
        { selector: "node[centre = 'yes']", style: { "background-color": "#1f5fae", "width": 30, "height": 30,
          "font-weight": "bold", "font-size": 13 } },
        { selector: "edge", style: { "label": "data(label)", "font-size": 9, "curve-style": "bezier", "target-arrow-shape": "triangle",
          "width": 2, "line-color": "#2e7d32", "target-arrow-color": "#2e7d32", "color": "#5b6475",
          "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-rotation": "autorotate" } },
        { selector: "edge[origin = 'curator']", style: { "line-style": "dashed", "line-color": "#8a5300", "target-arrow-color": "#8a5300" } },
        { selector: "edge[origin = 'knowledge']", style: { "line-style": "dashed", "line-color": "#00695c", "target-arrow-color": "#00695c" } },
        { selector: "edge[origin = 'vocabulary']", style: { "line-color": "#455a64", "target-arrow-color": "#455a64" } },
        { selector: "edge[origin = 'reasoner']", style: { "line-style": "dotted", "line-color": "#6a4fb3", "target-arrow-color": "#6a4fb3" } },
      ],
    });
    if (crowded) graph.style().selector("edge").style("label", "").selector("node").style("font-size", 15).update();
    graph.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href && event.target.data("centre") !== "yes") window.location.href = href;
    });
    host.dataset.nodes = String(graph.nodes().length);
    host.dataset.edges = String(graph.edges().length);
    host.dataset.drawn = "true";
    window.libkgGraph = graph;
  }

  fetch(host.dataset.src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(draw)
    .catch(function () { host.dataset.drawn = "failed"; });
})();
