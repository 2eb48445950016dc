#!/usr/bin/env bash
# Check execution-environment.yml without a container engine or network:
#   1. build the collection tarball the EE installs (.tmp/dist/cradlepoint-ncm-<version>.tar.gz);
#   2. `ansible-builder create` writes the build context into .tmp/ee;
#   3. check the generated Containerfile and dependency files (base image, Python, ansible-core, tarball);
#   4. do the galaxy stage's install of requirements.yml locally (from the tarball in the build context), then
#      run ansible-builder's own introspection on the installed collection, as the image build does: it must
#      find the collection's Python requirements through meta/execution-environment.yml.
#
#   scripts/ee-check.sh            # uses .venv/bin/ansible-builder, or ansible-builder on PATH
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"
bin="${root}/.venv/bin"
[ -x "${bin}/ansible-builder" ] || bin="$(dirname "$(command -v ansible-builder)")"
py="${bin}/python"
out="${root}/.tmp/ee"

fail=0
ok() { echo "ee-check: ok: $1"; }
bad() {
    echo "ee-check: FAILED: $1" >&2
    fail=1
}
check() { # check FILE PATTERN DESCRIPTION
    if grep -qE -- "$2" "$1"; then ok "$3"; else bad "$3 (no '$2' in ${1#"${root}/"})"; fi
}
yq() { # yq FILE PYTHON-EXPRESSION-ON-d
    "${py}" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

version="$(yq galaxy.yml 'd["version"]')"
tarball="cradlepoint-ncm-${version}.tar.gz"
"${bin}/ansible-galaxy" collection build --force --output-path "${root}/.tmp/dist" . >/dev/null
ok "built .tmp/dist/${tarball}"

# The EE installs exactly this version's tarball from the build context.
files="$(yq execution-environment.yml '[f["src"] for f in d.get("additional_build_files", [])]')"
case "${files}" in
    *"'.tmp/dist/${tarball}'"*) ok "additional_build_files copies .tmp/dist/${tarball}" ;;
    *) bad "additional_build_files must copy .tmp/dist/${tarball} (galaxy.yml version ${version}): ${files}" ;;
esac

rm -rf "${out}"
mkdir -p "${out}"
"${bin}/ansible-builder" create -f execution-environment.yml -c "${out}" --output-filename Containerfile -v 1

containerfile="${out}/Containerfile"
[ -f "${containerfile}" ] || {
    echo "ee-check: FAILED: no Containerfile in ${out}" >&2
    exit 1
}
base_image="$(yq execution-environment.yml 'd["images"]["base_image"]["name"]')"
check "${containerfile}" "^ARG EE_BASE_IMAGE=\"${base_image//./\\.}\"" "base image ${base_image}"
if grep -qF "${base_image}" <(grep '^#' execution-environment.yml) &&
    grep -qiE '^#.*python 3\.[0-9]+' execution-environment.yml; then
    ok "execution-environment.yml documents the base image and its Python"
else
    bad "execution-environment.yml must say (in its comments) which base image and Python it assumes"
fi
check "${containerfile}" '^ARG PYCMD="/usr/bin/python3"' "the base image's /usr/bin/python3"
check "${containerfile}" 'ansible-core>=2\.(1[6-9]|2[0-9])' "ansible-core >= 2.16 is installed"
check "${containerfile}" 'ansible-runner' "ansible-runner is installed"
check "${containerfile}" 'ansible-galaxy collection install' "collections are installed"
check "${out}/_build/requirements.txt" '^requests' "python requirements: requests"
check "${out}/_build/requirements.txt" '^pydantic' "python requirements: pydantic"
check "${out}/_build/bindep.txt" 'python3-pip' "system requirements"
if [ -f "${out}/_build/local-collections/${tarball}" ] && cmp -s "${out}/_build/local-collections/${tarball}" \
    "${root}/.tmp/dist/${tarball}"; then
    ok "the build context holds the fresh ${tarball}"
else
    bad "the build context lacks the fresh ${tarball} (_build/local-collections/)"
fi
if grep -qE 'galaxy\.ansible\.com|^- name: cradlepoint\.ncm' "${out}/_build/requirements.yml"; then
    bad "requirements.yml installs cradlepoint.ncm from a Galaxy server, not from the tarball"
fi

# The galaxy stage runs `ansible-galaxy collection install -r requirements.yml` in /build (= _build).
installed="${root}/.tmp/ee-installed"
rm -rf "${installed}"
sed "s#/build/#${out}/_build/#g" "${out}/_build/requirements.yml" >"${root}/.tmp/ee-requirements.yml"
if ANSIBLE_COLLECTIONS_PATH="${installed}" "${bin}/ansible-galaxy" collection install --offline --force \
    -r "${root}/.tmp/ee-requirements.yml" -p "${installed}" >/dev/null; then
    ok "requirements.yml installs $(yq "${installed}/ansible_collections/cradlepoint/ncm/MANIFEST.json" \
        '"%s.%s %s" % (d["collection_info"]["namespace"], d["collection_info"]["name"], d["collection_info"]["version"])')"
else
    bad "ansible-galaxy collection install -r requirements.yml failed"
fi
# ansible-builder's introspection (run in the image on the installed collections) must find requests/pydantic.
if "${py}" "${out}/_build/scripts/introspect.py" introspect "${installed}" \
    --write-pip "${root}/.tmp/ee-introspected.txt" >/dev/null &&
    grep -q '^requests.*# from collection cradlepoint.ncm' "${root}/.tmp/ee-introspected.txt" &&
    grep -q '^pydantic.*# from collection cradlepoint.ncm' "${root}/.tmp/ee-introspected.txt"; then
    ok "introspection finds the collection's Python requirements (meta/execution-environment.yml)"
else
    bad "ansible-builder introspection does not find requests/pydantic from cradlepoint.ncm"
fi
exit "${fail}"
