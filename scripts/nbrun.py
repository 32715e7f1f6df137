#!/usr/bin/env python3
"""Run notebooks top to bottom through the real tslab kernel (nbclient) and fail loudly on any error.

Usage (from anywhere; use a Python that has nbclient, the project's .venv/bin/python from npm run setup):
    .venv/bin/python scripts/nbrun.py [options] NOTEBOOK.ipynb...

Options:
    --runs N        how many times to run each notebook in the SAME kernel, like pressing Run All N times
                    (default 2: a notebook must survive a student's second Run All). `npm run export` uses 1.
    --save DIR      write each passing notebook, with the outputs and execution counts of its last run,
                    to DIR/<name>.ipynb (the HTML export reads these; DIR is created).
    --timeout S     per-cell timeout in seconds (default 300, or $NBRUN_TIMEOUT). Generous because a training
                    cell on 2 shared CI cores can take a minute; a hung cell still ends the run.
    --kernel NAME   kernel spec to use (default tslab, the one `npm install` registers).
    --report FILE   also write a JSON summary: [{notebook, ok, runs: [seconds...], kernel_start, error}].

Exit code: 0 all notebooks passed, 1 at least one failed, 2 bad usage or no usable kernel.

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


def run_notebook(path, args):
    """Executes one notebook args.runs times in one kernel. Returns a summary dict (ok, times, error)."""
    shown = os.path.relpath(path)
    summary = {"notebook": shown, "ok": False, "runs": [], "kernel_start": None, "error": None}
    nb = nbformat.read(path, as_version=4)
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
    except Exception as problem:  # kernel failed to start, notebook unreadable...
        summary["error"] = f"FAIL {shown}: {type(problem).__name__}: {problem}"
        return summary
    summary["ok"] = True
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        nbformat.write(nb, os.path.join(args.save, os.path.basename(path)))
    return summary


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Run notebooks through the tslab kernel; fail on any error or stderr.")
    parser.add_argument("notebooks", nargs="+", help=".ipynb files")
    parser.add_argument("--runs", type=int, default=2, help="Run All this many times in one kernel (default 2)")
    parser.add_argument("--save", metavar="DIR", help="write executed notebooks (last run's outputs) here")
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("NBRUN_TIMEOUT", DEFAULT_TIMEOUT)),
                        help=f"per-cell timeout in seconds (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--kernel", default="tslab", help="kernel spec name (default tslab)")
    parser.add_argument("--report", metavar="FILE", help="write a JSON summary here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        KernelSpecManager().get_kernel_spec(args.kernel)
    except NoSuchKernel:
        print(f"nbrun: no Jupyter kernel named {args.kernel!r} for {sys.executable}: run `npm install` "
              "(or `node scripts/install-kernel.mjs`) to register it")
        return 2
    summaries = []
    for path in args.notebooks:
        summary = run_notebook(path, args)
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
