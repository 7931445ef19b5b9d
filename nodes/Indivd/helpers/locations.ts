import type { RequestContext } from '../../shared/http';
import { indivdApiRequest } from '../transport';
import type { IndivdLocation } from '../transport/schemas';

/** The locations the token can see, fetched at most once per run and only when needed. */
export class LocationDirectory {
	private locations?: Promise<IndivdLocation[]>;

	constructor(private readonly context: RequestContext) {}

	async list(itemIndex?: number): Promise<IndivdLocation[]> {
		this.locations ??= indivdApiRequest(this.context, '/filters/locations', {}, { itemIndex });
		return await this.locations;
	}

	async names(itemIndex?: number): Promise<Map<number, string>> {
		const names = new Map<number, string>();
		for (const location of await this.list(itemIndex)) names.set(location.id, location.name ?? '');
		return names;
	}

	/** What Indivd uses without `tz`: the zone of the first requested (else first visible) location. */
	async defaultTimeZone(
		requested: readonly number[],
		itemIndex?: number,
	): Promise<string | undefined> {
		const locations = await this.list(itemIndex);
		const first = requested.length
			? locations.find((location) => location.id === requested[0])
			: locations[0];
		return first?.timezone ?? undefined;
	}
}
