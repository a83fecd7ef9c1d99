"""Exact, checked edits to Material 9.8.2's JavaScript bundle.

1. Material fetches `sitemap.xml` beside every hreflang alternate page (to map the language
   switcher) and beside the site root (for instant navigation, which we do not use). Beside an
   alternate page that file does not exist: every page logged failed requests. The language
   switcher already links to the translated page (static-i18n sets it per page), so both
   fetches are dropped.
2. Material downloads the search worker, the whole search index and lunr's language files on
   every first visit, before anyone searches. A parent on a slow phone pays for it on every
   page. The index is now fetched when the search is first opened or focused, or when the page
   was reached from a search result (`?h=`, for highlighting); the worker starts when the
   first message (the index) is posted to it.
3. A search result was a link around an `<article>`, which Chromium names "" ("link, link,
   link"), with tabindex=-1; and Tab in the open search closed it, so Tab never reached a
   result. Each result link is now named by its title (the title may carry <mark> highlights:
   an inert DOMParser reads its text), it is an ordinary tab stop, and Tab moves on instead of
   closing (docs/assets/keyboard.js closes the search once focus leaves it). The result count
   is a live region in the page (scripts/postbuild/accessibility.py).
4. The search worker (a separate file) turns every word typed into a prefix query (`word*`),
   stop words too: "ik ben op" also matched every word starting with "op" (opstandig,
   oplossen…), and those noise hits pushed the answering page out of the top three. A typo
   ("aangfite", "mensehandel") found nothing. Now a stop word of the index's language is left
   out of the query (unless the query has nothing else); a word also matches the words that start
   with its stem ("bedreigd" → bedreiging, "threatens" → threatened); and a word of six letters
   or more also matches words one typo away (lunr's `~1`). Measured with tests/search_queries.yml.
5. The bundle loads at the reader's first interaction, not with the page (issue 31: it was half
   of a first visit; docs/assets/material-on-demand.js). By then the document is parsed, and
   Material waited for DOMContentLoaded to start: it now starts at once when that has passed. The
   search index is also fetched when the search is already open or focused as the bundle starts
   (the tap that loaded it was the one that opened the search).
The edits name the minified code exactly: a Material upgrade that changes it fails the build
here instead of silently shipping the old behaviour.
"""
from __future__ import annotations

import re
from pathlib import Path

PATCHES = (
    # The alternate-link sitemap lookup (function `ui`): removed.
    ("ui({document$:ct});", ""),
    # The root sitemap is only needed by navigation.instant: fetch it only then.
    ("qi=kt(Or.base);", 'qi=V("navigation.instant")?kt(Or.base):$(new Map);'),
    # H = rxjs defer, b = switchMap, Z = shareReplay in this bundle.
    (
        'zi=document.forms.namedItem("search")?ks():tt',
        'zi=document.forms.namedItem("search")?H(()=>new Promise(r=>{'
        'new URL(location.href).searchParams.has("h")&&r();'
        'let o=document.activeElement;(o&&o.closest(".md-search")||document.getElementById("__search")?.checked)&&r();'
        'document.addEventListener("focusin",e=>{e.target instanceof Element&&e.target.closest(".md-search")&&r()});'
        'let c=document.getElementById("__search");c&&c.addEventListener("change",()=>r())'
        '})).pipe(b(()=>ks()),Z(1)):tt',
    ),
    # Material's document$ (function `an`): DOMContentLoaded has passed when the bundle loads on demand.
    (
        'function an(){let e=new It(1);return h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)),e}',
        'function an(){let e=new It(1);return document.readyState==="loading"?'
        'h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)):e.next(document),e}',
    ),
    # A stand-in for `new Worker(url)` that creates the worker on the first postMessage;
    # listeners added before then are attached when it starts.
    (
        "function Mn(e,t=new Worker(e)){",
        "function Lw(u){let w=null,l=[];return{"
        "addEventListener(...a){l.push(a);w&&w.addEventListener(...a)},"
        "removeEventListener(...a){l=l.filter(x=>x[1]!==a[1]);w&&w.removeEventListener(...a)},"
        "postMessage(m){if(!w){w=new Worker(u);for(let a of l)w.addEventListener(...a)}w.postMessage(m)}}}"
        "function Mn(e,t=Lw(e)){",
    ),
    # e = the result document (title, location, text), s = its URL.
    (
        'x("a",{href:`${s}`,class:"md-search-result__link",tabIndex:-1},',
        'x("a",{href:`${s}`,class:"md-search-result__link",'
        '"aria-label":new DOMParser().parseFromString(e.title,"text/html").body.textContent},',
    ),
    # at = Material's setToggle, i = the search field.
    (
        'case"Escape":case"Tab":at("search",!1),i.blur();break;',
        'case"Escape":at("search",!1),i.blur();break;case"Tab":break;',
    ),
)


