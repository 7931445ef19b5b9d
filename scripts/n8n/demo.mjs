#!/usr/bin/env node
// `npm run demo`: the pinned n8n with this package installed as a community package, the API
// simulator on 127.0.0.1:18080, demo credentials pointing at it, demo and example workflows
// imported, an owner account from the environment. Ctrl-C (or SIGTERM) stops everything.
//
//   DEMO_OWNER_EMAIL / DEMO_OWNER_PASSWORD   login (default demo@example.com / Demo-Passw0rd)
//   DEMO_N8N_PORT (5691), DEMO_SIM_PORT (18080)
//   --fresh        start from an empty n8n user folder (default: keep your changes between runs)
//   --smoke        start, check the nodes are loaded, stop (used to test the demo itself)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { install } from './install.mjs';
import { cacheRoot } from './paths.mjs';
import {
	PACKAGE_NAME,
	createInstance,
	importCredentials,
	importWorkflows,
	installPackage,
	killAllStarted,
	login,
	packPackage,
	repoRoot,
	startServer,
} from './runtime.mjs';
import {
	DEMO_TIMES,
	SIM,
	TYPES,
	credRef,
	indivdWorkflow,
	rhombusClipsWorkflow,
	rhombusReportsWorkflow,
	simulatorCredentials,
	workflow,
} from './workflows.mjs';

const require = createRequire(import.meta.url);
const { startSimulator } = require('../../simulator/server.cjs');

const args = new Set(process.argv.slice(2));
const port = Number(process.env.DEMO_N8N_PORT || 5691);
const simPort = Number(process.env.DEMO_SIM_PORT || 18080);
const owner = {
	email: process.env.DEMO_OWNER_EMAIL || 'demo@example.com',
	password: process.env.DEMO_OWNER_PASSWORD || 'Demo-Passw0rd',
	firstName: 'Demo',
	lastName: 'User',
};

const log = (...a) => console.log('[demo]', ...a);

/** Trigger playgrounds: "Fetch Test Event" shows the latest closed bucket at once. */
function triggerDemos() {
	const have = (f) => fs.existsSync(path.join(repoRoot, f));
	const list = [];
	if (have('dist/nodes/Rhombus/RhombusTrigger.node.js')) {
		list.push(
			workflow({
				id: 'demoRhombusTrig1',
				name: 'Demo: Rhombus Trigger, entrances per quarter hour',
				nodes: [
					{
						name: 'Rhombus Trigger',
						type: TYPES.rhombusTrigger,
						credentials: credRef('rhombus'),
						parameters: {
							event: 'crossingCounts',
							cameraUuids: [SIM.cameras.berlinLobby.uuid, SIM.cameras.laFrontDoor.uuid],
							bucketSize: 'QUARTER_HOUR',
							timeZone: 'Europe/Berlin',
							settleMinutes: 2,
							startFrom: 'backfill',
							backfillBuckets: 8,
							emit: 'everyBucket',
							pollTimes: { item: [{ mode: 'everyMinute' }] },
						},
					},
				],
			}),
		);
	}
	if (have('dist/nodes/Indivd/IndivdTrigger.node.js')) {
		list.push(
			workflow({
				id: 'demoIndivdTrig01',
				name: 'Demo: Indivd Trigger, zone visitors per hour',
				nodes: [
					{
						name: 'Indivd Trigger',
						type: TYPES.indivdTrigger,
						credentials: credRef('indivd'),
						parameters: {
							event: 'zoneVisitors',
							granularity: 'hour',
							locations: [SIM.indivd.stockholm],
							zones: [SIM.indivd.entranceZone],
							settleMinutes: 2,
							startFrom: 'backfill',
							backfillBuckets: 12,
							emit: 'everyBucket',
							pollTimes: { item: [{ mode: 'everyMinute' }] },
						},
					},
				],
			}),
		);
	}
	return list;
}

function exampleWorkflows() {
	const dir = path.join(repoRoot, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

async function main() {
	const started = Date.now();
	const runtime = await install();
	const userFolder = path.join(cacheRoot(), 'demo-user');
	if (args.has('--fresh')) fs.rmSync(userFolder, { recursive: true, force: true });
	const tarball = packPackage(path.join(cacheRoot(), 'demo-pack'));
	installPackage(userFolder, tarball);
	log(`${PACKAGE_NAME} installed into ${path.join(userFolder, '.n8n', 'nodes')}`);

	let sim;
	try {
		sim = await startSimulator({ port: simPort, host: '127.0.0.1' });
	} catch (e) {
		throw new Error(
			`cannot start the simulator on 127.0.0.1:${simPort} (${e.code ?? e.message}); set DEMO_SIM_PORT`,
		);
	}
	log(`API simulator on ${sim.url}`);

	const inst = createInstance({
		userFolder,
		port,
		brokerPort: port + 1,
		owner,
		runtime,
		timezone: process.env.GENERIC_TIMEZONE || 'Europe/Berlin',
	});
	let server;
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		log('stopping n8n and the simulator…');
		if (server) await server.stop();
		await sim.close();
		killAllStarted();
		log('stopped');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		await importCredentials(inst, simulatorCredentials(sim.url));
		const demos = [
			rhombusReportsWorkflow({
				t: DEMO_TIMES,
				name: 'Demo: Rhombus crossing counts, occupancy and a frame (yesterday)',
			}),
			rhombusClipsWorkflow({
				t: DEMO_TIMES,
				name: 'Demo: Rhombus save, check, download and list clips',
			}),
			indivdWorkflow({
				t: DEMO_TIMES,
				name: 'Demo: Indivd line crosses, zone visitors and drop-in rate (yesterday)',
			}),
			...triggerDemos(),
			...exampleWorkflows(),
		];
		await importWorkflows(inst, demos);
		log(`imported 2 credentials and ${demos.length} workflows`);

		server = await startServer(inst, { label: 'demo' });
		const session = await login(inst);
		const types = await session.get('/types/nodes.json');
		const ours = types.json
			.filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`))
			.map((n) => n.name.split('.')[1]);
		if (!ours.includes('rhombus') || !ours.includes('indivd'))
			throw new Error(
				`n8n did not load the nodes (loaded: ${ours.join(', ') || 'none'}); see ${server.logFile}`,
			);

		console.log(`
  n8n ${inst.runtime.n8nDir.split('n8n-').pop()} with ${PACKAGE_NAME} is running (ready in ${Math.round((Date.now() - started) / 1000)} s)

    Open       ${inst.baseUrl}
    Workflows  ${inst.baseUrl}/home/workflows
    Email      ${owner.email}
    Password   ${owner.password}

  Workflows → "Demo: …" → Execute workflow: every node answers from the simulator.
  Credentials "Rhombus (simulator)" and "Indivd (simulator)" point at ${sim.url}.
  Nodes loaded: ${ours.join(', ')}
  n8n log: ${server.logFile}

  Press Ctrl-C to stop.
`);
		if (args.has('--smoke')) return await stop(0);
		const watch = setInterval(async () => {
			try {
				process.kill(server.pid, 0);
			} catch {
				clearInterval(watch);
				log(`n8n exited unexpectedly; see ${server.logFile}`);
				await stop(1);
			}
		}, 2000);
	} catch (e) {
		console.error(`[demo] ERROR: ${e.message}`);
		await stop(1);
	}
}

main().catch((e) => {
	console.error(`[demo] ERROR: ${e.message}`);
	killAllStarted();
	process.exit(1);
});
