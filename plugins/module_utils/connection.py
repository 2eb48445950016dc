# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection settings: option names, their environment variables, the argument spec and the defaults.

Shared by the module base, the inventory plugin and the HTTP client, none of which needs the others to read
them (see doc fragment cradlepoint.ncm.ncm for the user-facing documentation).
"""

from __future__ import annotations

from ansible_collections.cradlepoint.ncm.plugins.module_utils import validate
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError

DEFAULT_BASE_URL = "https://www.cradlepointecm.com/api/v2/"
DEFAULT_MAX_RETRIES = 5
DEFAULT_RETRY_TIME_BUDGET = 300.0  # seconds one request may keep being retried (429 included)

# option name -> (HTTP header, environment variable)
KEY_OPTIONS = {
    "cp_api_id": ("X-CP-API-ID", "X_CP_API_ID"),
    "cp_api_key": ("X-CP-API-KEY", "X_CP_API_KEY"),
    "ecm_api_id": ("X-ECM-API-ID", "X_ECM_API_ID"),
    "ecm_api_key": ("X-ECM-API-KEY", "X_ECM_API_KEY"),
}
SECRET_KEY_OPTIONS = ("cp_api_key", "ecm_api_key")


def connection_argument_spec():
    """Argument spec of the connection options (see doc fragment cradlepoint.ncm.ncm)."""
    from ansible.module_utils.basic import env_fallback

    spec = {
        name: {"type": "str", "no_log": name in SECRET_KEY_OPTIONS, "fallback": (env_fallback, [env])}
        for name, (_header, env) in KEY_OPTIONS.items()
    }
    spec["base_url"] = {"type": "str", "default": DEFAULT_BASE_URL, "fallback": (env_fallback, ["NCM_BASE_URL"])}
    spec["validate_certs"] = {"type": "bool", "default": True, "fallback": (env_fallback, ["NCM_VALIDATE_CERTS"])}
    spec["timeout"] = {"type": "float", "default": 30.0}
    spec["max_retries"] = {"type": "int", "default": DEFAULT_MAX_RETRIES}
    spec["retry_time_budget"] = {"type": "float", "default": DEFAULT_RETRY_TIME_BUDGET}
    return spec


def connection_problems(settings):
    """Messages for connection option values that cannot work (checked before any call; see validate.connection)."""
    try:
        validate.connection(settings)
    except NcmInputError as exc:
        return [str(exc)]
    return []


def missing_key_options(settings):
    """Names of the key options that are neither given nor set in the environment."""
    return [name for name in KEY_OPTIONS if not settings.get(name)]
