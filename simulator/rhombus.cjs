'use strict';

// Local aliases: in a vm context (jest) every global lookup is slow, which hot loops feel.
const Math = globalThis.Math;
const Date = globalThis.Date;
const performance = globalThis.performance;

const { DateTime } = require('luxon');

const { ruuid } = require('./data.cjs');
const { renderFrame, frameGeometry, clipMp4 } = require('./media.cjs');
const {
	MIN,
	QUARTER,
	HOUR,
	DAY,
	seriesKey,
	isValidTimeZone,
	offsetMin,
	formatLocal,
} = require('./series.cjs');

const REGION = 'us-west-2';
const FRAME_RETENTION_MS = 30 * DAY;

/** The body did not deserialize into the request type (Jackson would answer 400). */
class BadJson extends Error {}

function optLong(body, name) {
	const v = body[name];
	if (v === undefined || v === null) return null;
	if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
	if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
	throw new BadJson(name);
}

function optString(body, name) {
	const v = body[name];
	if (v === undefined || v === null) return null;
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	throw new BadJson(name);
}

function optBool(body, name) {
	const v = body[name];
	if (v === undefined || v === null) return null;
	if (typeof v === 'boolean') return v;
	if (v === 'true' || v === 'false') return v === 'true';
	if (typeof v === 'number') return v !== 0;
	throw new BadJson(name);
}

function optStringList(body, name) {
	const v = body[name];
	if (v === undefined || v === null) return null;
	if (!Array.isArray(v)) throw new BadJson(name);
	return v.map((item) => {
		if (item === null || typeof item === 'string') return item;
		if (typeof item === 'number' || typeof item === 'boolean') return String(item);
		throw new BadJson(name);
	});
}

function ok(json) {
	return { status: 200, json };
}

function inBand(errorMsg) {
	return { status: 200, json: { error: true, errorMsg } };
}

const BUCKET_UNITS = {
	QUARTER_HOUR: 'quarter',
	HOUR: 'hour',
	DAY: 'day',
	WEEK: 'week',
	MONTH: 'month',
};
const INTERVAL_UNITS = {
	MINUTELY: 'minute',
	QUARTERHOURLY: 'quarter',
	HOURLY: 'hour',
	DAILY: 'day',
	WEEKLY: 'week',
	MONTHLY: 'month',
};
const CROSSING_OBJECTS = ['HUMAN', 'VEHICLE', 'FACE', 'LPR', 'POSE', 'CLIP_EMBED', 'UNKNOWN'];

const FIXED_UNITS = { minute: MIN, quarter: QUARTER, hour: HOUR };

const offsetAt = (tz, ms) => offsetMin(tz, ms) * MIN;

/** Smallest instant in (after, upTo] passing `test`, given that upTo passes and it changes once. */
function firstWhere(after, upTo, test) {
	let low = after;
	let high = upTo;
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (test(middle)) high = middle;
		else low = middle;
	}
	return high;
}

// Sub-day buckets follow the local clock and also start where the UTC offset changes, so the
// half hour left by Lord Howe's 30-minute shift is a bucket of its own (docs/contract.md §6.1).
function fixedStart(tz, ms, size) {
	const offset = offsetAt(tz, ms);
	const aligned = ms - ((((ms + offset) % size) + size) % size);
	if (aligned === ms || offsetAt(tz, aligned) === offset) return aligned;
	return firstWhere(aligned, ms, (probe) => offsetAt(tz, probe) === offset);
}

function fixedEnd(tz, start, size) {
	const offset = offsetAt(tz, start);
	const aligned = start + size - ((((start + offset) % size) + size) % size);
	if (offsetAt(tz, aligned - 1) === offset) return aligned;
	return firstWhere(start, aligned - 1, (probe) => offsetAt(tz, probe) !== offset);
}

