"""Builds openapi/crocodial.yaml from small declarative tables.

The contract has 46 operations that share most of their parameters and envelopes; writing them out
by hand would let the copies drift apart. The tables here say each fact once, ``generate.py`` turns
them into the YAML that tools read, and a test fails when the committed YAML is stale.
"""
