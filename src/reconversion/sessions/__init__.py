"""Les séances interactives : l'assistant (`wizard`), le choix des métiers (`metier_choice`) et le
test d'intérêts (`interests`).

Chacune enchaîne les questions avec le moteur pur (`core/`) et les adaptateurs qu'on lui donne
(invites, écran, carnet, contenu, ROME) ; aucune n'ouvre elle-même un terminal ou un fichier, ni
n'importe un adaptateur qui le ferait (`tests/test_layers.py`).
"""
