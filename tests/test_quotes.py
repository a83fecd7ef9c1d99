"""Quote verification: every parent's words verify, every mutation of them is rejected.

CASES (hand-written, one per rule, with the exact message) also drives tests/test_check_quotes.py.
"""
from __future__ import annotations

import re

import pytest

from scripts.content import quote_translations
from scripts.content import quotes
from scripts.content.report_text import PARENTS, load_report

REPORT = load_report()
INDEX = quotes.index_for()


def bq(text: str, attribution: str) -> str:
    """A Dutch blockquote as writers type it, wrapped over lines of about 90 characters."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(f"> {ln}" for ln in lines + [attribution]) + "\n"


def check(markdown: str, path: str = "docs/nl/x.md") -> list[str]:
    return [str(e) for e in quotes.check_markdown(markdown, path)]


# --- every parent quote in the report verifies -----------------------------------------------


@pytest.mark.parametrize("passage", REPORT.passages, ids=lambda p: p.id)
def test_every_passage_verifies_whole(passage):
    assert check(bq(f"‘{passage.text}’", f"— ouder {passage.parent}")) == []
    assert check(bq(passage.text, f"— ouder {passage.parent}, §{passage.section}")) == []


def _sentences(turn: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", turn) if s]


def excerpts(passage) -> list[str]:
    """Excerpts a writer could take: single sentences, first […] last, a stretch mid-sentence."""
    out = []
    for turn in passage.turns:
        sentences = _sentences(turn)
        out += [sentences[0], sentences[-1]]
        if len(sentences) >= 3:
            out.append(f"{sentences[0]} […] {sentences[-1]}")
        words = turn.split()
        if len(words) >= 8:
            out.append(" ".join(words[2:-2]))
    if len(passage.turns) > 1:
        out.append(f"{_sentences(passage.turns[0])[0]} […] {_sentences(passage.turns[-1])[-1]}")
    return out


@pytest.mark.parametrize("passage", REPORT.passages, ids=lambda p: p.id)
def test_every_passage_verifies_as_excerpts(passage):
    for excerpt in excerpts(passage):
        assert check(bq(f"‘{excerpt}’", f"— ouder {passage.parent}")) == [], excerpt


# --- mutation suite: every changed quote is rejected ------------------------------------------


def _eligible(words: list[str]) -> list[int]:
    """Word positions a mutation may touch: real words, not an elision or right next to one."""
    gap = [i for i, w in enumerate(words) if "[" in w and "]" in w]
    return [i for i, w in enumerate(words)
            if re.search(r"\w", w) and all(abs(i - g) > 1 for g in gap) and 0 < i < len(words) - 1]


def _replacement(word: str) -> str:
    if re.search(r"\d", word):
        return re.sub(r"\d", lambda m: str((int(m.group(0)) + 1) % 10), word, count=1)
    return "niet" if word.strip(".,;:?!’") != "niet" else "wel"


def _splice(passage) -> str:
    """The first half of this passage joined by […] to the end of another passage of the same parent."""
    own = quotes.normalize(passage.text)
    head = " ".join(passage.turns[0].split()[: max(3, len(passage.turns[0].split()) // 2)])
    for other in REPORT.by_parent(passage.parent):
        tail = " ".join(other.turns[-1].split()[-max(3, len(other.turns[-1].split()) // 2):])
        # Only a real splice: each half must be missing from the other passage.
        if other.id != passage.id and quotes.normalize(tail) not in own and \
                quotes.normalize(head) not in quotes.normalize(other.text):
            return f"{head} […] {tail}"
    raise AssertionError(f"no splice partner for {passage.id}")


def mutants(passage) -> list[tuple[str, str, int]]:
    """(kind, text, parent) mutants of a whole passage: at least six, one per kind."""
    words = passage.text.split()
    spots = _eligible(words)
    mid = spots[len(spots) // 2]
    swap = next(i for i in spots[len(spots) // 3:] + spots if i + 1 in spots and words[i] != words[i + 1])
    other_parent = PARENTS[(PARENTS.index(passage.parent) + 1) % len(PARENTS)]
    return [
        ("woord vervangen", " ".join(words[:mid] + [_replacement(words[mid])] + words[mid + 1:]), passage.parent),
        ("woord weggelaten", " ".join(words[:mid] + words[mid + 1:]), passage.parent),
        ("woord toegevoegd", " ".join(words[:mid] + ["echt"] + words[mid:]), passage.parent),
        ("woorden verwisseld", " ".join(words[:swap] + [words[swap + 1], words[swap]] + words[swap + 2:]), passage.parent),
        ("andere ouder", passage.text, other_parent),
        ("twee passages", _splice(passage), passage.parent),
    ]


ALL_MUTANTS = [(p.id, *m) for p in REPORT.passages for m in mutants(p)]


def test_at_least_five_mutants_per_quote():
    per_passage = {}
    for pid, *_ in ALL_MUTANTS:
        per_passage[pid] = per_passage.get(pid, 0) + 1
    assert len(per_passage) == len(REPORT.passages) == 69
    assert min(per_passage.values()) >= 5


@pytest.fixture(scope="module")
def verdicts():
    """Each mutant with the checker's verdict, computed once: (id, kind, text, passage, reason)."""
    return [(pid, kind, text, *quotes.verify_parent(f"‘{text}’", parent, INDEX))
            for pid, kind, text, parent in ALL_MUTANTS]


