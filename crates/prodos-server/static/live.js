// Live pages: when the server announces a new ledger head, fetch this page again and swap in its
// <main>, so tables follow the ledger without a full reload or a framework.
(function () {
  "use strict";
  var main = document.getElementById("live");
  if (!main || main.dataset.live !== "true" || !window.EventSource) { return; }
  var source = new EventSource("/api/events");
  var pending = false;
  source.addEventListener("appended", function () {
    if (pending) { return; }
    pending = true;
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        pending = false;
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        if (fresh) { main.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { pending = false; });
  });
})();
