// Speed and memory in process: a recorded response replayed on loopback, turned into items by our
// node in a fresh child process per run, against the floor of fetching the same bytes with undici
// and JSON.parse alone (also one child per run).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { request } = require('undici');
const { startSimulator } = require('../../simulator/server.cjs');
const { simulatorSecrets } = require('../../test/helpers/secrets.cjs');
const { startReplay } = require('./replay.cjs');
const { summarizeProfile } = require('./profile.cjs');

const here = path.dirname(fileURLToPath(import.meta.url));
const childScript = path.join(here, 'speed-child.cjs');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MB = 1024 * 1024;

const occupancyPath = '/api/report/getOccupancyCountsV2';
const crossingPath = '/api/report/getBatchThresholdCrossingCountReport';

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs one child; resolves with its JSON line, or { error } (a crash, an out-of-memory, a timeout). */
function runChild(job, { distDir, nodeFlags = [], timeoutMs = 300_000 }) {
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			['--expose-gc', ...nodeFlags, childScript, JSON.stringify(job)],
			{
				env: { ...process.env, BENCH_DIST: distDir },
				maxBuffer: 16 * MB,
				timeout: Math.round(timeoutMs),
				killSignal: 'SIGKILL',
			},
			(error, stdout, stderr) => {
				const line = stdout.trim().split('\n').pop();
				try {
					const parsed = JSON.parse(line);
					if (!error || parsed.error) return resolve(parsed);
				} catch {
					// fall through
				}
				// A run killed by the timeout under a heap cap was thrashing in the collector.
				const outOfMemory =
					/heap out of memory|Reached heap limit/i.test(stderr) ||
					Boolean(error && error.killed && nodeFlags.length);
				resolve({
					error: outOfMemory
						? 'out of memory'
						: error && error.killed
							? `killed after ${timeoutMs / 1000} s`
							: String(stderr || (error && error.message)).slice(0, 400),
					outOfMemory,
					pid: child.pid,
				});
			},
		);
	});
}

async function record(sim, path, body) {
	const response = await request(`${sim.url}${path}`, {
		method: 'POST',
		headers: {
			'x-auth-apikey': simulatorSecrets.rhombusKey,
			'x-auth-scheme': 'api-token',
			'content-type': 'application/json',
		},
		body: JSON.stringify(body),
	});
	const bytes = Buffer.from(await response.body.arrayBuffer());
	if (response.statusCode !== 200)
		throw new Error(`recording ${path} failed: HTTP ${response.statusCode}`);
	return bytes;
}

/** The two workloads: the simulator's answers recorded once, with the matching node parameters. */
async function recordWorkloads() {
	const now = Date.UTC(2026, 2, 30, 14, 7, 30);
	const sim = await startSimulator({ cameras: 50, rateLimit: false, now });
	try {
		const cameras = sim.fixtures.rhombus.cameras;
		const occupancyCamera = cameras.find((camera) => camera.occupancyKeys.length > 0);
		const end = Math.floor(now / HOUR) * HOUR;
		const start = end - 365 * DAY;
		const iso = (ms) => new Date(ms).toISOString();

		const occupancyBody = {
			deviceUuid: occupancyCamera.uuid,
			startTimeMs: start,
			endTimeMs: end,
			interval: 'MINUTELY',
		};
		const occupancy = await record(sim, occupancyPath, occupancyBody);

		sim.config.setCrossingShape('map');
		const cameraUuids = cameras.map((camera) => camera.uuid);
		const crossingBody = {
			deviceUuids: cameraUuids,
			startTimeMs: start,
			endTimeMs: end,
			timeZone: 'UTC',
			bucketSize: 'HOUR',
			crossingObject: 'HUMAN',
			dedupe: true,
		};
		const crossings = await record(sim, crossingPath, crossingBody);
		return [
			{
				name: '1 year MINUTELY occupancy, 1 camera',
				path: occupancyPath,
				bytes: occupancy,
				floorJob: {
					mode: 'floor',
					path: occupancyPath,
					requestBody: occupancyBody,
					countFloor: 'list',
				},
				nodeJob: {
					mode: 'node',
					nodeType: 'rhombus',
					parameters: {
						resource: 'report',
						operation: 'getOccupancy',
						cameraUuid: { __rl: true, mode: 'id', value: occupancyCamera.uuid },
						startTime: iso(start),
						endTime: iso(end),
						timeZone: occupancyCamera.timeZone,
						interval: 'MINUTELY',
					},
				},
			},
			{
				name: '1 year hourly crossing counts, 50 cameras (per camera)',
				path: crossingPath,
				bytes: crossings,
				floorJob: {
					mode: 'floor',
					path: crossingPath,
					requestBody: crossingBody,
					countFloor: 'map',
				},
				nodeJob: {
					mode: 'node',
					nodeType: 'rhombus',
					parameters: {
						resource: 'report',
						operation: 'getCrossingCounts',
						cameraUuids,
						startTime: iso(start),
						endTime: iso(end),
						timeZone: 'UTC',
						bucketSize: 'HOUR',
					},
				},
			},
		];
	} finally {
		await sim.close();
	}
}

/**
 * The smallest --max-old-space-size (MB) the job finishes with, to within a few percent:
 * bisection between a limit known (or assumed) too small and one that works.
 */
