"""Quotes through the content pipeline: a misquote is reported, a verified quote renders (and the real site)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.content import pipeline
from scripts.content import quotes

ROOT = Path(__file__).resolve().parents[1]
CTX = pipeline.load_context()
PUZZLE = "‘Het waren eigenlijk allemaal puzzelstukjes.’"


def render(text: str, path: str) -> tuple[str, dict[str, str]]:
    """The pipeline's rendering of one page, as the content hook runs it (report page one level up)."""
    placeholders: dict[str, str] = {}
    src = pipeline.Source(path, "en" if "/en/" in path else "nl", text)
    markdown = pipeline.render(src, CTX, pipeline.PageLinks(report="../over/", overview="../bronverantwoording.md"),
                               placeholders=placeholders)
    return markdown, placeholders


def test_a_misquote_is_reported_with_every_message():
    text = f"# X\n\n> {PUZZLE}\n> — ouder 5\n\nTekst.\n\n> {PUZZLE}\n> — ouder 7\n"
    reasons = [str(e) for e in pipeline.check_text(text, "docs/nl/x.md", CTX)]
    assert any(r.startswith("docs/nl/x.md:3: deze woorden zijn van ouder 3 (§3.2), niet van ouder 5") for r in reasons)
    assert any(r.startswith("docs/nl/x.md:8: ouder 7 bestaat niet in het rapport") for r in reasons)


def test_a_verified_quote_renders_as_figure_with_linked_source():
    markdown, placeholders = render(f"# X\n\n## Kop\n\n> {PUZZLE}\n> — ouder 3\n", "docs/nl/x.md")
    (token, figure), = placeholders.items()
    assert token in markdown and "— ouder 3" not in markdown
    html = quotes.fill_placeholders(f"<p>{token}</p>", placeholders)
    assert html == figure and f"<blockquote><p>{PUZZLE}</p></blockquote>" in figure
    assert '<figcaption>ouder 3 — <a href="../over/">Ouders aan het woord</a>, §3.2</figcaption>' in figure


def test_quotes_inside_admonitions_and_lists_keep_their_indent():
    quote = f"    > {PUZZLE}\n    > — ouder 3\n"
    markdown, placeholders = render(f"# X\n\n!!! note\n\n{quote}\n- punt\n\n{quote}", "docs/nl/x.md")
    assert len(placeholders) == 2
    assert all(f"    {token}" in markdown for token in placeholders)


def test_english_quote_renders_translation_and_original():
    text = f"# X\n\n> ‘It was all puzzle pieces, really.’\n>\n> Original: {PUZZLE}\n> — parent 3\n"
    _, placeholders = render(text, "docs/en/x.md")
    (figure,) = placeholders.values()
    assert '<blockquote lang="en"><p>‘It was all puzzle pieces, really.’</p></blockquote>' in figure
    # In a disclosure marked for Material's search to leave out of the English index (it stays on the page).
    assert f'<details class="quote__disclosure" {quotes.SEARCH_EXCLUDE}>' in figure
    assert f'<blockquote class="quote__original" lang="nl"><p>{PUZZLE}</p></blockquote>\n</details>' in figure
    assert 'parent 3 — <a href="../over/">Ouders aan het woord</a>, §3.2 (translated from Dutch)' in figure


def test_placeholders_are_filled_in_one_pass_whatever_their_number():
    placeholders = {f"{quotes.PLACEHOLDER}{i}x": f"<figure>{i}</figure>" for i in range(300)}
    html = "".join(f"<p>{token}</p>" for token in placeholders) + f"{quotes.PLACEHOLDER}7x"
    filled = quotes.fill_placeholders(html, placeholders)
    assert quotes.PLACEHOLDER not in filled
    assert filled.startswith("<figure>0</figure><figure>1</figure>") and filled.endswith("<figure>7</figure>")


# --- the real site ---------------------------------------------------------------------------


def _figures(site: Path, lang_dir: str) -> list[tuple[Path, str]]:
    root = site / lang_dir if lang_dir else site
    return [(page, fig) for page in root.rglob("index.html") if lang_dir or "en" not in page.relative_to(site).parts[:1]
            for fig in re.findall(r'<figure class="quote.*?</figure>', page.read_text(encoding="utf-8"), re.S)]


@pytest.mark.parametrize("lang_dir", ["", "en"])
def test_real_site_quotes_render_with_working_source_links(built_site, lang_dir):
    figures = _figures(built_site, lang_dir)
    assert figures, "no rendered quotes"
    for page, figure in figures:
        assert "<figcaption>" in figure and "<blockquote" in figure, page
        for href in re.findall(r'<figcaption>.*?href="([^"]+)"', figure, re.S):
            if not href.startswith("http"):
                assert (page.parent / href / "index.html").resolve().exists(), (page, href)
        if lang_dir == "en" and "quote--parent" in figure:
            assert 'lang="nl"' in figure, page
