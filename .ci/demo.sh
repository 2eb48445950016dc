#!/usr/bin/env bash
# The README demo: run by `make demo` through .ci/with-simulator.sh, which provides
# NCM_BASE_URL and the keys.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"

echo "==> ansible-playbook playbooks/demo.yml"
ansible-playbook playbooks/demo.yml
echo "==> ansible-inventory -i playbooks/inventory/demo.ncm.yml --graph"
ansible-inventory -i playbooks/inventory/demo.ncm.yml --graph
