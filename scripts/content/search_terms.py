"""Search words from one place: the glossary's "Ook gezocht als" lines and pages' `zoekwoorden`.

A parent types what she would say ("pooier", "pimp", "spijbelen"), not the handbook's words.
The glossary (docs/<lang>/begrippen.md) lists, under a term's definition, the words people also
search for it with; readers see that line. Pages may add their own search words in front matter
(`zoekwoorden:` or `keywords:`, a list). After the build, `shape_index` feeds both into the
language's search index in two extra lunr fields:

- `keywords` (weighted like a heading): on the glossary section that defines a term (its names
  and its synonyms, so a query naming a term finds the definition), on every section whose
  heading names the term (the synonyms), and on a page's first entry (its `zoekwoorden`);
- `synonyms` (weighted like body text): on every other section that mentions the term.
So a synonym finds exactly what the term itself would find, and nothing else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scripts.content.errors import ContentError
from scripts.content.readability import split_front_matter

GLOSSARY = "begrippen.md"
LABELS = ("Ook gezocht als", "Also searched as")
PAGE_KEYS = ("zoekwoorden", "keywords")
# Field weights, as Material's defaults: title 1000, text 1.
FIELDS = {"keywords": {"boost": 1000.0}, "synonyms": {"boost": 1.0}}

_SYNONYM_LINE = re.compile(r"^ {4}[*_]?(%s):[*_]?\s*(?P<words>.*?)\s*$" % "|".join(LABELS))
_DEFINITION = re.compile(r"^:\s{3}\S")
_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*$")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# A mention may carry a plural or inflection ending: loverboy(s), melding(en), huisarts(en).
_ENDINGS = ("", "s", "en", "e", "n", "'s")


@dataclass(frozen=True)
class Term:
    names: tuple[str, ...]  # the headword and its other names ("Grooming, gegroomd", "(GP)")
    synonyms: tuple[str, ...]
    section: str  # the glossary heading it sits under
    line: int


def term_names(label: str) -> tuple[str, ...]:
    """`Huisarts (family doctor, GP)` → ('Huisarts', 'family doctor', 'GP')."""
    parts = re.split(r"\s*[(),]\s*", label.replace("*", ""))
    return tuple(p for p in parts if p)


def mention_names(term: Term) -> tuple[str, ...]:
    """The names a page mentions the term by. A one-word lowercase gloss ("Melding (report)") is
    left out: as a plain word ("the report") it would tie the term's synonyms to unrelated text."""
    first, *others = term.names
    return (first, *(n for n in others if " " in n or not n.islower()))


def parse_glossary(text: str, path: str = GLOSSARY) -> tuple[list[Term], list[ContentError]]:
    """Every defined term of a glossary page (with front matter), with its synonyms."""
    _, body, offset = split_front_matter(text)
    lines = body.split("\n")
    terms: list[Term] = []
    errors: list[ContentError] = []
    section = ""
    for i, line in enumerate(lines):
        heading = _HEADING.match(line)
        if heading:
            section = heading["title"]
        elif line.strip() and not line[0].isspace() and i + 1 < len(lines) and _DEFINITION.match(lines[i + 1]):
            terms.append(Term(term_names(line.strip()), (), section, offset + i + 1))
        synonyms = _SYNONYM_LINE.match(line)
        if synonyms:
            where = offset + i + 1
            words = tuple(w.strip() for w in synonyms["words"].rstrip(".").split(",") if w.strip())
            if not terms or terms[-1].section != section:
                errors.append(ContentError(path, where, f"'{synonyms[1]}' hoort onder de uitleg van een begrip"))
            elif not words:
                errors.append(ContentError(path, where, f"'{synonyms[1]}' zonder woorden"))
            else:
                last = terms[-1]
                terms[-1] = Term(last.names, last.synonyms + words, last.section, last.line)
    return terms, errors + _ambiguities(terms, path)


