"""scripts/postbuild/css_prune.py: unit tests on small samples, and on the real build that nothing that applies was lost."""
from __future__ import annotations

import re
from pathlib import Path

import cssselect2
import material
import pytest
import tinycss2
import tinyhtml5

from scripts.postbuild.css_prune import (
    GROUPING_AT_RULES,
    evidence_from,
    property_references,
    prune_css,
    prune_site,
    split_selectors,
    summary,
)
from scripts.postbuild.material_patches import patch_stylesheet

HTML = """<!doctype html><html><head><script>document.body.classList.add("from-inline")</script></head>
<body data-md-color-primary="custom"><p class="used other" id="main">grid and hidden-word are only prose</p></body></html>"""
JS = 'e.className="md-from-js";t.classList.add(`md-tag--${n}`);x.dataset.mdState="on";'


def prune(css: str, html: str = HTML, js: str = JS) -> str:
    return prune_css(css, evidence_from([html], [js]))


def test_unused_class_dropped_used_kept():
    assert prune(".used{color:red}.unused{color:blue}") == ".used{color:red}"


def test_class_only_in_javascript_is_kept():
    assert prune(".md-from-js{color:red}") == ".md-from-js{color:red}"
    assert prune(".md-from-js{color:red}", js="") == ""


def test_class_glued_from_a_javascript_prefix_is_kept():
    assert prune(".md-tag--warm{color:red}.md-tog--warm{color:red}") == ".md-tag--warm{color:red}"


def test_inline_script_is_evidence_but_prose_is_not():
    assert prune(".from-inline{a:b}.grid{a:b}.hidden-word{a:b}") == ".from-inline{a:b}"


def test_mixed_selector_list_trimmed_to_the_live_selectors():
    assert prune(".unused a,.used:hover>b,#main,#nowhere{margin:0}") == ".used:hover>b,#main{margin:0}"


def test_tags_pseudo_classes_and_elements_are_kept():
    css = "html{a:b}*,:after,:before{a:b}.used::before{a:b}.unused::before{a:b}p:focus-visible{a:b}"
    assert prune(css) == "html{a:b}*,:after,:before{a:b}.used::before{a:b}p:focus-visible{a:b}"


def test_media_pruned_recursively_and_emptied_at_rules_removed():
    css = (
        "@media screen and (min-width:60em){.used{a:b}.unused{a:b}"
        "@supports (display:grid){.unused{a:b}.other{c:d}}@supports (gap:0){.unused{a:b}}}"
        "@media print{.unused{display:none}}"
    )
    assert prune(css) == "@media screen and (min-width:60em){.used{a:b}@supports (display:grid){.other{c:d}}}"


def test_print_rules_for_used_classes_kept():
    assert prune("@media print{.used{display:none}.unused{display:none}}") == "@media print{.used{display:none}}"


def test_keyframes_font_face_and_charset_kept_whole():
    css = '@charset "UTF-8";@keyframes unused{0%{opacity:0}to{opacity:1}}@font-face{font-family:x;src:url(x.woff2)}'
    assert prune(css) == css


def test_attribute_selectors_by_name_and_provably_absent_value():
    css = (
        "[data-md-color-primary=custom]{a:b}[data-md-color-primary=indigo]{a:b}"
        "[data-md-state]{a:b}[data-nowhere]{a:b}[id^=mai]{a:b}[dir=rtl] .used{a:b}"
    )
    # data-md-state is only set through el.dataset.mdState; rtl occurs nowhere
    assert prune(css) == "[data-md-color-primary=custom]{a:b}[data-md-state]{a:b}[id^=mai]{a:b}"
    assert "[dir=rtl]" in prune(css, js=JS + 'd.dir="rtl"')


def test_is_dead_only_when_every_argument_is_dead_not_is_never_judged():
    css = ".used :is(.unused,.other){a:b}:is(.unused,.nope) p{a:b}p:not(.unused){a:b}"
    assert prune(css) == ".used :is(.unused,.other){a:b}p:not(.unused){a:b}"


def test_nothing_unused_means_same_rules():
    css = "@charset \"UTF-8\";.used{a:b}@media print{#main,p{c:d}}"
    assert prune(css) == css


def test_a_stylesheet_that_does_not_parse_is_left_alone():
    css = ".unused{a:b}.used{a:b}}"
    assert prune(css) == css


def test_property_references_are_uses_not_declarations():
    css = ":root{--decl:var(--used, var(--fallback));--x :1}@property --registered{syntax:'*'}a{b:calc(1px + var(--in-calc))}"
    assert property_references(css) == {"--used", "--fallback", "--registered", "--in-calc"}


