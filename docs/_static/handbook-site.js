/* The handbook site's own behaviour (linked by docs/_templates/layout.html; not in the EPUB). */
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
