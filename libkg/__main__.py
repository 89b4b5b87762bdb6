"""Allow 'python -m libkg'."""

from libkg.cli import main

if __name__ == "__main__":
    main()
