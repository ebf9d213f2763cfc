"""Errors the command line reports as one line and an exit code, never as a traceback."""

from __future__ import annotations

#: The exit code of a build that published everything but some recordings (README, "Exit codes").
PARTIAL_BUILD = 4
#: Ctrl-C (SIGINT) and SIGTERM: 128 plus the signal's number, as a shell reports a process they end.
INTERRUPTED = 130
TERMINATED = 143


class PublisherError(Exception):
    """An error with a message fit for the desk; `exit_code` is documented in the README."""

    exit_code = 1


class InputError(PublisherError):
    """The input cannot be published as it is: missing, empty, binary or not newspaper text."""

    exit_code = 1


class OutputError(PublisherError):
    """The output folder cannot be written, or is not a publisher output folder."""

    exit_code = 3


class BusyError(OutputError):
    """Another build holds the output folder's lock: EX_TEMPFAIL from sysexits.h, "try again later"."""

    exit_code = 75


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill, systemd, timeout), raised where the build is, so that it stops as on Ctrl-C:
    the staging folder is removed and the published folder left as it was."""
