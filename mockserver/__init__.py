"""crocodial-mock: a faithful, stateful emulator of the CrocoDial call-centre API."""

__version__ = "0.1.0"
