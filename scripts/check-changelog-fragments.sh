#!/usr/bin/env bash
# Fail when a change under plugins/ comes without a new changelog fragment (changelogs/fragments/*.yml).
#
#   scripts/check-changelog-fragments.sh              # compare with $BASE (default: the root commit)
#   BASE=origin/main scripts/check-changelog-fragments.sh
#
# The change set is everything between BASE and the working tree: the commits BASE..HEAD plus uncommitted
# and untracked files (in CI the tree is clean, so that is exactly BASE..HEAD). Set COMMITTED_ONLY=1 to
# look at BASE..HEAD only. In a pull request, set BASE to the target branch (for example origin/main).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"

base="${BASE:-}"
if [ -z "${base}" ]; then
    base="$(git rev-list --max-parents=0 HEAD | tail -n 1)"
    echo "check-changelog-fragments: BASE not set; comparing with the root commit ${base:0:12}"
fi
if ! git rev-parse --verify --quiet "${base}^{commit}" >/dev/null; then
    echo "check-changelog-fragments: BASE '${base}' is not a commit" >&2
    exit 2
fi

if [ "${COMMITTED_ONLY:-0}" = "1" ]; then
    changed="$(git diff --name-only "${base}" HEAD --)"
    added="$(git diff --name-only --diff-filter=AMR "${base}" HEAD -- changelogs/fragments/)"
else
    changed="$(git diff --name-only "${base}" --; git ls-files --others --exclude-standard)"
    added="$(git diff --name-only --diff-filter=AMR "${base}" -- changelogs/fragments/
             git ls-files --others --exclude-standard -- changelogs/fragments/)"
fi

plugin_changes="$(printf '%s\n' "${changed}" | grep -E '^plugins/' | sort -u || true)"
fragments="$(printf '%s\n' "${added}" | grep -E '^changelogs/fragments/[^/]+\.ya?ml$' | sort -u || true)"

if [ -z "${plugin_changes}" ]; then
    echo "check-changelog-fragments: ok: no change under plugins/ since ${base:0:12}"
    exit 0
fi
if [ -n "${fragments}" ]; then
    echo "check-changelog-fragments: ok: $(printf '%s\n' "${plugin_changes}" | wc -l) file(s) under plugins/ changed;" \
        "fragment(s): $(printf '%s\n' "${fragments}" | tr '\n' ' ')"
    exit 0
fi
echo "check-changelog-fragments: FAILED: these files under plugins/ changed since ${base:0:12}," >&2
printf '%s\n' "${plugin_changes}" | sed 's/^/    /' >&2
echo "but no changelog fragment was added. Add changelogs/fragments/<short-name>.yml, for example:" >&2
cat >&2 <<'YAML'
    ---
    minor_changes:
      - ncm_group - new option ``foo`` (https://github.com/cradlepoint-ncm/cradlepoint.ncm/pull/123).
YAML
echo "(antsibull-changelog sections: major_changes, minor_changes, breaking_changes, deprecated_features," \
    "removed_features, security_fixes, bugfixes, known_issues, trivial)" >&2
exit 1
