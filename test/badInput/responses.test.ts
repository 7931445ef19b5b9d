import type { INodeExecutionData } from 'n8n-workflow';

import type { Fault } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import type { HostileAnswer, HostileServer } from './hostileServer.cjs';
import { startHostileServer } from './hostileServer.cjs';
import type { NodeName, SimContext } from './helpers';
import { run, useSimulator } from './helpers';

// Hostile API answers must end in a clear error (one that says which vendor and, where it can,
// which endpoint) and never in partial output: with "Continue On Fail" the only item is the error.

const sim = useSimulator();
let hostile: HostileServer;
let hostileContext: SimContext;

beforeAll(async () => {
	hostile = await startHostileServer();
	hostileContext = { sim: sim.sim, credentials: simulatorCredentials(hostile.url) };
});
afterAll(async () => await hostile.close());
beforeEach(() => hostile.clear());

const CAMERA = '7Z9wAlGz-nARYxxb7hbjuA';

const base = {
	crossingCounts: {
		resource: 'report',
		operation: 'getCrossingCounts',
		cameraUuids: [CAMERA],
		startTime: '2026-03-29T00:00:00Z',
		endTime: '2026-03-29T03:00:00Z',
		timeZone: 'UTC',
	},
	occupancy: {
		resource: 'report',
		operation: 'getOccupancy',
		cameraUuid: { __rl: true, mode: 'list', value: CAMERA },
		startTime: '2026-03-29T00:00:00Z',
		endTime: '2026-03-29T03:00:00Z',
		timeZone: 'Europe/Berlin',
	},
	lineCrosses: {
		resource: 'lineCrosses',
		operation: 'get',
		startDate: '2026-03-02',
		endDate: '2026-03-03',
		aggregateBy: 'hour',
	},
	zoneVisitors: {
		resource: 'zoneVisitors',
		operation: 'get',
		startDate: '2026-03-02',
		endDate: '2026-03-03',
		timeZone: 'UTC',
	},
	dropInRate: {
		resource: 'dropInRate',
		operation: 'get',
		startDate: '2026-03-02',
		endDate: '2026-03-03',
		timeZone: 'UTC',
	},
} satisfies Record<string, Parameters>;

type Base = keyof typeof base;

const nodeOf: Record<Base, NodeName> = {
	crossingCounts: 'rhombus',
	occupancy: 'rhombus',
	lineCrosses: 'indivd',
	zoneVisitors: 'indivd',
	dropInRate: 'indivd',
};

const endpoint = {
	crossingCounts: '/api/report/getBatchThresholdCrossingCountReport',
	occupancy: '/api/report/getOccupancyCountsV2',
	lineCrosses: '/api/v1/rnd/insights/external/line_crosses/',
	zoneVisitors: '/api/v1/rnd/insights/external/zone_visitors/',
	dropInRate: '/api/v1/rnd/insights/external/drop_in_rate/',
} satisfies Record<Base, string>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What the error must say, in any order: the vendor, the endpoint, and the gist. */
function says(what: Base, gist: string): RegExp {
	const vendor = nodeOf[what] === 'rhombus' ? 'Rhombus' : 'Indivd';
	return new RegExp(`^(?=.*\\b${vendor}\\b)(?=.*${escape(endpoint[what])})(?=.*${gist})`, 's');
}

/** An answer from the simulator's fault injection, or a raw one from the hostile server. */
type Answer = { fault: Fault } | { raw: HostileAnswer };

type Case = [string, Base, Answer, RegExp];

const notJson = 'not JSON';
const mismatch = (path: string) => `unexpected response .* at ${escape(path)}:`;
const faulty = (fault: Fault): Answer => ({ fault: { times: Infinity, ...fault } });

