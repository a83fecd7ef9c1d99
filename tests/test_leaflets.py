"""PDF leaflets: every source becomes a 1–2 page A4, tagged PDF with its text, numbers, URL and QR code."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts import leaflets, routes
from scripts.errors import ContentErrors

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "leaflets"
SOURCES = leaflets.discover()
CHAPTERS = ["signalen.md", "drie-dimensies.md", "wat-kun-je-doen.md", "veiligheid.md",
            "zorg-voor-jezelf.md", "hulp-vinden.md"]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def _leaflet(path: Path) -> leaflets.Leaflet:
    return leaflets.load(path, leaflets.site_url())


# ---------------------------------------------------------------------------------------------
# Sources: what must exist, and what the loader refuses
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_main_chapter_has_a_leaflet(lang):
    pages = {_leaflet(p).page for p in SOURCES if p.parent.name == lang}
    assert set(CHAPTERS) <= pages, set(CHAPTERS) - pages


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_there_is_a_notebook_form(lang):
    forms = [_leaflet(p) for p in SOURCES if p.parent.name == lang and _leaflet(p).form]
    assert len(forms) == 1 and len(forms[0].form) == 4 and forms[0].page == "signalen.md"


def _write(tmp_path: Path, text: str, lang: str = "nl") -> Path:
    path = tmp_path / lang / "test.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        leaflets.load(path, "https://example.org/")
    return [e.reason for e in caught.value.errors]


def test_load_reads_front_matter_and_headings(tmp_path):
    path = _write(tmp_path, "---\ntitle: Test\npage: signalen.md\nlang: nl\n---\n\nTekst.\n\n"
                            "## Eerste kop\n\n{{ bron: §3.2 }}\n\nMeer.\n")
    leaflet = leaflets.load(path, "https://example.org/")
    assert (leaflet.title, leaflet.page, leaflet.url) == ("Test", "signalen.md", "https://example.org/signalen/")
    assert leaflet.h2s == ("Eerste kop",)


def test_load_reports_every_problem_with_its_line(tmp_path):
    path = _write(tmp_path, "---\ntitle: Test\npage: bestaat-niet.md\nlang: en\n---\n\n"
                            "## Zonder bron\n\nBel 0800-2000.\n")
    with pytest.raises(ContentErrors) as caught:
        leaflets.load(path, "https://example.org/")
    found = {(e.line, e.reason) for e in caught.value.errors}
    assert (1, "lang 'en' past niet bij map leaflets/nl/") in found
    assert (1, "page 'bestaat-niet.md' bestaat niet in docs/nl/") in found
    assert (7, "kop 'Zonder bron' heeft geen bron: zet {{ bron: §… }} op de regel eronder") in found
    assert any(line == 9 and "0800-2000" in reason for line, reason in found), found


def test_a_source_section_that_does_not_exist_is_reported(tmp_path):
    path = _write(tmp_path, "---\ntitle: Test\npage: signalen.md\nlang: nl\n---\n\n## Kop\n{{ bron: §9.9 }}\n")
    assert any("9.9" in reason for reason in _errors(path)), _errors(path)


def test_quotes_on_leaflets_are_checked_against_the_report(tmp_path):
    good = "> ‘Het waren eigenlijk allemaal puzzelstukjes.’\n> — ouder 3\n\n{{ bron: §3.2 }}\n"
    bad = "> ‘Het waren eigenlijk allemaal legostenen.’\n> — ouder 3\n\n{{ bron: §3.2 }}\n"
    head = "---\ntitle: Test\npage: signalen.md\nlang: nl\n---\n\n"
    assert leaflets.load(_write(tmp_path, head + good), "https://example.org/").title == "Test"
    errors = _errors(_write(tmp_path, head + bad))
    assert len(errors) == 1 and "ouder 3" in errors[0], errors


def test_load_requires_front_matter(tmp_path):
    assert _errors(_write(tmp_path, "Alleen tekst.\n")) == [
        "front matter mist 'title'", "front matter mist 'page'", "front matter mist 'lang'"]


@pytest.mark.parametrize("argument, lang, expected", [
    ("§3.2", "nl", "Bron: Ouders aan het woord, §3.2"),
    ("§1; §3.3, §4.4", "nl", "Bron: Ouders aan het woord, §1, §3.3, §4.4"),
    ("§4.4; Politie | https://www.politie.nl", "en",
     "Sources: Ouders aan het woord, §4.4; Politie (https://www.politie.nl)"),
])
def test_source_line(argument, lang, expected):
    assert leaflets.source_line(argument, lang) == expected


@pytest.mark.parametrize("lang, page, expected", [
    ("nl", "signalen.md", "https://x.nl/signalen/"),
    ("en", "signalen.md", "https://x.nl/en/signalen/"),
    ("nl", "index.md", "https://x.nl/"),
    ("nl", "professionals/training.md", "https://x.nl/professionals/training/"),
])
def test_page_url(lang, page, expected):
    assert leaflets.page_url("https://x.nl/", lang, page) == expected


def test_leaflet_type_is_never_below_10pt():
    css = (leaflets.TEMPLATES / "leaflet.css").read_text(encoding="utf-8")
    sizes = re.findall(r"font(?:-size)?:\s*([\d.]+)(\w+)", css)
    assert sizes
    for value, unit in sizes:
        assert unit == "pt" and float(value) >= 10, (value, unit)


def test_a_leaflet_over_two_pages_fails(tmp_path, monkeypatch):
    long = "\n\n".join(f"## Kop {i}\n\n{{{{ bron: §3.2 }}}}\n\n" + "Een zin die ruimte vult. " * 60
                       for i in range(12))
    path = _write(tmp_path, f"---\ntitle: Te lang\npage: signalen.md\nlang: nl\n---\n\n{long}\n")
    leaflet = leaflets.load(path, "https://example.org/")
    with pytest.raises(ContentErrors) as caught:
        leaflets.write_pdf(leaflet, date(2026, 1, 1), tmp_path / "out.pdf")
    assert "maximaal 2" in str(caught.value)


# ---------------------------------------------------------------------------------------------
# The built PDFs (from the shared site build)
# ---------------------------------------------------------------------------------------------

def _pdf(built_site: Path, source: Path) -> Path:
    return built_site / leaflets.OUTPUT_DIR / source.parent.name / f"{source.stem}.pdf"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_leaflet_pdf(built_site, source):
    leaflet = _leaflet(source)
    pdf = _pdf(built_site, source)
    assert pdf.is_file(), f"{pdf} was not built"
    reader = PdfReader(str(pdf))
    assert 1 <= len(reader.pages) <= leaflets.MAX_PAGES
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 2 and abs(float(page.mediabox.height) - 841.9) < 2

    text = _normal("\n".join(page.extract_text() for page in reader.pages))
    assert _normal(leaflet.title) in text
    assert leaflet.h2s, "a leaflet has sections"
    for heading in leaflet.h2s:
        assert _normal(heading) in text, f"H2 '{heading}' lost from {pdf.name}"
    urgent = [p.display for r in routes.load().routes.values() if r.urgent for p in r.phones]
    assert urgent
    for number in urgent:
        assert number in text, f"urgent number {number} missing from {pdf.name}"
    assert leaflet.url in text.replace(" ", ""), leaflet.url
    site_name = leaflets.site_names()[leaflet.lang].lower()
    assert site_name in text
    assert _normal(leaflets.LABELS[leaflet.lang]["source"]) in text

    # Tagged PDF (PDF/UA) with the document language: screen readers and search need both.
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == leaflet.lang


def _qr_codes(pdf: Path, out_dir: Path) -> list[str]:
    """Render every page and decode the QR codes on it with Debian's zbar."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.fail("pdftoppm and zbarimg are needed: run `make system-test` (scripts/ensure_system_packages.sh)")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(out_dir / "page")], check=True)
    found = []
    for image in sorted(out_dir.glob("page*.png")):
        result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True)
        found += [line for line in result.stdout.splitlines() if line]
    return found


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_leaflet_qr_code_leads_to_its_page(built_site, source, tmp_path):
    assert _qr_codes(_pdf(built_site, source), tmp_path) == [_leaflet(source).url]


