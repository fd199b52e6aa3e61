"""`python -m kcstats` runs the command line, exactly as the installed `kcstats` does."""

from kcstats.cli import main

if __name__ == "__main__":
    main()
