"""Waiting between attempts.

The async flavour imports asyncio here, on first use: retries and reconnects are rare, and
importing asyncio (with the subprocess, signal and concurrent.futures modules it pulls in) at
startup would cost every user ~8 ms.
"""


async def pause(seconds: float) -> None:
    """Wait ``seconds`` before the next attempt."""
    import asyncio

    await asyncio.sleep(seconds)
