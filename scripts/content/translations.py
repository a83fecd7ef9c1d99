"""Translation integrity: the English edition keeps the structure of the Dutch one.

For every page in docs/nl and docs/en (issue 9.4):
- it exists in both languages, unless its front matter says `translation: none` (the build then
  shows it on the other language's site with a not-translated banner, scripts/hooks/site.py);
- the two versions match where they must: the same H2 sections in the same order (and the same
  explicit `{#id}` where both give one), the same quotes (the Dutch blockquote text equals the
  English `Original:` text), the same source lines (report sections equal, external sources to
  the same site), the same route directives, the same diagrams (`<figure class="diagram …">`
  classes, number of inline `<svg>`, their viewBox; ids may be translated);
- a stale translation is a warning, not a failure: the English front matter records
  `vertaald_van: <first 12 hex of the sha256 of the Dutch body>`; when the Dutch page changes,
  the English page is listed until someone updates it and runs `--update`.

CLI: python scripts/content/translations.py                 check (exit 0 ok, 1 mismatch, 2 usage error)
     python scripts/content/translations.py --update PAGE…  record the Dutch hash in the English page(s)
                                                    (a folder: every page in it, e.g. docs/en)
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as `python scripts/content/translations.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content.directives import iter_directives  # noqa: E402
from scripts.content.errors import ContentError  # noqa: E402
from scripts.content.quotes import iter_blockquotes, normalize, parse_attribution  # noqa: E402
from scripts.content.source_text import display_path, read_text, split_front_matter  # noqa: E402
from scripts.content.source_lines import ExternalRef, ReportRef, parse_bron, scan_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SOURCE_LANG, TARGET_LANG = "nl", "en"
UNTRANSLATED_KEY, UNTRANSLATED_VALUE = "translation", "none"
HASH_KEY = "vertaald_van"
ROUTE_DIRECTIVES = ("route", "nummer", "spoednummers", "routekaart", "routes")

ORIGINAL = re.compile(r"^\s*Original:\s*", re.I)
FIGURE = re.compile(r"<figure\b[^>]*\bclass=\"(diagram\b[^\"]*)\"", re.I)
SVG = re.compile(r"<svg\b([^>]*)>", re.I)
VIEWBOX = re.compile(r"\bviewBox=\"([^\"]*)\"")


# ---------------------------------------------------------------------------------------------
# What must match
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One comparable element of a page: its line (for messages) and its key (for equality)."""

    line: int
    key: object
    label: str


@dataclass(frozen=True)
class Structure:
    sections: tuple[Item, ...]
    quotes: tuple[Item, ...]
    sources: tuple[Item, ...]
    routes: tuple[Item, ...]
    diagrams: tuple[Item, ...]


def _quote_original(lines: Sequence[str]) -> str:
    """A blockquote's Dutch words: all of it on a Dutch page; from `Original:` on in English.
    The attribution line is left out."""
    body = list(lines)
    while body and not body[-1].strip():
        body.pop()
    if body and not isinstance(parse_attribution(body[-1].strip(), "en"), str):
        body = body[:-1]
    start = next((k for k, line in enumerate(body) if ORIGINAL.match(line)), None)
    if start is not None:
        body = [ORIGINAL.sub("", body[start])] + body[start + 1:]
    return normalize(" ".join(body))


def _source_key(ref) -> object:
    # An English page may link the English version of an external site: same host is enough.
    if isinstance(ref, ExternalRef):
        return ("extern", urlsplit(ref.url).netloc.lower().removeprefix("www."))
    return ("§", ref.section) if isinstance(ref, ReportRef) else ref


def structure(source: str, path: str = "<page>") -> Structure:
    """The parts of a page (source with front matter) that both languages must share."""
    _, body, offset = split_front_matter(source)
    sections = tuple(
        Item(h.line, h.anchor if h.explicit_id else None, h.title)
        for h in scan_page(source, path).headings if h.level == 2
    )
    quotes = tuple(
        Item(offset + b.start + 1, _quote_original(b.lines), _short(_quote_original(b.lines).strip("'")))
        for b in iter_blockquotes(body)
    )
    sources = []
    routes = []
    for d in iter_directives(body):
        if d.name == "bron":
            try:
                key = tuple(_source_key(r) for r in parse_bron(d.argument))
            except ValueError:
                key = ("ongeldig", d.argument)  # reported by the sources check itself
            sources.append(Item(offset + d.line, key, f"{{{{ bron: {d.argument} }}}}"))
        elif d.name in ROUTE_DIRECTIVES:
            label = f"{{{{ {d.name}{': ' + d.argument if d.argument else ''} }}}}"
            routes.append(Item(offset + d.line, (d.name, d.argument), label))
    diagrams = []
    for pattern, kind in ((FIGURE, "figure"), (SVG, "svg")):
        for m in pattern.finditer(body):
            line = offset + body.count("\n", 0, m.start()) + 1
            if kind == "figure":
                key = ("figure", " ".join(sorted(m.group(1).split())))
            else:
                box = VIEWBOX.search(m.group(1))
                key = ("svg", box.group(1) if box else "")
            diagrams.append(Item(line, key, f"<{kind} {key[1]}>"))
    diagrams.sort(key=lambda i: i.line)
    return Structure(sections, quotes, tuple(sources), tuple(routes), tuple(diagrams))


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


