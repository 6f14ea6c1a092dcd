/* Keyboard shortcuts of the inbox (queue and item pages) and their help dialog.
 *
 * Progressive: without this file every control is an ordinary link, button or field.
 * Single-key shortcuts (WCAG 2.1.4) can be turned off in the help dialog; the choice is
 * kept in this browser (localStorage). Keys are ignored while typing in a field, with a
 * modifier held, or while the help dialog is open. Shortcuts act on elements marked
 * data-shortcut="next|prev|hide|keep|reply|assign", whatever template renders them.
 */
(function () {
  "use strict";
  var STORE = "tillit.shortcuts";
  var KEYS = { j: "next", k: "prev", d: "hide", b: "keep", s: "reply", t: "assign" };

  function enabled() {
    try { return window.localStorage.getItem(STORE) !== "off"; } catch (e) { return true; }
  }
  function setEnabled(on) {
    try { window.localStorage.setItem(STORE, on ? "on" : "off"); } catch (e) { /* private mode */ }
  }
  function typing(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    if (tag === "INPUT") {
      // A checkbox or a button takes no text: shortcuts still work there (x on a row).
      return !/^(checkbox|radio|button|submit|reset)$/.test(el.type);
    }
    return tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  var dialog = document.getElementById("shortcut-help");
  var opener = null;

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"),
      function (el) { return !el.disabled && !el.hidden; }
    );
  }
  function openHelp(from) {
    if (!dialog || dialog.open) return;
    opener = from || document.activeElement;
    dialog.showModal();
    var first = focusables(dialog)[0];
    if (first) first.focus();
  }
  function closeHelp() {
    if (dialog && dialog.open) dialog.close();
  }

  if (dialog) {
    var toggle = dialog.querySelector("[data-shortcut-toggle]");
    if (toggle) {
      toggle.checked = enabled();
      toggle.addEventListener("change", function () { setEnabled(toggle.checked); });
    }
    dialog.querySelector("[data-shortcut-close]").addEventListener("click", closeHelp);
    dialog.addEventListener("close", function () {
      // Focus goes back where it was when the help was opened.
      if (opener && document.contains(opener)) opener.focus();
      opener = null;
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") return;
      // Keep Tab inside the dialog (the modal makes the page inert; this stops the browser's
      // own controls from taking focus in between).
      var items = focusables(dialog);
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
      else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-shortcut-help]"), function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () { openHelp(btn); });
    });
  }

  function rowLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-queue-row] [data-row-link]"));
  }
  function currentRow(links) {
    var active = document.activeElement;
    for (var i = 0; i < links.length; i++) {
      var row = links[i].closest("[data-queue-row]");
      if (row && row.contains(active)) return i;
    }
    return -1;
  }
  function moveInList(step) {
    var links = rowLinks();
    if (!links.length) return false;
    var at = currentRow(links);
    var to = at === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
    links[to].focus();
    links[to].scrollIntoView({ block: "nearest" });
    return true;
  }
  function act(name) {
    var el = document.querySelector('[data-shortcut="' + name + '"]');
    if (!el) return false;
    if (el.tagName === "OPTION") {
      var select = el.closest("select");
      select.value = el.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      select.focus();
    } else if (typing(el)) {
      el.focus();
    } else {
      el.click();
    }
    if (el.scrollIntoView && el.tagName !== "A") (el.closest("select") || el).scrollIntoView({ block: "center" });
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || (dialog && dialog.open) || !enabled()) return;
    var key = event.key;
    var handled = false;
    if (key === "?") { openHelp(null); handled = true; }
    else if (key === "x") {
      var links = rowLinks(), at = currentRow(links);
      if (at !== -1) {
        var box = links[at].closest("[data-queue-row]").querySelector("input[type=checkbox]");
        if (box) { box.checked = !box.checked; handled = true; }
      }
    } else if (KEYS[key]) {
      var name = KEYS[key];
      if ((name === "next" || name === "prev") && rowLinks().length) handled = moveInList(name === "next" ? 1 : -1);
      else handled = act(name);
    }
    if (handled) event.preventDefault();
  });
})();
