#!/usr/bin/env node
// Azurite (pinned in package.json) run in this process, so that it can be tied to the process that launched it.
//
// Usage: node azurite-server.js [--exit-with-stdin] <azurite options...>
//   Every option but --exit-with-stdin goes to Azurite unchanged (--blobHost, --blobPort, --location, --silent, ...).
//   With --exit-with-stdin the end of standard input stops Azurite as SIGTERM does: a launcher that dies, even by
//   SIGKILL, closes its end of the pipe, so no orphaned Azurite keeps the ports and the data directory.
// Azurite prints "Azurite <Blob|Queue|Table> service is successfully listening at <url>" for each service.
"use strict";

const path = require("path");

// Azurite's own shutdown closes its servers (and flushes its metadata to --location) but can take over a second.
// If something keeps the event loop alive past this, exit anyway.
const SHUTDOWN_GRACE_MS = 10000;

const exitWithStdin = process.argv.includes("--exit-with-stdin");
process.argv = process.argv.filter(arg => arg !== "--exit-with-stdin");

const onStop = () => {
  // Standard input would keep the event loop alive after Azurite closed its servers.
  if (exitWithStdin) process.stdin.destroy();
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
};
process.once("SIGTERM", onStop);
process.once("SIGINT", onStop);

if (exitWithStdin) {
  const stop = () => process.kill(process.pid, "SIGTERM");
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}

// Azurite's command line entry: it reads its options from process.argv and installs its own SIGTERM handler.
require(path.join(path.dirname(require.resolve("azurite/package.json")), "dist", "src", "azurite.js"));
