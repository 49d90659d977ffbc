"""Draw docs/benchmarks.png from docs/benchmarks.json (matplotlib, in the bench's tools venv).

    python bench/chart.py docs/benchmarks.json docs/benchmarks.png

One panel per scenario, each bar the variant's median relative to the official SDK in the same
mode (official = 1). For latency, import time and memory lower is better, so those panels show
official / ours: in every panel a taller bar is better.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

COLORS = {
    "official": "#9e9e9e",
    "ours": "#1f77b4",
    "fast": "#2ca02c",
    "short": "#17becf",
    "httpx": "#ffbf80",
    "aiohttp": "#ff7f0e",
    "websockets": "#ffbf80",
    "lgws": "#9edae5",
    "replay": "#c5b0d5",
}
LOWER_IS_BETTER = ("S3", "S5 import", "S6", "R1", "R2")


def main(source: str, target: str) -> None:
    summary = json.loads(Path(source).read_text())
    panels = [
        (key.split(":", 2)[2], data)
        for key, data in summary["scenarios"].items()
        if not key.startswith("s5m")
    ]
    cols = 3
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, 3.4 * rows), squeeze=False)
    for ax, (title, data) in zip(axes.flat, panels, strict=False):
        lower = title.startswith(LOWER_IS_BETTER)
        names, values, colors = [], [], []
        for variant, entry in data.items():
            ratio = entry.get("ratio")
            if variant.startswith("official"):
                ratio = 1.0
            if ratio is None or ratio == 0:
                continue
            names.append(variant.replace("-", "\n"))
            values.append(1 / ratio if lower else ratio)
            colors.append(COLORS[variant.split("-")[0]])
        ax.bar(range(len(values)), values, color=colors)
        ax.set_xticks(range(len(values)), names, fontsize=7)
        ax.axhline(1.0, color="black", linewidth=0.6)
        ax.set_title(
            title + ("\n(official / ours)" if lower else "\n(ours / official)"), fontsize=8
        )
        for i, value in enumerate(values):
            ax.text(i, value, f"{value:.2f}", ha="center", va="bottom", fontsize=7)
    for ax in list(axes.flat)[len(panels) :]:
        ax.axis("off")
    fig.suptitle("langgraph-sdk: ours vs official 0.4.14 (taller is better)", fontsize=11)
    fig.tight_layout()
    fig.savefig(target, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
