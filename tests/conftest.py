"""Make this checkout importable as the collection cradlepoint.ncm for plain pytest runs."""
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
COLLECTIONS = ROOT / ".tmp" / "collections"


def _link_collection():
    """Create .tmp/collections/ansible_collections/cradlepoint/ncm -> the checkout."""
    link = COLLECTIONS / "ansible_collections" / "cradlepoint" / "ncm"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT, target_is_directory=True)
    os.environ["ANSIBLE_COLLECTIONS_PATH"] = str(COLLECTIONS)


if not os.environ.get("ANSIBLE_TEST_CONTENT_ROOT"):
    _link_collection()
    import sys

    sys.path.insert(0, str(COLLECTIONS))
    from ansible.plugins.loader import init_plugin_loader

    init_plugin_loader([str(COLLECTIONS)])
