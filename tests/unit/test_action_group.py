"""The `ncm` action group in meta/runtime.yml must list exactly the modules in plugins/modules/.

A module missing from the group silently ignores `module_defaults: {group/cradlepoint.ncm.ncm: ...}`
(so auth set once does not reach it); a group entry without a module breaks `module_defaults`.
"""
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODULES_DIR = ROOT / "plugins" / "modules"
RUNTIME = ROOT / "meta" / "runtime.yml"


def _module_names():
    if not MODULES_DIR.is_dir():
        return set()
    return {
        path.stem
        for path in MODULES_DIR.glob("*.py")
        if path.name != "__init__.py" and not path.name.startswith("_")
    }


def _action_group():
    runtime = yaml.safe_load(RUNTIME.read_text(encoding="utf-8")) or {}
    groups = runtime.get("action_groups") or {}
    assert "ncm" in groups, "meta/runtime.yml has no action group 'ncm'"
    entries = groups["ncm"]
    assert isinstance(entries, list), "action group 'ncm' must be a list"
    names = [entry for entry in entries if isinstance(entry, str)]
    assert names, "action group 'ncm' is empty"
    return names


def test_runtime_requires_ansible():
    """The floor is ansible-core 2.16 (AAP 2.5/2.6), and a CI leg tests exactly that floor."""
    runtime = yaml.safe_load(RUNTIME.read_text(encoding="utf-8"))
    assert runtime.get("requires_ansible") == ">=2.16.0"
    leg = ROOT / ".ci" / "requirements-2.16.txt"
    assert "ansible-core==2.16." in leg.read_text(encoding="utf-8")


def test_action_group_has_no_duplicates():
    names = _action_group()
    assert len(names) == len(set(names)), "duplicate entries in action group 'ncm'"


def test_action_group_uses_short_names():
    for name in _action_group():
        assert "." not in name, f"use the short name {name.rsplit('.', 1)[-1]!r}, not {name!r}"


def test_every_module_is_in_action_group():
    missing = sorted(_module_names() - set(_action_group()))
    assert not missing, (
        f"modules missing from the 'ncm' action group in meta/runtime.yml: {missing}; "
        "module_defaults for group/cradlepoint.ncm.ncm would not reach them"
    )


def test_action_group_lists_only_existing_modules():
    extra = sorted(set(_action_group()) - _module_names())
    assert not extra, f"action group 'ncm' lists modules that do not exist in plugins/modules/: {extra}"