KINDS = (
    ("sections", "H2-kop", "H2-koppen"),
    ("quotes", "citaat", "citaten"),
    ("sources", "bronregel", "bronregels"),
    ("routes", "route-opdracht", "route-opdrachten"),
    ("diagrams", "diagram-element", "diagram-elementen"),
)


def compare(nl_source: str, nl_path: str, en_source: str, en_path: str) -> list[ContentError]:
    """Where the English page's structure differs from the Dutch one, at the English line."""
    nl, en = structure(nl_source, nl_path), structure(en_source, en_path)
    errors: list[ContentError] = []
    for field, one, many in KINDS:
        a, b = getattr(nl, field), getattr(en, field)
        if len(a) != len(b):
            errors.append(ContentError(
                en_path, (b[0].line if b else 1),
                f"{len(b)} {many if len(b) != 1 else one} tegen {len(a)} in {nl_path} ({len(b)} vs {len(a)})"))
        for index, (x, y) in enumerate(zip(a, b), 1):
            if field == "sections":
                if x.key and y.key and x.key != y.key:
                    errors.append(ContentError(en_path, y.line,
                                               f"H2 {index}: id '#{y.key}' tegen '#{x.key}' in {nl_path}:{x.line}"))
                continue
            if x.key != y.key:
                errors.append(ContentError(
                    en_path, y.line, f"{one} {index} verschilt van {nl_path}:{x.line} ('{y.label}' vs '{x.label}')"))
                break  # one shift makes every later pair differ: report where it starts
    return errors


# ---------------------------------------------------------------------------------------------
# Pages and languages
# ---------------------------------------------------------------------------------------------

def source_hash(nl_source: str) -> str:
    """The Dutch page's content hash (body only: front matter keys do not make it stale)."""
    _, body, _ = split_front_matter(nl_source)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def _pages(docs: Path, lang: str) -> dict[str, Path]:
    folder = docs / lang
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.md"))} if folder.is_dir() else {}


@dataclass(frozen=True)
class Report:
    errors: tuple[ContentError, ...]
    stale: tuple[str, ...]  # English pages whose Dutch source changed since the recorded hash
    unrecorded: tuple[str, ...]  # English pages with no recorded hash
    pairs: int
    untranslated: tuple[str, ...]


def check(docs: Path = DOCS, root: Path = ROOT) -> Report:
    """Compare every page pair of docs/nl and docs/en."""
    nl_pages, en_pages = _pages(docs, SOURCE_LANG), _pages(docs, TARGET_LANG)
    errors: list[ContentError] = []
    stale: list[str] = []
    unrecorded: list[str] = []
    untranslated: list[str] = []
    pairs = 0
    for key in sorted(set(nl_pages) | set(en_pages)):
        nl, en = nl_pages.get(key), en_pages.get(key)
        texts = {}
        for path in (nl, en):
            if path is None:
                continue
            try:
                text = read_text(path, display_path(path, root))
                texts[path] = (text, split_front_matter(text)[0])
            except ContentError as error:
                errors.append(error)
            except ValueError as error:
                errors.append(ContentError(display_path(path, root), 1, str(error)))
        if len(texts) < (nl is not None) + (en is not None):
            continue
        if nl is None or en is None:
            only = nl or en
            if texts[only][1].get(UNTRANSLATED_KEY) == UNTRANSLATED_VALUE:
                untranslated.append(display_path(only, root))
                continue
            missing = "docs/en" if en is None else "docs/nl"
            errors.append(ContentError(display_path(only, root), 1, (
                f"bestaat niet in {missing}: vertaal de pagina, of zet '{UNTRANSLATED_KEY}: "
                f"{UNTRANSLATED_VALUE}' in de front matter")))
            continue
        pairs += 1
        for path in (nl, en):
            if texts[path][1].get(UNTRANSLATED_KEY) == UNTRANSLATED_VALUE:
                errors.append(ContentError(display_path(path, root), 1, (
                    f"'{UNTRANSLATED_KEY}: {UNTRANSLATED_VALUE}' maar de pagina bestaat in beide talen")))
        (nl_text, _), (en_text, en_meta) = texts[nl], texts[en]
        errors += compare(nl_text, display_path(nl, root), en_text, display_path(en, root))
        recorded = en_meta.get(HASH_KEY)
        if recorded is None:
            unrecorded.append(display_path(en, root))
        elif str(recorded) != source_hash(nl_text):
            stale.append(display_path(en, root))
    return Report(tuple(errors), tuple(stale), tuple(unrecorded), pairs, tuple(untranslated))


