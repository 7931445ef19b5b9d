// End-to-end tests of the package in n8n's queue mode: real Postgres and Redis processes, `n8n
// start` (main) and one `n8n worker`, first with n8n's legacy pollers, then with the durable
// scheduler (scripts/n8n/queue.mjs). Every process is its own process group, stopped by its PID.
//   npm run test:e2e:queue
// Trigger ticks are real minutes (test/e2e/lib/triggers.mjs): each topology watches four ticks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	createQueueTopology,
	startPostgres,
	startRedis,
	stopEverythingOnSignal,
} from '../../scripts/n8n/queue.mjs';
import {
	PACKAGE_NAME,
	importCredentials,
	importWorkflows,
	killAllStarted,
	login,
	packPackage,
	requireRuntime,
} from '../../scripts/n8n/runtime.mjs';
import {
	indivdWorkflow,
	rhombusClipsWorkflow,
	rhombusReportsWorkflow,
	simulatorCredentials,
	stableUuid,
} from '../../scripts/n8n/workflows.mjs';
import { ACTION_CHECKS, actionTimes } from './lib/actions.mjs';
import { requestsTo } from './lib/assertions.mjs';
import {
	downloadBinary,
	enqueuedByMain,
	finishedByWorker,
	logRecords,
	pollItems,
	simulatorClip,
	simulatorFrame,
	startedByWorker,
	viaWebhook,
	withDownstream,
} from './lib/queue.mjs';
import {
	executionsOf,
	nextTick,
	triggerWorkflows,
	triggersMissingReason,
} from './lib/triggers.mjs';

const require = createRequire(import.meta.url);
const { startSimulator } = require('../../simulator/server.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const waitUntil = async (t) => {
	const d = t - Date.now();
	if (d > 0) await sleep(d);
};
const iso = (ms) => new Date(ms).toISOString();

const { day, T } = actionTimes();

// Test-only settings that make a crashed worker visible within a minute instead of hours: the
// Bull job lock and stall check (defaults 60 s / 30 s) and main's queue recovery (180 min).
const CRASH_DETECTION_ENV = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
};
// Seconds the Rhombus workflow holds after its trigger, so the worker can be killed mid-run.
const HOLD_SEC = 15;
// A Retry-After longer than the whole poll budget (36 s of the scheduler's 45 s timeout).
const LONG_RETRY_AFTER_SEC = 40;

const S = { timings: {}, failed: false };

