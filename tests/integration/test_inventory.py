"""ansible-inventory with the cradlepoint.ncm.ncm plugin against the simulator."""

import json
import pathlib
import subprocess
import tempfile

import pytest
from ansible.release import __version__ as ansible_version

from harness import BIN, KEYS, Simulator, base_env, run_inventory, unwrap

ANSIBLE_VERSION = tuple(int(part) for part in ansible_version.split(".")[:2])

SECRETS = ("sim-cp-key", "sim-ecm-key")


def listing(sim, text, **kwargs):
    """(parsed --list output, stderr, calls); fails the test on a non-zero rc."""
    rc, out, err, calls = run_inventory(sim, text, "--list", **kwargs)
    assert rc == 0, out + err
    for secret in SECRETS:
        assert secret not in out and secret not in err
    return unwrap(json.loads(out)), err, calls


def hosts_of(data, group):
    return sorted(data.get(group, {}).get("hosts", []))


LEAN = ["ncm_actual_firmware", "ncm_group", "ncm_id", "ncm_ipv4_address", "ncm_name", "ncm_product",
        "ncm_serial_number", "ncm_state", "ncm_target_firmware"]


def test_list_small_account(sim):
    data, err, calls = listing(sim, "plugin: cradlepoint.ncm.ncm\n")
    hostvars = data["_meta"]["hostvars"]
    assert sorted(hostvars) == ["router-%05d" % i for i in range(1, 11)]
    assert hosts_of(data, "ncm_group_group_001") == ["router-00001", "router-00004", "router-00007"]
    assert hosts_of(data, "ncm_group_group_003") == ["router-00003", "router-00006", "router-00009"]
    # the umbrella group: NCM groups are its children, a router in no NCM group is its direct member
    assert sorted(data["ncm_routers"]["children"]) == ["ncm_group_group_00%d" % i for i in (1, 2, 3)]
    assert hosts_of(data, "ncm_routers") == ["router-00010"]
    assert not hosts_of(data, "ungrouped")
    first = hostvars["router-00001"]
    assert sorted(first) == LEAN  # the lean default set
    assert first["ncm_id"] == "1"
    assert first["ncm_serial_number"] == "WA240000000001"
    assert first["ncm_product"] == "IBR900"
    assert first["ncm_actual_firmware"] == first["ncm_target_firmware"] == "7.24.30"
    assert first["ncm_group"] == "group-001"
    assert hostvars["router-00007"]["ncm_state"] == "offline"
    assert hostvars["router-00010"]["ncm_group"] is None
    # routers (1 page) + products + firmwares; group names come with the routers
    assert calls["total"] == 3, calls["by_endpoint"]
    routers_query = [entry["query"] for entry in calls["log"] if entry["path"].endswith("/routers/")][0]
    for unused in ("account", "custom1", "description", "config_status"):  # not read unless host_variables asks
        assert unused not in routers_query
    assert calls["writes"] == 0 and calls["redirects"] == 0
    assert "warning" not in err.lower(), err  # no spurious warning (the plugin's say "NCM ...")


def test_every_host_variable(sim):
    data, _err, calls = listing(sim, "plugin: cradlepoint.ncm.ncm\nhost_variables: [all]\n")
    first = data["_meta"]["hostvars"]["router-00001"]
    assert len(first) == 19
    assert first["ncm_mac"] == "00:30:44:00:00:01"
    assert first["ncm_account"] == "Sim Account" and first["ncm_account_id"] == "1"
    assert first["ncm_config_status"] == "synched"
    assert first["ncm_group_id"] == "1" and first["ncm_product_id"] == "1"
    assert "ncm_location" not in first and "ncm_net_devices" not in first
    assert calls["total"] == 3, calls["by_endpoint"]
    # only the id: no product or firmware lookup at all
    data, _err, calls = listing(sim, "plugin: cradlepoint.ncm.ncm\nhost_variables: [id]\nhostnames: [serial_number]\n")
    assert data["_meta"]["hostvars"]["WA240000000001"] == {"ncm_id": "1"}
    assert hosts_of(data, "ncm_group_group_001") == ["WA240000000001", "WA240000000004", "WA240000000007"]
    assert calls["total"] == 1, calls["by_endpoint"]


