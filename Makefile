# Two commands do all set-up on a fresh machine: `make console` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# requirements.lock pins every dependency (and the test extra's) for Linux and this Python; `make lock`
# refreshes it after pyproject.toml changes (keeping the pins that still fit), `make lock UPGRADE=1` moves
# every pin to the newest release.
LOCK := requirements.lock

.PHONY: console test serve lint bench clean lock

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $(STAMP)

# The project's own modules compiled once here rather than at every launch: the service cannot write next to
# its code (ProtectSystem=strict), and where PYTHONDONTWRITEBYTECODE is set nothing does, so `python -m bot`
# would compile its ~75 modules each time it starts (~0.15 s of CPU, bench/bench_startup.py). A module
# edited since is compiled as before; its stale file is never used.
COMPILED := $(VENV)/.compiled
.DEFAULT_GOAL := $(COMPILED)  # `make`: the virtual environment, and the code compiled
$(COMPILED): $(STAMP) $(shell find bot handlers knowledge storage -name '*.py')
	$(BIN)/python -m compileall -q bot handlers knowledge storage
	touch $(COMPILED)

# Resolved against PyPI alone (this machine's pip configuration, local wheels and indexes set aside), so
# that the lock names only releases any machine can download.
lock:
	test -x $(BIN)/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet pip-tools
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT \
	  CUSTOM_COMPILE_COMMAND="make lock" PIP_CONFIG_FILE=/dev/null \
	  $(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
	  $(if $(UPGRADE),--upgrade) --output-file $(LOCK) pyproject.toml

# NOW=2020-07-16T09:00 starts the simulated clock there, NOW=real on today's; without it inside the campaign
console: $(COMPILED)
	$(BIN)/python -m bot console $(if $(NOW),--now $(NOW))

serve: $(COMPILED)
	$(BIN)/python -m bot serve

# pytest keeps the test modules it rewrote for its asserts in tests/__pycache__ (from the second run on, each
# of the two workers skips rewriting ~70 modules: ~3.5 s of CPU each), even where PYTHONDONTWRITEBYTECODE is set
test: $(COMPILED)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/mypy
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n 2  # two workers (pytest-xdist): this machine's two cores

bench: $(COMPILED)
	for f in bench/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) data exports .pytest_cache
