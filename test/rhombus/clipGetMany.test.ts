import type { IDataObject } from 'n8n-workflow';

import clipsNullable from '../fixtures/rhombus/clipsWithProgress.nullable.json';
import { executeNode } from '../helpers/execute';
import { node, requests, run, runFailure, useSimulator, withDefaults } from './helpers';

const rhombus = useSimulator();
const path = '/api/event/getClipsWithProgress';

function parameters(overrides: IDataObject = {}): IDataObject {
	return { resource: 'clip', operation: 'getMany', ...overrides };
}

function pageRequests(): IDataObject[] {
	return requests(rhombus, path).map((entry) => entry.body as IDataObject);
}

describe('Clip → Get Many', () => {
	it('asks for exactly the limit in one request', async () => {
		const items = await run(rhombus, parameters({ limit: 7 }));
		expect(pageRequests()).toEqual([{ pageSize: 7 }]);
		expect(items).toHaveLength(7);
		expect(items[0].json).toMatchObject({
			clipUuid: items[0].json.uuid,
			status: 'COMPLETE',
		});
		expect(Object.keys(items[0].json).slice(0, 7)).toEqual([
			'title',
			'cameraUuid',
			'startTime',
			'createdAt',
			'durationSec',
			'status',
			'clipUuid',
		]);
		expect(items[0].json.startTime).toBe(
			new Date(items[0].json.timestampMs as number).toISOString(),
		);
		expect(items[0].json.cameraUuid).toBe(
			(items[0].json.deviceUuid as string).replace(/\.v0$/, ''),
		);
		expect(items.map((item) => item.pairedItem)).toEqual(Array(7).fill({ item: 0 }));
	});

	it('returns 50 clips by default', async () => {
		const items = await run(rhombus, parameters());
		expect(pageRequests()).toEqual([{ pageSize: 50 }]);
		expect(items).toHaveLength(50);
	});

	it('follows page tokens with Return All until Rhombus has no more', async () => {
		const items = await run(rhombus, parameters({ returnAll: true }));
		const pages = pageRequests();
		expect(pages).toHaveLength(2);
		expect(pages[0]).toEqual({ pageSize: 200 });
		expect(pages[1]).toEqual({ pageSize: 200, pageToken: expect.any(String) });
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.clipUuid)).size).toBe(250);
	});

	it('asks the last page only for what is missing from the limit', async () => {
		const items = await run(rhombus, parameters({ limit: 230 }));
		expect(pageRequests().map((body) => body.pageSize)).toEqual([200, 30]);
		expect(pageRequests()[1].pageToken).toEqual(expect.any(String));
		expect(items).toHaveLength(230);
	});

	it('filters by camera and by the start of the clips', async () => {
		const camera = rhombus.sim.fixtures.rhombus.cameras[0].uuid;
		const items = await run(
			rhombus,
			parameters({
				returnAll: true,
				filters: {
					cameraUuids: [camera],
					startTime: '2026-03-01T00:00:00Z',
					endTime: '2026-03-20T00:00:00Z',
				},
			}),
		);
		expect(pageRequests()).toEqual([
			{
				deviceUuidFilters: [camera],
				timestampMsAfter: Date.UTC(2026, 2, 1),
				timestampMsBefore: Date.UTC(2026, 2, 20),
				pageSize: 200,
			},
		]);
		expect(items.length).toBeGreaterThan(0);
		for (const { json } of items) {
			expect(json.deviceUuid).toBe(`${camera}.v0`);
			expect(json.timestampMs).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 1));
			expect(json.timestampMs).toBeLessThan(Date.UTC(2026, 2, 20));
		}
	});

	it('sends camera IDs bare, as Rhombus’s MCP server does: without a facet, each once', async () => {
		const camera = rhombus.sim.fixtures.rhombus.cameras[0].uuid;
		const items = await run(
			rhombus,
			parameters({ limit: 5, filters: { cameraUuids: [`${camera}.v0`, camera] } }),
		);
		expect(pageRequests()).toEqual([{ deviceUuidFilters: [camera], pageSize: 5 }]);
		expect(items.length).toBeGreaterThan(0);
		for (const { json } of items) expect(json.deviceUuid).toBe(`${camera}.v0`);
	});

	it.each([
		['createdAtMs', 'creation time'],
		['timestampMs', 'footage time'],
	])('sends Time Filter Applies To as timestampFilterField %s (%s)', async (value) => {
		await run(
			rhombus,
			parameters({
				limit: 1,
				filters: { startTime: '2026-03-01T00:00:00Z', timestampFilterField: value },
			}),
		);
		expect(pageRequests()).toEqual([
			{ timestampMsAfter: Date.UTC(2026, 2, 1), timestampFilterField: value, pageSize: 1 },
		]);
	});

	it('leaves out clips without uuid and says so, with Rhombus’s warning, on every item of the page', async () => {
		rhombus.sim.faults.add({ path, kind: 'schema', body: clipsNullable });
		const items = await run(rhombus, parameters());
		const [first, , third] = clipsNullable.savedClips;
		const warning =
			'Some clips are still uploading. Left out 1 savedClips rows without uuid (no clip ID)';
		expect(items.map((item) => item.json)).toEqual([
			{
				...first,
				cameraUuid: 'Xb7dQ2kLmN4pR8sT1vW3yZ',
				startTime: '2026-03-30T23:00:00.000Z',
				createdAt: '2026-03-31T00:01:40.000Z',
				durationSec: null,
				clipUuid: first.uuid,
				warning,
			},
			{
				...third,
				cameraUuid: null,
				startTime: null,
				createdAt: null,
				durationSec: null,
				clipUuid: third.uuid,
				warning,
			},
		]);
	});

	it('says on the items of every page what another page left out', async () => {
		const [first] = clipsNullable.savedClips;
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			body: { savedClips: [first], pageToken: 'p2' },
		});
		rhombus.sim.faults.add({ path, kind: 'schema', body: { savedClips: [{ uuid: null }] } });
		const items = await run(rhombus, parameters({ returnAll: true }));
		expect(pageRequests()).toHaveLength(2);
		expect(items.map((item) => [item.json.clipUuid, item.json.warning])).toEqual([
			[first.uuid, 'Left out 1 savedClips rows without uuid (no clip ID)'],
		]);
	});

	it('gives no item and says why in the output pane when no clip has a uuid', async () => {
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			body: { savedClips: [{ uuid: null, title: 'A' }, { title: 'B' }] },
		});
		const { items, hints } = await executeNode(node, {
			credentials: rhombus.credentials,
			parameters: withDefaults(parameters()),
		});
		expect(items).toEqual([]);
		expect(hints).toEqual([
			{
				message: 'Rhombus: Left out 2 savedClips rows without uuid (no clip ID)',
				location: 'outputPane',
			},
		]);
	});

	it('stops when Rhombus hands out the same page token again', async () => {
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			times: Infinity,
			body: { savedClips: [{ uuid: 'AAAAAAAAAAAAAAAAAAAAAA' }], pageToken: 'same' },
		});
		const error = await runFailure(rhombus, parameters({ returnAll: true }));
		expect(error.message).toBe(
			'Rhombus returned the same page of clips twice, so paging would never end',
		);
		expect(pageRequests()).toHaveLength(2);
	});

	describe('refuses bad input before any request', () => {
		it.each([
			[{ limit: 0 }, 'Limit: 0 must be a whole number at least 1 [item 0]'],
			[
				{ filters: { startTime: '2026-03-20T00:00:00Z', endTime: '2026-03-01T00:00:00Z' } },
				'End Time: must be after Start Time (2026-03-01T00:00:00.000Z is not after 2026-03-20T00:00:00.000Z) [item 0]',
			],
			[{ filters: { startTime: 'last week' } }, /^Start Time: "last week" is not a date and time/],
			[
				{ filters: { cameraUuids: 'lobby' } },
				'Camera Names or IDs: "lobby" is not a Rhombus ID (22 letters, digits, - or _, as in the camera\'s URL in the Rhombus console) [item 0]',
			],
		])('%j', async (overrides, message) => {
			const error = await runFailure(rhombus, parameters(overrides));
			expect(error.message).toMatch(message);
			expect(requests(rhombus)).toHaveLength(0);
		});
	});
});
