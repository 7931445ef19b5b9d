// Workflow and credential JSON for the pinned n8n: the demo's workflows and the end-to-end
// suite's fixtures are built here, so both show the nodes the same way.
import crypto from 'node:crypto';

export const PKG = 'n8n-nodes-rhombus-indivd';
export const TYPES = {
	rhombus: `${PKG}.rhombus`,
	indivd: `${PKG}.indivd`,
	rhombusTrigger: `${PKG}.rhombusTrigger`,
	indivdTrigger: `${PKG}.indivdTrigger`,
	rhombusTool: `${PKG}.rhombusTool`,
	indivdTool: `${PKG}.indivdTool`,
	manualTrigger: 'n8n-nodes-base.manualTrigger',
};

/** Credential ids the examples and demo workflows refer to. */
export const CREDENTIAL_IDS = { rhombus: 'rhombusDemoCred1', indivd: 'indivdDemoCred01' };
export const CREDENTIAL_NAMES = { rhombus: 'Rhombus (simulator)', indivd: 'Indivd (simulator)' };

/** Demo keys of simulator/data.cjs (the simulator prints them too). */
export const SIM_KEYS = {
	rhombus: 'SIMRHOMBUSKEY000000001',
	rhombusLimited: 'SIMLIMITEDKEY000000001',
	indivd: 'simindivdtoken0000000000000000000000001',
};

/** Stable fixture ids of the simulator (they do not depend on its seed). */
export const SIM = {
	cameras: {
		berlinLobby: { uuid: '7Z9wAlGz-nARYxxb7hbjuA', name: 'Berlin Lobby Entrance' },
		laFrontDoor: { uuid: 'VcuQmAr4cKrmShk0K4pG8A', name: 'LA Front Door' },
		sydneyEntrance: { uuid: 'iMFYLF7M-Hvaced4JdKGMQ', name: 'Sydney Entrance' },
		berlinOffice: { uuid: 'qBYnDNTAJ6VFqyIYJacDmw', name: 'Berlin Open Office' },
	},
	indivd: {
		stockholm: 124,
		newYork: 125,
		entranceZone: 201,
		mainDoorIn: 5001,
		mainDoorOut: 5002,
	},
};

/** Plaintext credentials for `n8n import:credentials`, pointing at the simulator. */
export function simulatorCredentials(
	simUrl,
	{
		rhombusKey = SIM_KEYS.rhombus,
		indivdToken = SIM_KEYS.indivd,
		ids = CREDENTIAL_IDS,
		names = CREDENTIAL_NAMES,
	} = {},
) {
	return [
		{
			id: ids.rhombus,
			name: names.rhombus,
			type: 'rhombusApi',
			data: { apiKey: rhombusKey, authScheme: 'api-token', region: 'custom', baseUrl: simUrl },
		},
		{
			id: ids.indivd,
			name: names.indivd,
			type: 'indivdApi',
			data: { token: indivdToken, baseUrl: simUrl },
		},
	];
}

