#!/usr/bin/env python3
"""Screenshots of pages that need their scripts and a login (WildFly's HAL), through Chromium's DevTools protocol.

    cdp.py DEVTOOLS_PORT USER PASSWORD WAIT_SECONDS OUT.png URL CLICKS [OUT.png URL CLICKS ...]

CLICKS: the texts of the links to click after loading, in order, separated by '|' ('-' for none), e.g.
'Bean Pool|mdb-strict-max-pool'; each click gets a few seconds.

Chromium runs already (--headless=new --remote-debugging-port=DEVTOOLS_PORT). `--screenshot` alone cannot log in to
HAL (the management interface asks with HTTP Digest, which credentials in the URL do not answer for the page's own
requests) nor wait for its single-page application; here the Fetch domain answers every authentication challenge
and each page gets WAIT_SECONDS after loading. Standard library only: the WebSocket client is the few lines below.
"""
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.request


class DevTools:
    """One WebSocket to one page target; commands by id, events kept aside until read."""

    def __init__(self, port):
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        path = page["webSocketDebuggerUrl"].split(f":{port}", 1)[1]
        self.sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                          .encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(head.decode(errors="replace"))
        self.next_id = 0
        self.events = []

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError("DevTools closed the socket")
            data += chunk
        return data

    def _send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        # a client's frames are masked (RFC 6455 5.3)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            n = second & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            message += self._read(n)
            if first & 0x80:  # FIN: the last fragment
                return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        own = self.next_id  # answering events while waiting takes ids too
        self._send(json.dumps({"id": own, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == own:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._answer(message)

    def pump(self, seconds):
        """Answer events (authentication, paused requests) for a while."""
        end = time.time() + seconds
        self.sock.settimeout(0.5)
        try:
            while time.time() < end:
                try:
                    self._answer(self._receive())
                except socket.timeout:
                    pass
        finally:
            self.sock.settimeout(None)

    def _answer(self, message):
        method = message.get("method")
        params = message.get("params", {})
        if method == "Fetch.authRequired":
            self._reply("Fetch.continueWithAuth", requestId=params["requestId"],
                        authChallengeResponse={"response": "ProvideCredentials",
                                               "username": self.user, "password": self.password})
        elif method == "Fetch.requestPaused":
            self._reply("Fetch.continueRequest", requestId=params["requestId"])

    def _reply(self, method, **params):
        # fire and forget: its answer comes back through _receive and is dropped there
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))


# The innermost visible element whose own text is the text; HAL's links are <a>, <li> or <span>.
CLICK = """(text => {
  const hits = [...document.querySelectorAll('a, li, span, button, td, h2')]
    .filter(e => e.offsetParent !== null && e.textContent.trim() === text);
  if (hits.length === 0) return false;
  hits[hits.length - 1].click();
  return true;
})(%s)"""


def main(port, user, password, wait, *shots):
    tools = DevTools(int(port))
    tools.user, tools.password = user, password
    tools.call("Page.enable")
    tools.call("Emulation.setDeviceMetricsOverride", width=1280, height=800, deviceScaleFactor=1, mobile=False)
    tools.call("Fetch.enable", handleAuthRequests=True, patterns=[{"urlPattern": "*"}])
    for out, url, clicks in zip(shots[0::3], shots[1::3], shots[2::3]):
        tools.call("Page.navigate", url=url)
        tools.pump(float(wait))
        for text in clicks.split("|") if clicks != "-" else []:
            clicked = tools.call("Runtime.evaluate", expression=CLICK % json.dumps(text), returnByValue=True)
            if not clicked["result"].get("value"):
                print(f"{out}: no '{text}' to click", file=sys.stderr)
            tools.pump(4)
        data = tools.call("Page.captureScreenshot", format="png")["data"]
        with open(out, "wb") as f:
            f.write(base64.b64decode(data))
        print(out, url)


if __name__ == "__main__":
    main(*sys.argv[1:])
