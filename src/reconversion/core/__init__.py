"""Le cœur pur : modèle du guide, chargeur, moteur, rendus. Ni invite, ni affichage, ni disque."""