def test_unreferenced_custom_properties_dropped_only_when_asked():
    css = ":root{--used:1;--unused:url(\"data:x;y\");color:red}.used{--unused:2}"
    assert prune(css) == css
    assert prune_css(css, evidence_from([HTML], [JS]), {"--used"}) == ":root{--used:1;color:red}"


def test_prune_site_drops_custom_properties_nothing_names(tmp_path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.12345678.min.css").write_text(
        ":root{--chain:1px;--dead:var(--chain);--ours:1;--js:1;--inline:1}.used{margin:var(--gone)}"
    )
    (tmp_path / "assets" / "site.css").write_text("p{margin:var(--ours)}")
    (tmp_path / "assets" / "app.js").write_text('el.style.setProperty("--js", "2px")')
    (tmp_path / "index.html").write_text(HTML.replace("<p ", '<p style="width:var(--inline)" '))
    prune_site(tmp_path)
    # --dead is named by nobody, and then --chain only by what was dropped
    assert (sheets / "main.12345678.min.css").read_text() == ":root{--ours:1;--js:1;--inline:1}.used{margin:var(--gone)}"


def test_prune_site_rewrites_in_place_under_the_same_name(tmp_path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.12345678.min.css").write_text(".used{a:b}.unused{a:b}.indexed{a:b}")
    (sheets / "extra.css").write_text(".unused{a:b}")
    (tmp_path / "index.html").write_text(HTML)
    (tmp_path / "assets" / "bundle.js").write_text(JS)
    (tmp_path / "search").mkdir()
    index = '{"docs":[{"title":"T","text":"<p>a <span class=\\"indexed\\">b</span> unused</p>"}]}'
    (tmp_path / "search" / "search_index.json").write_text(index)
    results = prune_site(tmp_path)
    assert results == [("main.12345678.min.css", 35, 23)]
    assert (sheets / "main.12345678.min.css").read_text() == ".used{a:b}.indexed{a:b}"
    assert (sheets / "extra.css").read_text() == ".unused{a:b}"  # not Material's: left alone
    assert summary(results) == "css_prune: main.12345678.min.css 35 -> 23 bytes"


# End to end: every rule of Material's original stylesheets that applies to an element of a
# sample of built pages is still in the CSS those pages load.

SAMPLE = [
    "index.html",
    "signalen/index.html",
    "drie-dimensies/index.html",
    "hulp-vinden/index.html",
    "begrippen/index.html",
    "404.html",
    "en/signalen/index.html",
]
ORIGINALS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
# For matching only: a state the static page cannot show (:hover, ::before, :not(…)) may hold at
# runtime, so it is widened to "any element"; ":-webkit-any(" is the old name of ":is(".
KEEP_FUNCTIONS = {"is", "where", "has", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type", "lang"}


def rule_entries(css: str):
    """(at-rule context, one selector, declarations) for every style rule."""

    def walk(rules, context):
        for rule in rules:
            if rule.type == "qualified-rule":
                body = tinycss2.serialize(rule.content)
                for selector in split_selectors(rule.prelude):
                    yield context, selector, body
            elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content:
                at = "@" + rule.lower_at_keyword + tinycss2.serialize(rule.prelude).strip()
                yield from walk(tinycss2.parse_rule_list(rule.content), (*context, at))

    yield from walk(tinycss2.parse_stylesheet(css), ())


def widened(tokens) -> str:
    out, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "literal" and token.value == ":":
            j = i + 1
            if j < len(tokens) and tokens[j].type == "literal" and tokens[j].value == ":":
                j += 1  # ::pseudo-element
            name = tokens[j] if j < len(tokens) else None
            if name is not None and name.type == "function" and name.lower_name in KEEP_FUNCTIONS:
                out.append(":" + name.lower_name + "(" + widened(name.arguments) + ")")
            elif name is not None and name.type == "function" and name.lower_name.endswith("-any"):
                out.append(":is(" + widened(name.arguments) + ")")
            else:
                out.append(":is(*)")
            i = j + 1
            continue
        out.append(tinycss2.serialize([token]))
        i += 1
    return "".join(out).strip()


def matcher_for(css: str) -> tuple[cssselect2.Matcher, int]:
    """A matcher of every rule entry of `css`; and how many selectors could not be compiled."""
    matcher, skipped = cssselect2.Matcher(), 0
    for context, selector, body in rule_entries(css):
        try:
            compiled = cssselect2.compile_selector_list(widened(selector))
        except cssselect2.SelectorError:
            skipped += 1
            continue
        for one in compiled:
            matcher.add_selector(one, (context, tinycss2.serialize(selector).strip(), body))
    return matcher, skipped


def applying(matcher: cssselect2.Matcher, html: str) -> set:
    """The rule entries whose selector matches an element of `html`."""
    root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))
    return {match[3] for element in root.iter_subtree() for match in matcher.match(element)}


