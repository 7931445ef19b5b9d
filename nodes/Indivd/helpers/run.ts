import type { IExecuteFunctions } from 'n8n-workflow';

import { LocationDirectory } from './locations';
import { ZoneDirectory } from './zones';

/**
 * What the items of one run share: filter-list lookups (at most one each), whether data was
 * missing, and whether a requested range lay wholly in the future.
 */
export interface IndivdRun {
	locations: LocationDirectory;
	zones: ZoneDirectory;
	emptyAnswers: number;
	futureRanges: number;
}

export function newIndivdRun(context: IExecuteFunctions): IndivdRun {
	return {
		locations: new LocationDirectory(context),
		zones: new ZoneDirectory(context),
		emptyAnswers: 0,
		futureRanges: 0,
	};
}
