'use strict';
// One measurement in a fresh process (run with --expose-gc): the floor (undici + JSON.parse) or
// our node turning the same recorded bytes into items. Prints one JSON line: time, item count,
// heap before the run, heap the output keeps alive, peak RSS. Peak heap is measured by the parent
// (the smallest --max-old-space-size this process finishes with).
//   node --expose-gc speed-child.cjs '<json: { mode, url, path, requestBody, nodeType, parameters }>'
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '..', '..');
const { request } = require(path.join(root, 'node_modules', 'undici'));

const job = JSON.parse(process.argv[2]);

function gc() {
	if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
	global.gc();
	global.gc();
}

async function floor() {
	const response = await request(`${job.url}${job.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(job.requestBody),
	});
	const parsed = JSON.parse(await response.body.text());
	return { result: parsed, count: job.countFloor === 'map' ? countMap(parsed) : countList(parsed) };
}

function countList(parsed) {
	return parsed.timeSeriesDataPoints.length;
}

function countMap(parsed) {
	return Object.values(parsed.deviceCrossingCounts).reduce((sum, list) => sum + list.length, 0);
}

async function ours(context, nodes) {
	const items = await context.executeNode(nodes[job.nodeType], {
		credentials: context.simulatorCredentials(job.url),
		parameters: job.parameters,
		timezone: job.timezone ?? 'UTC',
	});
	return { result: items, count: items.length };
}

async function main() {
	let context;
	let nodes;
	if (job.mode === 'node') {
		context = require('./context.cjs');
		nodes = context.loadNodes();
		// Load everything the node imports lazily before the baseline is taken.
		require(path.join(root, 'test', 'helpers', 'n8nHttp.cjs'));
	}
	gc();
	const base = process.memoryUsage().heapUsed;
	const baseHeapBytes = base;
	const started = performance.now();
	const { result, count } = job.mode === 'node' ? await ours(context, nodes) : await floor();
	const ms = performance.now() - started;
	// What the output alone keeps alive: collect everything else, with the result still held.
	globalThis.benchResult = result;
	gc();
	const outputHeapBytes = process.memoryUsage().heapUsed - base;
	const sample = job.mode === 'node' ? result[0].json : undefined;
	process.stdout.write(
		`${JSON.stringify({
			ms,
			count,
			baseHeapBytes,
			outputHeapBytes,
			maxRssBytes: process.resourceUsage().maxRSS * 1024,
			sample,
		})}\n`,
	);
	process.exit(0);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ error: String((error && error.stack) || error) })}\n`);
	process.exit(1);
});
