// Search as you type: fetch the search page for what is typed and put its results in place (the form works
// without this script, and the results are drawn by the server's template either way).
(function () {
  "use strict";
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  if (!input || !results || !window.fetch || !window.DOMParser) return;
  var form = document.getElementById("search-form");
  var pending = null;
  var timer = null;

  // The language switch resubmits the page's parameters: keep the query typed since the page loaded.
  function keepInLanguageSwitch(query) {
    var language = document.querySelector("form.language");
    if (!language) return;
    var field = language.querySelector("input[name=q]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "q";
      language.insertBefore(field, language.firstChild);
    }
    field.value = query;
  }

  function search() {
    var query = input.value.trim();
    var address = new URL(input.dataset.page, window.location.href);
    new FormData(form).forEach(function (value, name) { if (name !== "q") address.searchParams.append(name, value); });
    if (query) address.searchParams.set("q", query);
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(address.toString(), { signal: pending.signal, headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        if (query !== input.value.trim()) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("results");
        if (!fresh) return;
        results.replaceChildren.apply(results, Array.prototype.slice.call(fresh.childNodes));
        window.history.replaceState(null, "", address.pathname + address.search);
        keepInLanguageSwitch(query);
      })
      .catch(function () { /* an aborted or failed request leaves the last results in place */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 150);
  });
})();
