# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dynamic inventory of the routers in Cradlepoint NetCloud Manager."""

from __future__ import annotations

DOCUMENTATION = r"""
name: ncm
short_description: Routers of Cradlepoint NetCloud Manager as an Ansible inventory
version_added: 0.1.0
description:
  - Reads the routers of a NetCloud Manager (NCM) account through the NCM API v2 and makes each router a host.
  - The host name is the first non-empty field of O(hostnames), made a safe host name (characters other than
    letters, digits, C(.), C(_) and C(-) become C(_)). When two routers get the same host name, the router with
    the lowest id keeps it and the others get C(_<id>) appended.
  - Every NCM group with at least one router becomes an Ansible group named O(group_prefix) plus the group name
    made safe (characters other than letters, digits and C(_) become C(_)).
  - Host variables are prefixed with C(ncm_) and carry resolved names, not URLs; see the notes for the list.
  - Names are resolved with list calls per endpoint, never one call per router. Routers are read 500 per call,
    with O(workers) pages in flight; group and account names come with the routers
    (C(expand=account,group)); products and firmwares cost one C(id__in) call each per 100 distinct ids.
    10,000 routers in 200 groups cost 23 calls (21 router pages, one of them the empty page that ends the
    list, plus products and firmwares).
  - The connection options may be set in the inventory file (templates such as
    C("{{ lookup('env', 'MY_KEY') }}") are allowed); each one that is not set falls back to its environment
    variable (E(X_CP_API_ID), E(X_CP_API_KEY), E(X_ECM_API_ID), E(X_ECM_API_KEY), E(NCM_BASE_URL),
    E(NCM_VALIDATE_CERTS)), so an AWX credential type can inject them. Keys are never written to the cache or
    the output.
  - Inventory files must be named C(ncm.yml), C(ncm.yaml), or end in C(.ncm.yml) or C(.ncm.yaml).
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as an inventory source of this plugin.
    required: true
    type: str
    choices: [cradlepoint.ncm.ncm]
  hostnames:
    description:
      - Router fields tried in order for the host name; the first that is not empty wins.
    type: list
    elements: str
    default: [name, serial_number, mac, id]
  group_prefix:
    description:
      - Prefix of the Ansible groups made from NCM groups. V("") uses the bare (safe) group name.
    type: str
    default: ncm_group_
  filters:
    description:
      - Server-side filters of the routers list, as documented for the NCM C(routers) endpoint, for example
        V(state), V(state__in), V(name__in), V(serial_number), V(mac), V(reboot_required), V(device_type),
        V(updated_at__gt), V(account), V(group).
      - V(group) and V(account) take names or ids (a name is resolved with one call); a list becomes C(__in).
      - V(product) (a product name or id, or a list) is not a server-side routers filter in NCM; the routers
        are filtered after reading.
      - Unknown filters or operators fail before any API call.
    type: dict
    default: {}
  include_filters:
    description:
      - Jinja2 conditionals on the host variables (C(ncm_*)); when given, a router is kept only if at least one
        is true. Evaluated after reading (or after the cache), like the C(filters) of the constructed plugins.
    type: list
    elements: str
    default: []
  exclude_filters:
    description:
      - Jinja2 conditionals on the host variables; a router for which any of them is true is left out.
        Applied after O(include_filters).
    type: list
    elements: str
    default: []
  locations:
    description:
      - Add C(ncm_location) (latitude, longitude, accuracy, or null) from the C(locations) endpoint.
      - Costs one call per 500 locations of the account (or per 100 routers when few routers are selected).
    type: bool
    default: false
  wan_interfaces:
    description:
      - Add C(ncm_net_devices), the WAN net devices of each router (id, name, type, carrier, connection_state,
        ipv4_address), from the C(net_devices) endpoint.
      - Costs one call per 500 WAN devices of the account (or per 100 routers when few routers are selected).
      - If the keys may not read an enrichment endpoint (403), the inventory is built without it and a warning
        is shown.
    type: bool
    default: false
  workers:
    description:
      - Pages of a list read in parallel (by offset).
    type: int
    default: 4
notes:
  - >-
    Host variables: C(ncm_id), C(ncm_name), C(ncm_serial_number), C(ncm_mac), C(ncm_state), C(ncm_product),
    C(ncm_product_id), C(ncm_actual_firmware), C(ncm_target_firmware) (version strings), C(ncm_group) (name,
    null when the router is in no group), C(ncm_group_id), C(ncm_account) (name), C(ncm_account_id),
    C(ncm_ipv4_address), C(ncm_description), C(ncm_asset_id), C(ncm_custom1), C(ncm_custom2),
    C(ncm_config_status), and with the options C(ncm_location) and C(ncm_net_devices).
  - >-
    A page that still fails after O(max_retries) retries fails the inventory source with the (redacted) NCM
    error and no partial inventory. ansible-core reports a failed source as a warning unless
    E(ANSIBLE_INVENTORY_UNPARSED_FAILED) is true, which is recommended for automation.
  - >-
    The cache holds the processed routers (host names and C(ncm_*) variables), not API responses and never the
    keys; O(compose), O(groups), O(keyed_groups), O(include_filters) and O(exclude_filters) are applied on every
    run, also from the cache. C(--flush-cache) refreshes it. The cache key includes the options that change
    what is read (URL, a one-way digest of the API ids, filters, hostnames, enrichment), not the file's path.
seealso:
  - name: Inventory plugin guide
    description: docs/inventory.md in the collection.
    link: https://github.com/cradlepoint/ansible-collection-ncm/blob/main/docs/inventory.md
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
# ncm.yml -- every router, keys from the environment (X_CP_API_ID, ...)
plugin: cradlepoint.ncm.ncm

# branch.ncm.yml -- online routers of two groups, grouped by state and product, cached for an hour
plugin: cradlepoint.ncm.ncm
filters:
  group: [branch-east, branch-west]
  state: online
hostnames: [name, serial_number]
group_prefix: ncm_
keyed_groups:
  - key: ncm_product
    prefix: product
  - key: ncm_actual_firmware
    prefix: firmware
groups:
  needs_upgrade: ncm_actual_firmware != ncm_target_firmware
compose:
  ansible_host: ncm_ipv4_address
exclude_filters:
  - ncm_description is not none and 'lab' in ncm_description
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ncm-inventory
cache_timeout: 3600

# keys from a vault or a lookup, WAN state and locations
plugin: cradlepoint.ncm.ncm
cp_api_id: "{{ lookup('ansible.builtin.env', 'MY_CP_ID') }}"
cp_api_key: "{{ lookup('ansible.builtin.env', 'MY_CP_KEY') }}"
ecm_api_id: "{{ lookup('ansible.builtin.env', 'MY_ECM_ID') }}"
ecm_api_key: "{{ lookup('ansible.builtin.env', 'MY_ECM_KEY') }}"
wan_interfaces: true
locations: true
keyed_groups:
  - key: ncm_net_devices | map(attribute='carrier') | select | unique
    prefix: carrier
"""

