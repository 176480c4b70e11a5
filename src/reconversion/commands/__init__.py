"""Les commandes de `reconversion`, rangées par thème ; `cli.py` se contente de les enregistrer."""
