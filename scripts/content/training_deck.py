"""The participant deck of a training plan (issue 34): one list of slides, drawn twice from the same
data: as a 16:9 PDF by WeasyPrint (training_kit.py, templates/training/slides.html.j2) and as an
editable PowerPoint file by python-pptx (write_pptx below), so a trainer can adapt it.

A slide carries one idea: a title, at most a few lines, a quote or a figure; all its words, with the
title and the source line, at most MAX_WORDS. The figures are the page's own drawings: the two
circles from De drie dimensies (read from that page) and the PLO figure (PLO_LAYOUT here), which the
deck, the participant pack and the PowerPoint file all draw from the same shapes.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.content import routes
from scripts.content import source_lines as sources
from scripts.content.directives import expand
from scripts.content.training_data import ROOT, questions
from scripts.content.training_text import WORDS, quote_cards

MAX_WORDS = 40
FIGURE_MM = (226, 98)  # the box between a slide's title and its foot (slides.css)
TEMPLATES = ROOT / "leaflets" / "templates" / "training"

DECK_WORDS = {
    "nl": {"goals": "Na deze training", "voice": "Een ouder vertelt", "stand": "Eens of oneens? Ga aan die kant staan.",
           "read_case": "Lees casusblad {n}.", "model-op": "De opwaartse spiraal", "model-neer": "De neerwaartse spiraal"},
    "en": {"goals": "After this training", "voice": "A parent says", "stand": "Agree or disagree? Stand on that side.",
           "read_case": "Read case sheet {n}.", "model-op": "The virtuous circle", "model-neer": "The vicious circle"},
}


@dataclass(frozen=True)
class Slide:
    kind: str  # title | text | question | statement | quote | figure
    title: str
    lines: tuple[str, ...] = ()  # plain text, phone numbers written out
    quote: str = ""
    who: str = ""
    figure: str = ""  # model-op | model-neer | plo
    source: str = ""  # the short source line at the foot
    ref: str = ""  # what the plan named ("vraag 1.2"), for messages and the speaker notes
    part: str = ""  # the plan's part that shows it ("" for the title slide)


def words(slide: Slide) -> int:
    """The words a participant reads on the slide (figure labels are counted from the PDF)."""
    text = " ".join([slide.title, *slide.lines, slide.quote, slide.who, slide.source])
    return len([w for w in text.split() if re.search(r"\w", w)])


# ---------------------------------------------------------------------------------------------
# The slides of a plan
# ---------------------------------------------------------------------------------------------

def plain(text: str, lang: str) -> str:
    """Slide text as it is read: route numbers written out, no Markdown."""
    data = routes.load()

    def number(d) -> str:
        route = data.routes[d.argument]
        return f" {routes.TEXT[lang]['or']} ".join(p.display for p in route.phones)

    text = expand(text, {"nummer": number}, "data/training.yml")
    return re.sub(r"[*_]", "", text).strip()


def short_source(bron: str, names: dict | None = None, report_only: bool = False) -> str:
    """A slide's foot: the report's sections, then (unless `report_only`) the outside sources by
    their name in the slide's language (`names`: address → name, from the data's `sources`)."""
    refs = sources.parse_bron(bron)
    sections = [sources.section_label(r.section) for r in refs if isinstance(r, sources.ReportRef)]
    names = [] if report_only else [(names or {}).get(r.url, r.name) for r in refs if isinstance(r, sources.ExternalRef)]
    parts = (["Ouders aan het woord, " + ", ".join(sections)] if sections else []) + names
    return "; ".join(parts)


def deck(data: dict, plan_id: str, lang: str, docs: Path = ROOT / "docs") -> list[Slide]:
    """Every slide of the plan's deck, in order: the title slide, then each part's slides."""
    plan, w = data["plans"][plan_id], WORDS[lang]
    cards = quote_cards(data, lang, docs)
    slides = [Slide("title", w["module"], (f"{w['for']} · {plan['title'][lang]}",), source=w["source"], ref="titel")]
    for part in plan["parts"]:
        for ref in part.get("slides") or []:
            slides += [replace(s, part=part["id"]) for s in _slides(data, plan, str(ref), lang, cards)]
    return slides


def _slides(data: dict, plan: dict, ref: str, lang: str, cards) -> list[Slide]:
    w, dw = WORDS[lang], DECK_WORDS[lang]
    kind, _, arg = ref.partition(" ")
    if ref == "doelen":
        return _goal_slides(plan, lang)
    if not arg:
        s = data["slides"][ref]
        return [Slide("text", s["title"][lang], tuple(plain(x, lang) for x in s["lines"][lang]),
                      source=short_source(s["bron"], _names(data, lang)), ref=ref)]
    if kind == "vraag":
        q = questions(data)[arg][1]
        return [Slide("question", f"{w['question']} {arg}", (q["q"][lang],), source=short_source(q["bron"], report_only=True),
                      ref=ref)]
    if kind == "stelling":
        s = data["statements"][arg]
        return [Slide("statement", w["statement"], (s["text"][lang], dw["stand"]), ref=ref)]
    if kind == "citaat":
        q = cards[int(arg) - 1]
        text = (q.translation or q.text).strip().strip("‘’'")
        return [Slide("quote", dw["voice"], quote=text, who=f"— {w['parent']} {q.parent}, §{q.section}", ref=ref)]
    if kind == "casus":
        case = next(c for c in data["cases"].values() if str(c["number"]) == arg)
        return [Slide("text", f"{w['case']} {arg}: {case['title'][lang]}", (dw["read_case"].format(n=arg),),
                      source=f"{w['parent'].capitalize()} {case['parent']}, Ouders aan het woord", ref=ref)]
    figure_source = {"plo": short_source(data["plo_figure"]["bron"], _names(data, lang))}.get(arg, "Shuker (2017), Ouders aan het woord, §2.2")
    title = data["plo_figure"][lang]["title"] if arg == "plo" else dw[arg]
    return [Slide("figure", title, figure=arg, source=figure_source, ref=ref)]


def _names(data: dict, lang: str) -> dict:
    return {s["url"]: s["name"][lang] for s in data["sources"]}


def _goal_slides(plan: dict, lang: str) -> list[Slide]:
    """The plan's goals, as many per slide as fit the word limit."""
    slides, lines = [], []
    for goal in plan["goals"]:
        candidate = Slide("text", DECK_WORDS[lang]["goals"], tuple(lines + [goal[lang]]), ref="doelen")
        if lines and words(candidate) > MAX_WORDS:
            slides.append(Slide("text", DECK_WORDS[lang]["goals"], tuple(lines), ref="doelen"))
            lines = []
        lines.append(goal[lang])
    return slides + [Slide("text", DECK_WORDS[lang]["goals"], tuple(lines), ref="doelen")]


