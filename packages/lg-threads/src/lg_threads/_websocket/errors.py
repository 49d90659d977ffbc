"""Errors of the built-in WebSocket client, shaped like websockets' (same class names and
messages) so that what the SDK reports does not depend on which client read the stream."""

from __future__ import annotations

from lg_threads._websocket.frames import Close

__all__ = [
    "ConnectionClosed",
    "ConnectionClosedError",
    "ConnectionClosedOK",
    "InvalidHandshake",
    "InvalidStatus",
    "WebSocketError",
]


class WebSocketError(Exception):
    """Base class of the client's errors."""


class InvalidHandshake(WebSocketError):
    """The server's answer to the opening handshake is not a valid WebSocket upgrade."""


class InvalidStatus(InvalidHandshake):
    """The server refused the upgrade with an HTTP status; its response is kept."""

    def __init__(self, status_code: int, headers: list[tuple[str, str]], body: bytes) -> None:
        super().__init__(f"server rejected WebSocket connection: HTTP {status_code}")
        self.status_code = status_code
        self.headers = headers
        self.body = body


class ConnectionClosed(WebSocketError):
    """The connection is closed: ``rcvd``/``sent`` are the close frames exchanged, if any."""

    def __init__(self, rcvd: Close | None, sent: Close | None, detail: str = "") -> None:
        self.rcvd = rcvd
        self.sent = sent
        self.detail = detail
        super().__init__(self._describe())

    def _describe(self) -> str:
        if self.rcvd is None and self.sent is None:
            text = "no close frame received or sent"
        elif self.sent is None:
            text = f"received {self.rcvd}; no close frame sent"
        elif self.rcvd is None:
            text = f"sent {self.sent}; no close frame received"
        else:
            text = f"received {self.rcvd}; then sent {self.sent}"
        return f"{text} ({self.detail})" if self.detail else text

    @property
    def code(self) -> int:
        """The code the server closed with (1006 when it sent no close frame)."""
        return 1006 if self.rcvd is None else self.rcvd.code


class ConnectionClosedOK(ConnectionClosed):
    """Closed normally (1000, 1001 or no code, on both sides)."""


class ConnectionClosedError(ConnectionClosed):
    """Closed abnormally: an error code, a protocol error, or no close handshake."""
