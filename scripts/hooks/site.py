"""The site hook: per-page HTML fixes as each page is written, then every site-wide step once,
after the last language (scripts/postbuild/site_passes.py holds their order and its one pass over pages).

static-i18n builds the default language, then every other language inside the default build's
on_post_build; per-page fixes run in every build.
"""
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts.postbuild import accessibility  # noqa: E402
from scripts.postbuild import csp  # noqa: E402
from scripts.postbuild import languages  # noqa: E402
from scripts.content import routes  # noqa: E402
from scripts.postbuild import search_help  # noqa: E402
from scripts.postbuild.material_patches import PatchError  # noqa: E402
from scripts.hooks.mkdocs_glue import is_final_build, routes_file  # noqa: E402
from scripts.postbuild.site_passes import finish_site  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")

UNTRANSLATED = {
    "en": "This page has not been translated into English yet. Below is the Dutch text.",
    "nl": "Deze pagina is nog niet vertaald.",
}
SEARCH_LABEL = {"en": "Search", "nl": "Zoeken"}
_not_found_pages: dict[str, str] = {}
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _i18n(config):
    return config.plugins["i18n"]


def _languages(config):
    i18n = _i18n(config)
    default = i18n.default_language
    return default, [lang.locale for lang in i18n.config.languages if lang.build]


@event_priority(-200)
def on_post_page(output, page, config):
    default, _ = _languages(config)
    lang = _i18n(config).current_language
    root = languages.language_root(page.url, lang, default)
    output = languages.absolute_alternates(output, page.url, config.site_url, default)
    output = _every_page(output, lang, root, config)
    text_lang = getattr(page.file, "locale", lang)
    if text_lang != lang:
        output = languages.mark_untranslated(output, text_lang, lang, UNTRANSLATED.get(lang, UNTRANSLATED["en"]))
    return output


def on_post_template(output, template_name, config):
    # Every language build writes site/404.html; keep each language's own version.
    if template_name == "404.html":
        default, _ = _languages(config)
        lang = _i18n(config).current_language
        output = _every_page(languages.without_alternates(output), lang, "/" if lang == default else f"/{lang}/", config)
        _not_found_pages[lang] = output
    return output


def _every_page(output: str, lang: str, root: str, config) -> str:
    """What every page (404s included) gets: its language root, a named search dialog, help
    when search finds nothing, and the accessibility fixes."""
    output = languages.set_config_base(output, root)
    output = languages.name_search_dialog(output, SEARCH_LABEL.get(lang, SEARCH_LABEL["en"]))
    output = search_help.insert(output, search_help.render(routes.load(routes_file(config) or routes.ROUTES_FILE), lang, root))
    return accessibility.apply(output, lang)


# Below i18n (-100), which builds the other languages inside its own on_post_build: these steps
# need every language written.
@event_priority(-200)
def on_post_build(config):
    if not is_final_build(config):
        return
    default, langs = _languages(config)
    try:
        done = finish_site(Path(config.site_dir), langs, default, _not_found_pages, Path(config.docs_dir),
                           with_policy=not _serving)
    except (PatchError, csp.PolicyError) as error:
        raise PluginError(str(error)) from None
    log.info(done.prune)
    if done.renamed:
        log.info("renamed after their content: " + ", ".join(f"{a} -> {b}" for a, b in done.renamed.items()))
    if _serving:
        log.info("Content-Security-Policy left out while serving (live reload); make build adds it")
