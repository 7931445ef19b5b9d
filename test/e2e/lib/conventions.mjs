// Rhombus reports on a calendar of the vendor's own (docs/contract.md §8.1 "Calendars", §5.3
// promise 11): the simulator counts on UTC days and stamps each point in the middle of its
// bucket while the workflows ask for Europe/Berlin. The action nodes must give the vendor's
// UTC days (cut to the range) with the simulator's counts, and the Rhombus Trigger must learn the
// calendar from its first answer and emit the vendor's closed UTC days exactly once.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import {
	SIM,
	SIM_KEYS,
	TYPES,
	credRef,
	manualTrigger,
	workflow,
} from '../../../scripts/n8n/workflows.mjs';
import { assertBucketItems, requestsTo } from './assertions.mjs';
import { pollTimes } from './triggers.mjs';

const require = createRequire(import.meta.url);
const { DateTime } = require('luxon');

/** The one non-default convention the checks run with. */
export const VENDOR_CONVENTIONS = { calendar: 'utc', stamp: 'middle' };
/** The trigger's calendar as docs/contract.md §5.4 stores it (`learned.calendar`). */
export const LEARNED_CALENDAR = 'UTC|monday|instant';

const DAY = 86_400_000;
const ZONE = 'Europe/Berlin';
const CROSSINGS = '/api/report/getBatchThresholdCrossingCountReport';
const OCCUPANCY = '/api/report/getOccupancyCountsV2';
const iso = (ms) => new Date(ms).toISOString();
const utcDayStart = (ms) => Math.floor(ms / DAY) * DAY;

/**
 * Three Berlin days ending at the Berlin midnight that starts `day` (a UTC date, e.g. yesterday):
 * on the vendor's UTC calendar the range cuts a UTC day at each end.
 */
export function berlinDays(day) {
	const end = DateTime.fromISO(day, { zone: ZONE }).startOf('day');
	return { start: end.minus({ days: 3 }).toMillis(), end: end.toMillis() };
}

/** Crossing counts (Day) and occupancy (Daily) of a Berlin camera in Europe/Berlin, each also raw. */
export function conventionActionWorkflow(range) {
	const camera = SIM.cameras.berlinLobby;
	const creds = credRef('rhombus');
	const times = { startTime: iso(range.start), endTime: iso(range.end), timeZone: ZONE };
	const crossings = {
		resource: 'report',
		operation: 'getCrossingCounts',
		cameraUuids: [camera.uuid],
		...times,
		bucketSize: 'DAY',
	};
	const occupancy = {
		resource: 'report',
		operation: 'getOccupancy',
		cameraUuid: { __rl: true, mode: 'id', value: camera.uuid },
		...times,
		interval: 'DAILY',
	};
	const node = (name, parameters, y) => ({
		name,
		type: TYPES.rhombus,
		position: [260, y],
		credentials: creds,
		parameters,
	});
	return workflow({
		id: 'e2eVendorCalAct1',
		name: 'E2E: Rhombus reports on the vendor calendar (UTC days, mid-bucket stamps)',
		nodes: [
			manualTrigger([0, 300]),
			node('Crossing counts', crossings, 0),
			node('Crossing counts raw', { ...crossings, outputMode: 'raw' }, 200),
			node('Occupancy', occupancy, 400),
			node('Occupancy raw', { ...occupancy, outputMode: 'raw' }, 600),
		],
		links: ['Crossing counts', 'Crossing counts raw', 'Occupancy', 'Occupancy raw'].map((n) => [
			'Manual Trigger',
			n,
		]),
	});
}

/**
 * The vendor's bucket of a point stamped in the middle of its UTC day, cut to the range; the
 * stamp itself proves the simulator ran on the convention.
 */
function vendorDay(stampMs, range, what) {
	const start = utcDayStart(stampMs);
	assert.equal(
		stampMs - start,
		DAY / 2,
		`${what}: the simulator stamped ${iso(stampMs)} mid-day (UTC)`,
	);
	const cutStart = Math.max(start, range.start);
	const cutEnd = Math.min(start + DAY, range.end);
	return {
		bucketStart: iso(cutStart),
		bucketEnd: iso(cutEnd),
		partial: cutStart !== start || cutEnd !== start + DAY,
	};
}

function assertVendorDays(items, range, metric) {
	assertBucketItems(items, {
		source: 'rhombus',
		metric,
		granularity: 'day',
		timeZone: 'UTC',
		from: iso(range.start),
		to: iso(range.end),
	});
	// Three Berlin days are four UTC days: the first and the last cut by the range.
	assert.deepEqual(
		items.map(({ json }) => [json.bucketStart, json.bucketEnd, json.partial === true]),
		[0, 1, 2, 3].map((i) => {
			const start = utcDayStart(range.start) + i * DAY;
			const a = Math.max(start, range.start);
			const e = Math.min(start + DAY, range.end);
			return [iso(a), iso(e), a !== start || e !== start + DAY];
		}),
		`${metric}: the vendor's UTC days, not Berlin's`,
	);
}

