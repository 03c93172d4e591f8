# `make run` builds output/ from input/; `make test` runs the whole suite. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check bench accuracy clean feed-readers

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# The pip that ships with Python 3.11 fails to resolve lxml's extras; a current one does not.
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/wirefeed build input -o output

# Real feed readers from Debian for the client tests (tests/test_feeds_clients.py): sfeed parses
# every RSS and Atom feed, newsboat shows an edited article as an update. Installed when missing
# and this runs as root; otherwise those tests are skipped and say why.
FEED_READERS := sfeed newsboat

feed-readers:
	@missing=""; for reader in $(FEED_READERS); do command -v $$reader >/dev/null 2>&1 || missing="$$missing $$reader"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing$$missing from Debian for the feed reader tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null \
				|| echo "could not install$$missing: the tests that need them will be skipped"; \
		else \
			echo "$$missing missing and not root: the tests that need them will be skipped"; \
		fi; \
	fi

test: $(VENV)/.installed-test feed-readers
	$(BIN)/python -m pytest -q

$(VENV)/.installed-bench: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# The speed benchmark (issue 6): minutes, so not part of `make test`. The table goes to stdout and
# a row per scenario to benchmarks/history.csv. More: make bench BENCH_ARGS="--sizes 1000,10000,100000".
bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