async function neededHeapMb(job, { distDir, low, high, log, timeoutMs, steps = 4 }) {
	let fails = Math.floor(low);
	let works = Math.ceil(high);
	for (let tries = 0; ; tries++) {
		const result = await runChild(job, {
			distDir,
			timeoutMs,
			nodeFlags: [`--max-old-space-size=${works}`],
		});
		if (!result.error) break;
		if (!result.outOfMemory || tries >= 3)
			throw new Error(`run capped at ${works} MB failed: ${result.error}`);
		fails = works;
		works *= 2;
	}
	for (let step = 0; step < steps && works - fails > 8; step++) {
		const middle = Math.round((fails + works) / 2);
		const result = await runChild(job, {
			distDir,
			timeoutMs,
			nodeFlags: [`--max-old-space-size=${middle}`],
		});
		if (result.error && !result.outOfMemory)
			throw new Error(`run capped at ${middle} MB failed: ${result.error}`);
		if (result.error) fails = middle;
		else works = middle;
	}
	log(`needs ${works} MB of old space (fails at ${fails} MB)`);
	return { mb: works, failsAtMb: fails };
}

function failIfError(result, what) {
	if (result.error) throw new Error(`${what} failed: ${result.error}`);
	return result;
}

export async function speedAndMemory({ distDir, runs, log }) {
	const workloads = await recordWorkloads();
	const replay = await startReplay(Object.fromEntries(workloads.map((w) => [w.path, w.bytes])));
	const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-bench-'));
	const rows = [];
	try {
		for (const workload of workloads) {
			const floorJob = { ...workload.floorJob, url: replay.url };
			const nodeJob = { ...workload.nodeJob, url: replay.url };
			const floor = [];
			const ours = [];
			for (let run = 0; run < runs; run++) {
				floor.push(failIfError(await runChild(floorJob, { distDir }), `floor run ${run + 1}`));
				ours.push(failIfError(await runChild(nodeJob, { distDir }), `node run ${run + 1}`));
				log(
					`  ${workload.name}: run ${run + 1}/${runs}: floor ${floor.at(-1).ms.toFixed(0)} ms, ours ${ours.at(-1).ms.toFixed(0)} ms`,
				);
			}
			if (ours[0].count !== floor[0].count) {
				throw new Error(`${workload.name}: ${ours[0].count} items for ${floor[0].count} buckets`);
			}

			// Where the time goes: one more run of ours under the CPU profiler.
			const dir = path.join(profileDir, String(rows.length));
			failIfError(
				await runChild(nodeJob, { distDir, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] }),
				'profiled run',
			);
			const profileFile = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
			const profile = summarizeProfile(path.join(dir, profileFile), distDir);

			// Peak heap, measured as what a run needs: the smallest old-space limit it finishes
			// with (bisection), minus the heap in use before the run.
			const size = workload.bytes.length;
			const baseMb = ours[0].baseHeapBytes / MB;
			const floorBaseMb = floor[0].baseHeapBytes / MB;
			const floorNeed = await neededHeapMb(floorJob, {
				distDir,
				low: floorBaseMb + size / MB,
				high: floorBaseMb + 4 * (size / MB) + 32,
				timeoutMs: Math.max(60_000, 6 * median(floor.map((r) => r.ms))),
				log: (text) => log(`  ${workload.name}, floor: ${text}`),
			});
			const oursNeed = await neededHeapMb(nodeJob, {
				distDir,
				low: baseMb + median(ours.map((r) => r.outputHeapBytes)) / MB,
				high: baseMb + 2 * (median(ours.map((r) => r.outputHeapBytes)) / MB) + 64,
				timeoutMs: Math.max(60_000, 6 * median(ours.map((r) => r.ms))),
				log: (text) => log(`  ${workload.name}, ours: ${text}`),
			});
			const targetMb = Math.ceil(baseMb + (3 * size) / MB);
			const targetRun =
				targetMb >= oursNeed.mb
					? {}
					: targetMb <= oursNeed.failsAtMb
						? { error: 'out of memory (below the bisected need)' }
						: await runChild(nodeJob, {
								distDir,
								timeoutMs: Math.max(60_000, 6 * median(ours.map((r) => r.ms))),
								nodeFlags: [`--max-old-space-size=${targetMb}`],
							});
			log(
				`  ${workload.name}, ours capped at baseline + 3× response (${targetMb} MB): ${targetRun.error ?? 'finishes'}`,
			);

			const floorMs = median(floor.map((r) => r.ms));
			const oursMs = median(ours.map((r) => r.ms));
			rows.push({
				name: workload.name,
				bytes: size,
				buckets: ours[0].count,
				runs,
				floorMs,
				oursMs,
				timeRatio: oursMs / floorMs,
				floorBucketsPerSec: ours[0].count / (floorMs / 1000),
				oursBucketsPerSec: ours[0].count / (oursMs / 1000),
				floorPeakHeap: (floorNeed.mb - floorBaseMb) * MB,
				oursPeakHeap: (oursNeed.mb - baseMb) * MB,
				floorNeed,
				oursNeed,
				oursOutputHeap: median(ours.map((r) => r.outputHeapBytes)),
				floorMaxRss: median(floor.map((r) => r.maxRssBytes)),
				oursMaxRss: median(ours.map((r) => r.maxRssBytes)),
				oursAtTarget: { limitMb: targetMb, ok: !targetRun.error, error: targetRun.error },
				profile,
				sample: ours[0].sample,
			});
		}
	} finally {
		await replay.close();
		fs.rmSync(profileDir, { recursive: true, force: true });
	}
	return rows;
}
