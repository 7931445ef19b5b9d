import type { IDataObject } from 'n8n-workflow';

import type { Bucket } from '../../nodes/shared/time';
import { bucketsFrom, calendarGrid } from '../../nodes/shared/time';
import type { BucketRow, Schedule } from '../../nodes/shared/trigger/engine';
import type { TriggerSource } from '../../nodes/shared/trigger/poll';
import { pollBuckets } from '../../nodes/shared/trigger/poll';
import { recheckRecordsLimit } from '../../nodes/shared/trigger/recheck';
import type { Emission } from '../../nodes/shared/trigger/settings';
import { createPollContext, restart } from '../helpers/poll';

const at = (iso: string) => Date.parse(iso);

const hourly: Schedule = {
	basis: 'test|crossingCounts|hour|UTC',
	granularity: 'hour',
	timeZone: 'UTC',
	grid: calendarGrid('hour', 'UTC'),
	settleMs: 120_000,
	startFrom: 'now',
	backfillBuckets: 0,
	maxBucketsPerPoll: 500,
};

/**
 * Crossing counts of two cameras whose ingress per hour is whatever `counts` holds for that
 * hour (10 by default), so a test can revise a closed hour the way a late upload does.
 */
function lateCounts(scopes = ['camera=A', 'camera=B'], schedule = hourly) {
	const counts = new Map<string, number>();
	const requests: Bucket[] = [];
	const source: TriggerSource & {
		requests: Bucket[];
		revise(scope: string, hour: string, ingress: number): void;
	} = {
		schedule,
		requests,
		revise: (scope, hour, ingress) => counts.set(`${scope}@${at(hour)}`, ingress),
		fetch: async (window) => {
			requests.push(window);
			const rows: BucketRow[] = [];
			for (const bucket of bucketsFrom(window.start, window.end, Infinity, schedule.grid)) {
				for (const scope of scopes) {
					const ingress = counts.get(`${scope}@${bucket.start}`) ?? 10;
					const json: IDataObject = {
						bucketStartLocal: new Date(bucket.start).toISOString(),
						cameraUuid: scope.slice('camera='.length),
						ingress,
						egress: 4,
						net: ingress - 4,
						source: 'rhombus',
						metric: 'crossingCounts',
						bucketKey: `rhombus:crossingCounts:${scope}:hour:${new Date(bucket.start).toISOString()}`,
						bucketStart: new Date(bucket.start).toISOString(),
						bucketEnd: new Date(bucket.end).toISOString(),
						timeZone: 'UTC',
						granularity: 'hour',
					};
					rows.push({ scope, start: bucket.start, end: bucket.end, json });
				}
			}
			return rows;
		},
	};
	return source;
}

const recheck = (recheckBuckets: number): Emission => ({ mode: 'everyBucket', recheckBuckets });

async function tick(
	source: TriggerSource,
	staticData: IDataObject,
	now: string,
	emission: Emission = recheck(3),
) {
	const context = createPollContext({ credentials: {}, parameters: {}, staticData });
	const result = await pollBuckets(context, source, emission, at(now));
	return result === null ? [] : result[0].map((item) => item.json);
}

const summary = (items: IDataObject[]) =>
	items.map((item) =>
		[
			item.cameraUuid,
			String(item.bucketStart).slice(11, 16),
			item.ingress,
			item.revision ?? '-',
		].join(' '),
	);

