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

from scripts.content import leaflets
from scripts.content import pdf_metrics
from scripts.content import routes
from scripts.content.errors import ContentErrors
from scripts.content.source_text import display_path

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
    """One notebook per language: an incident log (when, where, who, what, what was kept, told
    whom) whose every column has a width in the stylesheet, so no column is left to chance."""
    forms = [_leaflet(p) for p in SOURCES if p.parent.name == lang and _leaflet(p).form]
    assert len(forms) == 1 and forms[0].page == "signalen.md"
    css = (leaflets.TEMPLATES / "leaflet.css").read_text("utf-8")
    widths = {int(n) for n in re.findall(r"table\.form th:nth-child\((\d+)\) \{ width: \d+%; \}", css)}
    assert len(forms[0].form) >= 5 and widths == set(range(1, len(forms[0].form) + 1))


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


@pytest.mark.parametrize("argument, expected", [
    ("§3.2", "§3.2"),
    ("§1; §3.3, §4.4", "§1, §3.3, §4.4"),
    ("§4.4; Politie | https://www.politie.nl", "§4.4; Politie (https://www.politie.nl)"),
])
def test_compact_sources(argument, expected):
    assert leaflets.compact_sources(argument, "nl") == expected


def test_section_sources_pair_each_source_line_with_its_heading():
    body = "Intro.\n\n## Eerste\n\n{{ bron: §3.2 }}\n\nTekst.\n\n## Tweede\n{{ bron: §4.4; X | https://x.nl }}\n"
    assert leaflets.section_sources(body, "nl") == [("Eerste", "§3.2"), ("Tweede", "§4.4; X (https://x.nl)")]


def test_a_plan_in_a_leaflet_is_set_as_a_timetable():
    leaflet = _leaflet(next(p for p in SOURCES if p.stem == "training-sessieplan-90"))
    html = leaflets._markdown(leaflets.training_part("plan-90", leaflet))
    assert re.search(r'<div class="timetable">.*<table>.*</table>.*</div>', html, re.S)
    assert "<table>" not in leaflets._markdown(leaflets.training_part("materiaal-90", leaflet))


def test_typeset_keeps_addresses_and_last_words_together():
    html = leaflets.typeset('<p>Kijk op https://www.politie.nl/aangifte of bel 0900-8844 en zo.</p>'
                            '<a href="https://x.nl">x</a>')
    assert '<span class="nb">https://www.politie.nl/aangifte</span>' in html
    assert '<span class="nb">0900-8844</span>' in html
    assert "en\u00a0zo.</p>" in html
    assert '<a href="https://x.nl">' in html  # attributes are left alone


def test_trainer_sheets_are_the_professionals_pages():
    kinds = {_leaflet(p).slug: _leaflet(p).trainer for p in SOURCES}
    assert kinds["signalen"] is False and kinds["training-casus-grip"] is True
    assert kinds["training-case-empowerment"] is True


def test_english_leaflets_have_english_file_names():
    dutch = re.compile(r"casus|sessieplan|dagdeel|begrijpen|volhouden|notitieboekje|signalen")
    assert [p.name for p in SOURCES if p.parent.name == "en" and dutch.search(p.stem)] == []


