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

# Second test leg: ansible-core 2.21 on Python 3.12 (pyenv build), see `make test-2.21`.
PY312 ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.12.1/bin/python $(HOME)/.pyenv/versions/3.12.1/bin/python))
VENV_221 := $(ROOT)/.tmp/venv-2.21

# pytest runs tests/unit and tests/integration (pytest.ini testpaths) on 2 workers.
PYTEST_ARGS ?= -n 2 --dist loadfile --durations=15

export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export TIMINGS_FILE
export ANSIBLE_NOCOLOR := 1

.PHONY: help setup link demo test pytest leg-2.21 unit integration sanity lint shellcheck build docs ee molecule \
	changelog test-2.21 clean

help: ## list the targets
	@grep -E '^[a-zA-Z0-9_.-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# --- set-up ---------------------------------------------------------------------------------

setup: $(VENV)/.installed link ## create .venv with every tool and make the collection reachable
	@command -v shellcheck >/dev/null || \
		echo "WARNING: shellcheck is missing (sanity needs it): apt-get install -y shellcheck" >&2

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

test: link ## the whole suite: pytest, sanity, lint, molecule, build, EE, docs, changelog
	@rm -f $(TIMINGS_FILE)
	@start=$$SECONDS; rc=0; \
	for stage in pytest leg-2.21 sanity lint molecule build ee docs changelog; do \
		.ci/stage.sh $$stage $(MAKE) --no-print-directory $$stage || rc=1; \
	done; \
	echo "---- timings (s) ----"; cat $(TIMINGS_FILE); \
	echo "total $$((SECONDS - start))s"; \
	exit $$rc

# pytest exits 5 when it collected no tests; that fails this target like any other failure.
pytest: link ## unit + integration tests (real ansible-playbook against the simulator)
	$(BIN)/pytest $(PYTEST_ARGS)

unit: link ## unit tests only
	$(BIN)/pytest $(PYTEST_ARGS) tests/unit

integration: link ## integration tests only
	$(BIN)/pytest $(PYTEST_ARGS) tests/integration

sanity: ## ansible-test sanity (Python 3.11) on a copy at .tmp/sanity-3.11/
	.ci/sanity.sh $(VENV) 3.11

lint: shellcheck ## ansible-lint (production profile, offline) on playbooks/ and roles/
	$(BIN)/ansible-lint $(if $(CI),--nocolor) playbooks/ roles/

shellcheck: ## shellcheck the CI and helper scripts
	shellcheck .ci/run .ci/*.sh

build: ## ansible-galaxy collection build into .tmp/dist/, then galaxy-importer on the tarball
	$(BIN)/ansible-galaxy collection build --force --output-path $(DIST) .
	$(BIN)/python -m galaxy_importer.main $(DIST)/cradlepoint-ncm-$$(sed -n 's/^version: *//p' galaxy.yml).tar.gz

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

# Second leg: ansible-core 2.21 on Python 3.12.1 (a pyenv build; skipped with a warning where it is absent).
# `make test` runs `leg-2.21`: the unit and module/inventory integration tests (the proof suites and sanity
# run on the first leg only, to keep CI short); `make test-2.21` runs the whole pytest suite and sanity.
VENV_221_READY := $(VENV_221)/.installed
define with_py312
	@if [ -z "$(PY312)" ] || [ ! -x "$(PY312)" ]; then \
		echo "WARNING: Python 3.12.1 (pyenv) not found; skipping the ansible-core 2.21 leg" >&2; \
		exit 0; \
	fi; \
	test -x $(VENV_221)/bin/python || $(PY312) -m venv $(VENV_221); \
	test -f $(VENV_221_READY) || { $(VENV_221)/bin/python -m pip install --quiet -r .ci/requirements-2.21.txt && touch $(VENV_221_READY); }; \
	$(1)
endef

leg-2.21: link ## unit + module/inventory integration tests on ansible-core 2.21 / Python 3.12 (part of make test)
	$(call with_py312,PATH=$(VENV_221)/bin:$$PATH $(VENV_221)/bin/pytest $(PYTEST_ARGS) --ignore tests/integration/proof)

test-2.21: link ## the whole pytest suite + sanity on ansible-core 2.21 / Python 3.12 (not part of make test)
	$(call with_py312,rm -f $(TIMINGS_FILE); rc=0; \
	PATH=$(VENV_221)/bin:$$PATH .ci/stage.sh pytest-2.21 $(VENV_221)/bin/pytest $(PYTEST_ARGS) || rc=1; \
	PATH=$(VENV_221)/bin:$$PATH .ci/stage.sh sanity-2.21 .ci/sanity.sh $(VENV_221) 3.12 || rc=1; \
	echo "---- timings (s) ----"; cat $(TIMINGS_FILE); exit $$rc)

clean: ## remove .tmp/ (copies, builds, test venvs); `rm -rf .venv` to start over completely
	rm -rf .tmp tests/output
