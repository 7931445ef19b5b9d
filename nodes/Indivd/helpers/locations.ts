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
}
