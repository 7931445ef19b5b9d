// Helpers of the queue-mode suite (test/e2e/queue.mjs): workflows started by a webhook (a
// production execution, so main hands it to the worker), the action items the single-process
// suite checks, binary data through n8n's REST API, and what the worker's log says it ran.
import assert from 'node:assert/strict';

import { SIM, SIM_KEYS, stableUuid } from '../../../scripts/n8n/workflows.mjs';
import { assertBucketItems, assertJpeg, assertMp4, requestsTo } from './assertions.mjs';

/** The workflow with its Manual Trigger replaced by a POST webhook at `webhookPath`. */
export function viaWebhook(wf, webhookPath) {
	const copy = structuredClone(wf);
	const manual = copy.nodes.find((n) => n.name === 'Manual Trigger');
	Object.assign(manual, {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: stableUuid(`${wf.id}/webhook`),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	});
	copy.connections.Webhook = copy.connections['Manual Trigger'];
	delete copy.connections['Manual Trigger'];
	return copy;
}

/** Appends `node` after the workflow's first node (its trigger). */
export function withDownstream(wf, node) {
	const copy = structuredClone(wf);
	const first = copy.nodes[0];
	copy.nodes.push({
		id: stableUuid(`${wf.id}/${node.name}`),
		typeVersion: 1,
		position: [first.position[0] + 260, first.position[1]],
		...node,
	});
	copy.connections[first.name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	return copy;
}

/** Log records of an n8n process started with N8N_LOG_FORMAT=json (other lines skipped). */
export function logRecords(text) {
	const out = [];
	for (const line of text.split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			out.push(JSON.parse(line));
		} catch {
			/* a line of a task runner, not n8n's logger */
		}
	}
	return out;
}

/** Execution ids a worker log says it started: `Worker started execution <id> (job <n>)`. */
export function startedByWorker(logText) {
	const ids = new Map();
	for (const r of logRecords(logText)) {
		const m = /^Worker started execution (\d+) \(job (\d+)\)/.exec(r.message ?? '');
		if (m)
			ids.set(m[1], {
				job: m[2],
				workflowId: r.metadata?.workflowId ?? r.workflowId,
				at: Date.parse(r.timestamp ?? r.metadata?.timestamp ?? ''),
			});
	}
	return ids;
}

/** Execution ids main's log says it put on the queue: `Enqueued execution <id> (job <n>)`. */
export function enqueuedByMain(logText) {
	const ids = new Set();
	for (const r of logRecords(logText)) {
		const m = /^Enqueued execution (\d+) /.exec(r.message ?? '');
		if (m) ids.add(m[1]);
	}
	return ids;
}

/** Execution ids a worker log says it finished. */
export function finishedByWorker(logText) {
	const ids = new Set();
	for (const r of logRecords(logText)) {
		const m = /^Worker finished execution (\d+) /.exec(r.message ?? '');
		if (m) ids.add(m[1]);
	}
	return ids;
}

/**
 * Items a poll handed to an execution: the trigger's output once it ran, or, in an execution
 * that never got that far (a crashed one), the data still waiting on n8n's node stack.
 */
export function pollItems(execution, nodeName) {
	const isBucket = (j) => typeof j?.bucketKey === 'string';
	const runs = execution.data?.resultData?.runData?.[nodeName] ?? [];
	// n8n's crash recovery replaces a finished node's output with one placeholder item, and the
	// record of a failed poll carries no bucket: only bucket items count.
	const ran = runs
		.flatMap((r) => r?.data?.main?.[0] ?? [])
		.map((i) => i.json)
		.filter(isBucket);
	if (ran.length) return ran;
	const stack = execution.data?.executionData?.nodeExecutionStack ?? [];
	return stack
		.filter((s) => s.node?.name === nodeName)
		.flatMap((s) => s.data?.main?.[0] ?? [])
		.map((i) => i.json)
		.filter(isBucket);
}

/** Bytes of an output binary through n8n's REST API (works for any binary data mode). */
export async function downloadBinary(inst, session, binary) {
	const r = await fetch(
		`${inst.baseUrl}/rest/binary-data?${new URLSearchParams({ id: binary.id, action: 'download' })}`,
		{ headers: { cookie: session.cookie } },
	);
	assert.equal(r.status, 200, `GET /rest/binary-data ${binary.id}: ${r.status}`);
	return Buffer.from(await r.arrayBuffer());
}

/** The JPEG the simulator serves for the frame request n8n sent (same body, same key). */
export async function simulatorFrame(sim, requestBody) {
	const r = await fetch(`${sim.url}/api/video/getExactFrameData`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-auth-apikey': SIM_KEYS.rhombus,
			'x-auth-scheme': 'api-token',
		},
		body: JSON.stringify(requestBody),
	});
	const json = await r.json();
	return Buffer.from(json.frameData, 'base64');
}

