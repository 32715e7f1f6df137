#!/usr/bin/env python3
"""Run notebooks top to bottom through the real tslab kernel (nbclient) and fail loudly on any error.

Usage (from anywhere; use a Python that has nbclient, the project's .venv/bin/python from npm run setup):
    .venv/bin/python scripts/nbrun.py [options] NOTEBOOK.ipynb...

Options:
    --runs N        how many times to run each notebook in the SAME kernel, like pressing Run All N times
                    (default 2: a notebook must survive a student's second Run All). `npm run export` uses 1.
    --save DIR      write each passing notebook, with the outputs and execution counts of its last run,
                    to DIR/<name>.ipynb (the HTML export reads these; DIR is created). `--out DIR` is the same.
    --timeout S     per-cell timeout in seconds (default 300, or $NBRUN_TIMEOUT). Generous because a training
                    cell on 2 shared CI cores can take a minute; a hung cell still ends the run.
    --kernel NAME   kernel spec to use (default: KERNEL_NAME of src/core/definitions.ts, the tslab kernel that
                    `npm install` registers). A notebook whose kernelspec names another kernel (a Python
                    notebook, say) is refused instead of being run in the wrong language.
    --report FILE   also write a JSON summary: [{notebook, ok, runs: [seconds...], kernel_start, error}].

Exit code: 0 all notebooks passed, 1 at least one failed, 2 bad usage, no usable kernel or a notebook that cannot
be run (missing, not JSON, not nbformat 4, written for another kernel, or outside a project with node_modules).
Each of those is one line on stderr, `nbrun: <file>: <problem and what to do>`, and no notebook is run.

A notebook fails on the first code cell whose execute reply is not "ok" (error or abort) or that writes
anything to stderr: tslab reports type errors and exceptions ONLY as stderr text, with an empty error reply.
The runner stops at that first failing cell and prints the notebook, run number, cell index (0-based, as in the
.ipynb), cell id, the cell's source and the stderr text. It never sends the remaining cells: for 200 ms after
an error tslab answers every request with "abort", and those aborts are consequences, not causes.
Each notebook gets a fresh kernel whose working directory is the notebook's own folder, as in JupyterLab
(for notebooks/*.ipynb that is notebooks/). Per-notebook times are printed: kernel start and each run.
"""

import argparse
import json
import os
import re
import sys
import time

try:
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
except ImportError as missing:  # one clear line instead of a traceback
    print(f"nbrun: {missing}: run with a Python that has nbclient (the project's .venv/bin/python: npm run setup)")
    sys.exit(2)

DEFAULT_TIMEOUT = 300
STARTUP_TIMEOUT = 120  # a tslab kernel starts in ~2.3 s; leave room for a loaded CI machine
PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFINITIONS = os.path.join(PROJECT_DIR, "src", "core", "definitions.ts")


class UsageProblem(Exception):
    """Bad input that stops the run before any notebook runs: printed as one line, exit code 2."""


def kernel_name():
    """KERNEL_NAME from src/core/definitions.ts, the one module of shared facts (so the name lives in one place)."""
    try:
        with open(DEFINITIONS, encoding="utf-8") as f:
            found = re.search(r'^export const KERNEL_NAME = "([^"]+)";', f.read(), re.MULTILINE)
    except OSError as problem:
        raise UsageProblem(f"{DEFINITIONS}: cannot read the kernel name ({problem.strerror})")
    if not found:
        raise UsageProblem(f"{DEFINITIONS}: has no `export const KERNEL_NAME = \"...\";` line")
    return found.group(1)


def has_node_types(folder):
    """True when a node_modules/@types/node lies in `folder` or above: tslab finds Node's types (console) only so."""
    while True:
        if os.path.isdir(os.path.join(folder, "node_modules", "@types", "node")):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent


