'use strict';

// Local aliases: in a vm context (jest) every global lookup is slow, which hot loops feel.
const Math = globalThis.Math;
const Date = globalThis.Date;

const { DateTime } = require('luxon');
const { MIN, HOUR, DAY, unit, isValidTimeZone, localParts, wallMs } = require('./series.cjs');

const DATA_PREFIX = '/api/v1/rnd/insights/external/';
const DATA_ENDPOINTS = ['line_crosses', 'zone_visitors', 'drop_in_rate'];
const FILTERS = ['locations', 'zones', 'lines', 'categories', 'organisations'];
/** The names variants use for Indivd's requests: `line_crosses`, ..., `filters/locations`, ... */
const INDIVD_KINDS = [...DATA_ENDPOINTS, ...FILTERS.map((name) => `filters/${name}`)];

/** Any non-200 Indivd answer: the docs say errors carry no JSON body. */
class HttpStatus extends Error {
	constructor(status) {
		super(String(status));
		this.status = status;
	}
}

function fail(status) {
	throw new HttpStatus(status);
}

function param(q, name) {
	const v = q[name];
	return v === undefined || v === '' ? null : v;
}

function parseDay(v) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
	if (!m) fail(400);
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	const ms = Date.UTC(y, mo - 1, d);
	const dt = new Date(ms);
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) fail(400);
	return ms / DAY;
}

function intParam(q, name) {
	const v = param(q, name);
	if (v === null) return null;
	if (!/^-?\d+$/.test(v)) fail(400);
	return Number(v);
}

function intList(q, name) {
	const v = param(q, name);
	if (v === null) return null;
	const parts = v.split(',');
	if (parts.some((p) => !/^-?\d+$/.test(p.trim()))) fail(400);
	return parts.map((p) => Number(p.trim()));
}

function yearOfDay(day) {
	return new Date(day * DAY).getUTCFullYear();
}

function period(startStr, endStr) {
	const startDay = parseDay(startStr);
	const endDay = parseDay(endStr);
	if (endDay < startDay) fail(400);
	return { startStr, endStr, startDay, endDay, days: endDay - startDay + 1 };
}

function periods(q, withComparison) {
	const s = param(q, 'start_date');
	const e = param(q, 'end_date');
	if (s === null || e === null) fail(400);
	const current = period(s, e);
	let comparison = null;
	if (withComparison) {
		const cs = param(q, 'comparison_start_date');
		const ce = param(q, 'comparison_end_date');
		if ((cs === null) !== (ce === null)) fail(400);
		if (cs !== null) comparison = period(cs, ce);
	}
	return { current, comparison };
}

function checkLimit(level, p) {
	if (level === 'minute' && p.days > 3) fail(400);
	if (level === 'hour' && p.days > 7) fail(400);
	if (level === 'week' && yearOfDay(p.startDay) !== yearOfDay(p.endDay)) fail(400);
}

function round1(x) {
	return Math.round(x * 10) / 10;
}

function rate(enter, passing) {
	return passing > 0 ? round1((enter / passing) * 100) : 0;
}

