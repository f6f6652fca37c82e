"""Allow ``python -m contractgen``."""

from contractgen.cli import main

if __name__ == "__main__":
    main()
