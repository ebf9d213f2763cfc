"""Emitters: one module per output, each a function of the finished model.

An emitter never reads the clock, the environment or another emitter's output: the build
context hands it settings and the writer that records every file in the manifest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from publisher.config import Settings
from publisher.emit.model_json import ModelJsonEmitter
from publisher.ingest.text import opencc_convert
from publisher.model import Issue
from publisher.output import Artifact, OutputWriter

__all__ = ["EMITTERS", "BuildContext", "Emitter"]


@dataclass(frozen=True)
class BuildContext:
    settings: Settings
    writer: OutputWriter

    def paper_slug(self, paper: str) -> str:
        """The paper's ASCII name for file names: configured, or its pinyin (渝中報 → yuzhongbao), the
        same for every variant's spelling of the name (重庆日报, 重慶日報)."""
        simplified = opencc_convert("t2s", paper)
        for name, slug in self.settings.paper_slugs.items():
            if opencc_convert("t2s", name) == simplified:
                return slug
        from pypinyin import lazy_pinyin

        slug = re.sub(r"[^a-z0-9]+", "-", "".join(lazy_pinyin(simplified)).lower()).strip("-")
        return slug or "paper"


class Emitter(Protocol):
    name: str

    def emit(self, issue: Issue, context: BuildContext) -> list[Artifact]: ...


#: Every output of a build, in the order they run.
EMITTERS: dict[str, Emitter] = {
    "model": ModelJsonEmitter(),
}
