// The query page: replace the plain form with the YASGUI editor bound to this endpoint, load examples into it,
// name IRIs in result tables by their labels, offer the results as CSV and JSON and the query as a link, say in
// the page's language when an answer was cut or a query failed (with its line and column), and label the
// editor's own controls in that language and for screen readers.
(function () {
  "use strict";
  var host = document.getElementById("editor");
  if (!host || !window.Yasgui) return;
  var endpoint = host.dataset.endpoint;
  var form = document.getElementById("plain-query");
  var initialQuery = form.querySelector("textarea").value;
  var messages = JSON.parse(host.dataset.messages || "{}");
  var labels = {};

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  // YASGUI's own words, as it writes them, and what the page's language calls them.
  var WORDS = {
    "Run query": messages.yasgui_run, "Share query": messages.yasgui_share, "Download result": messages.yasgui_download,
    "Table": messages.yasgui_table, "Response": messages.yasgui_response, "Filter query results": messages.yasgui_filter,
    "Ellipse": messages.yasgui_ellipse, "Simple view": messages.yasgui_simple_view, "Page size: ": messages.yasgui_page_size + " ",
    "Add tab": messages.yasgui_new_tab, "Add a new tab": messages.yasgui_new_tab, "Close tab": messages.yasgui_close_tab,
    "Show all": messages.yasgui_show_all, "All": messages.yasgui_all, "True": messages.yasgui_true, "False": messages.yasgui_false,
    "Fullscreen": messages.yasgui_fullscreen, "Query": messages.yasgui_query_tab,
    "Shows Table view": messages.yasgui_table, "Shows Response view": messages.yasgui_response
  };

  function translated(text) {
    return Object.prototype.hasOwnProperty.call(WORDS, text) && WORDS[text] ? WORDS[text] : null;
  }

  // Relabel the editor's controls: titles, labels and placeholders, and elements whose whole text is one of its words.
  function relabel(root) {
    root.querySelectorAll("[title], [aria-label], [placeholder]").forEach(function (element) {
      ["title", "aria-label", "placeholder"].forEach(function (name) {
        var value = element.getAttribute(name);
        var other = value && translated(value);
        if (other && other !== value) element.setAttribute(name, other);
      });
    });
    root.querySelectorAll("span, option, button, a, label").forEach(function (element) {
      if (element.children.length) return;
      var other = translated(element.textContent);
      if (other && other !== element.textContent) element.textContent = other;
    });
  }

  // Give assistive technology what YASGUI leaves out: a name for the query text.
  function labelEditor(root) {
    root.querySelectorAll(".CodeMirror textarea:not([aria-label])").forEach(function (area) {
      area.setAttribute("aria-label", messages.yasgui_editor);
    });
  }

  // A tab list may hold only tabs: YASGUI's "new tab" button moves just after the list, in one row with it
  // (YASGUI then appends new tabs at the list's end).
  function keepTabListToTabs(instance) {
    var tabs = instance.tabElements;
    if (!tabs || !tabs.addTabEl || !tabs._tabsListEl) return;
    var row = document.createElement("div");
    row.className = "tabs-row";
    tabs._tabsListEl.parentNode.insertBefore(row, tabs._tabsListEl);
    row.appendChild(tabs._tabsListEl);
    row.appendChild(tabs.addTabEl);
    tabs.addTabEl = null;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Result tables show a libkg resource by its label in the page's language, linked to its page.
  var Table = Yasgui.Yasr.plugins.table;
  var plainLink = Table.prototype.getUriLinkFromBinding;
  Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
    var known = labels[binding.value];
    if (!known) return plainLink.call(this, binding, prefixes);
    var tag = known.lang ? ' <span class="lang-tag">' + escapeHtml(known.lang) + "</span>" : "";
    return '<a class="iri" href="' + escapeHtml(known.href) + '"' + (known.lang ? ' lang="' + escapeHtml(known.lang) + '"' : "") + ">" +
      escapeHtml(known.label) + "</a>" + tag + ' <span class="iri-curie">' + escapeHtml(known.curie) + "</span>";
  };
  Table.defaults.openIriInNewWindow = false;
  Table.defaults.tableConfig.language = Object.assign({}, Table.defaults.tableConfig.language, {
    info: messages.yasgui_info, infoEmpty: messages.yasgui_no_results, emptyTable: messages.yasgui_no_results,
    zeroRecords: messages.yasgui_no_match, infoFiltered: messages.yasgui_filtered
  });
  // Long values are shown whole unless the reader asks to shorten them (YASGUI shortens them by default).
  var drawTable = Table.prototype.draw;
  Table.prototype.draw = function (config) {
    if (this.persistentConfig.isEllipsed === undefined && !(config && config.isEllipsed !== undefined)) {
      this.persistentConfig.isEllipsed = false;
    }
    return drawTable.call(this, Object.assign({ isEllipsed: this.persistentConfig.isEllipsed }, config || {}));
  };
  var updateResponseInfo = Yasgui.Yasr.prototype.updateResponseInfo;
  Yasgui.Yasr.prototype.updateResponseInfo = function () {
    updateResponseInfo.call(this);
    var bindings = this.results && this.results.getBindings();
    var time = this.results && this.results.getResponseTime();
    if (bindings && time) this.dataElement.textContent = format(messages.yasgui_rows_in, { n: bindings.length, s: time / 1000 });
    else if (time) this.dataElement.textContent = format(messages.yasgui_response_in, { s: time / 1000 });
  };

  form.hidden = true;
  var mount = document.createElement("div");
  host.appendChild(mount);
  var yasgui = new Yasgui(mount, {
    tabName: messages.yasgui_query_tab || "Query",
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: "libkg-query",
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: { value: initialQuery, collapsePrefixesOnLoad: true, prefixCcApi: host.dataset.prefixesUrl, autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes: JSON.parse(host.dataset.prefixes), pluginOrder: ["table", "response"], defaultPlugin: "table" },
  });
  // Stored tabs may remember another address of this server: every tab asks this endpoint.
  Object.keys(yasgui._tabs).forEach(function (id) { yasgui.getTab(id).setEndpoint(endpoint); });

  fetch(host.dataset.labelsUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (names) {
      labels = names;
      var tab = yasgui.getTab();
      if (tab && tab.getYasr().results) tab.getYasr().draw();
    })
    .catch(function () { /* without labels the table shows IRIs */ });

  function shareLink(query) {
    return window.location.pathname + "#query=" + encodeURIComponent(query);
  }

  function offerDownloads(tab) {
    var query = tab.getQuery();
    var base = endpoint + "?query=" + encodeURIComponent(query) + "&format=";
    document.getElementById("download-result-csv").href = base + "csv";
    document.getElementById("download-result-json").href = base + "json";
    document.getElementById("share-link").href = shareLink(query);
    document.getElementById("result-downloads").hidden = false;
  }

  var problemBox = document.getElementById("query-problem");
  var truncatedBox = document.getElementById("query-truncated");

  // Put the notices between the editor and the results of the tab shown.
  function placeNotices(tab) {
    var results = tab.getYasr().rootEl;
    results.parentNode.insertBefore(truncatedBox, results);
    results.parentNode.insertBefore(problemBox, truncatedBox);
  }

  // Say briefly, in the page's language, why a query failed; the endpoint's own words go under "details".
  function showProblem(text) {
    var problem = {};
    try { problem = JSON.parse(text); } catch (error) { problem = { message: text }; }
    var summary;
    var where = /line (\d+), column (\d+)/.exec(problem.position || "");
    if (problem.error === "query timeout") summary = messages.query_error_timeout;
    else if (problem.error === "store unavailable") summary = messages.query_error_unavailable;
    else if (problem.error === "query rejected" && /syntax|not a SPARQL/i.test(problem.message || "")) {
      summary = where ? format(messages.query_error_syntax, { line: where[1], column: where[2] }) : messages.query_error_syntax_nowhere;
    } else if (problem.error === "query rejected" || problem.error === "read-only endpoint") summary = messages.query_error_refused;
    else summary = format(messages.query_error_other, { status: problem.status || "?" });
    problemBox.textContent = "";
    var heading = document.createElement("p");
    heading.className = "problem-summary";
    heading.textContent = messages.query_error_title + " " + summary;
    problemBox.appendChild(heading);
    var details = document.createElement("details");
    var label = document.createElement("summary");
    label.textContent = messages.query_error_details;
    var said = document.createElement("p");
    said.lang = "en";
    said.className = "problem-details";
    said.textContent = (problem.message || text) + (problem.position ? " (" + problem.position + ")" : "");
    details.appendChild(label);
    details.appendChild(said);
    problemBox.appendChild(details);
    problemBox.hidden = false;
    host.classList.add("has-problem");
    if (where) {
      var editor = yasgui.getTab().getYasqe();
      editor.setCursor({ line: Number(where[1]) - 1, ch: Math.max(0, Number(where[2]) - 1) });
    }
  }

  function showAnswer(tab) {
    var results = tab.getYasr().results;
    problemBox.hidden = true;
    truncatedBox.hidden = true;
    host.classList.remove("has-problem");
    if (!results) return;
    placeNotices(tab);
    if (results.error) {
      showProblem(results.error.message);
      return;
    }
    var headers = results.res && results.res.headers;
    var cut = headers && headers.get("Libkg-Results-Truncated");
    if (cut) {
      truncatedBox.textContent = format(messages.query_truncated, { rows: Number(headers.get("Libkg-Rows") || 0).toLocaleString() });
      truncatedBox.hidden = false;
    }
  }

  // A tab announces the response before its results view reads it: look once the view has it.
  yasgui.on("queryResponse", function (instance, tab) {
    offerDownloads(tab);
    window.setTimeout(function () {
      showAnswer(tab);
      relabel(mount);
    }, 0);
  });
  new MutationObserver(function () {
    relabel(mount);
    labelEditor(mount);
  }).observe(mount, { childList: true, subtree: true });
  keepTabListToTabs(yasgui);
  relabel(mount);
  labelEditor(mount);

  document.querySelectorAll(".load-example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var example = link.closest(".example");
      var tab = yasgui.getTab();
      tab.setQuery(example.querySelector("pre").textContent);
      tab.setName(link.dataset.name);
      host.scrollIntoView({ behavior: "smooth", block: "start" });
      tab.getYasqe().focus();
    });
  });
})();
