import type { IDataObject } from 'n8n-workflow';

import type { Bucket } from '../../nodes/shared/time';
import { bucketsFrom, closedUntil, calendarGrid } from '../../nodes/shared/time';
import type {
	BucketRow,
	Schedule,
	ThresholdRule,
	TriggerState,
} from '../../nodes/shared/trigger/engine';
import { applyThresholds, planPoll } from '../../nodes/shared/trigger/engine';
import type { TriggerSource } from '../../nodes/shared/trigger/poll';
import { pollBuckets } from '../../nodes/shared/trigger/poll';
import type { Emission } from '../../nodes/shared/trigger/settings';
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

/** A source with two scopes whose value per bucket is known, counting its requests. */
function fakeSource(
	schedule: Schedule,
	value: (scope: string, bucket: Bucket) => number = () => 1,
) {
	const requests: Bucket[] = [];
	let failNext = false;
	const source: TriggerSource & { requests: Bucket[]; failOnce(): void } = {
		schedule,
		requests,
		failOnce: () => {
			failNext = true;
		},
		fetch: async (window) => {
			requests.push(window);
			if (failNext) {
				failNext = false;
				throw new Error('HTTP 500');
			}
			const rows: BucketRow[] = [];
			for (const bucket of bucketsFrom(
				window.start,
				window.end,
				Infinity,
				calendarGrid(schedule.granularity, schedule.timeZone),
			)) {
				for (const scope of ['camera=A', 'camera=B']) {
					const json: IDataObject = {
						bucketKey: `rhombus:test:${scope}:${schedule.granularity}:${new Date(bucket.start).toISOString()}`,
						bucketStart: new Date(bucket.start).toISOString(),
						value: value(scope, bucket),
					};
					rows.push({ scope, start: bucket.start, end: bucket.end, json });
				}
			}
			return rows;
		},
	};
	return source;
}

async function tick(
	source: TriggerSource,
	staticData: IDataObject,
	now: number,
	emission: Emission = { mode: 'everyBucket' },
	mode: 'trigger' | 'manual' = 'trigger',
) {
	const context = createPollContext({ credentials: {}, parameters: {}, staticData, mode });
	const result = await pollBuckets(context, source, emission, now);
	return result === null ? [] : result[0].map((item) => item.json);
}

const keys = (items: IDataObject[]) => items.map((item) => String(item.bucketKey));

describe('a bucket is emitted only once it has closed and settled', () => {
	it('waits settleMinutes after the bucket end', () => {
		const closedAt = (now: string) =>
			closedUntil(at(now), hourly.settleMs, calendarGrid(hourly.granularity, hourly.timeZone));
		expect(closedAt('2026-11-20T10:01:59Z')).toBe(at('2026-11-20T09:00:00Z'));
		expect(closedAt('2026-11-20T10:02:00Z')).toBe(at('2026-11-20T10:00:00Z'));
	});

	it('emits the 09:00 bucket at 10:02, not at 10:01', async () => {
		const source = fakeSource(hourly);
		const state: IDataObject = {};
		await tick(source, state, at('2026-11-20T09:30:00Z'));
		expect(await tick(source, state, at('2026-11-20T10:01:00Z'))).toEqual([]);
		const items = await tick(source, state, at('2026-11-20T10:02:00Z'));
		expect(items.map((item) => item.bucketStart)).toEqual([
			'2026-11-20T09:00:00.000Z',
			'2026-11-20T09:00:00.000Z',
		]);
	});
});

