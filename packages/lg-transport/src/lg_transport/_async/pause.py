"""Waiting between attempts.

The async flavour imports asyncio here, on first use: retries and reconnects are rare, and
importing asyncio (with the subprocess, signal and concurrent.futures modules it pulls in) at
startup would cost every user ~8 ms.
"""

from lg_transport._deadline import check_pause


async def pause(seconds: float) -> None:
    """Wait ``seconds`` before the next attempt (unless that ends past the call's
    ``total_timeout``: `lg_transport._deadline`)."""
    import asyncio

    check_pause(seconds)
    await asyncio.sleep(seconds)
