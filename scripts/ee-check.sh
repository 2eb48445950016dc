#!/usr/bin/env bash
# Check execution-environment.yml: `ansible-builder create` writes the build context into .tmp/ee (no
# container engine, no network), then the generated Containerfile and dependency files are checked.
#
#   scripts/ee-check.sh            # uses .venv/bin/ansible-builder, or ansible-builder on PATH
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"
builder="${ANSIBLE_BUILDER:-${root}/.venv/bin/ansible-builder}"
py="${root}/.venv/bin/python"
[ -x "${py}" ] || py="$(command -v python3)"
[ -x "${builder}" ] || builder="$(command -v ansible-builder)"
out="${root}/.tmp/ee"

rm -rf "${out}"
mkdir -p "${out}"
"${builder}" create -f execution-environment.yml -c "${out}" --output-filename Containerfile -v 1

fail=0
check() { # check FILE PATTERN DESCRIPTION
    if ! grep -qE -- "$2" "$1"; then
        echo "ee-check: FAILED: $3 (no '$2' in ${1#"${root}/"})" >&2
        fail=1
    else
        echo "ee-check: ok: $3"
    fi
}

containerfile="${out}/Containerfile"
[ -f "${containerfile}" ] || { echo "ee-check: FAILED: no Containerfile in ${out}" >&2; exit 1; }
base_image="$("${py}" -c 'import yaml; print(yaml.safe_load(open("execution-environment.yml"))["images"]["base_image"]["name"])')"
check "${containerfile}" "^ARG EE_BASE_IMAGE=\"${base_image//./\\.}\"" "base image ${base_image}"
check "${containerfile}" 'ansible-core>=2\.19' "ansible-core 2.19 is installed"
check "${containerfile}" 'ansible-runner' "ansible-runner is installed"
check "${containerfile}" 'ansible-galaxy collection install' "collections are installed"
check "${out}/_build/requirements.yml" 'cradlepoint\.ncm' "galaxy requirements name cradlepoint.ncm"
check "${out}/_build/requirements.txt" '^requests' "python requirements: requests"
check "${out}/_build/requirements.txt" '^pydantic' "python requirements: pydantic"
check "${out}/_build/bindep.txt" 'python3-pip' "system requirements"
# The collection's own EE metadata must point at an existing requirements file.
python_req="$("${py}" -c 'import yaml; print(yaml.safe_load(open("meta/execution-environment.yml"))["dependencies"]["python"])' 2>/dev/null || true)"
if [ -n "${python_req}" ] && [ -f "${python_req}" ]; then
    echo "ee-check: ok: meta/execution-environment.yml -> ${python_req}"
else
    echo "ee-check: FAILED: meta/execution-environment.yml names a missing python requirements file '${python_req}'" >&2
    fail=1
fi
exit "${fail}"
