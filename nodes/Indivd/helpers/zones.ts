import type { RequestContext } from '../../shared/http';
import { indivdApiRequest } from '../transport';
import type { FilterEntry, ZoneInsight } from '../transport/schemas';

/** Names Indivd might give a zone's location under; the filter article does not name the field. */
const locationFields = ['location', 'location_id', 'loc_id'] as const;

/** The location a listed zone belongs to, when the list says (as a number or integer text). */
export function zoneLocation(zone: FilterEntry): number | undefined {
	for (const field of locationFields) {
		const value = zone[field];
		if (typeof value === 'number' && Number.isInteger(value)) return value;
		if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	}
	return undefined;
}

/**
 * The listed zones of the given locations (all of them for none). `/filters/zones` documents no
 * location filter, so the list is narrowed here; a zone that does not say where it is belongs
 * to no chosen location.
 */
export function zonesAt(
	zones: readonly FilterEntry[],
	locations: readonly number[],
): FilterEntry[] {
	if (locations.length === 0) return [...zones];
	return zones.filter((zone) => {
		const location = zoneLocation(zone);
		return location !== undefined && locations.includes(location);
	});
}

/** The zones Indivd lists, fetched at most once per run and only when needed. */
export class ZoneDirectory {
	private zones?: Promise<FilterEntry[]>;

	constructor(private readonly context: RequestContext) {}

	async list(locations: readonly number[], itemIndex?: number): Promise<FilterEntry[]> {
		this.zones ??= indivdApiRequest(this.context, '/filters/zones', {}, { itemIndex });
		return zonesAt(await this.zones, locations);
	}
}

/**
 * The zones whose buckets are all to be emitted, with their names. A zone without visits is
 * absent from the answer, so without chosen zones they come from the filter list; names come
 * from the answer, and from the list only when a zone to fill has none there, so a zero row is
 * named like the zone's other rows whichever node read it.
 */
export async function zonesToFill(
	chosen: readonly number[],
	locations: readonly number[],
	insights: readonly ZoneInsight[],
	directory: ZoneDirectory,
	itemIndex?: number,
): Promise<Map<number, string | null>> {
	const answered = new Map<number, string | null>();
	for (const { aggregation } of insights)
		if (aggregation.zone_id !== undefined && !answered.get(aggregation.zone_id))
			answered.set(aggregation.zone_id, aggregation.zone_name ?? null);
	const listed = chosen.length ? undefined : await directory.list(locations, itemIndex);
	const ids = listed ? [...listed.map((zone) => zone.id), ...answered.keys()] : chosen;
	const zones = new Map<number, string | null>(ids.map((id) => [id, answered.get(id) ?? null]));
	if ([...zones.values()].some((name) => name === null)) {
		const names = listed ?? (await directory.list(locations, itemIndex));
		for (const zone of names)
			if (zones.get(zone.id) === null) zones.set(zone.id, zone.name ?? null);
	}
	return zones;
}
