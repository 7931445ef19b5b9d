// In real n8n (the pinned 2.41.1 of scripts/n8n/install.mjs): our nodes against the recipe users
// build today (HTTP Request node + Code node doing the same bucketing, dedupe and time-zone work)
// under `n8n execute`, on the same simulator data; and n8n's start-up time with and without the
// package installed. Every n8n process is its own process group, stopped by its PID (runtime.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { isInstalled, runtimePaths } from '../../scripts/n8n/paths.mjs';

const require = createRequire(import.meta.url);
const { startSimulator } = require('../../simulator/server.cjs');

const PKG = 'n8n-nodes-rhombus-indivd';

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const node = (name, type, typeVersion, parameters, extra = {}) => ({
	name,
	type,
	typeVersion,
	parameters,
	...extra,
});

const manual = () => node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, {});

/** Code node body: the recipe's bucketing for Rhombus per-camera crossing counts. */
const rhombusRecipeCode = (zone) => `
const zone = ${JSON.stringify(zone)};
const out = [];
const seen = new Set();
for (const item of $input.all()) {
	const byDevice = item.json.deviceCrossingCounts || {};
	for (const [device, counts] of Object.entries(byDevice)) {
		const cameraUuid = device.replace(/\\.[a-z]\\d+$/, '');
		for (const count of counts) {
			const start = DateTime.fromMillis(Number(count.timestampMs), { zone });
			const bucketStart = start.toUTC().toISO();
			const bucketKey = 'rhombus:crossingCounts:camera=' + cameraUuid + ':hour:' + bucketStart;
			if (seen.has(bucketKey)) continue;
			seen.add(bucketKey);
			const ingress = Number(count.ingressCount || 0);
			const egress = Number(count.egressCount || 0);
			out.push({ json: {
				source: 'rhombus', metric: 'crossingCounts', bucketKey, bucketStart,
				bucketEnd: start.plus({ hours: 1 }).toUTC().toISO(), bucketStartLocal: start.toISO(),
				timeZone: zone, granularity: 'hour', cameraUuid, ingress, egress, net: ingress - egress,
			} });
		}
	}
}
return out;
`;

/** Code node bodies of the Indivd recipe: the date chunks the user works out, then the rows. */
const indivdChunksCode = (startDate, endDate, maxDays) => `
const out = [];
const last = DateTime.fromISO(${JSON.stringify(endDate)}, { zone: 'UTC' });
for (let from = DateTime.fromISO(${JSON.stringify(startDate)}, { zone: 'UTC' }); from <= last; from = from.plus({ days: ${maxDays} })) {
	const to = DateTime.min(from.plus({ days: ${maxDays - 1} }), last);
	out.push({ json: { start_date: from.toISODate(), end_date: to.toISODate() } });
}
return out;
`;

const indivdRowsCode = `
const out = [];
const seen = new Set();
for (const item of $input.all()) {
	const id = item.json._id || {};
	const start = DateTime.fromObject({ year: id.year, month: id.month, day: id.dayofmonth, hour: id.hour }, { zone: 'UTC' });
	const bucketStart = start.toISO();
	const bucketKey = 'indivd:lineCrosses:all:hour:' + bucketStart;
	if (seen.has(bucketKey)) continue;
	seen.add(bucketKey);
	out.push({ json: {
		source: 'indivd', metric: 'lineCrosses', bucketKey, bucketStart,
		bucketEnd: start.plus({ hours: 1 }).toISO(), bucketStartLocal: bucketStart.replace('Z', '+00:00'),
		timeZone: 'UTC', granularity: 'hour', count: Number(item.json.count || 0),
	} });
}
return out;
`;

