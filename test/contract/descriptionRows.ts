/**
 * The parameters the node and credential classes declare, in the scopes and canonical text form
 * of the contract's parameter tables, so the two can be compared row by row.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodePropertyMode,
} from 'n8n-workflow';

import type { ParameterRow, ParameterTables } from './contractDoc';
import { canonicalJson, loadedFromApi } from './contractDoc';

/** Which displayOptions make a scope: resource and operation of action nodes, event of triggers. */
export type ScopeKeys = readonly string[];

export const actionScopeKeys: ScopeKeys = ['resource', 'operation'];
export const triggerScopeKeys: ScopeKeys = ['event'];
export const credentialScopeKeys: ScopeKeys = [];

type Option = INodePropertyOptions | INodeProperties | INodePropertyCollection;

function isProperty(option: Option): option is INodeProperties {
	return 'type' in option && 'displayName' in option && 'name' in option;
}

function isChoice(option: Option): option is INodePropertyOptions {
	return 'value' in option;
}

function choicesOf(property: INodeProperties, where: string): string[] {
	if (property.typeOptions?.loadOptionsMethod !== undefined) return [loadedFromApi];
	return (property.options ?? []).map((option) => {
		if (!isChoice(option))
			throw new Error(`${where}: an option of "${property.name}" has no value`);
		return `${canonicalJson(option.value)} ${option.name}`;
	});
}

function modesOf(property: INodeProperties): string[] {
	return (property.modes ?? []).map(
		(mode: INodePropertyMode) => `${canonicalJson(mode.name)} ${mode.displayName}`,
	);
}

function limitsOf(property: INodeProperties): string[] {
	const typeOptions = property.typeOptions ?? {};
	const limits: string[] = [];
	if (typeOptions.password === true) limits.push('secret');
	if (typeof typeOptions.minValue === 'number') limits.push(`min ${typeOptions.minValue}`);
	if (typeof typeOptions.maxValue === 'number') limits.push(`max ${typeOptions.maxValue}`);
	if (typeOptions.numberPrecision === 0) limits.push('whole number');
	return limits;
}

function valuesOf(property: INodeProperties, where: string): string[] {
	switch (property.type) {
		case 'options':
		case 'multiOptions':
			return choicesOf(property, where).sort();
		case 'resourceLocator':
			return modesOf(property).sort();
		case 'collection':
			return [];
		case 'fixedCollection':
			throw new Error(
				`${where}: "${property.name}" is a fixedCollection, which the contract's tables cannot describe yet; extend them and this test`,
			);
		default:
			return limitsOf(property).sort();
	}
}

type Conditions = Record<string, unknown[] | undefined>;

function conditionsOf(show: Conditions, hide: Conditions, scopeKeys: ScopeKeys): string[] {
	const text = (name: string, verb: string, values: unknown[]) =>
		`${name} ${verb} ${values.map(canonicalJson).join(' or ')}`;
	return [
		...Object.entries(show)
			.filter(([name]) => !scopeKeys.includes(name))
			.map(([name, values]) => text(name, 'is', values ?? [])),
		...Object.entries(hide).map(([name, values]) => text(name, 'is not', values ?? [])),
	].sort();
}

/** The scopes a property shows in: `subject`, `subject/resource`, `subject/resource/operation`. */
function scopesOf(
	subject: string,
	show: Conditions,
	scopeKeys: ScopeKeys,
	property: INodeProperties,
): string[] {
	let scopes = [subject];
	let gap = false;
	for (const key of scopeKeys) {
		const values = show[key];
		if (values === undefined) {
			gap = true;
			continue;
		}
		if (gap) {
			throw new Error(
				`${subject}: "${property.name}" is shown by ${key} without ${scopeKeys.join(' and ')} before it, which no contract scope describes`,
			);
		}
		scopes = scopes.flatMap((scope) => values.map((value) => `${scope}/${String(value)}`));
	}
	return scopes;
}