def test_every_mutant_is_rejected(verdicts):
    accepted = [(pid, kind, text[:80]) for pid, kind, text, passage, reason in verdicts if passage or not reason]
    assert accepted == [], f"{len(accepted)} of {len(ALL_MUTANTS)} mutants accepted"


def test_mutants_are_rejected_for_the_right_reason(verdicts):
    reasons = {}
    for _, kind, _, _, reason in verdicts:
        reasons.setdefault(kind, []).append(reason)
    assert all(r.startswith("deze woorden zijn van ouder") for r in reasons["andere ouder"])
    assert all("komen uit verschillende passages" in r for r in reasons["twee passages"])
    for kind in ("woord vervangen", "woord weggelaten", "woord toegevoegd", "woorden verwisseld"):
        assert all(r.startswith("wijkt af van het rapport; dichtstbij: ouder ") for r in reasons[kind]), kind


# --- hand-written cases: one per rule, exact messages ------------------------------------------

PUZZLE = "Het waren eigenlijk allemaal puzzelstukjes."
PUZZLE_END = "Beetje bij beetje kom je te weten hoe het in elkaar zit."
ANY_ATTRIBUTION = "'— ouder N', '— Ouders aan het woord' of '— Naam van de bron | https://…'"

# (name, markdown for docs/nl/x.md, expected messages)
CASES = [
    ("verbatim with elision", f"> ‘{PUZZLE} […] {PUZZLE_END}’\n> — ouder 3\n", []),
    ("straight quotes and [...]", f"> '{PUZZLE} [...] Beetje bij beetje kom je te weten\n> hoe het in elkaar zit.'\n> — ouder 3\n", []),
    ("no surrounding quote marks", f"> {PUZZLE}\n> — ouder 3\n", []),
    ("section typed and right", f"> ‘{PUZZLE}’\n> — ouder 3, §3.2\n", []),
    ("report prose", "> ‘Ouders hebben hulp nodig.’\n> — Ouders aan het woord\n", []),
    ("other named source with link", "> Je kunt altijd bellen.\n> — Veilig Thuis | https://www.veiligthuis.nl\n", []),
    ("changed number",
     f"> ‘{PUZZLE} 99% zeker kon ik het niet zeggen, maar er waren wel zoveel aanwijzingen.’\n> — ouder 3\n",
     ["docs/nl/x.md:1: wijkt af van het rapport; dichtstbij: ouder 3, §3.2 ('Het waren eigenlijk allemaal "
      "puzzelstukjes. 100% zeker kon…'): '100%' → '99%'"]),
    ("dropped word", "> ‘Het waren allemaal puzzelstukjes.’\n> — ouder 3\n",
     ["docs/nl/x.md:1: wijkt af van het rapport; dichtstbij: ouder 3, §3.2 ('Het waren eigenlijk allemaal "
      "puzzelstukjes.'): 'eigenlijk' weggelaten"]),
    ("added word", "> ‘Het waren eigenlijk wel allemaal puzzelstukjes.’\n> — ouder 3\n",
     ["docs/nl/x.md:1: wijkt af van het rapport; dichtstbij: ouder 3, §3.2 ('Het waren eigenlijk allemaal "
      "puzzelstukjes.'): 'wel' toegevoegd"]),
    ("swapped words", "> ‘Het waren allemaal eigenlijk puzzelstukjes.’\n> — ouder 3\n",
     ["docs/nl/x.md:1: wijkt af van het rapport; dichtstbij: ouder 3, §3.2 ('Het waren eigenlijk allemaal "
      "puzzelstukjes.'): 'eigenlijk allemaal' → 'allemaal eigenlijk'"]),
    ("reordered parts", f"> ‘{PUZZLE_END} […] {PUZZLE}’\n> — ouder 3\n",
     ["docs/nl/x.md:1: de delen rond […] staan in een andere volgorde in de passage (§3.2); "
      "houd de volgorde van het rapport aan"]),
    ("wrong parent", f"> ‘{PUZZLE}’\n> — ouder 5\n",
     ["docs/nl/x.md:1: deze woorden zijn van ouder 3 (§3.2), niet van ouder 5"]),
    ("parent that does not exist", f"> ‘{PUZZLE}’\n> — ouder 7\n",
     ["docs/nl/x.md:1: ouder 7 bestaat niet in het rapport (wel: ouder 1, 2, 3, 4, 5, 6, 8, 9, 10)"]),
    ("two passages of the same parent joined",
     f"> ‘{PUZZLE} […] Het voelde echt onveilig thuis, ook voor de andere kinderen.’\n> — ouder 3\n",
     ["docs/nl/x.md:1: de delen rond […] komen uit verschillende passages (§3.2 en §3.3); "
      "[…] mag alleen tekst weglaten binnen één passage"]),
    ("runs past the end of the passage", f"> ‘{PUZZLE_END} Ouders blijven in de beginperiode puzzelen.’\n> — ouder 3\n",
     ["docs/nl/x.md:1: citaat loopt door na het einde van de passage (ouder 3, §3.2): "
      "'Beetje bij beetje kom je te weten hoe…'"]),
    ("starts before the passage", f"> ‘Hier een aantal citaten van ouders zelf: {PUZZLE}’\n> — ouder 3\n",
     ["docs/nl/x.md:1: citaat begint vóór het begin van de passage (ouder 3, §3.2): "
      "'Hier een aantal citaten van ouders zelf: Het…'"]),
    ("interviewer's words", "> ‘Hoe gaat het met de andere kinderen?’\n> — ouder 4\n",
     ["docs/nl/x.md:1: 'Hoe gaat het met de andere kinderen?' zijn woorden van de interviewer (I), niet van ouder 4"]),
    ("report prose as a parent's words", "> ‘Ouders hebben hulp nodig.’\n> — ouder 4\n",
     ["docs/nl/x.md:1: 'Ouders hebben hulp nodig.' is tekst van de rapportschrijvers (§3.5), geen uitspraak van "
      "ouder 4; gebruik '— Ouders aan het woord'"]),
    ("report's citation of another author as a parent's words",
     "> ‘Ouders worden op diverse manieren geconfronteerd met de collectieve machteloosheid’\n> — ouder 8\n",
     ["docs/nl/x.md:1: 'Ouders worden op diverse manieren geconfronteerd met de…' is tekst van de rapportschrijvers "
      "(§1), geen uitspraak van ouder 8; gebruik '— Ouders aan het woord'"]),
    ("section typed and wrong", f"> ‘{PUZZLE}’\n> — ouder 3, §3.3\n",
     ["docs/nl/x.md:1: citaat staat in §3.2, niet in §3.3"]),
    ("parent's words as report prose", f"> ‘{PUZZLE}’\n> — Ouders aan het woord\n",
     ["docs/nl/x.md:1: dit zijn woorden van ouder 3 (§3.2), niet van de rapportschrijvers: schrijf '— ouder 3'"]),
    ("report prose changed", "> ‘Ouders hebben veel hulp nodig.’\n> — Ouders aan het woord\n",
     ["docs/nl/x.md:1: wijkt af van de tekst van het rapport; dichtstbij: §3.5 ('Ouders hebben hulp nodig.'): "
      "'veel' toegevoegd"]),
    ("report prose in the wrong section", "> ‘Ouders hebben hulp nodig.’\n> — Ouders aan het woord, §3.4\n",
     ["docs/nl/x.md:1: citaat staat in §3.5, niet in §3.4"]),
    ("malformed attribution", f"> ‘{PUZZLE}’\n> - ouder 3\n",
     [f"docs/nl/x.md:2: ongeldige bronvermelding '- ouder 3': gebruik {ANY_ATTRIBUTION}"]),
    ("English attribution on a Dutch page", f"> ‘{PUZZLE}’\n> — parent 3\n",
     ["docs/nl/x.md:2: ongeldige bronvermelding '— parent 3': op een Nederlandse pagina schrijf je '— ouder 3'"]),
    ("other source without a link", "> Je kunt altijd bellen.\n> — Veilig Thuis\n",
     [f"docs/nl/x.md:2: ongeldige bronvermelding '— Veilig Thuis': gebruik {ANY_ATTRIBUTION}"]),
    ("attribution on the text's line", f"> ‘{PUZZLE}’ — ouder 3\n",
     ["docs/nl/x.md:1: zet de bronvermelding '— ouder 3' op een eigen regel: de laatste regel van de blockquote"]),
    ("no attribution", f"Tekst.\n\n> ‘{PUZZLE}’\n",
     [f"docs/nl/x.md:3: blockquote zonder bronvermelding: sluit af met {ANY_ATTRIBUTION}"]),
    ("empty quote", "> ‘’\n> — ouder 3\n",
     ["docs/nl/x.md:1: leeg citaat: er staat geen tekst boven de bronvermelding"]),
    ("attribution only", "> — ouder 3\n",
     ["docs/nl/x.md:1: leeg citaat: er staat geen tekst boven de bronvermelding"]),
    ("Original: on a Dutch page", f"> Vertaling.\n>\n> Original: ‘{PUZZLE}’\n> — ouder 3\n",
     ["docs/nl/x.md:3: 'Original:' hoort alleen op Engelse pagina's"]),
]


