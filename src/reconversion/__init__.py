"""reconversion : un compagnon en ligne de commande pour changer de métier."""

__version__ = "0.1.0"
