/**
 * A parameter the user got wrong. `parameter` is its display name, which the message starts
 * with; nodes add the item index when they turn it into a NodeOperationError.
 */
export class InputError extends Error {
	readonly parameter: string;

	constructor(parameter: string, problem: string) {
		super(`${parameter}: ${problem}`);
		this.name = 'InputError';
		this.parameter = parameter;
	}
}

function listEntries(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.flatMap(listEntries);
	if (typeof value === 'string') {
		return value
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
	}
	return [value];
}

function describe(value: unknown): string {
	return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

/** Integer ids from a multi-select, a number, or an expression giving an array or "1, 2, 3". */
export function idList(value: unknown, parameter: string): number[] {
	const ids = listEntries(value).map((entry) => {
		const id = typeof entry === 'string' && /^-?\d+$/.test(entry) ? Number(entry) : entry;
		if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
			throw new InputError(parameter, `${describe(entry)} is not a numeric ID`);
		}
		return id;
	});
	return [...new Set(ids)];
}

/** Text ids (camera UUIDs) from a multi-select or an expression giving an array or "a, b". */
export function textList(value: unknown, parameter: string): string[] {
	const ids = listEntries(value).map((entry) => {
		if (typeof entry !== 'string')
			throw new InputError(parameter, `${describe(entry)} is not an ID`);
		return entry;
	});
	return [...new Set(ids)];
}

export function integerIn(
	value: unknown,
	parameter: string,
	range: { min: number; max?: number },
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const { min, max } = range;
	const bounds = max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
	if (
		typeof number !== 'number' ||
		!Number.isInteger(number) ||
		number < min ||
		(max !== undefined && number > max)
	) {
		throw new InputError(parameter, `${describe(value)} must be a whole number ${bounds}`);
	}
	return number;
}

/** An options parameter, checked because an expression can give any value. */
export function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	parameter: string,
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw new InputError(
		parameter,
		`${describe(value)} is not one of ${allowed.map((option) => `"${option}"`).join(', ')}`,
	);
}

/** A boolean parameter; an expression may give "true" or "false" as text, nothing else. */
export function flag(value: unknown, parameter: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InputError(parameter, `${describe(value)} is not true or false`);
}

/** A free-text parameter; numbers are fine as text, objects would be sent as "[object Object]". */
export function plainText(value: unknown, parameter: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new InputError(parameter, `${describe(value)} is not text`);
}

/** A collection parameter (named fields); an expression may give anything else. */
export function fieldsOf(value: unknown, parameter: string): Record<string, unknown> {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	throw new InputError(parameter, `${describe(value)} is not a set of named fields`);
}

export function isRawOutput(value: unknown): boolean {
	return oneOf(value ?? 'buckets', ['buckets', 'raw'], 'Output') === 'raw';
}
