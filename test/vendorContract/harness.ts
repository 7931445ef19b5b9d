import type { IDataObject, INodeType } from 'n8n-workflow';

import type { LogEntry, RequestKind, Simulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { poll } from '../helpers/poll';
import type { ResponseSchema, Variant } from './generate';

/** What one operation gave: its output items, or the error it ended with. */
export interface Outcome {
	items: IDataObject[];
	/** The hints of an action node for the output panel. */
	hints?: string[];
	error?: Error;
	/** What a scenario found wrong besides its outcome (a trigger's later polls). */
	problems?: string[];
	/**
	 * A trigger held back buckets whose numbers a left-out row may hold, and the next poll, on a
	 * complete answer, sent them (docs/contract.md §5.3 promise 12).
	 */
	held?: boolean;
}

export interface Operation<Name extends string = string> {
	name: Name;
	/** Whether its output items can say that rows were left out (option lists cannot). */
	hasItems: boolean;
	run(): Promise<Outcome>;
}

/** Whether a variant takes `field` (written as in `Variant.field`) out of the answer. */
export type Removed = (field: string) => boolean;

/**
 * A field an operation cannot do without. `lost` says, from the fields a variant removes,
 * whether the operation lost it (so a fallback the operation may use is spelled out there); the
 * operation must then fail with an error whose message names it.
 */
export interface Need<Name extends string = string> {
	kind: RequestKind;
	operations: Name[];
	lost(removed: Removed): boolean;
	names: RegExp;
	why: string;
}

/**
 * A field without which a row cannot be placed. Such a row is left out, and every item of that
 * answer says so in `warning`. When every row is left out there is no item left to carry it: a
 * hint in the output panel saying so, or failing with an error naming the field, is as good.
 */
export interface RowKey<Name extends string = string> {
	kind: RequestKind;
	operations: Name[];
	/** The rows, e.g. `crossingCounts[]`. */
	row: string;
	/** The field, e.g. `timestampMs`. */
	key: string;
	/** Fields that stand in for `key` when it is missing (e.g. a date as text): all must be missing too. */
	standIns?: string[];
}

function below(field: string, ancestor: string): boolean {
	if (ancestor === '') return field !== '';
	return field.startsWith(`${ancestor}.`) || field.startsWith(`${ancestor}[`);
}

export function removedBy(variant: Variant): Removed {
	return (field) => {
		switch (variant.op) {
			case 'null':
			case 'absent':
			case 'rename':
				return field === variant.field || below(field, variant.field);
			case 'empty':
				return below(field, variant.field);
			default:
				return false;
		}
	};
}

/** The request kind of a logged request, as the simulator names it. */
export function kindOf(entry: LogEntry): string | undefined {
	if (entry.vendor === 'rhombus' && entry.path.startsWith('/api/')) {
		return entry.path.slice(entry.path.lastIndexOf('/') + 1);
	}
	if (entry.vendor === 'indivd') {
		const data = /\/external\/([a-z_]+)\/$/.exec(entry.path);
		if (data) return data[1];
		if (entry.path.startsWith('/filters/')) return entry.path.slice(1);
	}
	return undefined;
}

/** Output items (and hints) of a node run, or the options of a list, as an outcome. */
export async function outcomeOf(
	run: () => Promise<object[] | { items: object[]; hints: string[] }>,
): Promise<Outcome> {
	try {
		const output = await run();
		const { items, hints } = Array.isArray(output) ? { items: output, hints: [] } : output;
		return { items: items.map((item) => ({ ...item }) as IDataObject), hints };
	} catch (error) {
		return { items: [], error: error as Error };
	}
}

export interface Expectations<Name extends string> {
	needs: Array<Need<Name>>;
	rowKeys: Array<RowKey<Name>>;
}

/**
 * A trigger's first poll takes its start, the second (at 11:05Z) emits the hours 09:00 and 10:00
 * under the variant, the third (at 12:05Z) the hour 11:00 of the normal answer: the trigger has
 * moved on past the hours it emitted, rows it left out included, and no bucket comes twice.
 */
export async function triggerScenario(
	sim: Simulator,
	trigger: INodeType,
	parameters: Parameters,
): Promise<Outcome> {
	const state: IDataObject = {};
	const credentials = simulatorCredentials(sim.url);
	const at = (iso: string) => {
		jest.setSystemTime(Date.parse(iso));
		sim.setNow(Date.parse(iso));
	};
	const tick = async () =>
		(await poll(trigger, { credentials, parameters, staticData: state })) ?? [];
	fakeDateOnly();
	try {
		at('2026-04-01T09:30:00Z');
		const first = await outcomeOf(async () => {
			await tick();
			at('2026-04-01T11:05:00Z');
			return await tick();
		});
		if (first.error) return first;
		sim.variants.clear();
		at('2026-04-01T12:05:00Z');
		const second = await outcomeOf(tick);
		if (second.error)
			return { ...first, problems: [`the next poll fails: ${second.error.message}`] };
		const problems: string[] = [];
		const emitted = new Set(first.items.map((item) => item.bucketKey));
		const repeated = second.items.filter((item) => emitted.has(item.bucketKey));
		if (repeated.length > 0)
			problems.push(`the next poll repeats ${String(repeated[0].bucketKey)}`);
		// Once a poll emitted its hours, a row it left out is not asked for again; hours it held
		// back because a left-out row may hold their counts come in the next poll.
		const earlier = second.items.filter((item) => String(item.bucketStart) < '2026-04-01T11:00');
		if (first.items.length > 0 && earlier.length > 0) {
			problems.push(`the next poll comes back for ${String(earlier[0].bucketStart)}`);
		}
		const held = first.items.length === 0 && earlier.length > 0;
		if (held && earlier.some((item) => item.warning)) {
			problems.push(`the held hours come back with a warning: ${String(earlier[0].warning)}`);
		}
		return { ...first, problems, held };
	} finally {
		jest.useRealTimers();
		sim.setNow(null);
	}
}

/** What is wrong with an operation's outcome under a variant; empty when nothing is. */
export function judge<Name extends string>(
	operation: Operation<Name>,
	response: ResponseSchema,
	variant: Variant,
	outcome: Outcome,
	{ needs, rowKeys }: Expectations<Name>,
): string[] {
	const removed = removedBy(variant);
	const applies = (entry: { kind: RequestKind; operations: Name[] }) =>
		entry.kind === response.kind && entry.operations.includes(operation.name);
	const message = outcome.error?.message ?? '';
	const lost = needs.filter((need) => applies(need) && need.lost(removed));
	if (lost.length > 0) {
		const names = lost.map((need) => need.names);
		if (!outcome.error) {
			const why = lost.map((need) => need.why).join('; ');
			return [`succeeds, but should fail naming ${names.join(' or ')} (${why})`];
		}
		if (!names.some((name) => name.test(message))) {
			return [`fails without naming ${names.join(' or ')}: ${message}`];
		}
		return [];
	}
	const leftOut = rowKeys.find(
		(rowKey) =>
			applies(rowKey) &&
			(variant.field === rowKey.row || below(variant.field, rowKey.row)) &&
			[rowKey.key, ...(rowKey.standIns ?? [])].every((key) => removed(`${rowKey.row}.${key}`)),
	);
	const keyName = new RegExp(`\\b${leftOut?.key ?? ''}\\b`);
	if (outcome.error) {
		if (leftOut && variant.rows === 'all' && keyName.test(message)) return [];
		return [`fails: ${message}`];
	}
	const problems = [...(outcome.problems ?? [])];
	if (leftOut && operation.hasItems) {
		const says = (text: unknown) =>
			typeof text === 'string' && /left out/i.test(text) && keyName.test(text);
		// With no item left to carry the warning, the output panel's hint says it.
		if (outcome.items.length === 0 && !outcome.held && !outcome.hints?.some(says)) {
			problems.push(`leaves out rows without ${leftOut.key}, and no item or hint says so`);
		}
		const silent = outcome.items.filter((item) => !says(item.warning));
		if (silent.length > 0) {
			problems.push(
				`leaves out rows without ${leftOut.key}, but ${silent.length} of ${outcome.items.length} items do not say so in warning (e.g. ${JSON.stringify(silent[0].warning)})`,
			);
		}
	}
	return problems;
}

/** The request kinds each operation calls, read from the simulator's log of one normal run. */
export async function probe<Name extends string>(
	sim: Simulator,
	operations: Array<Operation<Name>>,
): Promise<Map<Name, { kinds: Set<string>; outcome: Outcome }>> {
	const calls = new Map<Name, { kinds: Set<string>; outcome: Outcome }>();
	for (const operation of operations) {
		sim.variants.clear();
		sim.log.clear();
		const outcome = await operation.run();
		const kinds = new Set(
			sim.log
				.entries()
				.map(kindOf)
				.filter((kind): kind is string => kind !== undefined),
		);
		calls.set(operation.name, { kinds, outcome });
	}
	sim.log.clear();
	return calls;
}

/** Runs every operation that calls the variant's kind; the problems found, per operation. */
export async function tryVariant<Name extends string>(
	sim: Simulator,
	response: ResponseSchema,
	variant: Variant,
	operations: Array<Operation<Name>>,
	expectations: Expectations<Name>,
): Promise<string[]> {
	const problems: string[] = [];
	for (const operation of operations) {
		sim.variants.set(response.kind as RequestKind, variant.edits);
		const outcome = await operation.run();
		for (const problem of judge(operation, response, variant, outcome, expectations)) {
			problems.push(`${operation.name}: ${problem}`);
		}
	}
	sim.variants.clear();
	return problems;
}
