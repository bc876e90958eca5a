# Two commands do all the set-up on a fresh machine with Python 3.10+:
#   make map    create .venv, install geomap, render the built-in example into outputs/
#   make test   the same, plus the test extras, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: map test lint bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("geomap needs Python 3.10+") if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

map: $(VENV)/.installed
	$(BIN)/geomap map -o outputs/may2021_syunik.html

test: $(VENV)/.installed-test map
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check geomap tests bench scripts

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/geoparse.py
	$(BIN)/python bench/reading.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/views.py
	$(BIN)/python bench/corpus.py
	$(BIN)/python bench/store_speed.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/store_kills.py

clean:
	rm -rf $(VENV) outputs/*.html outputs/*.png outputs/*.pdf
