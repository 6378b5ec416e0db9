"""Byte-level encoders for what CrocoDial sends: PHP json_encode, the goAPI XML layout, content types."""
