#!/usr/bin/env bash
# One-command set-up on a fresh machine, then the main job (the course notes in site/).
#  - Debian/Ubuntu: installs Jupyter (classic Notebook + nbconvert/nbclient), numpy and Chromium with apt
#    (as root, or through sudo), then `npm ci`, which builds the library and registers the tslab kernel.
#  - Inside a conda environment made from environment.yml (JupyterLab), apt is skipped.
#  - Then `npm run export` executes every notebook and writes the offline course notes to site/.
# `--deps-only` stops after `npm ci` (what CI uses before `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(jupyter-nbconvert python3-nbclient jupyter-notebook jupyter-client python3-numpy chromium)

if [[ -n "${CONDA_PREFIX:-}" ]] && command -v jupyter >/dev/null 2>&1; then
  echo "setup: using the conda environment at $CONDA_PREFIX (no system packages installed)"
elif command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
      sudo="sudo"
    fi
    echo "setup: apt-get install ${missing[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  echo "setup: no apt-get here: create the conda environment first (conda env create -f environment.yml; conda activate dlnotes), then rerun" >&2
  exit 1
fi

npm ci --no-audit --no-fund
[[ "${1:-}" == "--deps-only" ]] && exit 0
npm run export
