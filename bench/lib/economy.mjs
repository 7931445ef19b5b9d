// Request economy: how many HTTP requests our nodes make for a job, counted from the simulator's
// request log, against the do-it-yourself recipe run against the same simulator.
//
// The recipe counted here is the one people build today without the package: a Schedule Trigger,
// a Code node that lists the days of the range, and an HTTP Request node that runs once per
// (camera ×) day. One day per request is the simplest split that never breaks Indivd's limits
// (minute data ≤ 3 days, hour ≤ 7 days, weeks within one calendar year) and the usual shape of a
// per-camera Rhombus loop. The recipe's requests are really sent, so its count is also read from
// the log, and its totals are checked against ours.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { request } = require('undici');
const { startSimulator } = require('../../simulator/server.cjs');
const { simulatorSecrets } = require('../../test/helpers/secrets.cjs');

const DAY = 24 * 3600 * 1000;
const lineCrossesPath = '/api/v1/rnd/insights/external/line_crosses/';
const crossingPath = '/api/report/getBatchThresholdCrossingCountReport';

function daysOf(startDate, endDate) {
	const days = [];
	for (
		let t = Date.parse(`${startDate}T00:00:00Z`);
		t <= Date.parse(`${endDate}T00:00:00Z`);
		t += DAY
	) {
		days.push(new Date(t).toISOString().slice(0, 10));
		if (days.length > 400) throw new Error('range too long for the recipe');
	}
	return days;
}

async function getJson(url, headers, init = {}) {
	const response = await request(url, { headers, ...init });
	const text = await response.body.text();
	if (response.statusCode !== 200)
		throw new Error(`recipe request failed: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
	return JSON.parse(text);
}

function countRequests(sim, vendor) {
	return sim.log.entries().filter((entry) => entry.vendor === vendor).length;
}

/** The recipe for Indivd: one GET per day; totals re-added by bucket in a Code node. */
async function indivdRecipe(sim, { startDate, endDate, aggregateBy }) {
	const headers = { authorization: `Token ${simulatorSecrets.indivdToken}` };
	let total = 0;
	for (const day of daysOf(startDate, endDate)) {
		const query = new URLSearchParams({
			start_date: day,
			end_date: day,
			aggregate_by: aggregateBy,
		});
		const rows = await getJson(`${sim.url}${lineCrossesPath}?${query}`, headers);
		for (const row of rows) total += row.count;
	}
	return total;
}

/** The recipe for Rhombus: one POST per camera and day. */
async function rhombusRecipe(sim, { cameraUuids, start, end, timeZone }) {
	const headers = {
		'x-auth-apikey': simulatorSecrets.rhombusKey,
		'x-auth-scheme': 'api-token',
		'content-type': 'application/json',
	};
	let total = 0;
	for (const cameraUuid of cameraUuids) {
		for (let from = start; from < end; from += DAY) {
			const body = {
				deviceUuids: [cameraUuid],
				startTimeMs: from,
				endTimeMs: Math.min(from + DAY, end),
				timeZone,
				bucketSize: 'HOUR',
			};
			const json = await getJson(`${sim.url}${crossingPath}`, headers, {
				method: 'POST',
				body: JSON.stringify(body),
			});
			if (json.error) throw new Error(`recipe request failed: ${json.errorMsg}`);
			for (const count of json.crossingCounts) total += count.ingressCount;
		}
	}
	return total;
}

export async function requestEconomy({ context, nodes }) {
	const now = Date.UTC(2026, 2, 30, 14, 7, 30);
	const sim = await startSimulator({ cameras: 50, rateLimit: false, now });
	const credentials = context.simulatorCredentials(sim.url);
	const rows = [];
	try {
		const indivdJobs = [
			{
				job: 'Indivd line crosses, 30 days hourly',
				range: { startDate: '2026-02-01', endDate: '2026-03-02', aggregateBy: 'hour' },
				expected: 5,
			},
			{
				job: 'Indivd line crosses, 10 days by minute',
				range: { startDate: '2026-03-01', endDate: '2026-03-10', aggregateBy: 'minute' },
				expected: 4,
			},
			{
				job: 'Indivd line crosses, weekly, 2025-12-01 to 2026-01-31 (across New Year)',
				range: { startDate: '2025-12-01', endDate: '2026-01-31', aggregateBy: 'week' },
				expected: 2,
			},
		];
		for (const { job, range, expected } of indivdJobs) {
			sim.log.clear();
			const items = await context.executeNode(nodes.indivd, {
				credentials,
				parameters: { resource: 'lineCrosses', operation: 'get', ...range },
			});
			const ours = countRequests(sim, 'indivd');
			const ourTotal = items.reduce((sum, item) => sum + item.json.count, 0);
			sim.log.clear();
			const recipeTotal = await indivdRecipe(sim, range);
			const recipe = countRequests(sim, 'indivd');
			rows.push({
				job,
				ours,
				expected,
				recipe,
				sameTotals: ourTotal === recipeTotal,
				items: items.length,
			});
		}

		const cameraUuids = sim.fixtures.rhombus.cameras.map((camera) => camera.uuid);
		const start = Date.UTC(2026, 2, 29, 0, 0);
		const end = start + DAY;
		sim.log.clear();
		const items = await context.executeNode(nodes.rhombus, {
			credentials,
			parameters: {
				resource: 'report',
				operation: 'getCrossingCounts',
				cameraUuids,
				startTime: new Date(start).toISOString(),
				endTime: new Date(end).toISOString(),
				timeZone: 'UTC',
				bucketSize: 'HOUR',
			},
		});
		const ours = countRequests(sim, 'rhombus');
		const ourTotal = items.reduce((sum, item) => sum + item.json.ingress, 0);
		sim.log.clear();
		const recipeTotal = await rhombusRecipe(sim, { cameraUuids, start, end, timeZone: 'UTC' });
		rows.push({
			job: 'Rhombus crossing counts, 50 cameras, hourly, one day',
			ours,
			expected: 1,
			recipe: countRequests(sim, 'rhombus'),
			sameTotals: ourTotal === recipeTotal,
			items: items.length,
		});
	} finally {
		await sim.close();
	}
	return rows;
}
