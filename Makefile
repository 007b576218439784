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
	@echo "== vntextclean on seeds/ (news profile): what it changed, and why"
	$(BIN)/vntextclean clean seeds/ --profile news -o demo-output --summary
	@echo
	@echo "== findings it reports but does not change (check mode)"
	-$(BIN)/vntextclean check seeds/ --profile news
	@echo
	@echo "Cleaned copies are in demo-output/; seeds/ is untouched."

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

clean-venv:
	rm -rf $(VENV)
