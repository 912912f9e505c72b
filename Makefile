# The README's commands. Every target creates .venv when missing and installs into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench demo self-test ci venv clean i18n screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/mediator-app

# The whole suite on three pytest-xdist workers (three keep two cores busy while tests wait on
# servers and disks), the slow layer first (tests/conftest.py) and idle workers taking tests
# queued on busy ones (worksteal: no worker left alone with a long tail; docs/benchmarks.md,
# Test suite); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 3
XDIST = $(if $(filter 0,$(TEST_WORKERS)),-p no:xdist,-n $(TEST_WORKERS) --dist worksteal)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(XDIST) $(PYTEST_ARGS)

# The fast layer: everything but the tests marked slow (docs/architecture.md, Testing).
test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(XDIST) -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Every benchmark script in bench/ (helpers start with an underscore).
bench: $(STAMP)
	@set -e; for script in bench/[!_]*.py; do \
		echo "== $$script"; $(BIN)/python $$script; \
	done

# Fill the local store (or the one of MEDIATOR_DATA_DIR) with demo data.
demo: $(STAMP)
	$(BIN)/mediator-app demo-data

self-test: $(STAMP)
	$(BIN)/mediator-app self-test

# Every main page and dialog on the demo data, rendered off screen into docs/screenshots/
# (1366x768, and the main pages at 125 %: *-125.png).
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py --out docs/screenshots

# Translations (docs/translations.md): extract the tr() strings of the UI into the .ts files,
# compile them to the .qm files the application loads (both committed), count what is left.
TRANSLATIONS := mediator_app/resources/translations
I18N_LANGS := en
I18N_SOURCES = mediator_app/app.py $(shell find mediator_app/ui -name '*.py' | sort)

i18n: $(STAMP)
	@set -e; for lang in $(I18N_LANGS); do \
		ts=$(TRANSLATIONS)/tne_mediation_$$lang.ts; \
		$(BIN)/pyside6-lupdate -silent -extensions py -locations none -no-obsolete \
			-target-language $$lang $(I18N_SOURCES) -ts $$ts; \
		$(BIN)/pyside6-lrelease -silent $$ts -qm $(TRANSLATIONS)/tne_mediation_$$lang.qm; \
	done
	@$(BIN)/python -m mediator_app.ui.i18n --report $(foreach l,$(I18N_LANGS),$(TRANSLATIONS)/tne_mediation_$(l).ts)

# The PyInstaller one-folder bundle, dist/tne-mediation/ (packaging/mediator-app.spec).
BUNDLE_STAMP := $(VENV)/.bundle-installed
BUNDLE_DIR := dist/tne-mediation

.PHONY: bundle bundle-smoke

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/mediator-app.spec

# The built bundle: self-test offscreen, the window under Xvfb, the tarball's install.sh.
bundle-smoke: $(STAMP)
	TNE_BUNDLE_DIR=$(BUNDLE_DIR) $(BIN)/python -m pytest -q \
		tests/packaging/test_bundle.py

ci:
	.ci/run

clean:
	rm -rf $(VENV) build dist *.egg-info
