/**
 * Rows of a vendor answer that the output could not use. The vendors' contracts allow a row
 * without its timestamp or its id; such a row is left out, and every item of that answer says so
 * in `warning`, so a left-out row never reads as a zero nobody mentioned.
 */
export class LeftOutRows {
	private readonly counts = new Map<string, number>();

	/**
	 * `what` names the rows and why they cannot be used, e.g. "crossingCounts rows without
	 * timestampMs (no bucket to put them in)".
	 */
	add(what: string, count = 1): void {
		if (count > 0) this.counts.set(what, (this.counts.get(what) ?? 0) + count);
	}

	get size(): number {
		return this.counts.size;
	}

	/** e.g. "Left out 2 crossingCounts rows without timestampMs (no bucket to put them in)". */
	text(): string | undefined {
		if (this.counts.size === 0) return undefined;
		const parts = [...this.counts].map(([what, count]) => `${count} ${what}`);
		return `Left out ${parts.join(' and ')}`;
	}
}

/** The vendor's own warning and ours, as one `warning` text; undefined when there is none. */
export function joinWarnings(...parts: Array<string | null | undefined>): string | undefined {
	const texts = parts.filter((part): part is string => typeof part === 'string' && part !== '');
	return texts.length > 0 ? texts.join('. ') : undefined;
}
