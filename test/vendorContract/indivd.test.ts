import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import { createLoadOptionsContext } from '../helpers/execute';
import type { Parameters } from '../helpers/execute';
import { indivdNode, runIndivd } from '../indivd/helpers';
import { readVendorFixture } from './fixtures.cjs';
import { endpointResponses, generateVariants } from './generate';
import type { Expectations, Operation } from './harness';
import { outcomeOf, probe, triggerScenario, tryVariant } from './harness';

// Every answer the Indivd Help Center allows, written down in test/fixtures/vendor and varied
// from there, is served by the simulator to every operation that reads it.

const NOW = Date.UTC(2026, 3, 1, 12, 0, 0);
const trigger = new IndivdTrigger();
let sim: Simulator;

type Name =
	| 'lineCrosses get'
	| 'zoneVisitors get'
	| 'dropInRate get'
	| 'getLocations'
	| 'getZones'
	| 'getLines'
	| 'getCategories'
	| 'getOrganizations'
	| 'getFloors'
	| 'trigger lineCrosses'
	| 'trigger zoneVisitors'
	| 'trigger dropInRate';

async function items(parameters: Parameters) {
	const { items, hints } = await runIndivd(sim, parameters);
	return { items: items.map((item) => item.json), hints: hints.map((hint) => hint.message) };
}

/** A day with a comparison day, so both periods of the zone answers are there to vary. */
const days = {
	startDate: '2026-03-31',
	endDate: '2026-03-31',
	comparisonStartDate: '2026-03-24',
	comparisonEndDate: '2026-03-24',
};

function listMethod(name: Exclude<keyof typeof indivdNode.methods.loadOptions, 'prototype'>) {
	return async () =>
		await outcomeOf(
			async () =>
				await indivdNode.methods.loadOptions[name].call(
					createLoadOptionsContext(simulatorCredentials(sim.url), {
						resource: 'lineCrosses',
						operation: 'get',
						locations: [124],
					}),
				),
		);
}

const operations: Array<Operation<Name>> = [
	{
		name: 'lineCrosses get',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({
					resource: 'lineCrosses',
					operation: 'get',
					startDate: days.startDate,
					endDate: days.endDate,
					aggregateBy: 'hour',
				}),
			),
	},
	{
		name: 'zoneVisitors get',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({ resource: 'zoneVisitors', operation: 'get', ...days, zones: [201] }),
			),
	},
	{
		name: 'dropInRate get',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({ resource: 'dropInRate', operation: 'get', ...days, zones: [201] }),
			),
	},
	{ name: 'getLocations', hasItems: false, run: listMethod('getLocations') },
	{ name: 'getZones', hasItems: false, run: listMethod('getZones') },
	{ name: 'getLines', hasItems: false, run: listMethod('getLines') },
	{ name: 'getCategories', hasItems: false, run: listMethod('getCategories') },
	{ name: 'getOrganizations', hasItems: false, run: listMethod('getOrganizations') },
	{ name: 'getFloors', hasItems: false, run: listMethod('getFloors') },
	{
		name: 'trigger lineCrosses',
		hasItems: true,
		run: async () =>
			await triggerScenario(sim, trigger, {
				event: 'lineCrosses',
				granularity: 'hour',
				lineIds: [5001],
				settleMinutes: 2,
				startFrom: 'now',
				maxBucketsPerPoll: 500,
				emit: 'everyBucket',
			}),
	},
	{
		name: 'trigger zoneVisitors',
		hasItems: true,
		run: async () =>
			await triggerScenario(sim, trigger, {
				event: 'zoneVisitors',
				granularity: 'hour',
				zones: [201],
				timeZone: 'Europe/Stockholm',
				settleMinutes: 2,
				startFrom: 'now',
				maxBucketsPerPoll: 500,
				emit: 'everyBucket',
			}),
	},
	{
		name: 'trigger dropInRate',
		hasItems: true,
		run: async () =>
			await triggerScenario(sim, trigger, {
				event: 'dropInRate',
				granularity: 'hour',
				zones: [201],
				timeZone: 'Europe/Stockholm',
				settleMinutes: 2,
				startFrom: 'now',
				maxBucketsPerPoll: 500,
				emit: 'everyBucket',
			}),
	},
];

/**
 * Nothing: the Help Center names no field optional that a row needs to be placed (the date parts
 * of a row are there exactly when the request groups by them), so every variant must succeed.
 */
const expectations: Expectations<Name> = { needs: [], rowKeys: [] };

/** The endpoints the package calls. */
const calledKinds = [
	'line_crosses',
	'zone_visitors',
	'drop_in_rate',
	'filters/locations',
	'filters/zones',
	'filters/lines',
	'filters/categories',
	'filters/organisations',
];

const responses = endpointResponses(
	readVendorFixture('indivd-responses.json'),
	'Indivd Help Center',
).filter((response) => calledKinds.includes(response.kind));

let calls: Awaited<ReturnType<typeof probe<Name>>>;

beforeAll(async () => {
	sim = await startSimulator({ now: NOW, rateLimit: false });
	calls = await probe(sim, operations);
});
afterAll(async () => await sim.close());

describe('Indivd operations on the normal answers', () => {
	it('all succeed', () => {
		const failed = [...calls].filter(([, { outcome }]) => outcome.error);
		expect(failed.map(([name, { outcome }]) => `${name}: ${outcome.error?.message}`)).toEqual([]);
	});

	it('together call every endpoint the package calls, and only those', () => {
		const called = new Set([...calls.values()].flatMap(({ kinds }) => [...kinds]));
		expect([...called].sort()).toEqual([...calledKinds].sort());
	});
});

for (const response of responses) {
	describe(`operations reading ${response.kind} cope with each variant allowed by the ${response.source}`, () => {
		it.each(generateVariants(response))('$name', async (variant) => {
			const callers = operations.filter((operation) =>
				calls.get(operation.name)?.kinds.has(response.kind),
			);
			expect(callers.length).toBeGreaterThan(0);
			expect(await tryVariant(sim, response, variant, callers, expectations)).toEqual([]);
		});
	});
}