@pytest.mark.parametrize("name, markdown, expected", CASES, ids=[c[0] for c in CASES])
def test_rule(name, markdown, expected):
    assert check(markdown) == expected


def test_all_errors_of_a_page_are_reported_together():
    page = f"# Titel\n\n> ‘{PUZZLE}’\n> — ouder 5\n\nTekst.\n\n> ‘{PUZZLE}’\n> — ouder 7\n"
    assert [e.split(":")[1] for e in check(page)] == ["3", "8"]


def test_blockquotes_in_code_fences_are_examples_not_quotes():
    assert check(f"```markdown\n> ‘{PUZZLE}’\n> — ouder 7\n```\n") == []


def test_quote_inside_a_list_or_admonition_is_checked():
    assert check(f"!!! note\n\n    > ‘{PUZZLE}’\n    > — ouder 7\n")[0].startswith("docs/nl/x.md:3: ouder 7 bestaat niet")


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("‘Ik ben toch niet gek?’", "'Ik ben toch niet gek?'"),
    ("[…]", "[...]"),
    ("“zo”", '"zo"'),
    ("een\n  twee\tdrie", "een twee drie"),
])
def test_normalize_treats_as_equal(a, b):
    assert quotes.normalize(a) == quotes.normalize(b)


def test_normalize_keeps_real_differences():
    assert quotes.normalize("Ik") != quotes.normalize("ik")
    assert quotes.normalize("–") != quotes.normalize("-")


