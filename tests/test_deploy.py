"""The deployment files: each parses, carries every security header, and matches the build."""
from __future__ import annotations

import http.client
import re
import tomllib

import pytest
import yaml

from scripts.postbuild import csp
from scripts.postbuild import fingerprint
from scripts.tools import nginx_server
from scripts.tools.site_build import ROOT

HEADERS_FILE = ROOT / "deploy" / "_headers"
NGINX = ROOT / "deploy" / "nginx.conf"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
NETLIFY = ROOT / "deploy" / "netlify.toml"
REQUIRED = {
    "Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
    "Permissions-Policy", "Strict-Transport-Security", "Cross-Origin-Opener-Policy",
}
HASHED_FILES = (
    "/assets/stylesheets/main.57a0d79d.min.css",
    "/assets/stylesheets/palette.fb2fffe2.min.css",
    "/assets/javascripts/bundle.a5f9d56c.min.js",
    "/assets/javascripts/workers/search.a7633da7.min.js",
    "/assets/site.f12e7d93.min.css",
    "/assets/site.e75336a1.min.js",
)
UNHASHED_FILES = ("/assets/keyboard.js", "/assets/javascripts/lunr/min/lunr.nl.min.js", "/signalen/", "/en/")
# What tells what was read: never in the browser's disk cache (issue 19).
NO_STORE_FILES = ("/", "/signalen/", "/en/veiligheid/", "/404.html", "/search/search_index.json",
                  "/en/search/search_index.json", "/folders/nl/signalen.pdf", "/assets/exit-early.js")


