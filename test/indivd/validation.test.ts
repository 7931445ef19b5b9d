import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import { simulatorCredentials, simulatorSecrets } from '../helpers/context';
import { createLoadOptionsContext, executeNode } from '../helpers/execute';
import { dataRequests, indivdNode, jsonOf, runIndivd } from './helpers';

let sim: Simulator;
const now = Date.UTC(2026, 10, 21, 12);

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(now);
	sim = await startSimulator({ rateLimit: false, now });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.log.clear();
	sim.faults.clear();
});

const lineCrosses = {
	resource: 'lineCrosses',
	operation: 'get',
	startDate: '2026-11-02',
	endDate: '2026-11-03',
};
const zoneVisitors = { ...lineCrosses, resource: 'zoneVisitors', timeZone: 'UTC' };
const dropInRate = { ...lineCrosses, resource: 'dropInRate', timeZone: 'UTC' };

describe('Indivd parameters are checked before any request', () => {
	it.each([
		[
			'an end before the start',
			{ ...lineCrosses, endDate: '2026-11-01' },
			/^End Date: 2026-11-01 is before Start Date 2026-11-02 \[item 0\]$/,
		],
		[
			'a date that is no date',
			{ ...lineCrosses, startDate: '2026-02-30' },
			/^Start Date: "2026-02-30"/,
		],
		[
			'a location that is no ID',
			{ ...lineCrosses, locations: 'Stockholm' },
			/^Locations: "Stockholm" is not a numeric ID/,
		],
		[
			'two organisations',
			{ ...lineCrosses, organization: '1,2' },
			/^Organization: Indivd takes one organisation here/,
		],
		[
			'an unknown grouping from an expression',
			{ ...lineCrosses, aggregateBy: 'fortnight' },
			/^Aggregate By: "fortnight" is not one of/,
		],
		[
			'a comparison end without start',
			{ ...zoneVisitors, comparisonEndDate: '2026-10-03' },
			/^Comparison Start Date: is required/,
		],
		[
			'a comparison start without end',
			{ ...dropInRate, comparisonStartDate: '2026-10-03' },
			/^Comparison End Date: is required/,
		],
		[
			'a comparison ending before it starts',
			{ ...zoneVisitors, comparisonStartDate: '2026-10-05', comparisonEndDate: '2026-10-01' },
			/^Comparison End Date: 2026-10-01 is before/,
		],
		[
			'max dwell above 3 hours',
			{ ...zoneVisitors, maxDwell: 10801 },
			/^Max Dwell: 10801 must be a whole number between 0 and 10800/,
		],
		[
			'min dwell above max dwell',
			{ ...zoneVisitors, minDwell: 600, maxDwell: 60 },
			/^Min Dwell: 600 is above Max Dwell 60/,
		],
		[
			'a bounce threshold below -1',
			{ ...zoneVisitors, bounceThreshold: -5 },
			/^Bounce Threshold: -5 must be a whole number at least -1/,
		],
		[
			'an unknown time zone',
			{ ...zoneVisitors, timeZone: 'Mars/Olympus' },
			/^Time Zone: "Mars\/Olympus"/,
		],
		[
			'an unknown interval',
			{ ...dropInRate, interval: 'fortnight' },
			/^Interval: "fortnight" is not one of/,
		],
	])('rejects %s', async (_case, parameters, message) => {
		await expect(runIndivd(sim, parameters)).rejects.toThrow(message);
		expect(sim.log.entries()).toHaveLength(0);
	});
});

