"""The `policykg` command: parses options and calls the library, nothing more."""
from __future__ import annotations

from contextlib import contextmanager

import click

from policykg.exports import EXPORT_FORMATS
from policykg.graph.store import DEFAULT_STORE_DIR, StoreError, open_store

VIEW_KINDS = ("overview", "document", "agency", "directive")


@contextmanager
def _user_errors(*error_types):
    """Errors a user can act on become clean messages (no traceback)."""
    try:
        yield
    except (StoreError, *error_types) as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def _store(ctx, create: bool = False):
    """The store; only `build` creates one, other commands refuse a folder that holds none."""
    opts = ctx.find_root().obj
    with _user_errors(), open_store(opts["store_dir"], opts["neo4j_uri"], create=create) as store:
        yield store


class _Commands(click.Group):
    """The command group: Ctrl-C ends any command with a sentence instead of "Aborted!"."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\ninterrupted (Ctrl-C): the store holds whole documents only; "
                       "run a build again to complete it", err=True)
            ctx.exit(130)


@click.group(cls=_Commands)
@click.option("--store", "store_dir", envvar="POLICYKG_STORE", default=DEFAULT_STORE_DIR,
              show_default=True, type=click.Path(file_okay=False),
              help="Folder of the embedded store (env POLICYKG_STORE).")
@click.option("--neo4j", "neo4j_uri", envvar="NEO4J_URI", metavar="URI",
              help="Use a Neo4j server instead (env NEO4J_URI); credentials come from "
                   "NEO4J_USER and NEO4J_PASSWORD.")
@click.version_option(package_name="policykg")
@click.pass_context
def cli(ctx, store_dir, neo4j_uri):
    """A knowledge graph of Chinese policy documents: tasks, agencies and directives."""
    src = click.core.ParameterSource
    if neo4j_uri and ctx.get_parameter_source("store_dir") == src.COMMANDLINE:
        if ctx.get_parameter_source("neo4j_uri") == src.COMMANDLINE:
            raise click.UsageError("use either --store or --neo4j, not both")
        neo4j_uri = None  # an explicit --store wins over NEO4J_URI from the environment
    ctx.obj = {"store_dir": store_dir, "neo4j_uri": neo4j_uri}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--parse-timeout", type=click.FloatRange(min=0), envvar="POLICYKG_PARSE_TIMEOUT",
              default=120.0, show_default=True, metavar="SECONDS",
              help="CPU seconds one file may take to parse (or four times that waiting) before it is "
                   "abandoned and the build goes on (0: no limit; env POLICYKG_PARSE_TIMEOUT).")
@click.option("--drop-missing", is_flag=True,
              help="Also take out what files once loaded from these folders, and no longer in "
                   "them, gave (reported).")
@click.option("--warnings-file", type=click.Path(dir_okay=False),
              help="Write the warnings of each file to this file instead of the screen.")
@click.pass_context
def build(ctx, paths, parse_timeout, drop_missing, warnings_file):
    """Load files or folders (txt, html, docx, pdf, xlsx, xls, .doc/.wps, and .json records of
    crawled pages) into the store.

    Re-loading a file replaces what it gave before, so building twice changes nothing, and a
    changed file leaves nothing of its old version. A file that cannot be read, is beyond a size
    limit or takes longer than --parse-timeout to parse is reported and skipped (exit status 1);
    the rest loads.
    """
    from policykg.graph.build import build as run_build

    with _store(ctx, create=True) as store, _user_errors():
        summary = run_build(store, paths, progress=None, parse_timeout=parse_timeout or None,
                            drop_missing=drop_missing)
    click.echo(summary.render(warnings=not warnings_file))
    if warnings_file:
        with _user_errors(OSError), open(warnings_file, "w", encoding="utf-8") as out:
            out.write(summary.render_warnings() + "\n")
        count = sum(map(len, summary.warnings.values()))
        click.echo(f"{count} warnings for {len(summary.warnings)} files written to {warnings_file}")
    if summary.errors:
        ctx.exit(1)


@cli.command()
@click.argument("targets", nargs=-1, required=True, metavar="PATH|NUMBER...")
@click.pass_context
def remove(ctx, targets):
    """Take out what files (or folders) or documents (by 发文字号, any bracket style) gave.

    A document that other documents still cite stays, as a directive. Exit status 1 when a
    target matched nothing in the store.
    """
    from policykg.graph.remove import remove as run_remove

    with _store(ctx) as store:
        summary = run_remove(store, targets)
    click.echo(summary.render())
    if summary.not_found:
        ctx.exit(1)


@cli.command()
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Lowest score for a local task to answer an upstream one (default: the tuned one).")
@click.pass_context
def align(ctx, threshold):
    """Recompute provision alignment over the whole store, with a progress bar.

    Every local task gets ANSWERS edges to the tasks of the documents up its chain that it
    carries out, and CONTINUES to last year's items of its series (the build does this for
    what it loads; run this after a change of the matching rules).
    """
    from policykg.graph import alignment

    kwargs = {} if threshold is None else {"threshold": threshold}
    with _store(ctx) as store:
        summary = alignment.realign(store, progress=None, **kwargs)
    click.echo(alignment.render(summary))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), required=True,
              help="jsonl (APOC layout), graphml, ttl or jsonld (RDF).")
@click.option("-o", "--output", "path", required=True, type=click.Path(dir_okay=False),
              help="File to write.")
@click.pass_context
def export(ctx, fmt, path):
    """Write the whole graph to a file."""
    from policykg.exports import export as run_export

    with _store(ctx) as store, _user_errors(OSError):
        written = run_export(store, fmt, path)
    click.echo(f"wrote {path} ({written})", err=True)


@cli.command()
@click.pass_context
def stats(ctx):
    """Count nodes by label and relationships by type."""
    with _store(ctx) as store:
        counts = store.counts()
    click.echo(render_counts(counts))


def render_counts(counts: dict) -> str:
    width = max(map(len, [*counts["labels"], *counts["relationships"]]), default=0) + 2
    lines = ["nodes"]
    lines += [f"  {k:<{width}}{v:>8}" for k, v in sorted(counts["labels"].items())]
    lines.append("relationships")
    lines += [f"  {k:<{width}}{v:>8}" for k, v in sorted(counts["relationships"].items())]
    return "\n".join(lines)


@cli.command()
@click.pass_context
def check(ctx):
    """Check the graph's integrity (exit status 1 when a problem is found) and list the documents
    whose responsibility phrases gave no lead or cooperator."""
    from policykg.graph.check import check as run_check, unread_phrases

    with _store(ctx) as store:
        problems = run_check(store)
        unread = unread_phrases(store)
    if unread:
        click.echo(f"responsibility phrases left unread in {len(unread)} documents:")
        for line in unread:
            click.echo("  " + line)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{len(problems)} problems", err=True)
        ctx.exit(1)
    click.echo("no problems found", err=True)


@cli.group()
def query():
    """Saved Cypher queries: list, show, run."""


@query.command("list")
def query_list():
    """List the saved queries with their descriptions."""
    from policykg.queries import runner

    for q in runner.list_queries():
        click.echo(f"{q.name:<28} {q.description or ''}".rstrip())


@query.command("show")
@click.argument("name")
def query_show(name):
    """Print a saved query's Cypher text."""
    from policykg.queries import runner

    with _user_errors(runner.QueryError):
        q = runner.get_query(name)
    click.echo(q.text)


