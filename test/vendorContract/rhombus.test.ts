import { clipProgressPolling } from '../../nodes/Rhombus/actions/clip/clips';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import type { CredentialSet } from '../helpers/context';
import { simulatorCredentials } from '../helpers/context';
import { createLoadOptionsContext, executeNode } from '../helpers/execute';
import type { Parameters } from '../helpers/execute';
import { cameraLocator, node, withDefaults } from '../rhombus/helpers';
import { rhombus } from '../simulator/simClient';
import type { ClipsPage } from '../simulator/simClient';
import { readVendorFixture } from './fixtures.cjs';
import type { ResponseSchema } from './generate';
import { generateVariants, openApiResponses } from './generate';
import type { Expectations, Operation, Removed } from './harness';
import { outcomeOf, probe, triggerScenario, tryVariant } from './harness';

// Every answer the Rhombus contract allows, generated from the published schemas
// (test/fixtures/vendor), is served by the simulator to every operation that reads it.

const NOW = Date.UTC(2026, 3, 1, 12, 0, 0);
const trigger = new RhombusTrigger();
let sim: Simulator;
let credentials: CredentialSet;
let seededClipUuid: string;
let defaultPollIntervalMs: number;

const camera = (index: number) => sim.fixtures.rhombus.cameras[index].uuid;

type Name =
	| 'report getCrossingCounts'
	| 'report getOccupancy'
	| 'video getFrame'
	| 'clip create'
	| 'clip get'
	| 'clip download'
	| 'clip getMany'
	| 'getCameras'
	| 'searchCameras'
	| 'trigger crossingCounts'
	| 'trigger occupancy';

async function items(parameters: Parameters) {
	const { items, hints } = await executeNode(node, {
		credentials,
		parameters: withDefaults(parameters),
	});
	return { items: items.map((item) => item.json), hints: hints.map((hint) => hint.message) };
}

function loadContext() {
	return createLoadOptionsContext(credentials, {
		resource: 'report',
		operation: 'getCrossingCounts',
	});
}

const operations: Array<Operation<Name>> = [
	{
		name: 'report getCrossingCounts',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({
					resource: 'report',
					operation: 'getCrossingCounts',
					cameraUuids: [camera(0), camera(1)],
					startTime: '2026-04-01T08:00:00Z',
					endTime: '2026-04-01T11:00:00Z',
					timeZone: 'UTC',
				}),
			),
	},
	{
		name: 'report getOccupancy',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({
					resource: 'report',
					operation: 'getOccupancy',
					cameraUuid: cameraLocator(camera(0)),
					startTime: '2026-04-01T08:00:00Z',
					endTime: '2026-04-01T11:00:00Z',
					timeZone: 'Europe/Berlin',
					interval: 'HOURLY',
				}),
			),
	},
	{
		name: 'video getFrame',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({
					resource: 'video',
					operation: 'getFrame',
					cameraUuid: cameraLocator(camera(0)),
					timestamp: '2026-04-01T11:00:00Z',
				}),
			),
	},
	{
		name: 'clip create',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({
					resource: 'clip',
					operation: 'create',
					cameraUuid: cameraLocator(camera(0)),
					startTime: '2026-03-31T09:00:00Z',
					waitForCompletion: true,
					waitTimeoutSec: 1,
					download: true,
				}),
			),
	},
	{
		name: 'clip get',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({ resource: 'clip', operation: 'get', clipUuid: seededClipUuid }),
			),
	},
	{
		name: 'clip download',
		hasItems: true,
		run: async () =>
			await outcomeOf(() =>
				items({ resource: 'clip', operation: 'download', clipUuid: seededClipUuid, region: '' }),
			),
	},
	{
		name: 'clip getMany',
		hasItems: true,
		run: async () =>
			await outcomeOf(() => items({ resource: 'clip', operation: 'getMany', limit: 3 })),
	},
	{
		name: 'getCameras',
		hasItems: false,
		run: async () =>
			await outcomeOf(async () => await node.methods.loadOptions.getCameras.call(loadContext())),
	},
	{
		name: 'searchCameras',
		hasItems: false,
		run: async () =>
			await outcomeOf(
				async () => (await node.methods.listSearch.searchCameras.call(loadContext(), 'e')).results,
			),
	},
	{
		name: 'trigger crossingCounts',
		hasItems: true,
		run: async () =>
			await triggerScenario(sim, trigger, {
				event: 'crossingCounts',
				cameraUuids: [camera(0), camera(1)],
				bucketSize: 'HOUR',
				timeZone: 'UTC',
				settleMinutes: 2,
				startFrom: 'now',
				maxBucketsPerPoll: 500,
				emit: 'everyBucket',
			}),
	},
	{
		name: 'trigger occupancy',
		hasItems: true,
		run: async () =>
			await triggerScenario(sim, trigger, {
				event: 'occupancy',
				cameraUuids: [camera(0)],
				interval: 'HOURLY',
				timeZone: 'Europe/Berlin',
				settleMinutes: 2,
				startFrom: 'now',
				emit: 'everyBucket',
			}),
	},
];

const completionLost = (removed: Removed) =>
	removed('clip.status') && (removed('clip.percentComplete') || removed('clip.currentOperation'));

