"""Allow 'python -m libkg'."""

from .cli import main

main()
