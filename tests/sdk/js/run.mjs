#!/usr/bin/env node
// Runs one scenario of the official OrderCloud JavaScript SDK against a running Mercato server.
//
//   SDK_BASE_URL=http://127.0.0.1:8080 SDK_CLIENT_ID=... SDK_CLIENT_SECRET=... SDK_USERNAME=... SDK_PASSWORD=... \
//     node tests/sdk/js/run.mjs <scenario> ['{"some": "params"}']
//   node tests/sdk/js/run.mjs --list
//
// A scenario is scenarios/<name>.mjs exporting `default async function (ctx)` (ctx: see lib.mjs); whatever it
// returns is printed to stdout as one JSON line, {"ok": true, "result": ...}, for pytest to assert on. A scenario
// that throws makes this process print a description of the error to stderr and exit 1. Scenarios log to
// stderr (console.error), never to stdout.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { context, describeError } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = join(here, 'scenarios');

async function names() {
  return (await readdir(scenarios)).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)).sort();
}

async function main(argv) {
  const [name, params] = argv;
  if (!name || name === '--list') {
    process.stdout.write(`${(await names()).join('\n')}\n`);
    return name ? 0 : 2;
  }
  if (!(await names()).includes(name)) {
    process.stderr.write(`unknown scenario ${JSON.stringify(name)}; known: ${(await names()).join(', ')}\n`);
    return 2;
  }
  const { default: scenario } = await import(pathToFileURL(join(scenarios, `${name}.mjs`)).href);
  const ctx = context(params ? JSON.parse(params) : {});
  try {
    const result = await scenario(ctx);
    process.stdout.write(`${JSON.stringify({ ok: true, result: result ?? null })}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`scenario ${name} failed: ${describeError(error)}\n`);
    if (ctx.requests.length) {
      const last = ctx.requests.slice(-10).map((r) => `  ${r.method} ${r.path} ${r.status ?? '(no answer)'}`).join('\n');
      process.stderr.write(`last requests:\n${last}\n`);
    }
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
