import type { IDataObject } from 'n8n-workflow';

import type { Bucket, Granularity } from '../../nodes/shared/time';
import { bucketsFrom, closedUntil, calendarGrid } from '../../nodes/shared/time';
import type {
	BucketRow,
	Schedule,
	ThresholdRule,
	TriggerState,
} from '../../nodes/shared/trigger/engine';
import { applyThresholds, latestClosedWindow, planPoll } from '../../nodes/shared/trigger/engine';
import type { TriggerSource } from '../../nodes/shared/trigger/poll';
import { pollBuckets } from '../../nodes/shared/trigger/poll';
import type { Emission } from '../../nodes/shared/trigger/settings';
import { readPollingSettings } from '../../nodes/shared/trigger/settings';
import type { Parameters } from '../helpers/execute';
import { createPollContext, restart } from '../helpers/poll';

const hour = 3_600_000;
const minute = 60_000;
const at = (iso: string) => Date.parse(iso);

/** A schedule as the vendors' sources build one: buckets on the calendar of `timeZone`. */
function calendarSchedule(
	granularity: Granularity,
	timeZone: string,
	options: Partial<Schedule> = {},
): Schedule {
	return {
		basis: `test|${granularity}|${timeZone}`,
		granularity,
		timeZone,
		grid: calendarGrid(granularity, timeZone),
		settleMs: 2 * minute,
		startFrom: 'now',
		backfillBuckets: 0,
		maxBucketsPerPoll: 500,
		...options,
	};
}

const hourly = calendarSchedule('hour', 'UTC');