describe('each bucket is emitted exactly once', () => {
	it('emits nothing new when a poll runs twice in a row, without asking the API again', async () => {
		const source = fakeSource(hourly);
		const state: IDataObject = {};
		await tick(source, state, at('2026-11-20T08:30:00Z'));
		const first = await tick(source, state, at('2026-11-20T10:05:00Z'));
		const second = await tick(source, state, at('2026-11-20T10:05:00Z'));
		expect(first).toHaveLength(4);
		expect(second).toEqual([]);
		expect(source.requests).toHaveLength(1);
	});

	it('carries on across a restart that round-trips the state through JSON', async () => {
		const source = fakeSource(hourly);
		let state: IDataObject = {};
		const emitted: string[] = [];
		await tick(source, state, at('2026-11-20T06:00:00Z'));
		for (const now of ['2026-11-20T08:10:00Z', '2026-11-20T09:10:00Z', '2026-11-20T12:10:00Z']) {
			emitted.push(...keys(await tick(source, state, at(now))));
			state = restart(state);
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toHaveLength(2 * 7);
		expect(emitted[0]).toBe('rhombus:test:camera=A:hour:2026-11-20T05:00:00.000Z');
	});

	it('catches up three days of downtime in chunks of maxBucketsPerPoll, oldest first', async () => {
		const source = fakeSource({ ...hourly, maxBucketsPerPoll: 30 });
		const state: IDataObject = {};
		await tick(source, state, at('2026-11-17T00:02:00Z'));
		const now = at('2026-11-20T00:05:00Z');
		const chunks: IDataObject[][] = [];
		for (let poll = 0; poll < 4; poll++) chunks.push(await tick(source, state, now));
		expect(chunks.map((chunk) => chunk.length / 2)).toEqual([30, 30, 12, 0]);
		const starts = chunks.flat().map((item) => String(item.bucketStart));
		expect(starts).toEqual([...starts].sort());
		expect(starts[0]).toBe('2026-11-17T00:00:00.000Z');
		expect(starts[starts.length - 1]).toBe('2026-11-19T23:00:00.000Z');
		expect(source.requests.map((window) => (window.end - window.start) / hour)).toEqual([
			30, 30, 12,
		]);
	});

	it('leaves the state exactly as it was when a request fails, then delivers the same buckets', async () => {
		const source = fakeSource(hourly);
		const state: IDataObject = {};
		await tick(source, state, at('2026-11-20T08:02:00Z'));
		const before = restart(state);
		source.failOnce();
		await expect(tick(source, state, at('2026-11-20T11:05:00Z'))).rejects.toThrow('HTTP 500');
		expect(state).toEqual(before);
		const retried = await tick(source, state, at('2026-11-20T11:05:00Z'));
		expect(retried.map((item) => item.bucketStart)).toContain('2026-11-20T08:00:00.000Z');
		expect(retried).toHaveLength(2 * 3);
	});
});

describe('first activation', () => {
	it('with Start From "now" emits nothing and remembers where it is', async () => {
		const source = fakeSource(hourly);
		const state: IDataObject = {};
		expect(await tick(source, state, at('2026-11-20T10:30:00Z'))).toEqual([]);
		expect(source.requests).toHaveLength(0);
		expect(state).toMatchObject({ version: 1, cursor: at('2026-11-20T10:00:00Z') });
		const next = await tick(source, state, at('2026-11-20T11:02:00Z'));
		expect(next.map((item) => item.bucketStart)[0]).toBe('2026-11-20T10:00:00.000Z');
	});

	it('with backfill emits the last backfillBuckets closed buckets', async () => {
		const source = fakeSource({ ...hourly, startFrom: 'backfill', backfillBuckets: 5 });
		const items = await tick(source, {}, at('2026-11-20T10:30:00Z'));
		expect([...new Set(items.map((item) => item.bucketStart))]).toEqual([
			'2026-11-20T05:00:00.000Z',
			'2026-11-20T06:00:00.000Z',
			'2026-11-20T07:00:00.000Z',
			'2026-11-20T08:00:00.000Z',
			'2026-11-20T09:00:00.000Z',
		]);
	});

	it('starts afresh when the bucket length changes, instead of misreading the old cursor', () => {
		const stored: TriggerState = {
			version: 1,
			basis: 'test|day|UTC',
			cursor: at('2026-11-01T00:00:00Z'),
		};
		expect(planPoll(stored, hourly, at('2026-11-20T10:30:00Z')).kind).toBe('baseline');
	});
});

describe('Fetch Test Event (manual mode)', () => {
	it('returns the most recent closed bucket per scope and never touches the stored state', async () => {
		const source = fakeSource(hourly);
		const state: IDataObject = {};
		await tick(source, state, at('2026-11-20T08:00:00Z'));
		const before = restart(state);
		const items = await tick(
			source,
			state,
			at('2026-11-20T10:30:00Z'),
			{ mode: 'everyBucket' },
			'manual',
		);
		expect(items.map((item) => item.bucketKey)).toEqual([
			'rhombus:test:camera=A:hour:2026-11-20T09:00:00.000Z',
			'rhombus:test:camera=B:hour:2026-11-20T09:00:00.000Z',
		]);
		expect(state).toEqual(before);
	});
});

describe('the stored state stays small', () => {
	it('is the same size after 10,000 polls as after one', async () => {
		const schedule = {
			...hourly,
			granularity: 'minute' as const,
			grid: calendarGrid('minute', 'UTC'),
			basis: 'test|minute|UTC',
			settleMs: 0,
		};
		const source = fakeSource(schedule, (_scope, bucket) => (bucket.start / minute) % 7);
		const rule: ThresholdRule = { field: 'value', above: 5, below: 2, remindMs: 10 * minute };
		let state: IDataObject = {};
		let now = at('2026-11-01T00:00:00Z');
		await tick(source, state, now, { mode: 'threshold', threshold: rule });
		const sizes: number[] = [];
		for (let poll = 0; poll < 10_000; poll++) {
			now += minute;
			await tick(source, state, now, { mode: 'threshold', threshold: rule });
			if (poll % 1_000 === 0) state = restart(state);
			sizes.push(JSON.stringify(state).length);
		}
		expect(Math.max(...sizes.slice(5_000))).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 5_000)));
		expect(Math.max(...sizes)).toBeLessThan(400);
	});
});

