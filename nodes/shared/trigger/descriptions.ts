import type { INodeProperties, IPollFunctions } from 'n8n-workflow';

import { InputError, integerIn, oneOf } from '../input';
import type { Schedule, ThresholdRule } from './engine';
import type { Emission } from './poll';

export const maxBucketsPerPollLimit = 5_000;

/** SPEC §5 parameters every bucket trigger has, after its own scope and bucket parameters. */
export const pollingProperties: INodeProperties[] = [
	{
		displayName: 'Settle Minutes',
		name: 'settleMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 2,
		description:
			'How long after a bucket closes before it is read, so late counts are included. Raise it if the vendor updates its numbers later.',
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{
				name: 'Now',
				value: 'now',
				description: 'Emit buckets that close after activation',
			},
			{
				name: 'Backfill',
				value: 'backfill',
				description: 'Also emit the last closed buckets on the first poll',
			},
		],
		default: 'now',
	},
	{
		displayName: 'Backfill Buckets',
		name: 'backfillBuckets',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 24,
		description: 'How many closed buckets the first poll emits',
		displayOptions: { show: { startFrom: ['backfill'] } },
	},
	{
		displayName: 'Max Buckets per Poll',
		name: 'maxBucketsPerPoll',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: maxBucketsPerPollLimit },
		default: 500,
		description:
			'After downtime, catch up at most this many buckets per poll, oldest first; the rest follow on the next polls',
	},
	{
		displayName: 'Emit',
		name: 'emit',
		type: 'options',
		options: [
			{
				name: 'Every Bucket',
				value: 'everyBucket',
				description: 'One item per closed bucket and scope',
			},
			{
				name: 'Threshold Events',
				value: 'threshold',
				description:
					'Only when a value crosses a level, with optional reminders while it stays above',
			},
		],
		default: 'everyBucket',
	},
];

/** Comes after the trigger's own Threshold Field options. */
export const thresholdProperties: INodeProperties[] = [
	{
		displayName: 'Above',
		name: 'above',
		type: 'number',
		default: 40,
		description: 'Emit "crossedAbove" when the value reaches this level from below',
		displayOptions: { show: { emit: ['threshold'] } },
	},
	{
		displayName: 'Below',
		name: 'below',
		type: 'string',
		default: '',
		placeholder: 'e.g. 30',
		description:
			'Emit "crossedBelow" when the value falls to this level or under. Empty means the same as Above; a lower level stops alerts from flapping.',
		displayOptions: { show: { emit: ['threshold'] } },
	},
	{
		displayName: 'Remind Every Minutes',
		name: 'remindEveryMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'While the value stays above, emit "stillAbove" this often (in bucket time). 0 turns reminders off.',
		displayOptions: { show: { emit: ['threshold'] } },
	},
];

function finiteNumber(value: unknown, parameter: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new InputError(parameter, `${JSON.stringify(value)} is not a number`);
	}
	return number;
}

export interface PollingSettings {
	schedule: Omit<Schedule, 'basis' | 'granularity' | 'timeZone' | 'bucketOptions'>;
	emission: Emission;
}

export function readPollingSettings(
	context: IPollFunctions,
	thresholdField: string,
): PollingSettings {
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
		return { schedule, emission: { mode: 'everyBucket' } };
	}
	const above = finiteNumber(context.getNodeParameter('above', 40), 'Above');
	const belowValue = context.getNodeParameter('below', '');
	const below =
		belowValue === '' || belowValue === null ? above : finiteNumber(belowValue, 'Below');
	if (below > above) throw new InputError('Below', `${below} is above Above ${above}`);
	const remindMinutes = integerIn(
		context.getNodeParameter('remindEveryMinutes', 0),
		'Remind Every Minutes',
		{
			min: 0,
		},
	);
	const threshold: ThresholdRule = {
		field: thresholdField,
		above,
		below,
		remindMs: remindMinutes * 60_000,
	};
	return { schedule, emission: { mode: 'threshold', threshold } };
}
