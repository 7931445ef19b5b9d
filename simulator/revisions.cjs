'use strict';

// Local aliases: in a vm context (jest) every global lookup is slow, which hot loops feel.
const Math = globalThis.Math;

const { MIN, QUARTER } = require('./series.cjs');

/**
 * Revisions: counts of closed buckets that change after the fact (a camera uploading late,
 * deduplication, zone visits recomputed). While the simulated clock is before `until`, every
 * count of a minute in [from, to) reads `Math.floor(trueCount * factor)`; from `until` on the
 * true count. Applied per minute and per series, so coarser buckets stay the sums of finer ones.
 */

function validateRevision(r) {
	if (!r || typeof r !== 'object' || Array.isArray(r))
		throw new Error('revision must be an object');
	if (r.vendor !== undefined && r.vendor !== 'rhombus' && r.vendor !== 'indivd') {
		throw new Error(`invalid revision vendor: ${r.vendor}`);
	}
	for (const k of ['from', 'to']) {
		const v = r[k];
		if (typeof v !== 'number' || !Number.isInteger(v)) {
			throw new Error(`revision ${k} must be epoch ms (an integer): ${v}`);
		}
		if (v % MIN !== 0) throw new Error(`revision ${k} must be minute aligned: ${v}`);
	}
	if (!(r.to > r.from)) throw new Error(`revision to (${r.to}) must be after from (${r.from})`);
	if (typeof r.factor !== 'number' || !Number.isFinite(r.factor) || r.factor < 0) {
		throw new Error(`invalid revision factor (a number >= 0): ${r.factor}`);
	}
	if (typeof r.until !== 'number' || !Number.isFinite(r.until)) {
		throw new Error(`revision until must be epoch ms (simulated time): ${r.until}`);
	}
	const out = { from: r.from, to: r.to, factor: r.factor, until: r.until };
	if (r.vendor !== undefined) out.vendor = r.vendor;
	return out;
}

function plainSum(series, a, b) {
	return series.sumRange(a, b);
}

/** Sum over the minutes in [a, b) (minute aligned) of floor(count * factor), quarter by quarter. */
function scaledSum(series, a, b, factor) {
	if (factor === 0 || b <= a) return 0;
	if (factor === 1) return series.sumRange(a, b);
	let total = 0;
	for (let qs = Math.floor(a / QUARTER) * QUARTER; qs < b; qs += QUARTER) {
		const s = Math.max(a, qs);
		const e = Math.min(b, qs + QUARTER);
		if (series.quarterCount(qs / QUARTER) === 0) continue;
		const split = series.minuteSplit(qs / QUARTER);
		for (let j = (s - qs) / MIN; j < (e - qs) / MIN; j++) total += Math.floor(split[j] * factor);
	}
	return total;
}

class RevisionStore {
	constructor() {
		this.items = [];
	}

	add(revision) {
		const r = validateRevision(revision);
		this.items.push(r);
		return { ...r };
	}

	clear() {
		this.items = [];
	}

	list() {
		return this.items.map((r) => ({ ...r }));
	}

	/**
	 * The count function for one answer of `vendor` at simulated time `now`:
	 * `(series, a, b) => number`, the (revised) sum of the series' minutes in [a, b). Where
	 * revisions overlap, the one added last wins. Without an active revision it is plain
	 * `series.sumRange`.
	 */
	counter(vendor, now) {
		if (this.items.length === 0) return plainSum;
		const active = this.items.filter(
			(r) => (r.vendor === undefined || r.vendor === vendor) && now < r.until,
		);
		if (active.length === 0) return plainSum;
		let lo = Infinity;
		let hi = -Infinity;
		for (const r of active) {
			if (r.from < lo) lo = r.from;
			if (r.to > hi) hi = r.to;
		}
		return (series, a, b) => {
			if (b <= lo || a >= hi || b <= a) return series.sumRange(a, b);
			return revisedSum(series, a, b, active);
		};
	}
}

/** [a, b) cut at every revision boundary; each piece takes the factor of the last revision covering it. */
function revisedSum(series, a, b, active) {
	const cuts = [a, b];
	for (const r of active) {
		if (r.from > a && r.from < b) cuts.push(r.from);
		if (r.to > a && r.to < b) cuts.push(r.to);
	}
	cuts.sort((x, y) => x - y);
	let total = 0;
	for (let i = 0; i + 1 < cuts.length; i++) {
		const s = cuts[i];
		const e = cuts[i + 1];
		if (e <= s) continue;
		let factor = 1;
		for (let k = active.length - 1; k >= 0; k--) {
			if (active[k].from <= s && active[k].to >= e) {
				factor = active[k].factor;
				break;
			}
		}
		total += factor === 1 ? series.sumRange(s, e) : scaledSum(series, s, e, factor);
	}
	return total;
}

module.exports = { RevisionStore, validateRevision };
