#!/usr/bin/env bash
# Run one stage of `make test`, print its wall time, and append it to TIMINGS_FILE.
#   .ci/stage.sh NAME COMMAND [ARGS...]
set -euo pipefail

name="$1"
shift
timings="${TIMINGS_FILE:-.tmp/timings.txt}"
mkdir -p "$(dirname "${timings}")"

echo "==> [${name}] $*"
start="${SECONDS}"
rc=0
"$@" || rc=$?
elapsed=$((SECONDS - start))
if [ "${rc}" -eq 0 ]; then
    status=ok
else
    status="FAILED (exit ${rc})"
fi
printf '%-16s %5ss  %s\n' "${name}" "${elapsed}" "${status}" | tee -a "${timings}"
exit "${rc}"
