"""Les questions posées : listes à flèches (questionary), mode simple, confirmations."""
