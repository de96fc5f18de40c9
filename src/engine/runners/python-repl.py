"""One session's persistent Python REPL (started by python-runner.ts, copied to dist/ by the build).

Connects Playwright's async API over CDP to the session's browser and evaluates each input in
one namespace, so variables and imports survive between runs. Top-level `await` works; the
value of a final expression is the run's result. Requests arrive as JSON lines on stdin; replies
and the run's output go out as JSON lines on fd 3, so user code keeps stdout and stderr to itself.
A `cancel` request cancels the run in progress (the engine sends it at the run's timeout).
"""
import ast
import asyncio
import builtins
import ctypes
import inspect
import json
import linecache
import os
import resource
import signal
import sys
import threading
import traceback

_proto = os.fdopen(3, "w", buffering=1, encoding="utf-8")


def _send(msg):
    _proto.write(json.dumps(msg) + "\n")
    _proto.flush()


# Characters of each stream and of the result a run sends (the engine's OUTPUT_CAP, output-cap.ts);
# past it only the count of what was cut goes out, so a print loop cannot flood the engine.
OUTPUT_CAP = 1_000_000


class _Stream:
    """sys.stdout / sys.stderr during runs: every write goes to the engine at once."""

    def __init__(self, name):
        self.name = name
        self.kept = 0

    def write(self, text):
        if text:
            keep = text[: max(OUTPUT_CAP - self.kept, 0)]
            self.kept += len(keep)
            msg = {"type": "output"}
            if keep:
                msg[self.name] = keep
            if len(keep) < len(text):
                msg["skipped_" + self.name] = len(text) - len(keep)
            _send(msg)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True


def _format_result(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def _user_only(exc, running):
    """The traceback without this file's frames (nor those of the chain's other exceptions).

    Each run compiles under its own name, <interact-N> (so its source lines are found and a frame
    says which run's code it is in). The running run's frames are shown as <interact>, the lines
    as sent now, which the extension maps back to the document; a function defined by an earlier
    run keeps that run's name.
    """

    def shown(name):
        return "<interact>" if name == running else name

    te = traceback.TracebackException.from_exception(exc)
    seen = set()
    node = te
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        node.stack = traceback.StackSummary.from_list(
            [traceback.FrameSummary(shown(f.filename), f.lineno, f.name, line=f.line) for f in node.stack if f.filename.startswith("<interact")]
        )
        if (getattr(node, "filename", None) or "").startswith("<interact"):
            node.filename = shown(node.filename)  # a SyntaxError's location
        node = node.__cause__ or node.__context__
    return "".join(te.format())


# CPU seconds each run may use (--run-cpu-seconds; set by the engine in a sandbox): the REPL's
# soft RLIMIT_CPU is moved to what it has used so far plus this, so the limit is per run.
_CPU_PER_RUN = int(os.environ.get("INTERACT_RUN_CPU_SECONDS", "0"))
# In a sandbox this REPL's PID namespace holds only the sandbox: every process in it but its
# init (1), this REPL and Playwright's driver is the user's, also those that left the tree.
_SANDBOXED = os.environ.get("INTERACT_SANDBOXED") == "1"
# Pool threads (asyncio.to_thread, run_in_executor) are reused by their pool: not ended.
_POOL_THREAD = ("asyncio_", "ThreadPoolExecutor-", "waitpid-")


def _processes():
    """{pid: parent pid} of the processes this REPL can see."""
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    stat = f.read()
                found[int(name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                pass  # ended meanwhile
    return found


def _user_processes(keep):
    """Processes started by user code: the REPL's descendants (in a sandbox, every process) not in `keep`."""
    me = os.getpid()
    parents = _processes()
    if _SANDBOXED:
        return [pid for pid in parents if pid not in keep and pid not in (1, me)]
    mine = {me}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                grew = True
    return [pid for pid in mine if pid not in keep and pid != me]


def _end_leftovers(keep_pids, keep_threads):
    """Ends what a run started and left running: its processes (SIGKILL) and its threads (SystemExit)."""
    for pid in _user_processes(keep_pids):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for thread in threading.enumerate():
        if thread in keep_threads or not thread.is_alive() or thread.name.startswith(_POOL_THREAD):
            continue
        # Raised in the thread at its next Python instruction (a thread blocked in a C call gets it when that returns).
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(SystemExit))


def _limit_cpu():
    if _CPU_PER_RUN > 0:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        soft = int(usage.ru_utime + usage.ru_stime) + _CPU_PER_RUN
        resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.getrlimit(resource.RLIMIT_CPU)[1]))