describe('Re-check Recent Buckets: corrections of late counts', () => {
	it('emits a revised bucket once, with the same key, revision 1 and the values sent before', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		const first = await tick(source, state, '2026-11-20T09:05:00Z');
		expect(summary(first)).toEqual(['A 08:00 10 -', 'B 08:00 10 -']);

		source.revise('camera=A', '2026-11-20T08:00:00Z', 17);
		const next = await tick(source, state, '2026-11-20T10:05:00Z');
		expect(summary(next)).toEqual(['A 08:00 17 1', 'A 09:00 10 -', 'B 09:00 10 -']);
		const [revised] = next;
		expect(revised.bucketKey).toBe(first[0].bucketKey);
		expect(revised.previous).toEqual({ ingress: 10, egress: 4, net: 6 });
		expect(revised).toMatchObject({ ingress: 17, net: 13, revision: 1 });
		// Beside the numbers it corrects, before the fields workflows key on.
		expect(Object.keys(revised).slice(0, 7)).toEqual([
			'bucketStartLocal',
			'cameraUuid',
			'ingress',
			'egress',
			'net',
			'revision',
			'previous',
		]);

		expect(summary(await tick(source, state, '2026-11-20T11:05:00Z'))).toEqual([
			'A 10:00 10 -',
			'B 10:00 10 -',
		]);
	});

	it('numbers further corrections on: revision 2 carries what revision 1 sent', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		source.revise('camera=B', '2026-11-20T08:00:00Z', 25);
		await tick(source, state, '2026-11-20T10:05:00Z');
		source.revise('camera=B', '2026-11-20T08:00:00Z', 22);
		const items = await tick(source, state, '2026-11-20T11:05:00Z');
		expect(items[0]).toMatchObject({
			cameraUuid: 'B',
			ingress: 22,
			revision: 2,
			previous: { ingress: 25, egress: 4, net: 21 },
		});
	});

	it('reads the re-checked buckets in the same request as the new ones: one request per poll', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T05:30:00Z');
		for (const hour of ['06', '07', '08', '09', '10']) {
			await tick(source, state, `2026-11-20T${hour}:05:00Z`);
		}
		expect(source.requests.map((window) => new Date(window.start).toISOString())).toEqual([
			'2026-11-20T05:00:00.000Z',
			'2026-11-20T05:00:00.000Z',
			'2026-11-20T05:00:00.000Z',
			'2026-11-20T05:00:00.000Z',
			'2026-11-20T06:00:00.000Z',
		]);
		expect(
			source.requests.map((window) => new Date(window.end).toISOString().slice(11, 16)),
		).toEqual(['06:00', '07:00', '08:00', '09:00', '10:00']);
	});

	it('sends no revision twice: a repeated poll finds nothing new and asks nothing', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		source.revise('camera=A', '2026-11-20T08:00:00Z', 0);
		expect(summary(await tick(source, state, '2026-11-20T10:05:00Z'))[0]).toBe('A 08:00 0 1');
		const requests = source.requests.length;
		expect(await tick(source, state, '2026-11-20T10:05:00Z')).toEqual([]);
		expect(source.requests).toHaveLength(requests);
		expect(summary(await tick(source, state, '2026-11-20T11:05:00Z'))).toEqual([
			'A 10:00 10 -',
			'B 10:00 10 -',
		]);
	});

	it('finds a revision after a restart: the values sent are kept in the stored state', async () => {
		const source = lateCounts();
		let state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		state = restart(state);
		source.revise('camera=A', '2026-11-20T08:00:00Z', 12);
		expect(summary(await tick(source, state, '2026-11-20T10:05:00Z'))[0]).toBe('A 08:00 12 1');
	});

	it('after downtime, re-checks the last buckets before it in the catch-up request', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T06:30:00Z');
		await tick(source, state, '2026-11-20T07:05:00Z');
		await tick(source, state, '2026-11-20T08:05:00Z');
		source.revise('camera=A', '2026-11-20T06:00:00Z', 30);
		source.revise('camera=B', '2026-11-20T07:00:00Z', 1);
		const requests = source.requests.length;
		const items = await tick(source, state, '2026-11-20T13:05:00Z');
		expect(source.requests).toHaveLength(requests + 1);
		expect(summary(items).slice(0, 3)).toEqual(['A 06:00 30 1', 'B 07:00 1 1', 'A 08:00 10 -']);
		expect(items).toHaveLength(2 + 5 * 2);
	});

	it('re-emits nothing once a bucket has left the re-checked window', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T05:30:00Z');
		for (const hour of ['06', '07', '08', '09'])
			await tick(source, state, `2026-11-20T${hour}:05:00Z`);
		// 05:00 to 08:00 were emitted; with 3 re-checked, 05:00 has left the window.
		source.revise('camera=A', '2026-11-20T05:00:00Z', 99);
		source.revise('camera=A', '2026-11-20T06:00:00Z', 98);
		expect(summary(await tick(source, state, '2026-11-20T10:05:00Z'))).toEqual([
			'A 06:00 98 1',
			'A 09:00 10 -',
			'B 09:00 10 -',
		]);
		const stored = state.recheck as { buckets: Record<string, unknown> };
		expect(
			Object.keys(stored.buckets).map((start) => new Date(Number(start)).toISOString()),
		).toEqual(['2026-11-20T07:00:00.000Z', '2026-11-20T08:00:00.000Z', '2026-11-20T09:00:00.000Z']);
	});

	it('never brings back older buckets of a scope that was not emitted for them', async () => {
		const scopes = ['camera=A'];
		const source = lateCounts(scopes);
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		scopes.push('camera=C');
		expect(summary(await tick(source, state, '2026-11-20T10:05:00Z'))).toEqual([
			'A 09:00 10 -',
			'C 09:00 10 -',
		]);
	});

	it('keeps its state at the cap and refuses, naming the parameter, a setting beyond it', async () => {
		const scopes = Array.from({ length: 104 }, (_, index) => `camera=${index}`);
		const source = lateCounts(scopes);
		const state: IDataObject = {};
		await tick(source, state, '2026-11-16T00:30:00Z', recheck(96));
		for (let day = 0; day < 5; day++) {
			await tick(source, state, `2026-11-${16 + day}T23:05:00Z`, recheck(96));
		}
		const stored = state.recheck as { buckets: Record<string, Record<string, unknown>> };
		const records = Object.values(stored.buckets).reduce(
			(sum, bucket) => sum + Object.keys(bucket).length,
			0,
		);
		expect(Object.keys(stored.buckets)).toHaveLength(96);
		expect(records).toBe(96 * 104);
		expect(records).toBeLessThanOrEqual(recheckRecordsLimit);
		expect(JSON.stringify(state).length).toBeLessThan(500_000);

		const tooMany = { ...lateCounts([...scopes, 'camera=X']), scopes: 105 };
		await expect(tick(tooMany, {}, '2026-11-20T08:30:00Z', recheck(96))).rejects.toThrow(
			/^Re-Check Recent Buckets: 96 buckets of 105 scopes are 10080 records to keep, more than 10000/,
		);
	});

	it('finds too many scopes from the answers when the parameters do not say how many', async () => {
		const source = lateCounts(Array.from({ length: 150 }, (_, index) => `camera=${index}`));
		const state: IDataObject = {};
		await tick(source, state, '2026-11-16T00:30:00Z', recheck(96));
		const before = restart(state);
		await expect(tick(source, state, '2026-11-20T23:05:00Z', recheck(96))).rejects.toThrow(
			/^Re-Check Recent Buckets: /,
		);
		expect(state).toEqual(before);
	});

	it('lowering Re-Check Recent Buckets from 5 to 2 re-reads only the last 2 hours sent: a late count in an older hour is not sent', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T04:30:00Z', recheck(5));
		for (const hour of ['05', '06', '07', '08', '09'])
			await tick(source, state, `2026-11-20T${hour}:05:00Z`, recheck(5));
		// 04:00 to 08:00 were sent; the last 2 are 07:00 and 08:00.
		source.revise('camera=A', '2026-11-20T05:00:00Z', 50);
		source.revise('camera=A', '2026-11-20T07:00:00Z', 70);
		expect(summary(await tick(source, state, '2026-11-20T10:05:00Z', recheck(2)))).toEqual([
			'A 07:00 70 1',
			'A 09:00 10 -',
			'B 09:00 10 -',
		]);
		const startOfLastRequest = () =>
			new Date(source.requests[source.requests.length - 1].start).toISOString();
		expect(startOfLastRequest()).toBe('2026-11-20T07:00:00.000Z');
		expect(summary(await tick(source, state, '2026-11-20T11:05:00Z', recheck(2)))).toEqual([
			'A 10:00 10 -',
			'B 10:00 10 -',
		]);
		expect(startOfLastRequest()).toBe('2026-11-20T08:00:00.000Z');

		// Raised again, it re-reads what it still remembers: the 2 hours it kept, no more.
		source.revise('camera=B', '2026-11-20T08:00:00Z', 80);
		expect(summary(await tick(source, state, '2026-11-20T12:05:00Z', recheck(5)))).toEqual([
			'A 11:00 10 -',
			'B 11:00 10 -',
		]);
		expect(startOfLastRequest()).toBe('2026-11-20T09:00:00.000Z');
	});

	it('a change of the calendar the vendor counts on starts the memory afresh: hours counted on the old one are not corrected with the new one', async () => {
		let calendar = 'A';
		const counted = lateCounts();
		const scheduleOn = (name: string): Schedule => ({
			...hourly,
			basis: name === 'A' ? hourly.basis : `${hourly.basis}|${name}`,
			calendar: name,
		});
		const source: TriggerSource = {
			schedule: scheduleOn('A'),
			scheduleOn,
			fetch: async (window, buckets, asked) => {
				const rows = await counted.fetch(window, buckets, asked);
				for (const row of rows) {
					row.calendar = calendar;
					// Counted on the other calendar, the same hours hold other numbers.
					if (calendar === 'B') row.json.ingress = Number(row.json.ingress) + 5;
				}
				return rows;
			},
		};
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		await tick(source, state, '2026-11-20T10:05:00Z');
		calendar = 'B';
		expect(summary(await tick(source, state, '2026-11-20T11:05:00Z'))).toEqual([
			'A 10:00 15 -',
			'B 10:00 15 -',
		]);
		const memory = state.recheck as { basis: string; buckets: Record<string, unknown> };
		expect(memory.basis).toBe(`${hourly.basis}|B`);
		expect(Object.keys(memory.buckets)).toEqual([String(at('2026-11-20T10:00:00Z'))]);
		expect(summary(await tick(source, state, '2026-11-20T12:05:00Z'))).toEqual([
			'A 11:00 15 -',
			'B 11:00 15 -',
		]);
		expect(new Date(counted.requests[counted.requests.length - 1].start).toISOString()).toBe(
			'2026-11-20T10:00:00.000Z',
		);
	});

	it('a memory stored before the package kept the measure is still re-checked under unchanged settings', async () => {
		const source = { ...lateCounts(), measure: { crossingObject: 'VEHICLE', dedupe: false } };
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		// As an earlier version stored it: the basis and the buckets, no measure.
		const earlier = restart(state);
		const memory = earlier.recheck as IDataObject;
		earlier.recheck = { basis: memory.basis, buckets: memory.buckets };
		source.revise('camera=A', '2026-11-20T08:00:00Z', 12);
		expect(summary(await tick(source, earlier, '2026-11-20T10:05:00Z'))[0]).toBe('A 08:00 12 1');
	});

	it('turned off, keeps no re-check state and reads only the new buckets', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		expect(state.recheck).toBeDefined();
		source.revise('camera=A', '2026-11-20T08:00:00Z', 50);
		expect(summary(await tick(source, state, '2026-11-20T10:05:00Z', recheck(0)))).toEqual([
			'A 09:00 10 -',
			'B 09:00 10 -',
		]);
		expect(state.recheck).toBeUndefined();
		expect(new Date(source.requests[source.requests.length - 1].start).toISOString()).toBe(
			'2026-11-20T09:00:00.000Z',
		);
	});

	it('after a spell in threshold mode, re-checks only buckets emitted since', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		const threshold: Emission = {
			mode: 'threshold',
			threshold: { field: 'ingress', above: 15, below: 15, remindMs: 0 },
		};
		await tick(source, state, '2026-11-20T08:30:00Z');
		await tick(source, state, '2026-11-20T09:05:00Z');
		await tick(source, state, '2026-11-20T10:05:00Z', threshold);
		await tick(source, state, '2026-11-20T11:05:00Z', threshold);
		source.revise('camera=A', '2026-11-20T08:00:00Z', 40);
		expect(summary(await tick(source, state, '2026-11-20T12:05:00Z'))).toEqual([
			'A 11:00 10 -',
			'B 11:00 10 -',
		]);
		expect(new Date(source.requests[source.requests.length - 1].start).toISOString()).toBe(
			'2026-11-20T11:00:00.000Z',
		);
	});

	it('in threshold mode re-reads nothing and replays no alert', async () => {
		const source = lateCounts();
		const state: IDataObject = {};
		const threshold: Emission = {
			mode: 'threshold',
			threshold: { field: 'ingress', above: 15, below: 15, remindMs: 0 },
			recheckBuckets: 3,
		};
		await tick(source, state, '2026-11-20T08:30:00Z', threshold);
		expect(await tick(source, state, '2026-11-20T09:05:00Z', threshold)).toEqual([]);
		source.revise('camera=A', '2026-11-20T08:00:00Z', 40);
		expect(await tick(source, state, '2026-11-20T10:05:00Z', threshold)).toEqual([]);
		expect(state.recheck).toBeUndefined();
		expect(new Date(source.requests[source.requests.length - 1].start).toISOString()).toBe(
			'2026-11-20T09:00:00.000Z',
		);
	});
});
