"""The printed index (handbook.latex_index): glossary terms, attributions, configured names."""

from __future__ import annotations

from docutils import nodes
from handbook.latex_index import add_entries, attributed_names_of, glossary_terms, matcher
from sphinx import addnodes


def _book() -> nodes.document:
    doc = nodes.document(None, None)  # type: ignore[arg-type]
    chapter = addnodes.start_of_file(docname="chapters/one")
    chapter += nodes.paragraph("", "Russia and China met; Russian trade grew.")
    claim = nodes.container(classes=["claim"], attributed_to="Andrew Korybko (probable)")
    claim += nodes.paragraph("", "Korybko calls it routine.")
    chapter += claim
    chapter += nodes.literal_block("", "Russia in code")
    back = addnodes.start_of_file(docname="docs/register")
    back += nodes.paragraph("", "Russia again")
    doc += [chapter, back]
    return doc


def _entries(paragraph: nodes.paragraph) -> list[str]:
    index = paragraph.next_node(addnodes.index)
    return [e[1] for e in index["entries"]] if index is not None else []


def test_names_are_indexed_on_whole_words_and_claims_under_their_author() -> None:
    doc = _book()
    terms = {"Russia": "Russia", "China": "China"}
    assert add_entries(doc, terms, {"docs/register"}) == 3
    first, in_claim, in_register = list(doc.findall(nodes.paragraph))
    assert _entries(first) == ["China", "Russia"]  # "Russian" is not "Russia"
    assert _entries(in_claim) == ["Andrew Korybko"]
    assert _entries(in_register) == []  # back matter is not indexed


def test_an_attribution_names_its_people_without_the_comment() -> None:
    assert attributed_names_of("Sense Hofstede (attribution probable)") == ["Sense Hofstede"]
    assert attributed_names_of("A. One and B. Two") == ["A. One", "B. Two"]


def test_glossary_synonyms_share_the_longest_name() -> None:
    glossary = addnodes.glossary()
    dl = nodes.definition_list()
    item = nodes.definition_list_item()
    item += [nodes.term("", "SCO"), nodes.term("", "Shanghai Cooperation Organisation"),
             nodes.definition()]
    dl += item
    glossary += dl
    assert glossary_terms(glossary) == {
        "SCO": "Shanghai Cooperation Organisation",
        "Shanghai Cooperation Organisation": "Shanghai Cooperation Organisation",
    }
    assert matcher(["SCO"]).search("the SCO-led body") is None


def test_people_take_the_form_the_book_already_indexes_them_by() -> None:
    from handbook.latex_index import as_indexed
    assert as_indexed("Andrew Korybko", {"Korybko, Andrew"}) == "Korybko, Andrew"
    assert as_indexed("Xi Jinping", {"Korybko, Andrew"}) == "Xi Jinping"
    assert attributed_names_of("Some observers, as reported by Andrew Korybko") == [
        "Andrew Korybko"]
