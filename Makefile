# Bonded WMS — the README's commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint bench translations lint-translations clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

translations: setup
	$(BIN)/python -m ui.i18n compile

run: setup translations
	$(BIN)/bwms init --demo-if-new
	$(BIN)/bwms gui

test: setup translations lint
	scripts/test.sh

# The rules in pyproject.toml: ruff (style and bugs), mypy (types), import-linter (layers and areas), and no
# `# noqa` without a reason after it.
NOQA_WITHOUT_REASON := '\# noqa(: *[A-Z]+[0-9]+(, *[A-Z]+[0-9]+)*)? *$$'
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	@! grep -rnE --include='*.py' $(NOQA_WITHOUT_REASON) app ui printing tests bench docs \
		|| { echo "make lint: the noqa above says no reason: add ' - why' after its codes"; exit 1; }

bench: setup translations
	scripts/bench.sh

lint-translations: setup
	$(BIN)/python -m ui.i18n update

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
