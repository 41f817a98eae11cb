# Two commands do everything on a fresh Debian machine (as root):
#   make editions   build every edition into build/
#   make test       run the test suite
# Both install what is missing first: Debian packages (scripts/setup-system.sh), then a venv at
# .venv holding exactly the versions pinned, with hashes, in requirements.lock
# (scripts/setup-python.sh). `make lock` refreshes the lock on purpose (see README, "Set-up").

PYTHON ?= python3
BIN    := .venv/bin
FORMATS := txt pdf docx

.PHONY: editions test bench setup system python lock validate clean

editions: setup
	@$(BIN)/compendium build $(foreach f,$(FORMATS),--format $(f))

test: setup
	@$(BIN)/python -m pytest -q

bench: setup
	@$(BIN)/python benchmarks/bench.py

validate: setup
	@$(BIN)/compendium validate

setup: system python

system:
	@scripts/setup-system.sh

python: system
	@PYTHON=$(PYTHON) scripts/setup-python.sh

# Re-resolve every dependency (pyproject.toml's ranges) to today's newest versions, with hashes.
# Run it deliberately, then rebuild the editions and run the tests before committing the new lock.
lock: setup
	@$(BIN)/python -m pip install -q --disable-pip-version-check pip-tools
	@$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --all-build-deps --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links --upgrade -o requirements.lock pyproject.toml
	@echo "lock: requirements.lock refreshed; run make editions and make test before committing it"

clean:
	rm -rf build