# ---------------------------------------------------------------------------------------------
# Figures: drawn as SVG for the PDFs, as shapes for PowerPoint
# ---------------------------------------------------------------------------------------------

def _styled(svg: str, down: bool = False) -> str:
    """WeasyPrint draws inline SVG without the page's CSS: the drawings carry their own style."""
    style = (TEMPLATES / "figures.css").read_text(encoding="utf-8") + (".diagram__arrow { stroke-dasharray: 8 6; }" if down else "")
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + f"<style>{style}</style>", svg, count=1)


def model_svgs(lang: str, docs: Path = ROOT / "docs") -> dict[str, str]:
    """The two circles as drawn on the page De drie dimensies (one drawing, not a copy), by name;
    the downward circle keeps its dashed arrows."""
    text = (docs / lang / "drie-dimensies.md").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="diagram diagram--(up|down)".*?(<svg\b.*?</svg>)', text, re.S)
    return {{"up": "model-op", "down": "model-neer"}[kind]: _styled(svg, kind == "down") for kind, svg in figures}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    lines: tuple[tuple[str, str], ...]  # (text, style: name | small)
    accent: bool = False


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    style: str = "link"  # link | wedge | arrow | arrow-dashed


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"  # start | middle
    style: str = "small"  # small | name | center | warn


@dataclass
class Drawing:
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def plo_drawing(data: dict, lang: str) -> Drawing:
    """The PLO between parent and agencies, the bond between parent and child, and the perpetrator
    below, driving a wedge into that bond (§2.1, situation 3): the wedge is not the PLO's."""
    t = data["plo_figure"][lang]
    d = Drawing(640, 330)
    d.boxes = [Box(20, 15, 150, 55, ((t["plo"], "name"),), accent=True), Box(400, 15, 220, 55, ((t["agencies"], "small"),)),
               Box(20, 135, 150, 70, ((t["parent"], "name"),)), Box(470, 135, 150, 70, ((t["child"], "name"),)),
               Box(245, 262, 150, 55, ((t["offender"], "name"),))]
    d.links = [Link(170, 42, 400, 42), Link(95, 70, 95, 135), Link(170, 170, 470, 170), Link(320, 262, 320, 178, "wedge")]
    d.labels = [Label(285, 32, t["contact"]), Label(105, 108, t["support"], "start"), Label(320, 160, t["bond"]),
                Label(335, 228, t["wedge"], "start", "warn")]
    return d


