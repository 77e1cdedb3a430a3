"""MongoDB commands answered by mongomock: each handler takes the client, the database name and the command
document, and returns the reply document. Errors are CommandError (answered as {ok: 0, errmsg, code, codeName}).

The caller holds one lock around every call: mongomock is not thread-safe.
"""
import datetime
import itertools

from bson.int64 import Int64
from mongomock import CollectionInvalid, DuplicateKeyError, OperationFailure
from mongomock.filtering import filter_applies

import mongomock_fixes  # noqa: F401  (patches mongomock where it disagrees with MongoDB)

MAX_WIRE_VERSION = 17  # MongoDB 6.0; MongoDB.Driver 3.x refuses servers below wire version 9.
SERVER_VERSION = [6, 0, 0, 0]
MAX_BSON_SIZE = 16 * 1024 * 1024
DEFAULT_FIRST_BATCH = 101

CODE_NAMES = {
    2: 'BadValue', 26: 'NamespaceNotFound', 43: 'CursorNotFound', 48: 'NamespaceExists',
    59: 'CommandNotFound', 238: 'NotImplemented', 11000: 'DuplicateKey',
}


class CommandError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def error_reply(code, message):
    return {'ok': 0.0, 'errmsg': message, 'code': code, 'codeName': CODE_NAMES.get(code, 'Location%d' % code)}


HANDLERS = {}


def command(*names):
    def register(handler):
        for name in names:
            HANDLERS[name.lower()] = handler
        return handler
    return register


def execute(client, database, cmd):
    name = next(iter(cmd))
    handler = HANDLERS.get(name.lower())
    if handler is None:
        raise CommandError(59, "no such command: '%s'" % name)
    if 'autocommit' in cmd or 'startTransaction' in cmd:
        raise CommandError(238, 'transactions are not emulated')
    try:
        return handler(client, database, cmd)
    except DuplicateKeyError as e:
        raise CommandError(11000, 'E11000 duplicate key error: %s' % e) from e
    except OperationFailure as e:
        raise CommandError(e.code or 2, str(e)) from e
    except NotImplementedError as e:
        raise CommandError(238, 'mongomock does not implement this: %s' % e) from e


# --- handshake and administration ---------------------------------------------------------------

_connection_ids = itertools.count(1)


@command('hello', 'isMaster')
def hello(client, database, cmd):
    # No topologyVersion: the driver then polls instead of streaming heartbeats.
    primary = 'isWritablePrimary' if next(iter(cmd)) == 'hello' else 'ismaster'
    return {
        'helloOk': True, primary: True, 'maxBsonObjectSize': MAX_BSON_SIZE, 'maxMessageSizeBytes': 48_000_000,
        'maxWriteBatchSize': 100_000, 'localTime': datetime.datetime.utcnow(), 'logicalSessionTimeoutMinutes': 30,
        'connectionId': next(_connection_ids), 'minWireVersion': 0, 'maxWireVersion': MAX_WIRE_VERSION,
        'readOnly': False, 'ok': 1.0,
    }


@command('buildInfo')
def build_info(client, database, cmd):
    return {'version': '.'.join(map(str, SERVER_VERSION[:3])), 'versionArray': SERVER_VERSION, 'gitVersion': 'mongomock',
            'bits': 64, 'maxBsonObjectSize': MAX_BSON_SIZE, 'ok': 1.0}


@command('ping', 'endSessions', 'killSessions', 'killAllSessions')
def acknowledge(client, database, cmd):
    return {'ok': 1.0}


@command('getLastError')
def get_last_error(client, database, cmd):
    return {'err': None, 'n': 0, 'ok': 1.0}


@command('create')
def create(client, database, cmd):
    try:
        client[database].create_collection(cmd['create'])
    except CollectionInvalid as e:
        raise CommandError(48, str(e)) from e
    return {'ok': 1.0}


@command('drop')
def drop(client, database, cmd):
    # MongoDB 7 answers ok for a missing collection too; the driver accepts either.
    client[database].drop_collection(cmd['drop'])
    return {'ns': '%s.%s' % (database, cmd['drop']), 'ok': 1.0}


@command('dropDatabase')
def drop_database(client, database, cmd):
    client.drop_database(database)
    return {'dropped': database, 'ok': 1.0}


@command('listDatabases')
def list_databases(client, database, cmd):
    return {'databases': [{'name': name, 'sizeOnDisk': 0, 'empty': False} for name in client.list_database_names()],
            'totalSize': 0, 'ok': 1.0}


@command('listCollections')
def list_collections(client, database, cmd):
    listed = []
    for name in client[database].list_collection_names():
        entry = {'name': name, 'type': 'collection'}
        if not cmd.get('nameOnly'):
            entry.update(options={}, info={'readOnly': False}, idIndex={'v': 2, 'key': {'_id': 1}, 'name': '_id_'})
        if filter_applies(cmd.get('filter') or {}, entry):
            listed.append(entry)
    return CURSORS.open('%s.$cmd.listCollections' % database, listed, cmd.get('cursor', {}).get('batchSize'))


