"""The libkg command line: build, validate, query, stats and publish, plus commands installed packages add (serve)."""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import click

from libkg.build.pipeline import build as run_build
from libkg.build.pipeline import validate_sources
from libkg.config import CANONICAL_BASE_IRI, Settings
from libkg.connect import open_snapshot
from libkg.build.sources import discover
from libkg.curation.catalogue import Catalogue
from libkg.curation.passages import checksum, find_phrase, passage_turtle, read_source
from libkg.curation.scaffold import new_study
from libkg.curation.sheet import curator_links_section, read_sheet, replace_section, sheet_folder, study_turtle
from libkg.errors import LibkgError, QueryRejected
from libkg.explore.stats import compute_stats
from libkg.publish import publish_graphs
from libkg.namespaces import prefixes, shorten, source_iri, term_iri
from libkg.query.questions import read_questions
from libkg.query.rendering import OUTPUT_FORMATS, render_answer
from libkg.release import open_release


def _settings(ctx: click.Context) -> Settings:
    """Return the settings the group options produced."""
    return ctx.obj


def _progress(step: str, seconds: float) -> None:
    """Print one step's timing to stderr."""
    click.echo(f"  {step:<10} {seconds * 1000:9.1f} ms", err=True)


PLUGIN_GROUP = "libkg.commands"


@cache
def _plugins() -> dict[str, EntryPoint]:
    """Return the commands other installed packages add (the web app adds 'serve'), by name."""
    return {point.name: point for point in entry_points(group=PLUGIN_GROUP)}


class _Commands(click.Group):
    """libkg's own commands and, loaded only when asked for, those of installed plugins."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_plugins()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        found = super().get_command(ctx, name)
        if found is None and name in _plugins():
            found = _plugins()[name].load()
        return found


@click.group(cls=_Commands)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), help="Project folder (default: current folder).")
@click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), help="Where releases are written.")
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the studies' source texts (default: LIBKG_SOURCES, else ../shared/seeds).")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, build_dir: Path | None, sources: Path | None) -> None:
    """libkg: a knowledge graph of library services for innovation and entrepreneurship."""
    ctx.obj = Settings.from_env(root=root, build_dir=build_dir, sources=sources)


@cli.command()
@click.option("--kg", "kg_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Data folder (default: kg/).")
@click.pass_context
def build(ctx: click.Context, kg_dir: Path | None) -> None:
    """Validate the curated files and publish a new store, dumps and report."""
    click.echo("Building libkg", err=True)
    release = open_release(run_build(_settings(ctx), kg_dir, _progress))
    click.echo(f"Built {release.build_id}: {release.stats['triples']} triples in {len(release.graph_names)} graphs -> {release.path}")


@cli.command()
@click.option("--kg", "kg_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Data folder (default: kg/).")
@click.pass_context
def validate(ctx: click.Context, kg_dir: Path | None) -> None:
    """Run every build check (syntax, SHACL, OWL, violation queries) without writing anything."""
    checked = validate_sources(_settings(ctx), kg_dir, _progress)
    click.echo(f"Valid: {len(checked.store)} quads from {len(checked.sources.graph_files)} files")


@cli.command()
@click.argument("query_file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("-e", "--expression", help="The query text itself, instead of a file.")
@click.option("-f", "--format", "output", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@click.pass_context
def query(ctx: click.Context, query_file, expression: str | None, output: str) -> None:
    """Run a SPARQL query from a file (or stdin) against the current store (embedded, or LIBKG_STORE=sparql)."""
    settings = _settings(ctx)
    text = expression if expression is not None else query_file.read()
    store = open_snapshot(settings).store
    try:
        click.echo(render_answer(store, text, output, settings.base_iri), nl=False)
    except SyntaxError as err:
        raise click.ClickException(f"SPARQL syntax error: {err}") from None
    except QueryRejected as err:
        raise click.ClickException(err.message) from None
    except ValueError as err:
        raise click.UsageError(str(err)) from None


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Print triples per named graph, instances per class and items per study."""
    settings = _settings(ctx)
    figures = compute_stats(open_snapshot(settings).store, settings.base_iri)
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    click.echo(f"{figures['triples']} triples\n\nTriples per named graph")
    for graph, count in figures["graphs"].items():
        click.echo(f"  {count:8}  {graph}")
    click.echo("\nItems per study and kind (asserted and inferred kinds)")
    for study, kinds in figures["studies"].items():
        click.echo(f"  {study}")
        for kind, count in kinds.items():
            click.echo(f"    {count:6}  {kind}")
    click.echo("\nInstances per class")
    for cls, count in figures["classes"].items():
        click.echo(f"  {count:8}  {cls}")


