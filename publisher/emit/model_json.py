"""Issue → its model as JSON (schema 1), the form `publisher parse --json` prints."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from publisher.model import Issue, to_dict
from publisher.output import Artifact

if TYPE_CHECKING:
    from publisher.emit import BuildContext


def model_json(issue: Issue) -> str:
    return json.dumps(to_dict(issue), ensure_ascii=False, indent=1) + "\n"


class ModelJsonEmitter:
    name = "model"
    kinds = ("model",)
    hears_audio = False

    def emit(self, issue: Issue, context: BuildContext) -> list[Artifact]:
        key = context.issue_key(issue)
        data = model_json(issue).encode()
        return [
            context.writer.write(
                f"model/{key}.{issue.language}.json", data, kind="model", variant=issue.language, issue=key
            )
        ]