const cases: Case[] = [
	[
		'a body cut off mid-way (truncated)',
		'crossingCounts',
		faulty({ kind: 'truncated' }),
		says('crossingCounts', 'could not be reached \\(connection closed unexpectedly\\)'),
	],
	[
		'a body cut off mid-way (truncated)',
		'lineCrosses',
		faulty({ kind: 'truncated' }),
		says('lineCrosses', 'could not be reached \\(connection closed unexpectedly\\)'),
	],
	[
		'an HTML error page from a gateway (502)',
		'crossingCounts',
		faulty({ kind: 'html' }),
		says('crossingCounts', 'HTTP 502\\): an HTML page titled "502 Bad Gateway"'),
	],
	[
		'an HTML error page from a gateway (502)',
		'dropInRate',
		faulty({ kind: 'html' }),
		says('dropInRate', 'HTTP 502\\): an HTML page titled "502 Bad Gateway"'),
	],
	[
		'a redirect to a sign-in page',
		'crossingCounts',
		faulty({ kind: 'redirect' }),
		says('crossingCounts', `${notJson}: an HTML page titled "Sign in"`),
	],
	[
		'a redirect to a sign-in page',
		'zoneVisitors',
		faulty({ kind: 'redirect' }),
		says('zoneVisitors', `${notJson}: an HTML page titled "Sign in"`),
	],
	[
		'malformed JSON',
		'occupancy',
		faulty({ kind: 'malformedJson', path: endpoint.occupancy }),
		says('occupancy', notJson),
	],
	[
		'malformed JSON',
		'lineCrosses',
		faulty({ kind: 'malformedJson' }),
		says('lineCrosses', notJson),
	],
	[
		'wrong types everywhere (numbers as strings, arrays as objects)',
		'occupancy',
		faulty({ kind: 'schema', path: endpoint.occupancy }),
		says('occupancy', mismatch('timeSeriesDataPoints')),
	],
	[
		'a count that is a word',
		'lineCrosses',
		faulty({ kind: 'schema', body: [{ _id: { year: '2026', month: 3 }, count: 'lots' }] }),
		says('lineCrosses', mismatch('[0].count')),
	],
	[
		'JSON null',
		'crossingCounts',
		faulty({ kind: 'schema', body: null }),
		says('crossingCounts', `${mismatch('(root)')} Expected object, received null`),
	],
	[
		'JSON null',
		'lineCrosses',
		faulty({ kind: 'schema', body: null }),
		says('lineCrosses', `${mismatch('(root)')} Expected array, received null`),
	],
	[
		'an array where an object is expected',
		'crossingCounts',
		faulty({ kind: 'schema', body: [] }),
		says('crossingCounts', `${mismatch('(root)')} Expected object, received array`),
	],
	[
		'an object where an array is expected',
		'lineCrosses',
		faulty({ kind: 'schema', body: { results: [] } }),
		says('lineCrosses', `${mismatch('(root)')} Expected array, received object`),
	],
	[
		'arrays where objects are expected',
		'dropInRate',
		faulty({
			kind: 'schema',
			body: { summary: [{ passing_by: 1, enter: 1 }], details: [], zone_details: [] },
		}),
		says('dropInRate', mismatch('summary')),
	],
	[
		'nested nulls',
		'zoneVisitors',
		faulty({
			kind: 'schema',
			body: { current: { startdate: null, enddate: null, insights: [null] } },
		}),
		says('zoneVisitors', mismatch('current.insights[0]')),
	],
	[
		'nested nulls',
		'occupancy',
		faulty({ kind: 'schema', path: endpoint.occupancy, body: { timeSeriesDataPoints: [null] } }),
		says('occupancy', mismatch('timeSeriesDataPoints[0]')),
	],
	[
		// A null time is allowed by Rhombus's spec (the row is left out, with a warning); a word is not.
		'a bucket time that is a word',
		'crossingCounts',
		faulty({
			kind: 'schema',
			body: { crossingCounts: [{ ingressCount: 1, egressCount: 2, timestampMs: 'abc' }] },
		}),
		says('crossingCounts', mismatch('crossingCounts[0].timestampMs')),
	],
	[
		'"error": true without a reason on HTTP 200',
		'crossingCounts',
		faulty({ kind: 'schema', body: { error: true } }),
		says('crossingCounts', 'no reason given'),
	],
	[
		'HTTP 500 with a JSON error body, every time',
		'crossingCounts',
		faulty({ kind: 'status', status: 500 }),
		says('crossingCounts', 'HTTP 500\\): Internal Server Error'),
	],
	[
		'HTTP 200 with an empty body',
		'crossingCounts',
		{ raw: { status: 200, headers: { 'content-type': 'application/json' }, body: '' } },
		says('crossingCounts', notJson),
	],
	['HTTP 204 No Content', 'lineCrosses', { raw: { status: 204 } }, says('lineCrosses', notJson)],
	[
		'HTTP 200 with a captive-portal HTML page',
		'lineCrosses',
		{
			raw: {
				headers: { 'content-type': 'text/html' },
				body: '<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body>Accept the terms</body></html>',
			},
		},
		says('lineCrosses', `${notJson}: an HTML page titled "Guest Wi-Fi"`),
	],
	[
		'HTTP 200 with XML',
		'crossingCounts',
		{
			raw: {
				headers: { 'content-type': 'application/xml' },
				body: '<?xml version="1.0"?><report><crossingCounts/></report>',
			},
		},
		says('crossingCounts', notJson),
	],
	[
		'HTTP 200 with plain text',
		'zoneVisitors',
		{
			raw: { headers: { 'content-type': 'text/plain' }, body: 'Service temporarily unavailable' },
		},
		says('zoneVisitors', `${notJson}: "Service temporarily unavailable"`),
	],
];

async function answerWith(answer: Answer): Promise<SimContext> {
	if ('fault' in answer) {
		sim.sim.faults.add(answer.fault);
		return sim;
	}
	hostile.respond(answer.raw);
	return hostileContext;
}

function isRetried(answer: Answer): boolean {
	return (
		'fault' in answer &&
		['truncated', 'html', 'status', 'timeout', 'reset'].includes(answer.fault.kind)
	);
}

function onlyErrorItem(items: INodeExecutionData[], message: RegExp) {
	expect(items).toHaveLength(1);
	expect(Object.keys(items[0].json).sort()).toEqual(
		Object.keys(items[0].json).includes('errorDescription')
			? ['error', 'errorDescription']
			: ['error'],
	);
	expect(String(items[0].json.error)).toMatch(message);
	expect(items[0].binary).toBeUndefined();
}

