import type { IDataObject } from 'n8n-workflow';

import type { Bucket } from '../../nodes/shared/time';
import { bucketsFrom, calendarGrid } from '../../nodes/shared/time';
import type {
	BucketRow,
	Schedule,
	ThresholdEvent,
	ThresholdRule,
} from '../../nodes/shared/trigger/engine';
import { applyThresholds, testThresholdEvent } from '../../nodes/shared/trigger/engine';
import type { TriggerSource } from '../../nodes/shared/trigger/poll';
import { pollBuckets } from '../../nodes/shared/trigger/poll';
import { thresholdProperties } from '../../nodes/shared/trigger/properties';
import type { Emission } from '../../nodes/shared/trigger/settings';
import { readPollingSettings } from '../../nodes/shared/trigger/settings';
import type { Parameters } from '../helpers/execute';
import { createPollContext, restart } from '../helpers/poll';

const hour = 3_600_000;
const minute = 60_000;
const at = (iso: string) => Date.parse(iso);

const hourly: Schedule = {
	basis: 'test|hour|UTC',
	granularity: 'hour',
	timeZone: 'UTC',
	grid: calendarGrid('hour', 'UTC'),
	settleMs: 2 * minute,
	startFrom: 'now',
	backfillBuckets: 0,
	maxBucketsPerPoll: 500,
};

/** Hourly buckets of the given scopes, each with the value `valueOf` gives, as a vendor's source. */
function source(valueOf: (scope: string, bucket: Bucket) => number | null, scopes: string[]) {
	const requests: Bucket[] = [];
	const result: TriggerSource & { requests: Bucket[] } = {
		schedule: hourly,
		requests,
		fetch: async (window) => {
			requests.push(window);
			const rows: BucketRow[] = [];
			for (const bucket of bucketsFrom(window.start, window.end, Infinity, hourly.grid)) {
				for (const scope of scopes) {
					const json: IDataObject = {
						bucketKey: `rhombus:test:${scope}:hour:${new Date(bucket.start).toISOString()}`,
						bucketStart: new Date(bucket.start).toISOString(),
						bucketEnd: new Date(bucket.end).toISOString(),
						cameraUuid: scope,
						value: valueOf(scope, bucket),
					};
					rows.push({ scope, start: bucket.start, end: bucket.end, json });
				}
			}
			return rows;
		},
	};
	return result;
}

async function tick(
	from: TriggerSource,
	staticData: IDataObject,
	now: number,
	emission: Emission,
	mode: 'trigger' | 'manual' = 'trigger',
) {
	const context = createPollContext({ credentials: {}, parameters: {}, staticData, mode });
	const result = await pollBuckets(context, from, emission, now);
	return result === null ? [] : result[0].map((item) => item.json);
}

/** The emission a trigger reads from these parameters, as the user sets them. */
function emissionFrom(parameters: Parameters): Emission {
	const context = createPollContext({
		credentials: {},
		parameters: { emit: 'threshold', thresholdField: 'value', ...parameters },
		staticData: {},
	});
	return readPollingSettings(context).emission;
}

const rule: ThresholdRule = { field: 'value', above: 40, below: 30, remindMs: 0 };
const threshold: Emission = { mode: 'threshold', threshold: rule };

