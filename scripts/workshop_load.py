"""Workshop load check (a benchmark, not a test): one facilitator and N participants (40 by default)
on one `streamlit run app.py` server that this script starts, each participant answering and
polling the room as a browser tab does.

Each visitor is a Streamlit WebSocket client speaking the frontend's protocol (BackMsg/ForwardMsg
protobufs on /_stcore/stream): it opens the room link, joins, answers the "before" check, saves and
shares an answer to each exercise, answers the exit check, and all the while sends the room's
polling fragment rerun every 2 s, as the page's ``st.fragment(run_every=2)`` makes the browser do.
The facilitator opens the projector view (its counts fragment reruns every 3 s), presses "Next"
when everyone has answered a step (or after a time limit) and reveals the article's answers.
This puts on the server the same script runs a room of browsers would, without 41 Chromium
renderers competing with the server for this machine's two cores.

Reported: errors (exceptions or st.error on a page, failed or timed-out runs, and the database's
count of answers, shares and checks against what was sent), disconnects, each interaction's time
(from sending it to the run's end) idle and under load, how long screens took to follow "Next",
and the server's memory (RSS) per participant.

    .venv/bin/python scripts/workshop_load.py            # 40 participants, about 3 minutes
    .venv/bin/python scripts/workshop_load.py --participants 10 --seed 2

Idle: participants go through a room one at a time, each alone with the facilitator's screen.
Under load: all N in one room, arriving within the first 20 s (as people scan the code), each
acting after a random "thinking" pause of 2-12 s per step, all polling every 2 s throughout.
Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from followup.workshop.exercises import exercises  # noqa: E402

DEBUG = bool(os.environ.get("WORKSHOP_LOAD_DEBUG"))
RUN_TIMEOUT = 60.0  # seconds a run may take before it counts as an error
FINISHED_OK, FINISHED_ERROR, FINISHED_EARLY, FINISHED_FRAGMENT = 0, 1, 2, 3
ORDER = [e.id for e in exercises().exercises[:2]]  # the lobby's default: the first two cases
STAGES = ["before", *ORDER, "after"]
ARRIVAL_SECONDS = 20.0  # participants open the room link within the first 20 s


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Stats:
    errors: list[str] = field(default_factory=list)
    disconnects: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)  # interaction -> seconds
    follow: list[float] = field(default_factory=list)  # "Next" pressed -> participant's screen on the new step

    def add(self, what: str, seconds: float) -> None:
        self.times.setdefault(what, []).append(seconds)


class Visitor:
    """One browser tab: a WebSocket session that reruns the page as the frontend would."""

    def __init__(self, name: str, port: int, query: str, stats: Stats):
        self.name, self.port, self.query, self.stats = name, port, query, stats
        self.ws = None
        self.widgets: dict[str, str] = {}  # user key -> widget id, from the latest runs
        self.page_keys: set[str] = set()  # widget keys of the latest full run
        self.texts: list[str] = []  # markdown/alert text of the latest full run
        self.fragments: dict[str, float] = {}  # fragment id -> poll interval
        self.closing = False
        self._queue: asyncio.Queue = asyncio.Queue()
        self._reader: asyncio.Task | None = None
        self.lock = asyncio.Lock()
        self.full_runs = 0
        self.page_hash = ""
        self._keys: set[str] = set()
        self._texts: list[str] = []
        self.last_full_run_at = 0.0

    async def connect(self) -> None:
        self.ws = await websockets.connect(f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
                                           max_size=None, open_timeout=30, ping_interval=20, ping_timeout=60)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                await self._queue.put(msg)
        except websockets.ConnectionClosed:
            pass
        if not self.closing:
            self.stats.disconnects += 1
            self.stats.errors.append(f"{self.name}: connection closed by the server")
        await self._queue.put(None)

    async def close(self) -> None:
        self.closing = True
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await self._reader

    async def run(self, widgets: list | None = None, fragment: str = "", what: str = "") -> float:
        """Send one rerun (full, or of one fragment) and wait until the page has finished it,
        including a full rerun that the fragment starts (st.rerun(scope="app")). Returns seconds."""
        async with self.lock:
            back = BackMsg()
            cs = back.rerun_script
            cs.query_string = self.query
            cs.page_name = "workshop"  # the page's URL path, as the frontend sends it on a deep link
            cs.page_script_hash = self.page_hash
            cs.context_info.timezone = "UTC"
            cs.context_info.url = f"http://127.0.0.1:{self.port}/workshop"
            if fragment:
                cs.fragment_id = fragment
                cs.is_auto_rerun = True
            for w in widgets or []:
                cs.widget_states.widgets.append(w)
            self._drain()
            start = time.perf_counter()
            await self.ws.send(back.SerializeToString())
            await self._until_finished(fragment)
            elapsed = time.perf_counter() - start
            if what:
                self.stats.add(what, elapsed)
            return elapsed

    def _take(self, msg) -> int | None:
        """Note what one message tells; returns the script_finished status when it ends a run."""
        kind = msg.WhichOneof("type")
        if DEBUG:
            extra = ""
            if kind == "script_finished":
                extra = f" {msg.script_finished}"
            elif kind == "delta":
                d = msg.delta
                extra = f" {d.WhichOneof('type')} {list(msg.metadata.delta_path)}"
                if d.WhichOneof("type") == "new_element":
                    et = d.new_element.WhichOneof("type")
                    inner = getattr(d.new_element, et)
                    extra += f" {et} {getattr(inner, 'id', '')} {str(getattr(inner, 'body', ''))[:60]!r}"
            print(f"{time.perf_counter():.2f} {self.name}: {kind}{extra}", file=sys.stderr)
        if kind == "new_session":
            self._keys, self._texts = set(), []
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "navigation" and msg.navigation.page_script_hash:
            self.page_hash = msg.navigation.page_script_hash  # sent back, as the browser does
        elif kind == "auto_rerun":  # the browser keeps a fragment's timer until told to stop it
            self.fragments[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            self.fragments.pop(msg.stop_auto_rerun.fragment_id, None)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            et = el.WhichOneof("type")
            wid = getattr(getattr(el, et), "id", "")
            if isinstance(wid, str) and wid.startswith("$$ID-") and wid.count("-") >= 2:
                key = wid.split("-", 2)[2]
                self.widgets[key] = wid
                self._keys.add(key)
            if et == "exception":
                self.stats.errors.append(f"{self.name}: exception on the page: {el.exception.message[:200]}")
            elif et == "alert":
                self._texts.append(el.alert.body)
                if el.alert.format == 1:  # ERROR
                    self.stats.errors.append(f"{self.name}: st.error: {el.alert.body[:200]}")
            elif et == "markdown":
                self._texts.append(el.markdown.body)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == FINISHED_OK:  # a full run: the page is what it drew
                self.page_keys, self.texts = self._keys, self._texts
                self.full_runs += 1
                self.last_full_run_at = time.perf_counter()
            elif status == FINISHED_FRAGMENT:
                self.texts = self.texts + self._texts
            elif status == FINISHED_ERROR:
                self.stats.errors.append(f"{self.name}: the script failed to compile")
            return status
        return None

    def _drain(self) -> None:
        while not self._queue.empty():
            msg = self._queue.get_nowait()
            if msg is None:
                raise ConnectionError("closed")
            self._take(msg)

    async def _until_finished(self, fragment: str) -> None:
        """Wait for the end of the run just asked for: a full run ends with FINISHED_OK; a fragment
        run with FINISHED_FRAGMENT, unless it asked for a full rerun (FINISHED_EARLY, then the full
        run follows)."""
        deadline = time.monotonic() + RUN_TIMEOUT
        while True:
            try:
                msg = await asyncio.wait_for(self._queue.get(), max(0.1, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                self.stats.errors.append(f"{self.name}: a run took over {RUN_TIMEOUT:.0f} s")
                return
            if msg is None:
                raise ConnectionError("closed")
            status = self._take(msg)
            if status in (FINISHED_OK, FINISHED_ERROR) or (status == FINISHED_FRAGMENT and fragment):
                return

    def state(self, key: str, **value) -> "WidgetState":  # noqa: F821
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        ws = WidgetState()
        ws.id = self.widgets[key]
        for name, v in value.items():
            if name == "string_array_value":
                ws.string_array_value.data[:] = v
            elif name == "double_array_value":
                ws.double_array_value.data[:] = v
            else:
                setattr(ws, name, v)
        return ws

    async def poll(self, what: str) -> None:
        for fid in list(self.fragments):
            await self.run(fragment=fid, what=what)


class Room:
    """What the facilitator and the participants share in this process (not on the server)."""

    def __init__(self, n: int):
        self.n = n
        self.stage = "before"
        self.moved_at = 0.0
        self.done: dict[str, set[str]] = {}
        self.over = False  # set once the room's memory was measured: participants then close their tabs

    def mark(self, stage: str, who: str) -> None:
        self.done.setdefault(stage, set()).add(who)


def exit_widgets(v: Visitor, phase: str, rng: random.Random) -> list:
    out = []
    for q in exercises().exit_questions:
        out.append(v.state(f"ws_q_{phase}_{q.id}", string_value=q.options[rng.randrange(len(q.options))]))
    out.append(v.state(f"ws_conf_{phase}", double_array_value=[float(rng.randint(1, 5))]))
    out.append(v.state(f"ws_check_go_{phase}", trigger_value=True))
    return out


def answer_widgets(v: Visitor, ex_id: str, rng: random.Random) -> list:
    ex = exercises().get(ex_id)
    lo, hi = ex.window()
    day = lo + dt.timedelta(days=rng.randint(-3, (hi - lo).days + 3))
    note = ("Dear Ms Lee, thank you again for the interview. I remain very interested in the role, and my "
            f"five years running schedules would help your team. Is there any news? ({v.name})")
    return [v.state(f"ws_date_{ex_id}", string_array_value=[day.isoformat()]),
            v.state(f"ws_choice_{ex_id}", string_value=ex.options[rng.randrange(len(ex.options))].label),
            v.state(f"ws_note_{ex_id}", string_value=note),
            v.state(f"ws_save_{ex_id}", trigger_value=True)]


async def participant(i: int, port: int, code: str, room: Room, stats: Stats, rng: random.Random,
                      think: tuple[float, float], deadline: float, done_stage: str = "after",
                      arrive: tuple[float, float] = (0.0, 0.0)) -> None:
    await asyncio.sleep(rng.uniform(*arrive))  # people scan the code over the first seconds, not all at once
    v = Visitor(f"participant {i}", port, f"room={code}", stats)
    await v.connect()
    try:
        await v.run(what="open the room link")
        if "ws_link_go" not in v.widgets:
            stats.errors.append(f"{v.name}: no join form")
            return
        await v.run([v.state("ws_nick_link", string_value=f"P{i}"), v.state("ws_link_go", trigger_value=True)],
                    what="join")
        acted: set[str] = set()
        seen_stage, seen_at = None, time.perf_counter()
        next_poll = time.perf_counter() + 2.0
        pause = rng.uniform(*think)
        while time.perf_counter() < deadline and not room.over:
            stage = room.stage
            on_page = ("ws_check_go_before" if stage == "before" else "ws_check_go_after" if stage == "after"
                       else f"ws_save_{stage}")
            if stage != seen_stage and (on_page in v.page_keys or stage in acted):
                if seen_stage is not None and room.moved_at and v.last_full_run_at >= room.moved_at:
                    stats.follow.append(v.last_full_run_at - room.moved_at)
                seen_stage, seen_at, pause = stage, time.perf_counter(), rng.uniform(*think)
            now = time.perf_counter()
            if seen_stage == stage and stage not in acted and stage in STAGES and now - seen_at >= pause:
                if stage in ("before", "after"):
                    await v.run(exit_widgets(v, stage, rng), what="send the check")
                    ok = any("answers count in the room's totals" in t for t in v.texts)
                else:
                    await v.run(answer_widgets(v, stage, rng), what="save an answer")
                    await asyncio.sleep(rng.uniform(1.0, 3.0))
                    await v.run([v.state(f"ws_share_{stage}", trigger_value=True)], what="share it")
                    ok = any("(shared ✔" in t for t in v.texts)
                if not ok:
                    stats.errors.append(f"{v.name}: step {stage} not confirmed on the page")
                acted.add(stage)
                room.mark(stage, v.name)
                continue
            if now >= next_poll:
                await v.poll("poll (no change)" if stage == seen_stage else "poll")
                next_poll = time.perf_counter() + 2.0
                continue
            await asyncio.sleep(0.05)
        if done_stage not in acted:
            stats.errors.append(f"{v.name}: did not finish in time (at {room.stage})")
    except ConnectionError:
        pass
    finally:
        await v.close()


async def facilitator(port: int, key: str, room: Room, stats: Stats, deadline: float, stages: list[str],
                      stop: asyncio.Event, step_limit: float) -> None:
    v = Visitor("facilitator", port, f"host={key}", stats)
    await v.connect()
    try:
        await v.run(what="facilitator: open the projector view")
        poll_at = time.perf_counter() + 3.0
        for i, stage in enumerate(stages):
            started = time.perf_counter()
            while time.perf_counter() < deadline and not stop.is_set():
                if len(room.done.get(stage, ())) >= room.n or time.perf_counter() - started > step_limit:
                    break
                if time.perf_counter() >= poll_at:
                    await v.poll("facilitator: counts poll")
                    poll_at = time.perf_counter() + 3.0
                await asyncio.sleep(0.05)
            if stage not in ("before", "after"):
                await v.run([v.state("ws_reveal", trigger_value=True)], what="facilitator: reveal")
            if i + 1 < len(stages):
                await v.run([v.state("ws_next", trigger_value=True)], what="facilitator: next")
                room.moved_at = time.perf_counter()
                room.stage = stages[i + 1]
        while not stop.is_set() and time.perf_counter() < deadline:  # the projector stays open
            if time.perf_counter() >= poll_at:
                await v.poll("facilitator: counts poll")
                poll_at = time.perf_counter() + 3.0
            await asyncio.sleep(0.05)
    except ConnectionError:
        pass
    finally:
        await v.close()


async def start_room(port: int, stats: Stats) -> tuple[str, str]:
    """The facilitator starts a room in the lobby, as on /workshop; returns (code, host key)."""
    v = Visitor("facilitator (lobby)", port, "", stats)
    await v.connect()
    try:
        await v.run()
        titles = [exercises().get(i).title for i in ORDER]  # the multiselect sends its options' labels
        await v.run([v.state("ws_order", string_array_value=titles), v.state("ws_start_go", trigger_value=True)])
        key = dict(p.split("=", 1) for p in v.query.split("&") if "=" in p).get("host", "")
    finally:
        await v.close()
    # the room code is on the projector view
    v = Visitor("facilitator (code)", port, f"host={key}", stats)
    await v.connect()
    try:
        await v.run()
        code = next((t.strip() for t in v.texts if t.strip().replace("-", "").isalnum() and len(t.strip()) == 7), "")
    finally:
        await v.close()
    if not key or not code:
        raise RuntimeError(f"could not start a room (key={bool(key)}, code={code!r})")
    return code, key


async def loaded_room(port: int, n: int, stats: Stats, seed: int, think: tuple[float, float], limit: float,
                      on_full) -> None:
    """All n participants at once; ``on_full()`` runs when every one has sent the exit check, before
    anyone leaves."""
    code, key = await start_room(port, stats)
    room = Room(n)
    stop = asyncio.Event()
    deadline = time.perf_counter() + limit
    host = asyncio.create_task(facilitator(port, key, room, stats, deadline, STAGES, stop, step_limit=90.0))
    await asyncio.sleep(1.0)
    rngs = [random.Random(seed * 1000 + i) for i in range(n)]
    people = [asyncio.create_task(participant(i, port, code, room, stats, rngs[i], think, deadline,
                                              arrive=(0.0, ARRIVAL_SECONDS))) for i in range(n)]
    while len(room.done.get("after", ())) < n and time.perf_counter() < deadline and not all(p.done() for p in people):
        await asyncio.sleep(0.2)
    on_full()
    room.over = True
    await asyncio.gather(*people)
    stop.set()
    await host


async def solo(port: int, i: int, stats: Stats, seed: int, limit: float) -> None:
    """One participant alone in a room of their own, with only the facilitator's screen open."""
    code, key = await start_room(port, stats)
    room = Room(1)
    stop = asyncio.Event()
    deadline = time.perf_counter() + limit
    host = asyncio.create_task(facilitator(port, key, room, stats, deadline, STAGES, stop, step_limit=limit))
    task = asyncio.create_task(participant(1000 + i, port, code, room, stats, random.Random(seed + i), (1.0, 1.5),
                                           deadline))
    while len(room.done.get("after", ())) < 1 and time.perf_counter() < deadline and not task.done():
        await asyncio.sleep(0.2)
    room.over = True
    await task
    stop.set()
    await host


