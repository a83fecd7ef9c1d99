"""The deployment files: each parses, carries every security header, and matches the build."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from scripts import csp, fingerprint
from scripts.site_build import ROOT

HEADERS_FILE = ROOT / "deploy" / "_headers"
NGINX = ROOT / "deploy" / "nginx.conf"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
REQUIRED = {
    "Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
    "Permissions-Policy", "Strict-Transport-Security",
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


def check_security_headers(headers: dict[str, str], where: str) -> None:
    missing = REQUIRED - headers.keys()
    assert not missing, f"{where}: missing {sorted(missing)}"
    policy = csp.parse_policy(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"], where
    for directive, value in {"frame-ancestors": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"]}.items():
        assert policy[directive] == value, f"{where}: {directive}"
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & {s for v in policy.values() for s in v}, where
    assert headers["Referrer-Policy"] == "no-referrer", where
    assert headers["X-Content-Type-Options"] == "nosniff", where
    assert all(re.fullmatch(r"[a-z-]+=\(\)", p.strip()) for p in headers["Permissions-Policy"].split(",")), where
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"], where
    max_age = re.search(r"max-age=(\d+)", headers["Strict-Transport-Security"])
    assert max_age and int(max_age.group(1)) >= 31536000, where


def netlify_match(pattern: str, path: str) -> bool:
    """Netlify / Cloudflare `_headers` matching: `*` is a splat matching anything."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path) is not None


def test_headers_file_has_every_header_and_caches_only_hashed_assets():
    rules = csp.parse_headers_file(HEADERS_FILE.read_text("utf-8"))
    check_security_headers(rules["/*"], "_headers /*")
    assert "Cache-Control" not in rules["/*"], "both hosts would join two Cache-Control values"
    for path in HASHED_FILES:
        values = [r["Cache-Control"] for p, r in rules.items() if netlify_match(p, path) and "Cache-Control" in r]
        assert values == [csp.IMMUTABLE], path
    for path in UNHASHED_FILES:
        assert not any(netlify_match(p, path) and "Cache-Control" in r for p, r in rules.items()), path


def test_nginx_repeats_every_header_in_every_location():
    blocks = csp.parse_nginx(NGINX.read_text("utf-8"))
    locations = {name: headers for name, headers in blocks.items() if name}
    assert {"/", "/en/"} <= locations.keys()
    for name, headers in locations.items():
        check_security_headers(headers, f"nginx location {name}")
    regex = next(name for name in locations if name.startswith("~"))
    pattern = re.compile(regex[1:].strip().strip('"'))
    assert all(pattern.search(p) for p in HASHED_FILES)
    assert not any(pattern.search(p) for p in UNHASHED_FILES)
    assert locations[regex]["Cache-Control"] == csp.IMMUTABLE
    assert locations["/"]["Cache-Control"] == "no-cache"
    assert "error_page 404 /en/404.html;" in NGINX.read_text("utf-8")


def test_pages_workflow_builds_checks_uploads_and_deploys():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    uses = [step.get("uses", "") for step in build]
    assert "make build" in runs
    assert any("scripts.csp check site" in run for run in runs)
    assert runs.index("make build") < next(i for i, r in enumerate(runs) if "scripts.csp check" in r)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_deploy_files_match_the_built_site(built_site):
    """One source: the committed files are exactly what scripts/csp.py generates for this build,
    and the build ships the same `_headers` (Netlify/Cloudflare read it from the site root)."""
    for target, text in csp.expected_files(built_site).items():
        assert target.read_text("utf-8") == text, f"{target.name} is stale: python -m scripts.csp write site"
    assert (built_site / "_headers").read_text("utf-8") == HEADERS_FILE.read_text("utf-8")
    assert csp.check(built_site) == []


def test_every_long_cached_file_a_page_uses_is_named_after_its_content(built_site):
    """A year of `immutable` caching is only safe when a new content means a new name."""
    rules = csp.parse_headers_file(HEADERS_FILE.read_text("utf-8"))
    immutable = [pattern for pattern, headers in rules.items() if headers.get("Cache-Control") == csp.IMMUTABLE]
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


@pytest.mark.parametrize("path", ["deploy/_headers", "deploy/nginx.conf"])
def test_header_policy_covers_every_inline_script_of_the_site(built_site, path):
    text = (ROOT / path).read_text("utf-8")
    for script_hash in csp.site_hashes(built_site):
        assert script_hash in text


NGINX_BIN = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.mark.skipif(NGINX_BIN is None, reason="nginx not installed (apt-get install nginx-light to run this check)")
def test_nginx_serves_the_site_with_every_header(built_site, tmp_path):
    """The snippet in a real nginx: valid config, and the headers arrive on pages, hashed assets
    and 404s (nginx's `always`, and its add_header inheritance, are easy to get wrong)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    conf = tmp_path / "nginx.conf"
    # As root, nginx's workers would run as `nobody` and could not read pytest's private tmp dir.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        f"{user}pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; daemon off;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {built_site}; include {NGINX}; }} }}\n",
        "utf-8",
    )
    check = subprocess.run([NGINX_BIN, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen([NGINX_BIN, "-c", str(conf), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    try:
        def get(path):
            for _ in range(50):
                try:
                    return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
                except urllib.error.HTTPError as error:
                    return error
                except OSError:
                    time.sleep(0.1)
            raise AssertionError("nginx did not answer")

        stylesheet = next((built_site / "assets" / "stylesheets").glob("main.*.min.css")).name
        for path, status, cache in (
            ("/signalen/", 200, "no-cache"),
            ("/en/", 200, "no-cache"),
            (f"/assets/stylesheets/{stylesheet}", 200, csp.IMMUTABLE),
            ("/en/does-not-exist/", 404, "no-cache"),
        ):
            response = get(path)
            headers = dict(response.headers.items())
            assert response.status == status, path
            check_security_headers(headers, f"nginx {path}")
            assert headers["Cache-Control"] == cache, path
        assert 'lang="en"' in get("/en/does-not-exist/").read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
