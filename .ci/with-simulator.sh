#!/usr/bin/env bash
# Run a command against the bundled NCM simulator (tests/simulator).
#
#   .ci/with-simulator.sh ansible-playbook my-playbook.yml
#
# Starts the simulator on a free port in the background, exports NCM_BASE_URL and the four
# full-access simulator keys (see docs/simulator.md), runs the command, then stops the
# simulator again, whatever the command's outcome. Exits with the command's exit code.
# SIM_SEED_SIZE (default 50) sets the size of the seeded account; SIM_ARGS adds more options.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-${root}/.venv/bin/python}"
seed_size="${SIM_SEED_SIZE:-50}"
startup_timeout="${SIM_STARTUP_TIMEOUT:-60}"

workdir="$(mktemp -d)"
sim_pid=""

# Called through the EXIT trap (shellcheck cannot see that).
# shellcheck disable=SC2317,SC2329
cleanup() {
    if [ -n "${sim_pid}" ] && kill -0 "${sim_pid}" 2>/dev/null; then
        kill "${sim_pid}" 2>/dev/null || true
        wait "${sim_pid}" 2>/dev/null || true
    fi
    rm -rf "${workdir}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# SIM_ARGS is split on whitespace on purpose (extra simulator options).
# shellcheck disable=SC2086
PYTHONPATH="${root}/tests${PYTHONPATH:+:${PYTHONPATH}}" \
    "${python}" -m simulator --port 0 --seed-size "${seed_size}" ${SIM_ARGS:-} \
    >"${workdir}/stdout" 2>"${workdir}/stderr" &
sim_pid=$!

# The simulator prints its base URL as the first line of stdout once it listens.
base_url=""
deadline=$((SECONDS + startup_timeout))
while [ -z "${base_url}" ]; do
    if ! kill -0 "${sim_pid}" 2>/dev/null; then
        echo "with-simulator: the simulator exited before it was ready:" >&2
        cat "${workdir}/stderr" >&2
        exit 1
    fi
    if [ "${SECONDS}" -ge "${deadline}" ]; then
        echo "with-simulator: no base URL from the simulator after ${startup_timeout}s" >&2
        cat "${workdir}/stderr" >&2
        exit 1
    fi
    sleep 0.2
    base_url="$(head -n 1 "${workdir}/stdout" 2>/dev/null || true)"
    case "${base_url}" in
        http://* | https://*) ;;
        *) base_url="" ;;
    esac
done

export NCM_BASE_URL="${base_url}"
export X_CP_API_ID=sim-cp-id
export X_CP_API_KEY=sim-cp-key
export X_ECM_API_ID=sim-ecm-id
export X_ECM_API_KEY=sim-ecm-key
echo "with-simulator: NCM simulator at ${NCM_BASE_URL} (seed size ${seed_size})" >&2

rc=0
"$@" || rc=$?
exit "${rc}"
