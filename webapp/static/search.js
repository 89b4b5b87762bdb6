// Search as you type: fetch /search.json?q= and redraw the results list (the form works without this script).
(function () {
  "use strict";
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  if (!input || !results || !window.fetch) return;
  var messages = results.dataset;
  var pending = null;
  var timer = null;

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function parts(value) {
    return value.parts.map(function (part) {
      return part[1] ? element("mark", {}, [part[0]]) : document.createTextNode(part[0]);
    });
  }

  function languageTag(language) {
    return element("span", { "class": "lang-tag", title: messages.msgFallback }, [language]);
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function resultItem(result) {
    var item = element("li");
    item.appendChild(element("a", { "class": "result-label", href: result.href, lang: result.label.lang }, parts(result.label)));
    if (result.label.lang) { item.appendChild(document.createTextNode(" ")); item.appendChild(languageTag(result.label.lang)); }
    result.other.forEach(function (other) {
      item.appendChild(element("span", { "class": "other-language", lang: other.lang }, parts(other)));
    });
    if (result.snippet) {
      item.appendChild(element("p", { "class": "snippet", lang: result.snippet.lang },
        [element("span", { "class": "match-field" }, [messages.msgDefinition]), " "].concat(parts(result.snippet))));
    } else if (result.field === "alt") {
      item.appendChild(element("p", { "class": "snippet" }, [element("span", { "class": "match-field" }, [messages.msgAlt])]));
    }
    var provenance = element("p", { "class": "provenance" });
    if (result.studies.length) {
      provenance.appendChild(document.createTextNode(messages.msgFrom + " "));
      result.studies.forEach(function (study, position) {
        if (position) provenance.appendChild(document.createTextNode("; "));
        provenance.appendChild(element("a", { href: study.href, lang: study.lang }, [study.label]));
      });
    } else if (result.source) {
      provenance.appendChild(document.createTextNode(messages.msgShared + " " + result.source));
    }
    item.appendChild(provenance);
    return item;
  }

  function draw(answer) {
    results.textContent = "";
    if (!answer.query) return;
    var summary = answer.total ? format(messages.msgCount, { n: answer.total, q: answer.query }) : format(messages.msgNone, { q: answer.query });
    if (answer.total > answer.shown) summary += " " + format(messages.msgMore, { n: answer.shown });
    results.appendChild(element("p", { id: "result-count", "class": "count" }, [summary]));
    answer.groups.forEach(function (group) {
      var heading = element("h2", {}, [element("span", { lang: group.lang }, [group.label])]);
      if (group.lang) { heading.appendChild(document.createTextNode(" ")); heading.appendChild(languageTag(group.lang)); }
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(element("span", { "class": "count" }, ["(" + group.count + ")"]));
      results.appendChild(element("section", { "class": "result-group" },
        [heading, element("ul", { "class": "results" }, group.results.map(resultItem))]));
    });
  }

  // The language switch resubmits the page's parameters: keep the query typed since the page loaded.
  function keepInLanguageSwitch(query) {
    var form = document.querySelector("form.language");
    if (!form) return;
    var field = form.querySelector("input[name=q]");
    if (!field) {
      field = element("input", { type: "hidden", name: "q" });
      form.insertBefore(field, form.firstChild);
    }
    field.value = query;
  }

  function search() {
    var query = input.value.trim();
    if (pending) pending.abort();
    pending = new AbortController();
    var url = input.dataset.endpoint + "?q=" + encodeURIComponent(query);
    fetch(url, { signal: pending.signal, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (answer) {
        if (answer.query !== input.value.trim()) return;
        draw(answer);
        var address = new URL(window.location.href);
        if (query) address.searchParams.set("q", query); else address.searchParams.delete("q");
        window.history.replaceState(null, "", address.toString());
        keepInLanguageSwitch(query);
      })
      .catch(function () { /* an aborted or failed request leaves the last results in place */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 120);
  });
})();
