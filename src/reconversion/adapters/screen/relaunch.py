"""La commande à retaper pour continuer, écrite telle que la personne a lancé l'outil.

Une seule définition pour tout ce qui conseille une commande (commandes, vues, messages des
adaptateurs) : après l'installation du README, sans environnement activé, c'est
`.venv/bin/reconversion …` qu'il faut retaper, pas `reconversion …`.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from reconversion.core.profile_name import DEFAULT_PROFILE, profile_suffix


def hint(command: str, profile: str = DEFAULT_PROFILE) -> str:
    """La commande à taper pour continuer, avec `--profile` seulement s'il n'est pas celui par défaut."""
    from reconversion.adapters.screen.terminal import simple_by_flag

    suffix = profile_suffix(profile)
    if simple_by_flag() and "--simple" not in command:  # reprendre comme on a commencé (lecteur d'écran)
        command = f"{command} --simple"
    return f"{program()} {command}{suffix}"


@cache
def program() -> str:
    """Le programme tel que la personne l'a lancé : « reconversion » s'il est trouvé dans le PATH.

    Après la commande d'installation du README, `reconversion` est dans `.venv/bin` sans que
    l'environnement soit activé : les conseils montrent alors le chemin tapé
    (`.venv/bin/reconversion`), pour qu'on puisse les recopier tels quels.
    """
    launched = sys.argv[0] if sys.argv else ""
    if Path(launched).stem != "reconversion" or os.sep not in launched:
        return "reconversion"
    real = os.path.realpath(launched)
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(folder or ".", Path(launched).name)
        if os.path.realpath(candidate) == real and os.access(candidate, os.X_OK):
            return "reconversion"
    return launched if " " not in launched else f"'{launched}'"


_COMMANDS = (
    "start|status|reset|actions|experiences|contacts|export|calendrier|import|jobs|profiles|interests|guide"
    "|funding|certifications"
)


def as_launched(text: str) -> str:
    """Un texte du guide qui cite une commande (« reconversion jobs import ») : la commande telle que
    la personne a lancé l'outil (`.venv/bin/reconversion jobs import`), pour qu'elle la recopie."""
    if "reconversion " not in text:
        return text
    import re

    return re.sub(rf"\breconversion (?=(?:{_COMMANDS})\b)", lambda _: f"{program()} ", text)
