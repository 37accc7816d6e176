/* govkg view: builds the vis network from the page's JSON data, with legend filters, search and a
   detail panel. Every piece of text from the graph goes into the page through textContent or vis's
   own tooltip (innerText): nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  window.govkgView = function (config) {
    const hiddenStyles = new Set(config.hiddenStyles);
    const hiddenTypes = new Set(config.hiddenTypes);

    // The visibility rule, in one place: a node is hidden when its label is switched off; an edge
    // when its type is switched off or either end is hidden.
    function visibility(nodeList, edgeList) {
      const hiddenNodes = new Set();
      const nodeStates = nodeList.map(function (n) {
        const hidden = hiddenStyles.has(n.style);
        if (hidden) hiddenNodes.add(n.id);
        return { id: n.id, hidden: hidden };
      });
      const edgeStates = edgeList.map(function (e) {
        return { id: e.id, hidden: hiddenTypes.has(e.type) || hiddenNodes.has(e.from) || hiddenNodes.has(e.to) };
      });
      return { nodes: nodeStates, edges: edgeStates };
    }

    const initial = visibility(config.nodes, config.edges);
    initial.nodes.forEach(function (state, i) { config.nodes[i].hidden = state.hidden; });
    initial.edges.forEach(function (state, i) { config.edges[i].hidden = state.hidden; });
    const nodes = new vis.DataSet(config.nodes);
    const edges = new vis.DataSet(config.edges);
    const container = document.getElementById("network");
    const network = new vis.Network(container, {}, config.options);
    const page = { network: network, nodes: nodes, edges: edges, ready: false };
    // the same globals pyvis pages have, for users poking at the page from the console
    window.govkg = page;
    window.network = network;
    window.nodes = nodes;
    window.edges = edges;

    function refresh() {
      const states = visibility(nodes.get(), edges.get());
      nodes.update(states.nodes);
      edges.update(states.edges);
    }

    // ---------------------------------------------------------------- readiness
    function markReady() {
      page.readyMs = performance.now();
      page.ready = true;
      document.documentElement.dataset.ready = "true";
    }
    if (config.options.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.once("afterDrawing", markReady);
        network.redraw();
      });
    } else {
      network.once("afterDrawing", markReady);
    }
    network.setData({ nodes: nodes, edges: edges });

    // ---------------------------------------------------------------- legend
    const legend = document.getElementById("legend");
    function legendSection(title, rows, hiddenSet, glyph) {
      legend.appendChild(element("h2", title));
      rows.forEach(function (row) {
        const label = element("label");
        const box = element("input");
        box.type = "checkbox";
        box.checked = !hiddenSet.has(row.key);
        box.dataset.key = row.key;
        box.addEventListener("change", function () {
          if (box.checked) hiddenSet.delete(row.key); else hiddenSet.add(row.key);
          refresh();
        });
        label.appendChild(box);
        const mark = element("span", glyph(row), "glyph");
        if (row.colour) mark.style.color = row.colour;
        label.appendChild(mark);
        label.appendChild(document.createTextNode(row.zh + " " + row.key + " "));
        label.appendChild(element("span", "(" + row.count + ")", "count"));
        legend.appendChild(label);
      });
    }
    legendSection("节点 nodes", config.legend.styles, hiddenStyles, function (row) { return row.glyph; });
    legendSection("关系 relations", config.legend.types, hiddenTypes, function () { return "→"; });

    // ---------------------------------------------------------------- details
    const details = document.getElementById("details");
    function showDetails(item) {
      details.replaceChildren();
      const close = element("button", "×", "close");
      close.type = "button";
      close.addEventListener("click", function () { details.hidden = true; });
      details.appendChild(close);
      details.appendChild(element("div", item.title));
      if (item.href) {
        const link = element("a", "打开焦点页 open focus page");
        link.href = item.href;
        details.appendChild(link);
      }
      details.hidden = false;
    }
    network.on("click", function (params) {
      if (params.nodes.length) showDetails(nodes.get(params.nodes[0]));
      else if (params.edges.length) showDetails(edges.get(params.edges[0]));
    });
    network.on("doubleClick", function (params) {
      const node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
      if (node && node.href) window.location.href = node.href;
    });

    // ---------------------------------------------------------------- search
    const byName = new Map();
    const names = document.getElementById("search-names");
    const counts = new Map();
    config.nodes.forEach(function (n) { counts.set(n.label, (counts.get(n.label) || 0) + 1); });
    config.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label, "zh"); })
      .forEach(function (n) {
        const shown = counts.get(n.label) > 1 ? n.label + "（" + n.style + "）" : n.label;
        byName.set(shown, n.id);
        const option = element("option");
        option.value = shown;
        names.appendChild(option);
      });
    function reveal(id) {
      const node = nodes.get(id);
      if (hiddenStyles.has(node.style)) {
        hiddenStyles.delete(node.style);
        legend.querySelectorAll("input").forEach(function (box) {
          if (box.dataset.key === node.style) box.checked = true;
        });
        refresh();
      }
      network.selectNodes([id]);
      network.focus(id, { scale: 1.3, animation: false });
      showDetails(node);
    }
    function search(query) {
      query = query.trim();
      if (!query) return;
      let id = byName.get(query);
      if (id === undefined) {
        const lower = query.toLowerCase();
        const hit = config.nodes.find(function (n) { return n.label.toLowerCase().includes(lower); });
        id = hit && hit.id;
      }
      if (id !== undefined) reveal(id);
    }
    page.reveal = reveal;
    // ---------------------------------------------------------------- date range
    // Facts dated outside the range fade; undated facts stay as they are.
    const fromBox = document.getElementById("date-from");
    const toBox = document.getElementById("date-to");
    page.faded = new Set();
    function outside(item, from, to) {
      if (!item.first) return false;
      return Boolean((to && item.first > to) || (from && item.last && item.last < from));
    }
    function applyDates() {
      const from = fromBox.value, to = toBox.value;
      page.faded = new Set();
      nodes.update(nodes.get().map(function (n) {
        const out = outside(n, from, to);
        if (out) page.faded.add(n.id);
        return { id: n.id, opacity: out ? 0.2 : 1 };
      }));
      edges.update(edges.get().map(function (e) {
        const out = outside(e, from, to);
        if (out) page.faded.add(e.id);
        return { id: e.id, color: { opacity: out ? 0.15 : 1 } };
      }));
    }
    [fromBox, toBox].forEach(function (box) {
      box.addEventListener("input", applyDates);
      box.addEventListener("change", applyDates);
    });

    const input = document.getElementById("search");
    input.addEventListener("change", function () { search(input.value); });
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") search(input.value); });
  };
})();