/**
 * The buckets of `unit` on the calendar of `tz` that overlap [start, end) and begin before
 * `limit` (now), as [bucketStart, bucketEnd, countedFrom, countedTo]: the range limits the data
 * counted, so an edge bucket counts only its part inside the range, and it keeps its calendar
 * start as its timestamp. Days, weeks (Monday, or Sunday with `weekStart` 'sunday') and months
 * last 23 or 25 hours across DST.
 */
function calendarBuckets(tz, unit, start, end, limit, weekStart = 'monday') {
	const out = [];
	const stop = Math.min(end, limit);
	const size = FIXED_UNITS[unit];
	const step = { [`${unit}s`]: 1 };
	const sundayWeek = unit === 'week' && weekStart === 'sunday';
	const startOf = size
		? (ms) => fixedStart(tz, ms, size)
		: sundayWeek
			? (ms) => {
					const day = DateTime.fromMillis(ms, { zone: tz }).startOf('day');
					return day.minus({ days: day.weekday % 7 }).startOf('day').toMillis();
				}
			: (ms) => DateTime.fromMillis(ms, { zone: tz }).startOf(unit).toMillis();
	// Where a midnight is skipped (Havana, Santiago) a day starts at 01:00, and luxon's plus()
	// keeps that wall time; the next day still starts at its own first instant.
	const endOf = size
		? (ms) => fixedEnd(tz, ms, size)
		: (ms) =>
				DateTime.fromMillis(startOf(ms), { zone: tz }).plus(step).startOf('day').toMillis();
	for (let s = startOf(start); Math.max(s, start) < stop; ) {
		const e = endOf(s);
		out.push([s, e, Math.max(s, start), Math.min(e, end)]);
		s = e;
	}
	return out;
}

/** The time a point carries for the bucket [a, e): its start, its middle or its end. */
function stampOf(conventions, a, e) {
	if (conventions.stamp === 'middle') return a + Math.floor((e - a) / 2);
	if (conventions.stamp === 'end') return e;
	return a;
}

/** Whole minutes of [from, to) that have passed by `cut`: what a bucket has counted so far. */
function countedMinutes(from, to, cut) {
	return [Math.ceil(from / MIN) * MIN, Math.min(Math.floor(to / MIN) * MIN, cut)];
}

function sumRange(series, a, b) {
	return series.sumRange(a, b);
}

