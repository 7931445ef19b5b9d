import { resolveTimeZone } from '../../shared/time';
import type { IndivdRun } from './run';
import { zoneLocation } from './zones';

/** What one zone-data request covers: its locations and zones (none means all) and its `tz`. */
export interface ZoneDataScope {
	timeZone: string;
	locations: number[];
	zones: number[];
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
	map.set(key, [...(map.get(key) ?? []), value]);
}

/**
 * The requests of a zone-data query without a chosen time zone. Indivd reads a request in the
 * zone of its first location, and for locations that "span different time zones" asks for
 * "separate requests per time zone group"; so each group of the chosen locations (or of all the
 * token sees) is asked on its own, in its own zone, as if it were the only one chosen. Chosen
 * zones narrow a request by themselves, so they are split by where the zone list places them,
 * and a group none of them is in is not asked.
 */
export async function timeZoneScopes(
	locations: number[],
	zones: number[],
	run: Pick<IndivdRun, 'locations' | 'zones'>,
	itemIndex: number,
): Promise<ZoneDataScope[]> {
	const listed = await run.locations.list(itemIndex);
	const zoneOf = new Map(listed.map((location) => [location.id, location.timezone ?? '']));
	const groups = new Map<string, number[]>();
	for (const id of locations.length ? locations : listed.map((location) => location.id))
		appendTo(groups, resolveTimeZone(zoneOf.get(id) ?? '', 'UTC', 'Time Zone'), id);
	const [first = 'UTC'] = groups.keys();
	if (groups.size <= 1) return [{ timeZone: first, locations, zones }];
	if (zones.length === 0)
		return [...groups].map(([timeZone, ids]) => ({ timeZone, locations: ids, zones }));
	const groupOf = new Map<number, string>();
	for (const [timeZone, ids] of groups) for (const id of ids) groupOf.set(id, timeZone);
	const placed = new Map(
		(await run.zones.list([], itemIndex)).map((zone) => [zone.id, zoneLocation(zone)]),
	);
	const zonesOf = new Map<string, number[]>();
	for (const zone of zones) {
		// A zone the list does not place stays where a single request would have asked for it.
		const location = placed.get(zone);
		appendTo(zonesOf, (location !== undefined && groupOf.get(location)) || first, zone);
	}
	return [...groups]
		.filter(([timeZone]) => zonesOf.has(timeZone))
		.map(([timeZone, ids]) => ({
			timeZone,
			locations: locations.length ? ids : [],
			zones: zonesOf.get(timeZone) ?? [],
		}));
}
