#!/usr/bin/env bash
# One-command set-up on a fresh machine, then the main job (the course notes in site/).
#  1. Python: a project-local virtual environment .venv (python3 -m venv) with the pinned Jupyter stack from
#     requirements.txt (JupyterLab 4, Notebook 7, plotly, nbclient, nbconvert, numpy), from PyPI; no root needed.
#     Reinstalled only when requirements.txt changes. Inside an active conda env made from environment.yml the
#     .venv is skipped (that env has the same pins).
#  2. Chromium for the browser tests: Debian's package (apt-get as root or through sudo). Without root it says
#     once how to get it and goes on (only the browser tests need it).
#  3. `npm ci`: builds the library and registers the tslab kernel into the project's Jupyter environment.
#  4. `npm run export`: executes every notebook into the offline course notes in site/.
# `--deps-only` stops after step 3 (what CI uses before `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*"; }

# ---- 1. Python environment ---------------------------------------------------------------------------------
if [[ -n "${CONDA_PREFIX:-}" && -x "$CONDA_PREFIX/bin/jupyter-lab" && ! -d .venv ]]; then
  say "using the active conda env $CONDA_PREFIX (from environment.yml); no .venv made"
  py="$CONDA_PREFIX/bin/python"
else
  base=""
  for candidate in "${DLNOTES_BASE_PYTHON:-}" python3 /usr/bin/python3; do
    [[ -z "$candidate" ]] && continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
      base="$candidate"; break
    fi
  done
  if [[ -z "$base" ]]; then
    echo "setup: need Python >= 3.10 with the venv module (Debian: sudo apt-get install python3-venv)" >&2
    exit 1
  fi
  # A venv moved with its checkout still names the old folder in its scripts' first line: make it anew.
  moved=""
  if [[ -f .venv/bin/pip ]] && ! head -1 .venv/bin/pip | grep -qF "$PWD/.venv/"; then moved=1; fi
  if [[ -n "$moved" || ! -x .venv/bin/python ]] || ! .venv/bin/python -c 'import sys' 2>/dev/null; then
    say "creating .venv with $(command -v "$base") ($("$base" --version 2>&1))"
    rm -rf .venv
    "$base" -m venv .venv
  fi
  py=.venv/bin/python
  stamp=.venv/.dlnotes-requirements
  # The checkout's path counts too: the exporter records it when it is installed.
  wanted="$( { pwd; cat requirements.txt; cat export/jupyter/pyproject.toml export/jupyter/*.py export/jupyter/*/*.py 2>/dev/null || true; } | sha256sum | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
    say "pip install -r requirements.txt into .venv (PyPI)"
    "$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$py" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    if [[ -f export/jupyter/pyproject.toml ]]; then
      # --force-reinstall: the version number stays 0.1.0 while its files change (the hash above notices them)
      say "pip install export/jupyter (the course-notes exporter 'dlnotes' for JupyterLab's Export menu)"
      "$py" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall ./export/jupyter
    fi
    echo "$wanted" >"$stamp"
  else
    say ".venv is up to date with requirements.txt"
  fi
fi

# ---- 2. Chromium (browser tests only) ----------------------------------------------------------------------
if [[ -n "${DLNOTES_CHROMIUM:-}" && -x "${DLNOTES_CHROMIUM}" ]] || [[ -x /usr/bin/chromium ]]; then
  :
elif command -v apt-get >/dev/null 2>&1 && { [[ $(id -u) -eq 0 ]] || command -v sudo >/dev/null 2>&1; }; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  say "apt-get install chromium (for the browser tests)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  say "Chromium not found at /usr/bin/chromium: the browser tests need it (sudo apt-get install chromium, or set DLNOTES_CHROMIUM)"
fi

# ---- 3. Node packages, library build, kernel registration ---------------------------------------------------
DLNOTES_PYTHON="$(cd "$(dirname "$py")" && pwd)/$(basename "$py")" npm ci --no-audit --no-fund
[[ "${1:-}" == "--deps-only" ]] && exit 0

# ---- 4. The main job: course notes -------------------------------------------------------------------------
npm run export
