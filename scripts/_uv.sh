# Sourced by the scripts: make `uv` available with nothing but Python and pip.
# Pinned so every machine resolves and builds the same way.
UV_VERSION="0.13.9"
if ! command -v uv >/dev/null 2>&1; then
  if ! python3 -m uv --version >/dev/null 2>&1; then
    echo "==> installing uv ${UV_VERSION} with pip" >&2
    python3 -m pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}"
  fi
  uv() { python3 -m uv "$@"; }
fi