async function step(name, fn) {
	const t0 = Date.now();
	try {
		return await fn();
	} catch (e) {
		S.failed = true;
		throw e;
	} finally {
		S.timings[name] = Date.now() - t0;
		console.log(`# ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}
}

/** `it` that keeps the temporary folder (logs, user folders) when it fails. */
function check(name, opts, fn) {
	const body = fn ?? opts;
	const wrapped = async () => {
		try {
			await body();
		} catch (e) {
			S.failed = true;
			throw e;
		}
	};
	return fn ? it(name, opts, wrapped) : it(name, wrapped);
}

/** The suite's trigger workflows: Rhombus holds HOLD_SEC; the race workflow counts its runs. */
function queueTriggerWorkflows() {
	const t = triggerWorkflows();
	t.rhombus.workflow = withDownstream(t.rhombus.workflow, {
		name: 'Hold',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		webhookId: stableUuid('queue/hold'),
		parameters: { resume: 'timeInterval', amount: HOLD_SEC, unit: 'seconds' },
	});
	// The race of issue 14: a downstream node writes the workflow's static data while the
	// trigger keeps its position in the same static data. A workflow of its own, so the other
	// two show what the triggers do without it.
	const race = { ...t.indivd, workflow: structuredClone(t.indivd.workflow) };
	race.workflow.id = 'e2eRaceIndivd001';
	race.workflow.name = 'E2E: Indivd Trigger, then a Code node writing workflow static data';
	race.workflow = withDownstream(race.workflow, {
		name: 'Count runs',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: [
				"const state = $getWorkflowStaticData('global');",
				'const runsBefore = state.runs ?? 0;',
				'state.runs = runsBefore + 1;',
				'return [{ json: { runsBefore, buckets: $input.all().map((i) => i.json.bucketKey) } }];',
			].join('\n'),
		},
	});
	return { triggers: t, race };
}

async function waitFor(what, fn, { timeoutMs, everyMs = 1000 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

/** Executions as Postgres has them: queued and running ones too, which the public API leaves out. */
async function dbExecutions(topo, workflowId) {
	const rows = await topo.query(
		'SELECT id, status, mode, "createdAt", "startedAt" FROM execution_entity WHERE "workflowId" = $1 ORDER BY id',
		[workflowId],
	);
	return rows.map((r) => ({ ...r, id: String(r.id), createdAt: new Date(r.createdAt).getTime() }));
}

/** Where n8n keeps a trigger's position: the workflow's static data, or the durable cursor. */
async function storedCursor(topo, t) {
	if (topo.durable) {
		const node = t.workflow.nodes.find((n) => n.name === t.node);
		const [row] = await topo.query(
			'SELECT cursor, "consecutiveErrors", "backoffUntil" FROM poller_state WHERE "workflowId" = $1 AND "nodeId" = $2',
			[t.workflow.id, node.id],
		);
		return row && { state: row.cursor, row };
	}
	const [row] = await topo.query('SELECT "staticData" FROM workflow_entity WHERE id = $1', [
		t.workflow.id,
	]);
	const data = typeof row?.staticData === 'string' ? JSON.parse(row.staticData) : row?.staticData;
	return data?.[`node:${t.node}`] && { state: data[`node:${t.node}`], staticData: data };
}

/** One topology's run: the same ticks and checks, with or without the durable scheduler. */
function topologySuite(durable) {
	const label = durable ? 'durable scheduler' : 'queue mode';
	const X = { durable };

	describe(`${label}: main + worker on Postgres and Redis`, { timeout: 12 * 60_000 }, () => {
		after(async () => {
			if (X.topo) await X.topo.stop();
		});

		check(
			'starts main and a worker, each with the package installed as n8n installs it',
			async () => {
				await step(`${label}: start`, async () => {
					X.topo = await createQueueTopology({
						dir: path.join(S.tmp, durable ? 'durable' : 'queue'),
						tarball: S.tarball,
						pg: S.pg,
						redis: S.redis,
						database: durable ? 'n8n_durable' : 'n8n_queue',
						redisDb: durable ? 1 : 0,
						durable,
						mainPort: Number(process.env.E2E_QUEUE_PORT || 5711) + (durable ? 1 : 0),
						extraEnv: { N8N_LOG_FORMAT: 'json', ...CRASH_DETECTION_ENV },
					});
					({ triggers: X.triggers, race: X.race } = queueTriggerWorkflows());
					X.actions = durable
						? {}
						: {
								reports: viaWebhook(rhombusReportsWorkflow({ t: T }), 'queue-reports'),
								clips: viaWebhook(rhombusClipsWorkflow({ t: T }), 'queue-clips'),
								indivd: viaWebhook(indivdWorkflow({ t: T }), 'queue-indivd'),
							};
					await importCredentials(X.topo.main, simulatorCredentials(S.sim.url));
					await importWorkflows(X.topo.main, [
						...Object.values(X.actions),
						...Object.values(X.triggers).map((t) => t.workflow),
						X.race.workflow,
					]);
					await X.topo.start();
					X.session = await login(X.topo.main);
				});
				for (const inst of [X.topo.main, X.topo.worker]) {
					const ledger = JSON.parse(
						fs.readFileSync(path.join(inst.dataDir, 'nodes', 'package.json'), 'utf8'),
					);
					assert.ok(ledger.dependencies[PACKAGE_NAME], `${inst.userFolder}: package installed`);
				}
				assert.match(X.topo.readLogs('worker'), /n8n worker is now ready/);
			},
		);

		check(
			"activates the workflows: the triggers' backfill polls on main and runs on the worker",
			async () => {
				// The webhook workflows of the actions too: n8n imports every workflow inactive.
				const triggered = [...Object.values(X.triggers), X.race].map((t) => t.workflow);
				for (const wf of [...Object.values(X.actions), ...triggered]) {
					const r = await X.session.api('POST', `/workflows/${wf.id}/activate`);
					assert.equal(r.status, 200, r.text);
				}
				X.activatedAt = Date.now();
				await waitFor(
					'the backfill executions',
					async () => {
						for (const t of Object.values(X.triggers)) {
							const execs = await executionsOf(X.session, t.workflow.id);
							if (!execs.some((e) => e.status === 'success')) return false;
						}
						return true;
					},
					{ timeoutMs: 90_000 },
				);
			},
		);

		if (!durable) {
			check(
				"every action operation runs on the worker with the single-process suite's items; the frame and the clip are stored in the database and downloadable",
				async () => {
					const runs = {};
					const logs = {};
					await step(`${label}: actions`, async () => {
						for (const [key, wf] of Object.entries(X.actions)) {
							S.sim.log.clear();
							const webhookPath = wf.nodes.find((n) => n.name === 'Webhook').parameters.path;
							const res = await fetch(`${X.topo.main.baseUrl}/webhook/${webhookPath}`, {
								method: 'POST',
							});
							assert.equal(res.status, 200, `${key}: webhook answered ${res.status}`);
							runs[key] = await waitFor(
								`${key} to finish`,
								async () =>
									(await executionsOf(X.session, wf.id)).find((e) =>
										['success', 'error', 'crashed'].includes(e.status),
									),
								{ timeoutMs: 120_000 },
							);
							logs[key] = S.sim.log.entries();
						}
					});
					const started = startedByWorker(X.topo.readLogs('worker'));
					const enqueued = enqueuedByMain(X.topo.readLogs('main'));
					for (const [key, exec] of Object.entries(runs)) {
						assert.equal(
							exec.status,
							'success',
							`${key}: ${JSON.stringify(exec.data?.resultData?.error)}`,
						);
						assert.ok(
							started.has(String(exec.id)),
							`${key}: the worker log has "Worker started execution ${exec.id}"`,
						);
						assert.ok(enqueued.has(String(exec.id)), `${key}: main put it on the queue`);
					}
					const nodes = Object.fromEntries(
						Object.entries(runs).map(([key, exec]) => [
							key,
							Object.fromEntries(
								Object.entries(exec.data.resultData.runData).map(([name, r]) => [
									name,
									r.flatMap((x) => x?.data?.main?.[0] ?? []),
								]),
							),
						]),
					);
					const readBytes = (binary) => downloadBinary(X.topo.main, X.session, binary);
					for (const { title, check } of ACTION_CHECKS) {
						try {
							await check({ nodes, logs, T, day, readBytes });
						} catch (e) {
							e.message = `${title}: ${e.message}`;
							throw e;
						}
					}

					// Binary data: database mode (queue mode's default), bytes as the simulator served them.
					const [frame] = nodes.reports.Frame;
					assert.match(frame.binary.data.id, /^database:/, 'stored in the database');
					const frameBytes = await readBytes(frame.binary.data);
					const [frameRequest] = requestsTo(logs.reports, '/api/video/getExactFrameData');
					assert.ok(
						frameBytes.equals(await simulatorFrame(S.sim, frameRequest.body)),
						'frame bytes',
					);
					const created = nodes.clips['Create clip'][0];
					const [downloaded] = nodes.clips['Download clip'];
					const served = await simulatorClip(
						S.sim,
						created.json.clipLocation.region,
						created.json.clipUuid,
					);
					for (const bin of [created.binary.video, downloaded.binary.data]) {
						assert.match(bin.id, /^database:/, 'stored in the database');
						assert.ok((await readBytes(bin)).equals(served), 'clip bytes');
					}
					const rows = await X.topo.query('SELECT count(*)::int AS n FROM binary_data');
					assert.ok(rows[0].n >= 3, `${rows[0].n} binaries in Postgres`);
				},
			);
		}

		check(
			`ticks: worker stopped over a tick and killed when back, a ${durable ? `429 (Retry-After ${LONG_RETRY_AFTER_SEC} s) and a hanging answer` : '429 and a 500'}, a worker killed mid-run, main restarted`,
			{ timeout: 9 * 60_000 },
			async () => {
				await step(`${label}: ticks`, async () => {
					const { rhombus, indivd } = X.triggers;
					// Tick 1: no worker. The poll still runs on main and its executions wait in Redis.
					const t1 = nextTick(Date.now() + 12_000);
					X.t1 = t1;
					await waitUntil(t1 - 6_000);
					await X.topo.stopWorker();
					await waitUntil(t1 + 15_000);
					X.pollsWithoutWorker = requestsTo(S.sim.log.entries(), '').filter(
						(e) =>
							e.at >= t1 - 1_000 && (e.path.includes(rhombus.path) || e.path.includes(indivd.path)),
					);
					X.queuedWhileDown = {};
					for (const t of [rhombus, indivd, X.race]) {
						const rows = await dbExecutions(X.topo, t.workflow.id);
						X.queuedWhileDown[t.workflow.id] = rows.filter((e) => e.createdAt >= t1 - 1_000);
					}
					X.workerBack = Date.now();
					await X.topo.startWorker('worker-restarted');

					// The restarted worker takes the waiting runs; it is killed while the Rhombus run
					// holds, after the other runs finished.
					const waiting = Object.values(X.queuedWhileDown).flat();
					const running = await waitFor(
						'the restarted worker to hold the Rhombus run and finish the others',
						async () => {
							const log = X.topo.readLogs('worker');
							const finished = finishedByWorker(log);
							const others = waiting.filter(
								(e) => !finished.has(e.id) && !X.queuedWhileDown[rhombus.workflow.id].includes(e),
							);
							const started = [...startedByWorker(log).entries()].find(
								([id, v]) =>
									v.workflowId === rhombus.workflow.id &&
									v.at >= X.workerBack - 1_000 &&
									!finished.has(id),
							);
							return others.length === 0 && started;
						},
						{ timeoutMs: 45_000, everyMs: 250 },
					);
					X.killedExecution = running[0];
					X.killedAt = Date.now();
					await X.topo.killWorker();
					await X.topo.startWorker('worker-after-kill');

					// Tick 2: faults on both trigger paths.
					const t2 = t1 + 60_000;
					X.t2 = t2;
					await waitUntil(t2 - 4_000);
					if (durable) {
						S.sim.faults.add({
							vendor: 'indivd',
							path: indivd.path,
							kind: 'rateLimit',
							retryAfterSec: LONG_RETRY_AFTER_SEC,
							times: Infinity,
						});
						S.sim.faults.add({
							vendor: 'rhombus',
							path: rhombus.path,
							kind: 'timeout',
							times: Infinity,
						});
						await waitUntil(t2 + 50_000);
					} else {
						S.sim.faults.add({
							vendor: 'rhombus',
							path: rhombus.path,
							kind: 'rateLimit',
							retryAfterSec: 1,
							times: Infinity,
						});
						S.sim.faults.add({
							vendor: 'indivd',
							path: indivd.path,
							kind: 'status',
							status: 500,
							times: Infinity,
						});
						await waitUntil(t2 + 25_000);
					}
					S.sim.faults.clear();
					X.faulted = S.sim.log.entries().filter((e) => e.fault && e.at >= t2 - 4_000);
					if (durable) {
						X.pollerStateAfterFaults = {
							[rhombus.node]: await storedCursor(X.topo, rhombus),
							[indivd.node]: await storedCursor(X.topo, indivd),
						};
					}

					const t3 = t2 + 60_000;
					X.t3 = t3;

					// Main restarts: the trigger's position must come back from Postgres.
					await waitUntil(t3 + 25_000);
					await X.topo.stopMain();
					X.cursorAtRestart = {};
					for (const t of [rhombus, indivd]) {
						X.cursorAtRestart[t.node] = await storedCursor(X.topo, t);
					}
					X.raceAtRestart = {
						cursor: await storedCursor(X.topo, X.race),
						staticData: (
							await X.topo.query('SELECT "staticData" FROM workflow_entity WHERE id = $1', [
								X.race.workflow.id,
							])
						)[0].staticData,
					};
					X.mainBack = Date.now();
					await X.topo.startMain('main-restarted');
					X.session = await login(X.topo.main);

					// n8n's verdict on the killed execution, then a retry of it.
					X.killed = await waitFor(
						`execution ${X.killedExecution} to leave "running"`,
						async () => {
							const r = await X.session.api(
								'GET',
								`/executions/${X.killedExecution}?includeData=true`,
							);
							return r.ok && !['running', 'new'].includes(r.json.status) ? r.json : false;
						},
						{ timeoutMs: 90_000, everyMs: 2_000 },
					);
					// n8n 2.41.1 sometimes never answers the retry request: the worker runs and fails the
					// retry within milliseconds, and main misses the end and keeps the execution "active",
					// which hides it from the public API's list. Its outcome is therefore read from
					// Postgres, where the worker writes it, and the request is only given 30 s.
					X.retryAnswer = await fetch(
						`${X.topo.main.baseUrl}/rest/executions/${X.killedExecution}/retry`,
						{
							method: 'POST',
							headers: { cookie: X.session.cookie, 'content-type': 'application/json' },
							body: JSON.stringify({ loadWorkflow: false }),
							signal: AbortSignal.timeout(30_000),
						},
					).then(
						(r) => r.status,
						(e) => e.name,
					);
					X.retries = await waitFor(
						`the retry of execution ${X.killedExecution} to end`,
						async () => {
							const rows = await X.topo.query(
								'SELECT id, status FROM execution_entity WHERE "retryOf" = $1 ORDER BY id',
								[String(X.killedExecution)],
							);
							if (!rows.length || rows.some((r) => ['new', 'running'].includes(r.status)))
								return false;
							return await Promise.all(
								rows.map(
									async (r) =>
										(await X.session.api('GET', `/executions/${r.id}?includeData=true`)).json,
								),
							);
						},
						{ timeoutMs: 60_000, everyMs: 2_000 },
					);
					console.log(
						`# ${label}: killed execution ${X.killedExecution}: ${X.killed.status}, ${JSON.stringify(X.killed.data?.resultData?.error?.message)}; retry answered ${X.retryAnswer}; retries ${X.retries.map((e) => `${e.id}:${e.status}`).join(' ')}`,
					);

					const t4 = nextTick(Date.now() + 3_000);
					X.t4 = t4;
					await waitUntil(t4 + (durable ? 30_000 : 25_000));
				});

				// What each trigger emitted, execution by execution.
				X.result = {};
				const workerRan = startedByWorker(X.topo.readLogs('worker'));
				for (const t of [...Object.values(X.triggers), X.race]) {
					const created = new Map(
						(await dbExecutions(X.topo, t.workflow.id)).map((r) => [r.id, r.createdAt]),
					);
					const execs = (await executionsOf(X.session, t.workflow.id)).map((e) => ({
						...e,
						createdAt: created.get(String(e.id)),
					}));
					const withItems = execs
						.map((e) => ({ e, items: pollItems(e, t.node) }))
						.filter((x) => x.items.length);
					X.result[t.workflow.id] = { execs, withItems, workerRan };
					console.log(
						`# ${label} ${t.node}: ${execs.map((e) => `${e.id}:${e.mode}:${e.status}${e.retryOf ? `(retry of ${e.retryOf})` : ''}`).join(' ')}`,
					);
				}
			},
		);

		check('both triggers poll on main, their executions run on the worker', () => {
			assert.ok(X.pollsWithoutWorker.length >= 2, 'tick 1 polled both APIs while no worker ran');
			for (const t of Object.values(X.triggers)) {
				const { execs, workerRan } = X.result[t.workflow.id];
				const enqueued = enqueuedByMain(X.topo.readLogs('main'));
				// Executions a poll handed over (not the error records main writes for a failed poll).
				const ran = execs.filter((e) => pollItems(e, t.node).length && !e.retryOf);
				assert.ok(ran.length >= 3, `${t.node}: ${ran.length} executions`);
				for (const e of ran) {
					assert.ok(
						workerRan.has(String(e.id)),
						`${t.node}: execution ${e.id} started by the worker`,
					);
					assert.ok(enqueued.has(String(e.id)), `${t.node}: main queued execution ${e.id}`);
				}
			}
		});

		check(
			"every closed bucket exactly once across the ticks, the faults and both restarts, except the killed run's",
			() => {
				const problems = [];
				X.gaps = {};
				for (const t of Object.values(X.triggers)) {
					const { withItems } = X.result[t.workflow.id];
					const delivered = withItems.filter(({ e }) => e.status === 'success');
					const keys = delivered.flatMap(({ items }) => items.map((i) => i.bucketKey));
					const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
					if (dupes.length) problems.push(`${t.node}: emitted twice: ${dupes.join(', ')}`);
					const starts = [
						...new Set(
							delivered.flatMap(({ items }) => items.map((i) => Date.parse(i.bucketStart))),
						),
					].sort((a, b) => a - b);
					const gaps = [];
					for (let i = 1; i < starts.length; i++) {
						if (starts[i] - starts[i - 1] !== 60_000)
							gaps.push({ from: starts[i - 1] + 60_000, to: starts[i] });
					}
					X.gaps[t.node] = gaps;
					const lastClosed = Math.floor(X.t4 / 60_000) * 60_000;
					if (starts.at(-1) + 60_000 < lastClosed)
						problems.push(
							`${t.node}: not caught up to ${iso(lastClosed)} (last ${iso(starts.at(-1))})`,
						);
					console.log(
						`# ${label} ${t.node}: ${delivered.length} successful executions, ${keys.length} buckets ${iso(starts[0])} → ${iso(starts.at(-1) + 60_000)}, gaps ${JSON.stringify(gaps.map((g) => `${iso(g.from)} → ${iso(g.to)}`))}`,
					);
				}
				// Only the Rhombus run on the killed worker lost its buckets (next test); nothing else.
				if (X.gaps[X.triggers.indivd.node].length) problems.push('Indivd Trigger: buckets missing');
				if (X.gaps[X.triggers.rhombus.node].length !== 1)
					problems.push(
						`Rhombus Trigger: ${X.gaps[X.triggers.rhombus.node].length} gaps, expected the killed run's`,
					);
				assert.deepEqual(problems, []);
			},
		);

		check(
			'a tick without a worker: its executions wait in Redis and the worker takes them when it is back',
			() => {
				for (const t of Object.values(X.triggers)) {
					const queued = X.queuedWhileDown[t.workflow.id];
					assert.ok(
						queued.length >= 1,
						`${t.node}: tick 1 created an execution while no worker ran`,
					);
					// Legacy pollers create it as "new", the durable scheduler as "running"; unfinished either way.
					for (const e of queued)
						assert.match(e.status, /^(new|running)$/, `${t.node}: execution ${e.id} waited`);
					const { execs, workerRan } = X.result[t.workflow.id];
					for (const q of queued) {
						assert.ok(
							workerRan.get(q.id).at >= X.workerBack,
							`${t.node}: ${q.id} run by the restarted worker`,
						);
						const later = execs.find((e) => String(e.id) === q.id);
						// The Rhombus run is the one the worker is killed in (below).
						if (q.id !== String(X.killedExecution))
							assert.equal(later.status, 'success', `${t.node}: ${q.id} ran`);
					}
					assert.ok(
						X.queuedWhileDown[X.triggers.rhombus.workflow.id].some(
							(e) => e.id === String(X.killedExecution),
						),
					);
				}
			},
		);

		check(
			'a tick whose requests fail: nothing emitted, the next tick catches the bucket up',
			() => {
				for (const t of Object.values(X.triggers)) {
					assert.ok(
						X.faulted.some((e) => e.path.includes(t.path)),
						`${t.node}: the tick at ${iso(X.t2)} got faults`,
					);
					const { withItems } = X.result[t.workflow.id];
					const during = withItems.filter(({ e }) => {
						const at = e.createdAt;
						return at >= X.t2 - 1_000 && at < X.t3 - 1_000;
					});
					assert.deepEqual(
						during.map(({ e }) => e.id),
						[],
						`${t.node}: no execution with buckets from the failing tick`,
					);
					const faultMinute = Math.floor(X.t2 / 60_000) * 60_000 - 60_000;
					const caughtUp = withItems.find(({ items }) =>
						items.some((i) => Date.parse(i.bucketStart) === faultMinute),
					);
					assert.ok(caughtUp, `${t.node}: the bucket ${iso(faultMinute)} was emitted later`);
					assert.ok(caughtUp.e.createdAt >= X.t3 - 1_000, `${t.node}: by tick 3 or later`);
				}
			},
		);

		check(
			'a worker killed mid-run: the job stalls, main records the execution as failed without its data, a retry fails too; the failed run marks the skipped buckets',
			() => {
				const { rhombus } = X.triggers;
				// n8n 2.41.1: the killed job's lock expires, Bull fails it as stalled (n8n sets
				// maxStalledCount 0, so it never runs again) and main overwrites the execution with
				// MaxStalledCountError and empty run data. The trigger's position had already moved on.
				assert.equal(X.killed.status, 'error');
				assert.match(
					X.killed.data.resultData.error.message,
					/failed to be processed too many times/,
				);
				assert.deepEqual(
					pollItems(X.killed, rhombus.node),
					[],
					"the buckets are gone from n8n's record",
				);
				assert.equal(X.retries.length, 1, 'the retry is an execution of its own');
				assert.equal(
					X.retries[0].status,
					'error',
					'the retry has nothing to run and fails the same way',
				);
				assert.deepEqual(pollItems(X.retries[0], rhombus.node), []);
				// The trace: exactly the buckets of the killed run are missing, and the failed execution
				// sits between the successful ones around that gap.
				const [gap] = X.gaps[rhombus.node];
				const { withItems } = X.result[rhombus.workflow.id];
				const delivered = withItems.filter(({ e }) => e.status === 'success');
				const before = delivered.find(({ items }) =>
					items.some((i) => Date.parse(i.bucketEnd) === gap.from),
				);
				const after = delivered.find(({ items }) =>
					items.some((i) => Date.parse(i.bucketStart) === gap.to),
				);
				const killedAt = X.result[rhombus.workflow.id].execs.find(
					(e) => String(e.id) === String(X.killedExecution),
				).createdAt;
				assert.ok(
					before.e.createdAt < killedAt && killedAt < after.e.createdAt,
					'the failed run is where the buckets are missing',
				);
				assert.ok(
					gap.to - gap.from >= 60_000 && gap.to <= Math.floor(X.killedAt / 60_000) * 60_000,
				);
				console.log(
					`# ${label}: the killed run's buckets ${iso(gap.from)} → ${iso(gap.to)} are only marked by failed execution ${X.killedExecution}`,
				);
			},
		);

		check(
			`a restart of main: the trigger's position is read back from Postgres (${durable ? 'poller_state' : 'workflow_entity.staticData'})`,
			() => {
				for (const t of Object.values(X.triggers)) {
					const stored = X.cursorAtRestart[t.node];
					assert.ok(
						stored?.state?.cursor,
						`${t.node}: a cursor in Postgres (${JSON.stringify(stored)})`,
					);
					const { withItems } = X.result[t.workflow.id];
					const before = withItems.filter(
						({ e }) => e.createdAt < X.mainBack && e.status === 'success',
					);
					const lastEnd = Math.max(
						...before.flatMap(({ items }) => items.map((i) => Date.parse(i.bucketEnd))),
					);
					// At or past the last delivered bucket: past it when the killed run came last.
					assert.ok(
						stored.state.cursor >= lastEnd,
						`${t.node}: the stored cursor ${iso(stored.state.cursor)} is behind ${iso(lastEnd)}`,
					);
					const afterRestart = withItems.filter(({ e }) => e.createdAt > X.mainBack && !e.retryOf);
					assert.ok(afterRestart.length >= 1, `${t.node}: emitted after the restart`);
					const first = Math.min(
						...afterRestart.flatMap(({ items }) => items.map((i) => Date.parse(i.bucketStart))),
					);
					assert.equal(
						first,
						stored.state.cursor,
						`${t.node}: continued where the stored cursor was`,
					);
				}
			},
		);

		check(
			'the static-data race: a Code node writes workflow static data while the trigger emits',
			() => {
				const { withItems, execs } = X.result[X.race.workflow.id];
				const seen = execs
					.filter((e) => e.status === 'success')
					.map(
						(e) =>
							e.data?.resultData?.runData?.['Count runs']?.[0]?.data?.main?.[0]?.[0]?.json
								?.runsBefore,
					);
				const originals = withItems.filter(({ e }) => !e.retryOf);
				const keys = originals.flatMap(({ items }) => items.map((i) => i.bucketKey));
				const repeated = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
				console.log(
					`# ${label} race: runsBefore per run ${JSON.stringify(seen)}; static data at the restart ${JSON.stringify(X.raceAtRestart.staticData)}; cursor ${JSON.stringify(X.raceAtRestart.cursor?.state ?? null)}; repeated ${JSON.stringify(repeated)}`,
				);
				assert.ok(seen.length >= 4, `${seen.length} runs`);
				// Each run starts from static data that holds no trace of earlier runs, and the worker
				// writes the whole object back: the count never grows.
				assert.deepEqual([...new Set(seen)], [0], 'every run sees runs = 0');
				assert.deepEqual(X.raceAtRestart.staticData, { global: { runs: 1 } });
				if (durable) {
					// The position lives in poller_state, apart from the workflow's static data.
					assert.ok(X.raceAtRestart.cursor?.state?.cursor, 'the cursor survived in poller_state');
					assert.deepEqual(repeated, [], 'no bucket repeated');
				} else {
					assert.equal(X.raceAtRestart.cursor, undefined, "the trigger's position was overwritten");
					// Main kept polling from memory; the restart reads the lost position: the trigger
					// starts over and its backfill repeats buckets it had emitted.
					assert.ok(repeated.length >= 1, 'the restart repeated emitted buckets');
				}
			},
		);

		if (durable) {
			check(
				`a 429 whose Retry-After (${LONG_RETRY_AFTER_SEC} s) is longer than the poll budget fails fast: cause "rate-limited" with retryAfterMs, n8n backs off, nothing missing or repeated`,
				() => {
					const { indivd } = X.triggers;
					const records = logRecords(X.topo.readLogs('main'));
					const node = indivd.workflow.nodes.find((n) => n.name === indivd.node);
					const backoff = records.find(
						(r) =>
							r.message === 'Poll failed; backing off' &&
							(r.metadata?.nodeId ?? r.nodeId) === node.id,
					);
					assert.ok(backoff, 'main logged the backoff');
					const meta = backoff.metadata ?? backoff;
					assert.equal(meta.cause, 'rate-limited');
					// n8n's delay is max(its own curve, the failure's retryAfterMs): 40 s can only come from the latter.
					assert.ok(
						Math.abs(meta.delayMs - LONG_RETRY_AFTER_SEC * 1000) <= 1_000,
						`backoff ${meta.delayMs} ms is the Retry-After`,
					);
					// The race workflow polls the same Indivd endpoint: one request per trigger, and none
					// after waiting, though the faults stayed until 50 s after the tick.
					const hits = X.faulted.filter((e) => e.path.includes(indivd.path));
					assert.ok(hits.length >= 1 && hits.length <= 2, `${hits.length} requests`);
					assert.ok(
						hits.every((e) => e.at - hits[0].at < 5_000),
						'no retry after waiting',
					);
					const state = X.pollerStateAfterFaults[indivd.node].row;
					assert.ok(state.consecutiveErrors >= 1);
					const until = new Date(state.backoffUntil).getTime();
					assert.ok(
						until - hits[0].at >= (LONG_RETRY_AFTER_SEC - 2) * 1000,
						`backoffUntil ${iso(until)}`,
					);
					assert.doesNotMatch(
						X.topo.readLogs('main'),
						/Poll exceeded its timeout and was abandoned/,
						'no poll was abandoned by the scheduler',
					);
				},
			);

			check(
				'a poll whose requests hang stays inside the poll budget as a whole, not per request',
				() => {
					const { rhombus } = X.triggers;
					const hits = X.faulted.filter((e) => e.path.includes(rhombus.path));
					assert.ok(
						hits.length >= 2,
						`${hits.length} requests: the first timed out and was retried`,
					);
					const records = logRecords(X.topo.readLogs('main'));
					const node = rhombus.workflow.nodes.find((n) => n.name === rhombus.node);
					const backoff = records.find(
						(r) =>
							r.message === 'Poll failed; backing off' &&
							(r.metadata?.nodeId ?? r.nodeId) === node.id,
					);
					assert.ok(backoff, "the poll failed by itself (the node's error), it was not abandoned");
					const meta = backoff.metadata ?? backoff;
					assert.equal(meta.cause, 'temporarily-unavailable');
					const failedAt = Date.parse(backoff.timestamp ?? meta.timestamp);
					const took = failedAt - hits[0].at;
					assert.ok(
						took <= 36_000 + 2_000,
						`the poll failed ${took} ms after its first request (budget 36 s)`,
					);
					const { execs } = X.result[rhombus.workflow.id];
					const failed = execs.find((e) => e.status === 'error' && e.createdAt >= X.t2 - 1_000);
					assert.ok(failed, 'the failure is an error execution');
					assert.match(
						JSON.stringify(failed.data?.resultData?.error ?? {}),
						/poll's budget|ran out of time/,
					);
				},
			);
		}
	});
}

