"""The README's example runs as written: its rules, then the evaluator walking through them."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)


def test_readme_has_the_rules_and_the_evaluator_walkthrough() -> None:
    blocks = python_blocks()
    assert len(blocks) == 2
    rules, walkthrough = blocks
    for needle in ("@auth.authenticate", "@auth.on.threads.create", "@auth.on.store", "@auth.on\n"):
        assert needle in rules
    for needle in ("authenticate(", "authorize(", "match_filter("):
        assert needle in walkthrough


def test_readme_example_runs() -> None:
    # Synchronous on purpose: the walkthrough ends with asyncio.run(main()).
    namespace: dict[str, object] = {"__name__": "readme_example"}
    exec(compile("\n".join(python_blocks()), str(README), "exec"), namespace)
    auth = namespace["auth"]
    assert set(auth._handlers) == {  # type: ignore[attr-defined]
        ("threads", "create"),
        ("threads", "read"),
        ("threads", "update"),
        ("threads", "delete"),
        ("threads", "search"),
        ("threads", "create_run"),
        ("assistants", "read"),
        ("assistants", "search"),
        ("store", "*"),
    }
