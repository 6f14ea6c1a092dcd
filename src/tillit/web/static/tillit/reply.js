/* The reply form on an item page: a live count against the platform's limit (the server
   checks again on submit) and saved replies that fill the text without a page load.
   Without JavaScript the limit is still shown and the saved-reply form reloads the page. */
(function () {
  "use strict";

  var length = window.TillitText.length, signed = window.TillitText.signed, fill = window.TillitText.fill;

  function setUpCounter(area) {
    var limit = parseInt(area.getAttribute("data-limit") || "", 10);
    var out = document.getElementById("reply-count");
    if (!out || !limit) { return; }
    var graphemes = area.hasAttribute("data-graphemes");
    var signature = area.getAttribute("data-signature") || "";
    var timer = null;
    function update() {
      var count = length(signed(area.value, signature), graphemes, parseInt(area.getAttribute("data-link-length") || "0", 10));
      var over = count - limit;
      out.textContent = over > 0
        ? fill(out.getAttribute("data-template-over"), { count: count, limit: limit, over: over })
        : fill(out.getAttribute("data-template-left"), { count: count, limit: limit, left: -over });
      out.classList.toggle("over", over > 0);
    }
    /* aria-live polite: announce after a pause in typing, not on every key. */
    area.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(update, 400);
    });
    update();
  }

  function setUpSavedReplies(select) {
    var area = document.getElementById(select.getAttribute("data-saved-replies"));
    if (!area) { return; }
    var button = select.form && select.form.querySelector("[data-saved-replies-submit]");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      if (!option || !option.value) { return; }
      if (area.value.trim() && !window.confirm(select.getAttribute("data-confirm") || "")) { return; }
      area.value = option.getAttribute("data-text") || "";
      area.dispatchEvent(new Event("input"));
      area.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var area = document.getElementById("reply-text");
    if (area) { setUpCounter(area); }
    document.querySelectorAll("select[data-saved-replies]").forEach(setUpSavedReplies);
  });
})();
