#!/usr/bin/env node
// A Cosmos DB (NoSQL API) compatible server for local runs and tests: @vercel/cosmosdb-server (pinned in
// package.json) behind a request dispatcher of our own, because the package, as published, breaks the .NET SDK in
// four places (../../README.md, "Local emulators"):
//   1. the SDK on Linux asks the gateway for a query plan, which the package runs as a query;
//   2. a point read of a missing item throws inside the package and answers 500 instead of 404;
//   3. queries and read feeds ignore the partition key header and return every partition's items;
//   4. the change feed returns everything once and then 304 forever.
// It also keeps connections alive (the package closes every connection, so each request paid a TLS handshake).
//
// Usage: node cosmos-server.js --port <n> [--host 127.0.0.1] [--exit-with-stdin]
//   --port 0 picks a free port. Prints one line "cosmos listening on https://<host>:<port>" once it accepts
//   connections. SIGTERM or SIGINT stops it; with --exit-with-stdin so does the end of standard input, so that a
//   launcher that dies (even by SIGKILL) takes this process with it.
// Data lives in memory only. Any account key is accepted.
"use strict";

const fs = require("fs");
const https = require("https");
const path = require("path");
const { randomUUID } = require("crypto");

const packageDir = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
const fromPackage = file => require(path.join(packageDir, "lib", file)).default;
const Account = fromPackage("account");
const route = fromPackage("routes");
const readItems = fromPackage("handler/_read-items");
const readDocumentHandler = fromPackage("handler/read-document");
const readDocumentsHandler = fromPackage("handler/read-documents");
const queryDocumentsHandler = fromPackage("handler/query-documents");
const writeHandlers = new Set(
  ["create-document", "upsert-document", "replace-document", "patch-document"].map(name => fromPackage(`handler/${name}`))
);
// The query engine the package itself uses (its own dependency, resolved from the package's folder).
const parseQuery = require(require.resolve("@zeit/cosmosdb-query", { paths: [packageDir] })).default;

// Longer than any client's idle timeout (.NET: 1 minute by default), so that the client, not the server, always
// closes an idle connection: a server-side close can race a request the client is just sending on it.
const KEEP_ALIVE_MS = 10 * 60 * 1000;
const SHUTDOWN_GRACE_MS = 3000;
// COSMOS_SERVER_TRACE=1 logs every request and its status to standard error (for debugging a client).
const TRACE = process.env.COSMOS_SERVER_TRACE === "1";

function parseArgs(argv) {
  const args = { host: "127.0.0.1", port: undefined, exitWithStdin: false };
  for (let i = 0; i < argv.length; i += 1) {
    switch (argv[i]) {
      case "--port":
        args.port = Number.parseInt(argv[++i], 10);
        break;
      case "--host":
        args.host = argv[++i];
        break;
      case "--exit-with-stdin":
        args.exitWithStdin = true;
        break;
      default:
        fail(`unknown argument '${argv[i]}'`);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    fail("--port <0-65535> is required");
  }
  return args;
}

function fail(message) {
  process.stderr.write(`cosmos-server: ${message}\nusage: node cosmos-server.js --port <n> [--host 127.0.0.1] [--exit-with-stdin]\n`);
  process.exit(2);
}

function isTrue(req, name) {
  const value = req.headers[name];
  return typeof value === "string" && value.toLowerCase() === "true";
}

function drain(req) {
  // The plan request's body (the query) is not needed: every plan is the same pass-through plan.
  return new Promise((resolve, reject) => req.on("end", resolve).on("error", reject).resume());
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`the request body is not JSON: ${err.message}`);
  }
}

// ---- Fix 1: the query plan ------------------------------------------------------------------------------------
// "Nothing to do client-side, one full range": the SDK sends the query as is to the single partition key range,
// and the package's engine runs ORDER BY, TOP and aggregates itself, which is right because it sees every item.
const PASS_THROUGH_PLAN = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    dCountInfo: null,
    hasNonStreamingOrderBy: false
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
});

// ---- Partition keys --------------------------------------------------------------------------------------------

// The partition key value a request is scoped to, or undefined when it is not scoped. "[{}]" (PartitionKey.None)
// is treated as unscoped, and a hierarchical key by its first value, as the package does for point operations.
function requestedPartitionKey(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (typeof header !== "string" || header === "[{}]") return undefined;
  let parsed;
  try {
    parsed = JSON.parse(header);
  } catch {
    throw badRequest(`x-ms-documentdb-partitionkey is not JSON: ${header}`);
  }
  const values = Array.isArray(parsed) ? parsed : [parsed];
  return values.length === 0 ? undefined : { value: values[0] };
}

function partitionKeyPath(collectionData) {
  const paths = (collectionData.partitionKey && collectionData.partitionKey.paths) || [];
  const first = paths[0];
  return !first || first === "/_partitionKey" ? ["id"] : first.slice(1).split("/");
}

