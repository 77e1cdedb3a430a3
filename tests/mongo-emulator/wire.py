"""MongoDB wire framing: reads OP_MSG and legacy OP_QUERY requests, writes OP_MSG and OP_REPLY answers.

Only what MongoDB.Driver sends to a server that claims wire version 17: OP_QUERY for the very first
handshake (answered with OP_REPLY), OP_MSG for everything else. No compression is offered, so none arrives.
"""
import struct

from bson import BSON
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions

OP_REPLY = 1
OP_QUERY = 2004
OP_MSG = 2013

CHECKSUM_PRESENT = 1 << 0
MORE_TO_COME = 1 << 1

# Naive UTC datetimes and untouched binary subtypes: what comes in goes back out byte for byte.
CODEC = CodecOptions(document_class=dict, tz_aware=False, uuid_representation=UuidRepresentation.UNSPECIFIED)

_HEADER = struct.Struct('<iiii')
_INT32 = struct.Struct('<i')
MAX_MESSAGE_BYTES = 48_000_000


class Request:
    """One command as the client sent it, and how to answer it."""

    def __init__(self, request_id, op_code, command, database, wants_reply=True):
        self.request_id = request_id
        self.op_code = op_code
        self.command = command
        self.database = database
        self.wants_reply = wants_reply


def read_request(stream):
    """The next request on the connection, or None when the client closed it."""
    header = _read_exactly(stream, _HEADER.size)
    if header is None:
        return None
    length, request_id, _, op_code = _HEADER.unpack(header)
    if not _HEADER.size <= length <= MAX_MESSAGE_BYTES:
        raise ValueError('message length %d out of range' % length)
    body = _read_exactly(stream, length - _HEADER.size)
    if body is None:
        return None
    if op_code == OP_MSG:
        return _parse_msg(request_id, body)
    if op_code == OP_QUERY:
        return _parse_query(request_id, body)
    raise ValueError('opCode %d is not spoken here (only OP_MSG and OP_QUERY)' % op_code)


def encode_reply(request, document, reply_id):
    """The answer to a request, in the framing the request came in."""
    payload = BSON.encode(document, codec_options=CODEC)
    if request.op_code == OP_QUERY:
        # responseFlags, cursorID, startingFrom, numberReturned: a command answer is one document, no cursor.
        body = struct.pack('<iqii', 0, 0, 0, 1) + payload
        op_code = OP_REPLY
    else:
        body = struct.pack('<IB', 0, 0) + payload
        op_code = OP_MSG
    return _HEADER.pack(_HEADER.size + len(body), reply_id, request.request_id, op_code) + body


def _parse_msg(request_id, body):
    (flags,) = struct.unpack_from('<I', body, 0)
    end = len(body) - (4 if flags & CHECKSUM_PRESENT else 0)
    position = 4
    command = None
    sequences = {}
    while position < end:
        kind = body[position]
        position += 1
        if kind == 0:
            command, position = _read_document(body, position)
        elif kind == 1:
            # A document sequence: the driver sends insert documents, updates and deletes this way.
            (size,) = _INT32.unpack_from(body, position)
            section_end = position + size
            name_end = body.index(b'\x00', position + 4)
            identifier = body[position + 4:name_end].decode('utf-8')
            position = name_end + 1
            documents = []
            while position < section_end:
                document, position = _read_document(body, position)
                documents.append(document)
            sequences[identifier] = documents
        else:
            raise ValueError('OP_MSG section kind %d is unknown' % kind)
    if command is None:
        raise ValueError('OP_MSG without a body section')
    command.update(sequences)
    return Request(request_id, OP_MSG, command, command.get('$db', 'admin'), not flags & MORE_TO_COME)


def _parse_query(request_id, body):
    name_end = body.index(b'\x00', 4)
    collection = body[4:name_end].decode('utf-8')
    # flags, fullCollectionName, numberToSkip, numberToReturn, then the query itself.
    query, _ = _read_document(body, name_end + 1 + 8)
    if not collection.endswith('.$cmd'):
        raise ValueError('OP_QUERY is only answered for commands, not for %s' % collection)
    command = query.get('$query', query) if '$query' in query else query
    return Request(request_id, OP_QUERY, dict(command), collection[:-len('.$cmd')])


def _read_document(buffer, position):
    (size,) = _INT32.unpack_from(buffer, position)
    document = BSON(buffer[position:position + size]).decode(codec_options=CODEC)
    return document, position + size


def _read_exactly(stream, count):
    chunks = []
    while count:
        chunk = stream.recv(count)
        if not chunk:
            return None
        chunks.append(chunk)
        count -= len(chunk)
    return b''.join(chunks)
