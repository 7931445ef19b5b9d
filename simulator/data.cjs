'use strict';

const { createHash } = require('node:crypto');
const {
	CountSeries,
	LevelSeries,
	makeProfile,
	unit,
	seriesKey,
	DAY,
	QUARTER,
} = require('./series.cjs');

const RHOMBUS_KEYS = {
	normal: 'SIMRHOMBUSKEY000000001',
	partner: 'SIMPARTNERKEY000000001',
	limited: 'SIMLIMITEDKEY000000001',
};
const PARTNER_ORG = 'SIMCLIENTORG0000000001';
const INDIVD_TOKENS = {
	all: 'simindivdtoken0000000000000000000000001',
	scoped: 'simindivdscopedtoken000000000000000001',
};

/** 22-character base64url RUUID derived from a fixed name, so ids do not change with the seed. */
function ruuid(name) {
	return createHash('sha256')
		.update(`rhombus-sim:${name}`)
		.digest()
		.subarray(0, 16)
		.toString('base64url');
}

const OFFICE_HOURS = [null, [7, 20], [7, 20], [7, 20], [7, 20], [7, 19], null];
const STORE_HOURS = [
	[11, 17],
	[10, 21],
	[10, 21],
	[10, 21],
	[10, 21],
	[10, 21],
	[10, 19],
];

const RHOMBUS_LOCATIONS = [
	{
		key: 'hq-berlin',
		name: 'HQ Berlin',
		tz: 'Europe/Berlin',
		address1: 'Friedrichstraße 68',
		city: 'Berlin',
		postalCode: '10117',
		country: 'DE',
		short: 'Berlin',
		hours: OFFICE_HOURS,
	},
	{
		key: 'store-la',
		name: 'Store Los Angeles',
		tz: 'America/Los_Angeles',
		address1: '6801 Hollywood Blvd',
		city: 'Los Angeles',
		postalCode: '90028',
		country: 'US',
		short: 'LA',
		hours: STORE_HOURS,
	},
	{
		key: 'store-sydney',
		name: 'Store Sydney',
		tz: 'Australia/Sydney',
		address1: '188 Pitt St',
		city: 'Sydney',
		postalCode: '2000',
		country: 'AU',
		short: 'Sydney',
		hours: STORE_HOURS,
	},
];

const BASE_CAMERAS = [
	{ name: 'Berlin Lobby Entrance', loc: 0, line: true, occ: { PEOPLE: 25 } },
	{ name: 'LA Front Door', loc: 1, line: true, occ: null },
	{ name: 'Sydney Entrance', loc: 2, line: true, occ: { PEOPLE: 20 } },
	{ name: 'Berlin Open Office', loc: 0, line: false, occ: { PEOPLE: 45, FACES: 30 } },
	{ name: 'LA Stockroom', loc: 1, line: false, occ: null },
	{ name: 'Sydney Loading Dock', loc: 2, line: true, occ: null, offline: true },
];

function cameraSpec(i) {
	if (i < BASE_CAMERAS.length) return BASE_CAMERAS[i];
	const loc = i % 3;
	return {
		name: `${RHOMBUS_LOCATIONS[loc].short} Camera ${i + 1}`,
		loc,
		line: true,
		occ: i % 2 === 0 ? { PEOPLE: 15 + (i % 7) * 3 } : null,
	};
}

