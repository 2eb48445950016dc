"""Smoke test of the harness: a real ansible-playbook run against the simulator."""

from harness import HEADERS, run_playbook

PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: list routers
      ansible.builtin.uri:
        url: "{{ lookup('env', 'NCM_BASE_URL') }}routers/?limit=5"
        headers: %s
      register: routers
    - name: check
      ansible.builtin.assert:
        that:
          - routers.json.data | length == 5
          - routers.json.data[0].name == 'router-00001'
""" % (dict(HEADERS),)


def test_playbook_against_simulator(sim):
    run = run_playbook(sim, PLAYBOOK)
    assert run.rc == 0, run.stdout + run.stderr
    assert run.task("list routers")["result"]["status"] == 200
    assert not run.task("check")["failed"]
    assert run.calls["total"] == 1
    assert run.calls["by_endpoint"] == {"routers": {"GET": 1}}
    assert run.writes == 0


def test_sim_fixture_resets_state(sim):
    resp = sim.api("POST", "groups/", json={"name": "tmp", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/3/"})
    assert resp.status_code == 201
    assert any(g["name"] == "tmp" for g in sim.state()["groups"])
    sim.reset()
    assert not any(g["name"] == "tmp" for g in sim.state()["groups"])
    assert sim.calls()["total"] == 0
