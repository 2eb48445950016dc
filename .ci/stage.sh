#!/usr/bin/env bash
# Run one stage of `make test`, print its wall time and the CPU time (user + system) of everything it ran,
# and append both to TIMINGS_FILE.
#   .ci/stage.sh NAME COMMAND [ARGS...]
# The CPU time tells where the work goes even on a busy machine, where wall times stretch.
set -euo pipefail

name="$1"
shift
timings="${TIMINGS_FILE:-.tmp/timings.txt}"
mkdir -p "$(dirname "${timings}")"

# STAGE_BUFFER=1 (.ci/lanes.sh, stages side by side): the output goes to a file and is printed in one piece when
# the stage ends, under a lock, so that stages running at the same time do not interleave their lines.
buffer="${STAGE_BUFFER:-0}"
start="${SECONDS}"
rc=0
if [ "${buffer}" = "1" ]; then
    echo "==> [${name}] started"
    log="$(mktemp)"
    "$@" >"${log}" 2>&1 </dev/null || rc=$?
else
    echo "==> [${name}] $*"
    "$@" || rc=$?
fi
elapsed=$((SECONDS - start))
# `times` prints the shell's own and then its children's user and system time, e.g. "0m1.250s 0m0.125s" (the
# children's include every process they waited for): the stage's CPU time is the children's sum. It must run in
# this shell (a command substitution is a subshell with no children of its own), hence the file.
times_file="$(mktemp)"
times >"${times_file}"
cpu="$(tail -n 1 "${times_file}" | awk '{
    total = 0
    for (i = 1; i <= 2; i++) { split($i, t, "m"); sub("s", "", t[2]); total += t[1] * 60 + t[2] }
    printf "%d", total + 0.5
}')"
rm -f "${times_file}"
if [ "${rc}" -eq 0 ]; then
    status=ok
else
    status="FAILED (exit ${rc})"
fi
line="$(printf '%-16s %5ss wall %6ss cpu  %s' "${name}" "${elapsed}" "${cpu}" "${status}")"
if [ "${buffer}" = "1" ]; then
    {
        flock 9
        echo "==> [${name}] $*"
        cat "${log}"
        echo "${line}" | tee -a "${timings}"
    } 9>>"${timings}.lock"
    rm -f "${log}"
else
    echo "${line}" | tee -a "${timings}"
fi
exit "${rc}"
