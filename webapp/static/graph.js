// The neighbourhood graph of an entity page, drawn by Cytoscape.js from the page's JSON twin.
//
// The resource sits in the middle; its neighbours are grouped by how they are linked to it (one framed group per
// relation, direction and maker, the frame and its line drawn solid, dashed or dotted like the legend), at most about
// 25 at first ("Show all" for the rest). Labels are wrapped here (so that Chinese, which has no spaces, wraps too)
// and never drawn smaller than 11 px. Clicking a neighbour shows its own links in place; "Open its page" is the
// second action. On touch screens the graph ignores gestures until tapped, so that a swipe scrolls the page.
(function () {
  "use strict";
  var host = document.getElementById("neighbourhood");
  if (!host || !window.cytoscape || !window.fetch) return;

  var language = document.documentElement.lang || "en";
  var FONT = 13, CENTRE_FONT = 15, LINE = 17, PAD = 7, GAP = 8, GROUP_PAD = 8, TITLE = 24, GROUP_GAP = 16;
  var MIN_FONT = 11, MIN_ZOOM = MIN_FONT / FONT, MAX_HEIGHT = 1000, MAX_LINES = 3;  // px; MAX_LINES of a label
  var FAMILY = getComputedStyle(document.body).fontFamily;
  var touch = navigator.maxTouchPoints > 0;
  var measure = document.createElement("canvas").getContext("2d");
  var state = { data: null, showAll: false, expansions: {}, selected: null, names: {} };
  var cy, canvas, tools, countText, showAllButton, doneButton, shield, selection;

  function message(name, values) {
    var text = host.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.replace("{" + key + "}", values[key]); });
    return text;
  }

  function pick(labels, fallback) {
    var order = [language, "en", "zh"];
    for (var i = 0; i < order.length; i++) if (labels && labels[order[i]]) return labels[order[i]];
    return fallback.replace(/^.*[\/#]/, "");
  }

  function colour(name) { return getComputedStyle(host).getPropertyValue("--" + name).trim(); }

  // Wrap text into at most maxLines lines (MAX_LINES unless given) of width px: at spaces where there are any,
  // anywhere in Chinese; the last line ends in an ellipsis when text is cut.
  function wrap(text, width, font, bold, maxLines) {
    var most = maxLines || MAX_LINES;
    measure.font = (bold ? "bold " : "") + font + "px " + FAMILY;
    var tokens = text.match(/[\u2e80-\u9fff\uff00-\uffef][\u3000-\u303f\uff0c\uff1a\uff1b\uff09\u3001]?|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g) || [text];
    var lines = [], line = "";
    tokens.forEach(function (token) {
      if (measure.measureText(line + token).width <= width || !line) {
        line += token;
        while (measure.measureText(line).width > width && line.length > 1) {  // a word wider than the line
          var cut = line.length - 1;
          while (cut > 1 && measure.measureText(line.slice(0, cut)).width > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      } else {
        lines.push(line.trim());
        line = token.replace(/^\s+/, "");
      }
    });
    if (line.trim()) lines.push(line.trim());
    if (lines.length > most) {
      lines = lines.slice(0, most);
      var last = lines[most - 1];
      while (last.length > 1 && measure.measureText(last + "…").width > width) last = last.slice(0, -1);
      lines[most - 1] = last + "…";
    }
    return lines;
  }

  function nodeName(id) { return state.names[id] ? pick(state.names[id].labels, id) : id.replace(/^.*[\/#]/, ""); }

  function relationName(group, properties) {
    if (group.direction === "in" && group.inverse && properties[group.inverse]) return pick(properties[group.inverse], group.inverse);
    var name = pick(properties[group.property], group.property);
    return group.direction === "in" ? "← " + name : name;
  }

  // Choose which neighbours to show: every group gets one in turn until the cap, so that no relation is hidden.
  function choose(groups, cap) {
    var shown = groups.map(function () { return []; }), total = 0, round = 0, more = true;
    while (more && total < cap) {
      more = false;
      groups.forEach(function (group, n) {
        if (round < group.members.length && total < cap) { shown[n].push(group.members[round]); total++; more = true; }
      });
      round++;
    }
    return shown;
  }

  // The groups to draw: the resource's own, then after each expanded neighbour's group the groups of its links.
  function drawnGroups(width) {
    var data = state.data, properties = data.property_labels || {};
    var cap = state.showAll ? Infinity : (width < 600 ? 14 : 25);
    var chosen = choose(data.graph.groups, cap);
    var list = [];
    data.graph.groups.forEach(function (group, n) {
      if (!chosen[n].length) return;
      list.push({ id: group.id, origin: group.origin, direction: group.direction, title: relationName(group, properties),
                  members: chosen[n], total: group.members.length, anchor: null });
      chosen[n].forEach(function (member) {
        (state.expansions[member] || []).forEach(function (extra) {
          list.push({ id: extra.id, origin: extra.origin, direction: extra.direction, anchor: member, members: extra.members,
                      total: extra.members.length, title: "↳ " + relationName(extra, properties) });
        });
      });
    });
    return list;
  }

  // Lay out the groups for a canvas width px wide: centre in the middle and groups in a column on each side (each group
  // as wide as its column, so that a line to one crosses no other), or on a phone the centre on top and the groups
  // below it. Returns the elements with positions and the height needed.
  function layout(width) {
    var narrow = width < 600, margin = 12, nodeWidth = narrow ? Math.min(150, (width - 2 * margin - 2 * GROUP_PAD - GAP) / 2) : 150;
    var centreWidth = narrow ? Math.min(300, width - 2 * margin) : 200;
    var side = narrow ? width - 2 * margin : Math.max(nodeWidth + 2 * GROUP_PAD, (width - centreWidth - 2 * margin - 80) / 2);
    var perRow = Math.max(1, Math.floor((side - 2 * GROUP_PAD + GAP) / (nodeWidth + GAP)));
    side = Math.min(side, perRow * (nodeWidth + GAP) - GAP + 2 * GROUP_PAD);
    var groups = drawnGroups(width), elements = [], edges = [];
    var centreId = state.data.iri, centreLines = wrap(nodeName(centreId), centreWidth - 2 * PAD, CENTRE_FONT, true);
    var centreHeight = centreLines.length * (LINE + 2) + 2 * PAD + 4;
    groups.forEach(function (group) {
      group.boxes = group.members.map(function (id) {
        var lines = wrap(nodeName(id), nodeWidth - 2 * PAD, FONT);
        return { id: id, lines: lines, height: lines.length * LINE + 2 * PAD };
      });
      var rows = [];
      for (var i = 0; i < group.boxes.length; i += perRow) rows.push(group.boxes.slice(i, i + perRow));
      group.rows = rows;
      group.height = TITLE + 2 * GROUP_PAD + rows.reduce(function (sum, row) {
        return sum + Math.max.apply(null, row.map(function (b) { return b.height; }));
      }, 0) + GAP * (rows.length - 1);
    });
    var columns = narrow ? [{ x: margin, y: centreHeight + 24 }] : [{ x: margin, y: 8 }, { x: width - margin - side, y: 8 }];
    var lastColumn = {};
    groups.forEach(function (group) {
      var column = group.anchor && lastColumn[group.anchor] !== undefined ? columns[lastColumn[group.anchor]]
        : columns.reduce(function (best, c) { return c.y < best.y ? c : best; }, columns[0]);
      var index = columns.indexOf(column);
      group.x = column.x; group.y = column.y;
      column.y += group.height + GROUP_GAP;
      group.members.forEach(function (id) { lastColumn[id] = index; });
    });
    var height = Math.max.apply(null, columns.map(function (c) { return c.y; }));
    var centre = { x: width / 2, y: narrow ? 8 + centreHeight / 2 : Math.max(centreHeight / 2 + 8, (height - GROUP_GAP) / 2) };
    height = Math.max(height, centre.y + centreHeight / 2 + 8);
    elements.push({ group: "nodes", data: { id: centreId, label: centreLines.join("\n"), kind: "centre", w: centreWidth, h: centreHeight },
                    position: centre });
    groups.forEach(function (group) {
      var title = group.title + (group.members.length < group.total ? "  (" + message("more", { shown: group.members.length, total: group.total }) + ")" : "");
      elements.push({ group: "nodes", data: { id: "g:" + group.id, kind: "group", origin: group.origin, shown: group.anchor ? "in-place" : "own",
        mw: side - 2 * GROUP_PAD,
        label: wrap(title, side, FONT, true, 1)[0] } });
      var y = group.y + TITLE + GROUP_PAD;
      group.rows.forEach(function (row) {
        var rowHeight = Math.max.apply(null, row.map(function (b) { return b.height; }));
        row.forEach(function (box, n) {
          var node = state.names[box.id] || {};
          elements.push({ group: "nodes", data: { id: box.id, parent: "g:" + group.id, label: box.lines.join("\n"), kind: "member",
            href: node.href || "", w: nodeWidth, h: box.height, expanded: state.expansions[box.id] ? "yes" : "no" },
            position: { x: group.x + GROUP_PAD + n * (nodeWidth + GAP) + nodeWidth / 2, y: y + box.height / 2 } });
        });
        y += rowHeight + GAP;
      });
      // A line meets a group on the side that faces the resource, so that it crosses no other group; the links of
      // a neighbour shown in place follow its group, shaded, without lines.
      if (!narrow && !group.anchor) {
        var outward = group.direction !== "in";
        edges.push({ group: "edges", data: { id: "e:" + group.id, source: outward ? centreId : "g:" + group.id,
          target: outward ? "g:" + group.id : centreId, origin: group.origin, side: group.x < width / 2 ? "left" : "right",
          outward: outward ? "yes" : "no" } });
      }
    });
    return { elements: elements.concat(edges), height: height + 8,
             shown: groups.reduce(function (n, g) { return n + (g.anchor ? 0 : g.members.length); }, 0) };
  }

  function style() {
    var line = { stated: "solid", knowledge: "dashed", curator: "dashed", vocabulary: "solid", ontology: "solid", reasoner: "dotted" };
    var rules = [
      { selector: "node", style: { "shape": "round-rectangle", "label": "data(label)", "font-family": FAMILY, "font-size": FONT,
        "line-height": LINE / FONT, "text-wrap": "wrap", "text-max-width": 1000, "text-valign": "center", "text-halign": "center",
        "color": colour("ink"), "background-color": colour("node"), "border-width": 1, "border-color": colour("node-line") } },
      { selector: "node[w]", style: { "width": "data(w)", "height": "data(h)" } },
      { selector: "node[kind = 'centre']", style: { "background-color": colour("centre"), "color": colour("on-centre"),
        "font-size": CENTRE_FONT, "font-weight": "bold", "border-width": 0 } },
      { selector: "node[kind = 'group']", style: { "shape": "round-rectangle", "background-opacity": 0, "border-width": 1.5,
        "border-color": colour("line"), "padding": GROUP_PAD, "text-valign": "top", "text-halign": "center", "text-margin-y": -3,
        "font-weight": "bold", "color": colour("ink"), "text-max-width": 1000, "text-wrap": "none", "compound-sizing-wrt-labels": "exclude" } },
      { selector: "node[mw]", style: { "min-width": "data(mw)", "min-width-bias-left": "0%", "min-width-bias-right": "100%" } },
      { selector: "node[expanded = 'yes']", style: { "border-width": 2, "border-style": "double" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": colour("focus") } },
      { selector: "edge", style: { "curve-style": "straight", "target-arrow-shape": "triangle", "width": 2, "arrow-scale": 1.1 } },
      { selector: "edge[side = 'right'][outward = 'yes']", style: { "target-endpoint": "-50% 0%" } },
      { selector: "edge[side = 'right'][outward = 'no']", style: { "source-endpoint": "-50% 0%" } },
      { selector: "edge[side = 'left'][outward = 'yes']", style: { "target-endpoint": "50% 0%" } },
      { selector: "edge[side = 'left'][outward = 'no']", style: { "source-endpoint": "50% 0%" } },
      { selector: "node[shown = 'in-place']", style: { "background-color": colour("soft"), "background-opacity": 1 } },
    ];
    Object.keys(line).forEach(function (origin) {
      var c = colour(origin);
      rules.push({ selector: "node[kind = 'group'][origin = '" + origin + "']", style: { "border-style": line[origin], "border-color": c } });
      rules.push({ selector: "edge[origin = '" + origin + "']", style: { "line-style": line[origin], "line-color": c, "target-arrow-color": c } });
    });
    return rules;
  }

  function draw() {
    var width = canvas.clientWidth || host.clientWidth, zoom = 1, result = layout(width);
    if (result.height > MAX_HEIGHT) {
      zoom = Math.max(MIN_ZOOM, MAX_HEIGHT / result.height);
      result = layout(width / zoom);
    }
    var height = Math.min(MAX_HEIGHT, Math.ceil(result.height * zoom)) + (touch ? 44 : 0);  // room for the "tap" hint
    canvas.style.height = height + "px";
    cy.resize();
    cy.elements().remove();
    // Nodes cannot be dragged, so a drag that starts on one pans the view (once the graph has the gestures).
    cy.add(result.elements.map(function (element) { element.pannable = true; return element; }));
    cy.zoom(zoom);
    cy.pan({ x: 0, y: 0 });
    if (state.selected && cy.getElementById(state.selected).length) cy.getElementById(state.selected).select();
    var total = state.data.graph.groups.reduce(function (n, g) { return n + g.members.length; }, 0);
    countText.textContent = message("shown", { shown: result.shown, total: total });
    showAllButton.hidden = result.shown >= total && !state.showAll;
    showAllButton.textContent = state.showAll ? message("show-fewer") : message("show-all", { n: total });
    host.dataset.nodes = String(cy.nodes().length);
    host.dataset.edges = String(cy.edges().length);
    host.dataset.zoom = String(cy.zoom());
  }

  function select(node) {
    state.selected = node.id();
    selection.textContent = "";
    var name = document.createElement("strong");
    name.textContent = nodeName(node.id());
    selection.appendChild(name);
    if (node.data("href")) {
      var open = document.createElement("a");
      open.className = "button secondary";
      open.href = node.data("href");
      open.textContent = message("open");
      selection.appendChild(open);
    }
    if (expandable(node)) {
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "secondary";
      toggle.textContent = state.expansions[node.id()] ? message("collapse") : message("expand");
      toggle.addEventListener("click", function () {
        if (state.expansions[node.id()]) { delete state.expansions[node.id()]; draw(); select(cy.getElementById(node.id())); }
        else expand(node);
      });
      selection.appendChild(toggle);
    }
  }

  function expandable(node) { return /\/resource\/[^\/?#]+$/.test(node.data("href") || ""); }

  // Show a neighbour's own links in place: its groups (without what is drawn already) after its group.
  function expand(node) {
    var id = node.id();
    fetch(node.data("href") + ".json", { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        var drawn = {}, budget = 10, extra = [];
        cy.nodes().forEach(function (n) { drawn[n.id()] = true; });
        data.graph.nodes.forEach(function (n) { if (!state.names[n.id]) state.names[n.id] = n; });
        Object.keys(data.property_labels || {}).forEach(function (p) { state.data.property_labels[p] = data.property_labels[p]; });
        data.graph.groups.forEach(function (group) {
          var members = group.members.filter(function (m) { return !drawn[m]; }).slice(0, Math.max(0, budget));
          budget -= members.length;
          if (members.length) {
            members.forEach(function (m) { drawn[m] = true; });
            extra.push({ id: "x" + Object.keys(state.expansions).length + "-" + group.id, origin: group.origin, direction: group.direction,
                         property: group.property, inverse: group.inverse, members: members });
          }
        });
        state.expansions[id] = extra;
        draw();
        select(cy.getElementById(id));
      })
      .catch(function () { host.dataset.failedToExpand = id; });
  }

  function activate(on) {
    cy.userPanningEnabled(on);
    cy.userZoomingEnabled(on && touch);
    shield.hidden = on || !touch;
    doneButton.hidden = !(on && touch);
    if (on && touch) doneButton.focus();
  }

  function button(text, onClick, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className || "secondary";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function build(data) {
    state.data = data;
    data.property_labels = data.property_labels || {};
    data.graph.nodes.forEach(function (node) { state.names[node.id] = node; });
    host.textContent = "";
    host.classList.add("drawn");
    tools = document.createElement("div");
    tools.className = "graph-tools";
    countText = document.createElement("span");
    countText.className = "graph-count";
    showAllButton = button("", function () { state.showAll = !state.showAll; draw(); });
    doneButton = button(message("done"), function () { activate(false); });
    tools.appendChild(countText);
    tools.appendChild(showAllButton);
    tools.appendChild(button(message("zoom-out"), function () { cy.zoom({ level: Math.max(MIN_ZOOM, cy.zoom() / 1.2), renderedPosition: { x: 0, y: 0 } }); }));
    tools.appendChild(button(message("zoom-in"), function () { cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: { x: 0, y: 0 } }); }));
    tools.appendChild(button(message("fit"), function () { draw(); }));
    tools.appendChild(doneButton);
    host.parentNode.insertBefore(tools, host);
    canvas = document.createElement("div");
    canvas.className = "graph-canvas";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", host.getAttribute("aria-label") || "");
    host.removeAttribute("role");
    host.removeAttribute("aria-label");
    host.appendChild(canvas);
    shield = button("", function () { activate(true); }, "graph-shield");
    var hint = document.createElement("span");
    hint.textContent = message("activate");
    shield.appendChild(hint);
    host.appendChild(shield);
    selection = document.createElement("p");
    selection.className = "graph-selection";
    selection.setAttribute("aria-live", "polite");
    host.parentNode.insertBefore(selection, host.nextSibling);
    cy = window.cytoscape({ container: canvas, style: style(), minZoom: MIN_ZOOM, maxZoom: 2.5, autoungrabify: true,
                            boxSelectionEnabled: false, userZoomingEnabled: false });
    cy.on("tap", "node[kind = 'member']", function (event) {
      var node = event.target;
      select(node);
      if (expandable(node) && !state.expansions[node.id()]) expand(node);
    });
    activate(!touch);
    draw();
    var width = canvas.clientWidth;
    window.addEventListener("resize", function () {
      if (Math.abs(canvas.clientWidth - width) > 40) { width = canvas.clientWidth; draw(); }
    });
    if (window.matchMedia) {
      window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () { cy.style(style()); });
    }
    host.dataset.drawn = "true";
    window.libkgGraph = cy;
  }

  fetch(host.dataset.src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(build)
    .catch(function () { host.dataset.drawn = "failed"; });
})();
