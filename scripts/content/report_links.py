"""The links in the report's footnotes (data/report-links.yml), with what we know of their state.

"Over dit handboek" shows them with `{{ rapportlinks }}`: the old addresses as text (not links),
and an honest status per link. Every field is checked by type, with its line.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from scripts.content.data_yaml import line_of, load_data_file, type_name
from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import display_path
from scripts.content.routes import LANGS, ROOT, format_date, url_problem

REPORT_LINKS = ROOT / "data" / "report-links.yml"

REPORT_STATUS = {
    "moved": {"nl": "Verhuisd. Volgens een opgeslagen kopie staat het stuk nu op {now}.",
              "en": "Moved. According to a stored copy, the item is now at {now}."},
    "unknown": {"nl": "Geen opgeslagen kopie gevonden; of de pagina nog bestaat, weten we niet.",
                "en": "No stored copy found; we do not know whether the page still exists."},
    "archived": {"nl": "Er is een opgeslagen kopie van {archived}; of de pagina nog bestaat, weten we niet.",
                 "en": "A stored copy from {archived} exists; we do not know whether the page still exists."},
    "dead": {"nl": "Niet gevonden; waarschijnlijk verdwenen.", "en": "Not found; probably gone."},
    "renamed": {"nl": "De organisatie heet nu {renamed}; de link stuurt waarschijnlijk door.",
                "en": "The organisation is now {renamed}; the link probably redirects."},
    "inactive": {"nl": "Niet meer actief.", "en": "No longer active."},
    "not-checked": {"nl": "Nog niet nagekeken.", "en": "Not checked yet."},
}
REPORT_TEXT = {
    "nl": {"footnote": "voetnoot", "footnotes": "voetnoten",
           "intro": "Het rapport verwijst naar deze pagina’s. Zo staan ze er nu voor (niet live "
                    "nagekeken). De oude adressen staan er als tekst, niet als link."},
    "en": {"footnote": "footnote", "footnotes": "footnotes",
           "intro": "The report refers to these pages. This is their state as far as we know (not "
                    "checked live). The old addresses are shown as text, not as links."},
}


@dataclass(frozen=True)
class ReportLink:
    url: str
    footnotes: tuple[int, ...]
    about: dict
    status: str
    extra: dict  # now / archived / renamed


def load_report_links(path: Path = REPORT_LINKS) -> list[ReportLink]:
    """Every report link, or ContentErrors with each problem (path:line: reason)."""
    display = display_path(path)
    doc = load_data_file(path, display)
    if not isinstance(doc, dict) or not isinstance(doc.get("links"), list):
        raise ContentErrors([ContentError(display, 1, "het bestand begint met 'links:' en daaronder een lijst")])
    links, errors = [], []
    for index, item in enumerate(doc["links"]):
        line = line_of(doc["links"], index)
        if not isinstance(item, dict):
            errors.append(ContentError(display, line, f"een link is een blok met url, footnotes, about en status (kreeg {type_name(item)})"))
            continue
        problem = _problem(item)
        if problem:
            errors.append(ContentError(display, line_of(item, problem[0]), problem[1]))
            continue
        extra = {k: item[k] for k in ("now", "archived", "renamed") if k in item}
        links.append(ReportLink(item["url"], tuple(item.get("footnotes") or ()), dict(item["about"]), item["status"], extra))
    if errors:
        raise ContentErrors(errors)
    return links


def _problem(item: dict) -> tuple[str, str] | None:
    """(field, reason) for the first thing wrong with one link, or None."""
    allowed = {"url", "footnotes", "about", "status", "now", "archived", "renamed"}
    if unknown := sorted(set(item) - allowed):
        return unknown[0], f"onbekend veld '{unknown[0]}' (kies uit {', '.join(sorted(allowed))})"
    if not isinstance(item.get("url"), str) or not item["url"].strip():
        return "url", f"url: het oude adres als tekst (kreeg {type_name(item.get('url'))})"
    footnotes = item.get("footnotes", [])
    if not isinstance(footnotes, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in footnotes):
        return "footnotes", f"footnotes: een lijst met nummers, zoals [12, 14] (kreeg {type_name(footnotes)})"
    status = item.get("status")
    if status not in REPORT_STATUS:
        return "status", f"status '{status}' is onbekend (kies uit {', '.join(REPORT_STATUS)})"
    about = item.get("about")
    if not isinstance(about, dict) or set(about) != set(LANGS) or not all(isinstance(about[k], str) and about[k].strip() for k in LANGS):
        return "about", "about: geef een tekst in het Nederlands en het Engels ({nl: ..., en: ...})"
    needed = {k for k in ("now", "archived", "renamed") if "{" + k + "}" in REPORT_STATUS[status]["nl"]}
    if missing := needed - set(item):
        return "status", f"status '{status}' heeft ook '{sorted(missing)[0]}' nodig"
    if "now" in item and (problem := url_problem(item["now"])) is not None:
        return "now", f"now: {problem}"
    if "archived" in item and not isinstance(item["archived"], dt.date):
        return "archived", f"archived: een datum als 2024-05-01 (kreeg {type_name(item['archived'])})"
    if "renamed" in item and not (isinstance(item["renamed"], str) and item["renamed"].strip()):
        return "renamed", f"renamed: de nieuwe naam als tekst (kreeg {type_name(item['renamed'])})"
    return None


def render_report_links(links: Iterable[ReportLink], lang: str) -> str:
    """A list: what the link was, its old address as code (not clickable) and its honest status."""
    t = REPORT_TEXT[lang]
    items = []
    for link in links:
        values = dict(link.extra)
        if "now" in values:
            values["now"] = f"[{values['now'].split('://', 1)[-1]}]({values['now']})"
        if isinstance(values.get("archived"), dt.date):
            values["archived"] = format_date(values["archived"], lang)
        notes = ""
        if link.footnotes:
            word = t["footnote"] if len(link.footnotes) == 1 else t["footnotes"]
            notes = f" ({word} {', '.join(str(n) for n in link.footnotes)})"
        status = REPORT_STATUS[link.status][lang].format(**values)
        items.append(f"- **{link.about[lang]}**{notes}  \n  `{link.url}`  \n  {status}")
    return "\n".join(['<div class="rapportlinks" markdown>', "", t["intro"], "", *items, "", "</div>"])


