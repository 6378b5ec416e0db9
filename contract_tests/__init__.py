"""The CrocoDial contract kit: checks any CrocoDial (the emulator or a live service) against the contract.

``crocodial-contract`` runs it against a base URL and writes a drift report; the pytest suite in this
package runs it in-process against the emulator on every CI job.
"""
