"""The keyboard walk (scripts/tools/keyboard_walk.py) on small pages made to pass or fail: it
sees every stop in order although the keys are sent in batches, and it catches a trap and a
focus that cannot be seen."""
from __future__ import annotations

import pytest

from scripts.tools import keyboard_walk, static_server

STYLE = "<style>a:focus, button:focus { outline: 3px solid #000; }</style>"
PAGES = {
    "many": STYLE + "".join(f'<a href="#{i}">link {i}</a> ' for i in range(120)),
    # B and C hold the focus between them: Tab on C goes back to B.
    "trap": STYLE + """<a href="#a">A</a><button id="b">B</button><button id="c">C</button><a href="#d">D</a>
<script>document.getElementById("c").addEventListener("keydown", (e) => {
  if (e.key === "Tab") { e.preventDefault(); document.getElementById("b").focus(); }
});</script>""",
    "hidden": STYLE + '<a href="#a">A</a><a href="#b" style="outline: none">B</a><a href="#c">C</a>',
    # B hides itself as it gets focus, so focus drops to the page (as Material's back-to-top
    # button can); A and the last link look alike but are two stops.
    "blur": STYLE + """<a href="#a">A</a><a href="#b" id="b">B</a><a href="#c">C</a><a href="#d">D</a><a href="#e">A</a>
<script>document.getElementById("b").addEventListener("focus", (e) => { e.target.hidden = true; e.target.getBoundingClientRect(); });</script>""",
}


@pytest.fixture(scope="module")
def walks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("walk")
    for name, body in PAGES.items():
        (folder / f"{name}.html").write_text(f"<!doctype html><html lang='nl'><title>{name}</title><body>{body}", "utf-8")
    server = static_server.start(folder)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        yield {w.path: w for w in keyboard_walk.walk_pages(base, [f"/{name}.html" for name in PAGES], {"width": 800, "height": 600})}
    finally:
        server.shutdown()


def test_every_stop_is_seen_in_order_although_keys_go_in_batches(walks):
    walk = walks["/many.html"]
    assert walk.escaped and not walk.hidden_focus
    assert [stop["text"] for stop in walk.stops] == [f"link {i}" for i in range(120)]


def test_a_trap_is_caught(walks):
    walk = walks["/trap.html"]
    assert not walk.escaped
    assert [stop["text"] for stop in walk.stops[:5]] == ["A", "B", "C", "B", "C"]


def test_an_element_that_hides_itself_does_not_end_the_walk_nor_does_a_look_alike(walks):
    walk = walks["/blur.html"]
    assert walk.escaped
    assert [stop["text"] for stop in walk.stops] == ["A", "C", "D", "A"]  # B was gone before it could be seen
    assert walk.stops[0]["el"] != walk.stops[-1]["el"]


def test_a_focus_that_cannot_be_seen_is_caught(walks):
    walk = walks["/hidden.html"]
    assert walk.escaped
    assert [stop["text"] for stop in walk.hidden_focus] == ["B"]


A, B, C, D = ({"el": n} for n in range(4))


@pytest.mark.parametrize("recorded, finished, expected", [
    ([A, B, None, A], False, [A, B]),  # left the page, came back to the first element
    ([A, B, C, A], False, [A, B, C]),  # came round without leaving
    ([A, B, None, C, D, None, A], False, [A, B, C, D]),  # B hid itself: the walk goes on
    ([A, B, None], False, None),  # not yet known
    ([A, B, None], True, [A, B]),  # no more keys: it left
    ([A, B], False, None),
])
def test_end_of_walk(recorded, finished, expected):
    assert keyboard_walk.end_of_walk(recorded, finished) == expected
