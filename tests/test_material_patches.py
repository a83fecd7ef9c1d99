import pytest

from scripts.material_patches import PATCHES, PatchError, patch_bundle

SAMPLE = 'function ui({document$:e}){};var x;ui({document$:ct});var uo=new T,qi=kt(Or.base);V("navigation.instant")'


def test_patches_apply_once_and_are_idempotent():
    patched = patch_bundle(SAMPLE)
    assert "ui({document$:ct});" not in patched
    assert 'qi=V("navigation.instant")?kt(Or.base):$(new Map);' in patched
    assert patch_bundle(patched) == patched


def test_unknown_bundle_fails_loudly():
    with pytest.raises(PatchError, match="not applicable"):
        patch_bundle("var somethingElse=1;")


def test_every_patch_matches_the_pinned_material_bundle():
    from pathlib import Path

    import material

    bundles = list((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    source = bundles[0].read_text("utf-8")
    for old, _ in PATCHES:
        assert source.count(old) == 1, old
