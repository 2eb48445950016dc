"""The endpoint table (methods, offset paging, filters): the collection's own, plugins/module_utils/endpoints.py.

Loaded from its file, so the simulator runs without the collection on the import path; the text reference is
authoritative, see docs/simulator.md for deviations.
"""

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "plugins" / "module_utils" / "endpoints.py"
_SPEC = importlib.util.spec_from_file_location("_ncm_endpoints", _PATH)
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)

ENDPOINTS = _MODULE.ENDPOINTS