def load_notebook(path, kernel):
    """Reads one notebook to run, or raises UsageProblem with one line naming the file and what to do."""
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    if not os.path.exists(path):
        raise UsageProblem(f"{shown}: no such notebook; check the name")
    if os.path.isdir(path):
        raise UsageProblem(f"{shown}: is a folder, not a notebook")
    try:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
    except UnicodeDecodeError:
        raise UsageProblem(f"{shown}: is not a notebook (not UTF-8 text)")
    except json.JSONDecodeError as problem:
        raise UsageProblem(f"{shown}: is not a notebook (not valid JSON: {problem})")
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list) or raw.get("nbformat") != 4:
        raise UsageProblem(f"{shown}: is not an nbformat 4 notebook (no \"cells\" list or nbformat 4); open and save it in JupyterLab")
    spec = (raw.get("metadata") or {}).get("kernelspec") or {}
    name = spec.get("name") if isinstance(spec, dict) else None
    if name is not None and name != kernel:
        language = spec.get("language") or "another language"
        raise UsageProblem(
            f"{shown}: is written for the kernel {name!r} ({language}), not {kernel!r}: open it in that kernel instead "
            f"(nbrun runs only {kernel} notebooks)")
    if not has_node_types(os.path.dirname(os.path.abspath(path))):
        raise UsageProblem(
            f"{shown}: is outside the project: tslab finds the library and Node's types only from a node_modules "
            f"folder above the notebook; copy it into {os.path.join(PROJECT_DIR, 'notebooks')}")
    try:
        return nbformat.reads(json.dumps(raw), as_version=4)
    except Exception as problem:  # nbformat's own reading (e.g. a cell without source)
        raise UsageProblem(f"{shown}: is not a valid notebook ({type(problem).__name__}: {str(problem).splitlines()[0] if str(problem) else ''})")


class CellFailure(Exception):
    """The first failing cell of a run, with everything needed to fix it."""

    def __init__(self, run, index, cell, reason, stderr):
        super().__init__(reason)
        self.run, self.index, self.cell, self.reason, self.stderr = run, index, cell, reason, stderr

    def describe(self, notebook):
        cell_id = self.cell.get("id", "?")
        lines = [f"FAIL {notebook}: run {self.run}, cell {self.index} (id {cell_id}): {self.reason}"]
        lines.append("  --- cell source ---")
        # numbered, because tslab's type errors point at "line:column" within the cell
        lines += [f"  {n:3d} | {line}" for n, line in enumerate(self.cell.source.splitlines(), 1)]
        if self.stderr:
            lines.append("  --- stderr ---")
            lines += ["  " + line for line in self.stderr.rstrip("\n").splitlines()]
        return "\n".join(lines)


def stderr_text(cell):
    """Everything the cell wrote to stderr (plus any `error` output, which tslab does not send but others do)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            parts.append("\n".join(output.get("traceback", [])) or f"{output.get('ename')}: {output.get('evalue')}")
    return "".join(parts)


def run_cells(client, nb, run):
    """One Run All in the client's kernel; raises CellFailure at the first failing cell."""
    replies = {}
    client.on_cell_executed = lambda cell, cell_index, execute_reply: replies.__setitem__(cell_index, execute_reply)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        try:
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        except CellTimeoutError:
            raise CellFailure(run, index, cell, f"no reply within {client.timeout} s (per-cell timeout)", stderr_text(cell))
        except DeadKernelError:
            raise CellFailure(run, index, cell, "the kernel died", stderr_text(cell))
        except CellExecutionError:
            pass  # status "error": reported below with the stderr text, which says what went wrong
        status = (replies.get(index) or {}).get("content", {}).get("status", "no reply")
        stderr = stderr_text(cell)
        if status == "abort" or status == "aborted":
            raise CellFailure(run, index, cell, "the kernel aborted this cell (an earlier request failed)", stderr)
        if status != "ok":
            raise CellFailure(run, index, cell, f"the cell failed (execute reply {status!r})", stderr)
        if stderr:
            raise CellFailure(run, index, cell, "the cell wrote to stderr", stderr)