# The worker's query rewrite (function `ue`): each typed word becomes `word*`. `Nj` replaces that
# step; lunr.nl is only loaded in the Dutch index's worker, so the filter is that of the index.
WORKER_PATCHES = (
    (
        '.map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`).join(" ")}',
        '.flatMap(Nj).join(" ")}'
        "function Nj(r,i,a){let q=/(^[+-]|[~^]\\d+$)/,l=lunr.nl||lunr,s=l.stopWordFilter,"
        "k=w=>q.test(w)||s(w.toLowerCase());if(q.test(r))return[r];if(a.some(k)&&!k(r))return[];"
        "let t=[`${r}*`],m=String(l.stemmer(new lunr.Token(r.toLowerCase())));"
        "m.length>3&&m!==r.toLowerCase()&&t.push(`${m}*`);r.length>5&&t.push(`${r}~1`);return t}",
    ),
)


class PatchError(Exception):
    pass


# Material's stylesheet marks keyboard focus with the class its bundle's polyfill sets
# (`.md-header__button:not(.focus-visible){outline:none}`). The bundle now loads at the first
# interaction (patch 5), after the first key: the browser's own :focus-visible does the job.
FOCUS_CLASS = ".focus-visible"


def patch_stylesheet(source: str) -> str:
    """Material's main stylesheet with its focus class read as the browser's :focus-visible."""
    if FOCUS_CLASS not in source and ":focus-visible" not in source:
        raise PatchError("Material stylesheet patch not applicable: no .focus-visible in it")
    return re.sub(r"(?<!:)\.focus-visible\b", ":focus-visible", source)


def patch_bundle(source: str, patches: tuple[tuple[str, str], ...] = PATCHES) -> str:
    """Apply every patch once; raise PatchError naming the one whose code was not found."""
    for old, new in patches:
        if source.count(old) != 1:
            if new and source.count(new) == 1:
                continue  # already applied (e.g. a second language build)
            if not new and source.count(old) == 0 and "function ui(" in source:
                continue
            raise PatchError(f"Material bundle patch not applicable (found {source.count(old)}×): {old!r}")
        source = source.replace(old, new)
    return source


def patch_worker(source: str) -> str:
    """The search worker with WORKER_PATCHES applied (same rules as the bundle)."""
    return patch_bundle(source, WORKER_PATCHES)


SOURCE_MAP_COMMENT = re.compile(r"\n?/[/*]# sourceMappingURL=\S+?(?: \*/)?\s*$")


def strip_source_map_comment(source: str) -> str:
    """Without the map file the comment would make dev tools request a missing file."""
    return SOURCE_MAP_COMMENT.sub("", source)


def unused_assets(site_dir: Path, search_languages: list[str]) -> list[Path]:
    """Files Material ships that no reader ever needs: source maps and other languages' lunr.

    Each language has its own search index with one language, so the worker only loads
    lunr.stemmer.support and lunr.<lang> (English is built into lunr).
    """
    assets = site_dir / "assets"
    unused = list(assets.rglob("*.map"))
    lunr = assets / "javascripts" / "lunr"
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in search_languages if lang != "en"}
    unused += [f for f in (lunr / "min").glob("*.js") if f.name not in keep]
    unused += [f for f in lunr.glob("*.js")]  # tinyseg/wordcut: Japanese, Hindi, Thai segmenters
    return unused