describe('hostile API answers end in a clear error and no partial output', () => {
	it('covers at least 10 hostile answers across both nodes', () => {
		expect(cases.length).toBeGreaterThanOrEqual(10);
		expect(new Set(cases.map(([, what]) => nodeOf[what]))).toEqual(new Set(['rhombus', 'indivd']));
	});

	it.each(cases)('%s (%s)', async (_what, what, answer, message) => {
		const context = await answerWith(answer);
		const items = await run(context, nodeOf[what], base[what], { continueOnFail: true });
		onlyErrorItem(items, message);
		// Answers that are retried with backoff (3 s each time) are checked in one mode only.
		if (isRetried(answer)) return;
		await expect(run(context, nodeOf[what], base[what])).rejects.toThrow(message);
	});

	it('a range split into 5 requests whose 3rd answer is broken gives only the error', async () => {
		// Two good answers (synthetic rows of the first two chunks), then a broken one.
		const row = (day: number, hour: number) => ({
			_id: { year: 2026, month: 2, dayofmonth: day, hour },
			count: 7,
		});
		const parameters = { ...base.lineCrosses, startDate: '2026-02-01', endDate: '2026-03-02' };
		for (const continueOnFail of [false, true]) {
			sim.sim.faults.clear();
			sim.sim.log.clear();
			sim.sim.faults.add({ kind: 'status', status: 200, body: [row(1, 0)], times: 1 });
			sim.sim.faults.add({ kind: 'status', status: 200, body: [row(8, 0)], times: 1 });
			sim.sim.faults.add({ kind: 'schema', body: { detail: 'oops' }, times: Infinity });
			const message = says('lineCrosses', `${mismatch('(root)')} Expected array, received object`);
			if (continueOnFail)
				onlyErrorItem(await run(sim, 'indivd', parameters, { continueOnFail }), message);
			else await expect(run(sim, 'indivd', parameters)).rejects.toThrow(message);
			expect(sim.sim.log.entries().filter((entry) => entry.vendor === 'indivd')).toHaveLength(3);
		}
	});
});

/** Answers that look like data but cannot be true: impossible dates, repeats, counts below zero. */
describe('answers that contradict the request or the calendar end in an error naming the endpoint', () => {
	// The ~50 MB answers and a very long valid range are in large.test.ts.
	const hour = (h: number) => Date.UTC(2026, 2, 29, h);

	it('a row for month 13 ends in an error naming the endpoint (lineCrosses)', async () => {
		sim.sim.faults.add({
			kind: 'schema',
			body: [{ _id: { year: 2026, month: 13, dayofmonth: 1, hour: 0 }, count: 1 }],
			times: Infinity,
		});
		await expect(run(sim, 'indivd', base.lineCrosses)).rejects.toThrow(says('lineCrosses', ''));
	});

	it('a row outside the requested days is refused (lineCrosses)', async () => {
		sim.sim.faults.add({
			kind: 'schema',
			body: [{ _id: { year: 2019, month: 1, dayofmonth: 1, hour: 0 }, count: 1 }],
			times: Infinity,
		});
		await expect(run(sim, 'indivd', base.lineCrosses)).rejects.toThrow(says('lineCrosses', ''));
	});

	it('two rows for the same bucket are refused (lineCrosses)', async () => {
		const row = { _id: { year: 2026, month: 3, dayofmonth: 2, hour: 0 }, count: 1 };
		sim.sim.faults.add({ kind: 'schema', body: [row, { ...row, count: 2 }], times: Infinity });
		await expect(run(sim, 'indivd', base.lineCrosses)).rejects.toThrow(says('lineCrosses', ''));
	});

	it('a bucket outside the requested range is refused (crossingCounts)', async () => {
		sim.sim.faults.add({
			kind: 'schema',
			body: { crossingCounts: [{ ingressCount: 1, egressCount: 1, timestampMs: 1 }] },
			times: Infinity,
		});
		await expect(run(sim, 'rhombus', base.crossingCounts)).rejects.toThrow(
			says('crossingCounts', ''),
		);
	});

	it('a time far outside the calendar ends in an error naming the endpoint (crossingCounts)', async () => {
		sim.sim.faults.add({
			kind: 'schema',
			body: { crossingCounts: [{ ingressCount: 1, egressCount: 1, timestampMs: 1e300 }] },
			times: Infinity,
		});
		await expect(run(sim, 'rhombus', base.crossingCounts)).rejects.toThrow(
			says('crossingCounts', ''),
		);
	});

	it('negative and fractional counts are refused (crossingCounts)', async () => {
		sim.sim.faults.add({
			kind: 'schema',
			body: { crossingCounts: [{ ingressCount: -3, egressCount: 1.5, timestampMs: hour(0) }] },
			times: Infinity,
		});
		await expect(run(sim, 'rhombus', base.crossingCounts)).rejects.toThrow(
			says('crossingCounts', ''),
		);
	});
});