def run_notebook(path, nb, args):
    """Executes one (already read) notebook args.runs times in one kernel. Returns a summary dict (ok, times, error)."""
    shown = os.path.relpath(path)
    summary = {"notebook": shown, "ok": False, "runs": [], "kernel_start": None, "error": None}
    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=False,
        force_raise_errors=True,  # a `raises-exception` tag does not excuse an error: tslab would abort what follows
        record_timing=False,
        shutdown_kernel="immediate",  # tslab has no state to flush; a graceful shutdown only adds noise and time
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    started = time.monotonic()
    try:
        with client.setup_kernel():
            summary["kernel_start"] = round(time.monotonic() - started, 2)
            info = client.wait_for_reply(client.kc.kernel_info())
            if info and "language_info" in info["content"]:
                nb.metadata["language_info"] = info["content"]["language_info"]
            for run in range(1, args.runs + 1):
                run_started = time.monotonic()
                run_cells(client, nb, run)
                summary["runs"].append(round(time.monotonic() - run_started, 2))
    except CellFailure as failure:
        summary["error"] = failure.describe(shown)
        return summary
    except Exception as problem:  # the kernel failed to start or died between cells
        summary["error"] = f"FAIL {shown}: {type(problem).__name__}: {problem}"
        return summary
    summary["ok"] = True
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        nbformat.write(nb, os.path.join(args.save, os.path.basename(path)))
    return summary


USAGE = "nbrun.py [--runs N] [--save DIR] [--timeout S] [--kernel NAME] [--report FILE] NOTEBOOK.ipynb..."


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line (`nbrun: <problem>; usage: ...`) instead of usage + error."""

    def error(self, message):
        raise UsageProblem(f"{message}; usage: {USAGE}")


def parse_args(argv):
    parser = OneLineParser(prog="nbrun", allow_abbrev=False,
                           description="Run notebooks through the tslab kernel; fail on any error or stderr.")
    parser.add_argument("notebooks", nargs="+", help=".ipynb files")
    parser.add_argument("--runs", type=int, default=2, help="Run All this many times in one kernel (default 2)")
    parser.add_argument("--save", "--out", dest="save", metavar="DIR", help="write executed notebooks (last run's outputs) here")
    try:
        default_timeout = int(os.environ.get("NBRUN_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        raise UsageProblem(f"NBRUN_TIMEOUT={os.environ['NBRUN_TIMEOUT']!r} is not a whole number of seconds; fix or unset it")
    parser.add_argument("--timeout", type=int, default=default_timeout,
                        help=f"per-cell timeout in seconds (default {DEFAULT_TIMEOUT}, or $NBRUN_TIMEOUT)")
    parser.add_argument("--kernel", help="kernel spec name (default: KERNEL_NAME of src/core/definitions.ts)")
    parser.add_argument("--report", metavar="FILE", help="write a JSON summary here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.kernel is None:
        args.kernel = kernel_name()
    return args


def main(argv=None):
    try:
        args = parse_args(argv)
        try:
            KernelSpecManager().get_kernel_spec(args.kernel)
        except NoSuchKernel:
            raise UsageProblem(f"no Jupyter kernel named {args.kernel!r} for {sys.executable}: run `npm install` "
                               "(or `npm run prepare`) to register it")
        # every notebook is read and checked before the first one runs: bad input stops the run at once
        notebooks = [(path, load_notebook(path, args.kernel)) for path in args.notebooks]
    except UsageProblem as problem:
        print(f"nbrun: {problem}", file=sys.stderr, flush=True)
        return 2
    summaries = []
    for path, nb in notebooks:
        summary = run_notebook(path, nb, args)
        summaries.append(summary)
        if summary["ok"]:
            runs = "  ".join(f"run {i}: {t:.2f} s" for i, t in enumerate(summary["runs"], 1))
            print(f"PASS {summary['notebook']}  kernel start: {summary['kernel_start']:.2f} s  {runs}", flush=True)
        else:
            print(summary["error"], flush=True)
    if args.report:
        with open(args.report, "w") as f:
            json.dump(summaries, f, indent=1)
    failed = [s["notebook"] for s in summaries if not s["ok"]]
    if failed:
        print(f"nbrun: {len(failed)} of {len(summaries)} notebook(s) failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
