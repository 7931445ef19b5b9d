#!/usr/bin/env node
// npm run bench: request economy, speed and memory of the nodes, printed as Markdown tables and
// written to bench/results.md (overwritten on every run).
//
//   node bench/run.mjs [--runs N] [--soak-polls N] [--n8n-runs N] [--only economy,triggers,speed,soak,n8n]
//
// The TypeScript sources are compiled into node_modules/.cache/rhombus-indivd-bench/dist first,
// so a build running in the same tree cannot pull dist/ away under a measurement.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

import { requestEconomy } from './lib/economy.mjs';
import { render } from './lib/render.mjs';
import { realN8n } from './lib/n8n.mjs';
import { fullSoak } from './lib/soak.mjs';
import { speedAndMemory } from './lib/speed.mjs';
import { triggerEconomy } from './lib/triggers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const distDir = path.join(root, 'node_modules', '.cache', 'rhombus-indivd-bench', 'dist');

function parseArgs(argv) {
	const options = { runs: 5, n8nRuns: 5, soakPolls: 10_000, only: undefined };
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--runs') options.runs = Number(argv[++index]);
		else if (arg === '--soak-polls') options.soakPolls = Number(argv[++index]);
		else if (arg === '--n8n-runs') options.n8nRuns = Number(argv[++index]);
		else if (arg === '--only') options.only = new Set(argv[++index].split(','));
		else if (arg === '--help') {
			console.log(
				'node bench/run.mjs [--runs N] [--soak-polls N] [--n8n-runs N] [--only economy,triggers,speed,soak,n8n]',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}`);
	}
	if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > 50) {
		throw new Error('--runs must be a whole number from 1 to 50');
	}
	if (
		!Number.isInteger(options.soakPolls) ||
		options.soakPolls < 100 ||
		options.soakPolls > 1_000_000
	) {
		throw new Error('--soak-polls must be a whole number from 100 to 1000000');
	}
	return options;
}

const log = (...args) => console.error('[bench]', ...args);

function compile() {
	log(`compiling the sources into ${path.relative(root, distDir)}`);
	fs.rmSync(distDir, { recursive: true, force: true });
	const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
	const result = spawnSync(
		process.execPath,
		[
			tsc,
			'-p',
			'tsconfig.json',
			'--outDir',
			distDir,
			'--incremental',
			'false',
			'--declaration',
			'false',
			'--sourceMap',
			'false',
		],
		{ cwd: root, encoding: 'utf8' },
	);
	// tsc emits despite type errors; work in progress elsewhere in the tree must not stop the bench,
	// as long as the files measured here were emitted.
	if (result.status !== 0) log(`tsc reported problems:\n${result.stdout}${result.stderr}`);
	for (const file of ['nodes/Rhombus/Rhombus.node.js', 'nodes/Indivd/Indivd.node.js']) {
		if (!fs.existsSync(path.join(distDir, file)))
			throw new Error(`compiling failed: ${file} missing`);
	}
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const wanted = (name) => !options.only || options.only.has(name);
	compile();
	process.env.BENCH_DIST = distDir;
	const require = createRequire(import.meta.url);
	const context = require('./lib/context.cjs');
	const nodes = context.loadNodes();

	const results = {
		environment: {
			date: new Date().toISOString(),
			node: process.version,
			cpu: `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}`,
			memory: `${Math.round(os.totalmem() / 1024 ** 3)} GB`,
			runs: options.runs,
		},
		ran: [...['economy', 'triggers', 'speed', 'soak', 'n8n'].filter(wanted)],
		triggersExist: Boolean(nodes.rhombusTrigger && nodes.indivdTrigger),
	};
	if (wanted('economy')) {
		log('request economy');
		results.economy = await requestEconomy({ context, nodes });
	}
	if (wanted('triggers')) {
		log('trigger request economy');
		results.triggerEconomy = await triggerEconomy({ context, nodes });
	}
	if (wanted('speed')) {
		log(`speed and memory, ${options.runs} runs each`);
		results.speed = await speedAndMemory({ distDir, runs: options.runs, log });
	}

	if (wanted('soak') && nodes.rhombusTrigger) {
		log(`trigger fault soak, ${options.soakPolls} polls (a few minutes)`);
		results.soak = await fullSoak({ root, polls: options.soakPolls, seed: 7, log });
	}

	if (wanted('n8n')) {
		log(`real n8n, ${options.n8nRuns} runs each (several minutes)`);
		results.n8n = await realN8n({ root, runs: options.n8nRuns, log });
	}

	const markdown = render(results);
	process.stdout.write(markdown);
	if (!options.only) {
		fs.writeFileSync(path.join(here, 'results.md'), markdown);
		log('written to bench/results.md');
	} else log('partial run (--only): bench/results.md left as it was');
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