function erf(x) {
	const s = x < 0 ? -1 : 1;
	const a = Math.abs(x);
	const t = 1 / (1 + 0.3275911 * a);
	const y =
		1 -
		((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
			t *
			Math.exp(-a * a);
	return s * y;
}

function phi(z) {
	if (z === Infinity) return 1;
	if (z === -Infinity) return 0;
	return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Acklam's rational approximation of the inverse standard normal CDF. */
function phiInv(p) {
	const a = [
		-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
		2.506628277459239,
	];
	const b = [
		-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
		-13.28068155288572,
	];
	const c = [
		-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
		4.374664141464968, 2.938163982698783,
	];
	const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
	const pl = 0.02425;
	p = Math.min(1 - 1e-12, Math.max(1e-12, p));
	if (p < pl) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (
			(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
		);
	}
	if (p > 1 - pl) {
		const q = Math.sqrt(-2 * Math.log(1 - p));
		return (
			-(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
		);
	}
	const q = p - 0.5;
	const r = q * q;
	return (
		((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
		(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
	);
}

const LINE_LEVELS = ['year', 'month', 'dayofmonth', 'dayofweek', 'week', 'hour', 'minute'];
const ZONE_LEVELS = [
	'year',
	'month',
	'week',
	'dayofmonth',
	'dayofweek',
	'hour',
	'minute',
	'loc_id',
	'zone',
];
const DROP_INTERVALS = ['year', 'month', 'week', 'day', 'hour'];

const EXPAND = {
	year: ['year'],
	month: ['year', 'month'],
	week: ['year', 'week'],
	dayofmonth: ['year', 'month', 'dayofmonth'],
	dayofweek: ['dayofweek'],
	hour: ['year', 'month', 'dayofmonth', 'hour'],
	minute: ['year', 'month', 'dayofmonth', 'hour', 'minute'],
	loc_id: [],
	zone: [],
};
const ID_ORDER = ['year', 'month', 'week', 'dayofmonth', 'hour', 'minute', 'dayofweek'];
// zone_visitors prints the finest field first, as in the documented sample.
const AGGREGATION_ORDER = ['minute', 'hour', 'dayofmonth', 'dayofweek', 'week', 'month', 'year'];

function fieldValue(field, p) {
	switch (field) {
		case 'year':
			return p.year;
		case 'month':
			return p.month;
		case 'week':
			return p.week;
		case 'dayofmonth':
			return p.day;
		case 'hour':
			return p.hour;
		case 'minute':
			return p.minute;
		case 'dayofweek':
			return p.dow + 1;
	}
	return undefined;
}

function compareTuples(x, y) {
	for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
}

function defaultLevel(days, { week }) {
	if (days <= 1) return 'hour';
	if (days <= 31) return 'dayofmonth';
	if (!week) return 'month';
	return days < 365 ? 'week' : 'month';
}

function sumRange(series, a, b) {
	return series.sumRange(a, b);
}

function createIndivd({ world, clock, config, revisions = null }) {
	const w = world.indivd;
	const cutoff = () => Math.floor(clock() / MIN) * MIN;
	// Late uploads and corrections (simulator/revisions.cjs) revise the minute counts.
	const counter = () => (revisions ? revisions.counter('indivd', clock()) : sumRange);
	// Tests switch the documented limits off to get the answer one unlimited request would give.
	const limit = (level, p) => {
		if (config.rangeLimits !== false) checkLimit(level, p);
	};

	function scopeLocations(scope, q, multi) {
		const ids = multi
			? intList(q, 'location')
			: (() => {
					const v = intParam(q, 'location');
					return v === null ? null : [v];
				})();
		if (ids) {
			for (const id of ids) if (!scope.locations.includes(id)) fail(403);
			return ids;
		}
		return scope.locations.slice().sort((a, b) => a - b);
	}

	function timeZoneFor(q, scope, explicitLocations) {
		const tz = param(q, 'tz');
		if (tz !== null) {
			if (!isValidTimeZone(tz)) fail(400);
			return tz;
		}
		const first = explicitLocations ?? scope.locations.slice().sort((a, b) => a - b);
		const loc = w.locById.get(first[0]);
		return loc ? loc.timezone : 'UTC';
	}

	/**
	 * The first instant of a local date. luxon resolves a midnight that a fall-back shift repeats
	 * (America/Havana, 2026-11-01) to its later occurrence; the date starts at the earlier one, so
	 * step back while the instant before is still on that date (offsets move in quarter hours).
	 */
	function localDayStart(tz, day) {
		const d = new Date(day * DAY);
		let start = DateTime.fromObject(
			{ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
			{ zone: tz },
		).toMillis();
		while (Math.floor(wallMs(tz, start - 15 * MIN) / DAY) === day) start -= 15 * MIN;
		return start;
	}

	/** Hourly zone records (labelled with the UTC hour start) in [from, to), partial up to now. */
	function forEachHour(from, to, fn) {
		const cut = cutoff();
		const stop = Math.min(to, cut);
		for (let h = Math.ceil(from / HOUR) * HOUR; h < stop; h += HOUR) fn(h, Math.min(h + HOUR, cut));
	}

	function lineCrosses(q, scope) {
		const { current: p } = periods(q, false);
		const explicit = param(q, 'aggregate_by');
		const level = explicit ?? defaultLevel(p.days, { week: false });
		if (!LINE_LEVELS.includes(level)) fail(400);
		if (explicit) limit(level, p);
		const organization = intParam(q, 'organization');
		const locations = scopeLocations(scope, q, false);
		const floors = intList(q, 'floor');
		const zoneTo = intList(q, 'zone_to');
		const zoneFrom = intList(q, 'zone_from');
		const categories = intList(q, 'category');
		const lineIds = intList(q, 'line_ids');
		if (organization !== null) {
			const inScope = scope.locations.some(
				(id) => w.locById.get(id)?.organisation_id === organization,
			);
			if (!inScope) fail(403);
		}
		const lines = w.lines.filter(
			(l) =>
				locations.includes(l.location_id) &&
				(organization === null || w.locById.get(l.location_id).organisation_id === organization) &&
				(!floors || floors.includes(l.floor)) &&
				(!zoneTo || zoneTo.includes(l.zone_to)) &&
				(!zoneFrom || zoneFrom.includes(l.zone_from)) &&
				(!categories || categories.includes(l.category)) &&
				(!lineIds || lineIds.includes(l.id)),
		);
		const fields = EXPAND[level];
		const step = level === 'minute' ? MIN : level === 'hour' ? HOUR : DAY;
		const stop = Math.min((p.endDay + 1) * DAY, cutoff());
		const groups = new Map();
		const sum = counter();
		for (let t = p.startDay * DAY; t < stop; t += step) {
			const e = Math.min(t + step, stop);
			let count = 0;
			for (const l of lines) count += sum(l.series, t, e);
			if (count === 0) continue;
			const lp = localParts('UTC', t);
			const tuple = fields.map((f) => fieldValue(f, lp));
			const key = tuple.join(',');
			const g = groups.get(key);
			if (g) g.count += count;
			else groups.set(key, { tuple, count });
		}
		const order = fields.slice().sort((a, b) => ID_ORDER.indexOf(a) - ID_ORDER.indexOf(b));
		return [...groups.values()]
			.map((g) => ({
				sort: order.map((f) => g.tuple[fields.indexOf(f)]),
				row: {
					_id: Object.fromEntries(fields.map((f, i) => [f, g.tuple[i]])),
					count: g.count,
				},
			}))
			.sort((x, y) => compareTuples(x.sort, y.sort))
			.map((x) => x.row);
	}

	function recordStats(zone, h, visits, opts) {
		const hi = h / HOUR;
		const [median, sigma] = zone.dwell;
		const mu = Math.log(median) + 0.3 * (unit(zone.k, hi) - 0.5);
		const F = (x) => (x <= 0 ? 0 : phi((Math.log(x) - mu) / sigma));
		const unique = visits - Math.floor(visits * (0.04 + 0.1 * unit(zone.k ^ 0x3c6ef372, hi)));
		const pa = opts.minDwell !== null ? F(opts.minDwell) : 0;
		const pb = opts.maxDwell !== null ? F(opts.maxDwell) : 1;
		// Randomised rounding keeps small shares (a few long visits per hour) visible in sums.
		const round = (x, salt) => Math.floor(x + unit(zone.k ^ salt, hi));
		const r = {
			visits,
			unique,
			bounce: opts.threshold > 0 ? round(visits * F(opts.threshold), 0x1f83d9ab) : 0,
			exclMin: opts.minDwell !== null ? round(visits * pa, 0x5be0cd19) : 0,
			exclMax: opts.maxDwell !== null ? round(visits * (1 - pb), 0x6a09e667) : 0,
			n: Math.max(0, unique - round(unique * (pa + 1 - pb), 0x510e527f)),
			mu,
			mean: 0,
			min: 0,
			max: 0,
		};
		if (r.n > 0 && pb - pa > 1e-9) {
			const quant = (x) => Math.exp(mu + sigma * phiInv(pa + (pb - pa) * x));
			r.min = quant(1 / (r.n + 1));
			r.max = quant(r.n / (r.n + 1));
			const s2 = sigma * sigma;
			const za = opts.minDwell > 0 ? (Math.log(opts.minDwell) - mu - s2) / sigma : -Infinity;
			const zb = opts.maxDwell !== null ? (Math.log(opts.maxDwell) - mu - s2) / sigma : Infinity;
			r.mean = (Math.exp(mu + s2 / 2) * (phi(zb) - phi(za))) / (pb - pa);
			r.mean = Math.min(r.max, Math.max(r.min, r.mean));
		} else {
			r.n = 0;
		}
		return r;
	}

	function finishGroup(g, zone, opts) {
		const shrink = g.k > 1 ? 1 + 0.035 * Math.log(g.k) : 1;
		const unique = Math.min(g.visits, Math.round(g.unique / shrink));
		const n = Math.min(unique, Math.round(g.n / shrink));
		let stats = { mean: 0, min: 0, max: 0, quantiles: [0, 0, 0], n };
		if (g.n > 0) {
			const sigma = zone.dwell[1];
			const mu = g.muN / g.n;
			const F = (x) => phi((Math.log(x) - mu) / sigma);
			const pa = opts.minDwell > 0 ? F(opts.minDwell) : 0;
			const pb = opts.maxDwell !== null ? F(opts.maxDwell) : 1;
			const clamp = (x) => round1(Math.min(g.max, Math.max(g.min, x)));
			const quantiles = [0.25, 0.5, 0.75].map((x) =>
				clamp(Math.exp(mu + sigma * phiInv(pa + (pb - pa) * x))),
			);
			stats = { mean: clamp(g.meanN / g.n), min: round1(g.min), max: round1(g.max), quantiles, n };
		}
		return {
			visits: g.visits,
			unique_visits: unique,
			bounce: g.bounce,
			dwell_time: stats.mean,
			dwell_time_stats: stats,
			exclude: { min_dwell_time: g.exclMin, max_dwell_time: g.exclMax },
		};
	}

	function zoneVisitorsPeriod(p, zones, tz, fields, withLoc, opts) {
		const from = localDayStart(tz, p.startDay);
		const to = localDayStart(tz, p.endDay + 1);
		const out = [];
		const sum = counter();
		for (const zone of zones) {
			const threshold = opts.bounce === null || opts.bounce === -1 ? zone.bounce : opts.bounce;
			const zopts = { ...opts, threshold };
			const groups = new Map();
			forEachHour(from, to, (h, e) => {
				const visits = sum(zone.visits, h, e);
				if (visits === 0) return;
				const r = recordStats(zone, h, visits, zopts);
				const lp = localParts(tz, h);
				const tuple = fields.map((f) => fieldValue(f, lp));
				const key = tuple.join(',');
				let g = groups.get(key);
				if (!g) {
					g = { tuple, k: 0, visits: 0, unique: 0, bounce: 0, exclMin: 0, exclMax: 0, n: 0 };
					Object.assign(g, { muN: 0, meanN: 0, min: Infinity, max: 0 });
					groups.set(key, g);
				}
				g.k++;
				g.visits += r.visits;
				g.unique += r.unique;
				g.bounce += r.bounce;
				g.exclMin += r.exclMin;
				g.exclMax += r.exclMax;
				if (r.n > 0) {
					g.n += r.n;
					g.muN += r.mu * r.n;
					g.meanN += r.mean * r.n;
					g.min = Math.min(g.min, r.min);
					g.max = Math.max(g.max, r.max);
				}
			});
			for (const g of groups.values()) {
				const aggregation = {};
				for (const f of AGGREGATION_ORDER) {
					const i = fields.indexOf(f);
					if (i >= 0) aggregation[f] = g.tuple[i];
				}
				if (withLoc) aggregation.loc_id = zone.location_id;
				aggregation.zone_id = zone.id;
				aggregation.zone_name = zone.name;
				aggregation.bounce_threshold = threshold;
				const order = fields
					.slice()
					.sort((a, b) => ID_ORDER.indexOf(a) - ID_ORDER.indexOf(b))
					.map((f) => g.tuple[fields.indexOf(f)]);
				out.push({
					sort: [...order, zone.id],
					row: { ...finishGroup(g, zone, zopts), aggregation },
				});
			}
		}
		return {
			startdate: p.startStr,
			enddate: p.endStr,
			insights: out.sort((x, y) => compareTuples(x.sort, y.sort)).map((x) => x.row),
		};
	}

	function zoneVisitors(q, scope) {
		const { current, comparison } = periods(q, true);
		const raw = param(q, 'aggregate_by');
		let values;
		if (raw === null) {
			values = [defaultLevel(current.days, { week: true })];
		} else {
			values = raw.split(',').map((s) => s.trim());
			for (const v of values) {
				if (!ZONE_LEVELS.includes(v)) fail(400);
				limit(v, current);
				if (comparison) limit(v, comparison);
			}
		}
		const fields = [...new Set(values.flatMap((v) => EXPAND[v]))];
		const explicitLocations = intList(q, 'location');
		const locations = scopeLocations(scope, q, true);
		const zoneIds = intList(q, 'zones');
		const bounce = intParam(q, 'bounce_threshold');
		const minDwell = intParam(q, 'min_dwell');
		const maxDwell = intParam(q, 'max_dwell');
		if (bounce !== null && bounce < -1) fail(400);
		if (minDwell !== null && minDwell < 0) fail(400);
		if (maxDwell !== null && (maxDwell < 0 || maxDwell > 10800)) fail(400);
		const tz = timeZoneFor(q, scope, explicitLocations);
		const zones = w.zones.filter(
			(z) => locations.includes(z.location_id) && (!zoneIds || zoneIds.includes(z.id)),
		);
		const opts = { bounce, minDwell, maxDwell };
		const withLoc = values.includes('loc_id');
		return {
			current: zoneVisitorsPeriod(current, zones, tz, fields, withLoc, opts),
			comparison: comparison
				? zoneVisitorsPeriod(comparison, zones, tz, fields, withLoc, opts)
				: {},
		};
	}

	const DROP_FIELDS = {
		year: ['year'],
		month: ['year', 'month'],
		week: ['year', 'week'],
		day: ['year', 'month', 'dayofmonth'],
		hour: ['year', 'month', 'dayofmonth', 'hour'],
	};

	function dropInPeriod(p, zones, tz, interval) {
		const from = localDayStart(tz, p.startDay);
		const to = localDayStart(tz, p.endDay + 1);
		const fields = DROP_FIELDS[interval];
		const all = new Map();
		const perZone = {};
		let enterTotal = 0;
		let passingTotal = 0;
		const sum = counter();
		for (const zone of zones) {
			const groups = new Map();
			let zEnter = 0;
			let zPassing = 0;
			forEachHour(from, to, (h, e) => {
				const enter = sum(zone.visits, h, e);
				let passing = 0;
				for (const l of zone.passingLines) passing += sum(l.series, h, e);
				if (enter === 0 && passing === 0) return;
				const lp = localParts(tz, h);
				const tuple = fields.map((f) => fieldValue(f, lp));
				const key = tuple.join(',');
				for (const map of [groups, all]) {
					const g = map.get(key);
					if (g) {
						g.enter += enter;
						g.passing += passing;
					} else {
						map.set(key, { tuple, enter, passing });
					}
				}
				zEnter += enter;
				zPassing += passing;
			});
			enterTotal += zEnter;
			passingTotal += zPassing;
			perZone[String(zone.id)] = {
				zone_id: zone.id,
				zone_name: zone.name,
				loc_id: zone.location_id,
				loc_name: zone.location.name,
				location_custom_id: zone.location.custom_id,
				total_visits: zEnter,
				total_passing_by: zPassing,
				drop_in_rate: rate(zEnter, zPassing),
				details: [...groups.values()]
					.sort((x, y) => compareTuples(x.tuple, y.tuple))
					.map((g) => ({
						...Object.fromEntries(fields.map((f, i) => [f, g.tuple[i]])),
						visits: g.enter,
						passing_by: g.passing,
						drop_in_rate: rate(g.enter, g.passing),
					})),
			};
		}
		const details = [...all.values()]
			.sort((x, y) => compareTuples(x.tuple, y.tuple))
			.map((g) => ({
				...Object.fromEntries(fields.map((f, i) => [f === 'dayofmonth' ? 'day' : f, g.tuple[i]])),
				passing_by: g.passing,
				enter: g.enter,
				drop_in_rate: rate(g.enter, g.passing),
			}));
		return {
			summary: {
				startdate: p.startStr,
				enddate: p.endStr,
				passing_by: passingTotal,
				enter: enterTotal,
				enter_percentage: rate(enterTotal, passingTotal),
			},
			details,
			zones: perZone,
		};
	}

	function dropInRate(q, scope) {
		const { current, comparison } = periods(q, true);
		const explicit = param(q, 'interval');
		let interval;
		if (explicit === null) {
			const level = defaultLevel(current.days, { week: true });
			interval = level === 'dayofmonth' ? 'day' : level;
		} else {
			interval = explicit;
			if (!DROP_INTERVALS.includes(interval)) fail(400);
			limit(interval, current);
			if (comparison) limit(interval, comparison);
		}
		const explicitLocations = intList(q, 'location');
		const locations = scopeLocations(scope, q, true);
		const zoneIds = intList(q, 'zone');
		const tz = timeZoneFor(q, scope, explicitLocations);
		const zones = w.zones.filter(
			(z) =>
				z.passingLines.length > 0 &&
				locations.includes(z.location_id) &&
				(!zoneIds || zoneIds.includes(z.id)),
		);
		const cur = dropInPeriod(current, zones, tz, interval);
		const cmp = comparison ? dropInPeriod(comparison, zones, tz, interval) : null;
		return {
			summary: { current: cur.summary, comparison: cmp ? cmp.summary : {} },
			details: { interval, current: cur.details, comparison: cmp ? cmp.details : [] },
			zone_details: { current: cur.zones, comparison: cmp ? cmp.zones : {} },
		};
	}

	function locationJson(l) {
		return {
			id: l.id,
			name: l.name,
			city: l.city,
			country: l.country,
			timezone: l.timezone,
			organisation_id: l.organisation_id,
			location_custom_id: l.custom_id,
			opening_hours: l.opening_hours,
		};
	}

	const filters = {
		locations(locs) {
			const list = locs.map((id) => locationJson(w.locById.get(id)));
			switch (config.locationsShape) {
				case 'array':
					return list;
				case 'wrapped':
					return { results: list };
				case 'object':
					if (list.length === 1) return list[0];
					break;
			}
			return Object.fromEntries(list.map((l) => [String(l.id), l]));
		},
		zones(locs) {
			return w.zones
				.filter((z) => locs.includes(z.location_id))
				.map((z) => ({
					id: z.id,
					name: z.name,
					location_id: z.location_id,
					floor: z.floor,
					bounce_threshold: z.bounce,
					drop_in_configured: z.passingLines.length > 0,
				}));
		},
		lines(locs) {
			return w.lines
				.filter((l) => locs.includes(l.location_id))
				.map((l) => ({
					id: l.id,
					name: l.name,
					location_id: l.location_id,
					floor: l.floor,
					category: l.category,
					zone_to: l.zone_to,
					zone_from: l.zone_from,
				}));
		},
		categories(locs) {
			const used = new Set(
				w.lines.filter((l) => locs.includes(l.location_id)).map((l) => l.category),
			);
			return w.categories.filter((c) => used.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
		},
		organisations(locs) {
			const used = new Set(locs.map((id) => w.locById.get(id).organisation_id));
			return w.organisations.filter((o) => used.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
		},
	};

	/** Route for a path, or null; data endpoints without the trailing slash get Django's 301. */
	function route(pathname) {
		if (pathname.startsWith(DATA_PREFIX)) {
			const rest = pathname.slice(DATA_PREFIX.length);
			const name = rest.replace(/\/$/, '');
			if (!DATA_ENDPOINTS.includes(name)) return null;
			if (!rest.endsWith('/')) return { redirect: `${pathname}/` };
			return { kind: 'data', name };
		}
		const m = /^\/filters\/([a-z]+)$/.exec(pathname);
		if (m && FILTERS.includes(m[1])) return { kind: 'filter', name: m[1] };
		return null;
	}

	function handle(r, query, scope) {
		try {
			let json;
			if (r.kind === 'filter') {
				// The filter article documents no location filter for zones, so none is applied.
				const locations =
					r.name === 'zones' ? scopeLocations(scope, {}, true) : scopeLocations(scope, query, true);
				json = filters[r.name](locations);
			} else if (r.name === 'line_crosses') {
				json = lineCrosses(query, scope);
			} else if (r.name === 'zone_visitors') {
				json = zoneVisitors(query, scope);
			} else {
				json = dropInRate(query, scope);
			}
			return { status: 200, json };
		} catch (e) {
			if (e instanceof HttpStatus) return { status: e.status, body: '' };
			throw e;
		}
	}

	return { route, handle };
}

/** The request kind of a route `route()` found. */
function indivdKind(r) {
	return r.kind === 'filter' ? `filters/${r.name}` : r.name;
}

module.exports = { createIndivd, INDIVD_KINDS, indivdKind, phi, phiInv };