export function stableUuid(text) {
	const h = crypto.createHash('sha256').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function credRef(vendor, ids = CREDENTIAL_IDS, names = CREDENTIAL_NAMES) {
	return { [`${vendor}Api`]: { id: ids[vendor], name: names[vendor] } };
}

/**
 * A workflow from nodes laid out left to right; `links` are [from, to] node names on the main
 * output, or [from, to, 'ai_tool'] etc.
 */
export function workflow({ id, name, nodes, links = [], settings = {}, tags }) {
	const connections = {};
	for (const [from, to, type = 'main'] of links) {
		connections[from] ??= {};
		connections[from][type] ??= [[]];
		connections[from][type][0].push({ node: to, type, index: 0 });
	}
	return {
		id,
		name,
		active: false,
		nodes: nodes.map(
			({ name: nodeName, type, typeVersion = 1, position, parameters = {}, ...rest }, i) => ({
				id: stableUuid(`${id}/${nodeName}`),
				name: nodeName,
				type,
				typeVersion,
				position: position ?? [i * 220, 0],
				parameters,
				...rest,
			}),
		),
		connections,
		settings: { executionOrder: 'v1', timezone: 'UTC', ...settings },
		pinData: {},
		...(tags ? { tags } : {}),
	};
}

export const manualTrigger = (position = [0, 0]) => ({
	name: 'Manual Trigger',
	type: TYPES.manualTrigger,
	position,
	parameters: {},
});

const rl = (camera, mode = 'list') => ({
	__rl: true,
	mode,
	value: camera.uuid,
	...(mode === 'list' ? { cachedResultName: camera.name } : {}),
});

/**
 * Every Rhombus report and frame operation, in branches off one Manual Trigger.
 * `t` gives ISO times (or n8n expressions): start, end, frame.
 */
export function rhombusReportsWorkflow({
	id = 'rhombusReports01',
	name = 'Rhombus: crossing counts, occupancy and a frame',
	t,
	creds = credRef('rhombus'),
}) {
	const { berlinLobby, laFrontDoor } = SIM.cameras;
	return workflow({
		id,
		name,
		nodes: [
			manualTrigger([0, 200]),
			{
				name: 'Crossing counts',
				type: TYPES.rhombus,
				position: [260, 0],
				credentials: creds,
				parameters: {
					resource: 'report',
					operation: 'getCrossingCounts',
					cameraUuids: [berlinLobby.uuid, laFrontDoor.uuid],
					startTime: t.start,
					endTime: t.end,
					timeZone: 'UTC',
					bucketSize: 'HOUR',
				},
			},
			{
				name: 'Occupancy',
				type: TYPES.rhombus,
				position: [260, 200],
				credentials: creds,
				parameters: {
					resource: 'report',
					operation: 'getOccupancy',
					cameraUuid: rl(berlinLobby),
					startTime: t.start,
					endTime: t.end,
					timeZone: 'Europe/Berlin',
					interval: 'HOURLY',
				},
			},
			{
				name: 'Frame',
				type: TYPES.rhombus,
				position: [260, 400],
				credentials: creds,
				parameters: {
					resource: 'video',
					operation: 'getFrame',
					cameraUuid: rl(berlinLobby, 'id'),
					timestamp: t.frame,
					downscaleFactor: 2,
					crop: {},
					binaryPropertyName: 'data',
				},
			},
		],
		links: [
			['Manual Trigger', 'Crossing counts'],
			['Manual Trigger', 'Occupancy'],
			['Manual Trigger', 'Frame'],
		],
	});
}

/** Clip create (wait + download) → get → download → get many. */
export function rhombusClipsWorkflow({
	id = 'rhombusClips0001',
	name = 'Rhombus: save, check, download and list clips',
	t,
	creds = credRef('rhombus'),
}) {
	const { berlinLobby } = SIM.cameras;
	return workflow({
		id,
		name,
		nodes: [
			manualTrigger(),
			{
				name: 'Create clip',
				type: TYPES.rhombus,
				credentials: creds,
				parameters: {
					resource: 'clip',
					operation: 'create',
					cameraUuid: rl(berlinLobby),
					startTime: t.clip,
					durationSec: 30,
					title: 'Lobby at opening',
					description: 'Saved by n8n',
					waitForCompletion: true,
					waitTimeoutSec: 60,
					download: true,
					binaryPropertyName: 'video',
				},
			},
			{
				name: 'Get clip',
				type: TYPES.rhombus,
				credentials: creds,
				parameters: { resource: 'clip', operation: 'get', clipUuid: '={{ $json.clipUuid }}' },
			},
			{
				name: 'Download clip',
				type: TYPES.rhombus,
				credentials: creds,
				parameters: {
					resource: 'clip',
					operation: 'download',
					clipUuid: "={{ $('Create clip').item.json.clipUuid }}",
					region: '',
					binaryPropertyName: 'data',
				},
			},
			{
				name: 'List clips',
				type: TYPES.rhombus,
				credentials: creds,
				parameters: {
					resource: 'clip',
					operation: 'getMany',
					returnAll: true,
					filters: { cameraUuids: [berlinLobby.uuid] },
				},
			},
		],
		links: [
			['Manual Trigger', 'Create clip'],
			['Create clip', 'Get clip'],
			['Get clip', 'Download clip'],
			['Download clip', 'List clips'],
		],
	});
}

/** Every Indivd operation, in branches off one Manual Trigger. `t`: startDate, endDate. */
export function indivdWorkflow({
	id = 'indivdReports001',
	name = 'Indivd: line crosses, zone visitors and drop-in rate',
	t,
	creds = credRef('indivd'),
}) {
	const { stockholm, entranceZone, mainDoorIn, mainDoorOut } = SIM.indivd;
	return workflow({
		id,
		name,
		nodes: [
			manualTrigger([0, 200]),
			{
				name: 'Line crosses',
				type: TYPES.indivd,
				position: [260, 0],
				credentials: creds,
				parameters: {
					resource: 'lineCrosses',
					operation: 'get',
					startDate: t.startDate,
					endDate: t.endDate,
					aggregateBy: 'hour',
					locations: [stockholm],
					lineIds: [mainDoorIn, mainDoorOut],
				},
			},
			{
				name: 'Zone visitors',
				type: TYPES.indivd,
				position: [260, 200],
				credentials: creds,
				parameters: {
					resource: 'zoneVisitors',
					operation: 'get',
					startDate: t.startDate,
					endDate: t.endDate,
					aggregateBy: ['hour'],
					locations: [stockholm],
					zones: [entranceZone],
				},
			},
			{
				name: 'Drop-in rate',
				type: TYPES.indivd,
				position: [260, 400],
				credentials: creds,
				parameters: {
					resource: 'dropInRate',
					operation: 'get',
					startDate: t.startDate,
					endDate: t.endDate,
					interval: 'day',
					locations: [stockholm],
					zones: [entranceZone],
				},
			},
		],
		links: [
			['Manual Trigger', 'Line crosses'],
			['Manual Trigger', 'Zone visitors'],
			['Manual Trigger', 'Drop-in rate'],
		],
	});
}

/** Relative times for the demo: the workflows keep working whatever day they are opened. */
export const DEMO_TIMES = {
	start: "={{ $now.minus(1, 'day').startOf('day').toISO() }}",
	end: "={{ $now.startOf('day').toISO() }}",
	frame:
		"={{ $now.minus(1, 'day').set({ hour: 12, minute: 0, second: 0, millisecond: 0 }).toISO() }}",
	clip: "={{ $now.minus(1, 'day').set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toISO() }}",
	startDate: "={{ $now.minus(1, 'day').toFormat('yyyy-MM-dd') }}",
	endDate: "={{ $now.minus(1, 'day').toFormat('yyyy-MM-dd') }}",
};
