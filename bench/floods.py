#!/usr/bin/env python3
"""Floods and slow clients against one SMTP listener, each bounded in time, with the server's memory watched.

    floods.py --pid PID --port 2525 [--proxy-port P] SCENARIO [SCENARIO ...]

Scenarios: connections, slow-greeting, slow-command, slow-data, slow-bdat, slow-tls, slow-proxy, big-message,
recipients (see SCENARIOS below). For each it prints one line of figures and, meanwhile, sends one well-behaved
message every two seconds and reports how many of those got 250. Memory: the server's RSS (VmRSS) and its heap
after a full GC (jcmd GC.heap_info), before, at the peak (RSS sampled every second) and after.
"""
import argparse
import asyncio
import re
import smtplib
import subprocess
import sys
import threading
import time

CRLF = b"\r\n"
# The well-behaved client comes from its own loopback address (the floods conf gives it a Peer budget of its own);
# the attackers from SPREAD others, as a botnet would, so per-client limits alone do not stop them.
PROBE_SOURCE = "127.0.0.2"
SPREAD = 200
_next_source = 0


def heap_after_gc_mib(pid):
    """Heap used after a full GC, in MiB, or None when jcmd cannot reach the JVM."""
    try:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60, check=True)
        out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60,
                             check=True).stdout
    except (subprocess.SubprocessError, OSError):
        return None
    m = re.search(r"used (\d+)K", out)
    return round(int(m.group(1)) / 1024, 1) if m else None


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


class Watch:
    """Samples the server's RSS every second and sends the well-behaved client's messages."""

    def __init__(self, pid, host, port):
        self.pid, self.host, self.port = pid, host, port
        self.peak = 0.0
        self.sent = self.accepted = 0
        self.failures = {}
        self._stop = threading.Event()

    def __enter__(self):
        self.rss_before = rss_mib(self.pid)
        self.heap_before = heap_after_gc_mib(self.pid)
        self._threads = [threading.Thread(target=self._sample, daemon=True),
                         threading.Thread(target=self._probe, daemon=True)]
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for t in self._threads:
            t.join(timeout=60)
        time.sleep(2)
        self.rss_after = rss_mib(self.pid)
        self.heap_after = heap_after_gc_mib(self.pid)

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mib(self.pid) or 0)
            self._stop.wait(1)

    def _probe(self):
        while not self._stop.is_set():
            self.sent += 1
            try:
                with smtplib.SMTP(self.host, self.port, timeout=30, source_address=(PROBE_SOURCE, 0)) as s:
                    s.sendmail("probe@example.test", ["probe@example.test"],
                               b"Subject: probe\r\n\r\nwell-behaved\r\n")
                self.accepted += 1
            except (smtplib.SMTPException, OSError) as e:
                key = type(e).__name__ + (f" {e.smtp_code}" if hasattr(e, "smtp_code") else "")
                self.failures[key] = self.failures.get(key, 0) + 1
            self._stop.wait(2)

    def summary(self):
        return (f"rss MiB {self.rss_before}/{self.peak}/{self.rss_after} (before/peak/after), "
                f"heap after GC MiB {self.heap_before}/{self.heap_after}, "
                f"well-behaved client {self.accepted}/{self.sent} got 250"
                + (f" (failures {self.failures})" if self.failures else ""))


async def read_reply(reader, timeout):
    """One whole SMTP reply (its last line), or None when the connection ended or nothing came in time."""
    try:
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout)
            if not line:
                return None
            if len(line) < 4 or line[3:4] != b"-":
                return line.rstrip(b"\r\n").decode("latin-1")
    except (asyncio.TimeoutError, ConnectionError):
        return None


async def connect(host, port, tries=3):
    global _next_source
    source = f"127.0.0.{10 + _next_source}"  # 127.0.0.10 … 127.0.0.209
    _next_source = (_next_source + 1) % SPREAD
    for attempt in range(tries):
        try:
            return await asyncio.open_connection(host, port, local_addr=(source, 0))
        except OSError:
            if attempt == tries - 1:
                raise
            await asyncio.sleep(0.2)


