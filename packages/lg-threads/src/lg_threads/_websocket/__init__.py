"""A WebSocket client of the SDK's own (RFC 6455, client side), for the event streams of
thread streaming: `_async.open_websocket` (asyncio) and `_sync.open_websocket` (blocking
socket), on `frames.FrameParser`, which parses every frame of a socket read in one call.

What it does not do, by choice: extensions (permessage-deflate is not offered, and a server
that negotiates an extension anyway is refused), subprotocols, proxies and redirects. The
event source uses it when none of those is needed and the ``websockets`` library otherwise
(`lg_threads._websocket_setup.fits_builtin_client`).
"""
