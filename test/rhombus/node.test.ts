import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import codex from '../../nodes/Rhombus/Rhombus.node.json';
import packageJson from '../../package.json';
import { simulatorSecrets } from '../helpers/context';
import {
	cameraLocator,
	node,
	requests,
	run,
	runFailure,
	useSimulator,
	visibleText,
	withDefaults,
} from './helpers';

const rhombus = useSimulator();

function property(name: string): INodeProperties {
	const found = node.description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no parameter ${name}`);
	return found;
}

function optionValues(properties: INodeProperties[]): unknown[] {
	return properties.flatMap((candidate) =>
		(candidate.options ?? []).map((option) => ('value' in option ? option.value : undefined)),
	);
}

/** Names of the parameters a user sees for one operation, with the given ones set. */
function visibleParameters(resource: string, operation: string, set: IDataObject = {}): string[] {
	return Object.keys(withDefaults({ resource, operation, ...set }));
}

describe('Rhombus node description', () => {
	it('is a tool-usable action node with subtitle, themed icons and the Rhombus credential', () => {
		const { description } = node;
		expect(description).toMatchObject({
			name: 'rhombus',
			displayName: 'Rhombus',
			version: 1,
			usableAsTool: true,
			icon: { light: 'file:../../icons/rhombus.svg', dark: 'file:../../icons/rhombus.dark.svg' },
			credentials: [{ name: 'rhombusApi', required: true }],
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
		});
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(packageJson.n8n.nodes).toContain('dist/nodes/Rhombus/Rhombus.node.js');
		expect(codex).toMatchObject({
			node: 'n8n-nodes-rhombus-indivd.rhombus',
			categories: ['Analytics'],
		});
	});

	it('offers the resources and operations of the contract', () => {
		expect(optionValues([property('resource')]).sort()).toEqual(['clip', 'report', 'video']);
		const operations = node.description.properties.filter(
			(candidate) => candidate.name === 'operation',
		);
		expect(optionValues(operations).sort()).toEqual(
			[
				'create',
				'download',
				'get',
				'getCrossingCounts',
				'getFrame',
				'getMany',
				'getOccupancy',
			].sort(),
		);
	});

	it.each([
		[
			'report',
			'getCrossingCounts',
			{},
			[
				'cameraUuids',
				'startTime',
				'endTime',
				'timeZone',
				'bucketSize',
				'crossingObject',
				'dedupe',
				'outputMode',
			],
		],
		[
			'report',
			'getOccupancy',
			{},
			['cameraUuid', 'startTime', 'endTime', 'timeZone', 'interval', 'outputMode'],
		],
		[
			'video',
			'getFrame',
			{},
			['cameraUuid', 'timestamp', 'downscaleFactor', 'crop', 'binaryPropertyName'],
		],
		[
			'clip',
			'create',
			{ waitForCompletion: true, download: true },
			[
				'cameraUuid',
				'startTime',
				'durationSec',
				'title',
				'description',
				'waitForCompletion',
				'waitTimeoutSec',
				'download',
				'binaryPropertyName',
			],
		],
		[
			'clip',
			'get',
			{ waitForCompletion: true },
			['clipUuid', 'waitForCompletion', 'waitTimeoutSec'],
		],
		['clip', 'download', {}, ['clipUuid', 'region', 'binaryPropertyName']],
		['clip', 'getMany', {}, ['returnAll', 'limit', 'filters']],
	])('%s → %s has the parameters of the contract', (resource, operation, set, expected) => {
		expect(visibleParameters(resource, operation, set)).toEqual(
			expect.arrayContaining(['resource', 'operation', ...expected]),
		);
	});

	it('uses the contract defaults', () => {
		const crossing = withDefaults({ resource: 'report', operation: 'getCrossingCounts' });
		expect(crossing).toMatchObject({
			bucketSize: 'HOUR',
			crossingObject: 'HUMAN',
			dedupe: true,
			outputMode: 'buckets',
			timeZone: '',
		});
		expect(withDefaults({ resource: 'report', operation: 'getOccupancy' })).toMatchObject({
			interval: 'HOURLY',
		});
		expect(withDefaults({ resource: 'video', operation: 'getFrame' })).toMatchObject({
			downscaleFactor: 1,
			binaryPropertyName: 'data',
		});
		expect(
			withDefaults({ resource: 'clip', operation: 'create', waitForCompletion: true }),
		).toMatchObject({ durationSec: 60, waitTimeoutSec: 300, download: false });
		expect(property('cameraUuid').modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		// The first camera locator is Get Occupancy's, which lists occupancy cameras first.
		expect(property('cameraUuid').modes?.[0].typeOptions?.searchListMethod).toBe(
			'searchOccupancyCameras',
		);
		expect(property('cameraUuids').typeOptions?.loadOptionsMethod).toBe(
			'getCountingLineCameras',
		);
	});
});

describe('Rhombus node runs', () => {
	function frame(overrides: IDataObject = {}): IDataObject {
		return {
			resource: 'video',
			operation: 'getFrame',
			cameraUuid: cameraLocator(rhombus.sim.fixtures.rhombus.cameras[0].uuid),
			timestamp: '2026-03-30T08:00:00Z',
			...overrides,
		};
	}

	it('runs once per input item, pairing every output with its item', async () => {
		const items = await run(rhombus, [frame(), frame({ timestamp: '2026-03-30T09:00:00Z' })], {
			items: [{ json: {} }, { json: {} }],
		});
		expect(items.map((item) => [item.pairedItem, item.json.timestamp])).toEqual([
			[{ item: 0 }, '2026-03-30T08:00:00.000Z'],
			[{ item: 1 }, '2026-03-30T09:00:00.000Z'],
		]);
	});

	it('with Continue On Fail puts an error item, paired with its input, between the good ones', async () => {
		rhombus.sim.faults.add({
			path: '/api/video/getExactFrameData',
			kind: 'inBandError',
			errorMsg: 'Camera is rebooting',
		});
		const items = await run(
			rhombus,
			[frame({ downscaleFactor: 0 }), frame(), frame({ timestamp: '2026-03-30T09:00:00Z' })],
			{ items: [{ json: {} }, { json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(items).toHaveLength(3);
		expect(items[0]).toEqual({
			json: { error: 'Downscale Factor: 0 must be a whole number at least 1 [item 0]' },
			pairedItem: { item: 0 },
		});
		expect(items[1].json.error).toBe(
			'Rhombus rejected /api/video/getExactFrameData: Camera is rebooting',
		);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].pairedItem).toEqual({ item: 2 });
		expect(items[2].binary?.data.mimeType).toBe('image/jpeg');
		expect(requests(rhombus)).toHaveLength(2);
	});

	it('without Continue On Fail stops at the first failing item and names it', async () => {
		const error = await runFailure(rhombus, [frame(), frame({ crop: { x: 101 } })], {
			items: [{ json: {} }, { json: {} }],
		});
		expect(error.message).toBe('Crop X: 101 must be a percentage from 0 to 100 [item 1]');
		expect(error.context.itemIndex).toBe(1);
		expect(requests(rhombus)).toHaveLength(1);
	});

	it('refuses an unknown operation', async () => {
		const error = await runFailure(rhombus, { resource: 'video', operation: 'getLiveStream' });
		expect(error.message).toBe(
			'The operation "getLiveStream" of resource "video" is not supported',
		);
	});

	it('on HTTP 403 names the Region of the credential among the causes, as keys are region-bound', async () => {
		rhombus.sim.faults.add({ kind: 'status', status: 403 });
		const error = await runFailure(rhombus, frame());
		expect(error.message).toBe('Rhombus denied access (HTTP 403)');
		expect(error.description).toContain(
			'the Region of the credential is not the region of your organization (US and EU keys work only in their own region)',
		);
	});

	it('never shows the API key in items or errors', async () => {
		const key = simulatorSecrets.rhombusKey;
		const seen: string[] = [];
		const camera = rhombus.sim.fixtures.rhombus.cameras[0].uuid;

		seen.push(
			visibleText(
				await run(rhombus, {
					resource: 'report',
					operation: 'getCrossingCounts',
					cameraUuids: [camera],
					startTime: '2026-03-30T08:00:00Z',
					endTime: '2026-03-30T10:00:00Z',
					outputMode: 'raw',
				}),
			),
		);
		rhombus.sim.faults.add({
			path: '/api/video/getExactFrameData',
			kind: 'inBandError',
			errorMsg: `Key ${key} is not allowed to read video`,
		});
		seen.push(visibleText(await runFailure(rhombus, frame())));
		seen.push(
			visibleText(
				await run(rhombus, frame({ timestamp: '2026-04-02T00:00:00Z' }), { continueOnFail: true }),
			),
		);
		rhombus.sim.faults.add({ path: '/api/event/getClipWithProgress', kind: 'status', status: 400 });
		seen.push(
			visibleText(await runFailure(rhombus, { resource: 'clip', operation: 'get', clipUuid: 'x' })),
		);
		rhombus.sim.faults.add({ kind: 'status', status: 403 });
		seen.push(visibleText(await runFailure(rhombus, frame())));

		expect(seen.join('\n')).toContain('not allowed to read video');
		for (const text of seen) expect(text).not.toContain(key);
		expect(requests(rhombus).every((entry) => entry.headers['x-auth-apikey'] === key)).toBe(true);
	});

	it('says which credential field is wrong for an unknown key, without showing it', async () => {
		const credentials = {
			...rhombus.credentials,
			rhombusApi: { ...rhombus.credentials.rhombusApi, apiKey: simulatorSecrets.wrongRhombusKey },
		};
		const error = await runFailure({ ...rhombus, credentials }, frame());
		expect(error.message).toBe(
			'Rhombus did not accept the API key (HTTP 401) with the Authentication Scheme "API Token" and the Region "Custom"',
		);
		expect(error.description).toMatch(/API Key/);
		expect(visibleText(error)).not.toContain(simulatorSecrets.wrongRhombusKey);
	});
});
