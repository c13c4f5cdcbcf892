#!/usr/bin/env python3
"""Raw-socket clients for the HTTP tests (tests/sh/http_*.sh), for what curl
cannot do: stall half-way through a request, or send bytes no client would.

  http_client.py stall PORT MODE N MAX   open N connections that send part of
      a request (MODE: headers = half the headers, body = all headers and
      part of the body; report = a POST /report form, half sent) and then
      nothing; print how many seconds until the
      server closed the last one, or "open" if one was still open after MAX.
  http_client.py raw PORT                send stdin as-is; print the answer's
      status line ("closed" if the server hung up without one).
"""
import socket
import sys
import time

HOST = "127.0.0.1"
PARTS = {
    "headers": b"GET /api/food/search?q=banana HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Ag",
    "body": b"GET /api/food/search?q=banana HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Length: 100\r\n\r\n0123456789",
    "report": b"POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n"
    b"age=40&sex=female&diary=2026-11-18%0A1%20banana",
}


def stall(port, mode, n, limit):
    socks = []
    for _ in range(n):
        s = socket.create_connection((HOST, port), timeout=5)
        s.sendall(PARTS[mode])
        socks.append(s)
    start = time.monotonic()
    for s in socks:
        left = limit - (time.monotonic() - start)
        if left <= 0:
            print("open")
            return
        s.settimeout(left)
        try:
            while s.recv(4096):  # an answer may come before the close
                pass
        except socket.timeout:
            print("open")
            return
        except OSError:
            pass
        s.close()
    print("%.1f" % (time.monotonic() - start))


def raw(port):
    data = sys.stdin.buffer.read()
    s = socket.create_connection((HOST, port), timeout=5)
    answer = b""
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    except OSError:
        pass
    finally:
        s.close()
    line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    print(line if line else "closed")


if __name__ == "__main__":
    if sys.argv[1] == "stall":
        stall(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
    else:
        raw(int(sys.argv[2]))