def _ambiguities(terms: list[Term], path: str) -> list[ContentError]:
    """A search word may lead to one term only, and a synonym may not be another term's name."""
    errors = []
    owner: dict[str, Term] = {}
    for term in terms:
        for name in term.names:
            owner.setdefault(name.lower(), term)
    seen: dict[str, Term] = {}
    for term in terms:
        for word in term.synonyms:
            key = word.lower()
            other = owner.get(key) if owner.get(key) is not term else None
            other = other or (seen.get(key) if seen.get(key) is not term else None)
            if other:
                errors.append(ContentError(path, term.line, f"zoekwoord '{word}' hoort ook bij '{other.names[0]}': "
                                                            "een zoekwoord wijst naar één begrip"))
            seen[key] = term
    return errors


def page_keywords(text: str) -> list[str]:
    """The `zoekwoorden:` / `keywords:` list of a page's front matter."""
    meta, _, _ = split_front_matter(text)
    words: list[str] = []
    for key in PAGE_KEYS:
        value = meta.get(key) or []
        words += [value] if isinstance(value, str) else [str(v) for v in value]
    return words


def check_page(text: str, path: str, lang: str | None = None) -> list[ContentError]:
    """A page's search words: a list of words; on the glossary, the synonym lines parse."""
    errors = []
    try:
        meta, _, _ = split_front_matter(text)
    except ValueError:  # broken front matter: the front-matter check reports it, once
        meta = {}
    for key in PAGE_KEYS:
        value = meta.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
            errors.append(ContentError(path, 1, f"'{key}' in de front matter: geef een lijst met woorden"))
    if path.endswith(GLOSSARY):
        errors += parse_glossary(text, path)[1]
    return errors


def words(text: str) -> list[str]:
    """Lowercase words of a text or of index HTML (tags dropped)."""
    return [w.lower() for w in _WORD.findall(re.sub(r"<[^>]+>", " ", text))]


@lru_cache(maxsize=None)
def _needle(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A name's words but the last, and the forms of its last word (glossary names recur per entry)."""
    needle = words(name)
    if not needle:
        return (), frozenset()
    *head, last = needle
    return tuple(head), frozenset(last + ending for ending in _ENDINGS)


def mentions(haystack: list[str], name: str) -> bool:
    """Does the word list contain `name` (several words in a row; the last may be inflected)?
    Called for every glossary name on every index entry: the searching runs in C (a set test,
    list.index to the next occurrence of the first word)."""
    head, forms = _needle(name)
    if not forms:
        return False
    if not head:
        return not forms.isdisjoint(haystack)
    size, first, at = len(head), head[0], 0
    while True:
        try:
            at = haystack.index(first, at, len(haystack) - size)  # room left for the last word
        except ValueError:
            return False
        if tuple(haystack[at:at + size]) == head and haystack[at + size] in forms:
            return True
        at += 1


def source_of(location: str, sources: dict[str, str]) -> str | None:
    """The docs/<lang>/ path of an index entry (`professionals/training/#casus` →
    `professionals/training.md`, `professionals/` → `professionals/index.md`), if it is a page."""
    page = location.split("#", 1)[0].strip("/")
    candidates = [f"{page}.md", f"{page}/index.md"] if page else ["index.md"]
    return next((c for c in candidates if c in sources), None)


def shape_index(index: dict, sources: dict[str, str]) -> dict:
    """The language's search index with the glossary's and pages' search words added.

    `sources` maps a page's path under docs/<lang>/ (`signalen.md`) to its Markdown.
    """
    terms = parse_glossary(sources[GLOSSARY])[0] if GLOSSARY in sources else []
    docs = []
    for doc in index["docs"]:
        keywords: list[str] = []
        synonyms: list[str] = []
        source = source_of(doc["location"], sources)
        if "#" not in doc["location"] and source:
            keywords += page_keywords(sources[source])
        title, text = words(doc["title"]), words(doc.get("text", ""))
        for term in terms:
            if source == GLOSSARY and doc["title"] == term.section:
                keywords += [*term.names, *term.synonyms]
            elif any(mentions(title, name) for name in mention_names(term)):
                keywords += term.synonyms
            elif any(mentions(text, name) for name in mention_names(term)):
                synonyms += term.synonyms
        extra = {k: " ".join(v) for k, v in (("keywords", keywords), ("synonyms", synonyms)) if v}
        docs.append({**doc, **extra})
    config = {**index["config"], "fields": {**index["config"]["fields"], **FIELDS}}
    return {**index, "config": config, "docs": docs}