import hashlib
import json
import re

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

try:
    from ansible.inventory.group import to_safe_group_name
except ImportError:  # pragma: no cover
    to_safe_group_name = None

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import (
    HAS_REQUESTS,
    NcmClient,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.connection import KEY_OPTIONS, missing_key_options, settings_from_env
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.inventory_data import NcmData, check_filters
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import Resolver

CONNECTION_OPTIONS = ("cp_api_id", "cp_api_key", "ecm_api_id", "ecm_api_key", "base_url", "validate_certs", "timeout", "max_retries", "retry_time_budget")
# options from the fragment whose documented default must not hide the environment variable
ENV_BEFORE_DEFAULT = ("base_url", "validate_certs")
HOSTNAME_FIELDS = ("name", "serial_number", "mac", "id", "ipv4_address", "asset_id", "custom1", "custom2", "description")
UNSAFE_HOST_CHARS = re.compile(r"[^A-Za-z0-9._-]")
UNSAFE_GROUP_CHARS = re.compile(r"[^A-Za-z0-9_]")
PREFIX = "ncm_"
CACHE_FORMAT = 1


def safe_host_name(value):
    """A host name that ansible-inventory and every connection plugin accept."""
    text = UNSAFE_HOST_CHARS.sub("_", str(value).strip())
    return text.strip("_") or text


def safe_group_name(value):
    """A valid Ansible group name (letters, digits, underscores; not starting with a digit)."""
    text = UNSAFE_GROUP_CHARS.sub("_", str(value).strip())
    if to_safe_group_name is not None:
        text = to_safe_group_name(text, force=True, silent=True)
    return text


def assign_hostnames(views, preference):
    """[(hostname, view)] with unique host names: on a collision the lowest router id keeps the name."""
    ordered = sorted(views, key=lambda v: (len(str(v["id"])), str(v["id"])))
    taken = set()
    named = []
    for view in ordered:
        base = None
        for field in preference:
            value = view.get(field)
            if value not in (None, ""):
                base = safe_host_name(value)
                if base:
                    break
        if not base:
            base = "router_%s" % view["id"]
        name = base
        if name in taken:
            name = "%s_%s" % (base, view["id"])
        taken.add(name)
        named.append((name, view))
    return named


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """cradlepoint.ncm.ncm: routers become hosts, NCM groups become groups."""

    NAME = "cradlepoint.ncm.ncm"

    def verify_file(self, path):
        if not super().verify_file(path):
            return False
        return path.endswith(("ncm.yml", "ncm.yaml"))

    # ---- options ---------------------------------------------------------------------------------------

    def _templated(self, value):
        if isinstance(value, str) and self.templar.is_template(value):
            return self.templar.template(value)
        return value

    def _connection_settings(self, config):
        settings = {}
        for name in CONNECTION_OPTIONS:
            value = self.get_option(name)
            if name in ENV_BEFORE_DEFAULT and name not in config:
                value = None  # the documented default applies only when the environment does not set it
            settings[name] = self._templated(value)
        settings = settings_from_env(settings)
        if settings.get("base_url") is None:
            settings.pop("base_url")
        if settings.get("validate_certs") is None:
            settings["validate_certs"] = True
        else:
            settings["validate_certs"] = boolean(settings["validate_certs"], strict=False)
        missing = missing_key_options(settings)
        if missing:
            raise AnsibleParserError(
                "cradlepoint.ncm.ncm: missing NCM API keys: %s. Set them in the inventory file or in the environment "
                "variables %s." % (", ".join(missing), ", ".join(KEY_OPTIONS[name][1] for name in missing))
            )
        return settings

    def _cache_key(self, settings):
        """A digest of what is read: URL, account (a one-way digest of the API ids, never a key) and options.

        The path of the inventory file is left out on purpose: two files reading the same routers share the data.
        """
        relevant = {
            "base_url": settings.get("base_url"),
            "ids": hashlib.sha256(("%s|%s" % (settings.get("cp_api_id"), settings.get("ecm_api_id"))).encode("utf-8")).hexdigest(),
            "filters": self.get_option("filters"),
            "hostnames": self.get_option("hostnames"),
            "locations": self.get_option("locations"),
            "wan_interfaces": self.get_option("wan_interfaces"),
            "format": CACHE_FORMAT,
        }
        digest = hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:12]
        return "cradlepoint.ncm.ncm_%s" % digest

    # ---- parse -----------------------------------------------------------------------------------------

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache=cache)
        config = self._read_config_data(path) or {}
        if not HAS_REQUESTS:
            raise AnsibleParserError("cradlepoint.ncm.ncm needs the Python library requests on the controller.")
        filters = self.get_option("filters") or {}
        try:
            check_filters(filters)  # unknown filters fail before any call
        except NcmError as exc:
            raise AnsibleParserError("cradlepoint.ncm.ncm: %s" % exc) from None
        unknown = [f for f in self.get_option("hostnames") if f not in HOSTNAME_FIELDS]
        if unknown:
            raise AnsibleParserError(
                "cradlepoint.ncm.ncm: hostnames: unknown field(s) %s; choose from %s."
                % (", ".join(unknown), ", ".join(HOSTNAME_FIELDS))
            )
        settings = self._connection_settings(config)
        cache_key = self._cache_key(settings)

        use_cache = self.get_option("cache")
        read_cache = use_cache and cache
        update_cache = use_cache and not cache
        hosts = None
        if read_cache:
            try:
                hosts = self._cache[cache_key]
            except KeyError:
                update_cache = True
            else:
                if not isinstance(hosts, list):
                    hosts, update_cache = None, True
        if hosts is None:
            hosts = self._fetch(settings, filters)
        if update_cache:
            self._cache[cache_key] = hosts
        self._populate(hosts)

    def _fetch(self, settings, filters):
        """[{"host": name, "vars": {ncm_*}}] from NCM; any API failure fails the source (redacted)."""
        client = NcmClient.from_settings(settings)
        data = NcmData(client, Resolver(client), workers=self.get_option("workers"), warn=self.display.warning)
        try:
            views = data.routers(
                filters=filters, locations=self.get_option("locations"), wan_interfaces=self.get_option("wan_interfaces")
            )
        except NcmError as exc:
            raise AnsibleParserError("cradlepoint.ncm.ncm: %s" % client.redact(to_native(exc))) from None
        self.display.vvv("cradlepoint.ncm.ncm: %d routers, API calls %s" % (len(views), client.counter.as_dict()))
        named = assign_hostnames(views, self.get_option("hostnames"))
        del views
        hosts = []
        for index, (name, view) in enumerate(named):
            hosts.append({"host": name, "vars": {PREFIX + key: value for key, value in view.items()}})
            named[index] = None  # keep one copy alive at a time (100,000 routers)
        return hosts

    def _keep(self, hostvars):
        """include_filters / exclude_filters on the host variables."""
        strict = self.get_option("strict")
        include = self.get_option("include_filters") or []
        exclude = self.get_option("exclude_filters") or []
        if include and not any(self._condition(expr, hostvars, strict) for expr in include):
            return False
        return not any(self._condition(expr, hostvars, strict) for expr in exclude)

    def _condition(self, expr, hostvars, strict):
        try:
            return boolean(self._compose(expr, hostvars), strict=False)
        except Exception as exc:  # pylint: disable=broad-exception-caught
            if strict:
                raise AnsibleParserError("cradlepoint.ncm.ncm: could not evaluate filter %r: %s" % (expr, to_native(exc))) from None
            return False

    def _populate(self, hosts):
        strict = self.get_option("strict")
        prefix = self.get_option("group_prefix") or ""
        compose = self.get_option("compose")
        groups = self.get_option("groups")
        keyed = self.get_option("keyed_groups")
        group_names = {}
        # ansible-core 2.19 wraps the inventory to tag every value set by a plugin with its origin (about 50 us a
        # value: 10 s for 10,000 routers). The ncm_* values are plain data from JSON, never trusted as templates,
        # so they are set on the inventory data directly; compose/groups/keyed_groups still go through the wrapper.
        raw_inventory = getattr(self.inventory, "__wrapped__", self.inventory)
        for entry in hosts:
            hostvars = entry["vars"]
            if not self._keep(hostvars):
                continue
            host = self.inventory.add_host(entry["host"])
            for key, value in hostvars.items():
                raw_inventory.set_variable(host, key, value)
            ncm_group = hostvars.get(PREFIX + "group")
            if ncm_group is not None:
                if ncm_group not in group_names:
                    group_names[ncm_group] = self.inventory.add_group(safe_group_name(prefix + str(ncm_group)))
                self.inventory.add_child(group_names[ncm_group], host)
            if compose:
                self._set_composite_vars(compose, hostvars, host, strict=strict)
                hostvars = self.inventory.get_host(host).get_vars()
            self._add_host_to_composed_groups(groups, hostvars, host, strict=strict)
            self._add_host_to_keyed_groups(keyed, hostvars, host, strict=strict)
