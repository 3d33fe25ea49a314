# The README's two commands: `make pipeline` and `make test`.
# Each creates the virtual environment from the pinned requirements first (once).
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: pipeline test quick lint benchmark contract report-screenshot

pipeline: $(STAMP)  ## the whole pipeline, full config, every core
	$(BIN)/snakemake --cores all

quick: $(STAMP)  ## the whole pipeline on the small quick config (a few minutes)
	$(BIN)/snakemake --cores all --configfile config/quick.yaml

test: $(STAMP)  ## unit and workflow tests (the workflow tests build the quick config)
	$(BIN)/pytest

benchmark: $(STAMP)  ## training speed: the pipeline vs plain model.fit and Keras' best; the physical bound (minutes)
	PYTHONPATH=workflow $(BIN)/python benchmarks/training_speed.py

contract: $(STAMP)  ## the config's JSON schema and config/README.md's key tables, made from the typed models
	cd workflow && ../$(BIN)/python -m lstm_toys.contract

report-screenshot: $(STAMP)  ## the first screen of results/report/index.html (1280 x 800, headless Chromium) -> docs/
	$(BIN)/python tests/chromium.py results/report/index.html docs/report-first-screen.png

lint: $(STAMP)
	$(BIN)/snakemake --lint --configfile config/quick.yaml
	$(BIN)/snakefmt --check .

# pip writes the packages' bytecode one file at a time; compileall writes the same on every core.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib
	touch $@
