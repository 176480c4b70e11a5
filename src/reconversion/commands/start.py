"""`reconversion start` : l'assistant, étape par étape ; ou `--answers`, les réponses d'un fichier.

Chaque réponse est enregistrée aussitôt donnée, sous le verrou du profil ; Ctrl-C ou la fin
du terminal laissent un carnet complet et disent comment reprendre.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.adapters.screen.relaunch import hint, program
from reconversion.commands.common.option_values import step_option
from reconversion.commands.common.options import GuideOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide, lock, opened
from reconversion.core.french_count import count_of
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import Interrupted, ReconversionError, UsageError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Mapping

    from reconversion.adapters.prompts.asker import QuestionAsker, Reply
    from reconversion.adapters.storage.store import Store
    from reconversion.core.engine import Position
    from reconversion.core.model import Guide, Question, Step
    from reconversion.core.schemas import CertificationJson
    from reconversion.sessions.certification_choice import CertificationChooser, ChoiceScreen
    from reconversion.sessions.metier_choice import MetierChooser, MetierScreen


def start(
    profile: ProfileOption = DEFAULT_PROFILE,
    step: Annotated[str | None, typer.Option("--step", help="Aller directement à une étape (son id).")] = None,
    question: Annotated[
        str | None, typer.Option("--question", help="Reposer une seule question (son id, voir « guide export »).")
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Répondre depuis un fichier YAML « id_question: valeur », sans questions."),
    ] = None,
    guide_path: GuideOption = None,
    simple: Annotated[
        bool,
        typer.Option(
            "--simple",
            help="Mode simple : questions en lignes numérotées, sans flèches ni couleurs "
            "(lecteur d'écran, braille, terminal minimal). Aussi avec RECONVERSION_SIMPLE=1 ou TERM=dumb.",
        ),
    ] = False,
) -> None:
    """Répondre aux questions du guide ; tout est enregistré au fur et à mesure."""
    from reconversion.adapters.storage.locations import check_profile, data_home, profile_path

    check_profile(profile)
    guide = load_guide(guide_path)
    step = step_option(guide, step)
    from reconversion.adapters.screen.terminal import can_ask

    if answers is None and not can_ask():
        raise UsageError(
            "Pas de terminal interactif pour poser les questions : pour répondre depuis un fichier, "
            f"utilise « {hint('start --answers reponses.yaml', profile)} »."
        )
    if answers is not None and not profile_path(data_home(), profile).exists():
        _checked_answers(guide, {}, answers)  # un fichier refusé ne crée pas de profil vide
    with opened(profile, create=True) as store, lock(profile):
        archived = store.sync_guide(guide.id, guide.version, {q.id for q in guide.questions})
        if archived:
            print(
                (
                    "1 réponse à une question retirée du guide est archivée"
                    if len(archived) == 1
                    else f"{len(archived)} réponses à des questions retirées du guide sont archivées"
                )
                + f" (rien n'est effacé) : {', '.join(archived)}."
            )
        if answers is not None:
            _apply_answers_file(guide, store, answers)
        else:
            _interactive(
                guide,
                store,
                profile,
                step,
                question,
                profile_path(data_home(), profile),
                simple=simple,
                guide_path=guide_path,
            )


def _apply_answers_file(guide: Guide, store: Store, path: Path) -> None:
    result = _checked_answers(guide, store.answers(), path)
    store.save_answers(result.accepted)
    for question_id in result.ignored:
        print(f"Ignorée : « {question_id} » ne s'applique pas à ta situation.")
    print(f"{count_of(len(result.accepted), 'réponse enregistrée')} dans le profil « {store.profile} ».")


def _checked_answers(guide: Guide, existing: dict[str, Any], path: Path) -> Any:
    """Les réponses du fichier, vérifiées contre celles déjà là ; lève l'erreur qui dit tout ce qui est refusé."""
    from reconversion.core.answers_file import check_answers
    from reconversion.core.yaml_source import NodeReader, YamlSourceError, compose, read_text
    from reconversion.errors import AnswersFileError

    try:
        root = compose(read_text(path))
    except YamlSourceError as exc:
        raise ReconversionError(f"Fichier de réponses illisible : {exc.problem.render(str(path))}") from None
    reader = NodeReader()
    data = reader.plain(root, "") if root is not None else None
    if reader.problems:
        raise AnswersFileError([p.render(str(path)) for p in reader.problems])
    if not isinstance(data, dict) or not data:
        raise ReconversionError(
            f"{path} : le fichier de réponses doit être un dictionnaire « id_question: valeur », "
            "par exemple « situation: salarie_prive »."
        )
    from reconversion.commands.common.today import plan_date

    result = check_answers(guide, existing, data, plan_date())
    result.problems += _unknown_metiers(guide, result.accepted)
    if result.problems:
        raise AnswersFileError(
            [f"{path} : {count_of(len(result.problems), 'réponse refusée')}, rien n'a été enregistré :"]
            + [f"  - {line}" for line in result.problems]
        )
    return result


