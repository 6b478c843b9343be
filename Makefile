# Two commands do all set-up on a fresh machine: `make console` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: console test serve lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# NOW=2020-07-16T09:00 starts the simulated clock there, NOW=real on today's; without it inside the campaign
console: $(STAMP)
	$(BIN)/python -m bot console $(if $(NOW),--now $(NOW))

serve: $(STAMP)
	$(BIN)/python -m bot serve

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	for f in bench/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) data exports .pytest_cache
