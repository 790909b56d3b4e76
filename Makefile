# Bonded WMS — the README's commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test bench translations lint-translations clean

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

test: setup translations
	scripts/test.sh

bench: setup translations
	scripts/bench.sh

lint-translations: setup
	$(BIN)/python -m ui.i18n update

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
