// dlnotes course notes: the sidebar and the search box of every page (and of the index).
// - The "Lessons and sections" panel is open on wide screens (a left column) and folded on narrow ones (a panel
//   above the text), so a phone reader sees the lesson first.
// - Search: window.dlnotesSearchDocs (assets/search-index.js, one document per section of every page) indexed with
//   MiniSearch (assets/minisearch.js) the first time the reader types; results link to page.html#section. Both
//   scripts (0.2 MB) are loaded by <script> elements when the search box is first used, not with every page, and
//   <script> (unlike fetch) also works from file://.
(function () {
  "use strict";
  // the breakpoint is SIDEBAR_BREAKPOINT_PX of src/core/definitions.ts, written in by the export
  var WIDE = "(min-width: " + /*FACT:SIDEBAR_BREAKPOINT_PX*/ 1000 + "px)";
  var ASSETS = (document.currentScript ? document.currentScript.src : "assets/dlnotes-nav.js").replace(/[^/]*$/, "");

  function openContentsOnWideScreens() {
    var contents = document.querySelector(".dlnotes-contents");
    if (!contents) return;
    var wide = window.matchMedia(WIDE);
    contents.open = wide.matches;
    // A window that turns narrow (or wide) gets the layout it would have had from the start.
    wide.addEventListener("change", function (e) {
      contents.open = e.matches;
    });
    var current = contents.querySelector('[aria-current="page"]');
    var sidebar = document.querySelector(".dlnotes-sidebar");
    if (current && sidebar && contents.open) sidebar.scrollTop = Math.max(0, current.offsetTop - 120);
  }

  // The sidebar marks the section being read: the last heading whose top has scrolled past the upper fifth.
  function followSections() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".dlnotes-sections a"));
    var targets = links.map(function (a) {
      return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
    if (links.length === 0) return;
    var pending = false;
    function mark() {
      pending = false;
      var line = window.innerHeight / 5;
      var active = -1;
      targets.forEach(function (h, i) {
        if (h && h.getBoundingClientRect().top <= line) active = i;
      });
      links.forEach(function (a, i) {
        a.classList.toggle("dlnotes-active", i === active);
      });
    }
    window.addEventListener(
      "scroll",
      function () {
        if (!pending) {
          pending = true;
          window.requestAnimationFrame(mark);
        }
      },
      { passive: true },
    );
    mark();
  }

  // Loads MiniSearch and the search documents once; `then` runs when both are there (or failed to load).
  var loading = null;
  function loadSearch(then) {
    if (!loading) {
      loading = { done: false, waiting: [] };
      var left = 2;
      ["minisearch.js", "search-index.js"].forEach(function (file) {
        var script = document.createElement("script");
        script.src = ASSETS + file;
        script.onload = script.onerror = function () {
          if (--left > 0) return;
          loading.done = true;
          loading.waiting.forEach(function (f) {
            f();
          });
        };
        document.head.appendChild(script);
      });
    }
    if (loading.done) then();
    else loading.waiting.push(then);
  }

  var index = null;
  function searchIndex() {
    if (index || !window.MiniSearch || !window.dlnotesSearchDocs) return index;
    index = new window.MiniSearch({
      fields: ["title", "text", "code", "words", "pageTitle"],
      storeFields: ["page", "anchor", "pageTitle", "title", "text"],
      searchOptions: {
        boost: { title: 3, pageTitle: 1.5, words: 1, text: 1, code: 0.5 },
        prefix: true,
        fuzzy: 0.2,
        combineWith: "AND",
      },
    });
    index.addAll(window.dlnotesSearchDocs);
    return index;
  }

  // The part of a section's text around the first matched word, with every matched word marked.
  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var at = -1;
    terms.forEach(function (t) {
      var i = lower.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, (at < 0 ? 0 : at) + 120);
    // Cut at spaces, not inside words.
    if (start > 0 && text.indexOf(" ", start) >= 0 && text.indexOf(" ", start) < at)
      start = text.indexOf(" ", start) + 1;
    if (end < text.length && text.lastIndexOf(" ", end) > at) end = text.lastIndexOf(" ", end);
    var part = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var span = document.createElement("span");
    span.className = "dlnotes-search-snippet";
    var pattern = terms
      .filter(Boolean)
      .map(function (t) {
        return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("|");
    if (!pattern) {
      span.textContent = part;
      return span;
    }
    var re = new RegExp(pattern, "gi");
    var last = 0;
    part.replace(re, function (match, offset) {
      span.appendChild(document.createTextNode(part.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.textContent = match;
      span.appendChild(mark);
      last = offset + match.length;
      return match;
    });
    span.appendChild(document.createTextNode(part.slice(last)));
    return span;
  }

  function showResults(list, query) {
    list.textContent = "";
    if (!query.trim()) {
      list.hidden = true;
      return;
    }
    var idx = searchIndex();
    list.hidden = false;
    if (!idx) {
      var off = document.createElement("li");
      off.className = "dlnotes-search-none";
      off.textContent = "Search is not available on this copy of the notes.";
      list.appendChild(off);
      return;
    }
    var results = idx.search(query).slice(0, 8);
    if (results.length === 0) {
      var none = document.createElement("li");
      none.className = "dlnotes-search-none";
      none.textContent = "No section mentions “" + query.trim() + "”.";
      list.appendChild(none);
      return;
    }
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = encodeURI(r.page) + (r.anchor ? "#" + encodeURIComponent(r.anchor) : "");
      var where = document.createElement("span");
      where.className = "dlnotes-search-where";
      where.textContent = r.title === r.pageTitle ? r.pageTitle : r.pageTitle + " › " + r.title;
      a.appendChild(where);
      a.appendChild(
        snippet(
          r.text || "",
          r.terms.map(function (t) {
            return t.toLowerCase();
          }),
        ),
      );
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function setUpSearch() {
    var input = document.querySelector(".dlnotes-search-input");
    var list = document.querySelector(".dlnotes-search-results");
    if (!input || !list) return;
    input.addEventListener("focus", function () {
      loadSearch(function () {});
    });
    input.addEventListener("input", function () {
      loadSearch(function () {
        showResults(list, input.value);
      });
    });
    // "/" anywhere outside a text field jumps to the search box, as on many documentation sites.
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (
        e.key !== "/" ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))
      )
        return;
      e.preventDefault();
      input.focus();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var first = list.querySelector("a");
        if (first) window.location.href = first.href;
      } else if (e.key === "Escape") {
        input.value = "";
        showResults(list, "");
      }
    });
  }

  function start() {
    openContentsOnWideScreens();
    followSections();
    setUpSearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