@cli.command()
@click.argument("file_name")
@click.argument("phrase", required=False)
@click.option("--occurrence", type=int, help="Which occurrence of a phrase that occurs more than once (1 is the first).")
@click.option("--checksum", "show_checksum", is_flag=True, help="Print the file's length and SHA-256 as the graph records them.")
@click.pass_context
def passage(ctx: click.Context, file_name: str, phrase: str | None, occurrence: int | None, show_checksum: bool) -> None:
    """Find PHRASE in a source text (FILE_NAME in the sources folder) and print the passage to record as evidence."""
    folder = _settings(ctx).sources_path
    text = read_source(folder, file_name)
    source = source_iri(CANONICAL_BASE_IRI, file_name)
    if show_checksum:
        length, digest = checksum(folder / file_name)
        click.echo(f'<{source}> lkg:characterCount "{length}"^^xsd:nonNegativeInteger ;\n'
                   f'    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue "{digest}"^^xsd:hexBinary ] .')
    if phrase is None:
        if not show_checksum:
            raise click.UsageError("give a PHRASE to find, or --checksum")
        return
    found = find_phrase(text, phrase, occurrence, file_name)
    click.echo(f"# characters {found.start}-{found.end} of {file_name}: ...{found.before}[{phrase}]{found.after}...", err=True)
    click.echo(f"    lkg:evidence <{source}#span-{found.start}-{found.end}> ;  # on the claim\n")
    click.echo(passage_turtle(source, found.start, found.end), nl=False)


@cli.command()
@click.argument("text", required=False, default="")
@click.option("--kind", "kinds", multiple=True, help="Only resources of this lkg class (e.g. StrategyTheme, Library, Place); repeatable.")
@click.pass_context
def terms(ctx: click.Context, text: str, kinds: tuple[str, ...]) -> None:
    """Find resources the curated files already name (concepts, actors, places, user groups, themes...) by name or slug."""
    settings = _settings(ctx)
    catalogue = Catalogue.read(discover(settings), CANONICAL_BASE_IRI)
    wanted = {term_iri(CANONICAL_BASE_IRI, kind) for kind in kinds} or None
    found = catalogue.find(text, wanted)
    names = prefixes(CANONICAL_BASE_IRI)
    for term in found:
        kind_names = ", ".join(sorted(shorten(kind, names) or kind for kind in term.kinds)) or "-"
        click.echo(f"{shorten(term.iri, names) or term.iri}  [{kind_names}]  {term.label('en')} / {term.label('zh')}  ({term.file})")
    click.echo(f"{len(found)} found", err=True)


@cli.command("new-study")
@click.argument("slug")
@click.option("--source", "source_file", required=True, help="The study's source text: a file name in the sources folder.")
@click.pass_context
def new_study_command(ctx: click.Context, slug: str, source_file: str) -> None:
    """Start a study: check its source text and create its sheets (sheets/SLUG/items.csv and links.csv)."""
    settings = _settings(ctx)
    click.echo(new_study(Path(settings.root), settings.sources_path, slug, source_file))


