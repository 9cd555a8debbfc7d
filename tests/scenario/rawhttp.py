"""Raw HTTP/1.1 over a socket, for what urllib will not send: malformed
requests, trickled bytes, a chosen source address, a PROXY header."""
import json
import socket
import time


def connect(url, source="127.0.0.1", timeout=15):
    host, port = url.removeprefix("http://").rsplit(":", 1)
    s = socket.socket()
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect((host, int(port)))
    return s


def read_response(s, head=False):
    """(status, headers with lower-case names, body bytes) of one response,
    or None when the server closed without answering."""
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = s.recv(65536)
        except (ConnectionResetError, socket.timeout):
            chunk = b""
        if not chunk:
            return None
        data += chunk
    header, rest = data.split(b"\r\n\r\n", 1)
    lines = header.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, v = line.split(":", 1)
        headers[k.strip().lower()] = v.strip()
    length = 0 if head or status in (100, 204, 304) else int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length]


def exchange(url, raw, source="127.0.0.1", head=False):
    """Sends `raw` on a new connection and reads one response."""
    s = connect(url, source)
    try:
        s.sendall(raw)
        return read_response(s, head)
    finally:
        s.close()


def strict_json(body):
    """The body as JSON, refusing invalid UTF-8 (json.loads of bytes would guess)."""
    return json.loads(body.decode("utf-8", errors="strict"))


def closed_within(s, seconds):
    """True when the server closes `s` (EOF or reset) within `seconds`."""
    s.settimeout(seconds)
    deadline = time.time() + seconds
    try:
        while time.time() < deadline:
            if not s.recv(65536):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False
    return False
