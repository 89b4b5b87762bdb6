"""The code keeps its shape: layers import in one direction, release files are named in one place, store kinds in two.

Each rule reads the sources (imports parsed with ast, names searched for) and lists every file and line that breaks it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harness.project import ROOT

PRODUCT = ("libkg", "webapp")
RELEASE_MODULE = ROOT / "libkg" / "release.py"
STORE_MODULES = {ROOT / "libkg" / "query" / "store.py", ROOT / "libkg" / "query" / "remote.py"}
STORE_CLASSES = {"EmbeddedStore", "RemoteStore", "GraphStore"}
RELEASE_FILE_NAME = re.compile(r"""["'](report\.json|index\.json|summary\.json|void-statistics\.json|manifest\.json"""
                               r"""|ontology\.html|linked-data)["']|/\s*["'](store|dumps)["']""")


def sources(*folders: str) -> list[Path]:
    """Return every Python file under the folders of the repository."""
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def module_name(path: Path) -> str:
    """Return the dotted name a file is imported as (tests by their file name, as pytest imports them)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == "tests":
        parts = parts[1:]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line, module) for each import of a file, relative imports resolved and 'from m import n' as m and m.n."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            yield node.lineno, module
            yield from ((node.lineno, f"{module}.{alias.name}") for alias in node.names)


def within(*prefixes: str) -> Callable[[str], bool]:
    """Return a test of whether a module is one of the prefixes or inside one of them."""
    return lambda name: any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def a_test_module(name: str) -> bool:
    """Tell whether a module is a test module or the tests' conftest (also when named through the tests package)."""
    parts = name.split(".")[1:] if name.startswith("tests.") else name.split(".")
    return name == "tests" or parts[0] == "conftest" or parts[0].startswith("test_")


# (folder, what its modules must not import, why)
IMPORT_RULES = [
    ("libkg", within("webapp", "bench", "tests", "harness"), "the core never imports the web app, the benchmarks or the tests"),
    ("libkg/query", within("libkg.explore", "libkg.build", "libkg.release", "libkg.connect"),
     "querying knows nothing of exploring, building, releases or connecting"),
    ("libkg/explore", within("libkg.build", "libkg.release", "libkg.connect"),
     "exploring works on a store, not on builds, releases or connections"),
    ("bench", lambda name: within("tests")(name) or a_test_module(name), "benchmarks never import the tests"),
    ("harness", lambda name: within("tests", "bench")(name) or a_test_module(name), "the shared helpers import neither of their users"),
    ("tests", a_test_module, "tests share helpers through fixtures and the harness, never by importing each other"),
]


@pytest.mark.parametrize("folder, forbidden, why", IMPORT_RULES, ids=[rule[0] for rule in IMPORT_RULES])
def test_imports_go_one_way(folder: str, forbidden: Callable[[str], bool], why: str):
    files = sources(folder)
    assert files, f"no Python files under {folder}/"
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {name}" for path in files for line, name in imports(path) if forbidden(name)]
    assert not wrong, why + ":\n" + "\n".join(wrong)


def test_the_import_reader_resolves_relative_and_from_imports():
    found = {name for _, name in imports(ROOT / "webapp" / "__init__.py")}
    assert {"flask", "libkg.connect.ReleaseFollower", "webapp.browse", "webapp.sparql"} <= found
    assert "libkg.query.executor.QueryExecutor" in {name for _, name in imports(ROOT / "libkg" / "query" / "store.py")}


def test_release_files_are_named_only_in_the_release_module():
    wrong = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sources(*PRODUCT, "bench") if path != RELEASE_MODULE
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if RELEASE_FILE_NAME.search(line)]
    assert not wrong, "read release files through libkg.release.Release:\n" + "\n".join(wrong)


def store_kind_checks(path: Path) -> Iterator[int]:
    """Yield the line of each isinstance() call in a file that asks for a kind of store."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance" and len(node.args) == 2:
            names = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
            names |= {n.attr for n in ast.walk(node.args[1]) if isinstance(n, ast.Attribute)}
            if names & STORE_CLASSES:
                yield node.lineno


def test_only_the_store_modules_tell_store_kinds_apart():
    wrong = [f"{path.relative_to(ROOT)}:{line}" for path in sources(*PRODUCT, "bench", "harness") if path not in STORE_MODULES
             for line in store_kind_checks(path)]
    assert not wrong, "use the GraphStore interface instead of asking which store it is:\n" + "\n".join(wrong)