function valueAt(segments, item) {
  let current = item;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    current = current[segment];
  }
  return current;
}

function itemsOf(collection, scope) {
  const all = collection.documents.read().result;
  if (!scope) return all;
  const segments = partitionKeyPath(collection.read());
  return all.filter(item => valueAt(segments, item) === scope.value);
}

function badRequest(message) {
  const err = new Error(message);
  err.statusCode = 400;
  return err;
}

function notFound() {
  return { statusCode: 404, body: { code: "NotFound", message: "Entity with the specified id does not exist in the system." } };
}

// ---- Fix 3: queries and read feeds scoped to the partition key ------------------------------------------------
const queryCache = new Map();

function compiledQuery(sql) {
  let query = queryCache.get(sql);
  if (!query) {
    if (queryCache.size >= 200) queryCache.clear();
    query = parseQuery(sql);
    queryCache.set(sql, query);
  }
  return query;
}

function runScoped(collection, scope, sql, parameters, paging) {
  const collectionData = collection.read();
  const compositeIndexes = (collectionData.indexingPolicy && collectionData.indexingPolicy.compositeIndexes) || [];
  return compiledQuery(sql).exec(itemsOf(collection, scope), {
    parameters,
    udf: collection.userDefinedFunctions.functions,
    maxItemCount: paging.maxItemCount,
    continuation: paging.continuation,
    compositeIndexes
  });
}

async function scopedQuery(account, req, res, { dbId, collId }, scope) {
  const body = await readJson(req);
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return notFound();
  if (!body.query) throw badRequest("the query body has no 'query'");
  const result = await readItems(req, res, "Documents", async paging => {
    try {
      return runScoped(collection, scope, body.query, body.parameters, paging);
    } catch (err) {
      if (err.name === "SyntaxError") throw err; // readItems answers 400 for the engine's syntax errors
      throw badRequest(err.message);
    }
  });
  return { statusCode: res.statusCode, body: result };
}

async function scopedReadFeed(account, req, res, { dbId, collId }, scope) {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return notFound();
  const result = await readItems(req, res, "Documents", async paging =>
    runScoped(collection, scope, "SELECT * FROM c", undefined, paging)
  );
  return { statusCode: res.statusCode, body: result };
}

// ---- Fix 4: the change feed -----------------------------------------------------------------------------------
// Every successful write gets the next number of one global sequence; an item's number is that of its latest
// write (latest-version mode: an item appears once, in its newest version, ordered by when it was last written).
// The number is the page's ETag; the SDK sends it back as If-None-Match and gets what was written after it.
let lastSequence = 0;
const writes = new Map(); // collection _rid -> Map(item _rid -> { sequence, timeMs })

function recordWrite(collection, item) {
  const collectionRid = collection.read()._rid;
  let items = writes.get(collectionRid);
  if (!items) {
    items = new Map();
    writes.set(collectionRid, items);
  }
  lastSequence += 1;
  items.set(item._rid, { sequence: lastSequence, timeMs: Date.now() });
}

function parseSequence(etag) {
  const text = etag.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  if (!/^\d+$/.test(text)) throw badRequest(`If-None-Match must be '*' or a change feed ETag, got ${etag}`);
  return Number.parseInt(text, 10);
}

function changeFeed(account, req, res, { dbId, collId }, scope) {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return notFound();
  const ifNoneMatch = req.headers["if-none-match"];
  const ifModifiedSince = req.headers["if-modified-since"];
  let after = 0;
  if (ifNoneMatch === "*") after = lastSequence; // start from now
  else if (ifNoneMatch) after = parseSequence(ifNoneMatch);
  const sinceMs = !ifNoneMatch && ifModifiedSince ? Date.parse(ifModifiedSince) : Number.NEGATIVE_INFINITY;
  if (Number.isNaN(sinceMs)) throw badRequest(`If-Modified-Since is not an HTTP date: ${ifModifiedSince}`);

  const known = writes.get(collection.read()._rid) || new Map();
  const changed = [];
  for (const item of itemsOf(collection, scope)) {
    const write = known.get(item._rid);
    if (write && write.sequence > after && write.timeMs >= sinceMs) changed.push({ item, sequence: write.sequence });
  }
  changed.sort((a, b) => a.sequence - b.sequence);

  const maxItemCount = Number.parseInt(req.headers["x-ms-max-item-count"], 10);
  const page = maxItemCount > 0 ? changed.slice(0, maxItemCount) : changed;
  if (page.length === 0) {
    // The SDK (3.64) parses x-ms-item-count on every change feed response, a 304 included.
    res.setHeader("etag", `"${after}"`);
    res.setHeader("x-ms-item-count", "0");
    return { statusCode: 304, body: undefined };
  }
  const documents = page.map(({ item, sequence }) => ({ ...item, _lsn: sequence }));
  res.setHeader("etag", `"${page[page.length - 1].sequence}"`);
  res.setHeader("x-ms-item-count", String(documents.length));
  return { statusCode: 200, body: { _rid: collection.read()._rid, Documents: documents, _count: documents.length } };
}

