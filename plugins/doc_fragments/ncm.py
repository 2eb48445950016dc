# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options shared by every module and the inventory plugin."""

from __future__ import annotations


class ModuleDocFragment:
    """The NCM API v2 connection options."""

    DOCUMENTATION = r"""
options:
  cp_api_id:
    description:
      - Cradlepoint API ID (C(X-CP-API-ID) header).
      - Required, here or in the environment variable E(X_CP_API_ID).
    type: str
  cp_api_key:
    description:
      - Cradlepoint API key (C(X-CP-API-KEY) header). Never logged or returned.
      - Required, here or in the environment variable E(X_CP_API_KEY).
    type: str
  ecm_api_id:
    description:
      - NetCloud API ID (C(X-ECM-API-ID) header). Its NCM role decides what the caller may do.
      - Required, here or in the environment variable E(X_ECM_API_ID).
    type: str
  ecm_api_key:
    description:
      - NetCloud API key (C(X-ECM-API-KEY) header). Never logged or returned.
      - Required, here or in the environment variable E(X_ECM_API_KEY).
    type: str
  base_url:
    description:
      - Base URL of the NCM API v2, ending in C(/api/v2/).
      - Point it at the bundled simulator for offline development.
      - If not set, the environment variable E(NCM_BASE_URL) is used.
    type: str
    default: https://www.cradlepointecm.com/api/v2/
  validate_certs:
    description:
      - Verify the server's TLS certificate. Only set to V(false) for a simulator with a self-signed certificate.
      - If not set, the environment variable E(NCM_VALIDATE_CERTS) is used.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each HTTP request. Must be more than 0.
    type: float
    default: 30
  max_retries:
    description:
      - How many times a request that met a 5xx answer, a timeout (C(408), C(504), C(524)) or a connection error is
        retried, with exponential backoff and jitter (C(Retry-After) honoured). V(0) disables retries, also of
        C(429).
      - A C(429) (NCM throttling the account) does not count against this number; O(retry_time_budget) bounds it.
      - A create (POST) is never repeated blindly. When its outcome is unknown (connection lost, 5xx, timeout) the
        module reads the resource again and posts again only if it is absent, at most this many times.
      - A list page that times out twice is asked again with half as many records per page (down to 20), so a
        slow account still lists completely.
    type: int
    default: 5
  retry_time_budget:
    description:
      - Seconds one request may keep being retried, counted from its first failure. C(429) answers are retried
        after their C(Retry-After) plus a random jitter (up to half of it, at least 1 s) for as long as this budget
        allows; a C(Retry-After) that would end past it fails the task at once. Other retries also stop when it is
        spent.
      - While a C(Retry-After) runs, no other request of the same task or inventory source is sent, and a parallel
        listing goes on one page at a time.
      - Must be 0 or more.
    type: float
    default: 300
notes:
  - The four keys are required; each falls back to its environment variable, so an AWX credential type or a CI
    secret store can inject them without writing them into a playbook or an inventory file.
  - Requires the Python packages C(requests) and C(pydantic) (v2) on the host that runs the module, usually the
    controller.
  - Every option that names NCM records (a router, group, product, firmware, account, user, push destination) is
    read the same way in every module. Before any API call, an empty or whitespace-only value, the texts V(None)
    and V(null) (what an unset variable renders as), a boolean, a float, a control character or a value over 1024
    characters fails naming the option and the value. Then the value is resolved in one order - router id, MAC,
    serial number, name; group, product and account id, name; user id, e-mail, username - where an id is ASCII
    digits without a leading zero, and a value that is no record's id is tried as a name (so the router V(777)
    is the router with id 777, or else the router named C(777)). Names are matched exactly whatever characters they hold, commas included. See
    the collection's C(docs/identifiers.md).
  - Number options must be finite and not booleans; O(timeout) must be more than 0, O(max_retries) 0 or more, and
    O(base_url) an C(http://) or C(https://) URL ending in C(/api/v2/), all checked before any API call.
  - O(validate_certs) is honoured on every request also when E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE) is set;
    with O(validate_certs=true) those variables choose the CA bundle.
requirements:
  - requests >= 2.31
  - pydantic >= 2.5
"""
