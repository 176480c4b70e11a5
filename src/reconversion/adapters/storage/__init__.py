"""Le carnet SQLite d'un profil, ses dossiers privés, ses verrous, ses copies et ses écritures atomiques."""