/**
 * What the operations cannot do without, and why. Every other variant must succeed. The chosen
 * camera and its location (HQ Berlin) are the first rows of the camera and location lists, so
 * variants of one row hit them.
 */
const expectations: Expectations<Name> = {
	needs: [
		{
			kind: 'getExactFrameData',
			operations: ['video getFrame'],
			lost: (removed) => removed('frameData'),
			names: /frameData/,
			why: 'the image is the output; without it there is none (docs/contract.md §3.3 Frames)',
		},
		{
			kind: 'spliceV3',
			operations: ['clip create'],
			lost: (removed) => removed('clipUuid') && removed('clipUuidList[]'),
			names: /clipUuid/,
			why: "the new clip's ID; Rhombus's SDK reads clipUuid, else clipUuidList[0]",
		},
		{
			kind: 'getClipWithProgress',
			operations: ['clip create', 'clip get', 'clip download'],
			lost: (removed) => removed('clip'),
			names: /\bclip\b/i,
			why: 'an answer without a clip says nothing about the clip asked for',
		},
		{
			kind: 'getClipWithProgress',
			operations: ['clip create', 'clip download'],
			lost: completionLost,
			names: /status|complete|ready/i,
			why: 'a clip is complete on status COMPLETE, or at 100 % with operation "Complete" (SDK)',
		},
		{
			kind: 'getClipWithProgress',
			operations: ['clip create', 'clip download'],
			lost: (removed) =>
				removed('clip.clipLocation.region') && removed('clip.thumbnailLocation.region'),
			names: /clipLocation\.region/,
			why: "the media host needs the storage region; the SDK reads clipLocation.region, else the thumbnail's",
		},
		{
			kind: 'getPresenceWindows',
			operations: ['clip create'],
			// A map there without a window is no footage; a map absent or null says nothing.
			lost: (removed) => removed('presenceWindows[][]') && !removed('presenceWindows'),
			names: /Start Time: camera .* has no recorded footage/,
			why: 'spliceV3 would render "VIDEO NOT AVAILABLE" frames (docs/contract.md §3.3 Clips)',
		},
		// The camera list and the locations' zones are no longer needed: an answer is read on the
		// calendar its own points show (docs/contract.md §8.1 "Calendars").
	],
	rowKeys: [
		{
			kind: 'getBatchThresholdCrossingCountReport',
			operations: ['report getCrossingCounts', 'trigger crossingCounts'],
			row: 'crossingCounts[]',
			key: 'timestampMs',
		},
		{
			kind: 'getBatchThresholdCrossingCountReport',
			operations: ['report getCrossingCounts', 'trigger crossingCounts'],
			row: 'deviceCrossingCounts[][]',
			key: 'timestampMs',
		},
		{
			kind: 'getOccupancyCountsV2',
			operations: ['report getOccupancy', 'trigger occupancy'],
			row: 'timeSeriesDataPoints[]',
			key: 'timestampMs',
			standIns: ['dateUtc', 'dateLocal'],
		},
		{
			kind: 'getClipsWithProgress',
			operations: ['clip getMany'],
			row: 'savedClips[]',
			key: 'uuid',
		},
	],
};

/** The operations the package calls, as Rhombus names them. */
const calledKinds = [
	'getBatchThresholdCrossingCountReport',
	'getOccupancyCountsV2',
	'getExactFrameData',
	'spliceV3',
	'getClipWithProgress',
	'getClipsWithProgress',
	'getMinimalCameraStateList',
	'getLocations',
	'getPresenceWindows',
];

/** Rhombus's MCP server reads the crossing report as a map per device: the simulator's `map`. */
const responses: Array<ResponseSchema & { crossingShape: 'array' | 'map' }> = [
	...openApiResponses(readVendorFixture('rhombus-openapi.json'), 'public OpenAPI spec').map(
		(response) => ({ ...response, crossingShape: 'array' as const }),
	),
	...openApiResponses(readVendorFixture('rhombus-mcp.json'), "Rhombus MCP server's types").map(
		(response) => ({
			...response,
			crossingShape: 'map' as const,
		}),
	),
].filter((response) => calledKinds.includes(response.kind));

let calls: Awaited<ReturnType<typeof probe<Name>>>;

beforeAll(async () => {
	sim = await startSimulator({ now: NOW, rateLimit: false });
	credentials = simulatorCredentials(sim.url);
	defaultPollIntervalMs = clipProgressPolling.intervalMs;
	clipProgressPolling.intervalMs = 1;
	const page = await rhombus<ClipsPage>(sim, '/api/event/getClipsWithProgress', { pageSize: 1 });
	seededClipUuid = page.json.savedClips[0].uuid;
	calls = await probe(sim, operations);
});
afterAll(async () => {
	clipProgressPolling.intervalMs = defaultPollIntervalMs;
	await sim.close();
});

describe('Rhombus operations on the normal answers', () => {
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
			sim.config.setCrossingShape(response.crossingShape);
			const callers = operations.filter((operation) =>
				calls.get(operation.name)?.kinds.has(response.kind),
			);
			expect(callers.length).toBeGreaterThan(0);
			expect(await tryVariant(sim, response, variant, callers, expectations)).toEqual([]);
		});
	});
}
