"""crocodial-mock: a faithful, stateful emulator of the CrocoDial call-centre API."""

from crocodial_mock import __version__

__all__ = ["__version__"]