export async function simulatorClip(sim, region, clipUuid) {
	const r = await fetch(`${sim.url}/media/metadata/${region}/${clipUuid}.mp4`, {
		headers: { 'x-auth-apikey': SIM_KEYS.rhombus, 'x-auth-scheme': 'api-token' },
	});
	return Buffer.from(await r.arrayBuffer());
}

/**
 * The checks of test/e2e/run.mjs on the action nodes' items, for one run of each workflow:
 * `nodes` maps node names to items, `logs` the simulator's requests during each workflow.
 */
export function assertActionItems({ reports, clips, indivd }, logs, T, day) {
	const crossing = reports['Crossing counts'];
	assertBucketItems(crossing, {
		source: 'rhombus',
		metric: 'crossingCounts',
		granularity: 'hour',
		timeZone: 'UTC',
		from: T.start,
		to: T.end,
	});
	assert.equal(new Set(crossing.map((i) => i.json.bucketStart)).size, 6, 'six hours');
	for (const { json } of crossing) assert.equal(json.net, json.ingress - json.egress);
	const batch = requestsTo(logs.reports, '/api/report/getBatchThresholdCrossingCountReport');
	assert.equal(batch.length, 1, 'one request for both cameras');
	assert.equal(batch[0].headers['x-auth-apikey'], SIM_KEYS.rhombus);

	const occupancy = reports.Occupancy;
	assertBucketItems(occupancy, {
		source: 'rhombus',
		metric: 'occupancy',
		granularity: 'hour',
		timeZone: 'Europe/Berlin',
		from: T.start,
		to: T.end,
	});
	assert.equal(occupancy.length, 6);
	for (const { json } of occupancy) {
		assert.equal(json.cameraUuid, SIM.cameras.berlinLobby.uuid);
		assert.match(json.bucketStartLocal, /\+0[12]:00$/);
	}

	const [frame] = reports.Frame;
	assert.equal(frame.binary?.data?.mimeType, 'image/jpeg');
	assert.equal(frame.json.timestamp, T.frame);

	const [created] = clips['Create clip'];
	assert.equal(created.json.status, 'COMPLETE');
	assert.equal(created.binary.video.mimeType, 'video/mp4');
	assert.equal(requestsTo(logs.clips, '/api/video/spliceV3').length, 1, 'the clip is created once');
	assert.equal(clips['Get clip'][0].json.clipUuid, created.json.clipUuid);
	const [download] = clips['Download clip'];
	assert.equal(download.json.clipUuid, created.json.clipUuid);
	assert.equal(download.binary.data.mimeType, 'video/mp4');
	const listed = clips['List clips'];
	assert.ok(
		listed.some((i) => i.json.clipUuid === created.json.clipUuid),
		'the new clip is listed',
	);
	assert.equal(new Set(listed.map((i) => i.json.clipUuid)).size, listed.length, 'no clip twice');

	const nextDay = new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
	const lines = indivd['Line crosses'];
	assertBucketItems(lines, {
		source: 'indivd',
		metric: 'lineCrosses',
		granularity: 'hour',
		timeZone: 'UTC',
		from: `${day}T00:00:00.000Z`,
		to: nextDay,
	});
	assert.ok(lines.length > 12, `${lines.length} hours with crossings`);
	assert.equal(
		requestsTo(logs.indivd, '/line_crosses/')[0].headers.authorization,
		`Token ${SIM_KEYS.indivd}`,
	);
	const zone = indivd['Zone visitors'];
	assertBucketItems(zone, {
		source: 'indivd',
		metric: 'zoneVisitors',
		granularity: 'hour',
		timeZone: 'Europe/Stockholm',
	});
	for (const { json } of zone) {
		assert.equal(json.zoneId, SIM.indivd.entranceZone);
		assert.equal(typeof json.dwellTimeMean, json.visits > 0 ? 'number' : 'object');
	}
	const drop = indivd['Drop-in rate'];
	const dropDay = drop.filter((i) => i.json.granularity === 'day');
	assertBucketItems(dropDay, {
		source: 'indivd',
		metric: 'dropInRate',
		granularity: 'day',
		timeZone: 'Europe/Stockholm',
	});
	assert.equal(dropDay.length, 1, 'one local day');
	assert.equal(drop.filter((i) => i.json.granularity === 'total').length, 1, "the period's total");
	for (const { json } of drop) assert.ok(json.enter <= json.passingBy);
}

export { assertJpeg, assertMp4, requestsTo };