def count(outcomes):
    tally = {}
    for o in outcomes:
        tally[o] = tally.get(o, 0) + 1
    return ", ".join(f"{k}: {v}" for k, v in sorted(tally.items(), key=lambda kv: -kv[1]))


async def connections(a):
    """N connections at once, each reads its greeting and then holds the session idle for --hold seconds."""
    writers = []

    async def one():
        try:
            reader, writer = await connect(a.host, a.port)
        except OSError as e:
            return f"connect failed ({e.errno})"
        writers.append(writer)
        reply = await read_reply(reader, 60)
        return reply[:9] if reply else "no greeting"

    t0 = time.monotonic()
    outcomes = []
    for start in range(0, a.count, 500):
        outcomes += await asyncio.gather(*(one() for _ in range(min(500, a.count - start))))
    opened = time.monotonic() - t0
    await asyncio.sleep(a.hold)
    for w in writers:
        w.close()
    return f"{a.count} connections in {opened:.1f} s, held {a.hold} s: {count(outcomes)}"


async def trickle(a, prelude, drip, expect_before_drip=None):
    """--count clients each send `prelude`, then one byte of `drip` every --interval s until cut or --duration."""

    async def one():
        try:
            reader, writer = await connect(a.host, a.port if not a.proxy else a.proxy_port)
        except OSError as e:
            return f"connect failed ({e.errno})", None
        t0 = time.monotonic()
        try:
            if not a.proxy:
                greeting = await read_reply(reader, 30)
                if not greeting or not greeting.startswith("220"):
                    return f"greeting {greeting}", None
            for line, wanted in prelude:
                writer.write(line)
                await writer.drain()
                if wanted:
                    reply = await read_reply(reader, 30)
                    if not reply or not reply.startswith(wanted):
                        return f"prelude {line!r} got {reply}", None
            i = 0
            while time.monotonic() - t0 < a.duration:
                writer.write(drip[i % len(drip):i % len(drip) + 1])
                await writer.drain()
                i += 1
                try:
                    data = await asyncio.wait_for(reader.read(4096), a.interval)
                    if not data:
                        return "closed", time.monotonic() - t0
                    if data[:1] == b"\x15":  # a TLS alert record: the handshake was given up
                        return "cut: TLS alert", time.monotonic() - t0
                    text = data.decode("latin-1").strip().splitlines()[-1][:24]
                    return f"cut: {text}", time.monotonic() - t0
                except asyncio.TimeoutError:
                    pass
            return "still open", None
        except ConnectionError:
            return "reset", time.monotonic() - t0
        finally:
            writer.close()

    results = await asyncio.gather(*(one() for _ in range(a.count)))
    cut_times = sorted(t for _, t in results if t is not None)
    median = f"{cut_times[len(cut_times) // 2]:.0f} s" if cut_times else "-"
    return (f"{a.count} clients, a byte every {a.interval} s for up to {a.duration} s: "
            f"{count(o for o, _ in results)}; median time to the cut {median}")


EHLO = (b"EHLO flood.test\r\n", "250")
TRANSACTION = [EHLO, (b"MAIL FROM:<flood@example.test>\r\n", "250"), (b"RCPT TO:<sink@example.test>\r\n", "250")]


async def slow_greeting(a):
    return await trickle(a, [], b"EHLO slow.test\r\n")


async def slow_command(a):
    return await trickle(a, [EHLO], b"NOOP " + b"x" * 400)


async def slow_data(a):
    return await trickle(a, TRANSACTION + [(b"DATA\r\n", "354")], b"Subject: slow\r\n\r\n" + b"y" * 70 + CRLF)


async def slow_bdat(a):
    return await trickle(a, TRANSACTION + [(b"BDAT 100000 LAST\r\n", None)], b"z" * 100)


async def slow_tls(a):
    hello = bytes.fromhex("16030100c6010000c20303") + b"\x00" * 200  # the start of a TLS ClientHello, then padding
    return await trickle(a, [EHLO, (b"STARTTLS\r\n", "220")], hello)


