"""A MongoDB wire-protocol server over mongomock, for the store tests: see README.md for what it proves.

    /usr/bin/python3 tests/mongo-emulator/server.py --port 0 --port-file /tmp/port

Listens on 127.0.0.1, one thread per connection, every command under one lock. Exits on SIGTERM, on
SIGINT, or when the process that started it is gone.
"""
import argparse
import os
import signal
import socketserver
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import mongomock  # noqa: E402

import commands  # noqa: E402
import wire  # noqa: E402

STORE = mongomock.MongoClient()
STORE_LOCK = threading.Lock()  # mongomock is not thread-safe: one command at a time.
_reply_ids = iter(range(1, 2 ** 31))


class Connection(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            try:
                request = wire.read_request(self.request)
            except (ConnectionError, ValueError) as e:
                log('closing a connection: %s' % e)
                return
            if request is None:
                return
            reply = answer(request)
            if request.wants_reply:
                self.request.sendall(wire.encode_reply(request, reply, next(_reply_ids)))


def answer(request):
    try:
        with STORE_LOCK:
            return commands.execute(STORE, request.database, request.command)
    except commands.CommandError as e:
        if e.code in (59, 238):
            log('refused %s: %s' % (next(iter(request.command)), e))
        return commands.error_reply(e.code, str(e))
    except Exception as e:  # noqa: BLE001  an emulator bug answers as a server error, and is logged
        log('failed on %r\n%s' % (request.command, traceback.format_exc()))
        return commands.error_reply(1, 'emulator error: %s: %s' % (type(e).__name__, e))


def log(message):
    print('mongo-emulator: %s' % message, file=sys.stderr, flush=True)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def exit_with_parent(parent):
    # Started in the background of a test run: outlive it by a second at most.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=27017, help='0 picks a free port')
    parser.add_argument('--port-file', help='where to write the port once listening')
    arguments = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()

    with Server(('127.0.0.1', arguments.port), Connection) as server:
        port = server.server_address[1]
        if arguments.port_file:
            # Written whole, then renamed: a reader never sees half a port.
            with open(arguments.port_file + '.tmp', 'w') as port_file:
                port_file.write('%d\n' % port)
            os.replace(arguments.port_file + '.tmp', arguments.port_file)
        print('mongo-emulator: listening on 127.0.0.1:%d (mongomock %s)' % (port, mongomock.__version__), flush=True)
        try:
            server.serve_forever()
        except (KeyboardInterrupt, SystemExit):
            pass


if __name__ == '__main__':
    main()
