"""The site's one security policy: CSP meta per page, and the HTTP headers for every host we ship.

Why: a parent may be watched; the site must load nothing from anywhere but itself and run no
script it did not ship. Material's templates emit a few small inline scripts; rather than allow
'unsafe-inline', each page's meta policy lists the sha256 of exactly those scripts. The header
policies (Netlify/Cloudflare `_headers`, nginx) are generated from the same directives plus the
union of the hashes found in the built site, so meta and header never disagree.

Caching (issue 19): a page read must not stay in the browser's disk cache, so everything is
`no-store` except the files named after their content (they tell nothing about what was read).

CLI (run after a build):
    python -m scripts.postbuild.csp write site/   regenerate deploy/_headers, deploy/nginx.conf, deploy/netlify.toml
    python -m scripts.postbuild.csp check site/   exit 1 when a page lacks its policy or a deploy file is stale
"""
from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

from scripts.postbuild import html_scan

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

# The policy itself. 'self' only; data: images because Material's CSS draws its icons as
# data: SVG masks. Script hashes are added per page (meta) or site-wide (headers).
DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    # The site has no form to send: the search box must never submit its words (issue 29).
    "form-action": ("'none'",),
}
# Browsers ignore (and warn about) these in a <meta> policy: header only.
HEADER_ONLY: dict[str, tuple[str, ...]] = {"frame-ancestors": ("'none'",)}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "browsing-topics",
    )
)
# Two years and `preload`: what hstspreload.org asks before a domain may join the browsers' list.
HSTS = "max-age=63072000; includeSubDomains; preload"
IMMUTABLE = "public, max-age=31536000, immutable"
NO_STORE = "no-store"

# Files named after their content (Material's, renamed by scripts/postbuild/fingerprint.py where the build
# edits them, and the joined site.<hash>.min.css/js): nothing else may be cached for long.
# Netlify/Cloudflare patterns (one splat, no regex: `/assets/site.*` also matches the unused
# source files beside the bundles; tests/test_deploy.py checks every page references only
# content-named files there), then the exact set as one nginx regex.
HASHED_ASSET_PATTERNS = (
    "/assets/stylesheets/*",
    "/assets/javascripts/bundle.*",
    "/assets/javascripts/workers/*",
    "/assets/site.*",
)
HASHED_ASSET_REGEX = (
    r"^/assets/(stylesheets/[a-z]+\.[0-9a-f]{8}\.min\.css"
    r"|javascripts/bundle\.[0-9a-f]{8}\.min\.js"
    r"|javascripts/workers/search\.[0-9a-f]{8}\.min\.js"
    r"|site\.[0-9a-f]{8}\.min\.(css|js))(\.map)?$"
)

META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# What `apply` puts in, and Material's generator tag: it names the tool versions in every page,
# nothing a reader needs, something an attacker uses. No leading \s* in the pattern: a regex
# that starts with one is tried at every whitespace of the page (slow on Material's indented
# nav); the whitespace before a match is dropped by hand.
OWN_METAS = re.compile(
    r'<meta (?:http-equiv="(?:Content-Security-Policy|x-dns-prefetch-control)"|name="(?:referrer|generator)")'
    r' content="[^"]*">')
CHARSET = re.compile(r'<meta charset="[^"]*">', re.I)
# The `type` values a browser runs a script for (WHATWG: an empty type, a JavaScript MIME type
# essence, `module`), plus the inline JSON that CSP also checks (import maps, speculation rules).
JS_TYPES = {
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript", "application/x-javascript",
    "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
}
# The hashes a page's own policy allows (what `apply` put there).
DECLARED_HASHES = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


class PolicyError(Exception):
    """A page the policy cannot be applied to (no <head>, a script before the policy …)."""


def runs(start_tag: str) -> bool:
    """Does the browser run the text of this <script> (no src, a JavaScript type)? The first of
    a repeated attribute counts; without `type`, a `language` attribute names the type."""
    attributes: dict[str, str] = {}
    for name, value in html_scan.attributes(start_tag):
        attributes.setdefault(name, value)
    if "src" in attributes:
        return False
    kind = attributes.get("type")
    if kind is None and attributes.get("language"):
        kind = "text/" + attributes["language"]
    return (kind or "").strip(" \t\n\f\r").lower() in JS_TYPES


def inline_scripts(html: str) -> list[str]:
    """The exact text of every inline script the browser would run, in page order."""
    return [text for name, tag, text in html_scan.scan(html)[1] if name == "script" and runs(tag)]


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_hashes(html: str) -> list[str]:
    return sorted({script_hash(s) for s in inline_scripts(html)})


