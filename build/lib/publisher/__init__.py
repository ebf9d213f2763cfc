"""publisher: accessible editions of a Chinese newspaper from its page text."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("publisher")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
