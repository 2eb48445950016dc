"""What a benchmark script needs before it imports the test harness: tests/ and tests/integration/ on sys.path, the
collection linked at .tmp/collections/ansible_collections/cradlepoint/ncm (as `make link` does) and
ANSIBLE_COLLECTIONS_PATH pointing there unless it is set."""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
for path in (TESTS, TESTS / "integration"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
COLLECTIONS = ROOT / ".tmp" / "collections"
LINK = COLLECTIONS / "ansible_collections" / "cradlepoint" / "ncm"
if not LINK.exists():
    LINK.parent.mkdir(parents=True, exist_ok=True)
    LINK.symlink_to(ROOT, target_is_directory=True)
os.environ.setdefault("ANSIBLE_COLLECTIONS_PATH", str(COLLECTIONS))
