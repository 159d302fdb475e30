// briefing search: finds stories by headline, lede, key points, person,
// place, organisation or tag in search-index.json, in the browser, with no server and no
// dependencies. Without JavaScript the search page lists every story.
// Keyboard: type to search; Down/Up move through the results; Escape goes
// back to the box; Enter in the box opens the first result.
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var all = document.getElementById("search-all");
  if (!script || !input || !results || !status || !window.fetch) {
    return;
  }
  var MAX_RESULTS = 50;
  var loading = null;
  var index = null;
  var timer = null;
  // Dates as the site's pages show them: "12 July 2025".
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  function displayDate(iso) {
    var parts = iso.split("-");
    var month = MONTHS[Number(parts[1]) - 1];
    return month ? Number(parts[2]) + " " + month + " " + parts[0] : iso;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function load() {
    if (!loading) {
      loading = fetch(script.getAttribute("data-index"))
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(prepare);
    }
    return loading;
  }

  function prepare(data) {
    var entities = data.entities.map(function (names) {
      return { name: names.split("|")[0], words: words(names) };
    });
    var tags = data.tags.map(function (name) {
      return { name: name, words: words(name) };
    });
    index = data.articles.map(function (a) {
      return {
        title: a.t,
        url: data.prefix + a.s + "/",
        date: a.d,
        words: words(a.t),
        text: words(a.w || ""),
        entities: a.e.map(function (i) { return entities[i]; }),
        tags: (a.g || []).map(function (i) { return tags[i]; })
      };
    });
  }

  function hasPrefix(list, term) {
    return list.some(function (w) { return w.indexOf(term) === 0; });
  }

  function search(terms) {
    var found = [];
    index.forEach(function (article, order) {
      var score = 0;
      var named = [];
      var every = terms.every(function (term) {
        var hit = false;
        if (hasPrefix(article.words, term)) {
          score += 2;
          hit = true;
        } else if (hasPrefix(article.text, term)) {
          score += 1;
          hit = true;
        }
        article.entities.concat(article.tags).forEach(function (e) {
          if (hasPrefix(e.words, term)) {
            score += 3;
            hit = true;
            if (named.indexOf(e.name) < 0) {
              named.push(e.name);
            }
          }
        });
        return hit;
      });
      if (every) {
        found.push({ article: article, score: score, order: order, named: named });
      }
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found;
  }

  function show(query) {
    var terms = words(query);
    results.textContent = "";
    if (!terms.length) {
      results.hidden = true;
      if (all) { all.hidden = false; }
      status.textContent = "";
      return;
    }
    var found = search(terms);
    found.slice(0, MAX_RESULTS).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.article.url;
      link.textContent = hit.article.title;
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "meta";
      var time = document.createElement("time");
      time.dateTime = hit.article.date;
      time.textContent = displayDate(hit.article.date);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
      if (hit.named.length) {
        meta.appendChild(document.createTextNode(" · " + hit.named.join(", ")));
      }
      item.appendChild(meta);
      results.appendChild(item);
    });
    results.hidden = found.length === 0;
    if (all) { all.hidden = true; }
    status.textContent = found.length === 0 ? "No stories match “" + query + "”." :
      found.length + (found.length === 1 ? " story matches." : " stories match.") +
      (found.length > MAX_RESULTS ? " Showing the first " + MAX_RESULTS + "." : "");
  }

  function update() {
    var query = input.value;
    load().then(function () { show(query); }, function (error) {
      status.textContent = "Search is unavailable (" + error.message + "); all stories are listed below.";
    });
  }

  function links() {
    return Array.prototype.slice.call(results.querySelectorAll("a"));
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 80);
  });
  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) {
      first.click();
    } else {
      update();
    }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape") {
      input.value = "";
      update();
    }
  });
  results.addEventListener("keydown", function (event) {
    var list = links();
    var at = list.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at >= 0 && at + 1 < list.length) {
      event.preventDefault();
      list[at + 1].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : list[at - 1]).focus();
    } else if (event.key === "Escape") {
      input.focus();
    }
  });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    update();
  }
}());
