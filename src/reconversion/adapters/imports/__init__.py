"""Ce que partagent les imports de données publiques (ROME, certifications) : fichiers, lignes, bases."""
