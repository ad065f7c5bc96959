/* tadafor: the search page. It loads after the site's index (a script
   that calls tadaforSearchIndex), reads what is typed and lists the pages
   that match, best first, each with a passage where the words are marked.
   Without JavaScript the page offers its A–Z index instead.

   The rules that turn text into terms are those of internal/search
   (fold.go, terms.go), written again here: a browser test runs both over
   every word of the example sites. Change them together. */
(function () {
  "use strict";

  // ---- Text into terms (internal/search) -------------------------------

  var letterFold = {
    "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ە": "ه",
    "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ς": "σ"
  };
  var dropped = /[\p{M}\p{Cf}\u0640]+/gu;
  var folded = /[٠-٩۰-۹ٱةىیکەœæßøłđς]/g;
  var foldOne = function (ch) {
    var c = ch.charCodeAt(0);
    if (c >= 0x660 && c <= 0x669) return String.fromCharCode(48 + c - 0x660);
    if (c >= 0x6f0 && c <= 0x6f9) return String.fromCharCode(48 + c - 0x6f0);
    return letterFold[ch];
  };

  // fold: Fold in fold.go. (Lower-casing the whole string twice is
  // lower-casing each letter, as Go does, but for the final sigma, which
  // letterFold maps back.)
  function fold(s) {
    return s.toLowerCase().normalize("NFKD").toLowerCase().replace(dropped, "").replace(folded, foldOne);
  }

  // words: Words in terms.go; start and end count UTF-16 units.
  var wordRe = /[\p{L}\p{M}\p{Nd}\p{Cf}]+/gu;
  function words(text, fn) {
    var m;
    wordRe.lastIndex = 0;
    while ((m = wordRe.exec(text))) fn(m[0], m.index, m.index + m[0].length);
  }

  function runes(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) n++;
    return n;
  }

  function setOf(list) {
    var m = Object.create(null);
    list.split(" ").forEach(function (w) { m[w] = true; });
    return m;
  }
  var latinStop = setOf("le la les de des du un une et en au aux ou pour par sur dans avec sans est sont qui que qu ce cet cette ces se sa son ses leur leurs il elle ils elles vous votre vos nous ne pas lorsqu puisqu jusqu quoiqu presqu");
  var arabicStop = setOf("في من الى عن ان او ام ما لا لم لن قد ثم هذا هذه ذلك تلك التي الذي الذين هو هي هم مع كما اذا عند حتي");
  var conjunctions = ["", "و", "ف"], prepositions = ["", "ب", "ك", "ل"], articles = ["", "ال"];
  var arabicSuffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

  function add(out, text, weight) {
    for (var i = 0; i < out.length; i++) {
      if (out[i].text === text) {
        out[i].weight = Math.max(out[i].weight, weight);
        return;
      }
    }
    out.push({text: text, weight: weight});
  }

  // terms: Terms (query false) and QueryTerms (query true) in terms.go.
  // parts: the parts of parts in terms.go, in the groups of a match:
  // Arabic letters, other letters, digits.
  var partRe = /((?:(?=\p{L})\p{Script=Arabic})+)|((?:(?!\p{Script=Arabic})\p{L})+)|(\p{Nd}+)/gu;
  function terms(word, query) {
    var out = [], m, f = fold(word);
    partRe.lastIndex = 0;
    while ((m = partRe.exec(f))) {
      var part = m[0];
      if (m[3]) add(out, part, 2);
      else if (runes(part) < 2) continue;
      else if (m[1]) {
        if (!arabicStop[part]) arabicTerms(out, part, query);
      } else if (!latinStop[part]) add(out, frenchStem(part), 2);
    }
    return out;
  }

  // readings: readings in terms.go, in the same order; a particle that
  // is not there is passed over without building its prefix.
  function readings(w) {
    var out = [{rest: w, article: false, weight: 2}];
    for (var ci = 0; ci < conjunctions.length; ci++) {
      var c = conjunctions[ci];
      if (c && w.charAt(0) !== c) continue;
      for (var pi = 0; pi < prepositions.length; pi++) {
        var p = prepositions[pi];
        if (p && w.charAt(c.length) !== p) continue;
        for (var ai = 0; ai < articles.length; ai++) {
          var a = articles[ai];
          var prefix = p === "ل" && a === "ال" ? c + "لل" : c + p + a;
          if (prefix === "" || w.lastIndexOf(prefix, 0) !== 0) continue;
          var rest = w.slice(prefix.length), n = runes(rest);
          if (a !== "" && n >= 2) out.push({rest: rest, article: true, weight: 2});
          else if (a === "" && n >= 3) out.push({rest: rest, article: false, weight: 1});
        }
      }
    }
    return out;
  }

  function arabicTerms(out, w, query) {
    var rs = readings(w);
    var article = rs.some(function (r) { return r.article; });
    rs.forEach(function (r) {
      if (query) {
        add(out, arabicStem(r.rest), r.weight);
        if (r.article && r.rest.indexOf("ال") === 0 && runes(r.rest) - 2 >= 2) add(out, arabicStem(r.rest.slice(2)), r.weight);
      } else if (r.article || !article) {
        add(out, arabicStem(r.rest), r.weight);
      }
    });
  }

  function arabicStem(w) {
    var n = runes(w);
    for (var i = 0; i < arabicSuffixes.length; i++) {
      var s = arabicSuffixes[i];
      if (n >= s.length + 2 && w.slice(-s.length) === s) {
        w = w.slice(0, -s.length);
        n -= s.length;
      }
    }
    return w;
  }

  function ends(w, s) { return w.slice(-s.length) === s; }

  function frenchStem(w) {
    var n = runes(w);
    if (n >= 5 && ends(w, "eaux")) return w.slice(0, -1);
    if (n >= 5 && ends(w, "aux")) return w.slice(0, -3) + "al";
    if (n >= 4 && (ends(w, "s") || ends(w, "x"))) return w.slice(0, -1);
    return w;
  }

  // ---- The index (internal/search/index.go) ----------------------------

  var index = null;

  function load(data) {
    var terms = data.terms ? data.terms.split(" ") : [];
    var heads = Object.create(null);
    data.heads.forEach(function (h) { heads[h] = true; });
    index = {
      msg: data.msg || {}, counts: data.counts || [], kinds: data.kinds || [], shown: data.shown || 10,
      texts: data.texts, heads: heads, terms: terms, post: data.post,
      docs: data.docs.map(function (d) { return {dir: d[0], title: d[1], kind: d[2], passages: d[3]}; })
    };
    // The index loads after the page is read (defer): the page is ready.
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  // first returns the position of the first term not before t (terms are
  // sorted in the order JavaScript compares strings).
  function first(t) {
    var lo = 0, hi = index.terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (index.terms[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  var pageTerms = new Map();
  function termsOf(word) {
    var t = pageTerms.get(word);
    if (!t) pageTerms.set(word, (t = terms(word, false)));
    return t;
  }

  // search returns the pages that match every word of q that matches a
  // page (or, when none matches them all, most of them), best first.
  function search(q) {
    var asked = [];
    words(q, function (w) {
      var t = terms(w, true);
      if (t.length) asked.push(t);
    });
    var n = index.docs.length, found = new Map(), matched = new Set(), most = 0;
    asked.forEach(function (readings) {
      var best = new Map();
      var take = function (k, factor) {
        var p = index.post[k], idf = Math.log(1 + n / (p.length / 3)), d = 0;
        matched.add(index.terms[k]);
        for (var i = 0; i < p.length; i += 3) {
          d += p[i];
          var s = factor * p[i + 1] * idf, b = best.get(d);
          if (!b || s > b.score) best.set(d, {score: s, passage: p[i + 2]});
        }
      };
      readings.forEach(function (r) {
        var w = r.weight / 2, k = first(r.text);
        if (index.terms[k] === r.text) take(k, w);
        if (runes(r.text) < 3) return;
        for (var j = k; j < index.terms.length && index.terms[j].indexOf(r.text) === 0; j++) {
          if (index.terms[j] !== r.text) take(j, w / 2);
        }
      });
      best.forEach(function (b, d) {
        var f = found.get(d);
        if (!f) found.set(d, (f = {doc: d, score: 0, words: 0, passages: []}));
        f.score += b.score;
        f.words++;
        f.passages.push(b.passage);
        most = Math.max(most, f.words);
      });
    });
    var results = [];
    found.forEach(function (f) { if (f.words === most) results.push(f); });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return {results: results, matched: matched};
  }

  // ---- The page ----------------------------------------------------------

  // passage picks the passage to show: the one most of the words were
  // found in first, else the page's first paragraph.
  function passage(doc, r) {
    var count = new Map(), pick = 0;
    r.passages.forEach(function (p) {
      if (!p) return;
      var c = (count.get(p) || 0) + 1;
      count.set(p, c);
      if (!pick || c > count.get(pick) || (c === count.get(pick) && p < pick)) pick = p;
    });
    if (pick) return index.texts[doc.passages[pick - 1]];
    for (var i = 0; i < doc.passages.length; i++) {
      if (!index.heads[doc.passages[i]]) return index.texts[doc.passages[i]];
    }
    return "";
  }

  // snippet appends text to el with the words that matched marked, cut
  // around the first of them when it is long.
  function snippet(el, text, matched) {
    var marks = [];
    words(text, function (w, s, e) {
      if (termsOf(w).some(function (t) { return matched.has(t.text); })) marks.push([s, e]);
    });
    var from = 0, to = text.length, max = 220;
    if (text.length > max) {
      var at = marks.length ? marks[0][0] : 0;
      from = Math.max(0, at - 60);
      to = Math.min(text.length, from + max);
      if (from > 0) from = text.indexOf(" ", from) + 1 || from;
      if (to < text.length) to = text.lastIndexOf(" ", to) > from ? text.lastIndexOf(" ", to) : to;
    }
    if (from > 0) el.append("… ");
    var pos = from;
    marks.forEach(function (m) {
      if (m[0] < pos || m[1] > to) return;
      el.append(text.slice(pos, m[0]));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      el.append(mark);
      pos = m[1];
    });
    el.append(text.slice(pos, to));
    if (to < text.length) el.append(" …");
  }

  function show(ui, q) {
    var items = document.createDocumentFragment();
    if (!q.trim()) {
      ui.status.textContent = "";
      ui.section.hidden = true;
      ui.results.replaceChildren();
      return;
    }
    var res = search(q), n = res.results.length;
    res.results.slice(0, index.shown).forEach(function (r) {
      var doc = index.docs[r.doc], li = document.createElement("li");
      var h = document.createElement("h3"), a = document.createElement("a");
      a.href = ui.root + doc.dir.split("/").map(encodeURIComponent).join("/") + "/index.html";
      a.textContent = doc.title;
      h.append(a);
      var kind = document.createElement("p");
      kind.className = "result-kind";
      kind.textContent = index.kinds[doc.kind] || "";
      var p = document.createElement("p");
      p.className = "result-text";
      snippet(p, passage(doc, r), res.matched);
      li.append(h, kind, p);
      items.append(li);
    });
    ui.results.replaceChildren(items);
    if (ui.more) {
      ui.more.textContent = index.msg.first || "";
      ui.more.hidden = n <= index.shown;
    }
    ui.section.hidden = false;
    ui.status.textContent = (index.counts[n] || String(n)).replace("{query}", q.trim());
  }

  function start() {
    var form = document.getElementById("search-form");
    if (!form || !index) return;
    var ui = {
      input: form.querySelector("input[name=q]"),
      status: document.getElementById("search-status"),
      section: document.getElementById("search-results"),
      results: document.getElementById("search-list"),
      more: document.getElementById("search-more"),
      root: form.getAttribute("data-root") || ""
    };
    form.hidden = false;
    var nojs = document.querySelector(".search-nojs");
    if (nojs) nojs.hidden = true;
    var q = new URLSearchParams(location.search).get("q") || "";
    ui.input.value = q;
    var timer = 0;
    var run = function () {
      clearTimeout(timer);
      var q = ui.input.value;
      show(ui, q);
      try {
        var url = new URL(location.href);
        if (q.trim()) url.searchParams.set("q", q);
        else url.searchParams.delete("q");
        history.replaceState(null, "", url.href);
      } catch (e) { /* file:// may refuse; the results are shown anyway */ }
    };
    ui.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      run();
    });
    if (q) run();
  }

  window.tadaforSearchIndex = load;
  window.tadaforSearch = {
    fold: fold,
    terms: function (w) { return terms(w, false); },
    queryTerms: function (w) { return terms(w, true); },
    words: function (t) { var out = []; words(t, function (w) { out.push(w); }); return out; },
    search: function (q) {
      return search(q).results.map(function (r) { return index.docs[r.doc].dir; });
    }
  };
})();