HASH_LINE = re.compile(rf"^{HASH_KEY}:.*$", re.M)


def record_hash(en_source: str, digest: str) -> str:
    """The English page with `vertaald_van: <digest>` in its front matter (added or replaced)."""
    line = f"{HASH_KEY}: {digest}"
    meta, body, offset = split_front_matter(en_source)
    if not offset:
        return f"---\n{line}\n---\n{en_source}"
    head = en_source.splitlines(keepends=True)[:offset]
    if HASH_KEY in meta:
        return HASH_LINE.sub(line, "".join(head), count=1) + body
    return "".join(head[:-1]) + line + "\n" + head[-1] + body


def update(page: Path, docs: Path = DOCS) -> Path:
    """Record the current Dutch hash in the English version of `page` (either language's path).
    Refused (ValueError) while the two versions differ in structure."""
    page = page.resolve()
    for lang in (SOURCE_LANG, TARGET_LANG):
        folder = (docs / lang).resolve()
        if page.is_relative_to(folder):
            key = page.relative_to(folder)
            break
    else:
        raise ValueError(f"{page} ligt niet in {docs}/nl of {docs}/en")
    nl, en = docs / SOURCE_LANG / key, docs / TARGET_LANG / key
    if not nl.is_file() or not en.is_file():
        raise ValueError(f"{key} bestaat niet in beide talen")
    nl_text, en_text = read_text(nl), read_text(en)
    # Only a translation that matches its source may be recorded as up to date.
    differences = compare(nl_text, str(nl), en_text, str(en))
    if differences:
        raise ValueError("de vertaling verschilt nog van het origineel:\n" + "\n".join(map(str, differences)))
    en.write_text(record_hash(en_text, source_hash(nl_text)), encoding="utf-8")
    return en


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer of de Engelse pagina's de Nederlandse volgen.")
    parser.add_argument("--update", nargs="+", metavar="PAGE",
                        help="leg vast dat deze Engelse pagina('s) (of een hele map) bij de huidige Nederlandse tekst horen")
    parser.add_argument("--docs", default=str(DOCS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    docs = Path(args.docs)
    if args.update:
        try:
            for raw in args.update:
                pages = sorted(Path(raw).rglob("*.md")) if Path(raw).is_dir() else [Path(raw)]
                for page in pages:
                    print(f"bijgewerkt: {display_path(update(page, docs), Path.cwd())}")
        except (ValueError, OSError) as error:
            print(f"kan niet bijwerken: {error}", file=sys.stderr)
            return 2
        return 0
    if not (docs / SOURCE_LANG).is_dir():
        print(f"map niet gevonden: {docs / SOURCE_LANG}", file=sys.stderr)
        return 2
    result = check(docs, Path.cwd())
    for error in result.errors:
        print(error)
    if result.stale:
        print("\nWaarschuwing: de Nederlandse tekst is veranderd sinds deze vertaling:")
        print("\n".join(f"  {p}" for p in result.stale))
    if result.unrecorded:
        print("\nWaarschuwing: bij deze vertalingen staat niet vast van welke Nederlandse tekst ze zijn:")
        print("\n".join(f"  {p}" for p in result.unrecorded))
    if result.stale or result.unrecorded:
        print("Werk de vertaling bij en leg dat vast: python scripts/content/translations.py --update docs/en/<pagina>.md")
    print(f"\n{result.pairs} paren vergeleken, {len(result.errors)} verschillen, "
          f"{len(result.stale) + len(result.unrecorded)} mogelijk verouderd, {len(result.untranslated)} bewust niet vertaald.")
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
