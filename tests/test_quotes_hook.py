"""The quotes hook in a real `mkdocs build`: a misquote fails the build, a verified quote renders."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scripts.site_build import build

ROOT = Path(__file__).resolve().parents[1]
HOOK = ROOT / "scripts" / "hooks" / "quotes_hook.py"
PUZZLE = "‘Het waren eigenlijk allemaal puzzelstukjes.’"


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A minimal strict MkDocs project using the real hook file; returns its config."""
    for name, text in {"nl/index.md": "# Start\n", "nl/over.md": "# Over\n",
                       "en/index.md": "# Start\n", "en/over.md": "# About\n", **pages}.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: docs\nstrict: true\nmarkdown_extensions:\n  - admonition\n"
                      f"hooks:\n  - {HOOK}\n", encoding="utf-8")
    return config


def test_a_misquote_fails_the_build_with_every_message(tmp_path):
    config = project(tmp_path, {"nl/x.md": f"# X\n\n> {PUZZLE}\n> — ouder 5\n\nTekst.\n\n> {PUZZLE}\n> — ouder 7\n"})
    result = build(tmp_path / "site", config)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "docs/nl/x.md:3: deze woorden zijn van ouder 3 (§3.2), niet van ouder 5" in output
    assert "docs/nl/x.md:8: ouder 7 bestaat niet in het rapport" in output
    assert "Traceback" not in output


def test_a_verified_quote_renders_as_figure_with_linked_source(tmp_path):
    config = project(tmp_path, {"nl/sub/x.md": f"# X\n\n## Kop\n\n> {PUZZLE}\n> — ouder 3\n\n[naar](#kop)\n"})
    result = build(tmp_path / "site", config)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "nl" / "sub" / "x" / "index.html").read_text(encoding="utf-8")
    figure = re.search(r'<figure class="quote quote--parent">.*?</figure>', page, re.S).group(0)
    assert f"<blockquote><p>{PUZZLE}</p></blockquote>" in figure
    assert '<figcaption>ouder 3 — <a href="../../over/">Ouders aan het woord</a>, §3.2</figcaption>' in figure
    assert (tmp_path / "site" / "nl" / "over" / "index.html").exists()
    assert "— ouder 3</p>" not in page  # the attribution line became the caption
    # The words stay searchable text, and the page's own anchors still work.
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("puzzelstukjes" in doc["text"] for doc in index["docs"])
    assert 'id="kop"' in page and 'href="#kop"' in page


def test_quotes_inside_admonitions_and_lists_render_as_figures(tmp_path):
    quote = f"    > {PUZZLE}\n    > — ouder 3\n"
    config = project(tmp_path, {"nl/x.md": f"# X\n\n!!! note\n\n{quote}\n- punt\n\n{quote}"})
    result = build(tmp_path / "site", config)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "nl" / "x" / "index.html").read_text(encoding="utf-8")
    assert page.count('<figure class="quote quote--parent">') == 2
    assert "<p><figure" not in page and "quotesfigurex" not in page


def test_english_quote_renders_translation_and_original(tmp_path):
    config = project(tmp_path, {"en/x.md": f"# X\n\n> ‘It was all puzzle pieces, really.’\n>\n> Original: {PUZZLE}\n> — parent 3\n"})
    result = build(tmp_path / "site", config)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "en" / "x" / "index.html").read_text(encoding="utf-8")
    assert '<blockquote lang="en"><p>‘It was all puzzle pieces, really.’</p></blockquote>' in page
    # Marked for Material's search to leave out (this bare test theme keeps the marker in the page).
    assert f'<blockquote class="quote__original" lang="nl" data-search-exclude="true"><p>{PUZZLE}</p></blockquote>' in page
    assert 'parent 3 — <a href="../over/">Ouders aan het woord</a>, §3.2 (translated from Dutch)' in page


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
