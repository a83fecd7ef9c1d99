"""scripts/content/search_terms.py: glossary synonyms and page search words in the search index; and, on
the built site, each language's index holding only its own language (issue 15)."""
import json
import re

import pytest

from scripts.content import quotes
from scripts.content import search_terms
from scripts.tools.site_build import ROOT

GLOSSARY = """\
# Begrippen

## A tot en met L

Aangifte
:   Je vertelt de politie officieel over een misdrijf.

    *Ook gezocht als:* klacht indienen, proces-verbaal.

Loverboy
:   Een mensenhandelaar die een kind verliefd maakt.

    *Ook gezocht als:* pooier, pimp.

## M tot en met Z

PLO (Parents Liaison Officer)
:   Een vaste begeleider voor ouders in Engeland.
"""


def doc(location, title, text=""):
    return {"location": location, "title": title, "text": text}


def test_parse_glossary_reads_names_synonyms_and_section():
    terms, errors = search_terms.parse_glossary(GLOSSARY)
    assert errors == []
    assert [(t.names, t.synonyms, t.section, t.line) for t in terms] == [
        (("Aangifte",), ("klacht indienen", "proces-verbaal"), "A tot en met L", 5),
        (("Loverboy",), ("pooier", "pimp"), "A tot en met L", 10),
        (("PLO", "Parents Liaison Officer"), (), "M tot en met Z", 17),
    ]


def test_english_label_and_front_matter_lines_count():
    text = "---\nvertaald_van: abc\n---\n## A to G\n\nGP (family doctor)\n:   Your doctor.\n\n    *Also searched as:* general practitioner.\n"
    [term], errors = search_terms.parse_glossary(text)
    assert errors == [] and term.names == ("GP", "family doctor") and term.synonyms == ("general practitioner",)
    assert term.line == 6


def test_a_synonym_line_without_a_term_is_an_error():
    terms, errors = search_terms.parse_glossary("## A\n\n    Ook gezocht als: pooier.\n", "docs/nl/begrippen.md")
    assert [str(e) for e in errors] == ["docs/nl/begrippen.md:3: 'Ook gezocht als' hoort onder de uitleg van een begrip"]


def test_a_synonym_may_lead_to_one_term_only():
    text = GLOSSARY.replace("proces-verbaal", "pimp").replace("pooier, pimp.", "pooier, pimp, PLO.")
    _, errors = search_terms.parse_glossary(text, "g.md")
    reasons = [e.reason for e in errors]
    assert any("'PLO' hoort ook bij 'PLO'" in r for r in reasons)
    assert any("'pimp' hoort ook bij 'Aangifte'" in r for r in reasons)


def test_mentions_allow_inflection_but_not_other_words():
    text = search_terms.words("<p>Twee loverboys en een melding op naam. Plotseling.</p>")
    assert search_terms.mentions(text, "Loverboy")
    assert search_terms.mentions(text, "Melding op naam")
    assert not search_terms.mentions(text, "PLO")  # "plotseling" is no mention of the PLO
    assert not search_terms.mentions(text, "naam op melding")


def plain_mentions(haystack: list[str], name: str) -> bool:
    """The definition, position by position: the oracle for the fast search."""
    *head, last = search_terms.words(name) or [None]
    forms = {last + ending for ending in search_terms._ENDINGS} if last else set()
    return any(haystack[i:i + len(head)] == head and haystack[i + len(head)] in forms
               for i in range(len(haystack) - len(head)))


def test_fast_mentions_agree_with_the_definition_on_the_real_pages():
    names = {name for lang in ("nl", "en")
             for term in search_terms.parse_glossary((ROOT / "docs" / lang / "begrippen.md").read_text("utf-8"))[0]
             for name in search_terms.mention_names(term)}
    names |= {"", "!", "op naam", "naam naam naam", "hulp hulp"}  # no words, repeated words
    texts = [search_terms.words(page.read_text("utf-8")) for page in sorted((ROOT / "docs").rglob("*.md"))]
    texts += [[], ["naam"], ["naam", "naam"], ["hulp", "hulp", "hulpen"], ["op", "naam"], ["op"]]
    found = []
    for text in texts:
        for name in names:
            expected = plain_mentions(text, name)
            assert search_terms.mentions(text, name) == expected, (name, text[:20])
            found += [name] * expected
    assert len(found) > 50 and sum(" " in name for name in found) > 5  # many-word names found too


def test_a_one_word_gloss_is_no_mention_name():
    term = search_terms.Term(("Melding", "report", "tip line", "GP"), (), "", 1)
    assert search_terms.mention_names(term) == ("Melding", "tip line", "GP")


def test_page_keywords_from_front_matter():
    assert search_terms.page_keywords("---\nzoekwoorden: [spijbelen, verzuim]\n---\n# S\n") == ["spijbelen", "verzuim"]
    assert search_terms.page_keywords("# S\n") == []
    assert search_terms.check_page("---\nkeywords: truancy\n---\n", "docs/en/s.md") == [
        search_terms.ContentError("docs/en/s.md", 1, "'keywords' in de front matter: geef een lijst met woorden")]