describe('threshold events', () => {
	const rule: ThresholdRule = { field: 'value', above: 40, below: 30, remindMs: 2 * hour };
	const rows = (values: number[]): BucketRow[] =>
		values.map((value, index) => ({
			scope: 'camera=A',
			start: index * hour,
			end: (index + 1) * hour,
			json: { value },
		}));
	const events = (values: number[]) =>
		applyThresholds(undefined, rule, rows(values)).events.map(
			({ event, value }) => `${event}@${value}`,
		);

	it('raises crossedAbove on reaching the level and crossedBelow on falling to the lower level', () => {
		expect(events([10, 40, 45, 29])).toEqual(['crossedAbove@40', 'crossedBelow@29']);
	});

	it('stays quiet while the value flaps inside the band', () => {
		const quiet = { ...rule, remindMs: 0 };
		const flapping = applyThresholds(undefined, quiet, rows([41, 35, 39, 31, 44, 30])).events;
		expect(flapping.map(({ event, value }) => `${event}@${value}`)).toEqual([
			'crossedAbove@41',
			'crossedBelow@30',
		]);
	});

	it('reminds every remindEveryMinutes of bucket time while above', () => {
		expect(events([50, 50, 50, 50, 50, 20])).toEqual([
			'crossedAbove@50',
			'stillAbove@50',
			'stillAbove@50',
			'crossedBelow@20',
		]);
	});

	it('keeps its memory across a restart in the middle', () => {
		const first = applyThresholds(undefined, rule, rows([10, 45]));
		const memory = JSON.parse(JSON.stringify(first.memory));
		const later = rows([10, 45, 46, 25]).slice(2);
		expect(applyThresholds(memory, rule, later).events.map(({ event }) => event)).toEqual([
			'crossedBelow',
		]);
	});

	it('treats each scope on its own', () => {
		const mixed: BucketRow[] = [
			{ scope: 'camera=A', start: 0, end: hour, json: { value: 50 } },
			{ scope: 'camera=B', start: 0, end: hour, json: { value: 10 } },
			{ scope: 'camera=B', start: hour, end: 2 * hour, json: { value: 60 } },
		];
		expect(
			applyThresholds(undefined, rule, mixed).events.map(
				({ row, event }) => `${row.scope}:${event}`,
			),
		).toEqual(['camera=A:crossedAbove', 'camera=B:crossedAbove']);
	});

	it('emits events, not buckets, from a poll in threshold mode, with the levels on each', async () => {
		const source = fakeSource(hourly, (scope, bucket) =>
			scope === 'camera=A' && bucket.start >= at('2026-11-20T09:00:00Z') ? 55 : 5,
		);
		const state: IDataObject = {};
		await tick(source, state, at('2026-11-20T07:30:00Z'), { mode: 'threshold', threshold: rule });
		const items = await tick(source, state, at('2026-11-20T11:05:00Z'), {
			mode: 'threshold',
			threshold: rule,
		});
		expect(items).toEqual([
			expect.objectContaining({
				bucketStart: '2026-11-20T09:00:00.000Z',
				event: 'crossedAbove',
				thresholdField: 'value',
				above: 40,
				below: 30,
				value: 55,
			}),
		]);
	});
});
