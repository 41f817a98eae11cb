#!/usr/bin/env bash
# Make .venv hold exactly what requirements.lock pins (hashes checked), then the project itself.
# Safe to rerun: when every pinned version is already installed it only checks (well under a second);
# a package upgraded or removed by hand is put back to its locked version.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.venv
LOCK=requirements.lock
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@"; }

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi

# Pinned name==version pairs of the lock that the venv does not have (empty: nothing to do).
drift=$("$VENV/bin/python" - "$LOCK" <<'PY'
import re, sys
from importlib import metadata
pins = re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", open(sys.argv[1], encoding="utf-8").read(), re.M)
for name, version in pins:
    try:
        ok = metadata.version(name) == version
    except metadata.PackageNotFoundError:
        ok = False
    if not ok:
        print(f"{name}=={version}")
PY
)
# The project itself, installed editable: again when pyproject.toml (entry points, metadata) changed.
STAMP=$VENV/.project-installed
project=$(sha256sum pyproject.toml | cut -d' ' -f1)
[ "$(cat "$STAMP" 2>/dev/null)" = "$project" ] || drift+="${drift:+$'\n'}compendium (pyproject.toml)"
[ -z "$drift" ] && exit 0
echo "setup: installing from $LOCK: $(echo "$drift" | head -5 | tr '\n' ' ')$( [ "$(echo "$drift" | wc -l)" -gt 5 ] && echo '…')"
pip install --require-hashes --no-deps -r "$LOCK"
pip install --no-deps --no-build-isolation -e .
echo "$project" > "$STAMP"
