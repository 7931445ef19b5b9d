// Trigger workflows for the end-to-end suite, built from the triggers' own descriptions in
// dist/ (so the suite follows the parameter names the triggers really have), and helpers to
// read what they emitted through n8n's public API.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { repoRoot, packageJson } from '../../../scripts/n8n/runtime.mjs';
import { SIM, TYPES, credRef, workflow } from '../../../scripts/n8n/workflows.mjs';

const require = createRequire(import.meta.url);

export const TRIGGER_FILES = {
	rhombusTrigger: 'dist/nodes/Rhombus/RhombusTrigger.node.js',
	indivdTrigger: 'dist/nodes/Indivd/IndivdTrigger.node.js',
};

/** Why the trigger tests cannot run yet, or undefined when both triggers are built and listed. */
export function triggersMissingReason() {
	const missing = Object.entries(TRIGGER_FILES).filter(
		([, file]) =>
			!packageJson.n8n.nodes.includes(file) || !fs.existsSync(path.join(repoRoot, file)),
	);
	if (missing.length === 0) return undefined;
	return `trigger node(s) ${missing.map(([n]) => n).join(', ')} not built/listed in package.json n8n.nodes yet (issue #5)`;
}

function loadDescription(file) {
	const mod = require(path.join(repoRoot, file));
	const NodeClass = Object.values(mod).find((v) => typeof v === 'function');
	return new NodeClass().description;
}

/** Is `property` shown for the given parameter values (displayOptions.show only, as we use it)? */
function shown(property, values) {
	const show = property.displayOptions?.show;
	if (!show) return true;
	return Object.entries(show).every(
		([key, allowed]) => key.startsWith('@') || allowed.includes(values[key]),
	);
}

/** The value of the first visible option parameter among `names` whose option matches `re`. */
function pickOption(description, values, names, re) {
	for (const p of description.properties) {
		if (!names.includes(p.name) || !shown(p, values) || !Array.isArray(p.options)) continue;
		const option = p.options.find((o) => re.test(String(o.value)));
		if (option) return { name: p.name, value: option.value };
	}
	return undefined;
}

const TICK_SECOND = 10;
/** Poll Times: every minute at second 10, so the suite knows when ticks happen. */
export const pollTimes = { item: [{ mode: 'custom', cronExpression: `${TICK_SECOND} * * * * *` }] };

/** Next tick instant (ms) strictly after `t`. */
export function nextTick(t) {
	const minute = Math.floor(t / 60_000) * 60_000;
	const tick = minute + TICK_SECOND * 1000;
	return tick > t ? tick : tick + 60_000;
}

/** Indivd locations of the simulator with one entrance line each. */
const INDIVD_ENTRANCES = [
	{ location: 124, line: 5001, timeZone: 'Europe/Stockholm' },
	{ location: 125, line: 6001, timeZone: 'America/New_York' },
	{ location: 126, line: 7001, timeZone: 'Australia/Sydney' },
];

/** The entrance where it is daytime now, so minute buckets have crossings (closest to 13:00). */
export function daytimeEntrance(now = new Date()) {
	const hour = (tz) =>
		Number(
			new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: 'numeric', hourCycle: 'h23' }).format(
				now,
			),
		);
	return [...INDIVD_ENTRANCES].sort(
		(a, b) => Math.abs(hour(a.timeZone) - 13) - Math.abs(hour(b.timeZone) - 13),
	)[0];
}

/**
 * Minute-bucket trigger workflows with settleMinutes 0 and a 3-bucket backfill: each tick of the
 * real clock closes one new bucket, so a few minutes show several ticks.
 */
export function triggerWorkflows() {
	const common = {
		settleMinutes: 0,
		startFrom: 'backfill',
		backfillBuckets: 3,
		maxBucketsPerPoll: 500,
		emit: 'everyBucket',
		pollTimes,
	};

	const rDesc = loadDescription(TRIGGER_FILES.rhombusTrigger);
	const rValues = { event: 'occupancy', emit: 'everyBucket', startFrom: 'backfill' };
	const rSize = pickOption(rDesc, rValues, ['interval', 'bucketSize', 'granularity'], /^MINUTE/i);
	if (!rSize) throw new Error('Rhombus Trigger offers no minute buckets for occupancy');
	const rScope = rDesc.properties.some((p) => p.name === 'cameraUuids' && shown(p, rValues))
		? { cameraUuids: [SIM.cameras.berlinLobby.uuid] }
		: { cameraUuid: { __rl: true, mode: 'id', value: SIM.cameras.berlinLobby.uuid } };

	const iDesc = loadDescription(TRIGGER_FILES.indivdTrigger);
	const iValues = { event: 'lineCrosses', emit: 'everyBucket', startFrom: 'backfill' };
	const iSize = pickOption(
		iDesc,
		iValues,
		['granularity', 'aggregateBy', 'interval', 'bucketSize'],
		/^minute$/i,
	);
	if (!iSize) throw new Error('Indivd Trigger offers no minute buckets for line crosses');

	const entrance = daytimeEntrance();
	const rhombus = workflow({
		id: 'e2eRhombusTrig01',
		name: 'E2E: Rhombus Trigger (occupancy per minute)',
		nodes: [
			{
				name: 'Rhombus Trigger',
				type: TYPES.rhombusTrigger,
				credentials: credRef('rhombus'),
				parameters: {
					event: 'occupancy',
					...rScope,
					[rSize.name]: rSize.value,
					timeZone: 'UTC',
					...common,
				},
			},
		],
	});
	const indivd = workflow({
		id: 'e2eIndivdTrig001',
		name: 'E2E: Indivd Trigger (line crosses per minute)',
		nodes: [
			{
				name: 'Indivd Trigger',
				type: TYPES.indivdTrigger,
				credentials: credRef('indivd'),
				parameters: {
					event: 'lineCrosses',
					[iSize.name]: iSize.value,
					locations: [entrance.location],
					lineIds: [entrance.line],
					...common,
				},
			},
		],
	});
	return {
		rhombus: {
			workflow: rhombus,
			node: 'Rhombus Trigger',
			path: '/api/report/getOccupancyCountsV2',
			vendor: 'rhombus',
		},
		indivd: {
			workflow: indivd,
			node: 'Indivd Trigger',
			path: '/line_crosses/',
			vendor: 'indivd',
			entrance,
		},
	};
}

/** Every execution of a workflow with its data, oldest first (public API, cursor pagination). */
export async function executionsOf(session, workflowId) {
	const all = [];
	let cursor;
	do {
		const qs = new URLSearchParams({ workflowId, includeData: 'true', limit: '100' });
		if (cursor) qs.set('cursor', cursor);
		const r = await session.api('GET', `/executions?${qs}`);
		if (!r.ok) throw new Error(`GET /api/v1/executions: ${r.status} ${r.text}`);
		all.push(...r.json.data);
		cursor = r.json.nextCursor;
	} while (cursor);
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Items a trigger node emitted in one execution. */
export function emittedItems(execution, nodeName) {
	const runs = execution.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((r) => r?.data?.main?.[0] ?? []).map((i) => i.json);
}
