"""One running application per data directory.

The first start takes a ``QLockFile`` in the data directory and listens on a ``QLocalServer``
whose name is a hash of the data directory's path (no user name in a socket name). A second
start on the same folder cannot take the lock: it connects to that server, sends ``raise``
(the first one brings its window to the front) and exits. A lock left behind by a process
that was killed is recovered: when ``tryLock`` fails and the owner process is gone, the stale
lock file is removed and taken again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise\n"
ACK_MESSAGE = b"ok\n"
LOCK_WAIT_MS = 200
CONNECT_WAIT_MS = 1000


def server_name(data_dir: Path) -> str:
    """The local server's name for a data directory: a hash, never the path itself."""
    key = os.path.normcase(str(data_dir.expanduser().absolute()))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return f"tne-mediation-{digest}"


def _process_alive(pid: int) -> bool:
    """Whether ``pid`` still runs (on Windows, Qt's own stale-lock check answers instead)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class Acquired(Enum):
    """How ``SingleInstance.acquire`` went."""

    FIRST = "first"  # we own the data directory
    OTHER_RUNNING = "other"  # another process owns it
    FAILED = "failed"  # the lock file cannot be written


class SingleInstance(QObject):
    """The lock and the local server of one data directory.

    Signals:
        raise_requested: another start on the same data directory asked for the window.
    """

    raise_requested = Signal()

    def __init__(self, data_dir: Path, lock_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(data_dir)
        self._lock_file = lock_file
        self._lock = QLockFile(str(lock_file))
        # Age never makes a lock stale: only a dead owner does (checked in ``acquire``).
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def is_owner(self) -> bool:
        return self._lock.isLocked()

    def acquire(self) -> Acquired:
        """Take the lock and listen; ``OTHER_RUNNING`` when a live process holds it."""
        left_behind = self._lock_file.exists()
        if self._lock.tryLock(LOCK_WAIT_MS):
            if left_behind:  # Qt removed the lock of a dead owner by itself
                log.warning("stale instance lock of a stopped process: recovered")
        else:
            error = self._lock.error()
            if error is not QLockFile.LockError.LockFailedError:
                log.error("instance lock unavailable: %s", error.name)
                return Acquired.FAILED
            pid, _host, _app = self._lock.getLockInfo()  # pid 0: unreadable lock file
            if pid and _process_alive(int(pid)):
                return Acquired.OTHER_RUNNING
            log.warning("stale instance lock of a stopped process: recovered")
            if not self._lock.removeStaleLockFile() or not self._lock.tryLock(LOCK_WAIT_MS):
                return Acquired.OTHER_RUNNING
        self._listen()
        return Acquired.FIRST

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            # A socket left by a killed process: we own the lock, so it is ours to remove.
            QLocalServer.removeServer(self._name)
            if not server.listen(self._name):
                log.warning("instance server unavailable: %s", server.errorString())
                return
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        log.info("instance server listening")

    def _on_new_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        message = bytes(socket.readLine().data())
        if message == RAISE_MESSAGE:
            log.info("raise requested by another start on this data directory")
            socket.write(QByteArray(ACK_MESSAGE))
            socket.flush()
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def hand_over(self, timeout_ms: int = CONNECT_WAIT_MS, attempts: int = 5) -> bool:
        """Ask the running instance to show its window; True when it answered."""
        for _ in range(attempts):
            socket = QLocalSocket()
            socket.connectToServer(self._name)
            if socket.waitForConnected(timeout_ms):
                socket.write(QByteArray(RAISE_MESSAGE))
                socket.waitForBytesWritten(timeout_ms)
                answered = socket.waitForReadyRead(timeout_ms) and bytes(
                    socket.readAll().data()
                ).startswith(ACK_MESSAGE)
                socket.disconnectFromServer()
                if answered:
                    return True
            else:
                # The first instance may still be starting: its server is not up yet.
                socket.abort()
                QThread.msleep(max(timeout_ms // 4, 1))
        return False

    def release(self) -> None:
        """Stop listening and unlock (idempotent)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
