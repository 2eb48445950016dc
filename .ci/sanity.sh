#!/usr/bin/env bash
# Run `ansible-test sanity` on a real copy of the checkout.
#
#   .ci/sanity.sh [VENV] [PYTHON_VERSION] [ansible-test sanity options...]
#
# ansible-test needs the collection in a real directory named
# .../ansible_collections/cradlepoint/ncm (a symlink is resolved away) and lists the files
# with git, so the files git would see (tracked + untracked-but-not-ignored) are copied to
# .tmp/sanity-<ansible-core X.Y>/ansible_collections/cradlepoint/ncm and indexed in a fresh git repo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-${root}/.venv}"
# Absolute: the script runs ansible-test from inside the copy (`.ci/sanity.sh .venv` used to fail there).
venv="$(cd "${venv}" && pwd)"
pyver="${2:-3.11}"
shift $(($# < 2 ? $# : 2))

python="${venv}/bin/python"
ansible_test="${venv}/bin/ansible-test"

# ansible-test bootstraps pip in its test venvs with get-pip-<version>.py downloaded from
# ci-files.testing.ansible.com. Where that host is unreachable, a stand-in that uses the
# interpreter's ensurepip does the same job. An already cached script is left alone.
pip_pin="$("${python}" - <<'PY'
import pathlib, re
import ansible_test
text = (pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py").read_text()
print(re.search(r"pip='([0-9.]+)'", text).group(1))
PY
)"
# Each ansible-core version gets its own HOME for ansible-test (its caches live in ~/.ansible/test), so that
# `make sanity-all` can run the legs side by side: two legs on one Python would otherwise share, and race on,
# the same cached sanity venvs. The HOME is kept in .tmp, so later runs start warm.
core="$("${python}" -c 'from ansible.release import __version__ as v; print(".".join(v.split(".")[:2]))')"
export HOME="${root}/.tmp/sanity-${core}-home"
mkdir -p "${HOME}"
cache="${HOME}/.ansible/test/cache"
standin="${cache}/get_pip_${pip_pin//./_}.py"
if [ ! -s "${standin}" ]; then
    mkdir -p "${cache}"
    cp "${root}/.ci/get_pip_standin.py" "${standin}"
    echo "sanity: installed get-pip stand-in ${standin}"
fi

# One copy per ansible-core version (the 2.16 and 2.19 legs both run on Python 3.11).
dest_base="${root}/.tmp/sanity-${core}"
dest="${dest_base}/ansible_collections/cradlepoint/ncm"
rm -rf "${dest_base}"
mkdir -p "${dest}"

# Copy what git sees (respects .gitignore: no .venv, .tmp, tests/output, caches).
(
    cd "${root}"
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' path; do
            if [ -e "${path}" ] || [ -L "${path}" ]; then
                printf '%s\0' "${path}"
            fi
        done |
        tar --null --files-from=- -cf - |
        tar -xf - -C "${dest}"
)

# ansible-test runs its pip bootstrap as a script in the temporary directory, so a stray Python
# module there (say /tmp/types.py) would shadow the standard library: give it a private one.
export TMPDIR="${root}/.tmp/sanity-${core}-tmp"
rm -rf "${TMPDIR}"
mkdir -p "${TMPDIR}"

cd "${dest}"
git init -q .
git add -A

"${ansible_test}" sanity --python "${pyver}" --color no "$@"
