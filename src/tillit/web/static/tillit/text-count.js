/* Counting text as a platform does, for the reply form and the composer (the server checks
   again): code points, or graphemes where the platform counts them (Bluesky); a web address
   as a fixed length where the platform says so (X, Mastodon); the signature on its own line. */
(function () {
  "use strict";

  var segmenter = (typeof Intl !== "undefined" && Intl.Segmenter) ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  var WEB = /https?:\/\/[^\s<>"]+/gi;

  function length(text, graphemes, linkLength) {
    text = text.replace(/\r\n/g, "\n");
    if (linkLength) { text = text.replace(WEB, new Array(linkLength + 1).join("x")); }
    if (graphemes && segmenter) {
      var n = 0;
      for (var _ of segmenter.segment(text)) { n += 1; }
      return n;
    }
    return Array.from(text).length;
  }

  function signed(text, signature) {
    var body = text.replace(/\s+$/, "");
    if (!signature || body.slice(-signature.length) === signature) { return body; }
    return body + "\n" + signature;
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  window.TillitText = { length: length, signed: signed, fill: fill };
})();