// ---- Dispatch -------------------------------------------------------------------------------------------------
const STATIC_FEED_ETAG = '"1"';

function isIncrementalFeed(req) {
  const aIm = req.headers["a-im"];
  return typeof aIm === "string" && aIm.toLowerCase() === "incremental feed";
}

async function dispatch(account, req, res) {
  // Fix 1.
  if (isTrue(req, "x-ms-cosmos-is-query-plan-request")) {
    await drain(req);
    return { statusCode: 200, raw: PASS_THROUGH_PLAN };
  }
  const matched = route(req);
  if (!matched) return { statusCode: 400, body: { code: "BadRequest", message: `no route for ${req.method} ${req.url}` } };
  const [params, handler] = matched;
  const incremental = isIncrementalFeed(req);

  if (handler === readDocumentHandler) {
    // Fix 2: the package dereferences the missing item and throws; answer 404 before it gets there.
    const collection = account.database(params.dbId).collection(params.collId);
    const scope = requestedPartitionKey(req);
    if (collection.read() && scope && !collection.document(params.docId, scope.value).read()) return notFound();
  } else if (handler === readDocumentsHandler) {
    const scope = requestedPartitionKey(req);
    if (incremental) return changeFeed(account, req, res, params, scope);
    if (scope) return scopedReadFeed(account, req, res, params, scope);
  } else if (handler === queryDocumentsHandler) {
    const scope = requestedPartitionKey(req);
    if (scope) return scopedQuery(account, req, res, params, scope);
  } else if (incremental) {
    // Any other feed read incrementally (the SDK reads partition key ranges so, until it gets a 304) never changes
    // here: one version, ETag "1".
    if (req.headers["if-none-match"]) {
      res.setHeader("etag", STATIC_FEED_ETAG);
      return { statusCode: 304, body: undefined };
    }
    const body = await handler(account, req, res, params);
    if (res.statusCode === 200) res.setHeader("etag", STATIC_FEED_ETAG);
    return { statusCode: res.statusCode, body };
  }

  const body = await handler(account, req, res, params);
  if (writeHandlers.has(handler) && res.statusCode < 300 && body && body._rid) {
    recordWrite(account.database(params.dbId).collection(params.collId), body);
  }
  return { statusCode: res.statusCode, body };
}

function handleRequest(account, req, res) {
  dispatch(account, req, res)
    .catch(err => {
      if (err.statusCode === 400) return { statusCode: 400, body: { code: "BadRequest", message: err.message } };
      process.stderr.write(`cosmos-server: ${req.method} ${req.url}: ${err.stack || err}\n`);
      return { statusCode: 500, body: { code: "InternalServerError", message: err.message } };
    })
    .then(({ statusCode, body, raw }) => {
      if (TRACE) process.stderr.write(`${req.method} ${req.url} ${JSON.stringify(req.headers)} -> ${statusCode}\n`);
      res.statusCode = statusCode;
      if (body && body._etag) res.setHeader("etag", body._etag);
      res.setHeader("content-type", "application/json");
      res.setHeader("content-location", `https://${req.headers.host}${req.url}`);
      res.setHeader("connection", "keep-alive");
      res.setHeader("x-ms-activity-id", randomUUID());
      res.setHeader("x-ms-request-charge", "1");
      if (statusCode === 204 || statusCode === 304) {
        res.end();
        return;
      }
      let payload = raw;
      if (payload === undefined) {
        const content = body === undefined ? {} : body;
        if (statusCode > 399 && content.message === undefined) content.message = "";
        payload = JSON.stringify(content);
      }
      res.end(payload);
    })
    .catch(err => {
      process.stderr.write(`cosmos-server: cannot answer ${req.method} ${req.url}: ${err.stack || err}\n`);
      res.destroy();
    });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let account;
  const server = https.createServer(
    {
      cert: fs.readFileSync(path.join(packageDir, "cert.pem")),
      key: fs.readFileSync(path.join(packageDir, "key.pem")),
      keepAliveTimeout: KEEP_ALIVE_MS
    },
    (req, res) => handleRequest(account, req, res)
  );
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;

  let stopping = false;
  const stop = reason => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`cosmos-server: stopping (${reason})\n`);
    if (args.exitWithStdin) process.stdin.destroy();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  if (args.exitWithStdin) {
    process.stdin.on("end", () => stop("standard input closed"));
    process.stdin.on("error", () => stop("standard input failed"));
    process.stdin.resume();
  }

  server.on("error", err => {
    process.stderr.write(`cosmos-server: cannot listen on ${args.host}:${args.port}: ${err.message}\n`);
    process.exit(1);
  });
  server.listen(args.port, args.host, () => {
    const { port } = server.address();
    account = new Account(args.host, port);
    process.stdout.write(`cosmos listening on https://${args.host}:${port}\n`);
  });
}

main();
