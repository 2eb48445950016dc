#!/usr/bin/env bash
# Build the collection's docs site (plugin, role and guide pages) with antsibull-docs + Sphinx into
# .tmp/docsite/build/html. Works offline: no collection download, no intersphinx inventories.
#
#   scripts/docs-build.sh          # strict: any docs error or Sphinx warning fails the build
#   DOCS_STRICT=0 scripts/docs-build.sh
#
# Needs antsibull-docs, sphinx and sphinx-ansible-theme (requirements-dev.txt) in .venv or on PATH.
#
# Offline, the references that generated pages make into the Ansible docs (common_return_values, the
# ANSIBLE_* environment variables, ...) cannot resolve; those warnings are expected and listed in
# EXTERNAL_REFS below. Every other Sphinx warning fails a strict build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"
bin="${root}/.venv/bin"
[ -x "${bin}/antsibull-docs" ] || bin="$(dirname "$(command -v antsibull-docs)")"
strict="${DOCS_STRICT:-1}"
dest="${root}/.tmp/docsite"

# antsibull-docs finds the collection through .tmp/collections (a symlink to this checkout).
link="${root}/.tmp/collections/ansible_collections/cradlepoint/ncm"
mkdir -p "$(dirname "${link}")"
[ -e "${link}" ] || ln -sfn "${root}" "${link}"
export ANSIBLE_COLLECTIONS_PATH="${root}/.tmp/collections"
# antsibull-docs runs ansible-doc and ansible from PATH.
export PATH="${bin}:${PATH}"

fail_on_error=(--fail-on-error)
if [ "${strict}" = "0" ]; then
    fail_on_error=()
fi
# Warnings about targets that live in the Ansible docs (only reachable through intersphinx, online).
EXTERNAL_REFS="undefined label: '(common_return_values|ansible_configuration_settings|callback_plugins|\
inventory_plugins|playbooks_.*|module_defaults|become|intro_.*|collections_.*|ansible_collections\.ansible\.builtin\..*)'\
|'envvar' reference target not found: ANSIBLE_"

rm -rf "${dest}"
mkdir -p "${dest}"
chmod 700 "${dest}"  # antsibull-docs wants directories only writable by their owner

"${bin}/antsibull-docs" sphinx-init --use-current --squash-hierarchy "${fail_on_error[@]}" \
    --dest-dir "${dest}" \
    --project cradlepoint.ncm --copyright "cradlepoint.ncm contributors" \
    --title "Cradlepoint NCM Collection" --html-short-title "cradlepoint.ncm" \
    cradlepoint.ncm >/dev/null

# Offline: no intersphinx inventories from the network.
cat >>"${dest}/conf.py" <<'PY'

# Added by scripts/docs-build.sh: build offline, without intersphinx inventories from the network.
intersphinx_mapping = {}
PY

mkdir -p "${dest}/rst"
chmod 700 "${dest}/rst"
"${bin}/antsibull-docs" --config-file "${dest}/antsibull-docs.cfg" collection \
    --use-current --squash-hierarchy "${fail_on_error[@]}" --cleanup everything \
    --dest-dir "${dest}/rst" cradlepoint.ncm

warnings="${dest}/sphinx-warnings.txt"
"${bin}/sphinx-build" -M html "${dest}/rst" "${dest}/build" -c "${dest}" -q --keep-going -w "${warnings}"

own="$(grep -vE "${EXTERNAL_REFS}" "${warnings}" | grep -E 'WARNING|ERROR|CRITICAL' || true)"
external="$(grep -cE "${EXTERNAL_REFS}" "${warnings}" || true)"
echo "docs-build: ${external} warning(s) about references into the Ansible docs (unresolvable offline)"
if [ -n "${own}" ]; then
    echo "docs-build: Sphinx warnings in the collection's docs:" >&2
    echo "${own}" >&2
    if [ "${strict}" != "0" ]; then
        exit 1
    fi
fi
echo "docs-build: site in ${dest#"${root}/"}/build/html/index.html"
