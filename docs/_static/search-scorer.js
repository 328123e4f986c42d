// The handbook's search ranking (conf.py: html_search_scorer). Sphinx's own scores, with the
// chapters lifted above the front and back matter, the bibliography and the registers (which
// repeat every source's words) below them, and the contributors' and adopters' pages (conf.py:
// handbook_contributor_docs) last: a reader's search ("Pakistan navy") finds the glossary
// before the contributors' guide that shows how to write about it.
const CONTRIBUTORS = ["docs/contributing", "docs/linter", "docs/adopting"];
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    if (docname.startsWith("chapters/")) return score + 20;
    if (["docs/bibliography", "docs/sources", "docs/register"].includes(docname)) return score - 20;
    if (CONTRIBUTORS.includes(docname)) return score - 40;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
