# redactor: the two commands a fresh machine needs are `make demo` and `make test`.
# Each creates its own virtual environment in .venv from the hash-pinned lock file.

PYTHON := $(shell sh scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SOURCES := pyproject.toml $(shell find src recognizers -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: demo test lint bench score install system-deps clean lock

demo: $(STAMP)
	@rm -rf demo-output
	$(BIN)/redactor redact samples/documents -o demo-output --config samples/redactor.toml --report demo-output-report.json
	$(BIN)/redactor redact samples/minutes -o demo-output/minutes --config samples/redactor.toml --profile minutes --report demo-output-minutes-record.html --by "Demo clerk"
	@echo "Redacted copies are in demo-output/ (minutes ready to publish in demo-output/minutes/);"
	@echo "the reports are demo-output-report.json and demo-output-minutes-record.html."

test: $(STAMP) system-deps
	$(BIN)/python -m pytest --cov=redactor --cov-report=term:skip-covered
	$(MAKE) lint

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

score: $(STAMP)
	$(BIN)/python bench/score.py

# poppler-utils for the PDF rendering tests, when this machine can install it.
system-deps:
	@sh scripts/install-system-deps

install: $(STAMP)

# Everything comes from requirements/lock.txt, every file checked against its hash;
# redactor itself is then installed as a wheel would be (not editable), so the
# tests run what a school would run.
$(STAMP): requirements/lock.txt $(SOURCES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .
	touch $(STAMP)

# Regenerate the lock after changing dependencies in pyproject.toml (needs pip-tools).
lock:
	$(BIN)/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev -o requirements/lock.txt pyproject.toml

clean:
	rm -rf $(VENV) demo-output demo-output-report.json .pytest_cache .mypy_cache .ruff_cache