def db_counts(data_dir: Path) -> dict[str, int]:
    import sqlalchemy as sa

    eng = sa.create_engine(f"sqlite:///{data_dir / 'followup.sqlite3'}")
    with eng.connect() as c:
        out = {t: c.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
               for t in ("workshop_participants", "workshop_answers", "workshop_shared", "workshop_checks")}
    eng.dispose()
    return out


def summary(times: list[float]) -> str:
    if not times:
        return "-"
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (n={len(times)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--participants", type=int, default=40)
    ap.add_argument("--idle", type=int, default=5, help="participants measured alone first")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=420.0, help="seconds the loaded room may take at most")
    args = ap.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="workshop-load-"))
    port = free_port()
    env = {**os.environ, "FOLLOWUP_DATA_DIR": str(data_dir)}
    env.pop("FOLLOWUP_SHARED", None)
    log = open(data_dir / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")

        idle, load = Stats(), Stats()
        # Warm up (the first run imports the engine), then the idle baseline: one at a time.
        asyncio.run(solo(port, 99, Stats(), args.seed, 300))

        async def idle_runs() -> None:
            for i in range(args.idle):
                await solo(port, i, idle, args.seed, 300)

        asyncio.run(idle_runs())
        time.sleep(2)
        before = db_counts(data_dir)
        rss_before, cpu_before = rss_kib(server.pid), cpu_seconds(server.pid)
        full: dict[str, float] = {}

        def on_full() -> None:
            full.update(rss=rss_kib(server.pid), cpu=cpu_seconds(server.pid), t=time.perf_counter())

        t0 = time.perf_counter()
        me0 = resource.getrusage(resource.RUSAGE_SELF)
        asyncio.run(loaded_room(port, args.participants, load, args.seed, (2.0, 12.0), args.limit, on_full))
        me1 = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (me1.ru_utime + me1.ru_stime) - (me0.ru_utime + me0.ru_stime)
        elapsed = full.get("t", time.perf_counter()) - t0
        rss_after, cpu_after = full.get("rss", rss_kib(server.pid)), full.get("cpu", cpu_seconds(server.pid))
        after = db_counts(data_dir)
        got = {k: after[k] - before[k] for k in after}
        n = args.participants
        want = {"workshop_participants": n, "workshop_answers": n * len(ORDER), "workshop_shared": n * len(ORDER),
                "workshop_checks": 2 * n}
        for k, w in want.items():
            if got[k] != w:
                load.errors.append(f"database: {got[k]} rows in {k}, expected {w}")
        if server.poll() is not None:
            load.errors.append("the server exited")
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    print(f"Workshop load check: 1 facilitator + {n} participants on one server (2-core machine), seed {args.seed}")
    print(f"  the loaded room took {elapsed:.0f} s; server CPU {cpu_after - cpu_before:.1f} s in that time "
          f"({(cpu_after - cpu_before) / elapsed * 100:.0f}% of one core); the {n + 1} clients (this process) "
          f"{client_cpu:.1f} s; machine load average {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"  errors: {len(load.errors) + len(idle.errors)}   disconnects: {load.disconnects + idle.disconnects}")
    for e in (idle.errors + load.errors)[:20]:
        print("   ", e)
    print(f"  database rows written under load: {got}")
    print(f"  server RSS: {rss_before / 1024:.0f} MiB before, {rss_after / 1024:.0f} MiB with {n} in the room: "
          f"{(rss_after - rss_before) / n:.0f} KiB per participant")
    print(f"  screens following 'Next': {summary(load.follow)}")
    print("  interaction                          idle (one at a time)                 under load                     ratio of medians")
    for what in sorted(set(idle.times) | set(load.times)):
        a, b = idle.times.get(what, []), load.times.get(what, [])
        ratio = f"{statistics.median(b) / statistics.median(a):.2f}x" if a and b else "-"
        print(f"  {what:36s} {summary(a):36s} {summary(b):36s} {ratio}")
    acts = ("join", "send the check", "save an answer", "share it")
    a = [t for w in acts for t in idle.times.get(w, [])]
    b = [t for w in acts for t in load.times.get(w, [])]
    if a and b:
        print(f"  all participant actions              {summary(a):36s} {summary(b):36s} "
              f"{statistics.median(b) / statistics.median(a):.2f}x")
    return 1 if (load.errors or idle.errors or load.disconnects or idle.disconnects) else 0


if __name__ == "__main__":
    raise SystemExit(main())
