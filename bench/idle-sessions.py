#!/usr/bin/env python3
"""Opens N SMTP sessions to HOST:PORT, reads each one's 220 greeting and then holds them all, saying nothing, for
at most HOLD seconds (or until it is stopped); then closes them. Prints "held N" (and flushes) once all
are open, "failed ..." and exits 1 if any could not be opened. Used by bench/memory.sh (raise `ulimit -n` first).

    idle-sessions.py HOST PORT N HOLD
"""
import asyncio
import sys

PARALLEL = 200  # connections being opened at once: below the listen backlog


async def one(host, port, gate, writers):
    async with gate:
        reader, writer = await asyncio.open_connection(host, port)
        greeting = await asyncio.wait_for(reader.readline(), 30)
        if not greeting.startswith(b"220"):
            raise RuntimeError(f"no greeting: {greeting!r}")
        writers.append(writer)


async def main(host, port, n, hold):
    gate = asyncio.Semaphore(PARALLEL)
    writers = []
    results = await asyncio.gather(*(one(host, port, gate, writers) for _ in range(n)), return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        print(f"failed {len(failures)} of {n}: {failures[0]!r}", flush=True)
        return 1
    print(f"held {len(writers)}", flush=True)
    await asyncio.sleep(hold)
    for w in writers:
        w.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))))