# --- indexes --------------------------------------------------------------------------------------

@command('createIndexes')
def create_indexes(client, database, cmd):
    collection = client[database][cmd['createIndexes']]
    existed = cmd['createIndexes'] in client[database].list_collection_names()
    before = len(collection.index_information()) if existed else 0
    for spec in cmd['indexes']:
        options = {option: spec[option] for option in ('name', 'unique', 'sparse') if option in spec}
        collection.create_index(list(spec['key'].items()), **options)
    return {'createdCollectionAutomatically': not existed, 'numIndexesBefore': max(before, 1),
            'numIndexesAfter': len(collection.index_information()), 'ok': 1.0}


@command('listIndexes')
def list_indexes(client, database, cmd):
    name = cmd['listIndexes']
    if name not in client[database].list_collection_names():
        raise CommandError(26, 'ns does not exist: %s.%s' % (database, name))
    listed = []
    for index_name, info in client[database][name].index_information().items():
        entry = {'v': 2, 'key': dict(info['key']), 'name': index_name}
        if info.get('unique'):
            entry['unique'] = True
        listed.append(entry)
    return CURSORS.open('%s.%s' % (database, name), listed, cmd.get('cursor', {}).get('batchSize'))


@command('dropIndexes')
def drop_indexes(client, database, cmd):
    collection = client[database][cmd['dropIndexes']]
    index = cmd['index']
    if index == '*':
        collection.drop_indexes()
    else:
        collection.drop_index(list(index.items()) if isinstance(index, dict) else index)
    return {'ok': 1.0}


# --- reads ----------------------------------------------------------------------------------------

@command('find')
def find(client, database, cmd):
    collection = client[database][cmd['find']]
    limit = cmd.get('limit', 0)
    found = collection.find(
        cmd.get('filter') or {},
        projection=cmd.get('projection') or None,
        skip=cmd.get('skip', 0),
        limit=abs(limit),
        sort=list(cmd['sort'].items()) if cmd.get('sort') else None)
    single_batch = cmd.get('singleBatch', False) or limit < 0
    return CURSORS.open('%s.%s' % (database, cmd['find']), list(found), cmd.get('batchSize'), single_batch)


@command('aggregate')
def aggregate(client, database, cmd):
    if cmd['aggregate'] == 1:
        raise CommandError(238, 'database-level aggregate is not emulated')
    documents = list(client[database][cmd['aggregate']].aggregate(cmd['pipeline']))
    return CURSORS.open('%s.%s' % (database, cmd['aggregate']), documents, cmd.get('cursor', {}).get('batchSize'))


@command('count')
def count(client, database, cmd):
    options = {option: cmd[option] for option in ('skip', 'limit') if cmd.get(option)}
    return {'n': client[database][cmd['count']].count_documents(cmd.get('query') or {}, **options), 'ok': 1.0}


@command('distinct')
def distinct(client, database, cmd):
    return {'values': client[database][cmd['distinct']].distinct(cmd['key'], cmd.get('query') or {}), 'ok': 1.0}


@command('getMore')
def get_more(client, database, cmd):
    return CURSORS.more(cmd['getMore'], cmd.get('batchSize'))


@command('killCursors')
def kill_cursors(client, database, cmd):
    killed, not_found = CURSORS.kill(cmd['cursors'])
    return {'cursorsKilled': killed, 'cursorsNotFound': not_found, 'cursorsAlive': [], 'cursorsUnknown': [], 'ok': 1.0}


class Cursors:
    """Open cursors by id. A cursor holds the rest of its result, read when it was opened (a snapshot)."""

    def __init__(self):
        self._open = {}
        self._ids = itertools.count(1)

    def open(self, namespace, documents, batch_size, single_batch=False):
        size = DEFAULT_FIRST_BATCH if batch_size is None else batch_size
        first, rest = documents[:size], documents[size:]
        cursor_id = 0
        if rest and not single_batch:
            cursor_id = next(self._ids)
            self._open[cursor_id] = (namespace, rest)
        return {'cursor': {'firstBatch': first, 'id': Int64(cursor_id), 'ns': namespace}, 'ok': 1.0}

    def more(self, cursor_id, batch_size):
        if cursor_id not in self._open:
            raise CommandError(43, 'cursor id %d not found' % cursor_id)
        namespace, rest = self._open.pop(cursor_id)
        size = batch_size or len(rest)
        batch, rest = rest[:size], rest[size:]
        if rest:
            self._open[cursor_id] = (namespace, rest)
        return {'cursor': {'nextBatch': batch, 'id': Int64(cursor_id if rest else 0), 'ns': namespace}, 'ok': 1.0}

    def kill(self, cursor_ids):
        killed = [i for i in cursor_ids if self._open.pop(i, None) is not None]
        return killed, [i for i in cursor_ids if i not in killed]


