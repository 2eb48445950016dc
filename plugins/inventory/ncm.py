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
  - The host name is the first non-empty entry of O(hostnames) (a router field or a Jinja2 template), made a
    safe host name (characters other than letters, digits, C(.), C(_) and C(-) become C(_)). When two routers
    get the same host name, the router with the lowest id keeps it and the others get C(_<id>) appended.
  - Every router is in the group O(routers_group) (default C(ncm_routers)). Every NCM group with at least one
    router becomes an Ansible group named O(group_prefix) plus the group name made safe (characters other than
    letters, digits and C(_) become C(_)), a child of O(routers_group).
  - Host variables are named O(hostvars_prefix) + field + O(hostvars_suffix) (default C(ncm_id), C(ncm_name), ...)
    and carry resolved names, not URLs. O(host_variables) chooses the fields; see the notes for the list.
  - Names are resolved with list calls per endpoint, never one call per router. Routers are read 500 per call,
    with O(workers) pages in flight; group and account names come with the routers
    (C(expand=account,group)); products and firmwares cost one C(id__in) call each per 100 distinct ids.
    10,000 routers in 200 groups cost 23 calls (21 router pages, one of them the empty page that ends the
    list, plus products and firmwares).
  - The connection options may be set in the inventory file (templates such as
    C("{{ lookup('ansible.builtin.env', 'MY_KEY') }}") are allowed) or by the environment variables listed with
    each option, so an AWX credential type can inject them; the file wins. Keys are never written to the cache
    or the output.
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
  cp_api_id:
    env:
      - name: X_CP_API_ID
  cp_api_key:
    env:
      - name: X_CP_API_KEY
  ecm_api_id:
    env:
      - name: X_ECM_API_ID
  ecm_api_key:
    env:
      - name: X_ECM_API_KEY
  base_url:
    env:
      - name: NCM_BASE_URL
  validate_certs:
    env:
      - name: NCM_VALIDATE_CERTS
  hostnames:
    description:
      - Tried in order for the host name; the first that is not empty wins.
      - Each entry is a router field (V(name), V(serial_number), V(mac), V(id), V(ipv4_address), V(asset_id),
        V(custom1), V(custom2), V(description)) or a Jinja2 template over the host variables, as in O(compose),
        for example V({{ ncm_name }}-{{ ncm_serial_number }}). A template sees the host variables chosen by
        O(host_variables), with O(hostvars_prefix) and O(hostvars_suffix).
      - A template that renders empty, or cannot be rendered (for example an undefined variable), counts as empty
        unless O(strict) is true, which fails the inventory.
    type: list
    elements: str
    default: [name, serial_number, mac, id]
  host_variables:
    description:
      - The router fields set as host variables (see the notes for the list). V(all) stands for every field.
      - The default is a lean set, because every variable of every host costs time and memory in
        C(ansible-inventory --list) (AWX's inventory sync); add the fields your plays, O(compose), O(groups),
        O(keyed_groups) and filters use.
      - Fields that are not set are not read from NCM either (and a name that no field needs costs no call).
    type: list
    elements: str
    default: [id, name, serial_number, state, product, actual_firmware, target_firmware, group, ipv4_address]
  hostvars_prefix:
    description:
      - Prefix of the host variable names. The name (prefix + field + suffix) must be a valid variable name.
    type: str
    default: ncm_
  hostvars_suffix:
    description:
      - Suffix of the host variable names.
    type: str
    default: ""
  routers_group:
    description:
      - The group that holds every router of this source; the groups made from NCM groups are its children and
        routers in no NCM group are its direct members (not in C(ungrouped)).
      - V("") leaves it out; the NCM groups are then top-level groups and routers in no NCM group are in
        C(ungrouped).
    type: str
    default: ncm_routers
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
    Fields for O(host_variables) (shown with the default prefix): C(ncm_id), C(ncm_name), C(ncm_serial_number),
    C(ncm_mac), C(ncm_state), C(ncm_product) (name), C(ncm_product_id), C(ncm_actual_firmware),
    C(ncm_target_firmware) (version strings), C(ncm_group) (name, null when the router is in no group),
    C(ncm_group_id), C(ncm_account) (name), C(ncm_account_id), C(ncm_ipv4_address), C(ncm_description),
    C(ncm_asset_id), C(ncm_custom1), C(ncm_custom2), C(ncm_config_status); with the options O(locations) and
    O(wan_interfaces) also C(ncm_location) and C(ncm_net_devices).
  - >-
    A page that still fails after O(max_retries) retries fails the inventory source with the (redacted) NCM
    error and no partial inventory. ansible-core reports a failed source as a warning unless
    E(ANSIBLE_INVENTORY_UNPARSED_FAILED) is true, which is recommended for automation.
  - >-
    The cache holds the processed routers (host names and variables), not API responses and never the keys;
    O(compose), O(groups), O(keyed_groups), O(include_filters) and O(exclude_filters) are applied on every run,
    also from the cache. C(--flush-cache) refreshes it. The cache key includes the options that change what is
    read or named (URL, a one-way digest of the API ids, filters, hostnames, host variables and their prefix and
    suffix, enrichment), not the file's path.
  - >-
    Values read from NCM are never templated: on ansible-core 2.19 and later they are not trusted as templates,
    on earlier versions they are marked unsafe.
seealso:
  - name: Inventory plugin guide
    description: docs/inventory.md in the collection.
    link: https://github.com/cradlepoint-ncm/cradlepoint.ncm/blob/main/docs/inventory.md
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
host_variables: [id, name, state, product, actual_firmware, target_firmware, ipv4_address, description]
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

# every field, host names made of name and serial number, variables named like router_state_ncm
plugin: cradlepoint.ncm.ncm
host_variables: [all]
hostnames:
  - "{{ router_name_ncm }}-{{ router_serial_number_ncm }}"
  - id
hostvars_prefix: router_
hostvars_suffix: _ncm
routers_group: cradlepoint

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

try:  # ansible-core >= 2.19 (data tagging): values are untrusted unless tagged; the file's templates are trusted
    from ansible.template import trust_as_template

    DATA_TAGGING = True
except ImportError:  # ansible-core < 2.19: values must be marked unsafe, the file's templates are plain strings
    from ansible.utils.unsafe_proxy import wrap_var

    DATA_TAGGING = False

    def trust_as_template(value):
        """Templates from the inventory file are trusted as they are before data tagging."""
        return value

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import (
    HAS_REQUESTS,
    NcmClient,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.connection import KEY_OPTIONS, connection_problems, missing_key_options
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.inventory_data import VIEW_FIELDS, NcmData, check_filters
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import Resolver

CONNECTION_OPTIONS = (
    "cp_api_id", "cp_api_key", "ecm_api_id", "ecm_api_key", "base_url", "validate_certs", "timeout", "max_retries",
    "retry_time_budget",
)
HOSTNAME_FIELDS = ("name", "serial_number", "mac", "id", "ipv4_address", "asset_id", "custom1", "custom2", "description")
UNSAFE_HOST_CHARS = re.compile(r"[^A-Za-z0-9._-]")
UNSAFE_GROUP_CHARS = re.compile(r"[^A-Za-z0-9_]")
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CACHE_FORMAT = 2


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


def is_template(entry):
    """A hostnames entry is a Jinja2 template when it has a variable or block delimiter."""
    return "{{" in entry or "{%" in entry


def assign_hostnames(views, preference, render=None):
    """[(hostname, view)] with unique host names: on a collision the lowest router id keeps the name.

    ``preference`` holds router fields and templates; ``render(template, view)`` renders a template (text or None).
    """
    ordered = sorted(views, key=lambda v: (len(str(v["id"])), str(v["id"])))
    taken = set()
    named = []
    for view in ordered:
        base = None
        for entry in preference:
            value = render(entry, view) if is_template(entry) else view.get(entry)
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

    # Set the host variables in one step on the Host (see _set_host_vars); False forces the public API.
    bulk_host_vars = True

    def verify_file(self, path):
        if not super().verify_file(path):
            return False
        return path.endswith(("ncm.yml", "ncm.yaml"))

    # ---- options ---------------------------------------------------------------------------------------

    def _templated(self, value):
        if isinstance(value, str) and self.templar.is_template(value):
            return self.templar.template(value)
        return value

    def _connection_settings(self):
        """The connection options: the file wins, then the environment variables declared in DOCUMENTATION."""
        settings = {name: self._templated(self.get_option(name)) for name in CONNECTION_OPTIONS}
        missing = missing_key_options(settings)
        if missing:
            raise AnsibleParserError(
                "cradlepoint.ncm.ncm: missing NCM API keys: %s. Set them in the inventory file or in the environment "
                "variables %s." % (", ".join(missing), ", ".join(KEY_OPTIONS[name][1] for name in missing))
            )
        problems = connection_problems(settings)
        if problems:
            raise AnsibleParserError("cradlepoint.ncm.ncm: %s" % " ".join(problems))
        return settings

    def _check_options(self):
        """Options that can be wrong fail before any API call; returns the view fields to read."""
        try:
            check_filters(self.get_option("filters") or {})
        except NcmError as exc:
            raise AnsibleParserError("cradlepoint.ncm.ncm: %s" % exc) from None
        unknown = [f for f in self.get_option("hostnames") if not is_template(f) and f not in HOSTNAME_FIELDS]
        if unknown:
            raise AnsibleParserError(
                "cradlepoint.ncm.ncm: hostnames: unknown field(s) %s; choose from %s, or write a template such as "
                "'{{ ncm_name }}'." % (", ".join(unknown), ", ".join(HOSTNAME_FIELDS))
            )
        wanted = self.get_option("host_variables")
        unknown = [f for f in wanted if f != "all" and f not in VIEW_FIELDS]
        if unknown:
            raise AnsibleParserError(
                "cradlepoint.ncm.ncm: host_variables: unknown field(s) %s; choose from all, %s."
                % (", ".join(unknown), ", ".join(VIEW_FIELDS))
            )
        sample = "%sid%s" % (self.get_option("hostvars_prefix") or "", self.get_option("hostvars_suffix") or "")
        if not VARIABLE_NAME.match(sample):
            raise AnsibleParserError(
                "cradlepoint.ncm.ncm: hostvars_prefix/hostvars_suffix: %r is not a valid variable name "
                "(letters, digits and _, not starting with a digit)." % sample
            )
        return VIEW_FIELDS if "all" in wanted else tuple(f for f in VIEW_FIELDS if f in wanted)

    def _cache_key(self, settings):
        """A digest of what is read: URL, account (a one-way digest of the API ids, never a key) and options.

        The path of the inventory file is left out on purpose: two files reading the same routers share the data.
        """
        relevant = {
            "base_url": settings.get("base_url"),
            "ids": hashlib.sha256(("%s|%s" % (settings.get("cp_api_id"), settings.get("ecm_api_id"))).encode("utf-8")).hexdigest(),
            "format": CACHE_FORMAT,
        }
        for option in ("filters", "hostnames", "host_variables", "hostvars_prefix", "hostvars_suffix", "locations", "wan_interfaces"):
            relevant[option] = self.get_option(option)
        digest = hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:12]
        return "cradlepoint.ncm.ncm_%s" % digest

    # ---- parse -----------------------------------------------------------------------------------------

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache=cache)
        self._read_config_data(path)
        if not HAS_REQUESTS:
            raise AnsibleParserError("cradlepoint.ncm.ncm needs the Python library requests on the controller.")
        fields = self._check_options()
        settings = self._connection_settings()
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
            hosts = self._fetch(settings, fields)
        if update_cache:
            self._cache[cache_key] = hosts  # ansible-core writes it after parse(); it must stay whole until then
        self._populate(hosts, release=not update_cache)
        if read_cache and not update_cache:
            self._cache.pop(cache_key, None)  # in the inventory now; not written back (nothing changed)

    def _fetch(self, settings, fields):
        """[{"host": name, "group": NCM group name, "vars": {field: value}}] from NCM.

        Any API failure fails the source (redacted). Fields read only for the host name or the NCM group are not
        kept in the variables.
        """
        client = NcmClient.from_settings(settings)
        data = NcmData(client, Resolver(client), workers=self.get_option("workers"), warn=self.display.warning)
        preference = self.get_option("hostnames")
        read = fields + tuple(f for f in dict.fromkeys(list(preference) + ["group"]) if f in VIEW_FIELDS and f not in fields)
        try:
            views = data.routers(
                filters=self.get_option("filters") or {},
                locations=self.get_option("locations"),
                wan_interfaces=self.get_option("wan_interfaces"),
                fields=read,
            )
        except NcmError as exc:
            raise AnsibleParserError("cradlepoint.ncm.ncm: %s" % client.redact(to_native(exc))) from None
        self.display.vvv("cradlepoint.ncm.ncm: %d routers, API calls %s" % (len(views), client.counter.as_dict()))
        extra = [f for f in read if f not in fields]
        named = assign_hostnames(views, preference, self._render_hostname)
        del views
        hosts = []
        for index, (name, view) in enumerate(named):
            group = view.get("group")
            for field in extra:
                del view[field]
            hosts.append({"host": name, "group": group, "vars": view})
            named[index] = None  # keep one copy alive at a time (100,000 routers)
        return hosts

    def _render_hostname(self, template, view):
        """A hostnames template rendered over the host variables; None when it cannot be rendered (not strict)."""
        try:
            self.templar.available_variables = self._host_vars(view)
            value = self.templar.template(trust_as_template(template))
        except Exception as exc:  # pylint: disable=broad-exception-caught
            if self.get_option("strict"):
                raise AnsibleParserError("cradlepoint.ncm.ncm: hostnames: could not render %r: %s" % (template, to_native(exc))) from None
            return None
        return None if value is None else str(value).strip()

    # ---- populate --------------------------------------------------------------------------------------

    def _host_vars(self, view):
        """The host variables of a view: names with prefix and suffix; values marked unsafe before data tagging."""
        prefix = self.get_option("hostvars_prefix") or ""
        suffix = self.get_option("hostvars_suffix") or ""
        if DATA_TAGGING:
            return {prefix + key + suffix: value for key, value in view.items()}
        return {prefix + key + suffix: wrap_var(value) for key, value in view.items()}

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

    def _set_host_vars(self, name, hostvars):
        """Set all host variables of a new host; True when it took the shortcut.

        ansible-core 2.19+ hands plugins a wrapper of the inventory whose ``set_variable`` copies and tags every
        value with its origin (about 50 us a value: 10 s for 10,000 routers). The values are plain data from JSON
        that must never be templated (untrusted by default on 2.19+, marked unsafe before), so the whole dict is
        made the Host's variables on the wrapped inventory data, with no copy. Where ansible-core has no wrapper
        (before 2.19) the inventory itself is used; where a Host does not keep its variables in a ``vars`` dict,
        the public ``set_variable`` is used instead (slower, same result).
        """
        raw = getattr(self.inventory, "__wrapped__", self.inventory)
        host = raw.get_host(name) if self.bulk_host_vars else None
        current = getattr(host, "vars", None)
        if isinstance(current, dict):
            if current:
                current.update(hostvars)
            else:
                host.vars = hostvars
            return True
        for key, value in hostvars.items():
            self.inventory.set_variable(name, key, value)
        return False

    def _populate(self, hosts, release=True):
        """Hosts, groups and variables into the inventory; with ``release`` each entry is dropped once handed over."""
        strict = self.get_option("strict")
        prefix = self.get_option("group_prefix") or ""
        compose = self.get_option("compose")
        groups = self.get_option("groups")
        keyed = self.get_option("keyed_groups")
        umbrella = self.get_option("routers_group")
        if umbrella:
            umbrella = self.inventory.add_group(safe_group_name(umbrella))
        group_names = {}
        for index, entry in enumerate(hosts):
            hostvars = self._host_vars(entry["vars"])
            if release:
                hosts[index] = None  # the inventory holds the variables now (100,000 routers)
            if not self._keep(hostvars):
                continue
            ncm_group = entry["group"]
            parent = umbrella or None
            if ncm_group is not None:
                parent = group_names.get(ncm_group)
                if parent is None:
                    parent = group_names[ncm_group] = self.inventory.add_group(safe_group_name(prefix + str(ncm_group)))
                    if umbrella:
                        self.inventory.add_child(umbrella, parent)
            host = self.inventory.add_host(entry["host"], group=parent)
            self._set_host_vars(host, hostvars)
            if compose:
                self._set_composite_vars(compose, hostvars, host, strict=strict)
                hostvars = self.inventory.get_host(host).get_vars()
            self._add_host_to_composed_groups(groups, hostvars, host, strict=strict)
            self._add_host_to_keyed_groups(keyed, hostvars, host, strict=strict)