def policy(hashes=(), header: bool = False) -> str:
    """The CSP string: meta form by default; `header=True` adds what only a header can carry."""
    directives = {**DIRECTIVES, **(HEADER_ONLY if header else {})}
    parts = []
    for name, sources in directives.items():
        if name == "script-src":
            sources = (*sources, *sorted(set(hashes)))
        parts.append(f"{name} {' '.join(sources)}")
    return "; ".join(parts)


def apply(html: str) -> str:
    """Put the page's own policy, no-referrer and no DNS prefetching first in <head>; drop the
    generator tag.

    Idempotent: earlier copies are replaced, so running it again after another fix is safe.
    """
    kept, at = [], 0
    for meta in OWN_METAS.finditer(html):
        kept.append(html[at:meta.start()].rstrip())
        at = meta.end()
    html = "".join(kept) + html[at:]
    metas = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(page_hashes(html))}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta http-equiv="x-dns-prefetch-control" content="off">'
    )
    charset = CHARSET.search(html)
    if charset:
        at = charset.end()
    else:
        head = re.search(r"<head[^>]*>", html, re.I)
        if not head:
            raise PolicyError("no <head> to put the Content-Security-Policy in")
        at = head.end()
    html = html[:at] + metas + html[at:]
    if re.search("<script", html[:at], re.I):
        raise PolicyError("a <script> comes before the Content-Security-Policy")
    return html


def declared_hashes(html: str) -> set[str]:
    """The script hashes in the page's Content-Security-Policy meta (none without one)."""
    meta = META_CSP.search(html)
    return set(DECLARED_HASHES.findall(meta.group())) if meta else set()


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_hashes(site: Path) -> list[str]:
    return sorted({h for path in html_files(site) for h in page_hashes(path.read_text("utf-8"))})


def security_headers(hashes) -> dict[str, str]:
    """Every response's headers (caching is added per path)."""
    return {
        "Content-Security-Policy": policy(hashes, header=True),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Strict-Transport-Security": HSTS,
        # No other window (one that opened this tab, or that this tab opens) keeps a handle on it.
        "Cross-Origin-Opener-Policy": "same-origin",
    }


GENERATED = "Generated by scripts/postbuild/csp.py from the built site: do not edit, run `python -m scripts.postbuild.csp write site`."