def _unknown_metiers(guide: Guide, accepted: dict[str, tuple[str, Any]]) -> list[str]:
    """Les codes ROME d'un fichier de réponses qui ne sont ni au catalogue ni dans le ROME importé."""
    problems = []
    for question in guide.questions:
        value = accepted.get(question.id, (None, None))[1]
        if question.choices_from == "metiers" and value:
            from reconversion.adapters.content.metiers_files import unknown_codes

            for code in unknown_codes(value if isinstance(value, list) else [str(value)]):
                hint = f"cherche-le avec « {program()} jobs search »"
                problems.append(f"{question.id} : code ROME inconnu « {code} » ({hint})")
    return problems


def metier_chooser(store: Store, prompter: QuestionAsker, screen: MetierScreen) -> MetierChooser:
    """Le choix des métiers branché sur ce qu'il consulte : le carnet, le contenu livré, le ROME et les
    certifications importés dans le dossier de données. Sa seule construction, pour l'assistant comme
    pour les tests."""
    from reconversion.adapters.content import metiers_files
    from reconversion.adapters.rome.skills_reports import ImportedRome
    from reconversion.adapters.storage.interests_store import ProfileNotebook
    from reconversion.adapters.storage.locations import data_home
    from reconversion.core.question_ids import CURRENT_JOB_CODE, CURRENT_JOB_TEXT, JOB_IDEA
    from reconversion.sessions.metier_choice import MetierChooser, MetierQuestions

    home = data_home()

    def certifications(
        summaries: list[dict[str, Any]], answers: Mapping[str, Any], today: dt.date
    ) -> list[dict[str, Any]]:
        from reconversion.adapters.certifications.rncp_reports import with_certifications  # au premier métier choisi

        return with_certifications(summaries, answers, today, home)

    return MetierChooser(
        ProfileNotebook(store),
        prompter,
        screen,
        content=metiers_files,
        rome=ImportedRome(home),
        certifications=certifications,
        questions=MetierQuestions(CURRENT_JOB_TEXT, CURRENT_JOB_CODE, JOB_IDEA),
    )


def certification_chooser(prompter: QuestionAsker, screen: ChoiceScreen) -> CertificationChooser:
    """La liste de la certification visée, branchée sur les certifications importées (sinon : saisie libre)."""
    from reconversion.adapters.storage.locations import data_home
    from reconversion.core.question_ids import CHOSEN_CERTIFICATION
    from reconversion.sessions.certification_choice import CertificationChooser

    home = data_home()

    def options(metiers: list[str], answers: Mapping[str, Any], today: dt.date) -> list[CertificationJson] | None:
        from reconversion.adapters.certifications.rncp_reports import certification_choices  # à sa question

        return certification_choices(home, metiers, answers, today)

    return CertificationChooser(
        prompter,
        screen,
        options=options,
        question_id=CHOSEN_CERTIFICATION,
    )


class MetiersWhenAsked:
    """Le choix des métiers construit à son premier usage (une question de métier, le rappel des métiers
    choisis) : la première question de l'assistant n'attend pas que la séance des métiers, le ROME et le
    catalogue soient importés (≈ 4 M d'instructions au lancement de `start`)."""

    def __init__(self, build: Callable[[], MetierChooser]) -> None:
        self._build = build
        self._chooser: MetierChooser | None = None

    def chooser(self) -> MetierChooser:
        if self._chooser is None:
            self._chooser = self._build()
        return self._chooser

    def ask(self, question: Question, default: Any, *, can_go_back: bool) -> Reply:
        return self.chooser().ask(question, default, can_go_back=can_go_back)

    def chosen_metiers(self, codes: list[str]) -> list[dict[str, Any]]:
        return self.chooser().chosen_metiers(codes)

    def facts(self) -> dict[str, bool]:
        return self.chooser().facts()

    def label(self, code: str) -> str:
        return self.chooser().label(code)


class CertificationsWhenAsked:
    """La liste de la certification visée construite à sa question seulement (même raison)."""

    def __init__(self, build: Callable[[], CertificationChooser]) -> None:
        self._build = build
        self._chooser: CertificationChooser | None = None

    def handles(self, question: Question) -> bool:
        from reconversion.core.question_ids import CHOSEN_CERTIFICATION

        return question.id == CHOSEN_CERTIFICATION

    def ask(
        self, question: Question, default: Any, *, can_go_back: bool, metiers: list[str], answers: Any, today: Any
    ) -> Reply:
        if self._chooser is None:
            self._chooser = self._build()
        return self._chooser.ask(
            question, default, can_go_back=can_go_back, metiers=metiers, answers=answers, today=today
        )