def check_security_headers(headers: dict[str, str], where: str) -> None:
    missing = REQUIRED - headers.keys()
    assert not missing, f"{where}: missing {sorted(missing)}"
    policy = csp.parse_policy(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"], where
    for directive, value in {"frame-ancestors": ["'none'"], "base-uri": ["'self'"], "form-action": ["'none'"]}.items():
        assert policy[directive] == value, f"{where}: {directive}"
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & {s for v in policy.values() for s in v}, where
    assert headers["Referrer-Policy"] == "no-referrer", where
    assert headers["X-Content-Type-Options"] == "nosniff", where
    assert all(re.fullmatch(r"[a-z-]+=\(\)", p.strip()) for p in headers["Permissions-Policy"].split(",")), where
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"], where
    max_age = re.search(r"max-age=(\d+)", headers["Strict-Transport-Security"])
    # hstspreload.org's conditions: a year or more, subdomains, and the preload token.
    assert max_age and int(max_age.group(1)) >= 31536000, where
    assert {"includeSubDomains", "preload"} <= {p.strip() for p in headers["Strict-Transport-Security"].split(";")}, where
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", where


netlify_match = csp.splat_match


def test_headers_file_stores_nothing_but_hashed_assets_on_cloudflare():
    """Cloudflare Pages joins a header set by two matching rules with a comma: the hashed-asset
    rules detach the site-wide no-store first, so each path gets exactly one value."""
    rules = csp.parse_headers_file(HEADERS_FILE.read_text("utf-8"))
    for path in (*HASHED_FILES, *UNHASHED_FILES, *NO_STORE_FILES):
        check_security_headers(csp.cloudflare_headers(rules, path), f"_headers {path}")
    for path in HASHED_FILES:
        assert csp.cloudflare_headers(rules, path)["Cache-Control"] == csp.IMMUTABLE, path
    for path in (*UNHASHED_FILES, *NO_STORE_FILES):
        assert csp.cloudflare_headers(rules, path)["Cache-Control"] == csp.NO_STORE, path


def test_cloudflare_merge_is_modelled_faithfully():
    """Without the detach line the two values would be joined (and no-store would win)."""
    rules = csp.parse_headers_file("/*\n  Cache-Control: no-store\n/a/*\n  Cache-Control: x\n")
    assert csp.cloudflare_headers(rules, "/a/b")["Cache-Control"] == "no-store, x"
    rules = csp.parse_headers_file("/*\n  Cache-Control: no-store\n/a/*\n  ! Cache-Control\n  Cache-Control: x\n")
    assert csp.cloudflare_headers(rules, "/a/b")["Cache-Control"] == "x"


def test_netlify_config_builds_drops_headers_file_and_sends_the_same_headers():
    """Tested as far as it goes without a Netlify account: valid TOML, the build command, and
    per path the headers Netlify's rule (the later rule's value wins) yields."""
    config = tomllib.loads(NETLIFY.read_text("utf-8"))
    assert config["build"]["publish"] == "site"
    assert config["build"]["command"].startswith("make build") and "rm -f site/_headers" in config["build"]["command"]
    rules = csp.parse_headers_file(HEADERS_FILE.read_text("utf-8"))
    for path in (*HASHED_FILES, *UNHASHED_FILES, *NO_STORE_FILES):
        assert csp.netlify_headers(config, path) == csp.cloudflare_headers(rules, path), path


def test_nginx_repeats_every_header_in_every_location():
    blocks = csp.parse_nginx(NGINX.read_text("utf-8"))
    # `= /_headers` only returns 404: the 404 page then gets the headers of `location /`.
    assert blocks.pop("= /_headers") == {}
    locations = {name: headers for name, headers in blocks.items() if name}
    assert {"/", "/en/"} <= locations.keys()
    for name, headers in locations.items():
        check_security_headers(headers, f"nginx location {name}")
    regex = next(name for name in locations if name.startswith("~"))
    pattern = re.compile(regex[1:].strip().strip('"'))
    assert all(pattern.search(p) for p in HASHED_FILES)
    assert not any(pattern.search(p) for p in UNHASHED_FILES)
    assert locations[regex]["Cache-Control"] == csp.IMMUTABLE
    assert locations["/"]["Cache-Control"] == locations["/en/"]["Cache-Control"] == csp.NO_STORE
    text = NGINX.read_text("utf-8")
    for directive in ("error_page 404 /en/404.html;", "access_log off;", "absolute_redirect off;", "server_tokens off;"):
        assert directive in text


def test_pages_workflow_builds_checks_uploads_and_deploys():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    uses = [step.get("uses", "") for step in build]
    assert "make build" in runs
    assert any("scripts.postbuild.csp check site" in run for run in runs)
    assert runs.index("make build") < next(i for i, r in enumerate(runs) if "scripts.postbuild.csp check" in r)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    # Pages would serve site/_headers (Cloudflare's file) as a page of its own.
    assert any("rm site/_headers" in run for run in runs[runs.index("make build"):])
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_deploy_files_match_the_built_site(built_site):
    """One source: the committed files are exactly what scripts/postbuild/csp.py generates for this build,
    and the build ships the same `_headers` (Netlify/Cloudflare read it from the site root)."""
    for target, text in csp.expected_files(built_site).items():
        assert target.read_text("utf-8") == text, f"{target.name} is stale: python -m scripts.postbuild.csp write site"
    assert (built_site / "_headers").read_text("utf-8") == HEADERS_FILE.read_text("utf-8")
    assert csp.check(built_site) == []


def test_every_long_cached_file_a_page_uses_is_named_after_its_content(built_site):
    """A year of `immutable` caching is only safe when a new content means a new name."""
    rules = csp.parse_headers_file(HEADERS_FILE.read_text("utf-8"))
    immutable = [pattern for pattern in rules if csp.cloudflare_headers(rules, pattern).get("Cache-Control") == csp.IMMUTABLE]
    used = set()
    for page in built_site.rglob("*.html"):
        for ref in re.findall(r'(?:href|src)="([^"]+)"|"search": "([^"]+)"', page.read_text("utf-8")):
            ref = next(r for r in ref if r)
            if "://" in ref or not ref.endswith((".css", ".js")):
                continue
            used.add((page.parent / ref).resolve() if not ref.startswith("/") else (built_site / ref.lstrip("/")).resolve())
    checked = 0
    for path in used:
        url = "/" + path.relative_to(built_site.resolve()).as_posix()
        assert path.is_file(), f"a page references a missing file: {url}"
        if any(netlify_match(pattern, url) for pattern in immutable):
            assert fingerprint.content_hash(path.read_bytes()) in path.name, f"{url} is cached for a year but not named after its content"
            checked += 1
    assert checked >= 3  # Material's bundle and search worker, the joined stylesheet


@pytest.mark.parametrize("path", ["deploy/_headers", "deploy/nginx.conf", "deploy/netlify.toml"])
def test_header_policy_covers_every_inline_script_of_the_site(built_site, path):
    text = (ROOT / path).read_text("utf-8")
    for script_hash in csp.site_hashes(built_site):
        assert script_hash in text


@pytest.mark.skipif(nginx_server.BINARY is None, reason="nginx not installed (apt-get install nginx-light to run this check)")
def test_nginx_serves_the_site_with_every_header(built_site, tmp_path):
    """The snippet in a real nginx: valid config, and the headers arrive on pages, hashed assets,
    the search index, leaflets and 404s (nginx's `always`, and its add_header inheritance, are
    easy to get wrong); no access log, no redirect built from the Host header, no `_headers`."""
    with nginx_server.serve(built_site, tmp_path) as base:
        port = int(base.rsplit(":", 1)[1])

        def get(path, host=None):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Host": host} if host else {})
            response = connection.getresponse()
            body = response.read()
            connection.close()
            return response, body

        stylesheet = next((built_site / "assets" / "stylesheets").glob("main.*.min.css")).name
        leaflet = "/" + next((built_site / "folders").rglob("*.pdf")).relative_to(built_site).as_posix()
        for path, status, cache in (
            ("/signalen/", 200, csp.NO_STORE),
            ("/en/", 200, csp.NO_STORE),
            ("/search/search_index.json", 200, csp.NO_STORE),
            ("/en/search/search_index.json", 200, csp.NO_STORE),
            (leaflet, 200, csp.NO_STORE),
            (f"/assets/stylesheets/{stylesheet}", 200, csp.IMMUTABLE),
            ("/en/does-not-exist/", 404, csp.NO_STORE),
            ("/_headers", 404, csp.NO_STORE),
        ):
            response, body = get(path)
            headers = dict(response.getheaders())
            assert response.status == status, path
            check_security_headers(headers, f"nginx {path}")
            assert headers["Cache-Control"] == cache, path
            assert "nginx/" not in headers.get("Server", ""), "server_tokens off"
        assert 'lang="en"' in get("/en/does-not-exist/")[1].decode("utf-8")
        assert csp.GENERATED.encode() not in get("/_headers")[1]
        # A forged Host header must not end up in a redirect (absolute_redirect off).
        response, _ = get("/signalen", host="evil.example")
        assert response.status == 301 and response.getheader("Location") == "/signalen/"
    assert not (tmp_path / "access.log").exists() or (tmp_path / "access.log").read_text() == "", \
        "nginx logged the visits (access_log off missing)"