def test_hostname_templates_prefix_suffix_and_no_umbrella_group(sim):
    text = """
plugin: cradlepoint.ncm.ncm
hostvars_prefix: cp_
hostvars_suffix: _x
routers_group: ""
hostnames:
  - "{{ cp_state_x }}-{{ cp_name_x | regex_replace('^router-0*', '') }}"
  - id
"""
    data, _err, _calls = listing(sim, text)
    hostvars = data["_meta"]["hostvars"]
    assert sorted(hostvars)[:3] == ["offline-7", "online-1", "online-10"]
    assert hostvars["online-1"]["cp_name_x"] == "router-00001" and "ncm_name" not in hostvars["online-1"]
    assert "ncm_routers" not in data
    assert hosts_of(data, "ungrouped") == ["online-10"]
    # an undefined variable: the entry counts as empty (the next one wins); with strict it fails loudly
    text = "plugin: cradlepoint.ncm.ncm\nhostnames: ['{{ ncm_mac }}', serial_number]\n"
    data, _err, _calls = listing(sim, text)
    assert "WA240000000001" in data["_meta"]["hostvars"]
    rc, _out, err, calls = run_inventory(sim, text + "strict: true\n", "--list", env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0 and "hostnames: could not render" in " ".join(err.split()) and "ncm_mac" in err
    rc, _out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\nhostvars_prefix: 1x\n", "--list",
                                         env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0 and "'1xid' is not a valid variable name" in " ".join(err.split()) and calls["total"] == 0
    rc, _out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\nhost_variables: [id, colour]\n", "--list",
                                         env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0 and "host_variables: unknown field(s) colour" in " ".join(err.split()) and calls["total"] == 0


def test_values_from_ncm_are_never_templated(sim):
    """A router name holding a template is shown as written in a play, on every ansible-core version."""
    resp = sim.api("PUT", "routers/1/", json={"name": "evil-{{ 6 * 7 }}"})
    assert resp.status_code == 202, resp.text
    with tempfile.TemporaryDirectory(prefix="ncm-inv-") as tmp:
        path = pathlib.Path(tmp) / "ncm.yml"
        path.write_text("plugin: cradlepoint.ncm.ncm\ncompose:\n  shown: ncm_name\n", encoding="utf-8")
        proc = subprocess.run(
            [str(BIN / "ansible"), "-i", str(path), "evil*", "-m", "ansible.builtin.debug", "-a",
             "msg={{ ncm_name }}|{{ shown }}"],
            capture_output=True, text=True, env=base_env(sim, env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"}),
            check=False, timeout=300, cwd=tmp,
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "evil-{{ 6 * 7 }}|evil-{{ 6 * 7 }}" in proc.stdout
    assert "42" not in proc.stdout


def test_graph(sim):
    rc, out, err, _calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\n", "--graph")
    assert rc == 0, err
    assert "@ncm_group_group_002:" in out and "|--router-00005" in out


def test_constructed_options_and_hostnames(sim):
    text = """
plugin: cradlepoint.ncm.ncm
hostnames: [serial_number]
group_prefix: ""
compose:
  ansible_host: ncm_ipv4_address
groups:
  needs_attention: ncm_state != 'online'
keyed_groups:
  - key: ncm_product
    prefix: product
include_filters:
  - ncm_group is not none
exclude_filters:
  - ncm_id == '4'
strict: true
"""
    data, _err, _calls = listing(sim, text)
    hostvars = data["_meta"]["hostvars"]
    assert "WA240000000010" not in hostvars  # no group: not included
    assert "WA240000000004" not in hostvars  # excluded
    assert len(hostvars) == 8
    assert hostvars["WA240000000001"]["ansible_host"] == "10.0.0.1"
    assert hosts_of(data, "needs_attention") == ["WA240000000007"]
    assert hosts_of(data, "product_IBR900") == ["WA240000000001", "WA240000000007"]
    assert hosts_of(data, "group_002") == ["WA240000000002", "WA240000000005", "WA240000000008"]


def test_duplicate_names_and_unsafe_characters(sim):
    for router in ("2", "5"):
        resp = sim.api("PUT", "routers/%s/" % router, json={"asset_id": "branch office"})
        assert resp.status_code == 202, resp.text
    data, _err, _calls = listing(sim, "plugin: cradlepoint.ncm.ncm\nhostnames: [asset_id, mac]\n")
    hostvars = data["_meta"]["hostvars"]
    assert hostvars["branch_office"]["ncm_id"] == "2"
    assert hostvars["branch_office_5"]["ncm_id"] == "5"
    assert hostvars["00_30_44_00_00_03"]["ncm_id"] == "3"


def test_server_side_filters(sim):
    text = "plugin: cradlepoint.ncm.ncm\nfilters:\n  group: group-001\n  state: offline\n"
    data, _err, calls = listing(sim, text)
    assert sorted(data["_meta"]["hostvars"]) == ["router-00007"]
    log = [entry for entry in calls["log"] if entry["path"].endswith("/routers/")]
    assert any("group=1" in entry["query"] and "state=offline" in entry["query"] for entry in log), log
    data, _err, _calls = listing(sim, "plugin: cradlepoint.ncm.ncm\nfilters:\n  product: [E300]\n  name__in: [router-00002, router-00003]\n")
    assert sorted(data["_meta"]["hostvars"]) == ["router-00002"]


def test_unknown_filter_fails_before_any_call(sim):
    rc, _out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\nfilters:\n  colour: red\n", "--list",
                                         env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0
    assert "colour" in err and "not a documented filter" in err
    assert calls["total"] == 0


def test_enrichment(sim):
    data, _err, calls = listing(sim, "plugin: cradlepoint.ncm.ncm\nlocations: true\nwan_interfaces: true\n")
    hostvars = data["_meta"]["hostvars"]
    assert hostvars["router-00005"]["ncm_location"]["latitude"] == pytest.approx(40.005)
    assert hostvars["router-00001"]["ncm_location"] is None
    wans = hostvars["router-00007"]["ncm_net_devices"]
    assert [w["type"] for w in wans] == ["ethernet", "mdm"]
    assert wans[1]["carrier"] == "Verizon" and wans[1]["connection_state"] == "disconnected"
    assert calls["by_endpoint"]["locations"]["GET"] == 1
    assert calls["by_endpoint"]["net_devices"]["GET"] == 1


def test_enrichment_the_keys_may_not_read_degrades_with_a_warning(sim):
    sim.configure(forbidden_reads=["net_devices"])
    data, err, calls = listing(sim, "plugin: cradlepoint.ncm.ncm\nlocations: true\nwan_interfaces: true\n")
    hostvars = data["_meta"]["hostvars"]
    assert len(hostvars) == 10
    assert hostvars["router-00005"]["ncm_location"]["latitude"] == pytest.approx(40.005)
    assert "403 forbidden" in " ".join(err.split()) and "WAN" in err.upper()
    assert calls["by_status"].get("403") == 1


def test_a_refused_expand_falls_back_to_plain_reads(sim):
    # a server that refuses every expand (4xx): the same inventory, names looked up by id instead
    expected, _err, _calls = listing(sim, "plugin: cradlepoint.ncm.ncm\n")
    sim.configure(refuse_expand=1)
    data, _err, calls = listing(sim, "plugin: cradlepoint.ncm.ncm\n")
    assert data["_meta"]["hostvars"] == expected["_meta"]["hostvars"]
    assert data["_meta"]["hostvars"]["router-00001"]["ncm_group"] == "group-001"
    refused = [c for c in calls["log"] if c["status"] == 400]
    assert refused and all("expand=" in c["query"] for c in refused)
    assert calls["by_endpoint"]["groups"]["GET"] == 1  # the group names, by id


def test_credentials_from_file_templated(sim):
    text = """
plugin: cradlepoint.ncm.ncm
cp_api_id: "{{ lookup('ansible.builtin.env', 'MY_CP_ID') }}"
cp_api_key: "{{ lookup('ansible.builtin.env', 'MY_CP_KEY') }}"
ecm_api_id: sim-ecm-id
ecm_api_key: "{{ lookup('ansible.builtin.env', 'MY_ECM_KEY') }}"
"""
    env = {"MY_CP_ID": "sim-cp-id", "MY_CP_KEY": "sim-cp-key", "MY_ECM_KEY": "sim-ecm-key"}
    data, _err, _calls = listing(sim, text, keys={}, env=env)
    assert len(data["_meta"]["hostvars"]) == 10
    rc, _out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\n", "--list", keys={},
                                         env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0 and "missing NCM API keys" in err and "X_ECM_API_KEY" in err
    assert calls["total"] == 0


def test_wrong_keys_fail_loudly_without_leaking(sim):
    keys = dict(KEYS, X_ECM_API_KEY="wrong-secret-key")
    rc, out, err, _calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\nmax_retries: 0\n", "--list", keys=keys,
                                         env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0
    assert "401" in err
    assert "wrong-secret-key" not in out + err


def test_cache_hit_makes_zero_calls(sim, tmp_path):
    cache_dir = tmp_path / "cache"
    text = """
plugin: cradlepoint.ncm.ncm
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: %s
cache_timeout: 600
keyed_groups:
  - key: ncm_state
    prefix: state
""" % cache_dir
    first, _err, calls = listing(sim, text)
    assert calls["total"] == 3
    second, _err, calls = listing(sim, text)
    assert calls["total"] == 0, calls["log"]
    assert second == first
    cached = "".join(p.read_text(encoding="utf-8") for p in pathlib.Path(cache_dir).iterdir())
    assert "router-00001" in cached
    for secret in SECRETS + ("sim-ecm-id", "sim-cp-id"):
        assert secret not in cached
    # --flush-cache reads NCM again: ansible-playbook has it on every supported ansible-core,
    # ansible-inventory from 2.17 on.
    inventory = tmp_path / "flush.ncm.yml"
    inventory.write_text(text, encoding="utf-8")
    playbook = tmp_path / "noop.yml"
    playbook.write_text("- hosts: all\n  gather_facts: false\n  tasks: []\n", encoding="utf-8")
    sim.reset_calls()
    proc = subprocess.run([str(BIN / "ansible-playbook"), "-i", str(inventory), "--flush-cache", "--list-hosts",
                           str(playbook)], capture_output=True, text=True, env=base_env(sim), check=False)
    assert proc.returncode == 0 and "router-00001" in proc.stdout, proc.stdout + proc.stderr
    assert sim.calls()["total"] == 3
    if ANSIBLE_VERSION >= (2, 17):
        rc, _out, _err, calls = run_inventory(sim, text, "--list", "--flush-cache")
        assert rc == 0 and calls["total"] == 3


@pytest.mark.parametrize("retries", [0, 2])
def test_max_retries_is_the_number_of_retries(sim, retries):
    # every request fails: the first page of routers is tried 1 + max_retries times (the default is 5), then the
    # source fails loudly
    sim.set_faults(rate=1.0, kinds=["503"], retry_after=0)
    text = "plugin: cradlepoint.ncm.ncm\nmax_retries: %d\n" % retries
    rc, _out, err, calls = run_inventory(sim, text, "--list", env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0 and "503 server error" in err, err[-2000:]
    assert calls["by_endpoint"] == {"routers": {"GET": 1 + retries}}, calls["by_endpoint"]
    assert calls["faults"] == calls["total"] == 1 + retries


def test_broken_page_fails_the_inventory(sim):
    sim.set_faults(rate=1.0, kinds=["500"])
    text = "plugin: cradlepoint.ncm.ncm\nmax_retries: 1\n"
    rc, out, err, calls = run_inventory(sim, text, "--list", env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0
    assert "500 server error" in err and "/api/v2/routers/" in err
    assert calls["faults"] == 2  # the first try and one retry
    for secret in SECRETS:
        assert secret not in out + err
    # without UNPARSED_FAILED, ansible-core turns it into a warning, and no partial inventory is produced
    rc, out, err, _calls = run_inventory(sim, text, "--list")
    assert rc == 0 and "500 server error" in err
    assert not unwrap(json.loads(out)).get("_meta", {}).get("hostvars")


@pytest.fixture(scope="module")
def sim10k():
    server = Simulator().start(seed_size=10000)
    yield server
    server.stop()


def test_ten_thousand_routers(sim10k):
    rc, out, err, calls = run_inventory(sim10k, "plugin: cradlepoint.ncm.ncm\n", "--graph")
    assert rc == 0, err
    assert out.count("|--router-") == 10000
    # 200 NCM groups; the 20 groups the seed leaves empty (every router i % 10 == 0 is in no group) are not shown
    assert len([line for line in out.splitlines() if "|--@ncm_group_" in line]) == 180
    # 20 pages of 500 (+ at most one speculative empty page of the parallel reader) + products + firmwares
    assert calls["total"] <= 23, calls["by_endpoint"]
    assert calls["by_endpoint"]["routers"]["GET"] <= 21
    rc, out, err, _calls = run_inventory(sim10k, "plugin: cradlepoint.ncm.ncm\n", "--host", "router-09999")
    assert rc == 0, err
    host = unwrap(json.loads(out))
    assert host["ncm_group"] == "group-%03d" % (((9999 - 1) % 200) + 1) and host["ncm_state"] == "online"
    rc, out, _err, _calls = run_inventory(sim10k, "plugin: cradlepoint.ncm.ncm\nfilters:\n  group: group-199\n", "--graph")
    assert rc == 0 and out.count("|--router-") == 50


def test_under_faults_and_throttling_the_list_is_complete_or_the_source_fails():
    """Issue 18 item 4: 20 % faults of every kind plus a request budget far below the offered load (4 workers).

    Either every router is listed (retries honour Retry-After within retry_time_budget), or the source fails
    loudly; never a partial list.
    """
    with Simulator().start(seed_size=1600) as server:
        server.set_faults(rate=0.2, seed=18)
        server.configure(rate_limit_rps=4, rate_limit_burst=1)
        data, _err, calls = listing(server, "plugin: cradlepoint.ncm.ncm\nhost_variables: [id]\n")
        assert len(data["_meta"]["hostvars"]) == 1600
        assert sorted(h["ncm_id"] for h in data["_meta"]["hostvars"].values()) == sorted(str(i) for i in range(1, 1601))
        assert calls["throttled"] > 0 and calls["faults"] > 0, calls
        # a budget too small to wait out the throttling: a loud failure, and no host at all without UNPARSED_FAILED
        server.set_faults(rate=0.0)
        text = "plugin: cradlepoint.ncm.ncm\nhost_variables: [id]\nretry_time_budget: 0\n"
        rc, _out, err, calls = run_inventory(server, text, "--list", env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
        assert rc != 0 and "429" in err, err
        assert calls["throttled"] > 0
        rc, out, err, _calls = run_inventory(server, text, "--list")
        assert rc == 0 and "429" in err
        assert not unwrap(json.loads(out)).get("_meta", {}).get("hostvars")