# --- English pages -------------------------------------------------------------------------

EN_OK = ("> ‘It was all puzzle pieces, really.’\n>\n"
         f"> Original: ‘{PUZZLE}’\n> — parent 3\n")


def test_english_translation_with_verified_original():
    assert check(EN_OK, "docs/en/x.md") == []
    [quote] = quotes.verified_quotes(EN_OK, "docs/en/x.md")
    assert (quote.parent, quote.section, quote.translation, quote.text) == (
        3, "3.2", "‘It was all puzzle pieces, really.’", f"‘{PUZZLE}’")


def test_english_page_accepts_ouder_and_the_report():
    assert check(EN_OK.replace("— parent 3", "— ouder 3"), "docs/en/x.md") == []
    prose = "> ‘Parents need help.’\n>\n> Original: ‘Ouders hebben hulp nodig.’\n> — Ouders aan het woord\n"
    assert check(prose, "docs/en/x.md") == []


def test_english_original_is_verified_like_dutch():
    wrong = EN_OK.replace("eigenlijk allemaal", "allemaal")
    assert check(wrong, "docs/en/x.md") == [
        "docs/en/x.md:3: wijkt af van het rapport; dichtstbij: ouder 3, §3.2 ('Het waren eigenlijk allemaal "
        "puzzelstukjes.'): 'eigenlijk' weggelaten"]


