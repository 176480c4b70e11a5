"""Le ROME importé de France Travail : lecture des fichiers, base locale, compétences."""
