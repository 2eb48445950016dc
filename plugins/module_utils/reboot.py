# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The description of a reboot (an action on a router or on every router of a group), run by ``ncm_reboot``."""

from __future__ import annotations

from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.options import TARGET_EXCLUSIVE, TARGET_SPEC, check_wait_options, wait_spec
from ansible_collections.cradlepoint.ncm.plugins.module_utils.polling import poll_until
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import KNOWN_AFTER_APPLY, is_unknown

STATE_FIELDS = ["id", "name", "state", "state_updated_at"]


def _brief(router, *extra):
    return dict({"id": str(router["id"]), "name": router.get("name")}, **{key: router.get(key) for key in extra})


class RebootResource(NcmModule):
    """ncm_reboot: an action on one router or a group, with an optional wait for the routers to return."""

    resource = "reboot"
    plan_identity = ((), ("router", "group"))

    identifier_options = ("router", "group")
    argument_spec = dict(TARGET_SPEC, **wait_spec(timeout=600, interval=10))
    mutually_exclusive = TARGET_EXCLUSIVE
    required_one_of = TARGET_EXCLUSIVE

    def execute(self):
        check_wait_options(self.params)
        target, routers = self.targets()
        if routers is None:  # check mode: the router or group does not exist yet; its routers are known after apply
            self.result["reboot"] = dict(target, rebooted=[], offline=[])
            self.set_plan("reboot", True, before={"rebooted": []}, after={"rebooted": [KNOWN_AFTER_APPLY]})
            return
        online = [r for r in routers if r.get("state") == "online"]
        offline = [r for r in routers if r.get("state") != "online"]
        report = dict(target, rebooted=[_brief(r) for r in online], offline=[_brief(r, "state") for r in offline])
        self.result["reboot"] = report
        if offline:
            self.module.warn(
                "not rebooted, not online (a reboot request to them is lost): %s"
                % ", ".join("%s (%s)" % (r.get("name"), r.get("state")) for r in offline)
            )
        self.set_plan("reboot" if online else "none", bool(online),
                      before={"rebooted": []}, after={"rebooted": [r.get("name") for r in online]})
        if not online or self.check_mode:
            return
        kind, target_id = next(iter(target.items()))
        self.client.post("reboot_activity", {kind: self.client.url(kind + "s", target_id)})
        if self.params["wait"]:
            self.wait_for(online, report)

    def targets(self):
        """({'router'|'group': id}, the target routers with their state); in check mode, the routers are None for a
        router or group that an earlier task only plans (assumed, see resolve.py)."""
        if self.params["router"] is not None:
            router = self.resolver.one("router", self.params["router"], "router", assume=True)
            return {"router": str(router["id"])}, (None if is_unknown(router) else [router])
        group = self.resolver.one("group", self.params["group"], "group", assume=True)
        if is_unknown(group):
            return {"group": group["id"]}, None
        routers = self.client.list("routers", params={"group": group["id"]}, fields=STATE_FIELDS)
        return {"group": str(group["id"])}, routers

    def wait_for(self, rebooted, report):
        """Poll (one list call per poll) until each router is back online or wait_timeout passes."""
        before = {str(r["id"]): r.get("state_updated_at") for r in rebooted}
        names = {str(r["id"]): r.get("name") for r in rebooted}
        went_down, back = set(), set()

        def all_back():
            waiting = [rid for rid in before if rid not in back]
            for router in self.client.list_in("routers", "id", waiting, fields=STATE_FIELDS):
                rid = str(router["id"])
                if router.get("state") != "online":
                    went_down.add(rid)
                elif rid in went_down or router.get("state_updated_at") != before[rid]:
                    back.add(rid)
            return len(back) == len(before)

        poll_until(all_back, self.params["wait_timeout"], self.params["poll_interval"], sleep_first=True)
        report["returned"] = [{"id": rid, "name": names[rid]} for rid in before if rid in back]
        report["timed_out"] = [{"id": rid, "name": names[rid]} for rid in before if rid not in back]
        if report["timed_out"]:
            self.fail(
                "wait_timeout: %s of %s rebooted router(s) not back online after %s s: %s"
                % (len(report["timed_out"]), len(before), self.params["wait_timeout"],
                   ", ".join("%s (id %s)" % (r["name"], r["id"]) for r in report["timed_out"])),
                **self.result
            )
