"""After every language is built: join stylesheets and our scripts (scripts/asset_bundle.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402

from scripts.asset_bundle import bundle_site  # noqa: E402
from scripts.mkdocs_glue import is_final_build  # noqa: E402


@event_priority(-300)  # after i18n (-100) and the site-wide fixes (-200)
def on_post_build(config):
    if not is_final_build(config):
        return
    bundle_site(Path(config.site_dir))
