/* The handbook site's own behaviour (added by handbook.site_assets; not in the EPUB). */
"use strict";

/* A phone's contents drawer (the theme's <dialog>) closes when the reader picks a section of
   the page: without this the drawer stayed over the text it had just scrolled to. Closed
   before the link is followed, so the page lands on the section with nothing over it. */
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("dialog[open] a[href]");
  if (!link) return;
  const target = new URL(link.href, location.href);
  if (target.pathname === location.pathname && target.hash) {
    link.closest("dialog").close();
  }
});

/* The reading view: claims flow as text, each with a small numbered marker that shows (or
   hides) its heading and badges; a run of claims with the same attribution names it once.
   The evidence view (the boxes) stays the default; the choice is kept in localStorage. */
(() => {
  const KEY = "handbook-view";
  const toggle = document.querySelector(".handbook-reading-toggle");
  const claims = [...document.querySelectorAll("article div.claim")];
  if (!toggle || !claims.length) return;
  const root = document.documentElement;
  const reading = () => root.dataset.claimsView === "reading";

  let previous = null;
  for (const claim of claims) {
    const number = claim.querySelector(".claim-number")?.textContent.replace(/^\D+/, "") ?? "";
    const body = [...claim.children].filter((c) => c.matches("p:not(.claim-heading, .claim-meta, .claim-title, .claim-untranslated-note)")).pop();
    if (!body) continue;
    const marker = document.createElement("button");
    marker.type = "button";
    marker.className = "claim-marker";
    marker.textContent = number;
    marker.setAttribute("aria-expanded", "false");
    marker.setAttribute("aria-label", toggle.dataset.markerLabel.replace("{number}", number));
    marker.addEventListener("click", () => {
      const open = claim.classList.toggle("claim-details-open");
      marker.setAttribute("aria-expanded", String(open));
    });
    body.append(" ", marker);
    // The attribution, once per run of consecutive claims holding it.
    const who = claim.querySelector(".claim-attributed-to")?.textContent.trim() ?? "";
    const prior = claim.previousElementSibling;
    const sameRun = prior && prior === previous?.element && previous.who === who;
    if (who && !sameRun) {
      const lead = document.createElement("span");
      lead.className = "claim-reading-attribution";
      lead.textContent = `${who}: `;
      const first = [...claim.children].find((c) => c.matches("p:not(.claim-heading, .claim-meta, .claim-title, .claim-untranslated-note)"));
      first?.prepend(lead);
    }
    previous = { element: claim, who };
  }

  const apply = (on) => {
    if (on) root.dataset.claimsView = "reading";
    else delete root.dataset.claimsView;
    toggle.setAttribute("aria-pressed", String(on));
    // The page's language: the template writes both titles (handbook catalog).
    toggle.title = on ? toggle.dataset.titleReading : toggle.dataset.titleEvidence;
  };
  apply(reading());
  toggle.addEventListener("click", () => {
    const on = !reading();
    apply(on);
    try { localStorage.setItem(KEY, on ? "reading" : "evidence"); } catch { /* private mode */ }
  });
})();

/* "Cite this page" (docs/_templates/cite-this-page.html): the page's address (without its query
   or section) and today's date go into the citation and the BibTeX, as "How to cite" asks;
   the copy buttons copy either. */
(() => {
  const panel = document.querySelector("details.handbook-cite-page");
  if (!panel) return;
  const now = new Date();
  const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  // "5 December 2026" / "5 december 2026": day, month name, year, in the page's language
  const locale = document.documentElement.lang.startsWith("nl") ? "nl-NL" : "en-GB";
  const words = now.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
  const marks = panel.dataset;
  const here = new URL(location.href);
  here.hash = "";
  here.search = "";
  const url = panel.dataset.url || here.href;
  const fill = (node) => {
    node.textContent = node.textContent
      .replace(marks.urlMark || "[address of this page]", url)
      .replace(marks.dateMark || "[date]", words)
      .replace("[YYYY-MM-DD]", iso);
  };
  const text = panel.querySelector(".handbook-cite-text");
  const bibtex = panel.querySelector(".handbook-cite-bibtex code");
  fill(text);
  fill(bibtex);
  const status = panel.querySelector(".handbook-cite-status");
  const copy = async (value) => {
    try {
      await navigator.clipboard.writeText(value);
      return true;
    } catch {
      const area = Object.assign(document.createElement("textarea"), { value });
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const done = document.execCommand("copy");
      area.remove();
      return done;
    }
  };
  for (const button of panel.querySelectorAll("button.handbook-cite-copy")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const isBibtex = button.dataset.copy === "bibtex";
      const ok = await copy((isBibtex ? bibtex : text).textContent);
      status.textContent = ok ? (isBibtex ? marks.bibtexCopied : marks.copied) : marks.copyFailed;
      setTimeout(() => { status.textContent = ""; }, 4000);
    });
  }
})();

/* The language switcher (docs/_templates/language-switcher.html): the same place in the other
 * language, so a claim's permalink (#claim-…) lands on the same claim. */
(() => {
  for (const link of document.querySelectorAll("a.handbook-language-link")) {
    const carry = () => { link.hash = location.hash; };
    link.addEventListener("click", carry);
    link.addEventListener("auxclick", carry);
  }
})();
