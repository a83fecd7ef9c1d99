"""One English translation per Dutch quote, kept in one place: data/quote-translations.yml.

English pages, Parents' voices and English leaflets write a quote with its Dutch words only
(`> Original: ‘…’` and the attribution); the translation comes from this register, keyed by the
Dutch text as verified (quote marks, `[...]` and line breaks folded as scripts/content/quotes.py folds
them). So the same Dutch quote can never be shown with two translations:

- the register refuses the same Dutch text twice (`path:line`);
- a page that still writes its own translation above `Original:` is refused at that line
  (`check_source`), with the register's translation if there is one.

    quotes:
      - nl: ‘Het waren eigenlijk allemaal puzzelstukjes. […]’
        en: ‘It was all puzzle pieces, really. […]’

Pure functions; `load` is cached per file version, like the other data files.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from scripts.content.data_yaml import line_of, load_data_file
from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import display_path

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "data" / "quote-translations.yml"


@dataclass(frozen=True)
class Entry:
    nl: str
    en: str
    line: int


@dataclass(frozen=True)
class Register:
    path: str
    entries: dict = field(default_factory=dict)  # key(nl) -> Entry

    def get(self, dutch: str) -> Entry | None:
        return self.entries.get(key(dutch))


EMPTY = Register("data/quote-translations.yml")


def key(text: str) -> str:
    """The Dutch words as the quote check compares them: quote marks, […] and spacing folded."""
    from scripts.content.quotes import _strip_outer_quotes, normalize

    return _strip_outer_quotes(normalize(text))


def same_translation(a: str, b: str) -> bool:
    return key(a) == key(b)


def parse(doc, path: str) -> Register:
    """The register from its YAML (with lines); ContentErrors with every problem at once."""
    errors: list[ContentError] = []
    if not isinstance(doc, dict) or set(doc) != {"quotes"} or not isinstance(doc["quotes"], list):
        raise ContentErrors([ContentError(path, 1, "het bestand bevat alleen 'quotes:', een lijst van {nl: …, en: …}")])
    items = doc["quotes"]
    entries: dict[str, Entry] = {}
    for index, item in enumerate(items):
        line = line_of(items, index)
        if not isinstance(item, dict) or set(item) != {"nl", "en"}:
            errors.append(ContentError(path, line, "een vertaling heeft precies 'nl' (de Nederlandse tekst) en 'en'"))
            continue
        nl, en = item["nl"], item["en"]
        if not isinstance(nl, str) or not nl.strip() or not isinstance(en, str) or not en.strip():
            errors.append(ContentError(path, line, "'nl' en 'en' zijn allebei tekst (tussen aanhalingstekens als er een : in staat)"))
            continue
        entry = Entry(" ".join(nl.split()), " ".join(en.split()), line)
        if key(nl) in entries:
            first = entries[key(nl)]
            errors.append(ContentError(path, line, (
                f"dit Nederlandse citaat staat er al (regel {first.line}): één citaat heeft één vertaling; "
                "houd er één over")))
            continue
        entries[key(nl)] = entry
    if errors:
        raise ContentErrors(errors)
    return Register(path, entries)


def load(path: Path | str = REGISTER) -> Register:
    """The register (cached per file version); a missing file is an empty register."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return Register(display_path(path))
    return _load_cached(str(path), mtime)


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, _mtime: int) -> Register:
    shown = display_path(path)
    return parse(load_data_file(path, shown), shown)


def default() -> Register:
    """The project's register, or an empty one when it is broken (load_context reports why)."""
    try:
        return load()
    except (ContentError, ContentErrors):
        return EMPTY


def problem(dutch: str, written: str | None, register: Register) -> str | None:
    """Why an English quote's translation is not as it should be, or None.

    `written` is the translation the page typed above `Original:` (None when it wrote none)."""
    entry = register.get(dutch)
    if written is None:
        if entry is None:
            return (f"dit citaat heeft geen Engelse vertaling: zet hem in {register.path} "
                    "(nl: de Nederlandse tekst, en: de vertaling)")
        return None
    if entry is None:
        return (f"zet deze vertaling in {register.path} (nl: de Nederlandse tekst, en: deze vertaling) en haal haar "
                "hier weg: elke pagina en folder toont dan dezelfde vertaling")
    if not same_translation(entry.en, written):
        return (f"dit citaat heeft al een vertaling ({register.path}:{entry.line}): '{_short(entry.en)}'; "
                "één Nederlands citaat heeft één vertaling: haal deze hier weg, of pas die daar aan")
    return f"de vertaling staat al in {register.path}:{entry.line}: haal haar hier weg (één plek voor elke vertaling)"


def _short(text: str, words: int = 10) -> str:
    w = text.split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")
