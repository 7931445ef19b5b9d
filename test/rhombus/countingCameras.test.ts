import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import { createLoadOptionsContext } from '../helpers/execute';
import { fakeDateOnly } from '../helpers/clock';
import { poll } from '../helpers/poll';
import { cameraLocator, node, NOW, requests, run, useSimulator } from './helpers';

const rhombus = useSimulator();
const trigger = new RhombusTrigger();

const orgWide = '/api/camera/getLineCrossingEnabledCameras';
const perLocation = '/api/camera/getLineCrossingEnabledCamerasForLocation';
const occupancyCameras = '/api/camera/getOccupancyEnabledCameras';
const capabilityPaths = [orgWide, perLocation, occupancyCameras];

afterEach(() => rhombus.sim.config.setCapabilityEndpoints(true));

function camera(name: string) {
	const found = rhombus.sim.fixtures.rhombus.cameras.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no simulated camera ${name}`);
	return found;
}

function loadContext() {
	return createLoadOptionsContext(rhombus.credentials, {
		resource: 'report',
		operation: 'getCrossingCounts',
	});
}

function names(options: Array<{ name: string }>): string[] {
	return options.map((option) => option.name);
}

function capabilityRequests(): string[] {
	return requests(rhombus)
		.map((entry) => entry.path)
		.filter((path) => capabilityPaths.includes(path));
}

/** Every camera by name with its location, as the pickers list them when Rhombus does not say more. */
const everyCamera = [
	'Berlin Lobby Entrance (HQ Berlin)',
	'Berlin Open Office (HQ Berlin)',
	'LA Front Door (Store Los Angeles)',
	'LA Stockroom (Store Los Angeles)',
	'Sydney Entrance (Store Sydney)',
	'Sydney Loading Dock (Store Sydney)',
];

const lineCamerasFirst = [
	'Berlin Lobby Entrance (HQ Berlin)',
	'LA Front Door (Store Los Angeles)',
	'Sydney Entrance (Store Sydney)',
	'Sydney Loading Dock (Store Sydney)',
	'Berlin Open Office (HQ Berlin) — no counting line',
	'LA Stockroom (Store Los Angeles) — no counting line',
];

const occupancyCamerasFirst = [
	'Berlin Lobby Entrance (HQ Berlin)',
	'Berlin Open Office (HQ Berlin)',
	'Sydney Entrance (Store Sydney)',
	'LA Front Door (Store Los Angeles) — no occupancy region',
	'LA Stockroom (Store Los Angeles) — no occupancy region',
	'Sydney Loading Dock (Store Sydney) — no occupancy region',
];

describe('crossing-count camera pickers', () => {
	it('list the cameras with a counting line first, the others marked, from one org-wide lookup', async () => {
		const options = await node.methods.loadOptions.getCountingLineCameras.call(loadContext());
		expect(names(options)).toEqual(lineCamerasFirst);
		expect(options[5].value).toBe(camera('LA Stockroom').uuid);
		expect(requests(rhombus)).toHaveLength(3);
		expect(capabilityRequests()).toEqual([orgWide]);
	});

	it('ask each location in parallel when the org-wide list is missing', async () => {
		rhombus.sim.faults.add({ path: orgWide, kind: 'status', status: 404, times: 1 });
		const options = await node.methods.loadOptions.getCountingLineCameras.call(loadContext());
		expect(names(options)).toEqual(lineCamerasFirst);
		const asked = requests(rhombus, perLocation).map((entry) => entry.body);
		expect(asked).toEqual(
			expect.arrayContaining(
				rhombus.sim.fixtures.rhombus.locations.map((location) => ({
					locationUuid: location.uuid,
				})),
			),
		);
		expect(requests(rhombus)).toHaveLength(6);
	});

	it('list every camera as before when Rhombus has no capability endpoints (404)', async () => {
		rhombus.sim.config.setCapabilityEndpoints(false);
		const options = await node.methods.loadOptions.getCountingLineCameras.call(loadContext());
		expect(names(options)).toEqual(everyCamera);
		expect(requests(rhombus, orgWide)[0].status).toBe(404);
	});

	it('list every camera as before when a location lookup answers an in-band error', async () => {
		rhombus.sim.faults.add({ path: orgWide, kind: 'status', status: 404, times: 1 });
		rhombus.sim.faults.add({
			path: perLocation,
			kind: 'inBandError',
			errorMsg: 'Role lacks camera access',
		});
		const options = await node.methods.loadOptions.getCountingLineCameras.call(loadContext());
		expect(names(options)).toEqual(everyCamera);
	});

	it('are the Get Crossing Counts cameras and the trigger cameras of event Crossing Counts', () => {
		const crossing = node.description.properties.find(
			(property) => property.name === 'cameraUuids',
		);
		expect(crossing?.displayOptions?.show).toMatchObject({ operation: ['getCrossingCounts'] });
		expect(crossing?.typeOptions?.loadOptionsMethod).toBe('getCountingLineCameras');
		expect(triggerCameras('crossingCounts').typeOptions?.loadOptionsMethod).toBe(
			'getCountingLineCameras',
		);
	});
});

function triggerCameras(event: string): INodeProperties {
	const shown = trigger.description.properties.filter(
		(property) =>
			property.name === 'cameraUuids' && property.displayOptions?.show?.event?.includes(event),
	);
	expect(shown).toHaveLength(1);
	return shown[0];
}

describe('occupancy camera pickers', () => {
	it('list the cameras with an occupancy region first, the others marked, from one lookup', async () => {
		const found = await node.methods.listSearch.searchOccupancyCameras.call(loadContext());
		expect(names(found.results)).toEqual(occupancyCamerasFirst);
		expect(requests(rhombus)).toHaveLength(3);
		expect(capabilityRequests()).toEqual([occupancyCameras]);

		const trigger = await node.methods.loadOptions.getOccupancyCameras.call(loadContext());
		expect(names(trigger)).toEqual(occupancyCamerasFirst);
	});

	it('search by name and keep the order', async () => {
		const found = await node.methods.listSearch.searchOccupancyCameras.call(loadContext(), 'la ');
		expect(names(found.results)).toEqual([
			'LA Front Door (Store Los Angeles) — no occupancy region',
			'LA Stockroom (Store Los Angeles) — no occupancy region',
		]);
	});

	it('list every camera as before when the lookup is missing (404) or answers an in-band error', async () => {
		rhombus.sim.config.setCapabilityEndpoints(false);
		const missing = await node.methods.listSearch.searchOccupancyCameras.call(loadContext());
		expect(names(missing.results)).toEqual(everyCamera);

		rhombus.sim.config.setCapabilityEndpoints(true);
		rhombus.sim.faults.add({ path: occupancyCameras, kind: 'inBandError', errorMsg: 'No' });
		const refused = await node.methods.loadOptions.getOccupancyCameras.call(loadContext());
		expect(names(refused)).toEqual(everyCamera);
	});

	it('are the Get Occupancy camera list and the trigger cameras of event Occupancy', () => {
		const locator = node.description.properties.find(
			(property) =>
				property.name === 'cameraUuid' &&
				property.displayOptions?.show?.operation?.includes('getOccupancy'),
		);
		expect(locator?.modes?.[0].typeOptions?.searchListMethod).toBe('searchOccupancyCameras');
		expect(triggerCameras('occupancy').typeOptions?.loadOptionsMethod).toBe('getOccupancyCameras');
	});

	it('leave the other camera pickers listing every camera without a lookup', async () => {
		const options = await node.methods.loadOptions.getCameras.call(loadContext());
		expect(names(options)).toEqual(everyCamera);
		const found = await node.methods.listSearch.searchCameras.call(loadContext());
		expect(names(found.results)).toEqual(everyCamera);
		expect(capabilityRequests()).toEqual([]);
	});
});

function crossingCounts(cameraNames: string[], overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'report',
		operation: 'getCrossingCounts',
		cameraUuids: cameraNames.map((name) => camera(name).uuid),
		startTime: '2026-04-01T08:00:00Z',
		endTime: '2026-04-01T11:00:00Z',
		timeZone: 'UTC',
		...overrides,
	};
}

function occupancy(cameraName: string): IDataObject {
	return {
		resource: 'report',
		operation: 'getOccupancy',
		cameraUuid: cameraLocator(camera(cameraName).uuid),
		startTime: '2026-04-01T08:00:00Z',
		endTime: '2026-04-01T11:00:00Z',
		timeZone: 'UTC',
		interval: 'QUARTERHOURLY',
	};
}

const noLine = (uuid: string) => `camera ${uuid} has no counting line, so its counts are 0`;

describe('crossing counts of a camera without a counting line', () => {
	it('say in every item that the camera has no counting line, after one lookup', async () => {
		const stockroom = camera('LA Stockroom').uuid;
		const items = await run(rhombus, crossingCounts(['LA Stockroom']));
		expect(items).toHaveLength(3);
		for (const { json } of items) {
			expect(json).toMatchObject({ ingress: 0, egress: 0, warning: noLine(stockroom) });
			expect(Object.keys(json).at(-1)).toBe('warning');
		}
		expect(capabilityRequests()).toEqual([orgWide]);
	});

	it("come after Rhombus's own warning", async () => {
		const items = await run(rhombus, crossingCounts(['Sydney Loading Dock', 'LA Stockroom']));
		expect(items[0].json.warning).toBe(
			`1 device(s) offline; counts may be incomplete. ${noLine(camera('LA Stockroom').uuid)}`,
		);
	});

	it('make no lookup and no notice when any count is above 0', async () => {
		const items = await run(rhombus, crossingCounts(['Berlin Lobby Entrance', 'LA Stockroom']));
		expect(items.some(({ json }) => (json.ingress as number) > 0)).toBe(true);
		expect(items.every(({ json }) => json.warning === undefined)).toBe(true);
		expect(capabilityRequests()).toEqual([]);
	});

	it('name no camera that has a counting line, even when all its counts are 0', async () => {
		const items = await run(rhombus, crossingCounts(['Sydney Loading Dock']));
		expect(items.every(({ json }) => json.ingress === 0 && json.egress === 0)).toBe(true);
		expect(items[0].json.warning).toBe('1 device(s) offline; counts may be incomplete');
		expect(capabilityRequests()).toEqual([orgWide]);
	});

	it('with One Row per Camera, name the camera only on its own rows', async () => {
		const stockroom = camera('LA Stockroom').uuid;
		const items = await run(
			rhombus,
			crossingCounts(['Berlin Lobby Entrance', 'LA Stockroom'], { perCamera: true }),
		);
		const rows = (uuid: string) => items.filter(({ json }) => json.cameraUuid === uuid);
		expect(rows(stockroom).map(({ json }) => json.warning)).toEqual([
			noLine(stockroom),
			noLine(stockroom),
			noLine(stockroom),
		]);
		expect(rows(camera('Berlin Lobby Entrance').uuid).map(({ json }) => json.warning)).toEqual([
			undefined,
			undefined,
			undefined,
		]);
		expect(capabilityRequests()).toEqual([orgWide]);
	});

	it('add nothing when Rhombus cannot say which cameras have a line', async () => {
		rhombus.sim.config.setCapabilityEndpoints(false);
		const items = await run(rhombus, crossingCounts(['LA Stockroom']));
		expect(items.every(({ json }) => json.warning === undefined)).toBe(true);
	});

	it('are not looked up for raw output', async () => {
		await run(rhombus, crossingCounts(['LA Stockroom'], { outputMode: 'raw' }));
		expect(capabilityRequests()).toEqual([]);
	});
});

describe('occupancy of a camera without an occupancy region', () => {
	it('says in every item that the camera has no occupancy region, after one lookup', async () => {
		const stockroom = camera('LA Stockroom').uuid;
		const items = await run(rhombus, occupancy('LA Stockroom'));
		expect(items).toHaveLength(12);
		for (const { json } of items) {
			expect(json).toMatchObject({
				occupancy: 0,
				warning: `camera ${stockroom} has no occupancy region, so its counts are 0`,
			});
		}
		expect(capabilityRequests()).toEqual([occupancyCameras]);
	});

	it('makes no lookup and no notice when any count is above 0', async () => {
		const items = await run(rhombus, occupancy('Berlin Open Office'));
		expect(items.some(({ json }) => (json.occupancy as number) > 0)).toBe(true);
		expect(items.every(({ json }) => json.warning === undefined)).toBe(true);
		expect(capabilityRequests()).toEqual([]);
	});

	it('adds nothing when the lookup answers an in-band error', async () => {
		rhombus.sim.faults.add({ path: occupancyCameras, kind: 'inBandError', errorMsg: 'No' });
		const items = await run(rhombus, occupancy('LA Stockroom'));
		expect(items.every(({ json }) => json.warning === undefined)).toBe(true);
	});
});

describe('the Rhombus Trigger on a camera without a counting line', () => {
	beforeAll(() => {
		fakeDateOnly();
		jest.setSystemTime(NOW);
	});
	afterAll(() => jest.useRealTimers());

	const parameters = {
		event: 'crossingCounts',
		bucketSize: 'HOUR',
		timeZone: 'UTC',
		settleMinutes: 2,
		startFrom: 'backfill',
		backfillBuckets: 2,
	};

	it('says so in Fetch Test Event, where the workflow is built', async () => {
		const stockroom = camera('LA Stockroom').uuid;
		const items = await poll(trigger, {
			credentials: rhombus.credentials,
			parameters: { ...parameters, cameraUuids: [stockroom] },
			staticData: {},
			mode: 'manual',
		});
		expect(items?.[0]).toMatchObject({ ingress: 0, warning: noLine(stockroom) });
		expect(capabilityRequests()).toEqual([orgWide]);
	});

	it('asks nothing more in its polls, so quiet hours cost no request', async () => {
		const stockroom = camera('LA Stockroom').uuid;
		const items = await poll(trigger, {
			credentials: rhombus.credentials,
			parameters: { ...parameters, cameraUuids: [stockroom] },
			staticData: {},
		});
		expect(items).toHaveLength(2);
		expect(items?.every((item) => item.warning === undefined)).toBe(true);
		expect(capabilityRequests()).toEqual([]);
	});
});