def model_drawing(svg: str) -> Drawing:
    """A circle from De drie dimensies as boxes, arrows and labels (for PowerPoint)."""
    d = Drawing(*(float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()))
    dashed = "stroke-dasharray" in svg
    for x, y, w, h, texts in re.findall(r'<rect class="diagram__node" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
                                        r'height="([\d.]+)"[^>]*/>((?:<text[^>]*>[^<]*</text>)+)', svg):
        lines = tuple((html.unescape(text), "name" if cls == "diagram__name" else "small")
                      for cls, text in re.findall(r'<text class="([\w_-]+)"[^>]*>([^<]*)</text>', texts))
        d.boxes.append(Box(float(x), float(y), float(w), float(h), lines))
    for x1, y1, x2, y2 in re.findall(r'class="diagram__arrow" d="M([\d.]+) ([\d.]+) A[\d. ]+? ([\d.]+) ([\d.]+)"', svg):
        d.links.append(Link(float(x1), float(y1), float(x2), float(y2), "arrow-dashed" if dashed else "arrow"))
    for x, y, text in re.findall(r'<text class="diagram__center(?:-sub)?" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        d.labels.append(Label(float(x), float(y), html.unescape(text), style="center"))
    return d


def drawing_svg(d: Drawing, title: str) -> str:
    """A drawing as inline SVG, styled like the page's circles (figures.css)."""
    e = html.escape
    out = [f'<svg viewBox="0 0 {d.width:g} {d.height:g}" role="img" aria-label="{e(title)}" xmlns="http://www.w3.org/2000/svg">',
           f"<title>{e(title)}</title>"]
    for b in d.boxes:
        out.append(f'<rect class="node{" accent" if b.accent else ""}" x="{b.x:g}" y="{b.y:g}" width="{b.w:g}" height="{b.h:g}" rx="10"/>')
        step = b.h / (len(b.lines) + 1)
        for i, (text, style) in enumerate(b.lines, 1):
            out.append(f'<text class="{style}" x="{b.x + b.w / 2:g}" y="{b.y + step * i + 6:g}" text-anchor="middle">{e(text)}</text>')
    for ln in d.links:
        out.append(f'<line class="{ln.style}" x1="{ln.x1:g}" y1="{ln.y1:g}" x2="{ln.x2:g}" y2="{ln.y2:g}"/>')
    for lb in d.labels:
        out.append(f'<text class="{lb.style}" x="{lb.x:g}" y="{lb.y:g}" text-anchor="{lb.anchor}">{e(lb.text)}</text>')
    return _styled("\n".join(out + ["</svg>"]))


def sized(svg: str, width_mm: float, height_mm: float) -> str:
    """The drawing as large as fits the box, in its own proportions: WeasyPrint gives an SVG without
    width and height a default size, not the size of the box it is in."""
    vw, vh = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    scale = min(width_mm / vw, height_mm / vh)
    return svg.replace("<svg ", f'<svg width="{vw * scale:.1f}mm" height="{vh * scale:.1f}mm" ', 1)


def figure_svgs(data: dict, lang: str, docs: Path = ROOT / "docs") -> dict[str, str]:
    """Every figure a deck can show, as inline SVG, by name."""
    return {**model_svgs(lang, docs), "plo": drawing_svg(plo_drawing(data, lang), data["plo_figure"][lang]["title"])}


def figure_drawings(data: dict, lang: str, docs: Path = ROOT / "docs") -> dict[str, Drawing]:
    return {**{k: model_drawing(v) for k, v in model_svgs(lang, docs).items()}, "plo": plo_drawing(data, lang)}


# ---------------------------------------------------------------------------------------------
# PowerPoint
# ---------------------------------------------------------------------------------------------

SLIDE_MM = (254, 142.875)  # the PDF's 16:9 page
FONT = "Liberation Sans"
SIZES = {"title": 34, "body": 26, "quote": 28, "who": 24, "source": 16, "name": 18, "small": 12, "center": 16, "warn": 12}


def write_pptx(slides: list[Slide], drawings: dict[str, Drawing], path: Path, title: str) -> None:
    """The deck as an editable .pptx: each slide's title, text and figure as PowerPoint shapes."""
    from pptx import Presentation
    from pptx.util import Mm

    prs = Presentation()
    prs.slide_width, prs.slide_height = Mm(SLIDE_MM[0]), Mm(SLIDE_MM[1])
    prs.core_properties.title = title
    blank = prs.slide_layouts[6]
    for s in slides:
        page = prs.slides.add_slide(blank)
        _text(page, s.title, 14, 10, 226, 18, SIZES["title"], bold=True)
        if s.kind == "quote":
            _text(page, f"‘{s.quote}’", 14, 34, 226, 70, SIZES["quote"], italic=True)
            _text(page, s.who, 14, 106, 226, 14, SIZES["who"], bold=True)
        elif s.kind == "figure":
            _drawing(page, drawings[s.figure], 14, 30, 226, 96)
        else:
            _text(page, "\n".join(s.lines), 14, 32, 226, 88, SIZES["body"])
        if s.source:
            _text(page, s.source, 14, 128, 226, 10, SIZES["source"])
        if s.kind != "title":
            page.notes_slide.notes_text_frame.text = s.ref
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(path)


def _text(page, text: str, x: float, y: float, w: float, h: float, size: int, bold=False, italic=False,
          align=None):
    from pptx.util import Mm, Pt

    box = page.shapes.add_textbox(Mm(x), Mm(y), Mm(w), Mm(h))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        if align is not None:
            para.alignment = align
        for run in para.runs:
            run.font.size, run.font.bold, run.font.italic, run.font.name = Pt(size), bold, italic, FONT
    return box


def _drawing(page, d: Drawing, x: float, y: float, w: float, h: float) -> None:
    """A drawing scaled into the box (x, y, w, h in mm), centred, as native shapes."""
    import math

    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Mm, Pt

    scale = min(w / d.width, h / d.height)
    left, top = x + (w - d.width * scale) / 2, y + (h - d.height * scale) / 2
    at = lambda px, py: (Mm(left + px * scale), Mm(top + py * scale))  # noqa: E731
    black, white, grey = RGBColor(0, 0, 0), RGBColor(255, 255, 255), RGBColor(0xE6, 0xE6, 0xE6)
    for b in d.boxes:
        shape = page.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *at(b.x, b.y), Mm(b.w * scale), Mm(b.h * scale))
        shape.fill.solid()
        shape.fill.fore_color.rgb = grey if b.accent else white
        shape.line.color.rgb, shape.line.width = black, Pt(1.5)
        frame = shape.text_frame
        frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(2)
        for i, (text, style) in enumerate(b.lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text, para.alignment = text, PP_ALIGN.CENTER
            for run in para.runs:
                run.font.size, run.font.bold, run.font.name = Pt(SIZES[style]), style == "name", FONT
                run.font.color.rgb = black
    for ln in d.links:
        line = page.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *at(ln.x1, ln.y1), *at(ln.x2, ln.y2))
        line.line.color.rgb = black
        line.line.width = Pt(4 if ln.style == "wedge" else 2)
        if ln.style in ("wedge", "arrow-dashed"):
            line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        if ln.style.startswith("arrow"):  # the head: a small triangle at the end, pointing along the line
            size = 14
            head = page.shapes.add_shape(MSO_SHAPE.ISOSCELES_TRIANGLE, *at(ln.x2 - size / 2, ln.y2 - size / 2),
                                         Mm(size * scale), Mm(size * scale))
            head.rotation = math.degrees(math.atan2(ln.y2 - ln.y1, ln.x2 - ln.x1)) + 90
            head.fill.solid()
            head.fill.fore_color.rgb = black
            head.line.color.rgb = black
    for lb in d.labels:
        width = 260
        x0 = lb.x - width / 2 if lb.anchor == "middle" else lb.x
        box = _text(page, lb.text, 0, 0, 10, 10, SIZES[lb.style], bold=lb.style == "center", italic=lb.style == "warn",
                    align=PP_ALIGN.CENTER if lb.anchor == "middle" else PP_ALIGN.LEFT)
        box.left, box.top = at(x0, lb.y - 18)
        box.width, box.height = Mm(width * scale), Mm(24 * scale)
