# coopstream — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
N ?= 20000

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install coopstream with its test extras

run: $(STAMP) ## Run the workers (REDIS_URL, else an embedded server); WORKERS=N for more
	$(BIN)/coopstream run --workers $${WORKERS:-1}

demo: $(STAMP) ## Publish seeds/ through a real stream and print the enriched articles
	$(BIN)/coopstream demo

test: $(STAMP) ## Run the whole test suite (unit, in-memory broker and real-server tests)
	$(BIN)/python -m pytest

test-unit: $(STAMP) ## Only the tests that need no Redis server
	$(BIN)/python -m pytest -m "not redis"

lint: $(STAMP) ## Check style and types (changes nothing)
	$(BIN)/ruff check workers schemas tests
	$(BIN)/ruff format --check workers schemas tests
	$(BIN)/mypy

format: $(STAMP) ## Format and fix what ruff can
	$(BIN)/ruff format workers schemas tests
	$(BIN)/ruff check --fix workers schemas tests

eval: $(STAMP) ## Score the pipeline on the seeds and the development sets
	$(BIN)/coopstream eval seeds/seeds.jsonl
	$(BIN)/coopstream eval tests/data/dev
	$(BIN)/coopstream eval tests/data/heldout
	$(BIN)/coopstream eval tests/data/heldout2

bench: $(STAMP) ## Benchmarks: pure core, transport ceiling, end to end, scaling
	$(BIN)/coopstream bench

chaos: $(STAMP) ## Kill workers and Redis mid-flight and prove nothing is lost or doubled (N=2000 for a quick run)
	$(BIN)/coopstream chaos --articles $(N)

asyncapi: $(STAMP) ## Write the AsyncAPI document of the streams to docs/asyncapi.json
	$(BIN)/coopstream docs --out docs/asyncapi.json

clean: ## Remove the virtual environment, caches and the embedded server's data
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis var build *.egg-info

.PHONY: help install run demo test test-unit lint format eval bench chaos asyncapi clean