function buildRhombus(seed, cameraCount, anchorMs) {
	const orgUuid = ruuid('org');
	const userUuid = ruuid('user');
	const locations = RHOMBUS_LOCATIONS.map((l) => ({
		...l,
		uuid: ruuid(`location:${l.key}`),
		profile: makeProfile(l.hours),
	}));
	// The offline camera stopped reporting two days before the start-up day.
	const offlineSince = Math.floor(anchorMs / DAY) * DAY - 2 * DAY;
	const cameras = [];
	for (let i = 0; i < cameraCount; i++) {
		const spec = cameraSpec(i);
		const location = locations[spec.loc];
		const uuid = ruuid(`camera:${i}`);
		const scale = 10 + 30 * unit(seriesKey(seed, `camera-scale:${i}`), 1);
		const until = spec.offline ? Math.floor(offlineSince / QUARTER) * QUARTER : Infinity;
		const crossing = new Map();
		const crossingSeries = (object, dedupe) => {
			const factor = { HUMAN: 1, VEHICLE: 0.04 }[object];
			if (!spec.line || !factor) return null;
			const id = `${object}:${dedupe}`;
			let s = crossing.get(id);
			if (s) return s;
			const make = (dir, shiftMin, f) =>
				new CountSeries({
					seed,
					key: `camera:${i}:${object}:${dir}`,
					tz: location.tz,
					profile: location.profile,
					scale: scale * factor * f,
					shiftMin,
					until,
				});
			s = { ingress: [make('in', 0, 1)], egress: [make('out', 45, 0.96)] };
			if (!dedupe) {
				s.ingress.push(make('in-dup', 0, 0.05));
				s.egress.push(make('out-dup', 45, 0.05));
			}
			crossing.set(id, s);
			return s;
		};
		const occupancy = spec.occ
			? Object.entries(spec.occ).map(([key, cap]) => ({
					key,
					series: new LevelSeries({
						seed,
						key: `camera:${i}:occupancy:${key}`,
						tz: location.tz,
						profile: location.profile,
						cap,
					}),
				}))
			: null;
		cameras.push({
			index: i,
			uuid,
			name: spec.name,
			location,
			online: !spec.offline,
			offlineSince: spec.offline ? until : null,
			lineCrossing: spec.line,
			occupancy,
			crossingSeries,
			serialNumber: `RSIM${String(100000 + i * 7919).padStart(8, '0')}`,
			hwVariation: i % 2 === 0 ? 'CAMERA_R400' : 'CAMERA_R200',
		});
	}
	const byUuid = new Map(cameras.map((c) => [c.uuid, c]));
	return {
		orgUuid,
		userUuid,
		locations,
		cameras,
		findCamera(id) {
			if (typeof id !== 'string') return null;
			const m = /^([A-Za-z0-9_-]{22})(?:\.v0)?$/.exec(id);
			return m ? (byUuid.get(m[1]) ?? null) : null;
		},
	};
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const INDIVD_ORGS = [
	{ id: 1, name: 'Sample Retail AB' },
	{ id: 2, name: 'Sample Retail Inc' },
];

const INDIVD_LOCATIONS = [
	{
		id: 124,
		name: 'Sample Location - Stockholm',
		city: 'Stockholm',
		country: 'SE',
		timezone: 'Europe/Stockholm',
		organisation_id: 1,
		custom_id: '',
		hours: [
			[11, 17],
			[10, 20],
			[10, 20],
			[10, 20],
			[10, 20],
			[10, 20],
			[10, 18],
		],
	},
	{
		id: 125,
		name: 'Flagship - New York',
		city: 'New York',
		country: 'US',
		timezone: 'America/New_York',
		organisation_id: 2,
		custom_id: 'NYC-5TH-AVE',
		hours: [
			[11, 19],
			[10, 21],
			[10, 21],
			[10, 21],
			[10, 21],
			[10, 21],
			[10, 21],
		],
	},
	{
		id: 126,
		name: 'Pitt Street - Sydney',
		city: 'Sydney',
		country: 'AU',
		timezone: 'Australia/Sydney',
		organisation_id: 2,
		custom_id: 'SYD-PITT',
		hours: [
			[10, 17],
			[9, 18],
			[9, 18],
			[9, 18],
			[9, 21],
			[9, 18],
			[9, 17],
		],
	},
];

const INDIVD_CATEGORIES = [
	{ id: 1, name: 'Entrance' },
	{ id: 2, name: 'Internal' },
	{ id: 3, name: 'Passing by' },
];

const INDIVD_ZONES = [
	{
		id: 201,
		name: 'Entrance',
		location_id: 124,
		floor: 0,
		scale: 22,
		dwell: [180, 0.65],
		bounce: 120,
	},
	{
		id: 202,
		name: 'Fitting rooms',
		location_id: 124,
		floor: 1,
		scale: 6,
		dwell: [420, 0.6],
		bounce: 60,
	},
	{
		id: 203,
		name: 'Basement outlet',
		location_id: 124,
		floor: -1,
		scale: 4,
		dwell: [600, 0.7],
		bounce: 120,
	},
	{
		id: 1121,
		name: 'Example zone 1',
		location_id: 124,
		floor: 0,
		scale: 18,
		dwell: [200, 0.8],
		bounce: 120,
	},
	{
		id: 301,
		name: 'Main entrance',
		location_id: 125,
		floor: 0,
		scale: 35,
		dwell: [120, 0.8],
		bounce: 120,
	},
	{
		id: 302,
		name: 'Shoe department',
		location_id: 125,
		floor: 1,
		scale: 10,
		dwell: [480, 0.7],
		bounce: 120,
	},
	{
		id: 303,
		name: 'Window display',
		location_id: 125,
		floor: 0,
		scale: 9,
		dwell: [60, 0.9],
		bounce: 30,
	},
	{
		id: 401,
		name: 'Entrance',
		location_id: 126,
		floor: 0,
		scale: 25,
		dwell: [140, 0.8],
		bounce: 120,
	},
	{ id: 402, name: 'Cafe', location_id: 126, floor: 1, scale: 8, dwell: [1500, 0.6], bounce: 300 },
];

// passing_by_zone links a passing-by line to the zone whose drop-in rate it feeds (Indivd-side
// configuration, not exposed by the filter endpoints). Line 6005 under-counts on purpose, so
// zone 303 shows a drop-in rate above 100 %.
const INDIVD_LINES = [
	{
		id: 5001,
		name: 'Main door in',
		location_id: 124,
		floor: 0,
		category: 1,
		zone_to: 201,
		zone_from: null,
		scale: 30,
	},
	{
		id: 5002,
		name: 'Main door out',
		location_id: 124,
		floor: 0,
		category: 1,
		zone_to: null,
		zone_from: 201,
		scale: 28,
		shift: 40,
	},
	{
		id: 5003,
		name: 'Fitting rooms door',
		location_id: 124,
		floor: 1,
		category: 2,
		zone_to: 202,
		zone_from: 201,
		scale: 8,
	},
	{
		id: 5004,
		name: 'Stairs to basement',
		location_id: 124,
		floor: -1,
		category: 2,
		zone_to: 203,
		zone_from: 201,
		scale: 5,
	},
	{
		id: 5005,
		name: 'Street passing by',
		location_id: 124,
		floor: 0,
		category: 3,
		zone_to: null,
		zone_from: null,
		scale: 60,
		passing_by_zone: 201,
	},
	{
		id: 5006,
		name: 'Zone 1 passing by',
		location_id: 124,
		floor: 0,
		category: 3,
		zone_to: null,
		zone_from: null,
		scale: 36,
		passing_by_zone: 1121,
	},
	{
		id: 5007,
		name: 'Zone 1 entry',
		location_id: 124,
		floor: 0,
		category: 1,
		zone_to: 1121,
		zone_from: null,
		scale: 20,
	},
	{
		id: 6001,
		name: 'Entrance in',
		location_id: 125,
		floor: 0,
		category: 1,
		zone_to: 301,
		zone_from: null,
		scale: 45,
	},
	{
		id: 6002,
		name: 'Entrance out',
		location_id: 125,
		floor: 0,
		category: 1,
		zone_to: null,
		zone_from: 301,
		scale: 43,
		shift: 40,
	},
	{
		id: 6003,
		name: 'Escalator up',
		location_id: 125,
		floor: 1,
		category: 2,
		zone_to: 302,
		zone_from: 301,
		scale: 15,
	},
	{
		id: 6004,
		name: '5th Ave passing by',
		location_id: 125,
		floor: 0,
		category: 3,
		zone_to: null,
		zone_from: null,
		scale: 110,
		passing_by_zone: 301,
	},
	{
		id: 6005,
		name: 'Window passing by',
		location_id: 125,
		floor: 0,
		category: 3,
		zone_to: null,
		zone_from: null,
		scale: 6,
		passing_by_zone: 303,
	},
	{
		id: 7001,
		name: 'Pitt St door',
		location_id: 126,
		floor: 0,
		category: 1,
		zone_to: 401,
		zone_from: null,
		scale: 35,
	},
	{
		id: 7002,
		name: 'Cafe stairs',
		location_id: 126,
		floor: 1,
		category: 2,
		zone_to: 402,
		zone_from: 401,
		scale: 10,
	},
	{
		id: 7003,
		name: 'Mall passing by',
		location_id: 126,
		floor: 0,
		category: 3,
		zone_to: null,
		zone_from: null,
		scale: 90,
		passing_by_zone: 401,
	},
	{
		id: 7004,
		name: 'Car park lift',
		location_id: 126,
		floor: -1,
		category: 2,
		zone_to: 401,
		zone_from: null,
		scale: 6,
	},
];

function hhmm(h) {
	return `${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
}

function buildIndivd(seed) {
	const organisations = INDIVD_ORGS.map((o) => ({ ...o }));
	const locations = INDIVD_LOCATIONS.map((l) => {
		const opening_hours = {};
		for (let dow = 1; dow <= 7; dow++) {
			const h = l.hours[dow % 7];
			opening_hours[WEEKDAYS[dow % 7]] = h ? { open: hhmm(h[0]), close: hhmm(h[1]) } : null;
		}
		return { ...l, opening_hours, profile: makeProfile(l.hours) };
	});
	const locById = new Map(locations.map((l) => [l.id, l]));
	const lines = INDIVD_LINES.map((l) => {
		const loc = locById.get(l.location_id);
		return {
			...l,
			series: new CountSeries({
				seed,
				key: `indivd:line:${l.id}`,
				tz: loc.timezone,
				profile: loc.profile,
				scale: l.scale,
				shiftMin: l.shift ?? 0,
			}),
		};
	});
	const zones = INDIVD_ZONES.map((z) => {
		const loc = locById.get(z.location_id);
		return {
			...z,
			location: loc,
			k: seriesKey(seed, `indivd:zone-extra:${z.id}`),
			visits: new CountSeries({
				seed,
				key: `indivd:zone:${z.id}`,
				tz: loc.timezone,
				profile: loc.profile,
				scale: z.scale,
				shiftMin: 10,
			}),
			passingLines: lines.filter((l) => l.passing_by_zone === z.id),
		};
	});
	return {
		organisations,
		locations,
		zones,
		lines,
		categories: INDIVD_CATEGORIES.map((c) => ({ ...c })),
		tokens: {
			[INDIVD_TOKENS.all]: { locations: locations.map((l) => l.id) },
			[INDIVD_TOKENS.scoped]: { locations: [124] },
		},
		locById,
	};
}

function createWorld({ seed, cameras, anchorMs }) {
	return { rhombus: buildRhombus(seed, cameras, anchorMs), indivd: buildIndivd(seed) };
}

module.exports = { createWorld, ruuid, RHOMBUS_KEYS, PARTNER_ORG, INDIVD_TOKENS };
