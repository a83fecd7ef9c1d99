"""scripts/postbuild/csp.py: hashes, the meta policy on a page, the header forms, and the built site."""
from __future__ import annotations

import base64
import hashlib

import pytest

from scripts.postbuild import csp

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
    "<script>var a=1</script>"
    '<script src="x.js"></script>'
    '<script id="__config" type="application/json">{"b":2}</script>'
    "</head><body><script>\nvar c=3\n</script></body></html>"
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_hashed_exactly():
    assert csp.inline_scripts(PAGE) == ["var a=1", "\nvar c=3\n"]
    assert csp.page_hashes(PAGE) == sorted([sha("var a=1"), sha("\nvar c=3\n")])


def test_the_browsers_script_types_are_hashed_and_data_blocks_are_not():
    run = ["<script type=module>m()</script>", "<script type=' Text/JavaScript '>t()</script>",
           "<script type=application/x-javascript>x()</script>", "<script language=javascript>l()</script>",
           '<script type="">e()</script>', "<SCRIPT>u()</SCRIPT>", "<script type=importmap>{}</script>"]
    skip = ["<script type=application/json>{}</script>", "<script type='text/javascript; charset=utf-8'>c()</script>",
            "<script type=text/template><p></script>", "<script language=vbscript>v()</script>",
            "<script src=a.js type=module>s()</script>", "<!-- <script>hidden()</script> -->",
            "<p title='<script>attr()</script>'>"]
    assert csp.inline_scripts("".join(run + skip)) == ["m()", "t()", "x()", "l()", "e()", "u()", "{}"]


def test_the_policy_is_read_back_from_the_page():
    html = csp.apply(PAGE)
    assert csp.declared_hashes(html) == set(csp.page_hashes(PAGE))
    assert csp.declared_hashes(PAGE) == set()


def test_apply_puts_the_policy_first_and_is_idempotent():
    html = csp.apply(PAGE)
    meta_at = html.index('http-equiv="Content-Security-Policy"')
    assert meta_at < html.index("<script")
    assert '<meta name="referrer" content="no-referrer">' in html
    assert csp.apply(html) == html
    policy = csp.parse_policy(html.split('Content-Security-Policy" content="')[1].split('"')[0])
    assert policy["script-src"] == ["'self'", *sorted([sha("var a=1"), sha("\nvar c=3\n")])]
    assert "frame-ancestors" not in policy  # ignored (with a console warning) in a meta policy


def test_a_changed_script_changes_the_policy():
    changed = csp.apply(PAGE.replace("var a=1", "var a=2"))
    assert sha("var a=2") in changed and sha("var a=1") not in changed


def test_a_script_before_the_policy_cannot_be_covered():
    with pytest.raises(csp.PolicyError):
        csp.apply('<html><head><script>x()</script><meta charset="utf-8"></head></html>')
    with pytest.raises(csp.PolicyError):
        csp.apply("<p>no head</p>")


def test_policy_allows_nothing_external_or_unsafe():
    for header in (False, True):
        policy = csp.parse_policy(csp.policy([sha("x")], header=header))
        assert policy["default-src"] == ["'self'"]
        for sources in policy.values():
            for source in sources:
                assert source in {"'self'", "'none'", "data:"} or source.startswith("'sha256-"), source
    assert csp.parse_policy(csp.policy(header=True))["frame-ancestors"] == ["'none'"]


def test_headers_file_parser_rejects_malformed_lines():
    with pytest.raises(ValueError):
        csp.parse_headers_file("  X-Orphan: 1\n")
    with pytest.raises(ValueError):
        csp.parse_headers_file("/*\n  no colon here\n")
    assert csp.parse_headers_file("# c\n/*\n  A: b: c\n") == {"/*": {"A": "b: c"}}


def test_nginx_parser_sees_each_location_and_rejects_broken_config():
    blocks = csp.parse_nginx('location / {\n  add_header A "1" always;\n}\nlocation ~ "x{8}" {\n  add_header B "2" always;\n}\n')
    assert blocks == {"": {}, "/": {"A": "1"}, '~ "x{8}"': {"B": "2"}}
    for broken in ("location / {\n", "}\n", "add_header A 1;\n", "index index.html\n"):
        with pytest.raises(ValueError):
            csp.parse_nginx(broken)


def test_cli_usage_and_missing_site(tmp_path, capsys):
    assert csp.main([]) == 2
    assert csp.main(["check", str(tmp_path)]) == 2
    assert "no built site" in capsys.readouterr().err


def test_every_built_page_carries_its_exact_policy(built_site):
    pages = csp.html_files(built_site)
    assert len(pages) >= 40
    for path in pages:
        html = path.read_text("utf-8")
        assert csp.apply(html) == html, path
        assert "'unsafe-inline'" not in html and "'unsafe-eval'" not in html, path
    # Inline scripts are the same on every page (no per-page template values), so one header
    # policy fits the whole site.
    assert 1 <= len(csp.site_hashes(built_site)) <= 4


def test_no_inline_styles_so_style_src_needs_no_unsafe_inline(built_site):
    for path in csp.html_files(built_site):
        html = path.read_text("utf-8")
        assert "<style" not in html, path
        assert " style=" not in html, path


def test_apply_drops_the_generator_tag_that_names_tool_versions():
    page = PAGE.replace("<title>", '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2"><title>')
    html = csp.apply(page)
    assert 'name="generator"' not in html and csp.apply(html) == html


def test_every_header_set_isolates_the_tab_and_asks_for_preload():
    headers = csp.security_headers([sha("x")])
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Strict-Transport-Security"].endswith("; preload")


def test_no_built_page_names_its_generator(built_site):
    assert not [p for p in csp.html_files(built_site) if 'name="generator"' in p.read_text("utf-8")]