def _param(ctx, param, values):
    params = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected key=value, got {value!r}", ctx, param)
        params[key] = val
    return params


@query.command("run")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, callback=_param, metavar="KEY=VALUE",
              help="A query parameter; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "xlsx"]), default="table",
              show_default=True, help="xlsx writes an Excel workbook (needs -o).")
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False),
              help="Write to this file instead of the screen.")
@click.pass_context
def query_run(ctx, name, params, fmt, path):
    """Run a saved query (read-only) and print its rows (or write them with -o)."""
    from policykg.queries import runner

    if fmt == "xlsx" and not path:
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
    with _store(ctx) as store, _user_errors(runner.QueryError):
        result = runner.run_query(store, name, params)
    if not path:
        click.echo(runner.format_result(result, fmt))
    else:
        from policykg.queries.format import write_result

        with _user_errors(OSError):
            write_result(result, fmt, path, title=name)
        click.echo(f"wrote {path} ({len(result.rows)} rows)", err=True)
    if result.page_note():  # a paged answer says which rows these are and how many there are
        click.echo(result.page_note(), err=True)
    if result.not_found:  # a lookup by a key the store does not hold is not an empty answer
        click.echo(f"Error: {result.not_found}", err=True)
        ctx.exit(1)


@cli.command()
@click.argument("kind", type=click.Choice(VIEW_KINDS))
@click.argument("key", required=False)
@click.option("-o", "--output", "path", required=True, type=click.Path(dir_okay=False),
              help="HTML file to write (self-contained, opens offline).")
@click.option("--grouped/--ungrouped", default=None,
              help="overview only: group documents and agencies by region and level, each group "
                   "expanding on a double-click (default: grouped above 3,000 documents, directives "
                   "and agencies); --ungrouped draws every one.")
@click.pass_context
def view(ctx, kind, key, path, grouped):
    """Write an interactive HTML view.

    KIND is overview, or document NUMBER, agency NAME, directive NUMBER.
    """
    if kind == "overview" and key:
        raise click.UsageError("overview takes no NUMBER or NAME")
    if kind != "overview" and not key:
        raise click.UsageError(f"view {kind} needs a {'NAME' if kind == 'agency' else 'NUMBER'}")
    if kind != "overview" and grouped is not None:
        raise click.UsageError("--grouped and --ungrouped apply to the overview only")
    from policykg.viz import views

    with _store(ctx) as store, _user_errors(LookupError, OSError):
        drawn = views.write_view(store, kind, key, path, grouped=grouped)
    click.echo(views.summary(path, drawn), err=True)


@cli.command()
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write (created; pages already there are replaced).")
@click.pass_context
def site(ctx, out):
    """Write a browsable offline site of the whole store.

    DIR/index.html searches documents, tasks and agencies and filters by issuer, level,
    region and year; every document, agency and cited directive has a page, linked to each
    other. Open index.html from a folder or file share: no server, no network.
    """
    from policykg.viz import site as site_module

    with _store(ctx) as store, _user_errors(OSError):
        written = site_module.write_site(store, out)
    click.echo(site_module.summary(out, written), err=True)


if __name__ == "__main__":  # pragma: no cover
    cli()
