"""Package layout that pyproject.toml cannot express: data folders mapped into the package.

The clause library and the JSON Schema are kept at the top of the repository, where authors and
editors find them, and ship inside the package as ``contractgen/clause_library`` and
``contractgen/schemas``, where :mod:`contractgen.paths` reads them through importlib.resources.
Everything else (metadata, dependencies, entry points) is in pyproject.toml.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {
    "contractgen.clause_library": "clause_library",
    "contractgen.schemas": "schemas",
}
"""Package name inside the distribution → folder in the repository."""

setup(
    packages=[*find_packages(include=["contractgen", "contractgen.*"]), *DATA_PACKAGES],
    package_dir=DATA_PACKAGES,
    package_data={
        "contractgen": ["py.typed", "spec/presets/*.yaml"],
        "contractgen.clause_library": ["**/*.j2", "**/library.yaml", "templates/*.docx"],
        "contractgen.schemas": ["*.json"],
    },
    include_package_data=False,
)
