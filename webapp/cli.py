"""The 'libkg serve' command, which the web app adds to the libkg command line (entry point group libkg.commands)."""

from __future__ import annotations

from dataclasses import replace

import click

from webapp.serving import serve as run_server


@click.command()
@click.option("--host", help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 5000).")
@click.option("--workers", type=int, help="Worker processes (default 2).")
@click.option("--debug", is_flag=True, help="Use Flask's development server with reloading and tracebacks.")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None, debug: bool) -> None:
    """Serve the web app (SPARQL endpoint, linked data, explorer) with granian."""
    chosen = {"host": host, "port": port, "workers": workers}
    run_server(replace(ctx.obj, **{k: v for k, v in chosen.items() if v is not None}), debug=debug)