function workflows({ sim, keys, link }) {
	const cameraUuids = sim.fixtures.rhombus.cameras.map((camera) => camera.uuid);
	const end = Date.UTC(2026, 2, 29, 0, 0);
	const start = end - 7 * 24 * 3600 * 1000;
	const zone = 'Europe/Berlin';
	const lines = { startDate: '2026-02-01', endDate: '2026-03-02' };
	const creds = {
		rhombus: { rhombusApi: { id: 'benchRhombusCred1', name: 'Rhombus (bench)' } },
		indivd: { indivdApi: { id: 'benchIndivdCred01', name: 'Indivd (bench)' } },
	};
	const http = (name, parameters) =>
		node(name, 'n8n-nodes-base.httpRequest', 4.2, { options: {}, ...parameters });
	const code = (name, jsCode) => node(name, 'n8n-nodes-base.code', 2, { jsCode });
	return [
		{
			id: 'benchRhombusOurs',
			workload:
				'50 cameras × 7 days hourly crossing counts (8,400 buckets, per camera, Europe/Berlin)',
			side: 'ours',
			last: 'Rhombus',
			nodes: [
				manual(),
				node(
					'Rhombus',
					`${PKG}.rhombus`,
					1,
					{
						resource: 'report',
						operation: 'getCrossingCounts',
						cameraUuids,
						startTime: new Date(start).toISOString(),
						endTime: new Date(end).toISOString(),
						timeZone: zone,
						bucketSize: 'HOUR',
					},
					{ credentials: creds.rhombus },
				),
			],
		},
		{
			id: 'benchRhombusRecip',
			workload:
				'50 cameras × 7 days hourly crossing counts (8,400 buckets, per camera, Europe/Berlin)',
			side: 'recipe',
			last: 'Buckets',
			nodes: [
				manual(),
				http('HTTP Request', {
					method: 'POST',
					url: `${sim.url}/api/report/getBatchThresholdCrossingCountReport`,
					sendHeaders: true,
					headerParameters: {
						parameters: [
							{ name: 'x-auth-apikey', value: keys.rhombus },
							{ name: 'x-auth-scheme', value: 'api-token' },
						],
					},
					sendBody: true,
					specifyBody: 'json',
					jsonBody: JSON.stringify({
						deviceUuids: cameraUuids,
						startTimeMs: start,
						endTimeMs: end,
						timeZone: zone,
						bucketSize: 'HOUR',
						crossingObject: 'HUMAN',
						dedupe: true,
					}),
				}),
				code('Buckets', rhombusRecipeCode(zone)),
			],
		},
		{
			id: 'benchIndivdOurs01',
			workload: 'Indivd line crosses, 30 days hourly (720 buckets, 5 requests)',
			side: 'ours',
			last: 'Indivd',
			nodes: [
				manual(),
				node(
					'Indivd',
					`${PKG}.indivd`,
					1,
					{ resource: 'lineCrosses', operation: 'get', ...lines, aggregateBy: 'hour' },
					{ credentials: creds.indivd },
				),
			],
		},
		{
			id: 'benchIndivdRecip1',
			workload: 'Indivd line crosses, 30 days hourly (720 buckets, 5 requests)',
			side: 'recipe',
			last: 'Buckets',
			nodes: [
				manual(),
				code('Date chunks', indivdChunksCode(lines.startDate, lines.endDate, 7)),
				http('HTTP Request', {
					method: 'GET',
					url: `${sim.url}/api/v1/rnd/insights/external/line_crosses/`,
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'start_date', value: '={{ $json.start_date }}' },
							{ name: 'end_date', value: '={{ $json.end_date }}' },
							{ name: 'aggregate_by', value: 'hour' },
						],
					},
					sendHeaders: true,
					headerParameters: {
						parameters: [{ name: 'Authorization', value: `Token ${keys.indivd}` }],
					},
				}),
				code('Buckets', indivdRowsCode),
			],
		},
	].map((entry) => ({
		...entry,
		workflow: link(entry.id, `bench: ${entry.side}, ${entry.workload}`, entry.nodes),
		credentialsFor: creds,
	}));
}

