# The two commands of the README. Each one sets itself up: a .venv with the pinned requirements.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test venv clean

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# Bytecode of our own packages, written once: every grading process, sandboxed worker and book kernel
	@# imports them, and where PYTHONDONTWRITEBYTECODE is set (grading processes always set it) each would
	@# compile them again (~0.05 CPU s a grading). A source edited later is simply compiled in memory.
	$(BIN)/python -m compileall -q autograder nlpcourse
	@touch $@

venv: $(STAMP)

book: $(STAMP)
	$(BIN)/python -m nlpcourse.book_build  # executes the pages two at a time, then jupyter-book build --warningiserror --keep-going .
	@echo "The book is at $(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf _build
