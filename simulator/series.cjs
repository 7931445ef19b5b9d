'use strict';

// Local aliases: in a vm context (jest) every global lookup is slow, which hot loops feel.
const Math = globalThis.Math;
const Date = globalThis.Date;

const { IANAZone } = require('luxon');

const MIN = 60000;
const QUARTER = 15 * MIN;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function hashString(str) {
	let h = 0x811c9dc5;
	for (let i = 0; i < str.length; i++) {
		h ^= str.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

function mix32(a, b) {
	let h = (a + Math.imul(b | 0, 0x9e3779b1)) | 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	h ^= h >>> 16;
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
	return (h ^ (h >>> 15)) >>> 0;
}

function unit(a, b) {
	return mix32(a, b) / 4294967296;
}

function seriesKey(seed, name) {
	return mix32(hashString(name), hashString(String(seed)));
}

const zones = new Map();

function zoneInfo(tz) {
	let info = zones.get(tz);
	if (!info) {
		info = { zone: IANAZone.create(tz), days: new Map() };
		zones.set(tz, info);
	}
	return info;
}

function isValidTimeZone(tz) {
	return typeof tz === 'string' && tz.length > 0 && IANAZone.isValidZone(tz);
}

/** Offset of `tz` at `ms` in minutes. Offsets are cached per UTC day; DST days per quarter hour. */
function offsetMin(tz, ms) {
	const info = zoneInfo(tz);
	const d = Math.floor(ms / DAY);
	let entry = info.days.get(d);
	if (entry === undefined) {
		const s = d * DAY;
		const a = info.zone.offset(s);
		const b = info.zone.offset(s + DAY - 1);
		if (a === b) {
			entry = a;
		} else {
			entry = new Int16Array(96);
			for (let q = 0; q < 96; q++) entry[q] = info.zone.offset(s + q * QUARTER);
		}
		info.days.set(d, entry);
	}
	return typeof entry === 'number' ? entry : entry[Math.floor((ms - d * DAY) / QUARTER)];
}

function wallMs(tz, ms) {
	return ms + offsetMin(tz, ms) * MIN;
}

function dowOfDayIndex(dayIndex) {
	return (((dayIndex + 4) % 7) + 7) % 7;
}

/** Calendar fields of `ms` in `tz` (dow: 0 = Sunday). */
function localParts(tz, ms) {
	const wall = wallMs(tz, ms);
	const d = new Date(wall);
	const year = d.getUTCFullYear();
	const dayIndex = Math.floor(wall / DAY);
	const doy0 = dayIndex - Math.floor(Date.UTC(year, 0, 1) / DAY);
	const dow = d.getUTCDay();
	return {
		year,
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
		dow,
		// MongoDB $week: weeks start on Sunday, days before the first Sunday are week 0.
		week: Math.floor((doy0 + 7 - dow) / 7),
	};
}

function pad(n, w = 2) {
	return String(n).padStart(w, '0');
}

function formatLocal(tz, ms) {
	const p = localParts(tz, ms);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

function gauss(h, mu, sigma) {
	const x = (h - mu) / sigma;
	return Math.exp(-0.5 * x * x);
}

function sigmoid(x) {
	return 1 / (1 + Math.exp(-x));
}

/**
 * Relative activity per local quarter hour for each weekday (0 = Sunday). `hours[dow]` is
 * [open, close] in hours or null. Weekdays peak late morning and late afternoon, weekends once
 * in the early afternoon; nights stay near zero.
 */
function makeProfile(hours) {
	const byDow = [];
	for (let dow = 0; dow < 7; dow++) {
		const arr = new Float64Array(96);
		const oh = hours[dow];
		for (let q = 0; q < 96; q++) {
			const h = (q + 0.5) / 4;
			let v = 0;
			if (oh) {
				const openness = sigmoid((h - oh[0]) * 3) * sigmoid((oh[1] - h) * 3);
				const weekend = dow === 0 || dow === 6;
				const shape = weekend
					? 0.25 + 0.85 * gauss(h, 14, 2.5)
					: 0.15 + 0.75 * gauss(h, 11.5, 1.3) + gauss(h, 17, 1.5);
				v = shape * openness * (dow === 0 ? 0.75 : 1);
			}
			arr[q] = 0.006 + v;
		}
		byDow.push(arr);
	}
	return byDow;
}

function dayFactor(k, localDay) {
	const season = 1 + 0.12 * Math.cos((2 * Math.PI * (localDay - 355)) / 365.2425);
	return (0.85 + 0.3 * unit(k ^ 0x1b873593, localDay)) * season;
}

const CACHE_DAYS = 1200;

function remember(map, key, value, cap) {
	if (map.size >= cap) map.delete(map.keys().next().value);
	map.set(key, value);
	return value;
}

/**
 * Additive counts (crossings, visits). Generated per quarter hour and split into minutes on
 * demand, so every coarser bucket is exactly the sum of the finer ones.
 */
class CountSeries {
	constructor({ seed, key, tz, profile, scale, shiftMin = 0, until = Infinity }) {
		this.k = seriesKey(seed, key);
		this.tz = tz;
		this.profile = profile;
		this.scale = scale;
		this.shift = shiftMin * MIN;
		this.until = until;
		this.days = new Map();
	}

	dayCum(d) {
		let cum = this.days.get(d);
		if (cum) return cum;
		cum = new Int32Array(97);
		const k = this.k;
		let lastDay = NaN;
		let factor = 0;
		for (let q = 0; q < 96; q++) {
			const ms = d * DAY + q * QUARTER;
			let n = 0;
			if (ms < this.until) {
				const wall = wallMs(this.tz, ms) - this.shift;
				const lday = Math.floor(wall / DAY);
				if (lday !== lastDay) {
					lastDay = lday;
					factor = dayFactor(k, lday);
				}
				const lq = Math.floor((wall - lday * DAY) / QUARTER);
				const mean = this.profile[dowOfDayIndex(lday)][lq] * this.scale * factor;
				const qi = d * 96 + q;
				n = Math.floor(mean * (0.7 + 0.6 * unit(k, qi)) + unit(k ^ 0x68e31da4, qi));
			}
			cum[q + 1] = cum[q] + n;
		}
		return remember(this.days, d, cum, CACHE_DAYS);
	}

	quarterCount(qi) {
		const d = Math.floor(qi / 96);
		const q = qi - d * 96;
		const cum = this.dayCum(d);
		return cum[q + 1] - cum[q];
	}

	/** Largest-remainder split of a quarter hour into 15 minutes with hashed weights. */
	minuteSplit(qi) {
		const n = this.quarterCount(qi);
		const out = new Int32Array(15);
		if (n === 0) return out;
		const w = new Float64Array(15);
		let total = 0;
		for (let j = 0; j < 15; j++) {
			w[j] = 0.5 + unit(this.k ^ 0x27d4eb2f, qi * 15 + j);
			total += w[j];
		}
		let given = 0;
		const frac = [];
		for (let j = 0; j < 15; j++) {
			const exact = (n * w[j]) / total;
			out[j] = Math.floor(exact);
			given += out[j];
			frac.push([exact - out[j], j]);
		}
		frac.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
		for (let i = 0; given < n; i++, given++) out[frac[i][1]]++;
		return out;
	}

	/** Sum over the minutes in [a, b); both minute aligned. */
	sumRange(a, b) {
		let total = 0;
		if (b <= a) return 0;
		if (a % QUARTER !== 0) {
			const qs = Math.floor(a / QUARTER) * QUARTER;
			const e = Math.min(b, qs + QUARTER);
			const split = this.minuteSplit(qs / QUARTER);
			for (let j = (a - qs) / MIN; j < (e - qs) / MIN; j++) total += split[j];
			a = e;
			if (a >= b) return total;
		}
		const bq = Math.floor(b / QUARTER) * QUARTER;
		if (bq < b) {
			const split = this.minuteSplit(bq / QUARTER);
			for (let j = 0; j < (b - bq) / MIN; j++) total += split[j];
			b = bq;
		}
		while (a < b) {
			const d = Math.floor(a / DAY);
			const ds = d * DAY;
			const e = Math.min(b, ds + DAY);
			const cum = this.dayCum(d);
			total += cum[(e - ds) / QUARTER] - cum[(a - ds) / QUARTER];
			a = e;
		}
		return total;
	}
}

/**
 * A level (people present) per minute; coarser buckets report the maximum and when it occurred.
 */
class LevelSeries {
	constructor({ seed, key, tz, profile, cap }) {
		this.k = seriesKey(seed, key);
		this.tz = tz;
		this.profile = profile;
		this.cap = cap;
		this.minuteCache = new Map();
		this.summaries = new Map();
	}

	minutes(d) {
		let arr = this.minuteCache.get(d);
		if (arr) return arr;
		arr = new Int32Array(1440);
		const k = this.k;
		let lastDay = NaN;
		let factor = 0;
		for (let j = 0; j < 1440; j++) {
			const ms = d * DAY + j * MIN;
			const wall = wallMs(this.tz, ms);
			const lday = Math.floor(wall / DAY);
			if (lday !== lastDay) {
				lastDay = lday;
				factor = dayFactor(k ^ 0x5bd1e995, lday);
			}
			const lmin = (wall - lday * DAY) / MIN;
			const q = Math.floor(lmin / 15);
			const frac = (lmin - q * 15) / 15;
			const prof = this.profile[dowOfDayIndex(lday)];
			const shape = prof[q] * (1 - frac) + prof[(q + 1) % 96] * frac;
			const base = this.cap * shape * factor;
			const v = Math.round(base + (unit(k, d * 1440 + j) - 0.5) * (1 + 0.25 * base));
			arr[j] = v > 0 ? v : 0;
		}
		return remember(this.minuteCache, d, arr, 64);
	}

	summary(d) {
		let s = this.summaries.get(d);
		if (s) return s;
		const arr = this.minutes(d);
		const qmax = new Int32Array(96);
		const qarg = new Int32Array(96);
		let dmax = -1;
		let darg = 0;
		for (let q = 0; q < 96; q++) {
			let m = -1;
			let at = 0;
			for (let j = q * 15; j < q * 15 + 15; j++) {
				if (arr[j] > m) {
					m = arr[j];
					at = j;
				}
			}
			qmax[q] = m;
			qarg[q] = at;
			if (m > dmax) {
				dmax = m;
				darg = at;
			}
		}
		s = { qmax, qarg, dmax, darg };
		return remember(this.summaries, d, s, CACHE_DAYS);
	}

	/** Maximum over the minutes in [a, b) (minute aligned) and the first minute it occurred. */
	maxRange(a, b) {
		let max = -1;
		let at = a;
		const take = (v, t) => {
			if (v > max) {
				max = v;
				at = t;
			}
		};
		while (a < b) {
			const d = Math.floor(a / DAY);
			const ds = d * DAY;
			const e = Math.min(b, ds + DAY);
			if (a === ds && e === ds + DAY) {
				const s = this.summary(d);
				take(s.dmax, ds + s.darg * MIN);
				a = e;
				continue;
			}
			while (a < e) {
				const q = Math.floor((a - ds) / QUARTER);
				const qs = ds + q * QUARTER;
				const qe = Math.min(e, qs + QUARTER);
				if (a === qs && qe === qs + QUARTER) {
					const s = this.summary(d);
					take(s.qmax[q], ds + s.qarg[q] * MIN);
				} else {
					const arr = this.minutes(d);
					for (let t = a; t < qe; t += MIN) take(arr[(t - ds) / MIN], t);
				}
				a = qe;
			}
		}
		return max < 0 ? null : { max, at };
	}
}

module.exports = {
	MIN,
	QUARTER,
	HOUR,
	DAY,
	hashString,
	mix32,
	unit,
	seriesKey,
	isValidTimeZone,
	offsetMin,
	wallMs,
	localParts,
	formatLocal,
	makeProfile,
	CountSeries,
	LevelSeries,
};