def _interactive(
    guide: Guide,
    store: Store,
    profile: str,
    step: str | None,
    question: str | None,
    path: Path,
    *,
    simple: bool,
    guide_path: Path | None = None,
) -> None:
    from reconversion.adapters.screen.terminal import prompt_style
    from reconversion.adapters.screen.wizard_screen import Screen
    from reconversion.adapters.storage import interests_store
    from reconversion.commands.common.today import plan_date
    from reconversion.core import engine
    from reconversion.sessions import wizard

    day = plan_date()  # `RECONVERSION_TODAY` vaut pour les dates tapées comme pour le récapitulatif
    prompter: QuestionAsker
    if prompt_style(simple) == "simple":  # lignes numérotées : ni questionary ni prompt_toolkit
        from reconversion.adapters.prompts.plain_prompts import PlainPrompter

        prompter = PlainPrompter(today=day)
    else:
        from reconversion.adapters.prompts.arrow_prompts import Prompter

        prompter = Prompter(today=day)
    screen = Screen(today=day)
    chooser = MetiersWhenAsked(lambda: metier_chooser(store, prompter, screen))
    screen.metier_label = chooser.label
    answers = store.answers()
    if not answers:
        screen.welcome(guide, str(path))
    elif step is None and question is None and (where := engine.resume_position(guide, answers)) is not None:
        screen.notice(
            f"Reprise : étape {where.step_number}/{where.step_count}, "
            f"question {where.question_number} sur {where.question_count}."
        )
    answers.update(interests_store.facts(store))
    again = "start --simple" if simple else "start"  # reprendre comme on a commencé (lecteur d'écran…)
    try:
        finished = wizard.run(
            guide,
            answers,
            store,
            prompter,
            screen,
            step_id=step,
            metiers=chooser,
            question_id=question,
            today=day,
            after_recap=_funding_recap(guide, guide_path, day, screen.lines, profile),
            certifications=CertificationsWhenAsked(lambda: certification_chooser(prompter, screen)),
        )
    except (KeyboardInterrupt, EOFError) as exc:
        review = getattr(exc, "review_step", None)
        if review is not None:
            title = guide.step(review).title  # type: ignore[union-attr]
            raise Interrupted(
                f"\nPause ! Les réponses déjà relues sont enregistrées. Pour relire de nouveau « {title} » : "
                f"{hint(f'{again} --step {review}', profile)}"
            ) from None
        raise Interrupted(
            f"\nPause ! Tes réponses sont enregistrées. Pour reprendre là où tu t'es arrêté·e : {hint(again, profile)}"
        ) from None
    if question is not None:
        screen.notice(f"Réponse enregistrée. Ton plan à jour : {hint('status', profile)}")
    elif finished and step is not None and (left := _left(guide, store)) is not None:
        title = guide.step(step).title  # type: ignore[union-attr]
        screen.notice(  # `--step` : cette étape-là est finie, pas forcément le guide
            f"L'étape « {title} » est terminée. La suite du guide t'attend à l'étape {left.step_number}/"
            f"{left.step_count} : {hint(again, profile)} (où tu en es : {hint('status', profile)})"
        )
    elif finished:
        screen.notice(
            "Tu as parcouru tout le guide. Et maintenant :\n"
            f"  • où tu en es et tes prochaines actions : {hint('status', profile)}\n"
            f"  • ton plan complet, à lire ou imprimer : {hint('export -o mon-plan.md', profile)}\n"
            f"  • cocher une action faite ou en ajouter une : {hint('actions', profile)}\n"
            f"  • relire une étape plus tard : {hint(again, profile)}"
        )
    else:
        screen.notice(f"À bientôt ! Pour reprendre : {hint(again, profile)}")


def _left(guide: Guide, store: Store) -> Position | None:
    """Où reprendre le guide d'après le carnet tel qu'enregistré (None : tout est répondu)."""
    from reconversion.adapters.storage import interests_store
    from reconversion.core import engine

    return engine.resume_position(guide, {**store.answers(), **interests_store.facts(store)})


def _funding_recap(
    guide: Guide, guide_path: Path | None, day: dt.date, show: Callable[[list[str]], None], profile: str
) -> Callable[[Step, dict[str, Any]], None]:
    """Le récapitulatif du financement après l'étape qui le demande (`commands.funding.recap_hook`) ;
    `commands.funding` n'est importé qu'à la première fin d'étape : la première question ne l'attend pas."""
    hook: list[Callable[[Step, dict[str, Any]], None] | None] = []

    def after(step: Step, answers: dict[str, Any]) -> None:
        if not hook:
            from reconversion.commands.funding import recap_hook

            hook.append(recap_hook(guide, guide_path, day, show, profile))
        if hook[0] is not None:
            hook[0](step, answers)

    return after
