import type { RequestContext } from '../../shared/http';
import { indivdApiRequest } from '../transport';
import type { FilterEntry, ZoneInsight } from '../transport/schemas';

/** The zones Indivd lists, fetched at most once per run for each set of locations, only when needed. */
export class ZoneDirectory {
	private readonly lists = new Map<string, Promise<FilterEntry[]>>();

	constructor(private readonly context: RequestContext) {}

	async list(locations: readonly number[], itemIndex?: number): Promise<FilterEntry[]> {
		const key = locations.join(',');
		let list = this.lists.get(key);
		if (list === undefined) {
			list = indivdApiRequest(this.context, '/filters/zones', { location: key }, { itemIndex });
			this.lists.set(key, list);
		}
		return await list;
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
