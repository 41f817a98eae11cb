# Two commands do everything on a fresh Debian machine (as root):
#   make editions   build every edition into build/
#   make test       run the test suite
# Both install what is missing first (Debian packages, a venv at .venv, Python dependencies).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LANGS  := ar en es fr ru zh
FORMATS := txt pdf docx

.PHONY: editions test bench setup system validate clean

editions: setup
	$(BIN)/compendium build $(foreach f,$(FORMATS),--format $(f))

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/bench.py

validate: setup
	$(BIN)/compendium validate

setup: system $(STAMP)

system:
	@scripts/setup-system.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build
