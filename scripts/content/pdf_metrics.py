"""What a printed page looks like, measured from the PDF itself (for tests and for people).

Lines and word positions come from poppler's `pdftotext -bbox-layout`, type sizes from pypdf,
how much of each page carries ink from a low-resolution render (`pdftoppm`).
`python scripts/content/pdf_metrics.py FILE.pdf …` prints the figures per PDF.
"""
from __future__ import annotations

import math
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Sequence

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    top: float  # pt from the top of the page
    height: float  # pt; lines of one type size have one height
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', re.S)
WORD = re.compile(r"<word[^>]*>(.*?)</word>", re.S)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as poppler reads it (twenty times faster than pypdf on the handbook)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1]  # every page ends with a form feed


def lines(pdf: Path) -> list[Line]:
    """Every text line as poppler sees it, page by page, top to bottom."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    found = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for top, bottom, body in LINE.findall(page):
            words = tuple(unescape(w) for w in WORD.findall(body))
            found.append(Line(number, float(top), round(float(bottom) - float(top), 1), words))
    return found


def font_sizes(pdf: Path) -> Counter:
    """Characters set per type size (pt, rounded to 0.1), over all pages."""
    from pypdf import PdfReader

    sizes: Counter = Counter()

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            # The size a reader sees: the font size scaled by the text and page matrices.
            scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            sizes[round(font_size * scale, 1)] += len(text.strip())

    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def fill_ratios(pdf: Path, top_mm: float = 15, bottom_mm: float = 16, gap_mm: float = 10) -> list[float]:
    """Per page: the share of the text area (between the margins) that is not white space, where
    white space is a band of at least `gap_mm` without ink. The white between lines, paragraphs
    or ruled lines does not count; an empty half page does. A full page scores about 1."""
    from PIL import Image

    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "50", "-gray", str(pdf), f"{tmp}/p"], check=True)
        for image_path in sorted(Path(tmp).glob("p*")):
            image = Image.open(image_path)
            width, height = image.size
            per_mm = height / 297
            first, last = round(top_mm * per_mm), round(height - bottom_mm * per_mm)
            pixels = image.load()
            # Light grey counts: a hairline rule is grey at this resolution.
            inked = [any(pixels[x, y] < 230 for x in range(width)) for y in range(first, last)]
            white = run = 0
            for row in inked + [True]:
                if row:
                    white += run if run >= gap_mm * per_mm else 0
                    run = 0
                else:
                    run += 1
            ratios.append(1 - white / len(inked))
    return ratios


def hyphenated_line_ends(found: Sequence[Line], allowed: str = "") -> list[str]:
    """Lines ending in a word broken with a hyphen (`poli-`); `allowed` is the text as written, where
    a hyphen followed by a space (`ouder- en kindzorg`) may end a line legitimately, and so may the
    written hyphen of a compound (`Report-back`: a line break, not hyphenation)."""
    def written(word: str) -> bool:
        return f"{word} " in allowed or (word.endswith("-") and re.search(rf"(?<!\w){re.escape(word)}\w", allowed))

    return [line.text for line in found
            if line.words and re.search(r"[^\W\d][-\u2010\u00ad]$", line.words[-1]) and not written(line.words[-1])]


def body_lines(found: Sequence[Line]) -> list[Line]:
    """The lines of running text: those of the most common line height."""
    heights = Counter(line.height for line in found)
    if not heights:
        return []
    body = heights.most_common(1)[0][0]
    return [line for line in found if abs(line.height - body) <= 0.3]


def figures(pdf: Path) -> dict:
    sizes = font_sizes(pdf)
    found = lines(pdf)
    return {
        "pages": max((line.page for line in found), default=0),
        "smallest_pt": min(sizes) if sizes else 0,
        "body_pt": sizes.most_common(1)[0][0] if sizes else 0,
        "longest_line": max((len(line.text) for line in body_lines(found)), default=0),
        "fill": [round(r, 2) for r in fill_ratios(pdf)],
    }


def main(argv: Sequence[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("gebruik: python scripts/content/pdf_metrics.py FILE.pdf …", file=sys.stderr)
        return 2
    print(f"{'pdf':48} pages  smallest  body  longest line  fill per page")
    for path in paths:
        f = figures(path)
        print(f"{str(path)[-48:]:48} {f['pages']:5}  {f['smallest_pt']:6.1f}pt {f['body_pt']:4.1f}pt"
              f"  {f['longest_line']:5} chars   {' '.join(f'{r:.2f}' for r in f['fill'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
