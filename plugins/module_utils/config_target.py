# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which configuration a task means: a group's configuration, or a router's configuration manager.

Shared by ncm_config (writes it) and ncm_config_info (reads it), so both name and find the layer the same way and
at the same cost: a group is one resolver lookup; a router given by id is one configuration_managers list call
with the router expanded; a router given otherwise (or an all-digit value that is no router's id, tried next as a
MAC, serial number and name in the resolver's order) is resolved first, then its configuration manager is listed.
"""

from __future__ import annotations

from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import is_id, is_unknown


def config_target(client, resolver, router=None, group=None, assume=False):
    """The configuration layer named by ``router`` or ``group`` (option values as the user wrote them).

    Returns ``{kind, id, name, endpoint, write_id, configuration, cm, router, group_record}``: ``endpoint`` and
    ``write_id`` address the write; ``cm`` is the router's configuration manager (None for a group).

    With ``assume`` (check mode of a writing module), a group or a router named by name that an earlier task only
    plans is a placeholder (see resolve.py) with an empty configuration instead of a failure.
    """
    if group is not None:
        record = resolver.one("group", group, "group", assume=assume)
        return {"kind": "group", "id": str(record["id"]), "name": record.get("name"), "endpoint": "groups",
                "write_id": str(record["id"]), "configuration": record.get("configuration"), "cm": None,
                "router": None, "group_record": record}
    value = str(router)
    # the resolver's order (docs/identifiers.md): an id first; a value that is no router's id (the all-digit
    # name 777) goes through the router steps like any other value
    cms = client.list("configuration_managers", params={"router": value, "expand": "router"}) if is_id(value) else []
    if cms:
        cm = cms[0]
        record = cm["router"] if isinstance(cm.get("router"), dict) else {"id": value}
    else:
        record = resolver.one("router", value, "router", assume=assume)
        if is_unknown(record):  # check mode: a router an earlier task renames; compared with an empty config
            return {"kind": "router", "id": record["id"], "name": record["name"], "endpoint": "configuration_managers",
                    "write_id": None, "configuration": None, "cm": None, "router": record, "group_record": None}
        cms = client.list("configuration_managers", params={"router": record["id"]})
        if not cms:
            raise NcmInputError("router: router %s (id %s) has no configuration manager." % (value, record["id"]))
        cm = cms[0]
    return {"kind": "router", "id": str(record["id"]), "name": record.get("name"), "endpoint": "configuration_managers",
            "write_id": str(cm["id"]), "configuration": cm.get("configuration"), "cm": cm, "router": record,
            "group_record": None}