/** A source with two scopes (or those given) whose value per bucket is known, counting its requests. */
function fakeSource(
	schedule: Schedule,
	value: (scope: string, bucket: Bucket) => number = () => 1,
	scopes = ['camera=A', 'camera=B'],
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
				for (const scope of scopes) {
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

	it('asks for the newest closed bucket, the whole 23-hour day after the spring-forward', () => {
		const daily = calendarSchedule('day', 'Europe/Berlin');
		expect(latestClosedWindow(daily, at('2026-03-29T22:30:00Z'))).toEqual({
			start: at('2026-03-28T23:00:00Z'),
			end: at('2026-03-29T22:00:00Z'),
		});
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

/** The threshold rule a trigger reads from these parameters, as the user sets them. */
function thresholdEmission(parameters: Parameters): Emission {
	const context = createPollContext({
		credentials: {},
		parameters: { emit: 'threshold', thresholdField: 'value', ...parameters },
		staticData: {},
	});
	return readPollingSettings(context).emission;
}

const eventsAt = (items: IDataObject[]) =>
	items.map((item) => `${String(item.event)}@${String(item.bucketStart)}`);

describe('threshold events on a steady value', () => {
	it('does not flap when the value stays at Above and Below is left empty (5, 10, 10, 10)', () => {
		const emission = thresholdEmission({ above: 10, below: '' });
		const values = [5, 10, 10, 10];
		const rows: BucketRow[] = values.map((value, index) => ({
			scope: 'camera=A',
			start: index * hour,
			end: (index + 1) * hour,
			json: { value },
		}));
		const { events } = applyThresholds(undefined, emission.threshold!, rows);
		expect(events.map(({ event, value }) => `${event}@${value}`)).toEqual(['crossedAbove@10']);
	});

	it('with Below left empty, clears as soon as the value is under Above', () => {
		const emission = thresholdEmission({ above: 10, below: '' });
		const rows: BucketRow[] = [5, 10, 9.5, 9.5, 10].map((value, index) => ({
			scope: 'camera=A',
			start: index * hour,
			end: (index + 1) * hour,
			json: { value },
		}));
		const { events } = applyThresholds(undefined, emission.threshold!, rows);
		expect(events.map(({ event, value }) => `${event}@${value}`)).toEqual([
			'crossedAbove@10',
			'crossedBelow@9.5',
			'crossedAbove@10',
		]);
	});
});

describe('a trigger never stalls', () => {
	it('gets past a cursor off the bucket edges one bucket per poll, oldest first, none twice (Asia/Almaty after its 2024 offset change)', async () => {
		// Almaty moved from +06 to +05 in March 2024: a cursor stored at the old local midnight
		// (18:00Z) lies an hour inside a day of the new calendar, whose days start at 19:00Z.
		const daily = calendarSchedule('day', 'Asia/Almaty', { maxBucketsPerPoll: 1 });
		const source = fakeSource(daily, () => 1, ['camera=A']);
		const stored: TriggerState = {
			version: 1,
			basis: daily.basis,
			cursor: at('2026-11-19T18:00:00Z'),
		};
		const state = restart(stored as unknown as IDataObject);
		const starts: string[] = [];
		for (let poll = 0; poll < 5; poll++) {
			const items = await tick(source, state, at('2026-11-23T00:00:00Z'));
			starts.push(...items.map((item) => String(item.bucketStart)));
		}
		expect(starts).toEqual([
			'2026-11-19T19:00:00.000Z',
			'2026-11-20T19:00:00.000Z',
			'2026-11-21T19:00:00.000Z',
		]);
	});

	it('starts on the first bucket edge at or after any cursor, in every zone and bucket length', () => {
		const zones = [
			'UTC',
			'Europe/Berlin',
			'Asia/Almaty',
			'Asia/Kolkata',
			'Asia/Kathmandu',
			'America/St_Johns',
			'Australia/Lord_Howe',
			'Pacific/Chatham',
		];
		const granularities: Granularity[] = ['minute', 'quarterHour', 'hour', 'day', 'week', 'month'];
		const cursors = [
			'2026-03-29T00:59:59.999Z',
			'2026-03-29T01:00:00Z',
			'2026-04-04T15:07:30Z',
			'2026-10-25T00:30:00Z',
			'2026-10-25T01:17:00Z',
			'2026-12-31T23:45:00Z',
		].map(at);
		const wrong: string[] = [];
		for (const zone of zones) {
			for (const granularity of granularities) {
				const schedule = calendarSchedule(granularity, zone, { maxBucketsPerPoll: 1 });
				for (const cursor of cursors) {
					const stored: TriggerState = { version: 1, basis: schedule.basis, cursor };
					const plan = planPoll(stored, schedule, cursor + 70 * 24 * hour);
					const first = plan.kind === 'fetch' ? plan.buckets[0] : undefined;
					const previousStart = first && schedule.grid.startOf(first.start - 1);
					if (
						!first ||
						first.start < cursor ||
						previousStart === undefined ||
						previousStart >= cursor
					)
						wrong.push(`${zone} ${granularity} ${new Date(cursor).toISOString()}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});
});

describe('changing the time zone or bucket length neither repeats nor skips', () => {
	const berlin = (granularity: Granularity) =>
		calendarSchedule(granularity, 'Europe/Berlin', { startFrom: 'backfill', backfillBuckets: 3 });

	it('hour to day and back with backfill: no key twice, no time covered twice, nothing after the first new bucket skipped', async () => {
		const state: IDataObject = {};
		const emitted: IDataObject[] = [];
		const steps: Array<[Granularity, string]> = [
			['hour', '2026-11-20T10:30:00Z'],
			['hour', '2026-11-20T12:05:00Z'],
			['day', '2026-11-20T13:00:00Z'],
			['day', '2026-11-22T00:05:00Z'],
			['hour', '2026-11-22T01:10:00Z'],
			['day', '2026-11-24T00:05:00Z'],
		];
		for (const [granularity, now] of steps) {
			const source = fakeSource(berlin(granularity), () => 1, ['camera=A']);
			emitted.push(...(await tick(source, state, at(now))));
		}
		expect(new Set(keys(emitted)).size).toBe(emitted.length);
		const buckets = emitted.map((item) => {
			const granularity = String(item.bucketKey).split(':')[3] as Granularity;
			const start = Date.parse(String(item.bucketStart));
			const grid = calendarGrid(granularity, 'Europe/Berlin');
			return { granularity, start, end: grid.endOf(start), grid };
		});
		const notNext: string[] = [];
		for (let index = 1; index < buckets.length; index++) {
			const previousEnd = buckets[index - 1].end;
			const { granularity, start, grid } = buckets[index];
			// Each bucket is the first of its grid that starts at or after the previous one's end.
			if (start < previousEnd || grid.startOf(start - 1) >= previousEnd)
				notNext.push(`${granularity} ${new Date(start).toISOString()}`);
		}
		expect(notNext).toEqual([]);
		expect(
			buckets.map((bucket) => `${bucket.granularity}@${new Date(bucket.start).toISOString()}`),
		).toEqual([
			'hour@2026-11-20T07:00:00.000Z',
			'hour@2026-11-20T08:00:00.000Z',
			'hour@2026-11-20T09:00:00.000Z',
			'hour@2026-11-20T10:00:00.000Z',
			'hour@2026-11-20T11:00:00.000Z',
			'day@2026-11-20T23:00:00.000Z',
			'hour@2026-11-21T23:00:00.000Z',
			'hour@2026-11-22T00:00:00.000Z',
			'day@2026-11-22T23:00:00.000Z',
		]);
	});

	it('Europe/Berlin to Asia/Kolkata hourly, 5 hours without polls, Start From now: carries on from the first Kolkata hour after the cursor and catches up', async () => {
		const state: IDataObject = {};
		const inBerlin = fakeSource(calendarSchedule('hour', 'Europe/Berlin'), () => 1, ['camera=A']);
		await tick(inBerlin, state, at('2026-11-20T08:10:00Z'));
		const before = await tick(inBerlin, state, at('2026-11-20T09:05:00Z'));
		expect(before.map((item) => item.bucketStart)).toEqual(['2026-11-20T08:00:00.000Z']);

		const inKolkata = fakeSource(
			calendarSchedule('hour', 'Asia/Kolkata', { maxBucketsPerPoll: 3 }),
			() => 1,
			['camera=A'],
		);
		const after: unknown[] = [];
		for (const now of ['2026-11-20T14:05:00Z', '2026-11-20T14:06:00Z', '2026-11-20T14:07:00Z']) {
			after.push(...(await tick(inKolkata, state, at(now))).map((item) => item.bucketStart));
		}
		expect(after).toEqual([
			'2026-11-20T09:30:00.000Z',
			'2026-11-20T10:30:00.000Z',
			'2026-11-20T11:30:00.000Z',
			'2026-11-20T12:30:00.000Z',
		]);
		expect(state).toMatchObject({
			basis: 'test|hour|Asia/Kolkata',
			cursor: at('2026-11-20T13:30:00Z'),
		});
	});

	it('keeps an open alert across a time zone change: no second crossedAbove, and its crossedBelow still comes', async () => {
		const value = (_scope: string, bucket: Bucket) =>
			bucket.start >= at('2026-11-20T09:00:00Z') && bucket.start < at('2026-11-20T14:30:00Z')
				? 55
				: 5;
		const emission = thresholdEmission({ above: 40, below: '30' });
		const state: IDataObject = {};
		const inBerlin = fakeSource(calendarSchedule('hour', 'Europe/Berlin'), value, ['camera=A']);
		const inKolkata = fakeSource(calendarSchedule('hour', 'Asia/Kolkata'), value, ['camera=A']);
		await tick(inBerlin, state, at('2026-11-20T08:10:00Z'), emission);
		const raised = await tick(inBerlin, state, at('2026-11-20T10:05:00Z'), emission);
		const cleared = await tick(inKolkata, state, at('2026-11-20T16:05:00Z'), emission);
		expect(eventsAt(raised)).toEqual(['crossedAbove@2026-11-20T09:00:00.000Z']);
		expect(eventsAt(cleared)).toEqual(['crossedBelow@2026-11-20T14:30:00.000Z']);
	});
});

describe('reminders follow the calendar', () => {
	it('reminds once per local day with Remind Every 1440 minutes, on the 23-hour and the 25-hour day in Europe/Berlin', async () => {
		const emission = thresholdEmission({ above: 40, below: '30', remindEveryMinutes: 1440 });
		const daily = calendarSchedule('day', 'Europe/Berlin');
		const source = fakeSource(daily, () => 55, ['camera=A']);
		const events: string[] = [];
		for (const [from, to] of [
			['2026-03-26T12:00:00Z', '2026-04-01T12:00:00Z'],
			['2026-10-22T12:00:00Z', '2026-10-28T12:00:00Z'],
		]) {
			const state: IDataObject = {};
			for (let now = at(from); now <= at(to); now += 24 * hour) {
				events.push(...eventsAt(await tick(source, state, now, emission)));
			}
		}
		expect(events).toEqual([
			'crossedAbove@2026-03-25T23:00:00.000Z',
			'stillAbove@2026-03-26T23:00:00.000Z',
			'stillAbove@2026-03-27T23:00:00.000Z',
			'stillAbove@2026-03-28T23:00:00.000Z',
			'stillAbove@2026-03-29T22:00:00.000Z',
			'stillAbove@2026-03-30T22:00:00.000Z',
			'crossedAbove@2026-10-21T22:00:00.000Z',
			'stillAbove@2026-10-22T22:00:00.000Z',
			'stillAbove@2026-10-23T22:00:00.000Z',
			'stillAbove@2026-10-24T22:00:00.000Z',
			'stillAbove@2026-10-25T23:00:00.000Z',
			'stillAbove@2026-10-26T23:00:00.000Z',
		]);
	});

	it('counts the repeated hour of the fall-back night as an hour, and keeps a daily reminder at its local hour', () => {
		const rows = (from: string, hours: number): BucketRow[] =>
			bucketsFrom(
				at(from),
				at(from) + hours * hour,
				Infinity,
				calendarGrid('hour', 'Europe/Berlin'),
			).map((bucket) => ({ scope: 'camera=A', ...bucket, json: { value: 55 } }));
		const reminders = (remindMinutes: number, from: string, hours: number) =>
			applyThresholds(
				undefined,
				{
					field: 'value',
					above: 40,
					below: 30,
					remindMs: remindMinutes * minute,
					timeZone: 'Europe/Berlin',
				},
				rows(from, hours),
			).events.map(({ row, event }) => `${event}@${new Date(row.start).toISOString()}`);
		expect(reminders(60, '2026-10-24T22:00:00Z', 5)).toEqual([
			'crossedAbove@2026-10-24T22:00:00.000Z',
			'stillAbove@2026-10-24T23:00:00.000Z',
			'stillAbove@2026-10-25T00:00:00.000Z',
			'stillAbove@2026-10-25T01:00:00.000Z',
			'stillAbove@2026-10-25T02:00:00.000Z',
		]);
		// 10:00 to 11:00 local: 08:00Z in winter, 07:00Z once the clocks went forward.
		expect(reminders(1440, '2026-03-28T09:00:00Z', 48)).toEqual([
			'crossedAbove@2026-03-28T09:00:00.000Z',
			'stillAbove@2026-03-29T08:00:00.000Z',
			'stillAbove@2026-03-30T08:00:00.000Z',
		]);
	});
});