function createRhombus({ world, seed, clock, config, anchorMs, revisions = null }) {
	const org = world.rhombus;
	const clips = new Map();
	let spliceCounter = 0;
	const mp4 = clipMp4();

	const cutoff = () => Math.floor(clock() / MIN) * MIN;

	function facet(cam) {
		return `${cam.uuid}.v0`;
	}

	function seedClips() {
		const online = org.cameras.filter((c) => c.online);
		if (online.length === 0) return;
		const anchor = Math.floor(anchorMs / DAY) * DAY;
		const titles = ['Person at entrance', 'Delivery', 'After-hours motion', 'Crowd', 'Saved clip'];
		const durations = [10, 30, 60, 120, 300];
		let t = anchor;
		for (let i = 0; i < 250; i++) {
			const k = seriesKey(seed, `seed-clip:${i}`);
			t -= Math.floor(HOUR + (k % (4 * HOUR)));
			const cam = online[k % online.length];
			const durationSec = durations[(k >>> 8) % durations.length];
			const uuid = ruuid(`seed-clip:${i}`);
			const createdAtMs = t + durationSec * 1000 + ((k >>> 12) % 600) * 1000;
			clips.set(uuid, {
				uuid,
				cam,
				title: `${titles[(k >>> 4) % titles.length]} #${250 - i}`,
				description: '',
				durationSec,
				timestampMs: t,
				createdAtMs,
				lastUpdatedSec: Math.floor(createdAtMs / 1000) + 45,
				deviceUuids: [facet(cam)],
				polls: Infinity,
			});
		}
	}
	seedClips();

	function clipState(clip) {
		if (clip.polls === Infinity || clip.polls >= 3) {
			if (!clip.cam.online) return ['FAILED', 40, 'Failed: camera offline'];
			return ['COMPLETE', 100, 'Complete'];
		}
		return [
			['INITIATING', 0, 'Initiating'],
			['RENDERING', 40, 'Processing video'],
			['RENDERING', 80, 'Processing video'],
		][clip.polls];
	}

	function clipJson(clip) {
		const [status, percentComplete, currentOperation] = clipState(clip);
		return {
			uuid: clip.uuid,
			status,
			percentComplete,
			currentOperation,
			title: clip.title,
			description: clip.description,
			durationSec: clip.durationSec,
			timestampMs: clip.timestampMs,
			createdAtMs: clip.createdAtMs,
			lastUpdatedSec: clip.lastUpdatedSec,
			deviceUuid: clip.deviceUuids[0],
			deviceUuids: clip.deviceUuids.slice(),
			clipLocation: { region: REGION },
			thumbnailLocation: { region: REGION },
			byteCount: status === 'COMPLETE' ? mp4.length : 0,
			videoResolution: { width: 160, height: 90 },
			orgUuid: org.orgUuid,
			userUuid: org.userUuid,
			accessSettings: { visibility: 'PRIVATE', allowedRoles: [], allowedUsers: [] },
		};
	}

	/** A clip just created is not listed yet while `clipVisibleAfterMs` lasts. */
	function isVisible(clip) {
		return clip.visibleAt === undefined || performance.now() >= clip.visibleAt;
	}

	/**
	 * The camera's recorded footage: from the start of the retention (frames keep the same 30
	 * days; before it there is none, as before a camera's install) until now, or until the camera
	 * went offline. All of it is archived in the cloud.
	 */
	function footageWindow(cam) {
		const now = clock();
		return { start: now - FRAME_RETENTION_MS, end: cam.offlineSince ?? now };
	}

	function cameraState(cam) {
		return {
			uuid: cam.uuid,
			name: cam.name,
			locationUuid: cam.location.uuid,
			connectionStatus: cam.online ? 'GREEN' : 'RED',
			healthStatus: cam.online ? 'GREEN' : 'RED',
			healthStatusDetails: cam.online ? 'NONE' : 'OFFLINE',
			supportedFacets: ['v0', 'a0'],
			facetNameMap: { v0: cam.name, a0: `${cam.name} Audio` },
			mummified: false,
			hwVariation: cam.hwVariation,
			serialNumber: cam.serialNumber,
			mediaRegion: REGION,
			region: REGION,
		};
	}

	function lineCrossingConfigs(cams) {
		const map = {};
		for (const cam of cams) {
			if (!cam.lineCrossing) continue;
			map[cam.uuid] = {
				v0: { cross_counting: true, cross_counting_settings: { object_type: 'HUMAN' } },
			};
		}
		return map;
	}

	function resolveDevices(ids) {
		const cams = [];
		for (const id of ids) {
			const cam = org.findCamera(id);
			if (!cam) return { error: `Device not found: ${id}` };
			cams.push(cam);
		}
		return { cams };
	}

	function timeRange(body, startName, endName) {
		const start = optLong(body, startName);
		const end = optLong(body, endName);
		if (start === null || end === null)
			return { error: `${startName} and ${endName} are required` };
		if (start >= end) return { error: `${startName} must be before ${endName}` };
		return { start, end };
	}

	const routes = {
		'/api/camera/getMinimalCameraStateList'() {
			return { status: 200, json: { cameraStates: org.cameras.map(cameraState) } };
		},

		'/api/location/getLocations'() {
			return {
				status: 200,
				json: {
					locations: org.locations.map((l) => ({
						uuid: l.uuid,
						name: l.name,
						tz: l.tz,
						address1: l.address1,
						address2: '',
						city: l.city,
						postalCode: l.postalCode,
						country: l.country,
						orgUuid: org.orgUuid,
						subLocations: [],
						floorPlans: [],
					})),
				},
			};
		},

		'/api/camera/getOccupancyEnabledCameras'() {
			return ok({
				cameras: org.cameras
					.filter((c) => c.occupancy)
					.map((c) => ({
						uuid: c.uuid,
						deviceUuid: facet(c),
						name: c.name,
						locationUuid: c.location.uuid,
						facetNameMap: { v0: c.name },
						deleted: false,
						pending: false,
						mummified: false,
					})),
				error: false,
			});
		},

		'/api/camera/getLineCrossingEnabledCamerasForLocation'(body) {
			const locationUuid = optString(body, 'locationUuid');
			if (!locationUuid) return inBand('locationUuid is required');
			if (!org.locations.some((l) => l.uuid === locationUuid)) {
				return inBand(`Location not found: ${locationUuid}`);
			}
			const cams = org.cameras.filter((c) => c.location.uuid === locationUuid);
			return ok({ camerasToConfigs: lineCrossingConfigs(cams), error: false });
		},

		'/api/camera/getLineCrossingEnabledCameras'() {
			return ok({ camerasToConfigs: lineCrossingConfigs(org.cameras), error: false });
		},

		'/api/org/getOrgV2'() {
			return ok({ org: { uuid: org.orgUuid, name: 'Simulated Org' }, error: false });
		},

		'/api/camera/getPresenceWindows'(body) {
			const id = optString(body, 'cameraUuid');
			const startTimeSec = optLong(body, 'startTimeSec');
			const durationSec = optLong(body, 'durationSec');
			if (!id) return inBand('cameraUuid is required');
			const cam = org.findCamera(id);
			if (!cam) return inBand(`Camera not found: ${id}`);
			if (startTimeSec === null) return inBand('startTimeSec is required');
			if (durationSec === null || durationSec < 1) return inBand('durationSec must be at least 1');
			const footage = footageWindow(cam);
			const from = Math.max(startTimeSec * 1000, footage.start);
			const to = Math.min((startTimeSec + durationSec) * 1000, footage.end);
			const VideoCloud = [];
			if (to > from) {
				const startSeconds = Math.ceil(from / 1000);
				VideoCloud.push({ startSeconds, durationSeconds: Math.floor(to / 1000) - startSeconds });
			}
			return ok({ presenceWindows: { VideoCloud }, error: false });
		},

		'/api/report/getBatchThresholdCrossingCountReport'(body) {
			const ids = optStringList(body, 'deviceUuids');
			const range = timeRange(body, 'startTimeMs', 'endTimeMs');
			const tz = optString(body, 'timeZone') ?? 'UTC';
			const bucketSize = optString(body, 'bucketSize') ?? 'HOUR';
			const object = optString(body, 'crossingObject') ?? 'HUMAN';
			const dedupe = optBool(body, 'dedupe') ?? true;
			if (!ids || ids.length === 0 || ids.some((id) => !id)) {
				return inBand('deviceUuids must contain at least one device');
			}
			const devices = resolveDevices(ids);
			if (devices.error) return inBand(devices.error);
			if (range.error) return inBand(range.error);
			if (!isValidTimeZone(tz)) return inBand(`Invalid timeZone: ${tz}`);
			if (!BUCKET_UNITS[bucketSize]) return inBand(`Invalid bucketSize: ${bucketSize}`);
			if (!CROSSING_OBJECTS.includes(object)) return inBand(`Invalid crossingObject: ${object}`);
			const cut = cutoff();
			const conventions = config.rhombusConventions;
			const countedIn =
				conventions.calendar === 'utc'
					? 'UTC'
					: conventions.calendar === 'location'
						? devices.cams[0].location.tz
						: tz;
			const buckets = calendarBuckets(
				countedIn,
				BUCKET_UNITS[bucketSize],
				range.start,
				range.end,
				clock(),
				conventions.weekStart,
			);
			// Late uploads and corrections (simulator/revisions.cjs) revise the minute counts.
			const count = revisions ? revisions.counter('rhombus', clock()) : sumRange;
			const perDevice = (cam) => {
				const s = cam.crossingSeries(object, dedupe);
				return buckets.map(([a, z, from, to]) => {
					const [f, e] = countedMinutes(from, to, cut);
					let ingressCount = 0;
					let egressCount = 0;
					if (s && e > f) {
						for (const x of s.ingress) ingressCount += count(x, f, e);
						for (const x of s.egress) egressCount += count(x, f, e);
					}
					return { ingressCount, egressCount, timestampMs: stampOf(conventions, a, z) };
				});
			};
			const json = {};
			if (config.crossingShape === 'map') {
				json.deviceCrossingCounts = {};
				for (let i = 0; i < ids.length; i++) {
					json.deviceCrossingCounts[ids[i]] = perDevice(devices.cams[i]);
				}
			} else {
				const unique = [...new Set(devices.cams)];
				const rows = buckets.map(([a, e]) => ({
					ingressCount: 0,
					egressCount: 0,
					timestampMs: stampOf(conventions, a, e),
				}));
				for (const cam of unique) {
					perDevice(cam).forEach((r, i) => {
						rows[i].ingressCount += r.ingressCount;
						rows[i].egressCount += r.egressCount;
					});
				}
				json.crossingCounts = rows;
			}
			json.error = false;
			const offline = new Set(devices.cams.filter((c) => !c.online)).size;
			if (offline > 0) json.warningMsg = `${offline} device(s) offline; counts may be incomplete`;
			return ok(json);
		},

		'/api/report/getOccupancyCountsV2'(body) {
			const id = optString(body, 'deviceUuid');
			const range = timeRange(body, 'startTimeMs', 'endTimeMs');
			const interval = optString(body, 'interval');
			if (!id) return inBand('deviceUuid is required');
			const cam = org.findCamera(id);
			if (!cam) return inBand(`Device not found: ${id}`);
			if (range.error) return inBand(range.error);
			if (interval !== null && !INTERVAL_UNITS[interval]) {
				return inBand(`Invalid interval: ${interval}`);
			}
			// The request names no zone: intervals follow the calendar of the camera's location.
			const conventions = config.rhombusConventions;
			const tz = conventions.calendar === 'utc' ? 'UTC' : cam.location.tz;
			const now = clock();
			const cut = cutoff();
			let buckets;
			if (interval === null) {
				buckets = range.start < now ? [[range.start, range.end, range.start, range.end]] : [];
			} else {
				buckets = calendarBuckets(
					tz,
					INTERVAL_UNITS[interval],
					range.start,
					range.end,
					now,
					conventions.weekStart,
				);
			}
			const regions = cam.occupancy ?? [{ key: 'PEOPLE', series: null }];
			const points = buckets.map(([a, e, countedFrom, countedTo]) => {
				const [from, to] = countedMinutes(countedFrom, countedTo, cut);
				const eventCountMap = {};
				const approximateTimestampMsMap = {};
				const reportingDevicesMap = {};
				for (const r of regions) {
					const m = r.series && to > from ? r.series.maxRange(from, to) : null;
					eventCountMap[r.key] = m ? m.max : 0;
					approximateTimestampMsMap[r.key] = m ? m.at : a;
					reportingDevicesMap[r.key] = r.series ? [facet(cam)] : [];
				}
				const at = interval === null ? a : stampOf(conventions, a, e);
				const point = {
					timestampMs: at,
					// The location's local time, whatever calendar the buckets follow.
					dateLocal: formatLocal(cam.location.tz, at),
					dateUtc: new Date(at).toISOString(),
					eventCountMap,
					approximateTimestampMsMap,
					reportingDevicesMap,
				};
				if (conventions.dates !== 'all') delete point.timestampMs;
				if (conventions.dates === 'localOnly') delete point.dateUtc;
				return point;
			});
			return ok({ timeSeriesDataPoints: points, error: false });
		},

		'/api/video/getExactFrameData'(body) {
			const id = optString(body, 'cameraUuid');
			const ts = optLong(body, 'timestampMs');
			const downscaleFactor = optLong(body, 'downscaleFactor') ?? 1;
			const crop = {
				cropX: optLong(body, 'permyriadCropX'),
				cropY: optLong(body, 'permyriadCropY'),
				cropWidth: optLong(body, 'permyriadCropWidth'),
				cropHeight: optLong(body, 'permyriadCropHeight'),
			};
			const quality = optLong(body, 'jpgQuality');
			if (!id) return inBand('cameraUuid is required');
			if (ts === null) return inBand('timestampMs is required');
			const cam = org.findCamera(id);
			if (!cam) return inBand(`Camera not found: ${id}`);
			if (downscaleFactor < 1) return inBand('downscaleFactor must be at least 1');
			for (const [k, v] of Object.entries(crop)) {
				if (v !== null && (v < 0 || v > 10000)) {
					return inBand(`permyriad${k.slice(4)} must be between 0 and 10000`);
				}
			}
			const geometry = {
				downscaleFactor,
				cropX: crop.cropX ?? 0,
				cropY: crop.cropY ?? 0,
				cropWidth: crop.cropWidth ?? undefined,
				cropHeight: crop.cropHeight ?? undefined,
			};
			const g = frameGeometry(geometry);
			if (g.cw < 1 || g.ch < 1) return inBand('Crop region is empty');
			const now = clock();
			if (!cam.online || ts > now || ts < now - FRAME_RETENTION_MS) {
				return ok({ error: false, frameData: null, responseMessage: 'No frame available' });
			}
			const frame = renderFrame({
				cameraUuid: cam.uuid,
				timestampMs: ts,
				tz: cam.location.tz,
				quality: quality !== null && quality >= 1 && quality <= 100 ? quality : 80,
				...geometry,
			});
			return ok({
				error: false,
				frameData: frame.data.toString('base64'),
				mimeType: 'image/jpeg',
				responseMessage: 'Frame retrieved successfully',
			});
		},

		'/api/video/spliceV3'(body) {
			const ids = optStringList(body, 'deviceUuids');
			const start = optLong(body, 'startTimeMillis');
			const durationSec = optLong(body, 'durationSec');
			const title = optString(body, 'title');
			const description = optString(body, 'description');
			if (!ids || ids.length === 0 || ids.some((x) => !x)) {
				return inBand('deviceUuids must contain at least one device');
			}
			const cams = [];
			for (const id of ids) {
				const m = /^(.*)\.a0$/.exec(id);
				const cam = org.findCamera(m ? m[1] : id);
				if (!cam) return inBand(`Device not found: ${id}`);
				cams.push(cam);
			}
			if (start === null) return inBand('startTimeMillis is required');
			if (durationSec === null || durationSec < 1 || durationSec > 3600) {
				return inBand('durationSec must be between 1 and 3600');
			}
			spliceCounter++;
			const uuid = ruuid(`splice:${seed}:${spliceCounter}`);
			const now = clock();
			clips.set(uuid, {
				uuid,
				cam: cams[0],
				title: title ?? '',
				description: description ?? '',
				durationSec,
				timestampMs: start,
				createdAtMs: now,
				lastUpdatedSec: Math.floor(now / 1000),
				deviceUuids: ids.map((id) => (/\.(v0|a0)$/.test(id) ? id : `${id}.v0`)),
				polls: 0,
				// Real time, like the rate limit: the delay stands for Rhombus's own latency.
				visibleAt: performance.now() + config.clipVisibleAfterMs,
			});
			return ok({ clipUuid: uuid, clipUuidList: [uuid], error: false });
		},

		'/api/event/getClipWithProgress'(body) {
			const uuid = optString(body, 'clipUuid');
			if (!uuid) return inBand('clipUuid is required');
			const clip = clips.get(uuid);
			if (!clip) return inBand('Clip not found');
			if (!isVisible(clip)) return ok({ clip: null, error: false });
			const json = clipJson(clip);
			if (clip.polls !== Infinity) {
				clip.polls++;
				clip.lastUpdatedSec = Math.floor(clock() / 1000);
			}
			return ok({ clip: json, error: false });
		},

		'/api/event/getClipsWithProgress'(body) {
			const pageSize = optLong(body, 'pageSize') ?? 100;
			const pageToken = optString(body, 'pageToken');
			const filters = optStringList(body, 'deviceUuidFilters');
			const after = optLong(body, 'timestampMsAfter');
			const before = optLong(body, 'timestampMsBefore');
			if (pageSize < 1 || pageSize > 200) return inBand('pageSize must be between 1 and 200');
			let cursor = null;
			if (pageToken) {
				const m = /^(-?\d+):([A-Za-z0-9_-]{22})$/.exec(
					Buffer.from(pageToken, 'base64url').toString('latin1'),
				);
				if (!m) return inBand('Invalid pageToken');
				cursor = { ts: Number(m[1]), uuid: m[2] };
			}
			let wanted = null;
			if (filters && filters.length > 0) {
				wanted = new Set();
				for (const f of filters) {
					const cam = org.findCamera(f);
					if (cam) wanted.add(cam);
				}
			}
			const all = [...clips.values()]
				.filter(isVisible)
				.filter((c) => !wanted || wanted.has(c.cam))
				.filter((c) => after === null || c.timestampMs >= after)
				.filter((c) => before === null || c.timestampMs < before)
				.sort((x, y) => y.timestampMs - x.timestampMs || (x.uuid < y.uuid ? -1 : 1));
			const rest = cursor
				? all.filter(
						(c) =>
							c.timestampMs < cursor.ts || (c.timestampMs === cursor.ts && c.uuid > cursor.uuid),
					)
				: all;
			const page = rest.slice(0, pageSize);
			const last = page[page.length - 1];
			const next =
				rest.length > pageSize
					? Buffer.from(`${last.timestampMs}:${last.uuid}`, 'latin1').toString('base64url')
					: null;
			return ok({ savedClips: page.map(clipJson), pageToken: next, error: false });
		},
	};

	/** GET /media/metadata/{region}/{clipUuid}.mp4 */
	function media(method, pathname, headers) {
		const m = /^\/media\/metadata\/([a-z0-9-]+)\/([A-Za-z0-9_-]{22})\.mp4$/.exec(pathname);
		const clip = m ? clips.get(m[2]) : null;
		if (!clip || m[1] !== REGION || clipState(clip)[0] !== 'COMPLETE') {
			return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
		}
		const range = /^bytes=(\d*)-(\d*)$/.exec(headers.range ?? '');
		let body = mp4;
		let status = 200;
		const h = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' };
		if (range && (range[1] || range[2])) {
			let s = range[1] ? Number(range[1]) : mp4.length - Number(range[2]);
			let e = range[1] && range[2] ? Number(range[2]) : mp4.length - 1;
			s = Math.max(0, s);
			e = Math.min(e, mp4.length - 1);
			if (s > e) {
				return {
					status: 416,
					headers: { 'content-range': `bytes */${mp4.length}` },
					body: '',
				};
			}
			body = mp4.subarray(s, e + 1);
			status = 206;
			h['content-range'] = `bytes ${s}-${e}/${mp4.length}`;
		}
		return {
			status,
			headers: h,
			body: method === 'HEAD' ? Buffer.alloc(0) : body,
			length: body.length,
		};
	}

	return { routes, media, BadJson, clips };
}

/** The request kind of an operation path: its operation name, e.g. `getOccupancyCountsV2`. */
function rhombusKind(pathname) {
	return pathname.slice(pathname.lastIndexOf('/') + 1);
}

module.exports = { createRhombus, rhombusKind, BadJson, REGION };