async def slow_proxy(a):
    a.proxy = True
    return await trickle(a, [], b"PROXY TCP4 192.0.2.1 127.0.0.1 40000 2545\r\n")


async def big_message(a):
    reader, writer = await connect(a.host, a.port)
    await read_reply(reader, 30)
    out = []
    for line, wanted in TRANSACTION + [(b"DATA\r\n", "354")]:
        writer.write(line)
        await writer.drain()
        out.append(await read_reply(reader, 30))
    line = b"x" * 998 + CRLF
    block = line * 1024
    total = 0
    t0 = time.monotonic()
    while total < a.size:
        writer.write(block)
        await writer.drain()
        total += len(block)
    writer.write(b"Subject: end\r\n.\r\n")
    await writer.drain()
    reply = await read_reply(reader, 120)
    elapsed = time.monotonic() - t0
    writer.write(b"NOOP\r\n")
    await writer.drain()
    noop = await read_reply(reader, 30)
    writer.close()
    return (f"{total / 2**20:.0f} MiB without SIZE= in {elapsed:.1f} s: {reply}; then NOOP: {noop}")


async def recipients(a):
    reader, writer = await connect(a.host, a.port)
    await read_reply(reader, 30)
    writer.write(b"EHLO flood.test\r\nMAIL FROM:<flood@example.test>\r\n")
    await writer.drain()
    await read_reply(reader, 30)
    await read_reply(reader, 30)

    async def send():
        for start in range(0, a.count, 1000):
            writer.write(b"".join(b"RCPT TO:<r%d@example.test>\r\n" % i
                                  for i in range(start, min(a.count, start + 1000))))
            await writer.drain()

    sender = asyncio.ensure_future(send())
    replies = []
    for _ in range(a.count):
        reply = await read_reply(reader, 60)
        if reply is None:
            break
        replies.append(reply[:9])
    await sender
    writer.write(b"RSET\r\nQUIT\r\n")
    await writer.drain()
    writer.close()
    return f"{a.count} pipelined RCPT TO: {count(replies)}" + ("" if len(replies) == a.count else
                                                              f"; {a.count - len(replies)} unanswered")


SCENARIOS = {
    "connections": (connections, {"count": 10_000}),
    "slow-greeting": (slow_greeting, {"count": 500}),
    "slow-command": (slow_command, {"count": 500}),
    "slow-data": (slow_data, {"count": 500}),
    "slow-bdat": (slow_bdat, {"count": 500}),
    "slow-tls": (slow_tls, {"count": 200}),
    "slow-proxy": (slow_proxy, {"count": 200}),
    "big-message": (big_message, {}),
    "recipients": (recipients, {"count": 100_000}),
}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenarios", nargs="+", choices=SCENARIOS)
    p.add_argument("--pid", type=int, required=True, help="the server's JVM")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=2525)
    p.add_argument("--proxy-port", type=int, help="a Listen with Proxy_Protocol = true, for slow-proxy")
    p.add_argument("--count", type=int, help="connections, clients or recipients (each scenario has a default)")
    p.add_argument("--hold", type=int, default=30, help="seconds the connections scenario holds its sessions")
    p.add_argument("--interval", type=float, default=10, help="seconds between a slow client's bytes")
    p.add_argument("--duration", type=float, default=120, help="longest a slow client keeps going")
    p.add_argument("--size", type=int, default=2**30, help="bytes of the big message")
    a = p.parse_args()
    failed = False
    for name in a.scenarios:
        run, defaults = SCENARIOS[name]
        args = argparse.Namespace(**vars(a))
        args.count = a.count or defaults.get("count")
        args.proxy = False
        if name == "slow-proxy" and not a.proxy_port:
            print(f"{name}: skipped (no --proxy-port)")
            continue
        with Watch(a.pid, a.host, a.port) as watch:
            try:
                figures = asyncio.run(asyncio.wait_for(run(args), args.duration + a.hold + 600))
            except Exception as e:  # a scenario that breaks is reported, and the others still run
                figures = f"failed: {type(e).__name__}: {e}"
                failed = True
        print(f"{name}: {figures}; {watch.summary()}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