CURSORS = Cursors()


# --- writes ---------------------------------------------------------------------------------------

def _write_error(index, error):
    code = 11000 if isinstance(error, DuplicateKeyError) else (getattr(error, 'code', None) or 2)
    return {'index': index, 'code': code, 'errmsg': ('E11000 duplicate key error: %s' if code == 11000 else '%s') % error}


def _writes(items, ordered, write_one):
    """Applies each write; a failing one is a writeError, and an ordered batch stops there."""
    errors = []
    for index, item in enumerate(items):
        try:
            write_one(index, item)
        except (DuplicateKeyError, OperationFailure) as error:
            errors.append(_write_error(index, error))
            if ordered:
                break
    return errors


def _with_errors(reply, errors):
    if errors:
        reply['writeErrors'] = errors
    return reply


@command('insert')
def insert(client, database, cmd):
    collection = client[database][cmd['insert']]
    inserted = []
    errors = _writes(cmd['documents'], cmd.get('ordered', True), lambda _, doc: inserted.append(collection.insert_one(doc)))
    return _with_errors({'n': len(inserted), 'ok': 1.0}, errors)


def _is_replacement(update):
    if isinstance(update, list):
        raise CommandError(238, 'pipeline-style updates are not emulated')
    return not any(key.startswith('$') for key in update)


@command('update')
def update(client, database, cmd):
    collection = client[database][cmd['update']]
    totals = {'n': 0, 'nModified': 0}
    upserted = []

    def update_one(index, spec):
        if spec.get('arrayFilters'):
            raise CommandError(238, 'arrayFilters are not emulated')
        query, change, upsert = spec['q'], spec['u'], spec.get('upsert', False)
        if _is_replacement(change):
            result = collection.replace_one(query, change, upsert=upsert)
        elif spec.get('multi'):
            result = collection.update_many(query, change, upsert=upsert)
        else:
            result = collection.update_one(query, change, upsert=upsert)
        if result.upserted_id is not None:
            upserted.append({'index': index, '_id': result.upserted_id})
            totals['n'] += 1
        else:
            totals['n'] += result.matched_count
            totals['nModified'] += result.modified_count

    errors = _writes(cmd['updates'], cmd.get('ordered', True), update_one)
    reply = dict(totals, ok=1.0)
    if upserted:
        reply['upserted'] = upserted
    return _with_errors(reply, errors)


@command('delete')
def delete(client, database, cmd):
    collection = client[database][cmd['delete']]
    deleted = [0]

    def delete_one(_, spec):
        result = collection.delete_one(spec['q']) if spec.get('limit') == 1 else collection.delete_many(spec['q'])
        deleted[0] += result.deleted_count

    errors = _writes(cmd['deletes'], cmd.get('ordered', True), delete_one)
    return _with_errors({'n': deleted[0], 'ok': 1.0}, errors)


@command('findAndModify')
def find_and_modify(client, database, cmd):
    """One document found (by query and sort), then removed, updated or replaced; a duplicate key is a
    command error here, not a writeError."""
    collection = client[database][cmd['findAndModify']]
    if cmd.get('arrayFilters'):
        raise CommandError(238, 'arrayFilters are not emulated')
    query = cmd.get('query') or {}
    fields = cmd.get('fields') or None
    sort = list(cmd['sort'].items()) if cmd.get('sort') else None
    found = collection.find_one(query, sort=sort)
    if cmd.get('remove'):
        if found is not None:
            value = collection.find_one({'_id': found['_id']}, fields)
            collection.delete_one({'_id': found['_id']})
            return {'lastErrorObject': {'n': 1}, 'value': value, 'ok': 1.0}
        return {'lastErrorObject': {'n': 0}, 'value': None, 'ok': 1.0}
    change = cmd['update']
    upsert = cmd.get('upsert', False)
    if found is None and not upsert:
        return {'lastErrorObject': {'n': 0, 'updatedExisting': False}, 'value': None, 'ok': 1.0}
    target = query if found is None else {'_id': found['_id']}
    before = None if found is None else collection.find_one(target, fields)
    if _is_replacement(change):
        result = collection.replace_one(target, change, upsert=upsert)
    else:
        result = collection.update_one(target, change, upsert=upsert)
    last_error = {'n': 1, 'updatedExisting': found is not None}
    document_id = found['_id'] if found is not None else result.upserted_id
    if found is None:
        last_error['upserted'] = document_id
    value = collection.find_one({'_id': document_id}, fields) if cmd.get('new') else before
    return {'lastErrorObject': last_error, 'value': value, 'ok': 1.0}