/** Checks one run of conventionActionWorkflow against the raw answers in the same run. */
export function checkConventionActions({ nodes, log, range }) {
	const crossings = nodes['Crossing counts'];
	assertVendorDays(crossings, range, 'crossingCounts');
	const [{ json: rawCrossings }] = nodes['Crossing counts raw'];
	const rows = rawCrossings.crossingCounts;
	assert.ok(
		Array.isArray(rows),
		`raw crossing counts: ${JSON.stringify(rawCrossings).slice(0, 300)}`,
	);
	assert.deepEqual(
		crossings.map(({ json }) => ({
			bucketStart: json.bucketStart,
			bucketEnd: json.bucketEnd,
			partial: json.partial === true,
			ingress: json.ingress,
			egress: json.egress,
			net: json.net,
		})),
		rows.map((row, i) => ({
			...vendorDay(row.timestampMs, range, `crossingCounts[${i}]`),
			ingress: row.ingressCount,
			egress: row.egressCount,
			net: row.ingressCount - row.egressCount,
		})),
		'crossing counts equal the simulator answer, each on its UTC day',
	);
	assert.ok(
		crossings.some(({ json }) => json.ingress > 0),
		'the Berlin camera counted someone in three days',
	);
	for (const { json } of crossings) assert.equal(json.warning, undefined, json.warning);

	const occupancy = nodes.Occupancy;
	assertVendorDays(occupancy, range, 'occupancy');
	const [{ json: rawOccupancy }] = nodes['Occupancy raw'];
	const points = rawOccupancy.timeSeriesDataPoints;
	assert.ok(Array.isArray(points), `raw occupancy: ${JSON.stringify(rawOccupancy).slice(0, 300)}`);
	assert.deepEqual(
		occupancy.map(({ json }) => ({
			bucketStart: json.bucketStart,
			bucketEnd: json.bucketEnd,
			partial: json.partial === true,
			cameraUuid: json.cameraUuid,
			occupancy: json.occupancy,
		})),
		points.map((point, i) => ({
			...vendorDay(point.timestampMs, range, `timeSeriesDataPoints[${i}]`),
			cameraUuid: SIM.cameras.berlinLobby.uuid,
			occupancy: point.eventCountMap.PEOPLE,
		})),
		'occupancy equals the simulator answer (PEOPLE), each on its UTC day',
	);
	assert.ok(
		occupancy.some(({ json }) => json.occupancy > 0),
		'the Berlin camera saw people in three days',
	);
	for (const { json } of occupancy) assert.equal(json.warning, undefined, json.warning);

	// One request per node: an answer that shows its calendar needs no second one.
	assert.equal(requestsTo(log, CROSSINGS).length, 2, 'one crossing-count request per node');
	assert.equal(requestsTo(log, OCCUPANCY).length, 2, 'one occupancy request per node');
}

/** Rhombus Trigger: daily crossing counts asked in Europe/Berlin, backfilling 3 closed days. */
export function conventionTriggerWorkflow() {
	return workflow({
		id: 'e2eVendorCalTrg1',
		name: 'E2E: Rhombus Trigger on the vendor calendar (daily crossing counts)',
		nodes: [
			{
				name: 'Rhombus Trigger',
				type: TYPES.rhombusTrigger,
				credentials: credRef('rhombus'),
				parameters: {
					event: 'crossingCounts',
					cameraUuids: [SIM.cameras.berlinLobby.uuid],
					bucketSize: 'DAY',
					timeZone: ZONE,
					settleMinutes: 0,
					startFrom: 'backfill',
					backfillBuckets: 3,
					maxBucketsPerPoll: 500,
					emit: 'everyBucket',
					pollTimes,
				},
			},
		],
	});
}

/** The simulator's own daily counts of [from, to) on its current convention, asked directly. */
export async function simulatorDailyCrossings(simUrl, from, to) {
	const r = await fetch(`${simUrl}${CROSSINGS}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-auth-apikey': SIM_KEYS.rhombus,
			'x-auth-scheme': 'api-token',
		},
		body: JSON.stringify({
			deviceUuids: [SIM.cameras.berlinLobby.uuid],
			startTimeMs: from,
			endTimeMs: to,
			timeZone: ZONE,
			bucketSize: 'DAY',
			crossingObject: 'HUMAN',
			dedupe: true,
		}),
	});
	assert.equal(r.status, 200);
	const json = await r.json();
	assert.equal(json.error, false, JSON.stringify(json));
	return json.crossingCounts;
}

/**
 * Checks what the trigger emitted from its activation: the last 3 closed UTC days, each once,
 * with the simulator's counts; `requests` are the crossing-count requests of that poll.
 */
export function checkConventionTrigger({ items, truth, activatedAt, requests }) {
	const lastEnd = utcDayStart(activatedAt);
	const days = [3, 2, 1].map((n) => lastEnd - n * DAY);
	assert.deepEqual(
		items.map((i) => [i.bucketStart, i.bucketEnd, i.timeZone, i.granularity, i.partial === true]),
		days.map((d) => [iso(d), iso(d + DAY), 'UTC', 'day', false]),
		'the last 3 closed UTC days (the vendor calendar), not Berlin days',
	);
	assert.equal(new Set(items.map((i) => i.bucketKey)).size, items.length, 'each bucket once');
	assert.deepEqual(
		items.map((i) => [i.bucketStart, i.ingress, i.egress]),
		truth.map((row, i) => {
			assert.equal(row.timestampMs, days[i] + DAY / 2, `simulator row ${i} stamped mid-day`);
			return [iso(days[i]), row.ingressCount, row.egressCount];
		}),
		'the counts the simulator counted for those UTC days',
	);
	// Planned on Berlin days first; the answer showed UTC, so the same poll asked again for UTC days.
	assert.equal(
		requests.length,
		2,
		`two requests in the activation poll: ${JSON.stringify(requests.map((q) => q.body))}`,
	);
	assert.equal(
		requests[1].body.startTimeMs,
		days[0],
		'the second request starts at a UTC midnight',
	);
	assert.equal(requests[1].body.endTimeMs, lastEnd, 'and ends at the last closed UTC midnight');
}