describe('Fetch Test Event in threshold mode', () => {
	it('gives an above event with value, levels and field, and leaves the state untouched', async () => {
		const counts = source(() => 55, ['camera=A']);
		const state: IDataObject = {};
		await tick(counts, state, at('2026-11-20T08:30:00Z'), threshold);
		const before = restart(state);
		const items = await tick(counts, state, at('2026-11-20T10:30:00Z'), threshold, 'manual');
		expect(items).toEqual([
			{
				bucketKey: 'rhombus:test:camera=A:hour:2026-11-20T09:00:00.000Z',
				bucketStart: '2026-11-20T09:00:00.000Z',
				bucketEnd: '2026-11-20T10:00:00.000Z',
				cameraUuid: 'camera=A',
				value: 55,
				complete: true,
				event: 'crossedAbove',
				thresholdField: 'value',
				above: 40,
				below: 30,
			},
		]);
		expect(state).toEqual(before);
		expect(counts.requests).toEqual([
			{ start: at('2026-11-20T09:00:00Z'), end: at('2026-11-20T10:00:00Z') },
		]);
	});

	it('is the item production emits for the same bucket, field for field', async () => {
		const counts = source(
			(_scope, bucket) => (bucket.start >= at('2026-11-20T09:00:00Z') ? 55 : 0),
			['camera=A'],
		);
		const live: IDataObject = {};
		await tick(counts, live, at('2026-11-20T08:30:00Z'), threshold);
		const [production] = await tick(counts, live, at('2026-11-20T10:30:00Z'), threshold);
		const test = await tick(counts, {}, at('2026-11-20T10:30:00Z'), threshold, 'manual');
		expect(production.event).toBe('crossedAbove');
		expect(test).toEqual([production]);
	});

	it('gives one event per scope, from the newest closed bucket of each, as production does', async () => {
		const values: Record<string, number> = { 'camera=A': 55, 'camera=B': 35, 'camera=C': 12 };
		const counts = source((scope) => values[scope], ['camera=C', 'camera=A', 'camera=B']);
		const items = await tick(counts, {}, at('2026-11-20T10:30:00Z'), threshold, 'manual');
		expect(items.map((item) => [item.cameraUuid, item.event, item.value])).toEqual([
			['camera=A', 'crossedAbove', 55],
			['camera=B', 'stillAbove', 35],
			['camera=C', 'crossedBelow', 12],
		]);
		expect(new Set(items.map((item) => item.bucketStart))).toEqual(
			new Set(['2026-11-20T09:00:00.000Z']),
		);
	});

	it('ignores an open alert in the stored state, and leaves it open', async () => {
		let value = 55;
		const counts = source(() => value, ['camera=A']);
		const state: IDataObject = {};
		await tick(counts, state, at('2026-11-20T07:30:00Z'), threshold);
		expect((await tick(counts, state, at('2026-11-20T09:05:00Z'), threshold))[0].event).toBe(
			'crossedAbove',
		);
		const before = restart(state);
		const test = await tick(counts, state, at('2026-11-20T10:30:00Z'), threshold, 'manual');
		expect(test[0].event).toBe('crossedAbove');
		expect(state).toEqual(before);
		value = 10;
		const live = await tick(counts, state, at('2026-11-20T10:30:00Z'), threshold);
		expect(live.map((item) => item.event)).toEqual(['crossedBelow']);
	});

	it('with Below left empty, gives a below event as soon as the value is under Above', async () => {
		const emission = emissionFrom({ above: 40, below: '' });
		const counts = source(() => 39, ['camera=A']);
		const items = await tick(counts, {}, at('2026-11-20T10:30:00Z'), emission, 'manual');
		expect(items).toEqual([
			expect.objectContaining({ event: 'crossedBelow', value: 39, above: 40, below: 40 }),
		]);
	});

	it('gives no event for a scope whose field is not a number, as production does', async () => {
		const counts = source((scope) => (scope === 'camera=A' ? null : 50), ['camera=A', 'camera=B']);
		const items = await tick(counts, {}, at('2026-11-20T10:30:00Z'), threshold, 'manual');
		expect(items.map((item) => item.cameraUuid)).toEqual(['camera=B']);
		const none = source(() => null, ['camera=A']);
		expect(await tick(none, {}, at('2026-11-20T10:30:00Z'), threshold, 'manual')).toEqual([]);
	});

	it.each([0, 29, 30, 30.5, 35, 39.9, 40, 41, 1000])(
		'shows for value %p an event that value can carry in production',
		(value) => {
			const levels: ThresholdRule = { field: 'value', above: 40, below: 30, remindMs: hour };
			const row = (index: number, rowValue: number): BucketRow => ({
				scope: 'camera=A',
				start: index * hour,
				end: (index + 1) * hour,
				json: { value: rowValue },
			});
			const fromClear = applyThresholds(undefined, levels, [row(0, value)]).events;
			// Raised two buckets earlier, so a reminder is due on this bucket.
			const fromRaised = applyThresholds(undefined, levels, [
				row(0, 100),
				row(2, value),
			]).events.slice(1);
			const possible = new Set<ThresholdEvent>(
				[...fromClear, ...fromRaised].map(({ event }) => event),
			);
			expect(possible.has(testThresholdEvent(levels, value))).toBe(true);
			if (fromClear.length) expect(testThresholdEvent(levels, value)).toBe(fromClear[0].event);
		},
	);
});

describe('the Below parameter', () => {
	const parameter = (name: string) =>
		thresholdProperties.find((property) => property.name === name)!;

	it('is a number field like Above, empty until the user types a level', () => {
		expect(parameter('below').type).toBe(parameter('above').type);
		expect(parameter('below').typeOptions).toEqual(parameter('above').typeOptions);
		expect(parameter('below').default).toBe('');
		expect(parameter('below').placeholder).toBe('e.g. 30');
	});

	it.each([
		['left empty', '', 40],
		['typed and cleared again in the editor', null, 40],
		['a number', 30, 30],
		['a text number from a workflow saved before Below was a number field', '30', 30],
	])('reads Below %s', (_case, below, expected) => {
		expect(emissionFrom({ above: 40, below }).threshold?.below).toBe(expected);
	});
});
