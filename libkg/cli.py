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
from libkg.config import Settings
from libkg.connect import open_snapshot
from libkg.errors import LibkgError, QueryRejected
from libkg.explore.stats import compute_stats
from libkg.publish import publish_graphs
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
@click.pass_context
def cli(ctx: click.Context, root: Path | None, build_dir: Path | None) -> None:
    """libkg: a knowledge graph of library services for innovation and entrepreneurship."""
    ctx.obj = Settings.from_env(root=root, build_dir=build_dir)


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