def test_english_quote_needs_the_original():
    assert check(f"> ‘{PUZZLE}’\n> — parent 3\n", "docs/en/x.md") == [
        "docs/en/x.md:1: Engelse pagina: zet de Nederlandse tekst als 'Original: ‘…’' in het citaat "
        "(die wordt gecontroleerd; de vertaling staat in data/quote-translations.yml)"]


def test_english_quote_takes_its_translation_from_the_register():
    page = f"> Original: ‘{PUZZLE}’\n> — parent 3\n"
    register = quote_translations.parse({"quotes": [{"nl": PUZZLE, "en": "‘Puzzle pieces.’"}]}, "reg.yml")
    [quote] = [r.quote for _, r in quotes.check_blocks(page, "docs/en/x.md", register=register)]
    assert quote.translation == "‘Puzzle pieces.’" and quote.written_translation is None
    assert [str(e) for e in quotes.check_markdown(page, "docs/en/x.md", register=quote_translations.EMPTY)] == [
        "docs/en/x.md:1: vertaling ontbreekt: zet de vertaling van dit citaat in data/quote-translations.yml"]


# --- what other features use ---------------------------------------------------------------


def test_verified_quotes_lists_what_holds_with_its_source():
    page = f"> ‘{PUZZLE}’\n> — ouder 3\n\n> ‘{PUZZLE}’\n> — ouder 7\n\n> Bel ons.\n> — Veilig Thuis | https://www.veiligthuis.nl\n"
    found = quotes.verified_quotes(page, "docs/nl/x.md")
    assert [(q.kind, q.parent, q.section, q.line) for q in found] == [("parent", 3, "3.2", 1), ("external", None, None, 7)]
    assert found[0].passage_id == next(p.id for p in REPORT.passages if p.text.startswith(PUZZLE))


def test_render_dutch_quote():
    [quote] = quotes.verified_quotes(f"> ‘{PUZZLE}’\n> — ouder 3\n", "docs/nl/x.md")
    assert quotes.render(quote, "../over/") == (
        '<figure class="quote quote--parent">\n'
        f"<blockquote><p>‘{PUZZLE}’</p></blockquote>\n"
        '<figcaption>ouder 3 — <a href="../over/">Ouders aan het woord</a>, §3.2</figcaption>\n'
        "</figure>")


def test_render_english_quote_shows_translation_and_original():
    [quote] = quotes.verified_quotes(EN_OK, "docs/en/x.md")
    html = quotes.render(quote, "../over/")
    assert '<blockquote lang="en"><p>‘It was all puzzle pieces, really.’</p></blockquote>' in html
    # The original in a disclosure that stays out of the English search index.
    assert f'<details class="quote__disclosure" {quotes.SEARCH_EXCLUDE}>' in html
    assert f'<blockquote class="quote__original" lang="nl"><p>‘{PUZZLE}’</p></blockquote>\n</details>' in html
    assert 'parent 3 — <a href="../over/">Ouders aan het woord</a>, §3.2 (translated from Dutch)' in html


def test_render_escapes_html_and_links_other_sources():
    [quote] = quotes.verified_quotes("> A <b> & c\n> — Veilig Thuis | https://www.veiligthuis.nl\n", "docs/nl/x.md")
    html = quotes.render(quote, "../over/")
    assert "<p>A &lt;b&gt; &amp; c</p>" in html
    assert '<figcaption><a href="https://www.veiligthuis.nl">Veilig Thuis</a></figcaption>' in html


