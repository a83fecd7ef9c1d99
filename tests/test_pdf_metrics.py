"""pdf_metrics measures real PDFs: each measure is shown to catch what it is meant to catch."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.content import pdf_metrics
from scripts.content.pdf_metrics import Line


def _pdf(tmp_path: Path, body: str, css: str = "") -> Path:
    from weasyprint import HTML

    path = tmp_path / "t.pdf"
    HTML(string=f"<style>@page {{ size: A4; margin: 15mm 38mm 16mm 38mm }} {css}</style>{body}").write_pdf(path)
    return path


def test_hyphenated_line_ends():
    found = [Line(1, 10, 13, ("bel", "de", "poli-")), Line(1, 24, 13, ("tie.nl",)),
             Line(1, 38, 13, ("ouder-",)), Line(1, 52, 13, ("0800-",)), Line(1, 66, 13, ("Sommi\u2010",)),
             Line(1, 80, 13, ("Report-",)), Line(1, 94, 13, ("port-",))]
    # WeasyPrint sets its own hyphenation break as U+2010; `Report-back` is written with its hyphen.
    assert pdf_metrics.hyphenated_line_ends(found, "ouder- en kindzorg, Report-back") == [
        "bel de poli-", "Sommi\u2010", "port-"]


def test_lines_sizes_and_body_lines(tmp_path):
    pdf = _pdf(tmp_path, "<h1 style='font-size: 20pt'>Kop</h1>" + "<p style='font-size: 12pt'>woord woord woord</p>" * 5
               + "<p style='font-size: 8pt'>klein</p>")
    sizes = pdf_metrics.font_sizes(pdf)
    assert min(sizes) == 8 and sizes.most_common(1)[0][0] == 12
    found = pdf_metrics.lines(pdf)
    assert [line.text for line in found][:2] == ["Kop", "woord woord woord"]
    assert {line.text for line in pdf_metrics.body_lines(found)} == {"woord woord woord"}


@pytest.mark.parametrize("paragraphs, full", [(60, True), (6, False)])
def test_fill_ratio_tells_a_full_page_from_a_mostly_white_one(tmp_path, paragraphs, full):
    pdf = _pdf(tmp_path, "<p>Een regel tekst om de bladzijde te vullen, niet meer dan dat.</p>" * paragraphs)
    fill = pdf_metrics.fill_ratios(pdf)[0]
    assert (fill >= 0.6) is full, fill


def test_page_texts_gives_each_page_its_own_text(tmp_path):
    pdf = _pdf(tmp_path, "<p>eerste blad</p><p style='break-before: page'>tweede blad</p><p style='break-before: page'></p>")
    assert [text.split() for text in pdf_metrics.page_texts(pdf)] == [["eerste", "blad"], ["tweede", "blad"], []]
