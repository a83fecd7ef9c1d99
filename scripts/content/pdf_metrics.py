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


@dataclass(frozen=True)
class Mark:
    """Something drawn on a page: a run of text (its type size and where it starts) or a painted
    path (its bounding box). `drawing` is true inside a Form XObject, where WeasyPrint puts an SVG."""
    page: int  # 1-based
    kind: str  # "text" | "path"
    size: float  # pt, text only
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in pt from the bottom left
    drawing: bool


def _times(m, n):
    """The product of two PDF matrices [a b c d e f] (m applied first)."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def marks(pdf: Path) -> tuple[list[tuple[float, float]], list[Mark]]:
    """Page sizes (pt) and every text run and painted path, read from the content streams with the
    full transformation, also inside Form XObjects (pypdf's text visitor does not carry the matrix
    into those). Clipping paths are not marks; only what is stroked or filled."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(str(pdf))
    found: list[Mark] = []
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    paint = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}

    def walk(number: int, stream, resources, ctm, depth: int) -> None:
        stack, path = [], []
        tm = tlm = identity
        size, leading = 0.0, 0.0

        def point(x, y):
            a = _times((1, 0, 0, 1, float(x), float(y)), ctm)
            return a[4], a[5]

        def show():
            trm = _times(tm, ctm)
            found.append(Mark(number, "text", round(size * math.hypot(trm[2], trm[3]), 1),
                              (trm[4], trm[5], trm[4], trm[5]), depth > 0))

        for operands, op in ContentStream(stream, reader).operations:
            args = [float(v) for v in operands if isinstance(v, (int, float))]
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q" and stack:
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _times(tuple(args), ctm)
            elif op == b"BT":
                tm = tlm = identity
            elif op == b"Tf":
                size = args[-1]
            elif op == b"TL":
                leading = args[0]
            elif op in (b"Td", b"TD"):
                leading = -args[1] if op == b"TD" else leading
                tm = tlm = _times((1, 0, 0, 1, args[0], args[1]), tlm)
            elif op == b"Tm":
                tm = tlm = tuple(args)
            elif op == b"T*":
                tm = tlm = _times((1, 0, 0, 1, 0, -leading), tlm)
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                show()
            elif op in (b"m", b"l"):
                path.append(point(*args[:2]))
            elif op in (b"c", b"v", b"y"):
                path += [point(args[i], args[i + 1]) for i in range(0, len(args), 2)]
            elif op == b"re":
                x, y, w, h = args
                path += [point(x, y), point(x + w, y + h)]
            elif op in paint and path:
                xs, ys = [p[0] for p in path], [p[1] for p in path]
                found.append(Mark(number, "path", 0.0, (min(xs), min(ys), max(xs), max(ys)), depth > 0))
                path = []
            elif op == b"n":
                path = []
            elif op == b"Do" and resources is not None:
                xobject = resources.get("/XObject", {}).get(operands[0])
                form = xobject.get_object() if xobject is not None else None
                if form is not None and form.get("/Subtype") == "/Form":
                    matrix = tuple(float(v) for v in form.get("/Matrix", identity))
                    walk(number, form, form.get("/Resources", resources), _times(matrix, ctm), depth + 1)

    sizes = []
    for number, page in enumerate(reader.pages, start=1):
        sizes.append((float(page.mediabox.width), float(page.mediabox.height)))
        walk(number, page.get_contents(), page.get("/Resources"), identity, 0)
    return sizes, found


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
