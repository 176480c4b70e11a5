"""Les séances interactives : l'assistant (`wizard`), le choix des métiers (`metier_choice`) et le
test d'intérêts (`interests`).

Chacune enchaîne les questions avec le moteur pur (`core/`) et les adaptateurs qu'on lui donne
(invites, écran, carnet) ; aucune n'ouvre elle-même un terminal ou un fichier.
"""
