# Two commands for a newcomer: `make demo` and `make test`.
# Everything installs into a local virtual environment (.venv); nothing global.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench clean-venv

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vntextclean needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and run make again")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@echo "== 1. Clean seeds/ (news profile): what changed in each article, by rule"
	$(BIN)/vntextclean clean seeds/ --profile news -o demo-output --summary
	@echo
	@echo "== 2. Every change and finding in one article, with its rule and reason"
	@$(BIN)/vntextclean check seeds/001_0dc449bf4ae97b1a.txt --profile news || true
	@echo
	@echo "== 3. How far each article can be trusted (002 is a machine-spun wreck)"
	$(BIN)/vntextclean score seeds/
	@echo
	@echo "== 4. Who and what the articles are about, linked across articles"
	$(BIN)/vntextclean entities seeds/ --type ORG --type PER
	@echo
	@echo "Cleaned copies are in demo-output/; seeds/ is untouched."

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

clean-venv:
	rm -rf $(VENV)