function rowsOf(
	property: INodeProperties,
	shownWhen: string[],
	where: string,
	prefix = '',
): ParameterRow[] {
	const row: ParameterRow = {
		name: `${prefix}${property.name}`,
		displayName: property.displayName,
		type: property.type,
		default: canonicalJson(property.default),
		values: valuesOf(property, where),
		shownWhen,
		line: 0,
	};
	if (property.type !== 'collection') return [row];
	const fields = (property.options ?? []).filter(isProperty);
	return [row, ...fields.flatMap((field) => rowsOf(field, [], where, `${property.name}.`))];
}

/**
 * The parameter rows of one node or credential by scope. `notice` parameters hold no value and
 * are left out, as in the contract.
 */
export function declaredParameters(
	subject: string,
	properties: INodeProperties[],
	scopeKeys: ScopeKeys,
): ParameterTables {
	const scopes: ParameterTables = new Map();
	for (const property of properties) {
		if (property.type === 'notice') continue;
		const show = (property.displayOptions?.show ?? {}) as Conditions;
		const hide = (property.displayOptions?.hide ?? {}) as Conditions;
		const shownWhen = conditionsOf(show, hide, scopeKeys);
		for (const scope of scopesOf(subject, show, scopeKeys, property)) {
			const rows = scopes.get(scope) ?? new Map<string, ParameterRow>();
			scopes.set(scope, rows);
			for (const row of rowsOf(property, shownWhen, scope)) {
				if (rows.has(row.name)) {
					throw new Error(
						`${scope}: "${row.name}" is declared twice for the same scope, so the contract cannot tell them apart`,
					);
				}
				rows.set(row.name, row);
			}
		}
	}
	return scopes;
}

/** Whether a scope of the contract belongs to a subject (`rhombus/report` to `rhombus`). */
export function belongsTo(scope: string, subject: string): boolean {
	return scope === subject || scope.startsWith(`${subject}/`);
}

const columns: Array<[keyof ParameterRow, string]> = [
	['displayName', 'display name'],
	['type', 'type'],
	['default', 'default'],
	['values', 'values'],
	['shownWhen', 'shown when'],
];

function text(value: ParameterRow[keyof ParameterRow]): string {
	return Array.isArray(value) ? `[${value.join('; ')}]` : String(value);
}

/** Every way the code's parameters differ from the contract's rows, one sentence each. */
export function missingOrDifferent(
	declared: ParameterTables,
	documented: ParameterTables,
): string[] {
	const problems: string[] = [];
	for (const [scope, rows] of declared) {
		const table = documented.get(scope);
		if (table === undefined) {
			problems.push(
				`${scope}: the code has parameters here (${[...rows.keys()].join(', ')}) but docs/contract.md has no table for this scope`,
			);
			continue;
		}
		for (const [name, row] of rows) {
			const listed = table.get(name);
			if (listed === undefined) {
				problems.push(`${scope}: parameter "${name}" is in the code but not in docs/contract.md`);
				continue;
			}
			for (const [key, column] of columns) {
				if (text(row[key]) !== text(listed[key])) {
					problems.push(
						`${scope}: "${name}" has ${column} ${text(row[key])} in the code but ${text(listed[key])} in docs/contract.md (line ${listed.line})`,
					);
				}
			}
		}
	}
	return problems;
}

/** Every row and scope of the contract that the code does not declare. */
export function undeclared(declared: ParameterTables, documented: ParameterTables): string[] {
	const problems: string[] = [];
	for (const [scope, table] of documented) {
		const rows = declared.get(scope);
		for (const [name, row] of table) {
			if (rows?.has(name) !== true) {
				problems.push(
					`${scope}: docs/contract.md lists "${name}" (line ${row.line}), which the code does not declare${rows === undefined ? ' (the code has no parameter in this scope)' : ''}`,
				);
			}
		}
	}
	return problems;
}