/** The section, or { skipped } with the reason when the pinned n8n is not installed. */
export async function realN8n({ root, runs, log }) {
	if (!isInstalled(runtimePaths())) {
		return { skipped: 'the pinned n8n is not installed (`node scripts/n8n/install.mjs`)' };
	}
	const runtime = await import('../../scripts/n8n/runtime.mjs');
	const shapes = await import('../../scripts/n8n/workflows.mjs');
	log('  building and packing the package');
	const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
	if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-bench-n8n-'));
	const sim = await startSimulator({
		cameras: 50,
		rateLimit: false,
		now: Date.UTC(2026, 2, 30, 14, 7, 30),
	});
	sim.config.setCrossingShape('map');
	const servers = [];
	try {
		const tarball = runtime.packPackage(path.join(tmp, 'pack'));
		const withPackage = runtime.createInstance({
			userFolder: path.join(tmp, 'with'),
			port: await freePort(),
			brokerPort: await freePort(),
		});
		runtime.installPackage(withPackage.userFolder, tarball);
		const without = runtime.createInstance({
			userFolder: path.join(tmp, 'without'),
			port: await freePort(),
			brokerPort: await freePort(),
		});

		const keys = { rhombus: shapes.SIM_KEYS.rhombus, indivd: shapes.SIM_KEYS.indivd };
		const link = (id, name, nodes) =>
			shapes.workflow({
				id,
				name,
				nodes,
				links: nodes.slice(1).map((entry, index) => [nodes[index].name, entry.name]),
			});
		const flows = workflows({ sim, keys, link });
		const ids = { rhombus: 'benchRhombusCred1', indivd: 'benchIndivdCred01' };
		const names = { rhombus: 'Rhombus (bench)', indivd: 'Indivd (bench)' };
		await runtime.importCredentials(
			withPackage,
			shapes.simulatorCredentials(sim.url, { ids, names }),
		);
		await runtime.importWorkflows(
			withPackage,
			flows.map((flow) => flow.workflow),
		);

		const measured = new Map(
			flows.map((flow) => [flow.id, { cli: [], work: [], items: 0, keys: undefined }]),
		);
		for (let run = 0; run < runs; run++) {
			for (const flow of flows) {
				const result = await runtime.executeWorkflow(withPackage, flow.id, { timeoutMs: 300_000 });
				if (!result.ok || result.error) {
					throw new Error(
						`n8n execute ${flow.id} failed: ${JSON.stringify(result.error ?? result.stderr.slice(-2000))}`,
					);
				}
				const work = Object.entries(result.runData)
					.filter(([name]) => name !== 'Manual Trigger')
					.reduce(
						(sum, [, nodeRuns]) => sum + nodeRuns.reduce((s, r) => s + (r.executionTime ?? 0), 0),
						0,
					);
				const entry = measured.get(flow.id);
				entry.cli.push(result.ms);
				entry.work.push(work);
				entry.items = result.nodes[flow.last]?.length ?? 0;
				entry.keys ??= (result.nodes[flow.last] ?? []).map((item) => item.json.bucketKey).sort();
				log(
					`  n8n execute ${flow.id}: ${work} ms in nodes, ${result.ms} ms CLI, ${entry.items} items`,
				);
			}
		}

		const startup = { with: [], without: [] };
		for (let run = 0; run < runs; run++) {
			for (const [label, inst] of [
				['with', withPackage],
				['without', without],
			]) {
				const server = await runtime.startServer(inst, { label: `bench-${label}-${run}` });
				servers.push(server);
				startup[label].push(server.readyMs);
				await server.stop();
				servers.splice(servers.indexOf(server), 1);
				log(`  n8n start ${label} the package: ready after ${server.readyMs} ms`);
			}
		}

		const comparisons = [];
		for (const workload of [...new Set(flows.map((flow) => flow.workload))]) {
			const ours = flows.find((flow) => flow.workload === workload && flow.side === 'ours');
			const recipe = flows.find((flow) => flow.workload === workload && flow.side === 'recipe');
			const o = measured.get(ours.id);
			const r = measured.get(recipe.id);
			comparisons.push({
				workload,
				oursWork: median(o.work),
				recipeWork: median(r.work),
				oursCli: median(o.cli),
				recipeCli: median(r.cli),
				oursItems: o.items,
				recipeItems: r.items,
				sameKeys: JSON.stringify(o.keys) === JSON.stringify(r.keys),
			});
		}
		return {
			runs,
			comparisons,
			startup: { with: median(startup.with), without: median(startup.without), runs },
		};
	} finally {
		for (const server of servers) await server.stop();
		await sim.close();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}
