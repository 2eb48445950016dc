# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NCM API v2 endpoints as data: which exist, and how a resource URL carries its id.

No HTTP here: models, the resolver and the module base read it without importing the client.
"""

from __future__ import annotations


def id_from_url(value):
    """'https://.../api/v2/groups/12/' -> '12'; ids pass through as strings; None stays None."""
    if value is None:
        return None
    text = str(value)
    if "/" in text:
        return text.rstrip("/").rsplit("/", 1)[-1]
    return text
