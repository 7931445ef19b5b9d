import type { INodeProperties } from 'n8n-workflow';

import { recheckBucketsLimit } from './recheck';

export const maxBucketsPerPollLimit = 5_000;

/** docs/contract.md §5: the parameters every bucket trigger has, after its own scope and bucket parameters. */
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
	{
		displayName: 'Re-Check Recent Buckets',
		name: 'recheckBuckets',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: recheckBucketsLimit },
		default: 0,
		description:
			'Counts can arrive late (a camera back online uploads them). Each poll also re-reads this many buckets already emitted and emits again those whose numbers changed, with the same Bucket Key, "revision" and the "previous" values. 0 turns it off.',
		displayOptions: { show: { emit: ['everyBucket'] } },
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
		// A number like Above, but empty by default: empty means "the same as Above", a meaning no
		// number default could have, since every number is a level the user might mean.
		type: 'number',
		default: '',
		placeholder: 'e.g. 30',
		description:
			'Emit "crossedBelow" when the value is under Above and at or under this level. Empty means as soon as it is under Above; a lower level stops alerts from flapping.',
		displayOptions: { show: { emit: ['threshold'] } },
	},
	{
		displayName: 'Remind Every Minutes',
		name: 'remindEveryMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'While the value stays above, emit "stillAbove" this often, in bucket time on the calendar of the trigger\'s time zone: 1440 is one local day, also when daylight saving makes it 23 or 25 hours. 0 turns reminders off.',
		displayOptions: { show: { emit: ['threshold'] } },
	},
];