def test_render_page_replaces_only_quotes_and_keeps_line_structure():
    page = f"# Titel\n\nVoor.\n\n> ‘{PUZZLE}’\n> — ouder 3\n\nNa.\n"
    out, errors = quotes.render_page(page, "docs/nl/x.md", "over/")
    assert errors == []
    assert out.startswith("# Titel\n\nVoor.\n\n\n<figure")
    assert out.endswith("</figure>\n\n\nNa.\n")
    assert ">" not in out.split("<figure")[0]


def test_placeholders_carry_quotes_through_lists_and_admonitions():
    page = f"!!! note\n\n    > ‘{PUZZLE}’\n    > — ouder 3\n\n- punt\n\n    > ‘{PUZZLE}’\n    > — ouder 3\n"
    figures: dict[str, str] = {}
    out, errors = quotes.render_page(page, "docs/nl/x.md", "../over/", placeholders=figures)
    assert errors == [] and len(figures) == 2
    assert [ln for ln in out.split("\n") if ln.strip().startswith(quotes.PLACEHOLDER)] == ["    " + t for t in sorted(figures)]
    html = "<div><p>{}</p></div><li>{}</li>".format(*sorted(figures))
    filled = quotes.fill_placeholders(html, figures)
    assert filled.count("<figure") == 2 and "<p><figure" not in filled and quotes.PLACEHOLDER not in filled


def test_report_text_across_a_glued_footnote_marker_verifies():
    # The source reads "… bevolking.1 Uit deze pei-" / "ling blijkt …": marker and hyphen are gone.
    text = "een peiling over seksuele uitbuiting uitgevoerd onder de Nederlandse bevolking. Uit deze peiling blijkt"
    assert check(bq(f"‘{text}’", "— Ouders aan het woord, §1")) == []


def test_the_report_is_indexed_once_per_process():
    assert quotes.index_for() is quotes.index_for()
    assert quotes.index_for().report is load_report()


def test_the_contributor_guide_examples_hold():
    guide = (quotes.Path(__file__).resolve().parents[1] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("\n## Citeren\n", 1)[1].split("\n## ", 1)[0]
    examples = [b for b in re.findall(r"```markdown\n(.*?)```", section, re.S) if b.lstrip().startswith(">")]
    assert len(examples) == 4
    for example in examples:
        path = "docs/en/x.md" if "Original:" in example else "docs/nl/x.md"
        assert check(example, path) == [], example


# --- what a […] leaves out, and where words stand (used by scripts/content/meaning.py) ------------------


def test_omissions_align_the_quote_with_its_passage():
    turns = ["Het waren eigenlijk allemaal puzzelstukjes. 100% zeker kon ik het niet zeggen, maar er waren wel zoveel aanwijzingen."]
    found = quotes.omissions("‘[…] 100% zeker kon ik het […] zeggen, maar er waren wel zoveel […]’", turns)
    assert found == [
        quotes.Omission("start", "Het waren eigenlijk allemaal puzzelstukjes.", "", "100% zeker kon ik het"),
        quotes.Omission("middle", "niet", "100% zeker kon ik het", "zeggen, maar er waren wel zoveel"),
        quotes.Omission("end", "aanwijzingen.", "zeggen, maar er waren wel zoveel", ""),
    ]
    assert quotes.omissions("zeker kon ik het […] nooit zeggen", turns) is None


def test_omissions_across_turns_include_the_turns_between():
    found = quotes.omissions("Eerste stuk. […] Derde stuk.", ["Eerste stuk. Rest een.", "Tweede beurt.", "Derde stuk."])
    assert found == [quotes.Omission("middle", "Rest een. Tweede beurt.", "Eerste stuk.", "Derde stuk.")]


def test_locate_finds_parents_words_and_report_text():
    assert quotes.locate("Laat ons die dwang opleggen", INDEX) == [("parent", 1, "4.3")]
    assert quotes.locate("Ouders hebben hulp nodig", INDEX) == [("report", None, "3.5")]
    assert quotes.locate("De politie kan niets doen.", INDEX) == []