describe(
	`${PACKAGE_NAME} in n8n queue mode (Postgres, Redis, main + worker)`,
	{ timeout: 30 * 60_000 },
	() => {
		const skip = triggersMissingReason();
		before(async () => {
			await step('setup', async () => {
				requireRuntime();
				S.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-queue-e2e-'));
				stopEverythingOnSignal(() => {
					for (const dir of [S.pg?.root, S.redis?.root])
						if (dir) fs.rmSync(dir, { recursive: true, force: true });
					console.log(`# interrupted; logs in ${S.tmp}`);
				});
				S.tarball = packPackage(path.join(S.tmp, 'pack'));
				S.sim = await startSimulator({ port: 0, host: '127.0.0.1' });
				S.pg = await startPostgres();
				S.redis = await startRedis();
			});
		});

		after(async () => {
			if (S.redis) await S.redis.stop();
			if (S.pg) await S.pg.stop();
			if (S.sim) await S.sim.close();
			killAllStarted();
			console.log(
				`# timings: ${Object.entries(S.timings)
					.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
					.join(', ')}`,
			);
			if (S.tmp) {
				if (S.failed || process.env.E2E_KEEP === '1')
					console.log(`# user folders and logs kept in ${S.tmp}`);
				else fs.rmSync(S.tmp, { recursive: true, force: true });
			}
		});

		if (skip) {
			it('queue mode', { skip }, () => {});
			return;
		}
		topologySuite(false);
		if (process.env.E2E_QUEUE_ONLY !== 'plain') topologySuite(true);
	},
);
