import cameraStateListNullable from '../fixtures/rhombus/cameraStateList.nullable.json';
import locationsNullable from '../fixtures/rhombus/locations.nullable.json';
import { createLoadOptionsContext } from '../helpers/execute';
import { node, requests, useSimulator } from './helpers';

const rhombus = useSimulator();

function loadContext() {
	return createLoadOptionsContext(rhombus.credentials, {
		resource: 'report',
		operation: 'getCrossingCounts',
	});
}

function expectedOptions() {
	const { cameras, locations } = rhombus.sim.fixtures.rhombus;
	return cameras
		.map((camera) => ({
			name: `${camera.name} (${locations.find((location) => location.uuid === camera.locationUuid)!.name})`,
			value: camera.uuid,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

describe('camera pickers', () => {
	it('list every camera with its location, sorted by name, from two list calls', async () => {
		const options = await node.methods.loadOptions.getCameras.call(loadContext());
		expect(options).toEqual(expectedOptions());
		expect(options[0]).toEqual({
			name: 'Berlin Lobby Entrance (HQ Berlin)',
			value: rhombus.sim.fixtures.rhombus.cameras[0].uuid,
		});
		expect(requests(rhombus).map((entry) => [entry.path, entry.body])).toEqual(
			expect.arrayContaining([
				['/api/camera/getMinimalCameraStateList', {}],
				['/api/location/getLocations', {}],
			]),
		);
		expect(requests(rhombus)).toHaveLength(2);
	});

	it('search the camera locator by camera or location name, ignoring case', async () => {
		const search = node.methods.listSearch.searchCameras;
		const all = await search.call(loadContext());
		expect(all.results).toEqual(expectedOptions());

		const lobby = await search.call(loadContext(), 'LOBBY');
		expect(lobby.results.map((result) => result.name)).toEqual([
			'Berlin Lobby Entrance (HQ Berlin)',
		]);

		const sydney = await search.call(loadContext(), ' sydney ');
		expect(sydney.results.map((result) => result.name)).toEqual([
			'Sydney Entrance (Store Sydney)',
			'Sydney Loading Dock (Store Sydney)',
		]);

		expect((await search.call(loadContext(), 'no such camera')).results).toEqual([]);
	});

	it('leave out cameras without uuid, and name a camera without name or location by its ID', async () => {
		rhombus.sim.faults.add({
			path: '/api/camera/getMinimalCameraStateList',
			kind: 'schema',
			body: cameraStateListNullable,
		});
		rhombus.sim.faults.add({
			path: '/api/location/getLocations',
			kind: 'schema',
			body: locationsNullable,
		});
		const options = await node.methods.loadOptions.getCameras.call(loadContext());
		expect(options).toEqual([
			{ name: 'Loading Dock (Store Los Angeles)', value: 'Hq2Jf9Lk3Mn5Pq7Rs9Tu1V' },
			{ name: 'Xb7dQ2kLmN4pR8sT1vW3yZ', value: 'Xb7dQ2kLmN4pR8sT1vW3yZ' },
		]);
	});

	it('fail with the reason Rhombus gives', async () => {
		rhombus.sim.faults.add({
			path: '/api/location/getLocations',
			kind: 'inBandError',
			errorMsg: 'Role lacks location access',
		});
		await expect(node.methods.loadOptions.getCameras.call(loadContext())).rejects.toThrow(
			'Rhombus rejected /api/location/getLocations: Role lacks location access',
		);
	});
});
