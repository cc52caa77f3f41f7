# Every target creates .venv on first use, so a fresh clone needs only `make demo` or `make test`.
PY      := .venv/bin/python
PIP     := .venv/bin/pip
STAMP   := .venv/.installed
DB      ?= archive.db
PORT    ?= 8001
DEMO_PORT ?= 8700

.PHONY: demo test serve lint clean install bench eval

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## demo: serve the bundled demo web on loopback and crawl all its columns into $(DB)
demo: $(STAMP)
	$(PY) -m crawler.demo --db $(DB) --port $(DEMO_PORT)

## test: the whole test suite
test: $(STAMP)
	$(PY) -m pytest -q

## bench: benchmarks (not tests): figures printed side by side
bench: $(STAMP)
	$(PY) -m tests.bench.bench_incremental
	$(PY) -m tests.bench.bench_fts
	$(PY) -m tests.bench.bench_series

## eval: extraction and statistics evaluations side by side; writes tests/eval/RESULTS.md
eval: $(STAMP)
	$(PY) -m tests.eval.run

## serve: browse $(DB) in Datasette on http://127.0.0.1:$(PORT)/
serve: $(STAMP)
	.venv/bin/police-archive serve --db $(DB) --port $(PORT)

lint: $(STAMP)
	.venv/bin/ruff check .

clean:
	rm -rf .venv $(DB) $(DB)-wal $(DB)-shm
