import type { IExecuteFunctions } from 'n8n-workflow';

import { LocationDirectory } from './locations';

/** What the items of one run share: one location lookup at most, and whether data was missing. */
export interface IndivdRun {
	locations: LocationDirectory;
	emptyAnswers: number;
}

export function newIndivdRun(context: IExecuteFunctions): IndivdRun {
	return { locations: new LocationDirectory(context), emptyAnswers: 0 };
}
