"""TNE Médiation: the desktop client of the T.N.E parentalité programme.

``__version__`` is the one version string of the project: pyproject.toml reads it (setuptools
dynamic metadata), the reference server ``tne_api`` imports it, and the client sends it as
``app_version``.
"""

__version__ = "0.1.0"
