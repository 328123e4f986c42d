/* sphinx_claims: the reader's tools on top of pages that read fully without this script.
 *  - "Copy citation" on every claim (title, edition, claim, label, URL, access date);
 *  - previews on hover, keyboard focus or (touch screens) a first tap: a citation's full
 *    reference with the claims citing it, a claim reference's claim, a glossary term's entry;
 *  - the claims register's filters (in the page's filter bar), text search, sort, live count,
 *    "no claims match" message and shareable URL;
 *  - claims as search results (diacritic-insensitive), above the page results.
 * Data: window.sphinxClaimsData, from sphinx-claims-data.js beside this script (written by the
 * build). It is loaded from here rather than listed in the page, so that a page the build did
 * not rewrite never names an outdated version of it; and only where it is used: at once by the
 * register and the search page, at a reader's first preview on other pages. */
"use strict";

(() => {
  const DATA_FILE = new URL("sphinx-claims-data.js", document.currentScript.src).href;
  let DATA = { claims: [], sources: {} };
  const CERTAINTIES = ["confirmed", "probable", "unverified", "disputed"];
  const KINDS = ["fact", "interpretation", "assessment", "quotation"];
  // Mirrors sphinx_claims.ext.search.TRANSLITERATION.
  const TRANSLITERATION = { "š": "sh", "ž": "zh", "č": "ch", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l" };

  const root = () => new URL(document.documentElement.dataset.content_root || "./", location.href);
  const siteUrl = (path) => new URL(path, root()).href;
  const stripMarks = (text) => text.normalize("NFD").replace(/\p{M}/gu, "");
  const transliterate = (text) =>
    stripMarks([...text.toLowerCase()].map((ch) => TRANSLITERATION[ch] ?? ch).join(""));
  /** Both unmarked forms of *text*, lower case: "haisenwai haishenwai". */
  const folded = (text) => `${stripMarks(text).toLowerCase()} ${transliterate(text)}`;
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);
  /** *msg* in the book's language (DATA.messages, from the extension's catalog), with {names}
   * filled from *values*; an option value ("probable") as the reader's language says it. */
  const t = (msg, values = {}) =>
    (DATA.messages?.[msg] ?? msg).replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  const claimName = (number) => t("Claim {number}", { number });
  const citedBy = (source) =>
    source.cited_by.length
      ? t("Cited by {claims}.", { claims: source.cited_by.map((c, i) => (i ? c.number : claimName(c.number))).join(", ") })
      : t("Cited by no claim.");

  // --- copy citation ---------------------------------------------------------------------------
  // "5 December 2026" / "5 december 2026": the access date as the page's language writes it
  const today = () => new Date().toLocaleDateString(
    document.documentElement.lang.startsWith("nl") ? "nl-NL" : "en-GB",
    { day: "numeric", month: "long", year: "numeric" });

  function citationText(button) {
    const url = new URL(location.href);
    url.hash = button.dataset.anchor;
    url.search = "";
    return `${button.dataset.citation} ${url.href}. ${t("Accessed {date}.", { date: today() })}`;
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const area = el("textarea", { value: text });
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const done = document.execCommand("copy");
      area.remove();
      return done;
    }
  }

  function setupCopyButtons() {
    for (const button of document.querySelectorAll("button.claim-copy")) {
      button.hidden = false;
      const status = button.nextElementSibling;
      button.addEventListener("click", async () => {
        const ok = await copy(citationText(button));
        if (status) status.textContent = t(ok ? "Citation copied." : "Copying failed.");
        setTimeout(() => { if (status) status.textContent = ""; }, 4000);
      });
    }
  }

  // --- previews: citations, claim references, glossary terms --------------------------------
  // A mouse shows a preview on hover, the keyboard on focus; on a touch screen the first tap
  // shows it (with a link to follow) instead of leaving the page, and a second tap follows.
  const TERM_PAGES = new Map(); // glossary page URL → Promise of its parsed document

  function termDefinition(link) {
    const url = new URL(link.href);
    const id = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    if (!TERM_PAGES.has(url.href)) {
      TERM_PAGES.set(url.href, fetch(url.href)
        .then((r) => (r.ok ? r.text() : ""))
        .then((html) => new DOMParser().parseFromString(html, "text/html"))
        .catch(() => null));
    }
    return TERM_PAGES.get(url.href).then((doc) => {
      let term = doc?.getElementById(id);
      if (!term) return null;
      while (term && term.tagName !== "DD") term = term.nextElementSibling; // synonyms share a dd
      if (!term) return null;
      return [
        el("strong", { className: "claims-preview-label" }, link.textContent.trim()),
        el("span", { className: "claims-preview-entry" }, ` ${term.textContent.trim()}`),
      ];
    });
  }

  function claimSummary(claim) {
    const about = [capital(t(claim.kind)), t(claim.certainty), claim.attributed_to].filter(Boolean);
    return [
      el("strong", { className: "claims-preview-label" },
        `${claimName(claim.number)}${claim.title ? ` \u2014 ${claim.title}` : ""}`),
      el("span", { className: "claims-preview-entry" }, ` ${claim.text}`),
      el("span", { className: "claims-preview-cited" }, ` ${about.join(" \u00b7 ")}`),
    ];
  }

  function setupPreviews() {
    // The data is fetched on the first preview a reader asks for, not with the page.
    let index = null;
    const lookup = async () => {
      await loadData();
      index ??= {
        sources: new Map(Object.values(DATA.sources).map((s) => [siteUrl(s.url), s])),
        claims: new Map(DATA.claims.map((c) => [siteUrl(c.url), c])),
      };
      return index;
    };
    const touch = matchMedia("(hover: none)");
    const tip = el("div", { id: "claims-reference-preview", className: "claims-preview", hidden: true });
    tip.setAttribute("role", "tooltip");
    document.body.append(tip);
    let current = null;

    const hide = () => {
      if (current) current.removeAttribute("aria-describedby");
      current = null;
      tip.hidden = true;
    };
    const place = (link) => {
      const box = link.getBoundingClientRect();
      const width = Math.min(420, document.documentElement.clientWidth - 16);
      tip.style.width = `${width}px`;
      const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
      tip.style.left = `${left + scrollX}px`;
      const below = box.bottom + 6;
      const fitsBelow = below + tip.offsetHeight < innerHeight;
      tip.style.top = `${(fitsBelow ? below : box.top - tip.offsetHeight - 6) + scrollY}px`;
    };
    const show = async (link, content) => {
      if (current === link) return;
      hide();
      current = link;
      const nodes = await content();
      if (current !== link) return;
      if (!nodes) { current = null; return; } // not in the data: no preview
      if (touch.matches) {
        nodes.push(el("a", { href: link.href, className: "claims-preview-open" }, t("Open the entry \u2192")));
      }
      tip.replaceChildren(...nodes);
      tip.hidden = false;
      link.setAttribute("aria-describedby", tip.id);
      place(link);
    };

    const previewed = [];
    for (const link of document.querySelectorAll(
      "span.bibtex-citation a.reference.internal, .chapter-sources li a.reference.internal",
    )) {
      previewed.push([link, async () => {
        const source = (await lookup()).sources.get(link.href);
        return source && [
          // An author–date entry begins with its author and year: no label before it.
          ...(source.labelled === false
            ? [] : [el("strong", { className: "claims-preview-label" }, source.label)]),
          el("span", { className: "claims-preview-entry", innerHTML: ` ${source.html}` }),
          el("span", { className: "claims-preview-cited" }, ` ${citedBy(source)}`),
        ];
      }]);
    }
    for (const ref of document.querySelectorAll("article a.reference.internal > span.claim-ref")) {
      const link = ref.parentElement;
      if (link.closest("table.claims-register") === null) {
        previewed.push([link, async () => {
          const claim = (await lookup()).claims.get(link.href);
          return claim && claimSummary(claim);
        }]);
      }
    }
    for (const term of document.querySelectorAll("article a.reference.internal > span.std-term")) {
      const link = term.parentElement;
      previewed.push([link, () => termDefinition(link)]);
    }

    for (const [link, content] of previewed) {
      let shownBeforeTap = false;
      link.classList.add("claims-previewed");
      link.removeAttribute("title"); // the preview replaces the browser's own tooltip
      link.addEventListener("mouseenter", () => { if (!touch.matches) show(link, content); });
      link.addEventListener("focus", () => show(link, content));
      link.addEventListener("mouseleave", () => { if (!touch.matches) hide(); });
      link.addEventListener("blur", () => { if (!touch.matches) hide(); });
      link.addEventListener("pointerdown", () => { shownBeforeTap = current === link && !tip.hidden; });
      link.addEventListener("click", (event) => {
        if (!touch.matches || shownBeforeTap) return; // a second tap follows the link
        event.preventDefault();
        show(link, content);
      });
    }
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
    document.addEventListener("click", (event) => {
      if (current && !current.contains(event.target) && !tip.contains(event.target)) hide();
    });
  }

  // --- the register ----------------------------------------------------------------------------
  const FILTERS = [
    // [URL parameter, label, value of a claim, options]
    ["chapter", "Chapter", (c) => c.chapter || "other"],
    ["kind", "Kind", (c) => c.kind],
    ["certainty", "Certainty", (c) => c.certainty],
    ["person", "Attributed to", (c) => c.attributed_to || ""],
    ["source", "Source", (c) => c.sources],
  ];
  const SORTS = {
    book: ["Book order", () => 0],
    certainty: ["Certainty", (a, b) => CERTAINTIES.indexOf(a.certainty) - CERTAINTIES.indexOf(b.certainty)],
    kind: ["Kind", (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind)],
    person: ["Attributed to", (a, b) => (a.attributed_to || "\uffff").localeCompare(b.attributed_to || "\uffff")],
  };

  function filterOptions(name) {
    const claims = DATA.claims;
    const unique = (values) => [...new Set(values)];
    if (name === "chapter") {
      return unique(claims.map((c) => c.chapter || "other")).map((ch) => {
        const claim = claims.find((c) => (c.chapter || "other") === ch);
        return [ch, ch === "other" ? t("Front and back matter") : `${ch}. ${claim.chapter_title}`];
      });
    }
    if (name === "kind") return KINDS.filter((k) => claims.some((c) => c.kind === k)).map((k) => [k, capital(t(k))]);
    if (name === "certainty") return CERTAINTIES.map((k) => [k, capital(t(k))]);
    if (name === "person") {
      return unique(claims.map((c) => c.attributed_to).filter(Boolean)).sort().map((p) => [p, p]);
    }
    const labels = Object.entries(DATA.sources).filter(([key]) => claims.some((c) => c.sources.includes(key)));
    return labels.map(([key, s]) => [key, s.label]).sort((a, b) => a[1].localeCompare(b[1]));
  }

  function setupRegister() {
    const table = document.querySelector("table.claims-register");
    if (!table || !DATA.claims.length) return;
    const body = table.tBodies[0];
    const rows = new Map(DATA.claims.map((c) => [c, document.getElementById(`register-${c.label}`)]));
    for (const [claim, row] of rows) if (!row) rows.delete(claim);
    const total = rows.size;
    const view = table.closest(".claims-register-view") || table.parentElement;

    const form = el("form", { className: "claims-register-filters" });
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", t("Filter the claims"));
    const controls = {};
    const field = (name, label, control) => {
      control.id = `claims-filter-${name}`;
      control.name = name;
      controls[name] = control;
      form.append(el("div", { className: "claims-filter" }, el("label", { htmlFor: control.id }, label), control));
    };
    // Not "q": Sphinx's search script, loaded on every page, runs a search for any "?q=".
    field("text", t("Search the claims"), el("input", { type: "search", autocomplete: "off" }));
    for (const [name, label] of FILTERS) {
      const select = el("select", {}, el("option", { value: "" }, t("All")));
      for (const [value, text] of filterOptions(name)) select.append(el("option", { value }, text));
      field(name, t(label), select);
    }
    const sort = el("select");
    for (const [value, [text]] of Object.entries(SORTS)) sort.append(el("option", { value }, t(text)));
    field("sort", t("Sort by"), sort);
    const reset = el("button", { type: "reset", className: "claims-filter-reset" }, t("Show all"));
    form.append(el("div", { className: "claims-filter claims-filter-actions" }, reset));
    // The page's own bar (the register's HTML, so nothing shifts when this script fills it):
    // a disclosure holding the form, the live count and a way back to the top, kept in reach.
    const bar = view.querySelector(".claims-register-bar");
    const panel = bar?.querySelector("details.claims-register-panel");
    let count = bar?.querySelector(".claims-register-count");
    if (panel && count) {
      panel.querySelector(".claims-register-nojs")?.remove();
      panel.append(form);
    } else {
      count = el("p", { className: "claims-register-count" });
      count.setAttribute("role", "status");
      count.setAttribute("aria-live", "polite");
      view.prepend(form, count);
    }
    const active = panel?.querySelector(".claims-register-active");
    const showAll = el("button", { type: "button", className: "claims-filter-reset" }, t("Show all claims"));
    showAll.addEventListener("click", () => form.reset());
    const empty = el("p", { className: "claims-register-empty", hidden: true },
      `${t("No claims match these filters.")} `, showAll);
    table.after(empty);

    const params = new URLSearchParams(location.search);
    for (const [name, control] of Object.entries(controls)) {
      const value = params.get(name);
      if (value !== null && [...(control.options || [{ value }])].some((o) => o.value === value)) {
        control.value = value;
      }
    }

    let shownOrder = "book";
    const apply = () => {
      const state = Object.fromEntries(Object.entries(controls).map(([n, c]) => [n, c.value]));
      const q = state.text.trim();
      let shown = 0;
      const ordered = [...rows.keys()];
      if (state.sort && SORTS[state.sort]) ordered.sort(SORTS[state.sort][1]);
      // Rows move only when the order changes (the page opens in book order): moving every row
      // of a long register kept a phone busy for a good part of a second.
      const order = state.sort || "book";
      const reorder = order !== shownOrder;
      shownOrder = order;
      for (const claim of ordered) {
        const row = rows.get(claim);
        const matches =
          FILTERS.every(([name, , value]) => {
            const wanted = state[name];
            if (!wanted) return true;
            const have = value(claim);
            return Array.isArray(have) ? have.includes(wanted) : have === wanted;
          }) && (!q || matchesText(claim, q));
        if (row.hidden === matches) row.hidden = !matches;
        if (matches) shown += 1;
        if (reorder) body.append(row);
      }
      count.textContent = shown === total ? t("Showing all {total} claims.", { total }) : t("Showing {shown} of {total} claims.", { shown, total });
      empty.hidden = shown > 0;
      if (active) {
        const chosen = Object.entries(state)
          .filter(([name, value]) => value && !(name === "sort" && value === "book"))
          .map(([name, value]) => {
            const control = controls[name];
            const text = control.options ? control.options[control.selectedIndex].text : `“${value}”`;
            return text;
          });
        active.textContent = chosen.length ? `: ${chosen.join(", ")}` : "";
      }
      const url = new URL(location.href);
      url.search = "";
      for (const [name, value] of Object.entries(state)) {
        if (value && !(name === "sort" && value === "book")) url.searchParams.set(name, value);
      }
      history.replaceState(null, "", url);
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => setTimeout(apply));
    apply();
  }

  function haystack(claim) {
    const words = [
      `claim ${claim.number}`, claim.label, claim.title, claim.text, claim.attributed_to || "",
      claim.kind, claim.certainty, ...claim.source_labels,
    ];
    return folded(words.join(" "));
  }

  /** Every word of *query* occurs in the claim, in one of its unmarked forms. */
  function matchesText(claim, query) {
    const text = haystack(claim);
    const words = query.trim().split(/\s+/).filter(Boolean);
    return words.every((word) => folded(word).split(" ").some((form) => text.includes(form)));
  }

  // --- search page -----------------------------------------------------------------------------
  function setupSearch() {
    const results = document.getElementById("search-results");
    const query = new URLSearchParams(location.search).get("q");
    if (!results || !query || !query.trim() || !DATA.claims.length) return;
    const found = DATA.claims.filter((claim) => matchesText(claim, query));
    const section = el("section", { className: "claims-search-results" });
    section.setAttribute("aria-labelledby", "claims-search-heading");
    section.append(el("h2", { id: "claims-search-heading" }, found.length ? t("Claims ({count})", { count: found.length }) : t("Claims: none found")));
    if (found.length) {
      const list = el("ul", { className: "claims-search-list" });
      for (const claim of found) {
        list.append(
          el("li", {},
            el("a", { href: siteUrl(claim.url) }, claimName(claim.number)),
            claim.title ? ` \u2014 ${claim.title}` : "",
            el("p", { className: "claims-search-text" }, claim.text)),
        );
      }
      section.append(list);
    }
    results.before(section);
  }

  // Sphinx's page results take their snippet from [role=main], which holds the theme's article
  // header (its buttons' text: "System Settings Light Dark"). Read the article only.
  function cleanSearchSnippets() {
    if (typeof Search === "undefined" || !Search.htmlToText) return;
    const original = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      const article = doc.querySelector("article[role=main], main article, article");
      if (!article) return original(htmlString, anchor);
      // Code examples (a contributors' page shows MyST source) are no snippet for a reader.
      article.querySelectorAll(".headerlink, script, style, .claim-copy, pre, div.highlight")
        .forEach((n) => n.remove());
      // Words of two blocks ("PASSEX" / "passing exercise") must not run together.
      article.querySelectorAll("p, li, dt, dd, td, th, h1, h2, h3, h4, h5, h6, caption, div, span.claim-badge")
        .forEach((n) => n.append(" "));
      const part = anchor ? article.querySelector(anchor) : null;
      return (part || article).textContent.replace(/\s+/g, " ");
    };
  }

  // Loaded once, when first needed: at once by the register and the search page, on a reader's
  // first preview elsewhere (a chapter page does not download every claim of the book).
  let loading = null;
  const loadData = () =>
    (loading ??= new Promise((resolve) => {
      if (window.sphinxClaimsData) return resolve();
      const script = el("script", { src: DATA_FILE });
      script.addEventListener("load", resolve);
      script.addEventListener("error", resolve); // the page still reads; the tools stay off
      document.head.append(script);
    }).then(() => { DATA = window.sphinxClaimsData || DATA; }));

  cleanSearchSnippets();
  const start = async () => {
    setupCopyButtons();
    setupPreviews();
    if (document.querySelector("table.claims-register, #search-results")) {
      await loadData();
      setupRegister();
      setupSearch();
      // The search page's results and footer show once the claims are placed above them
      // (claims-site.css), so nothing the reader sees is pushed down.
      document.documentElement.classList.add("claims-search-placed");
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
