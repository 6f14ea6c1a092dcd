// Collision detection: tell the server every 45 s that this item is still open and show who
// else has it open. The page works without it (the list is rendered on every view).
(function () {
  "use strict";
  var target = document.getElementById("item-viewers");
  var form = document.getElementById("presence-beat");
  if (!target || !form || !window.fetch) {
    return;
  }
  function beat() {
    if (document.hidden) {
      return;
    }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          // The fragment is the server's own escaped template output.
          target.innerHTML = html;
        }
      })
      .catch(function () {});
  }
  window.setInterval(beat, 45000);
})();
