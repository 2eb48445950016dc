#!/usr/bin/env bash
# Print the path of a working Python interpreter of version X.Y, or fail saying where it looked.
#
#   .ci/find-python.sh 3.12
#
# Looks, in order, at $PYTHON_X_Y (say PYTHON_3_12=/opt/python/bin/python3.12), pythonX.Y on PATH, and the
# pyenv builds ($PYENV_ROOT or `pyenv root`, then ~/.pyenv: versions/X.Y.*). A candidate counts only if it
# runs and reports version X.Y: a pyenv shim for a version that is not selected does not.
set -euo pipefail

want="${1:?usage: $0 X.Y}"
override_var="PYTHON_${want//./_}"
works() { # works PYTHON: it runs, is version X.Y and can create a venv
    [ -x "$1" ] &&
        [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "${want}" ] &&
        "$1" -c 'import ensurepip, venv' >/dev/null 2>&1
}

if [ -n "${!override_var:-}" ]; then
    if works "${!override_var}"; then
        echo "${!override_var}"
        exit 0
    fi
    echo "find-python: ${override_var}=${!override_var} is not a working Python ${want} with venv" >&2
    exit 1
fi
candidates=()
if command -v "python${want}" >/dev/null 2>&1; then
    candidates+=("$(command -v "python${want}")")
fi
roots=()
[ -n "${PYENV_ROOT:-}" ] && roots+=("${PYENV_ROOT}")
if command -v pyenv >/dev/null 2>&1; then
    roots+=("$(pyenv root 2>/dev/null || true)")
fi
roots+=("${HOME}/.pyenv")
seen=" "
for root in "${roots[@]}"; do
    case "${seen}" in *" ${root} "*) continue ;; esac
    seen="${seen}${root} "
    [ -n "${root}" ] || continue
    # newest patch release first
    while IFS= read -r dir; do
        candidates+=("${dir}/bin/python${want}")
    done < <(find "${root}/versions" -mindepth 1 -maxdepth 1 -name "${want}.*" 2>/dev/null | sort -rV)
done

for python in "${candidates[@]}"; do
    if works "${python}"; then
        echo "${python}"
        exit 0
    fi
done

{
    echo "find-python: no working Python ${want} (with venv and ensurepip) found."
    echo "  looked at: python${want} on PATH and the pyenv builds in:${seen% }"
    echo "  install one (pyenv install ${want}, or your distribution's python${want}-venv),"
    echo "  or point ${override_var} at it."
} >&2
exit 1
