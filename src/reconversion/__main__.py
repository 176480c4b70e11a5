"""Permet `python -m reconversion`, identique à la commande `reconversion`."""

from reconversion.cli import main

if __name__ == "__main__":
    main()
