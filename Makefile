# `make run` builds output/ from input/; `make test` runs the whole suite. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check bench bench-tools bench-scale accuracy clean feed-readers browser postgresql fuzz

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

# pip compiles the bytecode of what it installs, but an editable install leaves wirefeed's own
# modules to be compiled when first imported, and not at all kept where PYTHONDONTWRITEBYTECODE is
# set: then every command compiles some 80 modules again (60 ms of a 0.31 s rebuild that finds
# nothing changed). compileall writes what is missing or stale and skips the rest.
COMPILE := $(BIN)/python -m compileall -q src/wirefeed

run: $(VENV)/.installed-run
	$(COMPILE)
	$(BIN)/wirefeed build input -o output

# $(call debian-packages,COMMANDS,WHAT FOR,WHAT HAPPENS WITHOUT): installs from Debian the packages
# of those commands that are missing (each package named as its command), when this runs as root.
define debian-packages
@missing=""; for tool in $(1); do command -v $$tool >/dev/null 2>&1 || [ -x /usr/sbin/$$tool ] || missing="$$missing $$tool"; done; \
if [ -n "$$missing" ]; then \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing$$missing from Debian $(2)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null \
			|| echo "could not install$$missing: $(3)"; \
	else \
		echo "$$missing missing and not root: $(3)"; \
	fi; \
fi
endef

# Real feed readers from Debian for the client tests (tests/test_feeds_clients.py): sfeed parses
# every RSS and Atom feed, newsboat shows an edited article as an update (and fetches from
# `wirefeed serve`); nginx runs the shipped deploy/nginx-wirefeed.conf (tests/test_nginx.py).
# Installed when missing and this runs as root; otherwise those tests are skipped and say why.
FEED_READERS := sfeed newsboat nginx caddy

feed-readers:
	$(call debian-packages,$(FEED_READERS),for the feed reader tests,the tests that need them will be skipped)

# Headless Chromium for tests/test_browser.py, which opens the generated pages in a real browser.
# Debian's package, installed when missing and this runs as root; otherwise that test fails and
# says how to get it (WIREFEED_NO_BROWSER=1 skips it on a machine that cannot have a browser).
browser:
	@if [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing chromium from Debian for the browser test"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
				|| echo "could not install chromium: tests/test_browser.py will fail"; \
		else \
			echo "chromium missing and not root: apt-get install chromium, or WIREFEED_NO_BROWSER=1 to skip the browser test"; \
		fi; \
	fi

# Debian's PostgreSQL server for the history's tests (tests/postgres_server.py starts its own
# in a temporary folder and stops it). Installed when missing and this runs as root; otherwise
# those tests are skipped and say why.
postgresql:
	@if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing postgresql from Debian for the PostgreSQL history tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
				|| echo "could not install postgresql: the PostgreSQL history tests will be skipped"; \
		else \
			echo "postgresql missing and not root: the PostgreSQL history tests will be skipped"; \
		fi; \
	fi

test: $(VENV)/.installed-test feed-readers browser postgresql
	$(BIN)/python -m pytest -q

$(VENV)/.installed-fuzz: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,fuzz]'
	touch $@

# A long fuzz run, not part of `make test`: hypothesis over the readers, sidecars, `check` and
# normalize (FUZZ_EXAMPLES inputs per property), then atheris on each of its seven targets (the
# .txt, .md, .xml, .json and .html readers, sidecars, `check`) for FUZZ_RUNS inputs each, unless
# FUZZ_SECONDS runs out first (shared between the targets; the time a fast target leaves unused
# goes to the slow ones after it). One process at a time, one core.
# Each prints how many inputs it tried; a crashing input is saved to tests/fuzz_corpus/, which
# the tests replay. A quick look: make fuzz FUZZ_RUNS=20000.
FUZZ_EXAMPLES ?= 5000
FUZZ_RUNS ?= 200000
FUZZ_SECONDS ?= 14400

fuzz: $(VENV)/.installed-fuzz
	$(BIN)/python -m fuzz.long_run --examples $(FUZZ_EXAMPLES)
	$(BIN)/python -m fuzz.run_atheris --runs $(FUZZ_RUNS) --seconds $(FUZZ_SECONDS)

$(VENV)/.installed-bench: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# Hugo for the speed benchmark's side-by-side rows (issue 19): Debian's package, installed when
# missing and this runs as root, as the feed readers are; otherwise the bench skips Hugo and says so.
BENCH_TOOLS := hugo

bench-tools:
	$(call debian-packages,$(BENCH_TOOLS),for the speed benchmark,the benchmark will skip it)

# The speed benchmark (issues 6, 19): minutes, so not part of `make test`. The table goes to stdout and
# a row per scenario to benchmarks/history.csv. More: make bench BENCH_ARGS="--sizes 1000,10000,100000".
bench: $(VENV)/.installed-bench bench-tools
	$(COMPILE)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/serve_watch.py --articles 10000 --edits 5

# Issue 20's scaling curve: a full build on the local engine and on a Dask LocalCluster of 1 and 2
# workers (minutes). More: make bench-scale SCALE_ARGS="--sizes 10000,100000".
bench-scale: $(VENV)/.installed-test
	$(COMPILE)
	$(BIN)/python benchmarks/scale.py $(SCALE_ARGS)

# Metadata accuracy on both development corpora (../shared/corpus/readability and trafilatura-eval)
# against trafilatura and newspaper4k (issues 3, 15); a few minutes. ACCURACY_ARGS="--repeat 1" is faster.
accuracy: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/accuracy.py $(ACCURACY_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
