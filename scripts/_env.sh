# Sourced by the scripts that run the SDK for a user (demo, server): uv, then the workspace's
# environment, synced. A development checkout uses its own .venv; a clone made only to try the
# demo gets one cached in $LANGGRAPH_SDK_CACHE_DIR (default ~/.cache/langgraph-sdk), reused by
# every later clone and run instead of ~100 MB more per clone.
source scripts/_uv.sh
if [[ ! -d .venv && -z "${UV_PROJECT_ENVIRONMENT:-}" ]]; then
  cache="${LANGGRAPH_SDK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/langgraph-sdk}"
  pins="$(cat pyproject.toml packages/*/pyproject.toml | python3 -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])')"
  export UV_PROJECT_ENVIRONMENT="$cache/workspace-$pins"
fi
uv sync --quiet