def variants(html: str) -> list[str]:
    """The page as built, and as Material's script shows it in dark mode."""
    return [html, re.sub(r'data-md-color-scheme="[^"]*"', 'data-md-color-scheme="slate"', html)]


def loaded_css(site: Path, page: Path) -> str:
    css = []
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text("utf-8")):
        path = site / href.lstrip("/") if href.startswith("/") else (page.parent / href).resolve()
        css.append(path.read_text("utf-8"))
    return "\n".join(css)


def declarations(body: str) -> list[str]:
    return [node.serialize() for node in tinycss2.parse_blocks_contents(body) if node.type == "declaration"]


def missing(matcher: cssselect2.Matcher, html: str, loaded: str, named: set[str] | None = None) -> tuple[set, int]:
    """Declarations of rule entries that apply to `html` but are absent from the `loaded` CSS; and
    how many entries applied. Given `named`, a custom property not in it is not needed."""
    present: dict = {}
    for context, selector, body in rule_entries(loaded):
        present.setdefault((context, tinycss2.serialize(selector).strip()), set()).update(declarations(body))
    needed = applying(matcher, html)
    gone = set()
    for context, selector, body in needed:
        for declaration in declarations(body):
            name = declaration.split(":", 1)[0]
            if named is not None and name.startswith("--") and name not in named:
                continue
            if declaration not in present.get((context, selector), ()):
                gone.add((context, selector, declaration))
    return gone, len(needed)


def named_properties(site: Path) -> set[str]:
    """Custom properties some CSS of the site uses with var(), or a page or script mentions."""
    css = "".join(p.read_text("utf-8") for p in site.rglob("*.css"))
    rest = "".join(p.read_text("utf-8") for pattern in ("*.js", "*.html") for p in site.rglob(pattern))
    return set(re.findall(r"var\(\s*(--[\w-]+)", css)) | set(re.findall(r"--[\w-]+", rest))


@pytest.mark.parametrize("pattern", ["main.*.min.css", "palette.*.min.css"])
def test_nothing_that_applies_to_a_built_page_was_pruned(built_site, pattern):
    [original_file] = ORIGINALS.glob(pattern)
    original = original_file.read_text("utf-8")
    if pattern.startswith("main"):  # what pruning starts from: Material's stylesheet, patched
        original = patch_stylesheet(original)
    # the build may rename the pruned file after its new content (scripts/postbuild/fingerprint.py)
    [pruned_file] = (built_site / "assets" / "stylesheets").glob(pattern)
    assert pruned_file.stat().st_size < original_file.stat().st_size / 1.2
    matcher, skipped = matcher_for(original)
    assert skipped < 60, f"{skipped} selectors could not be checked"
    named = named_properties(built_site)
    lost, matched = {}, 0
    for name in SAMPLE:
        page = built_site / name
        for html in variants(page.read_text("utf-8")):
            gone, needed = missing(matcher, html, loaded_css(built_site, page), named)
            matched += needed
            if gone:
                lost[name] = sorted(gone)[:5]
    assert matched > (3000 if pattern.startswith("main") else 10), "the sample matched suspiciously few rules"
    assert not lost, f"rules that apply were pruned: {lost}"


def test_the_end_to_end_check_notices_a_lost_rule(built_site):
    html = (built_site / "signalen" / "index.html").read_text("utf-8")
    [original_file] = ORIGINALS.glob("main.*.min.css")
    original = original_file.read_text("utf-8")
    matcher, _ = matcher_for(original)
    assert missing(matcher, html, original)[0] == set()
    header_rule = re.search(r"\.md-header\{[^}]*\}", original).group(0)
    gone, _ = missing(matcher, html, original.replace(header_rule, ""))
    assert {selector for _, selector, _ in gone} == {".md-header"}
    note = re.search(r';--md-admonition-icon--note:url\("[^"]*"\)', original).group(0)
    gone, _ = missing(matcher, html, original.replace(note, ""), {"--md-admonition-icon--note"})
    assert {declaration.split(":")[0] for _, _, declaration in gone} == {"--md-admonition-icon--note"}