class Repl:
    def __init__(self, scope, keep_pids):
        self.scope = scope
        self.count = 0
        self.script = None  # the running run's compiled name
        self.task = None
        self.keep_pids = keep_pids  # Playwright's driver and what it started

    async def run(self, code):
        self.count += 1
        filename = self.script = f"<interact-{self.count}>"
        # Tracebacks show the user's source lines, also for functions defined in earlier runs.
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        await self._exec(compile(tree, filename, "exec", flags=flags))
        if last is None:
            return None
        value = await self._exec(compile(last, filename, "eval", flags=flags))
        # Like node's REPL, a final awaitable (`page.title()` without await) is awaited.
        return await value if inspect.isawaitable(value) else value

    async def _exec(self, code):
        """Evaluates compiled code; with a top-level await it is a coroutine to await."""
        if code.co_flags & inspect.CO_COROUTINE:
            return await eval(code, self.scope)
        return eval(code, self.scope)

    async def handle(self, request):
        sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
        outcome = {"type": "done", "id": request["id"], "exitCode": 0}
        threads_before = set(threading.enumerate())
        _limit_cpu()
        try:
            self.task = asyncio.ensure_future(self.run(request["code"]))
            result = _format_result(await self.task)
            if result is not None:
                outcome["result"] = result[:OUTPUT_CAP]
                outcome["result_skipped"] = max(len(result) - OUTPUT_CAP, 0)
        except asyncio.CancelledError:
            outcome["exitCode"] = 124
            outcome["cancelled"] = True
        except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are the user's too
            outcome["exitCode"] = exc.code if isinstance(exc, SystemExit) and isinstance(exc.code, int) else 1
            if not (isinstance(exc, SystemExit) and exc.code in (None, 0)):
                sys.stderr.write(_user_only(exc, self.script))
        finally:
            self.task = None
            sys.stdout.flush()
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            _end_leftovers(self.keep_pids, threads_before)
        _send(outcome)


async def main():
    try:
        from playwright.async_api import async_playwright
    except ImportError as exc:
        _send({"type": "missing", "message": f"{type(exc).__name__}: {exc}"})
        return
    loop = asyncio.get_running_loop()
    try:
        playwright = await async_playwright().start()
        browser = await playwright.chromium.connect_over_cdp(os.environ["CDP_URL"])
    except Exception as exc:  # noqa: BLE001 - reported to the engine as is
        _send({"type": "connect-error", "message": str(exc).splitlines()[0] if str(exc) else type(exc).__name__})
        return
    context = browser.contexts[0] if browser.contexts else await browser.new_context()
    pages = [p for p in context.pages if p.url != "about:blank"] or context.pages
    page = pages[0] if pages else await context.new_page()
    scope = {"__name__": "__main__", "__builtins__": builtins, "asyncio": asyncio, "playwright": playwright, "browser": browser, "context": context, "page": page}
    repl = Repl(scope, set(_user_processes(set())))

    reader = asyncio.StreamReader(limit=16 * 1024 * 1024)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    _send({"type": "ready"})
    running = set()  # references keep the tasks from being collected mid-run
    while True:
        line = await reader.readline()
        if not line:
            return
        request = json.loads(line)
        if request["type"] == "cancel":
            if repl.task is not None:
                repl.task.cancel()
        else:
            # The engine sends one run at a time; reading goes on so a cancel can arrive.
            task = asyncio.ensure_future(repl.handle(request))
            running.add(task)
            task.add_done_callback(running.discard)


asyncio.run(main())
