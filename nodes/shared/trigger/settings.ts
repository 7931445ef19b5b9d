import type { IPollFunctions } from 'n8n-workflow';

import { InputError, integerIn, oneOf } from '../input';
import type { Schedule, ThresholdRule } from './engine';
import { maxBucketsPerPollLimit } from './properties';
import { recheckBucketsLimit } from './recheck';

export interface Emission {
	mode: 'everyBucket' | 'threshold';
	threshold?: ThresholdRule;
	/** How many emitted buckets each poll re-reads for corrections; none in threshold mode. */
	recheckBuckets?: number;
}

function finiteNumber(value: unknown, parameter: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new InputError(parameter, `${JSON.stringify(value)} is not a number`);
	}
	return number;
}

export interface PollingSettings {
	schedule: Omit<Schedule, 'basis' | 'granularity' | 'timeZone' | 'grid'>;
	emission: Emission;
}

/** docs/contract.md §5: when buckets are read, where a trigger starts, and what it emits. */
export function readPollingSettings(context: IPollFunctions): PollingSettings {
	const settleMinutes = integerIn(context.getNodeParameter('settleMinutes', 2), 'Settle Minutes', {
		min: 0,
	});
	const startFrom = oneOf(
		context.getNodeParameter('startFrom', 'now'),
		['now', 'backfill'] as const,
		'Start From',
	);
	const backfillBuckets =
		startFrom === 'backfill'
			? integerIn(context.getNodeParameter('backfillBuckets', 24), 'Backfill Buckets', {
					min: 1,
					max: maxBucketsPerPollLimit,
				})
			: 0;
	const maxBucketsPerPoll = integerIn(
		context.getNodeParameter('maxBucketsPerPoll', 500),
		'Max Buckets per Poll',
		{
			min: 1,
			max: maxBucketsPerPollLimit,
		},
	);
	const schedule = {
		settleMs: settleMinutes * 60_000,
		startFrom,
		backfillBuckets,
		maxBucketsPerPoll,
	} as const;
	const emit = oneOf(
		context.getNodeParameter('emit', 'everyBucket'),
		['everyBucket', 'threshold'] as const,
		'Emit',
	);
	if (emit === 'everyBucket') {
		const recheckBuckets = integerIn(
			context.getNodeParameter('recheckBuckets', 0),
			'Re-Check Recent Buckets',
			{ min: 0, max: recheckBucketsLimit },
		);
		return { schedule, emission: { mode: 'everyBucket', recheckBuckets } };
	}
	const above = finiteNumber(context.getNodeParameter('above', 40), 'Above');
	// Empty arrives as the default '', as null once a number was typed and cleared again in the
	// editor, and as a text number from workflows saved while Below was a text field.
	const belowValue = context.getNodeParameter('below', '');
	const below =
		belowValue === '' || belowValue === null || belowValue === undefined
			? above
			: finiteNumber(belowValue, 'Below');
	if (below > above) throw new InputError('Below', `${below} is above Above ${above}`);
	const remindMinutes = integerIn(
		context.getNodeParameter('remindEveryMinutes', 0),
		'Remind Every Minutes',
		{
			min: 0,
		},
	);
	const threshold: ThresholdRule = {
		field: String(context.getNodeParameter('thresholdField', '')),
		above,
		below,
		remindMs: remindMinutes * 60_000,
	};
	return { schedule, emission: { mode: 'threshold', threshold } };
}
