"""Errors the command line reports as one line and an exit code, never as a traceback."""

from __future__ import annotations

#: The exit code of a build that published everything but some recordings (README, "Exit codes").
PARTIAL_BUILD = 4


class PublisherError(Exception):
    """An error with a message fit for the desk; `exit_code` is documented in the README."""

    exit_code = 1


class InputError(PublisherError):
    """The input cannot be published as it is: missing, empty, binary or not newspaper text."""

    exit_code = 1


class OutputError(PublisherError):
    """The output folder cannot be written or is locked by another build."""

    exit_code = 3
