"""scripts/content/contents.py: the "Op deze pagina" contents at the top of a page with sections."""
from __future__ import annotations

from dataclasses import dataclass, field

from scripts.content.contents import insert_contents, render_contents, sections


@dataclass
class Item:  # the shape of MkDocs' toc items
    title: str
    url: str
    level: int
    children: list = field(default_factory=list)


HTML = "<h1>T</h1><p>Intro</p><h2 id=\"a\">A</h2><p>x</p><h2 id=\"b\">B &amp; c</h2>"


def test_sections_are_the_h2s_under_the_title():
    toc = [Item("T", "#t", 1, [Item("A", "#a", 2, [Item("sub", "#s", 3)]), Item("B &amp; c", "#b", 2)])]
    assert sections(toc) == [("A", "a"), ("B & c", "b")]


def test_contents_go_before_the_first_h2_with_a_link_per_section():
    out = insert_contents(HTML, [("A", "a"), ("B & c", "b")], "nl")
    assert out.index('<div class="njk-toc"') > out.index("<p>Intro</p>")
    assert out.index('<div class="njk-toc"') < out.index('<h2 id="a">')
    assert '<li><a href="#a">A</a></li><li><a href="#b">B &amp; c</a></li>' in out
    assert ">Op deze pagina</p>" in out
    assert ">On this page</p>" in render_contents([("A", "a")], "en")


def test_short_pages_get_no_contents():
    assert insert_contents(HTML, [("A", "a")], "nl") == HTML
    assert insert_contents("<p>no sections</p>", [("A", "a"), ("B", "b")], "nl") == "<p>no sections</p>"
