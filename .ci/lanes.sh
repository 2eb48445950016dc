#!/usr/bin/env bash
# Run the stages of `make test` on LANES lanes side by side (default 2, one per core), every stage whatever
# the others' outcome; exit 1 if any stage failed.
#
#   .ci/lanes.sh 'pytest' 'sanity-all' 'lint molecule build ee docs changelog' ...
#
# Each argument is a job: one stage, or several stages that must run one after the other in one lane (say
# `build` and `ee`, which both write .tmp/dist/). A lane that is free takes the next job in the order given,
# so list the longest jobs first. Each stage runs as `make STAGE` through .ci/stage.sh, which times it and
# prints its output in one piece when it ends (STAGE_BUFFER=1), so that lanes do not interleave their lines.
# Stages that share a set-up (the leg venvs) need it made before: this script does not order them.
set -euo pipefail

lanes="${LANES:-2}"
make_cmd="${MAKE:-make}"
state="$(mktemp -d)"
trap 'rm -rf "${state}"' EXIT
echo 0 >"${state}/next"
: >"${state}/failed"
jobs=("$@")

take() { # print the index of the next job, or nothing when none is left
    local i
    exec 8>"${state}/lock"
    flock 8
    i="$(cat "${state}/next")"
    echo $((i + 1)) >"${state}/next"
    exec 8>&-
    if [ "${i}" -lt "${#jobs[@]}" ]; then
        echo "${i}"
    fi
}

lane() {
    local i stage
    while i="$(take)" && [ -n "${i}" ]; do
        # A job is one or more stage names: split it on purpose.
        # shellcheck disable=SC2086
        for stage in ${jobs[${i}]}; do
            STAGE_BUFFER=1 .ci/stage.sh "${stage}" "${make_cmd}" --no-print-directory "${stage}" ||
                echo "${stage}" >>"${state}/failed"
        done
    done
}

pids=()
for _lane in $(seq "${lanes}"); do
    lane &
    pids+=("$!")
done
for pid in "${pids[@]}"; do
    wait "${pid}"
done

if [ -s "${state}/failed" ]; then
    echo "failed stages: $(tr '\n' ' ' <"${state}/failed")" >&2
    exit 1
fi
