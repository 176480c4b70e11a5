"""Ce que partagent les commandes : options, « aujourd'hui », accès au profil, formulaires."""