@cli.command()
@click.argument("slug")
@click.option("--force", is_flag=True, help="Overwrite kg/studies/SLUG.ttl if it exists (it is written from the sheet).")
@click.pass_context
def sheet(ctx: click.Context, slug: str, force: bool) -> None:
    """Write a study's Turtle (kg/studies/SLUG.ttl) and its curator links from its sheets."""
    settings = _settings(ctx)
    root = Path(settings.root)
    target = root / "kg" / "studies" / f"{slug}.ttl"
    if target.exists() and not force:
        raise click.ClickException(f"{target} exists; it may hold edits made after the sheet was last imported. "
                                   "Use --force to write it again from the sheet")
    catalogue = Catalogue.read(discover(settings), CANONICAL_BASE_IRI).without_file(str(target.relative_to(root)))
    parsed = read_sheet(sheet_folder(root, slug), slug)
    turtle = study_turtle(parsed, catalogue, settings.sources_path)
    links = root / "kg" / "synthesis" / "curator-links.ttl"
    section = curator_links_section(parsed, catalogue)
    target.write_text(turtle, encoding="utf-8")
    if parsed.curator_links:
        links.write_text(replace_section(links.read_text(encoding="utf-8") if links.exists() else "", section, slug), encoding="utf-8")
    click.echo(f"Wrote {target.relative_to(root)} ({len(parsed.items)} items) and {len(parsed.curator_links)} curator link(s); "
               "now run 'libkg validate'")


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--diff", "show", is_flag=True, help="Show the rows each question gains (+) or loses (-) against its expected answer.")
@click.option("--accept", is_flag=True, help="After review, make the current answers the expected ones (of NAMES, or of all that differ).")
@click.pass_context
def cq(ctx: click.Context, names: tuple[str, ...], show: bool, accept: bool) -> None:
    """Compare every competency question's answer on the current build with its expected answer (queries/cq-*.expected.csv)."""
    settings = _settings(ctx)
    store = open_snapshot(settings).store
    questions = [q for q in read_questions(Path(settings.root) / "queries") if not names or any(n in q.slug for n in names)]
    differing = 0
    for question in questions:
        header, rows = question.answer(store)
        expected = question.expected_rows() if question.expected_path.exists() else set()
        gained, lost = sorted(set(rows) - expected), sorted(expected - set(rows))
        if not gained and not lost:
            continue
        differing += 1
        click.echo(f"{question.slug} ({question.scope or 'no scope'}): {len(gained)} new row(s), {len(lost)} gone")
        if show:
            for row in gained:
                click.echo("  + " + ",".join(row))
            for row in lost:
                click.echo("  - " + ",".join(row))
        if accept:
            question.accept(header, rows)
            click.echo(f"  accepted: {question.expected_path.name} rewritten")
    click.echo(f"{differing} of {len(questions)} question(s) differ from their expected answers"
               + (" (now accepted)" if accept and differing else ""), err=True)
    if differing and not accept:
        sys.exit(1)


def main() -> None:
    """Run the CLI, turning libkg errors into a clear message and exit status 1."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except LibkgError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(1)


@cli.command()
@click.option("--endpoint", help="Query URL of the external SPARQL 1.1 store, to count the graphs back (default: LIBKG_SPARQL_ENDPOINT).")
@click.option("--gsp", help="Its Graph Store Protocol URL (default: Oxigraph server's <server>/store).")
@click.option("--user", help="User for HTTP digest or basic authentication on the Graph Store Protocol URL.")
@click.option("--password", envvar="LIBKG_PUBLISH_PASSWORD", show_envvar=True, help="That user's password.")
@click.pass_context
def publish(ctx: click.Context, endpoint: str | None, gsp: str | None, user: str | None, password: str | None) -> None:
    """Replace the current build's named graphs in an external store, then compare triple counts."""
    settings = _settings(ctx)
    endpoint = endpoint or settings.sparql_endpoint
    if not endpoint:
        raise click.UsageError("give --endpoint (or set LIBKG_SPARQL_ENDPOINT): the store's query URL")
    counts = publish_graphs(settings, endpoint, gsp or "", user or "", password or "")
    click.echo(f"{'local':>8} {'store':>8}  graph")
    for count in counts:
        click.echo(f"{count.local:8} {count.remote:8}  {count.graph}{'' if count.matches else '  DIFFERS'}")
    differing = [count.graph for count in counts if not count.matches]
    if differing:
        raise click.ClickException(f"{len(differing)} of {len(counts)} graphs differ in the store at {endpoint}")
    click.echo(f"Published {sum(c.local for c in counts)} triples in {len(counts)} graphs to {endpoint}")
