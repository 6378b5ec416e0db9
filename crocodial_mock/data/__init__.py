"""The files the emulator and the kit read at run time, shipped inside the package.

Each entry here is a symbolic link to the one copy the repository keeps (``openapi/crocodial.yaml``,
``openapi/ERRATA.md``, ``fixtures/identities.yaml``, ``fixtures/examples/``): a checkout and an editable
install read through the links, and building a wheel or an sdist copies the files they point at, so an
installed package carries its own contract and fixtures. Read them through ``crocodial_mock.paths``.
"""
