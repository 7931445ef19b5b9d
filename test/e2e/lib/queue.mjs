// Helpers of the queue-mode suite (test/e2e/queue.mjs): workflows started by a webhook (a
// production execution, so main hands it to the worker), binary data through n8n's REST API,
// and what the worker's log says it ran.
import assert from 'node:assert/strict';

import { SIM_KEYS, stableUuid } from '../../../scripts/n8n/workflows.mjs';

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