@pytest.mark.parametrize("lang, page, expected", [
    ("nl", "signalen.md", "https://x.nl/signalen/"),
    ("en", "signalen.md", "https://x.nl/en/signalen/"),
    ("nl", "index.md", "https://x.nl/"),
    ("nl", "professionals/training.md", "https://x.nl/professionals/training/"),
])
def test_page_url(lang, page, expected):
    assert leaflets.page_url("https://x.nl/", lang, page) == expected


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
    assert 1 <= len(reader.pages) <= leaflet.max_pages
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 2 and abs(float(page.mediabox.height) - 841.9) < 2

    text = _normal("\n".join(pdf_metrics.page_texts(pdf)))
    assert _normal(leaflet.title) in text
    assert leaflet.h2s, "a leaflet has sections"
    for heading in leaflet.h2s:
        assert _normal(heading) in text, f"H2 '{heading}' lost from {pdf.name}"
    squeezed = text.replace(" ", "")
    assert leaflets.display_address(leaflet.url) in squeezed, leaflet.url
    assert leaflets.leaflet_code(leaflet).lower() in squeezed
    assert leaflets.display_address(leaflets.page_url(leaflets.site_url(), leaflet.lang, "folders.md")) in squeezed
    edition = leaflets.read_editions()[leaflet.key]["edition"]
    assert _normal(leaflets.format_date(edition, leaflet.lang)) in text
    site_name = leaflets.site_names()[leaflet.lang].lower()
    assert site_name in text
    assert _normal(leaflets.LABELS[leaflet.lang]["source"]) in text
    stamp = _normal(leaflets.LABELS[leaflet.lang]["handed_out"])
    assert (stamp in text) is not leaflet.trainer, "parents' leaflets have the stamp box, trainer sheets not"

    # Tagged PDF (PDF/UA) with the document language: screen readers and search need both.
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == leaflet.lang


PARENTS = [s for s in SOURCES if not _leaflet(s).trainer]


