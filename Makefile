# Two commands matter: `make serve` (read the site) and `make test` (every check and test).
# Both bootstrap .venv from the pinned requirements when it is missing or stale.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check test bench system-site system-test clean

$(STAMP): requirements/site.txt requirements/test.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/test.txt
	@touch $(STAMP)

serve: $(STAMP) system-site
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) system-site
	$(BIN)/mkdocs build

# Every content check without a browser (the writer's loop): the checks, then a real build.
check: $(STAMP) system-site
	$(BIN)/python scripts/tools/check_content.py
	@tmp=$$(mktemp -d) && $(BIN)/mkdocs build --quiet --site-dir $$tmp; status=$$?; rm -rf $$tmp; exit $$status

# Debian packages: pango and fonts for the leaflets; chromium and firefox-esr (never a downloaded
# browser), openssl, poppler, zbar and nginx for the tests.
system-site:
	@bash scripts/ensure_system_packages.sh site

system-test:
	@bash scripts/ensure_system_packages.sh test

# One test process per core (pytest-xdist); work is handed out as processes come free.
TEST_WORKERS ?= auto
test: $(STAMP) system-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# Lighthouse (pinned in package.json/package-lock.json) is only needed for the benchmark.
node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: $(STAMP) system-test node_modules/.stamp
	$(BIN)/python scripts/tools/bench.py

clean:
	rm -rf site $(VENV)