def render_headers_file(hashes) -> str:
    """Cloudflare Pages `_headers`. It joins one header set by two matching rules with a comma,
    so the hashed-asset rules first detach (`! Cache-Control`) the site-wide `no-store`.
    Netlify does not know `!`: it gets deploy/netlify.toml instead (and the file is removed)."""
    lines = [f"# {GENERATED}", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(hashes).items()]
    lines.append(f"  Cache-Control: {NO_STORE}")
    for pattern in HASHED_ASSET_PATTERNS:
        lines += [pattern, "  ! Cache-Control", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_netlify(hashes) -> str:
    """Netlify's netlify.toml: build, drop `_headers` (Cloudflare syntax, and it need not be
    served), and the same headers. Of two matching rules Netlify keeps the later value of a
    header, so the hashed-asset rules after `/*` replace its `no-store`."""
    lines = [
        f"# {GENERATED}",
        "# Netlify reads netlify.toml from the repository root: copy this file there (see README, Publiceren).",
        "[build]",
        '  command = "make build && rm -f site/_headers"',
        '  publish = "site"',
        "",
        "[build.environment]",
        '  PYTHON_VERSION = "3.11"',
    ]
    rules = [("/*", {**security_headers(hashes), "Cache-Control": NO_STORE})]
    rules += [(pattern, {"Cache-Control": IMMUTABLE}) for pattern in HASHED_ASSET_PATTERNS]
    for pattern, headers in rules:
        lines += ["", "[[headers]]", f"  for = {toml_string(pattern)}", "  [headers.values]"]
        lines += [f"    {name} = {toml_string(value)}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def render_nginx(hashes) -> str:
    """An nginx snippet for the `server { }` that serves site/. nginx drops every inherited
    `add_header` in a block that has one of its own, so each location repeats the full set."""
    def header_lines(extra: dict[str, str], indent: str) -> list[str]:
        headers = {**security_headers(hashes), **extra}
        return [f'{indent}add_header {name} "{value}" always;' for name, value in headers.items()]

    lines = [
        f"# {GENERATED}",
        "# Use inside the server { } block whose root is the built site/ folder, e.g.",
        "#   server { listen 443 ssl; server_name naastjekind.nl; root /srv/naastjekind/site; include /srv/naastjekind/deploy/nginx.conf; }",
        "index index.html;",
        "charset utf-8;",
        "server_tokens off;",
        "# No log of who read what (IP, page, browser); errors are still logged.",
        "access_log off;",
        "# Redirects (/signalen -> /signalen/) name no host: a forged Host header cannot redirect elsewhere.",
        "absolute_redirect off;",
        "error_page 404 /404.html;",
        "",
        "location / {",
        "    try_files $uri $uri/ =404;",
        *header_lines({"Cache-Control": NO_STORE}, "    "),
        "}",
        "",
        "location /en/ {",
        "    error_page 404 /en/404.html;",
        "    try_files $uri $uri/ =404;",
        *header_lines({"Cache-Control": NO_STORE}, "    "),
        "}",
        "",
        "# The build ships _headers for Cloudflare Pages; nginx must not serve it.",
        "location = /_headers {",
        "    return 404;",
        "}",
        "",
        f'location ~ "{HASHED_ASSET_REGEX}" {{',  # quoted: nginx requires it for a regex with braces
        "    try_files $uri =404;",
        *header_lines({"Cache-Control": IMMUTABLE}, "    "),
        "}",
    ]
    return "\n".join(lines) + "\n"


# --- parsing, for checks and tests -------------------------------------------------------------

def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """`_headers` → {path pattern: {header: value}}; a detach line `! Name` becomes {"! Name": ""}.
    Raises ValueError on a malformed line."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
            continue
        if line.strip().startswith("!") and current is not None and line.strip()[1:].strip():
            current["! " + line.strip()[1:].strip()] = ""
            continue
        name, sep, value = line.strip().partition(":")
        if current is None or not sep or not name or not value.strip():
            raise ValueError(f"line {number}: not a `Name: value` line under a path: {line!r}")
        current[name.strip()] = value.strip()
    return rules


def splat_match(pattern: str, path: str) -> bool:
    """`_headers` / netlify.toml path matching: `*` is a splat matching anything."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path) is not None


def cloudflare_headers(rules: dict[str, dict[str, str]], path: str) -> dict[str, str]:
    """The headers Cloudflare Pages sends for `path`: every matching rule in order; a header set
    twice is joined with ", ", unless a later rule detached it first (`! Name`)."""
    headers: dict[str, str] = {}
    for pattern, rule in rules.items():
        if not splat_match(pattern, path):
            continue
        for name, value in rule.items():
            if name.startswith("! "):
                headers.pop(name[2:], None)
            else:
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def netlify_headers(config: dict, path: str) -> dict[str, str]:
    """The headers Netlify sends for `path` from a parsed netlify.toml: every matching rule in
    order, a later value of the same header replacing the earlier one."""
    headers: dict[str, str] = {}
    for rule in config.get("headers", []):
        if splat_match(rule["for"], path):
            headers.update(rule["values"])
    return headers


NGINX_ADD_HEADER = re.compile(r'^add_header\s+(\S+)\s+"([^"]*)"\s+always;$')


def parse_nginx(text: str) -> dict[str, dict[str, str]]:
    """nginx snippet → {location ("" for the server level): {header: value}} via add_header."""
    blocks: dict[str, dict[str, str]] = {"": {}}
    stack = [""]
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("location") and line.endswith("{"):
            name = line[len("location"):-1].strip()
            blocks[name] = {}
            stack.append(name)
        elif line == "}":
            if len(stack) == 1:
                raise ValueError(f"line {number}: unbalanced }}")
            stack.pop()
        elif line.startswith("add_header"):
            match = NGINX_ADD_HEADER.match(line)
            if not match:
                raise ValueError(f"line {number}: unexpected add_header form: {line!r}")
            blocks[stack[-1]][match.group(1)] = match.group(2)
        elif not line.endswith(";"):
            raise ValueError(f"line {number}: directive without ';': {line!r}")
    if len(stack) != 1:
        raise ValueError("unclosed location block")
    return blocks


def parse_policy(value: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def expected_files(site: Path) -> dict[Path, str]:
    hashes = site_hashes(site)
    return {
        DEPLOY / "_headers": render_headers_file(hashes),
        DEPLOY / "nginx.conf": render_nginx(hashes),
        DEPLOY / "netlify.toml": render_netlify(hashes),
    }


def check(site: Path) -> list[str]:
    """Problems: pages without their exact policy, stale deploy files."""
    problems = []
    for path in html_files(site):
        html = path.read_text("utf-8")
        if html != apply(html):
            problems.append(f"{path.relative_to(site)}: Content-Security-Policy missing or out of date")
    for target, text in expected_files(site).items():
        if not target.exists() or target.read_text("utf-8") != text:
            problems.append(f"{target.relative_to(ROOT)}: out of date; run `python -m scripts.postbuild.csp write {site}`")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"write", "check"}:
        print("usage: python -m scripts.postbuild.csp write|check SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[1])
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here (run `make build` first)", file=sys.stderr)
        return 2
    try:
        if argv[0] == "write":
            DEPLOY.mkdir(exist_ok=True)
            for target, text in expected_files(site).items():
                target.write_text(text, "utf-8")
                print(f"wrote {target.relative_to(ROOT)}")
            return 0
        problems = check(site)
    except PolicyError as error:
        print(f"{site}: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
