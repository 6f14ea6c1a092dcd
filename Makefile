# The two commands of the README. Both create or reuse the virtual environment .venv.
PYTHON ?= python3.11
VENV := .venv
UV := $(VENV)/bin/uv
PORT ?= 8765

.PHONY: demo test venv lint messages

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv

# --inexact keeps uv itself (and anything else already in .venv) installed.
venv: $(UV)
	$(UV) sync --frozen --inexact --all-groups --all-extras --python $(VENV)/bin/python --quiet

demo: venv
	$(VENV)/bin/tillit demo --port $(PORT)

test: venv
	@command -v chromium >/dev/null || echo "note: Debian's chromium is missing; browser tests will be skipped (apt-get install chromium)"
	$(VENV)/bin/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check src tests bench scripts conftest.py
	$(VENV)/bin/ruff format --check src tests bench scripts conftest.py
	$(VENV)/bin/mypy src
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/python manage.py makemigrations --check --dry-run

# Refresh the Swedish catalogue: extract strings, fill them from scripts/sv_translations.py, compile.
messages: venv
	$(UV) pip install --python $(VENV)/bin/python --quiet polib
	cd src/tillit && ../../$(VENV)/bin/python ../../manage.py makemessages -l sv --no-obsolete --ignore "*/tests/*"
	$(VENV)/bin/python scripts/fill_translations.py
	cd src/tillit && ../../$(VENV)/bin/python ../../manage.py compilemessages
