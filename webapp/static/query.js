// The query page: replace the plain form with the YASGUI editor bound to this endpoint, load examples into it,
// name IRIs in result tables by their labels, and offer the results as CSV and JSON and the query as a link.
(function () {
  "use strict";
  var host = document.getElementById("editor");
  if (!host || !window.Yasgui) return;
  var endpoint = host.dataset.endpoint;
  var form = document.getElementById("plain-query");
  var initialQuery = form.querySelector("textarea").value;
  var labels = {};

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

  form.hidden = true;
  var mount = document.createElement("div");
  host.appendChild(mount);
  var yasgui = new Yasgui(mount, {
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

  yasgui.on("queryResponse", function (instance, tab) { offerDownloads(tab); });

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
