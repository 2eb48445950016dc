#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generic read of any documented NCM API v2 GET endpoint."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_info
short_description: Read any documented NetCloud Manager API v2 endpoint
version_added: 0.1.0
description:
  - Reads the records of any GET endpoint documented in the NCM API v2 reference, with filters, C(fields),
    C(expand) and every page (500 records per call).
  - Endpoints that refuse C(offset) (C(alert_push_destinations), C(alert_rules), C(historical_locations),
    C(net_device_signal_samples), C(net_device_usage_samples), C(router_state_samples),
    C(router_stream_usage_samples)) are paged through their C(meta.next) cursor; the others are read with
    O(workers) pages in parallel.
  - Filters are passed as given; NCM rejects an unknown filter with a 400 answer naming it, and the task fails
    with that message.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.info_module
options:
  endpoint:
    description:
      - Name of the endpoint, as in the reference (for example V(routers), V(net_devices), V(alerts)).
    type: str
    required: true
    choices:
      - accounts
      - activity_logs
      - alert_push_destinations
      - alert_rules
      - alerts
      - batteries
      - configuration_managers
      - device_app_bindings
      - device_app_states
      - device_app_versions
      - device_apps
      - failovers
      - firmwares
      - groups
      - historical_locations
      - locations
      - net_device_health
      - net_device_metrics
      - net_device_signal_samples
      - net_device_usage_samples
      - net_devices
      - products
      - router_alerts
      - router_lans
      - router_logs
      - router_state_samples
      - router_stream_usage_samples
      - routers
      - speed_test
      - users
  id:
    description:
      - Read this one record (C(GET /<endpoint>/<id>/)); O(filters) and O(limit) do not apply.
    type: str
  filters:
    description:
      - "Query filters as documented for the endpoint, for example C({state: online, group__in: [1, 2]}).
        Lists become comma-separated C(__in) values, booleans C(true)/C(false)."
    type: dict
    default: {}
  fields:
    description:
      - Only these fields (dotted names reach into related objects, for example V(router.name)).
    type: list
    elements: str
  expand:
    description:
      - Related fields to expand into objects (for example V(account), V(router)).
    type: list
    elements: str
  limit:
    description:
      - Return at most this many records (reads only the pages needed). Default is every record.
    type: int
  workers:
    description: Pages read in parallel on endpoints that allow C(offset), when O(limit) is not set.
    type: int
    default: 4
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Every connected modem, name and uptime only
  cradlepoint.ncm.ncm_info:
    endpoint: net_devices
    filters:
      connection_state: connected
      mode: wan
    fields: [id, name, uptime, router]
  register: modems

- name: The 50 latest alerts
  cradlepoint.ncm.ncm_info:
    endpoint: router_alerts
    limit: 50

- name: One router with its account expanded
  cradlepoint.ncm.ncm_info:
    endpoint: routers
    id: "1234"
    expand: [account]
"""

RETURN = r"""
records:
  description: The records read (one record when O(id) is given).
  returned: always
  type: list
  elements: dict
  sample:
    - id: "1"
      name: router-00001
count:
  description: Number of records returned.
  returned: always
  type: int
  sample: 1
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 1, writes: 0, retries: 0, total: 1}
"""

from itertools import islice

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import PAGE_LIMIT
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import GET_ENDPOINTS
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, NcmModule

RESERVED = ("limit", "offset", "fields", "expand")


class Info(NcmModule):
    """ncm_info: GET any documented endpoint, all pages."""

    identifier_options = ("id",)
    argument_spec = {
        "endpoint": {"type": "str", "required": True, "choices": list(GET_ENDPOINTS)},
        "id": {"type": "str"},
        "filters": {"type": "dict", "default": {}},
        "fields": {"type": "list", "elements": "str"},
        "expand": {"type": "list", "elements": "str"},
        "limit": {"type": "int"},
        "workers": {"type": "int", "default": 4},
    }
    mutually_exclusive = [("id", "limit")]

    def execute(self):
        endpoint = self.params["endpoint"]
        filters = dict(self.params["filters"] or {})
        reserved = [key for key in filters if key in RESERVED]
        if reserved:
            raise NcmInputError("filters: %s are not filters; use the options fields, expand and limit." % ", ".join(reserved))
        limit = self.params["limit"]
        if limit is not None and limit < 1:
            raise NcmInputError("limit: must be 1 or more, got %s." % limit)
        fields = self.params["fields"] or None
        if self.params["expand"]:
            filters["expand"] = ",".join(self.params["expand"])
        if self.params["id"]:
            params = {key: value for key, value in filters.items() if key == "expand"}
            if fields:
                params["fields"] = ",".join(fields)
            record = self.client.request("GET", self.client.url(endpoint, self.params["id"]), params=params or None)
            records = [record] if record is not None else []
        elif limit is not None:
            page = min(limit, PAGE_LIMIT)
            records = list(islice(self.client.iter_list(endpoint, params=filters, fields=fields, limit=page), limit))
        else:
            records = self.client.list_parallel(endpoint, params=filters, fields=fields, workers=self.params["workers"])
        self.result["records"] = records
        self.result["count"] = len(records)


def main():
    Info().run()


if __name__ == "__main__":
    main()