@pytest.mark.parametrize("source", PARENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_help_numbers_are_on_page_one_under_the_intro(built_site, source):
    """By position on the page: every urgent number on page 1, above the first section heading."""
    leaflet = _leaflet(source)
    found = pdf_metrics.lines(_pdf(built_site, source))
    first_h2 = next(line for line in found if _normal(line.text) == _normal(leaflet.h2s[0]))
    assert first_h2.page == 1
    urgent = [p.display for r in routes.load().routes.values() if r.urgent for p in r.phones]
    assert urgent
    for number in urgent:
        at = [line for line in found if number in line.text]
        assert at, f"urgent number {number} missing"
        assert at[0].page == 1 and at[0].top < first_h2.top, (number, at[0], first_h2)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_parents_leaflet_says_at_the_top_of_page_one_how_to_leave(built_site, source):
    """Issue 29: a PDF in a browser tab has no quick exit. In the top margin of page 1 a parents'
    leaflet says so and how to leave (close the tab); a trainer's sheet does not."""
    leaflet = _leaflet(source)
    found = pdf_metrics.lines(_pdf(built_site, source))
    top_margin = 15 * pdf_metrics.PT_PER_MM
    above = _normal(" ".join(line.text for line in found if line.page == 1 and line.top < top_margin))
    way_out = _normal(leaflets.LABELS[leaflet.lang]["way_out"])
    assert (way_out in above) is (not leaflet.trainer), above


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_leaflet_reads_as_clear_print(built_site, source):
    """Type sizes, line length, hyphenation and white space, measured in the PDF."""
    pdf = _pdf(built_site, source)
    sizes = pdf_metrics.font_sizes(pdf)
    assert min(sizes) >= 10, f"type below 10pt: {sorted(sizes)[:3]}"
    assert sizes.most_common(1)[0][0] >= 12, "body text below 12pt"
    found = pdf_metrics.lines(pdf)
    body = pdf_metrics.body_lines(found)
    assert body and max(len(line.text) for line in body) <= 76, max(body, key=lambda l: len(l.text)).text
    text = source.read_text(encoding="utf-8") + leaflets.body_html(_leaflet(source))  # with data/training.yml's text
    assert pdf_metrics.hyphenated_line_ends(found, text) == []
    fill = pdf_metrics.fill_ratios(pdf)
    assert min(fill) >= MIN_FILL, f"a page is mostly white: {fill}"


MIN_FILL = 0.6  # no page with more than 40 % of its text area as white bands (pdf_metrics)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_later_pages_carry_a_running_title(built_site, source):
    leaflet = _leaflet(source)
    found = pdf_metrics.lines(_pdf(built_site, source))
    label = f"({leaflets.LABELS[leaflet.lang]['continued']})"
    pages = max(line.page for line in found)
    top_margin = 15 * pdf_metrics.PT_PER_MM
    for page in range(2, pages + 1):
        on_page = sorted((line for line in found if line.page == page), key=lambda line: line.top)
        if leaflet.form and page == pages:  # the notebook's form page names nothing
            assert _normal(on_page[0].text) == _normal(leaflet.form_title)
            continue
        header = " ".join(line.text for line in on_page if line.top < top_margin)  # may wrap
        assert header.endswith(label) and _normal(leaflet.title) in _normal(header), header


def test_notebook_form_page_names_no_site(built_site):
    for source in SOURCES:
        leaflet = _leaflet(source)
        if not leaflet.form:
            continue
        reader = PdfReader(str(_pdf(built_site, source)))
        last = _normal(reader.pages[-1].extract_text())
        assert _normal(leaflet.form_title) in last and _normal(leaflet.form[1]) in last
        for name in [*leaflets.site_names().values(), "naastjekind", leaflets.leaflet_code(leaflet)]:
            assert _normal(name) not in last, name


SESSION_PLANS = [s for s in SOURCES if "sessieplan" in s.stem or "session-plan" in s.stem]


@pytest.mark.parametrize("source", SESSION_PLANS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_session_plans_print_as_timetables(built_site, source):
    """The plan on paper is the plan in data/training.yml: every part's title and time, and its goals."""
    from scripts.content import training_data

    leaflet = _leaflet(source)
    plan_id = re.search(r"\{\{ training: plan-(\S+) \}\}", leaflet.body).group(1)
    data = training_data.load()
    # pypdf, not poppler: it reads a table cell's wrapped lines together, in the order drawn
    text = _normal(" ".join(page.extract_text() for page in PdfReader(str(_pdf(built_site, source))).pages))
    for start, end, part in training_data.schedule(data["plans"][plan_id]):
        assert _normal(f"{training_data.clock(start)}–{training_data.clock(end)}") in text, part["title"]["nl"]
        assert _normal(part["title"][leaflet.lang]) in text
    for goal in data["plans"][plan_id]["goals"]:
        assert _normal(goal[leaflet.lang]) in text
    assert _normal(leaflets.LABELS[leaflet.lang]["urgent"]) not in text  # trainer sheet: no help box


def test_rebuilding_unchanged_inputs_gives_identical_bytes(built_site, tmp_path):
    """The site build's PDF and one written now, in another process, from the same inputs."""
    for source in (SOURCES[0], SOURCES[-1]):
        leaflet = _leaflet(source)
        again = tmp_path / f"{leaflet.slug}.pdf"
        leaflets.write_pdf(leaflet, leaflets.edition_of(leaflet, leaflets.read_editions()), again)
        assert again.read_bytes() == _pdf(built_site, source).read_bytes(), source


def test_editions_are_recorded_for_the_current_inputs():
    stale = [leaflet.key for leaflet, _ in leaflets.stale_editions()]
    assert stale == [], (f"these leaflets changed since their edition: {stale}; "
                         "run `.venv/bin/python scripts/content/leaflets.py --edition` and commit leaflets/editions.yml")


def test_edition_follows_the_inputs_not_the_clock(tmp_path, monkeypatch):
    leaflet = _leaflet(SOURCES[0])
    before = leaflets.fingerprint(leaflet)
    assert leaflets.fingerprint(leaflet) == before  # same inputs, same fingerprint, any day
    changed = leaflets.Leaflet(**{**leaflet.__dict__, "body": leaflet.body + "\nEen zin erbij.\n"})
    assert leaflets.fingerprint(changed) != before
    record = tmp_path / "editions.yml"
    monkeypatch.setattr(leaflets, "EDITIONS", record)
    monkeypatch.setattr(leaflets, "discover", lambda: [SOURCES[0]])
    assert leaflets.record_editions(date(2026, 1, 2)) == [leaflet.key]
    assert leaflets.read_editions(record)[leaflet.key]["edition"] == date(2026, 1, 2)
    assert leaflets.record_editions(date(2026, 3, 4)) == []  # nothing changed: the date stays
    assert leaflets.read_editions(record)[leaflet.key]["edition"] == date(2026, 1, 2)


def _qr_codes(pdf: Path, out_dir: Path) -> list[str]:
    """Render every page and decode the QR codes on it with Debian's zbar."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.fail("pdftoppm and zbarimg are needed: run `make system-test` (scripts/ensure_system_packages.sh)")
    # Grey PGM, all pages in one zbar run: PNG compression took most of the time (1.6 → 0.4 s
    # for a four-page leaflet). pdftoppm pads page numbers, so the names sort in page order.
    subprocess.run(["pdftoppm", "-r", "150", "-gray", str(pdf), str(out_dir / "page")], check=True)
    images = [str(image) for image in sorted(out_dir.glob("page*.pgm"))]
    result = subprocess.run(["zbarimg", "--quiet", "--raw", *images], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_leaflet_qr_code_leads_to_its_page(built_site, source, tmp_path):
    assert _qr_codes(_pdf(built_site, source), tmp_path) == [_leaflet(source).url]


def test_page_images_for_review(built_site):
    """Four leaflets as PNG pages in artifacts/leaflets/ (not committed) for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("nl/signalen", "nl/veiligheid", "nl/training-sessieplan-90", "nl/notitieboekje"):
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


# ---------------------------------------------------------------------------------------------
# The cache: inside the project, and rebuilt when anything that shapes a PDF changes
# ---------------------------------------------------------------------------------------------

def test_cache_lives_in_the_project_and_is_ignored_by_git():
    assert leaflets.CACHE.resolve().is_relative_to(ROOT)
    ignored = subprocess.run(["git", "check-ignore", "-q", str(leaflets.CACHE / "x")], cwd=ROOT)
    assert ignored.returncode == 0, f"{leaflets.CACHE} is not ignored by git"


def test_cache_key_covers_code_data_template_and_library_versions():
    inputs = {display_path(p, leaflets.ROOT) for p in leaflets.shared_inputs()}
    for needed in ("scripts/content/leaflets.py", "scripts/content/source_lines.py", "scripts/content/routes.py", "scripts/content/quotes.py",
                   "scripts/content/directives.py", "leaflets/templates", "data", "sources", "mkdocs.yml",
                   "leaflets/editions.yml"):
        assert needed in inputs, needed
    assert "scripts/postbuild/csp.py" not in inputs  # unrelated code does not rebuild every leaflet
    from importlib.metadata import version
    assert f"weasyprint={version('weasyprint')}" in leaflets.package_versions()


def test_only_its_own_page_ties_a_leaflet_to_the_handbook(tmp_path, monkeypatch):
    """Removing another page keeps the cached PDF (a writer's build, and a test's copy, stay
    fast); removing the leaflet's own page is refused, not served from the cache."""
    docs = tmp_path / "docs"
    shutil.copytree(leaflets.DOCS, docs)
    monkeypatch.setattr(leaflets, "DOCS", docs)
    monkeypatch.setattr(leaflets, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(leaflets, "discover", lambda: [ROOT / "leaflets" / "nl" / "veiligheid.md"])
    leaflets.build_all(tmp_path / "a")
    [entry] = (tmp_path / "cache").rglob("leaflet.pdf")
    stamp = entry.stat().st_mtime_ns
    (docs / "nl" / "privacy.md").unlink()
    leaflets.build_all(tmp_path / "b")
    assert entry.stat().st_mtime_ns == stamp, "another page's removal rebuilt the leaflet"
    (docs / "nl" / "veiligheid.md").unlink()
    with pytest.raises(leaflets.ContentErrors) as refused:
        leaflets.build_all(tmp_path / "c")
    assert any("page 'veiligheid.md' bestaat niet" in e.reason for e in refused.value.errors)


def test_an_entry_pruned_by_another_build_meanwhile_is_built_here(tmp_path, monkeypatch):
    """Between deciding what to draw and reading the cache, a build beside this one pruned the
    entry: the leaflet is drawn again here, not lost."""
    monkeypatch.setattr(leaflets, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(leaflets, "discover", lambda: [ROOT / "leaflets" / "nl" / "veiligheid.md"])
    leaflets.build_all(tmp_path / "a")
    [entry] = (tmp_path / "cache").rglob("leaflet.json")
    run_all = leaflets.parallel.run_all

    def prune_meanwhile(job, arguments):
        results = run_all(job, arguments)
        shutil.rmtree(entry.parent)
        return results

    monkeypatch.setattr(leaflets.parallel, "run_all", prune_meanwhile)
    [built] = leaflets.build_all(tmp_path / "b")
    assert (tmp_path / "b" / built.pdf).read_bytes() == (tmp_path / "a" / built.pdf).read_bytes()
    assert entry.is_file(), "the entry was not drawn again"


def test_a_changed_shaping_input_rebuilds_the_pdf(tmp_path, monkeypatch):
    """Change the stylesheet (a shared input, not the leaflet's own source): a new PDF is made;
    unchanged, the cached one is served."""
    templates = tmp_path / "templates"
    shutil.copytree(leaflets.TEMPLATES, templates)
    monkeypatch.setattr(leaflets, "TEMPLATES", templates)
    monkeypatch.setattr(leaflets, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(leaflets, "discover", lambda: [ROOT / "leaflets" / "nl" / "veiligheid.md"])
    leaflets._template.cache_clear()
    try:
        leaflets.build_all(tmp_path / "a")
        first = (tmp_path / "a" / "nl" / "veiligheid.pdf").read_bytes()
        entries = list((tmp_path / "cache").rglob("leaflet.pdf"))
        stamp = entries[0].stat().st_mtime_ns
        leaflets.build_all(tmp_path / "b")
        assert entries[0].stat().st_mtime_ns == stamp, "unchanged inputs were rebuilt"
        css = templates / "leaflet.css"
        css.write_text(css.read_text(encoding="utf-8").replace("#4a2c6d", "#123456"), encoding="utf-8")
        leaflets.build_all(tmp_path / "c")
        rebuilt = (tmp_path / "c" / "nl" / "veiligheid.pdf").read_bytes()
        assert rebuilt != first, "the stylesheet changed but the cached PDF was served"
    finally:
        leaflets._template.cache_clear()


def _sections(markdown: str) -> dict[str, str]:
    """`## heading` → the section's text up to the next heading or the end of its block."""
    found = re.findall(r"^## (.+?)\n(.*?)(?=^## |^</div>|\Z)", markdown, re.S | re.M)
    return {heading.strip(): " ".join(text.split()) for heading, text in found}


DUTCH_PART = '<div lang="nl" markdown>'
WITH_DUTCH_PART = [s for s in SOURCES if s.parent.name == "en" and DUTCH_PART in s.read_text("utf-8")]


@pytest.mark.parametrize("source", WITH_DUTCH_PART, ids=lambda p: p.stem)
def test_a_dutch_part_of_an_english_leaflet_is_the_dutch_leaflets_own_text(source):
    """Issue 32: the part of an English leaflet for a Dutch professional (a GP reads Dutch) is in
    Dutch, marked lang="nl", and word for word the section of the Dutch leaflet for the same page."""
    leaflet = _leaflet(source)
    part = "\n".join(re.findall(DUTCH_PART + r"\n(.*?)\n</div>", leaflet.body, re.S))
    mine = _sections(part)
    [dutch] = [p for p in SOURCES if p.parent.name == "nl" and _leaflet(p).page == leaflet.page
               and not _leaflet(p).trainer and set(mine) <= set(_leaflet(p).h2s)]
    theirs = _sections(_leaflet(dutch).body)
    assert mine and all(text == theirs[heading] for heading, text in mine.items()), mine


def test_the_english_gp_leaflet_has_a_dutch_part_for_the_professional():
    assert WITH_DUTCH_PART, "an English leaflet for a Dutch professional"
