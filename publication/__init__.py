"""Shared code of the Housing First quality recommendations toolchain.

``conf.py`` (Sphinx), ``build_posters.py`` and the tests import from here, so
that every output reads the same facts, the same source and the same catalogs.
"""