def test_shape_index_feeds_synonyms_to_the_definition_and_the_pages_about_the_term():
    index = {"config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}, "docs": [
        doc("begrippen/", "Begrippen"),
        doc("begrippen/#a-tot-en-met-l", "A tot en met L", "Aangifte Je vertelt... Loverboy Een mensenhandelaar"),
        doc("signalen/", "Signalen", "<p>De vrees groeide: een loverboy?</p>"),
        doc("signalen/#loverboys", "Loverboys herkennen", "Over jongens."),
        doc("veiligheid/", "Veiligheid", "<p>Bel de politie.</p>"),
    ]}
    sources = {"begrippen.md": GLOSSARY, "signalen.md": "---\nzoekwoorden: [spijbelen]\n---\n# Signalen\n",
               "veiligheid.md": "# Veiligheid\n"}
    shaped = {d["location"]: d for d in search_terms.shape_index(index, sources)["docs"]}
    assert shaped["begrippen/#a-tot-en-met-l"]["keywords"] == "Aangifte klacht indienen proces-verbaal Loverboy pooier pimp"
    assert shaped["signalen/"]["keywords"] == "spijbelen" and shaped["signalen/"]["synonyms"] == "pooier pimp"
    assert shaped["signalen/#loverboys"]["keywords"] == "pooier pimp"  # its heading names the term
    assert "keywords" not in shaped["veiligheid/"] and "synonyms" not in shaped["veiligheid/"]
    assert "keywords" not in shaped["begrippen/"]
    fields = search_terms.shape_index(index, sources)["config"]["fields"]
    assert fields["keywords"] == {"boost": 1000.0} and fields["synonyms"] == {"boost": 1.0}
    assert index["docs"][2] == doc("signalen/", "Signalen", "<p>De vrees groeide: een loverboy?</p>")  # input untouched


def test_source_of_maps_index_locations_to_pages():
    sources = {"index.md": "", "signalen.md": "", "professionals/index.md": "", "professionals/training.md": ""}
    assert search_terms.source_of("", sources) == "index.md"
    assert search_terms.source_of("#in-het-kort", sources) == "index.md"
    assert search_terms.source_of("signalen/#school", sources) == "signalen.md"
    assert search_terms.source_of("professionals/", sources) == "professionals/index.md"
    assert search_terms.source_of("professionals/training/#blok-1", sources) == "professionals/training.md"
    assert search_terms.source_of("nergens/", sources) is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_glossaries_parse_and_every_term_has_synonyms_somewhere(lang):
    terms, errors = search_terms.parse_glossary((ROOT / "docs" / lang / "begrippen.md").read_text("utf-8"))
    assert errors == []
    assert len(terms) >= 20 and sum(bool(t.synonyms) for t in terms) >= 15


# --- The built site ---------------------------------------------------------------------------

def built_index(site, lang):
    return json.loads((site / ("" if lang == "nl" else lang) / "search" / "search_index.json").read_text("utf-8"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_synonym_points_to_a_page_that_is_not_about_its_term(built_site, lang):
    """A synonym lands on the term's definition and on sections that name the term: nowhere else."""
    terms, _ = search_terms.parse_glossary((ROOT / "docs" / lang / "begrippen.md").read_text("utf-8"))
    docs = built_index(built_site, lang)["docs"]
    placed = 0
    for term in terms:
        for d in docs:
            carried = f" {d.get('keywords', '')} {d.get('synonyms', '')} "
            if not term.synonyms or not all(f" {s} " in carried or s in carried for s in term.synonyms):
                continue
            placed += 1
            about = search_terms.words(d["title"] + " " + d["text"])
            defines = d["location"].startswith("begrippen/") and d["title"] == term.section
            assert defines or any(search_terms.mentions(about, n) for n in search_terms.mention_names(term)), \
                (term.names, d["location"])
        assert not term.synonyms or any(d["location"].startswith("begrippen/#") and term.synonyms[0] in d.get("keywords", "")
                                        for d in docs), term.names
    assert placed > len(terms)  # the synonyms reach the pages about the terms, not only the glossary


# Names that stay in their own language on both editions.
NAMES = re.compile(r"Ouders aan het woord|Material for MkDocs", re.I)


def _english_words(text):
    return re.findall(r"[a-z']+", NAMES.sub("", text).lower())


DUTCH_ONLY = {"het", "een", "niet", "ik", "dat", "ze", "je", "wat", "maar", "ook", "zijn", "heb", "wij", "haar", "mijn"}
ENGLISH_ONLY = {"the", "and", "you", "your", "with", "what", "not", "she", "they", "this", "for", "have", "from"}


def test_the_english_index_holds_no_dutch_originals(built_site):
    docs = built_index(built_site, "en")["docs"]
    text = " ".join(re.sub(r"\s+", " ", d["text"]) for d in docs)
    originals = [q for path in sorted((ROOT / "docs" / "en").rglob("*.md"))
                 for q in quotes.verified_quotes(path.read_text("utf-8"), str(path.relative_to(ROOT)), "en")
                 if q.translation]
    assert len(originals) > 50
    leaked = [q.text[:60] for q in originals if quotes.normalize(q.text)[:80] in quotes.normalize(text)]
    assert leaked == []
    # No sentence of the English index reads as Dutch (more Dutch than English function words).
    dutch = [s for d in docs for s in re.split(r"[.?!]\s", re.sub(r"<[^>]+>", " ", d["text"]))
             if len(_english_words(s)) >= 8
             and len(DUTCH_ONLY & set(_english_words(s))) > len(ENGLISH_ONLY & set(_english_words(s)))]
    assert dutch == []


def test_the_dutch_index_holds_no_english(built_site):
    docs = built_index(built_site, "nl")["docs"]
    assert not [d["location"] for d in docs if d["location"].startswith("en/")]
    english = [s for d in docs for s in re.split(r"[.?!]\s", re.sub(r"<[^>]+>", " ", d["text"]))
               if len(_english_words(s)) >= 8
               and len(ENGLISH_ONLY & set(_english_words(s))) > len(DUTCH_ONLY & set(_english_words(s)))]
    assert english == []
