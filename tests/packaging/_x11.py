"""Just enough Xlib (through ctypes) to find a process's windows and close them like a user.

The bundle's smoke test runs the GUI under Xvfb, where no window manager is running: it finds
the top-level windows whose ``_NET_WM_PID`` is the app's, reads their title and WM_CLASS, and
sends them ``WM_DELETE_WINDOW`` (what a window manager sends when the close button is
clicked), so the application goes through its normal shutdown and exit code.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_Window = ctypes.c_ulong
_Atom = ctypes.c_ulong
_CLIENT_MESSAGE = 33
_NO_EVENT_MASK = 0
_IS_VIEWABLE = 2


class _XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", _Window),
        ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


class _XClientMessageEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", _Window),
        ("message_type", _Atom),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _XClientMessageEvent), ("pad", ctypes.c_long * 24)]


@dataclass(frozen=True)
class TopLevel:
    """A viewable top-level window."""

    window: int
    title: str
    wm_class: tuple[str, ...]
    width: int
    height: int


def load_xlib(extra_dirs: Sequence[Path] = ()) -> ctypes.CDLL:
    """The system's libX11, else one of ``extra_dirs`` (the bundle ships a copy)."""
    candidates = [ctypes.util.find_library("X11")]
    candidates += [str(folder / "libX11.so.6") for folder in extra_dirs]
    for name in candidates:
        if name:
            try:
                lib = ctypes.CDLL(name)
            except OSError:
                continue
            _declare(lib)
            return lib
    raise OSError("libX11 not found")


def _declare(x: ctypes.CDLL) -> None:
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x.XDefaultRootWindow.restype = _Window
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XInternAtom.restype = _Atom
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XQueryTree.argtypes = [
        ctypes.c_void_p,
        _Window,
        ctypes.POINTER(_Window),
        ctypes.POINTER(_Window),
        ctypes.POINTER(ctypes.POINTER(_Window)),
        ctypes.POINTER(ctypes.c_uint),
    ]
    x.XGetWindowProperty.argtypes = [
        ctypes.c_void_p,
        _Window,
        _Atom,
        ctypes.c_long,
        ctypes.c_long,
        ctypes.c_int,
        _Atom,
        ctypes.POINTER(_Atom),
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    x.XGetWindowAttributes.argtypes = [
        ctypes.c_void_p,
        _Window,
        ctypes.POINTER(_XWindowAttributes),
    ]
    x.XSendEvent.argtypes = [
        ctypes.c_void_p,
        _Window,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_XEvent),
    ]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]


class Display:
    """An open connection to an X server (``with Display.open(xlib, ":95") as d``)."""

    def __init__(self, xlib: ctypes.CDLL, handle: int) -> None:
        self._x = xlib
        self._d = handle

    @classmethod
    @contextmanager
    def open(cls, xlib: ctypes.CDLL, name: str) -> Iterator[Display]:
        handle = xlib.XOpenDisplay(name.encode())
        if not handle:
            raise OSError(f"cannot open X display {name}")
        try:
            yield cls(xlib, handle)
        finally:
            xlib.XCloseDisplay(handle)

    def _atom(self, name: str) -> int:
        return int(self._x.XInternAtom(self._d, name.encode(), 0))

    def _property(self, window: int, name: str) -> tuple[int, bytes]:
        """(format, raw items) of a window property; format 0 when it is not set."""
        kind, fmt = _Atom(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self._x.XGetWindowProperty(
            self._d,
            window,
            self._atom(name),
            0,
            4096,
            0,
            0,  # AnyPropertyType
            ctypes.byref(kind),
            ctypes.byref(fmt),
            ctypes.byref(count),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        if status != 0 or not data.value:
            return 0, b""
        try:
            # Xlib hands 32-bit items back as C longs.
            width = {8: 1, 16: ctypes.sizeof(ctypes.c_short), 32: ctypes.sizeof(ctypes.c_long)}
            size = count.value * width.get(fmt.value, 1)
            return fmt.value, ctypes.string_at(data.value, size)
        finally:
            self._x.XFree(data)

    def _pid(self, window: int) -> int | None:
        fmt, raw = self._property(window, "_NET_WM_PID")
        if fmt != 32 or not raw:
            return None
        return int(ctypes.c_long.from_buffer_copy(raw[: ctypes.sizeof(ctypes.c_long)]).value)

    def top_levels(self, pid: int) -> list[TopLevel]:
        """The viewable top-level windows of process ``pid``."""
        root = self._x.XDefaultRootWindow(self._d)
        root_ret, parent_ret = _Window(), _Window()
        children, count = ctypes.POINTER(_Window)(), ctypes.c_uint()
        if not self._x.XQueryTree(
            self._d,
            root,
            ctypes.byref(root_ret),
            ctypes.byref(parent_ret),
            ctypes.byref(children),
            ctypes.byref(count),
        ):
            return []
        try:
            windows = [int(children[i]) for i in range(count.value)]
        finally:
            if children:
                self._x.XFree(children)
        found = []
        for window in windows:
            if self._pid(window) != pid:
                continue
            attrs = _XWindowAttributes()
            if not self._x.XGetWindowAttributes(self._d, window, ctypes.byref(attrs)):
                continue
            if attrs.map_state != _IS_VIEWABLE or attrs.override_redirect:
                continue
            _fmt, title = self._property(window, "_NET_WM_NAME")
            _fmt, wm_class = self._property(window, "WM_CLASS")
            found.append(
                TopLevel(
                    window=window,
                    title=title.decode("utf-8", "replace"),
                    wm_class=tuple(
                        part.decode("utf-8", "replace") for part in wm_class.split(b"\0") if part
                    ),
                    width=attrs.width,
                    height=attrs.height,
                )
            )
        return found

    def close(self, window: int) -> None:
        """Ask a window to close, as a window manager's close button does."""
        event = _XEvent()
        event.xclient.type = _CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = self._atom("WM_PROTOCOLS")
        event.xclient.format = 32
        event.xclient.data[0] = self._atom("WM_DELETE_WINDOW")
        event.xclient.data[1] = 0  # CurrentTime
        self._x.XSendEvent(self._d, window, 0, _NO_EVENT_MASK, ctypes.byref(event))
        self._x.XSync(self._d, 0)
