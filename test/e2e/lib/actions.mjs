// The checks on the action nodes' items and requests, shared by the single-process suite
// (test/e2e/run.mjs) and the queue-mode suite (test/e2e/queue.mjs), so both hold the same items to
// the same expectations. `nodes` maps each workflow (reports, clips, indivd) to its nodes' items,
// `logs` holds the simulator's requests during each workflow, `readBytes` reads an output binary
// wherever that n8n keeps it.
import assert from 'node:assert/strict';

import { SIM, SIM_KEYS } from '../../../scripts/n8n/workflows.mjs';
import { assertBucketItems, assertJpeg, assertMp4, requestsTo } from './assertions.mjs';

/** The action workflows' times: the day before `now` (UTC), its first six hours, a frame and a clip. */
export function actionTimes(now = Date.now()) {
	const day = new Date(now - 86_400_000).toISOString().slice(0, 10);
	return {
		day,
		T: {
			start: `${day}T00:00:00.000Z`,
			end: `${day}T06:00:00.000Z`,
			frame: `${day}T12:00:00.000Z`,
			clip: `${day}T09:00:00.000Z`,
			startDate: day,
			endDate: day,
		},
	};
}

/** One entry per action operation: the test's title and its check. */
export const ACTION_CHECKS = [
	{
		title: 'Rhombus report → Get Crossing Counts: hourly buckets of two cameras in one request',
		async check({ nodes, logs, T }) {
			const items = nodes.reports['Crossing counts'];
			assertBucketItems(items, {
				source: 'rhombus',
				metric: 'crossingCounts',
				granularity: 'hour',
				timeZone: 'UTC',
				from: T.start,
				to: T.end,
			});
			assert.equal(new Set(items.map((i) => i.json.bucketStart)).size, 6, 'six hours');
			for (const { json } of items) {
				for (const f of ['ingress', 'egress', 'net']) assert.equal(typeof json[f], 'number', f);
				assert.equal(json.net, json.ingress - json.egress);
			}
			const reqs = requestsTo(logs.reports, '/api/report/getBatchThresholdCrossingCountReport');
			assert.equal(reqs.length, 1, 'one request for both cameras');
			assert.equal(reqs[0].method, 'POST');
			assert.equal(reqs[0].headers['x-auth-apikey'], SIM_KEYS.rhombus);
			assert.equal(reqs[0].headers['x-auth-scheme'], 'api-token');
			const body = JSON.stringify(reqs[0].body);
			assert.ok(
				body.includes(SIM.cameras.berlinLobby.uuid) && body.includes(SIM.cameras.laFrontDoor.uuid),
				body,
			);
		},
	},
	{
		title: 'Rhombus report → Get Occupancy: hourly buckets in Europe/Berlin',
		async check({ nodes, logs, T }) {
			const items = nodes.reports.Occupancy;
			assertBucketItems(items, {
				source: 'rhombus',
				metric: 'occupancy',
				granularity: 'hour',
				timeZone: 'Europe/Berlin',
				from: T.start,
				to: T.end,
			});
			assert.equal(items.length, 6);
			for (const { json } of items) {
				assert.equal(json.cameraUuid, SIM.cameras.berlinLobby.uuid);
				assert.equal(typeof json.occupancy, 'number');
				assert.match(json.bucketStartLocal, /\+0[12]:00$/);
			}
			const reqs = requestsTo(logs.reports, '/api/report/getOccupancyCountsV2');
			assert.equal(reqs.length, 1);
			assert.ok(JSON.stringify(reqs[0].body).includes(SIM.cameras.berlinLobby.uuid));
		},
	},
	{
		title: 'Rhombus video → Get Frame: a JPEG as n8n binary data',
		async check({ nodes, logs, T, readBytes }) {
			const [item] = nodes.reports.Frame;
			const bin = item.binary?.data;
			assert.ok(bin, 'binary property "data"');
			assert.equal(bin.mimeType, 'image/jpeg');
			assert.equal(bin.fileExtension, 'jpg');
			const bytes = await readBytes(bin);
			assertJpeg(bytes);
			assert.equal(bytes.length, item.json.bytes);
			assert.equal(item.json.timestamp, T.frame);
			const [req] = requestsTo(logs.reports, '/api/video/getExactFrameData');
			assert.equal(req.body.timestampMs, Date.parse(T.frame));
			assert.equal(req.body.downscaleFactor, 2);
		},
	},
	{
		title: 'Rhombus clip → Create: waits until rendered, downloads the MP4, sent exactly once',
		async check({ nodes, logs, T, readBytes }) {
			const [item] = nodes.clips['Create clip'];
			assert.equal(item.json.status, 'COMPLETE');
			assert.equal(item.json.title, 'Lobby at opening');
			assert.equal(item.binary.video.mimeType, 'video/mp4');
			assertMp4(await readBytes(item.binary.video));
			const splices = requestsTo(logs.clips, '/api/video/spliceV3');
			assert.equal(splices.length, 1);
			assert.equal(splices[0].body.durationSec, 30);
			assert.equal(splices[0].body.saveToConsole, true, 'kept in the console, as the SDK does');
			assert.equal(splices[0].body.startTimeMillis, Date.parse(T.clip));
			assert.ok(
				requestsTo(logs.clips, '/api/event/getClipWithProgress').length >= 2,
				'progress polled',
			);
		},
	},
	{
		title: 'Rhombus clip → Get: the clip created before, complete',
		async check({ nodes }) {
			const created = nodes.clips['Create clip'][0].json.clipUuid;
			const [item] = nodes.clips['Get clip'];
			assert.equal(item.json.clipUuid, created);
			assert.equal(item.json.status, 'COMPLETE');
		},
	},
	{
		title: 'Rhombus clip → Download: the MP4 from the media host of its region',
		async check({ nodes, logs, readBytes }) {
			const created = nodes.clips['Create clip'][0].json;
			const [item] = nodes.clips['Download clip'];
			assert.equal(item.json.clipUuid, created.clipUuid);
			assert.equal(item.json.region, created.clipLocation.region);
			const bytes = await readBytes(item.binary.data);
			assertMp4(bytes);
			assert.equal(bytes.length, item.json.bytes);
			const media = requestsTo(
				logs.clips,
				`/media/metadata/${created.clipLocation.region}/${created.clipUuid}.mp4`,
			);
			assert.ok(media.length >= 1);
			assert.equal(media.at(-1).headers['x-auth-apikey'], SIM_KEYS.rhombus);
		},
	},
	{
		title: 'Rhombus clip → Get Many: every clip of the camera, page tokens followed',
		async check({ nodes, logs }) {
			const items = nodes.clips['List clips'];
			const created = nodes.clips['Create clip'][0].json.clipUuid;
			assert.ok(
				items.some((i) => i.json.clipUuid === created),
				'the new clip is listed',
			);
			assert.equal(new Set(items.map((i) => i.json.clipUuid)).size, items.length, 'no clip twice');
			const reqs = requestsTo(logs.clips, '/api/event/getClipsWithProgress');
			assert.ok(reqs.length >= 1);
			assert.ok(JSON.stringify(reqs[0].body).includes(SIM.cameras.berlinLobby.uuid));
		},
	},
	{
		title: 'Indivd line crosses → Get: hourly buckets of two lines of one location',
		async check({ nodes, logs, day }) {
			const items = nodes.indivd['Line crosses'];
			const nextDay = new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
			assertBucketItems(items, {
				source: 'indivd',
				metric: 'lineCrosses',
				granularity: 'hour',
				timeZone: 'UTC',
				from: `${day}T00:00:00.000Z`,
				to: nextDay,
			});
			assert.ok(items.length > 12, `${items.length} hours with crossings`);
			for (const { json } of items) {
				assert.equal(json.locationId, SIM.indivd.stockholm);
				assert.equal(typeof json.count, 'number');
			}
			const reqs = requestsTo(logs.indivd, '/line_crosses/');
			assert.ok(reqs.length >= 1);
			assert.equal(reqs[0].method, 'GET');
			assert.equal(reqs[0].headers.authorization, `Token ${SIM_KEYS.indivd}`);
			const q = JSON.stringify(reqs[0].query);
			assert.ok(
				q.includes(String(SIM.indivd.stockholm)) && q.includes(String(SIM.indivd.mainDoorIn)),
				q,
			);
		},
	},
	{
		title: 'Indivd zone visitors → Get: hourly visits and dwell times of a zone',
		async check({ nodes, logs }) {
			const items = nodes.indivd['Zone visitors'];
			assertBucketItems(items, {
				source: 'indivd',
				metric: 'zoneVisitors',
				granularity: 'hour',
				timeZone: 'Europe/Stockholm',
			});
			for (const { json } of items) {
				assert.equal(json.zoneId, SIM.indivd.entranceZone);
				for (const f of ['visits', 'uniqueVisits', 'bounce'])
					assert.equal(typeof json[f], 'number', f);
				// Hours without visits are filled as zeros, without dwell times (docs/contract.md §4.3).
				assert.equal(
					typeof json.dwellTimeMean,
					json.visits > 0 ? 'number' : 'object',
					'dwellTimeMean',
				);
			}
			assert.ok(
				items.some(({ json }) => json.visits > 0),
				'some hour has visits',
			);
			assert.ok(requestsTo(logs.indivd, '/zone_visitors/').length >= 1);
		},
	},
	{
		title: 'Indivd drop-in rate → Get: passers-by, entries and rate of a zone',
		async check({ nodes, logs, day }) {
			const items = nodes.indivd['Drop-in rate'];
			const zone = items.filter((i) => i.json.granularity === 'day');
			const total = items.filter((i) => i.json.granularity === 'total');
			assertBucketItems(zone, {
				source: 'indivd',
				metric: 'dropInRate',
				granularity: 'day',
				timeZone: 'Europe/Stockholm',
			});
			assert.equal(zone.length, 1, 'one local day');
			assert.equal(zone[0].json.zoneId, SIM.indivd.entranceZone);
			assert.ok(
				zone[0].json.bucketStartLocal.startsWith(`${day}T00:00:00.000`),
				'the local calendar day',
			);
			// One zone: its row is the total, so no total row doubles it in a sheet.
			assert.equal(total.length, 0, 'no total for one zone');
			assert.equal(zone[0].json.isTotal, false, 'the zone row is marked as no total');
			for (const { json } of items) {
				for (const f of ['passingBy', 'enter', 'dropInRate'])
					assert.equal(typeof json[f], 'number', f);
				assert.ok(json.enter <= json.passingBy);
			}
			assert.ok(requestsTo(logs.indivd, '/drop_in_rate/').length >= 1);
		},
	},
];