describe('Indivd failures per item', () => {
	it('yields an error item paired with its input under Continue On Fail, and goes on', async () => {
		const { items } = await runIndivd(
			sim,
			[
				{ ...lineCrosses, aggregateBy: 'dayofmonth' },
				{ ...lineCrosses, endDate: '2026-11-01' },
				{ ...lineCrosses, aggregateBy: 'dayofmonth' },
			],
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		const errors = items.filter((item) => item.json.error);
		expect(errors).toEqual([
			{
				json: { error: 'End Date: 2026-11-01 is before Start Date 2026-11-02 [item 1]' },
				pairedItem: { item: 1 },
			},
		]);
		expect(items.filter((item) => !item.json.error).map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 2 },
			{ item: 2 },
		]);
	});

	it.each([
		[
			401,
			{ token: simulatorSecrets.wrongIndivdToken },
			'Indivd did not accept the API token (HTTP 401)',
		],
		[403, { token: simulatorSecrets.scopedIndivdToken }, 'Indivd refused access (HTTP 403)'],
	])('explains HTTP %s', async (_status, credential, message) => {
		const credentials = simulatorCredentials(sim.url);
		await expect(
			executeNode(indivdNode, {
				credentials: { ...credentials, indivdApi: { ...credentials.indivdApi, ...credential } },
				parameters: { ...lineCrosses, locations: [125] },
			}),
		).rejects.toThrow(message);
	});

	it('explains a 500 that persists', async () => {
		sim.faults.add({ vendor: 'indivd', kind: 'status', status: 500, times: Infinity });
		await expect(runIndivd(sim, { ...lineCrosses, aggregateBy: 'hour' })).rejects.toThrow(
			/failed on the Indivd side \(HTTP 500\)/,
		);
	});

	it('passes a 400 on with the endpoint named', async () => {
		sim.faults.add({ vendor: 'indivd', kind: 'status', status: 400 });
		await expect(runIndivd(sim, { ...lineCrosses, aggregateBy: 'hour' })).rejects.toThrow(
			'Indivd GET /api/v1/rnd/insights/external/line_crosses/ was rejected (HTTP 400)',
		);
	});

	it('returns nothing for an empty answer and says why data may be missing', async () => {
		const { items, hints } = await runIndivd(sim, { ...lineCrosses, lineIds: [9999] });
		expect(dataRequests(sim, 'line_crosses')).toHaveLength(1);
		expect(items).toEqual([]);
		expect(hints).toEqual([
			expect.objectContaining({ message: expect.stringMatching(/token's scope/) }),
		]);
	});

	const future = { startDate: '2030-01-01', endDate: '2030-01-02' };
	const futureHint = {
		message:
			'The requested range starts after now, so Indivd has no data for it yet: choose dates that have begun',
		location: 'outputPane',
	};

	it.each([
		['line crosses', lineCrosses],
		['zone visitors', zoneVisitors],
	])(
		'returns nothing for a range that starts after now (%s) and says so instead of blaming the scope',
		async (_name, parameters) => {
			const { items, hints } = await runIndivd(sim, { ...parameters, ...future });
			expect(items).toEqual([]);
			expect(hints).toEqual([futureHint]);
		},
	);

	it('gives no zero buckets for a drop-in range that starts after now, and says so', async () => {
		const { items, hints } = await runIndivd(sim, { ...dropInRate, ...future });
		expect(jsonOf(items).filter((item) => item.granularity !== 'total')).toEqual([]);
		expect(hints).toEqual([futureHint]);
	});

	it('keeps the token out of error items', async () => {
		const credentials = simulatorCredentials(sim.url);
		const { items } = await executeNode(indivdNode, {
			credentials: {
				...credentials,
				indivdApi: { ...credentials.indivdApi, token: simulatorSecrets.wrongIndivdToken },
			},
			parameters: lineCrosses,
			continueOnFail: true,
		});
		expect(JSON.stringify(jsonOf(items))).not.toContain(simulatorSecrets.wrongIndivdToken);
	});
});

describe('Indivd dropdowns', () => {
	it('lists the locations the token covers, with city and time zone', async () => {
		const context = createLoadOptionsContext(simulatorCredentials(sim.url));
		const options = await indivdNode.methods.loadOptions.getLocations.call(context);
		expect(options).toContainEqual(
			expect.objectContaining({
				value: 124,
				description: 'Europe/Stockholm',
				name: expect.stringContaining('Stockholm'),
			}),
		);
	});

	it('narrows zones and lines to the chosen locations', async () => {
		const context = createLoadOptionsContext(simulatorCredentials(sim.url), { locations: [124] });
		const zones = await indivdNode.methods.loadOptions.getZones.call(context);
		await indivdNode.methods.loadOptions.getLines.call(context);
		expect(zones.map((zone) => zone.value).sort()).toEqual([1121, 201, 202, 203]);
		// Indivd documents no location filter on /filters/zones, so the list is narrowed here.
		expect(sim.log.entries().map((entry) => [entry.path, entry.query.location])).toEqual([
			['/filters/zones', undefined],
			['/filters/lines', '124'],
		]);
	});

	it('offers the floors the lines are on, basements included', async () => {
		const context = createLoadOptionsContext(simulatorCredentials(sim.url));
		const floors = await indivdNode.methods.loadOptions.getFloors.call(context);
		expect(floors).toContainEqual({ name: 'Floor -1 (Basement)', value: -1 });
	});

	it('lists categories and organisations', async () => {
		const context = createLoadOptionsContext(simulatorCredentials(sim.url));
		expect(
			(await indivdNode.methods.loadOptions.getCategories.call(context)).length,
		).toBeGreaterThan(0);
		expect(await indivdNode.methods.loadOptions.getOrganizations.call(context)).toContainEqual(
			expect.objectContaining({ value: 1 }),
		);
	});
});