def test_page_images_for_review(built_site):
    """Two leaflets as PNG pages in artifacts/ (not committed) for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("nl/signalen", "nl/notitieboekje"):
        pdf = built_site / leaflets.OUTPUT_DIR / f"{name}.pdf"
        prefix = ARTIFACTS / name.replace("/", "-")
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(prefix)], check=True)
        assert list(ARTIFACTS.glob(f"{prefix.name}-*.png"))


# ---------------------------------------------------------------------------------------------
# The Folders page lists exactly what was built, with working links
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, page", [("nl", "folders/index.html"), ("en", "en/folders/index.html")])
def test_folders_page_lists_every_leaflet(built_site, lang, page):
    html_path = built_site / page
    html = html_path.read_text(encoding="utf-8")
    rows = re.findall(r'<tr>\s*<td><a href="([^"]+\.pdf)"[^>]*>([^<]+)</a>.*?</td>\s*'
                      r'<td>.*?</td>\s*<td>(\d+)</td>\s*<td>(\d+) kB</td>', html, re.S)
    expected = {s.stem for s in SOURCES if s.parent.name == lang}
    assert {Path(href).stem for href, *_ in rows} == expected
    for href, title, pages, size in rows:
        pdf = (html_path.parent / href).resolve()
        assert pdf.is_file(), href
        assert int(pages) == len(PdfReader(str(pdf)).pages)
        assert int(size) == max(1, round(pdf.stat().st_size / 1024))
        assert _normal(title) == _normal(_leaflet(ROOT / "leaflets" / lang / f"{Path(href).stem}.md").title)


def test_cli_builds_into_a_folder(tmp_path, capsys):
    assert leaflets.main(["--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{len(SOURCES)} folders in" in out
    assert all((tmp_path / s.parent.name / f"{s.stem}.pdf").is_file() for s in SOURCES)


def test_cli_reports_content_problems_and_exits_1(tmp_path, monkeypatch, capsys):
    bad = _write(tmp_path, "---\ntitle: Kapot\npage: signalen.md\nlang: nl\n---\n\n## Kop zonder bron\n")
    monkeypatch.setattr(leaflets, "discover", lambda: [bad])
    assert leaflets.main(["--out", str(tmp_path / "out")]) == 1
    assert f"{bad}:7: kop 'Kop zonder bron' heeft geen bron: zet {{{{ bron: §… }}}} op de regel eronder" in capsys.readouterr().err


def test_build_all_is_timed_and_cached(tmp_path):
    """The benchmark times build_all(use_cache=False); a second call is served from the cache."""
    first = leaflets.build_all(tmp_path / "a")
    again = leaflets.build_all(tmp_path / "b")
    assert [b.pdf for b in first] == [b.pdf for b in again]
    assert all((tmp_path / "b" / b.pdf).is_file() for b in again)
