"""scripts/postbuild/html_scan.py: the HTML tokenizer's rules on tricky markup, and agreement
with the standard library's HTML parser on every built page."""
from __future__ import annotations

from html.parser import HTMLParser

from scripts.postbuild import csp
from scripts.postbuild.css_prune import Evidence
from scripts.postbuild.html_scan import attributes, scan, tag_name


def scripts(html: str) -> list[str]:
    return [text for name, _, text in scan(html)[1] if name == "script"]


def test_a_comment_hides_its_markup_even_unclosed():
    html = "<!-- <script>a()</script> <p class=x> --><script>b()</script><!-->x<script>c()</script><!-- <script>d()</script>"
    assert scripts(html) == ["b()", "c()"]
    assert scan(html)[0] == {"<script>"}


def test_a_bogus_comment_or_doctype_ends_at_the_first_gt():
    # `<?x <a …>` and `<![CDATA[<i>` are bogus comments: each ends at the first ">", tag or not.
    assert scan("<!doctype html><?x <a class=y>?><![CDATA[<i>]]><b>")[0] == {"<b>"}


def test_gt_inside_a_quoted_value_does_not_end_the_tag():
    tags = scan("""<a title="x > y <script>no()</script>" data-q='1>2'>t</a>""")[0]
    assert tags == {"""<a title="x > y <script>no()</script>" data-q='1>2'>"""}
    assert attributes(tags.pop()) == [("title", "x > y <script>no()</script>"), ("data-q", "1>2")]


def test_unquoted_empty_and_repeated_values_and_character_references():
    tag = """<input type=checkbox disabled class=a&amp;b data-x="" id=nav/ value='q"r'>"""
    assert tag_name(tag) == "input"
    assert attributes(tag) == [("type", "checkbox"), ("disabled", ""), ("class", "a&b"), ("data-x", ""),
                               ("id", "nav/"), ("value", 'q"r')]


def test_tags_and_attribute_names_in_any_case():
    html = '<DIV CLASS="Big"><SCRIPT TYPE="text/JavaScript">x()</Script ><Style>p{}</STYLE>'
    tags, raw = scan(html)
    assert {tag_name(t) for t in tags} == {"div", "script", "style"}
    assert attributes('<DIV CLASS="Big">') == [("class", "Big")]
    assert raw == [("script", '<SCRIPT TYPE="text/JavaScript">', "x()"), ("style", "<Style>", "p{}")]


def test_script_text_ends_only_at_its_own_end_tag():
    html = "<script>if(a<b){s='<p class=no>'+'</scripts>'+'</style>'}</script\t><p class=yes>"
    assert scripts(html) == ["if(a<b){s='<p class=no>'+'</scripts>'+'</style>'}"]
    assert scan(html)[0] == {"<script>", "<p class=yes>"}
    assert scripts("<script>never closed <b>") == ["never closed <b>"]


def test_each_distinct_start_tag_once():
    tags, _ = scan('<li class="nav"><a href="/">x</a></li>' * 50 + "<br/><br />")
    assert tags == {'<li class="nav">', '<a href="/">', "<br/>", "<br />"}


class _Reference(HTMLParser):
    """The standard library's parser, as an independent oracle for well-formed pages."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, list]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: tuple[dict, list] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple((n, v or "") for n, v in attrs)))
        if tag == "script":
            self._script = (dict(attrs), [])

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def test_agrees_with_the_standard_parser_on_every_built_page(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 40
    for path in pages:
        html = path.read_text("utf-8")
        reference = _Reference()
        reference.feed(html)
        tags, raw = scan(html)
        assert {(tag_name(t), tuple(attributes(t))) for t in tags} == set(reference.tags), path
        assert [text for name, _, text in raw if name == "script"] == [text for _, text in reference.scripts], path
        executable = [text for attrs, text in reference.scripts if "src" not in attrs and not attrs.get("type")]
        assert csp.inline_scripts(html) == executable, path


def test_evidence_remembers_tags_across_pages_without_losing_any():
    evidence = Evidence()
    evidence.add_html('<nav><a class="md-nav__link" id="n1">x</a></nav><script>go("from-one")</script>')
    evidence.add_html('<nav><a class="md-nav__link" id="n1">x</a></nav><p class="only-two" onclick="toggle(\'from-handler\')">')
    assert {"md-nav__link", "only-two"} <= evidence.classes and evidence.ids == {"n1"}
    assert {"from-one", "from-handler"} <= evidence.tokens
    assert "onclick" in evidence.attributes
