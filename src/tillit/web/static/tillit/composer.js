/* The composer: a live count per channel (the server checks again), and autosave.
   Without JavaScript every limit is still listed and "Save draft" keeps the text. */
(function () {
  "use strict";

  var length = window.TillitText.length, signed = window.TillitText.signed, fill = window.TillitText.fill;

  function setUp(form) {
    var area = form.querySelector("[data-composer-text]");
    var link = form.querySelector("input[name=link]");
    var rows = form.querySelectorAll("[data-channel-limit]");
    var status = document.getElementById("autosave-status");
    var timer = null;
    function update() {
      rows.forEach(function (row) {
        var limit = parseInt(row.getAttribute("data-limit") || "", 10);
        var out = row.querySelector(".counter");
        if (!out || !limit) { return; }
        var text = signed(area.value, row.getAttribute("data-signature") || "");
        if (link && link.value && text.indexOf(link.value) < 0 && !row.hasAttribute("data-link-apart")) { text += "\n\n" + link.value; }
        var count = length(text, row.hasAttribute("data-graphemes"), parseInt(row.getAttribute("data-link-length") || "0", 10));
        var over = count - limit;
        out.textContent = over > 0
          ? fill(out.getAttribute("data-template-over"), { count: count, limit: limit, over: over })
          : fill(out.getAttribute("data-template-left"), { count: count, limit: limit, left: -over });
        out.classList.toggle("over", over > 0);
      });
    }
    var dirty = false;
    function save() {
      if (!dirty) { return; }
      dirty = false;
      var data = new FormData(form);
      data.delete("image");
      fetch(form.getAttribute("data-autosave-url"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok || !res.body.saved) {
            status.textContent = res.body.error || status.getAttribute("data-failed");
            return;
          }
          var version = form.querySelector("input[name=version]");
          if (version) { version.value = res.body.version; }
          form.setAttribute("data-autosave-url", res.body.autosave_url);
          form.setAttribute("action", res.body.edit_url);
          if (window.location.pathname !== res.body.edit_url) { window.history.replaceState(null, "", res.body.edit_url); }
          status.textContent = fill(status.getAttribute("data-saved"), { at: res.body.at });
        })
        .catch(function () { status.textContent = status.getAttribute("data-failed"); dirty = true; });
    }
    form.addEventListener("input", function (event) {
      if (event.target && event.target.type === "file") { return; }
      dirty = true;
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(update, 300);
    });
    form.addEventListener("change", function () { dirty = true; });
    window.setInterval(save, 5000);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-composer]").forEach(setUp);
  });
})();
