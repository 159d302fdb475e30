// briefing serve: live reload and build-error overlay. Injected only by
// `briefing serve`; never part of a built site.
(function () {
  "use strict";
  var OVERLAY_ID = "briefing-error-overlay";

  function showError(message) {
    var box = document.getElementById(OVERLAY_ID);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0e;color:#ffe9ea;border-top:4px solid #ff5b66;padding:1rem 1.25rem;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;";
      document.body.appendChild(box);
    }
    box.textContent = "briefing: the last change did not build; showing the last good page.\n\n" + message;
  }

  function hideError() {
    var box = document.getElementById(OVERLAY_ID);
    if (box) box.remove();
  }

  function restyle() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("briefing-reload", String(Date.now()));
      links[i].href = url.toString();
    }
  }

  // The server names the pages that changed (URL paths, one per line; "*"
  // for anything else): only tabs showing one of them reload.
  function shows(pages) {
    var here = location.pathname.replace(/index\.html$/, "");
    var list = pages.split("\n");
    return list.indexOf("*") >= 0 || list.indexOf(here) >= 0 || list.indexOf(decodeURI(here)) >= 0;
  }

  var events = new EventSource("/__briefing/events");
  // Marks the page while it listens, for whoever wonders whether it does.
  events.addEventListener("open", function () {
    document.documentElement.setAttribute("data-briefing-live", "on");
  });
  events.addEventListener("reload", function (e) {
    if (shows(e.data)) location.reload();
  });
  events.addEventListener("css", restyle);
  events.addEventListener("build-error", function (e) { showError(e.data); });
  events.addEventListener("ok", hideError);
})();
