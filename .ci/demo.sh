#!/usr/bin/env bash
# The README demo: run by `make demo` through .ci/with-simulator.sh, which provides
# NCM_BASE_URL and the keys.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"

echo "==> ansible-playbook playbooks/demo.yml"
# The demo runs on the implicit localhost: no inventory needed, so no warning about it.
ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false \
    ansible-playbook playbooks/demo.yml
echo "==> ansible-inventory -i playbooks/inventory/demo.ncm.yml --graph"
# Fail (instead of printing an empty graph) if the inventory source cannot be parsed.
ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i playbooks/inventory/demo.ncm.yml --graph
